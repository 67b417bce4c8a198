"""analysis.problems.extraction: items of whole reports against independently labelled items."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.problems.extraction import evaluate_reports, match_items

INDEPENDENT = Path(__file__).parent / "data" / "independent"


@pytest.mark.parametrize(
    ("labelled", "extracted", "expected"),
    [
        (["执法力量不足"], ["执法力量不足。"], [("own", 0)]),
        (["执法力量不足"], ["执法力量不足。普法形式单一，覆盖面不广，宣传效果不好。"], [("merged", 0)]),
        (["执法力量不足，人员少，装备差"], ["执法力量不足，", "人员少，装备差"], [("split", 1)]),
        (["执法力量不足"], ["群众法治意识淡薄"], [("missed", None)]),
        (["执法力量不足"], [], [("missed", None)]),
    ],
)
def test_match_items(labelled, extracted, expected):
    assert match_items(labelled, extracted) == expected


def test_first_independent_set_end_to_end():
    """P1 (written by a writer who never saw the code; used for development since its first
    measurement, and its items are now among the register's labelled items): this version's figures."""
    found = evaluate_reports(INDEPENDENT / "P1")
    assert found.problems.counts() == {"own": 164, "merged": 0, "split": 0, "partial": 0, "missed": 1}
    assert found.plans is not None and found.plans.counts()["own"] == 92
    assert (found.grouping.persistence_found, found.grouping.persistence_true) == (78, 79)
    assert (found.emerging.items, round(found.emerging.precision, 3), round(found.emerging.recall, 3)) == (19, 1.0, 1.0)
    assert (found.emerging.persistence_found, found.emerging.persistence_true) == (3, 3)


def test_an_item_stating_two_problems_stands_for_a_label_by_its_first():
    import pandas as pd

    from analysis.problems.extraction import product_groups
    from analysis.problems.register import assign

    text = "一是执法人员少、身兼多职；二是部分群众法治意识淡薄。"
    first, second = assign([text]).iloc[0][["code", "second_code"]]
    assert (first, second) == ("PUBLIC_AWARE", "ENF_STAFF")  # the dashboard shows it under both
    found = pd.DataFrame({"file": ["a.txt"], "ord": [0], "text": [text]})
    assert product_groups(found) == {("a.txt", 0): "PUBLIC_AWARE"}


def test_the_development_set_p44_end_to_end():
    """P44 (independent writer; development since its first measurement, items 118 of 168, persistence 29 of 45): problems
    packed half a clause each, stories under 「几点反思」 and lists among them."""
    found = evaluate_reports(INDEPENDENT / "P44")
    assert found.problems.counts()["own"] == 136  # (+2: a clause on its own subject about another problem, under a heading)
    assert (found.grouping.persistence_found, found.grouping.persistence_true, found.grouping.persistence_false) == (34, 45, 1)
    assert (found.outside_unassigned, found.outside) == (32, 35)


def test_the_development_set_p46_end_to_end():
    """P46 (independent writer; development since its first measurement, items 117 of 167, F1 0.674, persistence 30 of 40):
    text tables drawn with ｜, 「其他存在的问题」 sub-headings, problems with their causes joined by ；, comparisons
    (与群众期待相比，…；与县委要求相比，…) and problems stated one after another by their own subjects."""
    found = evaluate_reports(INDEPENDENT / "P46")
    assert found.problems.counts()["own"] == 155
    assert (found.grouping.persistence_found, found.grouping.persistence_true, found.grouping.persistence_false) == (36, 40, 2)
    assert (found.outside_unassigned, found.outside) == (38, 39)


def test_the_development_set_p48_end_to_end():
    """P48 (independent writer; development since its first measurement, items 145 of 162, F1 0.845, persistence 25 of 30):
    ⑪ ⑫ past ten, 一方面/另一方面 sides under a headline naming no problem, or only shortcomings, or two wants
    (“缺人”又“缺能”), each a problem of its own."""
    found = evaluate_reports(INDEPENDENT / "P48")
    assert found.problems.counts()["own"] == 153
    assert (found.grouping.persistence_found, found.grouping.persistence_true, found.grouping.persistence_false) == (25, 30, 1)
    assert (found.outside_unassigned, found.outside) == (32, 32)


def test_the_development_set_p50_end_to_end():
    """P50 (independent writer; development since its first measurement, items 140 of 172, F1 0.621, persistence 24 of
    40): problems run together with no mark — after ；, after 。, after ，而且 — split where the register's word
    classifier reads the two sides as two named problems, and after a comma a clause on its own subject with 也; 甲、乙、
    as marks and 「依法决策方面。」 as no part of the problem; 巡察反馈的问题 read as a group heading."""
    found = evaluate_reports(INDEPENDENT / "P50")
    assert found.problems.counts()["own"] == 164
    assert (found.grouping.persistence_found, found.grouping.persistence_true, found.grouping.persistence_false) == (28, 40, 4)
    assert (found.outside_unassigned, found.outside) == (31, 38)


def test_the_development_set_p52_end_to_end():
    """P52 (independent writer; development since its first measurement, items 127 of 162, F1 0.730): a ；-list after
    intros the code did not know (「…除此之外，还存在：」「▲需要关注的其他问题：→」「…问题尚未完全整改到位：」), 短板一/弱项二
    and bullets, one problem a line with no end punctuation (read as sub-headings), a paragraph of the causes of all
    problems, a headline naming two fields (河湖管护和移风易俗仍有难点。); problems told in the achievements (在肯定成绩的
    同时…, 然而/但… 依然繁重/形势依然严峻) beside a problems section that refers back to them."""
    found = evaluate_reports(INDEPENDENT / "P52")
    assert found.problems.counts()["own"] == 152
    assert (found.grouping.persistence_found, found.grouping.persistence_true, found.grouping.persistence_false) == (19, 21, 4)
    assert (found.outside_unassigned, found.outside) == (32, 34)


def test_the_development_set_p56_end_to_end():
    """P56 (independent writer; development since its first measurement, items 154 of 167, F1 0.772): a run-on paragraph
    of problems each closed by a rhetorical question after an intro 「…短板还不少：」 (猫儿乡), a headline over two areas'
    problems after ； (长宁镇), a neighbour's defect words (执法车辆与…共用, 法律明白人…很少主动开展工作)."""
    found = evaluate_reports(INDEPENDENT / "P56")
    assert found.problems.counts()["own"] == 161
    assert found.plans.counts()["own"] == 122
    assert (found.grouping.persistence_found, found.grouping.persistence_true, found.grouping.persistence_false) == (41, 48, 2)
    assert (found.outside_unassigned, found.outside) == (24, 35)


def test_the_development_set_p54_end_to_end():
    """P54 (independent writer; development since its first measurement, items 162 of 184, F1 0.802): problems listed
    in one clause with 、 or 和 (「…作用发挥不充分、…服务内容单一、…流于形式」), an item numbered 「3.12345热线…」, and a
    Word table of problems and one of tasks pasted as text with single ideographic spaces between cells (咱果乡)."""
    found = evaluate_reports(INDEPENDENT / "P54")
    assert found.problems.counts()["own"] == 168
    assert found.plans.counts()["own"] == 110
    assert (found.grouping.persistence_found, found.grouping.persistence_true, found.grouping.persistence_false) == (41, 47, 2)
    assert (found.outside_unassigned, found.outside) == (45, 54)
