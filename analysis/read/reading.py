"""Reading report files: sniff the real format, extract text, decode, and refuse bad input.

Every failure raises :class:`~analysis.errors.ReportError` with a reason a clerk can act on.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from lxml import etree

from analysis.errors import ReportError
from analysis.read.textclean import TITLE_END, normalize

Format = Literal["txt", "docx", "pdf", "doc", "html"]

ALLOWED_SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".docx", ".pdf", ".doc", ".html", ".htm", ".mhtml", ".mht"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".mhtml", ".mht"})
MB = 1024 * 1024  # sizes are told in MB of 2^20 bytes, as file managers and Streamlit's uploader count
MAX_BYTES = 20 * MB  # largest file accepted (a long report with images is ~5 MB)
MAX_XML_BYTES = 40 * 1024 * 1024  # largest inflated XML part of a .docx (zip-bomb guard)
MAX_ZIP_RATIO = 200  # refuse any .docx member that claims to inflate more than this
MIN_CJK = 20  # fewer Chinese characters than this is not a report
MAX_TEXT_CHARS = 2_000_000  # text of one file past this is not one report (a long one has 30,000)

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# "- 3 -", "第 3 页", "3", "第3页 共12页", "3/12" — page numbers on their own line
PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:[/／]\s*\d{1,4}|共\s*\d{1,4}\s*页)?[-—–\s]*$")
# a line that ends a sentence or a paragraph: "…氛围。", "…如下：", "…”"
LINE_END = re.compile(r"[。！？；：!?;:”』」）)]$")
# a line that starts a heading or an enumerated item: "一、", "（二）", "1.", "(1)"
ITEM_START = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[一二三四五六七八九十]+是)")


@dataclass(frozen=True)
class Document:
    """Text extracted from one file.

    ``text`` is normalised (see :mod:`analysis.read.textclean`) and in simplified characters;
    ``original`` is the normalised text as written when it was in traditional characters
    (else None); ``encoding`` is the text encoding used for .txt and .html files, else
    ``None``; ``warnings`` lists non-fatal notes.
    """

    text: str
    format: Format
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    original: str | None = None


def load_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a report file on disk: only a regular file (a symlink to one is fine), its
    type and size checked before anything is read, and never more than ``max_bytes`` read
    (a device or a pipe says its size is 0)."""
    path = Path(path)
    _check_name(path.name)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the open
    except OSError as exc:
        raise ReportError(f"cannot be opened ({exc.strerror})") from exc
    with open(fd, "rb", closefd=True) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReportError("not a regular file (a device, pipe or socket): only report files are read")
        _check_size(info.st_size, max_bytes)
        data = handle.read(max_bytes + 1)
    _check_size(len(data), max_bytes)
    return data


def read_path(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read a report file from disk; the size is checked before the bytes are loaded."""
    return read_bytes(load_file(path, max_bytes=max_bytes), name=readable_name(Path(path).name), max_bytes=max_bytes)


def readable_name(name: str) -> str:
    """A file name as a person reads it. Names that are not UTF-8 (made by unzipping an archive
    from Chinese Windows, whose names are GBK bytes; Python holds the bad bytes as surrogates)
    are decoded as GB18030, else their bad bytes are replaced by U+FFFD."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


# a control character in a file name ("\n", "\x1b", "\x00"), which would forge lines of output
NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(name: str) -> str:
    """A file name for a line of output: its control characters escaped ("a\\nb.txt")."""
    return NAME_CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), name)


def _check_name(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ReportError(f"unsupported file type {suffix or '(none)'}: use .txt, .docx, .pdf, .doc or a saved web page (.html)")
    return suffix


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ReportError(
            f"file is {size / MB:.2f} MB ({size:,} bytes), over the {max_bytes / MB:g} MB limit ({max_bytes:,} bytes): "
            "split it or remove images"
        )


MAX_BYTES_PER_CHAR = 4  # UTF-8, GB18030 and UTF-16 spend at most this many bytes on a character
MAX_TEXT_BYTES = MAX_BYTES_PER_CHAR * (MAX_TEXT_CHARS + 1)  # more bytes of text than this hold over MAX_TEXT_CHARS (+ 1: a BOM)


def precheck(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> tuple[str, Format]:
    """(suffix, sniffed format) of a file that cheap looks at its raw bytes do not refuse: its
    name's type, empty, its size, and a text file so long that its text can only be over
    :data:`MAX_TEXT_CHARS`. Nothing is decoded or copied (a dashboard's server runs this)."""
    suffix = _check_name(name)
    if not data or data.isspace():  # stops at the first character that is not blank (strip() copies)
        raise ReportError("file is empty")
    _check_size(len(data), max_bytes)
    kind = sniff(data)
    if suffix in HTML_SUFFIXES and kind == "txt":
        kind = "html"
    if kind == "txt" and len(data) > MAX_TEXT_BYTES:
        raise ReportError(f"file has over {MAX_TEXT_CHARS:,} characters of text: not one report (split it)")
    if kind == "html" and _tagless_run_over(data, MAX_TEXT_BYTES):
        raise ReportError(_page_text_over())  # a page of one 19 MB line: refused here, no worker parses it
    return suffix, kind


def _tagless_run_over(data: bytes, limit: int) -> bool:
    """Whether ``data`` holds a run of more than ``limit`` bytes without a ``<`` (text no tag breaks:
    at least limit / MAX_BYTES_PER_CHAR characters). Looked at only around every ``limit // 2``-th
    byte — such a run holds one of those places — by C-level searches, nothing copied."""
    step = max(limit // 2, 1)
    for at in range(0, len(data), step):
        start = data.rfind(b">", 0, at) + 1
        if data.find(b"<", start, at) >= 0:
            continue  # inside a tag: no run of text holds this place
        end = data.find(b"<", at)
        if (len(data) if end < 0 else end) - start > limit:
            return True
    return False


def _page_text_over() -> str:
    return (
        f"网页文字超过 {MAX_TEXT_CHARS:,} 字，不是一份报告（请拆分）/ web page has over {MAX_TEXT_CHARS:,} characters of text: "
        "not one report (split it)"
    )


def read_bytes(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> Document:
    """Extract normalised text from the bytes of a file called ``name``.

    The format comes from the content, not the name; a name whose suffix is not an
    allowed report type is refused.
    """
    suffix, kind = precheck(data, name=name, max_bytes=max_bytes)
    if kind == "html":
        html, encoding, bad = _html_of(data, suffix)
        check_page_size(html)
        note = (f"{bad} undecodable byte sequence(s) replaced by �",) if bad else ()
        doc = Document(html_text(html), "html", encoding, note)
    elif kind == "pdf":
        doc = Document(pdf_text(data), "pdf")
    elif kind == "docx":
        doc = Document(docx_text(data), "docx")
    elif kind == "doc":
        if doc_converter() and not _compound_file(data):  # refused before a converter is started for it
            raise ReportError(
                "damaged .doc file: it starts like a Word 97-2003 document but is too short or its header is broken "
                "(open it in Word or WPS and save it as .docx)"
            )
        doc = Document(doc_text(data), "doc")
    else:
        if suffix in {".docx", ".pdf", ".doc"}:
            raise ReportError(f"file is named {suffix} but is not a valid {suffix} (damaged, truncated or renamed)")
        text, encoding, bad = decode_text_lenient(data)
        note = (f"{bad} undecodable byte sequence(s) replaced by �: check those places against the original",) if bad else ()
        doc = Document(text, "txt", encoding, note)
    if len(doc.text) > MAX_TEXT_CHARS:
        raise ReportError(f"file has {len(doc.text):,} characters of text, over {MAX_TEXT_CHARS:,}: not one report (split it)")
    if doc.format in ("txt", "html"):
        unwrapped = unwrap_hard_breaks(doc.text)
        if unwrapped != doc.text:
            note = "lines broken at a fixed width (text copied from a PDF viewer?) were joined back into paragraphs"
            doc = Document(unwrapped, doc.format, doc.encoding, (*doc.warnings, note))
    joined = join_broken_figures(doc.text)
    if joined != doc.text:
        note = "a figure broken off its sentence at a line end was joined back to it"
        doc = Document(joined, doc.format, doc.encoding, (*doc.warnings, note))
    text = normalize(doc.text)
    _require_chinese_text(text)
    if is_traditional(text):
        simplified = to_simplified(text)
        note = "written in traditional characters: read as simplified (the original is kept)"
        return Document(simplified, doc.format, doc.encoding, (*doc.warnings, note), original=text)
    return Document(text, doc.format, doc.encoding, doc.warnings)


# ---------------------------------------------------------------- traditional characters
TRADITIONAL_MIN = 5  # different traditional-only characters in the first 3,000 that make a text traditional


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC  # opencc-python-reimplemented: OpenCC's dictionaries, pure Python

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_only() -> frozenset[str]:
    """Characters OpenCC's table turns into another simplified character (寶 區 羅 鎮 …)."""
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values and values.split(" ")[0] != key:
            chars.add(key)
    return frozenset(chars)


def is_traditional(text: str) -> bool:
    """At least :data:`TRADITIONAL_MIN` different traditional-only characters in the first
    3,000 (a set intersection: the check costs a few microseconds per report)."""
    sample = text[:3000]
    # most traditional-only characters are outside GB2312: a text with fewer than
    # TRADITIONAL_MIN such characters is simplified (an encoder pass: ~10 µs instead of ~100)
    outside = sample.encode("gb2312", errors="replace").count(b"?") - sample.count("?")
    return outside >= TRADITIONAL_MIN and len(_traditional_only() & set(sample)) >= TRADITIONAL_MIN


def to_simplified(text: str) -> str:
    return _converter().convert(text)


HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)", re.I | re.S)
MHTML_START = re.compile(rb"^\s*(?:From:|Snapshot-Content-Location:|Subject:|Date:|MIME-Version:)", re.I)


# a PDF's magic after any blanks: b"\r\n%PDF-1.7"
PDF_START = re.compile(rb"\s*" + re.escape(PDF_MAGIC))


def sniff(data: bytes) -> Format:
    """The real format of ``data`` from its first bytes."""
    if PDF_START.match(data):  # data.lstrip() would copy all of it
        return "pdf"
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if HTML_START.match(head) or (MHTML_START.match(head) and b"multipart/related" in data[:4096].lower()):
        return "html"
    if data[:4] == ZIP_MAGIC:
        return "docx"
    if data[:8] == OLE_MAGIC:
        return "doc"
    return "txt"


# ---------------------------------------------------------------- plain text
def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes, trying strict decodings before any statistical guess.

    Order: BOMs, strict UTF-8, UTF-16 without BOM (many NUL bytes), strict GB18030,
    then charset-normalizer. A decoding only counts when the result reads as Chinese.
    """
    for encoding in _candidate_encodings(data):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text, strict_utf8=encoding.startswith("utf-8")):
            return text.lstrip("\ufeff"), encoding.replace("-sig", "")
    guess = _statistical_guess(data)
    if guess is not None:
        return guess
    raise ReportError(
        "file is not UTF-8, GBK/GB18030 or UTF-16 text that reads as Chinese "
        "(a binary file, another encoding, or garbled text): save it as UTF-8 or .docx"
    )


MAX_BAD_SHARE = 0.01  # a text with more undecodable sequences than this per character is refused


def decode_text_lenient(data: bytes) -> tuple[str, str, int]:
    """(text, encoding, replaced sequences): :func:`decode_text`, else the decoding with the
    fewest undecodable sequences (one flipped byte, a file cut mid-character) when they are
    few (:data:`MAX_BAD_SHARE`) and the rest reads as Chinese; bad sequences become U+FFFD."""
    try:
        return (*decode_text(data), 0)
    except ReportError as strict_error:
        error = strict_error
    tries = []
    for encoding in ("utf-8", "gb18030"):
        text = data.decode(encoding, errors="replace").lstrip("\ufeff")
        tries.append((text.count("\ufffd"), encoding, text))
    for bad, encoding, text in sorted(tries, key=lambda t: t[0]):
        if bad <= max(1, len(text) * MAX_BAD_SHARE) and _plausible(text.replace("\ufffd", ""), strict_utf8=False):
            return text, encoding, bad
    raise error


def _candidate_encodings(data: bytes) -> list[str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return ["utf-8-sig"]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ["utf-16"]
    encodings = ["utf-8"]
    head = data[:4000]
    if head.count(0) > len(head) // 8:
        even_nuls = head[0::2].count(0)
        encodings += ["utf-16-be", "utf-16-le"] if even_nuls > head[1::2].count(0) else ["utf-16-le", "utf-16-be"]
    encodings.append("gb18030")
    return encodings + [e for e in ("utf-16-le", "utf-16-be") if e not in encodings] + ["big5"]


def _statistical_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return (text, best.encoding.replace("_", "-")) if _plausible(text) else None


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """The 6,763 characters of GB2312 (levels 1 and 2): the common Chinese characters."""
    chars = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


@lru_cache(maxsize=1)
def _common_runs() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(common_chars())) + "]+")


CJK_RUNS = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _plausible(text: str, *, strict_utf8: bool = False) -> bool:
    """True when decoded text reads as Chinese prose rather than mojibake.

    Mojibake has replacement or control characters, or many rare characters: real
    Chinese prose has at least 90% of its Chinese characters in GB2312's common set.
    Bytes that are valid UTF-8 are not mojibake by chance, so that count is skipped.
    """
    if "\ufffd" in text:
        return False
    sample = text[:20000]
    if len(CONTROL.findall(sample)) > len(sample) // 100:
        return False
    if strict_utf8:
        return True
    n_cjk = _count(CJK_RUNS, sample)
    if not n_cjk:
        return sample.isprintable() or all(ch.isprintable() or ch in "\n\r\t\f" for ch in sample)
    if _count(_common_runs(), sample) >= 0.9 * n_cjk:
        return True
    # traditional characters are mostly outside GB2312: a traditional text (Big5, or GBK/UTF-16
    # with traditional characters) reads as Chinese when its simplified form does
    return is_traditional(sample) and _count(_common_runs(), to_simplified(sample)) >= 0.9 * n_cjk


def _count(runs: re.Pattern[str], text: str) -> int:
    """Characters of ``text`` in runs of ``runs`` (a run pattern finds far fewer matches than one per character)."""
    return sum(map(len, runs.findall(text)))


def _require_chinese_text(text: str) -> None:
    if _count(CJK_RUNS, text[:200]) >= MIN_CJK or _count(CJK_RUNS, text[:2000]) >= MIN_CJK:
        return
    cjk = _count(CJK_RUNS, text)
    if cjk < MIN_CJK:
        raise ReportError(f"file has only {cjk} Chinese characters: not a report (empty, scanned, or another language)")


# ---------------------------------------------------------------- .docx
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# run content that carries text, and what it stands for (as python-docx reads a run)
RUN_TEXT = {f"{W}t": None, f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


def docx_text(data: bytes) -> str:
    """All body paragraphs of a .docx in order, including text inside (nested) tables.

    Member sizes are checked against the zip directory before anything is inflated;
    ``zipfile`` never inflates past a member's declared size, so a bomb cannot get past.
    The document XML is streamed (each paragraph or table is dropped once read), so memory
    stays small whatever the part's size, and text past :data:`MAX_TEXT_CHARS` is refused.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_zip_sizes(archive)
    except zipfile.BadZipFile as exc:
        raise ReportError(f"damaged or truncated .docx ({exc}): open it in Word and save it again") from exc
    if "word/document.xml" not in archive.namelist():
        raise ReportError("zip file is not a Word .docx (no word/document.xml)")
    try:
        with archive.open("word/document.xml") as part:
            return "\n".join(_docx_body_lines(part))
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ReportError(f"damaged .docx: its text cannot be read ({type(exc).__name__}): open it in Word and save it again") from exc


def _docx_body_lines(part) -> Iterator[str]:
    """Lines of the body's paragraphs and tables, streamed (a table row is one line)."""
    total = 0
    body = f"{W}body"
    parser = etree.iterparse(
        part, events=("end",), tag=(f"{W}p", f"{W}tbl"), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    for _, element in parser:
        parent = element.getparent()
        if parent is None or parent.tag != body:
            continue  # a paragraph inside a table: read with its table
        lines = [_paragraph_text(element)] if element.tag == f"{W}p" else _table_lines(element)
        for line in lines:
            total += len(line)
            if total > MAX_TEXT_CHARS:
                raise ReportError(f".docx has over {MAX_TEXT_CHARS:,} characters of text: not one report (split it)")
            yield line
        element.clear()
        while element.getprevious() is not None:  # drop what was read: memory stays flat
            del parent[0]


def _paragraph_text(p) -> str:
    """A paragraph's text as Word shows it: runs, hyperlinks, insertions (not deletions);
    tabs and line breaks kept; text boxes inside it (drawings) left out."""
    out = []
    for element in p.iter(*RUN_TEXT, f"{W}br"):
        if _in_textbox(element, p):
            continue
        if element.tag == f"{W}br":
            if element.get(f"{W}type") in (None, "textWrapping"):
                out.append("\n")
        elif element.tag == f"{W}t":
            out.append(element.text or "")
        else:
            out.append(RUN_TEXT[element.tag])
    return "".join(out)


def _in_textbox(element, p) -> bool:
    node = element.getparent()
    while node is not None and node is not p:
        if node.tag == f"{W}txbxContent":
            return True
        node = node.getparent()
    return False


def _table_lines(tbl) -> list[str]:
    """One line per row, its cells' text joined by spaces; a cell merged down from the row
    above is not repeated; nested tables are read inside their cell."""
    lines = []
    for row in tbl.iterchildren(f"{W}tr"):
        cells = []
        for tc in row.iterchildren(f"{W}tc"):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(f"{W}val") in (None, "continue"):
                continue
            text = " ".join(line for line in _cell_lines(tc) if line.strip())
            if text:
                cells.append(text)
        lines.append(" ".join(cells))
    return lines


def _cell_lines(container) -> list[str]:
    lines: list[str] = []
    for block in container.iterchildren(f"{W}p", f"{W}tbl"):
        lines += [_paragraph_text(block)] if block.tag == f"{W}p" else _table_lines(block)
    return lines


def _check_zip_sizes(archive: zipfile.ZipFile) -> None:
    total = 0
    for info in archive.infolist():
        if info.file_size > MAX_XML_BYTES and info.filename.endswith((".xml", ".rels")):
            raise ReportError(f".docx part {info.filename} inflates to {info.file_size / 1e6:.0f} MB: refused (zip bomb?)")
        if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO and info.file_size > 1_000_000:
            raise ReportError(f".docx part {info.filename} is compressed {info.file_size // info.compress_size}:1: refused (zip bomb?)")
        total += info.file_size
    if total > 4 * MAX_XML_BYTES:
        raise ReportError(f".docx inflates to {total / 1e6:.0f} MB in all: refused (zip bomb?)")


# ---------------------------------------------------------------- .html, .mhtml
def _html_of(data: bytes, suffix: str) -> tuple[str, str, int]:
    """(HTML text, encoding, replaced sequences) of a saved page; for .mhtml its HTML part."""
    if MHTML_START.match(data[:2048].lstrip()):
        data = _mhtml_html(data)
    return decode_text_lenient(data)


MAX_HTML_TAGS = 50_000  # a long report's page, saved from Word with a span per run, has ~10,000
# a tag, comment or declaration: "<p class=x>", "</td>", "<!-- 注释 -->" ([^<>]: linear on "<<<<")
HTML_TAG = re.compile(r"<[^<>]*>")
# the tag that opens or closes text that is not shown: "<script type=…>", "</style >"
HTML_HIDDEN = re.compile(r"<(/?)(script|style)\b", re.IGNORECASE)
# a character reference, one character on screen: "&nbsp;", "&#27861;", "&#x6cd5;"
HTML_ENTITY = re.compile(r"&#?\w{1,8};")
SPACES = re.compile(r"\s+")


def check_page_size(html: str) -> None:
    """Refuse a saved page too big to be one report before it is parsed (parsing a huge page
    takes minutes): more than :data:`MAX_TEXT_CHARS` characters outside its tags, scripts
    and styles, or more than :data:`MAX_HTML_TAGS` tags. One pass over the text."""
    chars = tags = 0
    hidden = ""  # inside <script> or <style>: its name
    pos = 0
    for tag in HTML_TAG.finditer(html):
        if not hidden:
            chars += _shown_chars(html[pos : tag.start()])
        pos = tag.end()
        tags += 1
        if tags > MAX_HTML_TAGS:
            raise ReportError(
                f"网页的标签超过 {MAX_HTML_TAGS:,} 个，不像一份报告 / web page has over {MAX_HTML_TAGS:,} tags: "
                "not one report (copy the report's text into a .txt file)"
            )
        if name := HTML_HIDDEN.match(tag.group()):
            hidden = "" if name.group(1) else ("" if tag.group().endswith("/>") else name.group(2).lower())
    if not hidden:
        chars += _shown_chars(html[pos:])
    if chars > MAX_TEXT_CHARS:
        raise ReportError(_page_text_over())


def _shown_chars(text: str) -> int:
    return len(SPACES.sub("", HTML_ENTITY.sub("&", text))) if text else 0


def _mhtml_html(data: bytes) -> bytes:
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload
    raise ReportError("saved web page (.mhtml) without an HTML part: save the page again as .html")


def html_text(html: str) -> str:
    """The main text of a saved web page (trafilatura: scripts, styles, menus and footers
    left out; tables kept, their cells joined by |), with the page's title on top when the
    extracted text does not start with it."""
    import trafilatura

    html, headline = _prepare_html(html)
    try:
        found = trafilatura.bare_extraction(html, include_tables=True, favor_recall=True, with_metadata=True, include_comments=False)
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        raise ReportError(f"web page that cannot be read ({type(exc).__name__}): save it again or copy its text into a .txt file") from exc
    text = getattr(found, "text", None) if found is not None else None
    if not text:
        raise ReportError("web page without readable main text: copy the report's text into a .txt file")
    title = _page_title(getattr(found, "title", None) or "") or headline
    if title and title not in text[:300]:
        text = f"标题：{title}\n{text}"  # as a disclosure field: it outlives the page head's removal
    return text


LAYOUT_CELL_CHARS = 300  # a table cell holding this much text with line breaks is the page's layout, not data
LAYOUT_TAGS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th"})
LINK_LIST_TAGS = ("td", "th", "ul", "ol", "dl", "div", "p", "li")
LINK_SHARE = 0.8  # a block whose text is this much link text, with several links, is a menu or a list of other pages
MIN_LIST_LINKS = 3  # fewer is a sentence with links in it (学习<a>《宪法》</a><a>《民法典》</a>), or an attachment


def _prepare_html(html: str) -> tuple[str, str]:
    """(the page for trafilatura, the report's headline found on it), helping trafilatura with
    two habits of government sites. Menus and lists of other reports ("坪山镇2022年法治政府建设情况报告"
    as a link beside the report) are dropped: a block whose text is nearly all links. Older sites
    lay the whole page out in tables, the report in one cell with <br> lines; trafilatura reads a
    table cell as one line, which loses every heading: a cell that holds a long text with line
    breaks, and the tables around it, become plain blocks; tables of data (a disclosure block, a
    table inside the report) stay tables."""
    try:
        return _prepared(html)
    except Exception:  # noqa: BLE001 - lxml raises many types on broken markup; trafilatura reads the page as it is
        return html, ""


def _prepared(html: str) -> tuple[str, str]:
    import lxml.html

    root = lxml.html.fromstring(html)
    lists = _link_lists(root)
    for element in lists:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text after it
    headline = _headline(root)
    cells = [
        td
        for td in root.iter("td", "th")
        if (td.find(".//br") is not None or td.find(".//p") is not None) and _own_chars(td) >= LAYOUT_CELL_CHARS
    ]
    for td in cells:
        for element in (td, *td.iterancestors()):
            if element.tag in LAYOUT_TAGS:
                element.tag = "div"
    return (lxml.html.tostring(root, encoding="unicode") if lists or cells else html), headline


def _link_lists(root) -> list:
    """The blocks whose text is nearly all link text, with several links. The text sizes are
    summed up the tree in one pass (children before parents): reading each block's whole text
    would cost the page's size once per level of nesting."""
    total: dict = {}  # element -> characters of its text (whitespace left out)
    linked: dict = {}  # element -> characters of it inside links
    links: dict = {}  # element -> links inside it
    for element in reversed(list(root.iter())):
        own = _chars(element.text) if isinstance(element.tag, str) else 0
        own += sum(_chars(child.tail) for child in element)
        total[element] = own + sum(total[child] for child in element)
        inside = sum(links[child] + (child.tag == "a") for child in element)
        links[element] = inside
        linked[element] = total[element] if element.tag == "a" else sum(linked[child] for child in element)
    return [
        element
        for element in root.iter(*LINK_LIST_TAGS)
        if links[element] >= MIN_LIST_LINKS and total[element] > 0 and linked[element] >= LINK_SHARE * total[element]
    ]


def _chars(text: str | None) -> int:
    return len(text) - sum(map(text.count, " \t\r\n\u3000\xa0")) if text else 0


def _own_chars(element) -> int:
    """Characters of an element's text outside the tables nested in it."""
    n = len(element.text or "") if isinstance(element.tag, str) else 0
    for child in element:
        if child.tag != "table":
            n += _own_chars(child)
        n += len(child.tail or "")
    return n


HEADLINE = re.compile(r"^[^\n]{0,40}(?:法治|依法|法制)[^\n]{0,30}(?:报告|总结|汇报)$")


def _headline(root) -> str:
    """The report's headline, for a page whose <title> is only the site's name: the first short
    text of the genre on the page that is not a link (a list of other reports is links). Only
    each element's own text is read (a headline is one run of text): reading every element's
    whole text would cost the page's size once per level of nesting."""
    for element in root.iter("h1", "h2", "h3", "b", "strong", "font", "div", "td", "p", "span"):
        text = re.sub(r"\s+", "", element.text or "")
        if 8 <= len(text) <= 70 and HEADLINE.match(text) and not any(a.tag == "a" for a in element.iterancestors()):
            return text
    return ""


def _page_title(title: str) -> str:
    """The report's part of a page title: "高楠镇2022年法治政府建设情况报告-城口县人民政府" → the first part."""
    parts = [p.strip() for p in re.split(r"\s*[-_|—–]\s*", title) if p.strip()]
    for part in parts:
        if re.search(r"报告|总结|汇报|情况", part):
            return part
    return ""


# ---------------------------------------------------------------- .pdf
def pdf_text(data: bytes) -> str:
    """Text of a PDF's text layer with page numbers, running headers and layout breaks removed."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReportError(f"damaged or password-protected PDF ({exc}): export it again without a password") from exc
    try:
        pages = _pdf_pages(pdf)
    except pdfium.PdfiumError as exc:  # a page that cannot be loaded: byte damage, a page tree that loops
        raise ReportError(f"damaged PDF: a page cannot be read ({exc}): export it again from the original") from exc
    finally:
        pdf.close()
    if sum(len("".join(p)) for p in pages) < MIN_CJK:
        raise ReportError("PDF has no text layer (scanned?): run OCR or send the Word original")
    pages = _drop_running_lines(pages)
    lines = [line for page in pages for line in page if not PAGE_NUMBER.match(line)]
    return "\n".join(rejoin_lines(lines))


def _pdf_pages(pdf) -> list[list[str]]:
    """Lines of each page, until the text passes :data:`MAX_TEXT_CHARS`."""
    pages, total = [], 0
    for i in range(len(pdf)):
        pages.append(_page_lines(pdf[i]))
        total += sum(map(len, pages[-1]))
        if total > MAX_TEXT_CHARS:
            raise ReportError(f"PDF has over {MAX_TEXT_CHARS:,} characters of text: not one report (split it)")
    return pages


def _page_lines(page) -> list[str]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
        page.close()
    return [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove headers/footers: a line among the first or last two of at least half the pages."""
    if len(pages) < 3:
        return pages
    edges = Counter(line for page in pages for line in {*page[:2], *page[-2:]})
    running = {line for line, n in edges.items() if n >= max(2, len(pages) // 2)}
    return [[line for line in page if line not in running] for page in pages]


def rejoin_lines(lines: list[str]) -> list[str]:
    """Re-join lines the PDF layout broke mid-sentence.

    A line is continued by the next when it is about as wide as a full line, does not
    end a sentence, and the next line does not start a heading or an item.
    """
    widths = sorted(len(line) for line in lines)
    full = widths[int(len(widths) * 0.9)] if widths else 0
    out: list[str] = []
    for line in lines:
        if out and len(out[-1]) >= full * 0.8 and not LINE_END.search(out[-1]) and not ITEM_START.match(line):
            out[-1] += line
        else:
            out.append(line)
    return out


HARD_WRAP_SHARE = 0.35  # this share of the longer lines at one width (±1) means the text was broken at a fixed width
HARD_WRAP_MIN_LINES = 12


# a sentence broken at a line end right before its figure (「…全年共排查各类矛盾纠纷\n263件，调解成功259件…」) or between a
# figure and its unit (「…发放宣传资料3500\n份，…」) (N38): the line break goes
# (scanned from each line break, the character before it checked after: a pattern opening on a lookbehind is tried at every
# position of the text, 0.09 ms a report)
BROKEN_FIGURE = re.compile(
    r"\n(?=(\d+(?:\.\d+)?(?:余|多)?(?:万|人次|件|次|场|份|名|个|条|起|户|处|项|余|多)[^\n]{0,40}?[，、；。])"
    r"|(?:人次|件|次|场|份|名|个|条|起|户|处|项)[^\n]{0,40}?[，、；。])"
)
CJK_CHAR, DIGIT = re.compile(r"[\u4e00-\u9fff]"), re.compile(r"\d")
BROKEN_LINE_MIN = 15  # characters of the line before: a heading or a label is shorter


def join_broken_figures(text: str) -> str:
    """``text`` with the line breaks of :data:`BROKEN_FIGURE` removed where the line before is a sentence (at least
    :data:`BROKEN_LINE_MIN` characters, with punctuation inside)."""
    if "\n" not in text:
        return text
    pieces, start = [], 0
    for m in BROKEN_FIGURE.finditer(text):
        before = text[m.start() - 1 : m.start()]
        if not (CJK_CHAR if m.group(1) else DIGIT).match(before):
            continue  # (a figure after a Chinese character; a unit after an Arabic digit)
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
        if len(line) >= BROKEN_LINE_MIN and any(mark in line for mark in "，。；、"):
            pieces.append(text[start : m.start()])
            start = m.end()
    return "".join([*pieces, text[start:]]) if pieces else text


def unwrap_hard_breaks(text: str) -> str:
    """Join lines a fixed width broke mid-sentence (text copied from a PDF viewer, some sites'
    <br> every line): when a third of the longer lines have one width and most of those end
    mid-sentence, a line of about that width that does not end a sentence (or a title) is
    continued by the next line unless that starts a heading or an item; page numbers between
    the pages ("- 2 -", "第2页") go."""
    lines = text.split("\n")
    widths = [len(line.strip()) for line in lines if len(line.strip()) >= 12]
    if len(widths) < HARD_WRAP_MIN_LINES:
        return text
    width, _ = Counter(widths).most_common(1)[0]
    at_width = [line.strip() for line in lines if abs(len(line.strip()) - width) <= 1]
    if (
        width < 16
        or len(at_width) < HARD_WRAP_SHARE * len(widths)
        or sum(not LINE_END.search(line) for line in at_width) < 0.5 * len(at_width)
    ):
        return text
    out: list[str] = []
    for line in (line.strip() for line in lines if not PAGE_NUMBER.match(line) or not line.strip()):  # "- 2 -" between pages
        last = out[-1] if out else ""
        if (
            last
            and line
            and len(last) >= width - 1
            and not LINE_END.search(last)
            and not TITLE_END.search(last)
            and not ITEM_START.match(line)
        ):
            out[-1] = last + line
        else:
            out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------- .doc
DOC_TOOLS = ("antiword", "catdoc")


def doc_converter() -> str | None:
    """The program that reads old .doc files here (antiword, catdoc or LibreOffice), if any."""
    for tool in (*DOC_TOOLS, "soffice", "libreoffice"):
        if shutil.which(tool):
            return tool
    return None


OLE_MIN_BYTES = 1536  # a compound file's header, one FAT sector and one directory sector of 512 bytes


def _compound_file(data: bytes) -> bool:
    """Whether ``data`` can be an OLE compound file (what a .doc is): long enough, little-endian
    byte order mark, 512- or 4096-byte sectors. Checked before a converter is started for it."""
    return (
        len(data) >= OLE_MIN_BYTES
        and data[:8] == OLE_MAGIC
        and data[28:30] == b"\xfe\xff"
        and int.from_bytes(data[30:32], "little") in (9, 12)
    )


def readable_suffixes() -> list[str]:
    """The file types this machine can read: .doc only where a converter is installed."""
    return sorted(s for s in ALLOWED_SUFFIXES if s != ".doc" or doc_converter())


def doc_text(data: bytes) -> str:
    """Text of an old Word 97-2003 .doc through antiword, catdoc or LibreOffice.

    LibreOffice runs with a user profile of its own in the call's temporary folder (removed
    after), so conversions in parallel processes do not fight over one profile's lock."""
    tool = doc_converter()
    if tool is None:
        raise ReportError("old Word .doc format and no converter (antiword, catdoc or LibreOffice) is installed: save it as .docx")
    with tempfile.TemporaryDirectory(prefix="reports-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        if tool in DOC_TOOLS:
            args = [tool, "-w", "0", str(src)] if tool == "antiword" else [tool, "-d", "utf-8", "-w", str(src)]
            return _run_converter(args, tool).stdout.decode("utf-8", errors="replace")
        profile = Path(tmp) / "profile"
        args = [shutil.which(tool), f"-env:UserInstallation={profile.as_uri()}", *LIBREOFFICE_OPTIONS, "--outdir", tmp, str(src)]
        done = _run_converter(args, "LibreOffice")
        out = Path(tmp) / "input.txt"
        if out.exists():
            return out.read_text(encoding="utf-8-sig", errors="replace")
    reason = _converter_reason(done)
    raise ReportError(f"LibreOffice could not convert this .doc{f' ({reason})' if reason else ''}: save it as .docx")


LIBREOFFICE_OPTIONS = ("--headless", "--norestore", "--nologo", "--nolockcheck", "--convert-to", "txt:Text (encoded):UTF8")
# LibreOffice's noise on stderr, not a cause: "Warning: failed to launch javaldx - java may not function correctly"
CONVERTER_NOISE = re.compile(r"javaldx|^Warning:", re.IGNORECASE)
# the call's temporary folder, which says nothing to a clerk: "/tmp/reports-doc-x1y2/input.doc"
TEMP_PATH = re.compile(r"\S*reports-doc-[^/\s]*/")


def _run_converter(args: list[str], tool: str) -> subprocess.CompletedProcess:
    """Run a converter in a process group of its own (LibreOffice starts a child that a
    timeout must end too); refuse the file, naming the converter's own reason, when it fails."""
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True) as proc:
        try:
            stdout, stderr = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ReportError(f"{tool} took over 2 minutes on this .doc: save it as .docx") from exc
    done = subprocess.CompletedProcess(args, proc.returncode, stdout, stderr)
    if done.returncode != 0:
        reason = _converter_reason(done) or f"exit status {done.returncode}"
        raise ReportError(f"{tool} could not read this .doc ({reason}): save it as .docx")
    return done


def _converter_reason(done: subprocess.CompletedProcess) -> str:
    """The converter's message that says what went wrong (its warnings left out), on one line."""
    text = (done.stderr or b"").decode("utf-8", errors="replace") + "\n" + (done.stdout or b"").decode("utf-8", errors="replace")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not CONVERTER_NOISE.search(line)]
    errors = [line for line in lines if line.lower().startswith("error")]
    reason = (errors or lines or [""])[0]
    reason = TEMP_PATH.sub("", re.sub(r"^error:?\s*", "", reason, flags=re.IGNORECASE))
    return reason[:160]
