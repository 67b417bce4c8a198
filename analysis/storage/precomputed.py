"""The unfiltered views the writer stores, as their readers see them: whether a stored view can
stand for a function's answer, and reading it. (The views are computed and written by
:mod:`analysis.refresh.precompute`, which calls the analysis functions; this module imports none of them,
so the functions can read their stored views without a circle.)

A view is one analysis function called with no filters (the dashboard's default: every
province, county, township and year), stored as table ``pre_<name>``. Views of the derived
tables (the problem register) are used while those tables are the ones they were computed from;
views of the stored reports (keywords) are used only while the store has not changed since they
were written (an ``ingest --no-refresh`` makes them stale until the next refresh, and the
function computes its answer meanwhile).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd

from analysis.storage.store import get_meta, version

_computing = contextvars.ContextVar("computing", default=False)
META_KEY = "precomputed"  # "<store version>#<derived key>" the views were computed at
KEYWORDS_TOP = 100  # the keyword views hold the top 100 terms (the page shows up to 100)

# view name → computed from the stored reports (else from the derived tables)
OF_REPORTS = {
    "recurring": False,
    "persistent": False,
    "changes": False,
    "theme_township": False,
    "problem_rows": False,
    "keywords": True,
    "keywords_all": True,
}


@contextmanager
def computing() -> Iterator[None]:
    """While the views are being computed, the functions compute (they read no stored view)."""
    token = _computing.set(True)
    try:
        yield
    finally:
        _computing.reset(token)


def current_as_of(con: duckdb.DuckDBPyConnection, derived_key: str | None) -> bool:
    """Whether the stored views were written after the derived tables of ``derived_key`` were
    built (so that the reports they counted are those the derived tables were built from)."""
    stored = get_meta(con, META_KEY) or ""
    return bool(derived_key) and stored.partition("#")[2] == derived_key


def read(
    con: duckdb.DuckDBPyConnection, name: str, *, where: str = "", params: list | None = None, limit: int | None = None
) -> pd.DataFrame | None:
    """The stored view ``name`` (rows matching ``where``, the first ``limit`` of them), or None
    when it cannot stand for the function's answer: not stored, stale, or being computed."""
    if _computing.get():
        return None
    of_reports = OF_REPORTS[name]
    cur = con.cursor()
    try:
        try:
            meta = dict(cur.execute("SELECT key, value FROM meta WHERE key IN (?, 'derived')", [META_KEY]).fetchall())
        except duckdb.CatalogException:
            return None
        stored_version, _, stored_derived = meta.get(META_KEY, "").partition("#")
        if stored_derived != meta.get("derived") or not stored_derived:
            return None  # the derived tables were rebuilt since (or the views never written)
        if of_reports and stored_version != version(con):
            return None  # reports were stored or deleted since
        try:
            sql = f"SELECT * FROM pre_{name} {'WHERE ' + where if where else ''} {f'LIMIT {int(limit)}' if limit is not None else ''}"
            return cur.execute(sql, params or []).df()
        except duckdb.CatalogException:
            return None
    finally:
        cur.close()
