"""Time 全文检索 on a store: `python -m bench.search DB [--replicate N OUT]` prints JSON.

Per word (a common one, a rare one, two words together): the first page of results (what the
page shows first), the next page, and the counts by year and township, each cold (a fresh
read-only connection); the counts read the sentence table the refresh keeps, built here first
when the store has none (its build time is reported). ``--replicate N OUT`` first writes OUT: the store's reports and sections
copied until it holds N reports (ids shifted, file names prefixed ``copyK_``): a large SYNTHETIC
store made in seconds from a small one made by ``python -m analysis bench``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time

import duckdb

from analysis.insights import search
from analysis.refresh import precompute
from analysis.storage.filters import ALL

WORDS = {"common": ("法治",), "frequent": ("普法",), "two_words": ("法律", "明白人"), "absent": ("不存在的词语",)}


def replicate(db: str, n: int, out: str) -> int:
    """Copy ``db`` to ``out`` with its reports and sections repeated up to ``n`` reports; the count."""
    shutil.copy(db, out)
    with duckdb.connect(out) as con:
        top = con.execute("SELECT max(id) FROM reports").fetchone()[0]
        copies = max(1, -(-n // top))
        con.execute(
            f"""INSERT INTO reports SELECT id + k * {top}, sha256 || k, 'copy' || k || '_' || file, title, township, county, city,
                province, year, issued, issuers, addressee, warnings, format, encoding, chars, tokens, preamble, ingested_at, original
                FROM reports, range(1, {copies}) t(k) WHERE id <= {top}"""
        )
        con.execute(
            f"""INSERT INTO sections SELECT report_id + k * {top}, ord, heading, kind, text, chars, tokens, sent_hashes, sent_chars
                FROM sections, range(1, {copies}) t(k) WHERE report_id <= {top}"""
        )
        return con.execute("SELECT count(*) FROM reports").fetchone()[0]


def _timed(db: str, function, **kwargs) -> tuple[float, object]:
    with duckdb.connect(db, read_only=True, config={"threads": "2"}) as con:
        start = time.perf_counter()
        result = function(con, ALL, **kwargs)
        return round(time.perf_counter() - start, 3), result


def sentence_table(db: str) -> float | None:
    """Build the counts' sentence table as the refresh does (a replicated store has none): seconds, or
    None when it was up to date."""
    with duckdb.connect(db, config={"threads": "2"}) as con:
        if search.sentences_current(con):
            return None
        start = time.perf_counter()
        precompute.write_sentences(con, full=True)
        return round(time.perf_counter() - start, 2)


def main(db: str) -> dict:
    built = sentence_table(db)
    with duckdb.connect(db, read_only=True) as con:
        reports, chars = con.execute("SELECT (SELECT count(*) FROM reports), (SELECT sum(chars) FROM sections)").fetchone()
    rows = {}
    for name, words in WORDS.items():
        first_s, first = _timed(db, search.search_page, words=words)
        after = int(first.report_id.max()) if len(first) else 0
        next_s, _ = _timed(db, search.search_page, words=words, after=after)
        counts_s, counts = _timed(db, search.search_counts, words=words)
        rows[name] = {
            "words": " ".join(words),
            "first_page_s": first_s,
            "next_page_s": next_s,
            "counts_s": counts_s,
            "hits": int(counts.sentences.sum()) if len(counts) else 0,
        }
    return {
        "synthetic": True,
        "reports": reports,
        "section_chars": int(chars or 0),
        "threads": 2,
        "sentence_table_build_s": built,
        "search": rows,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--replicate", nargs=2, metavar=("N", "OUT"))
    args = parser.parse_args()
    target = args.db
    if args.replicate:
        replicate(args.db, int(args.replicate[0]), args.replicate[1])
        target = args.replicate[1]
    print(json.dumps(main(target), ensure_ascii=False, indent=1))
