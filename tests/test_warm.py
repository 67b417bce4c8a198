"""The server's warm-up (pages.warm): what it imports, loads and primes before the first page, and
that a failure in it is logged and never stops the server or a page."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages import warm
from tests.conftest import ROOT


@pytest.fixture
def logged(caplog):
    """The warm-up's log records (Streamlit's loggers do not pass them on to the root logger)."""
    warm.LOG.addHandler(caplog.handler)
    try:
        yield caplog
    finally:
        warm.LOG.removeHandler(caplog.handler)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import a.b\n", [("a.b", ())]),
        ("import a, b as c\n", [("a", ()), ("b", ())]),
        ("from a import b, c as d\n", [("a", ("b", "c"))]),
        ("from __future__ import annotations\nfrom . import x\nfrom .y import z\n", []),
        ("def f():\n    import hidden\n\nx = 1\n", []),
        ("", []),
    ],
)
def test_imported_lists_the_top_level_absolute_imports(tmp_path, source, expected):
    script = tmp_path / "page.py"
    script.write_text(source, encoding="utf-8")
    assert warm.imported(script) == expected


def test_imported_refuses_a_script_that_is_not_python(tmp_path):
    script = tmp_path / "page.py"
    script.write_text("import (\n", encoding="utf-8")
    with pytest.raises(SyntaxError):
        warm.imported(script)


def test_the_first_steps_are_what_the_overview_needs_and_the_other_pages_come_last():
    assert [name for name, _ in warm.STEPS] == ["总览的模块", "数据文件", "总览的查询", "其他页面的模块"]
    assert warm.other_pages() == sorted(p for p in (ROOT / "pages" / "views").glob("*.py") if p.name != "overview.py")
    first = warm.imported(warm.FIRST_PAGE)
    assert ("pages.sections", ("overview",)) in first and ("pages.sections", ("owed",)) in first


def _steps(ran: list[str], failing: set[str]) -> list[warm.Step]:
    def step(name: str):
        def run() -> None:
            if name in failing:
                raise OSError(f"{name} cannot be read")
            ran.append(name)

        return name, run

    return [step(name) for name in ("一", "二", "三")]


@pytest.mark.parametrize(
    ("failing", "ran", "failed"),
    [(set(), ["一", "二", "三"], []), ({"二"}, ["一", "三"], ["二"]), ({"一", "二", "三"}, [], ["一", "二", "三"])],
)
def test_a_failing_step_is_logged_and_the_next_one_runs(logged, failing, ran, failed):
    done: list[str] = []
    assert warm.warm(_steps(done, failing)) == failed
    assert done == ran
    warnings = [r.getMessage() for r in logged.records if r.levelno == logging.WARNING]
    assert warnings == [f"warm-up: {name} failed; the first page that needs it does it itself" for name in failed]
    assert all(r.exc_info[1].args == (f"{name} cannot be read",) for r, name in zip(logged.records, failed))


def _never_asked() -> bool:
    raise RuntimeError("no runtime here")


@pytest.mark.parametrize(
    ("ready", "message"),
    [
        (lambda: False, "warm-up: the server did not start within 0 s; skipped"),
        (_never_asked, "warm-up: could not tell whether the server started; skipped"),
    ],
)
def test_a_server_that_never_starts_leaves_the_warm_up_skipped(logged, monkeypatch, ready, message):
    monkeypatch.setattr(warm, "START_WAIT_SECONDS", 0.2)
    done: list[str] = []
    thread = warm.start(ready=ready, steps=_steps(done, set()), poll=0.01)
    thread.join(10)
    assert not thread.is_alive() and thread.name == "warm-up" and thread.daemon
    assert done == []
    assert [r.getMessage() for r in logged.records] == [message]


def test_the_warm_up_waits_for_the_server_then_runs(logged):
    answers = iter([False, False, True])
    done: list[str] = []
    warm.start(ready=lambda: next(answers), steps=_steps(done, set()), poll=0.01).join(10)
    assert done == ["一", "二", "三"]
    assert [r.getMessage().split(" in ")[0] for r in logged.records] == ["warm-up done"]


def _overview_reads(monkeypatch) -> tuple[AppTest, list[str]]:
    """总览 opened in a new session, and the store reads its run made (a cached query makes none)."""
    from analysis.storage import store

    reads: list[str] = []
    read = store.read

    def counted(function, *args, **kwargs):
        reads.append(getattr(function, "__qualname__", str(function)))
        return read(function, *args, **kwargs)

    monkeypatch.setattr(store, "read", counted)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at, reads


@pytest.mark.parametrize("primed", [True, False])
def test_the_primed_queries_are_all_the_overview_asks_for(app_db, monkeypatch, primed):
    """After the warm-up's queries, 总览's first run reads nothing from the store: every query it
    makes (the filters' choices, the stale check, tiles, coverage, required parts, report list,
    报送情况 with the gazetteer's townships) is in the cache. Unprimed, the same run reads them all."""
    import streamlit as st

    st.cache_data.clear()
    if primed:
        assert warm.warm([("总览的查询", warm.prime_first_page)]) == []
    at, reads = _overview_reads(monkeypatch)
    assert not at.exception
    assert at.title[0].value == "总览"
    if primed:
        assert reads == []
    else:
        # the store's first read publishes its first snapshot, so some are read at two versions
        assert set(reads) == {
            "_derived_fresh.<locals>.<lambda>",
            "frame",
            "report_totals",
            "coverage_chart",
            "coverage_matrix",
            "report_parts",
            "report_list",
            "_settings",
            "_years",
            "_status",
            "version",  # the store's version, read while it has no published snapshot
        }


def test_a_failed_warm_up_leaves_the_overview_as_before(app_db, monkeypatch, logged):
    import streamlit as st

    st.cache_data.clear()

    def broken() -> None:
        raise OSError("gazetteer cannot be read")

    assert warm.warm([("数据文件", broken), ("总览的查询", warm.prime_first_page)]) == ["数据文件"]
    at, reads = _overview_reads(monkeypatch)
    assert not at.exception and not at.error
    assert at.title[0].value == "总览" and at.metric[0].value == "5"
    assert reads == []


def _wait_for_log(log: Path, text: str, proc: subprocess.Popen, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while text not in log.read_text():
        if time.monotonic() > deadline or proc.poll() is not None:
            return log.read_text()
        time.sleep(0.2)  # polling a server's log
    return log.read_text()


@pytest.mark.slow
@pytest.mark.parametrize(("store_bytes", "failed"), [(None, 0), (b"not a DuckDB file", 1)])
def test_the_server_warms_up_on_its_own_and_a_failure_only_logs(tmp_path, seed_db, store_bytes, failed):
    """`python -m pages.serve` (what `make run` starts) warms up with no page asked for: its log
    says so; with a store it cannot read, the warm-up's queries fail, it logs that and the server
    goes on answering. Fast forms: the tests above."""
    db = tmp_path / "reports.duckdb"
    if store_bytes is None:
        shutil.copy(seed_db, db)
    else:
        db.write_bytes(store_bytes)
    port = free_port()
    log = tmp_path / "streamlit.log"
    env = {**os.environ, "REPORTS_DB": str(db)}
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pages.serve", "--server.port", str(port), "--server.headless", "true"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        text = _wait_for_log(log, "warm-up done", proc, 120)
        assert "warm-up done in" in text and f"({failed} of 4 steps failed)" in text, text
        assert ("warm-up: 总览的查询 failed" in text) == bool(failed)
        assert "missing ScriptRunContext" not in text
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5).read() == b"ok"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
