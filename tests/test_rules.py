"""Unit tests for each parsing rule: numerals, clean-up, headings, items, metadata, indicators."""

from __future__ import annotations

import re

import pytest

from analysis.parse import metadata
from analysis.parse.indicators import extract_indicators
from analysis.parse.items import inline_items, paragraph_items, section_items
from analysis.parse.numerals import chinese_to_int
from analysis.parse.patterns import screened
from analysis.parse.structure import classify_heading, heading_of, split_layout
from analysis.read.textclean import normalize


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("四", 4),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("八千", 8000),
        ("三千五百", 3500),
        ("一万二千", 12000),
        ("二〇二二", 2022),
        ("两", 2),
    ],
)
def test_chinese_numerals(text, value):
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", ["", "abc", "四x"])
def test_chinese_numerals_reject(text):
    with pytest.raises(ValueError):
        chinese_to_int(text)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("2021年,桑柘镇(社区):一是", "2021年，桑柘镇（社区）：一是"),
        ("印发3,500份 10:30", "印发3,500份 10:30"),
        ("２０２２年ＡＰＰ１００％", "2022年APP100%"),
        ("[bookmark: _GoBack]（二）加强", "（二）加强"),
        ("关于…的\r\n报  告\r\n", "关于…的\n报告"),
        ("效能 、打造\u3000法治", "效能、打造法治"),
        ("a\u200bb\n\n\n\nc", "ab\n\nc"),
    ],
)
def test_normalize(raw, clean):
    assert normalize(raw) == clean


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("一、工作开展情况", (1, "工作开展情况", "")),
        ("二．存在的问题", (1, "存在的问题", "")),
        ("（一）加强组织领导，夯实基础。镇党委高度重视。", (2, "加强组织领导，夯实基础", "镇党委高度重视。")),
        ("1.健全科学决策机制。坚持把公众参与", (3, "健全科学决策机制", "坚持把公众参与")),
        ("（1）、依法全面履行工作职能。我乡", (4, "依法全面履行工作职能", "我乡")),
        ("一是执法力量相对薄弱。", None),
        ("12.4国家宪法日活动", None),
        ("2022年是重要一年", None),
    ],
)
def test_heading_of(line, expected):
    assert heading_of(line) == expected


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("工作开展情况", "achievements"),
        ("2021年度推进法治政府建设工作的主要举措和成效", "achievements"),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", "duty"),
        ("存在的不足及薄弱环节", "problems"),
        ("当前面临的困难", "problems"),
        ("几点反思", "problems"),  # P44 (崇头镇): what went wrong, told as stories
        ("工作中的短板", "problems"),
        ("下步工作计划", "plans"),
        ("2023年工作思路", "plans"),
        ("2024年工作谋划", "plans"),
        ("明年工作设想", "plans"),
        ("2024年工作目标", "plans"),  # N16: its figures were summed as the year's work
        ("目标任务完成情况", "achievements"),
        ("年度工作目标完成情况", "achievements"),
        ("下一年度推进法治政府建设的主要安排", "plans"),
        ("建议县委全面依法治县委员会2022年推动的重点工作", "suggestions"),
        ("其他需要报告的情况", "other"),
        ("强化法治学习", None),
    ],
)
def test_classify_heading(heading, kind):
    assert classify_heading(heading) == kind


def test_inline_items_one_style_in_order():
    text = "主要表现在：一是宣传不够。二是队伍薄弱，其中一是编制少；三是经费不足。"
    assert inline_items(text) == ["宣传不够。", "队伍薄弱，其中一是编制少；", "经费不足。"]


def test_paragraph_items_led_paragraphs_keep_nested_enumeration():
    paragraphs = ["一要加大宣传。", "二要落实制度。一是公示；二是记录。", "补充说明。"]
    assert paragraph_items(paragraphs).problems == ["加大宣传。", "落实制度。一是公示；二是记录。补充说明。"]


def test_paragraph_items_fall_back_to_paragraphs_without_intro():
    assert paragraph_items(["主要表现在：", "宣传工作不够深入。", "队伍建设滞后。"]).problems == ["宣传工作不够深入。", "队伍建设滞后。"]


def test_inline_problems_without_problems_heading():
    from analysis.parse.report import parse_document
    from analysis.read.reading import Document

    text = (
        "关于2022年法治政府建设情况的报告\n一、工作开展情况\n我镇坚持依法行政，深化普法宣传，推进法治建设，加强执法规范化，依法化解矛盾纠纷，"
        "开展法律进村活动。但也存在一些问题：一是普法宣传针对性不强；二是执法人员法律素养不高。\n二、下一步打算\n继续加强法治宣传教育，提升依法行政水平。"
    )
    report = parse_document(Document(text, "txt"), file="x.txt", sha256="0")
    assert report.problems == ["普法宣传针对性不强", "执法人员法律素养不高。"]
    assert "no problems section; problems taken from the text" in report.warnings


CLOSING_REPORT = (
    "关于2023年法治政府建设情况的报告\n一、工作开展情况\n（一）抓实责任。镇党委研究法治建设4次，依法行政，深化普法宣传，推进法治建设。\n"
    "{closing}\n二、存在的问题\n除上述问题外，我镇还存在以下不足：一是合法性审查力量薄弱；二是法律顾问作用发挥不充分。\n"
    "三、下一步打算\n继续加强法治宣传教育，提升依法行政水平。"
)


@pytest.mark.parametrize(
    ("closing", "problems"),
    [
        # the paragraph closing the achievements states problems of its own: read besides the section's
        (
            "在看到成绩的同时，我们也清醒认识到，我镇还存在一些薄弱环节：执法全过程记录不完整，执法公示不够及时。普法活动形式单一，群众参与热情不高。",
            [
                "执法全过程记录不完整，执法公示不够及时。",
                "普法活动形式单一，群众参与热情不高。",
                "合法性审查力量薄弱",
                "法律顾问作用发挥不充分。",
            ],
        ),
        # a preview the section details is left to it
        (
            "在看到成绩的同时，我们也清醒认识到，我镇还存在一些不足：合法性审查力量依然薄弱，法律顾问作用发挥不够充分。",
            ["合法性审查力量薄弱", "法律顾问作用发挥不充分。"],
        ),
        # an achievements paragraph with no turn to problems adds nothing
        ("（二）深化普法。开展法治宣传活动12场，但群众参与度仍有提升空间。", ["合法性审查力量薄弱", "法律顾问作用发挥不充分。"]),
    ],
)
def test_problems_closing_the_achievements_besides_the_section(closing, problems):
    from analysis.parse.report import parse_document
    from analysis.read.reading import Document

    report = parse_document(Document(CLOSING_REPORT.format(closing=closing), "txt"), file="x.txt", sha256="0")
    assert report.problems == problems


@pytest.mark.parametrize(
    ("title", "opening", "year"),
    [
        ("关于高楠镇2022年法治建设情况的报告", "", 2022),
        ("关于二〇二二年度法治政府建设情况的报告", "", 2022),
        ("关于法治政府建设情况的报告", "2021年以来，我镇坚持", 2021),
        ("关于落实《法治政府建设实施纲要（2021-2025年）》情况的报告", "", None),
        ("关于法治政府建设情况的报告", "", None),
        # a year in a document's name, a date, the start of a span: the year reported on is another
        ("", "为贯彻落实《2023年全县法治政府建设工作要点》，2022年，我镇……", 2022),
        ("", "2019年10月，我镇被评为省级民主法治示范镇。2022年，我镇继续……", 2022),
        ("", "近年来，特别是2021年撤乡设镇以来，我镇法治建设不断加强。2022年，我镇……", 2022),
        ("", "根据《法治政府建设实施纲要（2021—2025年）》要求，现将我镇2022年法治政府建设情况报告如下：", 2022),
        # ... but each is the year when no other is named
        ("", "按照《2023年全县法治政府建设工作要点》要求，我镇扎实推进法治建设。", 2023),
        ("", "2021年撤乡设镇以来，我镇法治建设不断加强。", 2021),
        ("", "2024以来，在县委、县政府的精心指导下", 2024),
    ],
)
def test_year_of(title, opening, year):
    assert metadata.year_of(title, opening) == year


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024年3月20日", "2024-03-20"),
        ("二〇二三年二月十八日", "2023-02-18"),
        ("成文日期 2023-01-05", "2023-01-05"),
        ("2023年2月30日", None),
    ],
)
def test_parse_date(text, iso):
    assert metadata.parse_date(text) == iso


def test_signature_date_is_not_the_year():
    text = (
        "关于法治政府建设情况的报告\n"
        + "我镇坚持依法行政，推进法治建设，加强普法宣传和执法规范。" * 3
        + "\n一、工作开展情况\n依法治镇。\n中共某镇委员会\n2023年2月18日"
    )
    layout = split_layout(normalize(text))
    assert metadata.year_of(metadata.title_of(layout), "".join(layout.preamble)) is None
    assert metadata.issued_of(layout) == "2023-02-18"


def test_web_header_fields():
    text = "索引号：11500229/2023-00012\n发布机构：城口县高楠镇\n成文日期：2023-01-05\n标题：高楠镇2022年法治政府建设情况报告\n2022年，高楠镇坚持依法行政。\n一、工作情况\n正文。"
    layout = split_layout(normalize(text))
    assert metadata.title_of(layout) == "高楠镇2022年法治政府建设情况报告"
    assert metadata.issued_of(layout) == "2023-01-05"
    assert metadata.issuers_of(layout) == ["城口县高楠镇"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("重庆市万州区长坪乡人民政府", ("长坪乡", "万州区", "重庆市", "重庆市")),
        ("长坪乡人民政府 我乡在通江县委领导下", ("长坪乡", "通江县", "巴中市", "四川省")),
        ("中共大张楼镇委员会 创建法治嘉祥", ("大张楼镇", "嘉祥县", "济宁市", "山东省")),
        ("中共桑柘镇委员会", ("桑柘镇", "彭水苗族土家族自治县", "重庆市", "重庆市")),
    ],
)
def test_places(text, expected):
    places, warnings = metadata.places_of("", [], text + " " + text)
    assert (places.township, places.county, places.city, places.province) == expected
    assert warnings == []


def test_ambiguous_township_left_null_with_warning():
    places, warnings = metadata.places_of("长坪乡2022年法治政府建设情况报告", [], "长坪乡坚持依法行政")
    assert (places.township, places.county, places.province) == ("长坪乡", None, None)
    assert warnings[0].startswith("长坪乡 exists in 5 counties")


INDICATOR_CASES = [
    ("累计发放宣传资料1.2万份", [(12000, "份", False, "宣传资料发放")]),
    ("发放宣传资料八千余份", [(8000, "份", True, "宣传资料发放")]),
    ("开展普法宣传四次", [(4, "次", False, "普法宣传活动")]),
    ("接受法律咨询近300人/次", [(300, "人次", True, "法律咨询")]),
    ("开展法律进村活动5场/次", [(5, "场", False, "普法宣传活动")]),
    ("群众满意率达98.5%", [(98.5, "%", False, "满意率")]),
    ("根据《工作要点》（城委法发〔2022〕4号）和《规划（2020-2025年）》", []),
    ("学习党的二十大和十九届六中全会精神，召开第六次党代会", []),
    ("落实三项制度，把精神宣传到千家万户", []),
    ("聘请一名律师，无一起违法案件", []),
    ("3月14日、5月17日集中宣传", []),
    # the officers sent out are no inspections; an audience is the people reached (N5, N11, N23, N32; N18, N32)
    ("全年开展执法检查126次，出动执法人员680余人次。", [(126, "次", False, "执法检查"), (680, "人次", True, "其他")]),
    ("开展“法治文化进广场”活动3场，现场观众2000余人次。", [(3, "场", False, "普法宣传活动"), (2000, "人次", True, "参与人次")]),
    # reading 19 (昭君镇): the cadres' study named in quotation marks is study, no publicity event
    ("开展“昭君讲堂·干部学法”活动4次。", [(4, "次", False, "集中学法")]),
]


@pytest.mark.parametrize(("text", "expected"), INDICATOR_CASES)
def test_indicator_rules(text, expected):
    assert [(i.value, i.unit, i.approx, i.metric) for i in extract_indicators(text)] == expected


def test_indicators_in_a_multi_clause_text_carry_their_own_clause():
    text = "全年共计开展普法宣传12次，发放宣传资料超过3500份；\n 召开会议3次。落实三项制度"
    found = [(i.value, i.unit, i.approx, i.metric, i.evidence) for i in extract_indicators(text, section=2)]
    assert found == [
        (12, "次", False, "普法宣传活动", "全年共计开展普法宣传12次，发放宣传资料超过3500份"),
        (3500, "份", True, "宣传资料发放", "全年共计开展普法宣传12次，发放宣传资料超过3500份"),
        (3, "次", False, "其他", "召开会议3次"),  # a meeting not said to be about 法治 is no 法治专题会议
    ]


def test_trie_regex_takes_the_longest_word_at_each_position():
    from analysis.parse.themes import trie_regex

    pattern = re.compile(trie_regex(["法治", "法治宣传", "法律", "a.b"]))
    assert pattern.pattern == r"(?:a(?:\.(?:b))|法(?:律|治(?:宣(?:传))?))"
    assert pattern.findall("法治宣传法治宣法律a.baxb") == ["法治宣传", "法治", "法律", "a.b"]
    assert re.compile(trie_regex([])).findall("法治") == []


def test_data_file_mtime_is_looked_up_at_most_once_per_ttl(tmp_path, monkeypatch):
    import os

    from analysis.parse import structure

    path = tmp_path / "themes.csv"
    path.write_text("a", encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    assert structure.data_file_mtime(path) == 1_000_000
    os.utime(path, (2_000_000, 2_000_000))
    assert structure.data_file_mtime(path) == 1_000_000  # trusted for MTIME_TTL seconds
    monkeypatch.setattr(structure, "MTIME_TTL", 0.0)
    assert structure.data_file_mtime(path) == 2_000_000
    path.unlink()
    assert structure.data_file_mtime(path) is None


@pytest.mark.parametrize(
    ("paragraph", "items"),
    [
        # 究其原因， before 一是… 二是… inside a sentence: the causes stay in the problem's item
        (
            "秸秆禁烧仍有薄弱环节。今年发现火点3处，究其原因，一是离田能力不足，二是巡查不及时。",
            ["秸秆禁烧仍有薄弱环节。今年发现火点3处，究其原因，一是离田能力不足，二是巡查不及时。"],
        ),
        ("执法不规范，主要原因有：一是培训少；二是审核不严。", ["执法不规范，主要原因有：一是培训少；二是审核不严。"]),
        # an intro before 一是… 二是… that names no cause still opens the items
        ("存在的主要问题：一是执法力量不足；二是普法形式单一。", ["执法力量不足", "普法形式单一。"]),
    ],
)
def test_paragraph_items_causes_enumerated_after_a_cause_lead(paragraph, items):
    assert paragraph_items([paragraph]).problems == items


@pytest.mark.parametrize("lead", ["还需指出的是，", "值得注意的是，", "还应看到，", "还要看到，", "需要指出的是，"])
def test_paragraph_items_a_turn_of_phrase_opens_the_next_problem_and_is_dropped(lead):
    paragraph = f"法治专业人才匮乏，司法所仅有2名工作人员。{lead}电信网络诈骗防范宣传还存在薄弱环节，受骗人员以中老年群体居多。"
    assert paragraph_items([paragraph]).problems == [
        "法治专业人才匮乏，司法所仅有2名工作人员。",
        "电信网络诈骗防范宣传还存在薄弱环节，受骗人员以中老年群体居多。",
    ]


@pytest.mark.parametrize(
    ("text", "achievements"),
    [
        # no problems section: the problems the achievements turn to are not achievements
        (
            "关于2024年法治政府建设情况的报告\n一、主要举措和成效\n（一）严格执法。全年开展执法巡查52次，依法查处案件2起。\n"
            "但也要清醒地看到，我镇还存在一定差距，主要表现在：执法人员专业化水平不高，仍有3个村未配备法律顾问。\n"
            "二、第一责任人履职情况\n镇党委书记主持研究法治工作3次。\n三、2025年工作思路\n加强执法队伍建设。",
            ["严格执法。全年开展执法巡查52次，依法查处案件2起。", "镇党委书记主持研究法治工作3次。"],
        ),
        # a problems section too: the closing paragraph's problems are read besides it, not as achievements
        (
            "关于2023年法治政府建设情况的报告\n一、工作开展情况\n（一）严格执法。全年开展执法巡查52次，依法查处案件2起。\n"
            "在看到成绩的同时，我们也清醒认识到，我镇还存在一些薄弱环节：仍有3个村未配备法律顾问。\n"
            "二、存在的问题\n除上述问题外，普法形式单一。\n三、下一步打算\n加强执法队伍建设。",
            ["严格执法。全年开展执法巡查52次，依法查处案件2起。"],
        ),
    ],
)
def test_achievements_end_where_the_section_turns_to_problems(text, achievements):
    from analysis.parse.report import parse_document
    from analysis.read.reading import Document

    report = parse_document(Document(text, "txt"), file="x.txt", sha256="0")
    assert report.achievements == achievements
    assert "仍有3个村未配备法律顾问。" in report.problems[0]
    three = [i for i in report.indicators if i.value == 3 and i.unit == "个村"]
    assert [(i.role, i.section) for i in three] == [("shortfall", 1)]  # a problem's figure, not work done


def test_section_items_a_plan_after_an_adverb_is_a_plan_not_a_problem():
    # 「不少于60名」 is a target, not a defect; 「扎实推进」 says what will be done
    found = paragraph_items(
        [
            "执法力量不足。下一步，将充实执法队伍。",
            "2024年还将重点做好以下工作：深化学习宣传。扎实推进普法各项任务，年内培育法律明白人不少于60名。",
        ],
        kind="problems",
        mixed=True,
    )
    assert found.problems == ["执法力量不足。"]
    assert found.plans == [
        "下一步，将充实执法队伍。",
        "2024年还将重点做好以下工作：深化学习宣传。",
        "扎实推进普法各项任务，年内培育法律明白人不少于60名。",
    ]


def test_paragraph_items_under_a_problem_heading_the_first_sentence_is_no_intro():
    # 「全镇…存在…问题。」 reads like an intro, but under a heading that states a problem it explains it
    body = ["全镇尚未建立统一的执法办案信息系统，执法数据与县级平台对接不畅，行政执法信息公示存在更新滞后的问题。"]
    assert paragraph_items(body, kind="problems", headed=True).problems == body


def test_problems_closing_the_achievements_after_暴露出():
    from analysis.parse.report import parse_document
    from analysis.read.reading import Document

    closing = "总的来看，我乡工作平稳推进，但受乡情条件制约，也暴露出一些问题：全乡干部中没有法律专业背景人员，专业力量十分薄弱。"
    report = parse_document(Document(CLOSING_REPORT.format(closing=closing), "txt"), file="x.txt", sha256="0")
    assert report.problems[0] == "全乡干部中没有法律专业背景人员，专业力量十分薄弱。"


@pytest.mark.parametrize(
    ("text", "county"),
    [
        # 「城区」 as a common noun names no district (长阳's 龙舟坪镇 had its county left empty)
        ("关于龙舟坪镇2022年度法治政府建设情况的报告。龙舟坪镇作为县城所在地，城区面积不断扩大。", "长阳土家族自治县"),
        # 「老城区」 neither (B4: 天堂镇's 「老城区部分路段出现内涝」 named 洛阳's 老城区; the county stayed open)
        ("关于冶溪镇2024年度法治政府建设情况的报告。汛期强降雨期间，老城区部分路段出现内涝。", "岳西县"),
    ],
)
def test_a_district_named_by_a_common_noun_is_not_named_in_passing(text, county):
    places, warnings = metadata.places_of("", [], text)
    assert (places.county, warnings) == (county, [])


def test_a_district_named_with_its_city_is_named():
    assert metadata._named_counties("阳泉市城区义井镇开展普法宣传") == ["城区"]
    assert metadata._named_counties("城区委、城区人民政府高度重视") == ["城区"]
    assert metadata._named_counties("城区面积不断扩大") == []
    assert metadata._named_counties("老城区部分路段出现内涝") == []
    assert metadata._named_counties("洛阳市老城区邙山镇") == ["老城区"]


def test_section_items_problems_stated_before_the_first_sub_heading():
    from analysis.parse.structure import split_layout

    text = (
        "关于2024年法治政府建设情况的报告\n一、存在问题\n"
        "今年我镇法治政府建设工作虽取得一定成绩，但仍有不足。执法人员数量偏少，执法车辆配备不足。此外：\n"
        "1.部分干部学法积极性不高。\n2.普法宣传效果不够明显。\n二、下一步打算\n加强执法队伍建设。"
    )
    block = split_layout(text).blocks[0]
    assert section_items(block, kind="problems").problems == [
        "执法人员数量偏少，执法车辆配备不足。",
        "部分干部学法积极性不高",  # a sub-heading: its end mark is the heading's
        "普法宣传效果不够明显",
    ]


@pytest.mark.parametrize(
    "intro",
    [
        "一年来，我镇法治政府建设取得了一定成效，但对照要求，工作中还存在一些薄弱环节，有的还比较突出。",
        "主要表现在以下三个方面。",
        "但是，对照高标准、严要求，我乡工作仍有不少需要改进的地方：",
    ],
)
def test_section_items_an_intro_before_the_first_sub_heading_is_no_problem(intro):
    from analysis.parse.structure import split_layout

    text = f"关于2024年法治政府建设情况的报告\n一、存在问题\n{intro}\n1.部分干部学法积极性不高。\n2.普法宣传效果不够明显。\n二、下一步打算\n加强执法队伍建设。"
    assert section_items(split_layout(text).blocks[0], kind="problems").problems == ["部分干部学法积极性不高", "普法宣传效果不够明显"]


def test_paragraph_items_what_an_intro_leaves_after_its_comma_is_no_problem():
    paragraphs = ["对照县委依法治县办的要求，我镇法治建设工作还存在一些问题，需要在今后的工作中认真加以解决。", "执法力量不足。"]
    assert paragraph_items(paragraphs).problems == ["执法力量不足。"]


@pytest.mark.parametrize(
    ("headings", "kinds"),
    [
        # an unnamed section after the problems that names tasks is the plans…
        (["一、主要工作", "二、存在的问题", "三、2024年重点任务"], ["achievements", "problems", "plans"]),
        # …only while there are none yet; another unnamed one is other
        (["一、主要工作", "二、存在的问题", "三、下一步打算", "四、2024年重点任务"], ["achievements", "problems", "plans", "other"]),
        (["一、主要工作", "二、存在的问题", "三、附件"], ["achievements", "problems", "other"]),
        (["一、2024年重点任务"], ["achievements"]),
    ],
)
def test_an_unnamed_section_after_the_problems(headings, kinds):
    from analysis.parse.structure import Block, classify_sections

    blocks = tuple(Block(rank=1, heading=h.split("、", 1)[1], lead="", lines=[]) for h in headings)
    assert classify_sections(blocks) == kinds


# ---------------------------------------------------------------- screened patterns (speed only)
SCREEN_TEXTS = [
    "2020年以来累计培训380人次，二〇二一年以来",
    "镇长带头接访群众，法律顾问审查合同23份。",
    "按照上级要求，与上年相比增加3件，辖区人口2万人",
    "研究法治建设工作4次，纳入年度目标考核",
    "（一）协议审查",
    "",
    "合同",
]


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:合同|协议)[^。；]{0,6}审查|领导小组",
        r"[村组][^。；]{0,10}(?:考核|述法)|网格",
        r"(?<!协)(?:调解|调处)纠纷|(?:较|比|与)(?:上|去)年",
        r"(?:人口|面积)|辖区?$|^（[一二]）",
        r"累计|(?:\d{4}|[〇一二]{4})年[^，。；]{0,4}以来",  # a digit among the first characters
    ],
)
def test_a_screened_pattern_finds_the_same_matches(pattern):
    compiled = re.compile(pattern)
    quick = screened(compiled)
    assert quick is not compiled and quick.pattern.startswith("(?=[")
    for text in SCREEN_TEXTS:
        assert [m.span() for m in quick.finditer(text)] == [m.span() for m in compiled.finditer(text)]
        assert [bool(quick.match(text, i)) for i in range(len(text) + 1)] == [bool(compiled.match(text, i)) for i in range(len(text) + 1)]
        assert quick.sub("#", text) == compiled.sub("#", text)


@pytest.mark.parametrize(
    "pattern",
    [
        r"领导小组|督查",  # alternatives that each begin with a character: the engine skips by itself
        r"[村组]网格",  # a character class: likewise
        r"(?:\w+|十)次",  # a category other than digits: its first characters are not told
        r"(?:合同)?审查|.审核",  # any character
        r"(?:合同|协议)?",  # may match empty
        r"[^，]{2}(?:考核|述法)",  # a negated class
    ],
)
def test_a_pattern_whose_start_cannot_be_told_or_is_skipped_already_is_kept(pattern):
    compiled = re.compile(pattern)
    assert screened(compiled) is compiled


def test_a_pattern_that_ignores_case_is_kept():
    compiled = re.compile(r"(?:a|b)c|[xy]z", re.IGNORECASE)
    assert screened(compiled) is compiled


def test_an_anchored_pattern_is_kept():
    compiled = re.compile(r"^(?:合同|协议)审查")
    assert screened(compiled) is compiled


def test_items_numbered_like_sections_inside_a_section_stay_in_it():
    """P21: 「四、2023年工作计划」 followed by 「一、统筹开展特色普法，…。」…「五、争取将…列入年度财政预算。」 — items of
    四、 numbered like sections; the plans section ended at the first of them."""
    from analysis.parse.structure import split_layout

    text = (
        "关于某镇2022年法治政府建设情况的报告\n一、工作开展情况\n全年开展普法活动12场。\n二、存在的问题\n执法力量不足。\n"
        "三、2023年工作计划\n一、统筹开展特色普法，制定全镇普法年度计划。\n二、建立干部学法考核机制，以考促学。\n"
        "三、加强执法人员培训，规范执法程序。\n四、争取将法治建设经费列入年度财政预算。\n某镇人民政府\n2022年12月20日\n"
    )
    blocks = split_layout(text).blocks
    assert [b.heading for b in blocks] == ["工作开展情况", "存在的问题", "2023年工作计划"]
    assert blocks[2].lines == [
        "一、统筹开展特色普法，制定全镇普法年度计划。",
        "二、建立干部学法考核机制，以考促学。",
        "三、加强执法人员培训，规范执法程序。",
        "四、争取将法治建设经费列入年度财政预算。",
    ]
    # a heading that is no sentence, or one short, is a section still
    blocks = split_layout(
        text.replace("三、2023年工作计划\n一、统筹开展特色普法，制定全镇普法年度计划。", "三、2023年工作计划\n四、其他事项")
    ).blocks
    assert [b.heading for b in blocks][-1] == "其他事项"


def test_a_signer_line_closes_the_report(tmp_path):
    """Reading 19 (大安镇 2024, a secretary's 述职): 「述职人：大安镇党委书记」 before the date is the signature, not the last plan."""
    from tests.conftest import parsed_text

    text = (
        "大安镇党委书记2024年度履行推进法治建设第一责任人职责述职报告\n一、履职情况\n全年主持党委会专题研究法治建设4次。\n"
        "二、存在的不足\n执法力量仍然不足。\n三、下一步打算\n推动镇村两级合同全部纳入合法性审查；持续深化“法律明白人”培育。\n"
        "述职人：大安镇党委书记\n2024年12月"
    )
    report = parsed_text(tmp_path, "2024_大安镇.txt", text)
    assert report.plans == ["推动镇村两级合同全部纳入合法性审查", "持续深化“法律明白人”培育。"]
    assert split_layout(normalize(text)).signature == ("述职人：大安镇党委书记", "2024年12月")


def test_a_neighbouring_province_named_does_not_place_a_township():
    """N44 (通城县麦市镇): 「与湖南平江、江西修水毗邻」 names its neighbours; 麦市镇 is in 湖北省通城县 and 湖南省临武县, and 湖南
    had placed it in 临武县. A neighbour is no evidence: with nothing else the county stays empty, and says why; a province
    named as the report's own still settles it."""
    body = "麦市镇2023年法治政府建设工作情况报告\n一、主要工作\n全镇辖16个村（社区）。\n化解矛盾纠纷。与湖南平江、江西修水毗邻，边界纠纷较多。\n"
    places, warnings = metadata.places_of("麦市镇2023年法治政府建设工作情况报告", [], body)
    assert (places.township, places.county) == ("麦市镇", None)
    assert warnings == [
        "麦市镇 exists in 2 counties (湖北省通城县、湖南省临武县) and the text names none: add a row to data/metadata_overrides.csv"
    ]
    own = body.replace("全镇辖16个村（社区）。", "全镇辖16个村（社区），是湖北省的南大门。")
    assert metadata.places_of("麦市镇2023年法治政府建设工作情况报告", [], own)[0].county == "通城县"
