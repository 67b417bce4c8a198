"""Report metadata: title, reported year, signing date, issuers, addressee and places."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis import gazetteer
from analysis.numerals import chinese_to_int
from analysis.patterns import ADDRESSEE, DATE, ISO_DATE, ORG_LINE, TITLE_END, TITLE_WORDS, YEAR
from analysis.structure import DATA_DIR, Layout, data_file_mtime

MIN_YEAR, MAX_YEAR = 1990, dt.date.today().year + 1
TOWNSHIP_NAME = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:镇|乡|街道)")
# a run of Chinese characters ending where a township or county name could end
TOWNSHIP_END = re.compile(r"(?:镇|乡|街道)")
COUNTY_END = re.compile(r"(?:自治县|自治旗|县|区|市|旗)")
CAMPAIGN = re.compile(r"(?:法治|平安|依法治)([\u4e00-\u9fff]{2,3}?)(?=[”’」』]|建设|创建)")
ORG_TOWNSHIP = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,10}?(?:镇|乡|街道))(?:委员会|人民政府|办事处|党委|党工委)$")
PROVINCE_SHORT = re.compile(r"(省|自治区|市)$")


@dataclass(frozen=True)
class Places:
    """Where a report comes from; any part may be unknown."""

    township: str | None = None
    county: str | None = None
    city: str | None = None
    province: str | None = None


def title_of(layout: Layout) -> str:
    """The report title, joined when a header splits it over lines ("…工作的" / "报告")."""
    if layout.web_fields.get("标题"):
        return layout.web_fields["标题"]
    lines = [line for line in layout.header if not ORG_LINE.match(line) and not ADDRESSEE.match(line)]
    start = next((i for i, line in enumerate(lines) if TITLE_WORDS.search(line) or line.startswith("关于")), None)
    if start is None:
        return lines[0] if lines else ""
    title = lines[start]
    for line in lines[start + 1 :]:
        if TITLE_END.search(title):
            break
        title += line
    return title


def addressee_of(layout: Layout) -> str | None:
    """The office the report is sent to: "县委依法治县办：" → "县委依法治县办"."""
    for line in layout.header:
        m = ADDRESSEE.match(line)
        if m and not TITLE_WORDS.search(line):
            return m.group(1)
    return None


def issuers_of(layout: Layout) -> list[str]:
    """Issuing bodies from the header, the signature block and a 发布机构 field, in order."""
    names = [line for line in (*layout.header, *layout.signature) if ORG_LINE.match(line)]
    if layout.web_fields.get("发布机构"):
        names.append(layout.web_fields["发布机构"])
    return list(dict.fromkeys(names))


def year_of(title: str, opening: str) -> int | None:
    """The year reported on, from the title, else the opening paragraphs; never a signing date."""
    for text in (title, opening):
        for m in YEAR.finditer(text):
            year = _year_value(m.group(1))
            if year is not None:
                return year
    return None


def _year_value(text: str) -> int | None:
    try:
        year = int(text) if text.isdigit() else chinese_to_int(text)
    except ValueError:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def issued_of(layout: Layout) -> str | None:
    """Signing date (last date in the signature block) or a 成文日期 field, as YYYY-MM-DD."""
    for text in (*reversed(layout.signature), layout.web_fields.get("成文日期", "")):
        date = parse_date(text)
        if date:
            return date
    return None


def parse_date(text: str) -> str | None:
    """First date in ``text`` (2024年3月20日, 二〇二三年二月十八日, 2023-02-18) as ISO, else None."""
    m = DATE.search(text) or ISO_DATE.search(text)
    if not m:
        return None
    try:
        y, mo, d = (int(g) if g.isdigit() else chinese_to_int(g) for g in m.groups())
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- places
def places_of(title: str, issuers: list[str], text: str) -> tuple[Places, list[str]]:
    """Township, county, city and province, with warnings for what stays unknown.

    The township is the gazetteer name (or a 中共X镇委员会 issuer) that the title, the
    issuers and the text name most; its county comes from the text when the text names
    it, else from the gazetteer when the name is unique there.
    """
    warnings: list[str] = []
    township = _township(title, issuers, text)
    if township is None:
        county = _named_counties(title + "".join(issuers) + text[:3000])
        if county:
            city, province = gazetteer.load().counties[county[0]][0]
            return Places(None, county[0], city, province), ["township not found in the text"]
        return Places(), ["township not found in the text"]
    candidates = gazetteer.load().townships.get(township, ())
    if not candidates:
        county = _named_counties(title + "".join(issuers) + text)
        if county:
            city, province = gazetteer.load().counties[county[0]][0]
            return Places(township, county[0], city, province), [f"{township} is not in the gazetteer; county taken from the text"]
        return Places(township), [f"{township} is not in the gazetteer: add its county to data/metadata_overrides.csv"]
    chosen = _settle(candidates, title + "".join(issuers) + text)
    if chosen is None:
        counties = "、".join(f"{p.province}{p.county}" for p in candidates[:6])
        more = "…" if len(candidates) > 6 else ""
        warnings.append(
            f"{township} exists in {len(candidates)} counties ({counties}{more}) and the text names none: add a row to data/metadata_overrides.csv"
        )
        return Places(township), warnings
    return Places(township, chosen.county, chosen.city, chosen.province), warnings


def _township(title: str, issuers: list[str], text: str) -> str | None:
    g = gazetteer.load()
    scores: Counter[str] = Counter()
    for weight, source in ((20, title), (10, "".join(issuers))):
        for name in _names_ending(source, TOWNSHIP_END, g.townships, g.township_tails):
            scores[name] += weight
    for issuer in issuers:
        m = ORG_TOWNSHIP.match(issuer)
        if m:
            scores[m.group(1)] += 10
    for name in _names_ending(text, TOWNSHIP_END, g.townships, g.township_tails):
        scores[name] += 1
    best = [name for name, score in scores.most_common() if score >= 2 or name in title]
    return best[0] if best else None


def _names_ending(text: str, ending: re.Pattern[str], known: dict, tails: gazetteer.Tails) -> list[str]:
    """Longest known names that end at each match of ``ending`` (e.g. 肖咀镇 in 关于上报肖咀镇)."""
    names = []
    for m in ending.finditer(text):
        end = m.end()
        if not tails.may_end_at(text, end):  # most matches (全镇, 本乡) end no name
            continue
        for length in range(min(12, end), 1, -1):
            candidate = text[end - length : end]
            if candidate in known:
                names.append(candidate)
                break
    return names


def _named_counties(text: str) -> list[str]:
    """County names the text states in full (城口县, 万州区) or by campaign short name (法治嘉祥)."""
    g = gazetteer.load()
    found = _names_ending(text, COUNTY_END, g.counties, g.county_tails)
    for m in CAMPAIGN.finditer(text):
        found.extend(g.county_alias.get(m.group(1), ()))
    return [name for name, _ in Counter(found).most_common()]


def _settle(candidates: tuple[gazetteer.Place, ...], text: str) -> gazetteer.Place | None:
    """The one candidate whose county (or city, or province) the text names, else None."""
    if len(candidates) == 1:
        return candidates[0]
    named = set(_named_counties(text))
    for key in (lambda p: p.county in named, lambda p: p.city in text, lambda p: _short(p.province) in text):
        hits = [p for p in candidates if key(p)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            candidates = tuple(hits)
    return None


def _short(province: str) -> str:
    return PROVINCE_SHORT.sub("", province.replace("维吾尔", "").replace("壮族", "").replace("回族", ""))


# ---------------------------------------------------------------- overrides
OVERRIDE_FIELDS = ("township", "county", "city", "province", "year")


@lru_cache(maxsize=4)
def _overrides(path: Path, mtime: float) -> tuple[dict[str, str], ...]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh))


def override_for(file_name: str, sha256: str, *, path: Path | None = None) -> dict[str, str]:
    """The non-empty fields of the ``data/metadata_overrides.csv`` row for this file, if any."""
    path = path or DATA_DIR / "metadata_overrides.csv"
    mtime = data_file_mtime(path)
    if mtime is None:
        return {}
    for row in _overrides(path, mtime):
        if (row.get("file") and row["file"] == file_name) or (row.get("sha256") and row["sha256"].lower() == sha256):
            return {k: row[k] for k in OVERRIDE_FIELDS if row.get(k)}
    return {}
