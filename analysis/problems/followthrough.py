"""Plan follow-through: did township T do in year Y+1 what it planned in its year-Y report?

Each plan item is compared with every achievement paragraph of T's next-year report using
a mixed similarity of concepts and wording (character-bigram TF-IDF, the wording's IDF T's
own); the best match at or above
``threshold`` counts as followed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from analysis.parse.themes import taxonomy
from analysis.problems.vectors import grouped_tfidf, unit_rows

DEFAULT_THRESHOLD = 0.35
CONCEPT_WEIGHT = 0.5
FOLLOWED, NOT_FOUND, NO_REPORT = "已落实", "未见落实", "无次年报告"
PLANS_PER_STEP = 1_000  # plans (whole townships) compared with their achievements at a time
COLUMNS = ["report_id", "ord", "township", "plan_year", "plan", "status", "matched_year", "matched_text", "score"]


def follow_through(plans: pd.DataFrame, achievements: pd.DataFrame, *, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Match plans to next-year achievements.

    ``plans`` and ``achievements``: report_id, ord, township, year, text, concepts.
    Returns report_id, ord, township, plan_year, plan, status, matched_year, matched_text, score.

    A township's result depends on its own reports only: the wording IDF of its texts is fitted
    on its own plans and achievements (words it uses every year weigh little, words particular
    to one plan weigh much), so adding a report changes the follow-through of its township and
    no other (:func:`analysis.refresh.derived.update` relies on it). Townships are worked through
    :data:`PLANS_PER_STEP` plans at a time, so memory stays flat however large the corpus.
    """
    if plans.empty:
        return pd.DataFrame(columns=COLUMNS)
    plans = plans.reset_index(drop=True)
    # achievements in township order, by year within it, so that the achievements of a run of
    # townships are one range of rows
    achievements = achievements[achievements.township.notna()].sort_values(["township", "year"], kind="stable").reset_index(drop=True)
    plan_texts, ach_texts = (_arrow(df.text, pa.large_string()) for df in (plans, achievements))
    plan_hits, ach_hits = (_arrow(df.concepts, pa.list_(pa.int32())) for df in (plans, achievements))
    slots = achievements.groupby(["township", "year"]).indices
    ranges = [slots.get((t, y + 1)) for t, y in zip(plans.township, plans.year)]
    first = np.array([r[0] if r is not None else 0 for r in ranges], dtype=np.int64)
    count = np.array([len(r) if r is not None else 0 for r in ranges], dtype=np.int64)
    towns = achievements.groupby("township").indices  # township → its achievement rows (one range)
    plan_towns = plans.township.to_numpy(dtype=object, na_value=None)  # once: per run it would cost O(corpus)
    ach_towns = achievements.township.to_numpy(dtype=object, na_value=None)
    best_plan, best_ach, best_score = [], [], []
    for rows in _township_runs(plan_towns, PLANS_PER_STEP):
        rows = rows[pd.notna(plan_towns[rows])]
        if not (count[rows] > 0).any():
            continue
        spans = [towns[t] for t in pd.unique(plan_towns[rows]) if t in towns]
        lo, hi = min(int(r[0]) for r in spans), max(int(r[-1]) for r in spans) + 1
        texts = pa.concat_arrays([plan_texts.take(rows), ach_texts.slice(lo, hi - lo)])
        concepts = pa.concat_arrays([plan_hits.take(rows), ach_hits.slice(lo, hi - lo)])
        groups, _ = pd.factorize(np.concatenate([plan_towns[rows], ach_towns[lo:hi]]))
        wording = grouped_tfidf(texts, groups)
        matched = count[rows] > 0
        p, a, score = _best_matches(wording, concepts, len(rows), first[rows] - lo, count[rows] * matched)
        best_plan.append(rows[p])
        best_ach.append(lo + a)
        best_score.append(score)
    status = np.full(len(plans), NO_REPORT, dtype=object)
    matched_year = np.full(len(plans), None, dtype=object)
    matched_text = np.full(len(plans), None, dtype=object)
    score = np.full(len(plans), np.nan)
    if best_plan:
        rows, ach, top = np.concatenate(best_plan), np.concatenate(best_ach), np.concatenate(best_score).round(3)
        status[rows] = np.where(top >= threshold, FOLLOWED, NOT_FOUND)
        matched_year[rows] = (plans.year.to_numpy()[rows] + 1).astype(object)
        matched_text[rows] = np.asarray(ach_texts.take(ach).to_pylist(), dtype=object)
        score[rows] = top
    return pd.DataFrame(
        {
            "report_id": plans.report_id,
            "ord": plans.ord,
            "township": plans.township,
            "plan_year": plans.year,
            "plan": plans.text,
            "status": status,
            "matched_year": matched_year,
            "matched_text": matched_text,
            "score": score,
        }
    )[COLUMNS]


def _arrow(values: pd.Series, type_: pa.DataType) -> pa.Array:
    """One Arrow array of a column (zero-copy for an Arrow-backed column of that type)."""
    array = pa.array(values, type_)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _township_runs(townships: np.ndarray, size: int) -> list[np.ndarray]:
    """Plan rows in township order, cut into runs of about ``size`` that never split a township."""
    codes, _ = pd.factorize(townships, sort=True)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    runs, start = [], 0
    while start < len(order):
        stop = min(start + size, len(order))
        while stop < len(order) and sorted_codes[stop] == sorted_codes[stop - 1]:
            stop += 1
        runs.append(order[start:stop])
        start = stop
    return runs


def _best_matches(
    wording: sparse.csr_matrix, concepts: pa.ListArray, n_plans: int, first: np.ndarray, count: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(plan position, achievement position, similarity) of each plan's best match.

    Rows of ``wording`` and ``concepts`` are the plans', then the achievements'; plan ``p`` is
    compared with achievements ``first[p] … first[p] + count[p] - 1`` (ties: the first in order)."""
    about = _concept_rows(concepts)
    plan_of = np.repeat(np.arange(len(count)), count)
    ach_of = np.repeat(first - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
    p, a = plan_of, n_plans + ach_of
    words = np.asarray(wording[p].multiply(wording[a]).sum(axis=1)).ravel()
    concepts = np.asarray(about[p].multiply(about[a]).sum(axis=1)).ravel()
    scores = CONCEPT_WEIGHT * concepts + (1 - CONCEPT_WEIGHT) * words
    order = np.lexsort((ach_of, -scores, plan_of))
    first_of_plan = order[np.r_[True, plan_of[order][1:] != plan_of[order][:-1]]]
    return plan_of[first_of_plan], ach_of[first_of_plan], scores[first_of_plan]


def _concept_rows(hits: pa.ListArray) -> sparse.csr_matrix:
    """Unit-length rows marking each text's concepts of ``data/themes.csv`` (a list of concept indexes per text)."""
    lengths = pc.list_value_length(hits).fill_null(0).to_numpy(zero_copy_only=False)
    rows = np.repeat(np.arange(len(hits)), lengths)
    cols = pc.list_flatten(hits).to_numpy(zero_copy_only=False)
    shape = (len(hits), len(taxonomy().concepts))
    return unit_rows(sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=shape))
