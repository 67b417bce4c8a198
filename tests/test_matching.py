"""Plans and problems matched on what they are about (analysis.problems.matching)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from analysis.problems import matching


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("进一步加强执法工作", ["执法"]),  # 进一步, 加强, 工作: stopwords
        ("开展反诈宣传", ["电信诈骗", "宣传"]),  # a synonym becomes its term
        ("电信网络诈骗案件多发", ["电信诈骗", "案件", "多发"]),
        ("人员编制少", ["人员编制", "编制"]),
        ("推动普法向村组延伸", ["普法进村"]),  # a plan's 村组 and the next year's 乡村 are one term
        ("深入开展“法律进乡村”活动", ["普法进村", "深入开展"]),  # a long word and its two ends (人员: a stopword)
        ("", []),
    ],
)
def test_content_words(text, words):
    assert matching.content_words(text) == words


PROBLEMS = pd.DataFrame(
    [(1, "执法人员编制少，执法力量不足。"), (2, "电诈案件多发。"), (3, "进一步加强工作的要求落实不够。")],
    columns=["group", "text"],
)


@pytest.mark.parametrize(
    ("plan", "group", "term"),
    [
        ("争取增加执法人员编制", 1, "执法"),
        ("深入开展反诈宣传", 2, "电信诈骗"),
        ("进一步加强各项工作", None, ""),  # shares only generic words with problem 3
    ],
)
def test_answers(plan, group, term):
    found = matching.answers([plan], PROBLEMS)
    assert (found.group[0], found.term[0]) == (group, term)


@pytest.mark.parametrize(("plans", "problems"), [([], PROBLEMS), (["深入开展反诈宣传"], PROBLEMS.iloc[:0])])
def test_answers_to_nothing(plans, problems):
    found = matching.answers(plans, problems)
    assert list(found.columns) == ["group", "score", "term"] and found.group.tolist() == [None] * len(plans)


WORDS_TEXTS = [
    "指导各村完善村规民约，健全红白理事会；规范政务公开",
    "健全红白理事会",
    "开展反诈宣传。电信网络诈骗案件多发",
    "",
    "进一步加强工作",
]


# pieces cut in one call, whatever is at their edges: spaces, a line break, letters and figures
EDGE_TEXTS = [" 执法人员编制\n不足，abc法律顾问12名 ", "\r\n反诈宣传 ；2024年开展普法宣传活动", "群众法治意识淡薄，"]


@pytest.mark.parametrize(
    "texts",
    [
        WORDS_TEXTS,
        WORDS_TEXTS[::-1],
        [WORDS_TEXTS[0]] * 3,
        [""],
        [],
        EDGE_TEXTS,
        EDGE_TEXTS + ["法律明白人\x00培训不足"],  # a piece holding the joining character: each piece cut alone
    ],
)
def test_word_counts_are_the_content_words_of_each_text(texts):
    counts, vocabulary = matching.word_counts(texts)
    assert vocabulary == sorted(vocabulary) and counts.shape == (len(texts), len(vocabulary))
    found = [{vocabulary[c]: n for c, n in zip(row.indices, row.data)} for row in counts]
    assert found == [dict(Counter(matching.content_words(t))) for t in texts]


@pytest.mark.parametrize("block", [1, 1 << 22])  # a group's cells counted at a time, or all at once
@pytest.mark.parametrize("groups", [[0, 0, 0, 0, 0], [0, 1, 0, 1, 1], [2, 0, 2, 0, 2], [0, 1, 2, 3, 4]])
def test_grouped_vectors_weigh_each_group_among_itself(monkeypatch, groups, block):
    monkeypatch.setattr(matching, "DENSE_BLOCK", block)
    counts, vocabulary = matching.word_counts(WORDS_TEXTS)
    X = matching.grouped_vectors(counts, np.array(groups))
    for g in set(groups):
        rows = [i for i, mine in enumerate(groups) if mine == g]
        alone, words = matching.word_vectors([WORDS_TEXTS[i] for i in rows])
        cols = [vocabulary.index(w) for w in words]
        assert np.array_equal(X[rows][:, cols].toarray(), alone.toarray())  # bit for bit
        assert X[rows].nnz == alone.nnz


# entries (group, column) of three groups and three columns; queries in any order
GROUPS, COLS = np.array([1, 0, 1, 1, 3, 3, 0]), np.array([0, 1, 2, 0, 2, 0, 1])


@pytest.mark.parametrize("block", [1, 2, 3, 4, 6, 1 << 22])  # a group at a time, two, all
def test_cell_counts(monkeypatch, block):
    monkeypatch.setattr(matching, "DENSE_BLOCK", block)
    assert matching.cell_counts(GROUPS, COLS, 3).tolist() == [2, 2, 1, 2, 1, 1, 2]
    assert matching.cell_counts(np.array([], dtype=np.int64), np.array([], dtype=np.int64), 3).tolist() == []


@pytest.mark.parametrize("block", [1, 2, 3, 4, 6, 1 << 22])
def test_cell_numbers(monkeypatch, block):
    """Occupied cells numbered in (group, column) order: (0,1) 0, (1,0) 1, (1,2) 2, (3,0) 3, (3,2) 4;
    a query's cell -1 where no entry is, groups beyond the entries' included."""
    monkeypatch.setattr(matching, "DENSE_BLOCK", block)
    numbers, found, n = matching.cell_numbers(GROUPS, COLS, 3, np.array([3, 0, 2, 1, 5, 0]), np.array([2, 0, 1, 2, 0, 1]))
    assert (numbers.tolist(), found.tolist(), n) == ([1, 0, 2, 1, 4, 3, 0], [4, -1, -1, 2, -1, 0], 5)
    empty = np.array([], dtype=np.int64)
    numbers, found, n = matching.cell_numbers(empty, empty, 3, np.array([0]), np.array([1]))
    assert (numbers.tolist(), found.tolist(), n) == ([], [-1], 0)
