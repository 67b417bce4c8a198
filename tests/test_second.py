"""analysis.refresh.second: a full refresh sharing the follow-through with a second process gives
the same tables as one process, and a second process that fails only costs time."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from analysis.refresh import derived, second
from analysis.storage import store
from analysis.storage.ingest import ingest_paths

N = 84  # 12 townships × 7 years


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A store refreshed in one process, and its follow-through table."""
    from bench.synthetic import generate

    folder = tmp_path_factory.mktemp("second")
    db = folder / "reports.duckdb"
    ingest_paths(sorted(generate(N, folder / "files", seed=31)), db=db, workers=1)
    with store.connect(db) as con:
        plans = con.execute("SELECT count(*) FROM items WHERE kind = 'plan'").fetchone()[0]
        assert plans < second.PLANS_MIN  # …so the refresh above ran in one process
        derived.refresh(con)
    return db, _followthrough(db)


def _followthrough(db) -> pd.DataFrame:
    with store.connect(db, read_only=True) as con:
        return store.frame(con, "SELECT * FROM followthrough ORDER BY report_id, ord")


@pytest.fixture
def shared(monkeypatch):
    """Every refresh shares its follow-through (small groups); the Second objects made are listed."""
    made: list[second.Second] = []
    monkeypatch.setattr(second, "PLANS_MIN", 1)
    monkeypatch.setattr(second, "SHARE_PLANS", 40)
    monkeypatch.setattr(second, "cores", lambda: 2)
    real = second.Second.__init__
    monkeypatch.setattr(second.Second, "__init__", lambda self: made.append(self) or real(self))
    return made


def test_a_shared_refresh_gives_the_same_follow_through(built, shared):
    db, alone = built
    with store.connect(db) as con:
        assert derived.refresh(con) == "full"
    assert len(shared) == 1 and shared[0].answered >= 1  # the second process computed (at least the first group)
    pd.testing.assert_frame_equal(_followthrough(db), alone)
    assert len(alone) > 200 and set(alone.status) == {"已落实", "未见落实", "无次年报告"}


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-c", "import sys; sys.stdin.buffer.read(8)"],  # dies with the first group
        ["/no/such/python"],  # cannot start
    ],
)
def test_a_second_process_that_fails_only_costs_time(built, shared, monkeypatch, command):
    db, alone = built
    monkeypatch.setattr(second.Second, "COMMAND", command)
    with store.connect(db) as con:
        assert derived.refresh(con) == "full"
    assert len(shared) == 1 and shared[0].answered == 0 and shared[0].proc is None
    pd.testing.assert_frame_equal(_followthrough(db), alone)


def test_the_groups_come_back_in_order_whoever_computes_them():
    """The second process is free for every other group here: the answers still come in the groups' order."""
    helper = second.Second.__new__(second.Second)
    helper.proc, helper.sent, helper.answered = None, None, 0  # no process: everything here, in order
    groups = [lambda k=k: (k,) for k in range(5)]
    assert list(helper.share(groups, lambda items: items[0] * 10)) == [0, 10, 20, 30, 40]


def test_a_group_is_handed_over_without_waiting_for_the_second_to_read(monkeypatch):
    """A group is larger than a pipe holds and the second reads it only once warmed up: the hand-over
    runs in a thread, so this process goes on with its own group meanwhile; closing ends a hand-over
    still blocked."""
    import time

    monkeypatch.setattr(second.Second, "COMMAND", [sys.executable, "-c", "import time; time.sleep(60)"])  # never reads
    big = pd.DataFrame({"text": ["法治" * 500] * 400})  # about 1 MB pickled
    helper = second.Second()
    try:
        started = time.perf_counter()
        helper.send((big, big, big))
        assert time.perf_counter() - started < 1.0
        assert helper.writing is not None and helper.writing.is_alive()  # still blocked on the full pipe
        assert not helper.ready()
    finally:
        helper.close()
    assert helper.proc is None and helper.writing is None
