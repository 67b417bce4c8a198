"""Every page's one workbook: 「筛选条件」 first, then a sheet per table the page drew, in order,
with valid unique sheet names and the rows and headers shown on screen."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from pages.downloads import PAGE_TABLES, page_book
from tests.test_app import PAGES, open_page


@pytest.mark.parametrize("page", [p for p, n in PAGES.items() if n["dataframe"]])
def test_a_page_offers_one_workbook_of_all_its_tables(app_db, page):
    at = open_page(page)
    assert not at.exception
    buttons = [b for b in at.sidebar.get("download_button") if b.proto.label.startswith("下载本页全部表格")]
    drawn = at.session_state[PAGE_TABLES]
    assert [b.proto.label for b in buttons] == [f"下载本页全部表格（Excel，{len(drawn)} 张表）"]
    assert len(drawn) == PAGES[page]["dataframe"]  # every table on the page, each once
    book = load_workbook(io.BytesIO(page_book(drawn, about=[("页面", "测试")])))
    names = book.sheetnames
    assert names[0] == "筛选条件" and len(names) == len(drawn) + 1
    assert len({n.lower() for n in names}) == len(names)
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
    shown = [d.value for d in at.dataframe]
    for ws, frame in zip(book.worksheets[1:], shown):
        assert [c.value for c in ws[1]] == [str(c) for c in frame.columns]
        assert ws.max_row == len(frame) + 1


def test_pages_without_tables_offer_no_workbook(app_db):
    at = open_page("pages/views/search.py")
    assert not [b for b in at.sidebar.get("download_button") if b.proto.label.startswith("下载本页全部表格")]


def test_two_tables_of_one_name_get_two_sheets():
    import pandas as pd

    drawn = [("指标/表:一", lambda: pd.DataFrame({"a": [1]})), ("指标/表:一", lambda: pd.DataFrame({"b": [2.5]}))]
    book = load_workbook(io.BytesIO(page_book(drawn, about=[])))
    assert book.sheetnames == ["筛选条件", "指标_表_一", "指标_表_一(2)"]
    assert [[c.value for c in row] for row in book["指标_表_一(2)"].iter_rows()] == [["b"], [2.5]]
