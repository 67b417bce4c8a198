"""Batch ingest: read, parse and segment files on all cores, store each in its own transaction.

A bad file never stops the batch: it becomes a ``rejected`` outcome with its reason.
The same content again is a ``duplicate``; a second file for a township and year already
stored is rejected unless ``replace`` is set.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from analysis import store
from analysis.errors import ReportError
from analysis.parse import ParsedReport, parse_bytes
from analysis.reading import ALLOWED_SUFFIXES, MAX_BYTES
from analysis.segment import count_terms, tokenizer

Status = Literal["stored", "replaced", "duplicate", "rejected"]
WORD = re.compile(r"\w")
PARALLEL_MIN_FILES = 16  # below this a worker pool costs more than it saves
LOCK_SLICE_SECONDS = 2.0  # the writer lets readers in at least this often


@dataclass(frozen=True)
class Outcome:
    """What happened to one file: ``detail`` is the reason or the stored township/year."""

    name: str
    status: Status
    detail: str = ""
    report_id: int | None = None


@dataclass(frozen=True)
class Prepared:
    """A parsed report and its term counts per section, ready to store."""

    name: str
    report: ParsedReport | None
    tokens: list[tuple[int, dict[str, int], int]]
    error: str = ""


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and every file under the folders named (recursively), hidden ones skipped."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            out.append(path)
    return out


def section_tokens(report: ParsedReport) -> list[tuple[int, dict[str, int], int]]:
    """(section ordinal, term counts, token total) for the preamble (0) and each section."""
    cut = tokenizer()
    texts = [report.preamble, *(s.text for s in report.sections)]
    out = []
    for ordinal, text in enumerate(texts):
        tokens = cut(text) if text else []
        out.append((ordinal, dict(count_terms(tokens)), sum(1 for t in tokens if WORD.search(t))))
    return out


def prepare_bytes(name: str, data: bytes) -> Prepared:
    """Parse and segment one file's bytes; errors become a Prepared with ``error`` set."""
    try:
        report = parse_bytes(data, name=name)
        return Prepared(name, report, section_tokens(report))
    except ReportError as exc:
        return Prepared(name, None, [], str(exc))
    except Exception as exc:  # a parser bug must not stop the batch either
        return Prepared(name, None, [], f"could not be parsed ({type(exc).__name__}: {exc}); please report this file")


def prepare_path(path: Path) -> Prepared:
    """Read, parse and segment one file from disk (size checked before reading)."""
    name = path.name
    try:
        if path.suffix.lower() not in ALLOWED_SUFFIXES:
            raise ReportError(f"unsupported file type {path.suffix or '(none)'}: use .txt, .docx, .pdf or .doc")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReportError(f"file is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit: split it or remove images")
        data = path.read_bytes()
    except (ReportError, OSError) as exc:
        return Prepared(name, None, [], str(exc))
    return prepare_bytes(name, data)


def _warm() -> None:
    from analysis import gazetteer

    gazetteer.load()
    tokenizer()


def prepared_stream(paths: list[Path], *, workers: int | None = None) -> Iterator[Prepared]:
    """Prepared files in input order, on a pool of worker processes for large batches."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(paths) < PARALLEL_MIN_FILES or "fork" not in mp.get_all_start_methods():
        yield from map(prepare_path, paths)
        return
    _warm()  # loaded once here and shared copy-on-write with the forked workers
    with mp.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(prepare_path, paths, chunksize=8)


class Writer:
    """Stores prepared reports one transaction each, letting readers in between."""

    def __init__(self, db: str | Path | None, *, replace: bool = False):
        self.db = db
        self.replace = replace
        self._con = None
        self._since = 0.0
        self.shas: dict[str, str] = {}
        self.slots: dict[tuple[str, int], tuple[int, str]] = {}

    def __enter__(self) -> Writer:
        self._open()
        self.shas, self.slots = store.existing_keys(self._con)
        return self

    def __exit__(self, *exc) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def _open(self) -> None:
        self._cm = store.connect(self.db)
        self._con = self._cm.__enter__()
        self._since = time.monotonic()

    def _breathe(self) -> None:
        if time.monotonic() - self._since > LOCK_SLICE_SECONDS:
            self._cm.__exit__(None, None, None)
            time.sleep(0.05)
            self._open()

    def write(self, item: Prepared) -> Outcome:
        if item.report is None:
            return Outcome(item.name, "rejected", item.error)
        r = item.report
        if r.sha256 in self.shas:
            return Outcome(item.name, "duplicate", f"same content as stored {self.shas[r.sha256]}, skipped")
        old = self.slots.get((r.township, r.year)) if r.township and r.year else None
        if old and not self.replace:
            return Outcome(item.name, "rejected", f"{r.township} {r.year} is already stored from {old[1]}: use --replace to replace it")
        self._breathe()
        report_id = store.write_report(self._con, r, item.tokens, replace_id=old[0] if old else None)
        self.shas[r.sha256] = r.file
        if r.township and r.year:
            self.slots[(r.township, r.year)] = (report_id, r.file)
        where = f"{r.township or '乡镇未知'} {r.year or '年份未知'}"
        return Outcome(item.name, "replaced" if old else "stored", where, report_id)


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    db: str | Path | None = None,
    replace: bool = False,
    workers: int | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Ingest files and folders; every accepted file is committed whatever happens to the rest."""
    files = collect_paths(paths)
    return _run(prepared_stream(files, workers=workers), db=db, replace=replace, on_outcome=on_outcome)


def ingest_uploads(
    files: Iterable[tuple[str, bytes]],
    *,
    db: str | Path | None = None,
    replace: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Ingest (file name, bytes) pairs from an upload; names are labels, never paths."""
    stream = (prepare_bytes(Path(name).name, data) for name, data in files)
    return _run(stream, db=db, replace=replace, on_outcome=on_outcome)


def _run(stream: Iterable[Prepared], *, db, replace: bool, on_outcome) -> list[Outcome]:
    outcomes: list[Outcome] = []
    with Writer(db, replace=replace) as writer:
        for item in stream:
            outcome = writer.write(item)
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    return outcomes


def summary(outcomes: list[Outcome]) -> str:
    """One line: how many files were stored, replaced, duplicates and rejected."""
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("stored", "replaced", "duplicate", "rejected")}
    return f"{len(outcomes)} files: {counts['stored']} stored, {counts['replaced']} replaced, {counts['duplicate']} duplicate, {counts['rejected']} rejected"


def print_progress(total: int) -> Callable[[Outcome], None]:
    """An ``on_outcome`` callback that draws a progress bar on stderr and prints rejections."""
    from tqdm import tqdm

    bar = tqdm(total=total, file=sys.stderr, unit="file", desc="ingest", disable=None)

    def step(outcome: Outcome) -> None:
        if outcome.status == "rejected":
            bar.write(f"rejected: {outcome.name}: {outcome.detail}", file=sys.stdout)
        bar.update(1)
        if bar.n >= total:
            bar.close()

    return step
