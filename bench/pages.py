"""Time every dashboard page in AppTest on one store: `python -m bench.pages DB` prints JSON.

Each page is timed cold: Streamlit's data cache is cleared before the timed run, so every
query runs; the app's first run (the default page) is not timed for the other pages.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "trends", "compare", "keywords", "problems", "reader"]


def main(db: str) -> None:
    os.environ["REPORTS_DB"] = db
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from analysis.refresh import derived

    derived.ensure_fresh(db)
    times = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        if page != "overview":
            at.run()
            at.switch_page(f"pages/views/{page}.py")
        st.cache_data.clear()
        start = time.perf_counter()
        at.run()
        times[page] = round(time.perf_counter() - start, 3)
        if at.exception:
            raise SystemExit(f"{page}: {at.exception[0].value}")
    hwm = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM"))
    print(json.dumps({"pages": times, "peak_rss_mb": round(int(hwm.split()[1]) / 1024, 1)}))


if __name__ == "__main__":
    main(sys.argv[1])
