"""Report metadata: title, reported year, signing date, issuers, addressee and places."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.parse import gazetteer
from analysis.parse.numerals import chinese_to_int
from analysis.parse.patterns import ADDRESSEE, DATE, ISO_DATE, MONTH_DATE, ORG_LINE, TITLE_WORDS, YEAR
from analysis.parse.structure import DATA_DIR, Layout, data_file_mtime
from analysis.read.textclean import TITLE_END

MIN_YEAR, MAX_YEAR = 1990, dt.date.today().year + 1
TOWNSHIP_NAME = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:镇|乡|街道)")
# a run of Chinese characters ending where a township or county name could end
TOWNSHIP_END = re.compile(r"(?:镇|乡|街道|苏木|地区)")  # 苏木 (Inner Mongolia), 地区 (Beijing: 东坝地区), known names only
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

    def __post_init__(self) -> None:
        for name in ("township", "county", "city", "province"):  # the gazetteer's "" (no such level) is unknown
            if getattr(self, name) == "":
                object.__setattr__(self, name, None)


# "关于2022年度…" "XX乡人民政府关于2023年度法治政府建设" (split before 工作的报告)
TITLE_ABOUT = re.compile(r"^[\u4e00-\u9fff]{0,24}关于")


def title_of(layout: Layout) -> str:
    """The report title, joined when a header splits it over lines ("…工作的" / "报告")."""
    for field in ("标题", "名称"):  # a disclosure block's title field (名称 on some sites)
        value = layout.web_fields.get(field, "")
        if TITLE_WORDS.search(value):
            return value
    lines = [line for line in layout.header if not ORG_LINE.match(line) and not ADDRESSEE.match(line)]
    start = next((i for i, line in enumerate(lines) if TITLE_WORDS.search(line) or TITLE_ABOUT.match(line)), None)
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
    field = layout.web_fields.get("发布机构")
    if field and not any(name.endswith(field) for name in names):  # not the signature's name said shorter
        names.append(field)
    return list(dict.fromkeys(names))


# "2024以来，…" "2023全年" — a year written without 年
YEAR_BARE = re.compile(r"(?<![\d.\-/:：])((?:19|20)\d{2})(?=以来|全年|年度|度)")
THIS_YEAR = re.compile(r"今年(?:以来|来|度)?")


# where a year in the opening is not the year reported on: inside a document's name (《2023年全县法治
# 政府建设工作要点》), a date (2019年10月), the start of a span with an event between ("特别是2021年
# 撤乡设镇以来")
AFTER_YEAR_DATE = re.compile(r"^\s*年?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月")
AFTER_YEAR_SPAN = re.compile(r"^\s*年?[^，。；\d]{2,12}以来")
BEFORE_YEAR_SPAN = re.compile(r"(?:特别是|尤其是|截至|截止)$")


def year_of(title: str, opening: str, *, issued: str | None = None) -> int | None:
    """The year reported on: from the title, else the opening paragraphs (二〇二二年度,
    2024以来), where a year in a document's name, a date or the start of a span counts only
    when no other year is named; "今年" takes the signing date's year only when nothing names
    the year."""
    for text in (title, opening):
        found = [
            (m.start(1), m.end(1), value)
            for pattern in (YEAR, YEAR_BARE)
            for m in pattern.finditer(text)
            if (value := _year_value(m.group(1)))
        ]
        if found:
            found.sort()
            plain = [value for start, end, value in found if text is title or not _aside(text, start, end)]
            return plain[0] if plain else found[0][2]
    if issued and THIS_YEAR.search(title + opening):
        return int(issued[:4])
    return None


def _aside(text: str, start: int, end: int) -> bool:
    """True when the year at text[start:end] is named in passing, not as the year reported on."""
    inside_name = text.count("《", 0, start) > text.count("》", 0, start)
    after = text[end : end + 16]
    return inside_name or bool(
        AFTER_YEAR_DATE.match(after) or AFTER_YEAR_SPAN.match(after) or BEFORE_YEAR_SPAN.search(text[max(0, start - 3) : start])
    )


def _year_value(text: str) -> int | None:
    try:
        year = int(text) if text.isdigit() else chinese_to_int(text)
    except ValueError:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def issued_of(layout: Layout) -> str | None:
    """Signing date (last date in the signature block) or a 成文日期 (发文日期) field, as YYYY-MM-DD."""
    fields = layout.web_fields
    for text in (*reversed(layout.signature), fields.get("成文日期", ""), fields.get("发文日期", "")):
        date = parse_date(text)
        if date:
            return date
    return None


def issued_month_of(layout: Layout) -> str | None:
    """A signature dated by its month only (「2024年12月」, 毛堂乡 in the twenty-third reading), as YYYY-M; None when
    the signature gives a whole date or none."""
    for text in reversed(layout.signature):
        m = MONTH_DATE.search(text)
        if m:
            try:
                y, mo = (int(g) if g.isdigit() else chinese_to_int(g) for g in m.groups())
            except ValueError:
                return None
            return f"{y:04d}-{mo}" if MIN_YEAR <= y <= MAX_YEAR and 1 <= mo <= 12 else None
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
# words that end like a township name but never are one ("我街道" "街道党工委" "各乡镇"), and an
# entry of the gazetteer literally named 街道
GENERIC_TOWNSHIPS = frozenset(
    {"街道", "社区", "镇", "乡", "乡镇", "城镇", "集镇", "村镇", "办事处", "街道办事处", "各乡镇", "全乡镇", "苏木", "地区"}
)
# what may stand before a township name in a title: "关于上报肖咀镇…" "中共城口县高楠镇委员会"
TITLE_LEAD = re.compile(r"^(?:关于|上报|报送|呈报|中共|中国共产党|我|本)+")
# a township named in a title, known to the gazetteer or not (renamed, new): "老山镇2020年…"
TITLE_TOWNSHIP = re.compile(r"([\u4e00-\u9fff]{2,9}?)(镇|乡|街道)(?=[\d〇零○一二]|人民政府|党委|委员会|党工委|办事处|关于|法治|依法|20|$)")
OPENING_CHARS = 300  # a township named once counts when it is named this early (the opening) or in the signature
CHECK_CHARS = 2000  # where a gazetteer match is checked against the counties the text names


def places_of(title: str, issuers: list[str], text: str) -> tuple[Places, list[str]]:
    """Township, county, city and province, preferring no answer to a wrong one.

    Evidence, strongest first: the title and the issuer/signature lines, then counties,
    districts and cities the text names as whole names, then the gazetteer. A township named
    in the title is kept even when the gazetteer lacks it. A gazetteer match that contradicts
    a county or city the text names leaves the county empty, with a warning.
    """
    township, warnings = _township(title, issuers, text)
    head = title + "\n" + "\n".join(issuers)
    candidates = _gazetteer_places(township) if township else ()
    # a township the gazetteer places in one county is checked against the counties named where
    # a report names its own (the opening and the signature); otherwise the whole text is read
    scope = head + "\n" + (text[:CHECK_CHARS] + "\n" + text[-OPENING_CHARS:] if len(candidates) == 1 else text)
    named = _named_counties(scope, township)
    level = own_level(text)
    if township is None:
        if named and not _level_conflict(named[0], head, level):
            return _with_county(None, named[0], head + text, ["township not found in the text"])
        return Places(), ["township not found in the text"]
    attached, where = _attached_county(township, head, text)
    if attached:
        hits = [p for p in candidates if p.county == attached]
        if hits:
            return Places(township, hits[0].county, hits[0].city, hits[0].province), warnings
        conflict = where == "text" and _level_conflict(attached, head, level)
        if not conflict:
            note = (
                f"{township} is not in the gazetteer"
                if not candidates
                else f"the gazetteer has {township} only in {'、'.join(p.county for p in candidates[:3])}"
            )
            return _with_county(
                township, attached, head + text, [*warnings, f"{note}; the {where} names it {attached}{township}: county taken from there"]
            )
    if not candidates:
        county = _county_from_text(head, text, named)
        note = f"{township} is not in the gazetteer"
        conflict = county and _level_conflict(county, head, level)
        if conflict:
            return Places(township), [*warnings, f"{note}; {conflict}"]
        if county:
            return _with_county(township, county, head + text, [*warnings, f"{note}; county taken from the text"])
        return Places(township), [*warnings, f"{note}: add it to data/gazetteer_extra.csv or data/metadata_overrides.csv"]
    chosen, why = _settle(candidates, head + "\n" + text, named, level)
    if chosen is None:
        return Places(township), [*warnings, why]
    conflict = _level_conflict(chosen.county, head, level)
    if conflict:
        return Places(township), [*warnings, conflict]
    return Places(township, chosen.county, chosen.city, chosen.province), warnings


# how a report names its own county's leadership: "在区委、区政府的领导下" "县委县政府" "县委依法治县办"
# (the two characters must agree: checked in own_level, which is faster than a back-reference)
OWN_LEVEL = re.compile(r"([县区旗])委(?:[、和及与]?([县区旗])(?:人民)?政府|依法治([县区旗]))")


def own_level(text: str) -> str | None:
    """县, 区 or 旗 when the text speaks of its own county's 县委/区委/旗委 and government in one
    way only, else None (a county-level city says 市委, as does every prefecture city)."""
    found = {m.group(1) for m in OWN_LEVEL.finditer(text) if m.group(1) == (m.group(2) or m.group(3))}
    return found.pop() if len(found) == 1 else None


def _level_conflict(county: str, head: str, level: str | None) -> str | None:
    """Why a county found in the body or the gazetteer cannot be the report's own: the text
    speaks of its 区委、区政府 and the county is a 县 (or the reverse). A county the title or the
    signature names is never doubted."""
    if level is None or county.endswith(level) or county in _counties_in(head):
        return None
    return (
        f"the text speaks of its own {level}委 and {level}政府 but the county found ({county}) is not a {level}: "
        "county left empty (another county named in the text, or renamed since the gazetteer? add a row to data/metadata_overrides.csv)"
    )


def _township(title: str, issuers: list[str], text: str) -> tuple[str | None, list[str]]:
    """The report's township: named in the title (known or not), else by the issuers, else
    the body's name that is named most (a name named once only counts in the opening or the
    signature); never a generic word."""
    g = gazetteer.load()
    in_title = [n for n in _names_ending(title, TOWNSHIP_END, g.townships, g.township_tails) if n not in GENERIC_TOWNSHIPS]
    if in_title:
        return in_title[0], []
    unknown = _unknown_title_township(title)
    if unknown:
        return unknown, []
    scores: Counter[str] = Counter()
    for issuer in issuers:
        names = _names_ending(issuer, TOWNSHIP_END, g.townships, g.township_tails)
        if not names and ORG_TOWNSHIP.match(issuer):  # 中共老山镇委员会: a township the gazetteer lacks
            names = [n for n in [_unknown_title_township(issuer)] if n]
        for name in names:
            if name not in GENERIC_TOWNSHIPS:
                scores[name] += 10
    if not scores:  # a county's or a department's report names townships as places it works in
        body_of_county = next((b for line in (title, *issuers) if (b := _county_level_title(line))), None)
        if body_of_county:
            return None, [f"the report is by {body_of_county}, not a township: no township taken from the text"]
    own = [
        (n, start)
        for n, start in _name_spans(text, TOWNSHIP_END, g.townships, g.township_tails)
        if n not in GENERIC_TOWNSHIPS and not _elsewhere(text, start, n)
    ]
    body = Counter(n for n, _ in own)
    early = {n for n, start in own if start < OPENING_CHARS or start >= len(text) - OPENING_CHARS}
    for name, n in body.items():
        scores[name] += n
    ranked = [(name, score) for name, score in scores.most_common() if score >= 2 or name in early]
    if not ranked:
        campaign = _campaign_township(text)
        return (campaign, ["township taken from a campaign name (法治XX) in the text"]) if campaign else (None, [])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None, [f"the text names {ranked[0][0]} and {ranked[1][0]} equally often: township left empty"]
    return ranked[0][0], []


# what follows a county's name in the title of a county's or a department's own report:
# "城口县2022年…" "城口县人民政府关于…" "城口县司法局…" "城口县法治政府建设…"
COUNTY_REPORT_AFTER = re.compile(
    r"^(?:\d|[〇零○一二]|人民政府|政府|法治|依法|[\u4e00-\u9fff]{0,10}?(?:局|委员会|委|办公室|办|院|中心|部|大队|支队))"
)


def _county_level_title(title: str) -> str | None:
    """The county-level body a title names when the report is not a township's ("城口县司法局2022年
    法治政府建设情况报告", "静海区2023年度…"): a county named in the title and followed by a year, its
    government, a department or 法治 — not by a township's name."""
    for form, start in _county_spans(title):
        after = title[start + len(form) :]
        m = COUNTY_REPORT_AFTER.match(after)
        if m:
            named = m.group(0)
            return form + (named if named.endswith(("政府", "局", "委员会", "委", "办公室", "办", "院", "中心", "部", "队")) else "")
    return None


def _campaign_township(text: str) -> str | None:
    """The township a campaign name stands for ("建设法治高楠" → 高楠镇), when the text names no
    township outright, exactly one gazetteer township has that short name, and the text also
    names that township's county or city (a campaign name alone is too weak: reports copy each
    other's sentences, 法治乾塘 in the seed 桑柘镇 report among them)."""
    towns = gazetteer.load().townships
    found = set()
    for m in CAMPAIGN.finditer(text):
        short = m.group(1)
        found |= {place for suffix in ("镇", "乡", "街道") for place in towns.get(short + suffix, ())}
    if len(found) != 1:
        return None
    place = found.pop()
    return place.township if place.county in text or (place.city and place.city in text) else None


def _unknown_title_township(title: str) -> str | None:
    """A township named in the title that the gazetteer does not know (renamed or created
    after it was made): "老山镇2020年法治政府建设情况报告" → 老山镇. Counties and cities before it
    are dropped; a stem longer than four characters is not trusted."""
    for m in TITLE_TOWNSHIP.finditer(title):
        stem = TITLE_LEAD.sub("", m.group(1))
        for county in sorted((form for form, _ in _county_spans(stem)), key=len, reverse=True):
            stem = stem[stem.index(county) + len(county) :] if county in stem else stem
        stem = re.sub(r"^.*?(?:省|自治区|市|州|盟|县|区|旗)", "", stem) if len(stem) > 4 else stem
        name = stem + m.group(2)
        if 2 <= len(stem) <= 4 and name not in GENERIC_TOWNSHIPS and not re.search(r"[各全本我该此其]", stem[:1]):
            return name
    return None


def _attached_county(township: str, head: str, text: str) -> tuple[str | None, str]:
    """The county written right before the township's name ("城口县临江镇人民政府" "杭州市上城区四季青街道"):
    from the title or the issuer and signature lines first ("title or signature"), else from the
    text when it writes only one such county, not of a place visited ("赴XX县城关镇学习")."""
    g = gazetteer.load()
    for source, where in ((head, "title or signature"), (text, "text")):
        found = {
            g.county_forms[form]
            for form, start in _county_spans(source)
            if source.startswith(township, start + len(form)) and not _elsewhere(source, start, form)
        }
        if len(found) == 1:
            return found.pop(), where
        if found:
            return None, ""
    return None, ""


def _gazetteer_places(township: str) -> tuple[gazetteer.Place, ...]:
    return gazetteer.load().townships.get(township, ())


def _county_from_text(head: str, text: str, named: list[str]) -> str | None:
    """A county the title or issuers name, else the one county the text names."""
    in_head = _counties_in(head)
    if in_head:
        return in_head[0]
    return named[0] if len(named) == 1 else None


def _with_county(township: str | None, county: str, text: str, warnings: list[str]) -> tuple[Places, list[str]]:
    pairs = gazetteer.load().counties.get(county, ())
    fitting = [p for p in pairs if (p[0] and p[0] in text) or _short(p[1]) in text] if len(pairs) > 1 else list(pairs)
    if len(fitting) == 1:
        city, province = fitting[0]
        return Places(township, county, city, province), warnings
    return Places(township, county), warnings


# a township named as another place: a visit, a partner, one of a list ("赴高楠镇学习" "与柳埠街道建立
# 联调机制" "高楠镇、坪山镇等")
ELSEWHERE_BEFORE = re.compile(r"(?:赴|到|去|与|同|和|及|、|向|至|学习|参观|借鉴|联合|对接|协助|邻近|毗邻|相邻|周边|交界的?)$")
ELSEWHERE_AFTER = re.compile(r"^(?:[、和与及]|等(?:乡镇|镇|乡|街道|地|单位))")


def _elsewhere(text: str, start: int, name: str) -> bool:
    """True when the township named at ``start`` is named as another place, not the report's own."""
    return bool(
        ELSEWHERE_BEFORE.search(text[max(0, start - 4) : start]) or ELSEWHERE_AFTER.match(text[start + len(name) : start + len(name) + 4])
    )


def _names_ending(text: str, ending: re.Pattern[str], known: dict, tails: gazetteer.Tails) -> list[str]:
    """Longest known names that end at each match of ``ending`` (e.g. 肖咀镇 in 关于上报肖咀镇).

    A name of two characters (和县, 青县, 泾县) counts only at a word boundary: after a
    non-Chinese character, a place suffix (重庆市和县) or 中共; in "市委和县委" 和县 is not a
    county."""
    return [name for name, _ in _name_spans(text, ending, known, tails)]


def _name_spans(text: str, ending: re.Pattern[str], known: dict, tails: gazetteer.Tails) -> list[tuple[str, int]]:
    """:func:`_names_ending` with where each name starts."""
    names = []
    for m in ending.finditer(text):
        end = m.end()
        if not tails.may_end_at(text, end):  # most matches (全镇, 本乡) end no name
            continue
        for length in range(min(12, end), 1, -1):
            candidate = text[end - length : end]
            if candidate in known:
                if length == 2 and not _at_boundary(text, end - length):
                    break
                names.append((candidate, end - length))
                break
    return names


# words that place a township in its county right before a two-character county name (三阳镇地处歙县北部山区, N21)
LOCATED_IN = ("地处", "位于", "隶属", "地属", "坐落", "属于")


def _at_boundary(text: str, start: int) -> bool:
    before = text[start - 1] if start else ""
    two = text[max(0, start - 2) : start]
    return not ("\u4e00" <= before <= "\u9fff") or before in "省市州盟区县" or two == "中共" or two in LOCATED_IN


def _county_spans(text: str) -> list[tuple[str, int]]:
    """(form, start) of each county the text names, as written (屏边县, 城口县)."""
    g = gazetteer.load()
    return _name_spans(text, COUNTY_END, g.county_forms, g.county_tails)


def _counties_in(text: str) -> list[str]:
    """Full names of the counties a text names, in order, however written (屏边县 → 屏边苗族自治县)."""
    forms = gazetteer.load().county_forms
    return [forms[form] for form, _ in _county_spans(text)]


# districts named by a common noun (阳泉市城区, 郊区, 矿区; 洛阳市老城区, 西安市新城区): 「城区老旧小区」
# 「老城区部分路段出现内涝」 name no district
COMMON_NOUN_COUNTIES = frozenset({"城区", "郊区", "矿区", "老城区", "新城区"})


# counties whose name is also a verb of working together: 「重点整治旅游市场，会同县文旅、市场监管、公安等部门…」
VERB_COUNTIES = frozenset({"会同县"})
# what follows the verb: the county's bureaus it works with (县林业局, 县文旅、市场监管等部门)
BUREAU_AFTER = re.compile(r"(?:[^，。；]{0,8}(?:局|委|办|部门|中心|所|站|院|队)|文旅|市场监管|公安|自然资源|农业农村|住建|应急|生态环境)")
PLACE_KIND_END = re.compile(r"(?:镇|乡|街道|民族乡|苏木)$")


def _verb_before_bureau(text: str, start: int, form: str) -> bool:
    """Whether ``form`` at ``start`` is the verb 会同 and the county's bureau (县林业局), not the county 会同县."""
    return form in VERB_COUNTIES and bool(BUREAU_AFTER.match(text, start + len(form)))


def _common_noun(text: str, start: int, form: str) -> bool:
    """Whether ``form`` at ``start`` is the common noun, not the district: only 「…市城区」 or
    「城区委 / 城区政府 / 城区人民政府」 name the district."""
    if form not in COMMON_NOUN_COUNTIES:
        return False
    after = text[start + len(form) : start + len(form) + 4]
    return not (text[start - 1 : start] == "市" or after.startswith(("委", "政府", "人民政府")))


def _named_counties(text: str, township: str | None = None) -> list[str]:
    """County names the text states in full (城口县, 万州区) or by campaign short name (法治嘉祥),
    most named first; not a county named as a place visited or a partner (赴汶上县学习), nor the
    verb 会同 before a county bureau (会同县林业局), nor the township's own campaign (古田镇's 法治古田)."""
    g = gazetteer.load()
    found = [
        g.county_forms[form]
        for form, start in _county_spans(text)
        if not _elsewhere(text, start, form) and not _common_noun(text, start, form) and not _verb_before_bureau(text, start, form)
    ]
    own = PLACE_KIND_END.sub("", township) if township else None
    for m in CAMPAIGN.finditer(text):
        if m.group(1) != own:
            found.extend(g.county_alias.get(m.group(1), ()))
    return [name for name, _ in Counter(found).most_common()]


# the chain of leadership a report names when a province stands above its county ("中央、省、市、县",
# "省委、市委、县委", "省市区"); a township of 北京, 天津, 上海 or 重庆 has none
PROVINCE_CHAIN = re.compile(
    r"(?:中央|国家)[、和及]?省(?:委|级)?[、，和]|省委[、，和]?(?:省政府|市委)"
    r"|(?<![两各])省[、]?市(?:[、]?(?:县|区))?(?:委|关于|有关|相关|工作|决策|部署|的|[、，])"
)
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})


# places named as neighbours: 「与湖南平江、江西修水毗邻」「与郴州市接壤」 (N44, 通城县麦市镇: 湖南 made it 临武县's)
NEIGHBOUR_HINT = re.compile(r"毗邻|接壤|交界|相邻|相连|搭界|交汇")
NEIGHBOURS = re.compile(r"与[^，。；\n]{1,30}?(?:毗邻|接壤|交界|相邻|相连|搭界|交汇)|[^，。；\n]{1,30}?(?:交界|交汇)(?:处|地带|之地)")


def _settle(
    candidates: tuple[gazetteer.Place, ...], text: str, named: list[str], level: str | None = None
) -> tuple[gazetteer.Place | None, str]:
    """The candidate whose county the text names, else the one candidate the text does not
    contradict; else None and why. A text that speaks of its own 县委、县政府 (旗委、旗政府)
    narrows the candidates to counties (banners): a 县 never became a 区 backwards, so the
    gazetteer, older than the text, calls it a 县 too (a 区 may have been a 县 then: 区 does
    not narrow)."""
    township = candidates[0].township
    if named:
        hits = [p for p in candidates if p.county in named]
        if len(hits) == 1:
            return hits[0], ""
        if not hits:
            where = "、".join(f"{p.province}{p.county}" for p in candidates[:3])
            return None, (
                f"the gazetteer's {township} is in {where}, but the text names {'、'.join(named[:3])}: "
                "county left empty (renamed or moved? add a row to data/metadata_overrides.csv)"
            )
        candidates = tuple(hits)
    if level in ("县", "旗"):
        candidates = tuple(p for p in candidates if p.county.endswith(level)) or candidates
    if len(candidates) > 1 and PROVINCE_CHAIN.search(text):  # a province above it: not 北京/天津/上海/重庆
        candidates = tuple(p for p in candidates if p.province not in MUNICIPALITIES) or candidates
    own = NEIGHBOURS.sub("", text) if NEIGHBOUR_HINT.search(text) else text  # (a neighbour's province or city is not its own)
    for key in (lambda p: bool(p.city) and p.city in own, lambda p: _short(p.province) in own):
        hits = [p for p in candidates if key(p)]
        if len(hits) == 1:
            return hits[0], ""
        if hits:
            candidates = tuple(hits)
    if len(candidates) == 1:
        only = candidates[0]
        if _contradicts(only, text):
            return (
                None,
                f"the gazetteer's only {township} is in {only.province}{only.county}, but the text names another province: county left empty",
            )
        return only, ""
    counties = "、".join(f"{p.province}{p.county}" for p in candidates[:6])
    more = "…" if len(candidates) > 6 else ""
    return (
        None,
        f"{township} exists in {len(candidates)} counties ({counties}{more}) and the text names none: add a row to data/metadata_overrides.csv",
    )


def _contradicts(place: gazetteer.Place, text: str) -> bool:
    """True when the text names a province (in full: 山东省, 重庆市) and not the place's own."""
    provinces = gazetteer.load().provinces
    named = {p for p in provinces if p in text}
    return bool(named) and place.province not in named


def _short(province: str) -> str:
    return PROVINCE_SHORT.sub("", province.replace("维吾尔", "").replace("壮族", "").replace("回族", ""))


# ---------------------------------------------------------------- overrides
OVERRIDE_FIELDS = ("township", "county", "city", "province", "year")


@lru_cache(maxsize=4)
def _overrides(path: Path, mtime: float) -> tuple[dict[str, str], ...]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh))


OVERRIDES_FILE = DATA_DIR / "metadata_overrides.csv"  # one Path: it keys the file's cached mtime and rows


def override_for(file_name: str, sha256: str, *, path: Path | None = None) -> dict[str, str]:
    """The non-empty fields of the ``data/metadata_overrides.csv`` row for this file, if any."""
    path = path or OVERRIDES_FILE
    mtime = data_file_mtime(path)
    if mtime is None:
        return {}
    for row in _overrides(path, mtime):
        if (row.get("file") and row["file"] == file_name) or (row.get("sha256") and row["sha256"].lower() == sha256):
            return {k: row[k] for k in OVERRIDE_FIELDS if row.get(k)}
    return {}
