"""The benchmark: `make bench` (= `python -m analysis bench`).

Builds SYNTHETIC corpora (bench/synthetic.py) of 10, 1,000 and 10,000 reports under
bench/corpus/ (never data/raw/), then measures in one run, on the same text:
  1. plain single-process `jieba.lcut` over the largest corpus (characters per second): the reference,
     timed in two halves (alternate files), one before and one after the ingest runs; the
     faster half's rate is the reference;
  2. `python -m analysis ingest` over each corpus (all cores; read, decode, parse, segment,
     extract, store; the largest twice, the faster run counting), and separately the derived-table
     refresh (problem clusters, follow-through); the timed runs go without the memory probe,
     which costs a third of a core (see bench/measure.py), and one more run of each (the refresh
     on a copy of the same store) measures memory;
  3. each dashboard page's cold AppTest run on the 10- and 10,000-report stores;
  4. peak memory of ingest and refresh (whole process tree: PSS, which counts a page shared
     by forked workers once, beside the RSS sum, which counts it per process) and peak RSS
     of the dashboard process running every page at 10,000 reports;
  5. the recurring / similarity / keywords analyses at 1,000 and 10,000 reports, with growth factors;
  6. ingest's per-report work by stage (read, clean, structure, metadata, places, items, areas,
     indicators, segmentation, hashes, themes, rows) in one process over 600 reports (bench/stages.py).
Prints a table and writes the figures as JSON.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

from bench.measure import run
from bench.stages import table as stage_table
from bench.synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
OUT = ROOT / "bench" / "out"
PY = sys.executable


def corpus(n: int) -> Path:
    folder = CORPUS / str(n)
    if len(list(folder.glob("synthetic_*.txt"))) != n:
        for old in folder.glob("*"):
            old.unlink()
        generate(n, folder)
    return folder


class JiebaReference:
    """Plain single-process ``jieba.lcut`` over a corpus, timed in two halves (alternate files):
    one before the ingest runs and one after, so that a drift in the machine's speed during the
    benchmark weighs on the reference as on the ingest."""

    def __init__(self, folder: Path) -> None:
        import jieba

        self.texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()  # loading the dictionary is not segmentation: untimed
        self.halves: list[dict] = []

    def run_half(self) -> None:
        texts = self.texts[len(self.halves) :: 2]
        start = time.perf_counter()
        for text in texts:
            self.tokenizer.lcut(text)
        self.halves.append({"chars": sum(len(t) for t in texts), "seconds": round(time.perf_counter() - start, 2)})

    def result(self) -> dict:
        """``chars_per_s`` is the faster half's rate (as the ingest counts its fastest run);
        ``overall_chars_per_s`` is both halves together."""
        chars, seconds = sum(h["chars"] for h in self.halves), sum(h["seconds"] for h in self.halves)
        fastest = max(h["chars"] / h["seconds"] for h in self.halves)
        return {
            "chars": chars,
            "seconds": round(seconds, 2),
            "chars_per_s": round(fastest),
            "overall_chars_per_s": round(chars / seconds),
            "halves": self.halves,
        }


def _remove_store(db: Path) -> None:
    """A benchmark store gone: the file, its write-ahead log and its published snapshots."""
    for f in (db, db.with_suffix(".duckdb.wal")):
        f.unlink(missing_ok=True)
    shutil.rmtree(db.with_name(db.name + ".snapshots"), ignore_errors=True)


def ingest_workers(n: int, folder: Path, workers: int) -> float:
    """Seconds of one ingest of the corpus with ``workers`` worker processes (no probe)."""
    db = OUT / f"store_{n}_w{workers}.duckdb"
    _remove_store(db)
    cmd = [PY, "-m", "analysis", "ingest", str(folder), "--db", str(db), "--no-refresh", "--workers", str(workers)]
    seconds = run(cmd, cwd=ROOT).seconds
    _remove_store(db)
    return round(seconds, 2)


def upload(db: str) -> dict:
    return json.loads(run([PY, "-m", "bench.upload", db], cwd=ROOT).out.strip().splitlines()[-1])


def ingest(n: int, folder: Path, *, repeats: int = 1) -> dict:
    """Ingest the corpus into a new store ``repeats`` times without the memory probe (the
    fastest run counts), once more with it for the peak memory, then time the derived
    refresh on the result."""
    db = OUT / f"store_{n}.duckdb"

    def once(memory: bool):
        for f in (db, db.with_suffix(".duckdb.wal")):
            f.unlink(missing_ok=True)
        return run([PY, "-m", "analysis", "ingest", str(folder), "--db", str(db), "--no-refresh"], cwd=ROOT, memory=memory)

    runs = [once(memory=False) for _ in range(repeats)]
    probed = once(memory=True)
    best = min(runs, key=lambda m: m.seconds)
    # the refresh too is timed without the probe (which takes a third of a core from a refresh using both),
    # and its memory measured on a copy of the same store
    copy = db.with_name(f"probe_{db.name}")
    _remove_store(copy)
    shutil.copy(db, copy)
    refresh = run([PY, "-m", "analysis", "refresh", "--db", str(db)], cwd=ROOT, memory=False)
    refresh_memory = run([PY, "-m", "analysis", "refresh", "--db", str(copy)], cwd=ROOT)
    _remove_store(copy)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))
    return {
        "db": str(db),
        "seconds": round(best.seconds, 2),
        "runs_seconds": [round(m.seconds, 2) for m in runs],
        "memory_run_seconds": round(probed.seconds, 2),
        "chars_per_s": round(chars / best.seconds),
        **_memory("", probed),
        "summary": best.out.strip().splitlines()[-1],
        "refresh_seconds": round(refresh.seconds, 2),
        "refresh_memory_run_seconds": round(refresh_memory.seconds, 2),
        **_memory("refresh_", refresh_memory),
    }


def _memory(prefix: str, m) -> dict:
    return {
        f"{prefix}peak_pss_mb": round(m.pss_mb),
        f"{prefix}peak_rss_sum_mb": round(m.rss_mb),
        f"{prefix}largest_rss_mb": round(m.largest_rss_mb),
    }


def pages(db: str) -> dict:
    measured = run([PY, "-m", "bench.pages", db], cwd=ROOT)
    result = json.loads(measured.out.strip().splitlines()[-1])
    result.update(_memory("", measured))
    return result


def stages(folder: Path) -> dict:
    return json.loads(run([PY, "-m", "bench.stages", str(folder), "--reports", "600"], cwd=ROOT).out.strip().splitlines()[-1])


def exports(db: str) -> dict:
    return json.loads(run([PY, "-m", "bench.exports", db], cwd=ROOT).out.strip().splitlines()[-1])


LARGE = 10_000  # sizes above this are "large" rows (see main)


def main(sizes: list[int], *, out: str = "bench/results.json") -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = sorted(sizes)
    if all(n > LARGE for n in sizes):
        return main_large(sizes, out=out)
    folders = {n: corpus(n) for n in sizes}
    results: dict = {"synthetic": True, "machine": {"cpus": os.cpu_count(), "python": platform.python_version()}, "sizes": sizes}
    reference = JiebaReference(folders[sizes[-1]])
    reference.run_half()
    # the largest ingest runs twice and the faster counts, as the faster jieba half does: on a
    # shared machine noise only ever slows a run down, so the best runs are compared
    results["ingest"] = {n: ingest(n, folders[n], repeats=2 if n == sizes[-1] else 1) for n in sizes}
    reference.run_half()
    results["jieba_reference"] = reference.result()
    small, large = sizes[0], sizes[-1]
    results["pages"] = {n: pages(results["ingest"][n]["db"]) for n in (small, large)}
    export_sizes = [n for n in sizes if n >= 1000] or sizes[-2:]
    results["exports"] = {n: exports(results["ingest"][n]["db"]) for n in export_sizes}
    # how ingest scales with cores: the largest corpus with one worker (the runs above use all)
    results["workers"] = {1: ingest_workers(large, folders[large], 1), os.cpu_count() or 1: results["ingest"][large]["seconds"]}
    results["upload"] = {large: upload(results["ingest"][large]["db"])}
    results["stages"] = stages(folders[next((n for n in sizes if n >= 600), large)])
    results["checks"] = _checks(results, small, large, export_sizes)
    if Path(out).exists():  # keep the large rows of an earlier `--sizes 100000` run
        results["large"] = load(out).get("large", {})
    Path(out).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(report(results))
    return 0


def main_large(sizes: list[int], *, out: str = "bench/results.json") -> int:
    """`python -m analysis bench --sizes 100000`: the large rows, added to the saved results
    (not run by `make bench` or CI: about 12 minutes and 3 GB of disk at 100,000 reports).
    Per size: ingest timed without the memory probe, once more with it; the full derived
    refresh; every page cold; one upload until every page sees it."""
    results = load(out) if Path(out).exists() else {"synthetic": True, "sizes": []}
    results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    results.setdefault("large", {})
    for n in sizes:
        folder = corpus(n)
        row = ingest(n, folder)
        row["pages"] = pages(row["db"])
        row["upload"] = upload(row["db"])
        row["store_mb"] = round(Path(row["db"]).stat().st_size / 2**20)
        results["large"][n] = row
    Path(out).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(report(results))
    return 0


def _checks(r: dict, small: int, large: int, export_sizes: list[int]) -> dict:
    ratio = r["ingest"][large]["chars_per_s"] / r["jieba_reference"]["chars_per_s"]
    checks = {"ingest_vs_jieba": round(ratio, 2)}
    for page, t in r["pages"][large]["pages"].items():
        checks[f"page_{page}_growth"] = round(t / r["pages"][small]["pages"][page], 2)
    if len(export_sizes) >= 2:
        a, b = export_sizes[0], export_sizes[-1]
        for name in ("refresh", "recurring", "similarity", "keywords"):
            checks[f"export_{name}_growth_{a}_to_{b}"] = round(r["exports"][b][name] / max(r["exports"][a][name], 1e-3), 2)
    return checks


def _mem(r: dict, prefix: str) -> str:
    return f"peak memory {r[prefix + 'peak_pss_mb']} MB PSS (RSS summed over processes {r[prefix + 'peak_rss_sum_mb']} MB, largest process {r[prefix + 'largest_rss_mb']} MB)"


def report(r: dict) -> str:
    """The Performance table for the README (Markdown)."""
    small, large = r["sizes"][0], r["sizes"][-1]
    ref = r["jieba_reference"]
    lines = [
        "| measure | value | target |",
        "|---|---|---|",
        f"| jieba.lcut, 1 process, {large} reports ({ref['chars']:,} chars) in two halves | {ref['chars_per_s']:,} chars/s"
        f" (faster half; {ref.get('overall_chars_per_s', ref['chars_per_s']):,} over both) | reference |",
    ]
    for n, ing in r["ingest"].items():
        target = "< 1 GB" if n == large else ""
        runs = ing.get("runs_seconds", [ing["seconds"]])
        timing = f"{ing['seconds']} s (fastest of {' / '.join(map(str, runs))} s)" if len(runs) > 1 else f"{ing['seconds']} s"
        probed = f" in a run of its own ({ing['memory_run_seconds']} s with the probe)" if "memory_run_seconds" in ing else ""
        lines.append(f"| ingest {n} reports (all cores) | {timing}, {ing['chars_per_s']:,} chars/s, {_mem(ing, '')}{probed} | {target} |")
        lines.append(
            f"| derived refresh {n} reports (clusters, follow-through) | {ing['refresh_seconds']} s, {_mem(ing, 'refresh_')} | {target} |"
        )
    lines.append(f"| ingest throughput ÷ jieba | {r['checks']['ingest_vs_jieba']}× | ≥ 3.5× |")
    if "stages" in r:  # runs before this row was added have none
        lines.append(stage_table(r["stages"]))
    for page, t in r["pages"][large]["pages"].items():
        lines.append(
            f"| page {page}: {small} → {large} reports (cold) | {r['pages'][small]['pages'][page]} s → {t} s ({r['checks'][f'page_{page}_growth']}×) | < 2 s, ≤ 3× |"
        )
    lines.append(f"| dashboard peak RSS at {large} reports | {r['pages'][large]['peak_rss_mb']} MB | < 1 GB |")
    for key, value in r["checks"].items():
        if key.startswith("export_"):
            lines.append(f"| {key} | {value}× | ≤ 15× |")
    for n, e in r["exports"].items():
        lines.append(
            f"| analyses at {n} reports | refresh {e['refresh']} s, recurring {e['recurring']} s, similarity {e['similarity']} s, keywords {e['keywords']} s | |"
        )
    for n, e in r["exports"].items():
        if "brief" in e:  # runs before this row was added have none
            lines.append(f"| county brief (.docx) over {n} reports | {e['brief']} s | < 30 s at 1,000 |")
    if "workers" in r:
        w = {int(k): v for k, v in r["workers"].items()}
        one, most = w[1], w[max(w)]
        lines.append(f"| ingest {large} reports with 1 worker vs {max(w)} | {one} s vs {most} s ({round(one / most, 2)}× faster) | |")
    for n, u in r.get("upload", {}).items():
        lines.append(
            f"| one upload visible on every page, store of {n} reports | {u['visible_s']} s (stored after {u['stored_s']} s) | < 3 s at 10,000 |"
        )
    for n, row in r.get("large", {}).items():
        lines.append(
            f"| **{n} reports**: ingest (all cores) | {row['seconds']} s, {row['chars_per_s']:,} chars/s, {_mem(row, '')}"
            f" in a run of its own ({row['memory_run_seconds']} s with the probe); store {row['store_mb']:,} MB | < 240 s, < 2 GB |"
        )
        lines.append(f"| **{n} reports**: full derived refresh | {row['refresh_seconds']} s, {_mem(row, 'refresh_')} | < 2 GB |")
        for page, t in row["pages"]["pages"].items():
            base = r["pages"].get(large, {}).get("pages", {}).get(page)
            growth = f" ({round(t / base, 2)}× the {large}-report time)" if base else ""
            lines.append(f"| **{n} reports**: page {page} (cold) | {t} s{growth} | < 2 s, ≤ 2× |")
        lines.append(f"| **{n} reports**: dashboard peak RSS | {row['pages']['peak_rss_mb']} MB | < 2 GB |")
        lines.append(f"| **{n} reports**: one upload visible on every page | {row['upload']['visible_s']} s | < 10 s |")
    return "\n".join(lines)


def load(path: str = "bench/results.json") -> dict:
    """Saved results with their size keys as numbers again (JSON keeps only strings)."""
    return json.loads(
        Path(path).read_text(encoding="utf-8"), object_hook=lambda d: {(int(k) if k.isdigit() else k): v for k, v in d.items()}
    )


if __name__ == "__main__":  # `python -m bench.run [results.json]` prints the table of a saved run
    print(report(load(*sys.argv[1:2])))
