"""乡镇画像: each part of a township's profile, its figures equal to the other pages', the
standing in its county, and the one-page Word document."""

from __future__ import annotations

import io

import duckdb
import pandas as pd
import pytest

from analysis.brief import county_brief
from analysis.brief import township_profile as tp
from analysis.insights import compare, trends
from analysis.storage.filters import ALL, Filters


@pytest.fixture
def con(constructed_db):
    with duckdb.connect(str(constructed_db), read_only=True) as c:
        yield c


@pytest.fixture
def seed_con(seed_db):
    with duckdb.connect(str(seed_db), read_only=True) as c:
        yield c


GAONAN = tp.scope("高楠镇", "城口县")


def test_townships_and_scope(con):
    assert tp.townships(con).values.tolist() == [["高楠镇", "城口县", 2], ["桑柘镇", "彭水苗族土家族自治县", 1]]
    assert tp.scope("高楠镇", "城口县", Filters(year_range=(2021, 2022), townships=("别的镇",))) == Filters(
        year_range=(2021, 2022), townships=("高楠镇",), counties=("城口县",)
    )
    assert tp.scope("高楠镇", None) == Filters(townships=("高楠镇",))


def test_reports_by_year(con):
    df = tp.reports_by_year(con, GAONAN)
    assert df[["year", "file", "parts", "missing_parts"]].values.tolist() == [
        [2021, "高楠镇_2021.txt", 3, "第一责任人职责"],  # of the four required parts; 其他 is optional
        [2022, "高楠镇_2022.txt", 3, "第一责任人职责"],
    ]
    assert df.issued.isna().all()  # the constructed reports carry no signing date


def test_indicators_by_year_with_the_change_from_last_year(con):
    df = tp.indicators_by_year(con, GAONAN)
    assert df[["year", "metric", "unit", "total_text", "previous", "direction"]].astype(object).where(df.notna(), None).values.tolist() == [
        [2021, "宣传资料发放", "份", "3000", None, None],
        [2021, "普法宣传活动", "次", "12", None, None],
        [2022, "矛盾纠纷调解", "件", "120", None, None],
        [2021, "集中学法", "次", "6", None, None],
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([(2021, 10.0), (2022, 14.0)], [None, "上升"]),
        ([(2021, 10.0), (2022, 4.0)], [None, "下降"]),
        ([(2021, 10.0), (2022, 10.0)], [None, "持平"]),
        ([(2020, 10.0), (2022, 14.0)], [None, None]),  # no figure the year before: no change
    ],
)
def test_change_is_against_the_year_before(monkeypatch, con, rows, expected):
    def metrics(_con, filters):
        year = filters.years[0]
        found = [(v, year) for y, v in rows if y == year]
        return pd.DataFrame(
            {"metric": ["普法宣传活动"] * len(found), "kind": "flow", "unit": "次", "total": [v for v, _ in found], "total_text": "x"}
        )

    monkeypatch.setattr(tp, "township_metrics", metrics)
    monkeypatch.setattr(tp, "frame", lambda *a: pd.DataFrame({"year": [y for y, _ in rows]}))
    df = tp.indicators_by_year(con, GAONAN)
    assert [None if pd.isna(d) else d for d in df.direction] == expected
    assert [None if pd.isna(c) else c for c in df.change] == [None, rows[1][1] - rows[0][1] if expected[1] else None]


@pytest.mark.parametrize("town", ["大张楼镇", "桑柘镇", "肖咀镇", "长坪乡", "高楠镇"])
def test_profile_figures_equal_the_compare_and_trend_pages(seed_con, town):
    county = tp.townships(seed_con).set_index("township").county[town]
    mine = tp.indicators_by_year(seed_con, tp.scope(town, county))
    other = compare.township_metrics(seed_con, Filters(townships=(town,)))
    trend = trends.indicator_trend(seed_con, Filters(townships=(town,)))
    key = ["metric", "unit"]
    assert mine.sort_values(key)[[*key, "total"]].values.tolist() == other.sort_values(key)[[*key, "total"]].values.tolist()
    assert mine.sort_values(key)[["year", *key, "total"]].values.tolist() == trend.sort_values(key)[["year", *key, "total"]].values.tolist()


def test_problems_by_year_are_marked(con):
    df = tp.problems_by_year(con, GAONAN)
    assert df[["year", "label", "mark", "text"]].values.tolist() == [
        [2021, "执法力量不足", "", "执法人员数量不足，执法力量薄弱，难以满足行政执法工作需要"],
        [2021, "普法形式单一、针对性不强", "", "普法宣传形式比较单一，群众参与度不高"],
        [2022, "执法力量不足", "连续2年", "执法人员数量不足，执法力量依然薄弱，难以满足行政执法工作需要"],
        [2022, "普法形式单一、针对性不强", "不再提及", "普法宣传形式比较单一，群众参与度不高"],
    ]


def test_a_run_counts_consecutive_years_only():
    years = pd.DataFrame({"cluster": [1, 1, 1, 1, 2], "year": [2019, 2020, 2021, 2023, 2023]})
    assert tp._runs(years) == {(1, 2019): 1, (1, 2020): 2, (1, 2021): 3, (1, 2023): 1, (2, 2023): 1}


def test_plans_and_follow_through(con):
    df = tp.plans(con, GAONAN)
    assert df[["plan_year", "status", "matched_year"]].astype(object).where(
        df[["plan_year", "status", "matched_year"]].notna(), None
    ).values.tolist() == [
        [2022, "无次年报告", None],
        [2021, "已落实", 2022],
        [2021, "未见落实", 2022],
    ]
    assert df.matched_text.iloc[1].startswith("深化矛盾纠纷排查化解")


def test_copies_within_the_county_and_across_every_report(con):
    assert tp.copies(con, GAONAN).empty  # 桑柘镇 is in another county
    across = tp.copies(con, tp.scope("高楠镇", None))
    assert across[["year", "other_township", "other_year", "relation", "shared_sentences"]].values.tolist() == [
        [2022, "桑柘镇", 2022, "跨乡镇", 3]
    ]
    mirrored = tp.copies(con, tp.scope("桑柘镇", None))
    assert mirrored[["year", "other_township", "other_year"]].values.tolist() == [[2022, "高楠镇", 2022]]


@pytest.mark.parametrize(
    ("counts", "town", "expected"),
    [
        # five townships: ranks 1..5, ties share the best rank; quartile by rank
        ({"甲": 5, "乙": 4, "丙": 4, "丁": 1, "戊": 0}, "乙", (2, "前25%")),
        ({"甲": 5, "乙": 4, "丙": 4, "丁": 1, "戊": 0}, "丁", (4, "50%–75%")),
        ({"甲": 5, "乙": 4, "丙": 4, "丁": 1, "戊": 1}, "戊", (4, "50%–75%")),
        ({"甲": 5, "乙": 4, "丙": 4, "丁": 3, "戊": 1}, "戊", (5, "后25%")),
        ({"甲": 5, "乙": 4, "丙": 4, "丁": 1, "戊": 0}, "戊", (5, None)),  # writes nothing on it
        ({"甲": 5, "乙": 4, "丙": 4}, "甲", (1, None)),  # three townships: no quartiles
    ],
)
def test_area_standing_ranks_within_the_county(monkeypatch, con, counts, town, expected):
    frame = pd.DataFrame({"township": list(counts), "area": "行政执法", "achievements": list(counts.values())})
    monkeypatch.setattr(county_brief, "area_coverage", lambda _con, _filters: frame.copy())
    df = tp.area_standing(con, tp.scope(town, "某县"))
    assert (int(df["rank"].iloc[0]), df.quartile.iloc[0]) == expected
    assert int(df.townships.iloc[0]) == len(counts)
    assert df.county_median.iloc[0] == pd.Series(list(counts.values())).median()


def test_an_unknown_township_gives_empty_parts(con):
    p = tp.build_profile(con, township="没有这个镇", county=None)
    assert all(getattr(p, part).empty for part in ("reports", "indicators", "problems", "plans", "copies", "areas"))
    assert tp.summary_lines(p) == ["报告：0 份（年度未识别）。"]


def test_summary_and_one_page_word(con):
    import docx

    p = tp.build_profile(con, township="高楠镇", county="城口县")
    assert tp.summary_lines(p) == [
        "报告：2 份（2021、2022）。",
        "缺少规定内容：2021年缺第一责任人职责；2022年缺第一责任人职责。",
        "连续多年提出的问题：执法力量不足。",
        "上年计划落实：1 / 2 条见于次年报告。",
    ]
    document = docx.Document(io.BytesIO(tp.profile_docx(p)))
    texts = [para.text for para in document.paragraphs]
    assert texts[0] == "城口县高楠镇 法治政府建设报告画像"
    assert "连续多年提出的问题：执法力量不足。" in texts
    assert [len(t.rows) for t in document.tables] == [5, 5, 12]  # header + rows: indicators, problems, 11 areas
    assert len(document.sections) == 1


def test_profile_of_all_reports_scope(con):
    assert tp.scope("高楠镇", None, ALL).townships == ("高楠镇",)
