from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis import vectors
from analysis.followthrough import _township_runs
from analysis.vectors import bigram_tfidf, fit_idf, transform

EDGE_CASES = ["", "a", "AB  c\td", " x ", " y", "法治\x00建设", "法治建设", "  ", "学法学法学法"]


@pytest.fixture
def paragraphs(seed_texts):
    return [line for text in seed_texts.values() for line in text.split("\n") if line.strip()] + EDGE_CASES


@pytest.mark.parametrize("block", [5_000, 7])
def test_same_cosines_as_scikit_learn(paragraphs, monkeypatch, block):
    monkeypatch.setattr(vectors, "BLOCK_TEXTS", block)
    ours = bigram_tfidf(paragraphs)
    theirs = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), sublinear_tf=True).fit_transform(
        [p.replace("\x00", " ") for p in paragraphs]
    )
    assert ours.shape == theirs.shape
    assert np.abs((ours @ ours.T).toarray() - (theirs @ theirs.T).toarray()).max() < 1e-5


def test_transform_of_a_part_matches_the_whole(paragraphs):
    idf = fit_idf(paragraphs)
    whole, part = transform(paragraphs, idf), transform(paragraphs[10:30], idf)
    assert np.abs((part @ part.T).toarray() - (whole[10:30] @ whole[10:30].T).toarray()).max() < 1e-6
    assert transform(["龘靐齉"], idf).nnz == 0  # bigrams the corpus lacks are left out


def test_empty_inputs():
    assert bigram_tfidf([]).shape == (0, 0)
    assert bigram_tfidf(["", "a"]).shape == (2, 0)
    assert bigram_tfidf(["ab", "", "ab"]).toarray().ravel().tolist() == [1.0, 0.0, 1.0]


def test_township_runs_keep_each_township_whole():
    towns = np.array(["乙", "甲", "乙", "丙", "甲", "甲", "丙", "乙"])
    runs = _township_runs(towns, 2)
    assert sorted(np.concatenate(runs).tolist()) == list(range(8))
    assert [sorted(set(towns[r].tolist())) for r in runs] == [["丙"], ["乙"], ["甲"]]
