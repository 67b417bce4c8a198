"""A plan's figures against the next year's: 「全年开展中心组学法不少于6次」 is carried out when
the next report says 「全年开展中心组专题学法7次」, and not when it says 5次.

A target is a figure the plan sets (:func:`analysis.parse.indicators.extract_indicators`, role
target) with the direction its words give it (不少于 / 以上 / 达到 / 提升到 …: at least; 以内 /
不超过 / 控制在 …: at most); a plan figure with neither (下降10%), or a figure per period
(每季度至少1次), is not a target. The next
year states it when one of its done figures has the same metric and unit; for the metrics that
gather unlike quantities (:data:`LOOSE`) the words naming the rate must be the same too
(参考率100% is not 参学率96%).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from analysis.parse.indicators import Indicator, added, extract_indicators, metric_kinds, quantity_value
from analysis.parse.patterns import QUANTITY
from analysis.problems import matching

Verdict = Literal["met", "short", "partial"]
# 「确保矛盾纠纷化解率保持在95%以上」「重复信访占比控制在10%以内」
AT_MOST = re.compile(r"以内|以下|不超过|不高于|控制在|(?<!不)低于|降至|降到|减少到")  # (不低于 is at least)
AT_LEAST = re.compile(r"不少于|不低于|以上|至少|达到|提升到|提高到|提升至|提高至|保持在|超过|实现|确保|增加到|增至")
# a figure per period is a frequency, not a year's total to compare: 「每季度至少组织1次执法案卷评查」
PER_PERIOD = re.compile(r"每(?:个)?(?:季度|月|半年|周|年|旬)")
LOOSE = frozenset({"覆盖率", "其他"})  # metrics of unlike quantities: 参考率, 参学率, 知晓率 are all 覆盖率
RATE_WORD = re.compile(r"[^，,。；、\d]{2}率")  # 「参考率」「成功率」 before its figure
CLAUSE_MARK = "，,；;。"
OF_WHAT = frozenset({"办结率", "满意率"})  # rates of several things (petitions, proposals, cases): what they are of must match
PLAN_WORD = re.compile(f"力争|争取|确保|计划|目标|全年|年内|{AT_LEAST.pattern}")  # (what a rate is of is none of these)


@dataclass(frozen=True)
class Target:
    metric: str
    unit: str
    value: float
    at_least: bool
    named: str  # the rate's word (参考率), "" for a count
    new: bool = False  # a target of new ones (新增2名, 新创建2个), not of the level
    of: frozenset[str] = frozenset()  # what a rate is of: the content words of its clause (信访, 事项 in 「信访事项办结率」)


def plan_targets(text: str) -> list[Target]:
    """The figures ``text`` (a plan) sets as targets, each with its direction."""
    out = []
    for found in extract_indicators(text or "", section_kind="plans"):
        if found.role != "target" or found.value is None:
            continue
        at, figure = figure_at(text, float(found.value), found.unit)
        if at < 0:
            continue
        before, after = clause_before(text, at), text[at + len(figure) : at + len(figure) + 3]
        if PER_PERIOD.search(before):
            continue
        new = bool(NEW_ONES.search(before))
        if AT_MOST.search(before[-4:] + after):
            at_least = False
        elif AT_LEAST.search(before) or AT_LEAST.match(after) or new:  # (新增2名: at least 2 new)
            at_least = True
        else:
            continue
        rate = _named(before)
        of = (
            frozenset(w for w in matching.content_words(before) if w not in rate and not PLAN_WORD.search(w))
            if found.metric in OF_WHAT
            else frozenset()
        )
        out.append(Target(found.metric, found.unit, float(found.value), at_least, rate, new, of))
    return out


def verdict(targets: list[Target], sentences: list[str]) -> tuple[Verdict | None, str]:
    """("met", sentence) when the next year's ``sentences`` state a target's metric meeting it
    and none falls short; ("short", sentence) when one target's metric is stated and no figure
    of it meets it, and none is met; ("partial", the sentence of the one falling short) when one is
    met and another falls short (「集中学法不少于12次，执法人员业务培训不少于4次」 the next year: 学法29次,
    培训1次); (None, "") when none is stated (the plan is judged by its words)."""
    stated: dict[Target, list[tuple[float, str]]] = {t: [] for t in targets}
    for sentence in sentences:
        done = [found for found in extract_indicators(sentence) if found.role == "done" and found.value is not None]
        for found in done:
            for t in targets:
                if found.unit == t.unit and _counts_toward(found.metric, t) and _same_name(t, sentence, float(found.value)):
                    stated[t].append((float(found.value), sentence))
        for t in targets:
            if (
                t.unit == "%"
                and t.metric in STAGES
                and not any(found.metric == t.metric for found in done)
                and (not t.of or t.of & set(matching.content_words(sentence)))  # (of the same thing: 信访事项办结率)
            ):
                stated[t] += [(rate, sentence) for rate in _stage_rates(done, *STAGES[t.metric])]
    met = short = None
    for t, said in stated.items():
        good = [s for v, s in said if (v >= t.value if t.at_least else v <= t.value)]
        if said and not good:
            short = short or said[0][1]
        elif good:
            met = met or good[0]
    if short:
        return ("partial" if met else "short"), short
    return ("met", met) if met else (None, "")


# a rate a report leaves to be worked out from a flow's two stages: 「调处…纠纷一百六十八起，现场化解一百六十二起」 states a
# 化解率 of 96.4% (reading 20: 宏村镇's 「现场化解率达到百分之九十五以上」 was listed as not carried out)
STAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "化解率": ("矛盾纠纷化解", ("矛盾纠纷调解", "矛盾纠纷排查")),
    "办结率": ("信访办结", ("信访",)),
}


def _stage_rates(done: list[Indicator], part: str, wholes: tuple[str, ...]) -> list[float]:
    """The rates (percent, one decimal) of each ``part`` figure over the ``wholes`` figure right before it in the
    sentence's ``done`` figures, in one unit."""
    out, whole = [], None
    for found in done:
        if found.metric in wholes:
            whole = found
        elif found.metric == part and whole is not None and found.unit == whole.unit and 0 < found.value <= whole.value:
            out.append(round(100 * found.value / whole.value, 1))
            whole = None
    return out


# a target of new ones: 「新创建市级民主法治村2个」「新增法律专业执法人员2名」「再培育“法律明白人”二十名」
NEW_ONES = re.compile(r"新(?:增|创|建|培育|招录|聘|配)|再(?:培育|新增|增加|发展|聘请|创建)")  # (再培育“法律明白人”二十名, N34)


def _counts_toward(done: str, target: Target) -> bool:
    """A done figure of metric ``done`` states ``target``'s: a target of new ones of a stock is met or
    not by what was added in the year (「新创建…1个」: 民主法治示范村（新增））, never by the level; any
    other by the same metric."""
    if target.new and metric_kinds().get(target.metric) == "stock":
        return done == added(target.metric)
    return done == target.metric


def _same_name(target: Target, sentence: str, value: float) -> bool:
    """Whether the figure ``value`` of ``sentence`` is of what the target is: a rate of the same thing (玉溪镇's 「信访事项
    办结率达到98%以上」 is not met by the 人大建议's 「办结率100%」 but missed by the petitions' 97.5%, reading 17), and for
    the loose metrics the same rate's word."""
    if not target.of and target.metric not in LOOSE:
        return True
    at, _ = figure_at(sentence, value, target.unit)
    if target.of and at >= 0 and not target.of & set(matching.content_words(sentence[:at])):
        return False
    if target.metric not in LOOSE:
        return True
    return at >= 0 and bool(target.named) and _named(clause_before(sentence, at)) == target.named


def _named(before: str) -> str:
    found = RATE_WORD.findall(before)
    return found[-1] if found else ""


def clause_before(text: str, at: int) -> str:
    """The words of ``text``'s clause before position ``at``."""
    return text[max(text.rfind(mark, 0, at) for mark in CLAUSE_MARK) + 1 : at]


def figure_at(text: str, value: float, unit: str) -> tuple[int, str]:
    """Where ``text`` writes ``value`` (with its unit when it does), and how: (-1, "") when not. A figure in Chinese
    numerals is found by its value (「现场化解率达到百分之九十五以上」: 95, reading 20)."""
    n = f"{value:g}"
    for figure in (f"{n}{unit}", n):
        for m in re.finditer(re.escape(figure), text):
            before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
            if not before.isdigit() and before != "." and not after.isdigit() and after != ".":
                return m.start(), figure
    for m in QUANTITY.finditer(text):
        if not m.group("num").isascii() and quantity_value(m) == value:
            return m.start(), m.group()
    return -1, ""
