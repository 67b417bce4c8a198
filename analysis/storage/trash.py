"""The 回收站: a deleted report is moved, rows and all, out of the tables every view reads into
``trash_*`` tables of the same columns, so that every read path (summary tables, stored views,
filters, search, brief, profile, exports) stops showing it exactly as a hard delete did, and
it can be put back (:func:`restore`) or removed for good (:func:`purge`). Each of the three is
one transaction with its line in the action log (:mod:`analysis.storage.history`): all or
nothing. A file whose report is in the 回收站 is not stored again (:func:`trashed_files`).

``trash``: report_id, deleted_at, who; ``trash_reports``, ``trash_sections``, ``trash_items``,
``trash_indicators``, ``trash_terms``: the moved rows.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from analysis.errors import ReportError
from analysis.storage import history, store, summary
from analysis.storage.filters import ALL, Filters

MOVED = ("reports", *store.DATA_TABLES)  # reports first: restoring checks it
IN_STORE, IN_TRASH, PURGED = "在库", "回收站", "已彻底删除"


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    """Create the 回收站 tables (empty, with the columns of the tables they keep rows of)."""
    con.execute("CREATE TABLE IF NOT EXISTS trash (report_id INTEGER, deleted_at TIMESTAMP, who VARCHAR)")
    for table in MOVED:
        con.execute(f"CREATE TABLE IF NOT EXISTS trash_{table} AS SELECT * FROM {table} LIMIT 0")
        for column, kind in _missing_columns(con, table):  # a column the store gained since (see store._open_writer)
            con.execute(f'ALTER TABLE trash_{table} ADD COLUMN "{column}" {kind}')


def _missing_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return con.execute(
        """SELECT column_name, data_type FROM information_schema.columns c WHERE table_name = ?
           AND column_name NOT IN (SELECT column_name FROM information_schema.columns WHERE table_name = ?)
           ORDER BY ordinal_position""",
        [table, f"trash_{table}"],
    ).fetchall()


def present(con: duckdb.DuckDBPyConnection) -> bool:
    return store.has_tables(con, "trash", *(f"trash_{t}" for t in MOVED))


def move_to_trash(con: duckdb.DuckDBPyConnection, ids: list[int], *, who: str = "") -> int:
    """Move stored reports to the 回收站 (one transaction); returns how many were moved."""
    ensure(con)
    with store.transaction(con):
        found = _labels(con, "reports", ids)
        if found:
            moved = list(found)
            summary.remove(con, moved)
            _move(con, moved, source="", target="trash_")
            now = dt.datetime.now()
            con.executemany("INSERT INTO trash VALUES (?, ?, ?)", [[i, now, who.strip() or history.UNSIGNED] for i in moved])
            for label in found.values():
                history.log(con, "删除（移入回收站）", label, who=who, before=IN_STORE, after=IN_TRASH, at=now)
            store.bump_version(con)
    return len(found)


def restore(con: duckdb.DuckDBPyConnection, ids: list[int], *, who: str = "") -> int:
    """Put reports from the 回收站 back (one transaction); returns how many. Refused, nothing
    restored, when the same file or another report of its township and year is stored now."""
    ensure(con)
    with store.transaction(con):
        found = _labels(con, "trash_reports", ids)
        for report_id, label in found.items():
            _check_free(con, report_id, label)
        if found:
            moved = list(found)
            _move(con, moved, source="trash_", target="")
            summary.add(con, _rows(con, moved))
            con.execute(f"DELETE FROM trash WHERE report_id IN ({_ids(moved)})")
            for label in found.values():
                history.log(con, "恢复", label, who=who, before=IN_TRASH, after=IN_STORE)
            store.bump_version(con)
    return len(found)


def purge(con: duckdb.DuckDBPyConnection, ids: list[int], *, who: str = "") -> int:
    """Remove reports from the 回收站 for good (one transaction); returns how many."""
    ensure(con)
    with store.transaction(con):
        found = _labels(con, "trash_reports", ids)
        if found:
            id_list = _ids(list(found))
            for table in store.DATA_TABLES:
                con.execute(f"DELETE FROM trash_{table} WHERE report_id IN ({id_list})")
            con.execute(f"DELETE FROM trash_reports WHERE id IN ({id_list})")
            con.execute(f"DELETE FROM trash WHERE report_id IN ({id_list})")
            for label in found.values():
                history.log(con, "彻底删除", label, who=who, before=IN_TRASH, after=PURGED)
    return len(found)


def trashed(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """The reports in the 回收站, last deleted first: report_id, township, year, file,
    deleted_at, who (the shared filters' years and places apply)."""
    columns = ["report_id", "township", "year", "file", "deleted_at", "who"]
    if not present(con):
        return pd.DataFrame(columns=columns)
    where, params = filters.where("r")
    return store.frame(
        con,
        f"""SELECT r.id AS report_id, r.township, r.year, r.file, t.deleted_at, t.who
            FROM trash_reports r JOIN trash t ON t.report_id = r.id WHERE {where} ORDER BY t.deleted_at DESC, r.id""",
        params,
    )


def trashed_files(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """sha256 → file of the reports in the 回收站 (ingest refuses to store them again)."""
    if not present(con):
        return {}
    return dict(con.execute("SELECT sha256, file FROM trash_reports").fetchall())


def _labels(con: duckdb.DuckDBPyConnection, table: str, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = con.execute(f"SELECT id, township, year, file FROM {table} WHERE id IN ({_ids(ids)}) ORDER BY id").fetchall()
    return {int(i): history.report_label(t, y, f) for i, t, y, f in rows}


def _check_free(con: duckdb.DuckDBPyConnection, report_id: int, label: str) -> None:
    sha, township, year = con.execute("SELECT sha256, township, year FROM trash_reports WHERE id = ?", [report_id]).fetchone()
    same = con.execute("SELECT file FROM reports WHERE sha256 = ?", [sha]).fetchone()
    if same:
        raise ReportError(f"cannot restore {label}: the same file is stored again as {same[0]}")
    if township and year:
        other = con.execute("SELECT file FROM reports WHERE township = ? AND year = ?", [township, year]).fetchone()
        if other:
            raise ReportError(f"cannot restore {label}: {township} {year} has another stored report ({other[0]})")


def _move(con: duckdb.DuckDBPyConnection, ids: list[int], *, source: str, target: str) -> None:
    id_list = _ids(ids)  # integers: constants let DuckDB skip row groups
    for table in MOVED:
        column = "id" if table == "reports" else "report_id"
        con.execute(f"INSERT INTO {target}{table} BY NAME SELECT * FROM {source}{table} WHERE {column} IN ({id_list})")
        con.execute(f"DELETE FROM {source}{table} WHERE {column} IN ({id_list})")


def _rows(con: duckdb.DuckDBPyConnection, ids: list[int]):
    id_list = _ids(ids)
    return {
        table: con.sql(f"SELECT * FROM {table} WHERE {'id' if table == 'reports' else 'report_id'} IN ({id_list})").to_arrow_table()
        for table in MOVED
    }


def _ids(ids: list[int]) -> str:
    return ", ".join(str(int(i)) for i in ids)
