"""The Excel writer: a filters sheet first, then each table with Chinese headers, numbers as
numbers, a frozen bold header row, widths from the content, and formula-safe text."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from analysis.xlsxout import display_width, sheet_name, xlsx_bytes


def book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_workbook_holds_the_filters_then_each_table_with_types_kept():
    table = pd.DataFrame(
        {
            "乡镇": ["肖咀镇", "高楠镇"],
            "年度": pd.array([2023, None], dtype="Int64"),
            "合计": [3500.5, 12.0],
            "约数": [True, False],
            "成文日期": pd.to_datetime(["2024-03-20", None]),
        }
    )
    wb = book(xlsx_bytes({"乡镇指标": table, "另一表": table.head(1)}, about=[("报告年度", "2021–2023"), ("乡镇", "全部")]))
    assert wb.sheetnames == ["筛选条件", "乡镇指标", "另一表"]
    about = wb["筛选条件"]
    assert [[c.value for c in row] for row in about.iter_rows()] == [["项目", "内容"], ["报告年度", "2021–2023"], ["乡镇", "全部"]]
    ws = wb["乡镇指标"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["乡镇", "年度", "合计", "约数", "成文日期"],
        ["肖咀镇", 2023, 3500.5, "是", dt.datetime(2024, 3, 20)],
        ["高楠镇", None, 12, "否", None],
    ]
    assert [ws.cell(2, c).data_type for c in (1, 2, 3)] == ["s", "n", "n"]
    assert ws.freeze_panes == "A2" and about.freeze_panes == "A2"
    assert all(c.font.bold for c in ws[1])
    assert ws.column_dimensions["A"].width == 8  # 肖咀镇: three wide characters (6) + 2
    assert ws.column_dimensions["C"].width == 8  # 「3500.5」 6 + 2
    assert ws.column_dimensions["B"].width == 6  # at least MIN_WIDTH


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("控制\x07字符", "控制字符"),
        ("普通文字", "普通文字"),
    ],
)
def test_text_is_formula_safe_like_the_csv(text, written):
    ws = book(xlsx_bytes({"表": pd.DataFrame({"文字": [text]})}))["表"]
    assert ws["A2"].value == written
    assert ws["A2"].data_type == "s"


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("乡镇指标", [], "乡镇指标"),
        ("a/b:c*d?[e]\\f", [], "a_b_c_d__e__f"),
        ("", [], "表"),
        ("很" * 40, [], "很" * 31),
        ("表", ["表"], "表(2)"),
        ("表", ["表", "表(2)"], "表(3)"),
        ("很" * 31, ["很" * 31], "很" * 28 + "(2)"),
    ],
)
def test_sheet_names_are_ones_excel_accepts(name, taken, expected):
    assert sheet_name(name, taken) == expected


@pytest.mark.parametrize(("value", "width"), [("abc", 3), ("肖咀镇", 6), ("ab镇", 4), (None, 0), (12.5, 4)])
def test_display_width_counts_wide_characters_twice(value, width):
    assert display_width(value) == width


def test_long_text_columns_stop_at_the_maximum_width():
    ws = book(xlsx_bytes({"表": pd.DataFrame({"句子": ["很长的句子" * 30]})}))["表"]
    assert ws.column_dimensions["A"].width == 60
