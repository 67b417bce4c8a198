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

from analysis.numerals import chinese_to_int
from analysis.patterns import CLAUSE_SPLIT, FIXED_PHRASE_AFTER, NOT_A_COUNT_BEFORE, QUANTITY
from analysis.structure import DATA_DIR

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
    """Every counted quantity in ``text``, in order of appearance."""
    out: list[Indicator] = []
    for sentence in CLAUSE_SPLIT.split(text):
        out.extend(_sentence_indicators(sentence.strip(), section))
    return out


def _sentence_indicators(sentence: str, section: int) -> list[Indicator]:
    found: list[Indicator] = []
    last_end = 0
    for m in QUANTITY.finditer(sentence):
        start = m.start("num")
        value = _value(m)
        if value is None or NOT_A_COUNT_BEFORE.search(sentence[:start]) or FIXED_PHRASE_AFTER.match(sentence[m.end() :]):
            continue
        unit = UNIT_ALIASES.get(m.group("unit"), m.group("unit"))
        approx = bool(m.group("approx")) or bool(APPROX_PREFIX.search(m.group("prefix")))
        before = SEGMENT_BREAK.split(sentence[last_end:start])[-1]
        after = SEGMENT_BREAK.split(sentence[m.end() :])[0]
        found.append(Indicator(value, unit, approx, metric_for(before, after, unit), sentence, section))
        last_end = m.end()
    return found


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
