"""Report layout: header lines, preamble, the heading tree, and the signature block.

A report is read as lines. The header (issuer, title, addressee, web-page fields) and the
signature (issuer names, date) are split off; the body becomes a tree of :class:`Block`
following the numbering these reports use (一、 / （一） / 1. / （1）), including headings
that lost their number.
"""

from __future__ import annotations

import csv
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from analysis.parse.numerals import ordinal_value
from analysis.parse.patterns import (
    ADDRESSEE,
    CLAUSE_END,
    DATE_LINE,
    H1,
    HEADING_LEADS,
    HEADING_STYLES,
    ORG_LINE,
    PAGE_NUMBER_LINE,
    SIGNER_LINE,
    WEB_FIELD,
)
from analysis.read.webpage import strip_page

SectionKind = Literal["achievements", "duty", "problems", "plans", "suggestions", "other"]
SECTION_KINDS: tuple[SectionKind, ...] = ("achievements", "duty", "problems", "plans", "suggestions", "other")
ROOT = Path(__file__).resolve().parents[2]  # the project folder
DATA_DIR = ROOT / "data"
HEADER_MAX_LINE = 60  # a header line (title, issuer, addressee) is shorter than this
UNNUMBERED_MAX = 25  # a heading that lost its number is at most this long
MTIME_TTL = 1.0  # seconds a data file's modification time is trusted before it is looked up again
_mtimes: dict[Path, tuple[float, float | None]] = {}


def data_file_mtime(path: Path) -> float | None:
    """Modification time of an editable data file (None when missing), looked up at most once
    per :data:`MTIME_TTL` per file: parsing asks for every report, and edits show within a second."""
    now = time.monotonic()
    cached = _mtimes.get(path)
    if cached is None or now - cached[0] > MTIME_TTL:
        try:
            cached = (now, path.stat().st_mtime)
        except FileNotFoundError:
            cached = (now, None)
        _mtimes[path] = cached
    return cached[1]


@dataclass
class Block:
    """A heading and everything under it.

    ``rank`` is the numbering style (1 一、, 2 （一）, 3 1., 4 （1）); ``heading`` is the
    heading without its number; ``lead`` is body text on the heading's own line after
    the heading sentence; ``lines`` are the source lines under it, own heading line
    excluded; ``children`` are its sub-blocks.
    """

    rank: int
    heading: str
    lead: str = ""
    lines: list[str] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Everything under the heading, as in the source, one paragraph a line."""
        return "\n".join(([self.lead] if self.lead else []) + self.lines)


@dataclass(frozen=True)
class Layout:
    """A report split into its parts; ``blocks`` are the top-level sections."""

    header: tuple[str, ...]
    web_fields: dict[str, str]
    preamble: tuple[str, ...]
    blocks: tuple[Block, ...]
    signature: tuple[str, ...]


def split_layout(text: str) -> Layout:
    """Split normalised report text into header, preamble, heading tree and signature."""
    lines = [line for line in text.split("\n") if line.strip() and not PAGE_NUMBER_LINE.match(line)]
    page = strip_page(lines)  # text copied from a web page: its breadcrumb, fields and footer
    fields = [WEB_FIELD.match(line) for line in page.lines]
    web_fields = {**page.fields, **{m.group(1): m.group(2).strip() for m in fields if m}}
    lines = [line for line, m in zip(page.lines, fields) if not m]
    n_header = _header_length(lines)
    n_signature = _signature_length(lines[n_header:])
    body = lines[n_header : len(lines) - n_signature]
    signed: list[str] = []  # a signature before an appendix (附：主要数据 after the name and the date)
    preamble, blocks = _build_tree(body, signed)
    signature = tuple(signed) + tuple(lines[len(lines) - n_signature :])
    return Layout(tuple(lines[:n_header]), web_fields, tuple(preamble), tuple(blocks), signature)


def _header_length(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        if heading_of(line) or len(line) > HEADER_MAX_LINE or line.endswith("。"):
            return i
        if ADDRESSEE.match(line) and len(line) <= 24:
            return i + 1
    return 0


# a signature dated by month only: 「2024年1月」
MONTH_LINE = re.compile(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月$")


def _signature_length(lines: list[str]) -> int:
    n = 0
    for line in reversed(lines):
        if _signs(line):
            n += 1
        else:
            break
    return n


def _signs(line: str) -> bool:
    """A line of a signature: the issuer's name, the date, a signer."""
    return bool(ORG_LINE.match(line) or DATE_LINE.match(line) or MONTH_LINE.match(line) or SIGNER_LINE.match(line))


def heading_of(line: str) -> tuple[int, str, str] | None:
    """(rank, heading, lead) when ``line`` starts with a heading number, else None.

    ``"（一）加强组织领导，夯实法治建设基础。镇党委、政府…"`` gives
    ``(2, "加强组织领导，夯实法治建设基础", "镇党委、政府…")``.
    """
    if not line or (line[0] not in HEADING_LEADS and not line[0].isdigit()):
        return None
    for rank, style in enumerate(HEADING_STYLES, start=1):
        m = style.match(line)
        if m:
            rest = m.group(2).strip().lstrip("、．.")
            heading, sep, lead = rest.partition("。")
            titled = TITLE_COLON.match(rest) if rank == 1 else None
            if titled and len(titled.group(1)) < len(heading):
                # 「三、存在问题：执法队伍力量不足，…；普法形式…。」: a section's title, then its body on the same line
                return rank, titled.group(1).strip(), rest[titled.end() :].strip()
            return rank, heading.strip(), lead.strip() if sep else ""
    return None


# a top-level heading's title before a colon, its body after it on the same line (P34)
TITLE_COLON = re.compile(r"([^，。；：:]{2,16})[：:](?=\S)")


def _is_unnumbered_heading(line: str) -> bool:
    """ "推进依法行政，强化法治政府建设": short, no sentence end, not a name or date."""
    if len(line) > UNNUMBERED_MAX or CLAUSE_END.search(line):
        return False
    cjk = sum(1 for ch in line if "\u4e00" <= ch <= "\u9fff")
    return cjk >= 4 and not ORG_LINE.match(line) and not DATE_LINE.match(line)


def _build_tree(body: list[str], signed: list[str] | None = None) -> tuple[list[str], list[Block]]:
    """The preamble and the heading tree of ``body``; the lines that sign the report before an appendix go to ``signed``."""
    root = Block(0, "")
    stack = [root]
    section = 0  # the number of the current top-level section (四、 → 4)
    item = 0  # the number of the last such item read inside the current section
    for i, line in enumerate(body):
        found = heading_of(line)
        if found and found[0] == 1 and len(stack) > 1 and _restarted_item(line, section, item):
            found = None  # 「四、2023年工作计划」 then 「一、统筹开展特色普法，…制定全镇普法年度计划。」: an item of 四、
            item = _h1_number(line)  # (…「五、争取将…列入年度财政预算。」 goes on from 「四、…」 of them)
        elif found and found[0] == 1:
            item = 0
        if found is None and len(stack) > 1 and i + 1 < len(body) and APPENDIX.match(line):
            # 「附：2023年法治政府建设主要数据」 after the plans (N21): an appendix of its own, not more plans; the township's
            # name and the date before it sign the report, no plan (N28)
            found = (1, line.strip(), "")
            at = len(signed or [])
            while stack[-1].body and _signs(stack[-1].body[-1]):
                signing = stack[-1].body.pop()
                if signed is not None:
                    signed.insert(at, signing)
                for block in stack[1:]:
                    block.lines.pop()
        # (a short line among lines with no end punctuation is one more of them, no heading: 「行政执法人员少、兼职多，…难以
        # 形成常态」 then 「执法程序不够规范，…要素不全」, one problem a line, P52; nor is a line after one that announces it with a
        # colon: 「此外，以下工作也需引起重视：」)
        listed = bool(stack[-1].body) and (
            stack[-1].body[-1].rstrip().endswith(("：", ":"))
            or (not CLAUSE_END.search(stack[-1].body[-1]) and not _is_unnumbered_heading(stack[-1].body[-1]))
        )
        if found is None and len(stack) > 1 and i + 1 < len(body) and not listed and _is_unnumbered_heading(line):
            found = (_unnumbered_rank(stack), line, "")
        if found is None:
            stack[-1].body.append(line)
            for block in stack[1:]:
                block.lines.append(line)
            continue
        rank, heading, lead = found
        while len(stack) > 1 and stack[-1].rank >= rank:
            stack.pop()
        for block in stack[1:]:
            block.lines.append(line)
        block = Block(rank, heading, lead)
        stack[-1].children.append(block)
        stack.append(block)
        if rank == 1:
            section = _h1_number(line)
    return root.body, root.children


ITEM_SENTENCE_MIN = 16  # characters of a numbered line that is a whole sentence, not a section's title
APPENDIX = re.compile(r"^附(?:件|表)?\s*\d*\s*[：:]\s*\S")  # 附：主要数据 / 附表1：… — a line opening an appendix


def _h1_number(line: str) -> int:
    m = H1.match(line)
    return (ordinal_value(m.group(1)) or 0) if m else 0


def _restarted_item(line: str, section: int, item: int) -> bool:
    """A line numbered like a section (一、) that starts the numbering again inside section number
    ``section`` (四、), or goes on from such an ``item`` (五、 after the items 一、 to 四、), and is a
    whole sentence (…。/…；), is an item of that section, not a new one."""
    number = _h1_number(line)
    body = line.rstrip()
    sentence = body.endswith(("。", "；")) and len(body) >= ITEM_SENTENCE_MIN
    # (…or a number past the next section's, 「七、完善惠民资金…公开制度，…。」 closing 四、's ⑴ 2. ③ (4) 5、 ⑥, P39)
    return bool(
        sentence and number and ((item and number == item + 1) or (not item and section and (number <= section or number > section + 1)))
    )


def _unnumbered_rank(stack: list[Block]) -> int:
    """A heading without a number sits level with the last sub-heading of its section."""
    top = stack[1]
    return top.children[-1].rank if top.children else top.rank + 1


@lru_cache(maxsize=1)
def kind_rules() -> tuple[tuple[SectionKind, re.Pattern[str]], ...]:
    """Section-kind rules from ``data/section_kinds.csv``, in priority order."""
    with open(DATA_DIR / "section_kinds.csv", encoding="utf-8-sig", newline="") as fh:
        return tuple((row["kind"], re.compile(row["pattern"])) for row in csv.DictReader(fh))


def classify_heading(heading: str) -> SectionKind | None:
    """The kind a top-level heading names, or None when no rule matches."""
    for kind, pattern in kind_rules():
        if pattern.search(heading):
            return kind
    return None


# an unnamed section after the problems that names tasks is the plans: 「三、2024年重点任务」
TASKS_HEADING = re.compile(r"任务|要点|重点|目标|方向")


# a year's tasks named as such: 「2025年工作任务」「2024年度重点任务」
YEAR_TASKS = re.compile(r"^\d{4}年度?(?:重点|主要)?(?:工作)?(?:任务|要点)$")


def classify_sections(blocks: tuple[Block, ...]) -> list[SectionKind]:
    """Kinds of the top-level sections; an unnamed section before the problems is an achievement,
    one after them naming tasks (TASKS_HEADING) the plans when there are none yet, else other."""
    kinds: list[SectionKind] = []
    for block in blocks:
        kind = classify_heading(block.heading)
        if YEAR_TASKS.match(block.heading.strip()) and "plans" not in kinds and any(k in ("problems", "duty", "other") for k in kinds):
            kind = "plans"  # 「四、2025年工作任务」 after the duty and 其他需要报告的情况, no problems section (P39)
        if kind is None:
            later = any(k in ("problems", "plans") for k in kinds)
            tasks = "problems" in kinds and "plans" not in kinds and TASKS_HEADING.search(block.heading)
            kind = "plans" if tasks else "other" if later else "achievements"
        kinds.append(kind)
    return kinds
