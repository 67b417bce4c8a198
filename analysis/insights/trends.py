"""Trends over report years: reports, indicators, problem themes and keywords."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.insights.keywords import keyword_counts_by
from analysis.insights.theme_coverage import theme_shares_by_year
from analysis.storage import summary
from analysis.storage.filters import ALL, Filters
from analysis.storage.store import frame

DEFAULT_TERMS = ("普法", "执法", "矛盾纠纷", "法律顾问", "网格")


def reports_by_year(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """year, reports, townships, problems, plans."""
    where, params = filters.where()
    if summary.available(con):  # item counts kept per report at ingest (analysis.storage.summary)
        return frame(
            con,
            f"""
            SELECT r.year, count(DISTINCT r.id) AS reports, count(DISTINCT r.township) AS townships,
                   CAST(coalesce(sum(x.problems), 0) AS BIGINT) AS problems, CAST(coalesce(sum(x.plans), 0) AS BIGINT) AS plans
            FROM reports r LEFT JOIN report_stats x ON x.report_id = r.id
            WHERE {where} AND r.year IS NOT NULL GROUP BY r.year ORDER BY r.year""",
            params,
        )
    return frame(
        con,
        f"""
        SELECT r.year, count(DISTINCT r.id) AS reports, count(DISTINCT r.township) AS townships,
               CAST(count(i.ord) FILTER (WHERE i.kind = 'problem') AS BIGINT) AS problems,
               CAST(count(i.ord) FILTER (WHERE i.kind = 'plan') AS BIGINT) AS plans
        FROM reports r LEFT JOIN items i ON i.report_id = r.id
        WHERE {where} AND r.year IS NOT NULL GROUP BY r.year ORDER BY r.year""",
        params,
    )


def indicator_trend(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """year, metric, unit, total, reports (reporting it), mean (per reporting report)."""
    where, params = filters.where()
    return frame(
        con,
        f"""
        SELECT r.year, x.metric, x.unit, sum(x.value) AS total, count(DISTINCT r.id) AS reports,
               round(sum(x.value) / count(DISTINCT r.id), 2) AS mean
        FROM indicators x JOIN reports r ON r.id = x.report_id
        WHERE {where} AND r.year IS NOT NULL AND x.unit <> '%'
        GROUP BY r.year, x.metric, x.unit ORDER BY r.year, x.metric, x.unit""",
        params,
    )


def trends(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, terms: tuple[str, ...] = DEFAULT_TERMS) -> pd.DataFrame:
    """Everything above as one long table: year, measure, value."""
    parts = []
    by_year = reports_by_year(con, filters)
    for col, name in (("reports", "报告数"), ("townships", "乡镇数"), ("problems", "问题条数"), ("plans", "计划条数")):
        parts.append(pd.DataFrame({"year": by_year.year, "measure": name, "value": by_year[col].astype(float)}))
    ind = indicator_trend(con, filters)
    parts.append(pd.DataFrame({"year": ind.year, "measure": "指标合计:" + ind.metric + "(" + ind.unit + ")", "value": ind.total}))
    parts.append(pd.DataFrame({"year": ind.year, "measure": "指标均值:" + ind.metric + "(" + ind.unit + ")", "value": ind["mean"]}))
    shares = theme_shares_by_year(con, filters)
    parts.append(pd.DataFrame({"year": shares.year, "measure": "问题主题占比:" + shares.theme, "value": shares.share}))
    kw = keyword_counts_by(con, filters, terms=terms, by="year")
    parts.append(pd.DataFrame({"year": kw.year.astype(int), "measure": "关键词每万词:" + kw.term, "value": kw.per_10k}))
    out = (
        pd.concat([p for p in parts if len(p)], ignore_index=True)
        if any(len(p) for p in parts)
        else pd.DataFrame(columns=["year", "measure", "value"])
    )
    return out.sort_values(["year", "measure"], kind="stable").reset_index(drop=True)
