"""Who still owes a report: jurisdiction and deadline in the store's meta table, and each
township's status for a year (on time, late, undated, missing)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from analysis.errors import ReportError
from analysis.insights import reporting as rp
from analysis.storage import store
from tests.conftest import report_text

LAWFUL = "全年开展普法宣传活动15次，排查化解矛盾纠纷30件，聘请法律顾问1名，组织干部集中学法6次，推进法治政府建设。"


def signed(township: str, county: str, year: int, day: str | None) -> str:
    text = report_text(township, county, year, achievements=[LAWFUL], problems=["执法力量薄弱。"], plans=["加强普法宣传。"])
    return text + (f"{county}{township}人民政府\n{day}\n" if day else "")


@pytest.fixture(scope="module")
def owed_db(tmp_path_factory):
    """城口县: 高楠镇 on time, 葛城街道 late (2023-04-15), 东安镇 undated (2022); 高楠镇 2021 on time."""
    from analysis.storage.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("owed")
    for name, (town, year, day) in {
        "高楠镇_2022.txt": ("高楠镇", 2022, "2023年3月20日"),
        "葛城街道_2022.txt": ("葛城街道", 2022, "2023年4月15日"),
        "东安镇_2022.txt": ("东安镇", 2022, None),
        "高楠镇_2021.txt": ("高楠镇", 2021, "2022年2月1日"),
    }.items():
        (folder / name).write_text(signed(town, "城口县", year, day), encoding="utf-8")
    db = tmp_path_factory.mktemp("owed_db") / "reports.duckdb"
    assert [o.status for o in ingest_paths([folder], db=db, workers=1)] == ["stored"] * 4
    return db


@pytest.fixture
def con(owed_db, tmp_path):
    import shutil

    path = tmp_path / "owed.duckdb"
    shutil.copy(owed_db, path)
    with duckdb.connect(str(path)) as c:
        yield c


def test_jurisdiction_is_inferred_then_stored(con):
    assert rp.jurisdiction(con) == rp.Jurisdiction("county", "城口县", inferred=True)
    assert rp.jurisdiction(con).describe() == "城口县（本县，按报告推断）"
    rp.set_jurisdiction(con, "city", "重庆市")
    assert rp.jurisdiction(con) == rp.Jurisdiction("city", "重庆市")
    assert store.get_meta(con, "jurisdiction") == "city|重庆市"


@pytest.mark.parametrize(("stored", "after"), [(("city", "重庆市"), None), (None, None)])
def test_a_cleared_jurisdiction_is_inferred_again(con, stored, after):
    if stored:
        rp.set_jurisdiction(con, *stored)
    rp.clear_jurisdiction(con)
    assert store.get_meta(con, "jurisdiction") is after
    assert rp.jurisdiction(con) == rp.Jurisdiction("county", "城口县", inferred=True)


@pytest.mark.parametrize(("level", "name"), [("county", "没有这个县"), ("village", "城口县"), ("province", "城口县")])
def test_an_unknown_jurisdiction_is_refused(con, level, name):
    with pytest.raises(ReportError):
        rp.set_jurisdiction(con, level, name)
    assert store.get_meta(con, "jurisdiction") is None


def test_a_store_without_reports_has_no_jurisdiction():
    with duckdb.connect() as c:
        c.execute(store.SCHEMA)
        assert rp.jurisdiction(c) is None
        assert rp.report_status(c, year=2022).empty


@pytest.mark.parametrize(
    ("rule", "year", "due"),
    [
        ((3, 31), 2022, dt.date(2023, 3, 31)),
        ((1, 15), 2023, dt.date(2024, 1, 15)),
        ((2, 29), 2022, dt.date(2023, 2, 28)),
        ((2, 29), 2023, dt.date(2024, 2, 29)),
    ],
)
def test_deadline_for(rule, year, due):
    assert rp.deadline_for(year, rule) == due


@pytest.mark.parametrize(("month", "day"), [(2, 30), (13, 1), (0, 5), (4, 31)])
def test_an_impossible_deadline_is_refused(con, month, day):
    with pytest.raises(ReportError):
        rp.set_deadline(con, month, day)
    assert rp.deadline_rule(con) == (3, 31)


def test_township_level_units_only():
    towns = rp.expected_townships(rp.Jurisdiction("county", "城口县"))
    assert len(towns) == 25
    assert {"高楠镇", "葛城街道", "北屏乡"} <= set(towns.township)
    assert all(t.endswith(("镇", "乡", "街道", "苏木")) for t in towns.township)


def test_status_for_a_year(con):
    status = rp.report_status(con, year=2022)
    assert rp.status_counts(status) == {"未报送": 22, "逾期报送": 1, "已报送（成文日期未识别）": 1, "按时报送": 1}
    reported = status[status.status != "未报送"]
    assert reported[["township", "status", "days_late"]].astype(object).where(
        reported[["township", "status", "days_late"]].notna(), None
    ).values.tolist() == [
        ["葛城街道", "逾期报送", 15],
        ["东安镇", "已报送（成文日期未识别）", None],
        ["高楠镇", "按时报送", None],
    ]
    assert status.status.iloc[0] == "未报送"


def test_the_deadline_moves_a_report_between_on_time_and_late(con):
    rp.set_deadline(con, 4, 30)
    status = rp.report_status(con, year=2022).set_index("township").status
    assert (status["葛城街道"], status["高楠镇"]) == ("按时报送", "按时报送")
    rp.set_deadline(con, 3, 1)
    status = rp.report_status(con, year=2022).set_index("township").status
    assert (status["葛城街道"], status["高楠镇"]) == ("逾期报送", "逾期报送")


def test_a_year_nobody_reported_lists_every_township_as_missing(con):
    assert rp.status_counts(rp.report_status(con, year=2019)) == {"未报送": 25, "逾期报送": 0, "已报送（成文日期未识别）": 0, "按时报送": 0}


@pytest.fixture
def owed_app(owed_db, tmp_path, monkeypatch):
    import shutil

    db = tmp_path / "app.duckdb"
    shutil.copy(owed_db, db)
    monkeypatch.setenv("REPORTS_DB", str(db))
    monkeypatch.delenv("REPORTS_ADMIN_PASSWORD", raising=False)
    return db


def open_overview():
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_overview_shows_late_and_missing_townships_and_the_chase_list(owed_app):
    with store.connect(owed_app) as c:  # a writer: publishes what it sets
        rp.set_jurisdiction(c, "county", "城口县")
        rp.set_deadline(c, 4, 10)
    at = open_overview()
    at.selectbox(key="ov_owed_year").set_value(2022).run()
    metrics = {m.label: m.value for m in at.metric}
    assert {k: metrics[k] for k in ("未报送", "逾期报送", "已报送（成文日期未识别）", "按时报送")} == {
        "未报送": "22",
        "逾期报送": "1",
        "已报送（成文日期未识别）": "1",
        "按时报送": "1",
    }
    assert any(c.value.startswith("管辖范围：城口县（本县）；2022年度报告的报送期限：2023年4月10日。") for c in at.caption)
    status = at.dataframe[3].value
    late = status[status["报送情况"] == "逾期报送"]
    assert late[["乡镇", "成文日期", "逾期天数"]].astype(str).values.tolist() == [["葛城街道", "2023-04-15", "5"]]
    chase = at.dataframe[4].value
    assert len(chase) == 22 and "葛城街道" not in set(chase["乡镇"]) and "北屏乡" in set(chase["乡镇"])
    assert at.code[0].value.split("、") == chase["乡镇"].tolist()


def test_the_admin_sets_the_jurisdiction_and_deadline_on_the_overview(owed_app):
    at = open_overview()
    at.radio(key="ov_j_level").set_value("city").run()
    at.text_input(key="ov_j_name").set_value("重庆市").run()
    at.number_input(key="ov_j_month").set_value(4).run()
    at.number_input(key="ov_j_day").set_value(30).run()
    at.button(key="ov_j_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with store.connect(owed_app, read_only=True) as c:
        assert (rp.jurisdiction(c), rp.deadline_rule(c)) == (rp.Jurisdiction("city", "重庆市"), (4, 30))
    assert any(c.value.startswith("管辖范围：重庆市（本市）") for c in at.caption)
    at.text_input(key="ov_j_name").set_value("没有这个市").run()
    at.button(key="ov_j_save").click().run()
    assert at.error[0].value == "「没有这个市」不是地名库中的市：请填写全称（如 城口县、重庆市），可请管理员补充地名库或人工校正表"


def test_the_admin_clears_the_jurisdiction_behind_the_password(owed_app, monkeypatch):
    """A jurisdiction the admin set is cleared back to the inferred one: the button shows only to
    the admin (password) and only while one is set; the action log says so."""
    from analysis.storage import history

    monkeypatch.setenv("REPORTS_ADMIN_PASSWORD", "s3cret")
    with store.connect(owed_app) as c:
        rp.set_jurisdiction(c, "city", "重庆市")
    at = open_overview()
    assert [b.key for b in at.button if b.key == "ov_j_clear"] == []  # locked
    at.text_input(key="ov_j_password").set_value("s3cret").run()
    at.text_input(key="ov_j_who").set_value("法制科").run()
    at.button(key="ov_j_clear").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with store.connect(owed_app, read_only=True) as c:
        assert (store.get_meta(c, "jurisdiction"), rp.jurisdiction(c)) == (None, rp.Jurisdiction("county", "城口县", inferred=True))
        logged = history.actions(c)[["who", "action", "subject", "before", "after"]].values.tolist()
    assert logged == [["法制科", "清除管辖范围", "报送情况", "重庆市（本市）", "城口县（本县，按报告推断）"]]
    assert any(c.value.startswith("管辖范围：城口县（本县，按报告推断）") for c in at.caption)
    assert (at.text_input(key="ov_j_name").value, [b.key for b in at.button if b.key == "ov_j_clear"]) == ("城口县", [])
