"""How well achievement sentences are assigned to the assessed areas, on a labelled set.

A set's ``areas.csv`` (file, section, sentence, areas) labels every sentence of the 成效 and
第一责任人 sections with its areas (``|`` between them, 无 for none), headings included. Each
sentence is found in the achievement paragraphs the parser read from its report and assigned
by :func:`analysis.parse.areas.sentence_areas` (a sentence of a 第一责任人 section as the parser
saw it is about the duty too). Sentences the parser does not read as achievements — headings,
mostly — are scored apart: the pages never assign them. Figures are micro-averaged over
(sentence, area) pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import ReportError
from analysis.parse.areas import sentence_areas
from analysis.parse.report import parse_path

AREA_COLUMNS = ["file", "section", "sentence", "areas"]
NONE_LABEL = "无"
# 「（三）」「一、」「2.」「一是」: the marker opening a labelled heading or lead, left out when it is looked up
LEAD_MARKER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[.．、])\s*")


@dataclass(frozen=True)
class Score:
    right: int  # (sentence, area) pairs assigned and labelled
    assigned: int
    labelled: int

    @property
    def f1(self) -> float:
        return 2 * self.right / (self.assigned + self.labelled) if self.assigned + self.labelled else 1.0

    def line(self, name: str, sentences: int) -> str:
        p = self.right / self.assigned if self.assigned else 0.0
        r = self.right / self.labelled if self.labelled else 0.0
        return f"{name}: F1 {self.f1:.3f} (precision {p:.3f}, recall {r:.3f}; {sentences} sentences)"


@dataclass(frozen=True)
class AreasResult:
    """``pairs``: the labelled rows with ``gold`` and ``got`` (sets of areas) and ``read`` (found
    in an achievement paragraph)."""

    pairs: pd.DataFrame

    def score(self, rows: pd.DataFrame | None = None) -> Score:
        rows = self.pairs if rows is None else rows
        return Score(
            sum(len(g & a) for g, a in zip(rows.gold, rows.got)),
            sum(len(a) for a in rows.got),
            sum(len(g) for g in rows.gold),
        )

    def lines(self) -> list[str]:
        read = self.pairs[self.pairs.read]
        rest = self.pairs[~self.pairs.read]
        return [
            self.score(read).line("area F1, sentences of the achievement paragraphs", len(read)),
            self.score(rest).line("area F1, headings and other lines not read as achievements", len(rest)),
            self.score().line("area F1, every labelled line", len(self.pairs)),
        ]


def load_areas(path: str | Path) -> pd.DataFrame:
    """An areas.csv with the columns above; ``gold`` is the set of labelled areas."""
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ReportError(f"cannot read the labelled areas {path}: {exc}") from exc
    missing = [c for c in AREA_COLUMNS if c not in df.columns]
    if missing:
        raise ReportError(f"{path} lacks the columns {', '.join(missing)} (expected {','.join(AREA_COLUMNS)})")
    gold = [frozenset(a.strip() for a in v.split("|") if a.strip() and a.strip() != NONE_LABEL) for v in df.areas]
    return df.assign(sentence=df.sentence.str.strip(), gold=gold, file=df.file.str.removeprefix("reports/"))


def evaluate_areas(folder: str | Path) -> AreasResult:
    """Assign every labelled sentence of a set (see the module docstring)."""
    folder = Path(folder)
    labels = load_areas(folder / "areas.csv")
    got, read = [], []
    paragraphs: dict[str, list[tuple[str, str]]] = {}
    for row in labels.itertuples(index=False):
        if row.file not in paragraphs:
            report = parse_path(folder / "reports" / row.file)
            paragraphs[row.file] = list(zip(report.achievements, report.achievement_kinds))
        kind = section_of(row.sentence, paragraphs[row.file])
        duty = kind == "duty" if kind else row.section == "第一责任人"
        got.append(frozenset(sentence_areas(row.sentence, duty=duty)))
        read.append(kind is not None)
    return AreasResult(labels.assign(got=got, read=read))


def section_of(sentence: str, paragraphs: list[tuple[str, str]]) -> str | None:
    """The kind of section of the first achievement paragraph holding ``sentence`` (its
    opening marker aside), or None."""
    bare = LEAD_MARKER.sub("", sentence).rstrip("。；;")
    if not bare:
        return None
    return next((kind for text, kind in paragraphs if bare in text), None)
