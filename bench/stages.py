"""Ingest's per-report work by stage, in one process: ``python -m bench.stages [FOLDER] [--reports N]``.

Runs the worker side of ingest (:func:`analysis.storage.ingest.prepare_bytes`: read, parse,
segment, hash, tag, build rows) over the reports of FOLDER and prints milliseconds per report
for each stage, as JSON. Each stage is timed by wrapping the functions that do it, in this
process only (ingest itself carries no timing code, so measuring never slows it); time is
exclusive — the clean-up inside reading counts as clean, not read — and what no stage
claims (the report's own glue: the genre checks, problems stated outside their section, the
rows' dataclasses) is ``other``. What ingest remembers of sentences it has read (see
:data:`MEMORIES`) is forgotten before each run, so every run reads its reports for the first
time, as an ingest does. Times are this process's CPU time: on a machine shared with other
work, wall time would count theirs too.
`make bench` runs it over 600 of the 1,000-report corpus (see bench/run.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from analysis.parse import areas, indicators, metadata, report
from analysis.read import reading
from analysis.storage import ingest, store

# stage → (module, function name) pairs whose calls it is; the module is where the caller looks the name up
STAGES: dict[str, tuple[tuple[object, str], ...]] = {
    "read": ((report, "read_bytes"), (report, "sha256_of")),
    "clean": ((reading, "normalize"), (reading, "unwrap_hard_breaks")),
    "structure": ((report, "split_layout"), (report, "classify_sections")),
    "metadata": tuple((metadata, f) for f in ("title_of", "issuers_of", "issued_of", "year_of", "addressee_of", "override_for")),
    "places": ((metadata, "places_of"),),
    "items": tuple(
        (report, f)
        for f in ("section_items", "achievement_paragraphs", "inline_problems", "tail_problems", "before_problems", "problems_start")
    ),
    "areas": ((areas, "paragraph_themes"),),  # what each achievement paragraph is about
    "indicators": ((report, "extract_indicators"),),
    "segmentation": ((ingest, "term_counts"),),  # the tokenizer's cut is wrapped in `tokenizer` below
    "hashes": ((ingest, "sentence_hashes"),),
    "themes": ((ingest, "concept_hits"), (ingest, "themes_of")),
    "rows": ((store, "row_tables"),),
}


# what ingest remembers of the sentences it has read (pure functions over repeated sentences):
# forgotten before each run, so that every run reads its reports for the first time, as ingest does
MEMORIES: tuple[Callable, ...] = (areas._sentence_themes, indicators.metric_for, indicators.role_for, ingest._item_tags)


def forget() -> None:
    for memory in MEMORIES:
        memory.cache_clear()


class StageClock:
    """Exclusive seconds per stage: a stage called inside another pauses the outer one."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self._stack: list[list] = []  # [stage, started, time spent in inner stages]

    def wrap(self, stage: str, fn: Callable) -> Callable:
        def timed(*args, **kwargs):
            frame = [stage, time.process_time(), 0.0]
            self._stack.append(frame)
            try:
                return fn(*args, **kwargs)
            finally:
                self._stack.pop()
                spent = time.process_time() - frame[1]
                self.seconds[stage] += spent - frame[2]
                if self._stack:
                    self._stack[-1][2] += spent

        return timed


def _install(clock: StageClock) -> Callable[[], None]:
    """Wrap every stage's functions; returns the function that puts them back."""
    saved = []
    for stage, places in STAGES.items():
        for module, name in places:
            saved.append((module, name, getattr(module, name)))
            setattr(module, name, clock.wrap(stage, getattr(module, name)))
    tokenizer = ingest.tokenizer
    saved.append((ingest, "tokenizer", tokenizer))
    ingest.tokenizer = lambda *a, **k: clock.wrap("segmentation", tokenizer(*a, **k))

    def restore() -> None:
        for module, name, fn in saved:
            setattr(module, name, fn)

    return restore


def measure(files: list[tuple[str, bytes]], *, rounds: int = 3) -> dict:
    """Milliseconds per report: ``total`` (fastest of ``rounds`` untimed-stage runs) and
    ``stages`` (from one more run with the stages wrapped, ``other`` the rest)."""
    ingest.warm()
    for name, data in files[:20]:  # first calls fill caches (token kinds, compiled rules)
        ingest.prepare_bytes(name, data)
    best = float("inf")
    for _ in range(rounds):
        forget()
        start = time.process_time()
        outcomes = [ingest.prepare_bytes(name, data) for name, data in files]
        best = min(best, time.process_time() - start)
    clock = StageClock()
    restore = _install(clock)
    forget()
    try:
        start = time.process_time()
        for name, data in files:
            ingest.prepare_bytes(name, data)
        wrapped = time.process_time() - start
    finally:
        restore()
    n = len(files)
    stages = {stage: round(s / n * 1000, 3) for stage, s in clock.seconds.items()}
    stages["other"] = round((wrapped - sum(clock.seconds.values())) / n * 1000, 3)
    return {
        "reports": n,
        "refused": sum(not o.ok for o in outcomes),
        "ms_per_report": round(best / n * 1000, 3),
        "ms_per_report_timed": round(wrapped / n * 1000, 3),
        "stages": stages,
    }


def table(result: dict) -> str:
    """The stages as Markdown rows (ms per report and share)."""
    total = sum(result["stages"].values())
    rows = [f"| stage {stage} | {ms:.3f} ms/report ({ms / total:.0%}) | |" for stage, ms in result["stages"].items()]
    return "\n".join([f"| ingest worker side, 1 process, {result['reports']} reports | {result['ms_per_report']} ms/report | |", *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", help="a folder of .txt reports (default: the 1,000-report synthetic corpus)")
    parser.add_argument("--reports", type=int, default=600)
    args = parser.parse_args(argv)
    if args.folder is None:
        from bench.run import corpus

        args.folder = corpus(1000)
    paths = sorted(Path(args.folder).glob("*.txt"))[: args.reports]
    if not paths:
        print(f"no .txt reports in {args.folder}", file=sys.stderr)
        return 2
    print(json.dumps(measure([(p.name, p.read_bytes()) for p in paths])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
