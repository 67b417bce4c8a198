"""analysis.storage.transactions: one transaction around a block of writes, undone on failure."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from analysis.storage import store
from analysis.storage.transactions import transaction


def test_a_block_that_succeeds_is_committed_and_one_that_fails_is_undone():
    con = duckdb.connect()
    con.execute("CREATE TABLE t (x INTEGER)")
    with transaction(con):
        con.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(ZeroDivisionError), transaction(con):
        con.execute("INSERT INTO t VALUES (2)")
        raise ZeroDivisionError
    with transaction(con):  # no transaction left open by the failure
        con.execute("INSERT INTO t VALUES (3)")
    assert con.execute("SELECT x FROM t ORDER BY x").fetchall() == [(1,), (3,)]


def test_a_delete_that_fails_midway_removes_nothing_and_leaves_no_transaction_open(tmp_path, seed_db, monkeypatch):
    db = tmp_path / "s.duckdb"
    shutil.copy(seed_db, db)
    monkeypatch.setattr(store, "DATA_TABLES", (*store.DATA_TABLES, "no_such_table"))
    with store.connect(db) as con:
        before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reports", "sections", "items")}
        ids = [r[0] for r in con.execute("SELECT id FROM reports ORDER BY id LIMIT 2").fetchall()]
        with pytest.raises(duckdb.CatalogException):
            store.delete_reports(con, ids)
        after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reports", "sections", "items")}
        assert after == before
        with transaction(con):  # the failed delete left no transaction open
            pass
