"""One report from text to structure and facts: the ``python -m analysis parse`` contract."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from analysis.errors import ReportError
from analysis.parse import gazetteer, metadata
from analysis.parse.indicators import Indicator, extract_indicators
from analysis.parse.items import (
    achievement_paragraphs,
    before_problems,
    inline_problems,
    narrative_problems,
    problems_start,
    section_items,
    tail_problems,
)
from analysis.parse.patterns import DEFECT, MIXED_HEADING
from analysis.parse.sentences import pairs_said
from analysis.parse.structure import APPENDIX, SectionKind, classify_sections, split_layout
from analysis.read.reading import Document, load_file, read_bytes, readable_name

# words every rule-of-law report uses many times; a text with few of them is not a report
REPORT_WORDS = re.compile(r"法治|法制|依法|普法|执法|法律|守法|学法")
MIN_REPORT_WORDS = 8


@dataclass(frozen=True)
class Section:
    """A top-level section: heading without its number, kind, and its text."""

    heading: str
    kind: SectionKind
    text: str


@dataclass(frozen=True)
class ParsedReport:
    """Everything extracted from one report (see the README for the JSON contract).

    ``achievements`` holds the paragraphs of achievements and duty sections (for theme
    tagging and plan follow-through), ``achievement_kinds`` the kind of section each came
    from; ``preamble`` is the text before the first heading.
    """

    file: str
    sha256: str
    title: str
    township: str | None
    county: str | None
    city: str | None
    province: str | None
    year: int | None
    issued: str | None
    issuers: list[str]
    addressee: str | None
    sections: list[Section]
    problems: list[str]
    plans: list[str]
    indicators: list[Indicator]
    warnings: list[str]
    preamble: str = ""
    achievements: list[str] = field(default_factory=list)
    achievement_kinds: list[SectionKind] = field(default_factory=list)
    text: str = ""
    format: str = "txt"
    encoding: str | None = None
    original: str | None = None  # the text as written, when it was in traditional characters

    def to_contract(self) -> dict:
        """The JSON object ``python -m analysis parse`` prints."""
        return {
            "file": self.file,
            "sha256": self.sha256,
            "title": self.title,
            "township": self.township,
            "county": self.county,
            "city": self.city,
            "province": self.province,
            "year": self.year,
            "issued": self.issued,
            "issuers": self.issuers,
            "addressee": self.addressee,
            "sections": [asdict(s) for s in self.sections],
            "problems": [{"text": t} for t in self.problems],
            "plans": [{"text": t} for t in self.plans],
            "indicators": [{k: v for k, v in asdict(i).items() if k != "section"} for i in self.indicators],
            "warnings": self.warnings,
            "original": self.original,
        }


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_bytes(data: bytes, *, name: str) -> ParsedReport:
    """Read and parse the bytes of a file called ``name``; raises ReportError for bad input."""
    document = read_bytes(data, name=name)
    return parse_document(document, file=name, sha256=sha256_of(data))


def parse_path(path: str | Path) -> ParsedReport:
    """Read and parse a file on disk; raises ReportError for bad input."""
    path = Path(path)
    return parse_bytes(load_file(path), name=readable_name(path.name))


MAX_ITEM_CHARS = 2_000  # a problem or plan item is a few sentences; far longer means missed numbering


def _section_indicators(text: str, section: int, kind: SectionKind, last_only: bool | None) -> list[Indicator]:
    """A section's figures; those of the problems it states at its end (``last_only`` as for
    :func:`_before_problems`) read as a problems section's (shortfalls unless they say otherwise)."""
    cut = None if last_only is None else _problems_offset(text, last_only)
    if cut is None:
        return extract_indicators(text, section=section, section_kind=kind)
    return extract_indicators(text[:cut], section=section, section_kind=kind) + extract_indicators(
        text[cut:], section=section, section_kind="problems"
    )


def _problems_offset(text: str, last_only: bool) -> int | None:
    """Where in ``text`` the sentence turning to problems begins (None: nowhere)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    candidates = [n for n, line in enumerate(lines) if line.strip()]
    for n in candidates[-1:] if last_only else candidates:
        start = problems_start(lines[n])
        if start is not None:
            return offsets[n] + start
    return None


def _before_problems(paragraphs: list[str], last_only: bool | None) -> list[str]:
    """A section's achievement paragraphs without the problems it states at its end (``None``:
    it states none; ``True``: only in its last paragraph)."""
    if last_only is None or not paragraphs:
        return paragraphs
    return paragraphs[:-1] + before_problems(paragraphs[-1:]) if last_only else before_problems(paragraphs)


def _closing_problems(blocks, kinds: list[SectionKind], section_problems: list[str]) -> tuple[list[str], list[int]]:
    """Problems stated in the paragraph that closes an achievements section (opened by 「在看到成绩的同时，
    我们也清醒认识到」 / 「但也存在一些不足：」), read even though the report has a problems
    section (which then often begins 「除上述问题外」); an item the section states again is left to it."""
    found: list[str] = []
    used: list[int] = []
    for n, (block, kind) in enumerate(zip(blocks, kinds)):
        lines = [line for line in block.text.split("\n") if line.strip()]
        if kind != "achievements" or not lines:
            continue
        last = lines[-1]
        if problems_start(last) != 0:  # its first sentence turns to problems
            continue
        found += [item for item in inline_problems([last]).problems if not _restated(item, section_problems)]
        used.append(n)
    return found, used


# what 其他需要报告的情况 says when it has nothing to report: 「无」「未发生行政复议纠错和行政诉讼败诉案件」「无重大行政决策被撤销情况」
NOTHING_TO_REPORT = re.compile(
    r"^\s*无|未(?:发生|出现)|(?:，|^)无(?:重大|行政|其他|违法|被)|驳回|(?:全年|年内|本年度?|今年)(?:我镇|我乡|本镇)?无"
)


RESTATED_SHARE = 0.6  # of an item's character pairs found in the section's items: a preview the section details


def _restated(item: str, others: list[str]) -> bool:
    """Whether most of ``item``'s character pairs are in ``others`` (a preview the section details)."""
    return pairs_said(item, others, RESTATED_SHARE)


def _long_items(kind: str, items: list[str]) -> list[str]:
    return [
        f"{kind} item {n} is {len(text):,} characters long: the section's numbering may not have been recognised"
        for n, text in enumerate(items, start=1)
        if len(text) > MAX_ITEM_CHARS
    ]


# "XX镇2020年法治政府建设情况报告" "关于2022年度法治建设工作的报告"
GENRE_TITLE = re.compile(r"(?:法治|依法治|依法行政).{0,12}(?:报告|总结|汇报)")


# reports of other genres published beside them, in the same 政府信息公开 section of a site
# (a 政府信息公开 annual report; a year's plan or a notice sending one: 关于印发《…2023年法治政府建设工作要点》的通知)
OTHER_GENRE_TITLE = re.compile(r"政府信息公开.{0,6}(?:年度)?报告|信息公开年报|政府工作报告|财政预算|决算|工作要点|实施方案|的通知$|通知$")
DISCLOSURE_MARKS = re.compile(r"依申请公开|第二十条第|政府信息公开申请")


def _reads_as_disclosure_report(text: str) -> bool:
    """A 政府信息公开工作年度报告 copied without its title: it speaks of 政府信息公开 again and again, of
    依申请公开 or the 条例's 第二十条 tables, and hardly of 法治政府."""
    return text.count("政府信息公开") >= 3 and bool(DISCLOSURE_MARKS.search(text)) and text.count("法治政府") <= 1


MIN_THIN_REPORT_WORDS = 2  # a short report known by its headings alone still speaks of 法治 or 依法


def _of_the_genre(title: str, layout, hits: int) -> bool:
    """A title of the genre, or two of its section headings (成效 / 问题 / 打算) in a text that
    names 法治 words at least twice, is evidence enough for a short report whose text names
    them only a few times."""
    kinds = set(classify_sections(layout.blocks))
    if GENRE_TITLE.search(title):
        return True
    return hits >= MIN_THIN_REPORT_WORDS and len(kinds & {"achievements", "problems", "plans"}) >= 2


def parse_document(document: Document, *, file: str, sha256: str) -> ParsedReport:
    """Parse extracted text; a text that is not a rule-of-law report is refused."""
    text = document.text
    layout = split_layout(text)
    warnings = list(document.warnings)
    title = metadata.title_of(layout)
    if OTHER_GENRE_TITLE.search(title) and not GENRE_TITLE.search(title):
        raise ReportError(f"not a rule-of-law report: its title ({title[:60]}) is of another kind of report (is this the right file?)")
    if not GENRE_TITLE.search(title) and _reads_as_disclosure_report(text):
        raise ReportError(
            "not a rule-of-law report: it reads as a 政府信息公开工作年度报告 (主动公开, 依申请公开; is this the right file?)"
        )
    if len(list(islice(REPORT_WORDS.finditer(text), MIN_REPORT_WORDS))) < MIN_REPORT_WORDS:
        hits = len(REPORT_WORDS.findall(text))
        if not _of_the_genre(title, layout, hits):
            raise ReportError(f"not a rule-of-law report: only {hits} mentions of 法治/依法/普法/执法/法律 (is this the right file?)")
        warnings.append(f"a thin report: only {hits} mentions of 法治/依法/普法/执法/法律")
    issuers = metadata.issuers_of(layout)
    places, place_warnings = metadata.places_of(title, issuers, text)
    warnings += place_warnings
    issued = metadata.issued_of(layout)
    year = metadata.year_of(title, "".join(layout.preamble)[:400], issued=issued)
    if year is None:
        warnings.append("report year not found in the title or opening" + (f" (signed {issued})" if issued else ""))
    if issued is None and (month := metadata.issued_month_of(layout)):
        warnings.append(f"signing date gives only the month: {month}")
    kinds = classify_sections(layout.blocks)
    sections = [Section(b.heading, k, b.text) for b, k in zip(layout.blocks, kinds)]
    if not sections:
        warnings.append("no numbered section headings (一、 / （一）) found: sections, problems and plans are empty")
    found = [
        section_items(b, kind=k, mixed=bool(MIXED_HEADING.search(b.heading)))
        for b, k in zip(layout.blocks, kinds)
        if k in ("problems", "plans")
    ]
    problems = [item for f in found for item in f.problems]
    plans = [item for f in found for item in f.plans]
    # 「五、其他需要报告的情况」 stating problems of its own (盗采出现新动向, 电信网络诈骗案件9起…亟待提高), not only 无 / 未发生…
    others = [
        item
        for b, k in zip(layout.blocks, kinds)
        if k == "other" and not APPENDIX.match(b.heading)  # (附：主要数据 — figures, no problems)
        for item in section_items(b, kind="problems").problems
    ]
    others = [item for item in others if DEFECT.search(item) and not (NOTHING_TO_REPORT.search(item) and "但" not in item)]
    stated: dict[int, bool] = {}  # blocks whose closing text states problems → whether only their last paragraph
    paragraphs = {n: achievement_paragraphs(b) for n, (b, k) in enumerate(zip(layout.blocks, kinds)) if k in ("achievements", "duty")}
    tail = lru_cache(maxsize=None)(tail_problems)  # a paragraph's tail is read for its problems, then cut off
    tails = "problems" in kinds  # 「…。但也要看到，执法队仍只有6名执法人员…」 ending an achievement paragraph
    narrative = lru_cache(maxsize=None)(narrative_problems)
    told_inside = False  # the problems were read from inside the achievements' narrative (:func:`narrative_problems`)

    def _told(p: str, kind: str) -> list[str]:
        """The problems work paragraph ``p`` turns to (its tail's), or else tells inside its narrative."""
        return tail(p)[1] or (narrative(p)[1] if kind in ("achievements", "duty") else [])

    def _achieved(p: str, kind: str) -> str:
        """``p`` without the problems read from it."""
        if tails and (kind == "achievements" or "problems" not in kinds):
            cut = tail(p)
            if cut[1]:
                return cut[0]
            p = cut[0]
        return narrative(p)[0] if told_inside and kind in ("achievements", "duty") else p

    def told(of: tuple[str, ...] = ("achievements",), part: int = 1) -> list[str]:
        """The problems (``part`` 2: the measures) the paragraphs of sections ``of`` turn to (:func:`tail_problems`)."""
        return [item for n, k in enumerate(kinds) if k in of for p in paragraphs[n] for item in tail(p)[part]]

    if "problems" in kinds:  # 「在看到成绩的同时，我们也清醒认识到…：…」 closing the achievements, besides the section
        closing, used = _closing_problems(layout.blocks, kinds, problems)
        problems = closing + [item for item in told() if not _restated(item, problems + closing)] + problems
        stated = dict.fromkeys(used, True)
    else:
        parts = [list(layout.preamble), *(b.text.split("\n") for b in layout.blocks)]
        inline, where = next(((found, n) for n, lines in enumerate(parts) if (found := inline_problems(lines)).problems), (None, 0))
        problems = inline.problems if inline else []
        plans = plans or (inline.plans if inline else [])
        if problems and (more := [item for item in told() if not _restated(item, problems)]):
            # (「…无行政诉讼败诉案件。但镇综合行政执法队在编人员仅4人，…」 in a work paragraph, besides the problems
            # that close the achievements: a problem too, P37)
            problems, tails = more + problems, True
        if not problems:  # 「…。但合法性审查的专业性不足，…。下步，将…」 inside each work paragraph (the duty's too), and
            # no problems section (P29): the shortfalls are the problems, the measures after them the plans
            problems = told(("achievements", "duty"))
            tails = bool(problems)
            if tails and "plans" not in kinds:
                plans = plans or told(("achievements", "duty"), 2)
            # 「…人均56学时，但执法队员中有法律专业背景的仍仅1人，…」 told inside the narrative (P30) — of every work
            # paragraph whose tail states none, besides those whose tail does (P39)
            problems = [item for n, k in enumerate(kinds) if k in ("achievements", "duty") for p in paragraphs[n] for item in _told(p, k)]
            told_inside = any(
                narrative(p)[1] for n, k in enumerate(kinds) if k in ("achievements", "duty") for p in paragraphs[n] if not tail(p)[1]
            )
        warnings.append("no problems section; problems taken from the text" if problems else "no problems section found")
        if inline and where:
            stated[where - 1] = False
    problems += [item for item in others if not _restated(item, problems)]
    # the achievements end where a section turns to its problems (但也要清醒地看到…)
    read = [
        (kept, kinds[n])
        for n in paragraphs
        for p in _before_problems(paragraphs[n], stated.get(n))
        for kept in [_achieved(p, kinds[n])]
        if kept
    ]
    achievements, achievement_kinds = [p for p, _ in read], [k for _, k in read]
    if "plans" not in kinds:
        warnings.append("no plans section; plans taken from the text" if plans else "no plans section found")
    warnings += _long_items("problem", problems) + _long_items("plan", plans)
    report = ParsedReport(
        file=file,
        sha256=sha256,
        title=title,
        township=places.township,
        county=places.county,
        city=places.city,
        province=places.province,
        year=year,
        issued=issued,
        issuers=issuers,
        addressee=metadata.addressee_of(layout),
        sections=sections,
        problems=problems,
        plans=plans,
        indicators=extract_indicators("\n".join(layout.preamble), section_kind="preamble")
        + [
            i
            for n, (b, k) in enumerate(zip(layout.blocks, kinds))
            # (an appendix's heading may say what its figures are: 「附：2023年主要数据（括号内为2022年数据）」, N28)
            for i in _section_indicators(f"{b.heading}\n{b.text}" if APPENDIX.match(b.heading) else b.text, n + 1, k, stated.get(n))
        ],
        warnings=warnings,
        preamble="\n".join(layout.preamble),
        achievements=achievements,
        achievement_kinds=achievement_kinds,
        text=text,
        format=document.format,
        encoding=document.encoding,
        original=document.original,
    )
    return apply_overrides(report)


def apply_overrides(report: ParsedReport) -> ParsedReport:
    """Fields from ``data/metadata_overrides.csv`` win over what was inferred."""
    row = metadata.override_for(report.file, report.sha256)
    if not row:
        return report
    values = {k: v for k, v in row.items() if k != "year"}
    if "year" in row:
        values["year"] = int(row["year"])
    if "county" in row and "province" not in row:
        known = gazetteer.load().counties.get(row["county"], ())
        if len(known) == 1:
            values.setdefault("city", known[0][0])
            values["province"] = known[0][1]
    fields = {**report.__dict__, **values}
    kept = [w for w in report.warnings if not any(key in w for key in ("township", "county", "year", "gazetteer", "counties"))]
    fields["warnings"] = kept + ["metadata overridden by data/metadata_overrides.csv: " + ", ".join(sorted(values))]
    return ParsedReport(**fields)
