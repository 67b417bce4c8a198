"""Batch ingest: read, parse and segment files on all cores, store each in its own transaction.

A bad file never stops the batch: it becomes a ``rejected`` outcome with its reason.
The same content again is a ``duplicate``; a second file for a township and year already
stored is rejected unless ``replace`` is set.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import duckdb
import numpy as np
import pyarrow as pa

from analysis.errors import ReportError
from analysis.parse import areas
from analysis.parse.report import ParsedReport, parse_bytes
from analysis.parse.segment import term_counts, tokenizer
from analysis.parse.sentences import sentence_hashes
from analysis.parse.themes import Taxonomy, concept_hits, taxonomy, themes_of
from analysis.read.reading import load_file, precheck, printable, readable_name
from analysis.storage import facts, history, store, trash
from analysis.storage.workers import DISK_ERRORS, DISK_REASON, Job, Limits, ParsePool, limits, memory_reason, start_fork_server

Status = Literal["stored", "replaced", "duplicate", "rejected"]
PARALLEL_MIN_FILES = 16  # below this a worker pool costs more than it saves
LOCK_SLICE_SECONDS = 2.0  # the writer lets a waiting writer (an upload) in at least this often
PUBLISH_EVERY_SECONDS = 30.0  # a long ingest publishes what it committed at least this often…
PUBLISH_MAX_SHARE = 0.05  # …but spends at most this share of its time copying snapshots
CHUNK_FILES = 64  # at most this many files a worker prepares and packs together
IN_FLIGHT = 16  # chunks per worker handed out ahead of the writer (a writer's checkpoint or publication does not stall them)
GROUP_SECONDS = 1.0  # in bulk, reports arriving within this window share a transaction


@dataclass(frozen=True)
class Outcome:
    """What happened to one file: ``detail`` is the reason or the stored township/year."""

    name: str
    status: Status
    detail: str = ""
    report_id: int | None = None


@dataclass(frozen=True)
class SectionData:
    """What is stored per section besides its text: term counts, token total, sentence hashes."""

    ord: int
    terms: dict[str, int]
    tokens: int
    hashes: list[int]
    hash_chars: list[int]


@dataclass(frozen=True)
class ItemData:
    """A problem, plan or achievement item with its themes (primary first) and concept hits."""

    kind: str
    ord: int
    text: str
    themes: list[str]
    concepts: list[int]


@dataclass(frozen=True)
class Parsed:
    """A parsed report with its per-section and per-item data (worker side)."""

    report: ParsedReport
    sections: list[SectionData]
    items: list[ItemData]


@dataclass(frozen=True)
class Prepared:
    """What a worker sends the writer: the report's key and its rows, or why it was refused.

    ``rows`` maps each store table to its row count and column lists, without the report
    id (see :func:`analysis.storage.store.row_tables`); :func:`pack` turns several into arrow tables.
    """

    name: str
    sha256: str = ""
    file: str = ""
    township: str | None = None
    year: int | None = None
    rows: dict = field(default_factory=dict)
    error: str = ""
    warnings: int = 0

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class Batch:
    """Several prepared files and their rows packed into one arrow table per store table
    (see :func:`analysis.storage.store.pack`): cheap to send from a worker, cheap to insert."""

    files: list[Prepared]
    tables: dict


def pack(items: list[Prepared]) -> Batch:
    tables = store.pack([item.rows if item.ok else None for item in items])
    return Batch([Prepared(i.name, i.sha256, i.file, i.township, i.year, error=i.error, warnings=i.warnings) for i in items], tables)


def prepare_chunk(paths: list[Path]) -> Batch:
    """Prepare and pack a chunk of files here (where no worker can be forked)."""
    return pack([_prepared_here(p) for p in paths])


def _prepared_here(path: Path) -> Prepared:
    try:
        return prepare_path(path)
    except MemoryError:
        return _refused_path(path, memory_reason())


def _sent(items: list[Prepared]) -> bytes:
    """Prepared files packed and pickled in a parse worker, where its memory limit applies: a
    file whose rows do not fit is refused (each file packed alone to find it), not the batch."""
    try:
        return pickle.dumps(pack(items), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        kept = []
        for item in items:
            try:
                pickle.dumps(pack([item]), protocol=pickle.HIGHEST_PROTOCOL)
                kept.append(item)
            except MemoryError:
                kept.append(Prepared(item.name, error=memory_reason()))
        try:
            return pickle.dumps(pack(kept), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:  # even so: the chunk's files refused, the batch goes on
            return pickle.dumps(pack([Prepared(i.name, error=memory_reason()) for i in items]), protocol=pickle.HIGHEST_PROTOCOL)


def _refused_path(path: Path, reason: str) -> Prepared:
    return Prepared(readable_name(path.name), error=reason)


@dataclass(frozen=True)
class Upload:
    """An uploaded file as the pool hands it to a worker: its name, the temporary file holding
    its bytes (the worker reads it, then removes it), or why a cheap look at them refused it."""

    name: str
    path: str = ""
    refused: str = ""


def _prepare_upload(upload: Upload) -> Prepared:
    try:
        data = Path(upload.path).read_bytes()
        Path(upload.path).unlink()
    except OSError as exc:
        return Prepared(upload.name, error=DISK_REASON if exc.errno in DISK_ERRORS else f"could not be read ({exc.strerror})")
    return prepare_bytes(upload.name, data)


def _refused_upload(upload: Upload, reason: str) -> Prepared:
    return Prepared(upload.name, error=reason)


def _upload_check(upload: Upload) -> str | None:
    return upload.refused or None


@dataclass(frozen=True)
class Listing:
    """What a list of files and folders holds: the files to read, and the entries refused
    before reading (links out of their folder)."""

    files: list[Path]
    refused: list[Outcome]


def list_inputs(paths: Iterable[str | Path]) -> Listing:
    """Files named, and every file under the folders named (recursively), hidden ones skipped.

    A file named on the command line is taken as it is (a link to a report is fine; a device
    or a pipe is refused when read). Inside a folder, a link to a file outside that folder is
    not followed (``x.txt → /etc/passwd``): it is refused with its reason.
    """
    files: list[Path] = []
    refused: list[Outcome] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside, outside = _files_under(path)
            files += inside
            refused += [Outcome(readable_name(str(p.relative_to(path))), "rejected", OUTSIDE_LINK) for p in outside]
        else:
            files.append(path)
    return Listing(files, refused)


OUTSIDE_LINK = "a link to a file outside the folder being imported: not followed (copy the file into the folder)"


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The files :func:`list_inputs` would read."""
    return list_inputs(paths).files


def _files_under(folder: Path) -> tuple[list[Path], list[Path]]:
    """(files, links out of ``folder``) under ``folder`` in path order, hidden files and
    folders skipped (os.walk: a province's folder of 10,000 files is listed in a few
    hundredths of a second). Only regular files (or links to them inside the folder) count."""
    root = os.path.realpath(folder)
    found: list[tuple[str, ...]] = []
    outside: list[tuple[str, ...]] = []
    for dirpath, dirnames, filenames in os.walk(folder):  # symlinked folders are not entered (no loops)
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        where = Path(dirpath).relative_to(folder).parts
        for name in filenames:
            full = os.path.join(dirpath, name)
            if name.startswith(".") or not os.path.isfile(full):
                continue
            if os.path.islink(full) and os.path.commonpath([root, os.path.realpath(full)]) != root:
                outside.append((*where, name))
            else:
                found.append((*where, name))
    return [folder.joinpath(*parts) for parts in sorted(found)], [folder.joinpath(*parts) for parts in sorted(outside)]


def section_data(report: ParsedReport) -> list[SectionData]:
    """Segment each section once (preamble is 0) and hash its sentences."""
    cut = tokenizer()
    places = [report.township, report.county]
    out = []
    for ordinal, text in enumerate([report.preamble, *(s.text for s in report.sections)]):
        counts, words = term_counts(cut(text) if text else [])
        hashes, chars = sentence_hashes(text, places)
        out.append(SectionData(ordinal, counts, words, hashes, chars))
    return out


def item_data(report: ParsedReport) -> list[ItemData]:
    """Problems, plans and achievement paragraphs, tagged with themes and concepts: a problem's
    or plan's themes are the taxonomy's keywords it names, an achievement's what its sentences
    do (:func:`analysis.parse.areas.paragraph_themes`; a 第一责任人 paragraph is about the duty)."""
    tax, rules = taxonomy(), areas.cues()
    out = []
    for kind, texts in (("problem", report.problems), ("plan", report.plans)):
        for ordinal, text in enumerate(texts):
            themes, concepts = _item_tags(text, tax)
            out.append(ItemData(kind, ordinal, text, list(themes), list(concepts)))
    kinds = report.achievement_kinds or ["achievements"] * len(report.achievements)
    for ordinal, (text, section) in enumerate(zip(report.achievements, kinds)):
        themes = areas.paragraph_themes(text, duty=section == "duty", rules=rules)
        out.append(ItemData("achievement", ordinal, text, themes, sorted(concept_hits(text, tax))))
    return out


ITEM_MEMORY = 4_096  # distinct problem and plan items whose tags a process remembers (reports repeat stock phrases)


@lru_cache(maxsize=ITEM_MEMORY)
def _item_tags(text: str, tax: Taxonomy) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A problem's or plan's themes (primary first) and the concepts it names."""
    hits = concept_hits(text, tax)
    return tuple(themes_of(hits, tax)), tuple(sorted(hits))


def prepare_report(name: str, report: ParsedReport) -> Prepared:
    rows = store.row_tables(Parsed(report, section_data(report), item_data(report)))
    return Prepared(name, report.sha256, report.file, report.township, report.year, rows, warnings=len(report.warnings))


def prepare_bytes(name: str, data: bytes) -> Prepared:
    """Parse and segment one file's bytes; errors become a Prepared with ``error`` set."""
    try:
        return prepare_report(name, parse_bytes(data, name=name))
    except ReportError as exc:
        return Prepared(name, error=str(exc))
    except OSError as exc:  # a converter's temporary files on a full disk
        if exc.errno in DISK_ERRORS:
            return Prepared(name, error=DISK_REASON)
        return Prepared(name, error=f"could not be parsed ({type(exc).__name__}: {exc}); please report this file")
    except Exception as exc:  # a parser bug must not stop the batch either
        return Prepared(name, error=f"could not be parsed ({type(exc).__name__}: {exc}); please report this file")


def prepare_path(path: Path) -> Prepared:
    """Read, parse and segment one file from disk (type and size checked before reading). A
    name that is not UTF-8 is stored in a readable form (:func:`readable_name`)."""
    name = readable_name(path.name)
    try:
        data = load_file(path)
    except (ReportError, OSError) as exc:
        return Prepared(name, error=str(exc))
    return prepare_bytes(name, data)


def warm() -> None:
    from analysis.parse import gazetteer

    gazetteer.load()
    tokenizer()
    taxonomy()


PATHS = Job(prepare_path, _refused_path, _sent, warm)  # the CLI's ingest: files on disk, in chunks
UPLOADS = Job(_prepare_upload, _refused_upload, _sent, warm, _upload_check)  # the dashboard's uploads: one Upload a task
UPLOAD_PRELOAD = ["analysis.storage.warmed"]  # what the uploads' fork server imports (niced, then warmed) once


def prepared_stream(paths: list[Path], *, workers: int | None = None, lim: Limits | None = None) -> Iterator[Batch]:
    """Prepared files in input order, packed in batches. Files are parsed in forked worker
    processes (one for a small batch or ``workers=1``) within ``lim`` (default: the settings,
    :func:`analysis.storage.workers.limits`), as uploads are: a file over them, or whose worker
    dies, is refused with the reason and the batch goes on (:class:`ParsePool`). Without
    ``fork`` (not Linux or macOS) the files are parsed here, without the limits."""
    workers = workers or os.cpu_count() or 1
    lim = lim or limits()
    small = len(paths) < PARALLEL_MIN_FILES
    size = 1 if small else max(1, min(CHUNK_FILES, -(-len(paths) // (4 * workers))))  # at least four chunks per worker
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    if not chunks or "fork" not in mp.get_all_start_methods():
        yield from (prepare_chunk(chunk) for chunk in chunks)
        return
    warm()  # loaded once here and shared copy-on-write with the forked workers
    with ParsePool(PATHS, workers=1 if small else workers, lim=lim) as pool:
        # at most IN_FLIGHT chunks per worker are handed out or done but not yet taken, so a
        # writer slower than the workers holds back the workers instead of piling results up
        for piece in pool.map(chunks, ahead=IN_FLIGHT):
            yield pickle.loads(piece)


def parsed_uploads(files: Iterable[tuple[str, bytes]], *, lim: Limits | None = None) -> Iterator[Batch]:
    """Uploaded (name, bytes) pairs prepared in a worker process within ``lim`` (default: the
    settings), one file a task: a file over them, or whose worker dies, is refused with the
    reason and the next file parsed by a new worker. The worker is started by a fork server
    (never forked from the dashboard's threaded server) that has loaded what a parse needs, at
    a lower priority (:func:`start_upload_workers`). Here, in the server, nothing but cheap looks
    at the bytes (:func:`analysis.read.reading.precheck`: a file they refuse never reaches a
    worker) and one write of them to a temporary file, which the worker reads: the bytes are
    neither copied nor pickled here."""
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    with tempfile.TemporaryDirectory(prefix="reports-upload-") as folder:
        handed = (_handed(name, data, Path(folder) / f"{n}.upload") for n, (name, data) in enumerate(files))
        with ParsePool(UPLOADS, lim=lim or limits(), method=method, preload=UPLOAD_PRELOAD) as pool:
            for piece in pool.map([upload] for upload in handed):
                yield pickle.loads(piece)


def _handed(name: str, data: bytes, path: Path) -> Upload:
    """What a worker gets for one uploaded file (written to ``path`` unless refused at once)."""
    name = Path(name).name
    try:
        precheck(data, name=name)
        path.write_bytes(data)
    except ReportError as exc:
        return Upload(name, refused=str(exc))
    except OSError as exc:
        path.unlink(missing_ok=True)
        return Upload(name, refused=DISK_REASON if exc.errno in DISK_ERRORS else f"could not be read ({exc.strerror})")
    return Upload(name, str(path))


def start_upload_workers() -> None:
    """Start the uploads' fork server ahead of an upload (a file chosen on the page), so that
    the upload does not wait for its start; its warming runs at the workers' lower priority."""
    start_fork_server(UPLOAD_PRELOAD)


class Writer:
    """Stores prepared reports, letting readers in between.

    Each report is all-or-nothing. Small batches commit every report in its own
    transaction. In bulk (``group_seconds`` > 0) reports arriving within that many seconds
    share one transaction, because DuckDB spends about a millisecond per statement and per
    commit: a killed process loses at most that window of uncommitted work, never part of
    a report, and the same command resumes where it stopped (stored files are duplicates).
    """

    def __init__(
        self,
        db: str | Path | None,
        *,
        replace: bool = False,
        group_seconds: float = 0.0,
        group_size: int = 1000,
        publish: bool = True,
        wait: float = store.LOCK_WAIT_SECONDS,
        on_wait: Callable[[float], None] | None = None,
    ):
        self.db = db
        self.wait, self.on_wait = wait, on_wait
        self.replace = replace
        self.publish = publish
        self._published_at = time.monotonic()
        self._publish_cost = 0.0
        self.group_seconds = group_seconds
        self.group_size = group_size
        self._con = None
        self._since = 0.0
        self._pending: list[tuple[dict, np.ndarray]] = []
        self._pending_items: list[tuple[int, Prepared]] = []
        self._pending_since = 0.0
        self._outcomes: list[Outcome] = []
        self.shas: dict[str, str] = {}
        self.trashed: dict[str, str] = {}  # sha256 → file of the reports in the 回收站
        self.slots: dict[tuple[str, int], tuple[int, str]] = {}
        self.corrected: dict[str, dict[str, object]] = {}  # sha256 → township/year an admin corrected
        self._taken: dict[tuple[str, int], int] = {}

    def __enter__(self) -> Writer:
        self._open()
        self.shas, self.slots = store.existing_keys(self._con)
        self.trashed = trash.trashed_files(self._con)
        self.corrected = facts.corrected_slots(self._con)
        self._next_id = store.next_id(self._con)
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if self._con is not None:
            try:
                if exc_type is None:
                    self.flush()
                    if self.publish:
                        store.publish_snapshot(self._con, self.db)
            finally:  # the store is let go whatever happened (a failed publication keeps it open otherwise)
                self._cm.__exit__(None, None, None)
                self._con = None

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The writer's connection to the store (while it is open)."""
        return self._con

    def _open(self) -> None:
        self._cm = store.connect(self.db, publish=False, wait=self.wait, on_wait=self.on_wait)
        self._con = self._cm.__enter__()
        if self.group_seconds:  # in bulk the worker processes have the cores
            self._con.execute("SET threads = 1")
        self._since = time.monotonic()

    def _breathe(self) -> None:
        """Every lock slice: publish now and then, and let go of the store when another process
        waits for it (:func:`analysis.storage.store.writer_waiting`), then take it again; the
        queued group is committed first. Only then: letting go checkpoints the store and taking
        it again reads it anew, and every commit has a cost of its own (together 0.1-0.2 s of the
        writer's CPU a slice, which a bulk ingest takes from its workers), so groups are committed
        by :attr:`group_seconds` and size alone otherwise."""
        if time.monotonic() - self._since <= LOCK_SLICE_SECONDS:
            return
        self._since = time.monotonic()
        waiting = store.writer_waiting(self.db)
        if waiting or self._publish_due():
            self.flush()
            self._publish_now_and_then()
        if waiting:
            self._cm.__exit__(None, None, None)
            time.sleep(0.05)
            self._open()

    def _publish_due(self) -> bool:
        """Whether a long bulk ingest is to publish what it committed now (see :meth:`_publish_now_and_then`)."""
        since = time.monotonic() - self._published_at
        return since >= max(PUBLISH_EVERY_SECONDS, self._publish_cost / PUBLISH_MAX_SHARE)

    def _publish_now_and_then(self) -> None:
        """During a long bulk ingest, let readers see the reports committed so far, as often
        as copying the store allows (at most :data:`PUBLISH_MAX_SHARE` of the time). A copy
        that cannot be written (a full disk) does not stop the ingest: the last publication
        (the end of the batch, or the derived refresh) says so."""
        if not self._publish_due():
            return
        started = time.monotonic()
        try:
            store.publish_snapshot(self._con, self.db)
        except store.NotPublished:
            pass
        self._published_at = time.monotonic()
        self._publish_cost = self._published_at - started

    def write(self, batch: Batch) -> list[Outcome]:
        """Queue a batch's files; returns the outcomes decided now (rejected, duplicate, replaced).
        Stored files are reported by :meth:`flush` when their group commits."""
        self._breathe()
        done: list[Outcome] = []
        replacements: list[tuple[int, Prepared, int, int]] = []
        id_map = np.full(len(batch.files), -1, dtype=np.int64)
        for position, item in enumerate(batch.files):
            outcome, report_id, old_id = self._decide(item)
            if outcome is not None:
                done.append(outcome)
            elif old_id is not None:
                replacements.append((position, item, report_id, old_id))
            else:
                id_map[position] = report_id
                self._pending_items.append((report_id, item))
        if (id_map >= 0).any():
            if not self._pending:
                self._pending_since = time.monotonic()
            self._pending.append((batch.tables, id_map))
        for position, item, report_id, old_id in replacements:  # each in its own transaction with the delete
            self.flush()
            one = np.full(len(batch.files), -1, dtype=np.int64)
            one[position] = report_id
            store.write_reports(self._con, [(batch.tables, one)], replace_ids=[old_id], fix=facts.fix_written)
            done.append(self._stored(report_id, item, "replaced"))
        if len(self._pending_items) >= self.group_size or time.monotonic() - self._pending_since >= self.group_seconds:
            self.flush()
        return done

    def _decide(self, item: Prepared) -> tuple[Outcome | None, int, int | None]:
        """(outcome, 0, None) for a file not to store, else (None, new id, id it replaces or None).

        The new id and the township-year slot are taken at once, so a later file of the same
        batch for the same slot replaces this one, not the report this one replaces.
        """
        if not item.ok:
            return Outcome(item.name, "rejected", item.error), 0, None
        if item.sha256 in self.shas:
            return Outcome(item.name, "duplicate", f"same content as stored {self.shas[item.sha256]}, skipped"), 0, None
        if item.sha256 in self.trashed:
            reason = f"same content as {self.trashed[item.sha256]}, which is in the recycle bin: restore it there, skipped"
            return Outcome(item.name, "duplicate", reason), 0, None
        key = self._slot(item)
        old = self.slots.get(key) if all(key) else None
        ours = self._taken.get(key)  # warnings of the copy this run stored in the slot, if it did
        if old and not self.replace and not (ours is not None and item.warnings < ours):
            why = f" (this batch's copy has {ours} warning(s), this one {item.warnings})" if ours is not None else ""
            reason = f"{key[0]} {key[1]} is already stored from {old[1]}{why}: use --replace to replace it"
            return Outcome(item.name, "rejected", reason), 0, None
        # a second copy in one batch that parsed with fewer warnings than the first replaces it,
        # so which copy is kept does not depend on the order of the files
        return None, self._take_id(item), old[0] if old else None

    def _slot(self, item: Prepared) -> tuple[str | None, int | None]:
        """The township and year the file's report will be stored under: as parsed, or as an
        admin corrected the same content before (the correction is applied again when it is written)."""
        fixed = self.corrected.get(item.sha256, {})
        return fixed.get("township", item.township), fixed.get("year", item.year)

    def _take_id(self, item: Prepared) -> int:
        report_id = self._next_id
        self._next_id += 1
        self.shas[item.sha256] = item.file
        key = self._slot(item)
        if all(key):
            self.slots[key] = (report_id, item.file)
            self._taken[key] = item.warnings
        return report_id

    def flush(self) -> list[Outcome]:
        """Commit the queued group; its outcomes are returned and kept for :meth:`drain`."""
        parts, items = self._pending, self._pending_items
        self._pending, self._pending_items = [], []
        if not items:
            return []
        store.write_reports(self._con, parts, fix=facts.fix_written)
        done = [self._stored(report_id, item, "stored") for report_id, item in items]
        self._outcomes.extend(done)
        return done

    def drain(self) -> list[Outcome]:
        """Outcomes of groups committed since the last call."""
        done, self._outcomes = self._outcomes, []
        return done

    @staticmethod
    def _stored(report_id: int, item: Prepared, status: Status) -> Outcome:
        return Outcome(item.name, status, f"{item.township or '乡镇未知'} {item.year or '年份未知'}", report_id)


def ingest_paths(
    paths: Iterable[str | Path] | Listing,
    *,
    db: str | Path | None = None,
    replace: bool = False,
    workers: int | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    publish: bool = True,
    who: str | None = None,
) -> list[Outcome]:
    """Ingest files and folders (or a :class:`Listing` of them); every accepted file is
    committed whatever happens to the rest.

    ``publish``: show the result to readers at the end (False when a derived refresh follows,
    which publishes). ``who``: log the ingest in the action log under this name (one line)."""
    listing = paths if isinstance(paths, Listing) else list_inputs(paths)
    for outcome in listing.refused:
        if on_outcome:
            on_outcome(outcome)
    bulk = len(listing.files) >= PARALLEL_MIN_FILES
    stream = prepared_stream(listing.files, workers=workers)
    done = _run(
        stream,
        db=db,
        replace=replace,
        on_outcome=on_outcome,
        group_seconds=GROUP_SECONDS if bulk else 0.0,
        publish=publish,
        log=None if who is None else (who, "命令行导入", listing.refused),
    )
    return listing.refused + done


def ingest_uploads(
    files: Iterable[tuple[str, bytes]],
    *,
    db: str | Path | None = None,
    replace: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
    publish: bool = True,
    wait: float = store.LOCK_WAIT_SECONDS,
    on_wait: Callable[[float], None] | None = None,
    who: str | None = None,
) -> list[Outcome]:
    """Ingest (file name, bytes) pairs from an upload; names are labels, never paths. Files are
    parsed in a worker process with a time and memory limit (:func:`parsed_uploads`). A store
    busy with another writer is waited for, up to ``wait`` seconds (``on_wait(seconds waited)``
    meanwhile): the upload queues, then is stored. ``who``: log each stored file in the action
    log under this name."""
    log = None if who is None else (who, "上传", None)
    try:
        return _run(
            parsed_uploads(files), db=db, replace=replace, on_outcome=on_outcome, publish=publish, wait=wait, on_wait=on_wait, log=log
        )
    finally:
        give_back_memory()


def give_back_memory() -> None:
    """Return to the system the memory an upload's rows held here: pyarrow's allocator
    (mimalloc) and glibc's keep freed memory for reuse, which in the dashboard's long-lived
    server is memory held for good (after a 1.4-million-character upload, 55 MB of the
    server's memory were kept; 8 MB after this: README, How it is built)."""
    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
BIG_BUFFER = 4 * 1024 * 1024  # a block this large or larger is mapped apart and unmapped when freed


def unmap_big_buffers() -> bool:
    """Have glibc give back every freed block of :data:`BIG_BUFFER` or more at once. By default
    it raises this threshold to the largest block freed so far, so after one 19 MB upload every
    later 19 MB block — Streamlit deep-copies an uploaded file's bytes on each run of a page
    that shows the file (its widget values are copies) — comes from the heap and stays there
    once freed: memory the long-lived server keeps. False where this is not glibc."""
    try:
        return bool(ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, BIG_BUFFER))
    except (OSError, AttributeError):
        return False


def _run(
    stream: Iterable[Batch],
    *,
    db,
    replace: bool,
    on_outcome,
    group_seconds: float = 0.0,
    publish: bool = True,
    log: tuple[str, str, list[Outcome] | None] | None = None,
    **waiting,
) -> list[Outcome]:
    outcomes: list[Outcome] = []

    def report(done: list[Outcome]) -> None:
        for outcome in done:
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)

    with Writer(db, replace=replace, group_seconds=group_seconds, publish=publish, **waiting) as writer:
        for batch in stream:
            decided = writer.write(batch)
            report(writer.drain() + decided)
        writer.flush()
        report(writer.drain())
        if log is not None:
            _log(writer.connection, outcomes, *log)
    return outcomes


UPLOAD_ACTIONS = {"stored": ("", "已入库"), "replaced": ("同乡镇同年度的原报告", "已替换为此文件")}


def _log(con, outcomes: list[Outcome], who: str, action: str, refused: list[Outcome] | None) -> None:
    """The action log's lines for an ingest: each stored or replaced file (``refused`` None: an
    upload), else one line counting every outcome (a command-line ingest of a folder)."""
    if refused is None:
        for o in outcomes:
            if o.status in UPLOAD_ACTIONS:
                before, after = UPLOAD_ACTIONS[o.status]
                history.log(con, action, f"{o.detail} · {o.name}", who=who, before=before, after=after)
        return
    every = refused + outcomes
    counts = {s: sum(1 for o in every if o.status == s) for s in ("stored", "replaced", "duplicate", "rejected")}
    after = f"入库 {counts['stored']} 份，替换 {counts['replaced']} 份，重复 {counts['duplicate']} 份，拒绝 {counts['rejected']} 份"
    history.log(con, action, f"{len(every)} 个文件", who=who, after=after)


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
            bar.write(f"rejected: {printable(outcome.name)}: {outcome.detail}", file=sys.stdout)
        bar.update(1)
        if bar.n >= total:
            bar.close()

    return step
