"""China's administrative divisions down to township level, from jionlp's shipped data.

jionlp's ``dictionary/china_location.zip`` (province → city → county → township →
village, tab-indented) is read straight from the installed package, without importing
jionlp itself.
"""

from __future__ import annotations

import importlib.util
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Place:
    """One township (镇/乡/街道) with the divisions above it."""

    township: str
    county: str
    city: str
    province: str


@dataclass(frozen=True)
class Tails:
    """How a set of names can end: the last three characters of the longer names, and the
    names of two characters. A text position whose last characters are in neither ends no name."""

    three: frozenset[str]
    short: frozenset[str]

    @classmethod
    def of(cls, names) -> Tails:
        return cls(frozenset(n[-3:] for n in names if len(n) >= 3), frozenset(n for n in names if len(n) <= 2))

    def may_end_at(self, text: str, end: int) -> bool:
        return text[end - 3 : end] in self.three or text[end - 2 : end] in self.short


@dataclass(frozen=True)
class Gazetteer:
    """Look-ups built once from the data file.

    ``townships`` maps a township name to every place of that name; ``counties`` maps a
    county's full name to its (city, province) pairs; ``county_alias`` maps a county's
    short name (嘉祥) to its full names (嘉祥县). ``county_forms`` maps every way a text
    writes a county to its full name: the full names, and an autonomous county or banner
    written short (屏边县 → 屏边苗族自治县, 彭水县 → 彭水苗族土家族自治县, 鄂温克旗 →
    鄂温克族自治旗) where no county of that name exists. ``township_tails`` and
    ``county_tails`` are :class:`Tails` of the township names and the county forms, for
    finding them in text quickly.
    """

    townships: dict[str, tuple[Place, ...]]
    counties: dict[str, tuple[tuple[str, str], ...]]
    county_alias: dict[str, tuple[str, ...]]
    township_tails: Tails
    county_tails: Tails
    provinces: frozenset[str] = frozenset()
    county_forms: dict[str, str] = field(default_factory=dict)


def data_path() -> Path:
    """Where the installed jionlp package keeps china_location.zip."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jionlp is not installed: run `make install`")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"


EXTRA_FILE = Path(__file__).resolve().parents[2] / "data" / "gazetteer_extra.csv"


def _extra_rows(path: Path) -> list[dict[str, str]]:
    import csv

    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [r for r in csv.DictReader(fh) if (r.get("township") or "").strip() and (r.get("county") or "").strip()]


def extra_places(path: Path = EXTRA_FILE) -> list[Place]:
    """Townships the gazetteer lacks (renamed, merged or created after it was made), from
    ``data/gazetteer_extra.csv`` (township, county, city, province, note, retired); a row with a
    ``retired`` year names a place that stopped being one (see :func:`retired_places`), not a new one."""
    return [
        Place(r["township"].strip(), r["county"].strip(), (r.get("city") or "").strip(), (r.get("province") or "").strip())
        for r in _extra_rows(path)
        if not (r.get("retired") or "").strip()
    ]


def retired_places(path: Path = EXTRA_FILE) -> dict[tuple[str, str], int]:
    """(county, township) → the year a place stopped being a township-level unit (merged or
    abolished: 「鹅岭乡,井冈山市,吉安市,江西省,并入柏露乡,2019」), from the ``retired`` column of
    ``data/gazetteer_extra.csv``. The place stays known for reading older reports; from that year on
    it is expected to report no more (the brief's and 总览's lists of townships that did not report).
    A ``retired`` that is not a year is an error. Re-read when the file changes (the 总览 page asks on
    every run)."""
    from analysis.parse.structure import data_file_mtime

    return _retired(path, data_file_mtime(path))


@lru_cache(maxsize=4)
def _retired(path: Path, _mtime: float | None) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for r in _extra_rows(path):
        year = (r.get("retired") or "").strip()
        if not year:
            continue
        if not (year.isdigit() and len(year) == 4):
            raise ValueError(f"{path.name}: retired must be a year such as 2019 ({r['township'].strip()}: {year!r})")
        out[(r["county"].strip(), r["township"].strip())] = int(year)
    return out


def expected_in(year: int | None, places) -> list[tuple[str, str]]:
    """The (county, township) pairs of ``places`` still township-level units in ``year`` (every
    one when the year is unknown): those :func:`retired_places` retires on or before it are left out."""
    gone = retired_places()
    return [p for p in places if year is None or gone.get(p, 9999) > year]


# jionlp's placeholders where a level is missing: townships directly under a prefecture city
# (东莞市, 中山市, 儋州市, 嘉峪关市: the city is their county-level unit) and county-level
# cities directly under the province (天门市, 济源市, 五指山市: no prefecture city)
PSEUDO_COUNTIES = frozenset({"市直辖行政区划", "市辖区"})
PSEUDO_CITIES = frozenset({"省直辖行政区划", "省直辖县级行政区划", "自治区直辖县级行政区划"})
DIVISION_LINE = re.compile(r"^(\t{0,3})([^\t\r\n][^\n]*)$", re.MULTILINE)  # (indent, line) down to townships


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Parse the gazetteer once per process (about 0.2 s)."""
    townships: dict[str, list[Place]] = defaultdict(list)
    counties: dict[str, list[tuple[str, str]]] = defaultdict(list)
    alias: dict[str, list[str]] = defaultdict(list)
    province = city = county = ""
    with zipfile.ZipFile(data_path()) as archive:
        raw = archive.read("china_location.txt").decode("utf-8")
    # the lines of divisions down to townships: villages (four tabs deep, most of the file)
    # are skipped by the pattern, not by a Python loop
    for tabs, line in DIVISION_LINE.findall(raw):
        fields = line.strip().split("\t")
        if not fields[0]:
            continue
        depth = len(tabs)
        name = fields[0]
        if depth == 0:
            province = name
        elif depth == 1:
            city = "" if name in PSEUDO_CITIES else name  # a county-level city under the province: no city
        elif depth == 2:
            county = city if name in PSEUDO_COUNTIES else name  # a city without counties plays the county
            counties[county].append((city, province))
            short = fields[2] if len(fields) > 2 else ""
            if short and short != name:
                alias[short].append(name)
        else:
            name = _without_county(name, county)
            townships[name].append(Place(name, county, city, province))
    for place in extra_places():  # townships renamed or created since jionlp's data was made
        if place not in townships[place.township]:
            townships[place.township].insert(0, place)
        if (place.city, place.province) not in counties[place.county]:
            counties[place.county].append((place.city, place.province))
    aliases = {k: tuple(dict.fromkeys(v)) for k, v in alias.items()}
    forms = {name: name for name in counties} | _short_forms(aliases, counties)
    return Gazetteer(
        {k: tuple(v) for k, v in townships.items()},
        {k: tuple(v) for k, v in counties.items()},
        aliases,
        Tails.of(townships),
        Tails.of(forms),
        frozenset(p for pairs in counties.values() for _, p in pairs),
        forms,
    )


TOWNSHIP_SUFFIX = re.compile(r"(?:镇|乡|街道|苏木|地区)$")


def _without_county(name: str, county: str) -> str:
    """jionlp writes some townships with their county in front (化德县朝阳镇, 四子王旗江岸苏木):
    the township is the rest, as texts write it."""
    rest = name[len(county) :] if county and name.startswith(county) else ""
    return rest if len(rest) >= 2 and TOWNSHIP_SUFFIX.search(rest) else name


AUTONOMOUS = (("自治县", "县"), ("自治旗", "旗"))


def _short_forms(aliases: dict[str, tuple[str, ...]], counties) -> dict[str, str]:
    """屏边县 → 屏边苗族自治县: an autonomous county (banner) as texts usually write it, its short
    name and 县 (旗), when the short name stands for that one county and no county is called so."""
    forms = {}
    for short, names in aliases.items():
        for suffix, plain in AUTONOMOUS:
            full = [n for n in names if n.endswith(suffix)]
            written = short + plain
            if len(short) >= 2 and len(full) == 1 and written not in counties and not short.endswith(plain):
                forms[written] = full[0]
    return forms
