"""A second process for plan follow-through, on machines with a second core.

The follow-through of a large store is most of a full refresh (about 4 s of 6 at 10,000 reports)
and it goes township by township (:func:`analysis.problems.followthrough.follow_through`: a
township's result depends on its own reports only), so two processes can share it: the refresh
starts a :class:`Second` at its beginning, which warms up (imports, the segmenter's dictionaries)
while the first puts the problems to the register, then hands it the next group of townships
whenever it is free and computes the others itself (:meth:`Second.share`). Anything wrong with the
second (it cannot start, it dies) only costs time: its group is computed in the refresh's own process.

The second is ``python -m analysis.refresh.second``, fed pickled frames on its standard input and
answering on its standard output: not a ``multiprocessing`` child, which would run the caller's
main script again (a script without a ``__main__`` guard would run twice) or fork a process
holding DuckDB's threads.
"""

from __future__ import annotations

import logging
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO

import pandas as pd

from analysis.parse.structure import ROOT

log = logging.getLogger(__name__)
PLANS_MIN = 15_000  # plans from which a second process pays for its start-up (about 1.5 s of a core)
SHARE_PLANS = 3_000  # plans of a group when two processes share them (smaller groups even out their ends)
Items = tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]  # plans, achievements, problems
SIZE = struct.Struct("<Q")  # the length of each pickled message, before it


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def follow(items: Items) -> pd.DataFrame:
    """The follow-through of ``items`` (plans, achievements, problems), computed in this process
    (:func:`analysis.problems.followthrough.follow_through`, looked up at each call)."""
    from analysis.problems.followthrough import follow_through

    plans, achievements, problems = items
    return follow_through(plans, achievements, problems=problems)


class Second:
    """The second process. Use as a context manager; :meth:`share` hands it groups of items
    (:meth:`send`, :meth:`ready`, :meth:`receive`: one group at a time, computed here when it fails)."""

    COMMAND = [sys.executable, "-m", "analysis.refresh.second"]

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.sent: Items | None = None
        self.writing: threading.Thread | None = None  # the thread handing the last group over
        self.failed: BaseException | None = None  # …and what went wrong there
        self.answered = 0  # groups the second process computed
        try:
            self.proc = subprocess.Popen(self.COMMAND, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        except OSError as exc:  # no process can start (a full disk, a process limit): one process does it all
            log.warning("follow-through in one process: %s", exc)

    def __enter__(self) -> Second:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.proc is not None:
            if self.writing is not None and self.writing is not threading.current_thread():
                self.proc.kill()  # a hand-over still blocked on the pipe ends with it
                self.writing.join()
                self.writing = None
            for pipe in (self.proc.stdin, self.proc.stdout):
                try:
                    pipe.close()
                except OSError:
                    pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def share(self, groups: list[Callable[[], Items]], here: Callable[[Items], pd.DataFrame]) -> Iterator[pd.DataFrame]:
        """The follow-through of each group's items (``groups``: functions reading them), in order:
        the second process takes the next group whenever it is free, this one (``here``) the next
        otherwise."""
        done: dict[int, pd.DataFrame] = {}
        there, after, out = None, 0, 0  # the group the second has, the next to take, the next to yield
        while out < len(groups):
            if there is None and after < len(groups) and self.proc is not None:
                there, after = after, after + 1
                self.send(groups[there]())
            if there is not None and (after >= len(groups) or self.ready()):
                done[there], there = self.receive(here), None
            elif after < len(groups):
                done[after], after = here(groups[after]()), after + 1
            while out in done:
                yield done.pop(out)
                out += 1

    def ready(self) -> bool:
        """Whether the second process has answered (or ended): :meth:`receive` will not wait."""
        return self.proc is None or bool(select.select([self.proc.stdout], [], [], 0)[0])

    def send(self, items: Items) -> None:
        """Hand these items to the second process (kept here too, in case it fails), from a thread:
        a group is larger than the pipe holds, and the second reads it only once it has warmed up
        (the first) or finished the one before, which this process does not wait for."""
        self.sent = items
        if self.proc is not None:
            self.failed = None
            self.writing = threading.Thread(target=self._hand_over, args=(self.proc.stdin, items), daemon=True)
            self.writing.start()

    def _hand_over(self, pipe: BinaryIO, items: Items) -> None:
        try:
            _write(pipe, items)
        except (OSError, ValueError, pickle.PicklingError) as exc:  # it died (or was closed): computed here at receive
            self.failed = exc

    def _handed_over(self) -> bool:
        """Wait for the last group's hand-over; False (the second process closed) when it failed."""
        if self.writing is not None:
            self.writing.join()
            self.writing = None
        if self.failed is not None:
            log.warning("follow-through in one process: %r", self.failed)
            self.failed = None
            self.close()
        return self.proc is not None

    def receive(self, here: Callable[[Items], pd.DataFrame]) -> pd.DataFrame:
        """The follow-through of the items last sent (computed by ``here`` when the second failed)."""
        sent, self.sent = self.sent, None
        if self.proc is not None and self._handed_over():
            try:
                answer = _read(self.proc.stdout)
                self.answered += 1
                return answer
            except (OSError, EOFError, pickle.UnpicklingError) as exc:  # it died: computed here instead
                log.warning("follow-through computed again in this process: %r", exc)
                self.close()
        return here(sent)


def _write(pipe: BinaryIO, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(SIZE.pack(len(data)))
    pipe.write(data)
    pipe.flush()


def _read(pipe: BinaryIO) -> object:
    head = pipe.read(SIZE.size)
    if len(head) < SIZE.size:
        raise EOFError("the second process ended")
    (size,) = SIZE.unpack(head)
    data = pipe.read(size)
    if len(data) < size:
        raise EOFError("the second process ended")
    return pickle.loads(data)


def warm() -> None:
    """Load what the follow-through reads in every process (the segmenter's dictionaries, the topic synonyms)."""
    from analysis.parse import segment
    from analysis.problems import matching

    segment.tokenizer()
    matching.synonyms()


def main() -> None:
    """The second process: warm up, then answer each group's items until its input ends."""
    warm()
    source, answer = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed may mix with the answers
    while True:
        try:
            items = _read(source)
        except EOFError:
            return
        _write(answer, follow(items))


if __name__ == "__main__":
    main()
