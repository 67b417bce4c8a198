"""Derived tables recomputed after each batch: problem clusters and plan follow-through.

They depend on the whole corpus, so they are rebuilt in one pass after ingest (CLI, upload,
delete) and whenever the store or ``data/themes.csv`` changed since the last build
(:func:`is_fresh`). Views read them under the shared filters.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd

from analysis import store
from analysis.clustering import DEFAULT_THRESHOLD, cluster_items
from analysis.errors import ReportError
from analysis.followthrough import follow_through
from analysis.structure import ROOT
from analysis.themes import THEMES_FILE

# from this many reports a dashboard's refresh runs in a child process, so that its working
# memory (a few hundred MB at 10,000 reports) goes back to the system when it ends instead of
# staying with the long-running dashboard; below, the child's start-up (~1.5 s) costs more
CHILD_MIN_REPORTS = 2_000

DERIVED_SCHEMA = """
CREATE TABLE IF NOT EXISTS problem_clusters (report_id INTEGER, ord INTEGER, theme VARCHAR, cluster INTEGER);
CREATE TABLE IF NOT EXISTS clusters (cluster INTEGER, theme VARCHAR, label VARCHAR, example VARCHAR, items INTEGER);
CREATE TABLE IF NOT EXISTS followthrough (
    report_id INTEGER, ord INTEGER, township VARCHAR, plan_year INTEGER, plan VARCHAR, status VARCHAR,
    matched_year INTEGER, matched_text VARCHAR, score DOUBLE
);
"""


def derived_key(con: duckdb.DuckDBPyConnection, *, threshold: float = DEFAULT_THRESHOLD) -> str:
    """What the derived tables were built from: store version, taxonomy file, threshold."""
    return f"{store.version(con)}|{THEMES_FILE.stat().st_mtime_ns}|{threshold}"


def is_fresh(con: duckdb.DuckDBPyConnection) -> bool:
    return store.get_meta(con, "derived") == derived_key(con)


def refresh(con: duckdb.DuckDBPyConnection, *, threshold: float = DEFAULT_THRESHOLD) -> None:
    """Rebuild problem clusters and follow-through from everything stored (one transaction)."""
    con.execute(DERIVED_SCHEMA)
    clustering = cluster_items(
        store.frame(con, "SELECT report_id, ord, text, themes, concepts FROM items WHERE kind = 'problem'"), threshold=threshold
    )
    follow = follow_through(_items(con, "plan"), _items(con, "achievement"))
    key = derived_key(con, threshold=threshold)
    con.execute("BEGIN TRANSACTION")
    try:
        for table, df in (("problem_clusters", clustering.assignments), ("clusters", clustering.clusters), ("followthrough", follow)):
            con.execute(f"DELETE FROM {table}")
            if len(df):
                con.register("_df", _typed(df))
                con.execute(f"INSERT INTO {table} SELECT * FROM _df")
                con.unregister("_df")
        store.set_meta(con, "derived", key)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _items(con: duckdb.DuckDBPyConnection, kind: str) -> pd.DataFrame:
    """report_id, ord, township, year, text, concepts of one kind of item; text and concepts
    stay Arrow-backed (no Python object per row: a province's achievements are 10^5 rows)."""
    cur = con.cursor()
    try:
        table = cur.sql(
            """
            SELECT i.report_id, i.ord, r.township, r.year, i.text, i.concepts
            FROM items i JOIN reports r ON r.id = i.report_id WHERE i.kind = $kind ORDER BY i.report_id, i.ord""",
            params={"kind": kind},
        ).to_arrow_table()
    finally:
        cur.close()
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype({c: "Int64" for c in df.columns if c in ("report_id", "ord", "cluster", "items", "plan_year", "matched_year")})


def ensure_fresh(db=None, *, child_min_reports: int = CHILD_MIN_REPORTS) -> None:
    """Refresh the derived tables if the store changed since they were built (takes the write lock).

    A store of ``child_min_reports`` reports or more is refreshed by a child process
    (``python -m analysis refresh --if-stale``); a failure there raises :class:`ReportError`.
    """
    if not store.db_path(db).exists():
        return
    with store.connect(db, read_only=True) as con:
        if _has_tables(con) and is_fresh(con):
            return
        n_reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    if n_reports >= child_min_reports:
        _refresh_in_child(store.db_path(db))
        return
    with store.connect(db) as con:
        if not (_has_tables(con) and is_fresh(con)):  # another process may have refreshed meanwhile
            refresh(con)


def _refresh_in_child(path: Path) -> None:
    command = [sys.executable, "-m", "analysis", "refresh", "--if-stale", "--db", str(path)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[-1]
        raise ReportError(
            f"rebuilding the derived tables failed ({last}): run `python -m analysis refresh --db {path}` to see the whole error"
        )


def _has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    return store.has_tables(con, "problem_clusters", "clusters", "followthrough")
