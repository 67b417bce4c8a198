"""Plan follow-through: did township T do in year Y+1 what it planned in its year-Y report?

Each plan item is compared with every achievement paragraph of T's next-year report using
the same mixed similarity as the problem clusters (concepts and wording, see
:mod:`analysis.clustering`); the best match at or above ``threshold`` counts as followed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

from analysis.themes import taxonomy

DEFAULT_THRESHOLD = 0.35
CONCEPT_WEIGHT = 0.5
FOLLOWED, NOT_FOUND, NO_REPORT = "已落实", "未见落实", "无次年报告"
COLUMNS = ["report_id", "ord", "township", "plan_year", "plan", "status", "matched_year", "matched_text", "score"]


def follow_through(plans: pd.DataFrame, achievements: pd.DataFrame, *, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Match plans to next-year achievements.

    ``plans`` and ``achievements``: report_id, ord, township, year, text, concepts.
    Returns report_id, ord, township, plan_year, plan, status, matched_year, matched_text, score.
    """
    if plans.empty:
        return pd.DataFrame(columns=COLUMNS)
    plans = plans.reset_index(drop=True)
    achievements = achievements.reset_index(drop=True)
    X_plan, X_ach = _vectors(plans, achievements)
    by_slot = achievements.groupby(["township", "year"]).indices
    plan_slots = plans.assign(next_year=plans.year + 1).groupby(["township", "next_year"]).indices
    status = np.full(len(plans), NO_REPORT, dtype=object)
    matched_year = np.full(len(plans), None, dtype=object)
    matched_text = np.full(len(plans), None, dtype=object)
    score = np.full(len(plans), np.nan)
    texts = achievements.text.to_numpy()
    for slot, plan_idx in plan_slots.items():
        ach_idx = by_slot.get(slot)
        if ach_idx is None or not len(ach_idx):
            continue
        scores = (X_plan[plan_idx] @ X_ach[ach_idx].T).toarray()  # plans × achievements of the next year
        best = scores.argmax(axis=1)
        best_score = scores[np.arange(len(plan_idx)), best].round(3)
        status[plan_idx] = np.where(best_score >= threshold, FOLLOWED, NOT_FOUND)
        matched_year[plan_idx] = int(slot[1])
        matched_text[plan_idx] = texts[ach_idx[best]]
        score[plan_idx] = best_score
    return pd.DataFrame({
        "report_id": plans.report_id, "ord": plans.ord, "township": plans.township, "plan_year": plans.year, "plan": plans.text,
        "status": status, "matched_year": matched_year, "matched_text": matched_text, "score": score,
    })[COLUMNS]


def _vectors(plans: pd.DataFrame, achievements: pd.DataFrame) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    texts = pd.concat([plans.text, achievements.text], ignore_index=True)
    hashed = HashingVectorizer(analyzer="char", ngram_range=(2, 2), n_features=2**18, alternate_sign=False, norm=None).transform(texts)
    wording = TfidfTransformer(sublinear_tf=True).fit_transform(hashed)
    n_concepts = len(taxonomy().concepts)
    hits = pd.concat([plans.concepts, achievements.concepts], ignore_index=True)
    rows = [r for r, h in enumerate(hits) for _ in h]
    cols = [c for h in hits for c in h]
    about = normalize(sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), n_concepts)))
    X = sparse.hstack([about * np.sqrt(CONCEPT_WEIGHT), wording * np.sqrt(1 - CONCEPT_WEIGHT)]).tocsr()
    return X[: len(plans)], X[len(plans) :]
