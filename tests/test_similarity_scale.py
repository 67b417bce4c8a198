"""The similarity matrix stays symmetric on a generated store (1,000 reports in `make test-all`, a
shorter one in `make test`) whose later-stored reports sort before earlier ones."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.insights.similarity import cosine_matrix, cosine_pairs, township_cosine_matrix
from analysis.storage import store
from analysis.storage.ingest import ingest_paths

SIZES = [pytest.param(1000, marks=pytest.mark.slow, id="1000"), pytest.param(70, id="70")]


@pytest.fixture(scope="module", params=SIZES)
def generated_db(request, tmp_path_factory):
    from bench.synthetic import generate

    n = request.param
    folder = tmp_path_factory.mktemp(f"generated{n}")
    files = sorted(generate(n, folder, seed=5))
    db = folder / "reports.duckdb"
    half = len(files) // 2
    for batch in (files[half:], files[:half]):  # the second half of the names stored first: later ids sort earlier
        outcomes = ingest_paths(batch, db=db, workers=2)
        assert {o.status for o in outcomes} == {"stored"}
    return db, n


def test_the_matrix_of_every_report_is_symmetric_and_lists_each_pair_once(generated_db):
    db, n = generated_db
    with store.connect(db, read_only=True) as con:
        later_sorts_first = con.execute(
            "SELECT (SELECT id FROM reports ORDER BY file LIMIT 1) > (SELECT id FROM reports ORDER BY file DESC LIMIT 1)"
        ).fetchone()[0]
        matrix = cosine_matrix(con)
        pairs = cosine_pairs(con)
        towns = township_cosine_matrix(con) if n < 100 else None  # the same pairs again: the fast form checks it
    assert later_sorts_first
    grid = matrix.pivot(index="report_a", columns="report_b", values="cosine")
    assert grid.shape == (n, n)
    assert np.array_equal(grid.values, grid.values.T)
    assert (np.diag(grid.values) == 1.0).all()
    assert (grid.values[~np.eye(n, dtype=bool)] > 0).all()  # no pair read as 0.00 (the lower triangle was, before the fix)
    assert len(pairs) == n * (n - 1) // 2
    looked_up = matrix.set_index(["report_a", "report_b"]).cosine
    assert np.array_equal(looked_up.loc[list(zip(pairs.report_b, pairs.report_a))].values, pairs.cosine.values)
    if towns is not None:
        by_town = towns.pivot(index="township_a", columns="township_b", values="cosine")
        assert np.allclose(by_town.values, by_town.values.T, equal_nan=True)
