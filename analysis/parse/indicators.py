"""Counted indicators (学法12次, 宣传资料3500多份, 1.2万份, 八千余份) with their sentence.

Metric names and the words that identify them live in ``data/metrics.csv``: the first
rule (file order) whose pattern occurs in the words before the number, else right after
it, and that allows the unit, names the metric; otherwise the metric is 其他.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.parse.numerals import chinese_to_int
from analysis.parse.patterns import CLAUSE_ENDS, CLAUSE_SPLIT, FIXED_PHRASE_AFTER, NOT_A_COUNT_BEFORE, QUANTITY, QUANTITY_LEAD
from analysis.parse.structure import DATA_DIR

OTHER_METRIC = "其他"
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


@dataclass(frozen=True)
class MetricRule:
    metric: str
    units: frozenset[str]
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def metric_rules() -> tuple[MetricRule, ...]:
    """Rules from ``data/metrics.csv`` in priority order."""
    with open(DATA_DIR / "metrics.csv", encoding="utf-8-sig", newline="") as fh:
        return tuple(
            MetricRule(row["metric"], frozenset(u for u in row["units"].split("|") if u), re.compile(row["pattern"]))
            for row in csv.DictReader(fh)
        )


def extract_indicators(text: str, *, section: int = 0) -> list[Indicator]:
    """Every counted quantity in ``text``, in order of appearance.

    One scan of the whole text: a quantity never spans a clause end (。；！？ or a line
    break), so each match is then placed in its clause, which bounds its context.
    """
    out: list[Indicator] = []
    clause_start, clause_end, last_end, previous_end = 0, -1, 0, 0
    for m in QUANTITY.finditer(text):
        start = m.start()
        if start >= clause_end:  # the first match of a new clause
            clause_start = _clause_start(text, start)
            clause_end = _clause_end(text, m.end())
            last_end = clause_start
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
        before = SEGMENT_BREAK.split(text[last_end:start])[-1]
        after = SEGMENT_BREAK.split(text[m.end() : clause_end])[0]
        sentence = text[clause_start:clause_end].strip()
        out.append(Indicator(value, unit, approx, metric_for(before, after, unit), sentence, section))
        last_end = m.end()
    return out


def _lead_in(text: str, start: int, floor: int) -> str:
    """The (at most two) lead-in characters right before a number: "共计" in 共计3500份."""
    i = start
    while i > floor and start - i < 2 and text[i - 1] in QUANTITY_LEAD:
        i -= 1
    return text[i:start]


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


def metric_for(before: str, after: str, unit: str) -> str:
    """Metric named by the words before a number (else right after it) that allows its unit."""
    for context in (before, after):
        for rule in metric_rules():
            if (not rule.units or unit in rule.units) and rule.pattern.search(context):
                return rule.metric
    return OTHER_METRIC
