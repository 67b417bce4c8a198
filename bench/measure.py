"""Run a command and measure its wall time and, optionally, the peak memory of its whole process tree.

Memory is sampled every 50 ms from ``/proc/<pid>/smaps_rollup`` of the process and all its
descendants. Two sums are kept: RSS, which counts a page shared by forked workers once per
process that maps it, and PSS (proportional set size), which splits each shared page among
the processes sharing it, so that the PSS sum is the memory the tree really occupies.

Reading smaps_rollup makes the kernel walk every page of the process: about 18 ms of CPU per
sample of a 10,000-report ingest, a third of a core at this rate. A run that is timed for
throughput is therefore run without the probe (``memory=False``), and memory is measured in
a run of its own.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    seconds: float
    rss_mb: float  # peak of the sum of RSS over the tree (shared pages counted per process)
    pss_mb: float  # peak of the sum of PSS over the tree (each page counted once)
    largest_rss_mb: float  # peak RSS of the largest single process
    out: str


def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return pids


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; (0, 0) when it has gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


def run(cmd: list[str], *, cwd: Path, env: dict | None = None, memory: bool = True) -> Measured:
    """Run ``cmd`` to the end; its time, peak memory (0 when ``memory`` is false) and stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak_rss = peak_pss = largest = 0
    if memory:
        while proc.poll() is None:
            sizes = [_memory_kb(p) for p in _tree(proc.pid)]
            peak_rss = max(peak_rss, sum(r for r, _ in sizes))
            peak_pss = max(peak_pss, sum(p for _, p in sizes))
            largest = max([largest, *(r for r, _ in sizes)])
            time.sleep(0.05)
    out = proc.communicate()[0]
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 2):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}")
    return Measured(seconds, peak_rss / 1024, peak_pss / 1024, largest / 1024, out)
