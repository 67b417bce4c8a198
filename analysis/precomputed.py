"""The unfiltered views, stored by the writer so that a page's default view reads a small table
instead of scanning the corpus.

A view is one analysis function called with no filters (the dashboard's default: every
province, county, township and year). :func:`write` runs each of them right after the derived
tables are rebuilt (ingest, upload, delete, correction, ``refresh``) and stores the result as
table ``pre_<name>``; the function itself, asked for the unfiltered view,
returns the stored table through :func:`read`. Views of the derived tables (the problem
register) are used while those tables are the ones they were computed from; views of the stored reports (keywords) are used
only while the store has not changed since they were written (an ``ingest --no-refresh`` makes
them stale until the next refresh, and the function computes its answer meanwhile).
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd

_computing = contextvars.ContextVar("computing", default=False)
META_KEY = "precomputed"  # "<store version>#<derived key>" the views were computed at


@dataclass(frozen=True)
class View:
    name: str
    of_reports: bool  # computed from the stored reports (else from the derived tables)
    # the function's query, for a view the store builds itself (no round trip through pandas);
    # the others are computed in :func:`write`
    sql: Callable[[], tuple[str, list]] | None = None


def _views() -> list[View]:
    from analysis import recurring

    return [
        View("recurring", of_reports=False),
        View("persistent", of_reports=False, sql=recurring.persistent_problems_sql),
        View("changes", of_reports=False, sql=recurring.problem_changes_sql),
        View("theme_township", of_reports=False, sql=recurring.theme_township_sql),
        # stored in the function's order, cluster first: a read of one cluster skips the other row groups
        View("problem_rows", of_reports=False, sql=recurring.problem_rows_sql),
        View("keywords", of_reports=True),
        View("keywords_all", of_reports=True),
    ]


KEYWORDS_TOP = 100  # the keyword views hold the top 100 terms (the page shows up to 100)


def write(con: duckdb.DuckDBPyConnection, *, added: list[int] | None = None) -> None:
    """Compute and store every view in one transaction of its own (the functions read through
    cursors, which see committed data only: call it after the derived tables are committed).

    ``added``: the reports stored since the views were last written, when nothing was removed
    (see :func:`current_as_of`): the keyword views' township counts are then brought up to date
    from those reports' townships instead of counted again over every term row."""
    from analysis import keywords, recurring
    from analysis.store import get_meta, version

    known = _stored_townships(con) if added is not None else None
    token = _computing.set(True)
    try:
        # the two keyword views in one pass (their townships counted once)
        frames = dict(zip(("keywords", "keywords_all"), keywords.keyword_tables(con, top_n=KEYWORDS_TOP, known=known, added=added)))
        frames["recurring"] = recurring.recurring_table(con)
    finally:
        _computing.reset(token)
    con.execute("BEGIN TRANSACTION")
    try:
        for view in _views():
            con.execute(f"DROP TABLE IF EXISTS pre_{view.name}")
            if view.sql is not None:
                con.execute(f"CREATE TABLE pre_{view.name} AS {view.sql()[0]}", view.sql()[1])
                continue
            con.register("_pre", frames[view.name])
            con.execute(f"CREATE TABLE pre_{view.name} AS SELECT * FROM _pre")
            con.unregister("_pre")
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [META_KEY, f"{version(con)}#{get_meta(con, 'derived') or ''}"])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def current_as_of(con: duckdb.DuckDBPyConnection, derived_key: str | None) -> bool:
    """Whether the stored views were written after the derived tables of ``derived_key`` were
    built (so that the reports they counted are those the derived tables were built from)."""
    from analysis.store import get_meta

    stored = get_meta(con, META_KEY) or ""
    return bool(derived_key) and stored.partition("#")[2] == derived_key


def _stored_townships(con: duckdb.DuckDBPyConnection) -> dict[str, int] | None:
    """term → townships of the stored keyword views (None when they are not stored)."""
    try:
        rows = con.execute("SELECT term, townships FROM pre_keywords UNION SELECT term, townships FROM pre_keywords_all").fetchall()
    except duckdb.CatalogException:
        return None
    return {term: int(n) for term, n in rows}


def read(
    con: duckdb.DuckDBPyConnection, name: str, *, where: str = "", params: list | None = None, limit: int | None = None
) -> pd.DataFrame | None:
    """The stored view ``name`` (rows matching ``where``, the first ``limit`` of them), or None
    when it cannot stand for the function's answer: not stored, stale, or being computed."""
    if _computing.get():
        return None
    from analysis.store import version

    view = next(v for v in _views() if v.name == name)
    cur = con.cursor()
    try:
        try:
            meta = dict(cur.execute("SELECT key, value FROM meta WHERE key IN (?, 'derived')", [META_KEY]).fetchall())
        except duckdb.CatalogException:
            return None
        stored_version, _, stored_derived = meta.get(META_KEY, "").partition("#")
        if stored_derived != meta.get("derived") or not stored_derived:
            return None  # the derived tables were rebuilt since (or the views never written)
        if view.of_reports and stored_version != version(con):
            return None  # reports were stored or deleted since
        try:
            sql = f"SELECT * FROM pre_{name} {'WHERE ' + where if where else ''} {f'LIMIT {int(limit)}' if limit is not None else ''}"
            return cur.execute(sql, params or []).df()
        except duckdb.CatalogException:
            return None
    finally:
        cur.close()
