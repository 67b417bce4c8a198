"""The embedded DuckDB store: schema, atomic per-report writes, and connections.

DuckDB lets one process write *or* several read a file, so nobody holds the file open:
readers open a connection per unit of work, and writers release the lock between
reports (see :mod:`analysis.ingest`). Lock conflicts are retried with back-off.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from analysis.errors import ReportError
from analysis.parse import ParsedReport
from analysis.structure import DATA_DIR

DEFAULT_DB = DATA_DIR / "reports.duckdb"
LOCK_WAIT_SECONDS = 30.0
CONFIG = {"threads": "2"}

SCHEMA = """
CREATE SEQUENCE IF NOT EXISTS report_ids START 1;
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY, sha256 VARCHAR NOT NULL UNIQUE, file VARCHAR NOT NULL, title VARCHAR,
    township VARCHAR, county VARCHAR, city VARCHAR, province VARCHAR, year INTEGER, issued DATE,
    issuers VARCHAR[], addressee VARCHAR, warnings VARCHAR[], format VARCHAR, encoding VARCHAR,
    chars INTEGER, tokens INTEGER, preamble VARCHAR, ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS sections (
    report_id INTEGER, ord INTEGER, heading VARCHAR, kind VARCHAR, text VARCHAR, chars INTEGER, tokens INTEGER
);
CREATE TABLE IF NOT EXISTS items (report_id INTEGER, kind VARCHAR, ord INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS indicators (
    report_id INTEGER, ord INTEGER, section INTEGER, value DOUBLE, unit VARCHAR, approx BOOLEAN,
    metric VARCHAR, evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS terms (report_id INTEGER, section INTEGER, term VARCHAR, n INTEGER);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
INSERT INTO meta VALUES ('version', '0') ON CONFLICT DO NOTHING;
"""
DATA_TABLES = ("sections", "items", "indicators", "terms")


def db_path(path: str | Path | None = None) -> Path:
    """The store file: ``path``, else ``$REPORTS_DB``, else ``data/reports.duckdb``."""
    return Path(path or os.environ.get("REPORTS_DB") or DEFAULT_DB)


@contextmanager
def connect(path: str | Path | None = None, *, read_only: bool = False, wait: float = LOCK_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for one unit of work, retried while another process holds the lock.

    A reader of a store that does not exist yet gets an empty in-memory store with the schema.
    """
    path = db_path(path)
    if read_only and not path.exists():
        con = duckdb.connect(":memory:", config=CONFIG)
        con.execute(SCHEMA)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = _open(path, read_only, wait)
        if not read_only:
            con.execute(SCHEMA)
    con.execute("SET enable_progress_bar = false")
    try:
        yield con
    finally:
        con.close()


def _open(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=CONFIG)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise ReportError(f"the store {path} is busy or unreadable ({str(exc).splitlines()[0]}): try again shortly") from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


def version(con: duckdb.DuckDBPyConnection) -> int:
    """The store's version: it goes up by one with every committed change."""
    row = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    return int(row[0]) if row else 0


def bump_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'version'")


def existing_keys(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], dict[tuple[str, int], tuple[int, str]]]:
    """(sha256 → file, (township, year) → (id, file)) of the stored reports."""
    rows = con.execute("SELECT id, sha256, file, township, year FROM reports").fetchall()
    shas = {sha: file for _, sha, file, _, _ in rows}
    slots = {(t, y): (i, f) for i, _, f, t, y in rows if t and y}
    return shas, slots


def write_report(
    con: duckdb.DuckDBPyConnection,
    report: ParsedReport,
    tokens: list[tuple[int, dict[str, int], int]],
    *,
    replace_id: int | None = None,
) -> int:
    """Store one parsed report and its term counts in one transaction; return its id.

    ``tokens`` holds (section ordinal, term counts, total tokens) per section, 0 being the
    preamble. With ``replace_id`` the old report goes in the same transaction.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        if replace_id is not None:
            delete_reports(con, [replace_id], in_transaction=True)
        report_id = con.execute("SELECT nextval('report_ids')").fetchone()[0]
        _insert_report(con, report_id, report, sum(t for _, _, t in tokens))
        _insert_rows(con, report_id, report, tokens)
        bump_version(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return report_id


def _insert_report(con: duckdb.DuckDBPyConnection, report_id: int, r: ParsedReport, n_tokens: int) -> None:
    con.execute(
        "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            report_id, r.sha256, r.file, r.title, r.township, r.county, r.city, r.province, r.year,
            r.issued, r.issuers, r.addressee, r.warnings, r.format, r.encoding, len(r.text), n_tokens,
            r.preamble, dt.datetime.now(),
        ],
    )


def _insert_rows(con: duckdb.DuckDBPyConnection, report_id: int, r: ParsedReport, tokens: list[tuple[int, dict[str, int], int]]) -> None:
    section_tokens = {ord_: total for ord_, _, total in tokens}
    sections = pa.table({
        "report_id": [report_id] * (len(r.sections) + 1),
        "ord": list(range(len(r.sections) + 1)),
        "heading": [""] + [s.heading for s in r.sections],
        "kind": ["preamble"] + [s.kind for s in r.sections],
        "text": [r.preamble] + [s.text for s in r.sections],
        "chars": [len(r.preamble)] + [len(s.text) for s in r.sections],
        "tokens": [section_tokens.get(i, 0) for i in range(len(r.sections) + 1)],
    })
    kinds = ["problem"] * len(r.problems) + ["plan"] * len(r.plans) + ["achievement"] * len(r.achievements)
    texts = [*r.problems, *r.plans, *r.achievements]
    ords = [*range(len(r.problems)), *range(len(r.plans)), *range(len(r.achievements))]
    items = pa.table({"report_id": [report_id] * len(texts), "kind": kinds, "ord": ords, "text": texts})
    ind = r.indicators
    indicators = pa.table({
        "report_id": pa.array([report_id] * len(ind), pa.int32()),
        "ord": pa.array(range(len(ind)), pa.int32()),
        "section": pa.array([i.section for i in ind], pa.int32()),
        "value": pa.array([float(i.value) for i in ind], pa.float64()),
        "unit": pa.array([i.unit for i in ind], pa.string()),
        "approx": pa.array([i.approx for i in ind], pa.bool_()),
        "metric": pa.array([i.metric for i in ind], pa.string()),
        "evidence": pa.array([i.evidence for i in ind], pa.string()),
    })
    term_rows = [(s, term, n) for s, counts, _ in tokens for term, n in counts.items()]
    terms = pa.table({
        "report_id": pa.array([report_id] * len(term_rows), pa.int32()),
        "section": pa.array([s for s, _, _ in term_rows], pa.int32()),
        "term": pa.array([t for _, t, _ in term_rows], pa.string()),
        "n": pa.array([n for _, _, n in term_rows], pa.int32()),
    })
    for name, table in (("sections", sections), ("items", items), ("indicators", indicators), ("terms", terms)):
        if table.num_rows:
            con.register("_rows", table)
            con.execute(f"INSERT INTO {name} SELECT * FROM _rows")
            con.unregister("_rows")


def delete_reports(con: duckdb.DuckDBPyConnection, ids: list[int], *, in_transaction: bool = False) -> int:
    """Remove reports and everything derived from them; returns how many reports went."""
    if not ids:
        return 0
    if not in_transaction:
        con.execute("BEGIN TRANSACTION")
    placeholders = ", ".join("?" * len(ids))
    for table in DATA_TABLES:
        con.execute(f"DELETE FROM {table} WHERE report_id IN ({placeholders})", ids)
    n = con.execute(f"DELETE FROM reports WHERE id IN ({placeholders})", ids).fetchone()[0]
    if not in_transaction:
        bump_version(con)
        con.execute("COMMIT")
    return int(n)


def frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    """Run a query on a fresh cursor and return a DataFrame."""
    cur = con.cursor()
    try:
        return cur.execute(sql, params or []).df()
    finally:
        cur.close()
