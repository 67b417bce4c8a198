"""The townships' own words in the brief: quotes, causes, first-responsible-person sentences and plans.

Every function takes the rows of the brief's scope (items, sections) as DataFrames and returns
sentences cut from them verbatim (a quote is always a sentence of a report in the scope, or its
opening clauses followed by 「……」 when the sentence is long), with the township and year that
wrote it.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from analysis.brief import causes
from analysis.parse import areas as area_cues
from analysis.parse.areas import DUTY_IN_BODY
from analysis.parse.patterns import CONCESSION, CONCESSION_END
from analysis.problems import matching

# a sentence or a clause list between 。！？； (a report's own sentence, end mark dropped)
SENTENCE = re.compile(r"[^。！？；!?;\n]+")
# "究其原因，主要是执法人员业务培训不足" / "主要原因是培训内容针对性不强" / "原因在于攀比风气根深蒂固"
CAUSE = re.compile(r"究其原因|主要原因|原因是|原因在于|原因主要")
# a sentence that names no problem: 「还存在一些问题，需要在今后的工作中认真加以解决」「不容忽视」
FILLER = re.compile(
    r"[还仍尚]?存在(?:一些|以下|不少|诸多)?[^，。；]{0,4}(?:问题|不足)[，,]?(?:需要|有待|必须)|今后的?工作中|加以(?:解决|改进|克服|完善)|认真(?:研究)?解决|不容忽视"
)
SHUOFA = "述法"  # the leaders' account of their own rule-of-law duty: a required check (督察)
# a first responsible person's own work: "年内主持召开专题会议研究法治工作3次", "带头述法"
DUTY_CUE = re.compile(r"主持|专题会议|专题研究|领导小组|述法|第一责任人|带头|亲自|出庭应诉|中心组|党课")
# a body sentence strong enough to stand for a missing duty section: "党委书记…第一责任人…"
# (the same definition completeness counts the duty by)
DUTY_BODY_CUE = DUTY_IN_BODY
# the enumeration word opening a sentence: "第七，" "其一，" "首先，" "一是" "另一方面，"
ENUMERATOR = re.compile(
    r"^(?:第[一二三四五六七八九十]+|其[一二三四五六七八九十]|首先|其次|再次|最后|此外|另外|同时|[一二三四五六七八九十]是|(?:另)?一方面)[，,、：:]?"
)
# what opens a plan before the work itself: "针对这一问题，我们将" "针对这一情况，街道将" "对此，下一步将"
# "我街道将" "下一步街道将"
PLAN_LEAD = re.compile(
    r"^(?:(?:针对(?:这一|上述|以上|这些|此)(?:问题|情况)|对此)，)?(?:下一步，?)?"
    r"(?:我们|我镇|我乡|我街道|全镇|全乡|镇里|乡里|街道|本镇|本乡)?(?:还)?将(?=.{8})"
)
# a plan sentence saying nothing particular: "2025年，我镇将进一步提高政治站位"
GENERIC_PLAN = re.compile(r"政治站位|以习近平法治思想为指导")
# 「2025年，我镇将继续…再上新台阶」 opens a plans section on generalities; with a figure after it (「2025年，我镇将坚持每月
# 至少开展集中学法1次…」: a multi-year brief left out 城关镇's only plan, twenty-first reading) it is the plan itself
YEAR_OPENING = re.compile(r"^20\d\d年[，,]")
# a sentence that only introduces a list: "针对上述问题，我镇将重点做好以下工作" 「还存在以下不足：」 「抓好以下几个方面」
# — not a quantity's 以下 (「力争新增35岁以下法律明白人15名」 is a plan)
LEAD_IN = re.compile(
    r"以下(?:[几两三四五六七八九十]?[个项点条]?(?:方面|工作|问题|不足|事项|措施|重点|内容|点)|[：:。]|$)|如下|下一步|回顾全年|仍存在一些"
)
# who will do a plan's work, not what it is: 「把剩余积案列为“书记工程”」「领导包案」「班子成员带头」 (the
# 第一责任人 cues of data/area_cues.csv naming a person or a leader's act)
LEADERS = re.compile(r"带头|亲自|包案|包抓|主要负责人|党委书记|书记|镇长|乡长|街道办事处主任|办事处主任|班子成员|领导")
# a sentence saying what is lacking, not what was done: 「还存在一些不容忽视的问题」「高额彩礼问题在部分村组
# 依然突出」「信息化手段运用不足」「仍靠纸质台账管理」「部分村民小组尚未覆盖」 (an achievement paragraph may hold the problems)
# a shortfall of last year said remedied, what was done: 「去年查摆的政务公开不够深入的问题，通过规范公开目录、
# 增加政策解读得到了有效改善」「去年查摆的财政预决算…信息公开不全面问题完成整改」
REMEDIED = re.compile(r"(?:去年|上年|上一年度?)查摆[^。；]{0,40}问题[^。；]{0,30}(?:得到|完成整改|有所改善|有所缓解|已经?解决|已整改)")
SHORTFALL = re.compile(
    r"存在[^。；，]{0,12}(?:问题|不足|差距|短板|薄弱)|不足|差距|薄弱|滞后|有待|[仍还尚]需|不够|依然|仍然|仍[靠较显存有]"
    r"|清醒|短板|不强|不高|不到位|不能|难以|尚未|未能|未完成|未达到"
)
# a paragraph's sub-heading: its first sentence, short and without a figure, before what was done
# (「抓规范，依法行政能力不断增强。修订街道议事规则……」「依法决策，规范行政权力运行。制定……」)
HEADLINE = re.compile(r"^(?P<head>[^。！？!?\d]{2,24})[。！？!?](?=\s*\S)")
CLAUSE = re.compile(r"[，,；;：:]")  # a plan sentence's clauses, each read as a sentence by plan_area
# a lost administrative lawsuit: 「今年1起行政诉讼案件败诉」「有1起因征收补偿程序存在瑕疵被判决败诉」
LOST_LAWSUIT = re.compile(r"(?:行政诉讼|行政应诉|诉讼案件)[^。；]{0,30}败诉|败诉[^。；]{0,6}(?:行政诉讼|诉讼案件)")
# a plan about 行政复议 or 行政应诉 (「全面提升行政应诉能力……力争2025年行政诉讼不发生败诉案件」): its own heading in 五、
LITIGATION_PLAN = re.compile(r"行政复议|行政应诉|行政诉讼|出庭应诉|败诉")
LITIGATION_AREA = "行政复议和应诉"
QUOTE_MAX = 90  # characters of a quote; a longer sentence is cut at a clause boundary and ends 「……」
PLAN_MAX = 60
PLAN_PART = re.compile(r"[。；;！!？?]")  # where a plan's parts end, for :func:`plan_part`
# the cosine at or above which the plan as shown (its heading and first sentence: what it is mainly
# about) answers a problem: lower than matching.ANSWERS, a sentence's words being fewer than an item's
SHOWN_ANSWERS = 0.1
HEADING_MAX = 20  # a plan's first sentence shorter than this without a figure is its heading: 「加强队伍建设。」
MIN_QUOTE = 12
NAME_MAX = 16  # characters of a problem's name; a longer label is a quote of the township's words


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as written (stripped, end marks dropped)."""
    return [s.strip() for s in SENTENCE.findall(text or "") if s.strip()]


def quotable(sentence: str) -> str:
    """``sentence`` without the enumeration word opening it (第七，普法… → 普法…)."""
    return ENUMERATOR.sub("", sentence, count=1).strip()


def clipped(sentence: str, limit: int = QUOTE_MAX) -> str:
    """``sentence`` itself, or its opening clauses up to ``limit`` characters followed by 「……」 — never a
    concession without what it concedes to (铅山县 review: 「小微企业劳动合同签订率虽有提升……」 read as an
    achievement; the point was 「但…工资支付风险仍较大」): such a cut goes on to the end of the 但 clause, or, when that
    is more than twice ``limit`` away, ends before the clause that concedes."""
    if len(sentence) <= limit:
        return sentence
    cut = max(sentence.rfind(mark, 0, limit) for mark in "，,、：")
    cut = cut if cut >= MIN_QUOTE else limit
    conceded = [m.start() for m in CONCESSION.finditer(sentence, 0, cut)]
    if conceded and not CONCESSION_END.search(sentence, conceded[-1], cut):
        turn = CONCESSION_END.search(sentence, cut)
        ends = [e for e in (sentence.find(mark, turn.end()) for mark in "，,；") if e > 0] if turn else []
        longer = min(ends, default=len(sentence))
        # too long to keep the turn: cut before the clause that concedes (never 「…虽有提升……」), if enough is left
        before = max(sentence.rfind(mark, 0, conceded[-1]) for mark in "，,、：")
        cut = longer if longer <= 2 * limit or before < MIN_QUOTE else before
    return sentence if cut >= len(sentence) else sentence[:cut] + "……"


def core(quote: str) -> str:
    """A quote without the 「……」 marking where it was cut."""
    return quote.removesuffix("……")


def headline(text: str) -> str:
    """The sub-heading opening a paragraph (without its enumeration word), "" when it has none."""
    found = HEADLINE.match((text or "").strip())
    return quotable(found["head"].strip()) if found else ""


def around(sentence: str, figure: str, limit: int = 60) -> str:
    """``sentence`` cut to about ``limit`` characters so that ``figure`` (its first occurrence)
    stays visible with its phrase: from the clause holding the figure (after the last 「，、：；」
    before it), 「……」 where text is cut; the opening of the sentence (:func:`clipped`) when it
    is short enough or ``figure`` is not in it."""
    at = sentence.find(figure) if figure else -1
    opening = clipped(sentence, limit)
    if at < 0 or figure in opening.removesuffix("……"):
        return opening
    end = at + len(figure)
    start = max(sentence.rfind(mark, 0, at) for mark in "，,、：；") + 1
    start = max(start, end - limit)
    stop = max(end, min(len(sentence), start + limit))
    if stop > end:  # end at a clause boundary after the figure when one is in the window
        cut = max(sentence.rfind(mark, end, stop) for mark in "，,、：；")
        stop = cut if cut > end else stop
    return ("……" if start else "") + sentence[start:stop] + ("……" if stop < len(sentence) else "")


def problem_quotes(rows: pd.DataFrame) -> pd.DataFrame:
    """One quote per problem from the problem items of the scope: cluster, township, year, quote.

    ``rows``: recurring.problem_rows of the scope (cluster, label, township, year, ord, text).
    The quote is the first sentence of an item that says more than the problem's name (longer
    than the name and at least 12 characters, no cause in it, no list lead-in), from the
    latest year, then the township raising the problem most often, then by name."""
    groups: dict[object, list[dict]] = {}
    for r in rows.dropna(subset=["township"]).to_dict("records"):
        groups.setdefault(r["cluster"], []).append(r)
    out = []
    for cluster, group in groups.items():
        weight = Counter(r["township"] for r in group)
        group.sort(key=lambda r: (-(r["year"] or 0), -weight[r["township"]], r["township"], r["ord"]))
        quote = next(((r["township"], r["year"], q) for r in group if (q := item_quote(r["text"], r["label"]))), None)
        if quote:
            out.append((cluster, *quote))
    return pd.DataFrame(out, columns=["cluster", "township", "year", "quote"])


def item_quote(text: str, label: str) -> str:
    """The sentence of a problem item to quote: the first saying more than ``label`` (a full
    sentence of 20 characters or more before a shorter headline), the part before a cause cue
    when every sentence gives one; "" when none does. The item's opening headline
    (:func:`headline`: 「执法力量与执法任务不匹配的问题仍未根本解决。虽然持证执法人员增加到7名，但…」)
    is only the problem's name again: the explanation after it is quoted when there is one."""
    found = []
    head = headline(text)
    for s in sentences(text):
        cue = CAUSE.search(s)
        if cue:  # the clauses before the one giving the cause ("…，造成这一问题的原因是…")
            head = s[: cue.start()]
            s = head.rstrip("，,：: ") if head.rstrip().endswith(("，", ",")) else head[: max(head.rfind("，"), 0)]
        s = quotable(s)
        if len(s) > max(len(label), MIN_QUOTE - 1) and not LEAD_IN.search(s) and not FILLER.search(s):
            found.append(s)
    if head and len(found) > 1 and found[0] == head:
        found = found[1:]
    return clipped(next((s for s in found if len(s) >= 20), found[0])) if found else ""


def problem_causes(rows: pd.DataFrame, *, per_problem: int = 3) -> pd.DataFrame:
    """The causes townships give for each problem: cluster, township, year, cause.

    A cause is one of :func:`analysis.brief.causes.item_causes` of the problem's items (the cues
    of data/cause_cues.csv: 究其原因 / 主要原因是, 暴露出…等问题, 对…不熟悉, …专业性强, 仍以…为主,
    由于…, 受…影响, 虽然…但…); one per township first, then more up to ``per_problem`` per
    problem (every one of an item when its township gives no other); a cause given under an
    earlier problem of ``rows`` is not repeated."""
    out, given = [], set()
    for cluster, group in rows.dropna(subset=["township"]).groupby("cluster", sort=False):
        found = []
        for r in group.sort_values(["year", "township", "ord"], ascending=[False, True, True]).itertuples():
            found += [(r.township, r.year, clipped(c, PLAN_MAX + 20)) for c in causes.item_causes(r.text)]
        found = [f for f in found if f[2] not in given]  # an item raising two problems: its cause under the first
        firsts = list({t: (t, y, c) for t, y, c in reversed(found)}.values())[::-1]
        for township, year, cause in (firsts + [f for f in found if f not in firsts])[: max(per_problem, len(firsts))]:
            out.append((cluster, township, year, cause))
            given.add(cause)
    first = {key: n for n, key in reversed(list(enumerate((c, t) for c, t, _, _ in out)))}
    out.sort(key=lambda r: first[r[0], r[1]])  # a township's causes together (stable: in the order given)
    return pd.DataFrame(out, columns=["cluster", "township", "year", "cause"])


def cause_of(sentence: str) -> str:
    """The cause a sentence gives, "" when none (:func:`analysis.brief.causes.cause_of`)."""
    return causes.cause_of(sentence)


# a numbered sub-heading, no sentence of what was done: 「（三）上年度述法问题整改情况」 (the twenty-second reading found it quoted
# as 华阳镇's duty)
SUB_HEADING = re.compile(
    r"^\s*(?:（[一二三四五六七八九十\d]{1,3}）|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])[^，。；！？,;]{0,30}[。：:]?$"
)


def duty_sentences(duty: pd.DataFrame, body: pd.DataFrame, *, per_township: int = 2) -> pd.DataFrame:
    """What the townships' leaders did as first responsible persons: township, year, source
    (专节 / 正文), sentence — for every year of each township in ``duty`` and ``body``.

    ``duty``: the duty sections of the scope (township, year, text); ``body``: the achievement
    items (township, year, text), read only for a township-year with no duty section. Sentences
    naming the leaders' own acts (主持, 专题会议, 带头述法 …) come first, counted ones before
    the others, ``per_township`` of them a year, and the year's 述法 sentence besides (述法 is
    a required check: 「年终组织班子成员和中层干部现场述法18人」)."""
    out = []
    for (township, year), group in duty.dropna(subset=["township"]).groupby(["township", "year"], dropna=False):
        found = [s for t in group.text for s in sentences(t) if DUTY_CUE.search(s) and len(s) >= MIN_QUOTE and not SUB_HEADING.match(s)]
        out += [(township, _year(year), "专节", clipped(s)) for s in _with_shuofa(found, per_township)]
    covered = set(zip(duty.township, duty.year))
    for (township, year), group in body.dropna(subset=["township"]).groupby(["township", "year"], dropna=False):
        if (township, year) in covered:
            continue
        # a paragraph under a sub-heading of its own (「（一）党政主要负责人履职情况。镇党委书记…」) is read as a section
        headed = [(t, head) for t in group.text if DUTY_BODY_CUE.search(head := headline(t))]
        if headed:
            found = [s for t, head in headed for s in sentences(t) if DUTY_CUE.search(s) and len(s) >= MIN_QUOTE and s != head]
            out += [(township, _year(year), "专节", clipped(s)) for s in _with_shuofa(found, per_township)]
            continue
        said = [s for t in group.text for s in sentences(t) if len(s) >= MIN_QUOTE]
        out += [(township, _year(year), "正文", clipped(s)) for s in _with_shuofa([s for s in said if leaders_duty(s)], 1, said)]
    out.sort(key=lambda r: (r[0], -1 if r[1] is None else r[1]))
    return pd.DataFrame(out, columns=["township", "year", "source", "sentence"])


def leaders_duty(sentence: str) -> bool:
    """The principal leaders' own duty in a body sentence: 「镇党委书记…第一责任人…」, or a leader
    who 主持 / 带头 / 述法 (「办事处主任严格落实重大事项集体决策，主持会前学法9次」) — not a
    领导小组 set up (临澧县 review: 「成立法治建设领导小组」 stood for a missing duty section)."""
    if DUTY_BODY_CUE.search(sentence):
        return True
    rest = sentence.replace("领导小组", "")
    return bool(LEADERS.search(rest) and DUTY_CUE.search(rest))


def shuofa(duty: pd.DataFrame, body: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """township, year, said (bool): whether each report of ``reports`` (township, year) says its
    leaders gave their 述法 account (in its duty section or its achievements: ``duty``, ``body``:
    township, year, text) — 述法 is a required check of the duty (督察)."""
    said = {
        (t, _year(y)) for frame in (duty, body) for t, y, text in zip(frame.township, frame.year, frame.text) if leaders_shuofa(str(text))
    }
    if "title" in reports:  # a leader's own 述职/述法 report is the account (reading 19: 大安镇党委书记…述职报告 was 「未提及述法」)
        said |= {
            (t, _year(y)) for t, y, title in zip(reports.township, reports.year, reports.title) if LEADERS_OWN_REPORT.search(str(title))
        }
    rows = sorted({(t, _year(y)) for t, y in zip(reports.township, reports.year) if isinstance(t, str)}, key=lambda r: (r[0], r[1] or 0))
    return pd.DataFrame([(t, y, (t, y) in said) for t, y in rows], columns=["township", "year", "said"])


# 「大安镇党委书记2024年度履行推进法治建设第一责任人职责述职报告」「…述法报告」: the leader's own account, the whole report
LEADERS_OWN_REPORT = re.compile(r"(?:书记|镇长|乡长|主任|主要负责人)[^。；]{0,40}述(?:职|法|责述法)(?:报告)?$")
# 「年底组织20名村（社区）党组织书记述法」: the villages' secretaries gave it, not the township's leaders (the thirteenth reading)
VILLAGE_SHUOFA = re.compile(r"村（社区）|村\(社区\)|村级|村干部|各村|村党组织|社区党组织|村书记")
TOWNSHIP_LEADERS = re.compile(r"镇党委书记|乡党委书记|党工委书记|镇长|乡长|办事处主任|主要负责人|党政(?:主要)?负责人|班子成员")


def leaders_shuofa(text: str) -> bool:
    """Whether ``text`` says the township's leaders gave their 述法 account: a sentence naming 述法 that is not only about
    the villages' secretaries (年底组织20名村（社区）党组织书记述法)."""
    if SHUOFA not in text and "述职" not in text:
        return False
    return any(
        (SHUOFA in sentence and (TOWNSHIP_LEADERS.search(sentence) or not VILLAGE_SHUOFA.search(sentence)))
        or (DUTY_IN_REVIEW.search(sentence) and TOWNSHIP_LEADERS.search(sentence))
        for sentence in re.split(r"(?<=[。！？；])", text)
    )


# the leaders' yearly review (述职) made to include their rule-of-law duty is their 述法 (蔚县 reading: 「党政主要负责人均将
# 履行推进法治建设第一责任人职责情况列入年终述职内容」)
DUTY_IN_REVIEW = re.compile(r"(?:第一责任人职责|法治建设)[^。；]{0,16}(?:列入|纳入|作为)[^。；]{0,8}述职")


# the party's and the government's principal leaders of a township
PRINCIPALS = (re.compile(r"党(?:委|工委)书记"), re.compile(r"(?<![副])(?:镇长|乡长|办事处主任|街道主任)"))


def _with_shuofa(found: list[str], most: int, pool: list[str] | None = None) -> list[str]:
    """The ``most`` first of ``found`` (counted ones first), then a sentence of each principal leader (:data:`PRINCIPALS`)
    none of those names, then the first 述法 sentence of ``pool`` (default ``found``) if none of those is one."""
    ranked = sorted(found, key=lambda s: not any(ch.isdigit() for ch in s))
    chosen = ranked[:most]
    for head in PRINCIPALS:  # both principal leaders, where the section names each (the twenty-second reading: 华阳镇's 镇长 left out)
        if not any(head.search(s) for s in chosen) and (said := next((s for s in ranked if head.search(s)), None)):
            chosen.append(said)
    shuofa = next((s for s in (found if pool is None else pool) if SHUOFA in s), None)
    if shuofa and not any(SHUOFA in s for s in chosen):
        chosen.append(shuofa)
    return chosen


def _year(year) -> int | None:
    return None if year is None or pd.isna(year) else int(year)


def plan_sentence(text: str) -> str:
    """What a plan item says it will do: its first sentence that is not a lead-in, without the
    words leading to the work (针对这一情况，我镇将… / 对此，下一步将…); a heading (a first sentence
    under :data:`HEADING_MAX` characters without a figure: 聚焦源头治理，维护和谐稳定。) with the
    sentence after it; 「……」 at the end when the item says more than is shown. "" when no
    sentence says anything particular."""
    found = [_without_lead(quotable(s)) for s in sentences(text)]
    found = [_without_lead(YEAR_OPENING.sub("", s)) if YEAR_OPENING.match(s) and _counted(s) else s for s in found]
    found = [
        s for s in found if len(s) >= MIN_QUOTE // 2 and not LEAD_IN.search(s) and not GENERIC_PLAN.search(s) and not YEAR_OPENING.match(s)
    ]
    if not found:
        return ""
    heading = len(found) > 1 and len(found[0]) < HEADING_MAX and not any(ch.isdigit() for ch in found[0])
    shown = clipped(f"{found[0]}：{found[1]}" if heading else found[0], PLAN_MAX)
    return shown if shown.endswith("……") or len(found) <= 1 + heading else f"{shown}……"


def plan_part(plan: str, evidence: str) -> str:
    """The sentence (or ；-clause) of ``plan`` that shares most content words with ``evidence`` (what the next
    report says of it: 「信访总量较上年下降7.0%，未达到年初确定的下降10%的目标」 picks 「信访总量力争下降10%」 out of
    a plan whose opening was done), clipped, with 「……」 where the plan says more before or after it; the plan's
    :func:`plan_sentence` when no part shares a word."""
    parts = [quotable(s) for s in PLAN_PART.split(plan or "") if len(s.strip()) >= 2]
    said = set(matching.content_words(evidence))
    shared = [len(said & set(matching.content_words(part))) for part in parts]
    if not parts or max(shared) == 0:
        return plan_sentence(plan) or clipped(plan, PLAN_MAX)
    at = shared.index(max(shared))
    if len(parts[at]) > PLAN_MAX:  # a long sentence: its clause the evidence speaks of (fifteenth reading: 「…确保案卷合格率达到100%」
        return _plan_clause(parts, at, said, evidence)  # was cut off, the part quoted was one met)
    shown = clipped(parts[at], PLAN_MAX)
    return ("……" if at else "") + shown + ("" if shown.endswith("……") or at == len(parts) - 1 else "……")


def _plan_clause(parts: list[str], at: int, said: set[str], evidence: str) -> str:
    """The comma clause of ``parts[at]`` sharing most words with the evidence — a figure in the unit the evidence
    gives one in weighing one more — with 「……」 where the plan says more before or after it."""
    clauses = [c for c in parts[at].split("，") if c.strip()]
    percent = "%" in evidence

    def score(clause: str) -> float:
        return len(said & set(matching.content_words(clause))) + (1.0 if percent and "%" in clause else 0.0)

    best = max(range(len(clauses)), key=lambda k: (score(clauses[k]), -k))
    shown = clipped(clauses[best], PLAN_MAX)
    before = at > 0 or best > 0
    after = best < len(clauses) - 1 or at < len(parts) - 1
    return ("……" if before else "") + shown + ("" if shown.endswith("……") or not after else "……")


def general_causes(sections: pd.DataFrame) -> pd.DataFrame:
    """township, year, cause: the paragraph under a problems section's causes sub-heading (「（二）原因分析」,
    :data:`analysis.parse.items.CAUSES_HEADING`), or the causes a paragraph listing its problems gives for them all
    after the last (「其一…其七…。究其原因，一方面…；另一方面…」, :func:`analysis.parse.items.list_causes`), clipped — the
    causes a report gives for its problems together, not item by item (洱源县 review: the brief said 牛街乡 「未说明原因」
    beside its 原因分析 paragraph; fifteenth reading: 兴国镇's 究其原因 after 其七)."""
    from analysis.parse.items import CAUSES_HEADING, list_causes

    rows = []
    for r in sections[sections.kind == "problems"].itertuples(index=False):
        lines = [ln.strip() for ln in str(r.text).splitlines()]
        at = next((i for i, ln in enumerate(lines) if ln and CAUSES_HEADING.search(ln)), None)
        said = next((ln for ln in lines[at + 1 :] if ln), "") if at is not None else ""
        said = said or next((c for c in map(list_causes, lines) if c), "")
        if said:
            rows.append((r.township, r.year, clipped(said.rstrip("。；;"), QUOTE_MAX)))
    return pd.DataFrame(rows, columns=["township", "year", "cause"])


def named_by(label: str) -> bool:
    """A label the plans answering it can be headed by: a name, or the township's words in quotation marks."""
    return is_name(label) or label.startswith("“")


def is_name(label: str) -> bool:
    """Whether a problem's label outside the register is a name (反诈防范薄弱), not a quote of the
    township's words nor a list of its words (「自建房、隐患、安全」)."""
    quoted = label.startswith("“") and label.endswith(("”", "……”"))  # (「“两违”治理仍有反复」 names it: its term is quoted)
    return bool(label) and not quoted and "、" not in label and len(label) <= NAME_MAX


def _counted(sentence: str) -> bool:
    """A figure after the sentence's opening year (「2025年，…集中学法1次」)."""
    return any(ch.isdigit() for ch in YEAR_OPENING.sub("", sentence))


def _without_lead(sentence: str) -> str:
    """``sentence`` without the words leading to the work (:data:`PLAN_LEAD`), except a bare 将 or
    还将, which there takes the object (「将法治建设纳入站所年度考核」: 井冈山市/临澧县 review, dropping it
    left 「法治建设纳入…」)."""
    m = PLAN_LEAD.match(sentence)
    return sentence if not m or m.group() in ("将", "还将") else sentence[m.end() :]


def plan_lines(plans: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    """The townships' plans for the next year, each with the problem it answers and its area:
    township, year, plan, cluster, problem, register, area.

    ``plans``: plan items of the scope (township, year, text), the latest year of each township
    kept; ``problems``: the problem items of the scope (cluster, label, register, text, and
    township, year), of every problem raised, in the register or not. A plan answers first by
    what it shows (its heading and first sentence, :data:`SHOWN_ANSWERS`), else by its whole
    item: 「聚焦源头治理，维护和谐稳定。完善诉调、访调对接机制…；…规范政府信息公开」 answers the
    township's 矛盾纠纷 problem, not 政务公开. A plan answers the problem
    the same township raised (in the plan's report or the year before) whose item shares most
    content with it (:func:`analysis.problems.matching.answers`: what the plan does about
    what the problem says, never a shared 加强 or 工作); ``problem`` names it — the register
    problem's label or an emerging problem's name (:func:`is_name`), or the content word the
    two share for a problem named only by a township's words
    (电信诈骗, 自建房), whose labels are a sentence of one report — and is "" with cluster None
    when the plan answers none; ``register`` says which of the two ``problem`` is. ``area`` is
    :func:`plan_area` of the plan as shown."""
    columns = ["township", "year", "plan", "cluster", "problem", "register", "area"]
    plans = plans.dropna(subset=["township"])
    plans = plans[plans.year == plans.groupby("township").year.transform("max")]
    plans = plans.assign(plan=[plan_sentence(t) for t in plans.text])
    plans = plans[plans.plan != ""].reset_index(drop=True)
    if plans.empty:
        return pd.DataFrame(columns=columns)
    found = _answers(plans.assign(text=plans.plan.str.removesuffix("……")), problems, threshold=SHOWN_ANSWERS)
    whole = _answers(plans, problems)  # what the plan shown answers; else what the whole item does
    found = found.where(found.group.notna(), whole)
    labels = problems.drop_duplicates("cluster").set_index("cluster")
    # a problem outside the register named by the emerging problems (反诈防范薄弱) is named so too,
    # not by the word the two share (电信诈骗); one named by a quote is named by that word
    # (when the word the two share is one of the name's: an emerging cluster may hold several topics)
    register = [
        c is not None
        and (bool(labels.register[c]) or (named_by(str(labels.label[c])) and term in matching.content_words(str(labels.label[c]))))
        for c, term in zip(found.group, found.term)
    ]
    problem = ["" if c is None else (labels.label[c] if r else term) for c, r, term in zip(found.group, register, found.term)]
    rules = area_cues.cues()
    area = [plan_area(p, rules) for p in plans.plan]
    return pd.DataFrame(
        {
            "township": plans.township,
            "year": plans.year.astype(int),
            "plan": plans.plan,
            "cluster": found.group,
            "problem": problem,
            "register": register,
            "area": area,
        }
    )[columns]


def _answers(plans: pd.DataFrame, problems: pd.DataFrame, *, threshold: float = matching.ANSWERS) -> pd.DataFrame:
    """:func:`analysis.problems.matching.answers` of each township's plans against the problems
    that township raised in the plan's year or the year before (every problem when ``problems``
    names no township): a plan never answers another township's problem."""
    items = problems.rename(columns={"cluster": "group"})
    if "township" not in items:
        return matching.answers(list(plans.text), items[["group", "text"]], threshold=threshold)
    parts = []
    for (township, year), group in plans.groupby(["township", "year"], sort=False):
        own = items[(items.township == township) & items.year.isin([year, year - 1])]
        parts.append(matching.answers(list(group.text), own[["group", "text"]], threshold=threshold).set_axis(group.index))
    return pd.concat(parts).loc[plans.index].reset_index(drop=True)


def plan_area(plan: str, rules: area_cues.Cues | None = None) -> str:
    """The assessed area of what a plan sentence does, read as an achievement paragraph is
    (:func:`analysis.parse.areas.paragraph_themes`), each clause a sentence: the theme most
    clauses are about, so that 「建立行政复议和应诉工作机制，由法律顾问全程参与，提高应诉质量」 is
    about 复议 and 应诉 (two clauses), not about 法律顾问 (one); the leaders who will do the work
    (:data:`LEADERS`: 书记工程, 领导包案) are set aside when the rest of the sentence is about
    something, so 「把剩余积案列为“书记工程”」 is 矛盾纠纷预防化解; a plan about 行政复议 or 应诉
    is :data:`LITIGATION_AREA` (复议 and 应诉 are cues of two areas); "" when it is about nothing known."""
    if LITIGATION_PLAN.search(plan):
        return LITIGATION_AREA
    rules = rules or area_cues.cues()
    text = plan.removesuffix("……")
    for candidate in (LEADERS.sub("", text), text):
        clauses = "".join(f"{c}。" for c in CLAUSE.split(candidate) if c.strip())
        themes = [t for t in area_cues.paragraph_themes(clauses, rules=rules) if t in rules.areas] if clauses else []
        if themes:
            return next(iter(area_cues.areas_of(themes, rules)), "")
    return ""


def lost_lawsuits(rows: pd.DataFrame) -> pd.DataFrame:
    """township, year, quote, cause: each problem item of ``rows`` (township, year, ord, text)
    reporting a lost administrative lawsuit (:data:`LOST_LAWSUIT`), its sentence saying so and
    the cause it gives (:func:`analysis.brief.causes.item_causes`, "" when none), one row per
    township and year."""
    out = []
    for r in rows.dropna(subset=["township"]).sort_values(["township", "year", "ord"]).itertuples():
        said = next((quotable(s) for s in sentences(r.text) if LOST_LAWSUIT.search(s)), "")
        if said and not any((t, y) == (r.township, r.year) for t, y, _, _ in out):
            out.append((r.township, r.year, clipped(said), "；".join(causes.item_causes(r.text))))
    return pd.DataFrame(out, columns=["township", "year", "quote", "cause"])
