"""Ingest and store: idempotence, conflicts, replace, bad files in a batch, exit codes, kill mid-batch."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pytest

from analysis.storage import store, tables
from analysis.storage.ingest import collect_paths, ingest_paths, ingest_uploads, prepared_stream, summary
from tests.conftest import RAW, RECIPE, ROOT, make_docx, run_here

PY = sys.executable


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS``, its output captured (run in this process: see run_here)."""
    return run_here(*args, env=env)


def counts(db: Path) -> dict[str, int]:
    with store.connect(db, read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reports", "sections", "items", "indicators", "terms")}


def test_seed_store_contents(seed_db):
    with store.connect(seed_db, read_only=True) as con:
        df = tables.reports(con)
        assert list(df.township) == ["大张楼镇", "桑柘镇", "肖咀镇", "长坪乡", "高楠镇"]
        assert list(df.problems) == [4, 2, 3, 3, 2]
        assert list(df.plans) == [3, 6, 4, 4, 3]
        assert list(df.indicators) == [0, 17, 13, 11, 11]  # 肖咀镇: 建成…综合工作中心一处 counts one
        kinds = con.execute("SELECT kind, count(*) FROM sections GROUP BY kind ORDER BY kind").fetchall()
        assert kinds == [("achievements", 5), ("duty", 2), ("other", 1), ("plans", 5), ("preamble", 5), ("problems", 5), ("suggestions", 1)]
        n = con.execute(
            "SELECT n FROM terms t JOIN reports r ON r.id = t.report_id WHERE r.township = '肖咀镇' AND term = '执法人员' AND section = 2"
        ).fetchone()[0]
        assert n == 2


def test_same_file_twice_is_duplicate(tmp_path):
    db = tmp_path / "r.duckdb"
    first = ingest_paths([RAW / "肖咀镇_2023.txt"], db=db)
    second = ingest_paths([RAW / "肖咀镇_2023.txt"], db=db)
    assert [o.status for o in first] == ["stored"]
    assert [(o.status, o.detail) for o in second] == [("duplicate", "same content as stored 肖咀镇_2023.txt, skipped")]
    assert counts(db)["reports"] == 1


def test_second_file_for_same_township_year_needs_replace(tmp_path):
    db = tmp_path / "r.duckdb"
    ingest_paths([RAW / "肖咀镇_2023.txt"], db=db)
    edited = tmp_path / "肖咀镇修订版.txt"
    edited.write_text((RAW / "肖咀镇_2023.txt").read_text(encoding="utf-8") + "\n补充说明：已完成整改。", encoding="utf-8")
    rejected = ingest_paths([edited], db=db)
    assert [(o.status, o.detail) for o in rejected] == [
        ("rejected", "肖咀镇 2023 is already stored from 肖咀镇_2023.txt: use --replace to replace it")
    ]
    before = {k: v for k, v in counts(db).items() if k != "terms"}
    replaced = ingest_paths([edited], db=db, replace=True)
    assert [(o.status, o.detail) for o in replaced] == [("replaced", "肖咀镇 2023")]
    assert {k: v for k, v in counts(db).items() if k != "terms"} == before
    with store.connect(db, read_only=True) as con:
        assert con.execute("SELECT file FROM reports").fetchall() == [("肖咀镇修订版.txt",)]


def test_bad_files_never_stop_the_batch(tmp_path, seed_texts):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a_empty.txt").write_bytes(b"")
    (folder / "b_random.txt").write_bytes(os.urandom(3000))
    (folder / "c_recipe.txt").write_text(RECIPE, encoding="utf-8")
    (folder / "d_broken.docx").write_bytes(make_docx(["法治"] * 50)[:2000])
    (folder / "e_长坪乡.docx").write_bytes(make_docx(seed_texts["长坪乡"].split("\n")))
    (folder / "f_桑柘镇.txt").write_bytes(seed_texts["桑柘镇"].encode("gbk"))
    (folder / "g_table.xlsx").write_bytes(b"PK\x03\x04")
    (folder / ".hidden.txt").write_text("ignored", encoding="utf-8")
    db = tmp_path / "r.duckdb"
    result = run_cli("ingest", str(folder), "--db", str(db))
    assert result.returncode == 2
    lines = result.stdout.strip().split("\n")
    assert lines == [
        "rejected: a_empty.txt: file is empty",
        "rejected: b_random.txt: file is not UTF-8, GBK/GB18030 or UTF-16 text that reads as Chinese (a binary file, another encoding, or garbled text): save it as UTF-8 or .docx",
        "rejected: c_recipe.txt: not a rule-of-law report: only 0 mentions of 法治/依法/普法/执法/法律 (is this the right file?)",
        "rejected: d_broken.docx: damaged or truncated .docx (File is not a zip file): open it in Word and save it again",
        "rejected: g_table.xlsx: unsupported file type .xlsx: use .txt, .docx, .pdf, .doc or a saved web page (.html)",
        "7 files: 2 stored, 0 replaced, 0 duplicate, 5 rejected",
    ]
    assert counts(db)["reports"] == 2


DOCS = ROOT / "tests" / "data" / "doc"
P41_REPORTS = ROOT / "tests" / "data" / "independent" / "P41" / "reports"


@pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed (make test installs it)"
)
def test_old_word_files_read_by_libreoffice_in_parallel_workers(tmp_path):
    """Four .doc among four .txt, two workers, a real LibreOffice: all stored, each .doc with the
    text it was saved from (parallel LibreOffice instances once shared a profile and refused half)."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for doc in DOCS.glob("*.doc"):
        shutil.copy(doc, folder)
    for name in ("2023_古夫镇", "2023_城关镇", "2023_巴克什营镇", "2023_昭君镇"):
        shutil.copy(P41_REPORTS / f"{name}.txt", folder)
    db = tmp_path / "r.duckdb"
    from analysis.read.reading import read_bytes

    outcomes = ingest_paths([folder], db=db, workers=2)
    assert sorted((o.name, o.status) for o in outcomes if o.name.endswith(".doc")) == [
        ("2022_古夫镇.doc", "stored"),
        ("2022_城关镇.doc", "stored"),
        ("2022_峡口镇.doc", "stored"),
        ("2022_巴克什营镇.doc", "stored"),
    ]
    assert {o.status for o in outcomes} == {"stored"}
    with store.connect(db, read_only=True) as con:
        stored = dict(con.execute("SELECT file, chars FROM reports WHERE format = 'doc'").fetchall())
    source = {doc.name: read_bytes((P41_REPORTS / f"{doc.stem}.txt").read_bytes(), name="a.txt").text for doc in DOCS.glob("*.doc")}
    assert stored == {name: len(text) for name, text in source.items()}


def test_clean_batch_exits_zero_and_env_db(tmp_path):
    db = tmp_path / "env.duckdb"
    result = run_cli("ingest", str(RAW / "高楠镇_2022.txt"), env={"REPORTS_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("1 files: 1 stored, 0 replaced, 0 duplicate, 0 rejected")
    assert counts(db)["reports"] == 1


def test_parse_cli_prints_json_and_stores_nothing(tmp_path):
    result = run_cli("parse", str(RAW / "长坪乡_2022.txt"), env={"REPORTS_DB": str(tmp_path / "none.duckdb")})
    import json

    data = json.loads(result.stdout)
    assert (data["township"], data["county"], data["year"], len(data["problems"])) == ("长坪乡", "万州区", 2022, 3)
    assert not (tmp_path / "none.duckdb").exists()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = run_cli("parse", str(bad))
    assert (result.returncode, result.stderr.strip()) == (2, "rejected: bad.txt: file is empty")


def test_upload_names_are_labels_not_paths(tmp_path, seed_texts):
    db = tmp_path / "r.duckdb"
    outcomes = ingest_uploads([("../../etc/高楠镇.txt", seed_texts["高楠镇"].encode("utf-8"))], db=db)
    assert [(o.name, o.status) for o in outcomes] == [("高楠镇.txt", "stored")]
    assert summary(outcomes) == "1 files: 1 stored, 0 replaced, 0 duplicate, 0 rejected"


# `make test` kills the two-worker ingest (the pool's results committed by the parent); the
# one-process form, which commits the same groups, runs in `make test-all`
@pytest.mark.parametrize("workers", [pytest.param("1", marks=pytest.mark.slow), "2"])
def test_killed_mid_batch_loses_nothing_committed(tmp_path, seed_texts, workers):
    folder = tmp_path / "many"
    folder.mkdir()
    base = seed_texts["肖咀镇"]
    for i in range(400):
        (folder / f"r{i:03d}.txt").write_text(base.replace("2023年", f"{1990 + i % 30}年") + f"\n附：编号{i}", encoding="utf-8")
    db = tmp_path / "kill.duckdb"
    proc = subprocess.Popen(
        [PY, "-m", "analysis", "ingest", str(folder), "--db", str(db), "--workers", workers, "--no-refresh", "--replace"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.2)
        wal = db.with_suffix(".duckdb.wal")
        if wal.exists() and wal.stat().st_size > 64_000:  # the first group has committed (the schema alone is ~2 KB)
            break
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL  # killed mid-batch, not after it finished
    with store.connect(db, read_only=True) as con:
        n_reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
        orphans = con.execute("SELECT count(*) FROM sections WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
        half = con.execute(
            "SELECT count(*) FROM reports r WHERE (SELECT count(*) FROM sections s WHERE s.report_id = r.id) <> 4 OR (SELECT count(*) FROM items i WHERE i.report_id = r.id AND kind = 'problem') <> 3"
        ).fetchone()[0]
    assert 0 < n_reports
    assert (orphans, half) == (0, 0)
    # the store takes the next ingest and ends complete: the batch's last 30 files, one of each
    # township-year, replacing what the killed run stored (all 400 again: 370 replacements, ~15 CPU s)
    last = sorted(folder.glob("*.txt"))[-30:]
    again = run_cli("ingest", *map(str, last), "--db", str(db), "--no-refresh", "--replace")
    assert again.returncode == 0, again.stdout
    assert counts(db)["reports"] == 30


def test_store_is_copyable_while_closed(tmp_path, seed_db):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(seed_db, copy)
    assert counts(copy)["reports"] == 5


@pytest.mark.parametrize("table", ["reports", "sections", "problems", "plans", "indicators"])
def test_export_tables(seed_db, table):
    result = run_cli("export", table, "--db", str(seed_db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("\ufeff")


def test_folders_are_listed_in_path_order_without_hidden_files(tmp_path):
    for name in ("b/c/4.txt", "b/5.txt", "a/1.txt", "a.txt", "B/6.txt", "a/.x.txt", "a/.h/2.txt", ".git/3.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    listed = collect_paths([tmp_path, tmp_path / "a" / ".x.txt"])  # a file named explicitly is taken as it is
    assert [p.relative_to(tmp_path).as_posix() for p in listed] == ["B/6.txt", "a/1.txt", "a.txt", "b/5.txt", "b/c/4.txt", "a/.x.txt"]


def test_worker_pool_and_one_process_prepare_the_same_rows(tmp_path, seed_texts):
    paths = []
    for i, (town, text) in enumerate(sorted(seed_texts.items()) * 4):
        paths.append(tmp_path / f"{i:02d}_{town}.txt")
        paths[-1].write_text(text.replace("202", "201") if i >= 5 else text, encoding="utf-8")

    def rows(workers: int) -> dict[str, pa.Table]:
        batches = list(prepared_stream(paths, workers=workers))
        assert [f.name for b in batches for f in b.files] == [p.name for p in paths]  # input order
        tables = {name: pa.concat_tables([b.tables[name] for b in batches]) for name in store.ROW_TABLES}
        # the first column is a report's place in its chunk, and chunks differ with the worker count
        return {name: table.drop_columns([table.column_names[0]]) for name, table in tables.items()}

    one, pooled = rows(1), rows(2)
    assert gc.get_freeze_count() == 0  # the objects frozen for the fork are collected again in this process
    assert one["reports"].num_rows == pooled["reports"].num_rows == 20
    for name in store.ROW_TABLES:
        a, b = (t.drop_columns(["ingested_at"]) if name == "reports" else t for t in (one[name], pooled[name]))
        assert a.equals(b), name


@pytest.mark.parametrize("n", [pytest.param(300, marks=pytest.mark.slow, id="300"), pytest.param(100, id="100")])
def test_readers_work_while_a_bulk_ingest_runs(tmp_path, seed_texts, n):
    """The dashboard's reads (a connection per query) keep working during `analysis ingest` of
    ``n`` reports (`make test`: 100)."""
    folder = tmp_path / "bulk"
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i:03d}.txt").write_text(seed_texts["长坪乡"].replace("2022", str(1700 + i)) + f"\n编号{i}", encoding="utf-8")
    db = tmp_path / "busy.duckdb"
    ingest_paths([RAW / "高楠镇_2022.txt"], db=db)
    proc = subprocess.Popen(
        [PY, "-m", "analysis", "ingest", str(folder), "--db", str(db), "--no-refresh"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen = []
    while proc.poll() is None:
        with store.connect(db, read_only=True) as con:
            seen.append(con.execute("SELECT count(*) FROM reports").fetchone()[0])
    assert proc.returncode == 0
    assert seen and seen == sorted(seen) and seen[0] >= 1
    assert counts(db)["reports"] == 1 + n


def test_a_huge_one_line_page_is_refused_in_seconds(tmp_path):
    import time

    page = ("<html><body><p>" + "<span>法治</span> rule of law " * 200_000 + "</p></body></html>").encode()
    assert len(page) > 5 * 1024 * 1024
    started = time.monotonic()
    outcomes = ingest_uploads([("huge.html", page)], db=tmp_path / "s.duckdb")
    assert time.monotonic() - started < 10
    assert [(o.status, o.detail) for o in outcomes] == [
        (
            "rejected",
            "网页的标签超过 50,000 个，不像一份报告 / web page has over 50,000 tags: not one report (copy the report's text into a .txt file)",
        )
    ]


SLOW_PAGE = ("<html><body><p>" + "<span>法治</span>" * 24_000 + "</p></body></html>").encode()  # 0.9–2 s to parse
OVER_A_SECOND = (
    "解析超时（超过 1 秒），已停止 / took over 1 s to read: not one report, or a damaged file (copy the report's text into a .txt file)"
)


def test_an_upload_that_runs_over_is_stopped_and_the_next_file_parsed(tmp_path, monkeypatch, seed_texts):
    # half a second, as below: on a quiet host the page takes 0.86 s of CPU to parse, under a second
    monkeypatch.setenv("REPORTS_PARSE_SECONDS", "0.5")
    outcomes = ingest_uploads([("slow.html", SLOW_PAGE), ("高楠镇.txt", seed_texts["高楠镇"].encode())], db=tmp_path / "s.duckdb")
    over = OVER_A_SECOND.replace("1 秒", "0.5 秒").replace("over 1 s", "over 0.5 s")
    assert [(o.status, o.detail) for o in outcomes] == [("rejected", over), ("stored", "高楠镇 2022")]


# ------------------------------------------------------------------ the CLI's parse: the upload's limits
@pytest.mark.parametrize("count", [1, 20])  # a small batch (one worker) and a bulk one (a pool)
def test_the_cli_ingest_stops_a_file_past_its_time_and_goes_on(tmp_path, monkeypatch, seed_texts, count):
    from analysis.storage import ingest

    # half a second: the page takes 1.1–2 s to parse here, so a fast moment of a fast host still runs over (at 1 s it once did not)
    monkeypatch.setenv("REPORTS_PARSE_SECONDS", "0.5")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a_slow.html").write_bytes(SLOW_PAGE)
    texts = list(seed_texts.values())
    for i in range(count):  # the five seeds, then copies of them (duplicates)
        (tmp_path / "in" / f"b{i:02d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    outcomes = ingest_paths([tmp_path / "in"], db=tmp_path / "s.duckdb", workers=2, publish=False)
    slow = [o for o in outcomes if o.name == "a_slow.html"]
    assert slow == [ingest.Outcome("a_slow.html", "rejected", OVER_A_SECOND.replace("1 秒", "0.5 秒").replace("over 1 s", "over 0.5 s"))]
    rest = sorted(o.status for o in outcomes if o.name != "a_slow.html")
    assert rest == sorted(["stored"] * min(count, 5) + ["duplicate"] * max(count - 5, 0))


@pytest.mark.parametrize("code", [28, 27])  # ENOSPC, EFBIG
def test_a_converter_on_a_full_disk_says_the_disk_is_full(monkeypatch, code):
    from analysis.storage import ingest

    def full(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(ingest, "parse_bytes", full)
    assert ingest.prepare_bytes("a.doc", b"x").error == ingest.DISK_REASON


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        (
            "one_line",
            "网页文字超过 2,000,000 字，不是一份报告（请拆分）/ web page has over 2,000,000 characters of text: not one report (split it)",
        ),
        (
            "nested",
            "网页的标签超过 50,000 个，不像一份报告 / web page has over 50,000 tags: not one report (copy the report's text into a .txt file)",
        ),
    ],
)
def test_a_19_mb_saved_page_is_refused_by_the_upload_worker(tmp_path, kind, reason):
    """The fast form of tests/test_browser.py::test_a_19_mb_saved_page_upload_keeps_other_sessions_going."""
    from bench.upload_load import PAGES

    started = time.monotonic()
    outcomes = ingest_uploads([(f"{kind}.html", PAGES[kind]())], db=tmp_path / "s.duckdb")
    assert time.monotonic() - started < 30
    assert [(o.status, o.detail) for o in outcomes] == [("rejected", reason)]


def test_memory_freed_by_an_uploads_rows_is_given_back_to_the_system():
    """pyarrow's allocator keeps freed memory for reuse (in the dashboard's server: for good)."""
    from analysis.storage.ingest import give_back_memory
    from analysis.storage.workers import resident

    give_back_memory()
    before = pa.total_allocated_bytes()  # what other tests in this process still hold
    tables = [pa.table({"s": pa.array([f"句子{i}" for i in range(k, k + 20_000)])}) for k in range(0, 2_000_000, 20_000)]
    del tables
    held = resident(os.getpid())
    assert pa.total_allocated_bytes() == before
    give_back_memory()
    assert held - resident(os.getpid()) > 30 * 1024 * 1024  # ~50 MB held before, ~0 after


def test_uploads_the_raw_bytes_refuse_never_reach_a_worker(tmp_path, monkeypatch, seed_texts):
    """A text file too long to be one report, an empty one, a wrong type: refused in the server
    by a look at their bytes (nothing decoded, no worker started); the good file after them is stored."""
    from analysis.storage.workers import ParsePool

    starts = []
    monkeypatch.setattr(ParsePool, "_start", lambda self, start=ParsePool._start: starts.append(1) or start(self))
    files = [("long.txt", b"a" * 8_000_005), ("empty.txt", b" \n"), ("x.exe", b"abc")]
    outcomes = ingest_uploads(files, db=tmp_path / "s.duckdb")
    assert ([(o.name, o.status, o.detail) for o in outcomes], starts) == (
        [
            ("long.txt", "rejected", "file has over 2,000,000 characters of text: not one report (split it)"),
            ("empty.txt", "rejected", "file is empty"),
            ("x.exe", "rejected", "unsupported file type .exe: use .txt, .docx, .pdf, .doc or a saved web page (.html)"),
        ],
        [],
    )
    outcomes = ingest_uploads([*files[:1], ("高楠镇.txt", seed_texts["高楠镇"].encode())], db=tmp_path / "s.duckdb")
    assert ([o.status for o in outcomes], starts) == (["rejected", "stored"], [1])


def test_an_upload_reaches_its_worker_as_a_file_not_as_pickled_bytes(tmp_path, monkeypatch, seed_texts):
    """The server writes the bytes once to a temporary file; the worker reads and removes it (a
    worker that died before: the folder goes at the end); the pool's pipe carries a name and a path."""
    from analysis.storage import workers

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    sent = []
    send = workers._send
    monkeypatch.setattr(workers, "_send", lambda w: sent.append(len(pickle.dumps(w.slot.items))) or send(w))
    data = seed_texts["高楠镇"].encode() * 3  # 3 copies of a report: still one report's size
    outcomes = ingest_uploads([("高楠镇.txt", data)], db=tmp_path / "s.duckdb")
    assert [o.status for o in outcomes] == ["stored"]
    assert len(data) > 20_000 and sent and max(sent) < 500
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.duckdb", "s.duckdb.snapshots"]  # the upload's folder removed


KEPT_AFTER_A_COPY = """
import os, sys
from analysis.storage.ingest import unmap_big_buffers
from analysis.storage.workers import resident
if sys.argv[1] == "unmapped":
    assert unmap_big_buffers()
size = 19 * 1024 * 1024
first = b"x" * size  # a page's file, copied by a run of the page and freed
del first
before = resident(os.getpid())
second = b"y" * size  # the next run's copy
del second
print((resident(os.getpid()) - before) // (1024 * 1024))
"""


@pytest.mark.parametrize(("mode", "kept"), [("unmapped", False), ("glibc's default", True)])
def test_freed_copies_of_an_uploaded_file_are_given_back_at_once(mode, kept):
    """Streamlit deep-copies an uploaded file's bytes on each run of the page that shows it; by
    glibc's default the second such 19 MB block comes from the heap and stays there when freed."""
    done = subprocess.run([sys.executable, "-c", KEPT_AFTER_A_COPY, mode], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (int(done.stdout) >= 15) is kept  # MB still resident after the second copy is freed


def test_a_store_tagged_with_older_area_cues_is_tagged_again_on_opening(tmp_path):
    """The achievement paragraphs' areas (全面依法 coverage) follow data/area_cues.csv and data/themes.csv: a store
    whose paragraphs were put to their areas with other cues is put to them again when next opened (a reader
    publishes it), a 第一责任人 paragraph about the duty as at ingest."""
    db = tmp_path / "old.duckdb"
    ingest_paths([RAW], db=db, workers=1)
    query = "SELECT report_id, ord, themes FROM items WHERE kind = 'achievement' ORDER BY report_id, ord"
    with store.connect(db) as con:
        before = con.execute(query).fetchall()
        duty = con.execute(
            """SELECT count(*) FROM items i WHERE i.kind = 'achievement'
               AND EXISTS (SELECT 1 FROM sections s WHERE s.report_id = i.report_id AND s.kind = 'duty' AND contains(s.text, i.text))"""
        ).fetchone()[0]
        con.execute("UPDATE items SET themes = ['旧的主题'] WHERE kind = 'achievement'")
        con.execute(f"DELETE FROM meta WHERE key = '{store.AREA_RULES_KEY}'")
        assert not store.areas_current(con)
    with store.connect(db, read_only=True) as con:
        assert con.execute(query).fetchall() == before
        assert store.areas_current(con)
    assert len(before) > 20 and duty > 0
    with store.connect(db, read_only=True) as con:
        duty_themes = con.execute(
            """SELECT i.themes FROM items i WHERE i.kind = 'achievement'
               AND EXISTS (SELECT 1 FROM sections s WHERE s.report_id = i.report_id AND s.kind = 'duty' AND contains(s.text, i.text))"""
        ).fetchall()
    assert all("组织领导与责任落实" in themes for (themes,) in duty_themes)
