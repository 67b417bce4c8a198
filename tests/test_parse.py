"""Exact expectations on the five seed reports (hand-checked against the text)."""

from __future__ import annotations

import pytest

from analysis.parse.report import parse_path

META = {
    # township: (title, county, city, province, year, issued, issuers, addressee)
    "高楠镇": ("关于高楠镇2022年法治建设情况的报告", "城口县", "重庆市", "重庆市", 2022, None, ["中共高楠镇委员会"], "县委依法治县办"),
    "肖咀镇": (
        "关于上报肖咀镇2023年法治政府建设工作的报告",
        "合水县",
        "庆阳市",
        "甘肃省",
        2023,
        "2024-03-20",
        ["中共肖咀镇委员会"],
        "县法治办",
    ),
    "桑柘镇": ("桑柘镇2021年度法治政府建设报告", "彭水苗族土家族自治县", "重庆市", "重庆市", 2021, None, [], None),
    "长坪乡": (
        "关于2022年度法治政府建设情况的报告",
        "万州区",
        "重庆市",
        "重庆市",
        2022,
        None,
        ["重庆市万州区长坪乡人民政府"],
        "区委依法治区办",
    ),
    "大张楼镇": (
        "关于2022年法治政府建设情况的报告",
        "嘉祥县",
        "济宁市",
        "山东省",
        2022,
        "2023-02-18",
        ["中共大张楼镇委员会", "大张楼镇人民政府"],
        None,
    ),
}

SECTIONS = {
    "高楠镇": [
        ("工作开展情况", "achievements"),
        ("存在的主要问题", "problems"),
        ("2022年主要工作思路和打算", "plans"),
        ("建议县委全面依法治县委员会2022年推动的重点工作", "suggestions"),
    ],
    "肖咀镇": [("工作开展情况", "achievements"), ("当前存在的主要问题", "problems"), ("未来的工作打算", "plans")],
    "桑柘镇": [
        ("强化主要责任人责任，夯实组织基础", "duty"),
        ("2021年度推进法治政府建设工作的主要举措和成效", "achievements"),
        ("法治政府建设存在的不足和原因", "problems"),
        ("2022年工作计划", "plans"),
    ],
    "长坪乡": [
        ("2022年推进法治政府建设的主要举措和成效", "achievements"),
        ("2022年党政主要负责人履行法治建设第一责任人职责、加强法治政府建设的有关情况", "duty"),
        ("2022年推进法治政府建设存在的不足和原因", "problems"),
        ("2023年推进法治政府建设的工作思路目标举措", "plans"),
        ("其他需要报告的情况", "other"),
    ],
    "大张楼镇": [("法治政府建设基本情况", "achievements"), ("存在的不足及薄弱环节", "problems"), ("下步工作计划", "plans")],
}

PROBLEMS = {
    "高楠镇": [
        "在普法宣传过程中，各领域法律法规、政策条文内容较为广泛，宣传力度和群众知晓度与预期效果仍有差距，提升整体群众法制素养不能急功近利，需要长期坚持过程",
        "法制机构和法律顾问室不够健全，基层法律专业素养人才匮乏，而且具体业务操作缺少指引，业务技能有待提升，法治队伍能力建设需要充实、加强。",
    ],
    "肖咀镇": [
        "执法力量相对薄弱。由于乡镇工作千头万绪，工作人员相对较少，都是身兼多职，执法时间和精力有限。",
        "执法能力相对不足。执法人员都没有经过系统的执法业务培训，对各行业的执法标准掌握不准，尺度把握有偏差。",
        "行政执法“三项制度”落实还不够到位。执法人员执法意识不强，亮身份执法习惯没有形成，有的执法工作人员执法过程不配戴执法设备，不注重留存执法过程资料，造成执法过程资料不完成整。",
    ],
    "桑柘镇": [
        "对重点区域矛盾纠纷和突出问题的排查、解决力度还有待进一步加强",
        "在切实推进依法治村（社区）工作中，还需要进一步加大宣传力度，发动村（社区）干部参与积极性，发动广大人民群众都投身到依法治镇的队伍中来",
    ],
    "长坪乡": [
        "全乡的法治意识需进一步提高。虽然通过多年的普法教育活动，全民的法治意识有了很大程度的提高，但个别群众仍然存在法治观念淡薄、有法不依的现象。",
        "依法行政工作的推进不平衡。相关职能站、办、所、中心依法行政的能力和水平有待提高",
        "机构建设较为滞后。乡一级在依法行政方面没有专门的常设机构，由相关部门的工作人员兼职。",
    ],
    "大张楼镇": [
        "部分基层行政执法人员法治观念、法律意识不强，与依法行政的要求还不适应。",
        "基层执法人员编制、执法经费保障机制与依法行政的要求还不相适应。",
        "执法队伍整体素质不高，具有法学专业和大专学历的寥寥无几。",
        "普法工作有待进一步加强，人民群众法治意识有待提高，老百姓法律意识淡薄。",
    ],
}

PLAN_STARTS = {
    "高楠镇": ["加大宣传力度。", "加强政府工作人员教育培训。", "加大资源投入。"],
    "肖咀镇": ["加大普法宣传力度。", "落实行政执法“三项制度”。", "做好社会矛盾纠纷排查化解工作。", "做好法治建设保障工作。"],
    "桑柘镇": [
        "进一步加强重点对象法治宣传教育，促进依法治镇深入开展",
        "进一步搞好“法律七进”活动，把法治宣传落到实处",
        "进一步推进村（社区）等法治示范创建活动，努力促进基层法治化管理的提高",
        "着力法律文化建设，大力弘扬法治精神",
        "注重创新方式方法，扩大依法治镇工作覆盖面",
        "加强队伍建设，最广泛地动员和组织社会力量参与法治宣传教育",
    ],
    "长坪乡": [
        "加强干部依法行政的学习培训。",
        "完善行政执法制度，规范行政执法行为。",
        "加强法制教育宣传，营造浓厚法制氛围。",
        "加强行政执法监督，提高行政执法水平。",
    ],
    "大张楼镇": ["加强组织领导，明确责任分工。", "强化沟通联系，确保任务落实。", "加强队伍建设，夯实法治根基。"],
}

# (value, unit, approx, metric, role), hand-checked against each report: grids and villages are context,
# not work; 学法带头人 are not 法律明白人; a village meeting is not a 法治专题会议 (issue #22)
INDICATORS = {
    "高楠镇": [
        (3, "次", False, "集中学法", "done"),
        (7, "次", False, "集中学法", "done"),
        (20, "场", True, "普法宣传活动", "done"),
        (7, "支", False, "其他", "done"),
        (9, "次", False, "集中学法", "done"),
        (1, "名", False, "法律顾问", "done"),
        (7, "处", False, "宣传阵地", "done"),
        (1, "个", False, "其他", "context"),
        (6, "个村", False, "其他", "context"),
        (42, "个", False, "其他", "context"),
        (75, "名", False, "网格员", "done"),
    ],
    "肖咀镇": [
        (4, "次", False, "法治专题会议", "done"),
        (1, "处", False, "其他", "done"),  # 建成标准化综合工作中心一处
        (6, "次", False, "集中学法", "done"),
        (3, "次", False, "集中学法", "done"),
        (6, "名", False, "其他", "context"),
        (17, "场", False, "普法宣传活动", "done"),
        (3, "场", False, "普法宣传活动", "done"),
        (12, "场", False, "普法宣传活动", "done"),
        (3500, "份", True, "宣传资料发放", "done"),
        (6, "条", False, "横幅标语", "done"),
        (43, "名", False, "学法带头人", "done"),
        (680, "名", True, "法律明白人", "done"),
        (6, "个", False, "其他", "context"),
    ],
    "桑柘镇": [
        (4, "次", False, "集中学法", "done"),
        (4, "次", False, "集中学法", "done"),
        (51, "人次", False, "学法考试", "done"),
        (2, "次", False, "警示教育", "done"),
        (6, "件次", False, "其他", "done"),  # 法律顾问 is a stock: it counts advisers, never occasions
        (12, "次", False, "普法宣传活动", "done"),
        (4000, "份", True, "宣传资料发放", "done"),
        (230, "人次", True, "法律咨询", "done"),
        (4, "件", False, "人大建议办理", "done"),
        (100, "%", False, "满意率", "done"),
        (100, "%", False, "办结率", "done"),
        (155, "条", False, "政务信息公开", "done"),
        (9, "件", False, "政务信息公开", "done"),
        (573, "件", False, "矛盾纠纷调解", "done"),  # 排查调处: mediation, as the labelled sets read it
        (1, "支", False, "其他", "done"),
        (111, "个", False, "其他", "context"),
        (1, "名", False, "网格员", "context"),
    ],
    "长坪乡": [
        (1, "名", False, "法律顾问", "done"),
        (8, "次", False, "集中学法", "done"),
        (6, "次", False, "普法宣传活动", "done"),
        (70, "人次", True, "法律咨询", "done"),
        (2000, "份", True, "宣传资料发放", "done"),
        (5000, "份", True, "宣传资料发放", "done"),
        (30, "幅", True, "横幅标语", "done"),
        (60, "场", False, "其他", "done"),
        (130, "场", False, "其他", "done"),
        (3000, "份", True, "宣传资料发放", "done"),
        (500, "人次", True, "其他", "done"),
    ],
    "大张楼镇": [],
}


@pytest.fixture(scope="module")
def parsed(seed_paths):
    return {name: parse_path(path) for name, path in seed_paths.items()}


@pytest.mark.parametrize("township", sorted(META))
def test_metadata(parsed, township):
    r = parsed[township]
    assert (r.title, r.county, r.city, r.province, r.year, r.issued, r.issuers, r.addressee) == META[township]
    assert r.township == township
    assert r.warnings == []


@pytest.mark.parametrize("township", sorted(SECTIONS))
def test_sections(parsed, township):
    assert [(s.heading, s.kind) for s in parsed[township].sections] == SECTIONS[township]


@pytest.mark.parametrize("township", sorted(PROBLEMS))
def test_problems(parsed, township):
    assert parsed[township].problems == PROBLEMS[township]


@pytest.mark.parametrize("township", sorted(PLAN_STARTS))
def test_plans(parsed, township):
    plans = parsed[township].plans
    assert len(plans) == len(PLAN_STARTS[township])
    assert [p[: len(s)] for p, s in zip(plans, PLAN_STARTS[township])] == PLAN_STARTS[township]


def test_problem_and_plan_counts(parsed):
    assert {t: len(r.problems) for t, r in parsed.items()} == {"高楠镇": 2, "肖咀镇": 3, "桑柘镇": 2, "长坪乡": 3, "大张楼镇": 4}
    assert {t: len(r.plans) for t, r in parsed.items()} == {"高楠镇": 3, "肖咀镇": 4, "桑柘镇": 6, "长坪乡": 4, "大张楼镇": 3}


@pytest.mark.parametrize("township", sorted(INDICATORS))
def test_indicators(parsed, township):
    got = [(i.value, i.unit, i.approx, i.metric, i.role) for i in parsed[township].indicators]
    assert got == INDICATORS[township]


def test_indicator_evidence_is_the_sentence(parsed):
    first = parsed["肖咀镇"].indicators[8]
    assert first.value == 3500
    assert first.evidence.startswith("今年以来共开展不同类型的普法宣传会议3场（次）")
    assert "3500多份" in first.evidence


def test_unnumbered_headings_become_subsections(parsed):
    from analysis.parse.structure import split_layout

    layout = split_layout(parsed["高楠镇"].text)
    assert [c.heading for c in layout.blocks[0].children] == [
        "强化法治学习，增强法治思维",
        "推进依法行政，强化法治政府建设",
        "推进全民守法，提高法治社会建设水平",
    ]


def test_contract_keys(parsed):
    contract = parsed["肖咀镇"].to_contract()
    assert list(contract) == [
        "file",
        "sha256",
        "title",
        "township",
        "county",
        "city",
        "province",
        "year",
        "issued",
        "issuers",
        "addressee",
        "sections",
        "problems",
        "plans",
        "indicators",
        "warnings",
        "original",
    ]
    assert contract["indicators"][0] == {
        "value": 4,
        "unit": "次",
        "approx": False,
        "metric": "法治专题会议",
        "evidence": "先后四次召开法治建设工作专题会议，研究安排法治建设工作，明确工作任务，靠实工作责任，限定工作时限，制定奖惩措施，确保法治建设工作有部署、有任务、有时限、有奖惩",
        "role": "done",
        "kind": "flow",
    }
    assert contract["problems"][0] == {"text": PROBLEMS["肖咀镇"][0]}


def test_problems_inside_each_work_paragraph_when_there_is_no_problems_section():
    """A report with no problems section whose work paragraphs each turn to what is still wrong (「…。但合法性审查的
    专业性不足，…。下步，…」, P29): those sentences are its problems, and they leave the achievements."""
    from analysis.parse.report import parse_bytes

    text = (
        "上庄镇2024年法治政府建设工作情况报告\n"
        "一、主要工作\n"
        "（一）依法决策。制定重大行政决策事项目录，对3项重大决策开展风险评估。但合法性审查的专业性不足，主要依靠1名外聘法律顾问，审查时间紧。下步将增聘法律顾问1名。\n"
        "（二）普法宣传。开展法治课堂12场次，编印问答3000册。\n"
        "（三）基层治理。全年调处矛盾纠纷102件。但偏远自然村群众仍需往返十余公里才能找到法律服务点。\n"
    )
    report = parse_bytes(text.encode("utf-8"), name="2024_上庄镇.txt")
    assert [p[:12] for p in report.problems] == ["合法性审查的专业性不足，", "偏远自然村群众仍需往返十"]
    assert not any("专业性不足" in a for a in report.achievements)
    assert report.plans == ["下步将增聘法律顾问1名。"]  # no plans section: the measures after the shortfalls are its plans


def test_a_work_paragraphs_shortfall_beside_the_problems_closing_the_achievements():
    """P37: no problems section; the achievements close with 「在肯定成绩的同时，…」 problems, and a work paragraph turns
    to one of its own (「…无行政诉讼败诉案件。但镇综合行政执法队在编人员仅4人，…」): both are problems."""
    from analysis.parse.report import parse_bytes

    text = (
        "历口镇2024年法治政府建设情况报告\n"
        "一、主要工作\n"
        "（一）依法决策。制定重大行政决策事项目录，对3项重大决策开展风险评估。\n"
        "（二）规范执法。全年办理行政处罚案件14件，无行政诉讼败诉案件。但镇综合行政执法队在编人员仅4人，其中持有行政执法证的只有3人，"
        "面对林业、文旅等领域的执法任务常常力不从心，多数案件仍需请县直部门联合执法。\n"
        "在肯定成绩的同时，我们也清醒地看到，我镇法治政府建设与上级要求相比还有差距：少数干部依法行政意识不强，习惯于凭经验办事；"
        "法治建设经费保障偏弱，执法装备陈旧。\n"
        "二、2025年工作打算\n"
        "（一）开展法治能力提升培训。\n"
    )
    report = parse_bytes(text.encode("utf-8"), name="2024_历口镇.txt")
    assert any(p.startswith("镇综合行政执法队在编人员仅4人") for p in report.problems)
    assert any("依法行政意识不强" in p for p in report.problems)
    assert not any("在编人员仅4人" in a for a in report.achievements)


def test_problems_stated_under_other_matters_to_report():
    """「五、其他需要报告的情况」 may state problems of its own (P28: 电信网络诈骗…亟待提高); 「未发生…」 states none, and the
    signature dated by month only (2024年1月) is no part of the section."""
    from analysis.parse.report import parse_bytes

    def report(other: str):
        text = (
            "张三营镇2023年法治政府建设情况报告\n一、工作开展情况\n全年开展集中学法12次。\n二、存在的问题\n一是执法力量不足。\n"
            f"三、2024年工作计划\n一是充实执法力量。\n四、其他需要报告的情况\n{other}\n张三营镇人民政府\n2024年1月\n"
        )
        return parse_bytes(text.encode("utf-8"), name="2023_张三营镇.txt")

    stated = report("今年我镇共发生电信网络诈骗案件9起，受骗群众以留守老人居多，反诈宣传的入户率亟待提高。")
    assert stated.problems == ["执法力量不足。", "今年我镇共发生电信网络诈骗案件9起，受骗群众以留守老人居多，反诈宣传的入户率亟待提高。"]
    assert report("2023年，我镇未发生行政复议纠错和行政诉讼败诉案件。").problems == ["执法力量不足。"]
    assert report("无").problems == ["执法力量不足。"]


def test_a_self_assessment_and_a_section_of_problems_found_by_inspection():
    """A 自查自评 report (P30): the text after 扣N分： in each scored area is a problem; a section headed
    「对照督察反馈意见查摆的问题」 is a problems section."""
    from analysis.parse.report import parse_bytes
    from analysis.parse.structure import classify_heading

    text = (
        "江湾镇2024年法治政府建设自查自评报告\n一、分项自评及扣分原因\n"
        "（一）依法决策（满分15分，自评13分）。重大事项均经集体讨论决定。扣2分：年度重大行政决策事项目录编制不够及时，直至6月才印发。\n"
        "（二）严格规范公正文明执法（满分20分，自评15分）。执法案卷评查合格率达95%。扣5分：一是执法力量依然不足，专职人员仍为3人；二是执法人员法律素养参差不齐，有1人考试未达到合格线。\n"
        "二、2025年工作打算\n一是补齐扣分短板。\n"
    )
    report = parse_bytes(text.encode("utf-8"), name="2024_江湾镇.txt")
    assert report.problems == [
        "年度重大行政决策事项目录编制不够及时，直至6月才印发。",
        "执法力量依然不足，专职人员仍为3人",
        "执法人员法律素养参差不齐，有1人考试未达到合格线。",
    ]
    assert classify_heading("对照督察反馈意见查摆的问题") == "problems"


def test_an_appendix_of_figures_after_the_plans_is_no_plan():
    """「附：2023年法治政府建设主要数据（与2022年对比）」 and its aligned table after the plans (N21; a county brief listed its
    rows as next year's plans): an appendix of its own, whose figures are the year's (done) and last year's (context)."""
    from analysis.parse.report import parse_bytes

    text = (
        "徽城镇2023年法治政府建设情况报告\n一、主要做法和成效\n全年开展集中学法14次。\n二、2024年工作打算\n一是持续推动领导干部学法。\n"
        "附：2023年法治政府建设主要数据（与2022年对比）\n项目                2023年     2022年\n集中学法（次）        14         12\n"
        "执法检查（次）        214        186\n徽城镇人民政府\n2024年1月15日\n"
    )
    report = parse_bytes(text.encode("utf-8"), name="2023_徽城镇.txt")
    assert report.plans == ["持续推动领导干部学法。"]
    assert report.sections[-1].kind == "other"
    assert [(i.value, i.metric, i.role) for i in report.indicators if i.section == 3] == [
        (14, "集中学法", "done"),
        (12, "集中学法", "context"),
        (214, "执法检查", "done"),
        (186, "执法检查", "context"),
    ]


def test_a_clean_record_under_other_matters_is_no_problem():
    """「全年无领导干部违规干预司法活动、插手具体案件处理的情况。」 under 其他需要报告的情况 (P31; a county brief quoted it as
    干部法治思维不强) states that nothing went wrong."""
    from analysis.parse.report import parse_bytes

    text = (
        "南阳镇2023年法治政府建设情况报告\n一、工作开展情况\n全年开展集中学法12次。\n二、存在的问题\n一是执法力量不足。\n"
        "三、2024年工作思路\n一是充实执法力量。\n四、其他需要报告的情况\n全年无领导干部违规干预司法活动、插手具体案件处理的情况。\n"
    )
    assert parse_bytes(text.encode("utf-8"), name="2023_南阳镇.txt").problems == ["执法力量不足。"]


def test_a_last_line_opening_with_fu_is_no_appendix():
    """「附：编号12」 as a report's very last line heads nothing: the sections are the report's own."""
    from analysis.parse.report import parse_bytes

    text = "高楠镇2022年法治政府建设情况报告\n一、主要做法\n全年开展集中学法12次。\n二、存在的问题\n一是执法力量不足。\n附：编号12"
    assert [s.kind for s in parse_bytes(text.encode("utf-8"), name="a.txt").sections] == ["achievements", "problems"]


def test_shortfalls_after_a_semicolon_in_labelled_lines_and_a_years_tasks():
    """P39 (木鱼镇 2024): no problems section; each line of the achievements gives its work, then after ；(但) what is
    still short — those clauses are the problems (「与要求仍有差距」 closing its own clause announces none), and
    「四、2025年工作任务」 after 其他需要报告的情况 is the plans section."""
    from analysis.parse.report import parse_bytes

    text = (
        "木鱼镇2024年法治政府建设情况报告\n"
        "一、主要工作\n"
        "学法用法：党委会会前学法12次；但少数村干部遇事仍凭经验办、不查法条。\n"
        "依法决策：镇级重大事项集体研究9件；村级重大事项合法性审查仍未全覆盖。\n"
        "村级治理：14个村全部完成村规民约修订；“法律明白人”参与调解偏少，与要求仍有差距。\n"
        "二、第一责任人履职情况\n"
        "党委书记、镇长专题研究法治工作3次。\n"
        "三、其他需要报告的情况\n"
        "无。\n"
        "四、2025年工作任务\n"
        "任务：新进执法队员全部取得执法证。时限：2025年6月底。\n"
    )
    report = parse_bytes(text.encode("utf-8"), name="2024_木鱼镇.txt")
    assert report.problems == [
        "少数村干部遇事仍凭经验办、不查法条。",
        "村级重大事项合法性审查仍未全覆盖。",
        "“法律明白人”参与调解偏少，与要求仍有差距。",
    ]
    assert report.plans == ["新进执法队员全部取得执法证。时限：2025年6月底。"]
    assert report.achievements[0] == "学法用法：党委会会前学法12次。"


def test_plans_numbered_in_mixed_styles_are_one_plan_a_line():
    """P39 (罗坪镇): 「⑴…」「2.…」「③…」「(4)…」「5、…」「⑥…」「七、…」 — each line a plan, whatever its mark: the lines the
    structure reads under 「2.」 are plans of their own, the line before the first sub-heading is one too, and 「七、…。」
    (a whole sentence numbered past the next section) is no section of its own."""
    from analysis.parse.report import parse_bytes

    text = (
        "罗坪镇2023年法治政府建设情况报告\n"
        "一、工作开展情况\n"
        "全年办理行政处罚案件12件。\n"
        "二、存在的问题\n"
        "执法力量不足。\n"
        "三、2024年工作打算\n"
        "⑴争取县里支持，为执法队增加编制2名。\n"
        "2.严格落实行政执法三项制度，执法公示信息按月更新。\n"
        "③拓展法律顾问服务范围，在村务公开栏公布村法律顾问联系方式。\n"
        "(4)开展“民宿经营者法治课堂”。\n"
        "5、继续向县里报告交界山场纠纷情况。\n"
        "⑥推广使用县级法治信息平台，执法、调解台账年内实现电子化。\n"
        "七、完善惠民资金和旅游收益分配公开制度，按季度公开，接受群众监督。\n"
    )
    report = parse_bytes(text.encode("utf-8"), name="2023_罗坪镇.txt")
    assert [p[:6] for p in report.plans] == [
        "争取县里支持",
        "严格落实行政",
        "拓展法律顾问",
        "开展“民宿经",
        "继续向县里报",
        "推广使用县级",
        "完善惠民资金",
    ]
    assert [s.kind for s in report.sections] == ["achievements", "problems", "plans"]


def test_an_appendix_after_the_signature_whose_heading_says_the_brackets_hold_last_years_figures():
    """N28: the plans, the township's name and the date, then 「附：2023年主要数据（括号内为2022年数据）」 and short data
    lines. The appendix is a section of its own (its data lines were read as sub-headings of the plans, and their figures as
    targets), the name and date are no plans, the appendix's figures no problems, and the bracketed figures last year's."""
    from analysis.parse.report import parse_bytes

    text = (
        "天堂镇2023年法治政府建设工作情况报告\n一、主要做法和成效\n全年开展集中学法14次。\n二、存在的问题和不足\n"
        "一是执法力量不足。\n三、2024年工作打算\n一是每月至少开展1次会前学法。\n天堂镇人民政府\n2023年12月18日\n"
        "附：2023年主要数据（括号内为2022年数据）\n集中学法：14次（12次）\n矛盾纠纷调处：298件（312件）\n"
    )
    report = parse_bytes(text.encode("utf-8"), name="2023_天堂镇.txt")
    assert report.issued == "2023-12-18"  # (a brief listed a report signed so as undated, the twenty-first reading)
    assert report.plans == ["每月至少开展1次会前学法。"]
    assert report.problems == ["执法力量不足。"]
    assert [(s.heading, s.kind) for s in report.sections][-1] == ("附：2023年主要数据（括号内为2022年数据）", "other")
    assert [(i.value, i.metric, i.role) for i in report.indicators if i.section == 4] == [
        (14, "集中学法", "done"),
        (12, "集中学法", "context"),
        (298, "矛盾纠纷调解", "done"),
        (312, "矛盾纠纷调解", "context"),
    ]


def test_problems_a_line_with_no_end_punctuation_are_no_sub_headings():
    """P52 (默戎镇): one problem a line, none ending in punctuation, after 「…主要表现在：」 and after 「此外，以下工作也需引起
    重视：」 — a short one among them is one more problem, not a sub-heading over the lines after it."""
    from analysis.parse.report import parse_bytes

    text = (
        "默戎镇2022年法治政府建设情况报告\n一、工作开展情况\n全年开展集中学法12次。\n二、存在的问题\n"
        "我镇法治政府建设与上级要求和群众期盼相比仍有差距，主要表现在：\n"
        "行政执法人员少、兼职多，执法工作时断时续，难以形成常态\n执法程序不够规范，现场检查笔录等要素不全\n"
        "普法宣传多用汉语，苗语“双语”普法开展少，部分苗族老人听不懂、看不明\n"
        "究其原因，既有镇情复杂、群众居住分散的客观因素，也有镇党委、政府对法治建设统筹推进不够的主观因素。\n"
        "此外，以下工作也需引起重视：\n苗寨旅游旺季游客集中，消防等安全管理压力大\n部分返乡人员涉毒风险仍然存在，禁毒宣传不够深入\n"
        "三、2023年工作计划\n①组建苗语普法宣讲队。\n"
    )
    report = parse_bytes(text.encode("utf-8"), name="2022_默戎镇.txt")
    assert report.problems == [
        "行政执法人员少、兼职多，执法工作时断时续，难以形成常态",
        "执法程序不够规范，现场检查笔录等要素不全",
        "普法宣传多用汉语，苗语“双语”普法开展少，部分苗族老人听不懂、看不明",
        "苗寨旅游旺季游客集中，消防等安全管理压力大",
        "部分返乡人员涉毒风险仍然存在，禁毒宣传不够深入",
    ]


def test_problems_told_in_the_achievements_beside_a_problems_section_that_refers_back_to_them():
    """P52 (城关镇): 「在肯定成绩的同时也要看到，…」 and 「然而，…依然繁重」「但…形势依然严峻，…难度大」 close work paragraphs;
    the problems section adds others 「除前文提到的…问题外」. Each is a problem."""
    from analysis.parse.report import parse_bytes

    text = (
        "城关镇2023年法治政府建设情况报告\n一、主要工作\n（一）普法宣传更加精准。开展普法活动40场次。在肯定成绩的同时也要看到，"
        "普法宣传对外出务工人员覆盖仍不够全面。\n（二）搬迁后续扶持有力推进。帮助搬迁群众就业1260人。然而，部分搬迁群众就业不稳定，"
        "后续扶持任务依然繁重。\n（三）生态安全防线持续巩固。全年未发生森林火灾。但秦岭林区森林防火形势依然严峻，野外用火管控难度大。\n"
        "二、存在的问题\n除前文提到的问题外，我镇还存在以下不足：法治建设经费保障不足，资金缺口较大。\n三、下一步工作打算\n一是加强普法。\n"
    )
    report = parse_bytes(text.encode("utf-8"), name="2023_城关镇.txt")
    assert report.problems == [
        "普法宣传对外出务工人员覆盖仍不够全面。",
        "部分搬迁群众就业不稳定，后续扶持任务依然繁重。",
        "秦岭林区森林防火形势依然严峻，野外用火管控难度大。",
        "法治建设经费保障不足，资金缺口较大。",
    ]
