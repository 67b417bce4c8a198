"""Summary tables kept up to date by every write, so that a page's default view does not scan
the corpus (a national corpus has 10^5 reports and 6×10^7 term rows).

- ``report_stats``: one row per report: report_id, sections (without the preamble), problems,
  plans, achievements, indicators (item and indicator counts) and the five required parts
  (has_achievements, has_duty, has_problems, has_plans, has_other; problems count as present
  when a problems section exists or problem items were found inline, plans likewise (a
  「存在的问题及下一步打算」 section holds both), the duty when a duty
  section exists or an achievement paragraph describes it, ``analysis.parse.areas.DUTY_IN_BODY``).
- ``term_year``: term totals per report year and section kind: year (0 when the report's year
  is unknown), kind (a section kind, or ``*`` for every section of the report, preamble
  included), located (the report's township is known), term, n (occurrences), reports
  (reports with the term in such sections).

Both are written in the transaction that stores or deletes reports (:func:`add`,
:func:`remove`), from the rows being written, never by rescanning the store (``term_year``
gets the written reports' counts appended, or subtracted, and readers sum over its rows; the
refresh folds them together, :func:`compact`); :func:`rebuild`
recomputes them from the stored rows (a store made before them, ``python -m analysis refresh
--full``). Readers use them only when :func:`available` (meta ``summary`` = :data:`VERSION`).
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from analysis.parse.areas import DUTY_IN_BODY
from analysis.storage.transactions import transaction

VERSION = "5"  # 4: the duty counts where the body describes it; 5: or the opening paragraph (上涌镇 2024)
SCHEMA = """
CREATE TABLE IF NOT EXISTS report_stats (
    report_id INTEGER, sections INTEGER, problems INTEGER, plans INTEGER, achievements INTEGER, indicators INTEGER,
    has_achievements BOOLEAN, has_duty BOOLEAN, has_problems BOOLEAN, has_plans BOOLEAN, has_other BOOLEAN
);
CREATE TABLE IF NOT EXISTS term_year (year INTEGER, kind VARCHAR, located BOOLEAN, term VARCHAR, n BIGINT, reports BIGINT);
"""
TABLES = ("report_stats", "term_year")
ALL_KINDS = "*"

DUTY_SQL = DUTY_IN_BODY.pattern.replace("'", "''")  # the duty described in the body, as a SQL string
# {r}, {s}, {i}, {x}, {t}: the reports, sections, items, indicators and terms rows to summarise.
# The duty's pattern is matched under CASE: DuckDB evaluates both sides of an AND inside an
# aggregate, so ``kind = 'preamble' AND regexp_matches(…)`` ran it over every section's text
# (most of a write's summary time); a NULL where a kind is unknown is false for the coalesce below.
_STATS = """
SELECT r.id,
       coalesce(s.sections, 0), coalesce(i.problems, 0), coalesce(i.plans, 0), coalesce(i.achievements, 0), coalesce(x.n, 0),
       coalesce(s.achievements, false), coalesce(s.duty, false) OR coalesce(i.duty, false),
       coalesce(s.problems, false) OR coalesce(i.problems, 0) > 0,
       coalesce(s.plans, false) OR coalesce(i.plans, 0) > 0, coalesce(s.other, false)
FROM {r} r
LEFT JOIN (SELECT report_id, count(*) FILTER (WHERE kind <> 'preamble') AS sections,
                  bool_or(kind = 'achievements') AS achievements,
                  bool_or(kind = 'duty' OR CASE WHEN kind = 'preamble' THEN regexp_matches(text, '{duty}') ELSE false END) AS duty,
                  bool_or(kind = 'problems') AS problems, bool_or(kind = 'plans') AS plans, bool_or(kind = 'other') AS other
           FROM {s} GROUP BY report_id) s ON s.report_id = r.id
LEFT JOIN (SELECT report_id, count(*) FILTER (WHERE kind = 'problem') AS problems, count(*) FILTER (WHERE kind = 'plan') AS plans,
                  count(*) FILTER (WHERE kind = 'achievement') AS achievements,
                  bool_or(CASE WHEN kind = 'achievement' THEN regexp_matches(text, '{duty}') ELSE false END) AS duty
           FROM {i} GROUP BY report_id) i ON i.report_id = r.id
LEFT JOIN (SELECT report_id, count(*) AS n FROM {x} GROUP BY report_id) x ON x.report_id = r.id
"""
_TERMS = """
WITH per AS (  -- one row per report, section kind and term: report counts become plain counts
    SELECT coalesce(r.year, 0) AS year, s.kind, r.township IS NOT NULL AS located, t.term, t.report_id, sum(t.n) AS n
    FROM {t} t JOIN {s} s ON s.report_id = t.report_id AND s.ord = t.section JOIN {r} r ON r.id = t.report_id
    GROUP BY ALL),
whole AS (SELECT year, located, term, report_id, sum(n) AS n FROM per GROUP BY ALL)
SELECT year, kind, located, term, sum(n) AS n, count(*) AS reports FROM per GROUP BY year, kind, located, term
UNION ALL
SELECT year, '*' AS kind, located, term, sum(n) AS n, count(*) AS reports FROM whole GROUP BY year, located, term
"""
_DELTA = """
INSERT INTO term_year SELECT year, kind, located, term, {sign} * n, {sign} * reports FROM ({delta})
"""
_COMPACT = """
CREATE OR REPLACE TABLE term_year AS
SELECT year, kind, located, term, CAST(sum(n) AS BIGINT) AS n, CAST(sum(reports) AS BIGINT) AS reports
FROM term_year GROUP BY year, kind, located, term HAVING sum(reports) > 0 ORDER BY year, kind, located, term
"""
# a write appends its counts (a sum over several rows of a key is the same figure, and appending
# costs a write a fraction of merging); the writer's refresh folds them together again once the
# table has grown to this many times its compacted size
COMPACT_GROWTH = 3


def available(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the summary tables exist and are complete for this store."""
    try:
        rows = con.execute("SELECT value FROM meta WHERE key = 'summary'").fetchall()
    except duckdb.CatalogException:
        return False
    return rows == [(VERSION,)]


def add(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """Count newly written reports in (inside the writer's transaction): ``tables`` are the
    arrow rows just inserted into reports, sections, items, indicators and terms."""
    if not available(con) or not tables["reports"].num_rows:
        return
    names = {"r": "reports", "s": "sections", "i": "items", "x": "indicators", "t": "terms"}
    for alias, name in names.items():
        con.register(f"_sum_{alias}", tables[name])
    try:
        views = {alias: f"_sum_{alias}" for alias in names}
        con.execute("INSERT INTO report_stats " + _STATS.format(**views, duty=DUTY_SQL))
        con.execute(_DELTA.format(delta=_TERMS.format(**views), sign=1))
    finally:
        for alias in names:
            con.unregister(f"_sum_{alias}")


def remove(con: duckdb.DuckDBPyConnection, ids: list[int]) -> None:
    """Count reports out before their rows are deleted (inside the writer's transaction)."""
    if not available(con) or not ids:
        return
    shift_terms(con, ids, sign=-1)
    con.execute(f"DELETE FROM report_stats WHERE report_id IN ({', '.join(str(int(i)) for i in ids)})")


def shift_terms(con: duckdb.DuckDBPyConnection, ids: list[int], *, sign: int) -> None:
    """Count stored reports' terms out (-1) or in (+1) of ``term_year`` (inside the writer's
    transaction): out before they are deleted, out and in again around a correction of their year
    or township (``term_year`` is kept per year and located)."""
    if not available(con) or not ids:
        return
    id_list = ", ".join(str(int(i)) for i in ids)  # integers: constants let DuckDB skip row groups
    views = {
        "r": f"(SELECT * FROM reports WHERE id IN ({id_list}))",
        "s": f"(SELECT * FROM sections WHERE report_id IN ({id_list}))",
        "t": f"(SELECT * FROM terms WHERE report_id IN ({id_list}))",
    }
    con.execute(_DELTA.format(delta=_TERMS.format(**views), sign=int(sign)))


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute both tables from every stored row (the caller holds the write lock)."""
    with transaction(con):
        for table in TABLES:
            con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute(SCHEMA)
        views = {"r": "reports", "s": "sections", "i": "items", "x": "indicators", "t": "terms"}
        con.execute("INSERT INTO report_stats " + _STATS.format(**views, duty=DUTY_SQL))
        con.execute("INSERT INTO term_year " + _TERMS.format(**views))
        con.execute(_COMPACT)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('summary', ?)", [VERSION])
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('summary_rows', ?)", [str(con.execute("SELECT count(*) FROM term_year").fetchall()[0][0])]
        )


def compact(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """Fold ``term_year``'s appended counts into one row per key (the writer, outside a
    transaction) once it has grown :data:`COMPACT_GROWTH` times; True if it did."""
    if not available(con):
        return False
    rows = con.execute("SELECT count(*) FROM term_year").fetchall()[0][0]
    compacted = int((con.execute("SELECT value FROM meta WHERE key = 'summary_rows'").fetchall() or [("0",)])[0][0])
    if not force and rows <= COMPACT_GROWTH * max(compacted, 10_000):
        return False
    with transaction(con):
        con.execute(_COMPACT)
        n = con.execute("SELECT count(*) FROM term_year").fetchall()[0][0]
        con.execute("INSERT OR REPLACE INTO meta VALUES ('summary_rows', ?)", [str(n)])
    return True


def ensure(con: duckdb.DuckDBPyConnection) -> bool:
    """Build the tables when this store lacks them (or has an older version); True if it did."""
    if available(con):
        return False
    rebuild(con)
    return True
