"""Done figures, one source of truth: 乡镇对比, 趋势, the CSV exports and the brief sum the same
numbers — flows over reports and years, a stock each township's latest year, never a plan,
a shortfall, a context figure, a rate or 其他."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.brief import county_brief
from analysis.cli import _export_tables
from analysis.insights.compare import township_metrics
from analysis.insights.indicator_eval import evaluate_numbers
from analysis.insights.trends import default_trend_metrics, indicator_trend
from analysis.storage import store
from analysis.storage.filters import ALL, Filters
from analysis.storage.ingest import ingest_paths
from tests.conftest import report_text

REPORTS = {
    "高楠镇_2021.txt": report_text(
        "高楠镇",
        "城口县",
        2021,
        achievements=["聘请法律顾问1名，全年发放宣传资料5800余份，排查矛盾纠纷86件，调处化解84件。", "调解成功率97.7%。"],
        problems=["作为被告的行政诉讼案件败诉1起。"],
        plans=["每年组织集中培训不少于2次。"],
    ),
    "高楠镇_2022.txt": report_text(
        "高楠镇",
        "城口县",
        2022,
        achievements=["聘请法律顾问1名，全年发放宣传资料4700余份。", "培养法律明白人30名，全镇辖21个行政村。"],
        problems=["普法形式单一。"],
        plans=["每年组织集中培训不少于2次。"],
    ),
    "桑柘镇_2022.txt": report_text(
        "桑柘镇",
        "城口县",
        2022,
        achievements=["全年发放宣传资料3600余份，排查矛盾纠纷40件。", "每个网格设置网格员1名。"],
        problems=["执法力量不足。"],
        plans=["力争培养法律明白人50名。"],
    ),
}


def _store(folder, reports: dict[str, str]):
    """A store of ``reports`` (file name → text) written into ``folder``."""
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "store.duckdb"
    ingest_paths([folder], db=db, workers=1)
    return db


@pytest.fixture(scope="module")
def figures_db(tmp_path_factory):
    return _store(tmp_path_factory.mktemp("figures"), REPORTS)


COLUMNS = ["township", "metric", "kind", "unit", "total", "approx", "total_text", "years", "reports"]


def test_township_metrics_sum_only_done_figures(figures_db):
    with store.connect(figures_db, read_only=True) as con:
        df = township_metrics(con)
    expected = pd.DataFrame(
        [
            ("桑柘镇", "宣传资料发放", "flow", "份", 3600.0, True, "3600余", 1, 1),
            ("桑柘镇", "矛盾纠纷排查", "flow", "件", 40.0, False, "40", 1, 1),
            ("高楠镇", "宣传资料发放", "flow", "份", 10500.0, True, "10500余", 2, 2),
            ("高楠镇", "法律明白人", "stock", "名", 30.0, False, "30", 1, 2),
            ("高楠镇", "法律顾问", "stock", "名", 1.0, False, "1", 1, 2),  # the latest year's, not 1 + 1
            ("高楠镇", "矛盾纠纷化解", "flow", "件", 84.0, False, "84", 1, 2),
            ("高楠镇", "矛盾纠纷排查", "flow", "件", 86.0, False, "86", 1, 2),
        ],
        columns=COLUMNS,
    )
    got = df[COLUMNS].astype({"years": "int64", "reports": "int64"})
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)
    assert df[df.kind == "stock"].per_report.isna().all()


def test_the_trend_reads_the_same_figures(figures_db):
    with store.connect(figures_db, read_only=True) as con:
        trend = indicator_trend(con)
        metrics = township_metrics(con)
    row = trend[(trend.year == 2022) & (trend.metric == "宣传资料发放")].iloc[0]
    assert (row.total, row.total_text, row.townships, row.reports) == (8300.0, "8300余", 2, 2)
    assert not set(trend.metric) & {"法治培训", "行政诉讼", "网格员", "化解率", "其他"}
    assert set(trend.metric) == set(metrics.metric)
    assert default_trend_metrics(trend, n=2) == ["宣传资料发放（份）", "法律顾问（名）"]  # 2 townships; then 1 township, 2 years
    assert default_trend_metrics(trend.iloc[:0]) == []


def test_the_trend_keeps_the_figures_of_the_chosen_section_kinds(figures_db):
    with store.connect(figures_db, read_only=True) as con:
        every = indicator_trend(con)
        achievements = indicator_trend(con, Filters(kinds=("achievements",)))
        plans = indicator_trend(con, Filters(kinds=("plans",)))
    assert not every.empty
    assert plans.empty  # a plan's numbers are targets, never done work
    assert achievements[(achievements.year == 2022) & (achievements.metric == "宣传资料发放")].total.tolist() == [8300.0]


@pytest.mark.parametrize("filters", [ALL, Filters(years=(2022,)), Filters(townships=("高楠镇",))])
def test_export_and_brief_show_the_pages_figures(figures_db, filters):
    with store.connect(figures_db, read_only=True) as con:
        page = township_metrics(con, filters)
        export = _export_tables()["township_metrics"](con, filters)
        brief = county_brief.build_brief(con, year=filters.years[0] if filters.years else None).indicators
        kept = tuple(filters.townships)
        years = {int(y): township_metrics(con, Filters(years=(int(y),))) for y in brief.year.unique() if y}
    pd.testing.assert_frame_equal(export, page)
    if not kept:  # the brief covers whole counties
        _assert_brief_equals_pages(brief, page, years)


def _assert_brief_equals_pages(brief: pd.DataFrame, page: pd.DataFrame, years: dict[int, pd.DataFrame]) -> None:
    """The brief's figures are the pages': a one-year brief (year 0) the page's; a multi-year
    brief's each year the page filtered to that year (it adds each year up on its own)."""
    for year, rows in brief.groupby("year"):
        shown = years[int(year)] if year else page
        by_metric = shown.groupby(["metric", "unit"]).total.sum().sort_index()
        pd.testing.assert_series_equal(rows.set_index(["metric", "unit"]).total.sort_index(), by_metric, check_names=False)


def test_the_raw_export_keeps_every_number_with_its_role(figures_db):
    with store.connect(figures_db, read_only=True) as con:
        rows = _export_tables()["indicators"](con, ALL)
    roles = rows.groupby("role").size().to_dict()
    assert roles == {"context": 2, "done": 10, "shortfall": 1, "target": 3}
    assert rows[rows.metric == "行政诉讼"].role.tolist() == ["shortfall"]


# figures that are no year's work, though stated among the achievements (and one done figure in a
# problems section): a comparison, a sub-count, a multi-year total, a per-unit or average figure
ROLE_REPORTS = {
    "坪坝镇_2022.txt": report_text(
        "坪坝镇",
        "城口县",
        2022,
        achievements=[
            "全年排查矛盾纠纷50件，较上年增加12件，其中邻里纠纷20件。",
            "自2019年以来累计发放宣传资料12000份，全年发放宣传资料800份。",
            "每村配备法律明白人1名，全镇现有法律明白人40名。",
        ],
        problems=["虽然全年开展普法宣传活动8场，但覆盖面不广，仍有2个村未建法治宣传栏。"],
        plans=["计划明年新建法治宣传栏2处。"],
    ),
    "坪坝镇_2023.txt": report_text(
        "坪坝镇",
        "城口县",
        2023,
        achievements=["全年排查矛盾纠纷30件，同比下降40%。", "培养法律明白人45名，人均学法20学时。"],
        problems=["普法形式单一。"],
        plans=["确保每年开展普法宣传活动不少于10场。"],
    ),
}


@pytest.fixture(scope="module")
def roles_db(tmp_path_factory):
    return _store(tmp_path_factory.mktemp("roles"), ROLE_REPORTS)


def test_only_the_years_work_is_summed(roles_db):
    with store.connect(roles_db, read_only=True) as con:
        df = township_metrics(con)
    expected = pd.DataFrame(
        [
            ("坪坝镇", "宣传资料发放", "flow", "份", 800.0, False, "800", 1, 2),  # not the 12000 since 2019
            ("坪坝镇", "普法宣传活动", "flow", "场", 8.0, False, "8", 1, 2),  # 虽然…开展8场, 但…: done; 不少于10场 is not
            ("坪坝镇", "法律明白人", "stock", "名", 45.0, False, "45", 1, 2),  # 2023's, not 40 + 45, nor 每村1名
            ("坪坝镇", "矛盾纠纷排查", "flow", "件", 80.0, False, "80", 2, 2),  # 50 + 30, not +12 nor 其中20
        ],
        columns=COLUMNS,
    )
    got = df[COLUMNS].astype({"years": "int64", "reports": "int64"})
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)


def test_the_trend_export_and_brief_leave_out_what_is_no_years_work(roles_db):
    with store.connect(roles_db, read_only=True) as con:
        trend = indicator_trend(con)
        page = township_metrics(con)
        export = _export_tables()["township_metrics"](con, ALL)
        brief = county_brief.build_brief(con).indicators
        rows = _export_tables()["indicators"](con, ALL)
        years = {int(y): township_metrics(con, Filters(years=(int(y),))) for y in brief.year.unique() if y}
    assert trend[["year", "metric", "total"]].values.tolist() == [
        [2022, "宣传资料发放", 800.0],
        [2022, "普法宣传活动", 8.0],
        [2022, "法律明白人", 40.0],
        [2022, "矛盾纠纷排查", 50.0],
        [2023, "法律明白人", 45.0],
        [2023, "矛盾纠纷排查", 30.0],
    ]
    pd.testing.assert_frame_equal(export, page)
    assert sorted(brief.year.unique()) == [2022, 2023]
    _assert_brief_equals_pages(brief, page, years)
    # every number is kept, with its role, for whoever asks
    kept = rows[rows.role != "done"].sort_values(["year", "value"])[["year", "value", "role"]].values.tolist()
    assert kept == [
        [2022, 1.0, "context"],
        [2022, 2.0, "shortfall"],
        [2022, 2.0, "target"],
        [2022, 12.0, "context"],
        [2022, 20.0, "context"],
        [2022, 12000.0, "context"],
        [2023, 10.0, "target"],
        [2023, 20.0, "context"],
        [2023, 40.0, "context"],
    ]


def test_a_store_from_before_roles_is_read_again_on_opening(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "高楠镇_2021.txt").write_text(REPORTS["高楠镇_2021.txt"], encoding="utf-8")
    db = tmp_path / "old.duckdb"
    ingest_paths([folder], db=db, workers=1)
    with store.connect(db) as con:  # as an older version stored it: no role, no kind, old metric names
        con.execute("ALTER TABLE indicators DROP COLUMN role")
        con.execute("ALTER TABLE indicators DROP COLUMN kind")
        con.execute("UPDATE indicators SET metric = '会议'")
        con.execute(f"DELETE FROM meta WHERE key = '{store.INDICATOR_RULES_KEY}'")
        assert not store.indicators_current(con)
    with store.connect(db, read_only=True) as con:
        got = con.execute("SELECT metric, role FROM indicators ORDER BY ord").fetchall()
        assert store.indicators_current(con)
    assert got == [
        ("法律顾问", "done"),
        ("宣传资料发放", "done"),
        ("矛盾纠纷排查", "done"),
        ("矛盾纠纷化解", "done"),
        ("化解率", "done"),
        ("行政诉讼", "shortfall"),
        ("法治培训", "target"),
    ]


def test_evaluate_numbers_on_a_labelled_set(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "高楠镇_2021.txt").write_text(REPORTS["高楠镇_2021.txt"], encoding="utf-8")
    sentence = "聘请法律顾问1名，全年发放宣传资料5800余份，排查矛盾纠纷86件，调处化解84件。"
    rows = [
        ("高楠镇_2021.txt", sentence, "1名", 1, "名", "法律顾问", "done", "stock", 0),
        ("高楠镇_2021.txt", sentence, "5800余份", 5800, "份", "宣传资料发放", "done", "flow", 1),
        ("高楠镇_2021.txt", sentence, "86件", 86, "件", "矛盾纠纷排查", "done", "flow", 0),
        ("高楠镇_2021.txt", sentence, "84件", 84, "件", "矛盾纠纷调解", "done", "flow", 0),
        ("高楠镇_2021.txt", "每年组织集中培训不少于2次。", "2次", 2, "次", "法治培训", "target", "flow", 0),
        ("高楠镇_2021.txt", "没有这句话。", "9次", 9, "次", "其他", "done", "flow", 0),
    ]
    pd.DataFrame(rows, columns=["file", "sentence", "number", "value", "unit", "metric", "role", "kind", "approx"]).to_csv(
        tmp_path / "numbers.csv", index=False
    )
    result = evaluate_numbers(tmp_path)
    assert result.lines() == [
        "labelled numbers found: 0.833 (5/6)",
        "done precision (all marked done): 0.800 (4/5); 1 of them are no labelled number",
        "done precision (named flows, what the sums add): 1.000 (3/3)",
        "metric precision (named): 0.800 (4/5)",
        "metric recall (named): 0.800 (4/5)",
        "approximate marked: 1.000 (1/1); 0 exact numbers marked approximate",
        "stocks summed across years: 0",
    ]


RESTATED_REPORTS = {
    "汤池镇_2023.txt": report_text(
        "汤池镇",
        "舒城县",
        2023,
        achievements=[
            "会同县市场监管部门在旅游旺季开展联合执法检查38次，全年发放宣传资料3000份。",
            "主要数据：执法检查：38次；宣传资料发放：3000份；法律咨询：120人次。",
            "全年接受群众法律咨询120人次。",
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_a_figure_a_report_states_twice_is_summed_once(tmp_path):
    """A 数据统计 line restating a sentence's figure (38次 twice) counts once — in the pages, the
    trend and the brief alike; so does the 120人次 of a sentence restated in the table (a same value
    stated twice for one metric in one report is read as a restatement: README, known limits)."""
    db = _store(tmp_path, RESTATED_REPORTS)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index("metric").total.to_dict()
        trend = indicator_trend(con).set_index("metric").total.to_dict()
        brief = county_brief.build_brief(con, counties=("舒城县",), year=2023).indicators.set_index("metric").total.to_dict()
    assert page == trend == brief == {"执法检查": 38.0, "宣传资料发放": 3000.0, "法律咨询": 120.0}


DUTY_REPORTS = {
    "汤池镇_2023.txt": report_text(
        "汤池镇",
        "舒城县",
        2023,
        achievements=[
            "全年开展执法检查38次，发放宣传资料3000份。",
            "二、党政主要负责人履行推进法治建设第一责任人职责情况",
            "镇长带队开展执法检查6次，主持召开法治建设专题会议3次。",
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_the_leaders_part_of_work_the_achievements_count_is_not_added(tmp_path):
    """「镇长带队开展执法检查6次」 of the 第一责任人 section is part of the 38 inspections the achievements
    count; its 专题会议3次, which no other section counts, is summed."""
    db = _store(tmp_path, DUTY_REPORTS)
    with store.connect(db, read_only=True) as con:
        kinds = dict(con.execute("SELECT heading, kind FROM sections").fetchall())
        page = township_metrics(con).set_index("metric").total.to_dict()
        trend = indicator_trend(con).set_index("metric").total.to_dict()
    assert "duty" in kinds.values()
    assert page == trend == {"执法检查": 38.0, "宣传资料发放": 3000.0, "法治专题会议": 3.0}


RESTATED_IN_PROBLEMS = {
    "汤池镇_2023.txt": report_text(
        "汤池镇",
        "舒城县",
        2023,
        achievements=["全年开展法治宣传活动38场，其中送法进企业12场，发放宣传资料3000份。"],
        problems=["虽然今年送法进企业达到12场，但企业员工参与度不高。", "虽然组织旁听庭审2次，但覆盖面仍然偏小。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_a_problem_restating_the_years_work_is_not_added(tmp_path):
    """「虽然今年送法进企业达到12场，但…」 in the problems section restates part of the 38 events the
    achievements count (the brief had 普法宣传活动 74 = 38 + 24 + 12); its 旁听庭审2次, which no other
    section counts, is summed."""
    db = _store(tmp_path, RESTATED_IN_PROBLEMS)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index("metric").total.to_dict()
        trend = indicator_trend(con).set_index("metric").total.to_dict()
    assert page == trend == {"普法宣传活动": 38.0, "宣传资料发放": 3000.0, "警示教育": 2.0}


LISTED_TWICE = {
    "上集镇_2024.txt": report_text(
        "上集镇",
        "淅川县",
        2024,
        achievements=[
            "在张营、孔营、马湾三个移民村分别开展法律明白人示范培训3场、2场和2场。",
            "全年开展普法宣传活动12场。",
            "数据统计：普法宣传活动：12场。",
            "组织干部参加学法考试，应考86人，实考86人。",
        ],
        problems=["普法形式单一。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_a_value_listed_twice_in_one_sentence_is_two_figures(tmp_path):
    """「3场、2场和2场」 is 7 场 (淅川县 reading: the brief said 5, the repeated 2 read as a restatement); the
    12场 of the text and of the data line is still one figure, and so are 「应考86人，实考86人」 (the same people, N12)."""
    db = _store(tmp_path, LISTED_TWICE)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index("metric").total.to_dict()
        trend = indicator_trend(con).set_index("metric").total.to_dict()
    assert page == trend == {"法治培训": 7.0, "普法宣传活动": 12.0, "学法考试": 86.0}


CASES = {
    "凤瑞街道_2024.txt": report_text(
        "凤瑞街道",
        "方城县",
        2024,
        achievements=[
            "立案查处一般程序案件9起，适用简易程序当场处罚27起。",
            "发生行政诉讼案件3件，已审结的2件均胜诉，另有一件尚在审理。",
            "全年排查矛盾纠纷220件，调解214件。",
            "另承接县法院委派的诉前调解案件36件，成功调解31件。",
        ],
        problems=["普法形式单一。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_cases_of_two_procedures_add_and_lawsuits_concluded_are_of_the_years_lawsuits(tmp_path):
    """N46: 「一般程序案件9起，适用简易程序当场处罚27起」 are 36 penalty cases (27 was read as a part of the 9); of 「行政诉讼
    案件3件，已审结的2件…」 the year's lawsuits are 3, not 5 (a report's lawsuits, like its caseloads, are its largest
    figure of them); the court's cases the township took on besides (另承接…36件) add to its mediations (250)."""
    db = _store(tmp_path, CASES)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index("metric").total.to_dict()
        trend = indicator_trend(con).set_index("metric").total.to_dict()
    assert page == trend == {"行政处罚": 36.0, "行政诉讼": 3.0, "矛盾纠纷排查": 220.0, "矛盾纠纷调解": 250.0, "矛盾纠纷化解": 31.0}


def test_evaluate_numbers_compares_the_year_totals_with_a_summed_column(tmp_path):
    """With a ``summed`` column the measure adds the labelled figures of each report and flow metric
    and compares them with the totals the pages show: the labels' 排查 86 is right; 化解 84 is given
    where the labels say 调解 (one wrong, one given where the labels add nothing); the 5800 is
    right; the restated stock (法律顾问, summed 0) and the target are in no total."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "高楠镇_2021.txt").write_text(REPORTS["高楠镇_2021.txt"], encoding="utf-8")
    sentence = "聘请法律顾问1名，全年发放宣传资料5800余份，排查矛盾纠纷86件，调处化解84件。"
    rows = [
        ("高楠镇_2021.txt", sentence, "1名", 1, "名", "法律顾问", "done", "stock", 0, 0),
        ("高楠镇_2021.txt", sentence, "5800余份", 5800, "份", "宣传资料发放", "done", "flow", 1, 1),
        ("高楠镇_2021.txt", sentence, "86件", 86, "件", "矛盾纠纷排查", "done", "flow", 0, 1),
        ("高楠镇_2021.txt", sentence, "84件", 84, "件", "矛盾纠纷调解", "done", "flow", 0, 1),
        ("高楠镇_2021.txt", "每年组织集中培训不少于2次。", "2次", 2, "次", "法治培训", "target", "flow", 0, 0),
    ]
    columns = ["file", "sentence", "number", "value", "unit", "metric", "role", "kind", "approx", "summed"]
    pd.DataFrame(rows, columns=columns).to_csv(tmp_path / "numbers.csv", index=False)
    result = evaluate_numbers(tmp_path)
    assert result.lines()[-2:] == [
        "year totals (report × flow metric × unit) the labels sum: 3; right 0.667 (2/3)",
        "totals given where the labels sum nothing: 1 of 3",
    ]
    sums = result.sums.set_index("metric")
    assert sums.label.to_dict() == {"宣传资料发放": 5800.0, "矛盾纠纷化解": 0.0, "矛盾纠纷排查": 86.0, "矛盾纠纷调解": 84.0}
    assert sums.got.to_dict() == {"宣传资料发放": 5800.0, "矛盾纠纷化解": 84.0, "矛盾纠纷排查": 86.0, "矛盾纠纷调解": 0.0}


@pytest.mark.parametrize(
    ("total", "approx", "rough", "expected"),
    [
        (14100.0, True, 5800.0, "14100余"),  # 5800余 + 4700余 + 3600余
        (11065.0, True, 11000.0, "11000余"),  # 1.1万余 + 65: the total keeps the rough figure's precision
        (68.0, True, 30.0, "68余"),  # 30余 + 38
        (11065.0, False, None, "11065"),
        (3.5, True, 3.5, "3.5余"),
    ],
)
def test_a_total_is_written_to_the_precision_of_its_rough_figures(total, approx, rough, expected):
    from analysis.insights.compare import total_texts

    assert total_texts(pd.Series([total]), pd.Series([approx]), pd.Series([rough])) == [expected]


DATA_BLOCK_REPORTS = {
    "港口镇_2023.txt": report_text(
        "港口镇",
        "宁国市",
        2023,
        achievements=[
            "镇党委理论学习中心组集中学法14次，党委会、镇长办公会会前学法25次。办理行政处罚案件29件，适用简易程序18件。",
            "审查合同、协议等51份。",
            "（七）主要数据",
            "集中学法：39次",
            "合同审查：177份",
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_a_data_block_gives_the_years_total_and_a_procedures_count_is_a_part(tmp_path):
    """N11 (港口镇 2023): the 主要数据 block's 「集中学法：39次」 is the year's total of the text's 14 + 25 (summed
    to 78), its 「合同审查：177份」 the total of which the text names 51; 适用简易程序18件 is part of the 29 cases."""
    db = _store(tmp_path, DATA_BLOCK_REPORTS)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index("metric").total.to_dict()
        trend = indicator_trend(con).set_index("metric").total.to_dict()
    assert page == trend == {"集中学法": 39.0, "合法性审查": 177.0, "行政处罚": 29.0}


DUTY_OTHER_UNIT = {
    "合口镇_2024.txt": report_text(
        "合口镇",
        "临澧县",
        2024,
        achievements=[
            "全年审查合同协议等47件。",
            "二、党政主要负责人履行推进法治建设第一责任人职责情况",
            "镇长审定重大合同和重要文件12份，主持召开法治建设专题会议3次。",
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_the_leaders_part_in_another_unit_is_not_added_either(tmp_path):
    """临澧县 review: 「合法性审查47件、12份」 — the duty's 12份 is part of the 47件 the achievements count."""
    db = _store(tmp_path, DUTY_OTHER_UNIT)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index("metric").total.to_dict()
        trend = indicator_trend(con).set_index("metric").total.to_dict()
    assert page == trend == {"合法性审查": 47.0, "法治专题会议": 3.0}


CASELOAD_REPORTS = {
    "上涌镇_2023.txt": report_text(
        "上涌镇",
        "德化县",
        2023,
        achievements=[
            "镇党委书记亲自包案化解跨村山林权属纠纷1起。",
            "镇政府法律顾问全年参与纠纷调处14起。",
            "全年排查矛盾纠纷132起，调处130起，化解126起。",
            "成立山林纠纷调处小组，全年调处山林纠纷44起，化解41起。",
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_a_reports_dispute_caseload_is_its_largest_figure_of_each_stage(tmp_path):
    """德化县 review: the kinds of dispute, a leader's case and the adviser's part were added to the year's
    调处130起 and 化解126起 (调解188起 and 化解168起 beside 排查132起)."""
    db = _store(tmp_path, CASELOAD_REPORTS)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index("metric").total.to_dict()
        trend = indicator_trend(con).set_index("metric").total.to_dict()
    assert page == trend == {"矛盾纠纷排查": 132.0, "矛盾纠纷调解": 130.0, "矛盾纠纷化解": 126.0}


PETITION_REPORTS = {
    "益林镇_2024.txt": report_text(
        "益林镇",
        "阜宁县",
        2024,
        achievements=[
            "全年受理群众信访事项142件，按期办结138件。",
            "化解信访积案4件。",
            "镇党委书记、镇长带头包案化解信访积案，全年共包案6件。",
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_a_reports_petitions_are_its_largest_figure(tmp_path):
    """阜宁县 review: 益林镇's 信访 146件 added the 4 积案 resolved (and 包案 6) to the 142 received; a report's
    petitions are its largest count of them, as its disputes are."""
    db = _store(tmp_path, PETITION_REPORTS)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index("metric").total.to_dict()
        trend = indicator_trend(con).set_index("metric").total.to_dict()
    assert page["信访"] == trend["信访"] == 142.0


LEVEL_REPORTS = {
    "河口镇_2022.txt": report_text(
        "河口镇",
        "铅山县",
        2022,
        achievements=[
            "全镇现有省级民主法治示范社区1个、市级示范社区（村）4个。",
            "聘请法律顾问1名，全年审查合同协议39份。",
            "镇政府法律顾问1名全程参与重大决策。",
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
    "永平镇_2023.txt": report_text(
        "永平镇",
        "铅山县",
        2023,
        achievements=["全年开展联合执法行动21次，查处违法用地6起、违章建设9起，办理行政处罚案件18件。"],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_a_stock_listed_by_level_is_their_sum_and_penalty_cases_their_largest_count(tmp_path):
    """铅山县 review: 「省级…1个、市级…4个」 is 5 示范村 (the largest, 4, was shown), while a stock said twice (法律顾问1名)
    stays 1; 「查处违法用地6起、违章建设9起，办理行政处罚案件18件」 is 18 cases (起 and 件 one unit), not 33."""
    db = _store(tmp_path, LEVEL_REPORTS)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index(["township", "metric"]).total.to_dict()
        trend = indicator_trend(con).set_index(["year", "metric"]).total.to_dict()
    assert page[("河口镇", "民主法治示范村")] == trend[(2022, "民主法治示范村")] == 5.0
    assert page[("河口镇", "法律顾问")] == 1.0
    assert page[("永平镇", "行政处罚")] == trend[(2023, "行政处罚")] == 18.0


PROCEDURE_REPORTS = {
    "天堂镇_2024.txt": report_text(
        "天堂镇",
        "岳西县",
        2024,
        achievements=[
            "全年开展执法巡查1500余次，立案查处一般程序案件38件，结案36件；适用简易程序处罚73件。",
            "全镇现有省级民主法治示范村1个、市级示范村4个，示范村总数达到5个。",
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
    "永平镇_2023.txt": report_text(
        "永平镇",
        "铅山县",
        2023,
        achievements=["查处违法用地6起、违章建设9起，办理一般程序行政处罚案件18件。"],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_cases_counted_by_procedure_are_summed_and_a_stated_total_is_not_added_to_its_levels(tmp_path):
    """岳西县 review: 「一般程序案件38件…；适用简易程序处罚73件」 is 111 cases; a procedure named before one count keeps the
    others of its clause out (6起、9起 beside 一般程序…18件 is 18); 「省级1个、市级4个，总数达到5个」 is 5, not 10."""
    db = _store(tmp_path, PROCEDURE_REPORTS)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index(["township", "metric"]).total.to_dict()
    assert page[("天堂镇", "行政处罚")] == 111.0
    assert page[("永平镇", "行政处罚")] == 18.0
    assert page[("天堂镇", "民主法治示范村")] == 5.0


QUARTER_REPORTS = {
    "岸堤镇_2022.txt": report_text(
        "岸堤镇",
        "沂南县",
        2022,
        achievements=[
            "严格落实会前学法制度，要求每季度会前学法不少于2次，实际开展情况为：一季度3次、二季度2次、三季度3次、四季度2次。党委理论学习中心组开展法治专题学习4次。",
            "全年排查矛盾纠纷128件，各级调解组织调解纠纷分季度为：一季度23件、二季度31件、三季度27件、四季度25件。",
            "截至目前，全镇累计培育“法律明白人”310名，创建省级民主法治示范社区2个、市级3个。",
            "全镇现有“法律明白人”126名，占全县“法律明白人”总数（5800余名）的2%左右。",
            "【数据】信访受理：176件；办结：172件；审查合同：63份（上年56份）",
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_quarters_are_summed_and_a_data_line_may_carry_last_years_figure(tmp_path):
    """沂南县 reading: a flow told quarter by quarter is their sum (会前学法 3+2+3+2, not the distinct values 3 and 2; 调解
    106, not the largest quarter 31); a 累计 before a stock listed by level is another count's (示范社区 2 + 3); a data
    line with last year's figure in brackets is the year's (63 份, counted once), 办结 after 信访受理 closes petitions, and
    the county's total beside the township's is no figure of the township's."""
    db = _store(tmp_path, QUARTER_REPORTS)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index(["metric", "unit"]).total.to_dict()
    assert page[("集中学法", "次")] == 14.0
    assert page[("矛盾纠纷调解", "件")] == 106.0
    assert page[("民主法治示范村", "个")] == 5.0
    assert page[("法律明白人", "名")] == 310.0
    assert page[("信访办结", "件")] == 172.0
    assert page[("合法性审查", "份")] == 63.0


def test_a_data_line_with_last_years_figure_after_a_slash_is_the_years_total(tmp_path):
    """N40 (城关镇 2023): the body's 10 + 14 sessions, and how many more than last year, then a block of main figures
    「（2023年/2022年）」 whose line 「集中学法（含会前学法）：24次/20次」 is the year's total: 24, not 10 + 14 + 2 + 2 + 24 + 20."""
    text = report_text(
        "城关镇",
        "保康县",
        2023,
        achievements=[
            "全年开展党委理论学习中心组集中学法10次、政府常务会会前学法14次，分别比上年多2次和2次。",
            "主要指标完成情况（2023年/2022年）：",
            "集中学法（含会前学法）：24次/20次",
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    )
    db = _store(tmp_path, {"城关镇_2023.txt": text})
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index(["metric", "unit"]).total.to_dict()
    assert page[("集中学法", "次")] == 24.0


def test_quarters_in_clauses_of_their_own_are_summed(tmp_path):
    """Reading 15 (城关街道 2023): 「…情况：一季度排查42件、化解40件；二季度排查51件、化解49件；…」 — each quarter a clause of its
    own: the year's 排查 is 196 and 化解 189, not the largest quarter (55) nor a part told later (物业纠纷化解68件)."""
    text = report_text(
        "城关街道",
        "彬州市",
        2023,
        achievements=[
            "全年矛盾纠纷排查化解情况：一季度排查42件、化解40件；二季度排查51件、化解49件；三季度排查55件、化解53件；四季度排查48件、化解47件。"
            "新组建物业纠纷人民调解委员会1个，全年受理物业纠纷74件，化解68件。"
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    )
    db = _store(tmp_path, {"城关街道_2023.txt": text})
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index(["metric", "unit"]).total.to_dict()
    assert page[("矛盾纠纷排查", "件")] == 196.0
    assert page[("矛盾纠纷化解", "件")] == 189.0


BLOCKS_AND_UNITS = {
    "城关镇_2023.txt": report_text(
        "城关镇",
        "汉阴县",
        2023,
        achievements=[
            "全年开展中心组集中学法11次、机关干部法治专题学习24次。",
            "全年检查企业186家次，开展执法检查254次。",
            "举办法治专题培训4期。",
            "集中学法（次）｜18｜35",
            "执法检查（次）｜236｜254",
            "全年开展各类普法宣传活动4场、法治讲座6场。",
            "主要指标完成情况：",
            "普法宣传活动　　　　　18场",
            "全年审查合同协议等47件。",
            "二、党政主要负责人履行推进法治建设第一责任人职责情况",
            "镇党委书记带头讲授法治专题党课2次，审定重大合同12份。",
        ],
        problems=["执法力量不足。"],
        plans=["加强执法队伍建设。"],
    ),
}


def test_a_table_between_bars_outranks_the_text_in_its_unit_and_a_leaders_lectures_are_training(tmp_path):
    """N42: 「集中学法（次）｜18｜35」 states the year's 35 (the text's 11 + 24 are its parts: summed with it, 70); the
    table's 执法检查 254次 leaves the text's 186家次, another count (N34); the duty's 党课2次 beside 培训4期 is training
    of its own, but its 审定…12份 is part of the 47件 reviewed (临澧县 review); 「普法宣传活动　　　18场」 under 主要指标完成情况 is
    the year's figure (the text's 4 + 6 are parts of it, twenty-first reading)."""
    db = _store(tmp_path, BLOCKS_AND_UNITS)
    with store.connect(db, read_only=True) as con:
        page = township_metrics(con).set_index(["metric", "unit"]).total.to_dict()
    assert page[("集中学法", "次")] == 35.0
    assert page[("执法检查", "次")] == 254.0
    assert page[("执法检查", "家次")] == 186.0
    assert page[("法治培训", "期")] == 4.0
    assert page[("法治培训", "次")] == 2.0
    assert page[("合法性审查", "件")] == 47.0
    assert ("合法性审查", "份") not in page
    assert page[("普法宣传活动", "场")] == 18.0  # a figure aligned after its label with spaces is a data line (4 + 6 + 18 summed)
