"""Parse output pinned per file: the `python -m analysis parse` contract and what ingest stores
per section and item (term counts, sentence hashes, themes) of the seed reports and the
independent sets, as hashes. A speed-up must leave every one unchanged; a change meant to
alter parsing rewrites the pins (``python -m tests.test_parse_output``) and says why in its commit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest

from analysis.errors import ReportError
from analysis.parse.report import parse_path
from analysis.storage.ingest import item_data, section_data

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "tests" / "data" / "parse_output.json"


def fixture_files() -> list[Path]:
    raw = sorted(p for p in (ROOT / "data" / "raw").glob("*") if p.is_file() and not p.name.startswith("."))
    return raw + sorted((ROOT / "tests" / "data" / "independent").glob("*/reports/*"))


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:20]


def output_of(path: Path) -> dict[str, str]:
    """The hashes of one file's contract and ingest data, or its refusal."""
    try:
        report = parse_path(path)
    except ReportError as exc:
        return {"refused": str(exc)}
    return {
        "contract": _digest(report.to_contract()),
        "sections": _digest([dataclasses.asdict(s) for s in section_data(report)]),
        "items": _digest([dataclasses.asdict(i) for i in item_data(report)]),
    }


def _key(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.fixture(scope="module")
def pins() -> dict[str, dict[str, str]]:
    return json.loads(PINS.read_text(encoding="utf-8"))


def test_every_fixture_is_pinned(pins):
    assert sorted(pins) == sorted(_key(p) for p in fixture_files())


@pytest.mark.parametrize("path", fixture_files(), ids=_key)
def test_parse_output_unchanged(path, pins):
    assert output_of(path) == pins[_key(path)]


@pytest.mark.parametrize("field", ["contract", "sections", "items"])
def test_a_changed_word_changes_every_pin(field, tmp_path):
    """The pins see one word changed throughout a report (法治 → 法制: its text, terms and items)."""
    path = fixture_files()[0]
    changed = tmp_path / path.name
    changed.write_text(path.read_text(encoding="utf-8").replace("法治", "法制"), encoding="utf-8")
    assert output_of(changed)[field] != output_of(path)[field]


def test_a_refused_file_is_pinned_by_its_reason(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("今天天气很好，我们去公园散步。" * 20, encoding="utf-8")
    assert list(output_of(path)) == ["refused"]


def write() -> None:
    PINS.write_text(json.dumps({_key(p): output_of(p) for p in fixture_files()}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":  # `python -m tests.test_parse_output`: rewrite the pins
    write()
