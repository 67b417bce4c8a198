"""Derived tables (problem clusters, plan follow-through): rebuilt when the store changed, in a
child process for a large store."""

from __future__ import annotations

import shutil

import pytest

from analysis.errors import ReportError
from analysis.refresh import derived
from analysis.storage import store


@pytest.fixture
def stale_db(tmp_path, seed_db):
    db = tmp_path / "stale.duckdb"
    shutil.copy(seed_db, db)
    with store.connect(db) as con:
        store.delete_reports(con, [1])  # bumps the store version: the derived tables are stale
        assert not derived.is_fresh(con)
    return db


def derived_state(db) -> tuple[bool, int, int]:
    with store.connect(db, read_only=True) as con:
        stale = con.execute("SELECT count(*) FROM problem_clusters WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
        follow = con.execute("SELECT count(*) FROM followthrough WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
        return derived.is_fresh(con), stale, follow


@pytest.mark.parametrize("child_min_reports", [derived.CHILD_MIN_REPORTS, 0])  # in this process, in a child
def test_stale_tables_are_rebuilt(stale_db, child_min_reports):
    assert derived_state(stale_db)[0] is False
    derived.ensure_fresh(stale_db, child_min_reports=child_min_reports)
    assert derived_state(stale_db) == (True, 0, 0)


def test_a_failed_child_refresh_says_what_to_run(stale_db, monkeypatch):
    monkeypatch.setattr(derived.sys, "executable", "/bin/false")
    with pytest.raises(
        ReportError, match=r"rebuilding the derived tables failed \(exit status 1\): run `python -m analysis refresh --db .*stale.duckdb`"
    ):
        derived.ensure_fresh(stale_db, child_min_reports=0)
    assert derived_state(stale_db)[0] is False  # nothing half-done


def test_a_change_of_the_register_rules_redoes_kept_assignments(monkeypatch):
    before = derived._inputs(0.5)
    monkeypatch.setattr(derived, "ASSIGN_VERSION", derived.ASSIGN_VERSION + 1)
    assert derived._inputs(0.5) != before
