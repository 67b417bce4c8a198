"""A bulk writer keeps the store between its lock slices unless another process waits for it
(the waiting mark, ``reports.duckdb.waiting``), and then lets it in."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from analysis.storage import ingest, store
from tests.conftest import RAW, ROOT

PY = sys.executable


def _holder(db: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the store's write lock for ``seconds``."""
    proc = subprocess.Popen(
        [PY, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(float(sys.argv[2]))"]
        + [str(db), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_no_mark_means_no_one_waits(tmp_path):
    db = tmp_path / "s.duckdb"
    assert store.waiting_mark(db) == tmp_path / "s.duckdb.waiting"
    assert not store.writer_waiting(db)


def test_a_stale_mark_is_not_a_waiter(tmp_path):
    db = tmp_path / "s.duckdb"
    store.waiting_mark(db).touch()
    assert store.writer_waiting(db)
    old = time.time() - store.WAITING_FRESH_SECONDS - 1
    os.utime(store.waiting_mark(db), (old, old))
    assert not store.writer_waiting(db)


def test_a_process_waiting_for_the_store_marks_it_and_takes_the_mark_away_once_in(tmp_path):
    db = tmp_path / "s.duckdb"
    with store.connect(db):
        pass
    holder = _holder(db, 3.0)
    seen: list[bool] = []
    try:
        with store.connect(db, wait=60, on_wait=lambda _: seen.append(store.writer_waiting(db))):
            assert not store.waiting_mark(db).exists()
    finally:
        holder.kill()
        holder.wait()
    assert len(seen) >= 2 and seen[1:] == [True] * (len(seen) - 1)  # marked from the first try on


def test_a_process_that_gets_the_store_at_once_leaves_no_mark(tmp_path):
    db = tmp_path / "s.duckdb"
    with store.connect(db):
        pass
    assert not store.waiting_mark(db).exists()


@pytest.fixture
def bulk_writer(tmp_path, monkeypatch):
    """A bulk writer (groups of a second) whose lock slices are over at once."""
    monkeypatch.setattr(ingest, "LOCK_SLICE_SECONDS", 0.0)
    db = tmp_path / "s.duckdb"
    with ingest.Writer(db, group_seconds=1.0, publish=False) as writer:
        yield writer


def test_a_bulk_writer_keeps_the_store_when_no_one_waits(bulk_writer):
    before = bulk_writer.connection
    bulk_writer.write(ingest.prepare_chunk([RAW / "高楠镇_2022.txt"]))
    bulk_writer._breathe()
    assert bulk_writer.connection is before
    assert bulk_writer.drain() == []  # its group still queued: committed by its time or size


def test_a_bulk_writer_commits_its_group_and_lets_a_waiting_process_in(bulk_writer):
    before = bulk_writer.connection
    bulk_writer.write(ingest.prepare_chunk([RAW / "高楠镇_2022.txt"]))
    store.waiting_mark(bulk_writer.db).touch()
    bulk_writer._breathe()
    assert bulk_writer.connection is not before  # let go, then taken again
    assert [o.status for o in bulk_writer.drain()] == ["stored"]
    assert bulk_writer.connection.execute("SELECT count(*) FROM reports").fetchone()[0] == 1


def test_another_writer_gets_in_during_a_bulk_write(bulk_writer):
    """A process that opens the store to write while a bulk writer holds it (an upload during
    a command-line ingest) gets its turn at the writer's next slice."""
    db = bulk_writer.db
    code = "import sys; from analysis.storage import store\nwith store.connect(sys.argv[1], wait=60, publish=False) as con: con.execute(\"INSERT OR REPLACE INTO meta VALUES ('other', 'in')\")"
    proc = subprocess.Popen([PY, "-c", code, str(db)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        bulk_writer._breathe()
        time.sleep(0.05)
    assert proc.wait(timeout=5) == 0
    assert not store.waiting_mark(db).exists()
    assert bulk_writer.connection.execute("SELECT value FROM meta WHERE key = 'other'").fetchall() == [("in",)]


@pytest.mark.parametrize("id_map", [[7, 8, 9], [7, -1, 9], [-1, -1, -1]], ids=["all stored", "one left out", "none stored"])
def test_a_pack_gets_its_ids_and_loses_the_rows_of_files_left_out(id_map):
    """Rows keep their order; a pack whose files are all stored is not filtered (the same rows)."""
    table = pa.table({"report_id": pa.array([0, 0, 1, 2, 2], pa.int32()), "text": ["a", "b", "c", "d", "e"]})
    mapped = np.array(id_map, dtype=np.int64)
    expected = [(int(mapped[p]), t) for p, t in zip([0, 0, 1, 2, 2], "abcde") if mapped[p] >= 0]
    out = store._with_ids(table, mapped)
    assert out.schema == table.schema
    assert list(zip(out.column(0).to_pylist(), out.column(1).to_pylist())) == expected
