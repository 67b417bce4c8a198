"""The brief as a Word document in the official style (党政机关公文格式, GB/T 9704).

A4 with the official margins; the title in 方正小标宋 二号; headings 一、 in 黑体 and （一） in 楷体 as
Word's Heading 1 and Heading 2 (the navigation pane lists them), bold, so that they stand apart
from the body even where a reader lacks these fonts and all three print in one substitute (as
LibreOffice does without them); body paragraphs aligned left (justified, the short lines of a
list of years 「（2022、2023、2024）」 were stretched wide); body in 仿宋_GB2312 三号 with a
fixed 28 pt line, except the paragraphs holding pictures (single spacing: a fixed line clips an
inline picture to a strip) and the table cells; page numbers 「— 3 —」; tables with column widths
by content (a township name or a number never wraps), header rows repeated on every page and
captions kept with their tables; the generation metadata in the core properties, not the body. A report's
addressee flush left, its 附件说明 with later items under the first, its sender and date on the right four characters
in (GB/T 9704-2012 7.3.3, 7.3.4, 7.3.5); each annex on a page of its own, 「附件1」 over its title.
"""

from __future__ import annotations

import io
import re
import struct
from xml.sax.saxutils import escape

import pandas as pd

from analysis.brief.prose import ADDRESSEE, ANNEX_NOTE, ANNEXES, SIGNATURE
from analysis.storage import tables

BODY_FONT = "仿宋_GB2312"  # Word and WPS substitute 仿宋 / 宋体 where it is missing
HEADING_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
TITLE_FONT = "方正小标宋简体"
LATIN_FONT = "Times New Roman"
LINE_PT = 28  # the fixed line of the body (22 lines a page)
TEXT_WIDTH_TWIPS = 8845  # A4 less the official margins (15.6 cm)
TEXT_HEIGHT_CM = 22.5  # A4 less the official margins
PICTURE_MAX_CM = (15.0, 19.0)  # a picture's largest width and height (room left for its caption)
CELL_PT = 10.5  # 五号 in tables
CELL_MARGINS_TWIPS = 2 * 108  # Word's default cell margins, left and right
NO_WRAP_SHARE = 0.34  # a column needing at most this share of the width is never wrapped
# a column that must wrap besides the longest gets at most this share, so that the longest (a
# report's sentence: 附表5's 原文) is not squeezed to a few characters a line by a list of figures
WRAPPED_SHARE = 0.19  # (0.16 broke 「138余场、2期」 and 「约21000人次」 in 附表5: 阜宁县 review)

XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…—]")

Blocks = list[tuple[int, str]]
STYLE_OF = {ADDRESSEE: "Addressee", SIGNATURE: "Signature", ANNEX_NOTE: "Annex Note"}
Tables = list[tuple[str, pd.DataFrame, list[str]]]
Charts = list[tuple[str, bytes]]


def write(title: str, blocks: Blocks, tables_: Tables, charts: Charts, *, properties: dict, annex: Blocks = ()) -> bytes:
    """The .docx: ``title``, the ``blocks`` (level 1, 2: headings; 0: body; the official lines by
    :data:`STYLE_OF`), then 附件1 (``annex``: the report quality) and 附件2 with the captioned
    tables and charts, each on a new page; ``properties`` go into the core properties."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    _styles(document)
    _page_numbers(document, section, WD_ALIGN_PARAGRAPH)
    for key, value in properties.items():
        setattr(document.core_properties, key, value)
    heading = document.add_paragraph(style="Title")
    lines = title_lines(title)
    for n, line in enumerate(lines):
        run = heading.add_run(line)
        if n + 1 < len(lines):
            run.add_break()  # a line break inside the title's paragraph
    signed = False
    previous = None
    for level, text in blocks:
        style = STYLE_OF.get(level) or (f"Heading {level}" if level else None)
        if level in (ANNEX_NOTE, SIGNATURE) and previous is not None:
            # the body's last paragraph, the annexes named, the sender and the date on one page (the twenty-third reading
            # found the signature alone on a page)
            previous.paragraph_format.keep_with_next = True
        paragraph = previous = document.add_paragraph(nested_quotes(text), style=style)
        if level == ANNEX_NOTE and not text.startswith("附件"):  # 「2．…」 under 「1．…」 (after 「附件：」)
            paragraph.paragraph_format.first_line_indent = Pt(16 * 5)
        elif level == SIGNATURE and not signed:  # three lines below the body
            paragraph.paragraph_format.space_before, signed = Pt(LINE_PT * 2), True
    annexes = [(ANNEXES[0], annex)] if annex else []
    if tables_ or charts:
        annexes.append((ANNEXES[1], None))
    for n, (name, body) in enumerate(annexes, start=1):
        document.add_page_break()
        document.add_paragraph(f"附件{n}" if annex else "附件", style="Heading 1")
        document.add_paragraph(name, style="Title")
        for _, text in body or ():
            document.add_paragraph(nested_quotes(text))
    for caption, df, names in tables_:
        _table(document, caption, df, names)
    for caption, png in charts:  # a figure's caption under it, a table's over it (洱源县/鄄城县 review)
        picture = document.add_paragraph(style="Picture")
        width, height = picture_size(png)
        picture.add_run().add_picture(io.BytesIO(png), width=Cm(width), height=Cm(height))
        picture.paragraph_format.keep_with_next = True
        document.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = False
    return _bytes(document)


def nested_quotes(text: str) -> str:
    """Quotation marks inside a quotation written as single ones, as 公文 does: 「如：“部分群众“信访不信法”…”」 →
    「如：“部分群众‘信访不信法’…”」 (a township's own words often quote something, and the brief quotes them)."""
    if text.count("“") < 2:
        return text
    out, depth = [], 0
    for ch in text:
        if ch == "“":
            depth += 1
            out.append("‘" if depth > 1 else ch)
        elif ch == "”" and depth:
            out.append("’" if depth > 1 else ch)
            depth -= 1
        else:
            out.append(ch)
    return "".join(out)


def picture_size(png: bytes) -> tuple[float, float]:
    """(width, height) in cm: the picture as wide as the text allows, smaller when it would be too tall."""
    width_px, height_px = struct.unpack(">II", png[16:24])  # the PNG header's IHDR
    width, height = PICTURE_MAX_CM
    scale = min(width / width_px, height / height_px)
    return round(width_px * scale, 2), round(height_px * scale, 2)


def _styles(document) -> None:
    """Normal (仿宋 三号, fixed 28 pt, two-character indent), Title, Heading 1–2, Caption, Picture."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    def shape(style, font: str, size: float, *, bold=False, align=None, indent=2, line=LINE_PT, before=0, after=0) -> None:
        _fonts(style.element.get_or_add_rPr(), font)
        style.font.size, style.font.bold, style.font.italic = Pt(size), bold, False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.first_line_indent = Pt(size * indent) if indent else Pt(0)
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if line:
            fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line)
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.LEFT

    styles = document.styles
    shape(styles["Normal"], BODY_FONT, 16)
    shape(styles["Title"], TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=0, line=36, after=LINE_PT)
    _no_border(styles["Title"])
    for level, font in ((1, HEADING_FONT), (2, HEADING2_FONT)):
        style = styles[f"Heading {level}"]
        shape(style, font, 16, bold=True)
        style.paragraph_format.keep_with_next = True
    shape(styles["Caption"], HEADING_FONT, 12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=0, line=None, before=8, after=4)
    styles["Caption"].paragraph_format.keep_with_next = True
    for name, align, indent in (("Addressee", None, 0), ("Signature", WD_ALIGN_PARAGRAPH.RIGHT, 0), ("Annex Note", None, 2)):
        official = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        official.base_style = styles["Normal"]
        shape(official, BODY_FONT, 16, align=align, indent=indent)
    styles["Signature"].paragraph_format.right_indent = Pt(16 * 4)
    picture = styles.add_style("Picture", WD_STYLE_TYPE.PARAGRAPH)
    picture.base_style = styles["Normal"]
    shape(picture, BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=0, line=None)


def _fonts(rpr, east_asian: str) -> None:
    """Latin text in Times New Roman and Chinese in ``east_asian`` (theme fonts removed, which win otherwise)."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr, value in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:eastAsia", east_asian), ("w:cs", LATIN_FONT)):
        fonts.set(qn(attr), value)


def _no_border(style) -> None:
    """The default template's Title has a bottom border and spacing: the official title has none."""
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _table(document, caption: str, df: pd.DataFrame, names: list[str]) -> None:
    """The caption, then a grid table of ``df`` under ``names``, built as one XML fragment
    (python-docx adds cells one at a time: 26 s for 16,000 rows): widths by content, the
    header row repeated on each page, rows never split across pages."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    head = document.add_paragraph(caption, style="Caption")
    if df.empty:
        document.add_paragraph("（无）", style="Caption").paragraph_format.keep_with_next = False
        return
    cells = [names] + [[_cell(v) for v in values] for values in df.itertuples(index=False)]
    widths, nowrap = column_widths(cells)
    size = int(CELL_PT * 2)
    para = '<w:pPr><w:ind w:firstLine="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr>'

    def row(values, header: bool) -> str:
        tr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
        bold = "<w:b/>" if header else ""
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{"<w:noWrap/>" if nw else ""}</w:tcPr><w:p>{para}'
            f'<w:r><w:rPr>{bold}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
            f'<w:t xml:space="preserve">{_lines(v, None if header or nw else w)}</w:t></w:r></w:p></w:tc>'
            for v, w, nw in zip(values, widths, nowrap)
        )
        return f"<w:tr>{tr}{tcs}</w:tr>"

    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = "".join(row(values, n == 0) for n, values in enumerate(cells))
    table = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
    )
    head._p.addnext(table)


TITLE_LINE_CHARS = 20  # characters of 二号 (22 pt) on the text width (15.6 cm)
TITLE_TURN = "法治政府建设"  # where a long title turns: 「松阳县各年度乡镇（街道）／法治政府建设情况分析简报」


def title_lines(title: str) -> list[str]:
    """``title`` as its lines: one when it fits, else turned before 法治政府建设 when both parts fit, so
    that no word breaks (the ninth reading: 「…建设情／况分析简报」)."""
    at = title.find(TITLE_TURN)
    if len(title) <= TITLE_LINE_CHARS or at <= 0 or max(at, len(title) - at) > TITLE_LINE_CHARS:
        return [title]
    return [title[:at], title[at:]]


def text_width_twips(text: str, size_pt: float = CELL_PT) -> int:
    """How wide ``text`` prints in twips: a Chinese character or full-width mark one em, others 0.55 em."""
    wide = len(WIDE.findall(text))
    return int((wide + 0.55 * (len(text) - wide)) * size_pt * 20)


def column_widths(cells: list[list[str]], total: int = TEXT_WIDTH_TWIPS) -> tuple[list[int], list[bool]]:
    """(widths in twips, never wrapped) of the columns of ``cells`` (header row first).

    A column whose longest cell needs at most a third of the text width (a township, a year, a
    number) gets exactly that and is never wrapped — at most :data:`WRAPPED_SHARE` when another
    column must wrap, so that a sentence is not squeezed; of the long text columns, all but the
    longest get their need up to :data:`WRAPPED_SHARE` of the width and the longest the rest;
    any room left is shared in proportion (the table spans the text width)."""
    spare = CELL_MARGINS_TWIPS + int(CELL_PT * 10)  # the cell margins and half a character of slack
    need = [max(text_width_twips(row[c]) for row in cells[:2000]) + spare for c in range(len(cells[0]))]
    nowrap = [n <= total * NO_WRAP_SHARE for n in need]
    if not all(nowrap):  # beside a text column, only what is short keeps a line (a township, a year): 附表5's
        nowrap = [n <= total * WRAPPED_SHARE for n in need]  # 指标 「民主法治示范村（新增）」 may take two
    least = [_item_need(cells, c) + spare for c in range(len(cells[0]))]  # a list's longest item keeps a line
    fixed = sum(n for n, k in zip(need, nowrap) if k)
    wrapped = sum(n for n, k in zip(need, nowrap) if not k)
    room = max(total - fixed, 0)
    widths = [n if k else max(int(room * n / wrapped), 1200) for n, k in zip(need, nowrap)]
    long = [c for c, k in enumerate(nowrap) if not k]
    if len(long) > 1:
        longest = max(long, key=lambda c: need[c])
        for c in long:
            widths[c] = max(min(need[c], int(total * WRAPPED_SHARE)), 1200)
        widths[longest] = max(room - sum(widths[c] for c in long if c != longest), 1200)
    for c, k in enumerate(nowrap):
        if not k and least[c] > widths[c]:  # (a list's item is never cut: 「官／庄镇」 in 附表6, 「292／余次」 in 附表5)
            widths[c] = least[c]
    over = sum(widths) - total
    if over > 0 and long:  # taken from the widest wrapped column (the sentence)
        widest = max(long, key=lambda c: widths[c] - least[c])
        widths[widest] = max(widths[widest] - over, least[widest], 1200)
    if sum(widths) < total:  # room left: shared by all columns in proportion
        scale = total / sum(widths)
        widths = [int(w * scale) for w in widths]
    return widths, nowrap


LIST_ITEM_MAX = 12  # characters of the longest item of a cell that lists (townships, figures): each item keeps a line


def _items(text: str) -> list[str] | None:
    """A cell's items when it lists short ones between 、 (「五强溪镇、官庄镇」「40余人次、8000余名」), else None."""
    if "、" not in text or re.search(r"[，。；：,;:]", text):  # (a sentence is no list)
        return None
    items = text.split("、")
    return items if max(map(len, items)) <= LIST_ITEM_MAX else None


def _item_need(cells: list[list[str]], column: int) -> int:
    """Twips of the widest item (with its 、) of the column's list cells; 0 when none lists."""
    lists = [_items(row[column]) for row in cells[1:2000]]
    return max((text_width_twips(item + "、") for items in lists if items for item in items), default=0)


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # (no word joiners: LibreOffice broke 「普｜法宣传活动」「1｜38余场」 at them, and they hid in every copy and
    # search — 阜宁县/松阳县 review; short columns keep a line by their width and w:noWrap instead)
    return tables.cell_text(value)


def _lines(value: str, width: int | None) -> str:
    """A cell's escaped text for ``<w:t>``; a list that does not fit its column's line (``width`` twips; None: a column
    that never wraps) has its items each end a line (a break after each 、), so that no township name or figure is cut
    between two lines."""
    text = escape(XML_UNSAFE.sub("", value))
    items = _items(value) if width is not None else None
    if not items or text_width_twips(value) + CELL_MARGINS_TWIPS <= width:
        return text
    return '、</w:t><w:br/><w:t xml:space="preserve">'.join(escape(XML_UNSAFE.sub("", item)) for item in items)


def _page_numbers(document, section, WD_ALIGN_PARAGRAPH) -> None:
    """ "— 3 —" in the footer, an odd page's on the right and an even page's on the left, one character in from the
    margin (GB/T 9704-2012 7.5; the twenty-second reading asked for it): a PAGE field, which Word and WPS fill in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.right_indent, fmt.left_indent = (Pt(14), Pt(0)) if align == WD_ALIGN_PARAGRAPH.RIGHT else (Pt(0), Pt(14))
        paragraph.add_run("— ")
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._element.append(char)
            else:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._element.append(instr)
        paragraph.add_run(" —")


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
