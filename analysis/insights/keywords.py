"""Keyword frequencies, distinctive terms and keyword-in-context, from the stored term counts.

Nothing here segments text again: term counts were stored per section at ingest. Views that
filter only by year and at most one section kind are answered from ``term_year``
(:mod:`analysis.storage.summary`) instead of the per-section counts, with the same result.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

import duckdb
import numpy as np
import pandas as pd

from analysis.parse.segment import stopwords
from analysis.parse.sentences import split_sentences
from analysis.storage import precomputed, summary
from analysis.storage.filters import ALL, Filters
from analysis.storage.store import frame

GroupBy = Literal["report", "township", "year", "kind"]
GROUP_COLUMN = {"report": "sc.file", "township": "sc.township", "year": "CAST(sc.year AS VARCHAR)", "kind": "sc.kind"}
KWIC_WIDTH = 30


def _scope(filters: Filters) -> tuple[str, list]:
    """CTE ``scope`` of (report_id, section ord) pairs under the filters."""
    where, params = filters.where()
    kw, kparams = filters.kind_where()
    sql = f"""scope AS (
        SELECT s.report_id, s.ord, s.kind, s.tokens, r.township, r.year, r.file
        FROM sections s JOIN reports r ON r.id = s.report_id WHERE {where} AND {kw})"""
    return sql, params + kparams


def _summary_where(con: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[str, list] | None:
    """The condition on ``term_year`` rows (alias ``ty``) that covers the same sections as
    ``filters``, or None when the summary cannot answer (place or report filters, several kinds,
    no summary in this store)."""
    if filters.provinces or filters.counties or filters.townships or filters.report_ids or len(filters.kinds) > 1:
        return None
    if not summary.available(con):
        return None
    parts, params = ["ty.kind = ?"], [filters.kinds[0] if filters.kinds else summary.ALL_KINDS]
    if filters.year_range:
        parts.append("ty.year BETWEEN ? AND ?")
        params += list(filters.year_range)
    if filters.years:
        parts.append(f"ty.year IN ({', '.join('?' * len(filters.years))})")
        params += list(filters.years)
    return " AND ".join(parts), params


def total_tokens(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> int:
    """Tokens (words, not punctuation) in the filtered sections: the per-10,000 denominator."""
    scope, params = _scope(filters)
    return int(frame(con, f"WITH {scope} SELECT coalesce(sum(tokens), 0) AS n FROM scope", params).n.iloc[0])


def keyword_table(
    con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, top_n: int = 100, include_stopwords: bool = False
) -> pd.DataFrame:
    """The most frequent terms: term, count, per_10k, reports, townships (count desc, then term).

    Reports and townships are counted for the top terms only (distinct counts over every
    term are what a large store makes slow).
    """
    if filters == ALL and top_n <= precomputed.KEYWORDS_TOP:
        stored = precomputed.read(con, "keywords_all" if include_stopwords else "keywords")
        if stored is not None:
            return stored.head(top_n)
    scope, params = _scope(filters)
    stop = [] if include_stopwords else sorted(stopwords())
    fast = _summary_where(con, filters)
    df = (
        _keyword_table_summary(con, filters, fast, stop, top_n)
        if fast
        else frame(
            con,
            f"""
        WITH {scope},
        top AS (
            SELECT t.term, CAST(sum(t.n) AS BIGINT) AS count
            FROM terms t SEMI JOIN scope sc ON sc.report_id = t.report_id AND sc.ord = t.section
            WHERE NOT list_contains(?::VARCHAR[], t.term)
            GROUP BY t.term ORDER BY count DESC, t.term LIMIT ?),
        spread AS (
            SELECT t.term, count(DISTINCT t.report_id) AS reports, count(DISTINCT sc.township) AS townships
            FROM terms t JOIN scope sc ON sc.report_id = t.report_id AND sc.ord = t.section
            WHERE t.term IN (SELECT term FROM top) GROUP BY t.term)
        SELECT top.term, top.count, coalesce(spread.reports, 0) AS reports, coalesce(spread.townships, 0) AS townships
        FROM top LEFT JOIN spread USING (term) ORDER BY top.count DESC, top.term""",
            params + [stop, top_n],
        )
    )
    total = total_tokens(con, filters)
    df.insert(2, "per_10k", (df["count"] * 10_000 / total).round(2) if total else 0.0)
    return df


def _keyword_table_summary(
    con: duckdb.DuckDBPyConnection, filters: Filters, fast: tuple[str, list], stop: list[str], top_n: int
) -> pd.DataFrame:
    """keyword_table's term, count, reports, townships from ``term_year``; only the townships
    of the top terms are counted from the per-section rows (a distinct count is not a sum)."""
    top = _top_terms(con, fast, stop, top_n)
    return _with_townships(top, _townships(con, filters, top.term.tolist()))


def _top_terms(con: duckdb.DuckDBPyConnection, fast: tuple[str, list], stop: list[str], top_n: int) -> pd.DataFrame:
    cond, params = fast
    return frame(
        con,
        f"""
        SELECT ty.term, CAST(sum(ty.n) AS BIGINT) AS count, CAST(sum(ty.reports) AS BIGINT) AS reports
        FROM term_year ty WHERE {cond} AND NOT list_contains(?::VARCHAR[], ty.term)
        GROUP BY ty.term HAVING sum(ty.n) > 0 ORDER BY count DESC, ty.term LIMIT ?""",
        params + [stop, top_n],
    )


def _townships(con: duckdb.DuckDBPyConnection, filters: Filters, terms: list[str]) -> pd.DataFrame:
    """term, townships: how many townships' filtered sections use each of ``terms``."""
    if filters.kinds:
        scope, sparams = _scope(filters)
        spread = f"""WITH {scope} SELECT t.term, count(DISTINCT sc.township) AS townships
            FROM terms t JOIN scope sc ON sc.report_id = t.report_id AND sc.ord = t.section"""
    else:  # every section: the report's township is all that is needed
        where, sparams = filters.where()
        spread = f"""SELECT t.term, count(DISTINCT r.township) AS townships
            FROM terms t JOIN reports r ON r.id = t.report_id AND {where}"""
    # a semi-join on the terms, not list_contains on each of millions of term rows (0.22 → 0.14 s at 10,000 reports)
    return frame(con, f"{spread} WHERE t.term IN (SELECT unnest(?::VARCHAR[])) GROUP BY t.term", sparams + [terms])


def _townships_after(con: duckdb.DuckDBPyConnection, terms: list[str], known: dict[str, int], added: list[int]) -> pd.DataFrame:
    """term, townships of every report: a term's count before the reports ``added`` (``known``),
    plus the added reports' townships whose earlier reports never used it (terms not in
    ``known`` are counted in full)."""
    old = [t for t in terms if t in known]
    parts = [_townships(con, ALL, [t for t in terms if t not in known])] if len(old) < len(terms) else []
    if old:
        plus = frame(
            con,
            """WITH towns AS (SELECT DISTINCT township FROM reports WHERE list_contains($added, id) AND township IS NOT NULL),
                    presence AS (
                        SELECT t.term, r.township, bool_or(list_contains($added, r.id)) AS now, bool_or(NOT list_contains($added, r.id)) AS before
                        FROM terms t JOIN reports r ON r.id = t.report_id
                        WHERE t.report_id IN (SELECT id FROM reports WHERE township IN (SELECT township FROM towns))
                          AND list_contains($terms, t.term)
                        GROUP BY t.term, r.township)
               SELECT term, count(*) FILTER (WHERE now AND NOT before) AS plus FROM presence GROUP BY term""",
            {"added": added, "terms": old},
        )
        counts = pd.DataFrame({"term": old, "townships": [known[t] for t in old]}).merge(plus, on="term", how="left")
        counts["townships"] = counts.townships + counts.plus.fillna(0).astype("int64")
        parts.append(counts[["term", "townships"]])
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame({"term": [], "townships": []})


def _with_townships(top: pd.DataFrame, towns: pd.DataFrame) -> pd.DataFrame:
    df = top.merge(towns, on="term", how="left")
    df["townships"] = df["townships"].fillna(0).astype("int64")
    return df[["term", "count", "reports", "townships"]]


def keyword_tables(
    con: duckdb.DuckDBPyConnection,
    filters: Filters = ALL,
    *,
    top_n: int = 100,
    known: dict[str, int] | None = None,
    added: list[int] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`keyword_table` without and with stopwords, the townships of both counted in one
    pass (what the stored unfiltered views hold).

    ``known`` and ``added`` (unfiltered only): the townships of terms counted before the reports
    ``added`` were stored (nothing removed since); those terms' counts are brought up to date
    from the added reports' townships alone instead of a scan of every term row."""
    fast = _summary_where(con, filters)
    if not fast:
        return keyword_table(con, filters, top_n=top_n), keyword_table(con, filters, top_n=top_n, include_stopwords=True)
    tops = [_top_terms(con, fast, stop, top_n) for stop in (sorted(stopwords()), [])]
    terms = sorted(set(tops[0].term) | set(tops[1].term))
    if known is not None and added is not None and filters == ALL:
        towns = _townships_after(con, terms, known, added)
    else:
        towns = _townships(con, filters, terms)
    total = total_tokens(con, filters)
    out = []
    for top in tops:
        df = _with_townships(top, towns)
        df.insert(2, "per_10k", (df["count"] * 10_000 / total).round(2) if total else 0.0)
        out.append(df)
    return out[0], out[1]


def keyword_counts_by(
    con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, terms: list[str] | tuple[str, ...], by: GroupBy = "year"
) -> pd.DataFrame:
    """Counts of chosen terms per group: group, term, count, tokens, per_10k (every group × term)."""
    scope, params = _scope(filters)
    col = GROUP_COLUMN[by]
    groups = frame(con, f"WITH {scope} SELECT {col} AS grp, CAST(sum(sc.tokens) AS BIGINT) AS tokens FROM scope sc GROUP BY grp", params)
    fast = _summary_where(con, filters) if by == "year" else None
    if fast:
        cond, fparams = fast
        counts = frame(
            con,
            f"""
            SELECT CASE WHEN ty.year = 0 THEN NULL ELSE CAST(ty.year AS VARCHAR) END AS grp, ty.term, CAST(sum(ty.n) AS BIGINT) AS count
            FROM term_year ty WHERE {cond} AND list_contains(?::VARCHAR[], ty.term) GROUP BY grp, ty.term HAVING sum(ty.n) > 0""",
            fparams + [list(terms)],
        )
    else:
        counts = frame(
            con,
            f"""
        WITH {scope}
        SELECT {col} AS grp, t.term, CAST(sum(t.n) AS BIGINT) AS count
        FROM terms t JOIN scope sc ON sc.report_id = t.report_id AND sc.ord = t.section
        WHERE list_contains(?::VARCHAR[], t.term) GROUP BY grp, t.term""",
            params + [list(terms)],
        )
    grid = groups.merge(pd.DataFrame({"term": list(dict.fromkeys(terms))}), how="cross")
    out = grid.merge(counts, on=["grp", "term"], how="left").fillna({"count": 0})
    out["count"] = out["count"].astype("int64")
    out["per_10k"] = np.where(out.tokens > 0, (out["count"] * 10_000 / out.tokens.replace(0, 1)).round(2), 0.0)
    out = out.rename(columns={"grp": by})[[by, "term", "count", "tokens", "per_10k"]]
    return out.sort_values([by, "term"], kind="stable").reset_index(drop=True)


def distinctive_terms(
    con: duckdb.DuckDBPyConnection,
    filters: Filters = ALL,
    *,
    by: Literal["township", "year"] = "township",
    group: str | None = None,
    top_n: int = 15,
    min_count: int = 2,
) -> pd.DataFrame:
    """Terms over-used by each township (or year) against the rest: <by>, term, count, zscore.

    Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008);
    stopwords are left out. Top ``top_n`` per group by z-score. With ``group`` only that
    township (or year) is scored against all the others, which stays fast on large corpora.
    """
    fast = _summary_where(con, filters) if group is not None else None
    if fast:
        counts = _distinctive_counts_summary(con, filters, fast, by=by, group=str(group))
        out = log_odds(counts, top_n=top_n, min_count=min_count)
        return out[out.group == str(group)].reset_index(drop=True).rename(columns={"group": by})
    scope, params = _scope(filters)
    col = GROUP_COLUMN[by]
    label = f"CASE WHEN {col} = ? THEN {col} ELSE NULL END" if group is not None else col
    counts = frame(
        con,
        f"""
        WITH {scope}
        SELECT coalesce({label}, ' 其余') AS grp, t.term, CAST(sum(t.n) AS BIGINT) AS count
        FROM terms t JOIN scope sc ON sc.report_id = t.report_id AND sc.ord = t.section
        WHERE {col} IS NOT NULL AND NOT list_contains(?::VARCHAR[], t.term)
        GROUP BY grp, t.term""",
        params + ([str(group)] if group is not None else []) + [sorted(stopwords())],
    )
    out = log_odds(counts, top_n=top_n, min_count=min_count)
    if group is not None:
        out = out[out.group == str(group)].reset_index(drop=True)
    return out.rename(columns={"group": by})


def _distinctive_counts_summary(
    con: duckdb.DuckDBPyConnection, filters: Filters, fast: tuple[str, list], *, by: str, group: str
) -> pd.DataFrame:
    """grp (``group`` or " 其余"), term, count for one group against the rest: the rest is the
    summary's total (by township: of reports whose township is known) less the group."""
    cond, params = fast
    stop = sorted(stopwords())
    if by == "year":
        return frame(
            con,
            f"""
            SELECT CASE WHEN CAST(ty.year AS VARCHAR) = ? THEN CAST(ty.year AS VARCHAR) ELSE ' 其余' END AS grp, ty.term,
                   CAST(sum(ty.n) AS BIGINT) AS count
            FROM term_year ty WHERE {cond} AND ty.year <> 0 AND NOT list_contains(?::VARCHAR[], ty.term) GROUP BY grp, ty.term HAVING sum(ty.n) > 0""",
            [group] + params + [stop],
        )
    total = frame(
        con,
        f"""SELECT ty.term, CAST(sum(ty.n) AS BIGINT) AS count FROM term_year ty
            WHERE {cond} AND ty.located AND NOT list_contains(?::VARCHAR[], ty.term) GROUP BY ty.term HAVING sum(ty.n) > 0""",
        params + [stop],
    ).set_index("term")["count"]
    mine = _term_counts(con, replace(filters, townships=(group,)), stop)
    rest = total.sub(mine, fill_value=0)
    rest = rest[rest > 0].astype("int64")
    return pd.concat(
        [
            pd.DataFrame({"grp": group, "term": mine.index, "count": mine.to_numpy()}),
            pd.DataFrame({"grp": " 其余", "term": rest.index, "count": rest.to_numpy()}),
        ],
        ignore_index=True,
    )


def _term_counts(con: duckdb.DuckDBPyConnection, filters: Filters, stop: list[str]) -> pd.Series:
    """term → occurrences in the filtered sections (stopwords left out)."""
    scope, params = _scope(filters)
    df = frame(
        con,
        f"""
        WITH {scope}
        SELECT t.term, CAST(sum(t.n) AS BIGINT) AS count
        FROM terms t JOIN scope sc ON sc.report_id = t.report_id AND sc.ord = t.section
        WHERE NOT list_contains(?::VARCHAR[], t.term) GROUP BY t.term""",
        params + [stop],
    )
    return df.set_index("term")["count"]


def log_odds(counts: pd.DataFrame, *, top_n: int = 15, min_count: int = 2) -> pd.DataFrame:
    """Weighted log-odds z-scores from a long frame (grp, term, count): group, term, count, zscore."""
    if counts.empty or counts.grp.nunique() < 2:
        return pd.DataFrame(
            {
                "group": pd.Series(dtype=str),
                "term": pd.Series(dtype=str),
                "count": pd.Series(dtype="int64"),
                "zscore": pd.Series(dtype=float),
            }
        )
    totals = counts.groupby("term")["count"].sum()
    alpha0 = float(totals.sum())
    alpha = counts.term.map(totals).astype(float)
    n_group = counts.grp.map(counts.groupby("grp")["count"].sum()).astype(float)
    y_g = counts["count"].astype(float)
    y_r = alpha - y_g
    n_rest = alpha0 - n_group
    delta = np.log((y_g + alpha) / (n_group + alpha0 - y_g - alpha)) - np.log((y_r + alpha) / (n_rest + alpha0 - y_r - alpha))
    z = delta / np.sqrt(1 / (y_g + alpha) + 1 / (y_r + alpha))
    out = counts.assign(zscore=z.round(3))
    out = out[out["count"] >= min_count].sort_values(["grp", "zscore", "term"], ascending=[True, False, True])
    out = out.groupby("grp", sort=True).head(top_n)
    return out.rename(columns={"grp": "group"})[["group", "term", "count", "zscore"]].reset_index(drop=True)


KWIC_LIMIT = 500  # lines the dashboard lists at once (kwic_total says how many there are)


def kwic_total(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, term: str) -> pd.DataFrame:
    """How many lines :func:`kwic` would give without a limit: one row, lines (occurrences of
    ``term`` in the filtered sections) and reports (that contain it)."""
    term = term.strip()
    if not term:
        return pd.DataFrame({"lines": [0], "reports": [0]})
    where, params = filters.where()
    kw, kparams = filters.kind_where()
    return frame(
        con,
        f"""
        SELECT coalesce(sum((length(s.text) - length(replace(s.text, ?, ''))) // length(?)), 0)::BIGINT AS lines,
               count(DISTINCT s.report_id) AS reports
        FROM sections s
        WHERE {kw} AND contains(s.text, ?) AND s.report_id IN (SELECT r.id FROM reports r WHERE {where})""",
        [term, term] + kparams + [term] + params,
    )


def kwic(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, term: str, limit: int | None = KWIC_LIMIT) -> pd.DataFrame:
    """Sentences containing ``term`` (at most ``limit``; None: all of them, see :func:`kwic_total`):
    report_id, file, township, year, section, kind, left, keyword, right, sentence, by township and year.

    They come from the first sections that contain it in the order reports were stored (report
    id, then section), which a large store finds without reading every section."""
    columns = ["report_id", "file", "township", "year", "section", "kind", "left", "keyword", "right", "sentence"]
    term = term.strip()
    if not term:
        return pd.DataFrame(columns=columns)
    where, params = filters.where()
    kw, kparams = filters.kind_where()
    sections = frame(
        con,
        f"""
        WITH hits AS (
            SELECT s.report_id, s.ord, s.heading, s.kind, s.text FROM sections s
            WHERE {kw} AND contains(s.text, ?) AND s.report_id IN (SELECT r.id FROM reports r WHERE {where})
            ORDER BY s.report_id, s.ord LIMIT {"?" if limit is not None else "ALL"})
        SELECT r.id AS report_id, r.file, r.township, r.year, h.heading AS section, h.kind, h.text
        FROM hits h JOIN reports r ON r.id = h.report_id ORDER BY h.report_id, h.ord""",
        kparams + [term] + params + ([limit] if limit is not None else []),
    )
    rows = []
    pattern = re.compile(re.escape(term))
    for sec in sections.itertuples(index=False):
        for sentence in split_sentences(sec.text):
            for m in pattern.finditer(sentence):
                left = sentence[max(0, m.start() - KWIC_WIDTH) : m.start()]
                right = sentence[m.end() : m.end() + KWIC_WIDTH]
                rows.append(
                    (sec.report_id, sec.file, sec.township, sec.year, sec.section or "（前言）", sec.kind, left, term, right, sentence)
                )
    out = pd.DataFrame(rows[:limit] if limit is not None else rows, columns=columns)
    # by township and year for reading; a stable sort keeps each report's sentences in text order
    return out.sort_values(["township", "year", "report_id"], kind="stable", na_position="last").reset_index(drop=True)
