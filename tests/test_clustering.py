"""analysis.problems.clustering: the helpers the problem groupings share."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.problems.clustering import example_wording, leader_clusters


def test_each_row_joins_the_first_leader_close_enough():
    rows = sparse.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [0.8, 0.6], [0.6, 0.8]]))
    assert leader_clusters(rows, 0.7).tolist() == [0, 1, 0, 1]
    assert leader_clusters(rows, 0.99).tolist() == [0, 1, 2, 3]


def test_the_example_is_the_first_sentence_of_the_most_common_wording():
    texts = pd.Series(["执法力量薄弱。人员少。", "执法力量薄弱。编制紧。", "普法形式单一。"])
    assert example_wording(texts) == "执法力量薄弱。"
    assert example_wording(pd.Series(["乙问题。", "甲问题。"])) == "乙问题。"  # ties: the shorter, then by the text (乙 before 甲)
