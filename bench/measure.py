"""Run a command and measure its wall time and the peak resident memory of its whole process tree."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def _tree_rss_kb(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(cmd: list[str], *, cwd: Path, env: dict | None = None) -> tuple[float, float, str]:
    """(seconds, peak RSS of the process and its children in MB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    out = proc.stdout.read()
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 2):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}")
    return seconds, peak / 1024, out
