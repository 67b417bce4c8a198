"""Plans and problems matched on what they are about (analysis.problems.matching)."""

from __future__ import annotations

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
