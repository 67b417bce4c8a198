"""Trends over report years: reports, indicators, problem themes and keywords."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.insights.compare import SUM_RANK, SUMMED, total_texts
from analysis.insights.keywords import keyword_counts_by
from analysis.insights.theme_coverage import theme_shares_by_year
from analysis.parse.indicators import OTHER_METRIC
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
    """year, metric, kind, unit, total, approx, total_text, reports (reporting it), townships
    (reporting it), mean (per reporting report): the done figures of each year as
    :func:`analysis.insights.compare.township_metrics` reads them (a stock is each township's
    figure that year, added over townships), 其他 and rates left out. Chosen section kinds
    (``filters.kinds``) keep the figures stated in sections of those kinds."""
    where, params = filters.where()
    kinds, kparams = filters.kind_where("s.kind")
    df = frame(
        con,
        f"""
        WITH r AS (SELECT id, township, year FROM reports r WHERE {where} AND year IS NOT NULL),
        x0 AS (SELECT r.year, coalesce(r.township, CAST(r.id AS VARCHAR)) AS township, x.*, {SUM_RANK}
               FROM indicators x JOIN r ON r.id = x.report_id
               LEFT JOIN sections s ON s.report_id = x.report_id AND s.ord = x.section
               WHERE x.role = 'done' AND x.kind <> 'rate' AND x.unit <> '%' AND x.metric <> '{OTHER_METRIC}' AND {kinds}),
        {SUMMED},
        per_town AS (SELECT year, township, metric, kind, unit,
                            CASE WHEN kind = 'stock' THEN max(value) ELSE sum(value) END AS total,
                            bool_or(approx) AS approx, count(DISTINCT report_id) AS n
                     FROM x GROUP BY year, township, metric, kind, unit)
        SELECT year, metric, kind, unit, sum(total) AS total, bool_or(approx) AS approx, CAST(sum(n) AS BIGINT) AS reports,
               count(*) AS townships, round(sum(total) / sum(n), 2) AS mean
        FROM per_town GROUP BY year, metric, kind, unit ORDER BY year, metric, unit""",
        params + kparams,
    )
    df.insert(6, "total_text", total_texts(df.total, df.approx))
    return df


def default_trend_metrics(ind: pd.DataFrame, *, n: int = 4) -> list[str]:
    """The ``n`` metrics 「metric（unit）」 of an :func:`indicator_trend` that most townships
    report (the most in any year, then the most years), for a trend chart to open on."""
    if ind.empty:
        return []
    label = ind.metric + "（" + ind.unit + "）"
    rank = ind.assign(label=label).groupby("label").agg(towns=("townships", "max"), years=("year", "nunique")).reset_index()
    rank = rank.sort_values(["towns", "years", "label"], ascending=[False, False, True])
    return rank.label.head(n).tolist()


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
