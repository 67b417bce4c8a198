"""AppTest of the county's desk (issue #26): 乡镇画像 opened by its link, with the figures of the
other pages; 全文检索 with highlighted hits, counts and downloads; every page's Excel workbook."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, town_names
from tests.test_app import PAGES, open_page


def open_with_link(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    return at


def test_profile_opens_on_the_township_in_its_link_with_the_compare_pages_figures(app_db):
    at = open_with_link("pages/views/profile.py", pf_town="肖咀镇（合水县）")
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="pf_town").value == "肖咀镇（合水县）"
    assert [s.value for s in at.subheader][:7] == [
        "报告与完整性",
        "量化指标（本年与上年）",
        "存在问题（按年度）",
        "计划与落实",
        "雷同文字",
        "在本区县的位置（各考核领域）",
        "概要与打印",
    ]
    mine = at.dataframe[1].value
    compare = open_page("pages/views/compare.py")
    compare.multiselect(key="cmp_towns").set_value(["肖咀镇", "高楠镇"]).run()
    theirs = compare.dataframe[0].value
    theirs = theirs[[t == "肖咀镇" for t in town_names(theirs["乡镇"])]]
    ours = sorted((m, float(str(v).rstrip("余"))) for m, v in zip(mine["指标"], mine["本年"]))
    assert ours == sorted((m, float(str(v).rstrip("余"))) for m, v in zip(theirs["指标"], theirs["合计"]))
    assert len(ours) == 7
    assert at.dataframe[0].value[["年度", "文件", "成文日期"]].values.tolist() == [[2023, "肖咀镇_2023.txt", "2024-03-20"]]
    word = next(b for b in at.download_button if b.key.startswith("pf_docx-"))
    assert word.label == "下载 Word 画像（一页）"


def test_profile_follows_a_single_township_filter(app_db):
    at = open_page("pages/views/overview.py")
    at.multiselect(key="town").set_value(["长坪乡"]).run()
    at.switch_page("pages/views/profile.py").run()
    assert at.selectbox(key="pf_town").value == "长坪乡（万州区）"
    at.selectbox(key="pf_town").set_value("高楠镇（城口县）").run()
    assert at.dataframe[0].value["文件"].tolist() == ["高楠镇_2022.txt"]


def test_search_shows_highlighted_sentences_by_report_with_counts(app_db):
    at = open_page("pages/views/search.py")
    assert at.caption[0].value == "输入检索词后显示含有它的句子，按报告归组；可下载全部结果。"
    at.text_input(key="sr_query").set_value("法律明白人").run()
    assert not at.exception, [e.value for e in at.exception]
    heads = [m.value for m in at.markdown if m.value.startswith("**[肖咀镇](/profile?pf_town=肖咀镇（合水县）) 2023**")]
    assert len(heads) == 1 and "在报告阅读中打开](/reader?rd_town=" in heads[0]
    quotes = [m.value for m in at.markdown if m.value.startswith(">")]
    assert quotes and all("**法律明白人**" in q for q in quotes)
    counts = at.dataframe[0].value
    assert counts.columns.tolist() == ["年度", "乡镇", "区县", "报告数", "句数"]
    assert counts[["乡镇", "报告数", "句数"]].values.tolist() == [["/profile?pf_town=肖咀镇（合水县）", 1, len(quotes)]]
    labels = [b.label for b in at.download_button]
    assert labels == ["下载 CSV（1 行）", "下载 Excel", "下载 CSV（全部行）", "下载 Excel（全部行）", "下载本页全部表格（Excel，2 张表）"]


def test_search_for_nothing_found_and_filters(app_db):
    at = open_page("pages/views/search.py")
    at.text_input(key="sr_query").set_value("没有这个词").run()
    assert at.info[0].value == "没有找到含有这些词的句子。"
    at.text_input(key="sr_query").set_value("普法").run()
    at.multiselect(key="town").set_value(["高楠镇"]).run()
    assert {m.value.split("**")[1] for m in at.markdown if m.value.startswith("**") and "·" in m.value} == {
        "[高楠镇](/profile?pf_town=高楠镇（城口县）) 2022"
    }


def test_a_search_link_opens_the_reader_on_that_report(app_db):
    at = open_with_link("pages/views/reader.py", rd_town="高楠镇", rd_report="高楠镇 2022 · 高楠镇_2022.txt")
    assert not at.exception
    assert at.selectbox(key="rd_town").value == "高楠镇"


@pytest.mark.parametrize("page", sorted(p for p, n in PAGES.items() if n["download_button"]))
def test_every_pages_excel_opens_with_the_filters_first_and_numbers_as_numbers(app_db, monkeypatch, page):
    import pages.downloads as downloads

    made = []  # (the table, the workbook's bytes): made when clicked, here at once
    real = downloads._xlsx_button

    def button(label, data, name, *, key):
        if not key.startswith("xlsx-page-"):  # the page's one workbook: tests/test_page_workbook.py
            made.append((data.args[0] if hasattr(data, "args") else None, data()))
        real(label, data, name, key=key)

    monkeypatch.setattr(downloads, "_xlsx_button", button)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if page != "pages/views/overview.py":
        made.clear()  # the default page's
        at.switch_page(page).run()
    assert not at.exception
    xlsx = [b for b in at.download_button if b.key.startswith("xlsx-") and not b.key.startswith("xlsx-page-")]
    assert len(xlsx) == len(made) == sum(1 for b in at.download_button if b.label.startswith("下载 CSV"))
    for df, data in made:
        if df is None:  # a 「全部行」 workbook: its rows are fetched when clicked
            continue
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book.sheetnames[0] == "筛选条件" and len(book.sheetnames) == 2
        assert [c.value for c in book["筛选条件"]["A"]][:3] == ["项目", "表格", "报告年度"]
        sheet = book[book.sheetnames[1]]
        assert [c.value for c in sheet[1]] == [str(c) for c in df.columns]
        assert sheet.freeze_panes == "A2"
        for i, col in enumerate(df.columns, start=1):
            if len(df) and str(df[col].dtype) in ("int64", "Int64", "float64"):
                assert {sheet.cell(r, i).data_type for r in range(2, len(df) + 2) if sheet.cell(r, i).value is not None} <= {"n"}, col


def test_a_bare_township_in_the_profiles_link_opens_that_township(app_db):
    at = open_with_link("pages/views/profile.py", pf_town="高楠镇")
    assert not at.exception
    assert at.selectbox(key="pf_town").value == "高楠镇（城口县）"


@pytest.mark.parametrize(
    ("township", "county", "url", "link"),
    [
        ("高楠镇", "城口县", "/profile?pf_town=高楠镇（城口县）", "[高楠镇](/profile?pf_town=高楠镇（城口县）)"),
        ("高楠镇", None, "/profile?pf_town=高楠镇", "[高楠镇](/profile?pf_town=高楠镇)"),
        ("A&B镇 (新)", float("nan"), "/profile?pf_town=A%26B镇%20%28新%29", r"[A\&B镇 \(新\)](/profile?pf_town=A%26B镇%20%28新%29)"),
    ],
)
def test_a_townships_profile_address(township, county, url, link):
    from pages.text import profile_link, profile_url

    assert (profile_url(township, county), profile_link(township, county)) == (url, link)


def _link_table(frame) -> None:
    """A page drawing ``frame`` with its 乡镇 as links (AppTest.from_function runs this alone)."""
    from pages.downloads import table

    table(frame, "乡镇链接", key="t_links", towns=True)


@pytest.mark.parametrize(
    ("township", "county"),
    [
        ("肖咀镇", "合水县"),
        ("肖咀镇", None),
        ("城关镇（筹）", "合水县"),  # the full-width bracket that parts a township from its county in the address
        ("A&B镇", "合水县"),
        ("100%镇", None),
        ("新+老镇", "合水县"),
        ("一 二镇#3", "合水县"),
    ],
)
def test_a_link_cell_shows_the_plain_township_name_however_its_address_is_escaped(app_db, township, county):
    """The link cell's text is the township as written (a Styler display value, which Streamlit's
    LinkColumn shows when it has no display_text), while the cell opens its 乡镇画像; the
    shares beside it as readable() rounds them."""
    import pyarrow as pa
    from streamlit.testing.v1 import AppTest

    from pages.text import profile_url

    frame = pd.DataFrame({"乡镇": [township, "长坪乡"], "区县": [county, "万州区"], "占比": [0.5, 0.123]})
    at = AppTest.from_function(_link_table, args=(frame,), default_timeout=30).run()
    assert not at.exception, [e.value for e in at.exception]
    proto = at.dataframe[0].proto
    shown = pa.ipc.open_stream(proto.arrow_data.styler.display_values).read_pandas()
    assert shown["乡镇"].tolist() == [township, "长坪乡"]
    assert shown["占比"].tolist() == ["0.5", "0.12"]
    assert at.dataframe[0].value["乡镇"].tolist() == [profile_url(township, county), profile_url("长坪乡", "万州区")]
    assert '"display_text"' not in proto.columns


def test_the_view_is_in_the_link_compare_problems_and_kwic(app_db):
    """Part 6: 乡镇对比's townships, 存在问题's problem and the KWIC word open from a shared link."""
    at = open_with_link("pages/views/compare.py", cmp_towns=["长坪乡", "高楠镇"])
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="cmp_towns").value == ["长坪乡", "高楠镇"]

    problems = open_page("pages/views/problems.py")
    box = problems.selectbox(key="pb_cluster")
    ids = [v for v in range(1000) if box.format_func(v) is not None]  # the groups it offers (labels by id)
    assert len(ids) == len(box.options) >= 2
    second = next(v for v in ids if v != box.value)
    linked = open_with_link("pages/views/problems.py", pb_cluster=box.format_func(second))  # the link holds the label shown
    assert not linked.exception, [e.value for e in linked.exception]
    assert linked.selectbox(key="pb_cluster").value == second

    kwic = open_with_link("pages/views/keywords.py", kw_term="村规民约")
    assert not kwic.exception, [e.value for e in kwic.exception]
    assert kwic.text_input(key="kw_term").value == "村规民约"
