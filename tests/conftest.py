"""Shared fixtures: the five seed reports, format variants built on the fly, and stores."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

# OpenBLAS's threads, one per core, make SciPy's L-BFGS (the register's word classifier, fitted
# once per register) 10–15× slower on a busy 2-core machine than one thread (the three-county
# cross-validation: 44 s against 3 s). Set before NumPy is first imported (nothing above imports
# it); the processes tests start (CLI runs, the dashboard's server, parse workers) inherit it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

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
    from analysis.refresh import derived
    from analysis.storage import store
    from analysis.storage.ingest import ingest_paths

    db = tmp_path_factory.mktemp("seeddb") / "reports.duckdb"
    outcomes = ingest_paths([RAW], db=db, workers=1)
    assert [o.status for o in outcomes] == ["stored"] * 5
    with store.connect(db) as con:
        derived.refresh(con)
    return db


@pytest.fixture
def app_db(tmp_path, seed_db, monkeypatch):
    """A copy of the seed store that the dashboard (AppTest) reads, with no admin password."""
    import shutil

    db = tmp_path / "app.duckdb"
    shutil.copy(seed_db, db)
    monkeypatch.setenv("REPORTS_DB", str(db))
    monkeypatch.delenv("REPORTS_ADMIN_PASSWORD", raising=False)
    return db


def run_here(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` run in this process: its exit code and what it printed, as
    ``subprocess.run(..., capture_output=True, text=True)`` gives them, without starting
    Python and importing the project again (a second or more a run on a busy machine). For
    tests about what a command does; tests about the process itself (a kill, a time limit, the
    entry point) start one. ``env``: variables set for the run."""
    from analysis.cli import main

    out, err = io.BytesIO(), io.StringIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(err):
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        stdout.flush()
    text = io.TextIOWrapper(io.BytesIO(out.getvalue()), encoding="utf-8").read()  # universal newlines, as text=True reads
    return subprocess.CompletedProcess(["analysis", *args], code, text, err.getvalue())


def town_names(values) -> list[str]:
    """The townships of a table's 乡镇 links (their 乡镇画像 addresses, ?pf_town=肖咀镇（合水县）)."""
    from urllib.parse import parse_qs, urlsplit

    return [parse_qs(urlsplit(v).query)["pf_town"][0].rsplit("（", 1)[0] for v in values]


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


def report_text(township: str, county: str, year: int, *, achievements: list[str], problems: list[str], plans: list[str]) -> str:
    """A small, well-formed report built inline for analysis tests."""
    cn = "一二三四五六七八九十"
    lines = [
        f"{county}{township}人民政府",
        f"关于{year}年度法治政府建设情况的报告",
        "县委依法治县办：",
        f"现将{year}年情况报告如下：",
        "一、主要举措和成效",
        *achievements,
        "二、存在的问题和不足",
        *[f"（{cn[i]}）{p}" for i, p in enumerate(problems)],
        "三、下一步工作计划",
        *[f"（{cn[i]}）{p}" for i, p in enumerate(plans)],
    ]
    return "\n".join(lines) + "\n"


SHARED_PARAGRAPH = (
    "我们坚持把法治宣传教育作为基础性工作，组织干部群众深入学习宪法和民法典，推动法律知识进村入户。"
    "同时依托村级公共法律服务室为群众提供法律咨询，引导群众遇事找法、办事依法、解决问题靠法。"
    "通过以案说法和法治讲座等形式，群众的法治意识和依法维权能力明显增强，基层法治氛围日益浓厚。"
)


@pytest.fixture(scope="session")
def constructed_db(tmp_path_factory) -> Path:
    """Three constructed reports: 高楠镇 2021 and 2022 (same problem twice, one plan followed, one
    not) and 桑柘镇 2022, which copies a paragraph of 高楠镇 2022."""
    from analysis.refresh import derived
    from analysis.storage import store
    from analysis.storage.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("constructed")
    (folder / "高楠镇_2021.txt").write_text(
        report_text(
            "高楠镇",
            "城口县",
            2021,
            achievements=["全年开展普法宣传活动12次，发放宣传资料3000份，组织干部集中学法6次。"],
            problems=["执法人员数量不足，执法力量薄弱，难以满足行政执法工作需要。", "普法宣传形式比较单一，群众参与度不高。"],
            plans=["加强矛盾纠纷排查化解，深化人民调解工作，做到小事不出村、大事不出镇。", "建设法治文化公园，打造法治宣传阵地。"],
        ),
        encoding="utf-8",
    )
    (folder / "高楠镇_2022.txt").write_text(
        report_text(
            "高楠镇",
            "城口县",
            2022,
            achievements=["深化矛盾纠纷排查化解，全年调处矛盾纠纷120件，人民调解工作扎实开展，小事不出村、大事不出镇。", SHARED_PARAGRAPH],
            problems=["执法人员数量不足，执法力量依然薄弱，难以满足行政执法工作需要。"],
            plans=["持续推进法治政府建设。"],
        ),
        encoding="utf-8",
    )
    (folder / "桑柘镇_2022.txt").write_text(
        report_text(
            "桑柘镇",
            "彭水苗族土家族自治县",
            2022,
            achievements=["全年开展法治宣传活动8次，接受群众法律咨询200人次。", SHARED_PARAGRAPH],
            problems=["基层法治机构不健全，缺少专职法制工作人员。"],
            plans=["加强法治队伍建设。"],
        ),
        encoding="utf-8",
    )
    db = tmp_path_factory.mktemp("constructed_db") / "reports.duckdb"
    assert [o.status for o in ingest_paths([folder], db=db, workers=1)] == ["stored"] * 3
    with store.connect(db) as con:
        derived.refresh(con)
    return db


SYNTHETIC = 70  # 10 townships × 7 years, plus the five seeds


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """SYNTHETIC synthetic reports (bench.synthetic, seed 11) in a folder."""
    from bench.synthetic import generate

    folder = tmp_path_factory.mktemp("synthetic")
    generate(SYNTHETIC, folder, seed=11)
    return folder


@pytest.fixture(scope="session")
def grown_db(tmp_path_factory, corpus) -> Path:
    """Seeds and synthetic reports stored in three batches, one report replaced, two deleted
    (tests/test_summary.py and tests/test_precomputed.py, which run in one process: see below)."""
    from analysis.storage import store
    from analysis.storage.ingest import ingest_paths, ingest_uploads

    db = tmp_path_factory.mktemp("summary") / "reports.duckdb"
    files = sorted(corpus.glob("*.txt"))
    assert [o.status for o in ingest_paths([RAW], db=db, workers=1)] == ["stored"] * 5
    ingest_paths(files[:40], db=db, workers=1)
    ingest_paths(files[40:], db=db, workers=2)
    replaced = (
        files[3].read_text(encoding="utf-8").replace("存在的不足和原因", "存在的不足和原因\n一是新增的一条问题，执法人员明显不足。", 1)
    )
    outcome = ingest_uploads([(files[3].name, replaced.encode())], db=db, replace=True)
    assert [o.status for o in outcome] == ["replaced"]
    with store.connect(db) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM reports WHERE file LIKE 'synthetic_0001%' ORDER BY id LIMIT 2").fetchall()]
        assert store.delete_reports(con, ids) == 2
    return db


# Under pytest-xdist (``make test``'s two processes, ``--dist loadgroup``) the tests of one group
# run in one process: a store or server built once per process (a session or module fixture) is
# then built once, not once in each. The browser tests share one dashboard server and one Chromium.
GROUPS = {
    "test_browser": "browser",
    "test_summary": "grown",  # grown_db
    "test_precomputed": "grown",
    "test_brief": "brief",  # seed_brief, p2_db
    "test_incremental": "incremental",  # files
    "test_compare": "compare",  # figures_db
}


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` with the groups above, each other test sent on its own. (xdist 3.8's
    own grouping renames a test's node id, which pytest 9 no longer reads: its groups are lost.)"""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::")[0].rpartition("/")[2].removesuffix(".py")
            return GROUPS.get(module, nodeid)

    return GroupScheduling(config, log)


def pytest_collection_finish(session) -> None:
    """Each new AppTest scans every installed distribution's metadata for Streamlit components
    (about 0.1 s of CPU, several hundred AppTests a run); the packages do not change during a
    run, so where the collected tests use AppTest the scan is done once per test process and its
    answer reused. The dashboard's server (the browser tests) still scans as it starts."""
    import functools
    import sys

    if "streamlit.testing.v1" not in sys.modules:
        return
    from streamlit.components.v2 import manifest_scanner

    scanned = functools.cache(manifest_scanner.scan_component_manifests)
    session.config.add_cleanup(
        functools.partial(setattr, manifest_scanner, "scan_component_manifests", manifest_scanner.scan_component_manifests)
    )
    manifest_scanner.scan_component_manifests = lambda max_workers=None: list(scanned(max_workers))


def summary_contents(con) -> dict[str, list[tuple]]:
    """The summary's two tables, term_year summed per key (writes append their counts; readers sum)."""
    return {
        "report_stats": con.execute("SELECT * FROM report_stats ORDER BY ALL").fetchall(),
        "term_year": con.execute(
            "SELECT year, kind, located, term, sum(n), sum(reports) FROM term_year GROUP BY ALL HAVING sum(reports) > 0 ORDER BY ALL"
        ).fetchall(),
    }


def parsed_text(folder: Path, name: str, text: str):
    """The report ``text`` parsed as the file ``name`` in ``folder`` (a test's own report)."""
    from analysis.parse.report import parse_path

    path = folder / name
    path.write_text(text, encoding="utf-8")
    return parse_path(path)
