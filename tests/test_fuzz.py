"""A seeded fuzz run in the suite: no traceback, exit codes 0 or 2, good files always stored.
The larger run is ``make fuzz`` (tests/fuzzing.py)."""

from __future__ import annotations

from tests import fuzzing
from tests.test_hostile import PY


def test_fuzzed_files_never_crash_and_never_cost_a_good_file(tmp_path):
    result = fuzzing.run(tmp_path, 300, python=PY)
    assert result.tracebacks == []
    assert set(result.parse_codes) <= {0, 2}
    assert result.parse_codes[2] > 50 and result.parse_codes[0] > 50  # the corpus holds both kinds
    assert result.ingest_code == 2
    assert (result.good_stored, result.good_total) == (5, 5)
