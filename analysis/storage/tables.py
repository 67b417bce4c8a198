"""The stored tables as documented DataFrames, under the shared filters."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.storage import summary
from analysis.storage.filters import ALL, Filters
from analysis.storage.store import frame


def cell_text(value: object, default: str = "") -> str:
    """A table value as plain text: missing (None, NaN, pd.NA, NaT) → ``default``; a date
    without its time; a whole float (a year next to missing years) without its ".0"."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return default
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


REPORT_COLUMNS = "r.id AS report_id, r.file, r.township, r.county, r.city, r.province, r.year"


def reports(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """One row per report: report_id, file, sha256, title, township, county, city, province,
    year, issued, issuers, addressee, chars, tokens, sections, problems, plans, indicators, warnings,
    original (the text as written when it was in traditional characters, else empty)."""
    where, params = filters.where()
    if summary.available(con):  # counts kept per report at ingest (analysis.storage.summary)
        return frame(
            con,
            f"""
            SELECT r.id AS report_id, r.file, r.sha256, r.title, r.township, r.county, r.city, r.province, r.year,
                   r.issued, r.issuers, r.addressee, r.chars, r.tokens,
                   CAST(coalesce(x.sections, 0) AS BIGINT) AS sections, CAST(coalesce(x.problems, 0) AS BIGINT) AS problems,
                   CAST(coalesce(x.plans, 0) AS BIGINT) AS plans, CAST(coalesce(x.indicators, 0) AS BIGINT) AS indicators,
                   r.warnings, r.original
            FROM reports r LEFT JOIN report_stats x ON x.report_id = r.id
            WHERE {where} ORDER BY r.township, r.year, r.id""",
            params,
        )
    return frame(
        con,
        f"""
        WITH s AS (SELECT report_id, count(*) FILTER (WHERE kind <> 'preamble') AS n FROM sections GROUP BY report_id),
             i AS (SELECT report_id, count(*) FILTER (WHERE kind = 'problem') AS problems,
                          count(*) FILTER (WHERE kind = 'plan') AS plans FROM items GROUP BY report_id),
             x AS (SELECT report_id, count(*) AS n FROM indicators GROUP BY report_id)
        SELECT r.id AS report_id, r.file, r.sha256, r.title, r.township, r.county, r.city, r.province, r.year,
               r.issued, r.issuers, r.addressee, r.chars, r.tokens,
               coalesce(s.n, 0) AS sections, coalesce(i.problems, 0) AS problems, coalesce(i.plans, 0) AS plans,
               coalesce(x.n, 0) AS indicators, r.warnings, r.original
        FROM reports r LEFT JOIN s ON s.report_id = r.id LEFT JOIN i ON i.report_id = r.id LEFT JOIN x ON x.report_id = r.id
        WHERE {where} ORDER BY r.township, r.year, r.id""",
        params,
    )


def report_totals(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """One row: reports, townships, years, problems, indicators (总览's tiles)."""
    if not summary.available(con):  # a store made before the summary tables (until its next refresh)
        df = report_list(con, filters)
        return pd.DataFrame(
            {
                "reports": [len(df)],
                "townships": [df.township.nunique()],
                "years": [df.year.nunique()],
                "problems": [int(df.problems.sum())],
                "indicators": [int(df.indicators.sum())],
            }
        )
    where, params = filters.where()
    return frame(
        con,
        f"""SELECT count(*) AS reports, count(DISTINCT r.township) AS townships, count(DISTINCT r.year) AS years,
                   CAST(coalesce(sum(x.problems), 0) AS BIGINT) AS problems, CAST(coalesce(sum(x.indicators), 0) AS BIGINT) AS indicators
            FROM reports r LEFT JOIN report_stats x ON x.report_id = r.id WHERE {where}""",
        params,
    )


def report_list(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, limit: int | None = None) -> pd.DataFrame:
    """The report list of 总览, one row per report (the first ``limit``): report_id, file, township,
    county, province, year, issued, problems, plans, indicators, warnings (joined by "；": a frame
    of plain columns is cheap to cache, one of Python lists is not)."""
    columns = ["report_id", "file", "township", "county", "province", "year", "issued", "problems", "plans", "indicators", "warnings"]
    if not summary.available(con):  # a store made before the summary tables (until its next refresh)
        df = reports(con, filters)[columns].head(limit)
        return df.assign(warnings=["；".join(w) if w is not None else "" for w in df.warnings])
    where, params = filters.where()
    return frame(
        con,
        f"""
        SELECT r.id AS report_id, r.file, r.township, r.county, r.province, r.year, r.issued,
               CAST(coalesce(x.problems, 0) AS BIGINT) AS problems, CAST(coalesce(x.plans, 0) AS BIGINT) AS plans,
               CAST(coalesce(x.indicators, 0) AS BIGINT) AS indicators, coalesce(array_to_string(r.warnings, '；'), '') AS warnings
        FROM reports r LEFT JOIN report_stats x ON x.report_id = r.id
        WHERE {where} ORDER BY r.township, r.year, r.id {f"LIMIT {int(limit)}" if limit is not None else ""}""",
        params,
    )


def report_index(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """The filtered reports, small: report_id, file, township, year (same order as :func:`reports`)."""
    where, params = filters.where()
    return frame(
        con, f"SELECT r.id AS report_id, r.file, r.township, r.year FROM reports r WHERE {where} ORDER BY r.township, r.year, r.id", params
    )


def township_names(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """The townships of the filtered reports, sorted: township (None for reports without one, last)."""
    where, params = filters.where()
    return frame(con, f"SELECT DISTINCT r.township FROM reports r WHERE {where} ORDER BY r.township NULLS LAST", params)


def township_reports(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, township: str | None) -> pd.DataFrame:
    """:func:`report_index` of one township's filtered reports (``township`` None: of the reports without one)."""
    where, params = filters.where()
    return frame(
        con,
        f"""SELECT r.id AS report_id, r.file, r.township, r.year FROM reports r
            WHERE {where} AND r.township IS NOT DISTINCT FROM ? ORDER BY r.township, r.year, r.id""",
        params + [township],
    )


def sections(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """One row per section: report_id, file, township, county, city, province, year, ord, heading, kind, chars, text.
    The preamble (ord 0, kind ``preamble``) is included unless section kinds are filtered."""
    where, params = filters.where()
    kw, kparams = filters.kind_where()
    return frame(
        con,
        f"""
        SELECT {REPORT_COLUMNS}, s.ord, s.heading, s.kind, s.chars, s.text
        FROM sections s JOIN reports r ON r.id = s.report_id
        WHERE {where} AND {kw} ORDER BY r.township, r.year, r.id, s.ord""",
        params + kparams,
    )


def items(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, kind: str) -> pd.DataFrame:
    """Problem, plan or achievement items: report_id, file, township, county, city, province, year, ord, text."""
    where, params = filters.where()
    return frame(
        con,
        f"""
        SELECT {REPORT_COLUMNS}, i.ord, i.text
        FROM items i JOIN reports r ON r.id = i.report_id
        WHERE i.kind = ? AND {where} ORDER BY r.township, r.year, r.id, i.ord""",
        [kind] + params,
    )


def indicators(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """One row per indicator, whatever its role: report_id, file, township, county, city,
    province, year, metric, kind, role (done, target, shortfall, context), value, unit, approx,
    section, evidence."""
    where, params = filters.where()
    return frame(
        con,
        f"""
        SELECT {REPORT_COLUMNS}, x.metric, x.kind, x.role, x.value, x.unit, x.approx, s.heading AS section, x.evidence
        FROM indicators x JOIN reports r ON r.id = x.report_id
        LEFT JOIN sections s ON s.report_id = x.report_id AND s.ord = x.section
        WHERE {where} ORDER BY r.township, r.year, r.id, x.ord""",
        params,
    )


def corrections(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """Reviewers' problem corrections, oldest first: made_at, who, action, item_key, code, target, name."""
    return frame(con, "SELECT * FROM corrections ORDER BY made_at")
