"""Splitting problem and plan sections into items (一是… / （一） / 1. / one per paragraph)."""

from __future__ import annotations

import re

from analysis.parse.numerals import ordinal_value
from analysis.parse.patterns import CIRCLED, INLINE_MARK, INLINE_PROBLEMS, LEAD_MARK
from analysis.parse.structure import Block

MIN_ITEM_CHARS = 4  # shorter fragments ("无") are not items
TRAILING_CHARS = "；;，,、"  # separators trimmed, with white space, from the end of an item


def block_items(block: Block) -> list[str]:
    """Items of a problems or plans section, enumeration markers stripped.

    Sub-headings make one item each (heading and the text under it); otherwise paragraphs
    that start with a marker (一要… / 1. …) do; otherwise an inline enumeration inside a
    paragraph (一是…二是…); otherwise each paragraph. Intro lines ending in "：" are not items.
    """
    if block.children:
        return _clean([_child_text(child) for child in block.children])
    paragraphs = ([block.lead] if block.lead else []) + block.body
    return paragraph_items(paragraphs)


def paragraph_items(paragraphs: list[str]) -> list[str]:
    """Items from paragraphs with no sub-headings (see :func:`block_items`)."""
    led = _led_items(paragraphs)
    if led:
        return _clean(led)
    inline = [item for paragraph in paragraphs for item in inline_items(paragraph)]
    if inline:
        return _clean(inline)
    return _clean([p for p in paragraphs if not p.endswith("：")])


def inline_items(text: str) -> list[str]:
    """Items of the first inline enumeration 一是…二是… in ``text``, or [] if it has none.

    Only a run numbered 1, 2, 3… with one marker style counts; text before the first
    marker is an intro and is dropped.
    """
    run = _marker_run(text)
    if len(run) < 2:
        return []
    bounds = [m.start() for m in run] + [len(text)]
    return [LEAD_MARK.sub("", text[a:b], count=1) for a, b in zip(bounds, bounds[1:])]


def inline_problems(paragraphs: list[str]) -> list[str]:
    """Problems stated inline where there is no problems heading: "但也存在一些问题：一是…"."""
    for paragraph in paragraphs:
        m = INLINE_PROBLEMS.search(paragraph)
        if m:
            rest = paragraph[m.end() :]
            return _clean(inline_items(rest) or [rest])
    return []


def achievement_paragraphs(block: Block) -> list[str]:
    """Every paragraph of an achievements or duty section, markers stripped, headings alone skipped."""
    paragraphs = ([block.lead] if block.lead else []) + block.lines
    return _clean([LEAD_MARK.sub("", p, count=1) for p in paragraphs if _has_body(p)])


def _has_body(line: str) -> bool:
    from analysis.parse.structure import heading_of

    found = heading_of(line)
    return found is None or bool(found[2])


def _child_text(child: Block) -> str:
    head = child.heading
    rest = "".join(([child.lead] if child.lead else []) + child.lines)
    if not rest:
        return head
    return head + ("" if re.search(r"[。；：！？]$", head) else "。") + rest


def _led_items(paragraphs: list[str]) -> list[str]:
    items: list[str] = []
    marked = 0
    for paragraph in paragraphs:
        m = LEAD_MARK.match(paragraph)
        if m:
            marked += 1
            items.append(paragraph[m.end() :])
        elif items:
            items[-1] += paragraph
    return items if marked >= 2 else []


def _marker_value(m: re.Match[str]) -> tuple[int | None, str]:
    """(number, style) of an inline marker: 一是 → (1, "是"), ② → (2, "①")."""
    if m.group(1):
        return ordinal_value(m.group(1)), m.group(0)[-1]
    if m.group(2):
        return CIRCLED.index(m.group(2)) + 1, "①"
    if m.group(3):
        return ordinal_value(m.group(3)), "第"
    return ordinal_value(m.group(4)), "（）"


def _marker_run(text: str) -> list[re.Match[str]]:
    run: list[re.Match[str]] = []
    style = None
    for m in INLINE_MARK.finditer(text):
        value, kind = _marker_value(m)
        if not run and value == 1:
            run, style = [m], kind
        elif run and kind == style and value == len(run) + 1:
            run.append(m)
    return run


def _clean(items: list[str]) -> list[str]:
    out = [_trim(item) for item in items]
    return [item for item in out if len(item) >= MIN_ITEM_CHARS]


def _trim(item: str) -> str:
    """``item`` without surrounding white space and trailing separators (；;，,、)."""
    item = item.strip()
    end = len(item)
    while end and (item[end - 1] in TRAILING_CHARS or item[end - 1].isspace()):
        end -= 1
    return item[:end]
