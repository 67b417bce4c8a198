"""Reading report files: sniff the real format, extract text, decode, and refuse bad input.

Every failure raises :class:`~analysis.errors.ReportError` with a reason a clerk can act on.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from analysis.errors import ReportError
from analysis.textclean import normalize

Format = Literal["txt", "docx", "pdf", "doc"]

ALLOWED_SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".docx", ".pdf", ".doc"})
MAX_BYTES = 20 * 1024 * 1024  # largest file accepted (a long report with images is ~5 MB)
MAX_XML_BYTES = 40 * 1024 * 1024  # largest inflated XML part of a .docx (zip-bomb guard)
MAX_ZIP_RATIO = 200  # refuse any .docx member that claims to inflate more than this
MIN_CJK = 20  # fewer Chinese characters than this is not a report

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

    ``text`` is normalised (see :mod:`analysis.textclean`); ``encoding`` is the text
    encoding used for .txt files, else ``None``; ``warnings`` lists non-fatal notes.
    """

    text: str
    format: Format
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def load_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a report file on disk; type and size are checked before anything is read."""
    path = Path(path)
    _check_name(path.name)
    _check_size(path.stat().st_size, max_bytes)
    return path.read_bytes()


def read_path(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read a report file from disk; the size is checked before the bytes are loaded."""
    return read_bytes(load_file(path, max_bytes=max_bytes), name=Path(path).name, max_bytes=max_bytes)


def _check_name(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ReportError(f"unsupported file type {suffix or '(none)'}: use .txt, .docx, .pdf or .doc")
    return suffix


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ReportError(f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit: split it or remove images")


def read_bytes(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> Document:
    """Extract normalised text from the bytes of a file called ``name``.

    The format comes from the content, not the name; a name whose suffix is not an
    allowed report type is refused.
    """
    suffix = _check_name(name)
    if not data.strip():
        raise ReportError("file is empty")
    _check_size(len(data), max_bytes)
    kind = sniff(data)
    if kind == "pdf":
        doc = Document(pdf_text(data), "pdf")
    elif kind == "docx":
        doc = Document(docx_text(data), "docx")
    elif kind == "doc":
        doc = Document(doc_text(data), "doc")
    else:
        if suffix in {".docx", ".pdf", ".doc"}:
            raise ReportError(f"file is named {suffix} but is not a valid {suffix} (damaged, truncated or renamed)")
        text, encoding = decode_text(data)
        doc = Document(text, "txt", encoding)
    text = normalize(doc.text)
    _require_chinese_text(text)
    return Document(text, doc.format, doc.encoding, doc.warnings)


def sniff(data: bytes) -> Format:
    """The real format of ``data`` from its first bytes."""
    if data.lstrip()[:5] == PDF_MAGIC:
        return "pdf"
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
    return _count(_common_runs(), sample) >= 0.9 * n_cjk


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
def docx_text(data: bytes) -> str:
    """All body paragraphs of a .docx in order, including text inside (nested) tables.

    Member sizes are checked against the zip directory before anything is inflated;
    ``zipfile`` never inflates past a member's declared size, so a bomb cannot get past.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_zip_sizes(archive)
    except zipfile.BadZipFile as exc:
        raise ReportError(f"damaged or truncated .docx ({exc}): open it in Word and save it again") from exc
    if "word/document.xml" not in archive.namelist():
        raise ReportError("zip file is not a Word .docx (no word/document.xml)")
    import docx  # python-docx, imported lazily: only .docx files need it

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken packages
        raise ReportError(f"damaged .docx that Word's format reader rejects ({type(exc).__name__}): save it again") from exc
    return "\n".join(_docx_blocks(document))


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


def _docx_blocks(container) -> list[str]:
    """Paragraph texts in order; a table row becomes one line, its cells joined by spaces."""
    from docx.table import Table

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                lines.append(" ".join(_row_cells(row)))
        else:
            lines.append(block.text)
    return lines


def _row_cells(row) -> list[str]:
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell repeats across its span
            continue
        seen.add(id(cell._tc))
        text = " ".join(line for line in _docx_blocks(cell) if line.strip())
        if text:
            cells.append(text)
    return cells


# ---------------------------------------------------------------- .pdf
def pdf_text(data: bytes) -> str:
    """Text of a PDF's text layer with page numbers, running headers and layout breaks removed."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReportError(f"damaged or password-protected PDF ({exc}): export it again without a password") from exc
    try:
        pages = [_page_lines(pdf[i]) for i in range(len(pdf))]
    finally:
        pdf.close()
    if sum(len("".join(p)) for p in pages) < MIN_CJK:
        raise ReportError("PDF has no text layer (scanned?): run OCR or send the Word original")
    pages = _drop_running_lines(pages)
    lines = [line for page in pages for line in page if not PAGE_NUMBER.match(line)]
    return "\n".join(rejoin_lines(lines))


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


# ---------------------------------------------------------------- .doc
DOC_TOOLS = ("antiword", "catdoc")


def doc_text(data: bytes) -> str:
    """Text of an old Word 97-2003 .doc through antiword, catdoc or LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="reports-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        for tool in DOC_TOOLS:
            if shutil.which(tool):
                args = [tool, "-w", "0", str(src)] if tool == "antiword" else [tool, "-d", "utf-8", "-w", str(src)]
                return _run_converter(args, tool).decode("utf-8", errors="replace")
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office:
            _run_converter([office, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, str(src)], "LibreOffice")
            out = Path(tmp) / "input.txt"
            if out.exists():
                return out.read_text(encoding="utf-8-sig", errors="replace")
    raise ReportError("old Word .doc format and no converter (antiword, catdoc or LibreOffice) is installed: save it as .docx")


def _run_converter(args: list[str], tool: str) -> bytes:
    try:
        done = subprocess.run(args, capture_output=True, timeout=120, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ReportError(f"{tool} took over 2 minutes on this .doc: save it as .docx") from exc
    if done.returncode != 0:
        raise ReportError(f"{tool} could not read this .doc ({done.stderr.decode(errors='replace').strip()[:120]}): save it as .docx")
    return done.stdout
