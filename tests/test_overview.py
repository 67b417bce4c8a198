"""Completeness, trends, comparisons, theme coverage and the CLI exports of the analysis tables."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from analysis.insights.compare import township_metrics
from analysis.insights.completeness import coverage_matrix, report_parts
from analysis.insights.theme_coverage import theme_coverage
from analysis.insights.trends import reports_by_year, trends
from analysis.storage import store, summary
from tests.test_ingest import run_cli


@pytest.mark.parametrize("summarised", [True, False], ids=["summary", "sections"])
def test_report_parts(seed_db, summarised, monkeypatch):
    """The optional 其他 is shown, never a gap; 高楠镇 has no duty section but its achievements
    say 严格落实《党政主要负责人履行推进法治建设第一责任人职责规定》: it has the duty. The same
    from the summary table and from the sections."""
    if not summarised:
        monkeypatch.setattr(summary, "available", lambda con: False)
    with store.connect(seed_db, read_only=True) as con:
        df = report_parts(con)
    assert df[["township", "duty", "other", "missing_parts"]].values.tolist() == [
        ["大张楼镇", False, False, "第一责任人职责"],
        ["桑柘镇", True, False, ""],
        ["肖咀镇", False, False, "第一责任人职责"],
        ["长坪乡", True, True, ""],
        ["高楠镇", True, False, ""],
    ]


@pytest.mark.parametrize("summarised", [True, False], ids=["summary", "sections"])
def test_the_duty_said_in_the_opening_paragraph(tmp_path, summarised, monkeypatch):
    """德化县 review (上涌镇 2024): 「…镇党委书记、镇长切实扛起推进法治建设第一责任人职责…」 in the opening
    paragraph is the duty; the brief asked the township to 补齐 it."""
    from analysis.brief import county_brief
    from analysis.storage.ingest import ingest_paths
    from tests.conftest import report_text

    text = report_text(
        "上涌镇", "德化县", 2024, achievements=["全年审查合同协议22份。"], problems=["执法力量不足。"], plans=["充实执法力量。"]
    )
    text = text.replace(
        "现将2024年情况报告如下：",
        "2024年，镇党委书记、镇长切实扛起推进法治建设第一责任人职责，全年专题研究法治工作4次。现将有关情况报告如下：",
    )
    (tmp_path / "2024_上涌镇.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    ingest_paths([tmp_path], db=db, workers=1)
    if not summarised:
        monkeypatch.setattr(summary, "available", lambda con: False)
    with store.connect(db, read_only=True) as con:
        parts = report_parts(con)
        made = county_brief.build_brief(con, counties=("德化县",), year=2024)
    assert parts[["township", "duty", "missing_parts"]].values.tolist() == [["上涌镇", True, ""]]
    assert made.duty.sentence.tolist() == ["2024年，镇党委书记、镇长切实扛起推进法治建设第一责任人职责，全年专题研究法治工作4次"]


def test_coverage_and_reports_by_year(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        cov = coverage_matrix(con)
        years = reports_by_year(con)
    assert cov[["township", "year", "reports"]].values.tolist() == [
        ["大张楼镇", 2022, 1],
        ["桑柘镇", 2021, 1],
        ["肖咀镇", 2023, 1],
        ["长坪乡", 2022, 1],
        ["高楠镇", 2022, 1],
    ]
    assert years.values.tolist() == [[2021, 1, 1, 2, 6], [2022, 3, 3, 9, 10], [2023, 1, 1, 3, 4]]


def test_township_metrics(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        df = township_metrics(con)
    row = df[(df.township == "肖咀镇") & (df.metric == "宣传资料发放")].iloc[0]
    assert (row.unit, row.total, row.reports, row.per_report) == ("份", 3500.0, 1, 3500.0)
    assert "%" not in set(df.unit)


def test_theme_coverage(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        df = theme_coverage(con)
    row = df[(df.township == "长坪乡") & (df.theme == "普法宣传与法治意识")].iloc[0]
    # (「加强干部职工学法守法护法，增强法纪意识」 is the cadres' learning, no publicity: reading 19)
    assert (row.problems, row.achievements) == (1, 5)


def test_trends_long_table(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        df = trends(con)
    assert list(df.columns) == ["year", "measure", "value"]
    assert df[(df.year == 2022) & (df.measure == "报告数")].value.tolist() == [3.0]
    assert df[(df.year == 2023) & (df.measure == "指标合计:宣传资料发放(份)")].value.tolist() == [3500.0]


EXPORT_COLUMNS = {
    "keywords": ["term", "count", "per_10k", "reports", "townships"],
    "themes": ["township", "year", "theme", "problems", "achievements"],
    "recurring": [
        "label",
        "townships",
        "reports",
        "years",
        "persistent_townships",
        "example",
        "township_list",
        "theme",
        "code",
        "origin",
        "cluster",
    ],
    "similarity": [
        "report_a",
        "report_b",
        "township_a",
        "year_a",
        "township_b",
        "year_b",
        "relation",
        "shared_sentences",
        "shared_chars",
        "shared_ratio",
        "cosine",
    ],
    "followthrough": ["township", "plan_year", "plan", "status", "matched_year", "matched_text", "score"],
    "completeness": ["township", "county", "year", "achievements", "duty", "problems", "plans", "other", "missing_parts"],
    "trends": ["year", "measure", "value"],
}


@pytest.mark.parametrize("table", sorted(EXPORT_COLUMNS))
def test_cli_exports(constructed_db, table):
    result = run_cli("export", table, "--db", str(constructed_db), "--township", "高楠镇", "--year", "2021", "2022")
    assert result.returncode == 0, result.stderr
    df = pd.read_csv(io.StringIO(result.stdout.lstrip("\ufeff")))
    assert list(df.columns) == EXPORT_COLUMNS[table]
    if "township" in df.columns and len(df):
        assert set(df.township) == {"高楠镇"}


def test_report_index_lists_the_filtered_reports_like_the_full_table(seed_db):
    from analysis.storage import tables
    from analysis.storage.filters import Filters

    with store.connect(seed_db, read_only=True) as con:
        index = tables.report_index(con, Filters(years=(2022,)))
        full = tables.reports(con, Filters(years=(2022,)))
    assert list(index.columns) == ["report_id", "file", "township", "year"]
    assert index.file.tolist() == full.file.tolist() == ["大张楼镇_2022.txt", "长坪乡_2022.txt", "高楠镇_2022.txt"]
