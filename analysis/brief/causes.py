"""The causes a township gives for a problem, read from the problem item's own words.

``data/cause_cues.csv`` lists the cues, each a regular expression whose ``why`` group is the
cause as quoted, with an example sentence and the cause it gives (a test checks each row): the
word 原因 (究其原因 / 主要原因是 / 原因在于 / 产生这一问题的原因，主要是, rank 1), an event exposing
its cause (暴露出…等问题, rank 2), and the sentences linking a cause to its effect (由于…导致, 受…影响,
因…而/未能, rank 3). What only describes the problem (仍以传统方式为主, 个别群众习惯以闹求解决,
少数站所负责人对程序要求不够重视, 点多线长) is no cause: the brief says 未说明原因 rather than pass a
symptom off as one. An item's causes are those of its best rank only, and a cause that says again
what the item's first sentence says (「执法力量不足。原因是执法力量不足」) is none.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.parse.structure import DATA_DIR
from analysis.problems.matching import content_words

CAUSE_CUES_FILE = DATA_DIR / "cause_cues.csv"
SENTENCE = re.compile(r"[^。！？；!?;\n]+")  # a cue never reaches past a sentence or a ；-clause
SHORT = 6  # a cause of a whole_if_short cue under this many characters gives its whole sentence (「人少事多，原因在于编制不足」)
MOST = 2  # causes quoted from one item


@dataclass(frozen=True)
class CauseCue:
    rank: int
    pattern: re.Pattern[str]
    whole_if_short: bool
    example: str
    cause: str


@lru_cache(maxsize=4)
def cause_cues(path: Path = CAUSE_CUES_FILE) -> tuple[CauseCue, ...]:
    """The rows of ``data/cause_cues.csv`` (rank, cue, whole_if_short, example, cause), best rank first."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = [
            CauseCue(int(r["rank"]), re.compile(r["cue"]), bool((r.get("whole_if_short") or "").strip()), r["example"], r["cause"])
            for r in csv.DictReader(fh)
        ]
    return tuple(sorted(rows, key=lambda c: c.rank))


def item_causes(text: str, *, most: int = MOST) -> list[str]:
    """The causes ``text`` (a problem item) states, verbatim, in the order written: every
    match of the best-ranked cues found in it, one of two overlapping matches (the shorter),
    at most ``most``; [] when it states none."""
    found: list[tuple[int, int, int, str]] = []  # rank, start, end, cause
    offset, statement = 0, None
    for part in SENTENCE.finditer(text or ""):
        sentence, offset = part.group(0), part.start()
        statement = sentence if statement is None else statement
        for cue in cause_cues():
            for m in cue.pattern.finditer(sentence):
                why = m["why"].strip()
                if cue.whole_if_short and len(why) < SHORT:
                    why, start, end = sentence.strip(), part.start(), part.end()
                else:
                    start, end = offset + m.start("why"), offset + m.end("why")
                if why and not (sentence is not statement and restates(why, statement)):
                    found.append((cue.rank, start, end, why))
    if not found:
        return []
    best = min(f[0] for f in found)
    kept: list[tuple[int, int, int, str]] = []
    for f in sorted((f for f in found if f[0] == best), key=lambda f: (f[2] - f[1], f[1])):
        if not any(f[1] < k[2] and k[1] < f[2] for k in kept):
            kept.append(f)
    return [f[3] for f in sorted(kept, key=lambda f: f[1])][:most]


def restates(cause: str, statement: str) -> bool:
    """Whether ``cause`` says nothing ``statement`` (the problem's own first sentence) does not:
    every content word of it is one of the statement's (「执法力量不足」 after 「执法力量不足。」)."""
    words = set(content_words(cause))
    return bool(words) and words <= set(content_words(statement))


def cause_of(sentence: str) -> str:
    """The first cause ``sentence`` gives (:func:`item_causes`), "" when none."""
    found = item_causes(sentence, most=1)
    return found[0] if found else ""
