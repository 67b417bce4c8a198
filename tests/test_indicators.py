"""Counted indicators: the role of every number, the metric counted in its own phrase, the kind."""

from __future__ import annotations

import pytest

from analysis.errors import ReportError
from analysis.insights.indicator_eval import load_numbers
from analysis.parse.indicators import extract_indicators, kind_of, role_for


@pytest.mark.parametrize(
    ("text", "section_kind", "expected"),
    [
        # the examples: plans and problems are no work done
        ("每年组织集中培训不少于2次。", "plans", [(2, "次", "法治培训", "target")]),
        ("作为被告的行政诉讼案件败诉1起。", "achievements", [(1, "起", "行政诉讼", "shortfall")]),
        ("年内发生的2起行政诉讼案件应诉准备不够充分。", "problems", [(2, "起", "行政诉讼", "shortfall")]),
        ("协助办理法律援助案件5件。", "achievements", [(5, "件", "法律援助", "done")]),
        # one flow, three stages
        (
            "全年排查矛盾纠纷86件，调解80件，调处化解78件。",
            "achievements",
            [(86, "件", "矛盾纠纷排查", "done"), (80, "件", "矛盾纠纷调解", "done"), (78, "件", "矛盾纠纷化解", "done")],
        ),
        # a target inside achievements, then the year's work
        (
            "要求每次常务会议前学法不少于15分钟，全年会前学法18次。",
            "achievements",
            [(15, "分钟", "集中学法", "target"), (18, "次", "集中学法", "done")],
        ),
        # context: places, people, per-unit and year-on-year figures
        (
            "全镇辖21个行政村，总人口4.3万人。",
            "preamble",
            [(21, "个", "其他", "context"), (43000, "人", "其他", "context")],
        ),
        (
            "共划分111个网格单元，每个网格设置网格员1名。",
            "achievements",
            [(111, "个", "其他", "context"), (1, "名", "网格员", "context")],
        ),
        ("受理信访事项30件，较上年减少5件。", "achievements", [(30, "件", "信访", "done"), (5, "件", "信访", "context")]),
        ("培养学法带头人43名，法律明白人680余人。", "achievements", [(43, "名", "学法带头人", "done"), (680, "人", "法律明白人", "done")]),
        # the metric is what the number's own phrase counts, never a law named elsewhere in the sentence
        ("组织学习《行政处罚法》《信访工作条例》，全年集中学法6次。", "achievements", [(6, "次", "集中学法", "done")]),
        ("全年受理群众来信来访37件，办结35件。", "achievements", [(37, "件", "信访", "done"), (35, "件", "信访", "done")]),
        ("执法检查：40次", "achievements", [(40, "次", "执法检查", "done")]),
        # a plan carries over its clause; a shortfall is one in achievements too
        (
            "计划开展普法宣传活动30场，新建法治宣传栏10块。",
            "achievements",
            [(30, "场", "普法宣传活动", "target"), (10, "块", "宣传阵地", "target")],
        ),
        ("全镇仍有4个村未建成法治宣传阵地。", "achievements", [(4, "个村", "其他", "shortfall")]),
        ("召开村支两委会60场次，院坝会议130场次。", "achievements", [(60, "场次", "其他", "done"), (130, "场次", "其他", "done")]),
        ("", "achievements", []),
    ],
)
def test_role_and_metric(text, section_kind, expected):
    got = [(i.value, i.unit, i.metric, i.role) for i in extract_indicators(text, section_kind=section_kind)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发放宣传资料5800余份。", [(5800, True, "flow")]),
        ("聘请法律顾问1名。", [(1, False, "stock")]),
        ("调解成功率97.7%。", [(97.7, False, "rate")]),
        ("受教育群众约1.2万人次。", [(12000, True, "flow")]),
    ],
)
def test_approximate_and_kind(text, expected):
    assert [(i.value, i.approx, i.kind) for i in extract_indicators(text)] == expected


@pytest.mark.parametrize(
    ("metric", "unit", "kind"),
    [
        ("法律顾问", "名", "stock"),
        ("矛盾纠纷化解", "件", "flow"),
        ("化解率", "%", "rate"),
        ("其他", "%", "rate"),
        ("其他", "次", "flow"),
        ("其他", "名", "stock"),
    ],
)
def test_kind_of(metric, unit, kind):
    assert kind_of(metric, unit) == kind


@pytest.mark.parametrize(
    ("section_kind", "role"),
    [
        ("achievements", "done"),
        ("duty", "done"),
        ("preamble", "done"),
        ("plans", "target"),
        ("problems", "shortfall"),
        ("no such kind", "done"),
    ],
)
def test_a_number_without_cues_takes_its_sections_role(section_kind, role):
    assert role_for("开展普法宣传", "", section_kind=section_kind) == role


def test_a_done_cue_in_a_plan_leaves_it_a_target():
    assert role_for("力争全年开展普法宣传", "", section_kind="plans") == "target"


def test_labelled_numbers_need_their_columns(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("file,sentence,number\na.txt,开展普法12次。,12次\n", encoding="utf-8")
    with pytest.raises(ReportError, match="lacks the columns value, unit, metric, role, kind, approx"):
        load_numbers(path)
