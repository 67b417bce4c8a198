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
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.csvout import DANGEROUS_START
from analysis.errors import ReportError
from analysis.parse.facets import problem_of
from analysis.parse.sentences import item_key
from analysis.problems.clustering import example_wording
from analysis.problems.emerging import group_items
from analysis.problems.register import MIN_TOTAL, UNASSIGNED, assign, register

EMERGING_FIRST_ID = 1001  # cluster ids of emerging problems; register problems are 1…N in file order
REVIEWER_FIRST_ID = 5001  # problems a reviewer split off
SECOND_PROBLEM = "同一条目中的第二个问题"  # the evidence of an item's row under the second problem it states
ASSIGNMENT_COLUMNS = ["report_id", "ord", "theme", "cluster", "code", "score", "evidence", "item_key"]
PROBLEM_COLUMNS = ["cluster", "theme", "label", "example", "items", "code", "origin", "description"]
REGISTER_COLUMNS = ["report_id", "ord", "code", "score", "evidence", "second_code"]
CORRECTION_COLUMNS = ["made_at", "who", "action", "item_key", "code", "target", "name"]
ACTIONS = ("move", "rename", "merge", "split")


@dataclass(frozen=True)
class ProblemTables:
    """``assignments``: :data:`ASSIGNMENT_COLUMNS` (an item stating two problems has two rows).
    ``problems``: :data:`PROBLEM_COLUMNS`, one row per problem that has items.
    ``register_rows``: :data:`REGISTER_COLUMNS`, the register's own assignment of each item
    (before emerging groups and corrections), kept so that the next build assigns only new items."""

    assignments: pd.DataFrame
    problems: pd.DataFrame
    register_rows: pd.DataFrame


def build(items: pd.DataFrame, corrections: pd.DataFrame | None = None, *, known: pd.DataFrame | None = None) -> ProblemTables:
    """Assign problem items (columns report_id, ord, township, year, text, and item_key when
    stored; see :func:`analysis.parse.sentences.item_key`). ``known``: the register's assignment of items
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
    seconds = rows[found.second_code.notna()].assign(code=found.second_code.dropna(), evidence=SECOND_PROBLEM)
    rows = pd.concat([rows, seconds], ignore_index=True)
    rows, emerging = _emerging(rows, items)
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
        fresh = _packed_parts(assign(items.text[missing].tolist(), reg), items[missing], items)
        found = found.astype({"code": object, "evidence": object, "second_code": object, "score": np.float64})
        found.loc[missing, ["code", "score", "evidence", "second_code"]] = fresh[["code", "score", "evidence", "second_code"]].to_numpy()
    found["score"] = found.score.astype(np.float64)
    found["second_code"] = found.second_code.where(found.second_code.notna(), None)
    return found[REGISTER_COLUMNS]


PACKED_PART_CHARS = 12  # an item this short, cut from a sentence of packed problems (专业能力弱), may name no topic
PACKED_EVIDENCE = "主题见前一条目：{previous}"  # its evidence: the item before it, where its topic was named


def _packed_parts(found: pd.DataFrame, items: pd.DataFrame, every: pd.DataFrame) -> pd.DataFrame:
    """``found`` (:func:`assign` of ``items``, same order) with a short item the register left 未归类 given the named
    problem it states with the topic of the item before it in ``every`` item (「执法人员少，专业能力弱，装备落后」 cut
    into three: 专业能力弱 is 执法人员业务素质不高 because 执法人员 was named before it;
    :func:`analysis.parse.facets.problem_of`)."""
    short = (found.code == UNASSIGNED).to_numpy() & (items.text.str.len() <= PACKED_PART_CHARS).to_numpy()
    if not short.any():
        return found
    previous = dict(zip(zip(every.report_id.astype("int64"), every.ord.astype("int64")), every.text, strict=True))
    found = found.copy()
    for at in np.flatnonzero(short):
        row = items.iloc[at]
        before = previous.get((int(row.report_id), int(row.ord) - 1))
        code = problem_of(row.text, before) if before else None
        if code:
            found.iloc[at, found.columns.get_loc("code")] = code
            found.iloc[at, found.columns.get_loc("score")] = MIN_TOTAL
            found.iloc[at, found.columns.get_loc("evidence")] = PACKED_EVIDENCE.format(previous=before)
    return found


def _emerging(rows: pd.DataFrame, items: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Group 未归类 items among themselves by what they are about (:mod:`analysis.problems.emerging`);
    each group is named by the content words its items share."""
    loose = rows.code == UNASSIGNED
    if not loose.any():
        return rows, {}
    position = {(r, o): i for i, (r, o) in enumerate(zip(items.report_id.tolist(), items.ord.tolist()))}
    at = [position[(r, o)] for r, o in zip(rows.report_id[loose], rows.ord[loose])]
    county = items.county.tolist() if "county" in items.columns else [None] * len(items)
    township, year = items.township.tolist(), items.year.tolist()
    # (one township: its county and name; an item of unknown township is no township's)
    sources = [(f"{county[i] or ''}|{township[i]}" if isinstance(township[i], str) else None, _year(year[i])) for i in at]
    grouped = group_items(items.text.to_numpy()[at].tolist(), places=set(items.township.dropna()), sources=sources)
    rows = rows.copy()
    rows.loc[loose, "code"] = [f"E{c:03d}" for c in grouped.cluster]
    rows.loc[loose, "evidence"] = "未归入问题清单，与说同一件事的条目归为新问题"
    catalogue = {
        f"E{g.cluster:03d}": (EMERGING_FIRST_ID + g.cluster - 1, "新问题", g.label, "emerging", "清单外的问题（按条目说的事归组）")
        for g in grouped.groups.itertuples(index=False)
    }
    return rows, catalogue


def _year(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def apply_corrections(rows: pd.DataFrame, catalogue: dict, corrections: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Apply reviewers' corrections as if one after another in the order they were made:
    move (item_key → code), rename (code → name), merge (code → target), split (item_key → new
    problem ``target`` named ``name``; several rows with one target make one problem). A
    correction naming a problem that does not exist (yet) at its time is ignored.

    Set-based, whatever the number of corrections: each item's last move, each problem's last
    rename, and the merges composed backwards in time (:func:`_resolve`), then one pass over
    the rows."""
    rows = rows.copy()
    catalogue = dict(catalogue)
    c = corrections.sort_values("made_at", kind="stable").reset_index(drop=True)
    c = c.assign(seq=np.arange(len(c)))
    born = _born(c, catalogue)  # code → the correction that made it (-1: there before any)

    def alive(codes: pd.Series, seq: pd.Series, *, strict: bool = True) -> pd.Series:
        at = codes.map(born).astype("float64")
        return at.notna() & ((at < seq) if strict else (at <= seq))

    renames = c[c.action == "rename"]
    for code, name in (
        renames[alive(renames.code, renames.seq)].drop_duplicates("code", keep="last")[["code", "name"]].itertuples(index=False)
    ):
        catalogue[code] = (*catalogue[code][:2], name, *catalogue[code][3:])
    moves = c[c.action.isin(["move", "split"])]
    moves = moves.assign(to=moves.code.where(moves.action == "move", moves.target))
    moves = moves[alive(moves.to, moves.seq, strict=False)].drop_duplicates("item_key", keep="last")
    merges = c[c.action == "merge"]
    merges = merges[alive(merges.code, merges.seq) & alive(merges.target, merges.seq) & (merges.code != merges.target)]
    final, suffix, moved = _resolve(merges, moves)
    kept = ~rows.item_key.isin(list(moved))
    rest = rows[kept]
    codes = rest.code.tolist()
    rows.loc[kept, "evidence"] = rest.evidence + pd.Series([suffix.get(c, "") for c in codes], index=rest.index, dtype=object)
    rows.loc[kept, "code"] = pd.Series([final.get(c, c) for c in codes], index=rest.index, dtype=object)
    hit = rows[~kept].drop_duplicates(["report_id", "ord", "item_key"])  # the item now has the reviewer's one problem
    hit = hit.assign(code=hit.item_key.map(lambda k: moved[k][0]), evidence=hit.item_key.map(lambda k: moved[k][1]))
    rows = pd.concat([rows[kept], hit]).sort_index(kind="stable").drop_duplicates(["report_id", "ord", "code"])
    return rows.reset_index(drop=True), catalogue


def _born(c: pd.DataFrame, catalogue: dict) -> dict[str, int]:
    """code → the position of the correction that made the problem (-1 for every problem of
    ``catalogue``), adding the problems reviewers split off to ``catalogue`` in order."""
    born = dict.fromkeys(catalogue, -1)
    next_id = max([REVIEWER_FIRST_ID - 1] + [v[0] for v in catalogue.values()]) + 1
    splits = c[(c.action == "split") & ~c.target.isin(born)].drop_duplicates("target")
    for target, name, seq in zip(splits.target.tolist(), splits.name.tolist(), splits.seq.tolist()):
        catalogue[target] = (next_id, "审核新增", name, "reviewer", "审核人员拆分出的问题")
        born[target] = seq
        next_id += 1
    return born


def _resolve(merges: pd.DataFrame, moves: pd.DataFrame) -> tuple[dict, dict, dict]:
    """Merges composed from the last back to the first: (code → where its items end up, code →
    the evidence added on the way, item_key → (problem, evidence) of each moved item, through
    the merges made after its move)."""
    final: dict[str, str] = {}
    suffix: dict[str, str] = {}
    moved: dict[str, tuple[str, str]] = {}
    events = sorted(
        [(s, True, a, b, w) for s, a, b, w in zip(merges.seq.tolist(), merges.code.tolist(), merges.target.tolist(), merges.who.tolist())]
        + [(s, False, a, b, w) for s, a, b, w in zip(moves.seq.tolist(), moves.item_key.tolist(), moves.to.tolist(), moves.who.tolist())],
        reverse=True,
    )
    for _, merge, a, b, who in events:
        if merge:
            final[a] = final.get(b, b)
            suffix[a] = f"（并入，{who}）" + suffix.get(b, "")
        else:
            moved[a] = (final.get(b, b), f"审核人员改归（{who}）" + suffix.get(b, ""))
    return final, suffix, moved


def _tables(rows: pd.DataFrame, items: pd.DataFrame, catalogue: dict, found: pd.DataFrame) -> ProblemTables:
    rows = rows.assign(cluster=rows.code.map(lambda c: catalogue[c][0]).astype("int64"), theme=rows.code.map(lambda c: catalogue[c][1]))
    texts = rows[["report_id", "ord", "code"]].merge(items[["report_id", "ord", "text"]], on=["report_id", "ord"], how="left")
    problems = []
    for code, group in texts.groupby("code", sort=False):
        cid, area, name, origin, description = catalogue[code]
        problems.append((cid, area, name, example_wording(group.text.reset_index(drop=True)), len(group), code, origin, description))
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


SHOWN_ROWS = 20  # bad rows named in an import's refusal; the rest are counted
NEEDS = {  # what each action needs besides its date and who, with the column's name in Chinese
    "move": (("item_key", "条目（item_key）"), ("code", "改归到的问题（code）")),
    "rename": (("code", "问题（code）"), ("name", "新名称（name）")),
    "merge": (("code", "问题（code）"), ("target", "并入的问题（target）")),
    "split": (("item_key", "条目（item_key）"), ("target", "新问题（target）"), ("name", "新问题名称（name）")),
}


def read_corrections(path, *, today: dt.date | None = None) -> pd.DataFrame:
    """Corrections exported by another county (CSV with :data:`CORRECTION_COLUMNS`, UTF-8 or
    GB18030 as Excel saves it), checked row by row (:func:`check_corrections`): every row
    good, or :class:`ReportError` naming the bad rows and why, in Chinese. The apostrophe our
    CSV writer puts before a cell starting with = + - @ is taken off again."""
    df = _read_csv(Path(path))
    missing = [c for c in CORRECTION_COLUMNS if c not in df.columns]
    if missing:
        raise ReportError(
            f"corrections file lacks the columns {', '.join(missing)}: export one with `python -m analysis corrections export`"
        )
    df = df[CORRECTION_COLUMNS].map(_unprotect)
    return check_corrections(df, today=today)


def _read_csv(path: Path) -> pd.DataFrame:
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        raise ReportError("校正文件不是文本文件（CSV）：请用 `python -m analysis corrections export` 导出的文件")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ReportError("校正文件的编码不是 UTF-8 或 GBK：请另存为 UTF-8 的 CSV 文件")
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise ReportError("校正文件是空的") from None
    except (pd.errors.ParserError, ValueError) as exc:
        raise ReportError(f"校正文件不是有效的 CSV（引号不成对或各行列数不同：{str(exc).strip().splitlines()[-1]}）") from None


def _unprotect(cell: str) -> str:
    """A cell without the apostrophe :func:`analysis.csvout.neutralise` put before a formula's start."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in DANGEROUS_START else cell


def check_corrections(df: pd.DataFrame, *, today: dt.date | None = None) -> pd.DataFrame:
    """:data:`CORRECTION_COLUMNS` (text) with ``made_at`` as a timestamp, when every row is a
    correction: a date, not after ``today`` (default: today), who made it, a known action
    and what that action needs. Otherwise :class:`ReportError` listing the first
    :data:`SHOWN_ROWS` bad rows (numbered as a spreadsheet shows them, the header being row 1)."""
    df = df.reset_index(drop=True).astype(str).apply(lambda col: col.str.strip())
    made, dates = _timestamps(df.made_at)
    today = today or dt.date.today()
    reasons = [[] for _ in range(len(df))]

    def flag(mask: pd.Series, why) -> None:
        for i in np.flatnonzero(mask.to_numpy()):
            reasons[i].append(why(i) if callable(why) else why)

    flag(df.made_at == "", "没有校正时间（made_at）")
    flag((df.made_at != "") & dates.isna(), lambda i: f"校正时间「{df.made_at[i][:30]}」不是日期")
    flag(dates.notna() & (dates.map(lambda d: d is not None and d > today)), lambda i: f"校正时间「{df.made_at[i][:30]}」晚于今天")
    flag(df.who == "", "没有校正人（who）")
    flag(~df.action.isin(ACTIONS), lambda i: f"操作「{df.action[i][:20]}」不是 move、rename、merge、split 之一")
    for action, needs in NEEDS.items():
        for column, what in needs:
            flag((df.action == action) & (df[column] == ""), f"{action} 缺少{what}")
    flag((df.action == "merge") & (df.code == df.target) & (df.code != ""), "不能把问题并入它自己")
    bad = [(i, r) for i, r in enumerate(reasons) if r]
    if bad:
        shown = "；".join(f"第 {i + 2} 行：{'，'.join(r)}" for i, r in bad[:SHOWN_ROWS])
        more = f"；另有 {len(bad) - SHOWN_ROWS} 行有误" if len(bad) > SHOWN_ROWS else ""
        raise ReportError(f"校正文件有 {len(bad)} 行有误，未导入任何校正：{shown}{more}")
    return df.assign(made_at=made)


def _timestamps(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(timestamps, dates) of dates and times as our export writes them (ISO) or as a
    spreadsheet rewrites them (2024/5/1 10:00): NaT and None where a value is no date. The
    dates also hold those a timestamp cannot (3000-01-01), so that they are told as late."""
    try:
        made = pd.to_datetime(values, errors="coerce", format="ISO8601")
    except (ValueError, TypeError):  # time zones that differ: each value on its own below
        made = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    if getattr(made.dt, "tz", None) is not None:
        made = made.dt.tz_convert(None)
    dates = made.dt.date.astype(object).where(made.notna(), None)
    for i in np.flatnonzero((made.isna() & (values != "")).to_numpy()):
        when = _timestamp(values.iat[i])
        if when is not None:
            dates.iat[i] = when.date()
            made.iat[i] = pd.Timestamp(when) if when.year < 2200 else pd.NaT
    return made, dates


DATE_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y年%m月%d日")


def _timestamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        pass
    for form in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, form)
        except ValueError:
            continue
    return None


def store_corrections(con, df: pd.DataFrame) -> int:
    """Store checked corrections (:func:`check_corrections`) in one statement, leaving out rows
    already stored (the same date, who, action and fields) and repeated ones; returns how many
    were added. All or none: the caller's transaction, or this statement's."""
    con.register("_incoming", df[CORRECTION_COLUMNS].astype({"made_at": "datetime64[us]"}))
    try:
        fields = " AND ".join(f"coalesce(c.{k}, '') = n.{k}" for k in CORRECTION_COLUMNS[1:])
        return con.execute(
            f"""INSERT INTO corrections
                SELECT DISTINCT n.made_at::TIMESTAMP, n.who, n.action, n.item_key, n.code, n.target, n.name FROM _incoming n
                WHERE NOT EXISTS (SELECT 1 FROM corrections c WHERE c.made_at = n.made_at::TIMESTAMP AND {fields})"""
        ).fetchone()[0]
    finally:
        con.unregister("_incoming")


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
