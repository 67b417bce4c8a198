from __future__ import annotations

import pandas as pd

from analysis import store
from analysis.clustering import cluster_items
from analysis.filters import Filters
from analysis.recurring import problem_changes, recurring_table, theme_township_matrix


def test_seeds_publicity_problem_raised_by_four_townships(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        table = recurring_table(con)
    top = table.iloc[0]
    assert (top.theme, top.townships, top.reports, top.township_list) == ("普法宣传与法治意识", 4, 4, "大张楼镇、桑柘镇、长坪乡、高楠镇")
    assert top.label.startswith("普法、法治意识")
    assert list(table.townships) == [4, 2, 2, 1, 1, 1, 1, 1]
    assert table.persistent_townships.tolist() == [""] * 8


def test_filters_narrow_the_recurring_table(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        table = recurring_table(con, Filters(year_range=(2022, 2022)))
        empty = recurring_table(con, Filters(townships=("不存在镇",)))
    assert table.iloc[0].township_list == "大张楼镇、长坪乡、高楠镇"
    assert empty.empty and list(empty.columns) == [
        "cluster",
        "theme",
        "label",
        "townships",
        "reports",
        "years",
        "township_list",
        "persistent_townships",
        "example",
    ]


def test_same_problem_two_years_running_is_persistent(constructed_db):
    with store.connect(constructed_db, read_only=True) as con:
        table = recurring_table(con)
        changes = problem_changes(con)
    row = table[table.persistent_townships != ""].iloc[0]
    assert (row.theme, row.townships, row.reports, row.years, row.persistent_townships) == ("行政执法", 1, 2, "2021、2022", "高楠镇")
    assert changes[["township", "year", "change"]].values.tolist() == [["高楠镇", 2022, "不再提及"]]


def test_theme_township_matrix(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        m = theme_township_matrix(con)
    assert m[m.township == "肖咀镇"].values.tolist() == [["行政执法", "肖咀镇", 3]]


def test_identical_wording_shares_a_cluster_and_empty_input():
    items = pd.DataFrame(
        {
            "report_id": [1, 2, 3],
            "ord": [0, 0, 0],
            "text": ["执法力量薄弱。", "执法力量薄弱；", "政务公开不及时，信息更新慢。"],
            "themes": [["行政执法"], ["行政执法"], ["政务公开"]],
            "concepts": [[], [], []],
        }
    )
    result = cluster_items(items)
    assert result.assignments.cluster.tolist() == [1, 1, 2]
    assert result.clusters[["cluster", "theme", "items"]].values.tolist() == [[1, "行政执法", 2], [2, "政务公开", 1]]
    empty = cluster_items(items.iloc[:0])
    assert empty.assignments.empty and empty.clusters.empty
