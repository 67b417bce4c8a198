"""The analysis tables the CLI exports and the dashboard shows: name → function(con, filters)."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd

from analysis.insights import compare, completeness, keywords, similarity, theme_coverage, trends
from analysis.problems import recurring
from analysis.storage.filters import Filters
from analysis.storage.store import frame


def followthrough(con: duckdb.DuckDBPyConnection, filters: Filters, *, status: str | None = None) -> pd.DataFrame:
    """township, plan_year, plan, status, matched_year, matched_text, score (derived table, filtered;
    only plans with ``status`` when given)."""
    where, params = filters.where()
    only = "AND f.status = ?" if status else ""
    return frame(
        con,
        f"""
        SELECT f.township, f.plan_year, f.plan, f.status, f.matched_year, f.matched_text, f.score
        FROM followthrough f JOIN reports r ON r.id = f.report_id
        WHERE {where} {only} ORDER BY f.township, f.plan_year, f.ord""",
        params + ([status] if status else []),
    )


def followthrough_by_township(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Plans per township and status: township, plans, followed, partial, not_found, no_next (most unfollowed first)."""
    where, params = filters.where()
    return frame(
        con,
        f"""
        SELECT f.township, CAST(count(*) AS BIGINT) AS plans,
               CAST(count(*) FILTER (WHERE f.status = '已落实') AS BIGINT) AS followed,
               CAST(count(*) FILTER (WHERE f.status = '部分落实') AS BIGINT) AS partial,
               CAST(count(*) FILTER (WHERE f.status = '未见落实') AS BIGINT) AS not_found,
               CAST(count(*) FILTER (WHERE f.status = '无次年报告') AS BIGINT) AS no_next
        FROM followthrough f JOIN reports r ON r.id = f.report_id
        WHERE {where} AND f.township IS NOT NULL GROUP BY f.township ORDER BY not_found DESC, f.township""",
        params,
    )


def followthrough_summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Plans per follow-through status: status, plans."""
    where, params = filters.where()
    return frame(
        con,
        f"""
        SELECT f.status, CAST(count(*) AS BIGINT) AS plans FROM followthrough f JOIN reports r ON r.id = f.report_id
        WHERE {where} GROUP BY f.status ORDER BY f.status""",
        params,
    )


EXPORTS: dict[str, Callable[[duckdb.DuckDBPyConnection, Filters], pd.DataFrame]] = {
    "keywords": lambda con, f: keywords.keyword_table(con, f, top_n=500),
    "themes": theme_coverage.theme_coverage,
    "recurring": recurring.recurring_table,
    "problem_changes": recurring.problem_changes,
    "similarity": similarity.copy_pairs,
    "followthrough": followthrough,
    "completeness": lambda con, f: completeness.report_parts(con, f).drop(columns=["file"]),
    "trends": trends.trends,
    "township_metrics": compare.township_metrics,
}
# exports that read the derived tables (analysis.refresh.derived)
DERIVED_EXPORTS = frozenset({"recurring", "problem_changes", "followthrough"})


def copied_passages(con: duckdb.DuckDBPyConnection, filters: Filters, *, pairs: int = 50) -> pd.DataFrame:
    """The shared passages of the top copy pairs: report_a, report_b, passage, chars, sentences."""
    top = similarity.copy_pair_ids(con, filters, limit=pairs)
    frames = []
    for row in top.itertuples(index=False):
        found = similarity.shared_passages(con, int(row.id_a), int(row.id_b))
        frames.append(found.assign(report_a=row.report_a, report_b=row.report_b)[["report_a", "report_b", "passage", "chars", "sentences"]])
    if not frames:
        return pd.DataFrame(columns=["report_a", "report_b", "passage", "chars", "sentences"])
    return pd.concat(frames, ignore_index=True)
