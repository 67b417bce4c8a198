"""Who still owes a report: the store's jurisdiction and deadline, and each township's status.

The jurisdiction (a county, a city or a province) and the deadline (a day of the year after the
report year; 31 March unless set) are kept in the store's ``meta`` table, set once by the admin.
Without a stored jurisdiction it is inferred from the reports: the one county, city or province
all of them belong to, else the county with most reports. The townships expected to report are
the gazetteer's township-level units of the jurisdiction (镇、乡、民族乡、街道、苏木).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import duckdb
import pandas as pd

from analysis.errors import ReportError
from analysis.parse import gazetteer
from analysis.parse.metadata import GENERIC_TOWNSHIPS
from analysis.storage import facts
from analysis.storage.store import frame, get_meta, set_meta

Level = Literal["county", "city", "province"]
LEVELS: dict[str, str] = {"county": "本县", "city": "本市", "province": "本省"}
JURISDICTION_KEY = facts.JURISDICTION_KEY  # meta value "county|武冈市"
DEADLINE_KEY = "deadline"  # meta value "03-31": month and day of the year after the report year
DEFAULT_DEADLINE = (3, 31)
# township-level units: 龙溪镇, 长坪乡, 城关街道, 江岸苏木 (民族乡 ends in 乡); not 开发区, 农场, 林场
TOWNSHIP_LEVEL = re.compile(r"(镇|乡|街道|苏木)$")
ON_TIME, LATE, UNDATED, MISSING = "按时报送", "逾期报送", "已报送（成文日期未识别）", "未报送"
STATUS_ORDER = (MISSING, LATE, UNDATED, ON_TIME)


@dataclass(frozen=True)
class Jurisdiction:
    level: Level
    name: str
    inferred: bool = False

    def describe(self) -> str:
        """「武冈市（本县，按报告推断）」"""
        return f"{self.name}（{LEVELS[self.level]}{'，按报告推断' if self.inferred else ''}）"


def jurisdiction(con: duckdb.DuckDBPyConnection) -> Jurisdiction | None:
    """The stored jurisdiction, else the one inferred from the reports (None without reports)."""
    stored = get_meta(con, JURISDICTION_KEY)
    if stored:
        level, _, name = stored.partition("|")
        return Jurisdiction(level, name)  # type: ignore[arg-type]
    places = frame(
        con, "SELECT county, city, province, count(*) AS n FROM reports WHERE county IS NOT NULL GROUP BY ALL ORDER BY n DESC, county"
    )
    if places.empty:
        return None
    for level in ("county", "city", "province"):
        if places[level].nunique(dropna=False) == 1 and isinstance(places[level].iloc[0], str):
            return Jurisdiction(level, places[level].iloc[0], inferred=True)  # type: ignore[arg-type]
    return Jurisdiction("county", places.county.iloc[0], inferred=True)


def set_jurisdiction(con: duckdb.DuckDBPyConnection, level: Level, name: str) -> None:
    """Store the jurisdiction; ``name`` must be a county, city or province of the gazetteer."""
    if level not in LEVELS:
        raise ReportError(f"unknown jurisdiction level {level!r}: use county, city or province")
    if not expected_townships(Jurisdiction(level, name)).shape[0]:
        raise ReportError(f"{name} is not a {level} of the gazetteer (data/gazetteer_extra.csv adds places)")
    set_meta(con, JURISDICTION_KEY, f"{level}|{name}")


def clear_jurisdiction(con: duckdb.DuckDBPyConnection) -> None:
    """Forget the stored jurisdiction: it is inferred from the reports again. Reports already
    settled by it (:func:`analysis.storage.facts.fix_written`) keep their county."""
    con.execute("DELETE FROM meta WHERE key = ?", [JURISDICTION_KEY])


def deadline_rule(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(month, day) of the year after the report year by which a report is due."""
    stored = get_meta(con, DEADLINE_KEY)
    if not stored:
        return DEFAULT_DEADLINE
    month, day = stored.split("-")
    return int(month), int(day)


def set_deadline(con: duckdb.DuckDBPyConnection, month: int, day: int) -> None:
    """Store the deadline (a real day of a leap year: 2-29 is allowed and means the last day of February)."""
    try:
        dt.date(2024, int(month), int(day))
    except ValueError as exc:
        raise ReportError(f"not a day of the year: month {month}, day {day}") from exc
    set_meta(con, DEADLINE_KEY, f"{int(month):02d}-{int(day):02d}")


def deadline_for(year: int, rule: tuple[int, int] = DEFAULT_DEADLINE) -> dt.date:
    """The day a report on ``year`` is due (the rule's day of the next year; 2-29 → 2-28 in a common year)."""
    month, day = rule
    try:
        return dt.date(year + 1, month, day)
    except ValueError:
        return dt.date(year + 1, month, day - 1)


def expected_townships(j: Jurisdiction) -> pd.DataFrame:
    """county, township: the gazetteer's township-level units within the jurisdiction."""
    return _expected(j.level, j.name).copy()


@lru_cache(maxsize=16)
def _expected(level: str, name: str) -> pd.DataFrame:
    places = {
        (p.county, p.township)
        for found in gazetteer.load().townships.values()
        for p in found
        if getattr(p, level) == name and TOWNSHIP_LEVEL.search(p.township) and p.township not in GENERIC_TOWNSHIPS
    }
    return pd.DataFrame(sorted(places), columns=["county", "township"])


def report_status(con: duckdb.DuckDBPyConnection, *, year: int) -> pd.DataFrame:
    """county, township, status (未报送 / 逾期报送 / 已报送（成文日期未识别） / 按时报送), file,
    issued, days_late: every township expected in the jurisdiction, and every township of the
    jurisdiction with a report on ``year`` (one the gazetteer lacks included); a township with
    several reports that year is judged by its earliest signed one. Empty without a jurisdiction."""
    j = jurisdiction(con)
    columns = ["county", "township", "status", "file", "issued", "days_late"]
    if j is None:
        return pd.DataFrame(columns=columns)
    due = deadline_for(year, deadline_rule(con))
    reports = frame(
        con,
        f"""SELECT county, township, file, issued FROM reports
            WHERE year = ? AND {j.level} = ? AND township IS NOT NULL
            ORDER BY county, township, issued NULLS LAST, file""",
        [year, j.name],
    ).drop_duplicates(["county", "township"])
    expected = expected_townships(j)
    still = set(gazetteer.expected_in(year, list(zip(expected.county, expected.township))))
    expected = expected[[p in still for p in zip(expected.county, expected.township)]]  # merged away by then
    out = expected.merge(reports, on=["county", "township"], how="outer")
    issued = pd.to_datetime(out.issued)
    out["days_late"] = (issued - pd.Timestamp(due)).dt.days.where(issued > pd.Timestamp(due)).astype("Int64")
    out["status"] = [
        MISSING if not isinstance(f, str) else UNDATED if pd.isna(i) else LATE if i > pd.Timestamp(due) else ON_TIME
        for f, i in zip(out.file, issued)
    ]
    out["order"] = out.status.map(STATUS_ORDER.index)
    return out.sort_values(["order", "county", "township"]).reset_index(drop=True)[columns]


def status_counts(status: pd.DataFrame) -> dict[str, int]:
    """Townships per status, every status listed (in :data:`STATUS_ORDER`)."""
    return {s: int((status.status == s).sum()) for s in STATUS_ORDER}
