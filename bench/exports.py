"""Time the corpus-wide analyses on one store: `python -m bench.exports DB` prints JSON."""

from __future__ import annotations

import json
import sys
import time

from analysis.brief import county_brief
from analysis.insights import keywords, similarity
from analysis.problems import recurring
from analysis.refresh import derived
from analysis.storage import store
from analysis.storage.filters import ALL


def main(db: str) -> None:
    times = {}
    with store.connect(db) as con:
        start = time.perf_counter()
        derived.refresh(con)  # problem clustering and plan follow-through
        times["refresh"] = round(time.perf_counter() - start, 3)
    with store.connect(db, read_only=True) as con:
        for name, fn in (
            ("recurring", lambda: recurring.recurring_table(con, ALL)),
            ("similarity", lambda: similarity.copy_pairs(con, ALL)),
            ("keywords", lambda: keywords.keyword_table(con, ALL, top_n=500)),
            ("brief", lambda: county_brief.brief_docx(county_brief.build_brief(con))),  # the county brief over every report
        ):
            start = time.perf_counter()
            made = fn()
            times[name] = round(time.perf_counter() - start, 3)
            times[f"{name}_bytes" if isinstance(made, bytes) else f"{name}_rows"] = len(made)
    print(json.dumps(times))


if __name__ == "__main__":
    main(sys.argv[1])
