from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.problems import vectors
from analysis.problems.vectors import bigram_tfidf, fit_idf, transform

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


def test_grouped_tfidf_uses_each_groups_own_idf():
    from analysis.problems.vectors import bigram_tfidf, grouped_tfidf

    a = ["依法行政水平", "普法宣传形式单一", "依法行政考核"]
    b = ["矛盾纠纷排查", "依法行政水平", "法律顾问"]
    X = grouped_tfidf(a + b, np.array([0, 0, 0, 1, 1, 1]))
    # each group's rows are what its texts alone give (same cosines within the group)
    for texts, rows in ((a, X[:3]), (b, X[3:])):
        alone = bigram_tfidf(texts)
        assert np.allclose((rows @ rows.T).toarray(), (alone @ alone.T).toarray(), atol=1e-6)
    # the same text weighs its bigrams by its group's IDF: in b every bigram of 依法行政水平 is
    # in one text (equal weights); in a 依法/法行/行政 are in two, so they weigh less than 政水/水平
    assert np.allclose(X[4].data, X[4].data[0]) and len(X[4].data) == 5
    low, high = np.unique(np.round(X[0].data, 5))
    assert low < high and list(np.round(X[0].data, 5)).count(low) == 3


def test_unit_rows_is_scikit_learns_normalize():
    from scipy import sparse
    from sklearn.preprocessing import normalize

    X = sparse.random(50, 30, density=0.2, format="csr", dtype=np.float32, random_state=3)
    X = sparse.diags(np.r_[np.ones(7), 0, np.ones(40), 0, 0].astype(np.float32)) @ X  # empty rows (inside, last) stay empty
    X.eliminate_zeros()
    assert np.allclose(vectors.unit_rows(X.copy()).toarray(), normalize(X).toarray(), atol=1e-7)
    assert vectors.unit_rows(X.copy()).dtype == np.float32
