"""Reports as they really arrive (issue #12): copied from government web pages with their page
text around them, renamed townships, generic words, years without 年 — and never a wrong place.

Every case is written here in one of the genre's page styles; expectations are exact.
"""

from __future__ import annotations

import pytest

from analysis.parse.report import parse_bytes
from tests.conftest import RAW, ROOT

SEED = (RAW / "高楠镇_2022.txt").read_text(encoding="utf-8")
BODY = SEED[SEED.index("2022年是进入") :].rstrip()  # the report from its opening paragraph on, no signature


def body(town: str = "高楠镇", county: str = "城口县", year: int = 2022) -> str:
    """The 高楠镇 seed's body as another township's report (its names and year replaced)."""
    text = BODY.replace("高楠镇", town).replace("城口县", county).replace("中共城口县委", f"中共{county}委")
    return text.replace("2022", str(year)).replace("2021", str(year - 1))


def parse(text: str, name: str = "page.txt"):
    return parse_bytes(text.encode("utf-8"), name=name)


PAGE_HEAD = "城口县人民政府\n首页 政务公开 政务服务 互动交流 走进城口\n您当前的位置：首页 > 政府信息公开 > 法治政府建设年度报告\n"
FOOTER = "\n【打印本页】 【关闭窗口】\n相关链接\n上一篇：关于印发2022年普法工作要点的通知\n联系我们 | 网站地图\n主办单位：城口县人民政府办公室\n网站标识码：5002290001 渝ICP备05003300号-1"

CASES = {
    # breadcrumb with 报告 in it, disclosure block as bullets, publish line, footer
    "bullets": (
        PAGE_HEAD
        + "· 索引号：11500229MB1519384H/2023-00012\n· 发布机构：城口县高楠镇\n· 成文日期：2023-01-05\n· 标题：高楠镇2022年法治政府建设情况报告\n"
        + "高楠镇2022年法治政府建设情况报告\n发布时间：2023-01-06 来源：高楠镇 浏览次数：356 【字体：大 中 小】\n"
        + body()
        + "\n中共城口县高楠镇委员会\n2023年1月5日"
        + FOOTER,
        ("高楠镇", "城口县", "重庆市", 2022, "高楠镇2022年法治政府建设情况报告", "2023-01-05"),
    ),
    # the disclosure block as a table: several fields on one line, | between cells
    "table row": (
        PAGE_HEAD
        + "索引号：11500229/2023-00031 | 发布机构：城口县高楠镇 | 发文字号：高委发〔2023〕3号\n成文日期：2023-02-10 | 主题分类：法治政府建设 | 标题：关于高楠镇2022年法治政府建设情况的报告\n"
        + body()
        + FOOTER,
        ("高楠镇", "城口县", "重庆市", 2022, "关于高楠镇2022年法治政府建设情况的报告", "2023-02-10"),
    ),
    # fields without colons, the title's value on the next line
    "no colons": (
        "您现在的位置：首页 » 信息公开 » 法治政府建设年度报告\n索引号 11500229/2021-00002\n发布机构 城口县高楠镇\n成文日期 2021-04-16\n标题\n高楠镇2020年法治政府建设情况报告\n"
        + body(year=2020),
        ("高楠镇", "城口县", "重庆市", 2020, "高楠镇2020年法治政府建设情况报告", "2021-04-16"),
    ),
    # the site's name is not the issuer; a 访问量 line is not the addressee
    "site name and visits": (
        "城口县人民政府\n当前位置：首页>政务公开>法定主动公开内容\n高楠镇2022年法治政府建设情况报告\n访问量：1024\n"
        + body()
        + "\n高楠镇人民政府\n2023年3月1日",
        ("高楠镇", "城口县", "重庆市", 2022, "高楠镇2022年法治政府建设情况报告", "2023-03-01"),
    ),
    # the title names a township the gazetteer lacks (renamed); the body names another once
    "renamed township in the title": (
        "老山镇2020年法治政府建设情况报告\n"
        + body("我镇", "城口县", 2020).replace("我镇以", "我镇以", 1)
        + "\n学习借鉴高楠镇经验。\n老山镇人民政府\n2021年3月1日",
        ("老山镇", "城口县", "重庆市", 2020, "老山镇2020年法治政府建设情况报告", "2021-03-01"),
    ),
    # 街道 said a hundred ways, the real name once, in the title
    "generic 街道": (
        "龙门街道2023年法治政府建设情况报告\n"
        + body("我街道", "高坪区", 2023).replace("全镇", "全街道")
        + "\n街道党工委、办事处高度重视。\n南充市高坪区龙门街道办事处\n2024年2月20日",
        ("龙门街道", "高坪区", "四川省", 2023, "龙门街道2023年法治政府建设情况报告", "2024-02-20"),
    ),
    # no township named anywhere but 街道: none rather than the gazetteer's "街道"
    "only the word 街道": (
        "2023年法治政府建设情况报告\n" + body("我街道", "城口县", 2023) + "\n街道党工委\n2024年1月20日",
        (None, "城口县", "重庆市", 2023, "2023年法治政府建设情况报告", "2024-01-20"),
    ),
    # 市委和县委: the characters 和县 are not the county 和县
    "和县 across a word boundary": (
        "关于石桥镇2022年法治政府建设情况的报告\n2022年，石桥镇在市委和县委的正确领导下，坚持依法行政，推进法治政府建设，依法决策，严格执法，普法宣传深入人心。\n"
        + body("石桥镇", "", 2022).replace("《中共委", "《中共县委"),
        ("石桥镇", None, None, 2022, "关于石桥镇2022年法治政府建设情况的报告", None),
    ),
    # ... and where 和县 really is the county
    "和县 named with its province": (
        "安徽省和县香泉镇2022年法治政府建设情况报告\n" + body("香泉镇", "和县", 2022),
        ("香泉镇", "和县", "安徽省", 2022, "安徽省和县香泉镇2022年法治政府建设情况报告", None),
    ),
    # the gazetteer's only 坪山镇 is in 垫江县 (重庆), the text names 龙岗区: county left empty
    "unique gazetteer match contradicted": (
        "坪山镇2021年法治政府建设情况报告\n" + body("坪山镇", "龙岗区", 2021) + "\n坪山镇人民政府\n2022年3月10日",
        ("坪山镇", None, None, 2021, "坪山镇2021年法治政府建设情况报告", "2022-03-10"),
    ),
    # ... but a signature that writes the county with the township's name is the report's own word
    # for its county: the signature outranks the gazetteer (which has another 坪山镇 only)
    "the signature names the county with the township": (
        "坪山镇2021年法治政府建设情况报告\n" + body("坪山镇", "龙岗区", 2021) + "\n深圳市龙岗区坪山镇人民政府\n2022年3月10日",
        ("坪山镇", "龙岗区", "广东省", 2021, "坪山镇2021年法治政府建设情况报告", "2022-03-10"),
    ),
    # ... as does the text, when it writes the county with the township's name in one way only
    "the text names the county with the township": (
        "坪山镇2021年法治政府建设情况报告\n"
        + body("坪山镇", "龙岗区", 2021).replace("扎实开展各项工作", "结合《龙岗区坪山镇法治建设实施方案》扎实开展各项工作", 1),
        ("坪山镇", "龙岗区", "广东省", 2021, "坪山镇2021年法治政府建设情况报告", None),
    ),
    # ... unless that is a place visited, not the report's own
    "a visited county's township of the same name": (
        "城关镇2022年法治政府建设情况报告\n2022年，城关镇在县委、县政府的领导下，坚持依法行政，推进法治政府建设，依法决策，严格执法。组织干部赴麻城市城关镇学习矛盾纠纷调处经验。\n"
        "一、主要举措和成效\n开展法治宣传10场，调解纠纷30件。\n二、存在的问题\n执法力量不足。\n三、下一步工作打算\n加强执法队伍建设。\n城关镇人民政府\n2023年2月1日",
        ("城关镇", None, None, 2022, "城关镇2022年法治政府建设情况报告", "2023-02-01"),
    ),
    # a township named once, in the opening paragraph, and a year written without 年
    "named once, 2024以来": (
        "法治政府建设情况报告\n2024以来，高楠镇在县委县政府的坚强领导下，扎实推进法治政府建设。\n"
        + body("我镇", "城口县", 2024)[BODY.index("一、") - 10 :].split("\n", 1)[1],
        ("高楠镇", "城口县", "重庆市", 2024, "法治政府建设情况报告", None),
    ),
    # a title year in Chinese numerals
    "二〇二一年 in the title": (
        "肖咀镇二〇二一年法治政府建设情况报告\n" + body("肖咀镇", "合水县", 2021),
        ("肖咀镇", "合水县", "甘肃省", 2021, "肖咀镇二〇二一年法治政府建设情况报告", None),
    ),
    # 今年 from the signing date only when nothing else names the year
    "今年 and a signing date": (
        "桑柘镇法治政府建设工作总结\n今年以来，桑柘镇坚持依法行政。\n一、主要举措和成效\n加强普法宣传，开展法治讲座，严格执法，依法决策，法律顾问参与重大事项。\n二、存在的问题\n一是执法力量不足。\n三、下一步工作打算\n一是加强执法队伍建设。\n桑柘镇人民政府\n2023年12月20日",
        ("桑柘镇", "彭水苗族土家族自治县", "重庆市", 2023, "桑柘镇法治政府建设工作总结", "2023-12-20"),
    ),
    # two townships named equally often and nowhere else: none rather than a guess
    "two townships equally": (
        "2022年法治建设情况报告\n2022年，在县委领导下推进依法行政。学习高楠镇和坪山镇的经验，高楠镇、坪山镇均有成效。\n"
        + body("我镇", "", 2022).replace("《中共委", "《中共县委"),
        (None, None, None, 2022, "2022年法治建设情况报告", None),
    ),
    # publish-info variants: 信息来源 / 发布日期 / 【字号：大 中 小】 / 分享到 / 扫一扫
    "publish-info variants": (
        "首页 › 政务公开 › 重点领域信息公开\n高楠镇2022年法治政府建设情况报告\n信息来源：高楠镇人民政府 发布日期：2023-01-08\n【字号：大 中 小】 分享到：微信 微博\n扫一扫在手机打开当前页\n"
        + body()
        + "\n中共城口县高楠镇委员会\n2023年1月5日\n版权所有：城口县人民政府",
        ("高楠镇", "城口县", "重庆市", 2022, "高楠镇2022年法治政府建设情况报告", "2023-01-05"),
    ),
    # 标 题 with a space inside the field name, 发文字号 and 主题分类 lines
    "spaced field names": (
        PAGE_HEAD
        + "索 引 号：11500229/2022-00009\n发文字号：高府发〔2022〕7号\n主题分类：综合政务\n标 题：高楠镇2021年法治政府建设情况报告\n成文日期：2022-02-18\n"
        + body(year=2021),
        ("高楠镇", "城口县", "重庆市", 2021, "高楠镇2021年法治政府建设情况报告", "2022-02-18"),
    ),
    # the county in the title; the report year 2023 signed in 2024
    "county in the title": (
        "城口县高楠镇2023年度法治政府建设情况报告\n" + body(year=2023) + "\n城口县高楠镇人民政府\n2024年3月28日",
        ("高楠镇", "城口县", "重庆市", 2023, "城口县高楠镇2023年度法治政府建设情况报告", "2024-03-28"),
    ),
    # 乡 in the title where the gazetteer has 镇 (撤乡设镇): kept as written, county from the text
    "乡 where the gazetteer has 镇": (
        "坪山乡2019年法治政府建设情况报告\n" + body("坪山乡", "垫江县", 2019),
        ("坪山乡", "垫江县", "重庆市", 2019, "坪山乡2019年法治政府建设情况报告", None),
    ),
    # a two-character county at the start of the title
    "泸县 at the start": (
        "泸县石桥镇2022年法治政府建设工作报告\n" + body("石桥镇", "泸县", 2022),
        ("石桥镇", "泸县", "四川省", 2022, "泸县石桥镇2022年法治政府建设工作报告", None),
    ),
    # a district named, no township anywhere: the county without a township
    "district only": (
        "2021年度法治政府建设情况报告\n2021年，在垫江县委、县政府坚强领导下，我单位坚持依法行政，推进法治政府建设，严格规范公正文明执法，深化普法宣传，依法化解矛盾纠纷。\n"
        + body("我单位", "垫江县", 2021),
        (None, "垫江县", "重庆市", 2021, "2021年度法治政府建设情况报告", None),
    ),
    # a 2023年以来 opening under a title with no year
    "year from the opening": (
        "肖咀镇法治政府建设情况报告\n2023年以来，肖咀镇在县委县政府的领导下，坚持依法行政。\n"
        + body("肖咀镇", "合水县", 2023)[BODY.index("一、") - 10 :].split("\n", 1)[1],
        ("肖咀镇", "合水县", "甘肃省", 2023, "肖咀镇法治政府建设情况报告", None),
    ),
    # breadcrumb with ＞, link list at the bottom
    "full-width breadcrumb and link list": (
        "当前位置：首页＞信息公开＞法治政府建设年度报告\n桑柘镇2021年法治政府建设情况报告\n"
        + body("桑柘镇", "彭水苗族土家族自治县", 2021)
        + "\n桑柘镇人民政府\n2022年2月10日\n上一篇：桑柘镇2020年法治政府建设情况报告\n下一篇：关于开展宪法宣传周活动的通知\n相关文章\n网站地图 | 联系我们",
        ("桑柘镇", "彭水苗族土家族自治县", "重庆市", 2021, "桑柘镇2021年法治政府建设情况报告", "2022-02-10"),
    ),
    # a disclosure table copied with tabs between cells, field names padded with full-width
    # spaces (标　　题, 分　　类), 发文日期, a footer line "…办公室主办"
    "tab-separated disclosure table": (
        "苏州市吴中区人民政府\n首页 > 政务公开 > 政府信息公开目录 > 法治政府建设 > 年度报告\n索 引 号\t014153571/2023-00027\t分\u3000\u3000类\t法治政府建设\n发布机构\t吴中区横泾街道办事处\t发文日期\t2023-02-16\n标\u3000\u3000题\t横泾街道2022年度法治政府建设工作情况报告\n文\u3000\u3000号\t\t主 题 词\t\n横泾街道2022年度法治政府建设工作情况报告\n发布日期：2023-02-17  浏览次数：215  字体：[大 中 小]\n2022年，横泾街道在区委、区政府的坚强领导下，深入学习贯彻习近平法治思想，认真落实《法治政府建设实施纲要（2021—2025年）》，各项工作取得积极成效。现将有关情况报告如下：\n一、2022年度推进法治政府建设的主要举措和成效\n（一）加强党对法治建设的领导。街道党工委全年召开专题会议研究法治建设工作4次，将法治建设纳入街道年度重点工作。\n（二）深化行政执法改革。街道综合行政执法局承接区级下放事项152项，全年办理行政处罚案件86件。\n（三）推进普法宣传。开展“民法典进社区”活动36场，发放宣传资料1.2万份，新培育“法律明白人”60名。\n二、存在的不足和原因\n一是综合执法队伍力量与承接事项不匹配，专业执法人员不足；二是部分社区居民法治意识有待提高；三是法治宣传的针对性和实效性有待加强。\n三、2023年度推进法治政府建设的主要安排\n（一）加强执法队伍建设，开展执法人员专题培训不少于4次。\n（二）深化“八五”普法，推进法治文化阵地建设。\n（三）完善矛盾纠纷多元化解机制。\n苏州市吴中区横泾街道办事处\n2023年2月16日\n【打印本页】【关闭窗口】\n苏州市吴中区人民政府办公室主办\n苏ICP备05012345号 网站标识码：3205060001",
        ("横泾街道", "吴中区", "江苏省", 2022, "横泾街道2022年度法治政府建设工作情况报告", "2023-02-16"),
    ),
    # 时间 / 来源 / 作者 / 阅读次数 on one line, an addressee, another township named in the body
    "publish line with 作者 and a neighbour named": (
        "临浦镇人民政府关于2021年法治政府建设工作的报告\n时间：2022-01-20 09:30  来源：临浦镇  作者：镇司法所  阅读次数：88\n萧山区委、区政府：\n2021年，临浦镇坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实中央、省、市、区关于法治政府建设的决策部署，扎实推进依法行政，现将工作情况报告如下：\n一、主要工作及成效\n1.强化组织保障。镇党委、政府主要负责人切实履行推进法治建设第一责任人职责，全年召开党委会专题研究法治工作3次。\n2.规范行政决策。出台《临浦镇重大行政决策程序规定》，全年重大行政决策事项5项全部经过合法性审查。\n3.深化普法宣传。在义桥镇、临浦镇交界的浦阳江沿线建成法治文化长廊1条，开展送法下乡活动20余次。\n二、存在的问题\n（一）部分干部运用法治思维和法治方式开展工作的能力不强。\n（二）执法人员少，综合执法力量不足。\n（三）村级法治建设发展不平衡。\n三、下一步工作计划\n（一）加强干部学法用法，全年组织集中学法不少于4次。\n（二）充实执法力量，规范执法行为。\n（三）推进民主法治村创建。\n杭州市萧山区临浦镇人民政府\n2022年1月18日",
        ("临浦镇", "萧山区", "浙江省", 2021, "临浦镇人民政府关于2021年法治政府建设工作的报告", "2022-01-18"),
    ),
    # a town of a city without counties (中山市): the city is its county; 相关附件 after the signature
    "city without counties": (
        "中山市人民政府门户网站\n当前位置：首页 > 信息公开 > 镇街信息公开 > 古镇镇\n古镇镇2023年法治政府建设年度报告\n来源：古镇镇  发布时间：2024-03-15 【字号：大 中 小】 【打印】\n2023年，古镇镇在市委、市政府的正确领导下，坚持以习近平法治思想为指导，持续推进法治政府建设。\n一、2023年推进法治政府建设的主要举措和成效\n（一）健全依法决策机制。全年召开镇政府常务会议24次，审议重大事项46项，均经法律顾问审查。\n（二）严格规范公正文明执法。全年办理行政处罚案件312宗，全部落实行政执法“三项制度”。\n（三）开展法治宣传教育。组织法治讲座15场，受众3000余人次。\n二、存在的不足\n（一）执法人员专业素质有待提升，部分执法人员对新法新规掌握不够。\n（二）灯饰企业众多，企业经营者法律意识参差不齐，普法覆盖面有待扩大。\n三、2024年工作打算\n（一）加强执法培训，提升执法人员业务能力。\n（二）深化企业普法，推进法治化营商环境建设。\n中山市古镇镇人民政府\n2024年3月10日\n相关附件：无\n分享到：",
        ("古镇镇", "中山市", "广东省", 2023, "古镇镇2023年法治政府建设年度报告", "2024-03-10"),
    ),
    # a law firm "（济南）" and a neighbouring 街道 named in the body
    "law firm and neighbour in the body": (
        "济南市历城区人民政府 政务公开\n您所在的位置： 首页 > 政务公开 > 法治政府建设\n仲宫街道办事处2022年法治政府建设情况报告\n发布日期： 2023-03-02  信息来源： 仲宫街道\n2022年以来，仲宫街道深入贯彻习近平法治思想，紧紧围绕区委、区政府工作部署，扎实推进法治政府建设。\n一、工作开展情况\n（一）完善法律顾问制度。街道聘请山东某某（济南）律师事务所律师担任常年法律顾问，全年审查合同32份，出具法律意见书15份。\n（二）加强矛盾纠纷化解。依托“一站式”矛调中心，全年受理矛盾纠纷426件，调解成功415件。与柳埠街道建立联调机制。\n（三）推进政务公开。主动公开政府信息156条。\n二、存在问题\n1.基层法治力量相对薄弱，街道缺少法律专业人才。\n2.部分群众“信访不信法”的观念仍然存在。\n三、下步打算\n1.加强法治队伍建设。\n2.加大普法宣传力度。\n济南市历城区仲宫街道办事处\n2023年2月28日",
        ("仲宫街道", "历城区", "山东省", 2022, "仲宫街道办事处2022年法治政府建设情况报告", "2023-02-28"),
    ),
    # a county-level city directly under the province (天门市): no prefecture city
    "county-level city under the province": (
        "天门市岳口镇2022年法治政府建设情况报告\n2022年，岳口镇在市委、市政府领导下推进依法行政，法治建设取得成效。\n一、主要举措和成效\n开展普法宣传12场，严格执法，依法决策，法律顾问参与重大事项审查。\n二、存在的问题\n一是执法力量不足。\n三、下一步工作打算\n一是加强执法队伍建设。\n岳口镇人民政府\n2023年2月1日",
        ("岳口镇", "天门市", "湖北省", 2022, "天门市岳口镇2022年法治政府建设情况报告", "2023-02-01"),
    ),
    # a title split over two lines above a bracketed publish line; 城关镇 is in 99 counties and
    # the text names none: no county rather than a guess
    "split title, 城关镇 everywhere": (
        "关于城关镇2022年度法治政府建设\n工作情况的报告\n【发布时间：2023-03-15 10:22】【来源：城关镇】【字体：大 中 小】\n县委依法治县委员会办公室：\n2022年，城关镇在县委、县政府的正确领导下，全面推进依法行政，现将有关情况报告如下。\n一、主要做法及成效\n（一）落实第一责任人职责。镇党委书记、镇长带头学法，全年主持召开法治建设专题会议3次。\n（二）推进严格规范公正文明执法。全年查处违法建设案件23起。\n二、存在的问题\n（一）镇村干部依法行政能力有待提高。\n（二）群众尊法学法守法用法意识不强。\n三、下一步工作安排\n（一）加强干部法治培训。\n（二）深入开展普法宣传。\n城关镇人民政府\n二〇二三年三月十日",
        ("城关镇", None, None, 2022, "关于城关镇2022年度法治政府建设工作情况的报告", "2023-03-10"),
    ),
    # the genre's sibling: 党政主要负责人履行推进法治建设第一责任人职责情况报告, county in the body
    "第一责任人 report": (
        "石牌镇党政主要负责人2022年度履行推进法治建设第一责任人职责情况报告\n2022年，石牌镇党委书记、镇长认真履行推进法治建设第一责任人职责，在怀宁县委、县政府的领导下，扎实推进法治建设。\n一、履职情况\n（一）带头学法。全年参加中心组学法6次，讲法治课2次。\n（二）依法决策。重大事项均经法律顾问审查，合法性审查率100%。\n二、存在的不足\n一是法治宣传形式还不够丰富；二是执法力量仍显薄弱。\n三、下一步打算\n一是创新普法形式；二是充实执法力量。\n中共怀宁县石牌镇委员会\n怀宁县石牌镇人民政府\n2023年1月28日",
        ("石牌镇", "怀宁县", "安徽省", 2022, "石牌镇党政主要负责人2022年度履行推进法治建设第一责任人职责情况报告", "2023-01-28"),
    ),
    # 白果镇 is in 4 counties; 县司法局 and 县人民法院 name no county
    "ambiguous township, only 县 named": (
        "白果镇2021年法治政府建设情况报告\n2021年，白果镇在县委、县政府的坚强领导下，认真贯彻落实法治政府建设各项要求。镇司法所与县司法局、县人民法院联合开展送法下乡活动，受到群众欢迎。\n一、主要成效\n开展普法活动18场，化解矛盾纠纷65件。\n二、存在问题\n执法队伍力量不足，专业人员缺乏。\n三、下步计划\n加强执法队伍建设。\n白果镇人民政府\n2022年1月12日",
        ("白果镇", None, None, 2021, "白果镇2021年法治政府建设情况报告", "2022-01-12"),
    ),
    # ... and settled by the county-level city in the title
    "ambiguous township settled by the title": (
        "麻城市白果镇2021年法治政府建设情况报告\n2021年，白果镇在市委、市政府的坚强领导下，认真贯彻落实法治政府建设各项要求，法治建设取得新成效。\n一、主要成效\n开展普法活动18场，化解矛盾纠纷65件。\n二、存在问题\n执法队伍力量不足，专业人员缺乏。\n三、下步计划\n加强执法队伍建设。\n白果镇人民政府\n2022年1月12日",
        ("白果镇", "麻城市", "湖北省", 2021, "麻城市白果镇2021年法治政府建设情况报告", "2022-01-12"),
    ),
    # 义桥镇 is in 萧山区 and 汶上县; the body names 汶上县 (a study visit) and its own 区委、区政府:
    # with the signature naming 萧山区 it is settled ...
    "a visited county, settled by the signature": (
        "义桥镇2022年法治政府建设情况报告\n2022年，义桥镇在区委、区政府的正确领导下，扎实推进法治政府建设。全年组织干部赴汶上县学习“枫桥式”司法所建设经验。\n一、主要举措和成效\n开展普法宣传活动20场，严格规范公正文明执法，依法决策，法律顾问参与重大事项审查。\n二、存在的问题\n一是执法人员业务能力有待提高。二是村级法治建设不平衡。\n三、下一步工作打算\n一是加强执法培训。二是推进民主法治村创建。\n杭州市萧山区义桥镇人民政府\n2023年2月10日",
        ("义桥镇", "萧山区", "浙江省", 2022, "义桥镇2022年法治政府建设情况报告", "2023-02-10"),
    ),
    # ... without it the visited 县 cannot be the county of a report under a 区委: none
    "a visited county contradicting the own 区委": (
        "义桥镇2022年法治政府建设情况报告\n2022年，义桥镇在区委、区政府的正确领导下，扎实推进法治政府建设。全年组织干部赴汶上县学习司法所建设经验。\n一、主要举措和成效\n开展普法宣传活动20场，严格规范公正文明执法，依法决策，法律顾问参与重大事项审查。\n二、存在的问题\n一是执法人员业务能力有待提高。二是村级法治建设不平衡。\n三、下一步工作打算\n一是加强执法培训。二是推进民主法治村创建。\n义桥镇人民政府\n2023年2月10日",
        ("义桥镇", None, None, 2022, "义桥镇2022年法治政府建设情况报告", "2023-02-10"),
    ),
    # 区委区政府 without a comma agrees with the district the signature names
    "区委区政府 and the district": (
        "南岳镇2023年法治政府建设工作报告\n今年以来，南岳镇在区委区政府的坚强领导下，深入推进依法行政，法治建设成效明显。南岳衡山景区周边矛盾纠纷得到有效化解。\n一、工作成效\n开展法治宣传12次，依法办理行政处罚案件9件，法律顾问审查合同14份。\n二、存在不足\n执法力量不足，普法宣传覆盖面不广。\n三、工作打算\n加强执法力量，扩大普法覆盖面。\n衡阳市南岳区南岳镇人民政府\n2024年1月8日",
        ("南岳镇", "南岳区", "湖南省", 2023, "南岳镇2023年法治政府建设工作报告", "2024-01-08"),
    ),
    # the disclosure block twice (a two-column table, then one field a line), names in brackets
    "bracketed field names": (
        "您当前所在位置:首页>政务公开>法治政府建设报告>乡镇街道\n"
        "[ 索引号 ] 11500229MB1512345X/2024-00003 [ 发文字号 ]\n[ 主题分类 ] 司法、法制 [ 体裁分类 ] 工作报告\n"
        "[ 发布机构 ] 城口县高楠镇人民政府 [ 有效性 ]\n[ 成文日期 ] 2024-01-26 [ 发布日期 ] 2024-02-02\n"
        "- [ 索引号 ] 11500229MB1512345X/2024-00003\n- [ 发文字号 ]\n- [ 发布机构 ] 城口县高楠镇人民政府\n- [ 成文日期 ] 2024-01-26\n"
        "- 日期:2024-02-02\n-\n大\n中\n小\n- 分享到 :\n"
        "城口县高楠镇人民政府2023年法治政府建设情况报告\n" + body(year=2023),
        ("高楠镇", "城口县", "重庆市", 2023, "城口县高楠镇人民政府2023年法治政府建设情况报告", "2024-01-26"),
    ),
    # fields written against their values (no colon, no space) as a bulleted list; the issuer
    # names the autonomous county short (屏边县 for 屏边苗族自治县); 新华乡 is in eight counties
    "glued fields, an autonomous county written short": (
        "- 乡镇信息公开\n-\n索引号pbxhx/2024-00002\n-\n发布机构屏边县新华乡人民政府\n-\n文号\n-\n发布日期2024-02-06\n-\n时效性有效\n"
        "新华乡2023年法治政府建设工作情况报告\n县委全面依法治县委员会办公室：\n"
        "2023年，新华乡在县委、县政府的领导下，坚持依法行政，推进法治政府建设，严格规范公正文明执法，深化普法宣传，依法化解矛盾纠纷。\n"
        "一、主要举措和成效\n（一）依法决策。全年重大事项均经法律顾问审查。\n（二）普法宣传。开展法治宣传活动14场，发放宣传资料2100份。\n"
        "二、存在的问题\n一是执法人员少。二是群众法律意识不强。\n三、下一步工作打算\n一是充实执法力量。二是加强普法宣传。",
        ("新华乡", "屏边苗族自治县", "云南省", 2023, "新华乡2023年法治政府建设工作情况报告", None),
    ),
    # 岩山镇 is in 洞口县 and in 新罗区; a report under its 县委、县政府 is the county's
    "县委、县政府 narrows the gazetteer": (
        "岩山镇2023年法治政府建设情况报告\n2023年，岩山镇在县委、县政府的领导下，坚持依法行政，推进法治政府建设，依法决策，严格执法，深化普法宣传。\n"
        "一、主要举措和成效\n开展法治讲座6场，调解矛盾纠纷48件，法律顾问审查合同11份。\n二、存在的问题\n执法力量不足。\n三、下一步工作打算\n加强执法队伍建设。\n岩山镇人民政府\n2024年1月15日",
        ("岩山镇", "洞口县", "湖南省", 2023, "岩山镇2023年法治政府建设情况报告", "2024-01-15"),
    ),
    # ... but 区委、区政府 does not: the 区 may have been a 县 when the gazetteer was made
    "区委、区政府 does not narrow it": (
        "岩山镇2023年法治政府建设情况报告\n2023年，岩山镇在区委、区政府的领导下，坚持依法行政，推进法治政府建设，依法决策，严格执法，深化普法宣传。\n"
        "一、主要举措和成效\n开展法治讲座6场，调解矛盾纠纷48件，法律顾问审查合同11份。\n二、存在的问题\n执法力量不足。\n三、下一步工作打算\n加强执法队伍建设。\n岩山镇人民政府\n2024年1月15日",
        ("岩山镇", None, None, 2023, "岩山镇2023年法治政府建设情况报告", "2024-01-15"),
    ),
    # the issuer and 关于 on the title's first line, the title split before 工作的报告
    "issuer and 关于 on a split title": (
        "肖咀镇人民政府关于2022年度法治政府建设\n工作的报告\n" + body("肖咀镇", "合水县", 2022),
        ("肖咀镇", "合水县", "甘肃省", 2022, "肖咀镇人民政府关于2022年度法治政府建设工作的报告", None),
    ),
    # a site's own field names (公文生成日期, 备注/文号), no title line, two addressees in one line
    "site field names, two addressees": (
        "\n- 索 引 号: gz01-2024-00007\n- 备注/文号: 高委〔2024〕6号\n- 发布机构: 高楠镇人民政府\n- 公文生成日期: 2024-02-05\n"
        "中共城口县委员会，城口县人民政府：\n" + body(year=2023),
        ("高楠镇", "城口县", "重庆市", 2023, "", None),
    ),
    # a news-style page: the date of the day and accessibility links above, editors' sign-off,
    # comments and recommended reports (other townships') below the signature
    "news-style page": (
        "城口县人民政府 2019年12月3日星期二\n无障碍 简体| 繁体\n• 设为首页\n  • 加入收藏\n  • 长者版\n今天是:2019年10月31日 星期三\n回到\n顶部\n"
        "当前位置: 首页 > 城口县高楠镇人民政府 > 信息公开 > 年度工作计划及总结\n高楠镇2022年法治政府建设年度报告\n"
        "发布时间: 2023年01月20日 来源:城口县高楠镇人民政府 浏览次数:- T浏览字号:\n"
        + body()
        + "\n城口县高楠镇人民政府\n2023年1月18日\n编辑:张三\n二审:李四\n终审:王五\n我说两句…\n133\n相关词条\n推荐阅读\n"
        "坪山镇2022年法治政府建设年度报告\n临江镇2022年法治政府建设年度报告\n热点推荐\n主办:城口县人民政府办公室 承办:城口县大数据发展局",
        ("高楠镇", "城口县", "重庆市", 2022, "高楠镇2022年法治政府建设年度报告", "2023-01-18"),
    ),
    # no title; the report says 我镇 and names a neighbour twice, as a partner and a place visited:
    # the neighbour is not the report's township
    "a neighbour named twice, no title": (
        "2023年，我镇在县委、县政府的领导下，坚持依法行政，推进法治政府建设，依法决策，严格执法，深化普法宣传。\n"
        "一、主要举措和成效\n（一）矛盾调解。与坪山镇建立联调机制，全年调解纠纷36件。\n（二）学习交流。组织干部赴坪山镇学习法治文化阵地建设经验。\n"
        "二、存在的问题\n执法力量不足。\n三、下一步工作打算\n加强执法队伍建设。",
        (None, None, None, 2023, "", None),
    ),
    # Beijing's 地区 and Inner Mongolia's 苏木 are townships too
    "a Beijing 地区": (
        "东坝地区办事处2022年法治政府建设情况报告\n" + body("东坝地区", "朝阳区", 2022),
        ("东坝地区", "朝阳区", "北京市", 2022, "东坝地区办事处2022年法治政府建设情况报告", None),
    ),
    "a 苏木": (
        "江岸苏木2022年法治政府建设情况报告\n" + body("江岸苏木", "四子王旗", 2022),
        ("江岸苏木", "四子王旗", "内蒙古自治区", 2022, "江岸苏木2022年法治政府建设情况报告", None),
    ),
    # copied from the township's WeChat account
    "a WeChat article": (
        "高楠镇2022年法治政府建设情况报告\n原创 高楠发布 高楠镇人民政府 2023-01-06 18:30 发表于重庆\n收录于合集\n"
        + body()
        + "\n中共城口县高楠镇委员会\n2023年1月5日\n编辑：张三\n审核：李四\n预览时标签不可点\n微信扫一扫\n关注该公众号\n继续滑动看下一个\n在看\n写留言",
        ("高楠镇", "城口县", "重庆市", 2022, "高楠镇2022年法治政府建设情况报告", "2023-01-05"),
    ),
    # a department's report (published in the same section) names townships as places it works in
    "a county department's report": (
        "城口县司法局2022年法治政府建设情况报告\n2022年，城口县司法局在县委、县政府的领导下，坚持依法行政，推进法治政府建设。在高楠镇开展“枫桥式”司法所创建，"
        "高楠镇司法所被评为先进集体，指导高楠镇、坪山镇建设法治文化阵地。\n一、主要举措和成效\n开展普法活动60场，审查行政规范性文件12件。\n"
        "二、存在的问题\n基层法治力量不足。\n三、下一步工作打算\n加强基层司法所建设。\n城口县司法局\n2023年2月1日",
        (None, "城口县", "重庆市", 2022, "城口县司法局2022年法治政府建设情况报告", "2023-02-01"),
    ),
    # the county's own report
    "a county's report": (
        "城口县人民政府关于2022年法治政府建设情况的报告\n2022年，县政府坚持依法行政。高楠镇、坪山镇等乡镇法治建设成效明显，高楠镇获评市级民主法治示范镇。"
        + "\n一、主要举措和成效\n开展普法活动60场。\n二、存在的问题\n乡镇执法力量不足。\n三、下一步工作打算\n充实乡镇执法力量。",
        (None, "城口县", "重庆市", 2022, "城口县人民政府关于2022年法治政府建设情况的报告", None),
    ),
    # ... known by its signature only
    "a department's report, signed": (
        "2022年法治政府建设情况报告\n2022年，我局在县委、县政府的领导下，坚持依法行政，推进法治政府建设。在高楠镇开展“枫桥式”司法所创建，"
        "高楠镇司法所被评为先进集体，指导高楠镇、坪山镇建设法治文化阵地。\n一、主要举措和成效\n开展普法活动60场，审查行政规范性文件12件。\n"
        "二、存在的问题\n基层法治力量不足。\n三、下一步工作打算\n加强基层司法所建设。\n城口县司法局\n2023年2月1日",
        (None, "城口县", "重庆市", 2022, "2022年法治政府建设情况报告", "2023-02-01"),
    ),
    # 东溪镇 is in 苍溪县, 简阳市, 忠县 (重庆) and 綦江区 (重庆): 县委、县政府 leaves 苍溪县 and 忠县, and a
    # province above the county (中央、省委、市委、县委) leaves 苍溪县 — 重庆 has no 省委
    "a province above the county": (
        "东溪镇2021年法治政府建设工作报告\n2021年，在县委、县政府领导下，东溪镇认真贯彻中央、省委、市委、县委决策部署，推进法治政府建设，依法决策，严格执法，深化普法宣传。\n"
        "一、主要举措和成效\n全年学法12次，发放宣传手册200份。\n二、存在的问题\n执法力量不足。\n三、下一步工作打算\n加强执法队伍建设。",
        ("东溪镇", "苍溪县", "四川省", 2021, "东溪镇2021年法治政府建设工作报告", None),
    ),
    "no province above the county": (
        "东溪镇2021年法治政府建设工作报告\n2021年，在县委、县政府领导下，东溪镇认真贯彻上级决策部署，推进法治政府建设，依法决策，严格执法，深化普法宣传。\n"
        "一、主要举措和成效\n全年学法12次，发放宣传手册200份。\n二、存在的问题\n执法力量不足。\n三、下一步工作打算\n加强执法队伍建设。",
        ("东溪镇", None, None, 2021, "东溪镇2021年法治政府建设工作报告", None),
    ),
    # a county named only as a place visited does not contradict the gazetteer's one 高楠镇
    "a county visited, the gazetteer's only match": (
        "高楠镇2023年法治政府建设情况报告\n2023年，高楠镇坚持依法行政，推进法治政府建设，依法决策，严格执法，深化普法宣传。组织干部赴巫溪县学习“枫桥式”司法所建设经验。\n"
        "一、主要举措和成效\n开展法治讲座6场。\n二、存在的问题\n执法力量不足。\n三、下一步工作打算\n加强执法队伍建设。",
        ("高楠镇", "城口县", "重庆市", 2023, "高楠镇2023年法治政府建设情况报告", None),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_web_page_reports(case):
    text, (township, county, province, year, title, issued) = CASES[case]
    r = parse(text)
    assert (r.township, r.county, r.province, r.year, r.title, r.issued) == (township, county, province, year, title, issued)
    last = r.sections[-1].text if r.sections else ""
    assert not any(word in last for word in ("相关链接", "网站标识码", "联系我们", "推荐阅读", "终审", "主办"))
    assert not any("首页" in i or "ICP" in i for i in r.issuers)
    assert r.addressee is None or "访问量" not in r.addressee


def test_gazetteer_placeholders_are_not_places():
    """jionlp writes 市直辖行政区划 for the county of a city without counties and 省直辖行政区划 for
    the city of a county-level city under the province: neither is ever shown as a place."""
    town = parse(CASES["city without counties"][0])
    assert (town.county, town.city) == ("中山市", "中山市")
    under_province = parse(CASES["county-level city under the province"][0])
    assert (under_province.county, under_province.city, under_province.province) == ("天门市", None, "湖北省")
    table = parse(CASES["tab-separated disclosure table"][0])
    assert table.issuers == ["苏州市吴中区横泾街道办事处"]  # 发布机构 is the signature's name said shorter
    site = parse(CASES["site name and visits"][0])
    assert (site.issuers, site.addressee) == (["高楠镇人民政府"], None)  # not the site's name 城口县人民政府, not 访问量


def test_no_wrong_place_warnings_say_why():
    r = parse(CASES["a visited county contradicting the own 区委"][0])
    assert (
        "义桥镇 exists in 2 counties (山东省汶上县、浙江省萧山区) and the text names none: add a row to data/metadata_overrides.csv"
        in r.warnings
    )
    r = parse(CASES["unique gazetteer match contradicted"][0])
    assert any("the text names" in w and "county left empty" in w for w in r.warnings)
    r = parse(CASES["the signature names the county with the township"][0])
    assert "the gazetteer has 坪山镇 only in 垫江县; the title or signature names it 龙岗区坪山镇: county taken from there" in r.warnings
    r = parse(CASES["renamed township in the title"][0])
    assert "老山镇 is not in the gazetteer; county taken from the text" in r.warnings


def test_a_short_genuine_report_is_stored_with_a_warning():
    text = "高楠镇2023年法治政府建设情况报告\n一、主要举措和成效\n全年组织干部学习三次，开展宣传活动五场。\n二、存在的问题\n一是宣传覆盖不够。\n三、下一步工作打算\n一是继续加强宣传。\n高楠镇人民政府\n2024年2月1日"
    r = parse(text)
    assert (r.township, r.year) == ("高楠镇", 2023)
    assert any(w.startswith("a thin report: only") for w in r.warnings)


def test_reports_of_other_kinds_are_refused_with_a_reason():
    """A 政府信息公开工作年度报告 sits beside the rule-of-law reports on every site and speaks of
    依法 and 法律 often; it is refused by its title. A text with the genre's headings but no 法治
    word at all is refused too."""
    from analysis.errors import ReportError

    disclosure = (
        "高楠镇2023年政府信息公开工作年度报告\n一、总体情况\n2023年，高楠镇依法依规做好政府信息公开工作，依法公开信息126条，依法答复申请2件，"
        "严格依照《中华人民共和国政府信息公开条例》，落实法律法规要求，依法保障群众知情权，依法接受监督。\n"
        "二、存在的主要问题及改进情况\n公开内容不够丰富。\n三、下一步工作打算\n进一步依法做好公开工作。"
    )
    with pytest.raises(ReportError, match="another kind of report"):
        parse(disclosure)
    plan = "关于印发《高楠镇2023年法治政府建设工作要点》的通知\n各村（社区）、镇属各单位：\n" + body(year=2023)
    with pytest.raises(ReportError, match="another kind of report"):
        parse(plan)
    untitled = (
        "依据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定，编制本报告。\n一、总体情况\n（一）主动公开。我镇依法主动公开政府信息112条。\n"
        "（二）依申请公开。全年收到政府信息公开申请3件，均依法依规在法定期限内答复。\n（三）政府信息管理。依法做好政府信息公开保密审查，落实法律法规要求。\n"
        "二、主动公开政府信息情况\n第二十条第（一）项 | 规章 | 0\n三、收到和处理政府信息公开申请情况\n依法答复3件。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n依法公开的主动性有待提高，法律知识培训不够。\n六、其他需要报告的事项\n无。"
    )
    with pytest.raises(ReportError, match="reads as a 政府信息公开工作年度报告"):
        parse(untitled)
    headings_only = (
        "2023年工作情况\n一、主要举措和成效\n完成道路硬化3公里。\n二、存在的问题\n资金不足。\n三、下一步工作打算\n争取项目资金。"
    )
    with pytest.raises(ReportError, match="not a rule-of-law report"):
        parse(headings_only)


@pytest.mark.parametrize("width", [24, 28, 35])
def test_text_copied_from_a_pdf_viewer(width):
    """Copied from a PDF shown in the browser, every line breaks at the page's width: the
    lines are joined back, so items are whole; the title (as wide as a line) stays a title."""
    whole = "城口县高楠镇2022年度法治政府建设工作情况报告\n" + body() + "\n中共城口县高楠镇委员会\n2023年1月5日"
    wrapped_lines = [part for line in whole.split("\n") for part in ([line[i : i + width] for i in range(0, len(line), width)] or [""])]
    for page, at in enumerate(range(40, len(wrapped_lines), 40), start=1):  # a page number every 40 lines, mid-sentence
        wrapped_lines.insert(at + page - 1, f"- {page} -")
    wrapped = "\n".join(wrapped_lines)
    expected, r = parse(whole), parse(wrapped)
    assert (r.title, r.township, r.county, r.year, r.issued) == (expected.title, "高楠镇", "城口县", 2022, "2023-01-05")
    assert (r.problems, r.plans) == (expected.problems, expected.plans)
    assert "- 1 -" not in r.text and "- 2 -" not in r.text
    assert "lines broken at a fixed width (text copied from a PDF viewer?) were joined back into paragraphs" in r.warnings
    assert not any("fixed width" in w for w in expected.warnings)


def test_a_problem_item_does_not_swallow_the_footer():
    text = (
        PAGE_HEAD
        + "高楠镇2022年法治政府建设情况报告\n2022年，高楠镇坚持依法行政，推进法治政府建设，严格执法，依法决策，普法宣传。\n一、主要成效\n开展法治宣传12次。\n二、存在的问题\n一是执法力量不足。\n二是群众法治意识淡薄。"
        + FOOTER
    )
    r = parse(text)
    assert r.problems == ["执法力量不足。", "群众法治意识淡薄。"]


def test_gazetteer_extra_adds_a_renamed_township(tmp_path, monkeypatch):
    from analysis.parse import gazetteer

    extra = tmp_path / "gazetteer_extra.csv"
    extra.write_text("township,county,city,province,note\n老山镇,城口县,重庆市,重庆市,2019年由老山乡撤乡设镇\n", encoding="utf-8")
    monkeypatch.setattr(gazetteer, "EXTRA_FILE", extra)
    monkeypatch.setattr(gazetteer.extra_places, "__defaults__", (extra,))
    gazetteer.load.cache_clear()
    try:
        r = parse("老山镇2020年法治政府建设情况报告\n" + body("我镇", "", 2020).replace("《中共委", "《中共县委"))
        assert (r.township, r.county, r.province) == ("老山镇", "城口县", "重庆市")
        assert not [w for w in r.warnings if "gazetteer" in w]
    finally:
        gazetteer.load.cache_clear()


# ------------------------------------------------------------------ saved web pages and traditional characters
def html_page(text: str, *, title: str = "", charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>'
        '<script>var 法治 = "法治依法执法普法法律";</script><style>p{margin:0}</style></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/zwfw">政务服务</a></div>'
        '<div class="crumb">您当前的位置：首页 &gt; 政府信息公开 &gt; 法治政府建设年度报告</div>'
        '<table class="meta"><tr><td>索引号：11500229/2023-00012</td><td>发布机构：城口县高楠镇</td></tr>'
        "<tr><td>成文日期：2023-01-05</td><td>发文字号：无</td></tr></table>"
        f'<div class="TRS_Editor">{paragraphs}</div>'
        '<div class="footer"><p>主办单位：城口县人民政府办公室</p><p>网站标识码：5002290001 渝ICP备05003300号-1</p></div></body></html>'
    )


FULL = "高楠镇2022年法治政府建设情况报告\n" + body() + "\n中共城口县高楠镇委员会\n2023年1月5日"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("page.html", html_page(FULL, title="高楠镇2022年法治政府建设情况报告-城口县人民政府").encode("utf-8")),
        (
            "page.htm",
            html_page(FULL, title="高楠镇2022年法治政府建设情况报告_城口县人民政府", charset="gbk").encode("gbk", errors="ignore"),
        ),
        (
            "untitled.html",
            html_page(
                body() + "\n中共城口县高楠镇委员会\n2023年1月5日", title="高楠镇2022年法治政府建设情况报告 - 城口县人民政府"
            ).encode(),
        ),
    ],
)
def test_saved_web_pages(name, data):
    r = parse_bytes(data, name=name)
    assert (r.format, r.township, r.county, r.year, r.issued) == ("html", "高楠镇", "城口县", 2022, "2023-01-05")
    assert r.title == "高楠镇2022年法治政府建设情况报告"
    assert "var" not in r.text and "ICP" not in r.text  # scripts and the footer are not the report's text
    assert r.issuers == ["中共城口县高楠镇委员会", "城口县高楠镇"] and r.addressee is None
    assert len(r.problems) == 2 and len(r.plans) >= 3


def table_layout_page(text: str) -> str:
    """An older site's page: everything laid out in tables, the report in one cell with <br>
    lines, a sidebar of links to other townships' reports, the <title> only the site's name."""
    lines = "<br>\n".join("&nbsp;&nbsp;" + line for line in text.split("\n"))
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>城口县人民政府--信息公开</title></head><body>'
        '<table width="1000"><tr><td><a href="/">首页</a> | <a>政务公开</a> | <a>办事服务</a></td></tr></table>'
        '<table width="1000"><tr><td width="200"><a>坪山镇2022年法治政府建设情况报告</a><br><a>临江镇2022年法治政府建设情况报告</a><br><a>更多</a></td><td>'
        '<table width="100%"><tr><td align="center"><font size="4"><b>高楠镇2022年法治政府建设情况报告</b></font></td></tr>'
        "<tr><td>发布时间：2023-01-06&nbsp;&nbsp;来源：高楠镇&nbsp;&nbsp;浏览次数：356</td></tr>"
        f"<tr><td>{lines}</td></tr></table>"
        "</td></tr></table><table><tr><td>版权所有：城口县人民政府 渝ICP备05003300号-1</td></tr></table></body></html>"
    )


def test_a_page_laid_out_in_tables():
    """A table cell read as one line would lose every heading: the layout tables become blocks,
    the sidebar of links goes, the headline comes from the page (its <title> is the site's name)."""
    table = "<table border=1><tr><td>项目</td><td>件数</td></tr><tr><td>调解纠纷</td><td>36</td></tr></table>"
    text = body().replace("二、存在的主要问题", table + "二、存在的主要问题", 1) + "\n中共城口县高楠镇委员会\n2023年1月5日"
    page = table_layout_page(text).encode("gb2312", errors="ignore")
    r = parse_bytes(page, name="page.htm")
    assert (r.title, r.township, r.county, r.year, r.issued) == ("高楠镇2022年法治政府建设情况报告", "高楠镇", "城口县", 2022, "2023-01-05")
    assert [s.kind for s in r.sections] == ["achievements", "problems", "plans", "suggestions"]
    assert (len(r.problems), len(r.plans)) == (2, 3)
    assert "坪山镇" not in r.text and "临江镇" not in r.text  # the sidebar's links to other reports
    assert "调解纠纷" in r.text and "36" in r.text


def test_saved_mhtml_page():
    html = html_page(FULL, title="高楠镇2022年法治政府建设情况报告").encode("utf-8")
    import base64

    mhtml = (
        b"From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.cqck.gov.cn/zwgk/1.html\r\nSubject: report\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        b"------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(html) + b"\r\n------B--\r\n"
    )
    r = parse_bytes(mhtml, name="page.mhtml")
    assert (r.format, r.township, r.year) == ("html", "高楠镇", 2022)


def test_a_page_with_no_text_is_refused_with_a_reason():
    from analysis.errors import ReportError

    with pytest.raises(ReportError, match="web page without readable main text|only .* Chinese characters"):
        parse_bytes(b"<html><body><script>x=1</script></body></html>", name="empty.html")


TRADITIONAL = (
    "上海市寶山區羅店鎮2022年法治政府建設情況報告\n2022年，羅店鎮在區委、區政府的正確領導下，堅持依法行政，深入推進法治政府建設。\n"
    "一、主要舉措和成效\n（一）加強學法用法。全年組織班子成員會前學法12次，開展普法宣傳活動30場。\n"
    "二、存在的問題\n一是執法力量相對薄弱，執法人員身兼多職。\n二是部分群眾法治意識淡薄。\n"
    "三、下一步工作打算\n一是加強執法隊伍建設。\n二是創新普法宣傳形式。\n羅店鎮人民政府\n2023年2月1日"
)


@pytest.mark.parametrize(
    ("wrap", "encoding"),
    [("text", "utf-8"), ("html", "utf-8"), ("text", "big5"), ("text", "gb18030"), ("text", "utf-16"), ("html", "big5")],
)
def test_traditional_characters(wrap, encoding):
    """Traditional characters are mostly outside GB2312, the common set a decoding is checked
    against: a Big5 file, or GBK or UTF-16 with traditional characters, reads as Chinese when its
    simplified form does."""
    text = TRADITIONAL if wrap == "text" else html_page(TRADITIONAL, title="羅店鎮2022年法治政府建設情況報告", charset=encoding)
    data = text.encode(encoding, errors="strict" if wrap == "text" else "xmlcharrefreplace")  # the page's 首页, 政务: &#…;
    r = parse_bytes(data, name=f"trad.{'txt' if wrap == 'text' else 'html'}")
    assert r.encoding == encoding
    assert (r.township, r.county, r.city, r.province, r.year, r.issued) == ("罗店镇", "宝山区", "上海市", "上海市", 2022, "2023-02-01")
    assert r.problems == ["执法力量相对薄弱，执法人员身兼多职。", "部分群众法治意识淡薄。"]
    assert "寶山區羅店鎮" in r.original and "宝山区罗店镇" in r.text
    assert "written in traditional characters: read as simplified (the original is kept)" in r.warnings


def test_pages_work_when_reports_lack_places_and_years(tmp_path, monkeypatch):
    """Every page on a store where some reports have no township, county or year (issue #12)."""
    from streamlit.testing.v1 import AppTest

    from analysis.refresh import derived
    from analysis.storage.ingest import ingest_paths
    from tests.conftest import ROOT

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "no_place.txt").write_text(CASES["two townships equally"][0], encoding="utf-8")
    (folder / "no_year.txt").write_text(body("我镇", "", 2022).replace("2022", "").replace("《中共委", "《中共县委"), encoding="utf-8")
    (folder / "district.txt").write_text(CASES["district only"][0], encoding="utf-8")
    for seed in sorted(RAW.glob("*.txt"))[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    db = tmp_path / "gaps.duckdb"
    assert {o.status for o in ingest_paths([folder], db=db, workers=1)} == {"stored"}
    derived.ensure_fresh(db)
    monkeypatch.setenv("REPORTS_DB", str(db))
    for page in ["overview", "trends", "compare", "keywords", "problems", "reader"]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        if page != "overview":
            at.switch_page(f"pages/views/{page}.py").run()
        if page == "compare":
            at.multiselect(key="cmp_towns").set_value(at.multiselect(key="cmp_towns").options[:3]).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        if page == "reader":  # every township, the unknown one included, and each of its reports
            towns = at.selectbox(key="rd_town").options
            assert "乡镇未知" in towns
            for t, town in enumerate(towns):
                at.selectbox(key="rd_town").select_index(t).run()
                assert not at.exception, (town, [e.value for e in at.exception])
                assert at.selectbox(key="rd_report").options[0].startswith(town)


@pytest.mark.parametrize(
    ("opening", "township"),
    [
        ("2022年，我镇在城口县委、县政府领导下，加快推进法治高楠建设，坚持依法行政。", "高楠镇"),  # county named too
        ("2022年，我镇在县委领导下，扎实推进法治乾塘建设，坚持依法行政。", None),  # a campaign name alone: none
    ],
)
def test_a_township_named_only_in_a_campaign_name(opening, township):
    text = (
        "2022年法治政府建设情况报告\n"
        + opening
        + "\n"
        + body("我镇", "", 2022)[BODY.index("一、") - 10 :].split("\n", 1)[1].replace("《中共委", "《中共县委")
    )
    assert parse(text).township == township


def test_a_body_line_that_looks_like_a_footer_does_not_end_the_report():
    """主办单位：… inside the report (an activity's organiser) is not the page footer."""
    text = (
        "高楠镇2022年法治政府建设情况报告\n2022年，高楠镇坚持依法行政，推进法治政府建设，严格执法，依法决策，普法宣传。\n一、主要成效\n"
        "开展“宪法进万家”活动。\n主办单位：县司法局\n活动现场群众踊跃参与。\n二、存在的问题\n一是执法力量不足。\n二是群众法治意识淡薄。\n"
        "三、下一步打算\n一是加强执法队伍建设。\n二是创新普法形式。\n高楠镇人民政府\n2023年1月5日"
    )
    r = parse(text)
    assert r.problems == ["执法力量不足。", "群众法治意识淡薄。"] and r.issued == "2023-01-05"


PAGES = ROOT / "tests" / "data" / "pages"  # saved pages written for these tests (synthetic reports)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # a disclosure table with colons in their own cells, the article under an h1, a footer div
        (
            "liubu_2022_utf8.html",
            ("柳埠街道", "历城区", 2022, "2023-02-20", "柳埠街道2022年度法治政府建设工作报告", ["济南市历城区柳埠街道办事处"], 3, 2),
        ),
        # GB2312, no colons, the title in a 名　　称 cell, <br> lines; 白马乡 is in five counties and
        # the page names none (the site's name is not evidence): no county
        (
            "baima_2021_gb2312.html",
            ("白马乡", None, 2021, "2022-01-20", "关于白马乡2021年法治政府建设情况的报告", ["白马乡人民政府"], 2, 2),
        ),
    ],
)
def test_saved_pages_with_disclosure_tables(name, expected):
    r = parse_bytes((PAGES / name).read_bytes(), name=name)
    assert (r.township, r.county, r.year, r.issued, r.title, r.issuers, len(r.problems), len(r.plans)) == expected
    sections = "\n".join(s.text for s in r.sections)
    assert not any(w in sections for w in ("ICP", "技术支持", "索引号", "浏览次数", "版权所有"))
