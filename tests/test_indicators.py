"""Counted indicators: the role of every number, the metric counted in its own phrase, the kind."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import ReportError
from analysis.insights.indicator_eval import load_numbers, match_numbers
from analysis.parse import indicators
from analysis.parse.indicators import extract_indicators, kind_of, role_for


@pytest.mark.parametrize(
    ("text", "section_kind", "expected"),
    [
        # the examples: plans and problems are no work done
        ("每年组织集中培训不少于2次。", "plans", [(2, "次", "法治培训", "target")]),
        ("作为被告的行政诉讼案件败诉1起。", "achievements", [(1, "件", "行政诉讼", "shortfall")]),
        ("年内发生的2起行政诉讼案件应诉准备不够充分。", "problems", [(2, "件", "行政诉讼", "shortfall")]),
        ("协助办理法律援助案件5件。", "achievements", [(5, "件", "法律援助", "done")]),
        # N12: the county's figure and one given to each village are context; attending the county's training is done
        (
            "全县今年命名的12个市级民主法治村中，我镇占2个。",
            "achievements",
            [(12, "个", "民主法治示范村", "context"), (2, "个", "民主法治示范村", "done")],
        ),
        (
            "全年组织集中学法10次，县里下达的9项年度指标均已完成。",
            "achievements",
            [(10, "次", "集中学法", "done"), (9, "项", "其他", "context")],
        ),
        ("全镇19个村（社区）各聘请1名法律顾问。", "achievements", [(19, "个村", "其他", "context"), (1, "名", "法律顾问", "context")]),
        ("参加全县法治培训3次。", "achievements", [(3, "次", "法治培训", "done")]),
        # a meeting that studied enforcement is a meeting, not an inspection (ninth brief reading)
        ("镇长主持召开镇长办公会研究重大行政决策、行政执法等事项6次。", "achievements", [(6, "次", "法治专题会议", "done")]),
        ("全年开展联合执法检查26次。", "achievements", [(26, "次", "执法检查", "done")]),
        # people forming a mediation team are the team (ninth brief reading: 6人 counted as 法律顾问 by 律师)
        ("吸纳退休政法干警、执业律师等6人组建镇级专业调解团队。", "achievements", [(6, "名", "调解组织", "done")]),  # (人 read as 名)
        ("组织法律顾问、老党员组成调解小组11个。", "achievements", [(11, "个", "调解组织", "done")]),
        # 件次 counts petitions and disputes too (N12)
        ("全年受理群众来信来访58件次，按期办结57件次。", "achievements", [(58, "件次", "信访", "done"), (57, "件次", "信访办结", "done")]),
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
            [(21, "个", "其他", "context"), (43000, "名", "其他", "context")],
        ),
        (
            "共划分111个网格单元，每个网格设置网格员1名。",
            "achievements",
            [(111, "个", "其他", "context"), (1, "名", "网格员", "context")],
        ),
        ("受理信访事项30件，较上年减少5件。", "achievements", [(30, "件", "信访", "done"), (5, "件", "信访", "context")]),
        ("培养学法带头人43名，法律明白人680余人。", "achievements", [(43, "名", "学法带头人", "done"), (680, "名", "法律明白人", "done")]),
        # people counted in 人 or 名 are one unit, so a township's 72人 and another's 86名 add up
        ("组织机关干部72人参加年度学法考试。", "achievements", [(72, "名", "学法考试", "done")]),
        ("全镇有机关干部72人。", "achievements", [(72, "名", "其他", "context")]),
        # the metric is what the number's own phrase counts, never a law named elsewhere in the sentence
        ("组织学习《行政处罚法》《信访工作条例》，全年集中学法6次。", "achievements", [(6, "次", "集中学法", "done")]),
        # received → closed: two stages of one flow, the part never added to its whole
        ("全年受理群众来信来访37件，办结35件。", "achievements", [(37, "件", "信访", "done"), (35, "件", "信访办结", "done")]),
        ("受理信访件39件，已办结37件。", "achievements", [(39, "件", "信访", "done"), (37, "件", "信访办结", "done")]),
        ("受理信访事项31件，信访事项按期办结29件。", "achievements", [(31, "件", "信访", "done"), (29, "件", "信访办结", "done")]),
        ("全年受理办结各类事项7800余件。", "achievements", [(7800, "件", "其他", "done")]),
        ("执法检查：40次", "achievements", [(40, "次", "执法检查", "done")]),
        # a plan carries over its clause; a shortfall is one in achievements too
        (
            "计划开展普法宣传活动30场，新建法治宣传栏10块。",
            "achievements",
            [(30, "场", "普法宣传活动", "target"), (10, "块", "宣传阵地", "target")],
        ),
        ("全镇仍有4个村未建成法治宣传阵地。", "achievements", [(4, "个村", "其他", "shortfall")]),
        ("召开村支两委会60场次，院坝会议130场次。", "achievements", [(60, "场", "其他", "done"), (130, "场", "其他", "done")]),
        ("", "achievements", []),
    ],
)
def test_role_and_metric(text, section_kind, expected):
    got = [(i.value, i.unit, i.metric, i.role) for i in extract_indicators(text, section_kind=section_kind)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "section_kind", "expected"),
    [
        # a change against another year is context; the absolute figure beside it stays done
        ("全年受理矛盾纠纷98件，较上年增加12件。", "achievements", [(98, "done"), (12, "context")]),
        ("受理行政复议案件2件，同比下降15%。", "achievements", [(2, "done"), (15, "context")]),
        ("全年开展普法宣传活动30场，比2022年多3场。", "achievements", [(30, "done"), (3, "context")]),
        ("全年办理群众事项1.1万件，与上年相比增加约1200件。", "achievements", [(11000, "done"), (1200, "context")]),
        ("上年遗留的两件信访事项，今年化解1件。", "achievements", [(2, "context"), (1, "done")]),
        ("将法治建设纳入年度综合考核，分值占比5%。", "achievements", [(5, "context")]),
        # one to each of the places counted before it is a per-unit figure
        ("全镇14个村（社区）均配备1名法律顾问。", "achievements", [(14, "context"), (1, "context")]),
        ("10个村（社区）均明确1名法治联络员。", "achievements", [(10, "context"), (1, "context")]),
        # a decision corrected on review is a shortfall; a bound on the rate of them is a target
        ("全年发生行政复议案件3件，纠错1件。", "achievements", [(3, "done"), (1, "shortfall")]),
        ("力争行政复议纠错率控制在5%以内。", "achievements", [(5, "target")]),
        # 五项法定程序 names the procedure, it counts nothing
        ("严格执行公众参与、专家论证、合法性审查等五项法定程序，作出重大决策4项。", "achievements", [(4, "done")]),
        # what is left of a flow is a shortfall, unless the phrase does it or plans it
        ("调解成功100件，其余4件已依法引导当事人通过诉讼途径解决。", "achievements", [(100, "done"), (4, "shortfall")]),
        ("受理信访件71件，办结69件，还有2件正在办理。", "achievements", [(71, "done"), (69, "done"), (2, "shortfall")]),
        ("今年化解1件，另1件已引导当事人通过诉讼途径解决。", "achievements", [(1, "done"), (1, "shortfall")]),
        ("建成剩余4块村级法治宣传栏。", "achievements", [(4, "done")]),
        ("力争年内化解剩余1件包案信访事项。", "achievements", [(1, "target")]),
        ("将剩余2件积案全部化解。", "plans", [(2, "target")]),
        # people who missed it
        ("镇机关64名干部参加年度学法考试，有3名干部因故缺考。", "achievements", [(64, "done"), (3, "shortfall")]),
        # a total over several years is no year's work; bounded by the year it is
        ("自2020年以来累计培训法律明白人530余人次。", "achievements", [(530, "context")]),
        ("“八五”普法实施以来，全镇开展各类普法活动150余场。", "achievements", [(150, "context")]),
        ("历年共发放宣传资料4万余份。", "achievements", [(40000, "context")]),
        ("全年累计开展普法活动30场。", "achievements", [(30, "done")]),
        ("今年以来累计调解纠纷56件。", "achievements", [(56, "done")]),
        # …but a stock's level to date is the stock
        ("新增县级民主法治示范村2个，全镇累计达到7个。", "achievements", [(2, "done"), (7, "done")]),
        # per-unit and average figures
        ("每村配备法律明白人1名。", "achievements", [(1, "context")]),
        ("机关干部人均学法20学时。", "achievements", [(20, "context")]),
        ("法律顾问平均每月到村服务2次。", "achievements", [(2, "context")]),
        ("每次党委会前学法1部法律法规，全年会前学法24次。", "achievements", [(1, "context"), (24, "done")]),
        ("每个网格落实网格员1名、法律明白人1名。", "achievements", [(1, "context"), (1, "context")]),
        # done work stated in a problems section before the shortfall
        ("虽然全年开展了8次普法活动，但覆盖面不广。", "problems", [(8, "done")]),
        ("尽管调解纠纷56件，但仍有3件未能化解。", "problems", [(56, "done"), (3, "shortfall")]),
        ("虽然调解纠纷56件，但调解成功的只有50件。", "problems", [(56, "done"), (50, "shortfall")]),
        ("集中学法只开展了9次。", "problems", [(9, "shortfall")]),
        # targets and shortfalls inside achievements
        ("确保每年开展法治培训不少于4次。", "achievements", [(4, "target")]),
        ("计划明年新建法治宣传阵地2处。", "achievements", [(2, "target")]),
        ("力争全年开展普法宣传活动30场。", "achievements", [(30, "target")]),
        ("力争新建法治宣传栏2处、培育示范村1个。", "achievements", [(2, "target"), (1, "target")]),
        ("全镇已配备村法律顾问20名，但仍有2个村未配备。", "achievements", [(20, "done"), (2, "shortfall")]),
        ("新增持证执法人员2名，另有2名新进人员尚待参加执法资格考试。", "achievements", [(2, "done"), (2, "shortfall")]),
    ],
)
def test_numbers_that_are_not_the_years_work(text, section_kind, expected):
    assert [(i.value, i.role) for i in extract_indicators(text, section_kind=section_kind)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of disputes is the disputes found, not the disputes resolved
        ("全年发生涉林涉地纠纷22件。", [(22, "矛盾纠纷排查", "done")]),
        ("排查矛盾纠纷68件，调处化解64件。", [(68, "矛盾纠纷排查", "done"), (64, "矛盾纠纷化解", "done")]),
        # resolving a petition goes on counting the petitions
        # the 化解 of petitions is the petitions' later stage (信访办结, as 39 labelled rows of the writers have it),
        # never added to the intake
        ("党政主要负责人包抓信访事项4件，已化解3件。", [(4, "信访", "done"), (3, "信访办结", "done")]),
        # …and so is a backlog of petitions resolved (N17, the first set written with 信访办结 in its list; the six
        # before it, which had only 信访, called it that)
        ("班子成员分片包干化解信访积案4件。", [(4, "信访办结", "done")]),
        ("对排查出的12件重点信访事项逐一落实包案领导。", [(12, "信访", "done")]),
        # a sub-count (其中…) counts the total's thing and is not added to it
        (
            "全年审查合同协议42份，其中5份提出修改意见后签订。",
            [(42, "合法性审查", "done"), (5, "合法性审查", "context")],
        ),
        (
            "全年排查矛盾纠纷238件，其中婚姻家庭纠纷76件、邻里纠纷58件。",
            [(238, "矛盾纠纷排查", "done"), (76, "矛盾纠纷排查", "context"), (58, "矛盾纠纷排查", "context")],
        ),
        # …unless it names another stage of its total's flow that the clause counts no total of
        (
            "全年排查化解矛盾纠纷102件，其中镇调委会调解37件、村调委会调解63件，成功化解99件。",
            [(102, "矛盾纠纷排查", "done"), (37, "矛盾纠纷调解", "done"), (63, "矛盾纠纷调解", "done"), (99, "矛盾纠纷化解", "done")],
        ),
        # a later stage under the same metric is part of the first (the first naming an earlier stage takes it)
        (
            "全年开展执法巡查112次，立案查处违法行为11件，结案10件，仍有1件因当事人下落不明未能结案。",
            [(112, "执法检查", "done"), (11, "行政处罚", "done"), (10, "行政处罚", "context"), (1, "行政处罚", "shortfall")],
        ),
        ("全年排查化解矛盾纠纷102件，成功化解99件。", [(102, "矛盾纠纷排查", "done"), (99, "矛盾纠纷化解", "done")]),
        ("全年化解矛盾纠纷102件，调解成功99件。", [(102, "矛盾纠纷化解", "done"), (99, "矛盾纠纷化解", "context")]),
        # what a stock gained in the year is its additions, a flow; the level stays the stock
        (
            "新增法律明白人8名，总数达到70名。",
            [(8, "法律明白人（新增）", "done"), (70, "法律明白人", "done")],
        ),
        ("全镇培育法律明白人126名，其中新增8名。", [(126, "法律明白人", "done"), (8, "法律明白人（新增）", "done")]),
        ("新增湖南省民主法治示范村1个。", [(1, "民主法治示范村（新增）", "done")]),
        ("计划新培养法律明白人10名。", [(10, "法律明白人", "target")]),
        # a part may count its documents in another unit (件, 份, 项 count the same matters)
        ("合法性审查：36件（其中合同31份）。", [(36, "合法性审查", "done"), (31, "合法性审查", "context")]),
        # places built in the year are additions; a level stated with them is the level
        ("在洪山村、石河村建设法治文化广场2处。", [(2, "宣传阵地（新增）", "done")]),
        ("全镇累计建成法治宣传栏24块。", [(24, "宣传阵地", "done")]),
        # 拟出台的文件 are proposed documents, no plan; a case still being handled is left of the flow
        (
            "全年对镇政府签订的合同、拟出台的文件开展合法性审查34件，出具书面法律意见21份。",
            [(34, "合法性审查", "done"), (21, "法律意见", "done")],
        ),
        (
            "立案查处各类违法行为8件，结案6件，2件因当事人申请延期正在办理。",
            [(8, "行政处罚", "done"), (6, "行政处罚", "context"), (2, "行政处罚", "shortfall")],
        ),
        # a comparison that names its own subject is not of the figure before it
        ("查处违法行为9件，古玩市场投诉量较上年下降27%。", [(9, "行政处罚", "done"), (27, "其他", "context")]),
        ("受理信访39件，总量同比下降15%。", [(39, "信访", "done"), (15, "信访", "context")]),
        # a rate of the later stage: the compound figure before it counts the disputes handled (排查)
        ("排查化解矛盾纠纷128起，化解率97.6%。", [(128, "矛盾纠纷排查", "done"), (97.6, "化解率", "done")]),
        ("全年化解矛盾纠纷128起，化解率97.6%。", [(128, "矛盾纠纷化解", "done"), (97.6, "化解率", "done")]),
        # a plan named as a thing is no plan made; the verb before a list builds each place listed
        ("制定年度学法计划，党委理论学习中心组开展法治专题学习4次。", [(4, "集中学法", "done")]),
        ("打造法治文化广场1处、法治宣传长廊3处。", [(1, "宣传阵地（新增）", "done"), (3, "宣传阵地（新增）", "done")]),
        # an adviser's part in other work, a leader's handling of cases: no metric counts them
        ("镇政府法律顾问全年参与合同审查、信访接待等工作30余次。", [(30, "其他", "done")]),
        ("镇长亲自协调处理重大涉法涉诉事项3件。", [(3, "其他", "done")]),
        # the rule followed and the problem answered frame a sentence: no target, no shortfall
        (
            "执法队按照“双随机、一公开”要求开展检查28次，办理行政处罚案件5件。",
            [(28, "执法检查", "done"), (5, "行政处罚", "done")],
        ),
        ("针对上年执法人员专业能力不足的问题，组织执法人员参加业务培训3期。", [(3, "法治培训", "done")]),
        # cadres trained are those trained; 累计 after the year's own count sums that count
        ("举办法治专题培训班3期，培训镇村干部420人次。", [(3, "法治培训", "done"), (420, "参训人次", "done")]),
        ("组织机关干部参加法治专题培训两期，累计培训380余人次。", [(2, "法治培训", "done"), (380, "参训人次", "done")]),
        ("八五普法以来累计发放资料3万份。", [(30000, "宣传资料发放", "context")]),
        # …but never a larger figure, nor one of another clause
        ("立案查处违法行为11件，结案12件。", [(11, "行政处罚", "done"), (12, "行政处罚", "done")]),
        ("全年查处违法行为11件。查处违法行为10件。", [(11, "行政处罚", "done"), (10, "行政处罚", "done")]),
        # an enumeration after 、 goes on with the verb before it; 审查意见 are opinions
        (
            "全年审查镇政府行政规范性文件2件、各类合同41份，出具书面审查意见49份。",
            [(2, "合法性审查", "done"), (41, "合法性审查", "done"), (49, "法律意见", "done")],
        ),
        (
            "全年排查矛盾纠纷208件，调解205件，其中调解工作室调解58件。",
            [(208, "矛盾纠纷排查", "done"), (205, "矛盾纠纷调解", "done"), (58, "矛盾纠纷调解", "context")],
        ),
        ("研究法治建设议题5次，其中研究信访积案化解方案2次。", [(5, "法治专题会议", "done"), (2, "法治专题会议", "context")]),
        # the disputes still being handled are short of the resolutions, whatever stage the words name (N38)
        ("涉林纠纷24件，其中2件仍在调处中。", [(24, "矛盾纠纷排查", "done"), (2, "矛盾纠纷化解", "shortfall")]),
        ("另有2件宅基地纠纷因权属不清正在调处。", [(2, "矛盾纠纷化解", "shortfall")]),
        ("剩余2件山林权属纠纷已移交县林业部门依法处理。", [(2, "矛盾纠纷化解", "shortfall")]),
        # …and the petitions still being handled short of the concluded ones (N40)
        (
            "全年受理信访事项21件，已办结19件，2件正在办理。",
            [(21, "信访", "done"), (19, "信访办结", "done"), (2, "信访办结", "shortfall")],
        ),
        ("全年仍有3件信访事项未能办结。", [(3, "信访办结", "shortfall")]),
        # a pair of changes against last year; another year's figure after a slash; firms' own training (N40)
        (
            "全年开展中心组集中学法10次、会前学法14次，分别比上年多2次和2次。",
            [(10, "集中学法", "done"), (14, "集中学法", "done"), (2, "集中学法", "context"), (2, "集中学法", "context")],
        ),
        ("集中学法（含会前学法）：24次/20次", [(24, "集中学法", "done"), (20, "集中学法", "context")]),
        (
            "辖区两家磷化工企业自行组织员工安全生产法律培训15场、参训员工1200余人次。",
            [(2, "其他", "context"), (15, "法治培训", "context"), (1200, "参训人次", "context")],
        ),
        # a kind of dispute breaks down the flow's first figure, not its last stage
        (
            "全年排查矛盾纠纷238件，成功调解231件，其中婚姻家庭纠纷76件。",
            [(238, "矛盾纠纷排查", "done"), (231, "矛盾纠纷化解", "done"), (76, "矛盾纠纷排查", "context")],
        ),
        (
            "全年受理各类矛盾纠纷264件，其中物业纠纷97件，调解成功251件。",
            [(264, "矛盾纠纷调解", "done"), (97, "矛盾纠纷调解", "context"), (251, "矛盾纠纷化解", "done")],
        ),
        # …while a part naming one of the clause's stages is a part of that stage
        (
            "受理矛盾纠纷182件，经调解化解176件，其中村（组）一级化解131件。",
            [(182, "矛盾纠纷调解", "done"), (176, "矛盾纠纷化解", "done"), (131, "矛盾纠纷化解", "context")],
        ),
        ("审查合同44份，其中村级合同21份。", [(44, "合法性审查", "done"), (21, "合法性审查", "context")]),
        # an act or thing no metric counts, nearer to the number than a metric's words, is 其他
        ("全年在党委理论学习中心组作专题发言2次。", [(2, "其他", "done")]),
        ("法律顾问全年列席会议11次，审查合同34份。", [(11, "其他", "done"), (34, "合法性审查", "done")]),
        ("开展执法案卷评查4次，评查案卷80卷。", [(4, "其他", "done")]),
        ("排查整改安全隐患93条。", [(93, "其他", "done")]),
        ("主持研究法治工作2次，深入村组调研法治建设5次。", [(2, "法治专题会议", "done"), (5, "其他", "done")]),
        ("镇长带队督查执法和普法工作3次。", [(3, "其他", "done")]),
        ("听取执法、信访、普法等专项工作汇报4次。", [(4, "其他", "done")]),
        # the words after a number name it only when they follow it at once
        ("在6个安置点建成法治宣传栏6处。", [(6, "其他", "context"), (6, "宣传阵地（新增）", "done")]),
    ],
)
def test_the_thing_counted(text, expected):
    assert [(i.value, i.metric, i.role) for i in extract_indicators(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发放宣传资料5800余份。", [(5800, True, "flow")]),
        ("聘请法律顾问1名。", [(1, False, "stock")]),
        ("调解成功率97.7%。", [(97.7, False, "rate")]),
        ("受教育群众约1.2万人次。", [(12000, True, "flow")]),
        # 左右 after the unit: approximate too
        ("组织观看警示教育片2次，参加人员110人次左右。", [(2, False, "flow"), (110, True, "flow")]),
        ("执法模块使用率仅70%左右。", [(70, True, "rate")]),
        # 以上: a floor, approximate as most writers label it (N18, N23, N27, N34, N36; N7 and N12 do not)
        ("培育法律明白人230名以上。", [(230, True, "stock")]),
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


@pytest.mark.parametrize(
    ("sentence", "numbers", "expected"),
    [
        # a number written twice in one sentence: its labels come in text order
        ("党课1次，带头化解积案2件；乡长参加案卷评查1次。", ["1次", "2件", "1次"], ["done", "done", "target"]),
        # the words before a number end at its clause: 「；受理信访39件」 is matched by 「受理信访39件」
        ("化解率96.6%；受理信访39件，办结率100%。", ["39件"], ["target"]),
        ("受理信访件28件；办结28件。", ["28件", "28件"], ["done", "target"]),
    ],
)
def test_labels_match_the_numbers_in_their_clause_in_order(sentence, numbers, expected):
    labels = pd.DataFrame(
        {
            "file": "a.txt",
            "sentence": sentence,
            "number": numbers,
            "value": [float(n.rstrip("件次%")) for n in numbers],
            "unit": [n[-1] for n in numbers],
            "metric": "其他",
            "role": "done",
            "kind": "flow",
            "approx": False,
        }
    )
    clauses = [c for c in sentence.replace("。", "；").split("；") if c]
    extracted = [i for n, c in enumerate(clauses) for i in extract_indicators(c + "。", section_kind="plans" if n else "achievements")]
    pairs, unmatched = match_numbers(labels, {"a.txt": extracted})
    assert pairs.got_role.tolist() == expected
    assert unmatched == [i for i in extracted if i.unit == "%"]


@pytest.mark.parametrize(
    ("text", "section_kind", "expected"),
    [
        # a comparison with no thing of its own compares the figure before it (a rate stays a rate)
        ("受理信访39件，同比下降15%。", "achievements", [(39, "信访", "done"), (15, "信访", "context")]),
        ("调解成功率96.2%，较上年提高3.1个百分点。", "achievements", [(96.2, "化解率", "done"), (3.1, "化解率", "context")]),
        ("全年开展普法活动42场，比上年多4场。", "achievements", [(42, "普法宣传活动", "done"), (4, "普法宣传活动", "context")]),
        # …but a comparison that names its own thing keeps it
        ("受理信访39件，较上年减少调解5件。", "achievements", [(39, "信访", "done"), (5, "矛盾纠纷调解", "context")]),
        # a count of people names what they took part in after the verb
        ("镇机关64名干部参加年度学法考试。", "achievements", [(64, "学法考试", "done")]),
        ("全镇86名干部全部参加学法考试并合格。", "achievements", [(86, "学法考试", "done")]),
        ("组织64名干部职工参加国家工作人员学法用法考试。", "achievements", [(64, "学法考试", "done")]),
        ("组织5名辅助人员参加执法资格考试。", "achievements", [(5, "其他", "done")]),
        ("47名干部全部到岗。", "achievements", [(47, "其他", "context")]),
        # a law's title names what is learnt, not the thing counted
        ("组织学习《行政处罚法》《信访工作条例》3次。", "achievements", [(3, "集中学法", "done")]),
        ("发放《信访工作条例》读本200册。", "achievements", [(200, "宣传资料发放", "done")]),
        # …unless nothing else names it: the title is then the thing handed out
        ("发放《致全乡村居民的一封信》2000余份。", "achievements", [(2000, "宣传资料发放", "done")]),
        # a table-like line's label names the figures after it that name nothing of their own
        ("5.合法性审查：合同27份、重大行政决策2项", "achievements", [(27, "合法性审查", "done"), (2, "合法性审查", "done")]),
        ("9.信访事项：受理21件，办结21件", "achievements", [(21, "信访", "done"), (21, "信访办结", "done")]),
        ("集中学法：12次", "achievements", [(12, "集中学法", "done")]),
        ("数据统计：全年共召开会议3次", "achievements", [(3, "其他", "done")]),
        # 、 between two counts: the second goes on counting the first one's thing (a leader's receptions, 领导接访)
        ("镇长带头接待群众来访36批次、85人次。", "achievements", [(36, "领导接访", "done"), (85, "领导接访", "done")]),
    ],
)
def test_what_a_figure_without_words_of_its_own_counts(text, section_kind, expected):
    got = [(i.value, i.metric, i.role) for i in extract_indicators(text, section_kind=section_kind)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stock the township's rule-of-law work builds or keeps is done, whatever its unit
        ("1个村被命名为省级民主法治示范村。", [(1, "民主法治示范村", "done", "stock")]),
        ("全镇20个村（社区）调委会全部规范化运行。", [(20, "调解组织", "done", "stock")]),
        ("现有县级民主法治示范村2个。", [(2, "民主法治示范村", "done", "stock")]),
        ("全镇共配备网格员182名。", [(182, "网格员", "done", "stock")]),
        ("在骆驼湾村打造法治宣传点2处。", [(2, "宣传阵地（新增）", "done", "flow")]),  # built in the year: an addition
        # a count of villages that have or lack something counts the villages, not the thing
        ("全乡14个村均建立人民调解委员会，配备调解员56名。", [(14, "其他", "context", "stock"), (56, "调解组织", "done", "stock")]),
        ("全乡9个村中尚有4个村未建设法治宣传栏。", [(9, "其他", "context", "stock"), (4, "其他", "shortfall", "stock")]),
        ("在8个没有法治宣传栏的村全部建成宣传栏。", [(8, "其他", "context", "stock")]),
        ("21个社区（村）调委会共有人民调解员126名。", [(21, "调解组织", "done", "stock"), (126, "调解组织", "done", "stock")]),
        # …and background facts stay context: places, grids, per-unit norms, comparisons
        ("全镇22个村全部完成村规民约修订。", [(22, "其他", "context", "stock")]),
        ("全镇划分网格96个，每个网格配备网格员1名。", [(96, "其他", "context", "stock"), (1, "网格员", "context", "stock")]),
        ("法律明白人由上年的66名增加到80名。", [(66, "法律明白人", "context", "stock"), (80, "法律明白人", "done", "stock")]),
    ],
)
def test_standing_counts_of_the_townships_work_are_done(text, expected):
    assert [(i.value, i.metric, i.role, i.kind) for i in extract_indicators(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # data/metrics.csv: words a metric's rule gained
        ("组织文艺队开展法治文艺演出8场。", [(8, "普法宣传活动", "done")]),
        ("推送普法信息64条。", [(64, "线上普法推送", "done")]),  # posts, no 普法 event (N13, N14 and most writers)
        ("全年开展普法活动52场，覆盖居民约2.3万人次。", [(52, "普法宣传活动", "done"), (23000, "参与人次", "done")]),
        ("开展“打非治违”专项整治4轮。", [(4, "执法检查", "done")]),
        ("依法拆除违法建设17处。", [(17, "其他", "context")]),  # a demolition is no penalty case (see test_demolitions_…)
        ("新创成江山市级民主法治村2个。", [(2, "民主法治示范村", "done")]),
        ("召开领导小组会议2次。", [(2, "法治专题会议", "done")]),
        ("出具法律风险提示书86份。", [(86, "法律意见", "done")]),
        ("全年发生到县集体访1起。", [(1, "信访", "done")]),
        ("镇长亲自审定重大合同5份。", [(5, "合法性审查", "done")]),
        # …and words that no longer name one
        ("全年发生行政复议案件1件。", [(1, "行政复议", "done")]),
        ("办理人大代表建议5件、政协提案2件。", [(5, "人大建议办理", "done"), (2, "其他", "done")]),
        ("全年接待来访群众47人次，协调解决问题19个。", [(47, "信访", "done"), (19, "其他", "done")]),
        ("村法律顾问全年到村服务320余次。", [(320, "其他", "done")]),
        # a petition backlog resolved closes petitions (its act and its thing); a backlog alone counts petitions
        ("镇长带头包案化解信访积案3件。", [(3, "信访办结", "done")]),
        ("推动化解积案3件。", [(3, "信访", "done")]),
        # 排查调处 is mediation; 成功 alone after a mediation count is the stage resolved
        ("全年排查调处矛盾纠纷61件，成功化解58件。", [(61, "矛盾纠纷调解", "done"), (58, "矛盾纠纷化解", "done")]),
        (
            "全年排查矛盾纠纷58件，调解58件，成功56件。",
            [(58, "矛盾纠纷排查", "done"), (58, "矛盾纠纷调解", "done"), (56, "矛盾纠纷化解", "done")],
        ),
        # new violations and an adviser's part in handling cases are no work a metric counts
        ("全年新增违法建设15处。", [(15, "其他", "done")]),
        ("参与处理涉法涉诉信访6件。", [(6, "其他", "done")]),
    ],
)
def test_metric_words_in_the_data(text, expected):
    assert [(i.value, i.metric, i.role) for i in extract_indicators(text)] == expected


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        # demolishing illegal buildings is enforcement by compulsion, not a penalty case (a county reviewer, N2/N5/N7/N8)
        ("全年开展执法巡查52次，依法拆除违法建筑7处，查处非法采砂案件2起。", ["执法检查", "其他", "行政处罚"]),
        ("拆违3处。", ["其他"]),
        # a case about illegal building that is investigated is a penalty case
        ("查处违法建设案件5起。", ["行政处罚"]),
    ],
)
def test_demolitions_are_not_penalty_cases(text, metrics):
    assert [i.metric for i in extract_indicators(text)] == metrics


@pytest.mark.parametrize(
    ("text", "section_kind", "expected"),
    [
        # figures a county reviewer recounted in two briefs (review2: 海原县 2023, 长阳县 2022–2024)
        (
            "开展集中宣传16场，发放宣传册5000余份。",
            "achievements",
            [(16, "场", "普法宣传活动", "done"), (5000, "份", "宣传资料发放", "done")],
        ),
        # a room set up is a mediation body, not a case mediated
        (
            "全镇现有人民调解委员会19个，并在镇综治中心设立“一站式”矛盾纠纷调处室1个。",
            "achievements",
            [(19, "个", "调解组织", "done"), (1, "个", "调解组织", "done")],
        ),
        # a lecture for cadres trains them; one for the villages is 普法
        (
            "邀请县法院法官、律师开展专题法治讲座2场，镇村干部120余人次参加。",
            "achievements",
            [(2, "场", "法治培训", "done"), (120, "人次", "参训人次", "context")],
        ),
        ("在各村开展法治讲座12场。", "achievements", [(12, "场", "普法宣传活动", "done")]),
        # leaders at a court hearing: a warning lesson, not a 普法 activity
        ("带头参加旁听庭审活动1次。", "duty", [(1, "次", "警示教育", "done")]),
        # people counted as the role they are given
        (
            "聘请2名律师担任兼职调解员，全年化解物业类纠纷67件。",
            "achievements",
            [(2, "名", "调解组织", "done"), (67, "件", "矛盾纠纷化解", "done")],
        ),
        ("聘请江西某律师事务所律师2名担任镇政府法律顾问。", "achievements", [(2, "名", "法律顾问", "done")]),
        # a backlog among disputes is the dispute flow; among petitions, petitions
        ("开展山林土地纠纷专项排查，化解陈年积案6件。", "achievements", [(6, "件", "矛盾纠纷化解", "done")]),
        ("开展信访积案专项攻坚，化解陈年积案6件。", "achievements", [(6, "件", "信访", "done")]),
        # leaders who take a case on themselves count a petition, as the labelled sets do, not the township's disputes
        # resolved — their share of the township's, not its caseload (reading 17: context, not summed; N17's writer: not summed)
        ("党政主要负责人对重大复杂纠纷亲自包案化解3件。", "duty", [(3, "件", "信访", "context")]),
        ("全年办理行政执法案件19件。", "achievements", [(19, "件", "行政处罚", "done")]),
        # what is still being handled is left of the flow (short of the concluded), not more of it
        (
            "信访事项：受理42件，办结41件，1件正在依程序办理。",
            "achievements",
            [(42, "件", "信访", "done"), (41, "件", "信访办结", "done"), (1, "件", "信访办结", "shortfall")],
        ),
        ("接待群众来访24批51人次。", "achievements", [(24, "批", "信访", "done"), (51, "人次", "信访", "done")]),
        # a plan named as a thing is no plan made; a plan to do something still is
        (
            "镇党委书记、镇长认真履行推进法治建设第一责任人职责，亲自审定年度法治建设工作计划，带头参加学法10余次。",
            "duty",
            [(10, "次", "集中学法", "done")],
        ),
        ("年度计划开展普法活动30场。", "achievements", [(30, "场", "普法宣传活动", "target")]),
        # 泾县/铅山县 review (B3): what a county official keeps apart from the year's caseloads
        ("对43起轻微违法行为作出不予处罚决定。", "achievements", [(43, "件", "不予处罚", "done")]),
        ("全年网格员上报矛盾纠纷线索263条。", "achievements", [(263, "条", "纠纷线索上报", "done")]),
        ("主要负责人全年带头接访群众30批次。", "duty", [(30, "批次", "领导接访", "done")]),
        ("全年共摸排自建房112处，完成整治58处。", "achievements", [(112, "处", "其他", "context"), (58, "处", "其他", "done")]),
        (
            "全镇14个人民调解委员会共排查矛盾纠纷203件，调解成功196件。",
            "achievements",
            [(14, "个", "调解组织", "done"), (203, "件", "矛盾纠纷排查", "done"), (196, "件", "矛盾纠纷化解", "done")],
        ),
        ("参与企业用地协调、矿区征地补偿等涉法事务11件。", "achievements", [(11, "件", "其他", "done")]),
        (
            "全年镇政府重大行政决策事项8项，全部履行合法性审查程序，其中2项开展了社会稳定风险评估。",
            "achievements",
            [(8, "项", "重大决策合法性审查", "done"), (2, "项", "重大决策合法性审查", "context")],
        ),
        (
            "全年提交合法性审查的重大决策事项3项，合同协议33份。",
            "achievements",
            [(3, "项", "重大决策合法性审查", "done"), (33, "份", "合法性审查", "done")],
        ),
        (
            "全年提交镇党政联席会议研究的重大事项共41项，合法性审查率100%。",
            "achievements",
            [(41, "项", "重大决策合法性审查", "done"), (100, "%", "其他", "done")],
        ),
        # the public reached by 普法, the cadres trained apart
        (
            "举办“法治大讲堂”3期，覆盖镇村（社区）干部约400人次。",
            "achievements",
            [(3, "期", "法治培训", "done"), (400, "人次", "参训人次", "done")],
        ),
        (
            "全年开展普法活动31场次，受益群众和游客约1.6万人次。",
            "achievements",
            [(31, "场", "普法宣传活动", "done"), (16000, "人次", "参与人次", "done")],
        ),
        ("组织旁听庭审1次，参加人员19人。", "achievements", [(1, "次", "警示教育", "done"), (19, "名", "参训人次", "done")]),
        (
            "基地全年接待法治教育活动23批次、约1600人次。",
            "achievements",
            [(23, "批次", "普法宣传活动", "done"), (1600, "人次", "参与人次", "done")],
        ),
        # N13 (通江县、建湖县、宁陕县, after its first measurement)
        (
            "全年立案查处行政违法案件14件，作出行政处罚决定11件，依法不予处罚2件，移送县自然资源局处理1件。",
            "achievements",
            [(14, "件", "行政处罚", "done"), (11, "件", "行政处罚", "context"), (2, "件", "不予处罚", "done"), (1, "件", "其他", "done")],
        ),
        (
            "调解成功的纠纷中，物业纠纷18件、邻里纠纷23件。",
            "achievements",
            [(18, "件", "矛盾纠纷化解", "done"), (23, "件", "矛盾纠纷化解", "done")],
        ),
        ("党政主要负责人每月轮流坐班接访，全年接待群众36人次。", "duty", [(36, "人次", "领导接访", "done")]),
        ("全年接待群众来访120人次。", "achievements", [(120, "人次", "信访", "done")]),
        # a leader's appearances in court are no cases (beside 行政诉讼案件2件 they were counted twice; N38)
        ("镇长带头出庭应诉，全年出庭2次。", "duty", [(2, "次", "其他", "done")]),
        ("今年发生行政诉讼案件2件，镇长出庭应诉2次。", "achievements", [(2, "件", "行政诉讼", "done"), (2, "次", "其他", "done")]),
        ("全年巡湖360余次。", "achievements", [(360, "次", "执法检查", "done")]),
        # reading 19 (宁强县): a river chief's rounds are no enforcement; officers holding licences are no trainees; last
        # year's figure in a phrase of its own is context; a calendar's new year (羌历年) is no total over the years
        ("镇村河长全年巡河620余次；开展联合执法检查36次。", "achievements", [(620, "次", "其他", "done"), (36, "次", "执法检查", "done")]),
        # N34 (平武县、屏南县): forest rangers' and bridge keepers' rounds are no enforcement either; an enforcement patrol is
        ("全镇护林员48名，全年巡山护林2800余人次。", "achievements", [(48, "名", "其他", "context"), (2800, "人次", "其他", "done")]),
        (
            "全镇7座古廊桥均明确桥长和看护员，全年开展巡查840余次。",
            "achievements",
            [(7, "座", "其他", "context"), (840, "次", "其他", "done")],
        ),
        ("落实林长制，全年开展森林执法巡查30次。", "achievements", [(30, "次", "执法检查", "done")]),
        (
            "选派12名干部参加执法业务培训，街道23名执法人员全部取得行政执法证件。",
            "achievements",
            [(12, "名", "参训人次", "done"), (23, "名", "其他", "context")],
        ),
        ("全年会前学法24次，上年同期会前学法为22次。", "achievements", [(24, "次", "集中学法", "done"), (22, "次", "集中学法", "context")]),
        ("羌历年期间举办法治文化节，吸引群众5000余人次参与。", "achievements", [(5000, "人次", "参与人次", "done")]),
        ("深入院坝开展“板凳课堂”26场。", "achievements", [(26, "场", "普法宣传活动", "done")]),
        ("协助5名农民工申请法律援助。", "achievements", [(5, "名", "法律援助", "done")]),
        ("新建3个村级法治文化阵地。", "achievements", [(3, "个", "宣传阵地（新增）", "done")]),
        ("依托景区游客中心设立法治宣传点1个。", "achievements", [(1, "个", "宣传阵地（新增）", "done")]),
        ("在搬迁安置社区设立调解室2个。", "achievements", [(2, "个", "调解组织（新增）", "done")]),
        # N14 (台江县、英山县、镇安县, after its first measurement): parts that add up to a total beside them
        (
            "全年开展进村宣讲15场、进校园4场、进企业（合作社）2场，共计21场。",
            "achievements",
            [
                (15, "场", "普法宣传活动", "context"),
                (4, "场", "普法宣传活动", "context"),
                (2, "场", "普法宣传活动", "context"),
                (21, "场", "普法宣传活动", "done"),
            ],
        ),
        (
            "全年专题学法5次；会前学法14次，全年学法19次。",
            "achievements",
            [(5, "次", "集中学法", "context"), (14, "次", "集中学法", "context"), (19, "次", "集中学法", "done")],
        ),
        (
            "开展执法检查：158次；\n其中联合执法：26次；",
            "achievements",
            [(158, "次", "执法检查", "done"), (26, "次", "执法检查", "context")],
        ),
        (
            "全年开展普法宣传活动26场，超过计划2场；其中结合开园节开展普法2场，结合反诈开展专题宣传8场。",
            "achievements",
            [
                (26, "场", "普法宣传活动", "done"),
                (2, "场", "普法宣传活动", "context"),
                (2, "场", "普法宣传活动", "context"),
                (8, "场", "普法宣传活动", "context"),
            ],
        ),
        ("依托镇微信公众号开设专栏，推送普法信息48条。", "achievements", [(48, "条", "线上普法推送", "done")]),
        ("全镇调解成功矛盾纠纷109起。", "achievements", [(109, "件", "矛盾纠纷化解", "done")]),
        ("景区消费纠纷调解点全年调处游客投诉35起。", "achievements", [(35, "件", "矛盾纠纷调解", "done")]),
        ("全年接待游客30万人次。", "preamble", [(300000, "人次", "其他", "context")]),
        # 岳西县/蕉岭县 review (B4): disputes counted in 宗, a reconsideration closed by mediation, rounds of training
        (
            "全年排查矛盾纠纷152宗，调解成功148宗。",
            "achievements",
            [(152, "件", "矛盾纠纷排查", "done"), (148, "件", "矛盾纠纷化解", "done")],
        ),
        (
            "全年被申请行政复议2件，复议维持1件、经调解结案1件。",
            "achievements",
            [(2, "件", "行政复议", "done"), (1, "件", "行政复议", "context"), (1, "件", "行政复议", "context")],
        ),
        ("开展执法人员全员轮训3轮。", "achievements", [(3, "轮", "法治培训", "done")]),
        ("检查发现问题51处，已整改49处。", "achievements", [(51, "处", "其他", "context"), (49, "处", "其他", "done")]),
        # a figure counting every kind holds the paragraph's others of its metric, unless they are besides
        (
            "开展“法律进工地”等活动38场次，覆盖进城务工人员约2600人次。全年开展各类普法活动51场次。",
            "achievements",
            [(38, "场", "普法宣传活动", "context"), (2600, "人次", "参与人次", "done"), (51, "场", "普法宣传活动", "done")],
        ),
        (
            "全年开展各类普法活动51场次。另开展送法下乡10场。",
            "achievements",
            [(51, "场", "普法宣传活动", "done"), (10, "场", "普法宣传活动", "done")],
        ),
        ("先后3次带队督导山林纠纷化解工作。", "duty", [(3, "次", "其他", "done")]),
        # (a review of the session's code) figures that add up by chance, with no total word, stay; a figure in
        # another unit does not end a run of parts; what is besides a total stays; documents are no decisions;
        # another metric's 共 is no level of what was built
        (
            "开展普法宣传活动2场，法治讲座1场，送法下乡1场。",
            "achievements",
            [(2, "场", "普法宣传活动", "done"), (1, "场", "普法宣传活动", "done"), (1, "场", "普法宣传活动", "done")],
        ),
        (
            "全年开展普法活动10场，其中结合开园节开展普法2场、受众300人次，结合反诈开展专题宣传8场。",
            "achievements",
            [
                (10, "场", "普法宣传活动", "done"),
                (2, "场", "普法宣传活动", "context"),
                (300, "人次", "参与人次", "done"),
                (8, "场", "普法宣传活动", "context"),
            ],
        ),
        (
            "开展“法律进工地”等活动38场次。全年开展各类普法活动51场次，同时开展法治讲座3场。",
            "achievements",
            [(38, "场", "普法宣传活动", "context"), (51, "场", "普法宣传活动", "done"), (3, "场", "普法宣传活动", "done")],
        ),
        ("审查合同30份，规范性文件5件，均经过合法性审查。", "achievements", [(30, "份", "合法性审查", "done"), (5, "件", "其他", "done")]),
        (
            "全年开展普法活动共20场，设置法治宣传栏3块。",
            "achievements",
            [(20, "场", "普法宣传活动", "done"), (3, "块", "宣传阵地（新增）", "done")],
        ),
        # a lesson for the public is 普法, one for cadres training
        ("组建由镇村干部组成的宣讲团，深入院坝开展“板凳课堂”26场。", "achievements", [(26, "场", "普法宣传活动", "done")]),
        ("党委书记带头到村讲法治课3场。", "duty", [(3, "场", "普法宣传活动", "done")]),
        ("为镇村干部讲授法治党课2次。", "duty", [(2, "次", "法治培训", "done")]),
        ("全镇森林覆盖率92%。", "preamble", [(92, "%", "其他", "done")]),
        # a title applied for and refused, or still pending, is no title won
        ("申报市级民主法治示范村1个，因创建资料未达到评审要求，未能获批。", "achievements", [(1, "个", "民主法治示范村", "shortfall")]),
        ("推荐1个社区申报省级民主法治示范社区，省级评审结果尚未公布。", "achievements", [(1, "个", "民主法治示范村", "context")]),
        # a leader's own part in the township's events; places named after their count
        ("党委书记带头参加“书院说法”活动2次。", "duty", [(2, "次", "其他", "done")]),
        (
            "在全镇12个重点小区设立物业纠纷调解点，全年调处物业纠纷91件。",
            "achievements",
            [(12, "个", "其他", "context"), (91, "件", "矛盾纠纷调解", "done")],
        ),
    ],
)
def test_figures_a_county_reviewer_recounted(text, section_kind, expected):
    got = [(i.value, i.unit, i.metric, i.role) for i in extract_indicators(text, section_kind=section_kind)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # vehicles counted in 台次 / 辆次 (a county reviewer missed 火烧坪乡's 32台次 from 行政处罚)
        ("查处超限超载车辆32台次。", [(32, "台次", "行政处罚")]),
        ("开展执法巡查45辆次。", [(45, "辆次", "执法检查")]),
    ],
)
def test_vehicle_counts(text, expected):
    assert [(i.value, i.unit, i.metric) for i in extract_indicators(text)] == expected


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # a sentence opening with 其中 breaks down the totals of the sentence before (an outside county
        # reviewer found 杭埠镇's 101 labour disputes added to its 318)
        (
            "全年排查矛盾纠纷318件、化解298件。其中劳资纠纷101件。",
            [("矛盾纠纷排查", "done"), ("矛盾纠纷化解", "done"), ("矛盾纠纷排查", "context")],
        ),
        ("全年开展普法活动12场。其中进校园3场。", [("普法宣传活动", "done"), ("普法宣传活动", "context")]),
        # a sentence not opening with 其中 starts afresh
        ("开展普法活动12场。全年开展普法活动3场。", [("普法宣传活动", "done"), ("普法宣传活动", "done")]),
    ],
)
def test_a_sentence_of_parts_breaks_down_the_sentence_before(text, roles):
    assert [(i.metric, i.role) for i in extract_indicators(text)] == roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # N11 and the seventh reading (岷县, 临澧县): a part of the cases before it is not added to them
        ("办理行政处罚案件29件，适用简易程序18件。", [(29, "行政处罚", "done"), (18, "行政处罚", "context")]),
        ("办理行政处罚案件31件，适用轻微不罚8件。", [(31, "行政处罚", "done"), (8, "行政处罚", "context")]),
        ("查处违法占地、违规建房等行为43起，其中立案查处12件。", [(43, "行政处罚", "done"), (12, "行政处罚", "context")]),
        # leaders attending law study are study, not publicity; what was stopped, self-assessed or recorded is no count of its own
        ("党政主要负责人分别带头参加学法活动8次。", [(8, "集中学法", "done")]),
        ("全年查处违法行为4起，制止违法建房苗头行为7起。", [(4, "行政处罚", "done"), (7, "其他", "done")]),
        ("组织执法案卷自评2次。", [(2, "其他", "done")]),
        ("录制壮语、苗语普法音频12期。", [(12, "其他", "done")]),
        # last year's and the year before's figures are context; a figure assigned from above is a target
        ("土地承包类纠纷由前年的135起降至79起。", [(135, "矛盾纠纷排查", "context"), (79, "矛盾纠纷排查", "done")]),
        (
            "培育“法律明白人”98名，完成市里下达的100名培育任务的98%。",
            [(98, "法律明白人", "done"), (100, "法律明白人", "target"), (98, "其他", "done")],
        ),
    ],
)
def test_parts_and_counts_of_other_things(text, expected):
    assert [(i.value, i.metric, i.role) for i in extract_indicators(text)] == expected


@pytest.mark.parametrize("cues", ["CUES", "CARRIED_CUES", "PHRASE_CUES"])
def test_no_role_cue_matches_empty_words(cues):
    """_nearest_cue passes empty words over: a cue matching them would give every number its role."""
    assert [role for pattern, role in getattr(indicators, cues) if pattern.search("")] == []


def test_a_figure_line_aligned_with_spaces_matches_its_label():
    """N12: 「中心组及会前学法　　　　　18次」 is stored as the data line 「中心组及会前学法 18次」; its label,
    written with the report's ideographic spaces, was counted as not found (and the figure as unlabelled)."""
    from analysis.parse.report import parse_bytes

    text = "关于某镇2023年法治政府建设情况的报告\n一、工作开展情况\n主要数据如下：\n中心组及会前学法　　　　　18次\n办理法律援助案件　　　　　12件\n"
    found = [i for i in parse_bytes(text.encode(), name="a.txt").indicators if i.value in (18, 12)]
    labels = pd.DataFrame(
        {
            "file": "a.txt",
            "sentence": ["中心组及会前学法　　　　　18次", "办理法律援助案件　　　　　12件"],
            "number": ["18次", "12件"],
            "value": [18.0, 12.0],
            "unit": ["次", "件"],
            "metric": ["集中学法", "法律援助"],
            "role": "done",
            "kind": "flow",
            "approx": False,
        }
    )
    pairs, unmatched = match_numbers(labels, {"a.txt": found})
    assert pairs.found.tolist() == [True, True] and unmatched == []
    assert pairs.got_metric.tolist() == ["集中学法", "法律援助"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # N15 (苍溪县, 闻喜县, 盱眙县): market-day and courtyard publicity are 普法 events
        ("开展“法治赶场”16场、“法治院坝会”45场。", [(16, "普法宣传活动", "done"), (45, "普法宣传活动", "done")]),
        # petitions resolved or closed are the petitions' later stage, not disputes resolved; what is left of them too
        ("受理信访事项58件，化解55件。", [(58, "信访", "done"), (55, "信访办结", "done")]),
        (
            "排查信访隐患17件，化解15件，剩余2件落实专人稳控。",
            [(17, "信访", "done"), (15, "信访办结", "done"), (2, "信访办结", "shortfall")],
        ),
        # what is left after the clause before, naming nothing of its own, is left of that clause's count
        (
            "全镇排查矛盾纠纷264件，化解255件；剩余9件已明确包案领导。",
            [(264, "矛盾纠纷排查", "done"), (255, "矛盾纠纷化解", "done"), (9, "矛盾纠纷化解", "shortfall")],
        ),
        # a dispute stage's own act names it; judicial confirmation is a count of its own
        (
            "全年排查各类矛盾纠纷143件，登记受理140件，调解成功135件，引导司法确认4件。",
            [(143, "矛盾纠纷排查", "done"), (140, "矛盾纠纷调解", "done"), (135, "矛盾纠纷化解", "done"), (4, "司法确认", "done")],
        ),
        # some of a stock counted before (「…中，」) are that stock, whatever they took part in
        ("全镇249名法律明白人中，全年参与调解纠纷的仅96名。", [(249, "法律明白人", "done"), (96, "法律明白人", "shortfall")]),
        ("新培育的法律明白人中，有二十余名尚未参加过系统培训。", [(20, "法律明白人", "shortfall")]),
        # enforcement staff trained are trainees, not inspections
        ("举办执法文书规范化培训2次，培训执法人员及站所业务骨干64人次。", [(2, "法治培训", "done"), (64, "参训人次", "done")]),
        # a title names the thing counted only right before the number
        ("制定《东镇镇行政执法公示办法》等内部制度6项，废止5件。", [(6, "其他", "done"), (5, "其他", "done")]),
        ("发放《致全乡村居民的一封信》2000余份。", [(2000, "宣传资料发放", "done")]),
        # an account named 「…发布」 publishing government information is 政务公开, not an online 普法 post
        ("通过镇政府信息公开栏和“东镇发布”公开各类信息312条。", [(312, "政务信息公开", "done")]),
        ("排查矛盾纠纷隐患12件。", [(12, "矛盾纠纷排查", "done")]),
        # legal opinions counted in 次, slogans painted in 处; a mock trial is held (模拟 is no plan: 拟)
        ("为重大事项决策提供法律意见17次。", [(17, "法律意见", "done")]),
        ("悬挂横幅60条，刷写墙体标语90余处。", [(60, "横幅标语", "done"), (90, "横幅标语", "done")]),
        ("举办模拟法庭1场。", [(1, "普法宣传活动", "done")]),
        ("拟开展普法活动3场。", [(3, "普法宣传活动", "target")]),
    ],
)
def test_what_a_stage_a_remainder_or_a_subset_counts(text, expected):
    assert [(i.value, i.metric, i.role) for i in extract_indicators(text)] == expected


def test_a_round_figure_written_without_its_digit_is_read_approximate():
    """B4 reading: 「近万人次」 was left out of the people reached; 千家万户 is still no count."""
    found = [(i.value, i.unit, i.metric, i.approx) for i in extract_indicators("开展普法宣传活动12场，受众近万人次，发放资料上千份。")]
    assert found == [(12, "场", "普法宣传活动", False), (10_000, "人次", "参与人次", True), (1_000, "份", "宣传资料发放", True)]
    assert extract_indicators("法治宣传走进千家万户。") == []


def test_a_team_made_up_of_figures_counts_them_all():
    """B4 reading: 温泉镇's 「由4名专职调解员和16名兼职调解员组成」 were 16 mediators (由 read as 「由…提高到」)."""
    found = [(i.value, i.metric, i.role) for i in extract_indicators("组建由4名专职调解员和16名兼职调解员组成的调解队伍。")]
    assert found == [(4, "调解组织", "done"), (16, "调解组织", "done")]
    assert [i.role for i in extract_indicators("执法队员持证率由71%提高到93%。")] == ["context", "done"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # N16: an earlier year's figure beside the year's own is context, whichever comes first
        ("全年开展集中学法16次（2021年为11次），其中党工委中心组学法6次。", [(16, "done"), (11, "context"), (6, "context")]),
        ("全年各类矛盾纠纷由2021年的412件下降到368件。", [(412, "context"), (368, "done")]),
        ("党工委会议专题研究法治建设4次（上年同期：5次）。", [(4, "done"), (5, "context")]),
        # the plan's figure a sentence says was met is the plan's, not the year's work
        ("开展“法治进油区”宣传7场，完成6场的计划。", [(7, "done"), (6, "target")]),
        ("新培育法律明白人54名，超额完成50名的年度任务。", [(54, "done"), (50, "target")]),
    ],
)
def test_an_earlier_years_or_a_plans_figure_beside_the_years_own(text, expected):
    assert [(i.value, i.role) for i in extract_indicators(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # twelfth reading (鄄城县, 洱源县): opinions adopted are some of those given
        ("提出审查意见61条，采纳59条。", [(61, "法律意见", "done"), (59, "法律意见", "context")]),
        # the words after a petition count close the next one, not it
        (
            "40件信访事项已办结38件，其余2件正在按程序办理。",
            [(40, "信访", "done"), (38, "信访办结", "done"), (2, "信访办结", "shortfall")],
        ),
        # actions taken, most of them a talking-to, are no penalty cases; cases 查处 with 责令改正 still are
        (
            "全年查处违规野外用火行为27起，其中批评教育23起、依法处罚4起。",
            [(27, "其他", "done"), (23, "其他", "context"), (4, "行政处罚", "done")],
        ),
        (
            "全年查处违法案件58件，其中作出罚款决定21件、责令改正37件。",
            [(58, "行政处罚", "done"), (21, "行政处罚", "context"), (37, "行政处罚", "context")],
        ),
        # a village put forward and not yet named is no model village
        ("推荐1个村参评市级民主法治示范村，目前尚未命名。", [(1, "民主法治示范村", "context")]),
        # problems a meeting solved are no disputes mediated
        ("研究解决存量违建处置、物业纠纷调处等重点问题11个。", [(11, "其他", "done")]),
        # mediators trained are trainees; mediators chosen to fill places are new ones
        ("组织村调解员集中培训2次，培训调解员160余人次。", [(2, "法治培训", "done"), (160, "参训人次", "done")]),
        ("补充选聘年轻调解员11名。", [(11, "调解组织（新增）", "done")]),
        ("全街道112名专职网格员中，接受过系统法律培训的仅40余名。", [(112, "网格员", "done"), (40, "网格员", "shortfall")]),
    ],
)
def test_what_the_twelfth_reading_recounted(text, expected):
    assert [(i.value, i.metric, i.role) for i in extract_indicators(text)] == expected


def _figures(text: str) -> list[tuple]:
    return [(i.value, i.unit, i.metric, i.role) for i in extract_indicators(text)]


def test_a_table_of_figures_is_read_by_its_columns():
    """Rows of a table written as text (N17): the target, done and rate columns, the unit from the label's
    （次） or a 单位 column, the latest year's column done and the earlier year's context; the rows'
    numbers are read once, and the sentence after the table as before."""
    text = (
        "表1  主要指标完成情况\n"
        "序号  指标                目标任务    完成情况    完成率\n"
        "1     集中学法（次）      24          26          108.3%\n"
        "2     矛盾纠纷化解率（%）  96          96.8        —\n"
        "| 指标 | 单位 | 2023年 | 2024年 |\n"
        "| 领导接访 | 批次 | 62 | 58 |\n"
        "全年开展普法活动12场。"
    )
    assert _figures(text) == [
        (24, "次", "集中学法", "target"),
        (26, "次", "集中学法", "done"),
        (108.3, "%", "集中学法", "done"),
        (96, "%", "化解率", "target"),
        (96.8, "%", "化解率", "done"),
        (62, "批次", "领导接访", "context"),
        (58, "批次", "领导接访", "done"),
        (12, "场", "普法宣传活动", "done"),
    ]


def test_a_share_in_tenths_is_a_percentage():
    """近四成 is 40 %, approximate; 三五成群 and 建成 count nothing."""
    found = extract_indicators("调解员中60岁以上的占近四成，群众三五成群围观，已建成3个站点。")
    assert [(i.value, i.unit, i.approx) for i in found] == [(40, "%", True), (3, "个", False)]


def test_petitions_closed_and_received_by_leaders():
    """办结信访事项：22件 and 包案化解信访积案3件 close petitions; a leader's receptions are 领导接访 whoever
    the leader is; a backlog of disputes resolved stays a dispute figure."""
    assert [f[2] for f in _figures("办结信访事项：22件")] == ["信访办结"]
    assert [f[2] for f in _figures("党政主要负责人带头接访32人次，包案化解信访积案3件。")] == ["领导接访", "信访办结"]
    assert [f[2] for f in _figures("受理信访事项65件，办结61件，街道领导接访118人次。")] == ["信访", "信访办结", "领导接访"]
    assert [f[2] for f in _figures("会同有关部门开展林地权属纠纷专项调处，成功化解积案3件。")] == ["矛盾纠纷化解"]


def test_major_decisions_counted_and_a_lecture_for_cadres():
    """重大行政决策事项6项 is the decisions reviewed; one listed after others (审查合同及重大决策41件) is not;
    a 法治讲堂 held for cadres, planned or done, is training; a comparison with the plan is no plan."""
    assert [f[2] for f in _figures("全年重大行政决策事项5项，全部履行合法性审查程序。")] == ["重大决策合法性审查"]
    assert [f[2] for f in _figures("审查合同、协议及重大行政决策事项41件。")] == ["合法性审查"]
    assert _figures("一是持续加强干部学法，计划举办“法治讲堂”不少于6期。") == [(6, "期", "法治培训", "target")]
    assert _figures("开展中心组学法12次，举办“法治讲堂”8期，比年初计划多2期，参训510人次。") == [
        (12, "次", "集中学法", "done"),
        (8, "期", "法治培训", "done"),
        (2, "期", "普法宣传活动", "context"),
        (510, "人次", "参训人次", "done"),
    ]


def test_labels_named_with_the_finer_metrics_are_compared_as_such():
    """A set whose writers had today's metric names (信访办结, 领导接访…) is scored by them; a set written from the
    older list, which lacks them, by its coarser names (信访)."""
    from analysis.insights.indicator_eval import LABEL_NAMES, label_names, labelled_metric

    fine = pd.DataFrame({"metric": ["信访", "信访办结"]})
    coarse = pd.DataFrame({"metric": ["信访", "矛盾纠纷化解"]})
    assert label_names(fine) == {} and label_names(coarse) == LABEL_NAMES
    assert labelled_metric("信访办结", label_names(fine)) == "信访办结"
    assert labelled_metric("信访办结", label_names(coarse)) == "信访"


def test_percentages_in_words_data_lines_with_the_unit_in_brackets_and_a_space_before_the_unit():
    """N18: 百分之九十七点七 is 97.7 %; 「矛盾纠纷排查／调解／化解（件）：281／276／270」 is three figures, each its stage's,
    and 「法治培训（期／人次）：3／1,126」 two; 「426 件」 is 426 件, 「第 3 次」 no count."""
    assert _figures("全年化解矛盾纠纷380件，化解率百分之九十七点七。") == [
        (380, "件", "矛盾纠纷化解", "done"),
        (97.7, "%", "化解率", "done"),
    ]
    assert _figures("力争物业纠纷化解率达到百分之九十五。") == [(95, "%", "化解率", "target")]
    assert _figures("中心组学法（次）：12\n矛盾纠纷排查／调解／化解（件）：281／276／270\n法治培训（期／人次）：3／1,126") == [
        (12, "次", "集中学法", "done"),
        (281, "件", "矛盾纠纷排查", "done"),
        (276, "件", "矛盾纠纷调解", "done"),
        (270, "件", "矛盾纠纷化解", "done"),
        (3, "期", "法治培训", "done"),
        (1126, "人次", "参训人次", "done"),
    ]
    assert _figures("全年排查矛盾纠纷 426 件，召开第 3 次联席会议。") == [(426, "件", "矛盾纠纷排查", "done")]


def test_labels_are_matched_as_the_reports_are_read():
    """A label written with full-width digits (「引导申请司法确认９件」) matches the figure the folded text gives."""
    labels = pd.DataFrame(
        [
            {
                "file": "a.txt",
                "sentence": "引导申请司法确认９件。",
                "number": "９件",
                "value": 9,
                "unit": "件",
                "metric": "司法确认",
                "role": "done",
                "kind": "flow",
                "approx": False,
            }
        ]
    )
    pairs, _ = match_numbers(labels, {"a.txt": extract_indicators("引导申请司法确认9件。")})
    assert pairs.found.tolist() == [True] and pairs.got_metric.tolist() == ["司法确认"]


def _got(text: str) -> list[tuple]:
    from analysis.read.textclean import normalize

    return [(i.value, i.unit, i.metric, i.role) for i in extract_indicators(normalize(text), section_kind="achievements")]


def test_a_table_aligned_with_spaces_is_read_by_its_columns():
    """N20: a table whose columns are aligned with runs of spaces (no tabs, no bars) is read like any other; a table
    whose columns name what they count (排查（件）) reads each cell as its column's metric, and the rows it totals
    (一季度…, then 合计) are parts (context), the 合计 row the year's figure."""
    years = "指标名称                  2022年    2023年      增减\n集中学法（次）                18        20        +2\n行政处罚（起）                37        41        +4\n"
    assert _got(years) == [
        (18, "次", "集中学法", "context"),
        (20, "次", "集中学法", "done"),
        (2, "次", "集中学法", "context"),  # (the change since last year, N27)
        (37, "件", "行政处罚", "context"),
        (41, "件", "行政处罚", "done"),
        (4, "件", "行政处罚", "context"),
    ]
    columns = (
        "季度        排查（件）  调处（件）  化解（件）    化解率\n"
        "一季度              46          41          40     97.6%\n"
        "合计               203         183         179     97.8%\n"
    )
    assert _got(columns) == [
        (46, "件", "矛盾纠纷排查", "context"),
        (41, "件", "矛盾纠纷调解", "context"),
        (40, "件", "矛盾纠纷化解", "context"),
        (97.6, "%", "化解率", "context"),
        (203, "件", "矛盾纠纷排查", "done"),
        (183, "件", "矛盾纠纷调解", "done"),
        (179, "件", "矛盾纠纷化解", "done"),
        (97.8, "%", "化解率", "done"),
    ]


def test_prose_and_spaced_titles_are_no_aligned_table():
    from analysis.read.textclean import normalize

    assert normalize("报  告  书\n一、 工作  情况  说明\n全年  学法  12次") == "报告书\n一、工作情况说明\n全年学法 12次"


def test_figures_chained_by_arrows_or_dashes_count_their_stages():
    """「“排查→调处→化解”分别为326→312→306件，其中…在线调解37件」, 「排查—调解—化解：158—146—142件」, 「“受理→办结”41→41件」
    (N20): each figure counts its own stage; a 其中 part after the chain is a part."""
    assert _got("全年矛盾纠纷“排查→调处→化解”分别为326→312→306件，其中通过“共享法庭”在线调解37件。") == [
        (326, "件", "矛盾纠纷排查", "done"),
        (312, "件", "矛盾纠纷调解", "done"),
        (306, "件", "矛盾纠纷化解", "done"),
        (37, "件", "矛盾纠纷调解", "context"),
    ]
    assert _got("全年矛盾纠纷排查—调解—化解：158—146—142件。") == [
        (158, "件", "矛盾纠纷排查", "done"),
        (146, "件", "矛盾纠纷调解", "done"),
        (142, "件", "矛盾纠纷化解", "done"),
    ]
    assert _got("信访件“受理→办结”41→41件。") == [(41, "件", "信访", "done"), (41, "件", "信访办结", "done")]


def test_study_days_reads_and_visits_and_decisions_in_brackets():
    """N20: 「“周五学法日”活动24次」 is collective study, not publicity; 入户宣传 households are people reached;
    「重大行政决策（3项）」 counts major decisions. A post's 阅读量, even in 人次, is reads, not people: added to the people
    reached in person it made 上集镇's 2.3万 7万 (淅川县 reading 23; most writers label reads 其他, 26 of 36)."""
    assert _got("机关干部“周五学法日”活动24次。") == [(24, "次", "集中学法", "done")]
    assert _got("“分水普法”公众号全年推送168条，阅读量3.2万余人次。")[1][2] == "其他"
    assert _got("“上集普法”公众号全年推送法治类信息一百零八条，阅读量达4.7万人次。")[1][2] == "其他"
    assert _got("组织“法律明白人”入户宣传1800余户。")[0][2] == "参与人次"
    assert _got("重大行政决策（3项）均履行法定程序。") == [(3, "项", "重大决策合法性审查", "done")]


def test_leaders_receptions_exam_rates_first_offences_and_slashed_stages():
    """N21: a leader's receptions are 领导接访, also when the number's own words are a bare 全年接待 after the clause
    naming the leader; an exam's pass or attendance rate is 学法考试 (a case file's 合格率 is not); 首违不罚 is
    不予处罚; 「受理/办结：64件/62件」 pairs each stage with its figure."""
    assert _got("全年镇领导接待来访群众152人次，受理信访事项64件。") == [(152, "人次", "领导接访", "done"), (64, "件", "信访", "done")]
    assert _got("党委书记、镇长每月固定一天接待群众来访，全年接待八十余人次。") == [(80, "人次", "领导接访", "done")]
    assert _got("组织全镇86名机关干部参加年度学法用法考试，参考率、合格率均达100%。")[1][2] == "学法考试"
    assert _got("案卷评查合格率95%。")[0][2] == "其他"
    assert _got("——首违不罚：6件") == [(6, "件", "不予处罚", "done")]
    assert _got("信访事项受理/办结：64件/62件") == [(64, "件", "信访", "done"), (62, "件", "信访办结", "done")]


def test_a_table_with_a_unit_column_and_year_columns():
    """N23: 「指标名称  单位  2023年  2022年」 — a one-character unit cell beside two figures still makes a row of the table;
    this year's column is done, last year's context."""
    table = "指标名称              单位    2023年    2022年\n集中学法              次      14        12\n化解率                %       96.9      96.1\n"
    assert _got(table) == [
        (14, "次", "集中学法", "done"),
        (12, "次", "集中学法", "context"),
        (96.9, "%", "化解率", "done"),
        (96.1, "%", "化解率", "context"),
    ]


def test_round_figures_and_one_after_its_noun():
    """N23: 「发放资料千余份」 is about 1,000 (approximate); 「示范村一个、州级两个」「重大行政决策一项」 count one after the
    noun; 一 before a noun (一个平台) or after 每 (每村一名) counts nothing."""
    found = extract_indicators("发放资料千余份，开展送法进村活动八次。")
    assert [(i.value, i.unit, i.metric, i.approx) for i in found] == [(1000, "份", "宣传资料发放", True), (8, "次", "普法宣传活动", False)]
    assert _got("列为年度重大行政决策一项，组建普法宣讲队一支，") == [(1, "项", "重大决策合法性审查", "done"), (1, "支", "其他", "done")]
    assert _got("建立了一个平台。每村一名法律顾问。数千余份") == []


def test_leaders_receptions_told_after_the_leaders_clause():
    """N23: 「党政主要负责人坚持接访下访，全年接待来访群众36批次」 — the leaders' receptions, also counted in people right after
    (28批61人次); a reception without a leader stays 信访; 「、召开听证会1次」 is no 公开 of the figure before."""
    assert _got("党政主要负责人坚持接访下访，全年接待来访群众36批次，化解信访问题21件。")[0] == (36, "批次", "领导接访", "done")
    assert _got("党政主要负责人每月15日固定接访，全年共接待来访群众28批61人次。") == [
        (28, "批", "领导接访", "done"),
        (61, "人次", "领导接访", "done"),
    ]
    assert _got("全年受理信访事项158件，接待来访群众40人次。") == [(158, "件", "信访", "done"), (40, "人次", "信访", "done")]
    # reading 16 (北舞渡镇 2022): 「镇党政领导」 receive too; 2023's 「镇党政领导全年接待来访群众240人次」 was already 领导接访
    assert _got("镇党政领导坚持每周接访，全年接待来访群众215人次。") == [(215, "人次", "领导接访", "done")]
    assert _got("经公开征求意见、召开听证会1次后提交集体讨论。") == [(1, "次", "其他", "done")]


def test_work_of_other_bodies_in_the_township_is_context():
    """N23: what the police station, the court or the county's bureau did in the township is no work of the township's
    (context, out of every sum); the township's work with them or at the court is its own."""
    assert _got("丹江派出所全年办理治安案件64起，县法律援助中心在我镇办理法律援助案件19件。") == [
        (64, "件", "其他", "context"),
        (19, "件", "法律援助", "context"),
    ]
    assert _got("此外，岸堤人民法庭开展诉前调解58件，县司法局在我镇开展“送法下乡”活动3场。") == [
        (58, "件", "矛盾纠纷调解", "context"),
        (3, "场", "普法宣传活动", "context"),
    ]
    assert _got("镇司法所联合派出所开展“法律进村入户”活动17场。") == [(17, "场", "普法宣传活动", "done")]
    assert _got("组织镇村干部赴县人民法院旁听庭审1次。") == [(1, "次", "警示教育", "done")]


def test_a_quoted_name_a_cumulative_clause_and_a_data_lines_lecture():
    """沂南县 reading: 「、“无讼村居”5个」 counts its own thing, not the model villages listed before it; 「截至目前，…建成法治宣传阵地
    41处」 is what stands to date, not the year's new sites; 「法治讲座：3场；参训：300人次」 is a training (its 参训 in the
    next clause of the data line)."""
    assert _got("新创建市级民主法治示范村1个、“无讼村居”5个。")[1][2] == "其他"
    assert _got("截至目前，街道累计培育“法律明白人”310名，建成法治宣传阵地41处。")[1][:3] == (41, "处", "宣传阵地")
    assert _got("在古街入口打造法治宣传阵地2处。") == [(2, "处", "宣传阵地（新增）", "done")]
    assert _got("【数据】集中学法：16次；法治讲座：3场；参训：300人次")[1] == (3, "场", "法治培训", "done")


def test_a_table_of_one_ideographic_space_a_column():
    """N25: 「月份　排查（件）　化解（件）」 then 「1月　14　13」…「合计　198　190」 — one U+3000 between the cells, columns
    naming their unit only: the months are parts, the 合计 row the year's; prose and spaced titles keep their spaces out."""
    from analysis.read.textclean import normalize

    table = normalize(
        "分月情况如下：\n月份\u3000排查（件）\u3000化解（件）\n1月\u300014\u300013\n2月\u300012\u300012\n合计\u300026\u300025\n"
    )
    assert _got(table) == [
        (14, "件", "矛盾纠纷排查", "context"),
        (13, "件", "矛盾纠纷化解", "context"),
        (12, "件", "矛盾纠纷排查", "context"),
        (12, "件", "矛盾纠纷化解", "context"),
        (26, "件", "矛盾纠纷排查", "done"),
        (25, "件", "矛盾纠纷化解", "done"),
    ]
    assert normalize("报\u3000告\n全年学法\u300012次，调解\u30005件") == "报告\n全年学法 12次，调解 5件"


def test_last_years_figures_in_brackets_after_a_note_saying_so():
    """N25: 「主要数据（括号内为2022年数据）」 then 「集中学法：32次（30次）」 — the bracketed figure is last year's: context."""
    text = "（九）主要数据（括号内为2022年数据）\n集中学法：32次（30次）\n执法检查：104次（96次）；行政处罚：21件（17件）"
    assert _got(text) == [
        (32, "次", "集中学法", "done"),
        (30, "次", "集中学法", "context"),
        (104, "次", "执法检查", "done"),
        (96, "次", "执法检查", "context"),
        (21, "件", "行政处罚", "done"),
        (17, "件", "行政处罚", "context"),
    ]
    # without the note a bracketed figure is what its words say
    assert _got("全年调解纠纷86件（其中成功82件）。")[0] == (86, "件", "矛盾纠纷调解", "done")


def test_an_exam_pass_rate_and_the_leaders_own_receptions():
    """N25: 「参加学法考试，合格率100%」 — the rate of that exam; 「书记接访日制度，全年接访24次」「书记、主任每月至少接访1次，
    全年共接访15次」 — the leaders' receptions, not petitions received; another body's figure keeps its parts."""
    assert _got("组织176名干部参加学法考试，合格率100%。") == [(176, "名", "学法考试", "done"), (100, "%", "学法考试", "done")]
    assert _got("坚持每周一书记接访日制度，全年接访24次，接待群众63人次。") == [
        (24, "次", "领导接访", "done"),
        (63, "人次", "领导接访", "done"),
    ]
    assert _got("街道党工委书记、办事处主任每月至少接访1次，全年共接访15次。") == [
        (1, "次", "领导接访", "target"),
        (15, "次", "领导接访", "done"),
    ]
    assert _got("全年受理信访事项51件，接访群众20人次。")[0] == (51, "件", "信访", "done")
    assert [r for *_, r in _got("城关派出所全年受理各类警情5600余起，其中纠纷类警情1400余起。")] == ["context", "context"]


def test_what_a_figure_does_itself_and_who_did_it():
    """Reading 15: nets cleared after penalty cases are no cases; a meeting about a mine after the rule-of-law meetings is
    no such meeting; places put right are no inspections; volunteers mobilised are no audience; a mock trial is no
    warning education (旁听庭审 is)."""
    assert _got("配合县农业综合执法大队开展联合巡查126次，查处非法捕捞案件11起，清理违规网具230余件（套）。") == [
        (126, "次", "执法检查", "done"),
        (11, "件", "行政处罚", "done"),
        (230, "件", "其他", "done"),
    ]
    assert [m for _, _, m, _ in _got("主持召开法治建设专题会议3次，协调县直部门研究采空区治理问题2次。")] == ["法治专题会议", "其他"]
    assert [m for _, _, m, _ in _got("开展检查240余次，整治占道经营、乱搭乱建1300余处。")] == ["执法检查", "其他"]
    assert [m for _, _, m, _ in _got("开展燃气安全专项整治8次。")] == ["执法检查"]
    assert [m for _, _, m, _ in _got("动员志愿者1800余名参与防控。")] == ["其他"]
    assert [m for _, _, m, _ in _got("组织业务培训8次、模拟庭审2次，组织干部旁听庭审2次。")] == ["法治培训", "法治培训", "警示教育"]


def test_a_total_with_no_noun_of_its_own_counts_the_clause_befores_thing():
    """N25: 「继续推进“法律明白人”培养工程，力争总数达到200名」 — the total of 法律明白人, a target."""
    assert [(m, r) for _, _, m, r in _got("继续推进“法律明白人”培养工程，力争总数达到200名。")] == [("法律明白人", "target")]


def test_a_table_of_counts_of_four_digits_and_its_change_column():
    """N27: 「发放宣传资料 | 份 | 8000 | 12000 | +4000」 — a row of four-digit counts is no header of years (the rows after
    it were lost); the change column's 「+3」「-6」 are last year's changes in the row's unit, context."""
    text = "指标名称 | 单位 | 2022年 | 2023年 | 增减\n集中学法 | 次 | 12 | 15 | +3\n发放宣传资料 | 份 | 8000 | 12000 | +4000\n受理信访 | 件 | 28 | 22 | -6\n"
    assert _got(text) == [
        (12, "次", "集中学法", "context"),
        (15, "次", "集中学法", "done"),
        (3, "次", "集中学法", "context"),
        (8000, "份", "宣传资料发放", "context"),
        (12000, "份", "宣传资料发放", "done"),
        (4000, "份", "宣传资料发放", "context"),
        (28, "件", "信访", "context"),
        (22, "件", "信访", "done"),
        (6, "件", "信访", "context"),
    ]


def test_a_recap_of_the_years_figures_is_counted_once():
    """Sixteenth reading (北舞渡镇): 「主要数据：」 then 「集中学法20次；普法宣传活动36场次」 restates the body's 5 + 15 and 26场 +
    10次: the body's figures are parts of the recap's (context), so the year's 集中学法 is 20, not 40."""
    text = (
        "全年开展中心组集中学法5次、政府常务会议会前学法15次。全年开展集中普法宣传活动26场、法律进集市活动10次。\n"
        "主要数据：\n集中学法20次；普法宣传活动36场次；调解纠纷156件。"
    )
    assert [(v, m, r) for v, _, m, r in _got(text) if m in ("集中学法", "普法宣传活动")] == [
        (5, "集中学法", "context"),
        (15, "集中学法", "context"),
        (26, "普法宣传活动", "context"),
        (10, "普法宣传活动", "context"),
        (20, "集中学法", "done"),
        (36, "普法宣传活动", "done"),
    ]


def test_a_table_with_a_category_column_and_remarks():
    """Sixteenth reading (辛安镇 2024): 「序号 | 类别 | 项目 | 数量 | 备注」 — a row whose figure the cells do not read
    (「3期/205人次」) does not end the table, the 项目 column names the figure, and a remark (「含联合检查38次」「计划25场」)
    is no work besides the row's: 执法检查 was summed 150 + 38."""
    text = (
        "序号 | 类别 | 项目 | 数量 | 备注\n1 | 学法用法 | 集中学法 | 16次 | 其中会前学法12次\n"
        "2 | 学法用法 | 法治培训 | 3期/205人次 | 期数与上年持平\n4 | 行政执法 | 执法检查 | 150次 | 含联合检查38次\n"
    )
    got = _got(text)
    assert (150, "次", "执法检查", "done") in got and (38, "次", "执法检查", "context") in got
    assert not [g for g in got if g[0] == 38 and g[3] == "done"]


def test_the_people_a_training_had_listed_after_it():
    """Sixteenth reading (北舞渡镇's recap 「法治培训4期、265人次」): the 265 were trained, not public reached by 普法."""
    assert [(v, m) for v, _, m, _ in _got("法治培训4期、265人次。")] == [(4, "法治培训"), (265, "参训人次")]
    assert [(v, m) for v, _, m, _ in _got("开展普法宣传活动36场、受众1.2万人次。")] == [(36, "普法宣传活动"), (12000, "参与人次")]


def _duty(text: str) -> list[tuple]:
    return [(i.value, i.unit, i.metric, i.role) for i in extract_indicators(text, section_kind="duty")]


def test_the_leaders_own_part_in_the_duty_section():
    """Reading 17 and N28: in the duty section a leader's 包案 cases are the leader's share of the township's (context,
    not its caseload: 木鱼镇's 信访 read 1件); 「召开党委会专题研究4次」 is a meeting on rule of law there; 「接待来访群众：
    28批次」 under 第一责任人 is the leaders' receptions (白石渡镇's were read as petitions received)."""
    assert _duty("党委书记、镇长带头学法讲法，专题研究法治工作2次，包案信访1件。") == [
        (2, "次", "法治专题会议", "done"),
        (1, "件", "信访", "context"),
    ]
    assert _duty("镇党委书记、镇长把法治建设作为“一把手工程”，全年召开党委会专题研究4次。") == [(4, "次", "法治专题会议", "done")]
    assert _duty("接待来访群众：28批次") == [(28, "批次", "领导接访", "done")]
    # (in the achievements a 包案 count stays the township's work; a clause after a reception counts its own thing)
    assert _got("对重点信访事项实行领导包案，全年办结信访事项21件。")[0][2:] == ("信访办结", "done")
    assert _duty("党政主要负责人坚持周四接访日制度，全年接待来访群众68批次，阅批群众来信40余件。")[1][2] != "领导接访"


def test_a_trade_training_a_meeting_on_something_else_and_the_change_of_a_thing_counted_apart():
    """Reading 17 and N28: a training in a trade is no 普法 (「中蜂养殖技术培训3期」); a meeting on something else after the
    rule-of-law meetings counts itself (「牵头召开油地联席会议4次」); a change after a figure of something else in the same
    unit is that figure's change (「清理落地原油污染点8处，比2022年减少9处」 — not penalty cases)."""
    assert _got("组织村民参加中蜂养殖技术培训3期。") == [(3, "期", "其他", "done")]
    assert _got("镇党委书记、镇长主持召开法治建设专题会议4次，牵头召开油地联席会议4次。")[1][2] == "其他"
    assert _got("办理行政处罚案件9件，清理落地原油污染点8处，比2022年减少9处。")[1:] == [
        (8, "处", "其他", "context"),
        (9, "处", "其他", "context"),
    ]


def test_a_leaders_caseload_on_a_data_line_of_the_duty_section():
    """Reading 17 (白石渡镇 2023): 「包案化解信访事项：2件」 under 第一责任人 is the leader's share, not the 41 petitions closed."""
    assert _duty("包案化解信访事项：2件") == [(2, "件", "信访办结", "context")]


def test_a_new_event_after_a_shortfall_takes_no_cue_of_it():
    """N28 and reading 17 (玉溪镇 2022): 「尚有5件…仍在化解中，发生行政诉讼案件4起、行政复议案件2件」 — the lawsuits and reviews are
    the year's (the brief had no 行政诉讼 series), the 5 still pending its shortfall."""
    got = _got("全年受理群众信访事项138件，办结133件，尚有5件信访事项仍在化解中，发生行政诉讼案件4起、行政复议案件2件。")
    assert got[2:] == [(5, "件", "信访办结", "shortfall"), (4, "件", "行政诉讼", "done"), (2, "件", "行政复议", "done")]


def test_the_countys_figure_in_brackets_a_periods_parts_and_the_grids():
    """Reading 18 (紫阳县 城关镇): 「（全县共开展316场）」「培育法律明白人145名（全县共1860名）」 are the county's; a year's 调解255件
    followed by its quarters (一季度调解58件、…) is not counted again (the brief read 510); 「92个网格的网格员…上报…线索470条」:
    the 92 are grids."""
    assert _got("在全县开展的法律进万家活动中（全县共开展316场），我镇开展集中宣传42场。")[:2] == [
        (316, "场", "普法宣传活动", "context"),
        (42, "场", "普法宣传活动", "done"),
    ]
    assert _got("培育法律明白人145名（全县共1860名）。")[1] == (1860, "名", "法律明白人", "context")
    got = _got("镇村两级排查262件、调解255件、化解251件，分季度看，一季度调解58件、二季度61件、三季度72件、四季度64件。")
    assert [r for r, *_ in [(g[3],) for g in got]] == ["done", "done", "done", "context", "context", "context", "context"]
    assert _got("92个网格的网格员全年上报矛盾纠纷线索470条。")[0][3] == "context"


def test_a_table_row_with_its_remark_left_empty_and_a_remark_read_after_the_rows_name():
    """N36 (宣恩县 珠山镇 2022's 工作台账): a row without its 备注 cell is read as the others; 「信访受理 | 118件 | 办结115件」's
    remark counts 信访办结 (read after the row's name), context beside the row's figure."""
    text = (
        "序号  工作项目              数量      备注\n"
        "1     集中学法              18次      含会前学法9次\n"
        "3     合同审查              87份\n"
        "6     信访受理              118件     办结115件\n"
        "7     普法活动              56场"
    )
    assert [(i.metric, i.value, i.role) for i in extract_indicators(text)] == [
        ("集中学法", 18, "done"),
        ("集中学法", 9, "context"),
        ("合法性审查", 87, "done"),
        ("信访", 118, "done"),
        ("信访办结", 115, "context"),
        ("普法宣传活动", 56, "done"),
    ]


def test_periods_parts_that_name_nothing_count_the_figure_they_add_up_to():
    """N36 (镇巴县 泾洋街道): 「…；分季度看，一季度46件、二季度58件、…」 after 「全年调解矛盾纠纷214件」 — four parts of 214, not four
    figures of 其他; parts that do not add up stay as they were read."""
    found = extract_indicators("全年调解矛盾纠纷214件，调解成功208件；分季度看，一季度46件、二季度58件、三季度63件、四季度47件。")
    assert [(i.metric, i.value, i.role) for i in found] == [
        ("矛盾纠纷调解", 214, "done"),
        ("矛盾纠纷化解", 208, "done"),
        ("矛盾纠纷调解", 46, "context"),
        ("矛盾纠纷调解", 58, "context"),
        ("矛盾纠纷调解", 63, "context"),
        ("矛盾纠纷调解", 47, "context"),
    ]
    apart = extract_indicators("全年调解矛盾纠纷214件，调解成功208件；分季度看，一季度46件、二季度58件、三季度63件、四季度40件。")
    assert [i.metric for i in apart[2:]] == ["其他"] * 4


def test_a_county_bureaus_own_work_and_a_figure_marked_as_the_countys():
    """Reading 20 (黟县 2022, over N34): 「县文化市场综合执法大队全年在宏村景区检查八十余次（县级数据），我镇全力做好配合」 was summed
    into 宏村镇's inspections; a county bureau as the subject, or a figure the report marks 县级数据, is context. Work done
    with the bureau stays the township's."""
    county = extract_indicators("县文化市场综合执法大队全年在宏村景区检查八十余次（县级数据），我镇全力做好配合。")
    assert [(i.metric, i.value, i.role) for i in county] == [("执法检查", 80, "context")]
    assert [i.role for i in extract_indicators("县林业局全年查处案件6件。")] == ["context"]
    assert [i.role for i in extract_indicators("联合县市场监管局开展旅游市场检查十二次。")] == ["done"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # N38 (遂昌县, 崇阳县, 柞水县): decisions taken through the procedure are 重大决策合法性审查; not the matters counted before
        ("对老旧小区改造、农贸市场搬迁等3项重大行政决策均履行法定程序。", [(3, "重大决策合法性审查", "done")]),
        ("全年研究重大事项45项，作出重大行政决策2项，全部履行法定程序。", [(45, "其他", "done"), (2, "重大决策合法性审查", "done")]),
        # another body's list goes on after 、; a clause another body opens is its work; the court's cases are not legal aid
        (
            "街道派出所全年查处治安案件61起、调处治安纠纷105起。",
            [(61, "行政处罚", "context"), (105, "矛盾纠纷调解", "context")],
        ),
        ("县法院乾佑人民法庭在街道设立诉前调解工作室，全年诉前调解民事纠纷73件。", [(73, "矛盾纠纷调解", "context")]),
        ("县法院法官到镇开展巡回审判，我镇组织群众旁听庭审3场。", [(3, "警示教育", "done")]),
        (
            "县法律援助中心天城工作站办理法律援助案件26件，县人民法院天城人民法庭审结民事案件1100余件。",
            [(26, "法律援助", "context"), (1100, "其他", "context")],
        ),
        # a data line's people after its trainings are trainees; a unit written as alternatives is the first
        ("法治培训：2场/97人次", [(2, "法治培训", "done"), (97, "参训人次", "done")]),
        ("法治培训：         2场（140人次）", [(2, "法治培训", "done"), (140, "参训人次", "done")]),
        (
            "指标        2023年    2022年    增减\n法治培训（场/期）     4       3      +1",
            [(4, "法治培训", "done"), (3, "法治培训", "context"), (1, "法治培训", "context")],
        ),
        # a column of the year's additions adds to the stock of the column before
        (
            "片区                法律明白人（名）   本年新增（名）\n东片4个村                40                 8",
            [(40, "法律明白人", "done"), (8, "法律明白人（新增）", "done")],
        ),
    ],
)
def test_figures_of_the_n38_development_set(text, expected):
    assert [(i.value, i.metric, i.role) for i in extract_indicators(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a phase of a project is named by its number, not counted (N36, N38); trainings of 期 are counted
        ("全年对城南片区棚户区改造二期、镇农贸市场迁建等3项重大行政决策事项全面履行法定程序", [(3, "重大决策合法性审查", "done")]),
        ("包括城北安置小区建设、老旧小区改造三期工程等", []),
        ("举办法治培训三期，参训120人次", [(3, "法治培训", "done"), (120, "参训人次", "done")]),
    ],
)
def test_a_phase_is_no_count(text, expected):
    assert [(i.value, i.metric, i.role) for i in extract_indicators(text)] == expected


def test_a_block_of_data_lines_under_its_heading_recaps_the_body():
    """N38 (遂昌县 妙高街道 2022): 「（八）2022年主要工作数据」 over 「集中学法：26次（…）」「法治培训：3期…」 lines states the
    body's figures again: the body's are parts of the block's total (集中学法 was 5 + 21 + 26 = 52), and a figure it only
    repeats is counted where the body gives it (as the writer counts it)."""
    text = (
        "组织干部参加法治专题培训3期，参训236人次；办理一般程序行政处罚案件47件。\n"
        "（八）2022年主要工作数据\n"
        "集中学法：26次（其中中心组学法5次、会前学法21次）\n"
        "法治培训：3期，参训236人次\n"
        "行政处罚：47件"
    )
    assert [(i.value, i.metric, i.role) for i in extract_indicators(text)] == [
        (3, "法治培训", "done"),
        (236, "参训人次", "done"),
        (47, "行政处罚", "done"),
        (26, "集中学法", "done"),
        (5, "集中学法", "context"),
        (21, "集中学法", "context"),
        (3, "法治培训", "context"),
        (236, "参训人次", "context"),
        (47, "行政处罚", "context"),
    ]


def test_the_kinds_of_disputes_break_down_those_mediated_where_the_clause_counts_them():
    """「排查…268起，受理调解251起，其中…邻里纠纷96起…」: kinds of disputes after a count of those mediated are theirs, as 90 of
    the 157 such figures labelled in the sets say; with no mediation counted they break down the disputes found."""
    text = "全年排查各类矛盾纠纷268起，受理调解251起，其中房屋征迁补偿纠纷41起、邻里纠纷96起，调解成功243起。"
    assert [(i.value, i.metric, i.role) for i in extract_indicators(text)] == [
        (268, "矛盾纠纷排查", "done"),
        (251, "矛盾纠纷调解", "done"),
        (41, "矛盾纠纷调解", "context"),
        (96, "矛盾纠纷调解", "context"),
        (243, "矛盾纠纷化解", "done"),
    ]
    found = extract_indicators("排查矛盾纠纷88件，化解86件，其中婚姻家庭纠纷76件。")
    assert [(i.value, i.metric, i.role) for i in found] == [
        (88, "矛盾纠纷排查", "done"),
        (86, "矛盾纠纷化解", "done"),
        (76, "矛盾纠纷排查", "context"),
    ]


def test_a_slash_line_of_stages_ends_at_its_line_and_success_is_of_the_stage_before():
    """N21: 「矛盾纠纷排查/调解/成功：268起/251起/243起」 then more data lines — 成功 is the mediated disputes resolved, and the
    line's figures, like the next line's, are quoted with their own line only."""
    found = extract_indicators("矛盾纠纷排查/调解/成功：268起/251起/243起\n信访事项受理/办结：64件/62件\n主题普法活动及法治讲座：58场\n")
    assert [(i.metric, i.value) for i in found] == [
        ("矛盾纠纷排查", 268),
        ("矛盾纠纷调解", 251),
        ("矛盾纠纷化解", 243),
        ("信访", 64),
        ("信访办结", 62),
        ("普法宣传活动", 58),
    ]
    assert [i.evidence for i in found] == ["矛盾纠纷排查/调解/成功：268起/251起/243起"] * 3 + ["信访事项受理/办结：64件/62件"] * 2 + [
        "主题普法活动及法治讲座：58场"
    ]


def test_disputes_of_several_kinds_handled_and_the_kinds_of_the_mediated_in_the_next_sentence():
    """N42: 「调处山林纠纷、土地流转纠纷、邻里纠纷等35件」 counts disputes mediated (the kinds' bare 纠纷 had named them
    found); 「…调解成功291件。其中，婚姻家庭纠纷86件、邻里纠纷74件」 gives kinds of the disputes mediated, parts of it."""
    handled = extract_indicators("乡、村两级调委会全年调处山林纠纷、土地流转纠纷、邻里纠纷等35件，调解成功34件。")
    assert [(i.metric, i.value) for i in handled] == [("矛盾纠纷调解", 35), ("矛盾纠纷化解", 34)]
    kinds = extract_indicators("全年排查矛盾纠纷312件，调解298件，调解成功291件。其中，婚姻家庭纠纷86件、邻里纠纷74件。")
    assert [(i.metric, i.value, i.role) for i in kinds][3:] == [("矛盾纠纷调解", 86, "context"), ("矛盾纠纷调解", 74, "context")]


def test_the_kinds_of_disputes_count_the_stage_they_add_up_to():
    """N44 (上集镇 2022): the kinds listed on the next line add up to the disputes found (41 + 33 + 29 + 18 + 15 = 136), so
    they are parts of 排查, not of the mediated (131); kinds adding up to the mediated stay theirs, and kinds adding up to
    no stage keep the mediated (the writers' most common reading)."""
    found = extract_indicators(
        "全年开展矛盾纠纷集中排查4轮，排查各类矛盾纠纷136件，调解131件，调解成功127件，调解成功率96.9%。\n"
        "其中，土地权属纠纷41件、婚姻家庭纠纷33件、邻里纠纷29件、移民遗留问题纠纷18件、其他纠纷15件。"
    )
    assert [(i.metric, i.value, i.role) for i in found][5:] == [
        ("矛盾纠纷排查", 41, "context"),
        ("矛盾纠纷排查", 33, "context"),
        ("矛盾纠纷排查", 29, "context"),
        ("矛盾纠纷排查", 18, "context"),
        ("矛盾纠纷排查", 15, "context"),
    ]
    mediated = extract_indicators("全年排查矛盾纠纷268件，受理调解251件，调解成功245件。其中婚姻家庭纠纷96件、邻里纠纷80件、其他纠纷75件。")
    assert {i.metric for i in mediated[3:]} == {"矛盾纠纷调解"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # two things, then their figures in turn (N42)
        ("全年开展集中学法和机关干部法治培训分别为14次和4场。", [("集中学法", 14), ("法治培训", 4)]),
        # law posts pushed by the township's account are online publicity, its government information items disclosure
        # (the twenty-second reading: 上集镇's 108 posts were 政务信息公开)
        ("“上集普法”公众号全年推送法治类信息一百零八条。", [("线上普法推送", 108)]),
        ("坚持政务公开，全年通过县政府网站和“兴国发布”公众号发布信息230条。", [("政务信息公开", 230)]),
        # a visit to a warning-education base is warning education, not collective study (the twenty-second reading: 上集镇)
        ("组织镇村干部赴县警示教育基地参观学习2次、旁听庭审1次。", [("警示教育", 2), ("警示教育", 1)]),
        # the settlements a court confirms, not disputes mediated (N42)
        ("对5件调解协议引导当事人申请司法确认。", [("司法确认", 5)]),
        # enforcement officers' training is training, not inspections (N42)
        ("今年组织了2场执法业务培训。", [("法治培训", 2)]),
        # wrongdoing corrected is no penalty case (a county brief counted 15 + 46 cases; the twenty-first reading)
        ("立案查处违法行为15起，纠正违法行为46起。", [("行政处罚", 15), ("其他", 46)]),
    ],
)
def test_figures_named_respectively_confirmed_settlements_and_officers_training(text, expected):
    assert [(i.metric, i.value) for i in extract_indicators(text)] == expected


def test_a_part_in_brackets_after_its_total_is_part_of_it():
    """「发放宣传资料1.1万份（含执法检查中发放的2600余份）」 — the 2,600 are leaflets among the 11,000, not inspections (N42)."""
    found = extract_indicators("全年开展各类普法宣传活动53场，发放宣传资料1.1万份（含执法检查中发放的2600余份），悬挂横幅标语40条。")
    assert [(i.metric, i.value, i.role) for i in found] == [
        ("普法宣传活动", 53, "done"),
        ("宣传资料发放", 11000, "done"),
        ("宣传资料发放", 2600, "context"),
        ("横幅标语", 40, "done"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # twenty-first reading (木兰乡): the problems put right, listed by name, counted no mediated disputes
        (
            "截至11月底，“三项制度”落实、村级法治建设、矛盾纠纷联合调处、禁毒宣传、森林防火设施等5个问题已整改到位。",
            [("其他", 5)],
        ),
        ("反馈问题4个，已整改3个。", [("其他", 4), ("其他", 3)]),
        ("全年调处矛盾纠纷12个。", [("矛盾纠纷调解", 12)]),  # a count of disputes stays one
    ],
)
def test_a_count_of_problems_counts_no_work(text, expected):
    assert [(i.metric, i.value) for i in extract_indicators(text)] == expected


def test_one_villages_share_after_qizhong_is_context():
    """The twenty-second reading (上集镇): 「其中，孔营村受理纠纷21件，为全镇最多」 is one village's share, not the township's
    mediated disputes (it had been summed with the other townships' into the county's total); 各村 is every village."""
    found = extract_indicators("全年排查矛盾纠纷一百六十三件，成功化解一百五十九件，化解率97.5%；其中，孔营村受理纠纷21件，为全镇最多。")
    assert (found[-1].value, found[-1].role) == (21, "context")
    assert [i.role for i in extract_indicators("开展普法宣传活动30场，其中在南园村开展5场。")] == ["done", "context"]


def test_signs_renewed_in_the_year_are_the_years_work_not_a_level():
    """The twenty-second reading (华阳镇): 「更新普法宣传牌10块」 was shown as the township's standing count (现有数)."""
    found = extract_indicators("全镇现有法治宣传栏45块，今年更新12块。")
    assert [(i.metric, i.value, i.kind) for i in found] == [("宣传阵地", 45, "stock"), ("宣传阵地（新增）", 12, "flow")]


def test_organisations_and_places_worked_on_are_neither_a_level_nor_new():
    """The twenty-third reading (华阳镇): 「整顿2个村人民调解委员会」 was shown as the township's standing 调解组织 2; what
    was built in the same sentence is still the year's addition."""
    assert [(i.metric, i.value) for i in extract_indicators("整顿2个村人民调解委员会，指导6个村修订村规民约。")][0] == ("其他", 2)
    assert [(i.metric, i.value) for i in extract_indicators("建成法治文化广场3处，并对2处进行改造提升。")] == [
        ("宣传阵地（新增）", 3),
        ("其他", 2),
    ]


def test_acts_handled_beside_the_penalty_cases_are_no_cases():
    """The twenty-second reading (洋州街道): 1300余 acts handled stood for the penalty cases beside the 21 the sentence counts;
    with no case count beside them, acts handled are the penalties (as most writers label them)."""
    beside = extract_indicators("查处占道经营、违规设置户外广告等行为1300余起，拆除违法建设16处，办理行政处罚案件21件。")
    assert [(i.metric, i.value) for i in beside if i.unit == "件"] == [("其他", 1300), ("行政处罚", 21)]
    alone = extract_indicators("全年开展联合执法检查45次，查处价格欺诈、无证经营等违法行为9起。")
    assert [(i.metric, i.value) for i in alone] == [("执法检查", 45), ("行政处罚", 9)]


def test_parts_under_a_line_stating_their_total_are_its_parts():
    """N44 (上集镇 2024; the twenty-second reading: 101 events for 70): a heading states the total, the paragraph under it only
    its parts after 其中 — parts of the heading's figure, context, of its metric."""
    found = extract_indicators(
        "（四）开展“法律进村”活动70场，法治氛围日益浓厚\n"
        "围绕“八五”普法规划，深入开展“法律进村”活动，其中进移民村24场、进农户院落31场、进企业和学校15场，受教育群众2.3万人次。"
    )
    assert [(i.metric, i.value, i.role) for i in found if i.unit == "场"] == [
        ("普法宣传活动", 70, "done"),
        ("普法宣传活动", 24, "context"),
        ("普法宣传活动", 31, "context"),
        ("普法宣传活动", 15, "context"),
    ]


def test_villages_counted_by_what_they_did_take_no_metric_from_the_clause_before():
    """The twenty-second reading (华阳镇): 「整顿2个村人民调解委员会，指导6个村全面修订村规民约」 — the 6 villages revised their
    rules; they were shown as 6 mediation committees (and the 2 committees only worked on are no level either: reading 23)."""
    found = extract_indicators("整顿2个村人民调解委员会，指导6个村全面修订村规民约。")
    assert [(i.metric, i.value) for i in found] == [("其他", 2), ("其他", 6)]


def test_reactions_to_posts_and_training_of_officers_are_named_by_their_own_words():
    """N46: 「阅读量6.8万次，转发2100余次」「播放量虽然达到5.1万次」 are the audience's reactions to posts, not posts (其他, as
    most writers label them: 45 of 58); 「每半年开展1次执法人员业务培训」 is training, not inspection; 「执法案卷评查」 is no
    inspection either (99 of 100 labels: 其他)."""
    found = extract_indicators("“凤瑞法治”公众号推送普法信息172条，阅读量6.8万次，转发2100余次；抖音号发布普法短视频24条，播放量15万次。")
    assert [(i.metric, i.value) for i in found] == [
        ("线上普法推送", 172),
        ("其他", 68000),
        ("其他", 2100),
        ("线上普法推送", 24),
        ("其他", 150000),
    ]
    assert extract_indicators("短视频播放量虽然达到5.1万次，但群众留言咨询很少。")[0].metric == "其他"
    assert extract_indicators("每半年开展1次执法人员业务培训。")[0].metric == "法治培训"
    assert extract_indicators("每季度至少开展1次执法案卷评查。")[0].metric == "其他"
    assert extract_indicators("组织观看警示教育片6场。")[0].metric == "警示教育"


def test_cadres_studying_and_legal_helpers_trained_are_trainees():
    """N46: 「…会前学法四次，累计参学干部三百二十余人次」 are the cadres who studied (not staff on the books, and 累计 after
    the year's counts is the year's); 「举办“法律明白人”培训班两期，培训一百六十余人次」 are trainees (11 of 11 labels in the
    sets written with 参训人次) — but the households they visited are people reached."""
    found = extract_indicators("中心组集中学法6次，干部职工大会会前学法4次，累计参学干部320余人次。")
    assert [(i.metric, i.value, i.role) for i in found][-1] == ("参训人次", 320, "done")
    assert extract_indicators("今年举办“法律明白人”培训班两期，培训一百六十余人次。")[-1].metric == "参训人次"
    assert extract_indicators("组织“法律明白人”入户宣传1800余户。")[0].metric == "参与人次"


def test_a_leading_groups_regular_meetings_are_rule_of_law_meetings():
    """N46 (博望镇): 「镇法治建设领导小组每季度召开一次例会，全年召开四次」 — the group's meetings, as 32 of 32 labels in the
    sets have a leading group's meetings (法治专题会议)."""
    found = extract_indicators("镇法治建设领导小组每季度召开一次例会，全年召开四次，及时通报各项任务进展。")
    assert [(i.metric, i.value, i.role) for i in found] == [("法治专题会议", 4, "done")]


def test_a_conceded_count_and_a_change_against_the_old_way():
    """N46: 「一是普法的精准度还不够，虽然今年开展了41场次普法活动，但…」 — the concession's count is the year's work, not the
    shortfall said before it (a staff count conceded, 「虽增加到9名，但…」, stays as it was: N11's writers call it a shortfall);
    「较以往分头检查减少入企40余次」 is a change against the old way, not inspections."""
    found = extract_indicators(
        "一是普法的精准度还不够，虽然今年开展了41场次普法活动，但对外来务工人员的宣传覆盖不足。", section_kind="problems"
    )
    assert [(i.metric, i.value, i.role) for i in found] == [("普法宣传活动", 41, "done")]
    found = extract_indicators("对民宿开展联合检查26次，较以往分头检查减少入企40余次。")
    assert [(i.value, i.role) for i in found] == [(26, "done"), (40, "context")]
