"""analysis.parse.items: problems and plans found by what the sentences say, in the styles townships
write them (the texts are written for these tests; the README names the independent sets)."""

from __future__ import annotations

import pytest

from analysis.parse.items import paragraph_items, section_items
from analysis.parse.patterns import H3, LEAD_MARK
from analysis.parse.structure import Block, heading_of


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # run-on sentences, one problem each
        (
            ["执法力量相对薄弱，在编执法人员仅有6名。普法宣传方式较为传统，以发放资料为主。村级调解组织调处复杂矛盾的能力不足。"],
            ["执法力量相对薄弱，在编执法人员仅有6名。", "普法宣传方式较为传统，以发放资料为主。", "村级调解组织调处复杂矛盾的能力不足。"],
        ),
        # an intro sentence, then 其一 / 其二
        (
            ["对照上级要求，我镇工作还存在一些短板和弱项。其一，执法程序还不够规范。其二，干部学法流于形式。"],
            ["执法程序还不够规范。", "干部学法流于形式。"],
        ),
        # 首先 / 其次 / 最后, and an explanation without a defect word joining its problem
        (
            ["首先，执法人员少。执法队就三个人，还要管防汛。其次，群众法治意识淡薄。最后，经费保障不足。"],
            ["执法人员少。执法队就三个人，还要管防汛。", "群众法治意识淡薄。", "经费保障不足。"],
        ),
        # clauses separated by ；, an intro before a colon
        (
            ["一年来仍有差距：部分群众法治意识不强；矛盾纠纷化解难度较大；法治工作经费仍较紧张。"],
            ["部分群众法治意识不强", "矛盾纠纷化解难度较大", "法治工作经费仍较紧张。"],
        ),
        # 第一， in paragraphs; a cause and a consequence stay with their problem
        (
            ["第一，执法力量不足，在编人员仅3名。究其原因，是编制总量有限。", "第二，普法覆盖面不广，导致偏远村组群众知晓率低。"],
            ["执法力量不足，在编人员仅3名。究其原因，是编制总量有限。", "普法覆盖面不广，导致偏远村组群众知晓率低。"],
        ),
        # a topic lead and 一方面 / 另一方面
        (
            ["从群众层面看，一方面，部分群众法治观念淡薄；另一方面，信访不信法的现象仍然存在。"],
            ["部分群众法治观念淡薄", "信访不信法的现象仍然存在。"],
        ),
        # a short statement sums up what follows in its paragraph
        (
            ["执法力量不足。全镇违法建设查处任务繁重，而执法队仅有4人，难以做到全覆盖。行政应诉能力不强。应诉材料准备不充分。"],
            ["执法力量不足。全镇违法建设查处任务繁重，而执法队仅有4人，难以做到全覆盖。", "行政应诉能力不强。应诉材料准备不充分。"],
        ),
        # a question, its answer after it; an intro before a comma
        (
            ["对照上级要求，我镇工作还存在一些差距，执法人员少，难以满足需要。纠纷调了不少，真正化解了多少？部分纠纷调解只是暂时压住。"],
            ["执法人员少，难以满足需要。", "纠纷调了不少，真正化解了多少？部分纠纷调解只是暂时压住。"],
        ),
        # field lines: 具体表现 and 原因分析 stay with their problem
        (
            ["问题类型：普法宣传；具体表现：普法活动仍以发放资料为主，年轻群体参与少；原因分析：新媒体普法投入不足。"],
            ["问题类型：普法宣传；具体表现：普法活动仍以发放资料为主，年轻群体参与少；原因分析：新媒体普法投入不足。"],
        ),
        # a topic lead before a colon heads a group (dropped); before a comma it stays
        (
            ["从队伍层面看：部分干部学法不深；执法人员业务不熟。在决策方面，公众参与范围偏窄。"],
            ["部分干部学法不深", "执法人员业务不熟。", "在决策方面，公众参与范围偏窄。"],
        ),
        # ... unless a long statement follows it: then it only frames the problem
        (
            ["就村务公开而言，村务公开栏内容更新较慢，低保评定结果公示不及时。从经费看，普法经费紧张。"],
            ["村务公开栏内容更新较慢，低保评定结果公示不及时。", "从经费看，普法经费紧张。"],
        ),
        # a paragraph numbered 第五 goes on 第六, 第七 (第一 to 第四 in the paragraph before)
        (
            ["第一，执法力量薄弱。人员少。第二，普法形式传统。", "第三，经费保障不足。财力有限。第四，调解员老化。年龄偏大。"],
            ["执法力量薄弱。人员少。", "普法形式传统。", "经费保障不足。财力有限。", "调解员老化。年龄偏大。"],
        ),
        # a paragraph opened by a short statement: its clauses after ； explain it
        (
            ["信息化支撑不足。远程法律咨询仅在3个村开通，使用率不高；调解数据录入不及时，难以分析研判。"],
            ["信息化支撑不足。远程法律咨询仅在3个村开通，使用率不高；调解数据录入不及时，难以分析研判。"],
        ),
        # the causes 一方面…另一方面… of a problem are not items; 分析原因 continues like 究其原因
        (
            [
                "合法性审查范围不全，部分会议纪要未经审查。究其原因，一方面是站所认识不到位；另一方面是审查力量有限。",
                "专业人才缺乏，全镇仅1名干部为法律专业。分析原因，主要是条件艰苦，人才留不住。",
            ],
            [
                "合法性审查范围不全，部分会议纪要未经审查。究其原因，一方面是站所认识不到位；另一方面是审查力量有限。",
                "专业人才缺乏，全镇仅1名干部为法律专业。分析原因，主要是条件艰苦，人才留不住。",
            ],
        ),
        # a second problem joined by 同时 inside one sentence
        (
            ["普法宣传以发资料为主，形式单一，同时部分老年群众法治意识淡薄，遇事习惯找熟人。"],
            ["普法宣传以发资料为主，形式单一", "部分老年群众法治意识淡薄，遇事习惯找熟人。"],
        ),
        # a problem stated without a defect word of the old list: 没有, 无, 虽…但
        (
            ["秸秆禁烧压力大，全年发现火点2处。法治经费没有单独列支，只能从办公经费里挤。群众法治意识虽有提高，但遇事仍先上访。"],
            ["秸秆禁烧压力大，全年发现火点2处。", "法治经费没有单独列支，只能从办公经费里挤。", "群众法治意识虽有提高，但遇事仍先上访。"],
        ),
    ],
)
def test_problems_found_by_meaning(paragraphs, expected):
    assert paragraph_items(paragraphs, kind="problems").problems == expected


def test_problems_and_measures_in_one_paragraph_are_told_apart():
    found = paragraph_items(
        ["政务公开不够及时，信息化水平不高。我们将依托政务微信群及时公开重点领域信息。执法人员缺乏培训。下一步，将组织专题培训。"]
    )
    # (政务公开 and 信息化 are two named problems packed half a clause each: two items, see test_facets)
    assert found.problems == ["政务公开不够及时", "信息化水平不高。", "执法人员缺乏培训。"]
    assert found.plans == ["我们将依托政务微信群及时公开重点领域信息。", "下一步，将组织专题培训。"]


def test_measures_listed_with_semicolons_inside_a_problems_section_are_plans_each():
    found = paragraph_items(["执法人员缺乏培训。下一步，我乡将加强执法培训；创新普法方式；督促村法律顾问到村服务。"], mixed=True)
    assert found.problems == ["执法人员缺乏培训。"]
    assert found.plans == ["下一步，我乡将加强执法培训", "创新普法方式", "督促村法律顾问到村服务。"]


def test_a_measure_stated_as_improvement_is_a_plan():
    found = paragraph_items(["合法性审查专业化程度不高。审查人员多非法律专业。改进措施是建立双审机制。"], mixed=True)
    assert found.problems == ["合法性审查专业化程度不高。审查人员多非法律专业。"]
    assert found.plans == ["改进措施是建立双审机制。"]


def test_a_circumstance_after_a_statement_explains_it():
    assert paragraph_items(["干部依法办事意识不强。在推进项目征地过程中，个别干部忽视程序。"]).problems == [
        "干部依法办事意识不强。在推进项目征地过程中，个别干部忽视程序。"
    ]


def test_problems_turned_to_before_a_numbered_list_are_read_too():
    from analysis.parse.items import inline_problems

    found = inline_problems(["一年来虽有进步，但对照要求还有差距。土地纠纷存量没有清零。此外，还有几个问题：①经费紧张；②应诉被动。"])
    assert found.problems == ["土地纠纷存量没有清零。", "经费紧张", "应诉被动。"]


def test_a_sub_heading_that_states_a_problem_keeps_its_clauses():
    from analysis.parse.items import section_items

    child = Block(rank=2, heading="普法实效不足。", lines=["宣传集中在节点，日常宣传不够；方式以灌输为主，群众互动少。"])
    found = section_items(Block(rank=1, heading="存在的问题", children=[child]), kind="problems")
    assert found.problems == ["普法实效不足。宣传集中在节点，日常宣传不够；方式以灌输为主，群众互动少。"]


def test_plans_split_at_semicolons_after_an_intro():
    found = paragraph_items(["2023年，街道将在以下方面持续用力：严格落实学法制度；规范重大行政决策程序；加大政务公开力度。"], kind="plans")
    assert found.plans == ["严格落实学法制度", "规范重大行政决策程序", "加大政务公开力度。"]
    assert found.problems == []


def test_numbered_paragraphs_keep_their_explanations():
    paragraphs = ["1.执法力量不足。执法人员仅3名，难以满足需要。", "2.普法形式单一。仍以发放资料为主。"]
    assert paragraph_items(paragraphs).problems == ["执法力量不足。执法人员仅3名，难以满足需要。", "普法形式单一。仍以发放资料为主。"]


@pytest.mark.parametrize("text", ["", "无", "：", "主要表现在："])
def test_nothing_to_read_gives_no_items(text):
    assert paragraph_items([text]).problems == []


def test_an_area_sub_heading_is_read_for_its_problems():
    from analysis.parse.items import section_items

    child = Block(rank=2, heading="执法方面", lines=["执法人员不足，难以全覆盖。执法程序不够规范，案卷文书不完整。"])
    found = section_items(Block(rank=1, heading="存在的问题", children=[child]), kind="problems")
    assert found.problems == ["执法人员不足，难以全覆盖。", "执法程序不够规范，案卷文书不完整。"]


def test_a_report_without_a_problems_section_keeps_its_sections_and_reads_problems_from_the_text():
    from analysis.parse.report import parse_bytes

    text = (
        "关于青石镇2023年度法治政府建设情况的报告\n县委依法治县办：\n"
        "一、工作开展情况\n全年开展集中学法12次，法治宣传活动8场。\n"
        "在取得成绩的同时，我们也清醒地看到，我镇法治建设还存在一些不足：执法人员少，难以全覆盖；普法形式单一。\n"
        "二、2024年工作计划\n加强执法队伍建设。\n"
    )
    report = parse_bytes(text.encode(), name="青石镇2023.txt")
    assert [s.kind for s in report.sections] == ["achievements", "plans"]
    assert report.problems == ["执法人员少，难以全覆盖", "普法形式单一。"]
    assert report.to_contract()["sections"][0]["kind"] == "achievements"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # what the problem falls short of, stated before it, is part of it
        (
            "对照法治建设任务日益繁重的要求，我镇法治工作力量仍有差距，司法所仅有2名工作人员，长期超负荷运转。",
            ["对照法治建设任务日益繁重的要求，我镇法治工作力量仍有差距，司法所仅有2名工作人员，长期超负荷运转。"],
        ),
        # …unless a colon after it opens what follows (the lead is dropped, as before)
        (
            "对照考核要求，反思我们自身：一些同志对法治建设的认识还不到位。",
            ["反思我们自身：一些同志对法治建设的认识还不到位。"],
        ),
    ],
)
def test_a_lead_naming_the_standard_stays_with_its_problem(paragraph, expected):
    assert paragraph_items([paragraph]).problems == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a question puts the next problem; the answer after it, however it opens, belongs to it
        (
            ["村规民约执行难，个别村不敢管。“法律明白人”作用发挥得怎样？从全年调解台账看，参与化解的纠纷仅占12%。"],
            ["村规民约执行难，个别村不敢管。", "“法律明白人”作用发挥得怎样？从全年调解台账看，参与化解的纠纷仅占12%。"],
        ),
        # 从深层次看 gives the cause of the problem before, it does not open one
        (
            ["土地流转纠纷仍然多发。从深层次看，这与流转合同不规范密切相关。"],
            ["土地流转纠纷仍然多发。从深层次看，这与流转合同不规范密切相关。"],
        ),
        # …and so does 从根源上看
        (
            ["执法行为不够规范。部分执法人员对程序掌握不熟练。从根源上看，执法人员系统培训不足。"],
            ["执法行为不够规范。部分执法人员对程序掌握不熟练。从根源上看，执法人员系统培训不足。"],
        ),
        # a question, a short verdict, then the evidence: one problem
        (
            ["普法宣传覆盖面是否做到了“应覆盖尽覆盖”？答案是还有差距。我镇外出务工人员约3.2万人，普法活动很难覆盖到。"],
            ["普法宣传覆盖面是否做到了“应覆盖尽覆盖”？答案是还有差距。我镇外出务工人员约3.2万人，普法活动很难覆盖到。"],
        ),
        # 一是 after the intro sentence of the first paragraph, 二是 leading the next
        (
            ["一年来，我镇也存在一些问题和不足。一是执法力量与承接事项不匹配。", "二是企业环境污染问题仍然比较突出。"],
            ["执法力量与承接事项不匹配。", "企业环境污染问题仍然比较突出。"],
        ),
    ],
)
def test_questions_causes_and_a_list_begun_after_an_intro(paragraphs, expected):
    assert paragraph_items(paragraphs).problems == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # after an intro, a list of four or more short problems on different things is a list of items
        (
            "但对照上级要求仍有差距，主要是：执法力量依然不足，涉旅矛盾纠纷化解压力较大，村级法律顾问服务不够经常，"
            "普法宣传对游客和流动商户覆盖不够，法治工作经费保障不足。",
            [
                "执法力量依然不足。",
                "涉旅矛盾纠纷化解压力较大。",
                "村级法律顾问服务不够经常。",
                "普法宣传对游客和流动商户覆盖不够。",
                "法治工作经费保障不足。",
            ],
        ),
        # …but one problem told clause by clause (执法 in every clause) stays one item
        (
            "我镇法治政府建设还存在一些薄弱环节：执法行为规范化水平与群众期待仍有差距，执法中重处罚、轻教育的情况仍有存在，"
            "部分执法全过程记录不完整，执法公示不够及时。",
            ["执法行为规范化水平与群众期待仍有差距，执法中重处罚、轻教育的情况仍有存在，部分执法全过程记录不完整，执法公示不够及时。"],
        ),
        # without an intro, four short clauses are a problem and its explanation
        (
            "普法宣传手段比较单一，新媒体运用不多，宣传内容与群众需求契合度不高，普法效果不够理想。",
            ["普法宣传手段比较单一，新媒体运用不多，宣传内容与群众需求契合度不高，普法效果不够理想。"],
        ),
    ],
)
def test_a_comma_list_of_short_problems_after_an_intro(paragraph, expected):
    assert paragraph_items([paragraph], kind="problems").problems == expected


def test_a_long_list_may_state_one_defect_in_words_of_its_own():
    """In a list of five or more short problems one clause may say what is wrong in words the defect
    cues do not know (仍有反复); the first must state one."""
    paragraph = (
        "对照示范创建标准，仍存在以下问题：执法队伍力量仍然薄弱，合法性审查书面意见质量不高，“法律明白人”履职积极性不高，"
        "山林权属纠纷仍有反复，普法宣传与群众需求结合不够紧密。"
    )
    assert paragraph_items([paragraph], kind="problems").problems == [
        "执法队伍力量仍然薄弱。",
        "合法性审查书面意见质量不高。",
        "“法律明白人”履职积极性不高。",
        "山林权属纠纷仍有反复。",
        "普法宣传与群众需求结合不够紧密。",
    ]


@pytest.mark.parametrize(
    ("paragraph", "kept", "found"),
    [
        (
            "（一）综合执法效能稳步提升。全年开展巡查执法110余次，立案查处案件17件。但也要看到，执法队仍只有6名执法人员，"
            "日常巡查频次难以保证。部分案件仍存在审批手续不全、处罚决定书说理不充分等程序问题。",
            "（一）综合执法效能稳步提升。全年开展巡查执法110余次，立案查处案件17件。",
            ["执法队仍只有6名执法人员，日常巡查频次难以保证。", "部分案件仍存在审批手续不全、处罚决定书说理不充分等程序问题。"],
        ),
        # a turn with no problem after it, or at no sentence's start, leaves the paragraph whole
        ("全年调处纠纷118件。但也要看到，群众满意度持续提升。", "全年调处纠纷118件。但也要看到，群众满意度持续提升。", []),
        ("我们要看到，成绩来之不易。", "我们要看到，成绩来之不易。", []),
    ],
)
def test_a_problem_stated_at_the_end_of_an_achievement_paragraph(paragraph, kept, found):
    from analysis.parse.items import tail_problems

    assert tail_problems(paragraph) == (kept, found, [])


def test_after_a_sentence_counting_problems_qizhong_lists_them():
    """「…另有3个问题整改尚未完全到位。其中，A；B；C。」: the counting sentence is their intro and each
    clause an item; without such a count 其中 goes on with the problem before."""
    paragraph = (
        "对照上年督察反馈的6个问题，目前已整改完成3个，另有3个问题整改尚未完全到位。其中，重大行政决策程序落实不够严格的问题仍未根本解决，"
        "风险评估第三方参与不足；政务公开不规范的问题整改进度较慢，公开栏更新不及时；执法不规范问题仍有反复，执法文书存在涂改。"
    )
    assert paragraph_items([paragraph], kind="problems").problems == [
        "重大行政决策程序落实不够严格的问题仍未根本解决，风险评估第三方参与不足",
        "政务公开不规范的问题整改进度较慢，公开栏更新不及时",
        "执法不规范问题仍有反复，执法文书存在涂改。",
    ]
    assert paragraph_items(["部分村规民约内容陈旧。其中，3个村未修订；2个村未备案。"], kind="problems").problems == [
        "部分村规民约内容陈旧。其中，3个村未修订；2个村未备案。"
    ]


def test_problems_announced_by_group_names_and_their_labels_are_no_items():
    """文山市 review (平坝镇 2024): 「还存在“三个不够”“两个短板”…」 only announces; 「“两个短板”：」 labels the items after it."""
    paragraphs = [
        "经认真梳理，我镇法治政府建设中还存在“三个不够”“两个短板”和一些突出风险。",
        "“三个不够”：一是执法精细化不够，执法说理不够充分；二是村级依法治理均衡性不够，部分村干部依法议事能力较弱。",
        "“两个短板”：一是法治专业人才短板，镇机关仍无具有法律职业资格的干部；二是公共法律服务短板，山区村服务频次偏低。",
    ]
    assert paragraph_items(paragraphs).problems == [
        "执法精细化不够，执法说理不够充分",
        "村级依法治理均衡性不够，部分村干部依法议事能力较弱。",
        "法治专业人才短板，镇机关仍无具有法律职业资格的干部",
        "公共法律服务短板，山区村服务频次偏低。",
    ]
    # a quoted phrase that is no group name stays in its problem (P8 城庄镇)
    stated = "对照要求，我镇部分干部法治素养仍有差距，有的学法满足于签到，有的在工作中存在“重实体、轻程序”的问题。"
    assert paragraph_items([stated]).problems == [stated]


def test_a_plan_heading_keeps_its_sentences_and_a_stance_is_no_plan():
    """井冈山市 review (厦坪镇 2023): 「在…上下功夫。」 heads its plan, not a plan of its own; 「2025年，我镇将坚持问题导向」
    before numbered plans is a stance."""
    found = paragraph_items(
        [
            "2024年，我镇将紧扣“法治厦坪”建设目标，着力在以下方面下功夫。",
            "在提升执法质量上下功夫。开展执法案卷季度评查，完善执法全过程记录。",
            "在森林防灭火上下功夫。加强重点时段巡查管控；严格查处违规野外用火行为。",
        ],
        kind="plans",
    )
    assert found.plans == [
        "在提升执法质量上下功夫。开展执法案卷季度评查，完善执法全过程记录。",
        "在森林防灭火上下功夫。加强重点时段巡查管控；严格查处违规野外用火行为。",
    ]
    found = paragraph_items(
        ["2025年，我镇将坚持问题导向，一要推动执法精细化，开展文书培训；二要压实普法责任，制定责任清单。"], kind="plans"
    )
    assert found.plans == ["推动执法精细化，开展文书培训", "压实普法责任，制定责任清单。"]


def test_a_measure_under_its_label_is_one_plan_and_the_years_background_none():
    """临澧县 review (合口镇 2024): 「整改措施：A；B。」 is one measure without its label; 「2025年是…之年」 is background."""
    found = paragraph_items(
        [
            "执法队伍专业化程度不够高。执法人员普遍身兼数职。",
            "整改措施：与县综合行政执法局建立结对机制，每季度选派执法人员跟班学习；推动执法办人员相对固定、专职专用。",
        ],
        mixed=True,
    )
    assert found.problems == ["执法队伍专业化程度不够高。执法人员普遍身兼数职。"]
    assert found.plans == ["与县综合行政执法局建立结对机制，每季度选派执法人员跟班学习；推动执法办人员相对固定、专职专用。"]
    found = paragraph_items(["2025年是“十四五”规划收官之年，也是“八五”普法的验收之年。", "全面做好“八五”普法总结验收。"], kind="plans")
    assert found.plans == ["全面做好“八五”普法总结验收。"]


def test_a_plan_heading_after_a_list_word_keeps_its_sentences():
    """临澧县 review (停弦渡镇 2023): 「另一方面，着力提升决策质量。制定…目录…」 is one plan (its heading alone was
    judged 未见落实 while the next year's report says the 目录 was made); the stance before it is none."""
    found = paragraph_items(
        [
            "2024年，我镇将以习近平法治思想为指导，围绕县委、县政府部署，扎实推进法治政府建设各项工作。一方面，着力规范执法行为。"
            "组织执法队员参加县级执法培训不少于3次。另一方面，着力提升决策质量。制定镇级重大行政决策事项目录并向社会公布。"
            "同时，推进政务公开标准化规范化建设，统一村务公开栏样式和公开内容。深化普法宣传，全年开展送法下乡活动不少于30场次。"
        ],
        kind="plans",
    )
    assert found.plans == [
        "着力规范执法行为。组织执法队员参加县级执法培训不少于3次。",
        "着力提升决策质量。制定镇级重大行政决策事项目录并向社会公布。",
        "推进政务公开标准化规范化建设，统一村务公开栏样式和公开内容。",
        "深化普法宣传，全年开展送法下乡活动不少于30场次。",
    ]


def test_a_quoted_statement_and_a_problem_without_the_usual_defect_words():
    """岷县 review (梅川镇 2023): a short statement in quotation marks keeps its explanation; 「…仍任重道远。」 opens
    its own problem (it was added to the problem before, and 高额彩礼 went missing from the brief)."""
    paragraphs = [
        "“法律明白人”队伍“建起来”但还未完全“用起来”。全镇虽已培育“法律明白人”326名，但履职积极性不高。",
        "高额彩礼等陈规陋习治理仍任重道远。部分村彩礼金额仍在15万元以上。",
    ]
    assert paragraph_items(paragraphs).problems == paragraphs


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (  # 临澧县 review (停弦渡镇 2024): 同时 goes on with what the office does — one problem, not 「承担…」 alone
            "法治工作人员配备偏少。镇司法所目前仅有在编人员1名，同时承担人民调解、社区矫正等多项职能，工作难以做深做细。",
            ["法治工作人员配备偏少。镇司法所目前仅有在编人员1名，同时承担人民调解、社区矫正等多项职能，工作难以做深做细。"],
        ),
        (  # a second problem joined by 同时 still opens its own item
            "普法宣传形式单一，群众兴趣不高，同时部分群众法治意识不强，遇事仍信访不信法。",
            ["普法宣传形式单一，群众兴趣不高", "部分群众法治意识不强，遇事仍信访不信法。"],
        ),
    ],
)
def test_a_list_word_inside_a_sentence(paragraph, expected):
    assert paragraph_items([paragraph]).problems == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # an intro, then 主要是： before clauses separated by ；
        (
            ["尽管今年工作有了起色，但仍有一些不足，主要是：调解员业务能力偏弱；合同审查把关不严；经费保障不足。"],
            ["调解员业务能力偏弱", "合同审查把关不严", "经费保障不足。"],
        ),
        # after 主要是：, a list of short problems between 、 (等 dropped)
        (
            ["全镇存在的问题主要是：执法队员偏少、村规民约修订滞后、公共法律服务经费紧张等。"],
            ["执法队员偏少。", "村规民约修订滞后。", "公共法律服务经费紧张。"],
        ),
        # two parts, or parts about one topic, stay one problem
        (
            ["存在的问题主要是：普法宣传针对性不强、覆盖面不广。"],
            ["普法宣传针对性不强、覆盖面不广。"],
        ),
        # an intro between items ends the item before: the next paragraph opens one
        (
            [
                "执法记录仪配备不足，部分执法过程未全程记录。",
                "另外，还有几个问题值得注意：",
                "村务监督不够有力。个别村重大事项未经村民代表会议讨论。",
            ],
            ["执法记录仪配备不足，部分执法过程未全程记录。", "村务监督不够有力。个别村重大事项未经村民代表会议讨论。"],
        ),
        # a list word opens a new problem inside a paragraph begun by a short statement: its ； clauses are problems
        (
            [
                "学法制度落实不够。此外，林地纠纷积累多、证据少，调处难度大；部分村财务公开不及时，群众有意见；法律服务室值班不固定，群众咨询不便。"
            ],
            [
                "学法制度落实不够。",
                "林地纠纷积累多、证据少，调处难度大；",
                "部分村财务公开不及时，群众有意见；",
                "法律服务室值班不固定，群众咨询不便。",
            ],
        ),
    ],
)
def test_lists_after_an_intro_and_an_intro_between_items(paragraphs, expected):
    assert paragraph_items(paragraphs).problems == [e.rstrip("；") for e in expected]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 加之 gives another problem when it is about another topic…
        (
            ["涉及土地流转的矛盾纠纷仍然较多，个别纠纷调处周期较长。加之法治建设经费投入有限，调解员补贴难以保障。"],
            ["涉及土地流转的矛盾纠纷仍然较多，个别纠纷调处周期较长。", "法治建设经费投入有限，调解员补贴难以保障。"],
        ),
        # …and the cause of the problem before when it is about the same one
        (
            ["执法力量不足，执法队仅有3名队员。加之执法人员多为兼职，难以专注执法。"],
            ["执法力量不足，执法队仅有3名队员。加之执法人员多为兼职，难以专注执法。"],
        ),
        # causes given as 原因既有… and 主要是… stay with their problem
        (
            [
                "矛盾纠纷化解难度大。个别纠纷久调不决。原因既有历史遗留问题，也有政策解释不到位。",
                "信息化手段运用不足。台账仍以纸质为主。主要是缺乏专项资金。",
            ],
            [
                "矛盾纠纷化解难度大。个别纠纷久调不决。原因既有历史遗留问题，也有政策解释不到位。",
                "信息化手段运用不足。台账仍以纸质为主。主要是缺乏专项资金。",
            ],
        ),
        # 再者 opens the next problem
        (
            ["村级法律顾问到村服务次数偏少，群众知晓率不高。再者，部分村民主决策程序执行不严格。"],
            ["村级法律顾问到村服务次数偏少，群众知晓率不高。", "部分村民主决策程序执行不严格。"],
        ),
    ],
)
def test_a_further_cause_or_another_problem(paragraphs, expected):
    assert paragraph_items(paragraphs).problems == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # ⒈ ⒉, A、 B、 and 1） 2） number paragraphs like 1. 2.: a short title and its explanation are one item
        (
            ["⒈执法力量不足。执法队仅有4人。", "⒉普法覆盖不均衡。偏远村组宣传少。"],
            ["执法力量不足。执法队仅有4人。", "普法覆盖不均衡。偏远村组宣传少。"],
        ),
        (
            ["A、决策程序需规范。", "B、经费保障不足。镇财力紧张，调解员补贴难以到位。"],
            ["决策程序需规范。", "经费保障不足。镇财力紧张，调解员补贴难以到位。"],
        ),
        (
            ["1）执法力量不足：执法队仅有4人。", "2）合法性审查薄弱：审查多为事后把关。"],
            ["执法力量不足：执法队仅有4人。", "合法性审查薄弱：审查多为事后把关。"],
        ),
        # 一个问题是…另一个问题是…, 问题之一是, 短板一：; an intro counting the problems (两方面问题) is dropped
        (
            ["另有两方面问题比较突出。一个问题是执法队伍力量不足，持证人员仅3名。另一个问题是调解员老龄化严重，调解方法简单。"],
            ["执法队伍力量不足，持证人员仅3名。", "调解员老龄化严重，调解方法简单。"],
        ),
        (
            ["短板一：普法形式单一，群众参与少。", "短板二：村级法律顾问到村服务次数偏少。", "问题之一是政务公开栏更新不及时。"],
            ["普法形式单一，群众参与少。", "村级法律顾问到村服务次数偏少。", "政务公开栏更新不及时。"],
        ),
        # a title naming its topic before 「有薄弱环节：」 is the item's own; a general intro before a colon is not
        (
            ["防范非法集资宣传有薄弱环节：老年群体辨别能力不强。", "另外，我镇工作还存在一些不足：村规民约修订滞后。"],
            ["防范非法集资宣传有薄弱环节：老年群体辨别能力不强。", "村规民约修订滞后。"],
        ),
    ],
)
def test_more_ways_of_numbering_and_titling_problems(paragraphs, expected):
    assert paragraph_items(paragraphs).problems == expected


def test_a_sub_heading_over_the_problems_it_enumerates_is_no_part_of_them():
    from analysis.parse.items import section_items

    child = Block(
        rank=2, heading="依法行政规范化程度仍需提高。", lines=["一是决策程序执行不够严格，风险评估不深入。二是合同审查把关不严。"]
    )
    found = section_items(Block(rank=1, heading="存在的问题", children=[child]), kind="problems")
    assert found.problems == ["决策程序执行不够严格，风险评估不深入。", "合同审查把关不严。"]
    # a heading stating one problem, explained under it, stays its item's first sentence
    child = Block(rank=2, heading="执法力量不足。", lines=["执法队仅有4人，且多为兼职。"])
    found = section_items(Block(rank=1, heading="存在的问题", children=[child]), kind="problems")
    assert found.problems == ["执法力量不足。执法队仅有4人，且多为兼职。"]


def test_a_task_s_owner_and_deadline_stay_with_the_plan():
    """P23: 「任务1：完善…制度。责任单位：党政办，完成时限：2024年6月底前。」 made two plans."""
    found = paragraph_items(
        [
            "任务1：完善重大行政决策公众参与机制，建立意见采纳反馈制度。责任单位：党政办，完成时限：2024年6月底前。",
            "任务2：开展执法案卷评查。牵头单位：综合执法队。",
        ],
        kind="plans",
    )
    assert found.plans == [
        "完善重大行政决策公众参与机制，建立意见采纳反馈制度。责任单位：党政办，完成时限：2024年6月底前。",
        "开展执法案卷评查。牵头单位：综合执法队。",
    ]


def test_an_earlier_problem_said_put_right_is_no_problem_of_the_year():
    """岳西县 review: 「此外，上年度报告中提出的…持证率偏低、合同台账登记不全等问题，已…整改到位。」 was listed (cut before
    整改到位) as 天堂镇's problem; one still short after the remedy stays."""
    paragraphs = [
        "1.物业纠纷仍然多发。老旧小区业主委员会组建率仅为45%。",
        "此外，上年度报告中提出的执法人员持证率偏低、合同台账登记不全等问题，已通过集中备考和统一台账管理整改到位。",
        "上年提出的执法力量不足问题虽已整改到位，但专业人员仍然偏少。",
    ]
    assert paragraph_items(paragraphs, kind="problems").problems == [
        "物业纠纷仍然多发。老旧小区业主委员会组建率仅为45%。",
        "上年提出的执法力量不足问题虽已整改到位，但专业人员仍然偏少。",
    ]


def test_a_causes_sub_heading_holds_no_problem():
    """洱源县 review: 牛街乡 2023's 「（二）原因分析」 paragraph was quoted as a problem of its own."""
    from analysis.parse.report import parse_bytes

    text = (
        "关于牛街乡2023年法治政府建设情况的报告\n一、工作开展情况\n全年开展普法活动12场。\n三、存在的问题\n（一）存在的主要不足\n"
        "1．执法力量薄弱。全乡执法人员仅5名。\n2．普法宣传覆盖不均衡。边远村组群众受教育机会少。\n（二）原因分析\n"
        "究其原因，一是主观上重视程度还有差距；二是客观上编制和经费有限。\n四、2024年工作安排\n一是加强执法队伍建设。\n"
    )
    problems = parse_bytes(text.encode(), name="a.txt").problems
    assert len(problems) == 2 and not any("究其原因" in p for p in problems)


def test_the_two_sides_of_a_problem_just_stated_stay_with_it():
    """「其次，X不够。一方面，…；另一方面，…」: the sides explain the statement (P27); without a statement
    before them, 一方面 and 另一方面 still open items of their own."""
    found = paragraph_items(
        [
            "首先，执法力量比较薄弱，巡查难以覆盖全镇。其次，法治宣传的针对性不强。一方面，宣传材料多为通用文本，与本地产业联系不紧；另一方面，宣传时间多安排在工作日，外出务工人员很少参加。"
        ]
    )
    assert found.problems == [
        "执法力量比较薄弱，巡查难以覆盖全镇。",
        "法治宣传的针对性不强。宣传材料多为通用文本，与本地产业联系不紧；宣传时间多安排在工作日，外出务工人员很少参加。",
    ]
    apart = paragraph_items(["一方面，执法人员数量不足，难以满足需要；另一方面，群众法治意识淡薄，信访不信法现象仍然存在。"])
    assert len(apart.problems) == 2


def test_a_plan_item_keeps_its_deadline():
    """「任务：…。时限：…」 (P27): the deadline is part of the task, not a plan of its own."""
    found = paragraph_items(
        ["任务：开展执法案卷评查，每季度组织一次交叉评查。时限：2025年6月底前。", "任务：新建村级法律服务点3个。时限：2025年年底。"],
        kind="plans",
    )
    assert found.plans == ["开展执法案卷评查，每季度组织一次交叉评查。时限：2025年6月底前。", "新建村级法律服务点3个。时限：2025年年底。"]


def test_an_achievement_paragraph_ending_with_a_bare_but_states_a_problem():
    """「…。但村干部学法覆盖面仍然不广，…。」 closes an achievement paragraph with a problem (P28); a 但 that tells
    how the work succeeded does not."""
    from analysis.parse.items import tail_problems

    head, found, measures = tail_problems(
        "全年组织集中学法12次，覆盖镇机关全体干部。但村干部学法覆盖面仍然不广，部分村“两委”成员全年未参加过一次集中学法。"
    )
    assert head == "全年组织集中学法12次，覆盖镇机关全体干部。"
    assert found == ["村干部学法覆盖面仍然不广，部分村“两委”成员全年未参加过一次集中学法。"]
    assert measures == []
    kept = "全年受理土地纠纷23件。但经过耐心调解，双方最终达成协议，纠纷得到化解。"
    assert tail_problems(kept) == (kept, [], [])


def test_a_work_paragraph_of_praise_shortfall_and_measure():
    """「…开展联合巡查56次。从执行情况看，…仍不顺畅，…。…整治推进缓慢。下步，将…」 (P29, a report whose every work
    paragraph states its shortfalls and measures): each shortfall is a problem, the 下步 sentence a plan."""
    from analysis.parse.items import tail_problems

    head, found, measures = tail_problems(
        "镇综合执法队全年开展联合巡查56次，制止违规修建行为11起。从执行情况看，文物保护等赋权事项的承接仍不顺畅，"
        "镇级无力完成价值认定。存量违规建筑已登记136处，年内仅整治完成31处，整治推进缓慢。下步，将提请县里明确鉴定时限。"
    )
    assert head == "镇综合执法队全年开展联合巡查56次，制止违规修建行为11起。"
    assert found == [
        "文物保护等赋权事项的承接仍不顺畅，镇级无力完成价值认定。",
        "存量违规建筑已登记136处，年内仅整治完成31处，整治推进缓慢。",
    ]
    assert measures == ["下步，将提请县里明确鉴定时限。"]


def test_a_paragraph_labelled_as_what_is_still_short_states_problems():
    """In a rectification account (反馈问题：/整改情况：/存在差距：, P29) the 存在差距： paragraph is a problem."""
    from analysis.parse.items import tail_problems

    assert tail_problems("存在差距：持证率虽已达标，但执法人员对交叉领域的法律适用仍把握不准。") == (
        "",
        ["持证率虽已达标，但执法人员对交叉领域的法律适用仍把握不准。"],
        [],
    )


def test_named_and_dashed_problems_each_open_an_item():
    """「问题3：…」「事例四：…」 and 「——3件败2件。…」 lead an item (P29); a dash's short first sentence is the headline
    of what follows, even when it is a figure, and a second sentence stating another problem still opens its own."""
    found = paragraph_items(
        [
            "事例三：镇里承诺的奖补资金拖欠近一年，合作社多次催要。政府说话算数是基本要求，这件事对公信力造成了不良影响。",
            "事例四：一个村的流转合同到期后发生冲突，双方对峙阻工三天。这件事反映出排查预警机制不灵敏。",
            "问题3：棚改遗留问题尚未彻底解决。剩余2个棚改项目142户群众仍未回迁。",
        ]
    )
    assert found.problems == [
        "镇里承诺的奖补资金拖欠近一年，合作社多次催要。政府说话算数是基本要求，这件事对公信力造成了不良影响。",
        "一个村的流转合同到期后发生冲突，双方对峙阻工三天。这件事反映出排查预警机制不灵敏。",
        "棚改遗留问题尚未彻底解决。剩余2个棚改项目142户群众仍未回迁。",
    ]
    dashed = paragraph_items(
        ["——3件败2件。年内涉镇行政诉讼案件3件，败诉2件，原因均为程序违法。", "——38%。法律明白人126名，参与过调解的仅48名。"]
    )
    assert dashed.problems == [
        "3件败2件。年内涉镇行政诉讼案件3件，败诉2件，原因均为程序违法。",
        "38%。法律明白人126名，参与过调解的仅48名。",
    ]


def test_the_sides_an_intro_announces_are_items():
    """「同时，依法行政还存在薄弱环节：一方面，A；另一方面，B。」 after a short problem: A and B are items of their own,
    not the two sides of the problem before (P29)."""
    found = paragraph_items(
        [
            "各村民主法治建设水平参差不齐。同时，依法行政还存在薄弱环节：一方面，重大事项决策前征求群众意见不够充分；另一方面，执法队人员少、任务重，监管难以全覆盖。"
        ]
    )
    assert found.problems == [
        "各村民主法治建设水平参差不齐。",
        "重大事项决策前征求群众意见不够充分",
        "执法队人员少、任务重，监管难以全覆盖。",
    ]


def test_a_quoted_sentence_ends_after_its_closing_mark():
    from analysis.parse.items import SENTENCE_END

    assert [s for s in SENTENCE_END.split("有村民说：“都不知道是谁。”实行联动后仍参与不多。") if s] == [
        "有村民说：“都不知道是谁。”",
        "实行联动后仍参与不多。",
    ]


def test_a_paragraph_a_list_word_opens_after_numbered_items_has_problems_of_its_own():
    """After 一是…二是… paragraphs, 「此外，A；B；C。」 lists three more problems (P28), not three clauses of one."""
    found = paragraph_items(
        [
            "一是执法力量不足，执法人员仅5名。",
            "二是普法宣传针对性不强，形式较为单一。",
            "此外，老城区改造引发的矛盾纠纷仍然较多；非法盗采仍未根治，全年发现盗采行为17起；城区占道经营反复出现，背街小巷尤为突出。",
        ]
    )
    assert len(found.problems) == 5


def test_a_table_of_problems_is_read_by_its_columns():
    """A 问题清单 pasted from Word (P29): each row's problem and evidence cells are one problem, its measure and
    deadline one plan; the header row is neither."""
    from analysis.read.textclean import normalize

    rows = normalize(
        "序号\t问题\t具体表现\t整改措施\t完成时限\n1\t普法覆盖不足\t外出务工人员约4800人，线下普法无法触及\t建立“云上普法”群\t2024年6月\n2\t执法力量薄弱\t执法人员仅5名\t争取增加编制\t2024年底"
    )
    found = paragraph_items(rows.split("\n"))
    assert found.problems == ["普法覆盖不足。外出务工人员约4800人，线下普法无法触及。", "执法力量薄弱。执法人员仅5名。"]
    assert found.plans == ["建立“云上普法”群。2024年6月。", "争取增加编制。2024年底。"]


def test_an_inspection_finding_and_the_answer_to_it_are_one_item():
    """「督察指出：“…”我镇认为这一问题确实存在。…」 (P30): the finding quoted and the township's answer are one item;
    a finding the answer says was put right (…该问题已整改到位。) is no problem of the year; the sentence counting the
    findings is an intro."""
    found = paragraph_items(
        [
            "2023年5月，县委依法治县办对我镇开展实地督察，反馈了4个方面的问题。",
            "督察指出：“执法队伍力量不足。”我镇认为这一问题确实存在。实际专职从事执法的仅3人。",
            "督察指出：“部分合同未经合法性审查即签订。”经核查，有3份租赁合同未提交法律顾问审查。",
            "督察指出：“普法宣传针对性不强。”对此我镇已于6月完成整改，开通普法视频号，该问题已整改到位。",
        ]
    )
    assert found.problems == [
        "督察指出：“执法队伍力量不足。”我镇认为这一问题确实存在。实际专职从事执法的仅3人。",
        "督察指出：“部分合同未经合法性审查即签订。”经核查，有3份租赁合同未提交法律顾问审查。",
    ]
    assert found.plans == []


def test_problems_packed_before_deng_wenti_are_items():
    """「我镇还存在A、B、C以及D等问题，这些问题需要…」 and 「同时，受…所限，A、B，C，以及D等问题仍然存在。」 (P30): each part is an
    item; the particulars of one problem (案卷评查中发现…格式不统一、证据收集不全面…等问题。) are not cut."""
    found = paragraph_items(
        [
            "对照考核要求，我镇还存在综合执法队员数量偏少、法律顾问参与重大决策不够深入、“法律明白人”积极性不高以及普法活动进村入户不够等问题，这些问题需要在今后工作中认真加以解决。",
            "同时，受人员编制和镇级财力所限，法治建设工作经费投入不足、执法记录仪等装备老化，公共法律服务工作室缺乏专业人员坐班、服务能力较弱，以及镇机关法律专业人才引不进、留不住等问题仍然存在。",
        ]
    )
    assert found.problems == [
        "综合执法队员数量偏少",
        "法律顾问参与重大决策不够深入",
        "“法律明白人”积极性不高",
        "普法活动进村入户不够",
        "法治建设工作经费投入不足、执法记录仪等装备老化",
        "公共法律服务工作室缺乏专业人员坐班、服务能力较弱",
        "镇机关法律专业人才引不进、留不住",
    ]
    one = paragraph_items(["执法规范化建设还需加强。案卷评查中发现部分执法文书格式不统一、证据收集不全面、告知环节不规范等问题。"])
    assert len(one.problems) == 1


def test_a_list_word_before_long_clauses_of_different_problems():
    """「此外，A，B，C，D。」 with each clause a problem of its own subject (P30) is cut; one problem told over short
    clauses after 另外， (…防骗意识不强，…入户宣传不深入，…) is not."""
    found = paragraph_items(
        [
            "此外，个别村未批先建、超面积建房等现象仍有发生，茶叶加工小作坊安全隐患整改后反弹的问题在部分村寨依然存在，"
            "行政复议和行政应诉工作基础薄弱、全年1件复议案件被纠错，村规民约执行中存在“以罚代管”现象。"
        ]
    )
    assert len(found.problems) == 4
    kept = paragraph_items(
        [
            "另外，辖区电信网络诈骗防范形势依然严峻，刷单返利等类型案件高发，部分老年人防骗意识不强，个别社区反诈宣传只满足于张贴海报，入户宣传不深入。"
        ]
    )
    assert len(kept.problems) == 1


def test_lettered_marks_figure_statements_and_answer_labels():
    """（A）（B） lead items; a short figure stated alone is the problem's statement (行政诉讼败诉率达到25%。); 打算： after a
    problem opens its measure (P30)."""
    found = paragraph_items(
        [
            "（A）学法用法虽有提升，但距离要求仍有差距。全年党委中心组学法多以领读文件为主，研讨交流不多。",
            "（B）行政执法规范化虽有进步，但距离标准仍有差距。案卷评查合格率87%，低于全县平均水平。",
        ]
    )
    assert len(found.problems) == 2
    figure = paragraph_items(["行政诉讼败诉率达到25%。全年以镇政府为被告的行政诉讼案件8件，败诉2件。"])
    assert figure.problems == ["行政诉讼败诉率达到25%。全年以镇政府为被告的行政诉讼案件8件，败诉2件。"]
    answered = paragraph_items(["普法覆盖面仍有盲区。新建小区职工参与较少。打算：在工业园区设立普法服务站。"])
    assert answered.problems == ["普法覆盖面仍有盲区。新建小区职工参与较少。"]
    assert answered.plans == ["在工业园区设立普法服务站。"]


def test_a_table_of_tasks_in_a_plans_section():
    """「序号 | 工作任务 | 责任单位 | 完成时限」 (P30): each row is one plan, with its owner and deadline."""
    found = paragraph_items(
        [
            "序号 | 工作任务 | 责任单位 | 完成时限",
            "1 | 争取增加执法编制2名 | 党政综合办 | 2025年6月底前",
            "2 | 实行法律明白人积分管理 | 司法所 | 2025年全年",
        ],
        kind="plans",
    )
    assert found.plans == ["争取增加执法编制2名。党政综合办。2025年6月底前。", "实行法律明白人积分管理。司法所。2025年全年。"]


def test_shortfalls_told_inside_the_narrative():
    """No problems section and no 但 opening a sentence (P30): a clause after ，但 that says something is short, a later
    sentence that does, a concession (虽然…，但…) kept with it, and a sentence going on with it (这类…)."""
    from analysis.parse.items import narrative_problems

    kept, found = narrative_problems(
        "全年办理行政处罚案件41件，执法人员人均培训56学时，但执法队员中有法律专业背景的仍仅1人，调查取证仍需依赖县直部门。"
        "普法活动多安排在工作日白天进行，青壮年很少能参加。反诈宣传虽然覆盖到了每个村，但群众防骗能力仍然偏弱。"
        "有7件经多次调解仍无法达成协议。这类纠纷化解周期拉长。镇里开展反诈宣传进村入户活动。"
    )
    assert found == [
        "执法队员中有法律专业背景的仍仅1人，调查取证仍需依赖县直部门。",
        "普法活动多安排在工作日白天进行，青壮年很少能参加。",
        "反诈宣传虽然覆盖到了每个村，但群众防骗能力仍然偏弱。",
        "有7件经多次调解仍无法达成协议。这类纠纷化解周期拉长。",
    ]
    assert kept == "全年办理行政处罚案件41件，执法人员人均培训56学时。镇里开展反诈宣传进村入户活动。"


def test_a_numbered_problem_after_its_predecessors_measure():
    """「问题五：…。打算：…」 then 「问题六：普法覆盖面仍有盲区。…」 (P30): the numbered paragraph after a measure states the
    next problem, even when its headline has no defect word."""
    found = paragraph_items(
        [
            "问题五：电信网络诈骗案件高发。全年辖区发生电信网络诈骗案件37起。",
            "打算：联合县公安局开展反诈宣传“十进”活动。",
            "问题六：普法覆盖面仍有盲区。城区新建小区职工参与普法活动较少。",
            "打算：在工业园区设立普法服务站。",
        ]
    )
    assert found.problems == [
        "电信网络诈骗案件高发。全年辖区发生电信网络诈骗案件37起。",
        "普法覆盖面仍有盲区。城区新建小区职工参与普法活动较少。",
    ]
    assert found.plans == ["联合县公安局开展反诈宣传“十进”活动。", "在工业园区设立普法服务站。"]


def test_a_comma_list_after_zhuyao_shi_on_a_line_of_its_own():
    """「主要是：A，B，C，D。」 as a paragraph of its own (P31, a short report): the intro is the sentence before, the four
    short problems are items; 「表现在：A，B，C，D。」 gives the particulars of the problem before it and stays one."""
    found = paragraph_items(
        [
            "我镇法治政府建设还存在一些不足。",
            "主要是：干部依法行政能力有待提高，普法宣传形式比较单一，村法律顾问作用发挥不明显，执法装备还比较落后。",
        ]
    )
    assert found.problems == ["干部依法行政能力有待提高。", "普法宣传形式比较单一。", "村法律顾问作用发挥不明显。", "执法装备还比较落后。"]
    kept = paragraph_items(["“法律明白人”队伍质量参差不齐。表现在：部分法律素养不高，宣讲能力较弱，参与调解的积极性不高，机制还不完善。"])
    assert len(kept.problems) == 1


def test_a_section_title_with_its_body_on_the_same_line():
    """「三、存在问题：A；B；C。」 (P34, a terse office): the title before the colon heads the section, its body follows."""
    assert heading_of("三、存在问题：执法队伍力量不足，持证执法人员仅3人；普法形式较为单一。") == (
        1,
        "存在问题",
        "执法队伍力量不足，持证执法人员仅3人；普法形式较为单一。",
    )
    assert heading_of("（一）执法力量不足：全镇仅有执法队员5人。") == (2, "执法力量不足：全镇仅有执法队员5人", "")
    assert heading_of("一、2023年工作计划") == (1, "2023年工作计划", "")


def test_zhuyao_shi_before_clauses_split_by_semicolons():
    """「主要是：A；B；C。」 on a line of its own under the heading: the words 主要是 are no part of the first problem."""
    found = paragraph_items(["主要是：执法力量薄弱，执法队员仅有5人；懂法律、会执法的专业人员少；普法以发放资料为主，形式单一。"])
    assert found.problems == ["执法力量薄弱，执法队员仅有5人", "懂法律、会执法的专业人员少", "普法以发放资料为主，形式单一。"]


def test_findings_named_in_quotes_and_the_one_put_right():
    """「②关于督察反馈的“执法案卷不规范”问题。…」 heads its item (it names the problem); 「督察反馈的“…”问题已整改到位，…」 is
    no problem of the year, and the intro after it announces the next ones (P34)."""
    found = paragraph_items(
        [
            "①关于督察反馈的“法律顾问参与决策不够”问题。今年法律顾问列席党委会的次数仍只有3次，整改还不到位。",
            "②关于督察反馈的“执法案卷不规范”问题。今年自查执法案卷28卷，发现问题案卷6卷，整改尚未完全到位。",
            "督察反馈的“行政执法公示不及时”问题已整改到位，执法信息实现按时公示。此外，自查中还发现以下问题：",
            "①征迁遗留问题化解难。部分征迁项目产权不清，至今未能彻底解决。",
        ]
    )
    assert found.problems == [
        "关于督察反馈的“法律顾问参与决策不够”问题。今年法律顾问列席党委会的次数仍只有3次，整改还不到位。",
        "关于督察反馈的“执法案卷不规范”问题。今年自查执法案卷28卷，发现问题案卷6卷，整改尚未完全到位。",
        "征迁遗留问题化解难。部分征迁项目产权不清，至今未能彻底解决。",
    ]
    # a topic line that names no defect still only names the next item's topic
    assert paragraph_items(["关于普法宣传问题。", "普法形式单一，群众参与度不高。"]).problems == ["普法形式单一，群众参与度不高。"]


def test_two_problems_under_one_numbered_topic_lead():
    """「第五，从基层治理看，A…；B…。」: after ；, a clause stating a defect about another topic is a problem of its own; a
    clause explaining the same topic stays with it (P34)."""
    found = paragraph_items(
        [
            "第四，从普法环节看，普法活动多在集镇开展，偏远自然村覆盖不够。",
            "第五，从基层治理看，部分村“两委”干部依法办事能力不强，“四议两公开”执行不严格；林权界址不清引发的纠纷时有发生，调处难度大。",
        ]
    )
    assert found.problems == [
        "普法活动多在集镇开展，偏远自然村覆盖不够。",
        "部分村“两委”干部依法办事能力不强，“四议两公开”执行不严格",
        "林权界址不清引发的纠纷时有发生，调处难度大。",
    ]
    kept = paragraph_items(["一是执法力量不足，执法队员仅5人；执法任务繁重，巡查难以常态化。", "二是普法形式单一。"])
    assert kept.problems == ["执法力量不足，执法队员仅5人；执法任务繁重，巡查难以常态化。", "普法形式单一。"]


def test_a_problem_a_paragraph_told_through_figures_and_questions():
    """A section of a problem a paragraph (P34, 周河乡): the setting sentence belongs to the problem after it, a question
    about the problem just stated stays in it, and the next paragraph is the next problem even without a defect word."""
    found = paragraph_items(
        [
            "今年我们把问题摆一摆，有些数字让人心里不踏实：",
            "全乡户籍人口2.1万人，在家的多是老人和孩子。今年举办的36场普法活动，参加人数累计不足2000人次。普法讲给谁听？这是我们面临的现实难题。",
            "全乡培养“法律明白人”86名，其中60岁以上的47名。让这些同志去调解复杂纠纷，力不从心怎么办？",
            "乡综合行政执法队编制6人，实有3人，承担的执法事项却有108项。",
        ]
    )
    assert found.problems == [
        "全乡户籍人口2.1万人，在家的多是老人和孩子。今年举办的36场普法活动，参加人数累计不足2000人次。普法讲给谁听？这是我们面临的现实难题。",
        "全乡培养“法律明白人”86名，其中60岁以上的47名。让这些同志去调解复杂纠纷，力不从心怎么办？",
        "乡综合行政执法队编制6人，实有3人，承担的执法事项却有108项。",
    ]


def test_problem_labels_circled_numbers_and_measures_taken():
    """「⑴问题：…」 then 「措施：…」: ⑴ numbers the paragraph, 问题： is no part of the problem; a sentence saying what the
    township has already done about it (我镇已对该案进行了复盘) is no part of it either (P34)."""
    found = paragraph_items(
        [
            "⑴问题：土地流转合同规范工作尚未完成。示范合同文本推广较慢。",
            "措施：组织法律顾问逐户上门做工作。",
            "⑵问题：借出国劳务名义实施诈骗的案件有所增加。今年群众被骗取“出国押金”的案件6起，追赃挽损难度大。",
            "措施：联合派出所开展非法劳务中介专项整治。",
        ],
        mixed=True,
    )
    assert found.problems == [
        "土地流转合同规范工作尚未完成。示范合同文本推广较慢。",
        "借出国劳务名义实施诈骗的案件有所增加。今年群众被骗取“出国押金”的案件6起，追赃挽损难度大。",
    ]
    assert found.plans == ["组织法律顾问逐户上门做工作。", "联合派出所开展非法劳务中介专项整治。"]
    taken = paragraph_items(["行政诉讼案件败诉1件，行政应诉能力亟待提高。我镇已对该案进行了复盘，并组织专题学习。"])
    assert taken.problems == ["行政诉讼案件败诉1件，行政应诉能力亟待提高。"]


def test_an_announcement_of_some_problems_then_their_two_sides():
    """「同时，…中的一些问题依然存在。一方面，A；另一方面，B。」: the sentence announces problems; each side is one (P34)."""
    found = paragraph_items(
        [
            "同时，古镇保护与旅游发展中的一些问题依然存在。一方面，古堡内仍有近百户院落线路老化；另一方面，部分民宿证照不全，容易引发消费纠纷。"
        ]
    )
    assert found.problems == ["古堡内仍有近百户院落线路老化", "部分民宿证照不全，容易引发消费纠纷。"]


def test_the_causes_of_a_whole_list_given_side_by_side_after_it():
    """「其一，A。其二，B。其三，C。究其原因，一方面是X；另一方面是Y。」: the causes of every problem listed, each a shortfall
    of its own, not part of the last problem (P35)."""
    found = paragraph_items(
        [
            "我镇还存在一些短板。其一，执法队伍力量仍然偏弱。在编执法人员仅14人。其二，普法的针对性还不够强。宣传仍以发放资料为主。"
            "其三，城郊村法治建设相对滞后。村级事务管理不够规范。究其原因，一方面是部分干部对法治建设重要性认识不足，习惯于用经验办法解决问题；"
            "另一方面是法治建设经费投入不足，执法装备保障跟不上。"
        ]
    )
    assert found.problems == [
        "执法队伍力量仍然偏弱。在编执法人员仅14人。",
        "普法的针对性还不够强。宣传仍以发放资料为主。",
        "城郊村法治建设相对滞后。村级事务管理不够规范。",
        "部分干部对法治建设重要性认识不足，习惯于用经验办法解决问题",
        "法治建设经费投入不足，执法装备保障跟不上。",
    ]
    # the cause of one problem, inside its own item, stays there
    one = paragraph_items(["其一，执法队伍力量仍然偏弱。究其原因，一方面是编制少；另一方面是人员流失。其二，普法的针对性还不够强。"])
    assert one.problems == ["执法队伍力量仍然偏弱。究其原因，一方面是编制少；另一方面是人员流失。", "普法的针对性还不够强。"]


def test_a_second_headline_with_its_own_explanation_opens_the_next_problem():
    """「（二）A不高。A的说明。B不畅。B的说明。」: a paragraph of short headlines each explained — the second headline is
    the next problem; a short verdict closing the paragraph is not (P35)."""
    found = paragraph_items(
        [
            "（一）执法规范化水平还不高。今年抽查的10份案卷中有3份存在告知程序缺失等问题。部分下放事项承接不畅。非法采矿案件需要县里出具鉴定意见，办理常被延误。",
            "（二）普法的针对性不强。宣传仍以发放资料为主，群众参与不多。效果不够理想。",
        ]
    )
    assert found.problems == [
        "执法规范化水平还不高。今年抽查的10份案卷中有3份存在告知程序缺失等问题。",
        "部分下放事项承接不畅。非法采矿案件需要县里出具鉴定意见，办理常被延误。",
        "普法的针对性不强。宣传仍以发放资料为主，群众参与不多。效果不够理想。",
    ]


def test_a_headline_naming_two_problems_then_each_in_turn():
    """「执法规范化和执法监督都还有短板。A…；B…」 and a sub-heading 「（五）学法制度执行打折扣，干部依法办事意识有待增强。」 over
    A。B。: the headline names two problems, its sentences tell one and then the other (P35)."""
    found = paragraph_items(
        [
            "从执法环节看，执法规范化和执法监督都还有短板。镇综合执法队处罚尺度不一，群众有“同案不同罚”的议论；"
            "镇里对执法行为的监督主要靠事后抽查，缺少常态化的执法监督机制。"
        ]
    )
    assert len(found.problems) == 2 and found.problems[1] == "镇里对执法行为的监督主要靠事后抽查，缺少常态化的执法监督机制。"
    child = Block(
        rank=2,
        heading="学法制度执行打折扣，干部依法办事意识有待增强。",
        lines=["全年计划会前学法12次，实际落实8次，学用脱节。部分干部仍习惯于“开会定、领导批”，对法定程序重视不够。"],
    )
    block = Block(rank=1, heading="存在的问题", children=[child])
    assert section_items(block, kind="problems").problems == [
        "学法制度执行打折扣，干部依法办事意识有待增强。全年计划会前学法12次，实际落实8次，学用脱节。",
        "部分干部仍习惯于“开会定、领导批”，对法定程序重视不够。",
    ]
    # one problem said of two things is one headline: its explanation stays whole
    one = paragraph_items(["执法力量不足。在编执法人员仅4名；多数身兼数职，难以保证执法时间。"])
    assert len(one.problems) == 1


def test_a_problem_a_paragraph_told_as_a_story_and_a_measure_already_taken():
    """P37: paragraphs that each tell a problem as a story — what happened, then a question, then the verdict — are one
    problem each; a measure already taken (「目前，我镇已梳理出…」「今年已对6件…逐案建立台账」) is no part of its problem."""
    found = paragraph_items(
        [
            "一年下来，老问题有的解决了，也冒出了一些新问题。",
            "某村两户村民因宅基地界址发生争执，村调委会调解3次未果。一件小事，为什么拖了两个多月？说到底，村调解员对宅基地政策吃不透。",
            "全年发放宣传资料6000多份，能说出一条具体规定的只有3人。资料发了不少，入脑入心的有多少？普法还是老路子，群众记不住。",
            "全镇培养了102名法律明白人，参与化解的纠纷只有9件。名单上的人不少，顶得上用的有多少？",
        ]
    )
    # (the opening sentence announces problems and states none: no item)
    assert [p[:6] for p in found.problems] == ["某村两户村民", "全年发放宣传", "全镇培养了1"]
    assert found.problems[1].endswith("群众记不住。")
    taken = paragraph_items(["（一）信访仍较集中。全年受理信访事项47件，重复信访6件。今年已对6件重复信访逐案建立台账，已办结4件。"])
    assert taken.problems == ["信访仍较集中。全年受理信访事项47件，重复信访6件。"]


def test_a_topic_led_paragraph_after_a_measure_states_the_next_problem():
    """P37: a section of problems and measures, each paragraph led by its topic; after 「我们将…」 the next paragraph
    (「在信息化建设方面，…各自独立，数据不能共享…」) states a problem in words no defect cue knows: a problem, not a plan."""
    found = paragraph_items(
        [
            "在政务公开方面，县政府网站镇级专栏更新不够及时。我们将明确政务公开专人负责。",
            "在信息化建设方面，社区网格、人民调解等信息系统各自独立，数据不能共享，基层干部重复填报多。我们将推动信息互联互通。",
        ],
        mixed=True,
    )
    assert found.problems == [
        "县政府网站镇级专栏更新不够及时。",
        "社区网格、人民调解等信息系统各自独立，数据不能共享，基层干部重复填报多。",
    ]
    assert found.plans == ["我们将明确政务公开专人负责。", "我们将推动信息互联互通。"]


def test_a_headline_a_paragraph_then_its_evidence_and_examples():
    """P39: a section whose paragraphs each open on a short sentence stating the problem and then give figures, an
    example and what it leads to: a problem a paragraph, however the later sentences are worded; a second short
    statement on another topic with its own explanation is the next problem; a sentence stating another topic's
    defect in its first clause (P5) or a concession about something else (P8) is one too."""
    found = paragraph_items(
        [
            "执法程序规范化程度不高。今年县司法局评查我镇执法案卷9卷，有4卷存在问题：有的现场检查笔录没有当事人签字。"
            "权责清单上写着是镇里的事，实际上镇里办不了，出了问题责任却在镇里。",
            "合法性审查还存在“走过场”的情况。镇里签订的合同大部分送了法律顾问审查，但送审时间普遍偏晚。"
            "今年9月城区一处临时停车场的租赁合同，就是因为没有约定提前解约条款，收回场地时与承租人产生纠纷。",
            "法治专业人才严重缺乏。全镇机关干部58人，具有法学专业背景的仅2人。下放事项中有相当一部分是“接得住、管不好”。"
            "比如燃气安全等专业性强的事项，镇上既没有检测设备，也没有懂行的人。",
        ]
    )
    assert [p[:8] for p in found.problems] == ["执法程序规范化程", "合法性审查还存在", "法治专业人才严重", "下放事项中有相当"]
    assert found.problems[1].endswith("收回场地时与承租人产生纠纷。")
    # (paragraphs of problems a sentence each are no headlined section: each sentence is its own)
    listed = paragraph_items(
        [
            "综合执法队伍力量仍显不足，执法人员年龄结构偏大。执法规范化水平有待提升，个别案件调查取证不够扎实。",
            "干部队伍法治素养参差不齐，个别干部重结果轻程序。普法宣传精准度仍不够高，线上普法资源利用不足。",
            "法律明白人培养使用机制还不健全，培训频次低。数字赋能法治建设的水平不高，数据尚未互联互通。",
        ]
    )
    assert len(listed.problems) == 6


def test_stories_opened_by_a_time_or_a_voice_are_a_problem_a_paragraph():
    """P39: paragraphs opening on when something happened (「5月，」「国庆期间，」) or on what someone said (「有群众反映：“…”」)
    tell one problem each, their verdict last (「这说明…」)."""
    found = paragraph_items(
        [
            "5月，两名村民进入保护区采挖竹笋，被巡护人员查获。村里不少人也替他们说话。我们感到，群众生计与保护要求之间的矛盾仍然突出。",
            "国庆期间，古镇一家农家乐被游客投诉。执法人员没有制作询问笔录。这说明执法人员对下放事项程序不熟。",
            "有群众反映：“镇里的公开栏，贴的还是去年的低保名单。”我们核查后发现，部分村的公开栏确实长期没有更新。",
        ]
    )
    assert [p[:6] for p in found.problems] == ["5月，两名村", "国庆期间，古", "有群众反映："]


def test_measures_in_a_clerks_words_inside_a_problem_are_plans():
    """P39: 「准备明年请县司法局派人来培训两次。」「这个问题我们打算明年开始要求…」 after a problem are its plans."""
    found = paragraph_items(
        [
            "执法队员都是从其他岗位转过来的，没有一个是学法律的。准备明年请县司法局派人来培训两次。",
            "有的合同没有送法律顾问审查，有两份合同租期写到了五十年。这个问题我们打算明年开始要求村级合同一律报镇里审查备案。",
        ],
        mixed=True,
    )
    assert found.problems == [
        "执法队员都是从其他岗位转过来的，没有一个是学法律的。",
        "有的合同没有送法律顾问审查，有两份合同租期写到了五十年。",
    ]
    assert found.plans == ["准备明年请县司法局派人来培训两次。", "这个问题我们打算明年开始要求村级合同一律报镇里审查备案。"]


def test_a_clerks_problems_with_their_measures_in_one_section():
    """P39 (船滩镇 2024, 存在的问题及下一步打算): 「而且…」 goes on with the problem before; 「还有法律明白人，…」 opens the
    next; a sub-heading 「其他打算：A；B；C。」 holds three measures, no problem."""
    block = Block(
        rank=1,
        heading="存在的问题及下一步打算",
        lead="",
        lines=[
            "（一）山林纠纷还是多。还有十来个村没有测，今年又有一起竹林纠纷打了架。而且勘测要钱，县里今年只安排了4个村的经费。",
            "（二）执法监督这一块基本上是空白，都是等县里来评查。还有法律明白人，45个人里面有一些常年在外面，村里有事找不到人。",
            "（三）其他打算：建立执法队办案月检查制度；对法律明白人进行调整，常年在外的换掉；指导每个村的调委会规范调解记录。",
        ],
    )
    from analysis.parse.structure import split_layout

    layout = split_layout("船滩镇2024年法治政府建设情况报告\n三、存在的问题及下一步打算\n" + "\n".join(block.lines))
    found = section_items(layout.blocks[0], kind="problems", mixed=True)
    assert [p[:6] for p in found.problems] == ["山林纠纷还是", "执法监督这一", "法律明白人，"]
    assert found.problems[0].endswith("只安排了4个村的经费。")
    assert found.plans == ["建立执法队办案月检查制度", "对法律明白人进行调整，常年在外的换掉", "指导每个村的调委会规范调解记录。"]


def test_one_more_problem_added_with_also_and_a_findings_title_kept():
    """P38 (九宫山镇, 通羊镇): in a section of a headline a paragraph, 「普法形式也比较单一，…」 adds a problem of its own after
    「普法工作覆盖面不够广。…」; 「关于持证执法人员不足的问题：督察指出，…」 keeps the title naming the finding."""
    found = paragraph_items(
        [
            "普法工作覆盖面不够广。全镇旅游从业人员中外地人员占三成以上，季节性务工人员基本没有参加过普法活动。"
            "普法形式也比较单一，仍以悬挂横幅、发放宣传册为主。",
            "重大决策的公众参与不够。镇里在推进景区周边村庄改造中，决策前听取群众意见的范围窄、时间短，个别村民认为“被代表”。",
            "合同管理存在法律风险。镇政府与旅游投资企业签订的合作协议共27份，其中有9份没有经过合法性审查，部分合同约定不明。",
        ]
    )
    assert [p[:8] for p in found.problems] == ["普法工作覆盖面不", "普法形式也比较单", "重大决策的公众参", "合同管理存在法律"]
    titled = paragraph_items(["关于持证执法人员不足的问题：督察指出，我镇承担执法职责的干部有31人，持有行政执法证的仅19人。"])
    assert titled.problems == ["关于持证执法人员不足的问题：督察指出，我镇承担执法职责的干部有31人，持有行政执法证的仅19人。"]


def test_a_headline_counting_two_defects_then_each_side():
    """P38 (河峪乡 2023): 「执法力量和能力“双不足”。一方面，…；另一方面，…」 — the second side is the second problem; under a
    headline naming one problem the two sides stay one (previous tests)."""
    found = paragraph_items(
        [
            "执法力量和能力“双不足”。一方面，乡综合便民服务中心承担执法职能的只有3人，且都身兼数职；另一方面，3名执法人员中有2人是今年新取得执法证，不知道如何立案取证。",
            "普法宣传的覆盖面还不够广。一方面，外出务工人员多；另一方面，留守老人看不懂资料。",
        ]
    )
    assert [p[:6] for p in found.problems] == ["执法力量和能", "3名执法人员", "普法宣传的覆"]


def test_particulars_after_an_intro_are_the_problems_it_announced():
    """P41 (平利县 城关镇): 「…还有一定差距。具体表现在：A；B；C。」 — after an intro the particulars are the problems, one
    item a clause; after a problem stated first, 「主要表现在：…」 still explains that one problem."""
    found = paragraph_items(
        [
            "在肯定成绩的同时，我们也清醒地认识到，我镇法治政府建设与上级要求和群众期盼相比还有一定差距。具体表现在："
            "普法宣传仍以悬挂横幅、发放资料为主，群众参与的积极性不高；少数镇村干部运用法治思维解决问题的意识不强，仍习惯于靠行政命令；"
            "行政执法公示不够及时，个别执法文书填写不完整；镇级法治建设经费保障不足，综合执法队仅有执法车辆1台。"
        ]
    )
    assert found.problems == [
        "普法宣传仍以悬挂横幅、发放资料为主，群众参与的积极性不高",
        "少数镇村干部运用法治思维解决问题的意识不强，仍习惯于靠行政命令",
        "行政执法公示不够及时，个别执法文书填写不完整",
        "镇级法治建设经费保障不足，综合执法队仅有执法车辆1台。",
    ]
    explained = paragraph_items(["执法力量仍然不足。主要表现在：执法队员仅3人；执法车辆老旧，难以满足需要。"])
    assert len(explained.problems) == 1


def test_a_measure_taken_after_a_finding_and_a_new_subject_after_jiazhi():
    """P38 (通羊镇, 德城街道): 「我镇已废止上述文件…」「我镇已将…纳入…」 after a finding say what was done about it, no part of it;
    「加之街道每年法治建设专项经费只有3万元，执法记录仪…配备不齐…」 after a problem of the officers is another problem — its
    subject (经费) is new, though it goes on about 执法."""
    found = paragraph_items(
        [
            "关于规范性文件清理不及时的问题：督察发现，我镇2019年印发的2份文件仍在执行，且未报县司法局备案。我镇已废止上述文件，并对近五年印发的文件开展全面清理。",
            "关于学法制度落实不到位的问题：督察指出，我镇党委理论学习中心组上半年学法仅1次。我镇已将会前学法纳入常务会固定议程。",
        ]
    )
    assert found.problems == [
        "关于规范性文件清理不及时的问题：督察发现，我镇2019年印发的2份文件仍在执行，且未报县司法局备案。",
        "关于学法制度落实不到位的问题：督察指出，我镇党委理论学习中心组上半年学法仅1次。",
    ]
    narrative = paragraph_items(
        [
            "执法队员多数由原城管协管员转岗而来，具有法律专业背景的仅1人，对新下放事项的法律依据不熟悉，适用条款时常出现偏差。"
            "加之街道每年法治建设专项经费只有3万元，执法记录仪、移动执法终端配备不齐，执法信息难以及时录入县行政执法信息平台。"
        ]
    )
    assert [p[:6] for p in narrative.problems] == ["执法队员多数", "街道每年法治"]


def test_a_work_line_that_states_only_a_shortfall_and_a_duty_paragraph_that_tells_one(tmp_path):
    """P39 (木鱼镇 2024, no problems section): 「执法数字化：执法案件仍手工登记，未全部录入监督平台。」 is all shortfall, a problem;
    the duty paragraph's sentence after the leaders' work, 「法治专项经费仍未落实…」, is one too."""
    from tests.conftest import parsed_text

    text = (
        "木鱼镇2024年法治政府建设情况报告\n一、工作开展情况\n学法用法：党委会会前学法12次；但少数村干部遇事仍凭经验办。\n"
        "执法数字化：执法案件仍手工登记，未全部录入监督平台。\n二、第一责任人履职情况\n"
        "党委书记、镇长专题研究法治工作3次，包案化解信访2件。法治专项经费仍未落实，执法车辆仍只有1台。\n"
        "三、2025年工作任务\n任务：执法案件全部录入执法监督平台。时限：2025年3月底。\n木鱼镇人民政府\n2024年12月18日"
    )
    report = parsed_text(tmp_path, "2024_木鱼镇.txt", text)
    assert "执法案件仍手工登记，未全部录入监督平台。" in report.problems
    assert any(p.startswith("法治专项经费仍未落实") for p in report.problems)
    assert not any("执法案件仍手工登记" in a or "法治专项经费" in a for a in report.achievements)


def test_a_text_table_of_problems_drawn_with_full_width_bars():
    """P46 (庆元县 松源街道): 「问题｜表现｜原因｜整改措施」 drawn in text: each row's problem, evidence and cause cells are one
    problem, its measure cell a plan; the header row is no problem."""
    found = paragraph_items(
        [
            "对照法治政府建设示范创建指标，主要存在以下问题：",
            "问题｜表现｜原因｜整改措施",
            "执法事项承接不顺｜下放的83项执法事项中，街道执法队至今未独立办理1件｜赋权时间短，案件移交机制尚未理顺｜主动对接县级部门",
            "普法方式较为传统｜仍以发放资料、悬挂横幅为主｜对群众法律需求调研不够｜开展普法需求调查",
        ]
    )
    assert found.problems == [
        "执法事项承接不顺。下放的83项执法事项中，街道执法队至今未独立办理1件。赋权时间短，案件移交机制尚未理顺。",
        "普法方式较为传统。仍以发放资料、悬挂横幅为主。对群众法律需求调研不够。",
    ]
    assert found.plans == ["主动对接县级部门。", "开展普法需求调查。"]


def test_a_sub_heading_naming_a_group_of_problems_is_no_problem():
    """P46 (崇义县 关田镇): 「（二）其他存在的问题」 names no problem: the paragraphs under it are read for their items, each
    clause after ； of another topic one (not the explanation of a problem the heading states)."""
    block = Block(
        rank=1,
        heading="存在的问题",
        children=[
            Block(
                rank=2,
                heading="其他存在的问题",
                lines=[
                    "此外，辖区12座小水电站中有5座设备运行超过30年，安全生产隐患整改进展缓慢；林区防火通道和蓄水池建设滞后，"
                    "森林防火基础设施仍然薄弱；部分群众在山林中乱埋乱葬，殡葬改革推进难度较大。"
                ],
            )
        ],
    )
    assert [p[:8] for p in section_items(block, kind="problems").problems] == ["辖区12座小水电", "林区防火通道和蓄", "部分群众在山林中"]


def test_clauses_after_an_intro_and_its_list_word_are_items_of_their_own():
    """P44 (沅陵县 五强溪镇 2024): 「…但仍有不少短板，主要是：A；B；C」 — after the intro each clause on another topic is an item,
    though it says what is wrong in words DEFECT does not know (还有盲区, 诉求仍然集中)."""
    found = paragraph_items(
        [
            "今年我镇法治建设有了改进，但仍有不少短板，主要是：执法队伍人员没有增加，专业能力仍有短板；"
            "普法进库区湖区的渔民、外出务工人员还有盲区；移民后扶项目收益分配诉求仍然集中；法律顾问到村服务仍“走过场”，群众获得感不强。"
        ]
    )
    assert found.problems == [
        "执法队伍人员没有增加，专业能力仍有短板",
        "普法进库区湖区的渔民、外出务工人员还有盲区",
        "移民后扶项目收益分配诉求仍然集中",
        "法律顾问到村服务仍“走过场”，群众获得感不强。",
    ]


def test_a_problem_with_its_cause_then_another_after_tongshi_and_two_comparisons():
    """P46 (庆元县 黄田镇 2023, 来凤县 翔凤镇 2022): 「…，主要原因是…；同时，执法车辆仅1辆…」 — the cause goes with its problem,
    the clause 同时 opens is the next problem; 「与群众期待相比，A；与县委要求相比，B」 — each comparison opens one. At a
    sentence's start a comparison goes on with the headline before it (P35)."""
    caused = paragraph_items(
        [
            "镇综合行政执法队在编人员仅4人，日常巡查“看得见的管不着”，主要原因是编制核定时未充分考虑山区乡镇的实际；"
            "同时，执法车辆仅1辆、执法记录仪3台，难以满足执法全过程记录的要求，究其原因是镇级财力有限。"
        ]
    )
    assert [p[:8] for p in caused.problems] == ["镇综合行政执法队", "执法车辆仅1辆、"]
    compared = paragraph_items(
        [
            "与群众期待相比，镇公共法律服务工作站仅配备1名专职工作人员，群众反映法律咨询“排长队”；"
            "与县委要求相比，部分站所、社区仍把法治建设视为“软任务”，推进力度上热下冷。"
        ]
    )
    assert len(compared.problems) == 2
    headline = paragraph_items(["城郊村法治建设相对滞后。与城区社区相比，城郊8个行政村在法律顾问服务等方面明显落后。"])
    assert len(headline.problems) == 1


def test_the_sides_of_a_headline_naming_no_problem_are_problems_of_their_own():
    """「基层法治土壤还不够厚实。一方面，…村“两委”…；另一方面，…群众…」: a headline naming no problem, then sides about two named
    problems' topics (P48); likewise under a headline that only says its field has shortcomings (普法工作仍有短板。, P31)."""
    soil = paragraph_items(
        [
            "第一，基层法治土壤还不够厚实。一方面，部分村“两委”班子依法办事能力偏弱，村规民约中仍有与法律相抵触的条款；"
            "另一方面，一些群众受宗族观念影响，遇事讲“族规”、讲“人情”，不习惯用法律维护自身权益。"
        ]
    )
    assert soil.problems == [
        "基层法治土壤还不够厚实。部分村“两委”班子依法办事能力偏弱，村规民约中仍有与法律相抵触的条款",
        "一些群众受宗族观念影响，遇事讲“族规”、讲“人情”，不习惯用法律维护自身权益。",
    ]
    generic = paragraph_items(
        [
            "第二，普法工作仍有短板。一方面，普法覆盖面仍然不够广，小微企业和家庭作坊中的务工人员覆盖较少；"
            "另一方面，普法形式较为单一，以讲座、发资料为主，群众参与积极性不高。"
        ]
    )
    assert len(generic.problems) == 2


def test_a_headline_naming_two_wants_as_such_is_two_problems():
    """「执法队伍“缺人”又“缺能”。一方面，…；另一方面，…」 (P48)."""
    found = paragraph_items(
        [
            "第一，执法队伍“缺人”又“缺能”。一方面，镇综合执法队持有执法证件的人员仅4名，常常顾此失彼；"
            "另一方面，现有人员多为兼职，对专业领域的法律法规不熟悉，办案质量不高。"
        ]
    )
    assert len(found.problems) == 2


def test_circled_numbers_past_ten_number_items():
    """⑪ ⑫ go on a list of circled numbers (P48: twelve problems)."""
    found = paragraph_items(["⑩执法力量不足。镇执法队仅3人。⑪电信网络诈骗案件高发。全年发案57起。⑫婚嫁高额彩礼问题突出。"])
    assert found.problems == ["执法力量不足。镇执法队仅3人。", "电信网络诈骗案件高发。全年发案57起。", "婚嫁高额彩礼问题突出。"]


def test_a_clause_on_its_own_subject_about_another_problem_is_one_under_a_heading():
    """Under 「（三）社区法治建设不均衡。」, 「…；部分城郊村法律明白人年龄偏大，作用发挥有限。」 opens on its own subject and
    states a defect of another named problem (P44); 「…；村级集体经济合同…仍有少数村在合同签订后才补送审查…」 under
    「合法性审查工作还存在“走过场”现象。」 still speaks of 审查 and explains it (P20)."""
    villages = paragraph_items(
        [
            "城区老社区与新建社区、城郊村之间差距明显，部分城郊村村规民约修订后“上墙多、落地少”；部分城郊村法律明白人年龄偏大，作用发挥有限。"
        ],
        headed=True,
        heading="社区法治建设不均衡。",
    )
    assert villages.problems == [
        "城区老社区与新建社区、城郊村之间差距明显，部分城郊村村规民约修订后“上墙多、落地少”",
        "部分城郊村法律明白人年龄偏大，作用发挥有限。",
    ]
    reviews = paragraph_items(
        [
            "部分站所报送审查的材料不完整、时间仓促，法律顾问来不及深入论证；村级集体经济合同、工程发包合同虽然逐步纳入审查范围，"
            "但仍有少数村在合同签订后才补送审查，未能真正起到事前把关作用。"
        ],
        headed=True,
        heading="合法性审查工作还存在“走过场”现象。",
    )
    assert len(reviews.problems) == 1


def test_what_a_told_problem_shows_is_no_problem_of_its_own():
    """P39: a story's closing sentences — where it comes from, what it shows, who answers for it — stay with it."""
    found = paragraph_items(
        [
            "移民后期扶持项目资金的管理使用还有漏洞。今年县审计指出我镇两个村的移民后扶项目存在先施工后招标、资金拨付依据不足的问题。"
            "问题出在村里，根子在镇里，是我们对项目的前置审核和过程监管没有跟上，我作为第一责任人对此负有领导责任。",
            "古镇老街上有四十多家外地来的商户，我们组织的普法活动他们几乎没参加过。"
            "今年游客与商户的纠纷有一多半出在这部分商户身上，说明我们的普法还没有真正覆盖到这些“新居民”。",
            "执法力量不足的问题没有根本解决。执法队还是5个人。",
        ]
    )
    assert len(found.problems) == 3
    assert found.problems[0].endswith("负有领导责任。") and found.problems[1].endswith("“新居民”。")


@pytest.mark.parametrize(
    "first, second",
    [
        # after ；, a clause in words DEFECT does not know: legal services, then an administrative review lost
        (
            "乡公共法律服务站今年接待咨询60人次，但需要法律援助的10件均需转到县城办理，群众往返一次要一整天；",
            "今年我乡首次发生行政复议案件1件，因答复材料报送超期被复议机关责令改正。",
        ),
        # after 。: enforcement, then the cadres' study
        (
            "执法公示更新不及时，法制审核仍有“先执法后补审”的情况。",
            "党委会会前学法常因议题多被压缩或取消，全年实际开展6次，村“两委”干部集中学法多停留在签到、读文件，学用脱节。",
        ),
        # after a comma, a clause on its own subject with 也: the review of decisions, then the legal adviser
        (
            "镇重大行政决策合法性审查机制运行还不够顺畅，部分涉及征拆补偿的方案未经合法性审查即组织实施，",
            "法律顾问参与决策也多是事后“补签”，前置把关作用没有体现。",
        ),
        # after ，而且: too few officers, then officers who cannot do the work
        (
            "执法大队在岗人员6人，面对城区2万常住人口的管控明显不够用，而且",
            "执法人员多为转岗，取得执法证不满两年的占一半，办理复杂案件的能力不足。",
        ),
    ],
)
def test_problems_with_no_mark_between_them_are_split_where_the_classifier_reads_two_problems(first, second):
    assert paragraph_items([first + second]).problems == [first.removesuffix("，而且").rstrip("；，"), second]


def test_a_problem_stated_first_or_given_its_causes_is_not_split_by_the_classifier():
    # a short first sentence states the problem: the clauses after it explain it, whatever they name (P48)
    headline = "合法性审查覆盖率不高。全年签订各类合同40份，经合法性审查的30份，审查率75%；制发的行政文件中有2件未经审查即印发。"
    assert paragraph_items([headline]).problems == [headline]
    causes = "执法全过程记录落实不到位，部分案卷缺少现场记录。究其原因，一方面是配套细则尚未出台；另一方面是对执法人员的业务培训偏重理论。"
    assert paragraph_items([causes]).problems == [causes]


def test_a_list_lettered_by_the_heavenly_stems_with_the_area_in_a_sentence_of_its_own():
    """「甲、行政执法方面。…」「乙、…」 (P50): 甲 乙 are marks and the area's sentence no part of the problem."""
    assert paragraph_items(
        [
            "甲、行政执法方面。综合行政执法队在岗人员仅5人，难以覆盖全镇18个村的日常巡查。",
            "乙、普法宣传方面。普法仍以发资料、办讲座为主，形式较为单一。",
        ]
    ).problems == ["综合行政执法队在岗人员仅5人，难以覆盖全镇18个村的日常巡查。", "普法仍以发资料、办讲座为主，形式较为单一。"]


def test_the_findings_an_inspection_pointed_out_are_items_after_any_intro_that_announces_them():
    """P50: 「…其余3个方面问题尚未完全整改到位：A；B；C」 and 「…在法治建设方面指出了以下问题：A；B」 announce the problems
    after the colon, one item a clause, though the paragraph opens on a long statement (a headline elsewhere)."""
    found = paragraph_items(
        [
            "2022年9月，县委依法治县办对我镇开展法治政府建设督察，反馈了执法案卷不规范、合法性审查覆盖不全等5个方面问题。"
            "经过一年整改，执法案卷和纠纷台账两个方面问题已整改到位，其余3个方面问题尚未完全整改到位："
            "合法性审查目前主要覆盖镇政府对外签订的合同，村级重大事项还没有纳入审查范围；"
            "法律顾问全年列席镇党政联席会议仅2次，多数情况下是会后“补意见”，参与重大决策的广度和深度不够；"
            "村级法治书屋建成后使用率不高，普法阵地作用发挥有限。"
        ]
    )
    assert found.problems[-3:] == [
        "合法性审查目前主要覆盖镇政府对外签订的合同，村级重大事项还没有纳入审查范围",
        "法律顾问全年列席镇党政联席会议仅2次，多数情况下是会后“补意见”，参与重大决策的广度和深度不够",
        "村级法治书屋建成后使用率不高，普法阵地作用发挥有限。",
    ]
    pointed = paragraph_items(
        [
            "今年4月，县委第二巡察组对我乡开展常规巡察，在法治建设方面指出了以下问题：“三重一大”事项决策程序不够规范，"
            "23项事项中有4项未提前征求法律顾问意见；合同管理较为混乱，62份合同没有建立统一台账。"
        ]
    )
    assert pointed.problems == [
        "“三重一大”事项决策程序不够规范，23项事项中有4项未提前征求法律顾问意见",
        "合同管理较为混乱，62份合同没有建立统一台账。",
    ]


def test_weak_points_numbered_bullets_and_the_intros_of_further_problems():
    """P52: 「短板一：」「弱项二：」 number items; ●/■/▲/→ are bullets; 「需要关注的其他问题：」「…除此之外，还存在：」 and
    「…问题尚未完全整改到位：」 announce the problems after them (whatever words precede them)."""
    assert paragraph_items(["弱项一：村规民约内容与法律法规不一致。弱项二：执法信息化水平偏低，仍以纸质文书为主。"]).problems == [
        "村规民约内容与法律法规不一致。",
        "执法信息化水平偏低，仍以纸质文书为主。",
    ]
    assert paragraph_items(["▲需要关注的其他问题：→栖凤湖沿岸非法捕捞现象时有发生；→沿街门店消防安全隐患较多。"]).problems == [
        "栖凤湖沿岸非法捕捞现象时有发生",
        "沿街门店消防安全隐患较多。",
    ]
    assert paragraph_items(
        ["上述问题在前文已作说明，除此之外，还存在：镇行政应诉工作力量薄弱，应诉能力不足；法治建设经费保障不足，资金缺口较大。"]
    ).problems == ["镇行政应诉工作力量薄弱，应诉能力不足", "法治建设经费保障不足，资金缺口较大。"]
    assert paragraph_items(
        ["督察反馈指出的执法规范化问题尚未完全整改到位：部分处罚案件仍存在先处罚后补证据的情况；普法宣传仍以发放资料为主，形式单一。"]
    ).problems == ["部分处罚案件仍存在先处罚后补证据的情况", "普法宣传仍以发放资料为主，形式单一。"]


def test_the_causes_of_every_problem_in_a_paragraph_of_their_own_belong_to_none():
    """P52: 「以上问题，主要原因在于…」 after the problems, in a paragraph of its own, is no part of the last one; a paragraph
    of a problem's own causes after a single problem still is."""
    found = paragraph_items(
        [
            "执法队员同时承担驻村帮扶任务，专职执法时间难以保证。",
            "镇政务公开栏信息公开不够及时。",
            "以上问题，主要原因在于镇村干部法治培训不够系统，法治工作投入不足。",
        ]
    )
    assert found.problems == ["执法队员同时承担驻村帮扶任务，专职执法时间难以保证。", "镇政务公开栏信息公开不够及时。"]
    single = paragraph_items(["执法力量不足，难以覆盖全镇。", "究其原因，主要是编制有限。"])
    assert single.problems == ["执法力量不足，难以覆盖全镇。究其原因，主要是编制有限。"]


def test_a_headline_naming_two_fields_that_are_hard_then_one_problem_of_each():
    """P52 (高田镇): 「河湖管护和移风易俗仍有难点。A；B。」 — the headline names two fields; A and B are one problem each."""
    found = paragraph_items(
        [
            "河湖管护和移风易俗仍有难点。琴江支流部分河段巡河流于形式，非法捕捞现象时有反弹；"
            "婚丧事宜大操大办、高额彩礼等陈规陋习在部分村仍有市场，村规民约约束力不强。"
        ]
    )
    assert len(found.problems) == 2
    assert found.problems[1] == "婚丧事宜大操大办、高额彩礼等陈规陋习在部分村仍有市场，村规民约约束力不强。"


def test_problems_run_together_with_commas_are_cut_where_the_classifier_reads_two_areas():
    """P10 (流光岭镇): problems in one sentence joined by commas alone — disputes, reviews, disclosure — are cut before a
    clause opening on its own subject whose words the register's classifier reads as another area's problem; a short
    headline (「公共法律服务资源匮乏，…」) keeps its particulars."""
    found = paragraph_items(
        [
            "山林界址、土地承包、婚姻家庭等纠纷较多，村级调解组织化解能力有限，部分纠纷久调不决，镇政府部分规范性文件和合同在出台、"
            "签订前未严格履行合法性审查程序，政务公开栏内容更新不及时，部分村财务公开不够细致。"
        ]
    )
    assert found.problems == [
        "山林界址、土地承包、婚姻家庭等纠纷较多，村级调解组织化解能力有限，部分纠纷久调不决",
        "镇政府部分规范性文件和合同在出台、签订前未严格履行合法性审查程序",
        "政务公开栏内容更新不及时，部分村财务公开不够细致。",
    ]
    headline = paragraph_items(
        ["公共法律服务资源匮乏，全乡没有律师事务所和法律服务所，村级公共法律服务室设施简陋，村法律顾问每年到村服务次数有限，办事成本高。"]
    )
    assert len(headline.problems) == 1


def test_a_rectification_ledgers_numbered_problems_after_their_measures_are_problems():
    """P52 (木兰乡): 「问题N：…。表现：…。原因：…。整改措施：…。时限：…。」 one problem a line in a section of problems and
    measures; a problem stated in words a plan may open with (规范…) or a blind spot (盲区) after the last line's measure is
    the next problem, not a plan (the twenty-first reading found them among next year's plans)."""
    found = paragraph_items(
        [
            "问题一：综合执法力量仍然薄弱。表现：执法队仅4名。整改措施：继续争取执法编制。时限：2024年6月底前。",
            "问题三：普法覆盖仍有盲区。表现：部分高山村组一年仅开展1至2次普法活动。整改措施：建立“云普法”微信群。时限：2024年全年。",
            "问题五：规范性文件管理不规范。表现：部分文件未报备案。整改措施：开展规范性文件全面清理。时限：2024年3月底前。",
        ],
        mixed=True,
    )
    assert [p.split("。")[0] for p in found.problems] == ["综合执法力量仍然薄弱", "普法覆盖仍有盲区", "规范性文件管理不规范"]
    assert len(found.plans) == 3


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # P54 (谢村镇 2023): three problems of three areas in one clause, parted by 、
        (
            "一是镇村两级法律顾问作用发挥不充分、村级公共法律服务工作站服务内容单一、法律明白人培训流于形式；",
            ["镇村两级法律顾问作用发挥不充分", "村级公共法律服务工作站服务内容单一", "法律明白人培训流于形式"],
        ),
        # 谢村镇 2024: two joined by 和, the part before ending near its defect (不够 + 灵敏), the particulars with the last
        (
            "矛盾纠纷排查预警不够灵敏和信访事项依法分类处理不够规范，全年有3件信访事项因办理程序选择不当被县上退回重新办理。",
            ["矛盾纠纷排查预警不够灵敏", "信访事项依法分类处理不够规范，全年有3件信访事项因办理程序选择不当被县上退回重新办理。"],
        ),
        # two problems of one area stay one item
        ("普法形式比较单一、普法覆盖面不广，群众参与度不高。", ["普法形式比较单一、普法覆盖面不广，群众参与度不高。"]),
        # nouns listed before one defect are no list of problems
        ("村规民约、红白理事会作用发挥不够。", ["村规民约、红白理事会作用发挥不够。"]),
    ],
)
def test_problems_listed_with_dunhao_or_he_are_cut_where_the_classifier_reads_two_areas(paragraph, expected):
    assert paragraph_items([paragraph]).problems == expected


def test_a_list_number_before_a_hotline_number_is_a_list_number():
    """P54 (洋州街道): 「3.12345热线诉求办理质量有待提高。」 opens item 3, no decimal 3.12345; 3.5万 stays a figure."""
    found = paragraph_items(
        [
            "1.执法力量不足。镇综合执法队仅有4人。",
            "2.老旧小区治理难题尚未根本破解。仍有18个小区处于无物业管理状态。",
            "3.12345热线诉求办理质量有待提高。群众不满意工单占比达6.2%。",
        ]
    )
    assert [p.split("。")[0] for p in found.problems] == ["执法力量不足", "老旧小区治理难题尚未根本破解", "12345热线诉求办理质量有待提高"]
    assert not LEAD_MARK.match("3.5万人次参加活动") and not H3.match("3.5万人次参加活动")


def test_a_table_of_problems_with_a_deadline_column_gives_no_plans():
    """P54 (咱果乡): 「序号 | 问题 | 具体表现 | 整改时限」 — each row one problem (its 问题 and 具体表现); 整改时限 says when, no
    measure, so no plan is made of a row's deadline."""
    found = paragraph_items(
        [
            "序号 | 问题 | 具体表现 | 整改时限",
            "1 | 执法人员数量不足 | 全乡持证执法人员仅3名，均为兼职 | 2024年6月底前",
            "2 | 干部学法不经常 | 全年计划会前学法12次，实际开展7次 | 2024年全年",
        ]
    )
    assert found.problems == ["执法人员数量不足。全乡持证执法人员仅3名，均为兼职。", "干部学法不经常。全年计划会前学法12次，实际开展7次。"]
    assert found.plans == []


def test_last_years_problems_put_right_are_no_problems():
    """P54 (洋州街道, the twenty-second reading): 「关于2022年度报告所列问题的整改情况。」 and the problems it answers by what was done
    (针对合法性审查不严格的问题，街道出台了…) are no problems of the year — unless something is still said to be wrong."""
    found = paragraph_items(
        [
            "关于2022年度报告所列问题的整改情况。针对合法性审查不严格的问题，街道出台了《重大事项合法性审查办法》，涉法事项均已形成书面审查意见；"
            "针对学法“以会代学”的问题，建立了季度学法签到制度，问题已基本整改到位；针对执法力量不足的问题，建立了联动机制，但执法人员仍只有4名。"
        ]
    )
    assert found.problems == ["针对执法力量不足的问题，建立了联动机制，但执法人员仍只有4名。"]


def test_questions_closing_what_is_wrong_end_their_problems():
    """P56 (猫儿乡): a run-on paragraph whose problems each end on a rhetorical question after the clauses saying what is
    wrong — the next sentence is the next problem; an intro 「…短板还不少：」 is no part of the first. A question asked before
    its answer (「…扩大了，针对性如何？我们…」) still keeps its answer."""
    paragraph = (
        "说实在话，我乡法治建设的短板还不少：普法资料全是汉字，寨子里的老人大多不识字、只会讲苗话，这样的普法怎么能入脑入心？"
        "青壮年大多在外务工，常年在家的多是老人和孩子，普法活动到底该讲给谁听？"
        "乡里没有一辆执法车，执法记录仪只有1台，矿区巡查只能骑摩托车。"
    )
    assert paragraph_items([paragraph]).problems == [
        "普法资料全是汉字，寨子里的老人大多不识字、只会讲苗话，这样的普法怎么能入脑入心？",
        "青壮年大多在外务工，常年在家的多是老人和孩子，普法活动到底该讲给谁听？",
        "乡里没有一辆执法车，执法记录仪只有1台，矿区巡查只能骑摩托车。",
    ]
    asked = "普法活动覆盖面扩大了，针对性如何？我们在6个村走访的120名村民中，能说出普法活动内容的不到三成。"
    assert paragraph_items([asked]).problems == [asked]


def test_a_clause_of_another_areas_problem_after_a_headline_is_its_own():
    """P56 (长宁镇): 「法治建设保障还不够有力。」 heads the funds and, after ；, the assessment — two problems of two areas."""
    found = paragraph_items(
        [
            "法治建设保障还不够有力。镇法治建设专项经费每年仅2万元，难以满足法治阵地建设和执法装备更新的需要；"
            "法治建设在全镇年度综合考核中只占2分，考核以查台账为主，对工作不力的站所、社区没有相应问责措施。"
        ]
    ).problems
    assert found == [
        "法治建设保障还不够有力。镇法治建设专项经费每年仅2万元，难以满足法治阵地建设和执法装备更新的需要",
        "法治建设在全镇年度综合考核中只占2分，考核以查台账为主，对工作不力的站所、社区没有相应问责措施。",
    ]


def test_a_clause_opening_on_a_plans_verb_that_says_what_is_lacking_is_a_problem():
    """P56 (边城镇): 「新增持证人员多为原辅助人员，执法经验少，…不熟悉」 among problems told in the achievements is a problem
    (who the new officers are and what they lack), not a measure; 「每村培养“法律明白人”不少于5名」 stays a plan."""
    found = paragraph_items(
        [
            "执法大队队员同时承担包村、防汛等任务，真正投入执法的精力有限；新增持证人员多为原辅助人员，执法经验少，"
            "对旅游、交通等领域的法律规定不熟悉；民宿、农家乐无证经营投诉增多，旅游市场监管仍有盲区。"
        ],
        mixed=True,
    )
    assert found.problems[1] == "新增持证人员多为原辅助人员，执法经验少，对旅游、交通等领域的法律规定不熟悉"
    assert found.plans == []
