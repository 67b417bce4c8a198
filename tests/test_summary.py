"""analysis.storage.summary: the tables every write keeps up to date equal a recount from the stored rows,
and the pages' fast paths give exactly what the full queries give."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.insights import keywords, trends
from analysis.insights.completeness import report_parts
from analysis.storage import store, summary, tables
from analysis.storage.filters import Filters
from tests.conftest import SYNTHETIC, summary_contents


def test_every_write_keeps_the_summary_equal_to_a_recount(grown_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(grown_db, copy)
    with store.connect(copy, publish=False) as con:
        assert summary.available(con)
        kept = summary_contents(con)
        summary.rebuild(con)
        recount = summary_contents(con)
        n_reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    assert n_reports == 5 + SYNTHETIC - 2
    assert len(kept["report_stats"]) == n_reports
    assert len(kept["term_year"]) > 1000
    assert kept == recount
    with store.connect(copy, publish=False) as con:  # appended counts fold into one row per key
        con.execute("CREATE TEMP TABLE picked AS SELECT * FROM term_year ORDER BY ALL LIMIT 5")
        con.execute("INSERT INTO term_year SELECT * FROM picked UNION ALL SELECT year, kind, located, term, -n, -reports FROM picked")
        assert summary.compact(con, force=True)
        assert con.execute("SELECT count(*) FROM term_year").fetchone()[0] == len(recount["term_year"])
        assert summary_contents(con) == recount


def test_a_store_made_before_the_summary_gets_it_on_refresh(grown_db, tmp_path):
    from analysis.refresh import derived

    old = tmp_path / "old.duckdb"
    shutil.copy(grown_db, old)
    with store.connect(old, publish=False) as con:
        expected = summary_contents(con)
        con.execute("DROP TABLE report_stats; DROP TABLE term_year; DELETE FROM meta WHERE key = 'summary'")
        assert not summary.available(con)
    # readers of such a store still get every answer (from the full queries)
    with store.connect(old, read_only=True) as con:
        assert len(keywords.keyword_table(con, top_n=5)) == 5
    derived.ensure_fresh(old)
    with store.connect(old, read_only=True) as con:
        assert summary.available(con)
        assert summary_contents(con) == expected


def test_report_stats_of_one_seed(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        row = con.execute(
            """SELECT s.* EXCLUDE (report_id) FROM report_stats s JOIN reports r ON r.id = s.report_id
               WHERE r.township = '高楠镇'"""
        ).fetchone()
        items = con.execute(
            "SELECT count(*) FILTER (WHERE kind = 'problem'), count(*) FILTER (WHERE kind = 'plan') "
            "FROM items i JOIN reports r ON r.id = i.report_id WHERE r.township = '高楠镇'"
        ).fetchone()
    assert row[1:3] == items
    # 高楠镇 has no duty or other section, but its achievements say 严格落实《…第一责任人职责规定》
    assert row[5:] == (True, True, True, True, False)


FILTERS = [
    Filters(),
    Filters(year_range=(2019, 2025)),
    Filters(year_range=(2021, 2022)),
    Filters(years=(2023,)),
    Filters(kinds=("problems",)),
    Filters(year_range=(2020, 2024), kinds=("achievements",)),
]


def _answers(con, filters: Filters) -> dict[str, pd.DataFrame]:
    """Every function with a summary fast path, under ``filters``."""
    return {
        "keywords": keywords.keyword_table(con, filters, top_n=40),
        "keywords_stop": keywords.keyword_table(con, filters, top_n=20, include_stopwords=True),
        "by_year": keywords.keyword_counts_by(con, filters, terms=("普法", "执法", "不存在的词"), by="year"),
        "distinct_year": keywords.distinctive_terms(con, filters, by="year", group="2022", top_n=10),
        "distinct_town": keywords.distinctive_terms(con, filters, by="township", group="高楠镇", top_n=10),
        "reports": tables.reports(con, filters),
        "parts": report_parts(con, filters),
        "reports_by_year": trends.reports_by_year(con, filters),
    }


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_fast_paths_equal_the_full_queries(grown_db, filters, monkeypatch):
    with store.connect(grown_db, read_only=True) as con:
        fast = _answers(con, filters)
        monkeypatch.setattr(summary, "available", lambda con: False)  # the full queries
        full = _answers(con, filters)
    assert len(fast["keywords"]) == 40
    if not filters.years and not filters.kinds:  # 高楠镇 (a seed) reported for 2022
        assert len(fast["distinct_town"]) == 10 and len(fast["distinct_year"]) == 10
    for name in full:
        pd.testing.assert_frame_equal(fast[name], full[name], obj=name)


def test_the_report_list_is_the_same_with_or_without_the_summary(grown_db, monkeypatch):
    with store.connect(grown_db, read_only=True) as con:
        fast = tables.report_list(con, Filters(year_range=(2019, 2023)))
        monkeypatch.setattr(summary, "available", lambda con: False)
        full = tables.report_list(con, Filters(year_range=(2019, 2023)))
    assert len(fast) == len(full) > 40
    pd.testing.assert_frame_equal(fast, full)
    assert fast.warnings.map(type).eq(str).all()


def test_the_duty_pattern_read_only_where_it_counts_gives_the_same_stats(grown_db):
    """report_stats reads the duty's pattern under CASE (only preambles and achievement paragraphs
    are read); the same query with the plain AND, which reads every text, counts the same."""
    plain = summary._STATS.replace(
        "CASE WHEN kind = 'preamble' THEN regexp_matches(text, '{duty}') ELSE false END",
        "(kind = 'preamble' AND regexp_matches(text, '{duty}'))",
    ).replace(
        "CASE WHEN kind = 'achievement' THEN regexp_matches(text, '{duty}') ELSE false END",
        "kind = 'achievement' AND regexp_matches(text, '{duty}')",
    )
    assert plain != summary._STATS
    views = {"r": "reports", "s": "sections", "i": "items", "x": "indicators", "t": "terms"}
    with store.connect(grown_db, read_only=True) as con:
        fast = con.execute(summary._STATS.format(**views, duty=summary.DUTY_SQL) + " ORDER BY 1").fetchall()
        full = con.execute(plain.format(**views, duty=summary.DUTY_SQL) + " ORDER BY 1").fetchall()
    assert fast == full
    assert any(row[7] for row in fast) and not all(row[7] for row in fast)  # some reports describe the duty, some not
