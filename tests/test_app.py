"""AppTest over every page on the seed corpus, plus interactions, upload, admin lock and escaping."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import RAW, ROOT, report_text

LAWFUL = (
    "全年开展普法宣传活动15次，排查化解矛盾纠纷30件，聘请法律顾问1名，坚持依法行政，规范行政执法，组织干部集中学法6次，推进法治政府建设。"
)

PAGES = {
    "pages/views/overview.py": {"plotly_chart": 1, "dataframe": 3, "download_button": 3},
    "pages/views/trends.py": {"plotly_chart": 4, "dataframe": 4, "download_button": 4},
    "pages/views/compare.py": {"plotly_chart": 4, "dataframe": 4, "download_button": 4},
    "pages/views/keywords.py": {"plotly_chart": 1, "dataframe": 3, "download_button": 3, "image": 1},
    "pages/views/problems.py": {"plotly_chart": 1, "dataframe": 5, "download_button": 5},
    "pages/views/reader.py": {"plotly_chart": 0, "dataframe": 0, "download_button": 0},
}


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if page != "pages/views/overview.py":
        at.switch_page(page).run()
    return at


def count(at: AppTest, kind: str) -> int:
    return len(at.get(kind))


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_renders(app_db, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert {k: count(at, k) for k in PAGES[page]} == PAGES[page]
    assert at.title[0].value in {"总览", "趋势", "乡镇对比", "关键词", "存在问题", "报告阅读"}


def test_overview_tiles_follow_the_township_filter(app_db):
    at = open_page("pages/views/overview.py")
    assert [m.value for m in at.metric] == ["5", "5", "3", "14", "51"]
    at.multiselect(key="town").set_value(["肖咀镇", "高楠镇"]).run()
    assert [m.value for m in at.metric] == ["2", "2", "2", "5", "23"]


def test_compare_names_townships_without_indicators(app_db):
    at = open_page("pages/views/compare.py")
    assert at.multiselect(key="cmp_towns").value == ["大张楼镇", "桑柘镇", "肖咀镇", "长坪乡"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [trace["name"] for trace in spec["data"]] == ["桑柘镇", "肖咀镇", "长坪乡"]  # the seed report of 大张楼镇 counts nothing
    assert spec["layout"]["xaxis"]["categoryorder"] == "total descending"
    assert spec["layout"]["yaxis"].get("type") != "log"
    at.toggle(key="cmp_log").set_value(True).run()
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["yaxis"]["type"] == "log"
    assert "大张楼镇：所选报告中没有识别出量化指标，故不在图中。" in [c.value for c in at.caption]


def test_filters_that_match_nothing_explain_themselves(app_db):
    at = open_page("pages/views/problems.py")
    at.multiselect(key="kind").set_value(["other"]).run()
    at.select_slider(key="year").set_value((2021, 2021)).run()
    at.multiselect(key="town").set_value(["高楠镇"]).run()
    assert not at.exception
    assert "当前筛选条件下没有报告" in at.info[0].value


def test_kwic_and_keyword_filters(app_db):
    at = open_page("pages/views/keywords.py")
    at.text_input(key="kw_term").set_value("法律明白人").run()
    kwic = at.dataframe[2].value
    assert kwic["乡镇"].tolist() == ["肖咀镇"] and kwic["关键词"].tolist() == ["法律明白人"]
    at.multiselect(key="kind").set_value(["problems"]).run()
    top = at.dataframe[0].value
    assert top["词"].tolist()[:2] == ["执法", "依法行政"]


def test_problem_drill_down(app_db):
    at = open_page("pages/views/problems.py")
    recurring = at.dataframe[0].value
    assert recurring.iloc[0][["问题", "乡镇数"]].tolist() == ["执法人员业务素质不高", 2]
    members = at.dataframe[1].value
    assert sorted(members["乡镇"]) == ["大张楼镇", "肖咀镇"]
    at.selectbox(key="pb_cluster").set_value(9).run()  # 群众法治意识淡薄
    assert sorted(set(at.dataframe[1].value["乡镇"])) == ["大张楼镇", "长坪乡"]


def test_download_is_exactly_what_is_shown(app_db):
    at = open_page("pages/views/overview.py")
    at.multiselect(key="town").set_value(["高楠镇"]).run()
    button = next(b for b in at.download_button if b.key.startswith("ov_dl_reports-"))
    data = button.proto.data if hasattr(button.proto, "data") else None
    shown = at.dataframe[2].value
    assert shown["乡镇"].tolist() == ["高楠镇"]
    assert button.label == "下载 CSV（1 行）"
    assert data is None or data.startswith(b"\xef\xbb\xbf")


def test_upload_stores_a_report_and_shows_it(app_db, seed_texts):
    at = open_page("pages/views/overview.py")
    text = report_text(
        "高楠镇",
        "城口县",
        2023,
        achievements=[LAWFUL],
        problems=["基层执法力量薄弱，执法人员法律素养不高。"],
        plans=["加强普法宣传和法治教育。"],
    )
    at.file_uploader(key="ov_files").set_value(
        [("高楠镇_2023.txt", text.encode("gbk"), "text/plain"), ("空文件.txt", b"", "text/plain")]
    ).run()
    at.button(key="ov_import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    result = at.dataframe[0].value
    assert result[["文件", "结果"]].values.tolist() == [["高楠镇_2023.txt", "已入库"], ["空文件.txt", "被拒绝"]]
    assert result["说明"].tolist()[1] == "file is empty"
    assert [m.value for m in at.metric][0] == "6"


def test_admin_password_guards_upload(app_db, monkeypatch):
    monkeypatch.setenv("REPORTS_ADMIN_PASSWORD", "s3cret")
    at = open_page("pages/views/overview.py")
    at.file_uploader(key="ov_files").set_value(("x.txt", (RAW / "高楠镇_2022.txt").read_bytes(), "text/plain")).run()
    assert not at.button(key="ov_import") if False else all(b.key != "ov_import" for b in at.button)
    at.text_input(key="ov_password").set_value("wrong").run()
    assert at.error[0].value == "密码不正确。"
    at.text_input(key="ov_password").set_value("s3cret").run()
    assert any(b.key == "ov_import" for b in at.button)


def test_report_text_is_escaped(tmp_path, monkeypatch):
    from analysis.storage.ingest import ingest_paths

    evil = report_text(
        "桑柘镇",
        "彭水苗族土家族自治县",
        2022,
        achievements=[LAWFUL + "<script>alert('x')</script>"],
        problems=["[点我](javascript:alert(1)) **执法力量薄弱** <img src=x onerror=alert(1)>"],
        plans=["加强普法宣传。"],
    )
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "evil.txt").write_text(evil, encoding="utf-8")
    db = tmp_path / "evil.duckdb"
    ingest_paths([folder], db=db)
    monkeypatch.setenv("REPORTS_DB", str(db))
    at = open_page("pages/views/reader.py")
    assert not at.exception
    problem = at.error[0].value
    # brackets and colons were made full-width at ingest; every markdown/HTML character is escaped
    assert problem == r"\[点我\]（javascript：alert（1）） \*\*执法力量薄弱\*\* \<img src\=x onerror\=alert（1）\>"
    assert all("<script>" not in m.value for m in at.markdown)


def test_problems_page_when_no_problem_is_shared(app_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["town"] = ["肖咀镇", "高楠镇"]  # the two share no problem cluster
    at.run()
    at.switch_page("pages/views/problems.py")
    at.run()
    assert not at.exception
    assert not at.slider
    assert "没有两个以上乡镇共同提出的问题" in " ".join(c.value for c in at.caption)


def test_reader_shows_the_signing_date_as_a_date(app_db):
    at = open_page("pages/views/reader.py")
    assert not at.exception
    assert "**成文日期**  \n2023\\-02\\-18" in [m.value for m in at.markdown]  # escaped markdown of 2023-02-18


def test_reader_deletes_a_report_and_the_derived_tables_follow(app_db):
    from analysis.refresh import derived
    from analysis.storage import store

    at = open_page("pages/views/reader.py")
    assert at.selectbox(key="rd_town").value == "大张楼镇"
    at.button(key="rd_delete").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="rd_town").value == "桑柘镇"  # the page shows the next report
    with store.connect(app_db, read_only=True) as con:
        assert derived.is_fresh(con)
        left = con.execute("SELECT count(*), count(*) FILTER (WHERE township = '大张楼镇') FROM reports").fetchone()
        stale = con.execute("SELECT count(*) FROM problem_clusters WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
    assert (left, stale) == ((4, 0), 0)
