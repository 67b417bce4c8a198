"""Text clean-up: small text -> text steps chained in :func:`normalize`.

Each step is a pure function so a test can pin its exact behaviour.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# a line that ends a title: "关于高楠镇2022年法治建设情况的报告" (a wrapped line ending so is not joined on)
TITLE_END = re.compile(r"(?:报告|汇报|总结|情况|述职报告)$")
# "[bookmark: _GoBack]（二）加强学习…" (Word bookmarks left by docx→txt converters)
DEBRIS = re.compile(r"\[(?:bookmark|image|footnote|endnote|comment)[^\]\n]{0,80}\]", re.I)
# zero-width spaces, joiners, BOMs inside the text, soft hyphens
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
# line breaks other than LF: CR (and CRLF), form feed, vertical tab, line/paragraph separators, NEL
OTHER_NEWLINE_CHARS = "\r\f\v\u2028\u2029\x85"
OTHER_NEWLINES = re.compile(f"\r\n?|[{OTHER_NEWLINE_CHARS}]")
# ideographic space, no-break space and other exotic blanks
BLANK_CHARS = "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t"
BLANKS = re.compile(f"[{BLANK_CHARS}]+")
# "2021年,桑柘镇在县委" — half-width comma not between digits (3,500 keeps its comma)
HALF_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
# "主要表现在:一是" — half-width colon not between digits (10:30 keeps its colon)
HALF_COLON = re.compile(r"(?<!\d):|:(?!\d)")
# any full-width letter, digit or ％ that fold_width would change
FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05]")
# any half-width punctuation that unify_punctuation might change
HALF_PUNCT = re.compile(r"[,:;()?!]")
MULTI_SPACE = re.compile(r" {2,}")
# a space between two CJK characters: "报  告" → "报告", "增强政府治理效能 、打造"
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]) +(?=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’])")
MANY_NEWLINES = re.compile(r"\n{3,}")
# a column gap of a table aligned with spaces (「集中学法（次）        18        20        +2」, N20): two or more blanks
# (or one ideographic space: 「月份　排查（件）　化解（件）」 then 「1月　14　13」, N25)
ALIGNED_GAP = re.compile(r"(?<=\S)(?:[ \u3000]{2,}|\u3000)(?=\S)")
NUMERIC_CELL = re.compile(r"^[+\-−]?[约近]?\d")
MIN_ALIGNED_CELLS = 3
PROSE = re.compile(r"[。，；！？]")  # a line of prose is no table row
# a tab between two Chinese words is a table's cell boundary (a disclosure block copied from a
# web page: "标　　题\t横泾街道…"); it stays visible as " | " instead of vanishing with the
# spaces inside CJK runs
CELL_TAB = re.compile(r"(?<=[^\s])[ \u3000]*\t[\t \u3000]*(?=[^\s])")  # (a cell may open or end with a figure: 「2\t重大决策…\t2023年…」)

_FULL_TO_HALF = {code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05]}
_HALF_TO_FULL_PUNCT = str.maketrans({";": "；", "(": "（", ")": "）", "?": "？", "!": "！"})


def _has_any(text: str, chars: str) -> bool:
    """True when ``text`` holds one of ``chars`` (a substring test per character is much
    faster than a regular-expression scan, so the steps below skip text with nothing to do)."""
    return any(ch in text for ch in chars)


def unify_newlines(text: str) -> str:
    """CRLF and lone CR become LF; form feeds and line/paragraph separators too."""
    return OTHER_NEWLINES.sub("\n", text) if _has_any(text, OTHER_NEWLINE_CHARS) else text


def drop_debris(text: str) -> str:
    """Remove converter debris such as ``[bookmark: _GoBack]`` and invisible characters."""
    if "[" in text:
        text = DEBRIS.sub("", text)
    return INVISIBLE.sub("", text) if _has_any(text, INVISIBLE_CHARS) else text


def fold_width(text: str) -> str:
    """Full-width ASCII letters, digits and ％ (２０２２, ＡＰＰ, １００％) become half-width."""
    return text.translate(_FULL_TO_HALF) if FULL_WIDTH.search(text) else text


def unify_punctuation(text: str) -> str:
    """Half-width , : ; ( ) ? ! in Chinese prose become their full-width forms.

    Commas and colons between digits (3,500 / 10:30) are kept.
    """
    if not HALF_PUNCT.search(text):
        return text
    text = HALF_COMMA.sub("，", text)
    text = HALF_COLON.sub("：", text)
    return text.translate(_HALF_TO_FULL_PUNCT)


def _aligned(line: str) -> list[str]:
    """The cells of ``line`` when it may be a row of a table aligned with spaces: three cells or more, every cell
    that is no figure two characters or more (a title spaced out letter by letter, 「报  告  书」, is no table)
    unless the row holds two figures (a unit column of one character)."""
    cells = ALIGNED_GAP.split(line.strip()) if ALIGNED_GAP.search(line) else []
    if len(cells) < MIN_ALIGNED_CELLS:
        return []
    if all(len(c) >= 2 or NUMERIC_CELL.match(c) for c in cells):
        return cells
    # (a row with a unit column, 「集中学法      次      14        12」 (N23): one-character cells beside two figures)
    figures = sum(bool(NUMERIC_CELL.match(c)) for c in cells)
    return cells if figures >= 2 and any(len(c) >= 2 and not NUMERIC_CELL.match(c) for c in cells) else []


def aligned_tables(lines: list[str]) -> list[str]:
    """``lines`` with the column gaps of a table aligned with spaces written " | ": a row holds two figures or more
    and no sentence punctuation; a header
    (「季度        排查（件）  调处（件）」) is a line of as many cells right before such a row. A table of tasks
    (:func:`_task_rows`) is read too, its rows prose."""
    cells = [_aligned(line) if not PROSE.search(line) else [] for line in lines]
    numeric = [sum(bool(NUMERIC_CELL.match(x)) for x in c) >= 2 for c in cells]
    out = list(lines)
    for n, row in enumerate(cells):
        header = bool(row) and n + 1 < len(lines) and numeric[n + 1] and len(cells[n + 1]) == len(row)
        if numeric[n] or header:
            out[n] = " | ".join(row)
    for n, row in _task_rows(lines, cells):
        out[n] = " | ".join(row)
    return out


# the names of a table of tasks' columns: 「序号　　任务　　责任单位　　时限」 (P39)
# (and of a table of problems: 「序号　问题　具体表现　整改时限」, P54)
TASK_COLUMN = re.compile(
    r"^(?:序号|编号|(?:工作|重点|整改)?任务|工作内容|事项|(?:整改)?措施|(?:牵头|责任|配合)(?:单位|部门|人|领导)?|(?:完成|整改)?时限|完成时间|"
    r"(?:存在的?)?问题|(?:具体|主要)?表现|原因)$"
)
TASK_ROW_GAP = re.compile(r"(?<=\S)[ \u3000]{2,}(?=\S)")  # a task's cells are prose: only a wide gap parts them…
IDEOGRAPHIC_GAP = re.compile(r"(?<=\S)\u3000+(?=\S)")  # …or, under a header parted by single ideographic spaces, one


def _task_rows(lines: list[str], cells: list[list[str]]) -> list[tuple[int, list[str]]]:
    """The header and rows of each table of tasks aligned with spaces (「序号　　任务　　责任单位　　时限」 then
    「1　　建立镇重大行政决策事项目录，明确…　　党政办、司法所　　2023年3月底前」, P39): a header whose every cell
    names a task table's column, then the lines right after it of as many cells (or one fewer, no index)."""
    found: list[tuple[int, list[str]]] = []
    width, gap = 0, TASK_ROW_GAP
    for n, line in enumerate(lines):
        row = cells[n]
        if len(row) >= MIN_ALIGNED_CELLS and all(TASK_COLUMN.match(c) for c in row):
            found.append((n, row))
            width = len(row)
            gap = TASK_ROW_GAP if len(TASK_ROW_GAP.split(line.strip())) == width else IDEOGRAPHIC_GAP
            continue
        parts = gap.split(line.strip()) if width and gap.search(line) else []
        if width and len(parts) in (width, width - 1):
            found.append((n, parts))
        else:
            width = 0
    return found


def tidy_spaces(text: str) -> str:
    """Exotic blanks become spaces; spaces inside CJK runs go; lines are stripped. A tab
    between Chinese words becomes " | " (a table cell boundary), and so do the column gaps of a
    table aligned with spaces (:func:`aligned_tables`)."""
    if "\t" in text:
        text = CELL_TAB.sub(" | ", text)
    if "  " in text or "\u3000" in text:
        text = "\n".join(aligned_tables(text.split("\n")))
    if _has_any(text, BLANK_CHARS):
        text = BLANKS.sub(" ", text)
    if " " in text:
        text = MULTI_SPACE.sub(" ", CJK_GAP.sub("", text))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return (MANY_NEWLINES.sub("\n\n", text) if "\n\n\n" in text else text).strip()


PIPELINE: tuple[Callable[[str], str], ...] = (
    unify_newlines,
    drop_debris,
    fold_width,
    unify_punctuation,
    tidy_spaces,
)


def normalize(text: str) -> str:
    """Run every clean-up step in order and return the canonical text."""
    for step in PIPELINE:
        text = step(text)
    return text
