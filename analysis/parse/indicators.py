"""Counted indicators (学法12次, 宣传资料3500多份, 1.2万份, 八千余份) with their sentence and role.

**Metric**: the thing counted in the number's own phrase. Rules live in ``data/metrics.csv``;
among the rules that allow the unit, the one whose words end nearest to the number in its
phrase (the words before it back to the last comma or the previous number) names it — the
longer match, then the earlier rule, on a tie; else the words right after it; else the
nearest words of the earlier phrases of the clause (较上年减少5件 after 受理信访37件; 办结35件 there
is the next stage, 信访办结, and 已化解3件 after 包抓信访事项4件 the stage 矛盾纠纷化解); else the label
of a table-like line (合法性审查：合同27份); else, for a comparison (同比下降15%), the figure it
compares; otherwise 其他. A count of people names what they took part in (64名干部参加学法考试);
titles of laws and documents (《信访工作条例》) never name a metric.
Rows of the file named 其他 are acts and things no metric counts (作专题发言2次, 列席会议11次,
案卷评查4次, 安全隐患93条): nearer to a number than a metric's words, they make it 其他.
A metric's ``kind`` (flow: summed over reports and years; stock: a township's latest year;
rate: never summed) comes from the same file; 其他 takes it from the unit.

**Role**: done (the year's work), target, shortfall or context, from the nearest cue in the
number's own phrase (不少于/力争/计划 → target; 仍有/未/空编 → shortfall; 辖/人口/每个/较上年 →
context; 全年/累计 → done; 其余/剩余/还有 → shortfall, what is left of a flow, unless the phrase does
or plans it), then what follows it (21个行政村 → context, unless a metric names the count: 1个村被命名为民主法治示范村
is a stock the township's work built, done; 2名未取得 → shortfall),
then a cue earlier in the clause, else the section: achievements, duty and the preamble →
done, plans and suggestions → target, problems → shortfall.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import takewhile
from typing import Literal

from analysis.errors import ReportError
from analysis.parse.numerals import DIGITS, chinese_to_int
from analysis.parse.patterns import (
    ACTION_CUE,
    BOOK_TITLE,
    CLAUSE_SPLIT,
    CLOSED_CUE,
    COMPARISON_CUE,
    CONCESSION,
    CONCESSION_END,
    CONTEXT_AFTER,
    CONTEXT_BEFORE,
    CUMULATIVE_CUE,
    DONE_CUE,
    FIXED_PHRASE_AFTER,
    NOT_A_COUNT_BEFORE,
    PART_CUE,
    PARTICIPATION,
    PER_UNIT_CUE,
    PLAN_CUE,
    PREDICATE,
    QUANTITY,
    QUANTITY_LEAD,
    SHORTFALL_CUE,
    TARGET_CUE,
    YEAR_BOUND,
    screened,
)
from analysis.parse.structure import DATA_DIR

Role = Literal["done", "target", "shortfall", "context"]
Kind = Literal["flow", "stock", "rate"]
ROLES: tuple[Role, ...] = ("done", "target", "shortfall", "context")
KINDS: tuple[Kind, ...] = ("flow", "stock", "rate")
OTHER_METRIC = "其他"
# raise when the extraction changes what it stores: stores re-read their indicators on opening
INDICATOR_VERSION = 74
# a section's role for numbers with no cue of their own ("preamble" is the text before the first heading)
SECTION_ROLES: dict[str, Role] = {"plans": "target", "suggestions": "target", "problems": "shortfall"}
# units of a stock when the metric is 其他: people, places, things that stay ("11名执法人员" "21个行政村")
STOCK_UNITS = frozenset("名 位 个 处 块 所 间 座 支 人 个村 村 台".split())
# units that count the township's own places: "全镇22个村全部完成村规民约修订"
PLACE_UNITS = frozenset({"个村", "村"})
# what a target says after its number: "与年初确定的80%目标仍有差距"
# "完成市里下达的100名培育任务的98%"
SAME_TIME_BEFORE = re.compile(r"(?:上年|去年|\d{4}年)同期[：:]?$")
# a phrase opening on last year's same period or saying what last year's was (上年同期会前学法为22次, 去年全年为31件) counts
# last year's work; not what last year left to this one (上年报县协调的3件…已办结2件)
LAST_YEAR_OPENS = re.compile(
    r"(?:上年|去年|上一年|前一年)(?:同期|全年)[^，。；\d]{0,12}$|(?:上年|去年|上一年|前一年)[^，。；\d]{0,12}(?:为|是)$"
)
# the plan a figure belongs to, named right after it: 「完成6场的计划」 (_framing_read writes a noun 计划 as 安排)
PLAN_NAMED_AFTER = re.compile(r"^的(?:年度|全年|既定)?(?:任务|计划|目标|安排)")
TARGET_AFTER = re.compile(rf"^[^，,]{{0,3}}目标|^[^，,]{{0,4}}任务的|{PLAN_NAMED_AFTER.pattern}")
# a count of the township's places, whatever they have or lack: "全乡14个村均建立人民调解委员会"
# "仍有3个村未配备专职人民调解员" "在8个没有法治宣传栏的村" "14个行政村中"
# (where "20个村（社区）调委会" counts committees and "1个村被命名为民主法治示范村" a title won)
PLACES_LACK = r"(?:（[^）]{1,4}）)?(?:均|全部|都|未|没有|尚未|中)"
PLACES_AFTER = {
    "个村": re.compile(rf"^{PLACES_LACK}"),
    "村": re.compile(rf"^{PLACES_LACK}"),
    "个": re.compile(
        rf"^(?:行政村|自然村|自然寨|村|社区){PLACES_LACK}|^(?:没有|未)[^，,]{{0,12}}的(?:村|社区)|^(?:重点)?(?:小区|学校|企业|单位|市场|景区|楼栋)"
    ),
}
# what is left of a flow, not yet done: "调解成功100件，其余4件已引导当事人通过诉讼途径解决"
# "办结69件，还有2件正在办理" "今年化解1件，另1件已引导当事人…" (a plan's "化解剩余1件" stays a target)
REMAINDER_CUE = re.compile(r"其余|剩余|剩下|还有|另有?$")
# people who missed what the others took part in: "有3名干部因故缺考"
MISSED_AFTER = re.compile(r"^[^，,]{0,8}(?:缺考|缺席)")
# units that count the same documents or matters (件 of files, 份 of contracts, 项 of decisions)
UNIT_CLASS = {"件": "件", "份": "件", "项": "件"}  # (起 and 宗 are read as 件: UNIT_ALIASES)
# compound units written with brackets or a slash all mean "per occasion"; 起, 宗 and 件 all count cases, one
# total (泾县 review: 行政处罚 「43起、27件」 were two totals of one flow; 蕉岭县 review: disputes counted in 宗 were lost)
UNIT_ALIASES: dict[str, str] = {
    "场（次）": "场",
    "场/次": "场",
    "场次": "场",
    "人/次": "人次",
    "％": "%",
    "成": "%",  # 近四成: a share in tenths, read as a percentage (40)
    "余人": "名",
    "人": "名",
    "起": "件",
    "宗": "件",
}
APPROX_PREFIX = re.compile(r"近|约|逾|超过")
APPROX_AFTER = re.compile(r"左右|上下|以上")  # 110人次左右, 70%左右, 98%以上 (a floor, most writers: N18, N23, N27, N34, N36): approximate
SEGMENT_BREAK = re.compile(r"[，,：]")
# problems counted: 「等5个问题已整改到位」「反馈问题4个」 — the number names the problems, whatever the words before it name
PROBLEMS_AFTER = re.compile(r"(?:个|项|条)?(?:方面)?(?:的)?(?:问题|不足|短板|弱项)")
PROBLEM_UNITS = frozenset({"个", "项", "条"})
# a count of people or places names them right after it ("47名干部全部参加学法考试" counts 干部,
# "6个安置点建成法治宣传栏" counts 安置点, "7处政务公开专栏" counts 专栏): the words after such a
# number name its metric only up to what they did (patterns.PREDICATE); a count of cases or
# documents reads on to the next comma or number ("18件文件全部进行合法性审查")
HEAD_NOUN_UNITS = (STOCK_UNITS | {"户"}) - PLACE_UNITS
# a petition count's later stages are stages of their own, never added to the intake:
# "包抓信访事项4件，已化解3件" is 信访 4 and 矛盾纠纷化解 3
PETITION = "信访"
# the petitions closed are the flow's next stage, a part of those received, never added to them:
# "受理来信来访46件，办结44件" is 信访 46 and 信访办结 44
PETITION_CLOSED = "信访办结"
CN_LEAD = set("一二三四五六七八九十两")
ROUND_ONLY = {"万": 10_000, "千": 1_000, "百": 100}  # 近万, 上千, 千余: a round figure written without its digit
ROUND_BEFORE = "近逾上过"
NOT_ROUND_AFTER = "数几成上"  # 数千余 几百余 成千: no round figure of its own
# 「示范村一个、」「决策一项，」: 一 with its unit right after a noun, at a clause's end, counts one (after 每/第/这… it
# is no count: 每村一名, 第一个)
ONE_AFTER_NOUN_NOT = "每第这那哪某任各之有是为了成个统唯逐其另同单"
ONE_ENDS = "，。；、）)\n"
# a part's own words that name a kind of dispute and no act (其中物业纠纷97件) break its total
# down; with an act they may name another stage (其中镇调委会调解37件)
KIND_OF_DISPUTE = re.compile(r"纠纷")
STAGE_ACT = re.compile(r"排查|调解|调处|化解|受理|办结|成功")
# a kind of dispute counted with no act of its own (「物业纠纷18件」, which the bare 纠纷 of 矛盾纠纷排查 names) is of
# the stage the clause named before it: 「全年化解的纠纷中劳资纠纷19件、山林土地纠纷35件」 are 矛盾纠纷化解
SCREENED, MEDIATED, RESOLVED = "矛盾纠纷排查", "矛盾纠纷调解", "矛盾纠纷化解"  # a dispute's three stages
STAGE_WORD = re.compile(r"调解成功|调处成功|成功调解|成功调处|化解|排查|调解|调处|受理")
STAGE_OF_WORD = {"排查": SCREENED, "调解": MEDIATED, "调处": MEDIATED, "受理": MEDIATED}  # else 化解
# a later stage of one flow counted under the same metric is a part of the first, never added to it:
# 「立案查处违法行为11件，结案10件」 is 行政处罚 11 (10 of them closed); where the first figure names an
# earlier stage too (「排查化解矛盾纠纷102件，…成功化解99件」) it is that stage's figure (排查 102, 化解 99)
LATER_STAGE = re.compile(
    r"结案|办结|查结|调结|成功|已化解|已办理|作出[^，。；\d]{0,6}决定|(?<!未)(?<!未被)采纳"
)  # 立案14件，作出行政处罚决定11件
FIRST_STAGE: dict[str, tuple[re.Pattern[str], str]] = {
    RESOLVED: (re.compile(r"排查"), SCREENED),
    MEDIATED: (re.compile(r"排查"), SCREENED),
}
# what a stock gained in the year is the year's work, a flow of its own: 「新增法律明白人8名，总数达到70名」 is
# 法律明白人（新增） 8 (summed over years) and 法律明白人 70 (the level); a year that only says 「新增省级示范村1个」
# gives no level (a level of 1 beside last year's 6 would be a false trend). 其中新增8名 after the level is an addition too.
ADDED = "（新增）"
ADDITION_CUE = re.compile(
    r"补充选聘|补选|增选|新增|新创建|新建|新聘|新培养|新培育|新发展|新命名|新配备|新招录|新吸纳|增补|新设|成功创建|创建成功|获评|被命名"
)
# places built in the year are additions too (在2个村建设法治文化广场2处, 设置法治宣传栏14块), not a level
# stated with them (累计建成, 共建成, 达到, 增至)
BUILT_CUE = re.compile(r"建设|建成|设置|设立|增设|打造|建立|更新|更换|新换|制作")  # (更新普法宣传牌10块: the year's, reading 22)
BUILT_STOCKS = frozenset({"宣传阵地", "调解组织"})  # 「在搬迁安置社区设立调解室2个」
# how often posts were read, played, liked or passed on: the audience's doing, counted as no metric (most writers: 其他)
ENGAGEMENT = re.compile(r"(?:阅读|浏览|播放|点击|点赞|转发|评论)(?:量|数|次数)?[^，,。；;、\d]{0,6}$")
# penalty cases a procedure names (一般程序案件9起, 适用简易程序…27起: the two procedures' cases, neither a part of the other)
BY_PROCEDURE = re.compile(r"(?:简易|一般|普通)程序")
# …and ones only worked on in the year are neither the level nor additions (「整顿2个村人民调解委员会」 was shown as the
# township's standing 调解组织 2, reading 23): 其他
REWORKED_CUE = re.compile(r"整顿|整改|提档升级|改造提升|提升改造|调整充实|充实调整|规范提升")
# stocks a clause states the level of before what was set up (「全镇现有人民调解委员会19个，并在…设立…调处室1个」);
# for the others only the figure's own words count (「全年开展普法活动共20场，设置法治宣传栏3块」 built 3)
LEVEL_FIRST = frozenset({"调解组织"})
LEVEL_CUE = re.compile(r"累计|共|达到|达|增至|现有|总数|全镇|全乡|全街道")
# a rate of a flow's later stage says the figure before it counts the flow's first stage
STAGE_RATES = {"化解率": RESOLVED}


def _to_first_stage(out: list[Indicator], at: int, words: str, metric: str, unit: str) -> bool:
    """Relabel ``out[at]``, a figure of ``metric``, to the earlier stage its ``words`` name too
    (FIRST_STAGE: 排查化解…102件 → 矛盾纠纷排查); whether they name one."""
    earlier_stage = FIRST_STAGE.get(metric)
    if not (earlier_stage and earlier_stage[0].search(words)):
        return False
    out[at] = replace(out[at], metric=earlier_stage[1], kind=kind_of(earlier_stage[1], unit))
    return True


# a lecture or class for cadres trains them, one for the public is 普法: "邀请县法院法官、律师开展专题法治讲座2场，
# 镇村干部120余人次参加" is 法治培训 (as "为镇村干部讲法治党课3次")
LECTURE = re.compile(r"(?:讲座|讲堂|课堂|专题课|法治课)[^，,、\d]{0,2}(?:不少于|不低于|至少|达到|达|共)?$")
CADRE_AUDIENCE = re.compile(r"干部|职工|党员|执法人员|工作人员|调解员|网格员|中心组|法律明白人")
PUBLICITY, TRAINING = "普法宣传活动", "法治培训"
# where the public is taught (「深入院坝开展“板凳课堂”26场」, given by a team of cadres: 普法, not training)
PUBLIC_VENUE = re.compile(r"院坝|到村|进村|入户|村民|群众|新市民|学校|校园|社区居民")
# the people reached by 普法 are the public; cadres trained or taught are 参训人次, the training's own
# audience: "覆盖镇村（社区）干部约400人次" "组织镇村干部参加法治培训2期、共168人次" are 参训人次,
# "受益群众和游客约1.6万人次" 参与人次
AUDIENCE, TRAINEES = "参与人次", "参训人次"
EVENTS = frozenset({"普法宣传活动", "法治培训", "警示教育", "集中学法"})
# a title applied for that its clause says was refused or is still pending is no title won (蕉岭县 review: 「申报市级民主法治
# 示范村1个，…未能获批」 and 「推荐1个社区申报省级…示范社区，…省级评审结果尚未公布」 were counted as 示范村)
APPLIED = re.compile(r"申报|推荐|参评|争创|申请创建")
APPLICATION_OUTCOME = re.compile(
    r"(?P<refused>未能(?:入选|获批|通过)|未获(?:批|通过|命名)|未入选|落选|未通过)|(?:结果|评审|审核)[^，。；]{0,6}(?:尚未|未)(?:公布|出来|下达)|待(?:公布|审批|命名)|尚待|尚未(?:命名|公布|批复)"
)
# how reviewed and litigated cases ended, listed after them: the same cases (岳西县 review: 「经调解结案1件」 was 矛盾纠纷调解)
LITIGATION = "行政诉讼"
CASE_FLOWS = frozenset({"行政复议", LITIGATION})
OUTCOME = re.compile(r"维持|撤销|调解结案|和解|驳回|纠错|终止|胜诉|败诉|撤诉|确认违法")
# 「新创建市级民主法治示范村1个、“无讼村居”5个」: a listed figure whose own words are a name in quotes counts that thing
QUOTED_NAME = re.compile(r"“[^”]{2,12}”")
# 「经公开征求意见15天、召开听证会1次」: a listed figure with an act of its own names its own thing (N23)
OWN_ACT = re.compile(r"(?:召开|举行|举办|组织|开展|邀请|聘请|印发|出具|作出|进行)[^，。；\d]{2,}")
# 「（九）主要数据（括号内为2022年数据）」「（括号内为上年数）」: a note that the bracketed figures after it are last year's
PRIOR_IN_BRACKETS = re.compile(
    r"括号(?:内|中|里)(?:的数字|数字|数据)?(?:为|是)(?:上年|上一年|去年|前一年|\d{4}年)(?:度)?(?:同期)?(?:数据|数字|数)?"
)


# a line labelling the recap of the year's figures after it: 「主要数据：」「主要指标完成情况：」「数据汇总：」 (N27)
RECAP_LABEL = re.compile(
    r"(?m)^[（(]?[一二三四五六七八九十]*[)）、]?\s*(?:主要数据|数据汇总|主要指标(?:完成情况)?|数据统计|工作数据|有关数据)[^。\n]{0,12}[：:]\s*$"
    # a sub-heading over a block of data lines: 「（八）2022年主要工作数据」 (N38)
    r"|^[（(][一二三四五六七八九十]{1,2}[)）]\s*(?:\d{4}年度?)?(?:主要)?(?:法治)?(?:工作)?(?:数据|指标)(?:汇总|统计|一览)?\s*$"
)
# a data line of a recap block: 「集中学法：26次（其中…）」
DATA_LINE = re.compile(r"[^，。；：:\n]{2,14}[：:]")


def _recapped(out: list[Indicator], starts: list[int], text: str) -> list[Indicator]:
    """``out`` with the figures the section's recap line (「主要数据：」 then 「集中学法20次；…」) or block of data lines
    (「（八）2022年主要工作数据」 then 「集中学法：26次」…) states again counted once: a done figure of the body the recap
    repeats (same metric, unit and value) is counted there and the recap's is context; any other done figure of the body of
    a metric the recap states, no larger than the recap's, is a part of the recap's total (context) — 北舞渡镇's 集中学法
    was 5 + 15 in the body and 20 in the recap, summed to 40 (sixteenth reading)."""
    label = RECAP_LABEL.search(text) if "：" in text or ":" in text else None
    if label is None:
        return out
    line_end = text.find("\n", label.end() + 1)
    while line_end >= 0 and DATA_LINE.match(text, line_end + 1):  # (a block of data lines under its label)
        line_end = text.find("\n", line_end + 1)
    recap = (label.end(), len(text) if line_end < 0 else line_end)
    totals: dict[str, float] = {}  # metric → the recap's largest figure of it (in any unit: 「36场次」 holds 「10次」)
    stated: list[int] = []  # where in out the recap's done figures are
    for n, (ind, at) in enumerate(zip(out, starts)):
        if recap[0] <= at < recap[1] and ind.role == "done" and ind.metric != OTHER_METRIC and ind.unit != "%":
            totals[ind.metric] = max(totals.get(ind.metric, 0.0), float(ind.value))
            stated.append(n)
    if not totals:
        return out
    out = list(out)
    repeated: set[int] = set()  # recap figures that repeat a figure of the body: the body's is the one counted
    for n, (ind, at) in enumerate(zip(out, starts)):
        if recap[0] <= at < recap[1] or ind.role != "done" or ind.unit == "%" or float(ind.value) > totals.get(ind.metric, -1.0):
            continue
        same = next(
            (k for k in stated if k not in repeated and (out[k].metric, out[k].unit, out[k].value) == (ind.metric, ind.unit, ind.value)),
            None,
        )
        if same is not None:
            repeated.add(same)  # 「办理行政处罚案件47件」 in the body, 「行政处罚：47件」 in the recap (as N38's writer counts it)
        else:
            out[n] = replace(ind, role="context")  # a part of the recap's total
    for n in repeated:
        out[n] = replace(out[n], role="context")
    return out


def _bracketed(text: str, start: int, end: int) -> bool:
    """Whether the figure at text[start:end] is alone in brackets: 「（30次）」."""
    return text[start - 1 : start] in ("（", "(") and text[end : end + 1] in ("）", ")")


HELPERS = re.compile(r"志愿者$|志愿服务队员$")
INSPECTIONS = "执法检查"
THINGS_PUT_RIGHT_UNITS = frozenset({"处", "户", "个"})
PUT_RIGHT = re.compile(r"整治|整改|拆除|清理|取缔")
INSPECTED = re.compile(r"检查|巡查|排查|抽查")
EXAM = "学法考试"
# a bare rate after the exam it rates: 「，合格率100%」「，合格率保持100%」
EXAM_RATE = re.compile(r"^[，,、]?(?:考试|考核)?(?:合格|通过|及格|优秀|参考|参学)率(?:保持|达到|达|为)?$")
# a figure after another in its unit whose own words do something else to something else counts that, not the thing
# before it: 「查处非法捕捞案件11起，清理违规网具230余件（套）」「主持召开法治建设专题会议3次，协调县直部门研究采空区治理问题2次」
# (reading 15)
OWN_DEED = re.compile(
    r"(?:清理|收缴|没收|扣押|查扣|清除|取缔|销毁|协调|纠正|制止|劝导)[^，。；\d]{2,}"
    # 「主持召开法治建设专题会议4次，牵头召开油地联席会议4次」: a meeting on something else (N28)
    r"|(?:牵头|组织)?召开(?![^，。；\d]*(?:法治|依法|法律|合法性|普法|学法))[^，。；\d]{2,}会"
)
# a training in a trade or a skill, not in law: 「中蜂养殖技术培训」「电商技能培训」「就业技能培训」
SKILLS_TRAINING = re.compile(r"(?:技术|技能|养殖|种植|栽培|电商|直播|职业|就业|创业)[^，。；\d法]{0,4}(?:培训|辅导)")
# cases a leader took charge of in person (包案), told in the duty section: 「包案信访1件」「带头包案化解信访积案3件」 are the
# leader's share of the township's petitions and disputes, counted with them — not the township's caseload (reading 17:
# 木鱼镇's 信访 read 1件, 乔庄镇's 信访办结 3件)
LEADER_CASELOAD = re.compile(r"包案|包抓|包联|亲自(?:督办|化解|调处|接访)")
APPEARED = re.compile(r"出庭")  # 「出庭应诉3次」
PAIRED = frozenset({"和", "及", "与", "、"})  # the words between two figures of one phrase: 「分别比上年多2次和2次」
DISPUTE_STAGES_BEFORE = frozenset({SCREENED, MEDIATED})  # the stages before a dispute is resolved
DISPUTE_STAGES = DISPUTE_STAGES_BEFORE | {RESOLVED}
# a figure still being handled, handed over or not settled: 「…正在调处」「…已移交县林业部门」「…未能调解成功」
# …is short of the flow's last stage: the disputes' resolutions, the petitions' conclusions
UNRESOLVED_AFTER = re.compile(r"^[^，,。]{0,14}(?:正在|尚在|仍在|已移交|移交|未能|未)")
SHORT_OF = {**dict.fromkeys(DISPUTE_STAGES_BEFORE, RESOLVED), PETITION: PETITION_CLOSED}
CASELOAD_METRICS = frozenset({PETITION, PETITION_CLOSED, RESOLVED, MEDIATED})
# the people a leader met where the clause has the leaders receiving petitioners: 领导接访, not the petitions received
LEADERS_RECEIVING = "领导接访"
RECEIVING = re.compile(r"接待[^，。；\d]{0,4}群众")
# (「党政主要负责人坚持接访下访，全年接待来访群众36批次」「…每月15日固定接访，全年共接待来访群众28批61人次」 N23)
LEADER_RECEPTION = re.compile(
    r"(?:带头|亲自|轮流|坐班|定期|公开|坚持|固定)接访|接访日"
    r"|(?:党政主要负责人|主要领导|党(?:工)?委书记|书记|镇长|乡长|主任|班子成员|党政领导|领导班子)[^。；\d]{0,16}(?:接访|下访|走访|坐班)"
)  # (「镇党政领导坚持每周接访，全年接待来访群众215人次」 reading 16: 2022's figure was 信访, 2023's 领导接访)
# 「坚持每周一书记接访日制度，全年接访24次」「书记、主任每月至少接访1次，全年共接访15次」: the leaders' receptions
# counted by themselves after the clause naming them — not petitions received (受理信访事项) (N25)
LEADERS_OWN_RECEIVING = re.compile(r"^[^，。；\d受]{0,6}接访[^，。；\d]{0,2}$")
PUBLIC_AUDIENCE = re.compile(r"群众|村民|居民|学生|师生|游客|青少年|商户|经营户|务工|老人|妇女|儿童|家长|市民|企业职工|职工群众")
TRAINING_CLAUSE = re.compile(r"培训|轮训|参训|学法|讲堂|授课|辅导|讲座|考试|旁听")
TAKING_PART = re.compile(r"参加人员|参会人员|参训人员")  # 「组织旁听庭审1次，参加人员19人」
# a leader's own part in events the township counts elsewhere: "党委书记…带头参加“书院说法”活动2次"
LEADER_JOINED = re.compile(r"带头参加|带头参与|亲自参加|亲自参与")
# cases closed without a penalty are no penalty cases: "对43起轻微违法行为作出不予处罚决定"
NOT_PENALISED = re.compile(r"不予(?:行政)?处罚|免予(?:行政)?处罚|免罚|不罚")
PENALTY, NOT_PENALTY = "行政处罚", "不予处罚"
EDUCATED = re.compile(r"批评教育|教育劝导|劝导|说服教育")
INSPECTION = "执法检查"
# a count of matters the next phrase says were all reviewed: "重大行政决策事项8项，全部履行合法性审查程序"
# "重大事项共41项，合法性审查率100%"
ALL_REVIEWED = re.compile(
    r"[，,](?:(?:均|全部|全都|都|一律)[^，。；\d]{0,6}(?:经过?|履行|进行|通过|开展)?[^，。；\d]{0,4}合法性审查|合法性审查率(?:达到?|为|均为)?100%)"
)
# decisions (项), kept apart from the documents and contracts (份) of 合法性审查 (泾县 review); only matters or decisions
# are (「规范性文件5件，均经过合法性审查」 is no decision)
DECISIONS = re.compile(r"重大|决策|事项")
REVIEWED, DOCUMENTS_REVIEWED = "重大决策合法性审查", "合法性审查"
# major decisions named right after their number (「3项重大行政决策」「等3项重大事项，」), and the procedure they were all taken
# through, before the clause's next figure (「…均严格履行法定程序」「全部履行公众参与、…、合法性审查、集体讨论决定程序」; 25 of
# the 38 such figures labelled 重大决策合法性审查 in the sets, the older sets' 13 其他; N38)
DECISION_NOUN = re.compile(r"[^，。；\d]{0,3}(?:重大(?:行政)?决策|重大事项|决策事项)")
PROCEDURE_KEPT = re.compile(r"(?:均|全部|全都|都|一律|严格|全面)[^。；]{0,6}(?:履行|执行|经过?|按)[^。；]{0,40}程序")
DIGIT = re.compile(r"\d")
# people counted as the role they are given: "聘请2名律师担任兼职调解员" counts 调解员, not 法律顾问
ROLE_GIVEN = re.compile(r"担任|兼任|聘为|作为|组建|组成")  # (…等6人组建镇级专业调解团队: a mediation team, not 律师 as advisers)
# a backlog of cases (积案) is a petition count only where the clause speaks of petitions:
# "开展山林土地纠纷专项排查，化解陈年积案6件" resolves disputes
BACKLOG, PETITION_WORD = "积案", re.compile(r"访")
# a bare later stage of the petitions counted before it: 「受理信访事项58件，化解55件」「排查信访隐患17件，化解15件」
PETITION_STAGE = re.compile(r"^(?:已|成功|及时|按期)?(?:化解|办结|息访|答复|办复)$")
# a figure of what is left of the count before it, naming nothing of its own: 「化解255件，…；剩余9件已明确包案领导」
REMAINDER_ONLY = re.compile(r"^(?:剩余|其余|剩下|尚余|尚有|还有)$")
# a stock the clause counts before, then some of it: 「249名法律明白人中，全年参与调解纠纷的仅96名」「新培育的法律明白人中，有二十余名…」
AMONG = re.compile(r"([^，,：:]{1,24})中[，,]")
# what is still being handled after the number is left of the flow: "受理42件，办结41件，1件正在依程序办理"
# "2件因当事人申请延期正在办理"
PENDING_AFTER = re.compile(
    r"^[^，,]{0,2}(?:正在|尚在|仍在)|^[^，,]{0,14}(?:正在|尚在|仍在)(?:依法|依程序|按程序)?(?:办理|调处|调解|处理|审理|核查|化解)"
)
# a plan named as a thing, not a plan made: "亲自审定年度法治建设工作计划，带头参加学法10余次" "完成年度计划"
# "制定年度学法计划，…开展法治专题学习4次"
NOUN_PLAN = re.compile(r"(?<=[\u4e00-\u9fff])计划(?=[，,、。；》”]|$)")
# …unless it names what it compares (查处违法行为9件，古玩市场投诉量较上年下降27%): longer than 总量/均
COMPARED_SUBJECT_MAX = 2
# 「按照…要求」 names the rule followed, 「针对…的问题」 the problem answered: no target, no shortfall
BY_THE_RULE = re.compile(r"(?:按照|根据|依照|遵照|对照|按)[^，,。；]{0,16}?要求")
ANSWERING = re.compile(r"针对[^，,。；]{0,24}?(?:问题|不足|短板|弱项|薄弱环节)")
# a count of the year before a cumulative cue bounds it: 「培训两期，累计培训380余人次」
COUNTED_BEFORE = re.compile(r"[\d一二两三四五六七八九十]+(?:期|场|次|批|轮|班)")
# cadres trained: 「培训镇村干部420人次」 counts those trained, not the staff on the books
TRAINED_BEFORE = re.compile(r"培训|轮训|参训|参学|学法|受训|受教育")
# the staff named before a count of people who then take part: those who took part, not a headcount
STAFF_BEFORE = re.compile(r"(?:干部|职工|工作人员|人员)$")
TOOK_PART_AFTER = re.compile(r"^[^，,]{0,3}(?:参加|参与|参训|参学|参考|参会)")
# a table-like line's label ends at its colon within this many characters: 「4.镇村干部法治培训：3期、约300人次」
LABEL_MAX = 16


@dataclass(frozen=True)
class Indicator:
    """One counted quantity: ``value`` in ``unit``; ``approx`` for 余/多/近/约; ``evidence`` is its sentence."""

    value: int | float
    unit: str
    approx: bool
    metric: str
    evidence: str
    section: int = 0  # 0 is the preamble, 1… the top-level sections in order
    role: Role = "done"
    kind: Kind = "flow"


@dataclass(frozen=True)
class MetricRule:
    metric: str
    kind: Kind
    units: frozenset[str]
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def metric_rules() -> tuple[MetricRule, ...]:
    """Rules from ``data/metrics.csv`` in priority order (ties only)."""
    with open(DATA_DIR / "metrics.csv", encoding="utf-8-sig", newline="") as fh:
        rules = tuple(
            MetricRule(row["metric"], row["kind"], frozenset(u for u in row["units"].split("|") if u), screened(re.compile(row["pattern"])))
            for row in csv.DictReader(fh)
        )
    wrong = [r.metric for r in rules if r.kind not in KINDS and r.metric != OTHER_METRIC]
    if wrong:
        raise ReportError(f"data/metrics.csv: kind must be flow, stock or rate (metrics {'、'.join(wrong)})")
    return rules


@lru_cache(maxsize=1)
def metric_kinds() -> dict[str, Kind]:
    """metric → flow, stock or rate, as ``data/metrics.csv`` says; each stock's additions
    (「法律明白人（新增）」, see :data:`ADDED`) are a flow."""
    kinds: dict[str, Kind] = {r.metric: r.kind for r in metric_rules() if r.metric != OTHER_METRIC}
    return kinds | {added(m): "flow" for m, k in kinds.items() if k == "stock"}


@lru_cache(maxsize=1)
def metric_areas() -> dict[str, str]:
    """metric → its assessed area, as ``data/metrics.csv`` says ("" for none); a stock's additions share its area."""
    with open(DATA_DIR / "metrics.csv", encoding="utf-8-sig", newline="") as fh:
        areas = {row["metric"]: (row.get("area") or "").strip() for row in csv.DictReader(fh) if row["metric"] != OTHER_METRIC}
    return areas | {added(m): a for m, a in areas.items() if metric_kinds().get(m) == "stock"}


def added(metric: str) -> str:
    """The metric of a stock's additions in the year: 「法律明白人」 → 「法律明白人（新增）」."""
    return metric + ADDED


def base_metric(metric: str) -> str:
    """The stock an additions metric adds to (any other metric is its own): 「法律明白人（新增）」 → 「法律明白人」."""
    return metric.removesuffix(ADDED)


def kind_of(metric: str, unit: str) -> Kind:
    """A metric's kind; a percentage is always a rate, and 其他 is a stock when its unit counts people or places."""
    if unit == "%":
        return "rate"
    known = metric_kinds().get(metric)
    if known:
        return known
    return "stock" if unit in STOCK_UNITS else "flow"


def extract_indicators(text: str, *, section: int = 0, section_kind: str = "achievements") -> list[Indicator]:
    """Every counted quantity in ``text``, in order of appearance; ``section_kind`` (as
    ``data/section_kinds.csv`` names them, or "preamble") is the role of numbers with no cue.

    One scan of the whole text: a quantity never spans a clause end (。；！？ or a line
    break), so each match is then placed in its clause, which bounds its context.
    """
    out: list[Indicator] = []
    sentence_of: list[int] = []  # the sentence (。！？ or line) each figure of out is in, for :func:`_parts_by_sum`
    paragraph_of: list[int] = []  # …and its paragraph (line), for :func:`_within_inclusive_totals`
    inclusive: list[
        bool
    ] = []  # whether its words say it counts every kind (全年开展各类普法活动51场次), for :func:`_within_inclusive_totals`
    besides: list[bool] = []  # …or that it is besides the others (另开展…, 同时开展…)
    totalled: list[bool] = []  # whether its words say it is a total (共计21场, 全年学法19次), for :func:`_parts_by_sum`
    periodic: list[bool] = []  # …or a period's part of one (一季度调解58件、二季度61件), for :func:`_parts_by_sum`
    kinds_of: list[bool] = []  # whether it is a kind of dispute listed as a part (其中，邻里纠纷29件), for :func:`_kinds_by_sum`
    acts_of: list[str] = []  # "acts" (查处…行为1300余起) or "cases" (办理行政处罚案件21件), for :func:`_acts_beside_cases`
    among_of: list[bool] = []  # whether its clause opens with 其中, for :func:`_parts_of_the_line_before`
    sentence_no, paragraph_no, sentence_scanned, parting, part_class = 0, 0, 0, False, ""
    clause_start, clause_end, last_end, previous_end, previous_unit = 0, -1, 0, 0, ""
    previous_metric, by_unit, first_by_unit = "", {}, {}  # the clause's previous metric; unit → the latest and first metric counted in it
    totals: set[str] = set()  # the metrics the clause counts as totals (no 其中)
    firsts: dict[tuple[str, str], tuple[int, str]] = {}  # (metric, unit) → the clause's first such figure: its index in out, its words
    left_of: dict[str, str] = {}  # unit → the latest metric counted in the last clause that counted any

    def in_section(ind: Indicator) -> Indicator:
        """A table's or a chain's figure in a plans or problems section: its done figures are that section's (targets,
        shortfalls)."""
        return replace(ind, role=SECTION_ROLES[section_kind]) if section_kind in SECTION_ROLES and ind.role == "done" else ind

    rows = table_rows(text) if TABLE_HINT.search(text) else []
    tabled: list[tuple[int, Indicator]] = []
    if rows:  # a table's figures are read by its columns (table_indicators); the scan below passes its rows over
        totalled_tables = {id(head) for _, _, head, cells in rows if cells and TOTAL_ROW.match(cells[0].strip())}
        tabled = [
            (a, in_section(ind))
            for a, b, head, cells in rows
            for ind in table_indicators(head, cells, text[a:b].strip(), section, totalled=id(head) in totalled_tables)
        ]
        text = _masked(text, rows)
    read_chains = (
        [(m, chain_indicators(m, text, section)) for m in CHAIN.finditer(text)]
        if ("→" in text or "—" in text or "/" in text or "／" in text) and CHAIN_HINT.search(text)
        else []
    )
    chains = [m for m, found in read_chains if found]
    if chains:  # 「“排查→调处→化解”分别为326→312→306件」: each figure of the chain counts its own stage
        tabled += [(m.start("numbers"), in_section(ind)) for m, found in read_chains for ind in found]
        text = _masked(text, [(m.start("numbers"), m.end(), [], []) for m in chains])
        tabled.sort(key=lambda t: t[0])
    prior = PRIOR_IN_BRACKETS.search(text)
    prior_from = prior.end() if prior else None  # after a note that brackets hold last year's figures
    respectively = _respectively(text) if "分别" in text else {}
    previous_other_body = False  # the figure before was another body's (a police station's, the court's)
    starts: list[int] = []  # where each figure of out is (the table rows' figures go in by it)
    ends: list[int] | None = None
    for m in QUANTITY.finditer(text):
        start = m.start()
        if start >= clause_end:  # the first match of a new clause
            previous_clause_end = clause_end
            if ends is None:  # where every clause ends: found once, looked up by bisection
                ends = [e.start() for e in CLAUSE_SPLIT.finditer(text)]
            clause_start = _clause_start(ends, start, max(previous_clause_end, 0))
            clause_end = _clause_end(ends, m.end(), len(text))
            # 「…排查矛盾纠纷318件。其中劳资纠纷101件，…」: a clause opening with 其中 right after the
            # one before breaks that one's totals down (it keeps them); any other clause starts afresh
            goes_on = (
                text[clause_start : clause_start + 2] == "其中"
                and previous_clause_end >= 0
                and not text[previous_clause_end:clause_start].strip("。；;！!？? \u3000\n\r")
            )
            if not goes_on:
                if by_unit:
                    left_of = by_unit  # what a remainder in the next clause is left of (「化解255件，…；剩余9件…」)
                by_unit, first_by_unit, totals, firsts = {}, {}, set(), {}
            parting = goes_on  # 「开展执法检查：158次；\n其中联合执法：26次」: the clause breaks the one before down
            part_class = ""  # the unit class of the parts (set by the first part found)
            last_end, previous_unit, previous_metric = clause_start, "", ""
        lead = _lead_in(text, start, max(previous_end, clause_start))
        previous_end = m.end()
        value = _value(m)
        rounded = (
            value is None
            and start > 0
            and m.group("num") in ROUND_ONLY
            and (text[start - 1] in ROUND_BEFORE or (m.group("approx") and text[start - 1] not in NOT_ROUND_AFTER))
        )
        if rounded:  # 「受众近万人次」「参与群众上万人次」「发放资料千余份」: a round figure, approximate
            value = ROUND_ONLY[m.group("num")]
        elif value is None and m.group("num") == "一" and _one_after_its_noun(text, start, m.end()):
            value = 1  # 「组建普法宣讲队一支，」「列为年度重大行政决策一项，」: one, counted after its noun
        if (
            value is None
            or NOT_A_COUNT_BEFORE.search(text, max(clause_start, start - 2), start)
            or FIXED_PHRASE_AFTER.match(text, m.end(), clause_end)
            or (m.group("unit") == "期" and _a_phase(text, start, m.end(), clause_start, clause_end))
        ):
            continue
        unit = "%" if m.group("pct") else UNIT_ALIASES.get(m.group("unit"), m.group("unit"))
        approx = (
            rounded or bool(m.group("approx")) or bool(APPROX_PREFIX.search(lead)) or bool(APPROX_AFTER.match(text, m.end(), clause_end))
        )
        head = text[clause_start:start]
        phrase = head[_segment_start(text, clause_start, start) - clause_start :]  # back to the last comma…
        own = phrase[max(0, len(phrase) - (start - last_end)) :]  # …and not past the previous number
        before = text[_segment_start(text, last_end, start) : start]  # …and not past the previous number
        cut = SEGMENT_BREAK.search(text, m.end(), clause_end)
        after = text[m.end() : cut.start() if cut else clause_end]
        after = after[: _next_number(after)]  # the words after it up to the next comma or number
        earlier = head[: len(head) - len(phrase)]
        # 其中5份: a part of the total before it in the same unit counts the total's thing
        same = UNIT_CLASS.get(unit, unit)  # 合法性审查：36件（其中合同31份）: a part may count its documents in another unit
        # …and so do the figures after it in the clause (「其中结合开园节开展普法2场，结合反诈开展专题宣传8场」)
        # unless they say they are besides (另/此外), a later stage (成功化解99件) or something else (移送…1件)
        # (a figure in another unit, 受众300人次 among the 场, neither goes on nor ends them)
        other_unit = parting and part_class not in ("", same)
        if not other_unit:
            parting = parting and _goes_on_part(before, unit, by_unit.get(same, OTHER_METRIC))
        cue = PART_CUE.search(phrase)
        if cue and cue.group().startswith("适用") and BY_PROCEDURE.search(earlier):
            cue = None  # 「立案查处一般程序案件9起，适用简易程序当场处罚27起」: the other procedure's cases, no part (N46)
        in_part = (bool(cue) or (parting and not other_unit)) and by_unit.get(same, OTHER_METRIC) != OTHER_METRIC
        if in_part and not parting:
            part_class = same
        parting = parting or in_part
        part = in_part
        if part:
            own_metric = metric_for(before, "", unit)
            kind_of_dispute = bool(KIND_OF_DISPUTE.search(before)) and not STAGE_ACT.search(before)
            if kind_of_dispute:
                own_metric = OTHER_METRIC
            total = own_metric if own_metric in totals - {OTHER_METRIC} else _whole_of(by_unit[same], first_by_unit[same])
            if kind_of_dispute and MEDIATED in totals and total in DISPUTE_STAGES:
                # 「排查…268起，受理调解251起，其中…邻里纠纷96起」: the kinds of the disputes mediated, as 90 of the 157 such
                # figures labelled in the sets say (44 the disputes found, 23 those resolved)
                total = MEDIATED
            if total == PENALTY and EDUCATED.search(before) and "案" not in firsts.get((PENALTY, unit), (0, "案"))[1]:
                at = firsts.pop((PENALTY, unit))[0]  # 「查处违规野外用火行为27起，其中批评教育23起」: actions taken, not penalty cases
                out[at] = replace(out[at], metric=OTHER_METRIC)
                by_unit[same] = first_by_unit[same] = total = OTHER_METRIC
                totals.discard(PENALTY)
            metric = _part_metric(total, own_metric, totals)
            part = metric == total
        else:
            # the earlier phrases name what a number counts when its own phrase is empty (执法检查：40次)
            # or when it goes on counting the previous number's thing (受理来信来访37件，办结35件)
            # or lists the previous number's verb's next object (审查规范性文件2件、各类合同41份)
            # (or its own words are a bare verb that names nothing: 「党委书记、镇长每月固定一天接待群众来访，全年接待八十余人次」)
            words = before.strip(QUANTITY_LEAD + "其中共全年、")
            carries = (
                not words
                or (unit == previous_unit and not OWN_DEED.match(words))
                or (before.startswith("、") and not OWN_ACT.match(words))
                or BARE_VERB.fullmatch(words) is not None
            ) and not QUOTED_NAME.fullmatch(words)
            # (「…办理法律援助案件26件，县人民法院天城人民法庭审结民事案件1100余件」: another body's own deed, N38)
            carries = carries and not (words and _by_another_body(words))
            # (「整顿2个村人民调解委员会，指导6个村全面修订村规民约」: villages counted by what they did, not the committees before, reading 22)
            carries = carries and not (unit in VILLAGE_UNITS and PREDICATE.search(after))
            listed_act = before.rsplit("、", 1)[-1] if "、" in before else ""
            # (「经公开征求意见、召开听证会1次」: the last part of the list names what it counts)
            named_by = listed_act if OWN_ACT.match(listed_act) else before
            metric = metric_for(named_by, after, unit, earlier=text[clause_start : start - len(named_by)] if carries else "")
            if start in respectively and (own := metric_for(respectively[start], "", unit)) != OTHER_METRIC:
                metric = own  # 「集中学法和机关干部法治培训分别为14次和4场」: the first figure the first thing's (N42)
            if unit in PLACES_AFTER and PLACES_AFTER[unit].match(after):
                metric = OTHER_METRIC
            if unit in PROBLEM_UNITS and PROBLEMS_AFTER.match(after):
                metric = OTHER_METRIC  # 「…矛盾纠纷联合调处、禁毒宣传等5个问题已整改到位」: problems put right, no disputes (reading 21)
            if metric == OTHER_METRIC:
                metric = _label_metric(text, clause_start, start, unit)
            compared = COMPARISON_CUE.search(before) if metric == OTHER_METRIC and previous_metric not in ("", OTHER_METRIC) else None
            change = COMPARISON_CUE.search(before) if previous_metric == OTHER_METRIC and unit == previous_unit else None
            # 「清理落地原油污染点8处，比2022年减少9处」: the change of the 8, whatever the clause named before (N28)
            change_of_other = bool(change) and len(before[: change.start()].strip(QUANTITY_LEAD + "，,、 ")) <= COMPARED_SUBJECT_MAX
            if compared and len(before[: compared.start()].strip(QUANTITY_LEAD + "，,、 ")) <= COMPARED_SUBJECT_MAX:
                metric = previous_metric  # 受理信访39件，同比下降15%: the comparison is of the figure before it…
            elif metric == PETITION and CLOSED_CUE.search(before) and not _nearest_before(_rules_for(unit), before):
                metric = PETITION_CLOSED
            if previous_metric in CASE_FLOWS and before.startswith("、") and OUTCOME.search(before):
                metric = previous_metric  # 「行政复议2件，复议维持1件、经调解结案1件」: outcomes of those cases
            if (
                metric in (OTHER_METRIC, PETITION)
                and (
                    RECEIVING.search(before)
                    or LEADERS_OWN_RECEIVING.search(before)
                    or (section_kind == "duty" and not before.strip() and RECEIVING.search(text, clause_start, start))
                )
                and (LEADER_RECEPTION.search(text, clause_start, start - len(before)) or section_kind == "duty")
            ):  # (in the duty section the leaders receive: 「接待来访群众：28批次」 under 第一责任人, reading 17)
                metric = LEADERS_RECEIVING  # 「党政主要负责人每月轮流在镇综治中心坐班接访，全年接待群众36人次」
            if metric in (PUBLICITY, TRAINING) and SKILLS_TRAINING.search(before):
                metric = OTHER_METRIC  # 「组织村民参加中蜂养殖技术培训3期」: a training in a trade, no 普法 (reading 17)
            if metric == AUDIENCE and HELPERS.search(before):
                metric = OTHER_METRIC  # 「动员志愿者1800余名参与防控」: the township's helpers, not people its work reached (reading 15)
            if metric in (AUDIENCE, TRAINEES) and CERTIFIED_AFTER.match(text, m.end()):
                metric = OTHER_METRIC  # 「街道23名执法人员全部取得行政执法证件」: officers holding a licence, not trainees (reading 19)
            if metric == INSPECTIONS and KEEPER_PATROL.search(text, max(text.rfind("。", 0, start) + 1, start - KEEPER_REACH), start):
                metric = OTHER_METRIC  # 「镇村河长全年巡河620余次」: a river chief's rounds, no enforcement (N32, reading 19)
            if metric == INSPECTIONS and unit in THINGS_PUT_RIGHT_UNITS and PUT_RIGHT.search(before) and not INSPECTED.search(before):
                metric = OTHER_METRIC  # 「整治占道经营、乱搭乱建1300余处」: the things put right, not inspections (reading 15)
            if metric == OTHER_METRIC and unit == "%" and previous_metric == EXAM and EXAM_RATE.match(before):
                metric = EXAM  # 「组织176名干部参加学法考试，合格率100%」: the pass rate of that exam (N25)
            if not before and previous_metric == LEADERS_RECEIVING and any(r.metric == previous_metric for r in _rules_for(unit)):
                metric = previous_metric  # 「全年共接待来访群众28批61人次」: the same receptions counted in people
            if metric == OTHER_METRIC and unit == "人次" and previous_metric in EVENTS and not before.strip("、约近共计"):
                metric = AUDIENCE  # 「接待法治教育活动23批次、约1600人次」: the people the events reached
            # (the clause, and the start of the next on a data line: 「法治讲座：3场；参训：300人次」 is a training of 300)
            metric = _audience_metric(metric, before or text[clause_start:start], text[clause_start : clause_end + NEXT_CLAUSE_PEEK], unit)
            if metric == LITIGATION and unit in ("次", "人次") and APPEARED.search(before):
                # 「镇长出庭应诉2次」: a leader's appearances in court, not cases (added to 行政诉讼案件2件 they counted them twice;
                # 29 of 44 such figures labelled 其他 in the sets, N38)
                metric = OTHER_METRIC
            if metric == SCREENED and not STAGE_ACT.search(before):  # 「调解成功的纠纷中，物业纠纷18件、邻里纠纷23件」
                metric = _stage_named(text[clause_start : start - len(before)]) or metric
            elif metric == SCREENED and STAGE_WORD.search(before) and not KIND_OF_DISPUTE.search(before):
                metric = _stage_named(before)  # 「排查各类矛盾纠纷143件，登记受理140件」: its own act names its stage
            bare = before.strip(QUANTITY_LEAD + "、")
            if metric == PETITION_CLOSED and not CLOSED_CUE.search(before if bare else text[clause_start:start]):
                metric = PETITION  # 「40件信访事项已办结38件」: the words after the 40 close the 38
            if (previous_metric in (PETITION, PETITION_CLOSED) or (not previous_metric and left_of.get(same) == PETITION)) and (
                PETITION_STAGE.match(bare.rstrip("：: ") or text[clause_start:start].rstrip("：: "))
            ):
                # the petitions' later stage, not disputes resolved (also on a data line: 「信访受理：176件；办结：172件」)
                metric = PETITION_CLOSED
            elif REMAINDER_ONLY.match(bare) and (remainder_of := (by_unit or left_of).get(same, OTHER_METRIC)) != OTHER_METRIC:
                metric = remainder_of
            if metric in (AUDIENCE, TRAINEES, OTHER_METRIC) and unit in HEAD_NOUN_UNITS:
                metric = _among(text[clause_start:start], unit) or metric
            if change_of_other:
                metric = OTHER_METRIC
            if metric == PENALTY and NOT_PENALISED.search(before + after):
                metric = NOT_PENALTY
            elif (
                metric == OTHER_METRIC
                and unit in UNIT_CLASS
                and DECISIONS.search(before)
                and ALL_REVIEWED.match(text, m.end() + len(after), clause_end)
            ):
                metric = REVIEWED
            elif (
                metric == OTHER_METRIC
                and unit == "项"
                and (DECISIONS.search(before) or DECISION_NOUN.match(text, m.end(), clause_end))
                and PROCEDURE_KEPT.search(_to_next_figure(text, m.end(), clause_end))
            ):
                metric = REVIEWED  # 「…等3项重大行政决策均严格履行法定程序」: decisions taken through the procedure (its review among it)
            elif metric == OTHER_METRIC and unit in UNIT_CLASS and previous_metric == REVIEWED:
                metric = DOCUMENTS_REVIEWED  # 「提交合法性审查的重大决策事项3项，合同协议33份」
        if metric != OTHER_METRIC and ENGAGEMENT.search(own):
            metric = OTHER_METRIC  # 「阅读量6.8万次，转发2100余次」「播放量虽然达到5.1万次」: reactions to posts, no work done (N46)
        kind = kind_of(metric, unit)
        rest = phrase[: len(phrase) - len(own)]
        role = role_for(own, after, earlier, unit=unit, kind=kind, section_kind=section_kind, rest=rest, named=metric != OTHER_METRIC)
        if role == "done" and out and out[-1].role == "context" and before.strip() in PAIRED and COMPARISON_CUE.search(phrase):
            role = "context"  # 「…分别比上年多2次和2次」: the second change of the pair
        elif (
            role == "done" and before == "/" and out and out[-1].unit == unit and out[-1].evidence == text[clause_start:clause_end].strip()
        ):
            role = "context"  # 「集中学法：24次/20次」 under 「（2023年/2022年）」: the other year's figure (N40; not 「2场/97人次」)
        listed = phrase if own.startswith("、") else own  # 打造法治文化广场1处、法治宣传长廊3处: the verb before the list
        if (
            kind == "stock"
            and metric in BUILT_STOCKS
            and role == "done"
            and (
                REWORKED_CUE.search(listed)
                or REWORKED_CUE.search(re.split("[，,、]", _to_next_figure(text, m.end(), clause_end), maxsplit=1)[0])
            )
        ):
            metric, kind = OTHER_METRIC, kind_of(OTHER_METRIC, unit)
        elif kind == "stock" and metric != OTHER_METRIC and role == "done" and _addition(metric, listed, head):
            metric, kind, part = added(metric), "flow", False  # 新增法律明白人8名; 其中新增8名 (of the level before it)
        if role == "done" and (part or (metric == OTHER_METRIC and unit in STOCK_UNITS | {"户", "家"} and not ACTION_CUE.search(own))):
            role = "context"  # a part already in its total; 设置综合窗口8个: a thing the township has, not work done
        # (「城关派出所全年受理各类警情5600余起，其中纠纷类警情1400余起」: the parts of another body's figure are its too, N25)
        other_body = (
            _by_another_body(phrase)
            or (previous_other_body and bool(AMONG_PART.match(phrase)))
            # (「街道派出所全年查处治安案件61起、调处治安纠纷105起」: its list goes on; N38)
            or (previous_other_body and own.lstrip().startswith("、"))
            # (「县法院乾佑人民法庭在街道设立诉前调解工作室，全年诉前调解民事纠纷73件」: the clause's subject did it; N38)
            or (_body_leads(head) and not OWN_ACTOR.search(head))
            or bool(COUNTY_DATA.match(text, m.end(), clause_end))
            or bool(FIRMS_OWN.search(head))
        )
        if role == "done" and other_body:
            role = "context"  # 「丹江派出所全年办理治安案件64起，县法律援助中心在我镇办理法律援助案件19件」: not the township's work
        segment = text[clause_start:start]  # (the clause up to the figure, or its last comma phrase, may open on 其中)
        opens_among = AMONG_PART.match(segment) is not None
        if role == "done" and opens_among and ONE_VILLAGE.match(phrase.lstrip("，,；; ")):
            role = "context"  # 「其中，孔营村受理纠纷21件，为全镇最多」: one village's share, not the township's count (reading 22)
        if role == "done" and section_kind == "duty" and metric in CASELOAD_METRICS and LEADER_CASELOAD.search(own or head):
            role = "context"  # 「党委书记…包案信访1件」: the leader's share of the township's cases, not its caseload (reading 17)
        if role == "done" and APPLIED.search(head) and (outcome := APPLICATION_OUTCOME.search(text, m.end(), clause_end)):
            role = "shortfall" if outcome.group("refused") else "context"  # 「申报市级民主法治示范村1个，…未能获批」
        if role == "shortfall" and metric in SHORT_OF and UNRESOLVED_AFTER.match(after):
            # 「另有2件宅基地纠纷因权属不清正在调处」「剩余2件山林权属纠纷已移交县林业部门」: the disputes not resolved, short
            # of the resolutions, whatever stage the words name (so 64 of the 94 such figures labelled in the sets; N38);
            # 「尚有2件正在办理中」「仍有3件信访事项未能办结」: the petitions not yet concluded (so 34 of 49; N40)
            metric = SHORT_OF[metric]
            kind = kind_of(metric, unit)
        if role == "done" and metric in CASE_FLOWS and (metric, unit) in firsts and OUTCOME.search(before):
            role = "context"  # 「行政复议2件，复议维持1件」: how some of those cases ended
        if role == "done" and prior_from is not None and start > prior_from and _bracketed(text, start, m.end()):
            role = "context"  # 「主要数据（括号内为2022年数据）」 then 「集中学法：32次（30次）」: last year's figure (N25)
        sentence = text[clause_start:clause_end].strip()
        first = firsts.get((metric, unit)) if role == "done" and not in_part and metric != OTHER_METRIC else None
        if first and LATER_STAGE.search(before) and not LATER_STAGE.search(first[1]) and value <= out[first[0]].value:
            if not _to_first_stage(out, *first, metric, unit):
                role = "context"  # 立案11件，结案10件: the 10 are part of the 11
        out.append(Indicator(value, unit, approx, metric, sentence, section, role, kind))
        previous_other_body = role == "context" and other_body
        starts.append(start)
        lines = text.count("\n", sentence_scanned, start)  # a line ends a paragraph and a sentence
        paragraph_no += lines
        sentence_no += lines + sum(text.count(end, sentence_scanned, start) for end in SENTENCE_ENDS)
        sentence_scanned = start
        sentence_of.append(sentence_no)
        paragraph_of.append(paragraph_no)
        inclusive.append(bool(INCLUSIVE.search(before)))
        kinds_of.append(bool(part) and bool(KIND_OF_DISPUTE.search(before)) and not STAGE_ACT.search(before))
        acts_of.append("acts" if ACTS_HANDLED.search(before) else "cases" if PENALTY_CASES.search(before) else "")
        among_of.append(opens_among or AMONG_PART.match(segment[max(segment.rfind("，"), segment.rfind(",")) + 1 :]) is not None)
        besides.append(not inclusive[-1] and bool(BESIDES.search(phrase)))
        totalled.append(bool(TOTAL_WORDS.search(before)))
        periodic.append(("季度" in before or "月" in before or "半年" in before) and bool(PERIOD_PART.search(before)))
        last_end, previous_unit, previous_metric = m.end(), unit, metric
        if unit == "%" and metric in STAGE_RATES:  # 排查化解矛盾纠纷128起，化解率97.6%: the 128 were handled, not all resolved
            for (m, u), (at, words) in firsts.items():
                if m == STAGE_RATES[metric]:
                    _to_first_stage(out, at, words, m, u)
        if not in_part and role == "done":
            firsts.setdefault((metric, unit), (len(out) - 1, before))
        if not in_part:  # a part, even of a stage of its own, is no total of the later parts
            by_unit[same] = metric
            first_by_unit.setdefault(same, metric)
            totals.add(metric)
    out = _acts_beside_cases(_kinds_by_sum(out, kinds_of, paragraph_of), acts_of, sentence_of)
    out = _parts_of_the_line_before(out, among_of, paragraph_of)
    out = _within_inclusive_totals(_parts_by_sum(out, sentence_of, totalled, periodic), paragraph_of, inclusive, besides)
    for m in chains:  # 「…326→312→306件，其中通过“共享法庭”在线调解37件」: a part of the chain's figures, no figure of its own
        among = re.match(r"[，,]\s*其中", text[m.end() :])
        if among:
            stop = _sentence_stop(text, m.end())
            out = [replace(ind, role="context") if m.end() <= starts[k] < stop and ind.role == "done" else ind for k, ind in enumerate(out)]
    out = _recapped(out, starts, text)
    if tabled:
        order = sorted(range(len(out) + len(tabled)), key=lambda k: starts[k] if k < len(out) else tabled[k - len(out)][0])
        out = [out[k] if k < len(out) else tabled[k - len(out)][1] for k in order]
    return out


# a text that may hold a table of figures (table_rows): cells between bars or tabs (a .docx table's cells, which the
# text's clean-up writes 「 | 」 between Chinese words), aligned by runs of spaces, or a unit in brackets before a colon
TABLE_HINT = re.compile(r"[|｜\t]|[ \u3000]{2}|[）)][：:]")


# 「全年矛盾纠纷“排查→调处→化解”分别为326→312→306件」「排查—调解—化解：158—146—142件」「“受理→办结”41→41件」 (N20):
# as many stages as figures, the figures joined by the same arrows or dashes, one unit after the last
CHAIN_JOIN = r"\s*(?:→|—{1,2}|－|/|／)\s*"
CHAIN_UNIT = r"件次|人次|件|次|场|份|名|个|人|起|条|户"
CHAIN = re.compile(
    rf"(?P<labels>[\u4e00-\u9fff]{{1,8}}(?:{CHAIN_JOIN}[\u4e00-\u9fff]{{1,8}}){{1,5}})[”’」]?(?:[^，。；：:\d\n]{{0,8}}?[：:]?)?\s*"
    rf"(?P<numbers>\d+(?:\.\d+)?(?:{CHAIN_UNIT})?(?:{CHAIN_JOIN}\d+(?:\.\d+)?(?:{CHAIN_UNIT})?){{1,5}})[ \t\u3000]*(?P<unit>{CHAIN_UNIT})?"
)
# what every chain holds: a figure, a join and the next figure (a cheap scan before the slow one)
CHAIN_HINT = re.compile(rf"\d(?:{CHAIN_UNIT})?{CHAIN_JOIN}\d")
CHAIN_FIGURE = re.compile(rf"(\d+(?:\.\d+)?)({CHAIN_UNIT})?")


def chain_indicators(m: re.Match[str], text: str, section: int) -> list[Indicator]:
    """The figures of a :data:`CHAIN`, each counting its stage (the words before the chain say of what:
    矛盾纠纷, 信访件); [] when stages and figures do not pair up."""
    labels = re.split(CHAIN_JOIN, m["labels"])
    figures = [CHAIN_FIGURE.fullmatch(part) for part in re.split(CHAIN_JOIN, m["numbers"])]
    # one unit after the last figure (326→312→306件), or each figure's own (受理/办结：64件/62件)
    if len(labels) != len(figures) or not all(figures):
        return []
    units = [f[2] or m["unit"] for f in figures]
    if not any(units[:-1]):
        units = [units[-1]] * len(units)
    if not all(units):
        return []
    start = max(text.rfind(end, 0, m.start()) for end in ("。", "！", "？", "\n", "；")) + 1
    evidence = text[start : _sentence_stop(text, m.end()) + 1].strip()
    topic = text[start : m.start()]
    out = []
    for k, (label, figure, given) in enumerate(zip(labels, figures, units)):
        unit = UNIT_ALIASES.get(given, given)
        value = float(figure[1])
        # (信访事项受理/办结: 办结 of 信访事项; 矛盾纠纷排查/调解/成功: 成功 of 调解, resolved, N21)
        metric = metric_for(topic + (labels[k - 1] if k else "") + label, "", unit)
        out.append(
            Indicator(int(value) if value.is_integer() else value, unit, False, metric, evidence, section, "done", kind_of(metric, unit))
        )
    return out


# 「全年开展集中学法和机关干部法治培训分别为14次和4场」: two things, then their figures in turn
# (the lookahead, implied by the rest, spares trying every split of the words before 分别 at positions 分别 does not follow)
RESPECTIVELY = re.compile(
    r"(?=[\u4e00-\u9fff“”、]{5,33}?分别)(?P<a>[\u4e00-\u9fff“”]{2,16}?)(?:和|与|及|、)(?P<b>[\u4e00-\u9fff“”]{2,16}?)分别(?:为|是|达到|有|达)?"
    r"(?P<x>\d+(?:\.\d+)?)[余多]?[\u4e00-\u9fff]{0,2}?(?:和|、|与|及)(?P<y>\d+(?:\.\d+)?)"
)


def _respectively(text: str) -> dict[int, str]:
    """Where each figure of a :data:`RESPECTIVELY` pair starts → the words naming what it counts."""
    return {at: words for m in RESPECTIVELY.finditer(text) for at, words in ((m.start("x"), m["a"]), (m.start("y"), m["b"]))}


def _sentence_stop(text: str, at: int) -> int:
    """Where the sentence holding ``at`` ends: its 。！？ or line end, else the text's end."""
    return min([i for i in (text.find(end, at) for end in ("。", "！", "？", "\n")) if i >= 0] or [len(text)])


def _masked(text: str, rows: list[tuple[int, int, list[str], list[str]]]) -> str:
    """``text`` with the table rows blanked out (same length: every other figure keeps its place)."""
    parts, at = [], 0
    for start, end, _, _ in rows:
        if start < at:  # (the same line's next figure)
            continue
        parts += [text[at:start], " " * (end - start)]
        at = end
    return "".join(parts) + text[at:]


# where a sentence ends besides a line's end, for the parts a total adds up (not ；: 「专题学法5次；会前学法14次，全年学法19次」)
SENTENCE_ENDS = ("。", "！", "？")
# words saying a figure is besides the ones before it, not a part of their total
BESIDES = re.compile(r"另|此外|还有|同时")
PARTS_MIN = 2


# the words of a figure that is a total: 「共计21场」「全年学法19次」
TOTAL_WORDS = re.compile(r"共|合计|累计|总计|全年|全镇|全乡")
# a figure that counts every kind of its thing: 「全年开展各类普法活动51场次」
INCLUSIVE = re.compile(r"各类|各项|各种|总计|合计|共计")


def _within_inclusive_totals(out: list[Indicator], paragraph_of: list[int], inclusive: list[bool], besides: list[bool]) -> list[Indicator]:
    """The other done figures of a paragraph's metric and unit are parts of a figure there that counts every kind
    (:data:`INCLUSIVE`) when together they come to no more than it: 「开展“法律进工地”…等活动38场次…。全年开展各类普法
    活动51场次」 is 51 (岳西县 review: 89 was summed); a figure said to be besides (另开展…, 同时开展…) is not one of them
    and stays. A named flow's; the parts become context."""
    totals: dict[tuple[int, str, str], int] = {}
    for i, ind in enumerate(out):
        if inclusive[i] and ind.role == "done" and ind.kind == "flow" and ind.metric != OTHER_METRIC:
            totals.setdefault((paragraph_of[i], ind.metric, ind.unit), i)
    if not totals:
        return out
    parts: set[int] = set()
    for (paragraph, metric, unit), total in totals.items():
        others = [
            i
            for i, ind in enumerate(out)
            if i != total and paragraph_of[i] == paragraph and ind.metric == metric and ind.unit == unit and ind.role == "done"
        ]
        others = [i for i in others if not besides[i]]  # 「…，同时开展法治讲座3场」 is besides the total
        if others and sum(out[i].value for i in others) <= out[total].value:
            parts.update(others)
    return _as_context(out, parts)


# 「查处占道经营、违规设置户外广告等行为1300余起，…，办理行政处罚案件21件」: the acts handled, beside the penalty cases
ACTS_HANDLED = re.compile(r"(?:查处|处置|处理)[^，。；\d]{0,20}行为$")
PENALTY_CASES = re.compile(r"(?:处罚|立案)[^，。；\d]{0,4}案件$")


def _parts_of_the_line_before(out: list[Indicator], among_of: list[bool], paragraph_of: list[int]) -> list[Indicator]:
    """Parts listed after 其中 under a line that states their total (「（四）开展“法律进村”活动70场，…」 then 「…深入开展“法律进村”
    活动，其中进移民村24场、进农户院落31场、进企业和学校15场」, N44): a run of done figures of one unit opening a clause with 其中,
    adding up exactly to a done figure of that unit on the line before, are its parts — context, of its metric."""
    at = 0
    while at < len(out):
        if not among_of[at] or out[at].role != "done":
            at += 1
            continue
        end = at + 1
        while end < len(out) and paragraph_of[end] == paragraph_of[at] and out[end].unit == out[at].unit and not out[end].approx:
            end += 1
        total = sum(out[k].value for k in range(at, end))
        before = [
            k
            for k in range(at)
            if paragraph_of[k] == paragraph_of[at] - 1 and out[k].unit == out[at].unit and out[k].role == "done" and out[k].value == total
        ]
        if end - at > PARTS_MIN and before and not out[at].approx:
            metric = out[before[-1]].metric
            out[at:end] = [replace(out[k], metric=metric, role="context", kind=kind_of(metric, out[k].unit)) for k in range(at, end)]
        at = end
    return out


def _acts_beside_cases(out: list[Indicator], acts_of: list[str], sentence_of: list[int]) -> list[Indicator]:
    """A count of wrongful acts handled (查处…等行为1300余起) in a sentence that also counts its penalty cases (办理行政处罚案件
    21件) counts no penalty case (the twenty-second reading: 1300 cases for 21); with no such case count beside it, it is
    the sentence's count of penalties, as the sets' writers label it (94 of 105)."""
    cases = {sentence_of[i] for i, ind in enumerate(out) if acts_of[i] == "cases" and ind.metric == PENALTY}
    if not cases:
        return out
    return [
        replace(ind, metric=OTHER_METRIC, kind=kind_of(OTHER_METRIC, ind.unit))
        if acts_of[i] == "acts" and ind.metric == PENALTY and sentence_of[i] in cases
        else ind
        for i, ind in enumerate(out)
    ]


def _kinds_by_sum(out: list[Indicator], kinds_of: list[bool], paragraph_of: list[int]) -> list[Indicator]:
    """The kinds of disputes listed as parts (其中，土地权属纠纷41件、婚姻家庭纠纷33件…) count the stage whose figure of the
    same or the previous paragraph they add up to (排查…136件，调解131件，调解成功127件 → 41 + 33 + 29 + 18 + 15 = 136: the
    disputes found, N44), when exactly one stage's figure is their sum; otherwise they stay the stage :func:`extract_indicators`
    gave them (the disputes mediated, as most writers label them)."""
    at = 0
    while at < len(out):
        if not kinds_of[at]:
            at += 1
            continue
        end = at + 1
        while end < len(out) and kinds_of[end] and out[end].unit == out[at].unit:
            end += 1
        run, total = range(at, end), sum(out[k].value for k in range(at, end))
        unit = UNIT_CLASS.get(out[at].unit, out[at].unit)
        stages = {
            out[k].metric
            for k in range(at)
            if paragraph_of[at] - 1 <= paragraph_of[k] <= paragraph_of[at]
            and out[k].metric in DISPUTE_STAGES
            and out[k].role == "done"
            and UNIT_CLASS.get(out[k].unit, out[k].unit) == unit
            and out[k].value == total
        }
        if len(run) > 1 and len(stages) == 1:
            stage = stages.pop()
            out[at:end] = [replace(out[k], metric=stage) for k in run]
        at = end
    return out


def _as_context(out: list[Indicator], parts: set[int]) -> list[Indicator]:
    """``out`` with the figures at ``parts`` made context (parts of a total counted beside them)."""
    return [replace(ind, role="context") if i in parts else ind for i, ind in enumerate(out)] if parts else out


def _goes_on_part(before: str, unit: str, total: str) -> bool:
    """Whether a figure after a part (其中…) of its clause is another part of the same total: its words say
    nothing besides (:data:`BESIDES`) nor a later stage (:data:`LATER_STAGE`), and name no metric or the total's."""
    if BESIDES.search(before) or LATER_STAGE.search(before):
        return False
    named = _nearest_before(_rules_for(unit), _without_titles(before))
    if named in DISPUTE_STAGES and total in DISPUTE_STAGES and KIND_OF_DISPUTE.search(before) and not STAGE_ACT.search(before):
        return True  # 「…调解成功291件。其中，婚姻家庭纠纷86件、邻里纠纷74件」: a kind of dispute names no stage (N42)
    return named is None or named == total


# a period's part of the year's figure: 「一季度调解58件」「第二季度61件」「5月份…」「上半年…」
PERIOD_PART = re.compile(r"(?:第?[一二三四1-4]季度|[一二三四五六七八九十\d]{1,2}月份?|上半年|下半年)[^，、；。\d]{0,6}$")


def _parts_by_sum(out: list[Indicator], sentence_of: list[int], totalled: list[bool], periodic: list[bool]) -> list[Indicator]:
    """The done figures of one sentence, metric and unit that add up exactly to another done figure of them
    right after or right before them, one its words call a total (:data:`TOTAL_WORDS`), are its parts, context:
    「进村宣讲15场、进校园4场、进企业2场，共计21场」, 「全年专题学法5次；会前学法14次，全年学法19次」 (N14: summed 42
    and 38) — not 「开展普法宣传活动2场，法治讲座1场，送法下乡1场」. At least :data:`PARTS_MIN` parts, exact figures
    only; a named flow's. A period's parts that name nothing (一季度46件、二季度58件…) and add up to a named figure
    before them in the sentence are that figure's parts, and take its metric."""
    groups: dict[tuple[int, str, str], list[int]] = {}
    for i, ind in enumerate(out):
        if ind.role == "done" and ind.kind == "flow" and ind.metric != OTHER_METRIC and not ind.approx:
            groups.setdefault((sentence_of[i], ind.metric, ind.unit), []).append(i)
    parts: set[int] = set()
    for idx in groups.values():
        if len(idx) <= PARTS_MIN:
            continue
        for j, total in enumerate(idx):
            if not totalled[total]:
                continue
            value = out[total].value
            for k in range(j - PARTS_MIN, -1, -1):  # before it: the nearest run that adds up
                if sum(out[i].value for i in idx[k:j]) == value:
                    parts.update(idx[k:j])
                    break
            for k in range(j + 1 + PARTS_MIN, len(idx) + 1):  # after it
                if sum(out[i].value for i in idx[j + 1 : k]) == value:
                    parts.update(idx[j + 1 : k])
                    break
        # a figure followed by its periods' parts that add up to it, whatever its words: 「调解255件…分季度看，一季度调解58件、
        # 二季度61件、三季度72件、四季度64件」 (reading 18: 510 for 255)
        for j, total in enumerate(idx):
            run = list(takewhile(periodic.__getitem__, idx[j + 1 :]))
            for k in range(PARTS_MIN + 1, len(run) + 1):
                if sum(out[i].value for i in run[:k]) == out[total].value:
                    parts.update(run[:k])
                    break
    # …and periods' parts that name nothing: 「全年调解矛盾纠纷214件，调解成功208件；分季度看，一季度46件、二季度58件、…」 count
    # the figure they add up to (N36: 其他)
    named: dict[int, str] = {}
    for i, ind in enumerate(out if any(periodic) else ()):
        if ind.role != "done" or ind.kind != "flow" or ind.metric == OTHER_METRIC or ind.approx:
            continue
        first = next((k for k in range(i + 1, len(out)) if periodic[k]), len(out))
        run = []
        for k in range(first, len(out)):
            if not (periodic[k] and out[k].metric == OTHER_METRIC and out[k].unit == ind.unit and sentence_of[k] == sentence_of[i]):
                break
            run.append(k)
        if len(run) > PARTS_MIN and sum(out[k].value for k in run) == ind.value:
            named.update(dict.fromkeys(run, ind.metric))
    if named:
        out = [replace(ind, metric=named[i], kind=kind_of(named[i], ind.unit)) if i in named else ind for i, ind in enumerate(out)]
        parts.update(named)
    return _as_context(out, parts)


def _addition(metric: str, own: str, head: str = "") -> bool:
    """A stock's figure is what it gained in the year (:data:`ADDED`): 新增…, or a place built (:data:`BUILT_CUE`)
    in a clause that states no level before it (``head``: 「全镇现有人民调解委员会19个，并在镇综治中心设立…调处室1个」)."""
    if ADDITION_CUE.search(own):
        return True
    if CUMULATIVE_HEAD.match(head):
        return False  # 「截至目前，街道累计培育…，建成法治宣传阵地41处」: what stands to date, not the year's additions (沂南县 reading)
    return metric in BUILT_STOCKS and bool(BUILT_CUE.search(own)) and not LEVEL_CUE.search(head if metric in LEVEL_FIRST else own)


NEXT_CLAUSE_PEEK = 4  # characters of the next clause read with a data line's clause
CUMULATIVE_HEAD = re.compile(r"^(?:截至|截止|到)[^，。；]{0,10}(?:目前|年底|年末|底|为止)[，,]")


def _audience_metric(metric: str, before: str, clause: str, unit: str) -> str:
    """The metric once the clause says who took part or what was worked on: a lecture for
    cadres is 法治培训; a backlog (积案) in a clause about disputes and no petitions is the
    dispute flow's stage its own words name (化解陈年积案6件 is 矛盾纠纷化解)."""
    if (
        metric == PUBLICITY
        and LECTURE.search(before.rstrip(QUANTITY_LEAD))
        and (CADRE_AUDIENCE.search(clause) or "参训" in clause)
        and not PUBLIC_VENUE.search(clause)
    ):
        return TRAINING
    if metric == TRAINING and PUBLIC_VENUE.search(before) and not CADRE_AUDIENCE.search(before):
        return PUBLICITY  # 「带头到村讲法治课3场」「在安置社区“新市民学校”讲授法治课2次」: a lesson for the public is 普法
    if metric == PUBLICITY and LEADER_JOINED.search(before):
        return OTHER_METRIC
    if metric == AUDIENCE and not PUBLIC_AUDIENCE.search(before) and CADRE_AUDIENCE.search(before) and not PUBLIC_VENUE.search(before):
        return TRAINEES  # (not 「组织“法律明白人”入户宣传1800余户」: the households they reached)
    if metric == INSPECTION and unit == "人次" and TRAINED_BEFORE.search(before):
        return TRAINEES  # 「培训执法人员及站所业务骨干64人次」: 执法 names who was trained
    if metric == INSPECTION and unit == "人次" and DEPLOYED.search(before):
        return OTHER_METRIC  # 「执法检查126次，出动执法人员680余人次」: the officers sent out, not the inspections (N5, N11, N23, N32)
    if (
        metric == AUDIENCE
        and not PUBLIC_AUDIENCE.search(clause)
        and (CADRE_AUDIENCE.search(clause) or TAKING_PART.search(before))
        and TRAINING_CLAUSE.search(clause)
    ):
        return TRAINEES
    if metric == AUDIENCE and not before.strip("、，, /／（(") and TRAINED_BEFORE.search(clause) and not PUBLIC_AUDIENCE.search(clause):
        # 「法治培训4期、265人次」「法治培训：2场/97人次」「法治培训：2场（140人次）」: the people the trainings had (sixteenth
        # reading: added to the public reached; N38)
        return TRAINEES
    if metric == PETITION and BACKLOG in before and KIND_OF_DISPUTE.search(clause) and not PETITION_WORD.search(clause):
        rules = tuple(r for r in _rules_for(unit) if r.metric != PETITION)
        return _nearest_before(rules, before.replace(BACKLOG, "纠纷")) or metric
    return metric


CERTIFIED_AFTER = re.compile(r"[^，。；\d]{0,10}?(?:全部|均|都)?(?:取得|持有|具备|领取)[^，。；\d]{0,8}证")
# a keeper's rounds, no enforcement: 「镇村河长全年巡河620余次」, 「全年巡山护林2600余人次」, 「桥长和看护员，全年开展巡查840余次」 (N34)
KEEPER_PATROL = re.compile(
    r"(?:河长|湖长|林长|桥长|护林员|巡山员|巡林员|看护员)(?:(?!执法)[^。；\d]){0,10}巡[河湖山林查护]?[^，。；\d]{0,4}$|(?:巡山|巡林|护林){1,2}[^，。；\d]{0,2}$"
)
KEEPER_REACH = 40  # characters before a number read for a keeper and his rounds (the keeper may be named a clause before)
DEPLOYED = re.compile(r"出动[^，。；、\d]{0,10}$")


def _among(head: str, unit: str) -> str | None:
    """The stock a figure counts some of (「249名法律明白人中，全年参与调解纠纷的仅96名」): the last
    「…中，」 frame of the clause before it, when its words name a stock metric."""
    last = None
    for last in AMONG.finditer(head):  # noqa: B007 - the last frame is wanted
        pass
    if last is None:
        return None
    named = _nearest_before(_rules_for(unit), _without_titles(last.group(1)))
    return named if named and metric_kinds().get(named) == "stock" else None


def _stage_named(words: str) -> str:
    """The dispute stage the last act of ``words`` names (:data:`STAGE_WORD`), "" when none."""
    last = None
    for last in STAGE_WORD.finditer(words):  # noqa: B007 - the last match is wanted
        pass
    return STAGE_OF_WORD.get(last.group(), RESOLVED) if last else ""


def _whole_of(latest: str, first: str) -> str:
    """The total a part (其中…) belongs to: the first figure of the clause in its unit when the
    later ones are stages of the same flow (排查矛盾纠纷88件，化解86件，其中婚姻家庭纠纷76件 breaks
    down the 88 found), else the latest."""
    areas = metric_areas()
    return first if first != latest and areas.get(first) and areas.get(first) == areas.get(latest) else latest


def _part_metric(total: str, own: str, totals: set[str]) -> str:
    """What a part (其中…) counts: the stage its own words name when that is another stage of
    its total's flow that the clause counts no total of (其中镇调委会调解37件 of 排查化解矛盾纠纷102件
    is 矛盾纠纷调解, a figure of its own), else its total's thing (a part of that total)."""
    areas = metric_areas()
    new_stage = own != OTHER_METRIC and own not in totals and areas.get(own) and areas.get(own) == areas.get(total)
    return own if new_stage else total


def _label_metric(text: str, clause_start: int, start: int, unit: str) -> str:
    """The metric a table-like line names in its label before a colon, for the figures after
    it that name none of their own: 「5.合法性审查：合同27份」 「9.信访事项：受理21件，办结21件」."""
    colon = text.find("：", clause_start, start)
    if colon < 0 or colon - clause_start > LABEL_MAX:
        return OTHER_METRIC
    return _nearest_before(_rules_for(unit), _without_titles(text[clause_start:colon])) or OTHER_METRIC


def _without_titles(words: str) -> str:
    """The words with the titles they cite emptied: 「组织学习《行政处罚法》《信访工作条例》3次」 counts
    learning, not 行政处罚 or 信访."""
    return BOOK_TITLE.sub("《》", words) if "《" in words else words


def _next_number(words: str) -> int:
    """Where the next counted quantity in ``words`` starts (its lead-in included), or their end."""
    for m in QUANTITY.finditer(words):
        if _value(m) is not None:
            return len(words[: m.start()].rstrip(QUANTITY_LEAD))
    return len(words)


def _lead_in(text: str, start: int, floor: int) -> str:
    """The (at most two) lead-in characters right before a number: "共计" in 共计3500份."""
    i = start
    while i > floor and start - i < 2 and text[i - 1] in QUANTITY_LEAD:
        i -= 1
    return text[i:start]


# another body working in the township, the subject of a phrase: 「丹江派出所全年办理治安案件64起」「县人民法院岸堤人民法庭在我镇
# 开展诉前调解64件」「县司法局在我镇开展“送法下乡”活动3场」 (N23) — not 「联合派出所开展…」 or 「镇司法所…」
OTHER_BODY_LEAD = (
    r"^(?:另据统计|此外|另外|同时|据统计)?[，,]?(?P<place>[\u4e00-\u9fff]{0,8}?)"
    r"(?:派出所|人民法庭|法庭|人民法院|县法院|检察院|县司法局|法律援助中心|公安局|公安分局|交警大队|消防救援"
    # 「县文化市场综合执法大队全年在宏村景区检查八十余次（县级数据）」 (N34, reading 20): a county bureau's own work
    r"|县[\u4e00-\u9fff]{2,12}?(?:执法大队|执法支队|局))"
)
OTHER_BODY = re.compile(OTHER_BODY_LEAD + r"(?:诉前调解工作站)?(?:全年|今年|年内|在[^，。；、\d]{1,6})?[^，。；、\d]{2,16}$")
# …as the subject of a clause whose later phrase, naming no subject of its own, has the figure (「县法院乾佑人民法庭在街道设立诉前
# 调解工作室，全年诉前调解民事纠纷73件」, N38)
OTHER_BODY_CLAUSE = re.compile(OTHER_BODY_LEAD + r"[^，。；、\d]{0,24}[，,]")


AMONG_PART = re.compile(r"^[，,；;\s]*其中")
VILLAGE_UNITS = frozenset({"个村", "村"})
# a named village as the subject: 「孔营村受理纠纷」 (not 各村, 每村, 全镇22个村, 村民, 村委会, 村级)
ONE_VILLAGE = re.compile(r"[\u4e00-\u9fff]{2,3}(?<![各每全个两三几])村(?!民|委|级|务|规|干部|两委|集体|（|\(|社区|组)")
# the township or its own offices named as who acts: 「我镇」「镇综治中心」「街道办事处」
OWN_ACTOR = re.compile(r"[我本全该](?:镇|乡|街道)|(?:镇|乡|街道)(?:党委|党工委|政府|办事处|综治|司法所|调委会|村)")
# firms running their own training: 「辖区两家磷化工企业自行组织员工安全生产法律培训15场、参训员工1200余人次」 (N40; villages
# doing so are counted either way by the sets' writers, firms never)
FIRMS_OWN = re.compile(r"(?:企业|公司|厂矿)[^，。；\d]{0,8}(?:自行|自主)(?:组织|开展|举办)")
# a figure the report itself marks as the county's: 「检查八十余次（县级数据）」
COUNTY_DATA = re.compile(r"[^，。；（(]{0,3}[（(](?:县级|全县|县里|县直)[^）)]{0,6}[）)]")


def _body_leads(clause: str) -> bool:
    """Another body is the subject the ``clause`` opens with (:data:`OTHER_BODY_CLAUSE`)."""
    m = OTHER_BODY_CLAUSE.match(clause)
    return bool(m) and not NOT_A_PLACE.search(m["place"])


def _by_another_body(phrase: str) -> bool:
    """A figure's ``phrase`` (its words back to the last comma) says another body (a police station, the court, the
    county's bureau) did it."""
    m = OTHER_BODY.match(phrase)
    return bool(m) and not NOT_A_PLACE.search(m["place"])


# what no name of a place holds: the body is where the township went or whom it worked with (「到县人民法院旁听庭审」
# 「镇司法所联合派出所开展…」「邀请县法院法官…」), not the subject
NOT_A_PLACE = re.compile(
    r"[到赴往去至向在对把被跟随与同和及并]|联合|邀请|组织|带领|配合|协助|会同|依托|借助|通过|协调|其中|所|举办|开展|召开|设立|建成|打造|模拟|共享|参观"
    r"|移送|移交|报送|上报|提请|交由"  # 「移送县自然资源局处理1件」: the township's hand-over
    r"|承接|接受|受理"  # 「另承接县法院委派的诉前调解案件36件」: the township took the cases on (N46)
)


def _segment_start(text: str, floor: int, pos: int) -> int:
    """Where the phrase ending at ``pos`` starts: after the last ，,： in text[floor:pos]
    (``SEGMENT_BREAK.split(text[floor:pos])[-1]`` without the split)."""
    return max(text.rfind("，", floor, pos), text.rfind(",", floor, pos), text.rfind("：", floor, pos), floor - 1) + 1


# 「棚户区改造二期」「三期工程」「木耳产业园二期扩建」: a phase of a project, named by its number, not counted (N36, N38)
PHASE_AFTER = re.compile(r"(?:工程|扩建|项目|征地|建设|改造|安置|厂房|用地|地块|标段)")
PHASE_BEFORE = re.compile(r"(?:改造|工程|扩建|园区?|小区|项目|棚户区|片区|基地|安置区)$")


def _a_phase(text: str, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """A number of 期 that names a phase (:data:`PHASE_AFTER`, :data:`PHASE_BEFORE`)."""
    return bool(PHASE_AFTER.match(text, end, clause_end) or PHASE_BEFORE.search(text, max(clause_start, start - 4), start))


def _to_next_figure(text: str, start: int, end: int) -> str:
    """``text[start:end]`` up to its next digit."""
    m = DIGIT.search(text, start, end)
    return text[start : m.start() if m else end]


def _clause_start(ends: list[int], pos: int, floor: int = 0) -> int:
    """Where the clause holding ``pos`` starts, given ``ends`` (the positions of every clause end
    of the text, :data:`CLAUSE_SPLIT`); ``floor``: a clause end at or before which it cannot
    start (the previous clause's end); 0 when no clause end lies between ``floor`` and ``pos``."""
    i = bisect_left(ends, pos) - 1
    return ends[i] + 1 if i >= 0 and ends[i] >= floor else 0


def _clause_end(ends: list[int], pos: int, length: int) -> int:
    """Where the clause holding ``pos`` ends: the first clause end at or after it, or ``length``."""
    i = bisect_left(ends, pos)
    return ends[i] if i < len(ends) else length


def _one_after_its_noun(text: str, start: int, end: int) -> bool:
    """一 + unit written after what it counts, ending its clause (「示范村一个、州级两个」)."""
    before = text[start - 1] if start > 0 else ""
    return (end == len(text) or text[end] in ONE_ENDS) and "\u4e00" <= before <= "\u9fff" and before not in ONE_AFTER_NOUN_NOT


def quantity_value(m: re.Match[str]) -> float | None:
    """The value of a :data:`QUANTITY` match (百分之九十五 → 95, 1.2万 → 12000), or None when it is no number."""
    return _value(m)


def _value(m: re.Match[str]) -> int | float | None:
    """Numeric value of a QUANTITY match, or None when it is not a count (一 as an article, 千家万户)."""
    num = m.group("num")
    if m.group("pct"):  # 百分之九十五点一 → 95.1
        whole, _, tenths = num[3:].partition("点")
        try:
            value = chinese_to_int(whole) + (float("0." + "".join(str(DIGITS[ch]) for ch in tenths)) if tenths else 0)
        except (ValueError, KeyError):
            return None
        return int(value) if float(value).is_integer() else value
    if num.isascii():
        value: float = float(num.replace(",", ""))
    else:
        if num[0] not in CN_LEAD or num == "一":
            return None
        try:
            value = chinese_to_int(num)
        except ValueError:
            return None
    if m.group("wan"):
        value *= 10_000
    if m.group("unit") == "成":  # 四成 → 40 %
        value *= 10
    return int(value) if float(value).is_integer() else value


# distinct phrases whose metric and role a process remembers (both are pure functions of the
# words around a number; reports repeat their phrasing: 全年开展…, 发放宣传资料…); more finds
# hardly more (a worker's 5,000 synthetic reports: 85 % and 64 % found with 4,096, 85 % and 66 % with 65,536)
PHRASE_MEMORY = 4_096
# a title right before the number is what it counts (发放《一封信》2000余份); 《…公示办法》等内部制度6项 counts 制度
TITLE_COUNTED = re.compile(r"》[”」]?等?$")


# a number's own words that only say what was done, not to what: 全年接待八十余人次, 共开展12次
BARE_VERB = re.compile(
    r"(?:累计|共|合计|总计)?(?:(?:接待|接访)(?:来访)?(?:群众)?(?:来访)?|开展|组织|举办|召开|办理|受理|处理)"
    # (「推进“法律明白人”培养工程，力争总数达到200名」: the total of the thing the clause before names, N25)
    r"|(?:力争|确保|争取)?(?:总数|总量|人数|数量)(?:达到|增至|突破|不少于)?"
)


@lru_cache(maxsize=PHRASE_MEMORY)
def metric_for(before: str, after: str, unit: str, *, earlier: str = "") -> str:
    """:func:`_metric_of` the words with the titles they cite emptied, else of the words as
    written: a title names the thing counted only when nothing else does (发放《致全乡村居民的一封信》2000余份)."""
    words = (before, after, earlier)
    bare = tuple(_without_titles(w) for w in words)
    found = _metric_of(*bare, unit)
    titled = found == OTHER_METRIC and bare != words and TITLE_COUNTED.search(before.rstrip(QUANTITY_LEAD))
    return _metric_of(*words, unit) if titled else found


def _metric_of(before: str, after: str, earlier: str, unit: str) -> str:
    """Metric named by the words of a number's own phrase that allows its unit: the words
    before it (the match ending nearest to the number), else right after it (the match
    starting nearest; see :data:`HEAD_NOUN_UNITS`), else the nearest words of the ``earlier``
    phrases of its clause. Words before it that end in 的 describe the noun after it, which
    then comes first."""
    rules = _rules_for(unit)
    verb = PREDICATE.search(after) if unit in HEAD_NOUN_UNITS else None
    reach = len(after)
    given = ROLE_GIVEN.search(after) if unit in HEAD_NOUN_UNITS else None
    if given:  # 聘请2名律师担任兼职调解员: the role they are given names them
        role_named = _nearest_after(rules, after[given.end() :], len(after))
        if role_named:
            return role_named
    if verb:  # 64名干部参加年度学法考试: what people took part in is what they count
        joined = PARTICIPATION.match(after, verb.start())
        reach = joined.end() if joined else verb.start() - 1
    if before.rstrip(QUANTITY_LEAD).endswith("的"):  # 排查出的12件重点信访事项: the words before describe the noun after
        found = _nearest_after(rules, after, reach) or _nearest_before(rules, before)
    else:
        found = _nearest_before(rules, before) or _nearest_after(rules, after, reach)
    if found is None and earlier:
        found = _nearest_before(rules, earlier)
    return found or OTHER_METRIC


@lru_cache(maxsize=256)
def _rules_for(unit: str) -> tuple[MetricRule, ...]:
    """The rules that allow ``unit`` (a report names a few dozen units)."""
    return tuple(r for r in metric_rules() if not r.units or unit in r.units)


def _nearest_before(rules: list[MetricRule], words: str) -> str | None:
    best, best_key = None, (-1, 0)
    for rule in rules:
        for m in rule.pattern.finditer(words):
            key = (m.end(), m.end() - m.start())
            if key > best_key:
                best, best_key = rule.metric, key
    return best


def _nearest_after(rules: list[MetricRule], words: str, reach: int) -> str | None:
    """The rule whose match starts nearest, at most ``reach`` characters into ``words``."""
    best, best_start = None, reach + 1
    for rule in rules:
        m = rule.pattern.search(words, 0, len(words))
        if m and m.start() < best_start:
            best, best_start = rule.metric, m.start()
    return best


# "cumulative" is a role only on the way: a multi-year total is context, a stock's level to date is done
Cue = tuple[re.Pattern[str], str]
CUES: tuple[Cue, ...] = (
    (TARGET_CUE, "target"),
    (SHORTFALL_CUE, "shortfall"),
    (CONTEXT_BEFORE, "context"),
    (COMPARISON_CUE, "context"),
    (PER_UNIT_CUE, "context"),
    (CUMULATIVE_CUE, "cumulative"),
    (DONE_CUE, "done"),
    (REMAINDER_CUE, "remainder"),
)
CUES = tuple((screened(pattern), role) for pattern, role in CUES)  # the same cues, passed over faster
# cues that carry to the later numbers of their clause ("计划开展…30场，新建…10块")…
CARRIED_CUES: tuple[Cue, ...] = (
    (PLAN_CUE, "target"),
    (SHORTFALL_CUE, "shortfall"),
    (CUMULATIVE_CUE, "cumulative"),
    (DONE_CUE, "done"),
)
CARRIED_CUES = tuple((screened(pattern), role) for pattern, role in CARRIED_CUES)
# …and, within one phrase, a per-unit figure to the items listed after it ("每个网格落实网格员1名、法律明白人1名")
PHRASE_CUES: tuple[Cue, ...] = ((screened(PER_UNIT_CUE), "context"), *CARRIED_CUES)


# a clause telling an event of the year afresh: 「发生行政诉讼案件4起」「受理信访事项…」
FRESH_EVENT = re.compile(r"^(?:全年|今年|年内)?共?(?:发生|受理|办理|查处|收到|接到)")


@lru_cache(maxsize=PHRASE_MEMORY)
def role_for(
    phrase: str,
    after: str,
    earlier: str = "",
    *,
    unit: str = "",
    kind: Kind = "flow",
    section_kind: str = "achievements",
    rest: str = "",
    named: bool = False,
) -> Role:
    """done, target, shortfall or context of a number: the cue nearest to it in its own
    ``phrase`` (the words before it back to the previous number), then what comes right
    ``after`` it, then the nearest carried cue in the ``rest`` of its phrase (back to the last
    comma) and in the ``earlier`` phrases of its clause, else the section's role.

    A plan word in its own phrase outweighs a done one (力争全年开展30场 is a target); a total
    over several years (累计…, 2020年以来…, 历年…) is context unless the year bounds it (全年累计)
    or it is a stock's level to date; a figure before 但 in a concession (虽然开展了8次，但…) is
    done in any section; otherwise a done cue in a plan or problem section leaves the section's role."""
    default = SECTION_ROLES.get(section_kind, "done")
    if SAME_TIME_BEFORE.search(earlier + rest + phrase):
        return "context"  # 「研究法治建设4次（上年同期：5次）」: last year's figure beside the year's
    if LAST_YEAR_OPENS.match((rest + phrase).lstrip("，,、；; ")):
        return "context"  # 「会前学法24次，上年同期会前学法为22次」: last year's, in a phrase of its own (reading 19)
    phrase, after, earlier, rest = (_framing_read(w) for w in (phrase, after, earlier, rest))
    if earlier.endswith(("，", ",")) and FRESH_EVENT.match(rest + phrase):
        earlier = ""  # 「尚有5件…仍在化解中，发生行政诉讼案件4起」: a clause telling a new event takes no cue of the one before (N28)
    role = _nearest_cue(phrase, CUES)
    if role == "done" and PLAN_NAMED_AFTER.match(after):
        role = "target"  # 「完成6场的计划」「超额完成50名的年度任务」: the plan's figure, not the year's work
    if (
        role == "context"
        and STAFF_BEFORE.search(phrase)
        and ((unit == "名" and TOOK_PART_AFTER.match(after)) or (unit in ("名", "人次") and TRAINED_BEFORE.search(phrase)))
    ):
        role = None  # 组织机关干部72人参加学法考试: the cadres who took part, not the staff on the books
    if role == "done" and PLAN_CUE.search(phrase):
        role = "target"
    if role == "remainder":  # …unless the phrase does it: 建成剩余4块村级法治宣传栏
        if PLAN_CUE.search(phrase) or default == "target":
            return "target"
        left = [m.start() for m in REMAINDER_CUE.finditer(phrase)][-1]
        return default if ACTION_CUE.search(phrase, 0, left) else "shortfall"
    if role is None and named and _conceded(phrase):
        return "done"  # 「…精准度还不够，虽然今年开展了41场次普法活动，但…」: the concession's figure, not the shortfall before it (N46)
    if role is None:
        if (not named and (CONTEXT_AFTER.match(after) or unit in PLACE_UNITS)) or (unit == "个" and after.startswith("网格的")):
            return "context"  # (「92个网格的网格员全年上报…线索470条」: the grids, not leads — reading 18)
        if TARGET_AFTER.match(after):
            return "target"
        if SHORTFALL_CUE.search(after) or MISSED_AFTER.match(after) or PENDING_AFTER.match(after):
            return "shortfall"
        role = _nearest_cue(rest, PHRASE_CUES) or _nearest_cue(earlier, CARRIED_CUES)
    head = earlier + rest + phrase
    if role == "cumulative":
        role = "context" if kind != "stock" and _multi_year(head) else "done"
    if role in (None, "done") and _conceded(head):
        return "done"
    if role is None or (role == "done" and default != "done"):
        return default
    return role  # type: ignore[return-value]


def _multi_year(words: str) -> bool:
    """A total over several years: its cumulative cue not bounded by the year before it, nor by
    the year's own count before it (组织…参加法治专题培训两期，累计培训380余人次)."""
    last = None
    for last in CUMULATIVE_CUE.finditer(words):  # noqa: B007 - the last match is wanted
        pass
    return last is not None and not YEAR_BOUND.search(words, 0, last.start()) and not COUNTED_BEFORE.search(words, 0, last.start())


def _framing_read(words: str) -> str:
    """The words with what only frames a sentence made neutral: a plan named as a thing (NOUN_PLAN), the
    rule a thing is done by (按照“双随机、一公开”要求开展检查28次) and the problem it answers
    (针对上年执法人员专业能力不足的问题，分三批选派…) carry no target or shortfall cue."""
    if "计划" in words:
        words = NOUN_PLAN.sub("安排", words)
    if "要求" in words:
        words = BY_THE_RULE.sub("按规定", words)
    if "针对" in words:
        words = ANSWERING.sub("针对", words)
    return words


def _conceded(words: str) -> bool:
    """The words are inside a concession (虽然… / 尽管…) that no 但 has closed yet."""
    opened = [m.end() for m in CONCESSION.finditer(words)]
    return bool(opened) and not CONCESSION_END.search(words, opened[-1])


def _nearest_cue(words: str, cues: tuple[Cue, ...]) -> str | None:
    if not words:  # no cue matches empty words
        return None
    best, best_end = None, -1
    for pattern, role in cues:
        for m in pattern.finditer(words):
            if m.end() > best_end:
                best, best_end = role, m.end()
    return best


# ---------------------------------------------------------------- figures in tables
# A table of figures written as text (a .docx table read one row a line, its cells apart by 「 | 」 or tabs; a
# Markdown-like |-table; runs of spaces where the text's clean-up keeps them, between a figure and a word — it joins
# Chinese words apart by spaces, so a header of Chinese words aligned with spaces is not read as one): a header row
# naming the columns, then rows of a label and its figures.
# Each figure takes its role from its column (目标 → target; 上年/2023年 beside a later year → context; 完成,
# 实际, the latest year → done), its unit from its cell, a 单位 column or the label's (次), its metric from
# the label. 「表1 …主要指标完成情况 / 序号 指标 目标任务 完成情况 完成率 / 1 集中学法（次） 24 26 108.3%」
TABLE_CELLS = re.compile(r"\s*[|｜]\s*|\t+|[ \u3000]{2,}")
TABLE_NUMBER = re.compile(r"^([约近超逾]?)(\d+(?:,\d{3})*(?:\.\d+)?)(万)?(余|多)?\s*(%|％|[\u4e00-\u9fff]{1,3})?$")
NAME_HEAD = re.compile(r"项目|名称|指标|内容|事项")  # a column naming the figure, after a 类别 column
# a remarks column (「备注」「说明」): its figures say what the row's figure holds (含联合检查38次), last year's (上年19份) or the
# plan (计划25场) — context or target, never the year's work besides the row's (sixteenth reading: 150 + 38 checks)
REMARK_HEAD = re.compile(r"备注|说明|附注")
TABLE_CHANGE = re.compile(r"^[+\-−](\d+(?:\.\d+)?)$")  # a change column's cell: 「+3」「-6」「−0.5」
# (a year: 「2023年」「2022」 — not a count of four digits or more, 「8000」「12000」, whose row was read as a header, N27)
TABLE_YEAR = re.compile(r"^((?:19|20)\d{2})(?!\d)年?度?(.*)$")
TABLE_TARGET = re.compile(r"目标|计划|任务|要求|预期")
TABLE_PRIOR = re.compile(r"上年|去年|前年|同期|基数")
TABLE_DONE = re.compile(r"完成|实际|实绩|本年|今年|当年|全年|数量|数值|情况|合计|累计|总数")
TABLE_RATE = re.compile(r"率|比例|占比|增减|增幅|增长|同比|变化|幅度")
TABLE_UNIT_HEAD = re.compile(r"^(?:计量)?单位$")
TABLE_INDEX_HEAD = re.compile(r"^(?:序号|编号|序)$")
LABEL_UNIT = re.compile(r"[（(]([^（）()]{1,4})[）)]\s*$")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _cells(line: str) -> list[str]:
    cells = [c.strip() for c in TABLE_CELLS.split(line.strip())]
    if line.strip().startswith(("|", "｜")):
        cells = cells[1:]
    if line.strip().endswith(("|", "｜")):
        cells = cells[:-1]
    return cells


def _column_role(head: str, latest_year: str | None) -> str | None:
    """The role of a column's figures by its header (None: no figures)."""
    year = TABLE_YEAR.match(head)
    if TABLE_TARGET.search(head):
        return "target"
    if TABLE_RATE.search(head):
        return "rate"
    if TABLE_PRIOR.search(head):
        return "context"
    if year:
        return "done" if year.group(1) == latest_year else "context"
    if TABLE_DONE.search(head):
        return "done"
    return None


def _header(cells: list[str]) -> bool:
    """A header row: three columns or more, none a figure, at least one naming figures."""
    if len(cells) < 3 or any(TABLE_NUMBER.match(c) and not TABLE_YEAR.match(c) for c in cells):
        return False
    # (「月份　排查（件）　化解（件）」: columns that each give their unit name the figures they count, N25)
    return (
        any(_column_role(c, None) for c in cells[1:])
        or sum(bool(TABLE_YEAR.match(c)) for c in cells) >= 2
        or sum(bool(LABEL_UNIT.search(c)) for c in cells[1:]) >= 2
    )


# 「中心组学法（次）：12」「矛盾纠纷排查／调解／化解（件）：281／276／270」「法治培训（期／人次）：3／1,126」: a data line
# whose unit is in its label's brackets and whose figure stands bare (N18)
UNIT_LINE = re.compile(
    r"^\s*([^：:，。；（）()]{2,30})[（(]([^（）()]{1,8})[）)]\s*[：:]\s*([约近]?\d[\d,.]*(?:\s*[／/]\s*\d[\d,.]*)*)\s*$"
)
SLASH = re.compile(r"\s*[／/]\s*")
UNIT_LINE_HEADER = ["指标", "单位", "数值"]


def _unit_line(line: str) -> list[list[str]]:
    """The (label, unit, figure) rows of a :data:`UNIT_LINE`, one per figure, or [] for any other line."""
    m = UNIT_LINE.match(line)
    if not m:
        return []
    labels, units, values = (SLASH.split(g.strip()) for g in m.groups())
    if len(values) == 1 and len(labels) == 1 and len(units) == 1:
        return [[labels[0], units[0], values[0]]]
    if len(labels) == len(values) and len(units) in (1, len(values)):  # 排查／调解／化解（件）：281／276／270
        return [[lab, units[0] if len(units) == 1 else u, v] for lab, u, v in zip(labels, units * len(values), values)]
    if len(labels) == 1 and len(units) == len(values):  # 法治培训（期／人次）：3／1,126
        return [[labels[0], u, v] for u, v in zip(units, values)]
    return []


def table_rows(text: str) -> list[tuple[int, int, list[str], list[str]]]:
    """(start, end, header cells, row cells) of every row of a table of figures in ``text`` (a data
    line with its unit in brackets is a row of its own, one for each of its figures)."""
    out = []
    header: list[str] | None = None
    at = 0
    for line in text.splitlines(keepends=True):
        start, at = at, at + len(line)
        if "）：" in line or "):" in line or "）:" in line:
            rows = _unit_line(line)
            if rows:
                out += [(start, start + len(line.rstrip("\r\n")), UNIT_LINE_HEADER, row) for row in rows]
                header = None
                continue
        cells = _cells(line) if ("|" in line or "｜" in line or "\t" in line or "  " in line or "\u3000\u3000" in line) else []
        if _header(cells):  # (a header row right after a table starts the next table)
            header = cells
            continue
        if header is not None and len(cells) in (len(header), len(header) - 1):
            if any(TABLE_NUMBER.match(c) for c in cells[1:]):
                out.append((start, start + len(line.rstrip("\r\n")), header, cells))
            # (a row whose figure the cells do not read, 「法治培训 | 3期/205人次」, is read as text; the table goes on:
            # its later rows' remarks, 「含联合检查38次」, were read as figures of their own, sixteenth reading)
            continue
        header = None
    return out


# a row that totals the rows above it (合计, 总计, 全年) and the rows of a table's parts (一季度, 3月, 南园村)
TOTAL_ROW = re.compile(r"^(?:合计|总计|小计|共计|全年|总数|全镇|全乡|全街道)$")
PART_ROW = re.compile(
    r"^(?:[一二三四1-4]季度|第[一二三四1-4]季度|上半年|下半年|\d{1,2}月(?:份)?|[一二三四五六七八九十]{1,3}月(?:份)?|.{1,8}(?:村|社区|片区|网格))$"
)


def _table_value(number: str, wan: str | None) -> int | float:
    """A table cell's figure (「1,200」, 「1.2万」) as a plain value."""
    value = float(number.replace(",", "")) * (10_000 if wan else 1)
    return int(value) if value.is_integer() else value


def _metric_columns(header: list[str], cells: list[str], evidence: str, section: int, totalled: bool) -> list[Indicator]:
    """The figures of a row of a table whose columns name what they count (「季度 | 排查（件） | 调处（件） | 化解（件） | 化解率」,
    N20): each cell counts its column's metric in the column's unit; a part's row (一季度, 南园村) is context when the
    table totals its parts in a row of its own (合计), else done."""
    label = cells[0].strip()
    role = "context" if totalled and PART_ROW.match(label) else "done"
    out = []
    column_metric = ""  # the metric of the column before
    for head, cell in zip(header[1:], cells[1:]):
        m = TABLE_NUMBER.match(cell.strip())
        given = LABEL_UNIT.search(head)
        name = head[: given.start()] if given else head
        if m is None:
            column_metric = metric_for(name, "", _given_unit(given)) if given else ""
            continue
        lead, number, wan, approx, unit = m.groups()
        unit = UNIT_ALIASES.get(unit or _given_unit(given), unit or _given_unit(given))
        if not unit:
            continue
        value = _table_value(number, wan)
        metric = metric_for(name, "", unit)
        kind = kind_of(metric, unit)
        if metric == OTHER_METRIC and ADDITION_HEAD.match(name.strip()) and kind_of(column_metric, unit) == "stock":
            # 「法律明白人（名） | 本年新增（名）」: the year's additions to the stock of the column before (N38)
            metric, kind = added(column_metric), "flow"
        out.append(Indicator(value, unit, bool(lead or approx), metric, evidence, section, role, kind))
        column_metric = metric
    return out


def _given_unit(given: re.Match[str] | None) -> str:
    """The unit a label gives in brackets, the first of several (「（场/期）」 → 场, N38)."""
    return re.split(r"[/／、]", given.group(1))[0].strip() if given else ""


# a column of the year's additions to the stock of the column before: 「本年新增（名）」
ADDITION_HEAD = re.compile(r"^(?:其中)?(?:本年|当年|今年|年内)?新增$")


def table_indicators(header: list[str], cells: list[str], evidence: str, section: int, *, totalled: bool = False) -> list[Indicator]:
    """The figures of one table row (see :data:`TABLE_CELLS`); a table whose columns name metrics is read by
    :func:`_metric_columns`."""
    if len(cells) < len(header) and all(REMARK_HEAD.search(h) for h in header[len(cells) :]):
        cells = [*cells, *[""] * (len(header) - len(cells))]  # a row with its 备注 left empty (「7     普法活动     56场」, N36)
    if len(cells) == len(header) - 1 and TABLE_INDEX_HEAD.match(header[0]):
        header = header[1:]
    if len(cells) != len(header):
        return []
    if sum(bool(LABEL_UNIT.search(h)) for h in header[1:]) >= 2 and not any(TABLE_YEAR.match(h) for h in header):
        return _metric_columns(header, cells, evidence, section, totalled)
    years = [TABLE_YEAR.match(h).group(1) for h in header if TABLE_YEAR.match(h)]
    latest = max(years) if years else None
    label_at = next((k for k, (h, c) in enumerate(zip(header, cells)) if not TABLE_INDEX_HEAD.match(h) and CJK.search(c)), None)
    if label_at is None:
        return []
    # (of several text columns before the figures, 「类别 | 项目 | 数量」, the last names the figure: 「行政执法 | 执法检查 | 150次」)
    if label_at + 1 < len(cells) and NAME_HEAD.search(header[label_at + 1]) and CJK.search(cells[label_at + 1]):
        label_at += 1
    label = cells[label_at]
    unit_col = next((k for k, h in enumerate(header) if TABLE_UNIT_HEAD.match(h)), None)
    given = LABEL_UNIT.search(label)
    row_unit = cells[unit_col] if unit_col is not None else _given_unit(given)
    name = label[: given.start()] if given else label
    out = []
    for head, cell in zip(header[label_at + 1 :], cells[label_at + 1 :]):
        role = _column_role(head, latest)
        if role is None and REMARK_HEAD.search(head):  # 「备注」: what the row's figure holds or is set against
            named = metric_for(name, "", row_unit) if row_unit else OTHER_METRIC  # (「计划25场」 is the row's 普法宣传活动)
            found = extract_indicators(cell)
            # (「信访受理 | 118件 | 办结115件」: the remark's figure read after the row's name, 信访办结, N36)
            after_name = extract_indicators(name + cell) if any(ind.metric == OTHER_METRIC for ind in found) else []
            for at, ind in enumerate(found):
                if ind.metric == OTHER_METRIC and named != OTHER_METRIC:
                    ind = replace(ind, metric=named, kind=kind_of(named, ind.unit))
                elif ind.metric == OTHER_METRIC and len(after_name) == len(found) and after_name[at].value == ind.value:
                    ind = replace(ind, metric=after_name[at].metric, kind=after_name[at].kind)
                out.append(replace(ind, evidence=evidence, section=section, role="context" if ind.role == "done" else ind.role))
            continue
        change = TABLE_CHANGE.match(cell.strip()) if role == "rate" and row_unit else None
        if change:  # 「增减」's 「+3」「-6」 in the row's unit: the change since last year, context (N20, N27)
            unit = UNIT_ALIASES.get(row_unit, row_unit)
            metric = metric_for(name, "", unit)
            out.append(
                Indicator(_table_value(change.group(1), None), unit, False, metric, evidence, section, "context", kind_of(metric, unit))
            )
            continue
        m = TABLE_NUMBER.match(cell) if role else None  # (a dash or 无 is no figure)
        if m is None:
            continue
        lead, number, wan, approx, unit = m.groups()
        unit = UNIT_ALIASES.get(unit or row_unit, unit or row_unit)
        if not unit or (role == "rate" and unit != "%"):
            continue
        value = _table_value(number, wan)
        metric = metric_for(name, "", row_unit if unit == "%" and row_unit else unit)
        if metric == AUDIENCE and TRAINED_BEFORE.search(name):  # 「法治培训（期／人次）：3／1,126」: the people trained
            metric = TRAINEES
        out.append(
            Indicator(
                value, unit, bool(lead or approx), metric, evidence, section, "done" if role == "rate" else role, kind_of(metric, unit)
            )
        )
    return out
