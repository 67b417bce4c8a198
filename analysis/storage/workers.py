"""Parse workers: processes that parse files within a time and a memory limit, and the pool of
them that the CLI's ingest and the dashboard's uploads share.

The pool watches its workers rather than trusting them to answer. A worker that dies — killed
by the pool for its memory or its time, by a signal, or exiting — is noticed at once: the file it
was on is refused with the reason, the worker replaced, and the files it had not finished parsed
again. Every death refuses one file, so a batch always ends, and no file is lost.
"""

from __future__ import annotations

import errno
import gc
import multiprocessing as mp
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Literal

from analysis.errors import ReportError

SECONDS = 30.0  # a file's parse is stopped past this (a long report parses in under 2 s)
MEMORY_MB = 1024  # resident memory a parse may take beyond the warmed worker's own
SECONDS_SETTING = "REPORTS_PARSE_SECONDS"  # the environment may set both (an operator's setting)
MEMORY_SETTING = "REPORTS_PARSE_MEMORY_MB"
NICENESS = 10  # parse workers yield the processor to the dashboard's sessions (and the writer)
TICK = 0.05  # the pool looks at its workers' memory and time this often
GRACE_SECONDS = 2.0  # a worker past its file's time by this much (its alarm did not stop it) is killed
START_SECONDS = 60.0  # a worker's start (imports, the tokenizer) is waited for this long
ADDRESS_SPACE = 4  # the address-space backstop: this many times the memory limit beyond the worker's own
MEMORY_EXIT = 75  # a worker whose own memory ran out outside a file's parse exits with this
DISK_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)  # a full disk, a quota, a file-size limit
DISK_REASON = "磁盘空间不足，未能读取 / the disk is full: free some disk space, then import the file again"


@dataclass(frozen=True)
class Limits:
    """A file's time limit and a worker's memory limit (bytes of resident memory beyond its own)."""

    seconds: float = SECONDS
    memory: int = MEMORY_MB * 1024 * 1024


def limits() -> Limits:
    """The limits set in the environment (:data:`SECONDS_SETTING`, :data:`MEMORY_SETTING`), else
    the defaults."""
    return Limits(_setting(SECONDS_SETTING, SECONDS), int(_setting(MEMORY_SETTING, MEMORY_MB) * 1024 * 1024))


def _setting(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise ReportError(f"the setting {name} must be a positive number, not {raw!r}")
    return value


def timeout_reason(seconds: float) -> str:
    """Why a file whose parse ran over ``seconds`` was refused."""
    return (
        f"解析超时（超过 {seconds:g} 秒），已停止 / took over {seconds:g} s to read: not one report, or a damaged file "
        "(copy the report's text into a .txt file)"
    )


def memory_reason(memory: int | None = None) -> str:
    """Why a file whose parse ran over the memory limit (``memory`` bytes, if known) was refused."""
    if not memory:
        return "内存超限，解析已停止，不像一份报告 / ran out of memory while being read: not one report, or a damaged file"
    mb = f"{memory / 1024 / 1024:,.0f}"
    return f"内存超限（解析用了超过 {mb} MB），已停止，不像一份报告 / over the memory limit ({mb} MB) while being read: not one report, or a damaged file"


def died_reason(exitcode: int | None) -> str:
    """Why a file was refused when its worker ended by itself or was killed by someone else
    (not by the pool: the pool knows when it killed a worker for its memory or its time)."""
    if exitcode is None:
        return "解析进程未能启动，请重试 / the parse worker did not start: import the file again"
    if exitcode == MEMORY_EXIT:
        return memory_reason()
    if exitcode < 0:
        name = _signal_name(-exitcode)
        return f"解析进程意外退出（信号 {name}），请重试 / the parse worker was stopped (signal {name}): import the file again"
    return f"解析进程意外退出（退出码 {exitcode}），请重试 / the parse worker stopped (exit code {exitcode}): import the file again"


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


@dataclass(frozen=True)
class Job:
    """What a worker does, as module-level functions (a forkserver's worker gets them by name):
    ``one(item)`` parses one item; ``refuse(item, reason)`` is an item refused, in the same form;
    ``finish(results)`` turns a task's results into the bytes sent back; ``warm()`` loads what
    every parse needs before the memory is measured; ``check(item)``, run in the pool's own
    thread before any worker is asked, is the reason a cheap look refuses an item (else None)."""

    one: Callable[[Any], Any]
    refuse: Callable[[Any, str], Any]
    finish: Callable[[list], bytes]
    warm: Callable[[], None] | None = None
    check: Callable[[Any], str | None] | None = None


class ParseTimeout(BaseException):
    """A file's parse ran over its time limit (raised by the alarm in a worker; a BaseException,
    so the parser's own ``except Exception`` does not take it)."""


# ------------------------------------------------------------------ in a worker
def _worker(conn, progress, base, job: Job, lim: Limits) -> None:
    """A worker: it dies with its parent, yields the processor, warms, says what memory it holds
    (``base``), takes the address-space backstop, then runs tasks until its pipe closes. Before
    each item it writes (task number, item index) to ``progress``; the finish is index len(task)."""
    _die_with_parent()
    yield_processor()
    try:
        if job.warm:
            job.warm()
        base.value = resident(os.getpid()) or 1
        _limit_address_space(lim.memory)
        signal.signal(signal.SIGALRM, _raise_timeout)
        while True:
            try:
                number, items = conn.recv()
            except EOFError:
                return
            results = []
            for index, item in enumerate(items):
                progress[1] = index  # the index first: the parent reads the number, then the index
                progress[0] = number
                results.append(_one(job, item, lim))
            progress[1] = len(items)
            conn.send_bytes(job.finish(results))
    except MemoryError:  # its own memory outside a parse (a task's bytes, its results): the limit
        os._exit(MEMORY_EXIT)


def _one(job: Job, item, lim: Limits):
    signal.setitimer(signal.ITIMER_REAL, lim.seconds)
    try:
        return job.one(item)
    except ParseTimeout:
        return job.refuse(item, timeout_reason(lim.seconds))
    except MemoryError:
        return job.refuse(item, memory_reason(lim.memory))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _raise_timeout(signum, frame) -> None:
    raise ParseTimeout


def resident(pid: int) -> int:
    """Resident memory of a process in bytes (0 when it is gone or not on Linux)."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_address_space(memory: int) -> None:
    """A backstop for a burst of allocation between two of the pool's looks: past
    :data:`ADDRESS_SPACE` times the limit a parse gets MemoryError (the file is refused)."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        cap = size + ADDRESS_SPACE * memory
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, OSError, ValueError):  # not Linux: the pool's own watch still applies
        pass


def yield_processor() -> None:
    """This process (and what it forks from now on) at :data:`NICENESS`, not lower than it
    already is: parsing yields the processor to the dashboard's sessions."""
    try:
        os.setpriority(os.PRIO_PROCESS, 0, max(os.getpriority(os.PRIO_PROCESS, 0), NICENESS))
    except (AttributeError, OSError):  # not Unix
        pass


def _die_with_parent() -> None:
    """Ask Linux to kill this process when the process that started it dies (a killed ingest
    otherwise leaves its workers running until they notice)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pool's own clean-up applies
        pass


def start_fork_server(preload: list[str]) -> bool:
    """Start, if it is not running, the fork server that :class:`ParsePool` (``forkserver``)
    starts its workers from, importing ``preload`` once: started ahead (when a file is chosen
    for upload) the first upload does not wait for it. Returns once it is started, not warmed
    (its first worker waits for that). False where there is no fork server (not Unix)."""
    if "forkserver" not in mp.get_all_start_methods():
        return False
    from multiprocessing import forkserver

    mp.get_context("forkserver").set_forkserver_preload(preload)
    forkserver.ensure_running()
    return True


# ------------------------------------------------------------------ the pool
@dataclass
class _Slot:
    """One task's place in the output order: its result bytes, or the slots it was cut into
    when its worker died (the files before, the refused one, the files after)."""

    items: list
    number: int = 0
    result: bytes | None = None
    parts: list[_Slot] | None = None
    retried: bool = False  # its worker died once before starting it: the next such death refuses

    def done(self) -> bool:
        return self.result is not None or (self.parts is not None and all(p.done() for p in self.parts))

    def pieces(self) -> Iterator[bytes]:
        if self.parts is None:
            yield self.result
        else:
            for part in self.parts:
                yield from part.pieces()


@dataclass
class _Worker:
    proc: Any
    conn: Any
    progress: Any  # (task number, item index) the worker is on; the index is len(task) in its finish
    base: Any  # its resident memory once warmed (0 until then)
    slot: _Slot | None = None
    sent: bool = False  # its slot's task is sent (once it is ready)
    seen: tuple = ()  # the progress last seen, and since when
    since: float = 0.0


END = object()  # after a task's last piece


class ParsePool:
    """Worker processes running a :class:`Job` within :class:`Limits`; :meth:`map` yields each
    task's result bytes in input order (a task cut by a worker's death yields several pieces,
    still in order). A thread of the pool hands out tasks and watches the workers, so they keep
    working while the caller uses a result. Use as a context manager; ``method`` is ``fork``
    (the CLI: the warmed parent shared copy-on-write) or ``forkserver`` (a threaded server must
    never fork; ``preload`` names modules its fork server imports once, so workers start warm)."""

    def __init__(
        self,
        job: Job,
        *,
        workers: int = 1,
        lim: Limits | None = None,
        method: Literal["fork", "forkserver", "spawn"] = "fork",
        preload: list[str] | None = None,
    ):
        self.job, self.size, self.lim = job, max(1, workers), lim or limits()
        self.ctx = mp.get_context(method)
        if preload and method == "forkserver":  # modules the fork server imports once, when it starts
            self.ctx.set_forkserver_preload(preload)
        self.workers: list[_Worker] = []
        self._numbers = iter(range(1, 1 << 62))

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """End every worker (killed: one may be stuck in a parse)."""
        for w in self.workers:
            _end(w)
        self.workers = []

    def map(self, tasks: Iterable[list], *, ahead: int = 2) -> Iterator[bytes]:
        """Each task's result bytes in order; at most ``ahead`` tasks per worker are taken from
        ``tasks`` and not yet yielded (a slow caller holds the workers back)."""
        out: queue.Queue = queue.Queue()
        room = threading.Semaphore(ahead * self.size)
        stop = threading.Event()
        thread = threading.Thread(target=self._supervise, args=(iter(tasks), out, room, stop), name="parse-pool", daemon=True)
        thread.start()
        try:
            while True:
                piece = out.get()
                if piece is None:
                    return
                if isinstance(piece, BaseException):
                    raise piece
                if piece is END:
                    room.release()
                else:
                    yield piece
        finally:
            stop.set()
            thread.join()
            self.close()

    def _supervise(self, source: Iterator[list], out: queue.Queue, room: threading.Semaphore, stop: threading.Event) -> None:
        """The pool's thread: takes tasks while there is room, hands them to workers, watches
        them, and puts finished tasks' pieces on ``out`` in order (None at the end, or the error)."""
        order: deque[_Slot] = deque()
        waiting: deque[_Slot] = deque()  # slots waiting for a worker, in order
        exhausted = False
        try:
            while not stop.is_set():
                while not exhausted and room.acquire(blocking=False):
                    items = next(source, None)
                    if items is None:
                        exhausted = True
                        room.release()
                    else:
                        order.append(_Slot(list(items)))
                        if not items:
                            order[-1].result = self.job.finish([])
                        else:
                            self._queue(order[-1], waiting)
                while order and order[0].done():
                    for piece in order.popleft().pieces():
                        out.put(piece)
                    out.put(END)
                if exhausted and not order:
                    break
                self._dispatch(waiting)
                self._watch(waiting)
            out.put(None)
        except BaseException as exc:  # the caller raises it (a worker that cannot start: a full disk)
            out.put(exc)

    def _queue(self, slot: _Slot, waiting: deque[_Slot]) -> None:
        """A new task waits for a worker; the items the job's cheap check refuses are answered
        here at once, without one (the others wait each alone)."""
        reasons = [self.job.check(item) for item in slot.items] if self.job.check else []
        if not any(reasons):
            waiting.append(slot)
            return
        slot.parts = [
            _Slot([], result=self.job.finish([self.job.refuse(item, reason)])) if reason else _Slot([item])
            for item, reason in zip(slot.items, reasons)
        ]
        waiting.extend(p for p in slot.parts if p.result is None)

    def _dispatch(self, waiting: deque[_Slot]) -> None:
        for w in [w for w in self.workers if w.slot is None and w.proc.exitcode is not None]:
            _end(w)  # it ended while idle
            self.workers.remove(w)
        while waiting:
            idle = next((w for w in self.workers if w.slot is None), None)
            if idle is None and len(self.workers) < self.size:
                try:
                    idle = self._start()
                except OSError as exc:  # no worker can start (a full disk): the task's files refused
                    slot = waiting.popleft()
                    reason = DISK_REASON if exc.errno in DISK_ERRORS else died_reason(None)
                    slot.result = self.job.finish([self.job.refuse(item, reason) for item in slot.items])
                    continue
            if idle is None:
                return
            slot = waiting.popleft()
            slot.number = next(self._numbers)
            idle.slot, idle.sent, idle.seen, idle.since = slot, False, (), time.monotonic()
            _send(idle)

    def _start(self) -> _Worker:
        conn, child = self.ctx.Pipe()
        progress, base = self.ctx.RawArray("q", [0, -1]), self.ctx.RawValue("q", 0)
        proc = self.ctx.Process(target=_worker, args=(child, progress, base, self.job, self.lim), daemon=True)
        frozen = self.ctx.get_start_method() == "fork"
        if frozen:  # what is loaded so far stays out of the workers' collections (no copied pages)
            gc.freeze()
        try:
            proc.start()
        finally:
            if frozen:
                gc.unfreeze()
            child.close()
        self.workers.append(_Worker(proc, conn, progress, base))
        return self.workers[-1]

    def _watch(self, waiting: deque[_Slot]) -> None:
        """Wait a tick for a result or a death; then kill a busy worker over its memory or time."""
        busy = [w for w in self.workers if w.slot is not None]
        if not busy:  # every task handed out is done: the caller has not taken them yet
            time.sleep(TICK)
            return
        ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], TICK))
        for w in busy:
            if w.conn in ready or w.proc.sentinel in ready:
                self._collect(w, waiting)
        now = time.monotonic()
        for w in [w for w in self.workers if w.slot is not None]:
            _send(w)
            why = self._over(w, now)
            if why:
                w.proc.kill()
                w.proc.join()
                self._died(w, waiting, why)

    def _collect(self, w: _Worker, waiting: deque[_Slot]) -> None:
        try:
            if w.conn.poll():
                result = w.conn.recv_bytes()
                if self._over_memory(w):
                    # the task went over the limit between two looks and finished: its file is refused as over the
                    # limit (a task of several files is tried again file by file), not the worker's next file
                    w.proc.kill()
                    w.proc.join()
                    self._died(w, waiting, memory_reason(self.lim.memory))
                    return
                w.slot.result, w.slot = result, None
                return
        except (EOFError, OSError):
            pass
        w.proc.join(5)
        if w.proc.exitcode is None:  # its pipe broke but it lives on
            w.proc.kill()
            w.proc.join()
        self._died(w, waiting, None)

    def _over_memory(self, w: _Worker) -> bool:
        """Whether the worker holds more than the limit beyond its own size once warmed."""
        return bool(w.base.value) and resident(w.proc.pid) - w.base.value > self.lim.memory

    def _over(self, w: _Worker, now: float) -> str | None:
        """The reason to kill a busy worker now, if any: past its memory or its time."""
        seen = (w.progress[0], w.progress[1])
        if seen != w.seen:
            w.seen, w.since = seen, now
        if self._over_memory(w):
            return memory_reason(self.lim.memory)
        started = seen[0] == w.slot.number
        if now - w.since > (self.lim.seconds + GRACE_SECONDS if started else START_SECONDS):
            return timeout_reason(self.lim.seconds) if started else died_reason(None)
        return None

    def _died(self, w: _Worker, waiting: deque[_Slot], why: str | None) -> None:
        """A busy worker ended: the file it was on refused with ``why`` (else what its exit
        says), the rest of its task queued again first, the worker let go (another starts)."""
        slot, number, index = w.slot, w.progress[0], w.progress[1]
        reason = why or died_reason(w.proc.exitcode)
        _end(w)
        self.workers.remove(w)
        if number != slot.number:  # it had not started this task
            if not (slot.retried or why):
                slot.retried = True  # once again, as it was (the worker may have died of something else)
                waiting.appendleft(slot)
                return
            index = 0
        if index >= len(slot.items) > 1:  # in its finish: each file again alone
            slot.parts = [_Slot([item], retried=True) for item in slot.items]
        else:
            index = min(index, len(slot.items) - 1)
            refused = _Slot([], result=self.job.finish([self.job.refuse(slot.items[index], reason)]))
            before, after = slot.items[:index], slot.items[index + 1 :]
            slot.parts = [*([_Slot(before, retried=True)] if before else []), refused, *([_Slot(after, retried=True)] if after else [])]
        waiting.extendleft(reversed([p for p in slot.parts if p.result is None]))


def _send(w: _Worker) -> None:
    """Hand a worker its task once it is ready for it (warmed and reading its pipe, so the
    send cannot block on a worker stuck in its start: the watch kills that one)."""
    if w.sent or not w.base.value:
        return
    w.sent = True
    try:
        w.conn.send((w.slot.number, w.slot.items))
    except (OSError, ValueError):  # it died meanwhile: the watch notices
        pass


def _end(w: _Worker) -> None:
    if w.proc.pid is not None and w.proc.exitcode is None:
        w.proc.kill()
    if w.proc.pid is not None:
        w.proc.join()
    w.conn.close()
