"""Time from uploading one report to seeing it on every page: `python -m bench.upload DB` prints JSON.

Works on a copy of the store (the benchmark's stores stay as they are). The clock runs from
the upload (what 总览's 「导入所选文件」 does: store the file, then ``derived.after_write``: the
derived tables brought up to date and the store published) until a new reader finds the
report, its problem items on the register, its plans' follow-through, and the keyword
figures that count it. The reports are SYNTHETIC (bench/synthetic.py), for townships that
are not in the store; one is uploaded before the clock starts (a running dashboard has
uploaded before: its models are loaded and the store has its two kept snapshots).
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import _pool, _sources, report_text


def main(db: str) -> None:
    from analysis.parse import gazetteer
    from analysis.refresh import derived
    from analysis.storage import precomputed, store
    from analysis.storage.ingest import ingest_uploads

    with tempfile.TemporaryDirectory(dir=Path(db).parent) as tmp:
        copy = Path(tmp) / "upload.duckdb"
        shutil.copy(db, copy)
        with store.connect(copy, publish=False) as con:
            stored = {r[0] for r in con.execute("SELECT DISTINCT township FROM reports WHERE township IS NOT NULL").fetchall()}
        derived.ensure_fresh(copy)  # the copy starts as the benchmark's store does: published, fresh
        rng = random.Random(5)
        places = (p for ps in gazetteer.load().townships.values() for p in ps if len(ps) == 1 and p.township not in stored)
        warm, place = next(places), next(places)
        pool = _pool(_sources())
        # a running dashboard has uploaded before: its tokenizer, gazetteer and register are
        # loaded and the store has the snapshots readers keep. One upload first, then the clock
        ingest_uploads([("warm.txt", report_text(warm, 2024, pool, rng).encode("utf-8"))], db=copy, publish=False)
        derived.after_write(copy)
        with store.connect(copy, read_only=True) as con:  # and served pages (it reads snapshots itself)
            before = con.execute("SELECT count(*) FROM reports").fetchone()[0]
        data = report_text(place, 2024, pool, rng).encode("utf-8")
        start = time.perf_counter()
        name = f"upload_{place.township}_2024.txt"
        outcome = ingest_uploads([(name, data)], db=copy, publish=False)
        stored_at = time.perf_counter() - start
        derived.after_write(copy)
        seconds = time.perf_counter() - start
        with store.connect(copy, read_only=True) as con:
            report_id = con.execute("SELECT id FROM reports WHERE file = ?", [name]).fetchone()[0]
            seen = {
                "report": con.execute("SELECT count(*) FROM reports").fetchone()[0] == before + 1,
                "problems": con.execute("SELECT count(*) FROM problem_clusters WHERE report_id = ?", [report_id]).fetchone()[0] > 0,
                "followthrough": con.execute("SELECT count(*) FROM derived_reports WHERE report_id = ?", [report_id]).fetchone()[0] == 1,
                # the stored unfiltered views are those of the new store (pages read them)
                "views": precomputed.read(con, "keywords") is not None and precomputed.read(con, "recurring") is not None,
            }
    print(
        json.dumps(
            {
                "reports_before": before,
                "status": outcome[0].status,
                "stored_s": round(stored_at, 2),
                "visible_s": round(seconds, 2),
                "seen": seen,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
