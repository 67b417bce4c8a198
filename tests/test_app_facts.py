"""报告阅读's correction of a report's facts: saved with a reason, shown as a correction, refused in
Chinese when it would collide with another report, and followed by every page."""

from __future__ import annotations

from tests.test_app import open_page


def _correct(at, report: int, *, reason: str = "标题中的乡镇名写错", **values):
    for field, value in values.items():
        at.text_input(key=f"rd_fact_{field}_{report}").set_value(value)
    at.text_input(key=f"rd_fact_reason_{report}").set_value(reason)
    at.text_input(key=f"rd_fact_who_{report}").set_value("王科长")
    return at.button(key="rd_fact_save").click().run()


def test_an_admin_corrects_a_township_and_every_page_follows(app_db):
    from analysis.refresh import derived
    from analysis.storage import store

    at = open_page("pages/views/reader.py")
    report = at.selectbox(key="rd_report").value
    assert at.text_input(key=f"rd_fact_township_{report}").value == "大张楼镇"
    _correct(at, report, township="鸡鸣乡", year="2021")
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[0].value == "已更正：乡镇：大张楼镇 → 鸡鸣乡；年度：2022 → 2021。各页面已更新。"
    assert (at.selectbox(key="rd_town").value, at.selectbox(key="rd_report").value) == ("鸡鸣乡", report)
    assert "**乡镇**  \n[鸡鸣乡](/profile?pf_town=鸡鸣乡（嘉祥县）)" in [m.value for m in at.markdown]
    assert "以下信息已由管理员在报告阅读页更正：乡镇、年度" in [w.value for w in at.warning]
    log = at.dataframe[0].value
    assert log.drop(columns="时间").values.tolist() == [
        ["王科长", "乡镇", "大张楼镇 → 鸡鸣乡", "标题中的乡镇名写错"],
        ["王科长", "年度", "2022 → 2021", "标题中的乡镇名写错"],
    ]
    with store.connect(app_db, read_only=True) as con:
        assert derived.is_fresh(con)
    at.switch_page("pages/views/compare.py").run()  # the other pages read the corrected store
    assert "鸡鸣乡" in at.multiselect(key="cmp_towns").options and "大张楼镇" not in at.multiselect(key="cmp_towns").options


def test_a_correction_onto_another_reports_township_and_year_is_refused_in_chinese(app_db):
    at = open_page("pages/views/reader.py")
    report = at.selectbox(key="rd_report").value
    _correct(at, report, township="高楠镇")
    assert not at.exception
    # the report's own problems are st.error boxes too; the panel's message comes after them
    assert (
        at.error[-1].value == "库中已有高楠镇 2022年度的报告（高楠镇\\_2022\\.txt）：同一乡镇同一年度只能有一份，请先更正或删除那份报告"
    )  # escaped markdown
    assert at.selectbox(key="rd_town").value == "大张楼镇"


def test_a_correction_without_a_reason_is_refused(app_db):
    at = open_page("pages/views/reader.py")
    report = at.selectbox(key="rd_report").value
    _correct(at, report, reason="", county="武冈市")
    assert at.error[-1].value == "请填写更正理由"
