"""Grouping short texts (problem items) by theme, then by similarity within the theme.

Similarity mixes two cosines: character-bigram TF-IDF (the wording) and the presence of the
theme's concepts from ``data/themes.csv`` (what the text is about), so that 宣传力度不够 and
群众法治意识淡薄 in one theme can meet even when they share few characters. Within a theme,
average-linkage agglomerative clustering cuts at ``threshold``; a theme with more than
:data:`AGGLO_MAX` distinct texts falls back to leader clustering, which is linear in the
number of texts times the number of clusters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.parse.sentences import normalise, split_sentences
from analysis.parse.themes import NO_THEME, Taxonomy, taxonomy
from analysis.problems.vectors import bigram_tfidf, unit_rows

AGGLO_MAX = 1500
DEFAULT_THRESHOLD = 0.4
DEFAULT_CONCEPT_WEIGHT = 0.6
LABEL_CONCEPTS = 3
EXAMPLE_CHARS = 80


@dataclass(frozen=True)
class Clustering:
    """``assignments``: report_id, ord, theme, cluster (one row per item).
    ``clusters``: cluster, theme, label, example, items (cluster ids are 1…K, largest first)."""

    assignments: pd.DataFrame
    clusters: pd.DataFrame


def cluster_items(
    items: pd.DataFrame, *, threshold: float = DEFAULT_THRESHOLD, concept_weight: float = DEFAULT_CONCEPT_WEIGHT
) -> Clustering:
    """Cluster items (columns report_id, ord, text, themes, concepts) by theme, then by similarity."""
    if items.empty:
        return Clustering(
            pd.DataFrame(columns=["report_id", "ord", "theme", "cluster"]),
            pd.DataFrame(columns=["cluster", "theme", "label", "example", "items"]),
        )
    tax = taxonomy()
    items = items.reset_index(drop=True)
    theme = items.themes.map(lambda t: t[0] if len(t) else NO_THEME)
    keys = items.text.map(normalise)
    local = np.zeros(len(items), dtype=np.int64)
    next_label = 0
    for name, idx in theme.groupby(theme).groups.items():
        labels = _cluster_theme(items.loc[idx], keys.loc[idx], name, tax, threshold, concept_weight)
        local[np.asarray(idx)] = labels + next_label
        next_label += int(labels.max()) + 1
    return _finish(items, theme, local, tax)


def _cluster_theme(items: pd.DataFrame, keys: pd.Series, theme: str, tax: Taxonomy, threshold: float, weight: float) -> np.ndarray:
    """Local cluster labels (0…k-1) of one theme's items; identical wording shares a label."""
    unique_keys, inverse = np.unique(keys.to_numpy(), return_inverse=True)
    if len(unique_keys) == 1:
        return np.zeros(len(items), dtype=np.int64)
    first = pd.Series(range(len(items))).groupby(inverse).first().to_numpy()
    texts = items.text.to_numpy()[first]
    concepts = items.concepts.to_numpy()[first]
    X = _features(texts, concepts, theme, tax, weight)
    if len(unique_keys) <= AGGLO_MAX:
        similarity = (X @ X.T).toarray()
        distance = np.clip(1 - similarity, 0, None)
        np.fill_diagonal(distance, 0)
        from sklearn.cluster import AgglomerativeClustering  # here: importing scikit-learn costs 0.7 s

        model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1 - threshold)
        unique_labels = model.fit(distance).labels_
    else:
        unique_labels = _leader(X, threshold)
    return unique_labels[inverse]


def _features(texts, concepts, theme: str, tax: Taxonomy, weight: float) -> sparse.csr_matrix:
    """Rows whose dot product is ``weight`` × concept cosine + (1 − ``weight``) × wording cosine."""
    wording = bigram_tfidf(list(texts))  # scikit-learn's char-bigram TF-IDF, built with numpy (analysis/vectors.py)
    own = [i for i, c in enumerate(tax.concepts) if c.theme == theme]
    position = {c: j for j, c in enumerate(own)}
    rows = [(r, position[c]) for r, hit in enumerate(concepts) for c in hit if c in position]
    about = sparse.csr_matrix((np.ones(len(rows)), ([r for r, _ in rows], [c for _, c in rows])), shape=(len(texts), max(1, len(own))))
    about = unit_rows(about)
    return sparse.hstack([about * np.sqrt(weight), wording * np.sqrt(1 - weight)]).tocsr()


def _leader(X: sparse.csr_matrix, threshold: float) -> np.ndarray:
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


def _finish(items: pd.DataFrame, theme: pd.Series, local: np.ndarray, tax: Taxonomy) -> Clustering:
    """Number clusters 1…K by size (then theme, then first text) and label them."""
    frame = pd.DataFrame({"report_id": items.report_id, "ord": items.ord, "theme": theme, "local": local, "text": items.text})
    sizes = frame.groupby("local").agg(items=("text", "size"), theme=("theme", "first"), first=("text", "min"))
    order = sizes.sort_values(["items", "theme", "first"], ascending=[False, True, True]).index
    number = {old: new for new, old in enumerate(order, start=1)}
    frame["cluster"] = frame.local.map(number)
    clusters = []
    for old in order:
        members = frame[frame.local == old]
        hits = items.loc[members.index, "concepts"]
        clusters.append(
            (number[old], sizes.theme[old], _label(hits, tax, sizes.theme[old], members.text.iloc[0]), _example(members.text), len(members))
        )
    table = pd.DataFrame(clusters, columns=["cluster", "theme", "label", "example", "items"])
    return Clustering(frame[["report_id", "ord", "theme", "cluster"]].reset_index(drop=True), table)


def _label(concept_hits: pd.Series, tax: Taxonomy, theme: str, fallback: str) -> str:
    """The cluster's most frequent concepts, its own theme's first: "普法、法治意识、队伍"."""
    counts: dict[int, int] = {}
    for hit in concept_hits:
        for c in hit:
            counts[c] = counts.get(c, 0) + 1
    top = sorted(counts, key=lambda c: (tax.concepts[c].theme != theme, -counts[c], c))[:LABEL_CONCEPTS]
    return "、".join(tax.concepts[c].name for c in top) if top else fallback[:12]


def _example(texts: pd.Series) -> str:
    """The first sentence of the most common wording (ties: the shortest, then first in order)."""
    counts = texts.value_counts(sort=False)  # each distinct text's first sentence found once
    heads = pd.Series(counts.to_numpy(), index=[(split_sentences(t) or [t])[0][:EXAMPLE_CHARS] for t in counts.index])
    counts = heads.groupby(level=0, sort=False).sum()
    best = sorted(counts.index, key=lambda h: (-counts[h], len(h), h))[0]
    return best
