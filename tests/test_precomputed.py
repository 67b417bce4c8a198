"""analysis.storage.precomputed: the stored unfiltered views equal what the functions compute, follow
every write, and are not used once the store has changed under them."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.insights import keywords
from analysis.problems import recurring
from analysis.refresh import derived, precompute
from analysis.storage import precomputed, store
from analysis.storage.filters import Filters
from analysis.storage.ingest import ingest_uploads


def _computed(name: str, con, **kwargs) -> pd.DataFrame:
    with precomputed.computing():
        return CALLS[name](con, **kwargs)


CALLS = {
    "recurring": lambda con, **kw: recurring.recurring_table(con, Filters(), **kw),
    "persistent": lambda con, **kw: recurring.persistent_problems(con, Filters()),
    "changes": lambda con, **kw: recurring.problem_changes(con, Filters()),
    "theme_township": lambda con, **kw: recurring.theme_township_matrix(con, Filters()),
    "problem_rows": lambda con, **kw: recurring.problem_rows(con, Filters(), **kw),
    "keywords": lambda con, **kw: keywords.keyword_table(con, Filters(), **kw),
}
CASES = [
    ("recurring", {}),
    ("recurring", {"min_townships": 3}),
    ("persistent", {}),
    ("changes", {}),
    ("theme_township", {}),
    ("problem_rows", {}),
    ("problem_rows", {"cluster": 2}),
    ("keywords", {"top_n": 30}),
    ("keywords", {"top_n": 100, "include_stopwords": True}),
]


@pytest.fixture(scope="module")
def refreshed_db(grown_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("pre") / "reports.duckdb"
    shutil.copy(grown_db, db)
    derived.ensure_fresh(db)
    return db


@pytest.mark.parametrize(("name", "kwargs"), CASES, ids=[f"{n}{k}" for n, k in CASES])
def test_a_stored_view_equals_the_computed_one(refreshed_db, name, kwargs, monkeypatch):
    reads = []
    real = precomputed.read
    monkeypatch.setattr(precomputed, "read", lambda *a, **k: reads.append(a[1]) or real(*a, **k))
    with store.connect(refreshed_db, read_only=True) as con:
        stored = CALLS[name](con, **kwargs)
        computed = _computed(name, con, **kwargs)
    assert reads and reads[0].startswith(name.split("_")[0])
    assert len(stored) > 0
    pd.testing.assert_frame_equal(stored, computed)


def test_views_follow_a_write_and_go_unused_when_stale(refreshed_db, corpus, tmp_path):
    db = tmp_path / "r.duckdb"
    shutil.copy(refreshed_db, db)
    first = sorted(corpus.glob("*.txt"))[0]
    township = first.stem.split("_")[2]
    extra = first.read_text(encoding="utf-8").replace(township, "新设镇")
    # stored without a refresh: the keyword view no longer stands for the store, the register's does
    assert [o.status for o in ingest_uploads([("new.txt", extra.encode())], db=db)] == ["stored"]
    with store.connect(db, read_only=True) as con:
        assert precomputed.read(con, "keywords") is None
        assert precomputed.read(con, "recurring") is not None
        pd.testing.assert_frame_equal(keywords.keyword_table(con, top_n=20), _computed("keywords", con, top_n=20))
    derived.ensure_fresh(db)
    with store.connect(db, read_only=True) as con:
        assert precomputed.read(con, "keywords") is not None
        for name, kwargs in CASES:
            pd.testing.assert_frame_equal(CALLS[name](con, **kwargs), _computed(name, con, **kwargs), obj=name)


def test_every_written_view_is_known_to_its_readers():
    assert [v.name for v in precompute.VIEWS] == list(precomputed.OF_REPORTS)
