"""How well the problem register groups problem items, measured on a labelled set.

The labelled set is a CSV with columns county, township, year, problem (the label a reviewer
gave), text. ``python -m analysis evaluate [--labels FILE]`` prints the figures README reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from analysis.parse.structure import ROOT
from analysis.problems.register import LABELLED_FILE, UNASSIGNED, assign, build_register, load_labelled, read_problems

# held-out sets: never used as examples nor to tune the register (README says how they were written)
LABELS_FILE = ROOT / "tests" / "data" / "problem_labels_heldout1.csv"  # the genre's usual wording
LATER_LABELS_FILE = ROOT / "tests" / "data" / "problem_labels_heldout2.csv"  # plain, colloquial and unusual wording
LONG_LABELS_FILE = ROOT / "tests" / "data" / "problem_labels_heldout3.csv"  # long items: 主要表现在…，究其原因…


@dataclass(frozen=True)
class Evaluation:
    items: int
    problems: int
    precision: float
    recall: float
    f1: float
    ari: float
    accuracy: float  # share of items whose problem has the label's code (the register's own codes)
    unassigned: int
    persistence_found: int
    persistence_true: int
    persistence_predicted: int
    persistence_false: int
    confusions: pd.DataFrame  # label, predicted, items (the largest mistakes first)

    def lines(self) -> list[str]:
        recall = self.persistence_found / self.persistence_true if self.persistence_true else 1.0
        false = self.persistence_false / self.persistence_predicted if self.persistence_predicted else 0.0
        return [
            f"{self.items} items, {self.problems} labelled problems, {self.unassigned} 未归类",
            f"pairwise precision {self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f}; adjusted Rand index {self.ari:.3f}",
            f"items given their labelled problem: {self.accuracy:.3f}",
            f"persistence found {self.persistence_found} of {self.persistence_true} ({recall:.1%}); "
            f"false persistence {self.persistence_false} of {self.persistence_predicted} found ({false:.1%})",
        ]


def evaluate(labelled: pd.DataFrame, *, cross_validate: bool = False, counties: tuple[str, ...] = ()) -> Evaluation:
    """Assign every labelled text and compare groupings (pairs of items in one group) and
    persistence (a township raising a problem in consecutive report years).

    ``cross_validate``: the texts are the register's own labelled examples
    (``data/problem_labelled.csv``): each county's items are assigned by a register built
    without that county's items (leave one county out), so no item is its own example.
    ``counties``: only these counties' items are measured (each still held out from its register)."""
    if counties:
        found = _assign_out_of_county(labelled, counties)
        labelled = labelled[labelled.county.isin(counties)].reset_index(drop=True)
    else:
        found = _assign_out_of_county(labelled) if cross_validate else assign(labelled.text.tolist())
    return score(labelled, found.code.to_numpy())


def score(labelled: pd.DataFrame, codes: np.ndarray) -> Evaluation:
    """The figures of an assignment: ``codes`` (a register code, an emerging group's or 未归类,
    one per labelled item, in order) against the ``problem`` column of ``labelled`` (county,
    township, year, problem)."""
    predicted = _groups(codes)
    truth = labelled.problem.to_numpy()
    precision, recall, f1 = pairwise(truth, predicted)
    frame = labelled.assign(predicted=predicted)
    confusions = (
        frame[frame.problem != frame.predicted]
        .groupby(["problem", "predicted"])
        .size()
        .rename("items")
        .reset_index()
        .sort_values(["items", "problem"], ascending=[False, True])
        .rename(columns={"problem": "label"})
        .reset_index(drop=True)
    )
    return Evaluation(
        len(frame),
        labelled.problem.nunique(),
        precision,
        recall,
        f1,
        float(adjusted_rand_score(truth, predicted)),
        float((frame.problem == frame.predicted).mean()),
        int(sum(c == UNASSIGNED for c in codes)),
        *persistence(frame),
        confusions,
    )


def _assign_out_of_county(labelled: pd.DataFrame, counties: tuple[str, ...] = ()) -> pd.DataFrame:
    """The register's assignment of each county's items (of ``counties``, else of every county),
    by a register built without that county's items, in the items' order."""
    problems = read_problems()
    parts = []
    chosen = list(counties) or list(labelled.county.unique())
    for county in chosen:
        mine = labelled.county == county
        reg = build_register(problems, labelled[~mine])
        parts.append(assign(labelled.text[mine].tolist(), reg).set_index(labelled.index[mine]))
    order = labelled.index[labelled.county.isin(chosen)]
    return pd.concat(parts).loc[order].reset_index(drop=True)


def _groups(codes: np.ndarray) -> np.ndarray:
    """Predicted groups: the code, each 未归类 item alone (emerging groups are not credited)."""
    return np.array([c if c != UNASSIGNED else f"{UNASSIGNED}#{i}" for i, c in enumerate(codes)], dtype=object)


def pairwise(truth: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 of "same group" over all pairs of items."""
    both = pd.crosstab(truth, predicted).to_numpy()
    same_both = (both * (both - 1) / 2).sum()
    same_pred = sum(n * (n - 1) / 2 for n in pd.Series(predicted).value_counts())
    same_true = sum(n * (n - 1) / 2 for n in pd.Series(truth).value_counts())
    precision = same_both / same_pred if same_pred else 1.0
    recall = same_both / same_true if same_true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)


def persistence(frame: pd.DataFrame) -> tuple[int, int, int, int]:
    """(found, true, predicted, false): true persistence is a township's label in two consecutive
    years; it is found when the two years' items of that label share a predicted group.
    A predicted persistence (a group in two consecutive years of a township) is false when
    no label is shared by the items behind it."""
    key = ["county", "township"]
    truth = set(frame[["county", "township", "year", "problem"]].itertuples(index=False, name=None))
    true_pairs = [(c, t, y, p) for c, t, y, p in truth if (c, t, y + 1, p) in truth]
    found = 0
    for c, t, y, p in true_pairs:
        a = frame[(frame.county == c) & (frame.township == t) & (frame.year == y) & (frame.problem == p)].predicted
        b = frame[(frame.county == c) & (frame.township == t) & (frame.year == y + 1) & (frame.problem == p)].predicted
        found += bool(set(a) & set(b))
    predicted_pairs = 0
    false = 0
    for _, group in frame.groupby(key):
        for y in sorted(group.year.unique()):
            this, after = group[group.year == y], group[group.year == y + 1]
            for code in set(this.predicted) & set(after.predicted):
                predicted_pairs += 1
                labels_a = set(this[this.predicted == code].problem)
                labels_b = set(after[after.predicted == code].problem)
                false += not (labels_a & labels_b)
    return found, len(true_pairs), predicted_pairs, false


@dataclass(frozen=True)
class Emerging:
    """How the items outside the register (``outside`` = 1) are grouped into emerging problems:
    pairwise precision and recall over those items (an item in a register problem or 未归类 is
    a group of its own), and their township-problem pairs of consecutive years found as one
    emerging problem in both years."""

    items: int
    precision: float
    recall: float
    persistence_found: int
    persistence_true: int

    def line(self) -> str:
        return (
            f"emerging groups of the {self.items} items outside the register: pairwise precision {self.precision:.3f}, "
            f"recall {self.recall:.3f}; persistence found {self.persistence_found} of {self.persistence_true}"
        )


def emerging_score(labelled: pd.DataFrame, codes: np.ndarray) -> Emerging:
    """:class:`Emerging` of ``codes`` (one per labelled item, in order; emerging groups' codes
    start with E) against the ``problem`` of the items whose ``outside`` is 1."""
    outside = (labelled.outside.astype(int) == 1).to_numpy()
    frame = labelled[outside].reset_index(drop=True)
    codes = np.asarray(codes, dtype=object)[outside]
    predicted = np.array([c if str(c).startswith("E") else f"#{i}" for i, c in enumerate(codes)], dtype=object)
    precision, recall, _ = pairwise(frame.problem.to_numpy(), predicted) if len(frame) else (1.0, 1.0, 1.0)
    found, true, _, _ = persistence(frame.assign(predicted=predicted))
    return Emerging(len(frame), precision, recall, found, true)


def load_labels(path: str | Path = LABELS_FILE) -> pd.DataFrame:
    return load_labelled(Path(path))


def is_training_file(path: str | Path) -> bool:
    return Path(path).resolve() == LABELLED_FILE.resolve()
