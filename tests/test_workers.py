"""Parse workers: a worker killed by the memory limit, by a signal, or exiting, or a file past its
time, refuses that one file with its reason; the rest of the batch is parsed, nothing hangs."""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from pathlib import Path

import pytest

from analysis.errors import ReportError
from analysis.storage import ingest, store, workers
from analysis.storage.workers import Job, Limits, ParsePool, died_reason, memory_reason, timeout_reason
from tests.conftest import RAW
from tests.workerhooks import behave, checked, finish, hang, refuse

BOUND = 60.0  # a call that has not returned by then has hung (each returns in a few seconds)
SMALL = Limits(seconds=1.0, memory=60 * 1024 * 1024)  # a seed report takes ~15 MB beyond the warmed worker, a 1.1M-character one ~120 MB


def bounded(call, seconds: float = BOUND):
    """``call()``'s result, failing the test (not hanging it) when it takes over ``seconds``."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(result=call()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"hung: no answer within {seconds:g} s"
    return box["result"]


HOOKS = Job(behave, refuse, finish)  # light: a fork server's worker imports tests.workerhooks, not the whole analysis


def flat(pieces) -> list[str]:
    return [r for piece in pieces for r in pickle.loads(piece)]


KILLED = "解析进程意外退出（信号 SIGKILL），请重试 / the parse worker was stopped (signal SIGKILL): import the file again"
EXITED = "解析进程意外退出（退出码 3），请重试 / the parse worker stopped (exit code 3): import the file again"
OVER_TIME = (
    "解析超时（超过 1 秒），已停止 / took over 1 s to read: not one report, or a damaged file (copy the report's text into a .txt file)"
)
OVER_MEMORY = "内存超限（解析用了超过 60 MB），已停止，不像一份报告 / over the memory limit (60 MB) while being read: not one report, or a damaged file"


@pytest.mark.parametrize(
    ("tasks", "expected"),
    [
        ([["ok1", "kill", "ok2"], ["ok3"]], ["OK1", f"kill: {KILLED}", "OK2", "OK3"]),  # mid-chunk: the rest parsed again
        ([["kill"], ["exit"], ["ok1"]], [f"kill: {KILLED}", f"exit: {EXITED}", "OK1"]),
        ([["ok1", "sleep"], ["ok2"]], ["OK1", f"sleep: {OVER_TIME}", "OK2"]),  # the alarm: the worker goes on
        ([["stuck", "ok1"]], [f"stuck: {OVER_TIME}", "OK1"]),  # no alarm: the pool kills it
        ([["ok1"], ["hog", "ok2"], ["ok3"]], ["OK1", f"hog: {OVER_MEMORY}", "OK2", "OK3"]),
        ([["kill", "kill"], ["kill"], []], [f"kill: {KILLED}"] * 3),  # every death refuses one file: it ends
    ],
)
# forkserver is what ingest uses; fork, the fallback where there is none, in `make test-all`
@pytest.mark.parametrize("method", [pytest.param("fork", marks=pytest.mark.slow), "forkserver"])
def test_a_dead_or_slow_worker_refuses_its_file_and_the_batch_goes_on(tasks, expected, method):
    # the fork server, one for the whole session, is started as the uploads start it (warmed)
    with ParsePool(HOOKS, workers=2, lim=SMALL, method=method, preload=["analysis.storage.warmed"]) as pool:
        assert bounded(lambda: flat(pool.map(tasks))) == expected


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_workers_parse_at_a_lower_priority_than_the_server(method):
    with ParsePool(HOOKS, lim=SMALL, method=method, preload=["analysis.storage.warmed"]) as pool:
        assert bounded(lambda: flat(pool.map([["nice"]]))) == [f"nice {max(workers.NICENESS, os.getpriority(os.PRIO_PROCESS, 0))}"]


def test_the_uploads_fork_server_is_started_ahead_and_warms_at_the_lower_priority():
    """Started when a file is chosen (pages.panels), before any upload: its warming, and every
    worker forked from it, yield the processor to the dashboard's sessions."""
    from multiprocessing import forkserver

    ingest.start_upload_workers()
    pid = forkserver._forkserver._forkserver_pid
    assert pid and Path(f"/proc/{pid}").exists()
    deadline = time.monotonic() + BOUND  # it lowers its priority first thing in its preload
    while os.getpriority(os.PRIO_PROCESS, pid) < workers.NICENESS and time.monotonic() < deadline:
        time.sleep(0.05)
    assert os.getpriority(os.PRIO_PROCESS, pid) == max(workers.NICENESS, os.getpriority(os.PRIO_PROCESS, 0))


@pytest.mark.parametrize(
    ("tasks", "expected"),
    [
        ([["no1"], ["no2"]], ["no1: refused at once", "no2: refused at once"]),
        ([["ok1", "no1", "ok2"], ["no2"], ["ok3"]], ["OK1", "no1: refused at once", "OK2", "no2: refused at once", "OK3"]),
    ],
)
def test_items_the_cheap_check_refuses_never_reach_a_worker(monkeypatch, tasks, expected):
    started = []
    monkeypatch.setattr(ParsePool, "_start", lambda self, start=ParsePool._start: started.append(1) or start(self))
    with ParsePool(Job(behave, refuse, finish, check=checked), lim=SMALL) as pool:
        assert bounded(lambda: flat(pool.map(tasks))) == expected
    assert len(started) == (0 if all(t[0].startswith("no") for t in tasks) else 1)


def test_workers_stuck_in_their_start_refuse_the_files_one_by_one(monkeypatch):
    monkeypatch.setattr(workers, "START_SECONDS", 0.5)
    with ParsePool(Job(behave, refuse, finish, hang), lim=SMALL) as pool:
        assert bounded(lambda: flat(pool.map([["ok1", "ok2"]]))) == [f"ok{i}: {died_reason(None)}" for i in (1, 2)]


def test_a_worker_that_cannot_start_on_a_full_disk_says_the_disk_is_full(monkeypatch):
    def full(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ParsePool, "_start", full)
    with ParsePool(HOOKS, lim=SMALL) as pool:
        assert bounded(lambda: flat(pool.map([["ok1", "ok2"], ["ok3"]]))) == [f"ok{i}: {workers.DISK_REASON}" for i in (1, 2, 3)]


def test_a_caller_that_stops_early_ends_the_workers():
    pool = ParsePool(HOOKS, workers=2, lim=SMALL)
    pieces = pool.map([["ok1"], ["sleep"], ["ok2"]])
    assert pickle.loads(next(pieces)) == ["OK1"]
    procs = [w.proc for w in pool.workers]
    pieces.close()
    assert procs and all(p.exitcode is not None for p in procs) and pool.workers == []


@pytest.mark.parametrize(
    ("exitcode", "reason"),
    [
        (None, "解析进程未能启动，请重试 / the parse worker did not start: import the file again"),
        (1, "解析进程意外退出（退出码 1），请重试 / the parse worker stopped (exit code 1): import the file again"),
        (-signal.SIGKILL, KILLED),  # killed by someone else (the pool knows when it killed for memory)
        (
            -signal.SIGTERM,
            "解析进程意外退出（信号 SIGTERM），请重试 / the parse worker was stopped (signal SIGTERM): import the file again",
        ),
        (workers.MEMORY_EXIT, "内存超限，解析已停止，不像一份报告 / ran out of memory while being read: not one report, or a damaged file"),
    ],
)
def test_a_dead_worker_is_named_for_how_it_ended(exitcode, reason):
    assert died_reason(exitcode) == reason


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, Limits(30.0, 1024 * 1024 * 1024)),
        ({"REPORTS_PARSE_SECONDS": "2.5", "REPORTS_PARSE_MEMORY_MB": "64"}, Limits(2.5, 64 * 1024 * 1024)),
        ({"REPORTS_PARSE_MEMORY_MB": " "}, Limits(30.0, 1024 * 1024 * 1024)),
    ],
)
def test_the_limits_come_from_the_settings(monkeypatch, env, expected):
    for name in (workers.SECONDS_SETTING, workers.MEMORY_SETTING):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert workers.limits() == expected


@pytest.mark.parametrize("value", ["0", "-5", "lots", "inf", "nan"])
def test_a_bad_setting_is_one_sentence(monkeypatch, value):
    monkeypatch.setenv(workers.MEMORY_SETTING, value)
    with pytest.raises(ReportError) as caught:
        workers.limits()
    assert str(caught.value) == f"the setting REPORTS_PARSE_MEMORY_MB must be a positive number, not {value!r}"


@pytest.mark.parametrize(("seconds", "memory"), [(1.0, 60 * 1024 * 1024), (0.5, 1536 * 1024 * 1024)])
def test_the_reasons_name_the_limits(seconds, memory):
    assert timeout_reason(seconds).startswith(f"解析超时（超过 {seconds:g} 秒），已停止 / took over {seconds:g} s")
    assert memory_reason(memory).startswith(f"内存超限（解析用了超过 {memory // 1024 // 1024:,} MB），已停止")


# ------------------------------------------------------------------ the real paths: the CLI's ingest and the dashboard's uploads
BIG = (RAW / "高楠镇_2022.txt").read_text(encoding="utf-8") * 400  # 1.1 million characters: ~120 MB to parse


def big_and_good(folder: Path, count: int) -> list[Path]:
    """``count`` files: seed reports (then duplicates of them), the big one third."""
    seeds = sorted(RAW.glob("*.txt"))
    paths = [folder / f"f{i:02d}.txt" for i in range(count)]
    paths[2].write_text(BIG, encoding="utf-8")
    for j, path in enumerate(paths[:2] + paths[3:]):
        path.write_bytes(seeds[j % len(seeds)].read_bytes())
    return paths


def settle(monkeypatch, *, seconds: str = "30", memory: str = "60") -> None:
    monkeypatch.setenv(workers.SECONDS_SETTING, seconds)
    monkeypatch.setenv(workers.MEMORY_SETTING, memory)


@pytest.mark.parametrize("count", [6, 20])  # a small batch (one worker, a file a task) and a bulk one (chunks on two workers)
def test_the_cli_ingest_refuses_a_file_over_the_memory_limit_and_stores_the_rest(tmp_path, monkeypatch, count):
    settle(monkeypatch)
    paths = big_and_good(tmp_path, count)
    db = tmp_path / "s.duckdb"
    outcomes = bounded(lambda: ingest.ingest_paths(paths, db=db, workers=2, publish=False))
    assert [(o.name, o.status, o.detail) for o in outcomes if o.status == "rejected"] == [("f02.txt", "rejected", OVER_MEMORY)]
    assert sorted(o.status for o in outcomes if o.name != "f02.txt") == sorted(["stored"] * 5 + ["duplicate"] * (count - 6))
    with store.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 5


def test_an_upload_over_the_memory_limit_is_refused_and_the_next_file_stored(tmp_path, monkeypatch):
    settle(monkeypatch)
    seeds = sorted(RAW.glob("*.txt"))
    files = [(seeds[0].name, seeds[0].read_bytes()), ("big.txt", BIG.encode()), (seeds[1].name, seeds[1].read_bytes())]
    outcomes = bounded(lambda: ingest.ingest_uploads(files, db=tmp_path / "s.duckdb", publish=False))
    assert [(o.name, o.status) for o in outcomes] == [(seeds[0].name, "stored"), ("big.txt", "rejected"), (seeds[1].name, "stored")]
    assert outcomes[1].detail == OVER_MEMORY


def misbehave(name: str) -> None:
    """SIGKILL the worker mid-parse for a file named kill*, sleep past the time limit for sleep*."""
    if name.startswith("kill"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("sleep"):
        time.sleep(30)


def kill_on_marker(upload: ingest.Upload):
    """An upload's parse that misbehaves as its name says, else parses as usual (a test hook, by
    name for the fork server)."""
    misbehave(upload.name)
    return ingest.UPLOADS.one(upload)


def kill_path_on_marker(path: Path):
    misbehave(path.name)
    return ingest.prepare_path(path)


def test_an_upload_whose_worker_is_killed_or_too_slow_is_refused_and_the_rest_stored(tmp_path, monkeypatch):
    settle(monkeypatch, seconds="1")
    monkeypatch.setattr(ingest, "UPLOADS", Job(kill_on_marker, ingest.UPLOADS.refuse, ingest.UPLOADS.finish, ingest.UPLOADS.warm))
    seeds = sorted(RAW.glob("*.txt"))
    files = [("kill.txt", b"x"), (seeds[0].name, seeds[0].read_bytes()), ("sleep.txt", b"x"), (seeds[1].name, seeds[1].read_bytes())]
    outcomes = bounded(lambda: ingest.ingest_uploads(files, db=tmp_path / "s.duckdb", publish=False))
    assert [(o.name, o.status, o.detail if o.status == "rejected" else "") for o in outcomes] == [
        ("kill.txt", "rejected", KILLED),
        (seeds[0].name, "stored", ""),
        ("sleep.txt", "rejected", OVER_TIME),
        (seeds[1].name, "stored", ""),
    ]


@pytest.mark.parametrize(("count", "stored"), [(6, 4), (20, 5)])  # the file renamed sleep.txt has copies in the bulk batch
def test_a_cli_ingest_whose_worker_is_killed_or_too_slow_goes_on(tmp_path, monkeypatch, count, stored):
    settle(monkeypatch, seconds="1")
    monkeypatch.setattr(ingest, "PATHS", Job(kill_path_on_marker, ingest.PATHS.refuse, ingest.PATHS.finish, ingest.PATHS.warm))
    paths = big_and_good(tmp_path, count)
    paths[2] = paths[2].rename(tmp_path / "kill.txt")
    paths[4] = paths[4].rename(tmp_path / "sleep.txt")
    outcomes = bounded(lambda: ingest.ingest_paths(paths, db=tmp_path / "s.duckdb", workers=2, publish=False))
    assert [(o.name, o.detail) for o in outcomes if o.status == "rejected"] == [("kill.txt", KILLED), ("sleep.txt", OVER_TIME)]
    assert sorted(o.status for o in outcomes if o.status != "rejected") == sorted(
        ["stored"] * stored + ["duplicate"] * (count - 2 - stored)
    )
