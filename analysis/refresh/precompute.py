"""Computing and writing the unfiltered views (see :mod:`analysis.storage.precomputed`, which reads them).

:func:`write` runs each view's analysis function with no filters right after the derived tables
are rebuilt (ingest, upload, delete, correction, ``refresh``) and stores the result as table
``pre_<name>``; the function itself, asked for the unfiltered view, returns the stored table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from analysis.insights import keywords, search
from analysis.problems import recurring
from analysis.storage.precomputed import KEYWORDS_TOP, META_KEY, computing
from analysis.storage.store import get_meta, has_tables, transaction, version


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
    with transaction(con):
        for view in VIEWS:
            con.execute(f"DROP TABLE IF EXISTS pre_{view.name}")
            if view.sql is not None:
                con.execute(f"CREATE TABLE pre_{view.name} AS {view.sql()[0]}", view.sql()[1])
                continue
            con.register("_pre", frames[view.name])
            con.execute(f"CREATE TABLE pre_{view.name} AS SELECT * FROM _pre")
            con.unregister("_pre")
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [META_KEY, f"{version(con)}#{get_meta(con, 'derived') or ''}"])


def _stored_townships(con: duckdb.DuckDBPyConnection) -> dict[str, int] | None:
    """term → townships of the stored keyword views (None when they are not stored)."""
    try:
        rows = con.execute("SELECT term, townships FROM pre_keywords UNION SELECT term, townships FROM pre_keywords_all").fetchall()
    except duckdb.CatalogException:
        return None
    return {term: int(n) for term, n in rows}


def write_sentences(con: duckdb.DuckDBPyConnection, *, full: bool) -> None:
    """Bring 全文检索's sentence table (:data:`analysis.insights.search.SENTENCE_TABLE`) up to date
    in one transaction: rebuilt when ``full`` or missing, else the sentences of reports removed
    (or replaced under the same id) deleted and those of reports not yet in it added. Which
    reports it holds is kept beside it (id and content hash)."""
    table, held = search.SENTENCE_TABLE, f"{search.SENTENCE_TABLE}_reports"
    with transaction(con):
        if full or not has_tables(con, table, held):
            con.execute(f"CREATE OR REPLACE TABLE {table} AS {search.SENTENCES_SQL.format(scope='TRUE')}")
            con.execute(f"CREATE OR REPLACE TABLE {held} AS SELECT id AS report_id, sha256 FROM reports")
        else:
            gone = f"SELECT report_id FROM {held} h WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = h.report_id AND r.sha256 = h.sha256)"
            con.execute(f"DELETE FROM {table} WHERE report_id IN ({gone})")
            con.execute(f"DELETE FROM {held} WHERE report_id IN ({gone})")
            new = f"SELECT id FROM reports r WHERE NOT EXISTS (SELECT 1 FROM {held} h WHERE h.report_id = r.id)"
            con.execute(f"INSERT INTO {table} {search.SENTENCES_SQL.format(scope=f's.report_id IN ({new})')}")
            con.execute(f"INSERT INTO {held} SELECT id, sha256 FROM reports WHERE id IN ({new})")
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [search.SENTENCES_KEY, version(con)])
