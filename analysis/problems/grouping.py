"""Problem items on the register: each item's problem (register, emerging, or a reviewer's),
with reviewers' corrections applied. Built by :mod:`analysis.refresh.derived`; read by
:mod:`analysis.problems.recurring`.

Corrections are stored in the store's ``corrections`` table and applied after the automatic
assignment every time it is rebuilt, so they survive a refresh, a re-ingest of the same report
and ``--replace`` with unchanged item text (an item is known by its township, year and text,
not by its report id). A correction never deletes an item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import ReportError
from analysis.parse.sentences import item_key
from analysis.problems.clustering import _example, cluster_items
from analysis.problems.register import UNASSIGNED, assign, register

EMERGING_FIRST_ID = 1001  # cluster ids of emerging problems; register problems are 1…N in file order
REVIEWER_FIRST_ID = 5001  # problems a reviewer split off
PHRASE_CHARS = 18
ASSIGNMENT_COLUMNS = ["report_id", "ord", "theme", "cluster", "code", "score", "evidence", "item_key"]
PROBLEM_COLUMNS = ["cluster", "theme", "label", "example", "items", "code", "origin", "description"]
REGISTER_COLUMNS = ["report_id", "ord", "code", "score", "evidence", "second_code"]
CORRECTION_COLUMNS = ["made_at", "who", "action", "item_key", "code", "target", "name"]
ACTIONS = ("move", "rename", "merge", "split")


# (report_id, ord) of some items → their report_id, ord, themes, concepts
Details = Callable[[pd.DataFrame], pd.DataFrame]


@dataclass(frozen=True)
class ProblemTables:
    """``assignments``: :data:`ASSIGNMENT_COLUMNS` (an item stating two problems has two rows).
    ``problems``: :data:`PROBLEM_COLUMNS`, one row per problem that has items.
    ``register_rows``: :data:`REGISTER_COLUMNS`, the register's own assignment of each item
    (before emerging groups and corrections), kept so that the next build assigns only new items."""

    assignments: pd.DataFrame
    problems: pd.DataFrame
    register_rows: pd.DataFrame


def build(
    items: pd.DataFrame, corrections: pd.DataFrame | None = None, *, details: Details | None = None, known: pd.DataFrame | None = None
) -> ProblemTables:
    """Assign problem items (columns report_id, ord, township, year, text, themes, concepts, and
    item_key when stored; see :func:`analysis.parse.sentences.item_key`). Without themes and concepts
    (lists, costly for 10^5 items), ``details`` gives them for the items the register leaves
    unassigned, the only ones that need them. ``known``: the register's assignment of items
    already assigned (:data:`REGISTER_COLUMNS`, a previous build's ``register_rows``); only the
    other items are assigned (the assignment of a text depends on the text alone)."""
    reg = register()
    if items.empty:
        empty = pd.DataFrame(columns=REGISTER_COLUMNS)
        return ProblemTables(pd.DataFrame(columns=ASSIGNMENT_COLUMNS), pd.DataFrame(columns=PROBLEM_COLUMNS), empty)
    items = items.reset_index(drop=True)
    found = _register_rows(items, known, reg)
    ids = {p.code: i for i, p in enumerate(reg.problems, start=1)}
    catalogue = {p.code: (ids[p.code], p.area, p.name, "register", p.description) for p in reg.problems}
    stored = items.item_key.tolist() if "item_key" in items.columns else [None] * len(items)  # kept at ingest
    if all(isinstance(k, str) for k in stored):
        keys = stored
    else:  # lists, not Series: iterating a column value by value is slow for 10^5 items
        columns = (items.township.tolist(), items.year.tolist(), items.text.tolist())
        keys = [k if isinstance(k, str) else item_key(t, y, x) for k, t, y, x in zip(stored, *columns)]
    rows = pd.DataFrame(
        {
            "report_id": items.report_id,
            "ord": items.ord,
            "code": found.code,
            "score": found.score,
            "evidence": found.evidence,
            "item_key": keys,
        }
    )
    seconds = rows[found.second_code.notna()].assign(code=found.second_code.dropna(), evidence="同一条目中的第二个问题")
    rows = pd.concat([rows, seconds], ignore_index=True)
    rows, emerging = _emerging(rows, items, details)
    catalogue.update(emerging)
    if corrections is not None and len(corrections):
        rows, catalogue = apply_corrections(rows, catalogue, corrections)
    return _tables(rows, items, catalogue, found)


def _register_rows(items: pd.DataFrame, known: pd.DataFrame | None, reg) -> pd.DataFrame:
    """:data:`REGISTER_COLUMNS` for every item, in the items' order: ``known`` rows where given,
    the register's assignment of the rest."""
    keys = items[["report_id", "ord"]].astype("int64")
    if known is not None and len(known):
        found = keys.merge(known.astype({"report_id": "int64", "ord": "int64"}), on=["report_id", "ord"], how="left", validate="one_to_one")
    else:
        found = keys.assign(code=None, score=np.nan, evidence=None, second_code=None)
    missing = found.code.isna().to_numpy()
    if missing.any():
        fresh = assign(items.text[missing].tolist(), reg)
        found = found.astype({"code": object, "evidence": object, "second_code": object, "score": np.float64})
        found.loc[missing, ["code", "score", "evidence", "second_code"]] = fresh[["code", "score", "evidence", "second_code"]].to_numpy()
    found["score"] = found.score.astype(np.float64)
    found["second_code"] = found.second_code.where(found.second_code.notna(), None)
    return found[REGISTER_COLUMNS]


def _emerging(rows: pd.DataFrame, items: pd.DataFrame, details: Details | None = None) -> tuple[pd.DataFrame, dict]:
    """Group 未归类 items among themselves; each group is named by a short phrase from its items."""
    loose = rows.code == UNASSIGNED
    if not loose.any():
        return rows, {}
    position = {(r, o): i for i, (r, o) in enumerate(zip(items.report_id.tolist(), items.ord.tolist()))}
    members = items.loc[[position[(r, o)] for r, o in zip(rows.report_id[loose], rows.ord[loose])]]
    if "concepts" not in members.columns:
        members = members.merge(details(members[["report_id", "ord"]]), on=["report_id", "ord"], how="left", validate="one_to_one")
    grouped = cluster_items(members[["report_id", "ord", "text", "themes", "concepts"]].reset_index(drop=True))
    codes = [f"E{c:03d}" for c in grouped.assignments.cluster]
    rows = rows.copy()
    rows.loc[loose, "code"] = codes
    rows.loc[loose, "evidence"] = "未归入问题清单，与相近的条目归为新问题"
    catalogue = {}
    texts = members.text.reset_index(drop=True)
    for c in sorted(set(grouped.assignments.cluster)):
        group_texts = texts[(grouped.assignments.cluster == c).to_numpy()]
        catalogue[f"E{c:03d}"] = (EMERGING_FIRST_ID + c - 1, "新问题", _phrase(group_texts), "emerging", "清单外的问题（按相近表述归组）")
    return rows, catalogue


def _phrase(texts: pd.Series) -> str:
    """A short phrase naming a group: the first clause of its most common first sentence."""
    head = _example(texts)
    for stop in "，,；;。：:":
        head = head.split(stop)[0]
    return head[:PHRASE_CHARS] or texts.iloc[0][:PHRASE_CHARS]


def apply_corrections(rows: pd.DataFrame, catalogue: dict, corrections: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Apply reviewers' corrections in the order they were made:
    move (item_key → code), rename (code → name), merge (code → target), split (item_key → new
    problem ``target`` named ``name``; several rows with one target make one problem)."""
    rows = rows.copy()
    catalogue = dict(catalogue)
    next_id = max([REVIEWER_FIRST_ID - 1] + [v[0] for v in catalogue.values()]) + 1
    for c in corrections.sort_values("made_at", kind="stable").itertuples(index=False):
        if c.action == "split" and c.target not in catalogue:
            catalogue[c.target] = (next_id, "审核新增", c.name, "reviewer", "审核人员拆分出的问题")
            next_id += 1
        if c.action in ("move", "split"):
            target = c.code if c.action == "move" else c.target
            if target not in catalogue:
                continue
            hit = rows.index[rows.item_key == c.item_key]
            if len(hit):
                rows = rows.drop(index=hit[1:])  # the item now has the reviewer's one problem
                rows.loc[hit[0], ["code", "evidence"]] = [target, f"审核人员改归（{c.who}）"]
        elif c.action == "rename" and c.code in catalogue:
            catalogue[c.code] = (*catalogue[c.code][:2], c.name, *catalogue[c.code][3:])
        elif c.action == "merge" and c.code in catalogue and c.target in catalogue and c.code != c.target:
            moved = rows.code == c.code
            rows.loc[moved, "code"] = c.target
            rows.loc[moved, "evidence"] = rows.loc[moved, "evidence"] + f"（并入，{c.who}）"
            rows = rows.drop_duplicates(["report_id", "ord", "code"])
    return rows.reset_index(drop=True), catalogue


def _tables(rows: pd.DataFrame, items: pd.DataFrame, catalogue: dict, found: pd.DataFrame) -> ProblemTables:
    rows = rows.assign(cluster=rows.code.map(lambda c: catalogue[c][0]).astype("int64"), theme=rows.code.map(lambda c: catalogue[c][1]))
    texts = rows[["report_id", "ord", "code"]].merge(items[["report_id", "ord", "text"]], on=["report_id", "ord"], how="left")
    problems = []
    for code, group in texts.groupby("code", sort=False):
        cid, area, name, origin, description = catalogue[code]
        problems.append((cid, area, name, _example(group.text.reset_index(drop=True)), len(group), code, origin, description))
    table = pd.DataFrame(problems, columns=PROBLEM_COLUMNS).sort_values("cluster").reset_index(drop=True)
    rows = rows.sort_values(["report_id", "ord", "cluster"]).reset_index(drop=True)
    rows["score"] = rows.score.astype(np.float64)
    return ProblemTables(rows[ASSIGNMENT_COLUMNS], table, found)


def add_correction(con, action: str, *, who: str, item_key: str = "", code: str = "", target: str = "", name: str = "", at=None) -> None:
    """Store one reviewer correction (see :func:`apply_corrections` for what each action means).
    The caller refreshes the derived tables and publishes (``derived.refresh`` in one writer)."""
    if action not in ACTIONS:
        raise ReportError(f"unknown correction {action!r}: use one of {', '.join(ACTIONS)}")
    if action in ("move", "split") and not item_key:
        raise ReportError(f"a {action} correction needs the item's key")
    if action in ("rename", "split") and not name.strip():
        raise ReportError(f"a {action} correction needs the problem's new name")
    con.execute(
        "INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?)",
        [at or dt.datetime.now(), who or "reviewer", action, item_key, code, target, name.strip()],
    )


def read_corrections(path) -> pd.DataFrame:
    """Corrections exported by another county (CSV with :data:`CORRECTION_COLUMNS`)."""
    df = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    missing = [c for c in CORRECTION_COLUMNS if c not in df.columns]
    if missing:
        raise ReportError(
            f"corrections file lacks the columns {', '.join(missing)}: export one with `python -m analysis corrections export`"
        )
    bad = sorted(set(df.action) - set(ACTIONS))
    if bad:
        raise ReportError(f"corrections file has unknown actions {', '.join(bad)}")
    df["made_at"] = pd.to_datetime(df.made_at.str.lstrip("'"))
    return df[CORRECTION_COLUMNS]


LABELLED_COLUMNS = ["county", "township", "year", "problem", "text"]


def corrected_items(con) -> pd.DataFrame:
    """The items reviewers moved to a register problem, as labelled items (:data:`LABELLED_COLUMNS`,
    the format of ``data/problem_labelled.csv``): appended there they teach the register the
    county's wording (examples and the word classifier). An item's problem is its current one,
    after later merges; items of unknown year or of emerging problems are left out."""
    from analysis.storage.store import frame

    codes = [p.code for p in register().problems]
    return frame(
        con,
        """SELECT DISTINCT coalesce(r.county, '') AS county, coalesce(r.township, '') AS township, r.year, pc.code AS problem, i.text
           FROM problem_clusters pc
           JOIN items i ON i.report_id = pc.report_id AND i.ord = pc.ord AND i.kind = 'problem'
           JOIN reports r ON r.id = pc.report_id
           WHERE pc.item_key IN (SELECT item_key FROM corrections WHERE action = 'move') AND r.year IS NOT NULL
             AND list_contains(?::VARCHAR[], pc.code)
           ORDER BY county, township, r.year, i.text""",
        [codes],
    )[LABELLED_COLUMNS]


def add_labelled(items: pd.DataFrame, path) -> int:
    """Append ``items`` (:data:`LABELLED_COLUMNS`) to the labelled-items file ``path`` (created
    when missing), leaving out items whose text is already there; returns how many were added."""
    path = Path(path)
    if path.exists():
        have = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        missing = [c for c in LABELLED_COLUMNS if c not in have.columns]
        if missing:
            raise ReportError(f"{path} is not a labelled-items file (no {', '.join(missing)} column)")
        items = items[~items.text.isin(set(have.text))]
    new = items.drop_duplicates("text")
    text = new.to_csv(index=False, header=not path.exists(), lineterminator="\n")
    if path.exists() and path.read_bytes()[-1:] not in (b"\n", b""):
        text = "\n" + text
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(text)
    return len(new)
