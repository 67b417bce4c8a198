"""How well whole reports become problem and plan items, measured on an independently labelled set.

A labelled set is a folder with ``reports/`` (the report files), ``problems.csv`` (file, county,
township, year, problem, outside, text) and ``plans.csv`` (file, text); each labelled text is
the item as written in its report. ``python -m analysis evaluate --reports DIR`` prints the
figures the README reports: items extracted as their own item, merged into a larger one,
split, or missed; then the register's grouping of the items as extracted (end to end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from analysis.parse.report import parse_path
from analysis.problems import grouping
from analysis.problems.evaluate import Emerging, Evaluation, emerging_score, score
from analysis.problems.register import UNASSIGNED, assign

# punctuation and white space, ignored when texts are compared
PUNCTUATION = re.compile(r"[\s，。；：、！？,.;:!?“”\"'‘’（）()【】《》〈〉—\-…·]")
OWN = 0.8  # an extracted item is a label's own when each covers this share of the other
PARTIAL = 0.5  # below this share of a label covered by one item, the label is missed
Outcome = Literal["own", "merged", "split", "partial", "missed"]


def _plain(text: str) -> str:
    return PUNCTUATION.sub("", text)


def _covered(a: str, b: str) -> int:
    """Characters of ``a`` found, in order, in ``b``."""
    return sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def match_items(labelled: list[str], extracted: list[str]) -> list[tuple[Outcome, int | None]]:
    """For each labelled item: its outcome and the index of the extracted item standing for it.

    own: one extracted item covers ≥ 80 % of it and is ≥ 80 % its text; merged: covered ≥ 80 %
    by an item mostly about something else; split: covered only by several items together;
    partial: one item covers half of it; missed: none does."""
    ext = [_plain(t) for t in extracted]
    out: list[tuple[Outcome, int | None]] = []
    for text in (_plain(t) for t in labelled):
        scores = [(_covered(text, e) / max(len(text), 1), _covered(e, text) / max(len(e), 1), i) for i, e in enumerate(ext)]
        own = [s for s in scores if s[0] >= OWN and s[1] >= OWN]
        best = max(scores, default=(0.0, 0.0, None))
        parts = [s for s in scores if s[0] >= 0.15]
        if own:
            out.append(("own", max(own)[2]))
        elif best[0] >= OWN:
            out.append(("merged", best[2]))
        elif len(parts) >= 2 and sum(s[0] for s in parts) >= OWN:
            out.append(("split", max(parts)[2]))
        elif best[0] >= PARTIAL:
            out.append(("partial", best[2]))
        else:
            out.append(("missed", None))
    return out


@dataclass(frozen=True)
class Extraction:
    """``items``: file, text, outcome, extracted (the extracted item standing for the label, or "").
    ``found``: file, ord, text — every item the reports gave."""

    items: pd.DataFrame
    found: pd.DataFrame

    @property
    def extracted(self) -> int:
        return len(self.found)

    def counts(self) -> dict[str, int]:
        return {k: int((self.items.outcome == k).sum()) for k in ("own", "merged", "split", "partial", "missed")}

    def line(self, what: str) -> str:
        c = self.counts()
        n = len(self.items)
        return (
            f"{what}: {n} labelled, {self.extracted} extracted; as their own item {c['own']} ({c['own'] / max(n, 1):.1%}), "
            f"merged {c['merged']}, split {c['split']}, partial {c['partial']}, missed {c['missed']}"
        )


def extraction(folder: Path, labels: pd.DataFrame, *, kind: Literal["problems", "plans"] = "problems") -> Extraction:
    """Parse every labelled report of ``folder/reports`` and match its items to the labels."""
    rows, found = [], []
    for file, group in labels.groupby("file", sort=True):
        report = parse_path(folder / "reports" / file)
        items = report.problems if kind == "problems" else report.plans
        found += [(file, n, text) for n, text in enumerate(items)]
        for (outcome, idx), text in zip(match_items(group.text.tolist(), items), group.text):
            rows.append((file, text, outcome, idx))
    return Extraction(
        pd.DataFrame(rows, columns=["file", "text", "outcome", "ord"]).assign(
            extracted=lambda t: [found_text(found, f, o) for f, o in zip(t.file, t.ord)]
        ),
        pd.DataFrame(found, columns=["file", "ord", "text"]),
    )


def found_text(found: list[tuple[str, int, str]], file: str, ord_: float | None) -> str:
    if ord_ is None or pd.isna(ord_):
        return ""
    return next(t for f, o, t in found if f == file and o == int(ord_))


def product_groups(found: pd.DataFrame, meta: pd.DataFrame | None = None) -> dict[tuple[str, int], str]:
    """(file, ord) → the problem the dashboard shows for the item: the register's, or an emerging
    group of 未归类 items worded alike (:func:`analysis.problems.grouping.build`). ``meta``: each
    file's county, township and year (the set's meta.csv), as the store would know them; without
    it each file is a township of its own."""
    if found.empty:
        return {}
    report_ids = {f: n for n, f in enumerate(sorted(found.file.unique()))}
    items = pd.DataFrame(
        {"report_id": found.file.map(report_ids), "ord": found.ord, "township": found.file, "year": None, "text": found.text}
    )
    if meta is not None:
        where = meta.drop_duplicates("file").set_index("file")
        items = items.assign(
            county=found.file.map(where.county), township=found.file.map(where.township).fillna(found.file), year=found.file.map(where.year)
        )
    rows = grouping.build(items).assignments
    # an item stating a second problem is shown under both: it stands for a label by its first
    rows = rows.assign(second=rows.evidence.eq(grouping.SECOND_PROBLEM)).sort_values(["report_id", "ord", "second"], kind="stable")
    rows = rows.drop_duplicates(["report_id", "ord"])
    files = {n: f for f, n in report_ids.items()}
    return {(files[r], int(o)): code for r, o, code in zip(rows.report_id, rows.ord, rows.code)}


@dataclass(frozen=True)
class EndToEnd:
    problems: Extraction
    plans: Extraction | None
    grouping: Evaluation  # each label takes the problem of the extracted item standing for it
    outside: int  # labelled items outside the usual problems
    outside_unassigned: int  # of those, left 未归类 by the register
    emerging: Emerging  # how those items are grouped into emerging problems

    def lines(self) -> list[str]:
        out = [self.problems.line("problem items")]
        if self.plans is not None:
            out.append(self.plans.line("plan items"))
        out.append(
            "grouping of the items as extracted, as the dashboard shows it (register problems and emerging groups; a missed item is a group of its own):"
        )
        lines = self.grouping.lines()
        out += ["  " + lines[1], "  " + lines[3]]  # pairwise figures, persistence (no labelled codes here)
        out.append(f"items outside the usual problems left 未归类: {self.outside_unassigned} of {self.outside}")
        out.append(self.emerging.line())
        return out


def evaluate_reports(folder: str | Path) -> EndToEnd:
    """Extraction, then the register's grouping, on the labelled set in ``folder``."""
    folder = Path(folder)
    labels = pd.read_csv(folder / "problems.csv", dtype={"text": str})
    problems = extraction(folder, labels)
    plans = (
        extraction(folder, pd.read_csv(folder / "plans.csv", dtype={"text": str}), kind="plans")
        if (folder / "plans.csv").exists()
        else None
    )
    meta = pd.read_csv(folder / "meta.csv", dtype={"county": str, "township": str}) if (folder / "meta.csv").exists() else None
    groups = product_groups(problems.found, meta)
    found = [groups.get((f, int(o)), UNASSIGNED) if pd.notna(o) else UNASSIGNED for f, o in zip(problems.items.file, problems.items.ord)]
    order = {(f, t): n for n, (f, t) in enumerate(zip(problems.items.file, problems.items.text))}
    found = [found[order[(f, t)]] for f, t in zip(labels.file, labels.text)]
    grouping = score(labels, np.array(found, dtype=object))
    outside = labels.outside.astype(int) == 1 if "outside" in labels else pd.Series(False, index=labels.index)
    texts = labels.text[outside].tolist()
    left = int((assign(texts).code == UNASSIGNED).sum()) if texts else 0
    return EndToEnd(problems, plans, grouping, int(outside.sum()), left, emerging_score(labels.assign(outside=outside.astype(int)), found))
