"""What a test's parse workers run (module level, and light: a fork server's worker imports
this module by name)."""

from __future__ import annotations

import os
import pickle
import signal
import time


def behave(item: str) -> str:
    """An item's parse as its name says: ok…, kill (SIGKILL itself mid-parse), exit (exits 3),
    sleep (past the time limit), stuck (past it with the alarm blocked), hog (memory, step by step),
    nice (answers the worker's niceness)."""
    if item == "nice":
        return f"nice {os.getpriority(os.PRIO_PROCESS, 0)}"
    if item == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if item == "exit":
        os._exit(3)
    if item == "sleep":
        time.sleep(30)
    if item == "stuck":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(30)
    if item == "hog":
        held = []
        for _ in range(400):
            held.append(bytearray(5 * 1024 * 1024))  # zero-filled: touched, resident
            time.sleep(0.005)
    return item.upper()


def refuse(item: str, reason: str) -> str:
    return f"{item}: {reason}"


def finish(results: list[str]) -> bytes:
    return pickle.dumps(results)


def hang() -> None:
    """A worker's start that never ends."""
    time.sleep(30)


def checked(item: str) -> str | None:
    """A pool's cheap check: an item named no… is refused without a worker."""
    return "refused at once" if item.startswith("no") else None
