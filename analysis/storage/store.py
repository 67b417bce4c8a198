"""The embedded DuckDB store: schema, atomic per-report writes, connections and snapshots.

DuckDB lets one process write *or* several read a file, never both. So readers never open
the file writers work on: every writer, when its work is committed, checkpoints the store
and **publishes** a copy of it (``reports.duckdb.snapshots/g00000012.duckdb``, named by an
atomically replaced ``CURRENT`` pointer; the oldest kept snapshot renewed in place where no
reader has it open, see :func:`_renew_oldest`). Readers open the newest published snapshot read-only
and never wait for a writer; they see the store as of the last completed write (an upload,
a delete, an ingest batch, a derived refresh), never half of one. Writers queue for the
main file's lock among themselves (retried with back-off).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.errors import ReportError
from analysis.parse import areas
from analysis.parse.indicators import INDICATOR_VERSION, extract_indicators
from analysis.parse.report import ParsedReport
from analysis.parse.sentences import item_key
from analysis.parse.structure import DATA_DIR
from analysis.storage import summary
from analysis.storage.transactions import transaction

DEFAULT_DB = DATA_DIR / "reports.duckdb"
LOCK_WAIT_SECONDS = 30.0
CONFIG = {"threads": "2"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER NOT NULL, sha256 VARCHAR NOT NULL, file VARCHAR NOT NULL, title VARCHAR,
    township VARCHAR, county VARCHAR, city VARCHAR, province VARCHAR, year INTEGER, issued DATE,
    issuers VARCHAR[], addressee VARCHAR, warnings VARCHAR[], format VARCHAR, encoding VARCHAR,
    chars INTEGER, tokens INTEGER, preamble VARCHAR, ingested_at TIMESTAMP, original VARCHAR
);
CREATE TABLE IF NOT EXISTS sections (
    report_id INTEGER, ord INTEGER, heading VARCHAR, kind VARCHAR, text VARCHAR, chars INTEGER, tokens INTEGER,
    sent_hashes BIGINT[], sent_chars INTEGER[]
);
CREATE TABLE IF NOT EXISTS items (
    report_id INTEGER, kind VARCHAR, ord INTEGER, text VARCHAR, themes VARCHAR[], concepts INTEGER[], item_key VARCHAR
);
CREATE TABLE IF NOT EXISTS indicators (
    report_id INTEGER, ord INTEGER, section INTEGER, value DOUBLE, unit VARCHAR, approx BOOLEAN,
    metric VARCHAR, evidence VARCHAR, role VARCHAR, kind VARCHAR
);
CREATE TABLE IF NOT EXISTS terms (report_id INTEGER, section INTEGER, term VARCHAR, n INTEGER);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS corrections (
    made_at TIMESTAMP, who VARCHAR, action VARCHAR, item_key VARCHAR, code VARCHAR, target VARCHAR, name VARCHAR
);
-- a report's facts corrected by an admin (analysis.storage.facts), one row per field, keyed by content
CREATE TABLE IF NOT EXISTS report_corrections (
    made_at TIMESTAMP, who VARCHAR, sha256 VARCHAR, file VARCHAR, field VARCHAR, before VARCHAR, after VARCHAR, reason VARCHAR
);
INSERT INTO meta VALUES ('version', '0') ON CONFLICT DO NOTHING;
"""
# tables rebuilt from the stored reports (analysis.refresh.derived); created empty with the store so
# that a store never refreshed (ingest --no-refresh) reads as "nothing derived yet"
DERIVED_SCHEMA = """
CREATE TABLE IF NOT EXISTS problem_clusters (
    report_id INTEGER, ord INTEGER, theme VARCHAR, cluster INTEGER, code VARCHAR, score DOUBLE, evidence VARCHAR, item_key VARCHAR
);
CREATE TABLE IF NOT EXISTS clusters (
    cluster INTEGER, theme VARCHAR, label VARCHAR, example VARCHAR, items INTEGER, code VARCHAR, origin VARCHAR, description VARCHAR
);
CREATE TABLE IF NOT EXISTS followthrough (
    report_id INTEGER, ord INTEGER, township VARCHAR, plan_year INTEGER, plan VARCHAR, status VARCHAR,
    matched_year INTEGER, matched_text VARCHAR, score DOUBLE
);
CREATE TABLE IF NOT EXISTS derived_reports (report_id INTEGER, township VARCHAR, year INTEGER);
CREATE TABLE IF NOT EXISTS item_register (report_id INTEGER, ord INTEGER, code VARCHAR, score DOUBLE, evidence VARCHAR, second_code VARCHAR);
"""
DATA_TABLES = ("sections", "items", "indicators", "terms")
# derived_reports: the reports they were built from (with the township and year they had then); item_register: the register's own
# assignment of each problem item (a refresh after new reports assigns only their items)
DERIVED_TABLES = ("problem_clusters", "clusters", "followthrough", "derived_reports", "item_register")
SNAPSHOTS_KEPT = 2  # the current snapshot and the one before (a reader may have just read the old pointer)
# "g00000012.duckdb": one published generation of the store
GENERATION = re.compile(r"^g(\d{8})\.duckdb$")
_opened_snapshots = False  # this process has opened a snapshot to read (see _renew_oldest)
_damaged: set[tuple[str, int, int]] = set()  # snapshots this process found damaged (see _identity)
FICLONE = 0x40049409  # Linux ioctl: share the source file's blocks copy-on-write


def db_path(path: str | Path | None = None) -> Path:
    """The store file: ``path``, else ``$REPORTS_DB``, else ``data/reports.duckdb``."""
    return Path(path or os.environ.get("REPORTS_DB") or DEFAULT_DB)


class DamagedSnapshot(ReportError):
    """A published snapshot turned out damaged while being read: it is set aside for this
    process, and reading again gets the main store or an earlier snapshot (:func:`read`)."""


class NotPublished(ReportError):
    """The changes were committed to the store, but publishing them for readers failed."""


@contextmanager
def connect(
    path: str | Path | None = None,
    *,
    read_only: bool = False,
    wait: float = LOCK_WAIT_SECONDS,
    publish: bool = True,
    on_wait: Callable[[float], None] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for one unit of work.

    A reader (``read_only``) gets the newest published snapshot and never waits for a writer;
    a reader of a store that does not exist yet gets an empty in-memory store with the schema.
    A snapshot that is damaged (its pointer unreadable, its file missing or its blocks
    corrupt) is set aside: the reader gets the main store read-only, else an earlier
    snapshot. A damage found only by the caller's query raises :class:`DamagedSnapshot`
    (:func:`read` reads again). A writer gets the store itself, retried while another writer
    holds it (up to ``wait`` seconds, calling ``on_wait(seconds waited)`` meanwhile), and on
    leaving without an error publishes what it committed (unless ``publish`` is False).
    """
    path = db_path(path)
    source = None
    if read_only:
        con, source = _open_reader(path, wait)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        _writable_folder(path)
        con = _open_writer(path, wait, on_wait)
    con.execute("SET enable_progress_bar = false")
    try:
        yield con
        if publish and not read_only:
            publish_snapshot(con, path)
    except duckdb.Error as exc:
        if source is None or not is_damage(exc) or source == path:
            raise
        _damaged.add(_identity(source))
        raise DamagedSnapshot(
            "the published copy of the store is damaged and was set aside: read again (`python -m analysis refresh` publishes a new one)"
        ) from None
    finally:
        con.close()


def read(function, *args, db: str | Path | None = None, **kwargs):
    """``function(con, *args, **kwargs)`` on a reader; when the snapshot read turns out
    damaged, again on the main store or an earlier snapshot."""
    for attempt in range(SNAPSHOTS_KEPT + 1):
        try:
            with connect(db, read_only=True) as con:
                return function(con, *args, **kwargs)
        except DamagedSnapshot:
            if attempt == SNAPSHOTS_KEPT:
                raise


def is_damage(exc: BaseException) -> bool:
    """True for DuckDB's errors about a file's contents (a bad checksum, not a database, bytes
    missing), not for a busy lock or a query's own mistake."""
    text = str(exc).lower()
    if _busy(exc):
        return False
    return any(word in text for word in ("corrupt", "checksum", "not a valid duckdb", "could not read", "read enough")) or isinstance(
        exc, duckdb.InternalException
    )


def _busy(exc: BaseException) -> bool:
    """True for a lock another process holds ("Could not set lock on file … Conflicting lock"),
    or, in this process, the file open with another configuration; not for "in block at …"."""
    return isinstance(exc, duckdb.ConnectionException) or LOCK_WORD.search(str(exc)) is not None


LOCK_WORD = re.compile(r"\block\b", re.IGNORECASE)


def _identity(file: Path) -> tuple[str, int, int]:
    """A snapshot file as it is now (a renewed generation is another file)."""
    try:
        st = file.stat()
    except OSError:
        return (str(file), 0, 0)
    return (str(file), st.st_ino, st.st_mtime_ns)


def _writable_folder(path: Path) -> None:
    """Refuse a writer in a folder that cannot be written (DuckDB would fail part way)."""
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise ReportError(f"the store's folder cannot be written (read-only): {folder.name or folder}")
    if path.exists() and not os.access(path, os.W_OK):
        raise ReportError(f"the store file cannot be written (read-only): {path.name}")


def _open_writer(path: Path, wait: float, on_wait: Callable[[float], None] | None = None) -> duckdb.DuckDBPyConnection:
    fresh = not path.exists()
    con = _open(path, False, wait, on_wait)
    if fresh or not has_tables(con, *DATA_TABLES, *DERIVED_TABLES, "reports", "meta", "corrections", "report_corrections"):
        con.execute(SCHEMA + DERIVED_SCHEMA)
    con.execute("ALTER TABLE reports ADD COLUMN IF NOT EXISTS original VARCHAR")  # stores made before it
    con.execute("ALTER TABLE items ADD COLUMN IF NOT EXISTS item_key VARCHAR")  # (problems.build computes missing keys)
    if not indicators_current(con):
        reextract_indicators(con)
    if not areas_current(con):
        retag_achievements(con)
    if not summary.available(con) and not con.execute("SELECT count(*) FROM reports").fetchone()[0]:
        summary.rebuild(con)  # an empty store's summary is complete; an older full store's is built by refresh
    return con


def _open_reader(path: Path, wait: float, *, migrate: bool = True) -> tuple[duckdb.DuckDBPyConnection, Path | None]:
    """The newest published snapshot, read-only, and the file opened (None: an empty store in
    memory). A store never published (written by an older version, or copied without its
    snapshots) is published first when it can be, else read in place; a damaged snapshot or
    pointer sends the reader to :func:`_fallback`."""
    for _ in range(3):  # a pointer read just before two publications names a pruned file
        snapshot = current_snapshot(path)
        if snapshot is None or _identity(snapshot) in _damaged:
            break
        try:
            con = _open_snapshot(snapshot)
            if not migrate or (indicators_current(con) and areas_current(con)):
                return con, snapshot
            con.close()  # published by an older version: the writer brings its indicators and areas up to date
            if _try_publish(path):
                return _open_reader(path, wait, migrate=False)
            return _open_snapshot(snapshot), snapshot
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if is_damage(exc):
                _damaged.add(_identity(snapshot))
                break
            time.sleep(0.01)
        except duckdb.Error as exc:
            if not is_damage(exc):
                raise
            _damaged.add(_identity(snapshot))
            break
    if not path.exists():
        con = duckdb.connect(":memory:", config=CONFIG)
        con.execute(SCHEMA + DERIVED_SCHEMA)
        summary.rebuild(con)
        return con, None
    if not (snapshot_dir(path) / "CURRENT").exists() and _try_publish(path):  # never published
        return _open_reader(path, wait, migrate=False)
    return _fallback(path, wait)


def _open_snapshot(snapshot: Path) -> duckdb.DuckDBPyConnection:
    global _opened_snapshots
    con = duckdb.connect(str(snapshot), read_only=True, config=CONFIG)
    _opened_snapshots = True
    return con


def _fallback(path: Path, wait: float) -> tuple[duckdb.DuckDBPyConnection, Path | None]:
    """When the current snapshot cannot be read: the main store read-only if no writer holds
    it, else the newest earlier snapshot that opens, else the main store once the writer is
    done. Readers never repair: the next write or ``refresh`` publishes a new snapshot."""
    try:
        return _open(path, True, 0.0), path
    except ReportError:
        pass
    folder = snapshot_dir(path)
    names = sorted((n for n in _listdir(folder) if GENERATION.match(n)), reverse=True)
    for name in names:
        file = folder / name
        if _identity(file) in _damaged:
            continue
        try:
            return _open_snapshot(file), file
        except duckdb.Error as exc:
            if is_damage(exc):
                _damaged.add(_identity(file))
    return _open(path, True, wait), path


def _listdir(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _try_publish(path: Path) -> bool:
    """Publish a never-published store if its lock is free and its folder writable."""
    try:
        with connect(path, wait=0.0):
            pass
    except (ReportError, OSError, duckdb.Error):
        return False
    return current_snapshot(path) is not None


def snapshot_dir(path: str | Path | None = None) -> Path:
    path = db_path(path)
    return path.with_name(path.name + ".snapshots")


def published_key(path: str | Path | None = None) -> str | None:
    """The pointer of the newest snapshot: "g00000012.duckdb <published state>" (:func:`published_state`),
    or None when nothing was published or the pointer is damaged (not UTF-8, not naming a
    generation). Cheap: one small file read, no database opened."""
    try:
        text = (snapshot_dir(path) / "CURRENT").read_bytes().decode("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if GENERATION.match(text.split(" ", 1)[0]) else None


def snapshot_damaged(path: str | Path | None = None) -> bool:
    """True when readers cannot use the published snapshot: its pointer is there but damaged or
    names a missing file, or this process found the snapshot's blocks damaged."""
    if not (snapshot_dir(path) / "CURRENT").exists():
        return False
    snapshot = current_snapshot(path)
    return snapshot is None or _identity(snapshot) in _damaged


def current_snapshot(path: str | Path | None = None) -> Path | None:
    key = published_key(path)
    if not key:
        return None
    found = snapshot_dir(path) / key.split(" ", 1)[0]
    return found if found.is_file() else None


def published_state(con: duckdb.DuckDBPyConnection) -> str:
    """What a snapshot holds: the store version and every meta entry (derived tables, summary,
    stored views), so that any of them changing makes the writer publish."""
    meta = con.execute("SELECT string_agg(key || '=' || value, ';' ORDER BY key) FROM meta WHERE key <> 'version'").fetchall()[0][0]
    return f"{version(con)}|{meta or ''}"


def publish_snapshot(con: duckdb.DuckDBPyConnection, path: str | Path | None = None, *, force: bool = False) -> bool:
    """Checkpoint the store and publish a copy for readers, unless the current snapshot already
    holds this state (``force``: publish all the same, over a damaged snapshot). The writer
    holds the lock, so the checkpointed file is consistent; readers switch to the new file when
    they next connect. Returns True when published. A failure (a full disk, a read-only
    folder) raises :class:`NotPublished`: what was committed stays stored, the readers keep
    the previous snapshot, and the next write or ``refresh`` publishes."""
    path = db_path(path)
    state = published_state(con)
    current = published_key(path)
    if not force and current and current.split(" ", 1)[-1] == state and current_snapshot(path) is not None:
        return False
    try:
        con.execute("CHECKPOINT")
        _publish_file(path, state)
    except (OSError, duckdb.Error) as exc:
        reason = failure_reason(exc)
        raise NotPublished(
            f"the changes are stored, but the copy readers see could not be written ({reason}): "
            "free some disk space, then run `python -m analysis refresh`"
        ) from exc
    return True


def failure_reason(exc: BaseException) -> str:
    """Why a write failed, in a few words without file paths: the system's reason ("No space
    left on device", "Read-only file system"), else the first line of DuckDB's."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc)
    for known in ("No space left on device", "Read-only file system", "Permission denied"):
        if known.lower() in text.lower():
            return known
    return QUOTED_PATH.sub("the file", text.splitlines()[0] if text else type(exc).__name__)


# a path in DuckDB's messages: Could not write file "/srv/data/reports.duckdb": …
QUOTED_PATH = re.compile(r'"/[^"]*"')


def _publish_file(path: Path, state: str) -> None:
    folder = snapshot_dir(path)
    folder.mkdir(exist_ok=True)
    generations = sorted(int(m.group(1)) for m in map(GENERATION.match, os.listdir(folder)) if m)
    name = f"g{(generations[-1] + 1 if generations else 1):08d}.duckdb"
    tmp = folder / f".{name}.tmp"
    try:
        if not _renew_oldest(path, folder, tmp):
            _clone_file(path, tmp)
        os.replace(tmp, folder / name)
        pointer = folder / ".CURRENT.tmp"
        with open(pointer, "w", encoding="utf-8") as fh:
            fh.write(f"{name} {state}\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(pointer, folder / "CURRENT")
    finally:
        for left in (tmp, folder / ".CURRENT.tmp"):
            left.unlink(missing_ok=True)
    _prune(folder, keep=name)


def snapshot_intact(con: duckdb.DuckDBPyConnection, path: str | Path | None = None) -> bool:
    """True when the current snapshot is a faithful copy of the store (byte for byte after a
    checkpoint, as every publication leaves it); False when it is missing or damaged, or the
    store changed since (then publishing again is due anyway). Reads both files: for
    ``refresh``, not for every write."""
    path = db_path(path)
    snapshot = current_snapshot(path)
    if snapshot is None:
        return False
    con.execute("CHECKPOINT")
    with open(path, "rb", buffering=0) as a, open(snapshot, "rb", buffering=0) as b:
        while True:
            x, y = a.read(SYNC_CHUNK), b.read(SYNC_CHUNK)
            if x != y:
                return False
            if not x:
                return True


def _clone_file(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst``: a copy-on-write clone where the file system has them (btrfs,
    XFS: instant at any size), else a kernel-side copy (sendfile); flushed to disk before the
    copy is named, so a crash never leaves a published snapshot half-written."""
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        try:
            fcntl.ioctl(fout.fileno(), FICLONE, fin.fileno())
            cloned = True
        except OSError:
            cloned = False
    if not cloned:
        shutil.copyfile(src, dst)
    with open(dst, "rb+") as out:
        os.fsync(out.fileno())


def _renew_oldest(src: Path, folder: Path, tmp: Path) -> bool:
    """Turn the oldest kept snapshot into ``tmp``, a copy of ``src``, writing only the blocks
    that differ (after an upload a few megabytes of a 1.2 GB store, where a copy writes and
    flushes all of it). Only when no reader has that snapshot open: DuckDB readers hold a
    shared lock on their file, so the exclusive lock taken here fails while one does (and a
    reader that tries to open it meanwhile retries with the current pointer). A process that
    has opened snapshots itself never does this (its own locks would not conflict). Returns
    False, having changed nothing, when the snapshot cannot be renewed: the caller copies."""
    if _opened_snapshots:
        return False
    names = sorted(n for n in os.listdir(folder) if GENERATION.match(n))
    current = (published_key(src) or "").split(" ", 1)[0]
    if len(names) < SNAPSHOTS_KEPT or names[0] == current:  # never the snapshot readers are sent to
        return False
    oldest = folder / names[0]
    try:
        fd = os.open(oldest, os.O_RDWR)
    except OSError:
        return False
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a reader has it open
        os.replace(oldest, tmp)  # no reader finds it under this name; a crash leaves a .tmp, pruned later
        _sync_blocks(src, fd)
        os.fsync(fd)
        return True
    finally:
        os.close(fd)  # releases the lock


SYNC_CHUNK = 1 << 22  # compared at a time
SYNC_BLOCK = 1 << 18  # written when it differs (DuckDB's block size)


def _sync_blocks(src: Path, fd: int) -> int:
    """Make the file open as ``fd`` equal to ``src`` by writing the blocks that differ and
    setting its length; returns the bytes written."""
    written = offset = 0
    with open(src, "rb", buffering=0) as fin:
        while chunk := fin.read(SYNC_CHUNK):
            old = os.pread(fd, len(chunk), offset)
            if chunk != old:
                new_view, old_view = memoryview(chunk), memoryview(old)
                for at in range(0, len(chunk), SYNC_BLOCK):
                    block = new_view[at : at + SYNC_BLOCK]
                    if block != old_view[at : at + SYNC_BLOCK]:
                        written += os.pwrite(fd, block, offset + at)
            offset += len(chunk)
    os.ftruncate(fd, offset)
    return written


def _prune(folder: Path, *, keep: str) -> None:
    """Remove all but the newest published generations (a reader that has one open keeps it
    until it closes) and temporary files of interrupted publications."""
    names = sorted(n for n in os.listdir(folder) if GENERATION.match(n))
    stale = names[:-SNAPSHOTS_KEPT] + [n for n in os.listdir(folder) if n.endswith(".tmp") and n != f".{keep}.tmp"]
    for name in stale:
        try:
            os.unlink(folder / name)
        except FileNotFoundError:
            pass


INDICATOR_RULES_KEY = "indicator_rules"
AREA_RULES_KEY = "area_rules"
AREA_RULES_FILES = (areas.AREA_CUES_FILE, areas.THEMES_FILE)


def _fingerprint(version: object, files: tuple[Path, ...]) -> str:
    """``version``, then a digest of ``files`` — read again only when one's modification time or size changes."""
    return _digest(version, files, tuple((f.stat().st_mtime_ns, f.stat().st_size) for f in files))


@lru_cache(maxsize=8)
def _digest(version: object, files: tuple[Path, ...], _stats: tuple) -> str:
    return f"{version}:" + hashlib.sha256(b"\x00".join(f.read_bytes() for f in files)).hexdigest()[:16]


def _current(con: duckdb.DuckDBPyConnection, key: str, fingerprint: str) -> bool:
    """Whether the store's meta ``key`` holds ``fingerprint`` (no meta table: nothing stored to read again)."""
    try:
        return get_meta(con, key) == fingerprint
    except duckdb.CatalogException:
        return True


def indicator_rules() -> str:
    """A fingerprint of how indicators are read: the extraction code's rules version and data/metrics.csv."""
    return _fingerprint(INDICATOR_VERSION, (DATA_DIR / "metrics.csv",))


def indicators_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the stored indicators were read with today's rules (the key is written with
    the role column, see :func:`reextract_indicators`). One small query: every reader asks."""
    return _current(con, INDICATOR_RULES_KEY, indicator_rules())


def area_rules() -> str:
    """A fingerprint of how achievement paragraphs are put to the assessed areas: the code's version
    (:data:`analysis.parse.areas.AREAS_VERSION`), data/area_cues.csv and data/themes.csv."""
    return _fingerprint(areas.AREAS_VERSION, AREA_RULES_FILES)


def areas_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the stored achievement paragraphs were put to their areas with today's cues (the key
    is written by :func:`retag_achievements`)."""
    return _current(con, AREA_RULES_KEY, area_rules())


def retag_achievements(con: duckdb.DuckDBPyConnection) -> int:
    """Put every stored achievement paragraph to its areas again (a store made before data/area_cues.csv
    or data/themes.csv changed; the 全面依法 coverage reads them); returns the paragraphs read. A
    paragraph of a 第一责任人 section is about the duty, as at ingest."""
    rows = con.execute(
        """SELECT i.report_id, i.ord, i.text,
                  EXISTS (SELECT 1 FROM sections s WHERE s.report_id = i.report_id AND s.kind = 'duty' AND contains(s.text, i.text)) AS duty
           FROM items i WHERE i.kind = 'achievement' ORDER BY i.report_id, i.ord"""
    ).fetchall()
    rules = areas.cues()
    table = pa.Table.from_pydict(
        {
            "report_id": [r[0] for r in rows],
            "ord": [r[1] for r in rows],
            "themes": [areas.paragraph_themes(r[2] or "", duty=bool(r[3]), rules=rules) for r in rows],
        },
        schema=pa.schema([("report_id", pa.int32()), ("ord", pa.int32()), ("themes", pa.list_(pa.string()))]),
    )
    with transaction(con):
        con.register("_themes", table)
        con.execute(
            """UPDATE items SET themes = t.themes FROM _themes t
               WHERE items.kind = 'achievement' AND items.report_id = t.report_id AND items.ord = t.ord"""
        )
        con.unregister("_themes")
        set_meta(con, AREA_RULES_KEY, area_rules())
    return table.num_rows


def reextract_indicators(con: duckdb.DuckDBPyConnection) -> int:
    """Read every stored report's indicators again from its stored sections (a store made
    before roles, or before data/metrics.csv changed); returns the indicators stored."""
    con.execute("ALTER TABLE indicators ADD COLUMN IF NOT EXISTS role VARCHAR")
    con.execute("ALTER TABLE indicators ADD COLUMN IF NOT EXISTS kind VARCHAR")
    sections = con.execute("SELECT report_id, ord, kind, text FROM sections ORDER BY report_id, ord").fetchall()
    rows: dict[str, list] = {f.name: [] for f in SCHEMAS["indicators"]}
    ords: dict[int, int] = {}
    for report_id, ord_, kind, text in sections:
        for ind in extract_indicators(text or "", section=ord_, section_kind=kind or "achievements"):
            n = ords.get(report_id, 0)
            ords[report_id] = n + 1
            for name, value in zip(
                rows, (report_id, n, ord_, float(ind.value), ind.unit, ind.approx, ind.metric, ind.evidence, ind.role, ind.kind)
            ):
                rows[name].append(value)
    table = pa.Table.from_pydict(rows, schema=SCHEMAS["indicators"])
    with transaction(con):
        con.execute("DELETE FROM indicators")
        con.register("_rows", table)
        con.execute("INSERT INTO indicators SELECT * FROM _rows")
        con.unregister("_rows")
        set_meta(con, INDICATOR_RULES_KEY, indicator_rules())
    if summary.available(con):
        summary.rebuild(con)  # its indicator counts
    return table.num_rows


def has_tables(con: duckdb.DuckDBPyConnection, *names: str) -> bool:
    """True when the store has all these tables."""
    present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    return set(names) <= present


def _open(path: Path, read_only: bool, wait: float, on_wait: Callable[[float], None] | None = None) -> duckdb.DuckDBPyConnection:
    """The store file, retried with back-off while another writer holds it (at most ``wait``
    seconds; ``on_wait(seconds waited)`` is called between tries)."""
    started = time.monotonic()
    deadline = started + wait
    delay = 0.02
    waited = False
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=CONFIG)
            if waited:
                _unmark_waiting(path)
            return con
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            # IOException: another process holds the lock; ConnectionException: this process
            # has the file open with another configuration (a writer while a reader opens it)
            if failure_reason(exc) == "No space left on device":  # a new store, or its WAL, on a full disk
                raise ReportError(
                    f"the store's disk is full (No space left on device): free some disk space, then try again ({path.name})"
                ) from exc
            if not _busy(exc):
                raise ReportError(f"{path} is not a DuckDB store, or it is damaged ({str(exc).splitlines()[0]})") from exc
            if time.monotonic() > deadline:
                raise ReportError(f"the store {path} is busy or unreadable ({str(exc).splitlines()[0]}): try again shortly") from exc
            if on_wait:
                on_wait(time.monotonic() - started)
            waited = _mark_waiting(path) or waited
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


WAITING_FRESH_SECONDS = 5.0  # a waiting process touches its mark at every try, at least every 0.25 s


def waiting_mark(path: str | Path | None = None) -> Path:
    """The file a process waiting for the store's lock touches (``reports.duckdb.waiting``): a
    bulk writer lets go of the store between its groups only when one is waiting
    (:func:`writer_waiting`)."""
    path = db_path(path)
    return path.with_name(path.name + ".waiting")


def writer_waiting(path: str | Path | None = None) -> bool:
    """Whether a process has tried to open the store while another held it, in the last
    :data:`WAITING_FRESH_SECONDS` (a mark left by a process that gave up or died goes stale)."""
    try:
        return time.time() - waiting_mark(path).stat().st_mtime < WAITING_FRESH_SECONDS
    except OSError:
        return False


def _mark_waiting(path: Path) -> bool:
    """Say that this process waits for the store (True when the mark could be written)."""
    try:
        waiting_mark(path).touch()
        return True
    except OSError:  # a folder this process cannot write: it waits for the writer's end
        return False


def _unmark_waiting(path: Path) -> None:
    """This process has the store: its mark goes (another waiter marks again at its next try)."""
    try:
        waiting_mark(path).unlink(missing_ok=True)
    except OSError:
        pass


def version(con: duckdb.DuckDBPyConnection) -> str:
    """A key that changes with every committed change: deletions bump a counter, and every
    new report has a new, higher id."""
    row = con.execute(
        "SELECT (SELECT value FROM meta WHERE key = 'version'), (SELECT count(*) FROM reports), (SELECT coalesce(max(id), 0) FROM reports)"
    ).fetchone()
    return ":".join(str(v) for v in row)


def next_id(con: duckdb.DuckDBPyConnection) -> int:
    """The id the next stored report gets (the writer holds the only write lock); reports in the
    回收站 keep theirs (:mod:`analysis.storage.trash`), so a restored report's id is still free."""
    trashed = "UNION ALL SELECT id FROM trash_reports" if has_tables(con, "trash_reports") else ""
    return int(con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM (SELECT id FROM reports {trashed})").fetchone()[0])


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def bump_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'version'")


def existing_keys(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], dict[tuple[str, int], tuple[int, str]]]:
    """(sha256 → file, (township, year) → (id, file)) of the stored reports."""
    rows = con.execute("SELECT id, sha256, file, township, year FROM reports").fetchall()
    shas = {sha: file for _, sha, file, _, _ in rows}
    slots = {(t, y): (i, f) for i, _, f, t, y in rows if t and y}
    return shas, slots


def write_reports(
    con: duckdb.DuckDBPyConnection,
    parts: list[tuple[dict[str, pa.Table], np.ndarray]],
    *,
    replace_ids: list[int] = (),
    fix: Callable[[duckdb.DuckDBPyConnection, list[int]], bool] | None = None,
) -> None:
    """Store reports in one transaction: all or none.

    ``parts`` are (tables, id map) pairs as made by :func:`pack`: each table's first column
    holds the report's position in its pack, and ``id map[position]`` is the id to store it
    under, or -1 to leave it out. ``replace_ids`` are deleted in the same transaction.
    ``fix(con, ids)`` may change the written reports' rows before the summary counts them (it
    returns True when it did). One
    INSERT per table for the whole group keeps DuckDB's per-statement cost (about a
    millisecond) off the per-file path.
    """
    with transaction(con):
        if replace_ids:
            delete_reports(con, list(replace_ids), in_transaction=True)
        written = {name: pa.concat_tables([_with_ids(tables[name], id_map) for tables, id_map in parts]) for name in ROW_TABLES}
        for name, table in written.items():
            if table.num_rows:
                con.register("_rows", table)
                con.execute(f"INSERT INTO {name} SELECT * FROM _rows")
                con.unregister("_rows")
        ids = written["reports"].column(0).to_pylist()
        if fix is not None and fix(con, ids):
            written["reports"] = con.sql(f"SELECT * FROM reports WHERE id IN ({', '.join(map(str, ids))}) ORDER BY id").to_arrow_table()
        summary.add(con, written)


def _with_ids(table: pa.Table, id_map: np.ndarray) -> pa.Table:
    """``table`` with its positions turned into ids, the rows of positions left out (-1) dropped.
    A pack whose files are all stored (the usual case in bulk) is not filtered: filtering copies
    every column, and the writer did so for each of its tables (some 2-5 % of its work)."""
    ids = id_map[table.column(0).to_numpy()]
    keep = ids >= 0
    if not keep.all():
        table, ids = table.filter(pa.array(keep)), ids[keep]
    return table.set_column(0, table.schema.field(0), pa.array(ids, pa.int32()))


def pack(rows: list[dict[str, tuple[int, list[list]]] | None]) -> dict[str, pa.Table]:
    """One arrow table per store table for several reports' :func:`row_tables` (None for a
    refused file); the first column is each report's position in ``rows``."""
    positions = np.array([i for i, r in enumerate(rows) if r is not None], dtype=np.int32)
    present = [r for r in rows if r is not None]
    return {name: _group_table(name, positions, [r[name] for r in present]) for name in ROW_TABLES}


ROW_TABLES = ("reports", "sections", "items", "indicators", "terms")
# arrow types of each table's columns, in table order; the first column is the report id
SCHEMAS: dict[str, pa.Schema] = {
    "reports": pa.schema(
        [
            ("id", pa.int32()),
            ("sha256", pa.string()),
            ("file", pa.string()),
            ("title", pa.string()),
            ("township", pa.string()),
            ("county", pa.string()),
            ("city", pa.string()),
            ("province", pa.string()),
            ("year", pa.int32()),
            ("issued", pa.date32()),
            ("issuers", pa.list_(pa.string())),
            ("addressee", pa.string()),
            ("warnings", pa.list_(pa.string())),
            ("format", pa.string()),
            ("encoding", pa.string()),
            ("chars", pa.int32()),
            ("tokens", pa.int32()),
            ("preamble", pa.string()),
            ("ingested_at", pa.timestamp("us")),
            ("original", pa.string()),
        ]
    ),
    "sections": pa.schema(
        [
            ("report_id", pa.int32()),
            ("ord", pa.int32()),
            ("heading", pa.string()),
            ("kind", pa.string()),
            ("text", pa.string()),
            ("chars", pa.int32()),
            ("tokens", pa.int32()),
            ("sent_hashes", pa.list_(pa.int64())),
            ("sent_chars", pa.list_(pa.int32())),
        ]
    ),
    "items": pa.schema(
        [
            ("report_id", pa.int32()),
            ("kind", pa.string()),
            ("ord", pa.int32()),
            ("text", pa.string()),
            ("themes", pa.list_(pa.string())),
            ("concepts", pa.list_(pa.int32())),
            ("item_key", pa.string()),
        ]
    ),
    "indicators": pa.schema(
        [
            ("report_id", pa.int32()),
            ("ord", pa.int32()),
            ("section", pa.int32()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("approx", pa.bool_()),
            ("metric", pa.string()),
            ("evidence", pa.string()),
            ("role", pa.string()),
            ("kind", pa.string()),
        ]
    ),
    "terms": pa.schema([("report_id", pa.int32()), ("section", pa.int32()), ("term", pa.string()), ("n", pa.int32())]),
}


def row_tables(p) -> dict[str, tuple[int, list[list]]]:
    """The rows one parsed report adds to each table, as (row count, column lists without the
    report id). Plain lists are cheap to send from a worker process; the writer builds one arrow
    table per group (see :func:`write_reports`)."""
    r: ParsedReport = p.report
    heads = [("", "preamble", r.preamble)] + [(s.heading, s.kind, s.text) for s in r.sections]
    ind = r.indicators
    term_sections, terms, term_counts = [], [], []
    for s in p.sections:
        term_sections += [s.ord] * len(s.terms)
        terms += s.terms.keys()
        term_counts += s.terms.values()
    report = [
        [r.sha256],
        [r.file],
        [r.title],
        [r.township],
        [r.county],
        [r.city],
        [r.province],
        [r.year],
        [dt.date.fromisoformat(r.issued) if r.issued else None],
        [r.issuers],
        [r.addressee],
        [r.warnings],
        [r.format],
        [r.encoding],
        [len(r.text)],
        [sum(s.tokens for s in p.sections)],
        [r.preamble],
        [dt.datetime.now()],
        [r.original],
    ]
    return {
        "reports": (1, report),
        "sections": (
            len(heads),
            [
                list(range(len(heads))),
                [h for h, _, _ in heads],
                [k for _, k, _ in heads],
                [t for _, _, t in heads],
                [len(t) for _, _, t in heads],
                [s.tokens for s in p.sections],
                [s.hashes for s in p.sections],
                [s.hash_chars for s in p.sections],
            ],
        ),
        "items": (
            len(p.items),
            [
                [i.kind for i in p.items],
                [i.ord for i in p.items],
                [i.text for i in p.items],
                [i.themes for i in p.items],
                [i.concepts for i in p.items],
                [item_key(r.township, r.year, i.text) if i.kind == "problem" else None for i in p.items],
            ],
        ),
        "indicators": (
            len(ind),
            [
                list(range(len(ind))),
                [i.section for i in ind],
                [float(i.value) for i in ind],
                [i.unit for i in ind],
                [i.approx for i in ind],
                [i.metric for i in ind],
                [i.evidence for i in ind],
                [i.role for i in ind],
                [i.kind for i in ind],
            ],
        ),
        "terms": (len(terms), [term_sections, terms, term_counts]),
    }


def _group_table(name: str, ids: np.ndarray, parts: list[tuple[int, list[list]]]) -> pa.Table:
    """One arrow table for a group of reports: their rows concatenated, report ids filled in."""
    schema = SCHEMAS[name]
    counts = [n for n, _ in parts]
    columns = [pa.array(np.repeat(ids, counts), pa.int32())]
    for c, field in enumerate(schema):
        if c == 0:
            continue
        columns.append(pa.array(list(chain.from_iterable(cols[c - 1] for _, cols in parts)), field.type))
    return pa.Table.from_arrays(columns, schema=schema)


def delete_reports(con: duckdb.DuckDBPyConnection, ids: list[int], *, in_transaction: bool = False) -> int:
    """Remove reports and everything derived from them; returns how many reports went."""
    if not ids:
        return 0
    if not in_transaction:  # one transaction of its own, undone whole if any delete fails
        with transaction(con):
            n = delete_reports(con, ids, in_transaction=True)
            bump_version(con)
        return n
    placeholders = ", ".join("?" * len(ids))
    summary.remove(con, ids)
    for table in DATA_TABLES:
        con.execute(f"DELETE FROM {table} WHERE report_id IN ({placeholders})", ids)
    n = con.execute(f"DELETE FROM reports WHERE id IN ({placeholders})", ids).fetchone()[0]
    return int(n)


def frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None, *, tables: dict | None = None) -> pd.DataFrame:
    """Run a query on a fresh cursor and return a DataFrame.

    ``tables`` (name → DataFrame) are visible to the query under those names.
    """
    cur = con.cursor()
    try:
        for name, table in (tables or {}).items():
            cur.register(name, table)
        return cur.execute(sql, params or []).df()
    finally:
        cur.close()
