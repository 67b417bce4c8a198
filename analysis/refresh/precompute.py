"""Computing and writing the unfiltered views (see :mod:`analysis.storage.precomputed`, which reads them).

:func:`write` runs each view's analysis function with no filters right after the derived tables
are rebuilt (ingest, upload, delete, correction, ``refresh``) and stores the result as table
``pre_<name>``; the function itself, asked for the unfiltered view, returns the stored table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from analysis.insights import keywords
from analysis.problems import recurring
from analysis.storage.precomputed import KEYWORDS_TOP, META_KEY, computing
from analysis.storage.store import get_meta, version


@dataclass(frozen=True)
class View:
    name: str
    # the function's query, for a view the store builds itself (no round trip through pandas);
    # the others are computed in :func:`write`
    sql: Callable[[], tuple[str, list]] | None = None


VIEWS = [
    View("recurring"),
    View("persistent", sql=recurring.persistent_problems_sql),
    View("changes", sql=recurring.problem_changes_sql),
    View("theme_township", sql=recurring.theme_township_sql),
    # stored in the function's order, cluster first: a read of one cluster skips the other row groups
    View("problem_rows", sql=recurring.problem_rows_sql),
    View("keywords"),
    View("keywords_all"),
]


def write(con: duckdb.DuckDBPyConnection, *, added: list[int] | None = None) -> None:
    """Compute and store every view in one transaction of its own (the functions read through
    cursors, which see committed data only: call it after the derived tables are committed).

    ``added``: the reports stored since the views were last written, when nothing was removed
    (see :func:`analysis.storage.precomputed.current_as_of`): the keyword views' township counts are then
    brought up to date from those reports' townships instead of counted again over every term row."""
    known = _stored_townships(con) if added is not None else None
    with computing():
        # the two keyword views in one pass (their townships counted once)
        frames = dict(zip(("keywords", "keywords_all"), keywords.keyword_tables(con, top_n=KEYWORDS_TOP, known=known, added=added)))
        frames["recurring"] = recurring.recurring_table(con)
    con.execute("BEGIN TRANSACTION")
    try:
        for view in VIEWS:
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


def _stored_townships(con: duckdb.DuckDBPyConnection) -> dict[str, int] | None:
    """term → townships of the stored keyword views (None when they are not stored)."""
    try:
        rows = con.execute("SELECT term, townships FROM pre_keywords UNION SELECT term, townships FROM pre_keywords_all").fetchall()
    except duckdb.CatalogException:
        return None
    return {term: int(n) for term, n in rows}
