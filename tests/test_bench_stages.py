"""bench/stages.py: ingest's per-report time by stage, measured without touching ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.parse import metadata, report
from analysis.storage import ingest
from bench import stages

RAW = sorted(Path(__file__).resolve().parent.parent.joinpath("data", "raw").glob("*.txt"))


@pytest.fixture(scope="module")
def measured() -> dict:
    return stages.measure([(p.name, p.read_bytes()) for p in RAW], rounds=1)


def test_every_stage_is_measured(measured):
    assert list(measured["stages"]) == [*stages.STAGES, "other"]
    assert [s for s, ms in measured["stages"].items() if s != "other" and ms <= 0] == []
    assert (measured["reports"], measured["refused"]) == (len(RAW), 0)


def test_the_stages_add_up_to_the_timed_run(measured):
    assert sum(measured["stages"].values()) == pytest.approx(measured["ms_per_report_timed"], abs=0.01)


@pytest.mark.parametrize("module, name", [(report, "read_bytes"), (metadata, "places_of"), (ingest, "tokenizer"), (ingest, "term_counts")])
def test_the_functions_are_put_back(measured, module, name):
    assert getattr(module, name).__name__ == name


def test_an_inner_stage_is_not_counted_twice():
    clock = stages.StageClock()
    inner = clock.wrap("clean", lambda: sum(range(200_000)))
    outer = clock.wrap("read", lambda: inner() + inner())
    outer()
    assert 0 < clock.seconds["read"] < clock.seconds["clean"]


def test_the_table_has_a_row_per_stage(measured):
    rows = stages.table(measured).split("\n")
    assert len(rows) == 1 + len(stages.STAGES) + 1
    assert rows[2].startswith("| stage clean | ")


def test_a_folder_without_reports_is_refused(tmp_path, capsys):
    assert stages.main([str(tmp_path)]) == 2
    assert "no .txt reports" in capsys.readouterr().err
