"""Shared fixtures: the five seed reports, format variants built on the fly, and stores."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SEEDS = {p.stem.split("_")[0]: p for p in sorted(RAW.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    """township → path of its seed report in data/raw."""
    return dict(SEEDS)


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {name: path.read_text(encoding="utf-8") for name, path in SEEDS.items()}


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """A store holding the five seeds, with derived tables refreshed."""
    from analysis import derived, store
    from analysis.ingest import ingest_paths

    db = tmp_path_factory.mktemp("seeddb") / "reports.duckdb"
    outcomes = ingest_paths([RAW], db=db, workers=1)
    assert [o.status for o in outcomes] == ["stored"] * 5
    with store.connect(db) as con:
        derived.refresh(con)
    return db


def make_docx(paragraphs: list[str], *, table_rows: list[list[str]] | None = None, table_after: int = 0) -> bytes:
    """A real .docx built with python-docx; an optional table after paragraph ``table_after``."""
    import docx

    document = docx.Document()
    for i, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if table_rows and i == table_after:
            table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
            for r, row in enumerate(table_rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(text: str, *, header: str = "", width: int = 36) -> bytes:
    """A text-layer PDF in reportlab's built-in CID font STSong-Light, lines broken at ``width``
    characters, with a running header and a page number on each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    w, h = A4
    page, y = 1, h - 80

    def decorate() -> None:
        c.setFont("STSong-Light", 9)
        if header:
            c.drawString(72, h - 50, header)
        c.drawString(w / 2, 40, f"- {page} -")

    for para in (p.strip() for p in text.split("\n")):
        for i in range(0, len(para), width):
            if y < 80:
                decorate()
                c.showPage()
                page, y = page + 1, h - 80
            c.setFont("STSong-Light", 12)
            c.drawString(72, y, para[i : i + width])
            y -= 18
    decorate()
    c.save()
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


RECIPE = (
    "红烧肉的做法\n主料：五花肉500克，冰糖30克，生抽两勺，老抽一勺。\n"
    "一、五花肉切成三厘米见方的块，冷水下锅焯水，撇去浮沫后捞出沥干。\n"
    "二、锅中放少许油，加入冰糖小火炒出糖色，倒入肉块翻炒上色。\n"
    "三、加入生抽、老抽、料酒和开水，没过肉块，大火烧开后转小火炖一小时。\n"
    "四、大火收汁，撒上葱花即可出锅。肥而不腻，入口即化，是一道家常名菜。\n"
)
