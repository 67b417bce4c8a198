"""The server's one-time work, done before the first reviewer asks for it. :func:`start` (called by
pages.serve as the server starts) runs :data:`STEPS` in a background thread once the server is up:
the modules 总览 imports, the data files every process reads once (the gazetteer, about 0.75 s),
总览's queries for the default filters into the query cache, then the modules of the other pages.
Without it the first page of a new server process did all of this itself (about 3.4 s). Each step
is ordinary Python run a few milliseconds at a time between the sessions' threads (the GIL
changes hands every 5 ms), so the health check and a page opened meanwhile go on; a page that
needs a module being imported waits for that import instead of doing it again. A step that fails
is logged in the server's log and skipped: the first page then does that work itself, as before.
"""

from __future__ import annotations

import ast
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from threading import Thread

from streamlit.logger import get_logger

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ROOT / "pages" / "views"
FIRST_PAGE = VIEWS / "overview.py"  # 总览, the page a new session opens
START_WAIT_SECONDS = 120.0  # how long the warm-up waits for the server to start before giving up
THREAD = "warm-up"
LOG = get_logger(__name__)
# Streamlit warns once per cached call made outside a page ("Thread 'warm-up': missing
# ScriptRunContext! …"): true, and expected here
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"

Step = tuple[str, Callable[[], object]]


def imported(script: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(module, names) of each absolute import at the top level of ``script``: ``import a.b`` gives
    ("a.b", ()), ``from a import b, c`` gives ("a", ("b", "c")); ``__future__`` is left out."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            out += [(alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module not in (None, "__future__"):
            out.append((node.module, tuple(alias.name for alias in node.names)))
    return out


def import_scripts(scripts: Sequence[Path]) -> None:
    """Import what ``scripts`` import, the submodules named in ``from package import module`` too
    (as the scripts' own import statements would)."""
    for script in scripts:
        for module, names in imported(script):
            __import__(module, fromlist=names)


def load_data() -> None:
    """The data files each process reads once and keeps: the gazetteer and its retired places
    (报送情况, 乡镇画像), the problem register (存在问题), the stopwords (关键词), the themes' areas
    (乡镇对比)."""
    from analysis.brief import county_brief
    from analysis.parse import gazetteer, segment
    from analysis.problems import register

    gazetteer.load()
    gazetteer.retired_places()
    register.register()
    segment.stopwords()
    county_brief.theme_areas()


def prime_first_page() -> None:
    """总览's queries for the default filters (every report) into the query cache, at the store's
    current version: a later version (an upload meanwhile) is simply not found there. Run again
    when the version changed meanwhile: the first read of a store never published publishes its
    first snapshot, which keys every page from then on."""
    from analysis.storage.filters import ALL
    from pages import data, filters
    from pages.sections import overview, owed

    for _ in range(2):
        version = data.store_version()
        data.prime()
        filters.prime()
        overview.prime(ALL)
        owed.prime()
        if data.store_version() == version:
            return


def other_pages() -> list[Path]:
    """The page scripts other than 总览."""
    return [p for p in sorted(VIEWS.glob("*.py")) if p != FIRST_PAGE]


STEPS: tuple[Step, ...] = (
    ("总览的模块", lambda: import_scripts([ROOT / "app.py", FIRST_PAGE])),
    ("数据文件", load_data),
    ("总览的查询", prime_first_page),
    ("其他页面的模块", lambda: import_scripts(other_pages())),
)


def warm(steps: Sequence[Step] = STEPS) -> list[str]:
    """Run ``steps`` in turn; one that fails is logged with its traceback (in the server's log,
    never on a page) and the next one runs. Returns the names of those that failed."""
    started, failed = time.monotonic(), []
    for name, step in steps:
        try:
            step()
        except Exception:  # noqa: BLE001 - the warm-up never stops the server: the page does this work itself
            LOG.warning("warm-up: %s failed; the first page that needs it does it itself", name, exc_info=True)
            failed.append(name)
    LOG.info("warm-up done in %.1f s (%d of %d steps failed)", time.monotonic() - started, len(failed), len(steps))
    return failed


def server_started() -> bool:
    """True once this process's Streamlit server is up (its runtime created and started)."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.runtime import RuntimeState

    return Runtime.exists() and Runtime.instance().state in (
        RuntimeState.NO_SESSIONS_CONNECTED,
        RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED,
    )


def start(*, ready: Callable[[], bool] = server_started, steps: Sequence[Step] = STEPS, poll: float = 0.1) -> Thread:
    """Start the warm-up in a daemon thread: it waits until ``ready()`` (the server is up: its
    start is not slowed, and the query cache is the server's), then runs :func:`warm`."""
    logging.getLogger(CONTEXT_LOGGER).addFilter(_not_from_warm_up)
    thread = Thread(target=_after, args=(ready, steps, poll), name=THREAD, daemon=True)
    thread.start()
    return thread


def _not_from_warm_up(record: logging.LogRecord) -> bool:
    return record.threadName != THREAD


def _after(ready: Callable[[], bool], steps: Sequence[Step], poll: float) -> None:
    deadline = time.monotonic() + START_WAIT_SECONDS
    try:
        while not ready():
            if time.monotonic() > deadline:
                LOG.warning("warm-up: the server did not start within %.0f s; skipped", START_WAIT_SECONDS)
                return
            time.sleep(poll)  # polling a server that is starting
    except Exception:  # noqa: BLE001 - as in warm: never stops the server
        LOG.warning("warm-up: could not tell whether the server started; skipped", exc_info=True)
        return
    warm(steps)
