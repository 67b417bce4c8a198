"""Search across every report: the sentences that hold a phrase, or several words together.

No index is built: the sections' text is scanned with DuckDB's ``contains`` (a plain substring
test, exact for Chinese, where a word has no spaces around it and the segmenter may cut a phrase
differently from how it is typed). DuckDB's full-text extension is not bundled and would be
downloaded, which an offline county intranet cannot do; a character n-gram table would multiply
the store's size. The scan stops as soon as a page of reports is found (reports in store order),
so a common word's first page is read from the first sections that hold it; the CSV of every
hit reads every section that holds all the words, and the counts scan the sentence table the
refresh keeps (:data:`SENTENCE_TABLE`).

A hit is a sentence (text between 。！？ or line breaks, with its end mark) holding every word.
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from analysis.storage.filters import ALL, Filters
from analysis.storage.store import frame, has_tables, version

# words: what is typed, split at spaces and commas; 「"法治 政府"」 or 「“法治 政府”」 keeps a phrase whole
QUOTED = re.compile(r"[\"“”「」『』]([^\"“”「」『』]+)[\"“”「」『』]")
SEPARATORS = re.compile(r"[\s,，、;；]+")
# a sentence's end: 。！？ and line breaks (「全年开展普法宣传活动15次。」)
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
SENTENCE_ENDS = "。！？!?"
MAX_WORDS = 8
PAGE_REPORTS = 20
SECTIONS_PER_REPORT = 12  # candidate sections read for a page: a report has fewer than this many sections

HIT_COLUMNS = ["report_id", "file", "township", "county", "year", "section", "kind", "heading", "sentence_no", "sentence"]


def words_of(query: str) -> tuple[str, ...]:
    """The words of a query, each once, in order: 「普法 "法律 明白人"，调解」 → (普法, 法律 明白人, 调解);
    at most :data:`MAX_WORDS`; () for an empty query."""
    phrases = [m.strip() for m in QUOTED.findall(query)]
    rest = QUOTED.sub(" ", query)
    found = [*phrases, *SEPARATORS.split(rest)]
    out: list[str] = []
    for word in (w.strip() for w in found):
        if word and word not in out:
            out.append(word)
    return tuple(out[:MAX_WORDS])


def sentences_of(text: str) -> list[str]:
    """A section's sentences as the search splits them (each with its end mark, stripped)."""
    return [s.strip() for s in SENTENCE.findall(text or "") if s.strip()]


def _candidates(filters: Filters, words: tuple[str, ...]) -> tuple[str, list]:
    """CTE ``sec``: sections of the filtered reports (and section kinds) holding every word."""
    where, params = filters.where()
    kinds, kparams = filters.kind_where("s.kind")
    holds = " AND ".join("contains(s.text, ?)" for _ in words)
    sql = f"""
        sec AS (SELECT s.report_id, s.ord, s.kind, s.heading, s.text FROM sections s
                WHERE {kinds} AND {holds} AND s.report_id IN (SELECT r.id FROM reports r WHERE {where}))"""
    return sql, kparams + list(words) + params


def _hits(sections: pd.DataFrame, words: tuple[str, ...]) -> pd.DataFrame:
    """The sentences of ``sections`` (report_id, file, township, county, year, ord, kind, heading,
    text) that hold every word, as :data:`HIT_COLUMNS`."""
    rows = []
    for sec in sections.itertuples(index=False):
        for no, sentence in enumerate(sentences_of(sec.text), start=1):
            if all(w in sentence for w in words):
                rows.append((sec.report_id, sec.file, sec.township, sec.county, sec.year, sec.ord, sec.kind, sec.heading, no, sentence))
    out = pd.DataFrame(rows, columns=HIT_COLUMNS)
    return out.astype({"report_id": "int64", "section": "int64", "sentence_no": "int64"})


def search_page(
    con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, words: tuple[str, ...], after: int = 0, reports: int = PAGE_REPORTS
) -> pd.DataFrame:
    """One page of hits: the sentences holding every word in the first ``reports`` reports (in
    store order) whose id is above ``after`` (the last report of the previous page), as
    report_id, file, township, county, year, section, kind, heading, sentence_no, sentence."""
    if not words:
        return pd.DataFrame(columns=HIT_COLUMNS)
    ctes, params = _candidates(filters, words)
    # the candidate sections in one streaming scan (it stops at the LIMIT); a CTE read twice here
    # would be planned as a join and read every section
    first = frame(
        con,
        f"WITH {ctes} SELECT report_id, ord, kind, heading, text FROM sec WHERE report_id > ? LIMIT ?",
        params + [int(after), int(reports) * SECTIONS_PER_REPORT],
    )
    ids = sorted(set(first.report_id))[: int(reports)]
    meta = frame(con, "SELECT id AS report_id, file, township, county, year FROM reports WHERE id IN (SELECT unnest(?))", [ids])
    found = first[first.report_id.isin(ids)].merge(meta, on="report_id").sort_values(["report_id", "ord"])
    return _hits(found, words)


def search_all(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, words: tuple[str, ...]) -> pd.DataFrame:
    """Every hit under the filters (what the CSV holds), columns as :func:`search_page`."""
    if not words:
        return pd.DataFrame(columns=HIT_COLUMNS)
    ctes, params = _candidates(filters, words)
    found = frame(
        con,
        f"""
        WITH {ctes}
        SELECT sec.report_id, r.file, r.township, r.county, r.year, sec.ord, sec.kind, sec.heading, sec.text
        FROM sec JOIN reports r ON r.id = sec.report_id ORDER BY sec.report_id, sec.ord""",
        params,
    )
    return _hits(found, words)


# the sections' sentences, split as the counts split them (every section, empty pieces left out),
# kept by the refresh (analysis.refresh.precompute) for the counts: a contains() over this narrow
# column counts hits without splitting every matching section at query time
SENTENCE_TABLE = "search_sentences"
SENTENCES_KEY = "search_sentences"  # meta: the store version the table was last brought up to date for
# each of ！？!? and a line break made a 。 (replace five times: the split of 26 MB of sections in 0.2 s, translate took 0.65 s)
SPLIT = "unnest(string_split(replace(replace(replace(replace(replace(s.text, '！', '。'), '？', '。'), '!', '。'), '?', '。'), chr(10), '。'), '。'))"
SENTENCES_SQL = f"""
SELECT report_id, kind, sentence FROM (SELECT s.report_id, s.kind, {SPLIT} AS sentence FROM sections s WHERE {{scope}})
WHERE sentence <> '' ORDER BY report_id"""
COUNT_COLUMNS = ["year", "township", "county", "reports", "sentences"]
_COUNT = """SELECT r.year, r.township, r.county, CAST(count(DISTINCT x.report_id) AS BIGINT) AS reports, CAST(count(*) AS BIGINT) AS sentences
        FROM x JOIN reports r ON r.id = x.report_id GROUP BY ALL ORDER BY sentences DESC, r.year, r.township"""


def sentences_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when :data:`SENTENCE_TABLE` holds the sentences of every stored section."""
    try:
        stored = con.execute("SELECT value FROM meta WHERE key = ?", [SENTENCES_KEY]).fetchall()
    except duckdb.CatalogException:
        return False
    return bool(stored) and stored[0][0] == version(con) and has_tables(con, SENTENCE_TABLE)


def search_counts(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, words: tuple[str, ...]) -> pd.DataFrame:
    """Hits per report year and township: year, township, county, reports (with a hit), sentences
    (hits); most hits first. Sentences are split in SQL by the same rule as :func:`sentences_of`:
    read from the stored sentence table when it is up to date, else split from the matching
    sections here (ten times slower for a word in nearly every report)."""
    if not words:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    holds = " AND ".join("contains(x.sentence, ?)" for _ in words)
    if sentences_current(con):
        where, params = filters.where()
        kinds, kparams = filters.kind_where("x.kind")
        # hits counted per report in the scan, then joined to the reports (not a distinct count over every hit)
        return frame(
            con,
            f"""WITH x AS (SELECT x.report_id, count(*) AS n FROM {SENTENCE_TABLE} x WHERE {kinds} AND {holds} GROUP BY x.report_id)
            SELECT r.year, r.township, r.county, CAST(count(*) AS BIGINT) AS reports, CAST(sum(x.n) AS BIGINT) AS sentences
            FROM x JOIN reports r ON r.id = x.report_id WHERE {where} GROUP BY ALL ORDER BY sentences DESC, r.year, r.township""",
            kparams + list(words) + params,
        )
    ctes, params = _candidates(filters, words)
    return frame(
        con,
        f"""
        WITH {ctes},
        split AS (SELECT s.report_id, {SPLIT} AS sentence FROM sec s),
        x AS (SELECT x.report_id FROM split x WHERE {holds})
        {_COUNT}""",
        params + list(words),
    )
