"""Report similarity and copied text.

Copying is found through sentence hashes stored at ingest (see :mod:`analysis.parse.sentences`):
two reports are candidates when they share a sentence of 20+ characters that at most
``max_df`` reports contain. A sentence in more reports than that is common boilerplate
(套话), not copying, and does not make pairs; it still counts in ``shared_chars`` of a pair
found otherwise. This keeps the work linear in the corpus instead of all pairs of reports.
Cosine is TF-IDF over the stored term counts, computed only for the pairs asked about.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.parse.sentences import normalise, split_sentences
from analysis.storage.filters import ALL, Filters
from analysis.storage.store import frame

DEFAULT_MAX_DF = 50
DEFAULT_LIMIT = 5000


def _sentences_cte(filters: Filters) -> tuple[str, list]:
    where, params = filters.where()
    sql = f"""
        r AS (SELECT id, township, year, file FROM reports r WHERE {where}),
        raw AS (
            SELECT s.report_id, unnest(s.sent_hashes) AS h, unnest(s.sent_chars) AS c
            FROM sections s JOIN r ON r.id = s.report_id),
        sent AS (SELECT report_id, h, max(c) AS c FROM raw GROUP BY report_id, h),
        total AS (SELECT report_id, sum(c) AS chars FROM sent GROUP BY report_id)"""
    return sql, params


def copy_pairs(
    con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, max_df: int = DEFAULT_MAX_DF, limit: int = DEFAULT_LIMIT
) -> pd.DataFrame:
    """Pairs of reports sharing text: report_a, report_b, township_a, year_a, township_b, year_b,
    relation (跨乡镇 / 同乡镇), shared_sentences, shared_chars, shared_ratio, cosine.

    ``shared_ratio`` is shared characters over the shorter report's sentence characters.
    Sorted by shared_chars descending; at most ``limit`` rows.
    """
    return copy_pair_ids(con, filters, max_df=max_df, limit=limit).drop(columns=["id_a", "id_b"])


def copy_pair_ids(
    con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, max_df: int = DEFAULT_MAX_DF, limit: int = DEFAULT_LIMIT
) -> pd.DataFrame:
    """:func:`copy_pairs` with the two reports' store ids (id_a, id_b) as the last columns."""
    ctes, params = _sentences_cte(filters)
    pairs = frame(
        con,
        f"""
        WITH {ctes},
        rare AS (SELECT h FROM sent GROUP BY h HAVING count(*) BETWEEN 2 AND ?),
        cand AS (
            SELECT DISTINCT a.report_id AS ra, b.report_id AS rb
            FROM sent a JOIN sent b ON a.h = b.h AND a.report_id < b.report_id
            WHERE a.h IN (SELECT h FROM rare)),
        shared AS (
            SELECT cand.ra, cand.rb, count(*) AS shared_sentences, sum(least(a.c, b.c)) AS shared_chars
            FROM cand JOIN sent a ON a.report_id = cand.ra JOIN sent b ON b.report_id = cand.rb AND b.h = a.h
            GROUP BY cand.ra, cand.rb)
        SELECT ra.file AS report_a, rb.file AS report_b, ra.township AS township_a, ra.year AS year_a,
               rb.township AS township_b, rb.year AS year_b,
               CASE WHEN ra.township = rb.township THEN '同乡镇' ELSE '跨乡镇' END AS relation,
               shared.shared_sentences, CAST(shared.shared_chars AS BIGINT) AS shared_chars,
               round(shared.shared_chars / least(ta.chars, tb.chars), 3) AS shared_ratio,
               shared.ra AS id_a, shared.rb AS id_b
        FROM shared JOIN r ra ON ra.id = shared.ra JOIN r rb ON rb.id = shared.rb
        JOIN total ta ON ta.report_id = shared.ra JOIN total tb ON tb.report_id = shared.rb
        ORDER BY shared_chars DESC, report_a, report_b LIMIT ?""",
        params + [max_df, limit],
    )
    cos = cosines(con, list(zip(pairs.id_a, pairs.id_b)), filters)
    pairs.insert(len(pairs.columns) - 2, "cosine", [cos.get((a, b), 0.0) for a, b in zip(pairs.id_a, pairs.id_b)])
    return pairs


def cosines(con: duckdb.DuckDBPyConnection, pairs: list[tuple[int, int]], filters: Filters = ALL) -> dict[tuple[int, int], float]:
    """TF-IDF cosine (sublinear tf, idf over the filtered reports) for the given report id pairs."""
    if not pairs:
        return {}
    where, params = filters.where()
    pair_frame = pd.DataFrame(pairs, columns=["ra", "rb"])
    out = frame(
        con,
        f"""
        WITH r AS (SELECT id FROM reports r WHERE {where}),
        ids AS (SELECT ra AS id FROM _pairs UNION SELECT rb FROM _pairs),
        tf AS (SELECT t.report_id, t.term, sum(t.n) AS n FROM terms t JOIN r ON r.id = t.report_id GROUP BY ALL),
        idf AS (SELECT term, ln((SELECT count(*) FROM r) / count(*)) + 1 AS idf FROM tf GROUP BY term),
        w AS (SELECT tf.report_id, tf.term, (1 + ln(tf.n)) * idf.idf AS w
              FROM tf JOIN idf USING (term) WHERE tf.report_id IN (SELECT id FROM ids)),
        norm AS (SELECT report_id, sqrt(sum(w * w)) AS nrm FROM w GROUP BY report_id),
        dot AS (SELECT p.ra, p.rb, sum(a.w * b.w) AS d FROM _pairs p
                JOIN w a ON a.report_id = p.ra JOIN w b ON b.report_id = p.rb AND b.term = a.term GROUP BY p.ra, p.rb)
        SELECT p.ra, p.rb, round(coalesce(dot.d, 0) / (na.nrm * nb.nrm), 3) AS cosine
        FROM _pairs p LEFT JOIN dot ON dot.ra = p.ra AND dot.rb = p.rb
        JOIN norm na ON na.report_id = p.ra JOIN norm nb ON nb.report_id = p.rb""",
        params,
        tables={"_pairs": pair_frame},
    )
    return {(int(a), int(b)): float(c) for a, b, c in out.itertuples(index=False)}


def _report_labels(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """id, township, year, label (「肖咀镇 2023」; the file name added where two reports would read alike),
    by township, year and id."""
    where, params = filters.where()
    reports = frame(
        con,
        f"""SELECT id, township, year, file,
                   coalesce(township, '乡镇未知') || ' ' || coalesce(CAST(year AS VARCHAR), '年度未知') AS label
            FROM reports r WHERE {where} ORDER BY township, year, id""",
        params,
    )
    twice = reports.label.duplicated(keep=False)
    reports.loc[twice, "label"] = reports.label[twice] + "（" + reports.file[twice] + "）"
    return reports.drop(columns=["file"])


def _symmetric_cosines(con: duckdb.DuckDBPyConnection, ids: list[int], filters: Filters) -> dict[tuple[int, int], float]:
    """The cosine of every pair of ``ids``, under both orders of each pair."""
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    cos = cosines(con, pairs, filters)
    return {**cos, **{(b, a): c for (a, b), c in cos.items()}}


def cosine_matrix(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """All-pairs cosine of the filtered reports (for a few dozen reports, e.g. 10 townships × 7 years):
    report_a, report_b, label_a, label_b, cosine (both orders and the diagonal; symmetric)."""
    reports = _report_labels(con, filters)
    ids = [int(i) for i in reports.id]
    cos = _symmetric_cosines(con, ids, filters)
    label = dict(zip(ids, reports.label))
    rows = [(a, b, label[a], label[b], 1.0 if a == b else cos.get((a, b), 0.0)) for a in ids for b in ids]
    return pd.DataFrame(rows, columns=["report_a", "report_b", "label_a", "label_b", "cosine"])


def cosine_pairs(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """Each pair of filtered reports once (no report with itself): township_a, year_a, township_b,
    year_b, cosine, report_a, report_b (store ids), most similar first."""
    reports = _report_labels(con, filters)
    ids = [int(i) for i in reports.id]
    cos = cosines(con, [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]], filters)
    place = {int(r.id): (r.township, r.year) for r in reports.itertuples(index=False)}
    rows = [(*place[a], *place[b], c, a, b) for (a, b), c in cos.items()]
    out = pd.DataFrame(rows, columns=["township_a", "year_a", "township_b", "year_b", "cosine", "report_a", "report_b"])
    return out.sort_values(["cosine", "report_a", "report_b"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def township_cosine_matrix(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """Townships by townships: township_a, township_b, cosine (the mean over the pairs of their
    reports; a township with itself: the mean over its own reports of different years, NaN with
    one report), pairs (how many report pairs the mean is over). Both orders; symmetric."""
    reports = _report_labels(con, filters).dropna(subset=["township"])
    ids = [int(i) for i in reports.id]
    cos = _symmetric_cosines(con, ids, filters)
    town = dict(zip(ids, reports.township))
    rows = [(town[a], town[b], cos.get((a, b), 0.0)) for a in ids for b in ids if a != b]
    pairs = pd.DataFrame(rows, columns=["township_a", "township_b", "cosine"])
    names = sorted(set(town.values()))
    grid = pd.MultiIndex.from_product([names, names], names=["township_a", "township_b"])
    out = pairs.groupby(["township_a", "township_b"]).cosine.agg(["mean", "size"]).reindex(grid).reset_index()
    out["pairs"] = out["size"].fillna(0).astype(int)
    same = out.township_a == out.township_b
    out.loc[same, "pairs"] //= 2  # a township's own pairs were counted in both orders
    return out.rename(columns={"mean": "cosine"})[["township_a", "township_b", "cosine", "pairs"]]


def shared_passages(con: duckdb.DuckDBPyConnection, report_a: int, report_b: int) -> pd.DataFrame:
    """Passages of consecutive sentences shared by two reports: passage, chars, sentences, start_a, start_b."""
    by_id = {row.id: row for row in _report_texts(con, [report_a, report_b]).itertuples(index=False)}
    if report_a not in by_id or report_b not in by_id:
        return pd.DataFrame(columns=["passage", "chars", "sentences", "start_a", "start_b"])
    return passages_between(
        by_id[report_a].text,
        by_id[report_b].text,
        [by_id[report_a].township, by_id[report_a].county],
        [by_id[report_b].township, by_id[report_b].county],
    )


def _report_texts(con: duckdb.DuckDBPyConnection, ids: list[int]) -> pd.DataFrame:
    """id, township, county, text (its sections joined, in order) of the reports ``ids``."""
    return frame(
        con,
        """
        SELECT r.id, r.township, r.county, string_agg(s.text, '\n' ORDER BY s.ord) AS text
        FROM reports r JOIN sections s ON s.report_id = r.id WHERE r.id IN (SELECT unnest(?)) GROUP BY r.id, r.township, r.county""",
        [ids],
    )


def passages_between(text_a: str, text_b: str, places_a: list = (), places_b: list = (), *, min_chars: int = 20) -> pd.DataFrame:
    """Shared runs of sentences (normalised as for hashing) between two texts, in text A's order."""
    sa, sb = split_sentences(text_a), split_sentences(text_b)
    ka, kb = [normalise(s, places_a) for s in sa], [normalise(s, places_b) for s in sb]
    rows = [("".join(sa[i : i + n]), sum(len(x) for x in sa[i : i + n]), n, i, j) for i, j, n in _runs(ka, kb, min_chars)]
    return pd.DataFrame(rows, columns=["passage", "chars", "sentences", "start_a", "start_b"])


def _runs(ka: list[str], kb: list[str], min_chars: int) -> list[list[int]]:
    """[start in A, start in B, sentences] of each run of consecutive sentence keys A and B share (keys of at least
    ``min_chars``; a key of B at its first place)."""
    where_b: dict[str, int] = {}
    for j, key in enumerate(kb):
        where_b.setdefault(key, j)
    runs: list[list[int]] = []
    for i, key in enumerate(ka):
        j = where_b.get(key) if len(key) >= min_chars else None
        if j is None:
            continue
        if runs and runs[-1][0] + runs[-1][2] == i and runs[-1][1] + runs[-1][2] == j:
            runs[-1][2] += 1
        else:
            runs.append([i, j, 1])
    return runs


def longest_shared_passages(con: duckdb.DuckDBPyConnection, pairs: list[tuple[int, int]], *, min_chars: int = 20) -> list[int]:
    """For each (report_a, report_b) of ``pairs``: the characters of the longest passage they share
    (:func:`shared_passages`' largest ``chars``; 0 when none or a report is gone) — the reports read in one
    query and each split once, however many pairs it is in (the brief asked 5,000 pairs one query each)."""
    ids = sorted({int(i) for pair in pairs for i in pair})
    if not ids:
        return []
    split = {}
    for row in _report_texts(con, ids).itertuples(index=False):
        sentences = split_sentences(row.text)
        split[row.id] = (sentences, [normalise(s, [row.township, row.county]) for s in sentences])
    out = []
    for a, b in pairs:
        if a not in split or b not in split:
            out.append(0)
            continue
        (sa, ka), (_, kb) = split[a], split[b]
        out.append(max((sum(len(x) for x in sa[i : i + n]) for i, _, n in _runs(ka, kb, min_chars)), default=0))
    return out


def copied_passages_by_place(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, pairs: int = 10) -> pd.DataFrame:
    """The shared passages of the ``pairs`` report pairs sharing most text, named by place and year:
    township_a, year_a, township_b, year_b, passage, chars, sentences (longest passages of the
    most copied pair first)."""
    columns = ["township_a", "year_a", "township_b", "year_b", "passage", "chars", "sentences"]
    frames = []
    for row in copy_pair_ids(con, filters, limit=pairs).itertuples(index=False):
        found = shared_passages(con, int(row.id_a), int(row.id_b)).sort_values("chars", ascending=False, kind="stable")
        frames.append(found.assign(township_a=row.township_a, year_a=row.year_a, township_b=row.township_b, year_b=row.year_b)[columns])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
