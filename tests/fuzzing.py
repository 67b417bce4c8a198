"""Seeded fuzzing of the readers: damaged copies of the seed reports in every format, saved
web pages among them (cut, torn tags, huge, deeply nested, mixed encodings, .mhtml).

``python -m tests.fuzzing --cases 3000`` (``make fuzz``) runs a large corpus through
``python -m analysis parse`` (in process) and one ``python -m analysis ingest`` batch that
also holds the good seeds, and prints the figures README reports. The test suite runs a
few hundred cases (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import subprocess
import sys
import time
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
ODD_NAMES = ["报告 (1).txt", "a;b&c.txt", "-rf.txt", "..txt", "名" * 80 + ".txt", "x.TXT", "tab\tname.txt", "new\nline.txt"]


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    how: str


def base_files() -> list[tuple[str, bytes]]:
    """Each seed as UTF-8, GBK and UTF-16 text; one as .docx, .pdf, and saved pages (.html in
    UTF-8 and GBK, .mhtml)."""
    from tests.conftest import make_docx, make_pdf

    out = []
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        stem = path.stem
        out += [
            (f"{stem}.txt", text.encode("utf-8")),
            (f"{stem}_gbk.txt", text.encode("gb18030")),
            (f"{stem}_u16.txt", text.encode("utf-16")),
        ]
    first = sorted(RAW.glob("*.txt"))[0].read_text(encoding="utf-8")
    out.append(("report.docx", make_docx(first.split("\n"), table_rows=[["指标", "数量"], ["普法", "15场次"]], table_after=3)))
    out.append(("report.pdf", make_pdf(first, header="法治政府建设")))
    out.append(("report.html", saved_page(first).encode("utf-8")))
    out.append(("report_gbk.htm", saved_page(first, charset="gbk").encode("gb18030")))
    out.append(("report.mhtml", mhtml(saved_page(first))))
    return out


def saved_page(text: str, *, charset: str = "utf-8", wrap: tuple[str, str] = ("", "")) -> str:
    """A report as a browser saves it: a head, a menu and footer around the paragraphs."""
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.split("\n") if line.strip())
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>法治政府建设情况报告</title>'
        '<script>var x = "<p>不是正文</p>";</script><style>p{margin:0}</style></head><body>'
        '<nav><a href="/">首页</a> | <a href="/zw">政务公开</a></nav>'
        f'<div class="article">{wrap[0]}{paragraphs}{wrap[1]}</div><footer>版权所有 © 某某镇人民政府</footer></body></html>'
    )


def mhtml(html: str, *, parts: int = 1, boundary: str = "----MultipartBoundary--x") -> bytes:
    """A saved page as .mhtml (quoted-printable HTML, then ``parts`` - 1 image parts)."""
    import quopri

    head = f'MIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"; boundary="{boundary}"\r\n\r\n'
    body = quopri.encodestring(html.encode("utf-8")).decode("ascii")
    out = head + f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{body}\r\n"
    for i in range(parts - 1):
        out += f"--{boundary}\r\nContent-Type: image/png\r\nContent-Location: img{i}.png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
    return (out + f"--{boundary}--\r\n").encode("ascii")


PAGE_DAMAGES = ["cut", "tags", "huge", "nested", "mixed", "mhtml"]


def _page_mutation(rng: random.Random) -> Case:
    """A saved page: cut mid-tag, tags torn, huge (one line past the length limit), deeply
    nested, in mixed encodings, or an .mhtml with damaged or many parts."""
    text = sorted(RAW.glob("*.txt"))[rng.randrange(5)].read_text(encoding="utf-8")
    how = rng.choice(PAGE_DAMAGES)
    page = saved_page(text)
    if how == "cut":
        data = page.encode("utf-8")[: rng.randrange(1, len(page.encode("utf-8")))]
    elif how == "tags":
        torn = list(page)
        for _ in range(rng.choice([5, 50, 500])):
            torn.insert(rng.randrange(len(torn)), rng.choice(["<", ">", "</div>", "<p", '"', "<!--", "]]>", "&#x0;", "&bogus;"]))
        data = "".join(torn).encode("utf-8")
    elif how == "huge":
        data = saved_page("依法行政" * rng.choice([600_000, 1_000_000])).encode("utf-8")  # one line, 2.4–4 million characters
    elif how == "nested":
        depth = rng.choice([5_000, 50_000])
        data = saved_page(text, wrap=("<div>" * depth, "</div>" * depth)).encode("utf-8")
    elif how == "mixed":
        half = len(text) // 2
        data = (
            saved_page("")
            .encode("utf-8")
            .replace(b'<div class="article">', b'<div class="article">' + text[:half].encode("utf-8") + text[half:].encode("gb18030"))
        )
        if rng.random() < 0.5:
            data = data.replace(b'charset="utf-8"', b'charset="gbk"')
    else:
        blob = mhtml(page, parts=rng.choice([1, 2, 600]))
        if rng.random() < 0.5:
            blob = blob.replace(b"----MultipartBoundary--x--", b"")[: rng.randrange(100, len(blob))]
        return Case(rng.choice(["page.mhtml", "page.mht"]), blob, "page-mhtml")
    return Case(rng.choice(["page.html", "page.htm"]), data, f"page-{how}")


def mutate(rng: random.Random, name: str, data: bytes) -> Case:
    """One damaged copy: flipped bytes, a cut, a spliced block, a broken zip member, XML edits or an odd name."""
    kind = rng.choice(["flip", "flip", "truncate", "splice", "zip", "xml", "name", "empty-ish", "page"])
    b = bytearray(data)
    if kind == "page":
        return _page_mutation(rng)
    if kind == "flip":
        for _ in range(rng.choice([1, 1, 2, 5, 50])):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif kind == "truncate":
        b = b[: rng.randrange(1, len(b))]
    elif kind == "splice":
        at = rng.randrange(len(b))
        b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
    elif kind == "zip":
        return Case(name.rsplit(".", 1)[0] + ".docx", _random_zip(rng, data), kind)
    elif kind == "xml":
        return Case(name.rsplit(".", 1)[0] + ".docx", _xml_mutation(rng), kind)
    elif kind == "name":
        return Case(rng.choice(ODD_NAMES), bytes(b), kind)
    else:
        b = bytearray(rng.choice([b" \n\t", b"\xef\xbb\xbf", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]))
    return Case(name, bytes(b), kind)


def _random_zip(rng: random.Random, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])) as z:
        warnings.simplefilter("ignore")  # duplicate member names are part of the damage
        for i in range(rng.randrange(1, 4)):
            member = rng.choice(["word/document.xml", "[Content_Types].xml", f"x{i}.bin", "word/_rels/document.xml.rels"])
            z.writestr(member, data[: rng.randrange(1, len(data))] if rng.random() < 0.5 else bytes(rng.randrange(256) for _ in range(200)))
    return buffer.getvalue()


XML_SNIPPETS = [
    b"<w:p><w:r><w:t>\xe6\xb3\x95\xe6\xb2\xbb</w:t></w:r>",  # unclosed paragraph
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:t>&b;</w:t>',
    b"<w:tbl>" * 200,
    b"<w:t>" + "依法行政".encode() * 50 + b"</w:t>",
    b"\x00\x01\x02",
    b"<w:br/><w:tab/><w:cr/>",
]


def _xml_mutation(rng: random.Random) -> bytes:
    from tests.conftest import make_docx

    text = "法治政府建设情况报告\n一、主要成效\n依法行政，普法宣传，执法规范，法律顾问。\n二、存在问题\n一是执法力量不足。"
    source = zipfile.ZipFile(io.BytesIO(make_docx(text.split("\n"))))
    xml = source.read("word/document.xml")
    at = rng.randrange(len(xml))
    xml = xml[:at] + rng.choice(XML_SNIPPETS) + xml[at + rng.randrange(0, 50) :]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            z.writestr(info.filename, xml if info.filename == "word/document.xml" else source.read(info.filename))
    return buffer.getvalue()


def corpus(n: int, *, seed: int = 20261125) -> list[Case]:
    rng = random.Random(seed)
    bases = base_files()
    return [mutate(rng, *bases[rng.randrange(len(bases))]) for _ in range(n)]


def parse_in_process(path: Path) -> tuple[int, str]:
    """``python -m analysis parse PATH`` run in this process: (exit code, stderr)."""
    from analysis.cli import main

    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = main(["parse", str(path)])
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
        except BaseException as exc:  # noqa: BLE001 - what we count
            code, err = -1, io.StringIO(f"Traceback: {type(exc).__name__}: {exc}")
    return code, err.getvalue()


@dataclass(frozen=True)
class FuzzResult:
    cases: int
    parse_codes: Counter
    tracebacks: list[str]
    ingest_code: int
    good_stored: int
    good_total: int
    seconds: float


def run(folder: Path, n: int, *, seed: int = 20261125, python: str = sys.executable) -> FuzzResult:
    """Write ``n`` cases under ``folder`` (each in a sub-folder: odd names may repeat), parse each,
    then ingest all of them with the good seeds in one batch."""
    started = time.monotonic()
    cases = corpus(n, seed=seed)
    codes: Counter = Counter()
    tracebacks = []
    for i, case in enumerate(cases):
        where = folder / "cases" / f"{i:05d}"
        where.mkdir(parents=True)
        path = where / case.name.replace("/", "_")
        path.write_bytes(case.data)
        code, err = parse_in_process(path)
        codes[code] += 1
        if code not in (0, 2) or "Traceback" in err:
            tracebacks.append(f"{i} {case.how} {case.name!r}: {err.strip()[-300:]}")
    good = folder / "cases" / "good"  # listed after the numbered cases
    good.mkdir()
    for path in sorted(RAW.glob("*.txt")):  # the seeds under a year no damaged copy has
        text = path.read_text(encoding="utf-8")
        (good / path.name).write_text(text.replace("2021", "2031").replace("2022", "2032").replace("2023", "2033"), encoding="utf-8")
    db = folder / "fuzz.duckdb"
    done = subprocess.run(
        [python, "-m", "analysis", "ingest", str(folder / "cases"), "--db", str(db)], cwd=ROOT, capture_output=True, text=True
    )
    if "Traceback" in done.stderr or done.returncode not in (0, 2):
        tracebacks.append(f"ingest exit {done.returncode}: {done.stderr.strip()[-500:]}")
    from analysis.storage import store

    with store.connect(db, read_only=True) as con:
        names = {r[0] for r in con.execute("SELECT file FROM reports").fetchall()}
    stored = sum(p.name in names for p in good.iterdir())
    return FuzzResult(n, codes, tracebacks, done.returncode, stored, len(list(good.iterdir())), time.monotonic() - started)


def main(argv: list[str] | None = None) -> int:
    import tempfile

    parser = argparse.ArgumentParser(description="fuzz the readers with damaged copies of the seed reports")
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        result = run(Path(tmp), args.cases, seed=args.seed)
    print(
        f"{result.cases} cases (seed {args.seed}) in {result.seconds:.0f} s: parse exit codes {dict(sorted(result.parse_codes.items()))}; "
        f"ingest exit {result.ingest_code}; good files stored {result.good_stored}/{result.good_total}; tracebacks {len(result.tracebacks)}"
    )
    for line in result.tracebacks[:20]:
        print("  " + line)
    return 1 if result.tracebacks or result.good_stored != result.good_total else 0


if __name__ == "__main__":
    sys.exit(main())
