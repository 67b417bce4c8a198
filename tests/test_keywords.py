from __future__ import annotations

import pandas as pd

from analysis.insights.keywords import distinctive_terms, keyword_counts_by, keyword_table, kwic, log_odds
from analysis.storage import store
from analysis.storage.filters import Filters


def test_top_keywords_on_seeds(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        table = keyword_table(con, top_n=3)
        total = keyword_table(con, top_n=1, include_stopwords=True)
    assert table.values.tolist() == [["执法", 55, 93.49, 5, 5], ["学习", 45, 76.49, 5, 5], ["法治", 45, 76.49, 5, 5]]
    assert total.term.tolist() == ["工作"]


def test_keywords_by_section_kind_and_year(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        problems = keyword_table(con, Filters(kinds=("problems",)), top_n=2)
        by_year = keyword_counts_by(con, terms=["执法"], by="year")
    assert problems.term.tolist() == ["执法", "依法行政"]
    assert by_year[["year", "count"]].values.tolist() == [["2021", 3], ["2022", 25], ["2023", 27]]


def test_distinctive_terms(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        df = distinctive_terms(con, by="township", top_n=1)
    assert df[["township", "term"]].values.tolist() == [
        ["大张楼镇", "法治"],
        ["桑柘镇", "依法治镇"],
        ["肖咀镇", "执法"],
        ["长坪乡", "学习"],
        ["高楠镇", "高楠镇"],
    ]


def test_log_odds_prefers_the_groups_own_words():
    counts = pd.DataFrame({"grp": ["A", "A", "B", "B"], "term": ["网格", "普法", "网格", "普法"], "count": [30, 5, 5, 30]})
    out = log_odds(counts, top_n=1)
    assert out[["group", "term"]].values.tolist() == [["A", "网格"], ["B", "普法"]]
    assert log_odds(counts[counts.grp == "A"]).empty


def test_kwic(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        rows = kwic(con, term="法律明白人")
        none = kwic(con, term="不存在的词")
        blank = kwic(con, term="  ")
    assert rows[["township", "year", "section", "left", "keyword", "right"]].values.tolist() == [
        ["肖咀镇", 2023, "工作开展情况", "培养学法带头人43名，", "法律明白人", "680余人。"]
    ]
    assert none.empty and blank.empty
