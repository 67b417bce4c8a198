"""A seeded fuzz run in the suite: no traceback, exit codes 0 or 2, good files always stored.
The larger run is ``make fuzz`` (tests/fuzzing.py)."""

from __future__ import annotations

import pytest

from tests import fuzzing
from tests.test_hostile import PY


# the full run is in `make test-all`; `make test` runs the first third of the same corpus
@pytest.mark.parametrize("cases", [pytest.param(300, marks=pytest.mark.slow, id="300"), pytest.param(100, id="100")])
def test_fuzzed_files_never_crash_and_never_cost_a_good_file(tmp_path, cases):
    result = fuzzing.run(tmp_path, cases, python=PY)
    assert result.tracebacks == []
    assert set(result.parse_codes) <= {0, 2}
    assert min(result.parse_codes[2], result.parse_codes[0]) > cases // 6  # the corpus holds both kinds
    assert result.ingest_code == 2
    assert (result.good_stored, result.good_total) == (5, 5)
