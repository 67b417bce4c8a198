"""Helpers the problem groupings share: leader clustering of unit rows, and the wording that
stands for a group of items.

(The theme-then-similarity clustering of problem items that lived here gave way to
:mod:`analysis.problems.emerging`.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.parse.sentences import split_sentences

EXAMPLE_CHARS = 80


def leader_clusters(X: sparse.csr_matrix, threshold: float) -> np.ndarray:
    """Each row joins the first leader it is similar enough to, else leads a new cluster."""
    labels = np.empty(X.shape[0], dtype=np.int64)
    leaders: list[int] = []
    for i in range(X.shape[0]):
        if leaders:
            sims = (X[leaders] @ X[i].T).toarray().ravel()
            best = int(sims.argmax())
            if sims[best] >= threshold:
                labels[i] = best
                continue
        leaders.append(i)
        labels[i] = len(leaders) - 1
    return labels


def example_wording(texts: pd.Series) -> str:
    """The first sentence of the most common wording (ties: the shortest, then by the text itself)."""
    counts = texts.value_counts(sort=False)  # each distinct text's first sentence found once
    heads = pd.Series(counts.to_numpy(), index=[(split_sentences(t) or [t])[0][:EXAMPLE_CHARS] for t in counts.index])
    counts = heads.groupby(level=0, sort=False).sum()
    best = sorted(counts.index, key=lambda h: (-counts[h], len(h), h))[0]
    return best
