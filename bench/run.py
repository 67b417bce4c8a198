"""The benchmark: `make bench` (= `python -m analysis bench`).

Builds SYNTHETIC corpora (bench/synthetic.py) of 10, 1,000 and 10,000 reports under
bench/corpus/ (never data/raw/), then measures in one run, on the same text:
  1. plain single-process `jieba.lcut` over the largest corpus (characters per second): the reference;
  2. `python -m analysis ingest` over each corpus (all cores; read, decode, parse, segment,
     extract, store), and separately the derived-table refresh (problem clusters, follow-through);
  3. each dashboard page's cold AppTest run on the 10- and 10,000-report stores;
  4. peak memory of ingest and refresh (whole process tree: PSS, which counts a page shared
     by forked workers once, beside the RSS sum, which counts it per process) and peak RSS
     of the dashboard process running every page at 10,000 reports;
  5. the recurring / similarity / keywords analyses at 1,000 and 10,000 reports, with growth factors.
Prints a table and writes the figures as JSON.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

from bench.measure import run
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


def jieba_reference(folder: Path) -> dict:
    import jieba

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    start = time.perf_counter()
    for text in texts:
        tokenizer.lcut(text)
    seconds = time.perf_counter() - start
    chars = sum(len(t) for t in texts)
    return {"chars": chars, "seconds": round(seconds, 2), "chars_per_s": round(chars / seconds)}


def ingest(n: int, folder: Path) -> dict:
    db = OUT / f"store_{n}.duckdb"
    for f in (db, db.with_suffix(".duckdb.wal")):
        f.unlink(missing_ok=True)
    stored = run([PY, "-m", "analysis", "ingest", str(folder), "--db", str(db), "--no-refresh"], cwd=ROOT)
    refresh = run([PY, "-m", "analysis", "refresh", "--db", str(db)], cwd=ROOT)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))
    return {"db": str(db), "seconds": round(stored.seconds, 2), "chars_per_s": round(chars / stored.seconds), **_memory("", stored),
            "summary": stored.out.strip().splitlines()[-1], "refresh_seconds": round(refresh.seconds, 2), **_memory("refresh_", refresh)}


def _memory(prefix: str, m) -> dict:
    return {f"{prefix}peak_pss_mb": round(m.pss_mb), f"{prefix}peak_rss_sum_mb": round(m.rss_mb), f"{prefix}largest_rss_mb": round(m.largest_rss_mb)}


def pages(db: str) -> dict:
    measured = run([PY, "-m", "bench.pages", db], cwd=ROOT)
    result = json.loads(measured.out.strip().splitlines()[-1])
    result.update(_memory("", measured))
    return result


def exports(db: str) -> dict:
    return json.loads(run([PY, "-m", "bench.exports", db], cwd=ROOT).out.strip().splitlines()[-1])


def main(sizes: list[int], *, out: str = "bench/results.json") -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = sorted(sizes)
    folders = {n: corpus(n) for n in sizes}
    results: dict = {"synthetic": True, "machine": {"cpus": os.cpu_count(), "python": platform.python_version()}, "sizes": sizes}
    results["jieba_reference"] = jieba_reference(folders[sizes[-1]])
    results["ingest"] = {n: ingest(n, folders[n]) for n in sizes}
    small, large = sizes[0], sizes[-1]
    results["pages"] = {n: pages(results["ingest"][n]["db"]) for n in (small, large)}
    export_sizes = [n for n in sizes if n >= 1000] or sizes[-2:]
    results["exports"] = {n: exports(results["ingest"][n]["db"]) for n in export_sizes}
    results["checks"] = _checks(results, small, large, export_sizes)
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
    lines = ["| measure | value | target |", "|---|---|---|",
             f"| jieba.lcut, 1 process, {large} reports ({ref['chars']:,} chars) | {ref['chars_per_s']:,} chars/s | reference |"]
    for n, ing in r["ingest"].items():
        target = "< 1 GB" if n == large else ""
        lines.append(f"| ingest {n} reports (all cores) | {ing['seconds']} s, {ing['chars_per_s']:,} chars/s, {_mem(ing, '')} | {target} |")
        lines.append(f"| derived refresh {n} reports (clusters, follow-through) | {ing['refresh_seconds']} s, {_mem(ing, 'refresh_')} | {target} |")
    lines.append(f"| ingest throughput ÷ jieba | {r['checks']['ingest_vs_jieba']}× | ≥ 3× |")
    for page, t in r["pages"][large]["pages"].items():
        lines.append(f"| page {page}: {small} → {large} reports (cold) | {r['pages'][small]['pages'][page]} s → {t} s ({r['checks'][f'page_{page}_growth']}×) | < 2 s, ≤ 3× |")
    lines.append(f"| dashboard peak RSS at {large} reports | {r['pages'][large]['peak_rss_mb']} MB | < 1 GB |")
    for key, value in r["checks"].items():
        if key.startswith("export_"):
            lines.append(f"| {key} | {value}× | ≤ 15× |")
    for n, e in r["exports"].items():
        lines.append(f"| analyses at {n} reports | refresh {e['refresh']} s, recurring {e['recurring']} s, similarity {e['similarity']} s, keywords {e['keywords']} s | |")
    return "\n".join(lines)
