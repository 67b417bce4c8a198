"""A report's facts (township, county, city, province, year) corrected by an admin, and names the
store's jurisdiction settles.

Corrections are kept in the store's ``report_corrections`` table, one row per field changed
(made_at, who, sha256, file, field, before, after, reason), keyed by the file's content
(sha256): a report deleted and ingested again gets its corrections back at ingest
(:func:`fix_written`), and ``python -m analysis overrides export`` writes them as
``data/metadata_overrides.csv`` rows, which the parser applies to a store built afresh.

At ingest, a township the gazetteer has in several counties whose report names none of them (or names
a county the gazetteer does not have it in: renamed, or a common noun such as 老城区) is settled to the one
inside the stored jurisdiction (meta ``jurisdiction`` = "county|武冈市", set by the admin; an inferred one
settles nothing), or, failing that, to the one county its township's other reports in the store name, with
a note in the report's warnings.
"""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pandas as pd

from analysis.errors import ReportError
from analysis.parse import gazetteer
from analysis.storage import summary
from analysis.storage.filters import ALL, Filters
from analysis.storage.store import bump_version, frame, get_meta, has_tables, transaction

FIELDS = ("township", "county", "city", "province", "year")
PLACE_FIELDS = ("township", "county", "city", "province")
TABLE = "report_corrections"
COLUMNS = ["made_at", "who", "sha256", "file", "field", "before", "after", "reason"]
OVERRIDE_COLUMNS = ["file", "sha256", *FIELDS]  # data/metadata_overrides.csv
JURISDICTION_KEY = "jurisdiction"  # meta value "county|武冈市" (analysis.insights.reporting sets it)
YEARS = (1990, 2100)
CORRECTED_NOTE = "facts corrected in the app: "  # + "county, township"
# the parser's warning for a name it could not place: "临江镇 exists in 11 counties (…) and the text names none: …"
AMBIGUOUS = re.compile(r"^(?P<t>\S+) exists in (?P<n>\d+) counties \(.*\) and the text names none")
# …and for a name the text places elsewhere (a county it names but the gazetteer does not have the township in)
NAMED_ELSEWHERE = re.compile(r"^the gazetteer's (?P<t>\S+) is in (?P<places>.+), but the text names \S+: county left empty")
SETTLED_NOTE = "{township} exists in {n} counties; settled to {county} by the store's jurisdiction ({name})"
SIBLINGS_NOTE = "{township} exists in {n} counties; settled to {county} by its reports of {years}"
NEIGHBOURS_NOTE = (
    "{township} exists in {n} counties; settled to {county}, the only one of them with other townships' reports in the store ({others})"
)
NEIGHBOURS_SHOWN = 3  # other townships named in the note
# warnings a corrected field makes obsolete (the parser's doubts about the place or the year)
OBSOLETE = {"place": ("township", "county", "gazetteer", "counties"), "year": ("year",)}


def correct_report(
    con: duckdb.DuckDBPyConnection, report_id: int, changes: dict[str, object], *, who: str, reason: str, at: dt.datetime | None = None
) -> dict[str, tuple[object, object]]:
    """Correct a stored report's facts in one transaction; returns field → (before, after) of
    what changed. A county given without its city and province takes the gazetteer's when the
    county name is unique. Refused (:class:`ReportError`): an unknown report, an empty township,
    a year out of range, no reason, nothing changed, or a township and year another stored
    report already has."""
    before = _stored(con, report_id)
    after = {**before, **_clean(changes)}
    if after["county"] and after["county"] != before["county"] and not ({"city", "province"} & set(changes)):
        known = gazetteer.load().counties.get(after["county"], ())
        if len(known) == 1:
            after["city"], after["province"] = known[0]
    diff = {f: (before[f], after[f]) for f in FIELDS if before[f] != after[f]}
    if not diff:
        raise ReportError("nothing to correct: the values are the stored ones")
    if not reason.strip():
        raise ReportError("a correction needs a reason")
    _check_free(con, report_id, after["township"], after["year"])
    made_at = at or dt.datetime.now()
    with transaction(con):
        _update(con, report_id, {f: a for f, (_, a) in diff.items()}, note=CORRECTED_NOTE + ", ".join(sorted(diff)))
        rows = [
            (made_at, who.strip() or "未署名", before["sha256"], before["file"], f, _text(b), _text(a), reason.strip())
            for f, (b, a) in diff.items()
        ]
        con.executemany(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        bump_version(con)
    return diff


def _stored(con: duckdb.DuckDBPyConnection, report_id: int) -> dict[str, object]:
    row = con.execute("SELECT sha256, file, township, county, city, province, year FROM reports WHERE id = ?", [int(report_id)]).fetchone()
    if row is None:
        raise ReportError(f"no stored report has id {report_id}")
    return dict(zip(("sha256", "file", *FIELDS), row))


def _clean(changes: dict[str, object]) -> dict[str, object]:
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise ReportError(f"these facts cannot be corrected: {', '.join(unknown)} (only {', '.join(FIELDS)})")
    out: dict[str, object] = {}
    for field, value in changes.items():
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()
        if field == "year":
            if not re.fullmatch(r"\d{4}", text) or not YEARS[0] <= int(text) <= YEARS[1]:
                raise ReportError(f"year {text or '(empty)'} is not a year between {YEARS[0]} and {YEARS[1]}")
            out[field] = int(text)
        elif field == "township" and not text:
            raise ReportError("the township cannot be empty")
        else:
            out[field] = text or None
    return out


def _check_free(con: duckdb.DuckDBPyConnection, report_id: int, township: object, year: object) -> None:
    """Refuse a township and year another stored report already has (ingest keeps one per slot)."""
    if not township or not year:
        return
    other = con.execute("SELECT file FROM reports WHERE township = ? AND year = ? AND id <> ?", [township, year, int(report_id)]).fetchone()
    if other:
        raise ReportError(f"{township} {year} is already stored from {other[0]}: correct or delete that report first")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _update(con: duckdb.DuckDBPyConnection, report_id: int, values: dict[str, object], *, note: str) -> None:
    """:func:`_set` on a stored report: the term summary counts it out and in again (it is kept
    per year and located)."""
    summary.shift_terms(con, [report_id], sign=-1)
    _set(con, report_id, values, note=note)
    summary.shift_terms(con, [report_id], sign=1)


def history(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """:data:`COLUMNS` of the corrections of the stored reports in ``filters``, newest first."""
    if not has_tables(con, TABLE):  # a snapshot of a store made before corrections of facts
        return pd.DataFrame(columns=COLUMNS)
    where, params = filters.where()
    cols = ", ".join(f"c.{c}" for c in COLUMNS)
    return frame(
        con, f"SELECT {cols} FROM {TABLE} c SEMI JOIN reports r ON r.sha256 = c.sha256 AND {where} ORDER BY c.made_at DESC, c.field", params
    )


def overrides(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """:data:`OVERRIDE_COLUMNS`: each corrected report still stored, with the latest value of every
    field corrected (others empty) — the rows of ``data/metadata_overrides.csv``."""
    latest = (
        frame(
            con,
            f"""SELECT r.file, c.sha256, c.field, arg_max(c.after, c.made_at) AS after
            FROM {TABLE} c JOIN reports r ON r.sha256 = c.sha256 GROUP BY ALL ORDER BY r.file""",
        )
        if has_tables(con, TABLE)
        else pd.DataFrame(columns=["file", "sha256", "field", "after"])
    )
    wide = latest.pivot(index=["file", "sha256"], columns="field", values="after").reset_index() if len(latest) else latest
    return wide.reindex(columns=OVERRIDE_COLUMNS).astype(object).fillna("").astype(str).reset_index(drop=True)


def corrected_slots(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, object]]:
    """sha256 → the township and year its stored corrections give a file's report (the latest of
    each field), so an ingest decides duplicates by the report as it will be stored."""
    if not has_tables(con, TABLE):
        return {}
    rows = con.execute(
        f"""SELECT sha256, field, arg_max(after, made_at) FROM {TABLE}
            WHERE field IN ('township', 'year') GROUP BY ALL ORDER BY ALL"""
    ).fetchall()
    out: dict[str, dict[str, object]] = {}
    for sha, field, value in rows:
        out.setdefault(sha, {})[field] = (int(value) if value else None) if field == "year" else (value or None)
    return out


def fix_written(con: duckdb.DuckDBPyConnection, ids: list[int]) -> bool:
    """Inside the ingest's transaction, before the summary counts the written reports: apply the
    stored corrections of their contents and settle ambiguous townships by the jurisdiction.
    True when a report was changed (its stored row then differs from the written one)."""
    return bool(ids) and (_reapply(con, ids) | _settle(con, ids) | _settle_by_other_years(con) | _settle_by_neighbours(con))


def _reapply(con: duckdb.DuckDBPyConnection, ids: list[int]) -> bool:
    if not con.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]:
        return False
    rows = con.execute(
        f"""SELECT r.id, c.field, arg_max(c.after, c.made_at) FROM {TABLE} c JOIN reports r ON r.sha256 = c.sha256
            WHERE r.id IN (SELECT unnest(?)) GROUP BY ALL ORDER BY ALL""",
        [list(ids)],
    ).fetchall()
    per: dict[int, dict[str, object]] = {}
    for report_id, field, value in rows:
        per.setdefault(report_id, {})[field] = (int(value) if value else None) if field == "year" else (value or None)
    for report_id, values in per.items():
        _set(con, report_id, values, note=CORRECTED_NOTE + ", ".join(sorted(values)))
    return bool(per)


def _set(con: duckdb.DuckDBPyConnection, report_id: int, values: dict[str, object], *, note: str) -> None:
    """Set a report's facts, replacing the parser's doubts about them (and an earlier note) with ``note``."""
    obsolete = [w for group, fields in (("place", PLACE_FIELDS), ("year", ("year",))) if set(fields) & set(values) for w in OBSOLETE[group]]
    warnings = con.execute("SELECT warnings FROM reports WHERE id = ?", [report_id]).fetchone()[0] or []
    kept = [w for w in warnings if not any(word in w for word in obsolete) and not w.startswith(CORRECTED_NOTE)]
    assignments = ", ".join(f"{f} = ?" for f in values)
    con.execute(f"UPDATE reports SET {assignments}, warnings = ? WHERE id = ?", [*values.values(), [*kept, note], report_id])


def stored_jurisdiction(con: duckdb.DuckDBPyConnection) -> tuple[str, str] | None:
    """(level, name) the admin set, or None."""
    stored = get_meta(con, JURISDICTION_KEY)
    if not stored:
        return None
    level, _, name = stored.partition("|")
    return level, name


def _settle(con: duckdb.DuckDBPyConnection, ids: list[int]) -> bool:
    where = stored_jurisdiction(con)
    if where is None:
        return False
    level, name = where
    rows = con.execute(
        "SELECT id, township, warnings FROM reports WHERE id IN (SELECT unnest(?)) AND county IS NULL AND township IS NOT NULL",
        [list(ids)],
    ).fetchall()
    changed = False
    for report_id, township, warnings in rows:
        place = settled_place(township, warnings or [], level=level, name=name)
        if place is None:
            continue
        note = SETTLED_NOTE.format(township=township, n=_counties_of(township, warnings), county=place.county, name=name)
        _place(con, report_id, place, warnings, note)
        changed = True
    return changed


def _settle_by_other_years(con: duckdb.DuckDBPyConnection) -> bool:
    """Settle a stored report whose township the gazetteer has in several counties, its text naming none,
    to the county its township's other reports in the store name, when they name one and the gazetteer has
    the township there (B4: 新铺镇's 2024 report, addressed to 「县委全面依法治县委员会办公室」, beside its
    2022 and 2023 reports that say 蕉岭县). Any unsettled report, whenever its township's other years arrive."""
    rows = con.execute(
        """WITH open AS (SELECT id, township, warnings FROM reports WHERE county IS NULL AND township IS NOT NULL),
                known AS (SELECT township, list(DISTINCT county) AS counties, list(DISTINCT year ORDER BY year) AS years
                          FROM reports WHERE county IS NOT NULL AND township IN (SELECT township FROM open) GROUP BY township)
           SELECT o.id, o.township, o.warnings, k.counties, k.years FROM open o JOIN known k USING (township)
           WHERE len(k.counties) = 1"""
    ).fetchall()
    changed = False
    for report_id, township, warnings, counties, years in rows:
        place = settled_place(township, warnings or [], level="county", name=counties[0])
        if place is None:
            continue
        said = "、".join(str(y) for y in years if y is not None) or "other years"
        note = SIBLINGS_NOTE.format(township=township, n=_counties_of(township, warnings), county=place.county, years=said)
        _place(con, report_id, place, warnings, note)
        changed = True
    return changed


def _settle_by_neighbours(con: duckdb.DuckDBPyConnection) -> bool:
    """Settle a stored report whose township the gazetteer has in several counties, its text naming none, to the one
    of those counties the store holds other townships' reports of (reading 15: 北极镇, in 彬州市 and 漠河市, addressed to
    「市委依法治市办」 beside 城关街道's reports that say 彬州市). A county's office stores its own townships' reports:
    two candidate counties with reports, or none, leave it open; a text naming a county the gazetteer does not have
    the township in (renamed? moved?) is never settled this way."""
    rows = con.execute("SELECT id, township, warnings FROM reports WHERE county IS NULL AND township IS NOT NULL").fetchall()
    rows = [(i, t, w or []) for i, t, w in rows if any(AMBIGUOUS.match(x) for x in w or [])]
    if not rows:
        return False
    stored: dict[tuple[str, str], list[str]] = {}
    for province, county, townships in con.execute(
        "SELECT province, county, list(DISTINCT township ORDER BY township) FROM reports WHERE county IS NOT NULL GROUP BY ALL"
    ).fetchall():
        stored[(province or "", county)] = [t for t in townships if t]
    changed = False
    townships = gazetteer.load().townships
    for report_id, township, warnings in rows:
        places = townships.get(township, ())
        with_others = {(p.province, p.county) for p in places if any(t != township for t in stored.get((p.province, p.county), ()))}
        if len(with_others) != 1:
            continue
        province, county = next(iter(with_others))
        inside = [p for p in places if (p.province, p.county) == (province, county)]
        if len(inside) != 1:  # (two places of the name in that county: which one, the text does not say)
            continue
        place = inside[0]
        others = [t for t in stored[(province, county)] if t != township]
        shown = "、".join(others[:NEIGHBOURS_SHOWN]) + ("等" if len(others) > NEIGHBOURS_SHOWN else "")
        note = NEIGHBOURS_NOTE.format(township=township, n=_counties_of(township, warnings), county=county, others=shown)
        _place(con, report_id, place, warnings, note)
        changed = True
    return changed


def _place(con: duckdb.DuckDBPyConnection, report_id: int, place: gazetteer.Place, warnings: list[str], note: str) -> None:
    """Store a settled report's county, city and province, its warning about the place replaced by ``note``."""
    kept = [w for w in warnings if not (AMBIGUOUS.match(w) or NAMED_ELSEWHERE.match(w))]
    con.execute(
        "UPDATE reports SET county = ?, city = ?, province = ?, warnings = ? WHERE id = ?",
        [place.county, place.city or None, place.province, [*kept, note], report_id],
    )


def _counties_of(township: str, warnings: list[str]) -> int:
    """How many counties the gazetteer has ``township`` in, as the parser's warning says (else the gazetteer)."""
    for w in warnings:
        if m := AMBIGUOUS.match(w):
            return int(m["n"])
    return len({p.county for p in gazetteer.load().townships.get(township, ())})


def settled_place(township: str, warnings: list[str], *, level: str, name: str) -> gazetteer.Place | None:
    """The one place of ``township`` inside the jurisdiction, when the parser found the name in
    several counties and the text named none of them, or named a county the gazetteer does not have it
    in (its warning says so); else None."""
    if not any(AMBIGUOUS.match(w) or NAMED_ELSEWHERE.match(w) for w in warnings):
        return None
    inside = [p for p in gazetteer.load().townships.get(township, ()) if getattr(p, level, None) == name]
    return inside[0] if len(inside) == 1 else None


def read_overrides(path) -> pd.DataFrame:
    """The rows of a ``metadata_overrides.csv`` (:data:`OVERRIDE_COLUMNS`, text), every one checked:
    a file or sha256 to find the report by, known columns, a real year. Refused whole otherwise."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    unknown = sorted(set(df.columns) - set(OVERRIDE_COLUMNS))
    if unknown:
        raise ReportError(f"{path}: unknown columns {', '.join(unknown)} (expected {', '.join(OVERRIDE_COLUMNS)})")
    df = df.reindex(columns=OVERRIDE_COLUMNS).astype(object).fillna("").map(lambda v: v.lstrip("'").strip())
    for line, row in enumerate(df.itertuples(index=False), start=2):
        if not row.file and not row.sha256:
            raise ReportError(f"{path} line {line}: neither file nor sha256 says which report it corrects")
        try:
            _clean({f: getattr(row, f) for f in FIELDS if getattr(row, f)})
        except ReportError as exc:
            raise ReportError(f"{path} line {line}: {exc}") from None
    return df


def import_overrides(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, *, who: str, reason: str) -> tuple[int, int]:
    """Correct the stored reports the rows name (by sha256, else file name); returns (reports
    corrected, rows naming no stored report or changing nothing)."""
    done = skipped = 0
    for row in df.itertuples(index=False):
        found = con.execute(
            "SELECT id FROM reports WHERE sha256 = ? OR (? = '' AND file = ?) ORDER BY id", [row.sha256.lower(), row.sha256, row.file]
        ).fetchall()
        changes = {f: getattr(row, f) for f in FIELDS if getattr(row, f)}
        if len(found) != 1 or not changes:
            skipped += 1
            continue
        try:
            correct_report(con, found[0][0], changes, who=who, reason=reason)
        except ReportError as exc:
            if not str(exc).startswith("nothing to correct"):
                raise
            skipped += 1
            continue
        done += 1
    return done, skipped
