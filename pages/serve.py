"""Start the dashboard: ``python -m pages.serve [streamlit options]`` — what ``make run`` and
``python -m analysis serve`` run; the store is ``$REPORTS_DB`` (default data/reports.duckdb).

Streamlit takes a ``pages/`` folder beside the entry point for old-style pages on the first
script run of a server process (``PagesManager.uses_pages_directory``, decided once): that run
looked for a shared link's page (/compare) among pages/*.py, did not find it, and showed
"Page not found" over the right page (streamlit/streamlit#9624). The pages here are declared
with ``st.navigation`` in app.py, so the flag is settled before the server starts.

The server's one-time work (imports, the gazetteer, 总览's queries) is started here too, in the
background once the server is up (pages.warm), so the first reviewer does not wait for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str] | None = None) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    from pages import warm

    PagesManager.uses_pages_directory = False
    warm.start()
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
