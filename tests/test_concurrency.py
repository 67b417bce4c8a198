"""Several reviewers on one store: pages load, fast and without an error, while another
session uploads and while a command-line ingest runs (readers read published snapshots)."""

from __future__ import annotations

import subprocess
import threading
import time

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis.refresh import derived
from analysis.storage import store
from analysis.storage.ingest import ingest_paths, ingest_uploads
from tests.conftest import RAW, ROOT

PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else "python"
PAGES = ["pages/views/overview.py", "pages/views/problems.py", "pages/views/keywords.py", "pages/views/trends.py"]
MAX_PAGE_SECONDS = 3.0  # a page during a write, on a quiet machine…
QUIET_FACTOR = 3.0  # …or within this many times its load with no write, measured just before on the same machine


def variants(seed_texts: dict[str, str], n: int) -> list[tuple[str, bytes]]:
    """``n`` distinct reports: the 长坪乡 seed under other years (one township-year each)."""
    base = seed_texts["长坪乡"]
    return [(f"r{i:03d}.txt", (base.replace("2022", str(1500 + i)) + f"\n编号{i}").encode()) for i in range(n)]


def load_page(page: str) -> tuple[float, AppTest]:
    started = time.monotonic()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    return time.monotonic() - started, at


@pytest.fixture
def shared_db(app_db):
    load_page(PAGES[0])  # the server has served someone: imports and the first publication done
    return app_db


_QUIET_SECONDS: dict[str, float] = {}  # each page's cold load on the seed store with no write, measured once per run


@pytest.fixture
def page_limit(shared_db) -> float:
    """Seconds a page may take during a write: MAX_PAGE_SECONDS, or on a busy machine (several
    test runs or engineers sharing it) QUIET_FACTOR × the slowest page loaded cold with no write."""
    for page in PAGES:
        if page not in _QUIET_SECONDS:
            st.cache_data.clear()
            _QUIET_SECONDS[page] = load_page(page)[0]
    return max(MAX_PAGE_SECONDS, QUIET_FACTOR * max(_QUIET_SECONDS.values()))


def browse_while(busy, pages: list[str]) -> list[tuple[str, float, list]]:
    """Load pages one after another while ``busy()`` is true (cold: the data cache cleared)."""
    seen = []
    while busy():
        for page in pages:
            st.cache_data.clear()
            seconds, at = load_page(page)
            seen.append((page, seconds, [e.value for e in at.exception] + [e.value for e in at.error]))
    return seen


def ingest_in_background(folder, db, files: list[tuple[str, bytes]]) -> subprocess.Popen:
    """``python -m analysis ingest`` of ``files`` written to ``folder``, on one worker (slower,
    so that readers have time to load pages during it); stderr kept for the assertion message."""
    folder.mkdir()
    for name, data in files:
        (folder / name).write_bytes(data)
    command = [PY, "-m", "analysis", "ingest", str(folder), "--db", str(db), "--workers", "1"]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


# (reports ingested, pages loaded during it at least): the full form in `make test-all`, a shorter one in `make test`
INGEST_SIZES = [pytest.param(400, 4, marks=pytest.mark.slow, id="400"), pytest.param(150, 2, id="150")]


@pytest.mark.parametrize("n, least_pages", INGEST_SIZES)
def test_pages_load_during_a_command_line_ingest(shared_db, page_limit, tmp_path, seed_texts, n, least_pages):
    proc = ingest_in_background(tmp_path / "bulk", shared_db, variants(seed_texts, n))
    try:
        seen = browse_while(lambda: proc.poll() is None, PAGES)
    finally:
        proc.wait(timeout=120)
    assert proc.returncode == 0, proc.stderr.read().decode()
    assert len(seen) >= least_pages, "the ingest ended before pages could be loaded during it"
    assert [(p, errors) for p, _, errors in seen if errors] == []
    assert max(s for _, s, _ in seen) < page_limit, (page_limit, seen)
    with store.connect(shared_db, read_only=True) as con:  # what readers see after it: all, derived fresh
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 5 + n
        assert derived.is_fresh(con)


@pytest.mark.parametrize("n", [pytest.param(40, marks=pytest.mark.slow, id="40"), pytest.param(20, id="20")])
def test_pages_load_while_another_session_uploads(shared_db, page_limit, seed_texts, n):
    """The upload runs in this process as another session's would (same DuckDB library state),
    ten files at a time."""
    files = variants(seed_texts, n)
    failures: list[BaseException] = []

    def upload() -> None:
        try:
            for i in range(0, len(files), 10):
                ingest_uploads(files[i : i + 10], db=shared_db, publish=False)
                derived.after_write(shared_db)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            failures.append(exc)

    writer = threading.Thread(target=upload)
    writer.start()
    seen = browse_while(writer.is_alive, PAGES[:2])
    writer.join()
    assert failures == []
    assert seen and [(p, errors) for p, _, errors in seen if errors] == []
    assert max(s for _, s, _ in seen) < page_limit, (page_limit, seen)
    with store.connect(shared_db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 5 + n


@pytest.mark.parametrize("n", [pytest.param(300, marks=pytest.mark.slow, id="300"), pytest.param(100, id="100")])
def test_readers_see_whole_publications_only(tmp_path, seed_texts, n):
    """A reader never sees part of a write, and never waits for the writer's lock."""
    db = tmp_path / "snap.duckdb"
    ingest_paths([RAW], db=db, workers=1)
    derived.ensure_fresh(db)
    proc = ingest_in_background(tmp_path / "bulk", db, variants(seed_texts, n))
    counts, waits = [], []
    while proc.poll() is None:
        started = time.monotonic()
        with store.connect(db, read_only=True, wait=0) as con:
            waits.append(time.monotonic() - started)
            reports, problem_rows = con.execute("SELECT count(*), (SELECT count(*) FROM problem_clusters) FROM reports").fetchone()
            counts.append(reports)
            assert derived.is_fresh(con), "a snapshot with reports but stale derived tables was published"
            assert problem_rows > 0
    assert proc.returncode == 0, proc.stderr.read().decode()
    assert set(counts) <= {5, 5 + n} and counts == sorted(counts)  # before, or all of it with derived tables
    assert max(waits) < 0.5
    assert len(list(store.snapshot_dir(db).glob("g*.duckdb"))) <= store.SNAPSHOTS_KEPT


def _publish(db, value: str) -> None:
    """A write that changes what readers see (a meta entry), published when the writer closes."""
    with store.connect(db) as con:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('test', ?)", [value])


def test_a_publication_renews_the_oldest_snapshot_writing_only_what_changed(tmp_path, monkeypatch):
    """A writer process that reads no snapshots itself brings the oldest kept snapshot up to date
    in place (only the blocks that differ) instead of copying the store; the result is the store
    byte for byte. A snapshot a reader has open is never touched: then it copies."""
    db = tmp_path / "renew.duckdb"
    ingest_paths([RAW], db=db, workers=1)
    monkeypatch.setattr(store, "_opened_snapshots", False)  # this test process has read snapshots before
    written = []
    sync = store._sync_blocks
    monkeypatch.setattr(store, "_sync_blocks", lambda src, fd: written.append(sync(src, fd)) or written[-1])
    _publish(db, "1")
    _publish(db, "2")
    folder = store.snapshot_dir(db)
    oldest = min(folder.glob("g*.duckdb"))
    inode = oldest.stat().st_ino
    _publish(db, "3")
    newest = store.current_snapshot(db)
    assert newest.stat().st_ino == inode  # the oldest snapshot, renewed under the new name
    assert newest.read_bytes() == db.read_bytes()
    assert 0 < written[-1] < db.stat().st_size / 2
    assert len(list(folder.glob("g*.duckdb"))) == store.SNAPSHOTS_KEPT and not list(folder.glob(".*.tmp"))
    with store.connect(db, read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'test'").fetchone()[0] == "3"

    # a reader in another process holds the oldest snapshot: it is copied, the reader reads on
    monkeypatch.setattr(store, "_opened_snapshots", False)  # the read above opened a snapshot in this process
    oldest = min(folder.glob("g*.duckdb"))
    held = oldest.stat().st_ino
    reader = subprocess.Popen(
        [
            PY,
            "-c",
            f"import duckdb,sys; c=duckdb.connect({str(oldest)!r}, read_only=True); print('open', flush=True); sys.stdin.read(); "
            "print(c.execute(\"SELECT value FROM meta WHERE key = 'test'\").fetchone()[0])",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout.readline().strip() == "open"
    calls = len(written)
    _publish(db, "4")
    assert len(written) == calls  # not renewed
    assert store.current_snapshot(db).stat().st_ino != held and not oldest.exists()  # copied; the held one pruned
    out, _ = reader.communicate("", timeout=30)
    assert out.strip() == "2"  # what it had open, whole
    assert store.current_snapshot(db).read_bytes() == db.read_bytes()

    # the pointer names the oldest snapshot (a publication interrupted before its pointer): never renewed
    pointer = folder / "CURRENT"
    oldest = min(folder.glob("g*.duckdb")).name
    pointer.write_text(oldest + " " + pointer.read_text(encoding="utf-8").split(" ", 1)[1], encoding="utf-8")
    _publish(db, "4b")
    assert len(written) == calls

    monkeypatch.setattr(store, "_opened_snapshots", True)  # a process reading snapshots itself always copies
    _publish(db, "5")
    assert len(written) == calls
