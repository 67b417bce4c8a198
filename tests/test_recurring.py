from __future__ import annotations

from analysis.problems.recurring import problem_changes, recurring_table, theme_township_matrix
from analysis.storage import store
from analysis.storage.filters import Filters


def test_seed_problems_on_the_register(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        table = recurring_table(con)
    assert table[["label", "townships", "township_list", "code"]].head(3).values.tolist() == [
        ["执法人员业务素质不高", 2, "大张楼镇、肖咀镇", "ENF_SKILL"],
        ["群众法治意识淡薄", 2, "大张楼镇、长坪乡", "PUBLIC_AWARE"],
        ["普法覆盖面不广、力度不够", 2, "桑柘镇、高楠镇", "PUB_REACH"],
    ]
    assert list(table.townships) == [2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1]
    assert set(table.origin) == {"register"}  # every seed problem is on the register
    assert table.persistent_townships.tolist() == [""] * 11
    # staff shortage, competence and procedure are three problems, not one
    assert {"执法力量不足", "执法人员业务素质不高", "执法不规范、三项制度落实不到位"} <= set(table.label)


def test_filters_narrow_the_recurring_table(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        table = recurring_table(con, Filters(year_range=(2022, 2022)))
        empty = recurring_table(con, Filters(townships=("不存在镇",)))
    assert table.iloc[0].township_list == "大张楼镇、长坪乡"
    assert empty.empty and list(empty.columns) == [
        "label",
        "townships",
        "reports",
        "years",
        "persistent_townships",
        "example",
        "township_list",
        "theme",
        "code",
        "origin",
        "cluster",
    ]


def test_same_problem_two_years_running_is_persistent(constructed_db):
    with store.connect(constructed_db, read_only=True) as con:
        table = recurring_table(con)
        changes = problem_changes(con)
    row = table[table.persistent_townships != ""].iloc[0]
    assert (row.label, row.townships, row.reports, row.years, row.persistent_townships) == ("执法力量不足", 1, 2, "2021、2022", "高楠镇")
    assert changes[["township", "year", "change"]].values.tolist() == [["高楠镇", 2022, "不再提及"]]


def test_theme_township_matrix(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        m = theme_township_matrix(con)
    assert m[m.township == "肖咀镇"].values.tolist() == [["行政执法", "肖咀镇", 3]]
