"""Which reports exist (township × year) and which of the required parts each one has.

The national rules (法治政府建设与责任落实督察工作规定 第二十五条) ask every annual report for:
measures and results (achievements), the principal leaders' duty (duty), shortfalls
(problems) and next year's plan (plans); other matters worth reporting (other) are optional:
shown, never a gap.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.parse.areas import DUTY_IN_BODY
from analysis.storage import summary
from analysis.storage.filters import ALL, Filters
from analysis.storage.store import frame

PARTS = ("achievements", "duty", "problems", "plans", "other")
REQUIRED = ("achievements", "duty", "problems", "plans")
PART_NAMES = {"achievements": "举措成效", "duty": "第一责任人职责", "problems": "问题不足", "plans": "下年计划", "other": "其他事项"}


def report_parts(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, limit: int | None = None) -> pd.DataFrame:
    """township, county, year, file, achievements, duty, problems, plans, other (booleans),
    missing_parts (the required parts it lacks, 、 between them).

    Problems count as present when a problems section exists or problems were found inline,
    plans likewise (「存在的问题及下一步打算」 holds both);
    the duty when a duty section exists or an achievement paragraph describes it
    (:data:`analysis.parse.areas.DUTY_IN_BODY`: 严格落实《…第一责任人职责规定》, 书记带头…).
    """
    where, params = filters.where()
    if summary.available(con):  # the parts kept per report at ingest (analysis.storage.summary)
        df = frame(
            con,
            f"""
            SELECT r.township, r.county, r.year, r.file, x.has_achievements AS achievements, x.has_duty AS duty,
                   x.has_problems AS problems, x.has_plans AS plans, x.has_other AS other
            FROM reports r LEFT JOIN report_stats x ON x.report_id = r.id
            WHERE {where} ORDER BY r.township, r.year, r.file {f"LIMIT {int(limit)}" if limit is not None else ""}""",
            params,
        )
    else:
        df = frame(
            con,
            f"""
        SELECT r.township, r.county, r.year, r.file,
               bool_or(s.kind = 'achievements') AS achievements,
               bool_or(s.kind = 'duty' OR (s.kind = 'preamble' AND regexp_matches(s.text, ?)))
                   OR (SELECT count(*) FROM items i WHERE i.report_id = r.id AND i.kind = 'achievement'
                       AND regexp_matches(i.text, ?)) > 0 AS duty,
               bool_or(s.kind = 'problems') OR (SELECT count(*) FROM items i WHERE i.report_id = r.id AND i.kind = 'problem') > 0 AS problems,
               bool_or(s.kind = 'plans') OR (SELECT count(*) FROM items i WHERE i.report_id = r.id AND i.kind = 'plan') > 0 AS plans,
               bool_or(s.kind = 'other') AS other
        FROM reports r LEFT JOIN sections s ON s.report_id = r.id
        WHERE {where} GROUP BY r.id, r.township, r.county, r.year, r.file
        ORDER BY r.township, r.year, r.file""",
            [DUTY_IN_BODY.pattern, DUTY_IN_BODY.pattern, *params],
        ).head(limit)
    for part in PARTS:
        df[part] = df[part].fillna(False).astype(bool)
    flags = df[list(REQUIRED)].to_numpy()
    df["missing_parts"] = ["、".join(PART_NAMES[p] for p, present in zip(REQUIRED, row) if not present) for row in flags]
    return df


def coverage_matrix(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, limit: int | None = None) -> pd.DataFrame:
    """Reports per township and year (long; the first ``limit`` rows): township, county, province, year, reports."""
    where, params = filters.where()
    return frame(
        con,
        f"""
        SELECT coalesce(township, '（未识别）') AS township, county, province, year, CAST(count(*) AS BIGINT) AS reports
        FROM reports r WHERE {where} GROUP BY ALL ORDER BY township, year {f"LIMIT {int(limit)}" if limit is not None else ""}""",
        params,
    )


COVERAGE_LEVELS = {"township": "乡镇", "county": "区县", "province": "省份"}


def coverage_chart(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, rows: int = 60) -> pd.DataFrame:
    """Reports per place and year for a chart of at most ``rows`` places: by township while
    the filtered townships fit, else by county, else by province (the ``rows`` with most
    reports): level (township / county / province), place, year, reports."""
    where, params = filters.where()
    counts = frame(
        con,
        f"SELECT count(DISTINCT township) AS township, count(DISTINCT county) AS county FROM reports r WHERE {where}",
        params,
    ).iloc[0]
    level = next((lv for lv in ("township", "county") if counts[lv] <= rows), "province")
    return frame(
        con,
        f"""
        WITH c AS (SELECT coalesce(r.{level}, '（未识别）') AS place, r.year, count(*) AS reports FROM reports r WHERE {where} GROUP BY ALL),
        top AS (SELECT place FROM c GROUP BY place ORDER BY sum(reports) DESC, place LIMIT {int(rows)})
        SELECT '{level}' AS level, place, year, CAST(reports AS BIGINT) AS reports FROM c SEMI JOIN top USING (place) ORDER BY place, year""",
        params,
    )
