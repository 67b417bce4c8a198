"""Counted indicators (学法12次, 宣传资料3500多份, 1.2万份, 八千余份) with their sentence and role.

**Metric**: the thing counted in the number's own phrase. Rules live in ``data/metrics.csv``;
among the rules that allow the unit, the one whose words end nearest to the number in its
phrase (the words before it back to the last comma or the previous number) names it — the
longer match, then the earlier rule, on a tie; else the words right after it; else the
nearest words of the earlier phrases of the clause (办结35件 after 受理信访37件); otherwise 其他.
A metric's ``kind`` (flow: summed over reports and years; stock: a township's latest year;
rate: never summed) comes from the same file; 其他 takes it from the unit.

**Role**: done (the year's work), target, shortfall or context, from the nearest cue in the
number's own phrase (不少于/力争/计划 → target; 仍有/未/空编 → shortfall; 辖/人口/每个/较上年 →
context; 全年/累计 → done), then what follows it (21个行政村 → context; 2名未取得 → shortfall),
then a cue earlier in the clause, else the section: achievements, duty and the preamble →
done, plans and suggestions → target, problems → shortfall.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from analysis.errors import ReportError
from analysis.parse.numerals import chinese_to_int
from analysis.parse.patterns import (
    ACTION_CUE,
    CLAUSE_ENDS,
    CLAUSE_SPLIT,
    CONTEXT_AFTER,
    CONTEXT_BEFORE,
    DONE_CUE,
    FIXED_PHRASE_AFTER,
    NOT_A_COUNT_BEFORE,
    PLAN_CUE,
    QUANTITY,
    QUANTITY_LEAD,
    SHORTFALL_CUE,
    TARGET_CUE,
)
from analysis.parse.structure import DATA_DIR

Role = Literal["done", "target", "shortfall", "context"]
Kind = Literal["flow", "stock", "rate"]
ROLES: tuple[Role, ...] = ("done", "target", "shortfall", "context")
KINDS: tuple[Kind, ...] = ("flow", "stock", "rate")
OTHER_METRIC = "其他"
# raise when the extraction changes what it stores: stores re-read their indicators on opening
INDICATOR_VERSION = 2
# a section's role for numbers with no cue of their own ("preamble" is the text before the first heading)
SECTION_ROLES: dict[str, Role] = {"plans": "target", "suggestions": "target", "problems": "shortfall"}
# units of a stock when the metric is 其他: people, places, things that stay ("11名执法人员" "21个行政村")
STOCK_UNITS = frozenset("名 位 个 处 块 所 间 座 支 人 个村 村 台".split())
# units that count the township's own places: "全镇22个村全部完成村规民约修订"
PLACE_UNITS = frozenset({"个村", "村"})
# what a target says after its number: "与年初确定的80%目标仍有差距"
TARGET_AFTER = re.compile(r"^[^，,]{0,3}目标")
# compound units written with brackets or a slash all mean "per occasion"
UNIT_ALIASES: dict[str, str] = {"场（次）": "场次", "场/次": "场次", "人/次": "人次", "％": "%", "余人": "人"}
APPROX_PREFIX = re.compile(r"近|约|逾|超过")
SEGMENT_BREAK = re.compile(r"[，,：]")
CN_LEAD = set("一二三四五六七八九十两")


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
            MetricRule(row["metric"], row["kind"], frozenset(u for u in row["units"].split("|") if u), re.compile(row["pattern"]))
            for row in csv.DictReader(fh)
        )
    wrong = [r.metric for r in rules if r.kind not in KINDS]
    if wrong:
        raise ReportError(f"data/metrics.csv: kind must be flow, stock or rate (metrics {'、'.join(wrong)})")
    return rules


@lru_cache(maxsize=1)
def metric_kinds() -> dict[str, Kind]:
    """metric → flow, stock or rate, as ``data/metrics.csv`` says."""
    return {r.metric: r.kind for r in metric_rules()}


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
    clause_start, clause_end, last_end, previous_end, previous_unit = 0, -1, 0, 0, ""
    for m in QUANTITY.finditer(text):
        start = m.start()
        if start >= clause_end:  # the first match of a new clause
            clause_start = _clause_start(text, start)
            clause_end = _clause_end(text, m.end())
            last_end, previous_unit = clause_start, ""
        lead = _lead_in(text, start, max(previous_end, clause_start))
        previous_end = m.end()
        value = _value(m)
        if (
            value is None
            or NOT_A_COUNT_BEFORE.search(text, max(clause_start, start - 1), start)
            or FIXED_PHRASE_AFTER.match(text, m.end(), clause_end)
        ):
            continue
        unit = UNIT_ALIASES.get(m.group("unit"), m.group("unit"))
        approx = bool(m.group("approx")) or bool(APPROX_PREFIX.search(lead))
        head = text[clause_start:start]
        phrase = head[_segment_start(text, clause_start, start) - clause_start :]  # back to the last comma…
        own = phrase[max(0, len(phrase) - (start - last_end)) :]  # …and not past the previous number
        before = text[_segment_start(text, last_end, start) : start]  # …and not past the previous number
        cut = SEGMENT_BREAK.search(text, m.end(), clause_end)
        after = text[m.end() : cut.start() if cut else clause_end]
        earlier = head[: len(head) - len(phrase)]
        # the earlier phrases name what a number counts when its own phrase is empty (执法检查：40次)
        # or when it goes on counting the previous number's thing (受理来信来访37件，办结35件)
        carries = not before.strip(QUANTITY_LEAD + "其中共全年") or unit == previous_unit
        metric = metric_for(before, after, unit, earlier=text[clause_start : start - len(before)] if carries else "")
        role = role_for(own, after, earlier, unit=unit, section_kind=section_kind)
        if role == "done" and metric == OTHER_METRIC and unit in STOCK_UNITS | {"户"} and not ACTION_CUE.search(own):
            role = "context"  # 设置综合窗口8个: a thing the township has, not work done
        sentence = text[clause_start:clause_end].strip()
        out.append(Indicator(value, unit, approx, metric, sentence, section, role, kind_of(metric, unit)))
        last_end, previous_unit = m.end(), unit
    return out


def _lead_in(text: str, start: int, floor: int) -> str:
    """The (at most two) lead-in characters right before a number: "共计" in 共计3500份."""
    i = start
    while i > floor and start - i < 2 and text[i - 1] in QUANTITY_LEAD:
        i -= 1
    return text[i:start]


def _segment_start(text: str, floor: int, pos: int) -> int:
    """Where the phrase ending at ``pos`` starts: after the last ，,： in text[floor:pos]
    (``SEGMENT_BREAK.split(text[floor:pos])[-1]`` without the split)."""
    return max(text.rfind("，", floor, pos), text.rfind(",", floor, pos), text.rfind("：", floor, pos), floor - 1) + 1


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in CLAUSE_ENDS) + 1


def _clause_end(text: str, pos: int) -> int:
    m = CLAUSE_SPLIT.search(text, pos)
    return m.start() if m else len(text)


def _value(m: re.Match[str]) -> int | float | None:
    """Numeric value of a QUANTITY match, or None when it is not a count (一 as an article, 千家万户)."""
    num = m.group("num")
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
    return int(value) if float(value).is_integer() else value


def metric_for(before: str, after: str, unit: str, *, earlier: str = "") -> str:
    """Metric named by the words of a number's own phrase that allows its unit: the words
    before it (the match ending nearest to the number), else right after it (the match
    starting nearest), else the nearest words of the ``earlier`` phrases of its clause."""
    rules = _rules_for(unit)
    found = _nearest_before(rules, before) or _nearest_after(rules, after)
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


def _nearest_after(rules: list[MetricRule], words: str) -> str | None:
    best, best_start = None, len(words) + 1
    for rule in rules:
        m = rule.pattern.search(words)
        if m and m.start() < best_start:
            best, best_start = rule.metric, m.start()
    return best


CUES: tuple[tuple[re.Pattern[str], Role], ...] = (
    (TARGET_CUE, "target"),
    (SHORTFALL_CUE, "shortfall"),
    (CONTEXT_BEFORE, "context"),
    (DONE_CUE, "done"),
)


CARRIED_CUES: tuple[tuple[re.Pattern[str], Role], ...] = ((PLAN_CUE, "target"), (SHORTFALL_CUE, "shortfall"), (DONE_CUE, "done"))


def role_for(phrase: str, after: str, earlier: str = "", *, unit: str = "", section_kind: str = "achievements") -> Role:
    """done, target, shortfall or context of a number: the cue nearest to it in its own
    ``phrase`` (the words before it back to the last comma), then what comes right ``after``
    it, then the nearest target, shortfall or done cue in the ``earlier`` phrases of its
    clause, else the section's role. A done cue in a plan or problem section leaves the
    section's role (力争全年开展30场 is a target)."""
    default = SECTION_ROLES.get(section_kind, "done")
    role = _nearest_cue(phrase, CUES)
    if role is None:
        if CONTEXT_AFTER.match(after) or unit in PLACE_UNITS:
            return "context"
        if TARGET_AFTER.match(after):
            return "target"
        if SHORTFALL_CUE.search(after):
            return "shortfall"
        role = _nearest_cue(earlier, CARRIED_CUES)
    if role is None or (role == "done" and default != "done"):
        return default
    return role


def _nearest_cue(words: str, cues: tuple[tuple[re.Pattern[str], Role], ...]) -> Role | None:
    best, best_end = None, -1
    for pattern, role in cues:
        for m in pattern.finditer(words):
            if m.end() > best_end:
                best, best_end = role, m.end()
    return best
