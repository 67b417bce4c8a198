"""AppTest over every page on the seed corpus, plus interactions, upload, admin lock and escaping."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import RAW, ROOT, report_text, town_names

LAWFUL = (
    "全年开展普法宣传活动15次，排查化解矛盾纠纷30件，聘请法律顾问1名，坚持依法行政，规范行政执法，组织干部集中学法6次，推进法治政府建设。"
)

# every table has two downloads (CSV and Excel); a page with tables adds its one workbook of them
# all (in the sidebar), 乡镇画像 its Word profile
PAGES = {
    "pages/views/overview.py": {"plotly_chart": 1, "dataframe": 5, "download_button": 11},
    "pages/views/trends.py": {"plotly_chart": 4, "dataframe": 4, "download_button": 9},
    "pages/views/compare.py": {"plotly_chart": 4, "dataframe": 4, "download_button": 9},
    "pages/views/keywords.py": {"plotly_chart": 1, "dataframe": 3, "download_button": 7, "image": 1},
    "pages/views/problems.py": {"plotly_chart": 1, "dataframe": 5, "download_button": 11},
    "pages/views/reader.py": {"plotly_chart": 0, "dataframe": 0, "download_button": 0},
    "pages/views/profile.py": {"plotly_chart": 0, "dataframe": 5, "download_button": 12},
    "pages/views/search.py": {"plotly_chart": 0, "dataframe": 0, "download_button": 0},
    "pages/views/manage.py": {"plotly_chart": 0, "dataframe": 0, "download_button": 0},
}


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if page != "pages/views/overview.py":
        at.switch_page(page).run()
    return at


@pytest.fixture(scope="module")
def rendered(seed_db, tmp_path_factory):
    """page → that page opened once on its own copy of the seed store (no admin password), shared
    by the tests below that only read what it shows; tests that click or write open their own."""
    import shutil

    db = tmp_path_factory.mktemp("rendered") / "app.duckdb"
    shutil.copy(seed_db, db)
    opened: dict[str, AppTest] = {}

    def render(page: str) -> AppTest:
        if page not in opened:
            with pytest.MonkeyPatch.context() as env:
                env.setenv("REPORTS_DB", str(db))
                env.delenv("REPORTS_ADMIN_PASSWORD", raising=False)
                opened[page] = open_page(page)
        return opened[page]

    return render


def count(at: AppTest, kind: str) -> int:
    return len(at.get(kind))


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_renders(rendered, page):
    at = rendered(page)
    assert not at.exception, [e.value for e in at.exception]
    assert {k: count(at, k) for k in PAGES[page]} == PAGES[page]
    # Streamlit's own "Select all" (English) is switched off in every multiselect
    assert [(m.key, m.proto.select_all) for m in at.multiselect] == [(m.key, 0) for m in at.multiselect]
    assert at.title[0].value in {"总览", "趋势", "乡镇对比", "关键词", "存在问题", "报告阅读", "乡镇画像", "全文检索", "数据管理"}


def test_overview_tiles_follow_the_township_filter(app_db):
    at = open_page("pages/views/overview.py")
    assert [m.value for m in at.metric][:5] == ["5", "5", "3", "14", "52"]
    at.multiselect(key="town").set_value(["肖咀镇", "高楠镇"]).run()
    assert [m.value for m in at.metric][:5] == ["2", "2", "2", "5", "24"]


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
    assert sorted(members["乡镇"]) == ["/profile?pf_town=大张楼镇（嘉祥县）", "/profile?pf_town=肖咀镇（合水县）"]  # links to 乡镇画像
    at.selectbox(key="pb_cluster").set_value(9).run()  # 群众法治意识淡薄
    assert sorted(set(town_names(at.dataframe[1].value["乡镇"]))) == ["大张楼镇", "长坪乡"]


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
    assert result["说明"].tolist() == ["高楠镇 2023", "文件是空的"]
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


def test_choosing_a_file_starts_the_parse_workers_before_the_password(app_db, monkeypatch):
    """The fork server warms (niced) while the admin types the password, and big freed buffers
    go back to the system: only once a file is chosen."""
    import pages.panels

    calls = []
    monkeypatch.setattr(pages.panels, "start_upload_workers", lambda: calls.append("fork server"))
    monkeypatch.setattr(pages.panels, "unmap_big_buffers", lambda: calls.append("unmap"))
    monkeypatch.setenv("REPORTS_ADMIN_PASSWORD", "s3cret")
    at = open_page("pages/views/overview.py")
    assert calls == []
    at.file_uploader(key="ov_files").set_value(("x.txt", (RAW / "高楠镇_2022.txt").read_bytes(), "text/plain")).run()
    assert (calls, [b.key for b in at.button if b.key == "ov_import"]) == (["fork server", "unmap"], [])


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
    report = at.selectbox(key="rd_report").value
    assert at.button(key="rd_delete").disabled  # nothing is deleted before the report is named and confirmed
    assert at.checkbox(key=f"rd_confirm_{report}").label == "确认删除「大张楼镇 2022 · 大张楼镇_2022.txt」"
    at.checkbox(key=f"rd_confirm_{report}").check().run()
    at.button(key="rd_delete").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[0].value == "已将「大张楼镇 2022 · 大张楼镇\\_2022\\.txt」移入回收站（可在「数据管理」页恢复）。"  # escaped markdown
    assert at.selectbox(key="rd_town").value == "桑柘镇"  # the page shows the next report
    assert at.button(key="rd_delete").disabled  # … and a second click deletes nothing
    with store.connect(app_db, read_only=True) as con:
        assert derived.is_fresh(con)
        left = con.execute("SELECT count(*), count(*) FILTER (WHERE township = '大张楼镇') FROM reports").fetchone()
        stale = con.execute("SELECT count(*) FROM problem_clusters WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
        binned = con.execute("SELECT file FROM trash_reports").fetchall()
    assert (left, stale, binned) == ((4, 0), 0, [("大张楼镇_2022.txt",)])


def test_the_trash_restores_and_purges_with_confirmation_and_logs_each_action(app_db):
    at = open_page("pages/views/reader.py")
    at.text_input(key="rd_who").set_value("张三").run()
    report = at.selectbox(key="rd_report").value
    at.checkbox(key=f"rd_confirm_{report}").check().run()
    at.button(key="rd_delete").click().run()
    at.switch_page("pages/views/manage.py").run()
    assert not at.exception, [e.value for e in at.exception]
    binned = at.dataframe[0].value
    assert binned[["乡镇", "年度", "文件", "删除人"]].values.tolist() == [["大张楼镇", 2022, "大张楼镇_2022.txt", "张三"]]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", binned["删除时间"].iloc[0])
    assert at.text_input(key="mg_who").value == "张三"  # the name typed for the deletion is offered again
    at.button(key="mg_restore").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[0].value == "已恢复「大张楼镇 2022 · 大张楼镇\\_2022\\.txt」，各页面已重新显示。"
    assert "回收站是空的。在「报告阅读」页删除的报告会先移到这里。" in [c.value for c in at.caption]
    at.switch_page("pages/views/reader.py").run()
    assert "大张楼镇" in at.selectbox(key="rd_town").options  # back on every page
    at.selectbox(key="rd_town").set_value("大张楼镇").run()
    report = at.selectbox(key="rd_report").value
    at.checkbox(key=f"rd_confirm_{report}").check().run()
    at.button(key="rd_delete").click().run()
    at.switch_page("pages/views/manage.py").run()
    assert at.button(key="mg_purge").disabled  # purging asks its own confirmation
    assert at.checkbox(key=f"mg_confirm_{report}").label == "确认彻底删除「大张楼镇 2022 · 大张楼镇\\_2022\\.txt」（不能恢复）"
    at.checkbox(key=f"mg_confirm_{report}").check().run()
    at.button(key="mg_purge").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[0].value == "已彻底删除「大张楼镇 2022 · 大张楼镇\\_2022\\.txt」。"
    log = at.dataframe[0].value
    assert list(log.columns) == ["时间", "操作人", "操作", "对象", "修改前", "修改后"]
    assert log.iloc[:, 1:].values.tolist() == [
        ["张三", "彻底删除", "大张楼镇 2022 · 大张楼镇_2022.txt", "回收站", "已彻底删除"],
        ["张三", "删除（移入回收站）", "大张楼镇 2022 · 大张楼镇_2022.txt", "在库", "回收站"],
        ["张三", "恢复", "大张楼镇 2022 · 大张楼镇_2022.txt", "回收站", "在库"],
        ["张三", "删除（移入回收站）", "大张楼镇 2022 · 大张楼镇_2022.txt", "在库", "回收站"],
    ]
    assert any(b.label == "下载 CSV（4 行）" and b.key.startswith("mg_dl_history-") for b in at.download_button)


def _rename_first_problem(who: str):
    """存在问题 with its first problem renamed 执法人员素质有待提高 by ``who`` (the page after the rerun)."""
    at = open_page("pages/views/problems.py")
    at.text_input(key="pb_who").set_value(who).run()
    code = next(k for k in at.session_state if str(k).startswith("pb_fix_name_"))
    at.text_input(key=code).set_value("执法人员素质有待提高").run()
    at.button(key="pb_fix_rename").click().run()
    return at


def test_the_history_shows_corrections_and_uploads_beside_deletions(app_db):
    at = _rename_first_problem("李四")
    at.switch_page("pages/views/overview.py").run()
    upload = report_text("高楠镇", "城口县", 2023, achievements=[LAWFUL], problems=["执法人员不足。"], plans=["加强执法队伍建设。"])
    at.file_uploader(key="ov_files").set_value([("高楠镇_2023.txt", upload.encode(), "text/plain")]).run()
    assert at.text_input(key="ov_who").value == "李四"
    at.button(key="ov_import").click().run()
    at.switch_page("pages/views/manage.py").run()
    assert not at.exception, [e.value for e in at.exception]
    log = at.dataframe[0].value
    assert log.iloc[:, 1:].values.tolist() == [
        ["李四", "上传", "高楠镇 2023 · 高楠镇_2023.txt", "—", "已入库"],
        ["李四", "问题归类校正：重命名", "问题名称", "「执法人员业务素质不高」", "「执法人员素质有待提高」"],
    ]


def test_compare_similarity_lists_each_pair_once_and_by_township_or_year(app_db):
    at = open_page("pages/views/compare.py")
    assert at.multiselect(key="cmp_towns").max_selections == 10
    pairs = at.dataframe[3].value
    assert list(pairs.columns) == ["乡镇甲", "年度甲", "乡镇乙", "年度乙", "文字相似度"]
    assert len(pairs) == 6  # four townships, one report each: every pair once, none with itself
    assert not (pairs["乡镇甲"] == pairs["乡镇乙"]).any()
    assert len({frozenset(p) for p in zip(pairs["乡镇甲"], pairs["乡镇乙"])}) == 6
    assert pairs["文字相似度"].tolist() == sorted(pairs["文字相似度"], reverse=True)
    assert all(round(x, 2) == x for x in pairs["文字相似度"])
    spec = json.loads(at.get("plotly_chart")[3].proto.spec)
    assert spec["data"][0]["x"] == ["大张楼镇", "桑柘镇", "肖咀镇", "长坪乡"]
    at.radio(key="cmp_sim_by").set_value("year").run()
    assert at.selectbox(key="cmp_sim_year").value == 2022  # the year most of them reported on
    spec = json.loads(at.get("plotly_chart")[3].proto.spec)
    assert spec["data"][0]["x"] == ["大张楼镇 2022", "长坪乡 2022"]


def test_make_run_serves_the_store_it_ingested(tmp_path):
    import subprocess

    other = tmp_path / "other.duckdb"
    plan = subprocess.run(["make", "-n", "-B", "run", f"DB={other}"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    ingest, serve = (line for line in plan.splitlines() if "analysis ingest" in line or "pages.serve" in line)
    assert f"--db {other}" in ingest
    assert serve.startswith(f"REPORTS_DB={other} ")


def test_tab_icon_is_drawn_locally():
    """A ":material/…:" tab icon is fetched from fonts.gstatic.com (offline intranets cannot); the
    browser test checks that no page makes a request off the machine."""
    assert 'page_icon="⚖️"' in (ROOT / "app.py").read_text(encoding="utf-8")


def test_kwic_says_when_it_stops_at_its_cap(app_db, monkeypatch):
    import pages.sections.keywords

    monkeypatch.setattr(pages.sections.keywords, "KWIC_LIMIT", 10)
    at = open_page("pages/views/keywords.py")
    at.text_input(key="kw_term").set_value("执法").run()
    assert len(at.dataframe[2].value) == 10
    assert "「执法」在 5 份报告中出现 132 次，下表只列出前 10 条；下载的 CSV 含全部 132 条。可用左侧筛选缩小范围。" in [
        c.value for c in at.caption
    ]
    assert any(b.label == "下载 CSV（全部行）" and b.key.startswith("kw_dl_kwic-") for b in at.download_button)
    assert set(at.dataframe[2].value["章节类型"]) <= {"前言", "举措成效", "第一责任人职责", "问题不足", "下步计划", "意见建议", "其他事项"}


def test_kwic_without_a_limit_gives_every_line(seed_db):
    from analysis.insights.keywords import kwic, kwic_total
    from analysis.storage import store

    with store.connect(seed_db, read_only=True) as con:
        assert kwic_total(con, term="执法").values.tolist() == [[132, 5]]
        assert len(kwic(con, term="执法", limit=None)) == 132
        assert len(kwic(con, term="执法", limit=10)) == 10


def test_delete_asks_for_the_password_again_after_each_deletion(app_db, monkeypatch):
    monkeypatch.setenv("REPORTS_ADMIN_PASSWORD", "s3cret")
    at = open_page("pages/views/reader.py")
    assert all(b.key != "rd_delete" for b in at.button)
    at.text_input(key="rd_password").set_value("s3cret").run()
    report = at.selectbox(key="rd_report").value
    at.checkbox(key=f"rd_confirm_{report}").check().run()
    at.button(key="rd_delete").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert all(b.key != "rd_delete" for b in at.button)  # locked again
    assert at.text_input(key="rd_password").value == ""
    assert "密码不正确。" not in [e.value for e in at.error]


def test_corrections_say_saved_refresh_the_picker_search_and_log_in_chinese(app_db):
    at = _rename_first_problem("张三")
    assert not at.exception, [e.value for e in at.exception]
    assert "校正已保存，各页面已更新。" in [s.value for s in at.success]  # shown after the rerun
    assert at.selectbox(key="pb_cluster").options[0] == "执法人员素质有待提高（行政执法，2 个乡镇）"
    log = at.dataframe[2].value
    assert list(log.columns) == ["时间", "校正人", "操作", "内容（校正前 → 校正后）"]
    assert log.iloc[0, 1:].tolist() == ["张三", "重命名", "「执法人员业务素质不高」→「执法人员素质有待提高」"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", log.iloc[0, 0])
    at.text_input(key="pb_fix_search").set_value("法治意识").run()  # items of other problems too
    found = at.selectbox(key="pb_fix_item").options
    assert found and all("法治意识" in o for o in found)
    assert any("群众法治意识淡薄" in o for o in found)


ALLOWED_WORDS = {"Word", "PDF", "UTF", "GBK", "CSV", "Excel"}


def latin_words(value: object) -> set[str]:
    """Words in Latin letters a reviewer would read as English (file names' extensions aside)."""
    return set(re.findall(r"[A-Za-z]{2,}", re.sub(r"\S*\.[a-z]+\b", "", str(value)))) - ALLOWED_WORDS


@pytest.mark.parametrize("page", sorted(PAGES))
def test_tables_and_labels_are_in_chinese(rendered, page):
    """Column names and values, captions, labels: no English, no raw timestamps, None or codes."""
    at = rendered(page)
    found = set()
    for frame in at.dataframe:
        df = frame.value
        found |= {w for c in df.columns for w in latin_words(c)}
        for col in df.columns:
            if df[col].dtype == object:
                found |= {w for v in df[col].dropna().unique() for w in latin_words(v)}
            found |= {bad for bad in ("00:00:00", "None", "nan") if df[col].astype(str).str.contains(bad).any()}
    for element in (*at.caption, *at.subheader, *at.info, *at.warning):
        found |= latin_words(element.value)
    assert found == set()


def chart_words(spec: dict) -> set[str]:
    """English in a plotly chart's axis, legend and colour-bar titles and its hover text."""
    texts = []

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("text", "hovertemplate", "tickformat"):
            texts.append(re.sub(r"%\{[^}]*\}|<[^>]+>", " ", node) if key != "tickformat" else "")

    walk(spec.get("layout", {}))
    walk(spec.get("data", []))
    return {w for t in texts for w in latin_words(t)}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_charts_are_labelled_in_chinese_with_whole_number_count_axes(rendered, page):
    at = rendered(page)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert {w for s in specs for w in chart_words(s)} == set()
    for spec in specs:
        layout = spec["layout"]
        for axis in ("xaxis", "yaxis"):
            title = layout.get(axis, {}).get("title", {}).get("text", "")
            if title in ("出现次数", "数量", "合计"):  # counts: ticks at whole numbers
                assert layout[axis].get("tickformat") == ",d" or layout[axis].get("dtick") == 1, (title, layout[axis])


def test_tables_write_values_as_people_do():
    import pandas as pd

    from pages.downloads import on_screen, readable

    df = pd.DataFrame(
        {
            "issued": pd.to_datetime(["2023-02-18", None]),
            "year": [2024.0, None],
            "cosine": [0.3109999895095825, 0.5],
            "approx": [True, False],
            "township": ["肖咀镇", None],
        }
    )
    assert readable(df).astype(object).where(readable(df).notna(), None).values.tolist() == [
        ["2023-02-18", 2024, 0.31, "是", "肖咀镇"],
        [None, None, 0.5, "否", None],
    ]
    # a column with a gap is text throughout on screen (numbers and — together cannot go to the browser as numbers)
    shown = on_screen(df)
    assert shown.values.tolist() == [["2023-02-18", "2024", 0.31, "是", "肖咀镇"], ["—", "—", 0.5, "否", "—"]]
    import pyarrow as pa

    pa.Table.from_pandas(shown)  # raised ArrowInvalid for the year column before


def test_analysis_serve_starts_the_dashboard_on_the_given_store(tmp_path, monkeypatch):
    import subprocess
    import sys

    from analysis import cli

    calls = []
    monkeypatch.setattr(subprocess, "call", lambda args, **kw: calls.append((args, kw)) or 0)
    assert cli.main(["serve", "--db", str(tmp_path / "县.duckdb"), "--port", "8600"]) == 0
    ((args, kw),) = calls
    assert args == [sys.executable, "-m", "pages.serve", "--server.port", "8600"]
    assert kw["env"]["REPORTS_DB"] == str(tmp_path / "县.duckdb") and kw["cwd"] == ROOT


def test_the_section_kind_filter_drives_the_keyword_trend_and_is_disabled_where_it_cannot(app_db):
    from pages.filters import WHOLE_REPORTS

    at = open_page("pages/views/overview.py")
    assert at.multiselect(key="kind").disabled
    assert WHOLE_REPORTS in [c.value for c in at.sidebar.caption]
    at.switch_page("pages/views/trends.py").run()
    assert not at.multiselect(key="kind").disabled
    assert WHOLE_REPORTS not in [c.value for c in at.sidebar.caption]
    every = json.loads(at.get("plotly_chart")[-1].proto.spec)["data"]  # the keyword trend, the last chart
    charts = len(at.get("plotly_chart"))
    at.multiselect(key="kind").set_value(["problems"]).run()
    assert not at.exception, [e.value for e in at.exception]
    # the indicators follow the kinds too: a problems section states no done work, so no chart
    assert len(at.get("plotly_chart")) == charts - 1
    assert "筛选范围内的报告没有可比较的量化指标。" in [i.value for i in at.info]
    problems = json.loads(at.get("plotly_chart")[-1].proto.spec)["data"]
    assert [t["name"] for t in problems] == [t["name"] for t in every]
    assert [t["y"] for t in problems] != [t["y"] for t in every]  # the trend follows the chosen section kinds
    captions = [c.value for c in at.caption]
    assert "只统计所选章节类型（问题不足）中的词。" in captions
    assert "只统计所选章节类型（问题不足）中的数字。" in captions
    assert captions.count("本图按整份报告统计，不受左侧「章节类型」筛选影响。") == 2
