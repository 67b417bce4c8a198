"""A report's facts corrected by an admin (analysis.storage.facts): stored, shown by every table
after the refresh, kept across a re-ingest, exported; and ambiguous names settled by the jurisdiction."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from analysis.errors import ReportError
from analysis.insights import reporting
from analysis.refresh import derived
from analysis.storage import facts, store, tables
from analysis.storage.filters import Filters
from analysis.storage.ingest import ingest_paths
from tests.conftest import report_text

AT = dt.datetime(2026, 5, 1, 9, 30)


@pytest.fixture
def db(tmp_path, constructed_db):
    copy = tmp_path / "reports.duckdb"
    shutil.copy(constructed_db, copy)
    return copy


def _id(con, township: str, year: int) -> int:
    return con.execute("SELECT id FROM reports WHERE township = ? AND year = ?", [township, year]).fetchone()[0]


def _consults(con) -> dict[int, int]:
    """year → reports with 法律咨询, from the term summary (桑柘镇 2022 and 高楠镇 2022 have it)."""
    rows = con.execute(
        "SELECT year, sum(reports) FROM term_year WHERE kind = '*' AND term = '法律咨询' GROUP BY year HAVING sum(reports) > 0"
    )
    return dict(sorted(rows.fetchall()))


def test_a_correction_is_stored_with_who_when_and_why_and_every_table_follows(db):
    with store.connect(db) as con:
        report_id = _id(con, "桑柘镇", 2022)
        before = _consults(con)
        diff = facts.correct_report(con, report_id, {"township": "鸡鸣乡", "year": "2021"}, who="张三", reason="标题写错", at=AT)
        derived.refresh(con, full=False)
        assert diff == {"township": ("桑柘镇", "鸡鸣乡"), "year": (2022, 2021)}
        row = tables.reports(con, Filters(townships=("鸡鸣乡",))).iloc[0]
        assert (row.township, row.year, row.county) == ("鸡鸣乡", 2021, "彭水苗族土家族自治县")
        assert list(row.warnings)[-1] == "facts corrected in the app: township, year"
        assert tables.reports(con, Filters(townships=("桑柘镇",))).empty
        # the term summary moved the report's words from 2022 to 2021; the derived tables follow
        assert (before, _consults(con)) == ({2022: 2}, {2021: 1, 2022: 1})
        assert con.execute("SELECT DISTINCT township FROM followthrough WHERE report_id = ?", [report_id]).fetchall() in ([], [("鸡鸣乡",)])
        assert con.execute("SELECT township, year FROM derived_reports WHERE report_id = ?", [report_id]).fetchone() == ("鸡鸣乡", 2021)
        history = facts.history(con)
    assert history[["who", "file", "field", "before", "after", "reason"]].values.tolist() == [
        ["张三", "桑柘镇_2022.txt", "township", "桑柘镇", "鸡鸣乡", "标题写错"],
        ["张三", "桑柘镇_2022.txt", "year", "2022", "2021", "标题写错"],
    ]
    assert history.made_at.tolist() == [AT, AT]


def test_an_incremental_refresh_after_a_correction_equals_a_full_one(db):
    with store.connect(db) as con:
        facts.correct_report(con, _id(con, "高楠镇", 2021), {"township": "鸡鸣乡"}, who="张三", reason="乡镇写错", at=AT)
        assert derived.refresh(con, full=False) == "incremental"
        incremental = store.frame(con, "SELECT * FROM followthrough ORDER BY ALL")
        derived.refresh(con, full=True)
        full = store.frame(con, "SELECT * FROM followthrough ORDER BY ALL")
    assert incremental.equals(full)
    assert set(full.township) == {"高楠镇", "桑柘镇", "鸡鸣乡"}  # 高楠镇 2021's plans are 鸡鸣乡's now


def test_a_county_alone_brings_its_city_and_province(db):
    with store.connect(db) as con:
        diff = facts.correct_report(con, _id(con, "桑柘镇", 2022), {"county": "武冈市"}, who="", reason="区县写错", at=AT)
        assert diff == {"county": ("彭水苗族土家族自治县", "武冈市"), "city": ("重庆市", "邵阳市"), "province": ("重庆市", "湖南省")}
        assert facts.history(con).who.tolist() == ["未署名"] * 3


@pytest.mark.parametrize(
    ("changes", "reason", "message"),
    [
        ({"township": "高楠镇"}, "重复", "高楠镇 2022 is already stored from 高楠镇_2022.txt: correct or delete that report first"),
        ({"year": "20x2"}, "年份", "year 20x2 is not a year between 1990 and 2100"),
        ({"year": "1850"}, "年份", "year 1850 is not a year between 1990 and 2100"),
        ({"township": " "}, "乡镇", "the township cannot be empty"),
        ({"title": "x"}, "标题", "these facts cannot be corrected: title (only township, county, city, province, year)"),
        ({"township": "桑柘镇"}, "无变化", "nothing to correct: the values are the stored ones"),
        ({"township": "鸡鸣乡"}, "  ", "a correction needs a reason"),
    ],
)
def test_a_correction_that_cannot_be_made_is_refused_and_nothing_changes(db, changes, reason, message):
    with store.connect(db) as con:
        before = store.version(con)
        with pytest.raises(ReportError) as caught:
            facts.correct_report(con, _id(con, "桑柘镇", 2022), changes, who="张三", reason=reason, at=AT)
        assert str(caught.value) == message
        assert store.version(con) == before
        assert facts.history(con).empty


def test_an_unknown_report_is_refused(db):
    with store.connect(db) as con, pytest.raises(ReportError, match="^no stored report has id 999$"):
        facts.correct_report(con, 999, {"year": 2020}, who="", reason="x")


# a 2023 report of 桑柘镇 that the tests below ingest into their store
SANGZHE_2023 = report_text(
    "桑柘镇",
    "彭水苗族土家族自治县",
    2023,
    achievements=["全年接受群众法律咨询300人次。"],
    problems=["法治力量薄弱。"],
    plans=["加强学法。"],
)


def test_a_correction_survives_deleting_and_ingesting_the_file_again_and_is_exported(db, tmp_path):
    folder = tmp_path / "again"
    folder.mkdir()
    (folder / "桑柘镇_2023.txt").write_text(SANGZHE_2023, encoding="utf-8")
    assert [o.status for o in ingest_paths([folder], db=db, workers=1)] == ["stored"]
    with store.connect(db) as con:
        report_id = _id(con, "桑柘镇", 2023)
        facts.correct_report(con, report_id, {"township": "鸡鸣乡", "year": 2021}, who="张三", reason="标题写错", at=AT)
        facts.correct_report(con, report_id, {"year": 2020}, who="李四", reason="再改", at=AT + dt.timedelta(hours=1))
        store.delete_reports(con, [report_id])
    assert [o.status for o in ingest_paths([folder], db=db, workers=1)] == ["stored"]
    with store.connect(db) as con:
        row = con.execute("SELECT township, year, warnings FROM reports WHERE file = '桑柘镇_2023.txt'").fetchone()
        assert row[:2] == ("鸡鸣乡", 2020)
        assert row[2][-1] == "facts corrected in the app: township, year"
        assert _consults(con) == {2020: 1, 2022: 2}
        exported = facts.overrides(con)
    assert exported.columns.tolist() == ["file", "sha256", "township", "county", "city", "province", "year"]
    assert exported.drop(columns="sha256").values.tolist() == [["桑柘镇_2023.txt", "鸡鸣乡", "", "", "", "2020"]]


def test_a_file_whose_corrected_report_would_collide_is_refused_at_ingest(db, tmp_path):
    """The duplicate check reads the township and year the report will have once its stored
    correction is applied again, not the parsed ones."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "桑柘镇_2023.txt").write_text(SANGZHE_2023, encoding="utf-8")
    (second / "鸡鸣乡_2020.txt").write_text(
        report_text(
            "鸡鸣乡", "彭水苗族土家族自治县", 2020, achievements=["全年开展普法活动5场。"], problems=["经费不足。"], plans=["加强普法。"]
        ),
        encoding="utf-8",
    )
    assert [o.status for o in ingest_paths([first], db=db, workers=1)] == ["stored"]
    with store.connect(db) as con:
        report_id = _id(con, "桑柘镇", 2023)
        facts.correct_report(con, report_id, {"township": "鸡鸣乡", "year": 2020}, who="张三", reason="标题写错", at=AT)
        store.delete_reports(con, [report_id])
    assert [o.status for o in ingest_paths([second], db=db, workers=1)] == ["stored"]
    again = ingest_paths([first], db=db, workers=1)
    assert [o.status for o in again] == ["rejected"]
    assert "鸡鸣乡 2020 is already stored from 鸡鸣乡_2020.txt" in again[0].detail
    with store.connect(db) as con:
        assert con.execute("SELECT count(*) FROM reports WHERE township = '鸡鸣乡' AND year = 2020").fetchone()[0] == 1


LINJIANG = report_text(
    "临江镇",
    "",
    2022,
    achievements=["全年开展普法宣传活动12次，发放宣传资料3000份。"],
    problems=["执法人员数量不足，执法力量薄弱。"],
    plans=["加强法治队伍建设。"],
)


@pytest.mark.parametrize(
    ("jurisdiction", "place", "note"),
    [
        (
            ("county", "紫金县"),
            ("紫金县", "河源市", "广东省"),
            "临江镇 exists in 5 counties; settled to 紫金县 by the store's jurisdiction (紫金县)",
        ),
        (
            ("city", "龙岩市"),
            ("上杭县", "龙岩市", "福建省"),
            "临江镇 exists in 5 counties; settled to 上杭县 by the store's jurisdiction (龙岩市)",
        ),
        (("province", "福建省"), (None, None, None), None),  # two 临江镇 in 福建省: still open
        (("county", "武冈市"), (None, None, None), None),  # none inside: still open
        (None, (None, None, None), None),  # no jurisdiction set
    ],
)
def test_the_jurisdiction_settles_a_name_found_in_several_counties(tmp_path, jurisdiction, place, note):
    db = tmp_path / "reports.duckdb"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "临江镇_2022.txt").write_text(LINJIANG, encoding="utf-8")
    with store.connect(db) as con:
        if jurisdiction:
            reporting.set_jurisdiction(con, *jurisdiction)
    assert [o.status for o in ingest_paths([folder], db=db, workers=1)] == ["stored"]
    with store.connect(db) as con:
        county, city, province, warnings = con.execute("SELECT county, city, province, warnings FROM reports").fetchone()
    assert (county, city, province) == place
    ambiguous = [w for w in warnings if "exists in 5 counties (" in w]
    assert (note in warnings, len(ambiguous)) == ((True, 0) if note else (False, 1))


def test_the_cli_exports_corrections_as_overrides_and_another_store_imports_them(db, tmp_path, constructed_db, capsys):
    from analysis.cli import main

    other = tmp_path / "other.duckdb"
    shutil.copy(constructed_db, other)
    with store.connect(db) as con:
        facts.correct_report(con, _id(con, "桑柘镇", 2022), {"county": "武冈市", "year": 2021}, who="张三", reason="区县写错", at=AT)
    out = tmp_path / "overrides.csv"
    assert main(["overrides", "export", str(out), "--db", str(db)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "file,sha256,township,county,city,province,year"
    assert lines[1].startswith("桑柘镇_2022.txt,") and lines[1].endswith(",,武冈市,邵阳市,湖南省,2021")
    out.write_text(out.read_text(encoding="utf-8-sig") + "没有这个文件.txt,,,,,,2020\n", encoding="utf-8")
    assert main(["overrides", "import", str(out), "--db", str(other)]) == 0
    assert capsys.readouterr().out == "1 reports corrected (1 rows name no stored report or change nothing)\n"
    with store.connect(other, read_only=True) as con:
        assert con.execute("SELECT county, year FROM reports WHERE file = '桑柘镇_2022.txt'").fetchone() == ("武冈市", 2021)
        assert facts.history(con)[["who", "reason"]].drop_duplicates().values.tolist() == [["命令行导入", "从 overrides.csv 导入"]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("file,year\n,2020\n", "line 2: neither file nor sha256 says which report it corrects"),
        ("file,year\na.txt,二〇二〇\n", "line 2: year 二〇二〇 is not a year between 1990 and 2100"),
        ("file,title\na.txt,x\n", "unknown columns title (expected file, sha256, township, county, city, province, year)"),
    ],
)
def test_a_bad_overrides_file_is_refused_whole(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        facts.read_overrides(path)
    separator = ": " if message.startswith("unknown") else " "
    assert str(caught.value) == f"{path}{separator}{message}"


def test_a_name_found_in_several_counties_is_settled_by_its_townships_other_years(tmp_path):
    """B4: 新铺镇's 2024 report, addressed to 「县委全面依法治县委员会办公室」 and naming no county, beside its 2022
    and 2023 reports that say 蕉岭县 — in one batch or arriving after them; a township whose other reports name
    two counties, or none, stays open."""
    db = tmp_path / "reports.duckdb"
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    (first / "临江镇_2021.txt").write_text(LINJIANG.replace("2022", "2021").replace("临江镇", "紫金县临江镇", 1), encoding="utf-8")
    (first / "临江镇_2022.txt").write_text(LINJIANG, encoding="utf-8")
    (later / "临江镇_2023.txt").write_text(LINJIANG.replace("2022", "2023"), encoding="utf-8")
    assert [o.status for o in ingest_paths([first], db=db, workers=1)] == ["stored", "stored"]
    assert [o.status for o in ingest_paths([later], db=db, workers=1)] == ["stored"]
    with store.connect(db) as con:
        rows = con.execute("SELECT year, county, province, warnings FROM reports ORDER BY year").fetchall()
    assert [(y, c, p) for y, c, p, _ in rows] == [(2021, "紫金县", "广东省"), (2022, "紫金县", "广东省"), (2023, "紫金县", "广东省")]
    assert "临江镇 exists in 5 counties; settled to 紫金县 by its reports of 2021" in rows[1][3]
    assert "临江镇 exists in 5 counties; settled to 紫金县 by its reports of 2021、2022" in rows[2][3]
    assert not [w for _, _, _, warnings in rows for w in warnings if "and the text names none" in w]


def _report(township: str, county: str, year: int) -> str:
    return report_text(
        township, county, year, achievements=["全年开展普法宣传活动12次。"], problems=["执法力量薄弱。"], plans=["加强法治队伍建设。"]
    )


def test_a_name_found_in_several_counties_is_settled_by_the_stores_other_townships(tmp_path):
    """Reading 15: 北极镇 (彬州市 and 漠河市) and 水口镇 (18 counties), their reports naming no county, beside 城关街道's
    reports that say 彬州市: settled to 彬州市 and said so; with another township of 漠河市 stored too, 北极镇 stays open."""
    db = tmp_path / "one.duckdb"
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "城关街道_2023.txt").write_text(_report("城关街道", "彬州市", 2023), encoding="utf-8")
    (folder / "北极镇_2023.txt").write_text(_report("北极镇", "", 2023), encoding="utf-8")
    (folder / "水口镇_2023.txt").write_text(_report("水口镇", "", 2023), encoding="utf-8")
    assert [o.status for o in ingest_paths([folder], db=db, workers=1)] == ["stored"] * 3
    with store.connect(db) as con:
        rows = dict(con.execute("SELECT township, county FROM reports").fetchall())
        notes = con.execute("SELECT warnings FROM reports WHERE township = '北极镇'").fetchone()[0]
    assert rows == {"城关街道": "彬州市", "北极镇": "彬州市", "水口镇": "彬州市"}
    assert (
        "北极镇 exists in 2 counties; settled to 彬州市, the only one of them with other townships' reports in the store (城关街道)"
        in notes
    )
    both = tmp_path / "both"
    both.mkdir()
    (both / "城关街道_2023.txt").write_text(_report("城关街道", "彬州市", 2023), encoding="utf-8")
    (both / "西林吉镇_2023.txt").write_text(_report("西林吉镇", "漠河市", 2023), encoding="utf-8")
    assert [o.status for o in ingest_paths([both], db=tmp_path / "both.duckdb", workers=1)] == ["stored"] * 2
    later = tmp_path / "later"
    later.mkdir()
    (later / "北极镇_2023.txt").write_text(_report("北极镇", "", 2023), encoding="utf-8")
    assert [o.status for o in ingest_paths([later], db=tmp_path / "both.duckdb", workers=1)] == ["stored"]
    with store.connect(tmp_path / "both.duckdb") as con:
        assert con.execute("SELECT county FROM reports WHERE township = '北极镇'").fetchone()[0] is None


def test_the_cli_sets_shows_and_clears_the_jurisdiction(tmp_path, capsys):
    from analysis import cli

    db = str(tmp_path / "reports.duckdb")
    assert cli.main(["jurisdiction", "--county", "紫金县", "--db", db]) == 0
    assert capsys.readouterr().out == "jurisdiction: county 紫金县\n"
    assert cli.main(["jurisdiction", "--clear", "--db", db]) == 0
    assert capsys.readouterr().out == "no jurisdiction: the store has no reports and none was set\n"
    assert cli.main(["jurisdiction", "--county", "紫金县", "--city", "河源市", "--db", db]) == 2
