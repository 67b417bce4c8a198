"""Hostile and damaged input, each defect of issue #11 with the case that reproduced it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.errors import ReportError
from analysis.parse.report import parse_bytes
from analysis.read.reading import MAX_BYTES, MAX_TEXT_CHARS, decode_text_lenient, load_file, read_bytes, readable_name
from analysis.refresh import derived
from analysis.storage import store
from analysis.storage.ingest import ingest_paths, list_inputs
from tests.conftest import RAW, ROOT, run_here

PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
SEED = RAW / "肖咀镇_2023.txt"


def cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS``, its output captured (run in this process: see run_here)."""
    return run_here(*args)


def cli_process(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` in a process of its own, stopped after ``timeout`` seconds."""
    return subprocess.run([PY, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def stored_files(db: Path) -> list[str]:
    with store.connect(db, read_only=True) as con:
        return [r[0] for r in con.execute("SELECT file FROM reports ORDER BY file").fetchall()]


# ------------------------------------------------------------------ 1. names that are not UTF-8
def test_a_gbk_file_name_costs_nothing(tmp_path):
    folder = tmp_path / "unzipped"
    shutil.copytree(RAW, folder)
    gbk_name = os.fsdecode("高楠镇报告.txt".encode("gbk"))  # as unzip leaves a name from Chinese Windows
    os.rename(folder / "高楠镇_2022.txt", folder / gbk_name)
    db = tmp_path / "s.duckdb"
    outcomes = ingest_paths([folder], db=db, workers=1)
    assert [o.status for o in outcomes] == ["stored"] * 5
    assert "高楠镇报告.txt" in stored_files(db)


@pytest.mark.parametrize(
    ("raw", "readable"),
    [(b"\xb8\xdf\xe9\xaa\xd5\xf2.txt", "高楠镇.txt"), ("好.txt".encode(), "好.txt"), (b"\xff\xfe\xff.txt", "\ufffd\ufffd\ufffd.txt")],
)
def test_readable_name(raw, readable):
    assert readable_name(os.fsdecode(raw)) == readable


# ------------------------------------------------------------------ 4. damaged PDF pages
SELF_LOOP_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_a_page_tree_that_points_to_itself_is_a_damaged_pdf(tmp_path):
    path = tmp_path / "loop.pdf"
    path.write_bytes(SELF_LOOP_PDF)
    done = cli_process("parse", str(path))  # a loop that never ends would be stopped
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("rejected: loop.pdf: damaged")
    with pytest.raises(ReportError, match="damaged"):
        read_bytes(SELF_LOOP_PDF, name="loop.pdf")


# ------------------------------------------------------------------ 5. .docx that inflates a lot
def docx_of(xml_body: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
        )
        z.writestr(
            "word/document.xml",
            b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + xml_body
            + b"</w:body></w:document>",
        )
    return buffer.getvalue()


def test_a_docx_inflating_to_39_mb_costs_little(tmp_path):
    """9:1 and 39 MB inflated passes the zip-bomb limits; reading it stays small and quick."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body = b"".join(
        f'<w:p><w:pPr><w:spacing w:before="{i % 97}"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>{lines[i % len(lines)][:40]}{i}</w:t></w:r></w:p>'.encode()
        for i in range(190_000)
    )
    data = docx_of(body)
    path = tmp_path / "big.docx"
    path.write_bytes(data)
    assert 30e6 < len(body) < 45e6
    script = (
        "import resource, time, sys; from analysis.parse.report import parse_path; from analysis.errors import ReportError; t = time.time()\n"
        "try: parse_path(sys.argv[1]); outcome = 'parsed'\n"
        "except ReportError as exc: outcome = str(exc)\n"
        "print(outcome); print(time.time() - t)\n"
        # the peak of this process's own memory (ru_maxrss would carry over the forking parent's)
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    done = subprocess.run([PY, "-c", script, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    outcome, seconds, peak_kb = done.stdout.strip().split("\n")
    assert float(seconds) < 3 * len(data) / 1e6 + 5  # a few seconds per MB at most
    assert int(peak_kb) < 500_000
    assert outcome == "parsed" or "not a rule-of-law report" in outcome or "characters" in outcome


def test_docx_text_past_the_cap_is_refused():
    body = b"".join(f"<w:p><w:r><w:t>法治政府建设第{i}项</w:t></w:r></w:p>".encode() for i in range(MAX_TEXT_CHARS // 10))
    with pytest.raises(ReportError, match=r"over 2,000,000 characters"):
        read_bytes(docx_of(body), name="long.docx")


# ------------------------------------------------------------------ 6. devices, pipes, links
def test_devices_pipes_and_links_out_of_the_folder_are_refused(tmp_path):
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    folder = tmp_path / "in"
    shutil.copytree(RAW, folder)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "inside.txt").symlink_to(folder / "高楠镇_2022.txt")  # a link inside the folder is fine (a duplicate)
    for name in ("fifo.txt", "zero.txt"):
        with pytest.raises(ReportError, match="not a regular file"):
            load_file(tmp_path / name)
    listing = list_inputs([folder, tmp_path / "fifo.txt"])
    assert [o.name for o in listing.refused] == ["passwd.txt"]
    db = tmp_path / "s.duckdb"
    outcomes = ingest_paths([folder, tmp_path / "fifo.txt", tmp_path / "zero.txt"], db=db, workers=1)
    assert sorted((o.name, o.status) for o in outcomes if o.status != "stored") == [
        ("fifo.txt", "rejected"),
        ("passwd.txt", "rejected"),
        ("zero.txt", "rejected"),
        ("高楠镇_2022.txt", "duplicate"),  # inside.txt, listed first, stored the same content
    ]
    assert len(stored_files(db)) == 5


def test_a_file_growing_past_its_size_is_read_with_a_cap(tmp_path, monkeypatch):
    path = tmp_path / "x.txt"
    path.write_bytes(b"a" * 100)
    with pytest.raises(ReportError, match=r"^file is 0\.00 MB \(100 bytes\), over the .+ MB limit \(99 bytes\)"):
        load_file(path, max_bytes=99)


def test_size_message_counts_in_mb_of_2_20():
    with pytest.raises(ReportError, match=r"^file is 20\.00 MB \(20,971,521 bytes\), over the 20 MB limit \(20,971,520 bytes\)"):
        read_bytes(b"x" * (MAX_BYTES + 1), name="big.txt")


# ------------------------------------------------------------------ 7. a few bad bytes
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_one_bad_byte_is_replaced_with_a_warning(encoding):
    data = bytearray(SEED.read_text(encoding="utf-8").encode(encoding))
    data[701] = 0xFF
    report = parse_bytes(bytes(data), name="one-bad-byte.txt")
    assert report.township == "肖咀镇" and len(report.problems) == 3
    assert report.warnings[0].endswith("undecodable byte sequence(s) replaced by �: check those places against the original")
    assert report.encoding == encoding


def test_truncated_text_files_are_stored():
    data = SEED.read_bytes()
    cuts = range(3000, len(data), 97)
    stored = 0
    for cut in cuts:
        text, _, bad = decode_text_lenient(data[:cut])
        stored += bad <= 1 and "关于上报肖咀镇" in text[:40]
    assert stored == len(cuts)


def test_garbage_is_still_refused():
    with pytest.raises(ReportError, match="save it as UTF-8"):
        read_bytes(bytes(range(256)) * 40, name="noise.txt")


# ------------------------------------------------------------------ 8, 9. derived tables not built
def test_exports_of_derived_tables_work_on_any_store(tmp_path):
    db = tmp_path / "s.duckdb"
    missing = cli("export", "recurring", "--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 0 and missing.stdout.startswith("\ufefflabel,townships,reports")
    assert cli("ingest", str(RAW), "--db", str(db), "--no-refresh").returncode == 0
    for table in ("recurring", "problem_changes", "followthrough"):
        done = cli("export", table, "--db", str(db))
        assert done.returncode == 0 and "Traceback" not in done.stderr
    assert len(cli("export", "recurring", "--db", str(db)).stdout.splitlines()) > 1  # refreshed first


def test_pages_show_a_stale_store_without_writing_to_it(tmp_path, monkeypatch):
    db = tmp_path / "stale.duckdb"
    ingest_paths([RAW], db=db, workers=1)  # published, derived tables never built
    monkeypatch.setenv("REPORTS_DB", str(db))
    before = sorted(os.listdir(store.snapshot_dir(db))), db.stat().st_mtime_ns
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/views/problems.py").run()
    assert not at.exception
    assert "python -m analysis refresh" in at.warning[0].value
    assert (sorted(os.listdir(store.snapshot_dir(db))), db.stat().st_mtime_ns) == before  # readers never write
    derived.ensure_fresh(db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.warning


# ------------------------------------------------------------------ 10. long numbered lists
def test_numbered_problems_past_99():
    text = SEED.read_text(encoding="utf-8")
    head, rest = text.split("二、当前存在的主要问题\n", 1)
    tail = rest[rest.index("三、") :]
    numbered = "\n".join(f"{k}.执法人员数量不足问题第{k}项，需要加强。" for k in range(1, 151))
    report = parse_bytes(f"{head}二、当前存在的主要问题\n{numbered}\n{tail}".encode(), name="many.txt")
    assert len(report.problems) == 150
    assert report.problems[148:] == ["执法人员数量不足问题第149项，需要加强", "执法人员数量不足问题第150项，需要加强"]
    assert not [w for w in report.warnings if "characters long" in w]


def test_an_item_that_swallowed_its_section_is_flagged():
    text = SEED.read_text(encoding="utf-8")
    long_problem = "执法人员数量不足，" * 300
    report = parse_bytes(text.replace("一是执法力量相对薄弱。", "一是" + long_problem).encode(), name="long.txt")
    assert "problem item 1 is 2,737 characters long: the section's numbering may not have been recognised" in report.warnings


# ------------------------------------------------------------------ 11. password guessing
def test_throttle_locks_after_a_few_failures_and_doubles():
    from pages.admin import Throttle

    now = [0.0]
    t = Throttle(free=3, base=5.0, cap=300.0, clock=lambda: now[0])
    who = ("session:a", "client:1.2.3.4")
    for _ in range(3):
        assert t.wait(who) == 0
        t.failure(who)
    assert t.wait(who) == 0
    t.failure(who)
    assert t.wait(who) == 5.0
    now[0] = 5.0
    t.failure(who)
    assert t.wait(who) == 10.0
    assert t.wait(("session:b", "client:1.2.3.4")) == 10.0  # another session of the same client waits too
    t.success(who)
    assert t.wait(("session:a",)) == 0 and t.wait(("client:1.2.3.4",)) == 10.0


def test_password_guessing_is_throttled_in_the_page(app_db, monkeypatch):
    from pages.admin import throttle

    throttle.clear()
    monkeypatch.setenv("REPORTS_ADMIN_PASSWORD", "s3cret")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.file_uploader(key="ov_files").set_value(("x.txt", SEED.read_bytes(), "text/plain")).run()
    for guess in ("a", "b", "c", "d"):
        at.text_input(key="ov_password").set_value(guess).run()
        assert at.error[0].value == "密码不正确。"
    at.run()  # a rerun with the same text is not another guess
    at.text_input(key="ov_password").set_value("s3cret").run()
    assert at.error[0].value.startswith("密码错误次数过多，请 ")
    assert all(b.key != "ov_import" for b in at.button)
    throttle.clear()


# ------------------------------------------------------------------ 12. what the user types is text
def test_kwic_message_escapes_what_was_typed(app_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/views/keywords.py").run()
    at.text_input(key="kw_term").set_value(r"$\href{javascript:alert(1)}{x}$").run()
    shown = r"没有句子包含「\$\\href\{javascript:" + "\u2060" + r"alert\(1\)\}\{x\}\$」。"  # a word joiner breaks "scheme:"
    assert shown in [c.value for c in at.caption]


# ------------------------------------------------------------------ 13. order of copies, upload types
def test_which_copy_of_a_township_year_is_kept_does_not_depend_on_order(tmp_path):
    good = SEED.read_bytes()
    damaged = bytearray(good)
    damaged[701] = 0xFF  # parses with a warning
    for order in (("a_damaged.txt", "b_good.txt"), ("a_good.txt", "b_damaged.txt")):
        folder = tmp_path / order[0]
        folder.mkdir()
        for name in order:
            (folder / name).write_bytes(bytes(damaged) if "damaged" in name else good)
        db = folder / "s.duckdb"
        outcomes = {o.name: o for o in ingest_paths([folder], db=db, workers=1)}
        assert stored_files(db) == [next(n for n in order if "good" in n)]
        rejected = [o for o in outcomes.values() if o.status == "rejected"]
        if rejected:
            assert "(this batch's copy has 0 warning(s), this one 1)" in rejected[0].detail


def test_upload_offers_doc_only_with_a_converter(monkeypatch):
    from analysis.read import reading

    monkeypatch.setattr(reading.shutil, "which", lambda tool: None)
    assert reading.readable_suffixes() == [".docx", ".htm", ".html", ".mht", ".mhtml", ".pdf", ".text", ".txt"]
    monkeypatch.setattr(reading.shutil, "which", lambda tool: "/usr/bin/antiword" if tool == "antiword" else None)
    assert ".doc" in reading.readable_suffixes()


def test_workers_die_with_a_killed_ingest(tmp_path, seed_texts):
    folder = tmp_path / "bulk"
    folder.mkdir()
    for i in range(600):
        (folder / f"r{i:03d}.txt").write_text(seed_texts["长坪乡"].replace("2022", str(1500 + i)) + f"\n编号{i}", encoding="utf-8")
    proc = subprocess.Popen([PY, "-m", "analysis", "ingest", str(folder), "--db", str(tmp_path / "k.duckdb"), "--workers", "2"], cwd=ROOT)
    children: list[int] = []
    import time

    deadline = time.monotonic() + 60
    while len(children) < 2 and time.monotonic() < deadline:
        # every thread's children: the parse pool starts its workers from a thread of its own
        children = [int(p) for task in Path(f"/proc/{proc.pid}/task").glob("*") for p in _read(task / "children").split()]
        time.sleep(0.05)
    assert len(children) >= 2
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10  # the death signal is delivered at once; a loaded machine may take a moment to run it
    while (alive := [c for c in children if _running(c)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert alive == []


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (ended, waiting to be reaped)."""
    stat = _read(Path(f"/proc/{pid}/stat"))
    return bool(stat) and stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _read(path: Path) -> str:
    """A /proc file's text, or "" when its process or thread has just ended."""
    try:
        return path.read_text()
    except OSError:
        return ""


LOOPBACK = "127.0.0.1"


@pytest.mark.parametrize(
    ("address", "forwarded", "trusted", "key"),
    [
        (None, "", "", "client:local"),  # a browser on the server itself
        ("203.0.113.7", "", "", "client:203.0.113.7"),
        # uvicorn took the address from a loopback peer's header: not believed by default
        ("198.51.100.1", "198.51.100.1", "", "client:local"),
        ("198.51.100.2", "6.6.6.6, 198.51.100.2", "", "client:local"),
        (None, "127.0.0.1", "", "client:local"),
        # a remote peer's own header is not used by uvicorn, nor by the throttle
        ("203.0.113.7", "198.51.100.1", "", "client:203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", LOOPBACK, "client:203.0.113.7"),
        # a proxy on the same host, configured
        ("198.51.100.1", "198.51.100.1", LOOPBACK, "client:198.51.100.1"),
        ("198.51.100.2", "6.6.6.6, 198.51.100.2", "127.0.0.1, ::1", "client:198.51.100.2"),
        # a configured proxy elsewhere, and a chain of two
        ("10.0.0.5", "198.51.100.1", "10.0.0.0/8", "client:198.51.100.1"),
        ("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.0.0.9", "10.0.0.0/8", "client:198.51.100.1"),
        # configured elsewhere, but the connection came from loopback
        ("198.51.100.1", "198.51.100.1", "10.0.0.0/8, junk", "client:local"),
    ],
)
def test_forwarded_addresses_are_believed_only_from_configured_proxies(address, forwarded, trusted, key):
    from pages.admin import client_key, trusted_proxies

    assert client_key(address, forwarded, trusted=trusted_proxies(trusted)) == key


def test_forwarded_addresses_from_loopback_do_not_escape_the_throttle(monkeypatch):
    from pages.admin import Throttle, client_key, trusted_proxies

    monkeypatch.delenv("REPORTS_TRUSTED_PROXIES", raising=False)
    t = Throttle(free=3, base=5.0, cap=300.0, clock=lambda: 0.0)
    waits = []
    for i in range(12):  # four sessions, three guesses each, a new forwarded address every time
        forged = f"198.51.100.{i + 1}"
        who = (f"session:{i // 3}", client_key(forged, forged, trusted=trusted_proxies()))
        waits.append(t.wait(who))
        t.failure(who)
    assert waits == [0.0] * 4 + [5.0, 10.0, 20.0, 40.0, 80.0, 160.0, 300.0, 300.0]


# ------------------------------------------------------------------ damaged snapshots and pointers
def _damage_blocks(file: Path) -> None:
    """Overwrite part of every block past the first three (their checksums no longer match)."""
    data = bytearray(file.read_bytes())
    for at in range(3 * 262144, len(data), 262144):
        data[at + 100 : at + 4000] = b"\x5a" * 3900
    file.write_bytes(bytes(data))


def _break_pointer(db: Path, how: str) -> None:
    pointer = store.snapshot_dir(db) / "CURRENT"
    if how == "not utf-8":
        pointer.write_bytes(b"\xff\xfe\x00g0000\xc3(0001.duckdb 1:2:3")
    elif how == "missing file":
        pointer.write_text("g00000099.duckdb 0:5:5|derived=x\n", encoding="utf-8")
    else:
        _damage_blocks(store.current_snapshot(db))


DAMAGES = ["not utf-8", "missing file", "damaged blocks"]


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_snapshot_is_read_around_and_refresh_repairs_it(tmp_path, seed_db, how):
    db = tmp_path / "s.duckdb"
    shutil.copy(seed_db, db)
    assert cli("refresh", "--db", str(db)).returncode == 0
    _break_pointer(db, how)
    exported = cli("export", "sections", "--db", str(db))
    assert (exported.returncode, exported.stderr, len(exported.stdout.splitlines())) == (0, "", 95)
    repaired = cli("refresh", "--if-stale", "--db", str(db))
    assert (repaired.returncode, repaired.stdout.splitlines()) == (
        0,
        [
            "the published copy readers see was damaged or missing: published anew",
            "derived tables are up to date (problem clusters, plan follow-through)",
        ],
    )
    assert store.current_snapshot(db).read_bytes() == db.read_bytes()
    assert cli("refresh", "--if-stale", "--db", str(db)).stdout == "derived tables are up to date (problem clusters, plan follow-through)\n"


@pytest.mark.parametrize("how", DAMAGES)
def test_pages_over_a_damaged_snapshot_show_the_store_and_a_notice(tmp_path, seed_db, monkeypatch, how):
    db = tmp_path / "s.duckdb"
    shutil.copy(seed_db, db)
    derived.ensure_fresh(db)
    _break_pointer(db, how)
    monkeypatch.setenv("REPORTS_DB", str(db))
    for page in ("pages/views/overview.py", "pages/views/reader.py", "pages/views/problems.py"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("副本已损坏" in w.value for w in at.warning)
        assert all(str(tmp_path) not in str(e.value) for e in [*at.warning, *at.error, *at.markdown])


@pytest.mark.parametrize("how", ["not utf-8", "missing file"])
def test_ingest_over_a_broken_pointer_stores_and_publishes(tmp_path, seed_db, how):
    db = tmp_path / "s.duckdb"
    shutil.copy(seed_db, db)
    assert cli("refresh", "--db", str(db)).returncode == 0
    _break_pointer(db, how)
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "copy.txt").write_text(SEED.read_text(encoding="utf-8").replace("肖咀镇", "高楠镇"), encoding="utf-8")
    done = cli("ingest", str(folder), "--db", str(db))
    assert (done.returncode, done.stdout.splitlines()[-1]) == (0, "1 files: 1 stored, 0 replaced, 0 duplicate, 0 rejected")
    assert not store.snapshot_damaged(db) and len(stored_files(db)) == 6


# ------------------------------------------------------------------ a busy store, a read-only folder, a full disk
def _hold_store(db: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the store's write lock for ``seconds``."""
    holder = subprocess.Popen(
        [
            PY,
            "-c",
            "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(float(sys.argv[2]))",
            str(db),
            str(seconds),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def _upload(at, name: str = "高楠镇_2023.txt") -> None:
    text = SEED.read_text(encoding="utf-8").replace("肖咀镇", "高楠镇")
    at.file_uploader(key="ov_files").set_value([(name, text.encode("utf-8"), "text/plain")]).run()
    at.button(key="ov_import").click().run()


@pytest.mark.parametrize("seconds", [3.0, pytest.param(40.0, marks=pytest.mark.slow)])
def test_an_upload_waits_for_a_busy_store_and_is_stored(app_db, seconds):
    """While another process writes (a command-line ingest, a refresh) the upload queues and
    is stored when the store is free (it used to give up after 30 s, its files lost)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=seconds + 180)
    at.run()
    holder = _hold_store(app_db, seconds)
    _upload(at)
    holder.wait()
    assert not at.exception, [e.value for e in at.exception]
    assert at.dataframe[0].value[["文件", "结果"]].values.tolist() == [["高楠镇_2023.txt", "已入库"]]
    assert "高楠镇_2023.txt" in stored_files(app_db)


def test_an_upload_that_waited_too_long_says_so_without_path_or_pid(app_db, monkeypatch):
    import pages.panels

    monkeypatch.setattr(pages.panels, "WRITE_WAIT_SECONDS", 1.0)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    holder = _hold_store(app_db, 30)
    upload = pages.panels.ingest_uploads

    def upload_then_let_go(*args, **kwargs):
        """The upload, after which the other process lets the store go: the refresh that follows
        a failed upload (which queues for the default 10 minutes) need not wait the holder out."""
        try:
            return upload(*args, **kwargs)
        finally:
            holder.kill()
            holder.wait()

    monkeypatch.setattr(pages.panels, "ingest_uploads", upload_then_let_go)
    try:
        _upload(at)
    finally:
        holder.kill()
        holder.wait()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert errors[0] == "报告库超过 10 分钟仍被其他导入或更新占用，本次上传未能完成：所选内容仍保留，请稍后再试。"
    assert all(str(app_db.parent) not in e and "PID" not in e for e in errors)
    assert "高楠镇_2023.txt" not in stored_files(app_db)


def _no_space(*args, **kwargs):
    raise OSError(28, "No space left on device")


def test_a_full_disk_while_publishing_keeps_what_was_stored_and_says_so(tmp_path, seed_db, monkeypatch):
    db = tmp_path / "s.duckdb"
    shutil.copy(seed_db, db)
    derived.ensure_fresh(db)
    before = store.published_key(db)
    monkeypatch.setattr(store, "_clone_file", _no_space)
    monkeypatch.setattr(store, "_renew_oldest", lambda *a: False)
    new = tmp_path / "高楠镇_2023.txt"
    new.write_text(SEED.read_text(encoding="utf-8").replace("肖咀镇", "高楠镇"), encoding="utf-8")
    with pytest.raises(store.NotPublished) as caught:
        ingest_paths([new], db=db)
    assert str(caught.value) == (
        "the changes are stored, but the copy readers see could not be written (No space left on device): "
        "free some disk space, then run `python -m analysis refresh`"
    )
    assert store.published_key(db) == before  # readers keep the last complete snapshot
    with store.connect(db, publish=False, wait=5) as con:  # the report was committed
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 6
    assert sorted(os.listdir(store.snapshot_dir(db))) == [
        "CURRENT",
        *sorted(n for n in os.listdir(store.snapshot_dir(db)) if n.startswith("g")),
    ]
    monkeypatch.undo()
    assert cli("refresh", "--db", str(db)).returncode == 0 and store.published_key(db) != before


def test_a_full_disk_during_an_upload_is_one_chinese_sentence(app_db, monkeypatch):
    from analysis.storage import ingest

    monkeypatch.setattr(
        ingest, "parsed_uploads", lambda files: (ingest.pack([ingest.prepare_bytes(n, d)]) for n, d in files)
    )  # parsed here
    monkeypatch.setattr(store, "_publish_file", _no_space)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    _upload(at)
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [
        "本次上传已保存，但各页面暂未更新（磁盘已满）：请管理员处理后在命令行运行 `python -m analysis refresh`。"
    ]
    assert at.dataframe[0].value[["结果", "说明"]].values.tolist() == [["已入库", "高楠镇 2023"]]


def _mount(folder: Path, options: str) -> bool:
    folder.mkdir(exist_ok=True)
    return (
        os.geteuid() == 0
        and subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True).returncode == 0
    )


def test_a_full_disk_on_a_real_small_file_system(tmp_path):
    """A 3 MB file system: the ingest says in one line that the disk is full; what is stored
    reads whole (each report all or nothing); with room again the same command stores the rest
    and publishes."""
    folder = tmp_path / "small"
    if not _mount(folder, "size=3m"):
        pytest.skip("needs root to mount a small tmpfs")
    try:
        db = folder / "s.duckdb"
        done = cli("ingest", str(RAW), "--db", str(db))
        assert (done.returncode, len(done.stderr.strip().splitlines())) == (2, 1) and "No space left on device" in done.stderr
        exported = cli("export", "sections", "--db", str(db))
        assert exported.returncode == 0 and "Traceback" not in exported.stderr
        subprocess.run(["mount", "-o", "remount,size=64m", str(folder)], check=True)
        again = cli("ingest", str(RAW), "--db", str(db))
        assert again.returncode == 0, again.stderr
        assert len(stored_files(db)) == 5 and store.current_snapshot(db).read_bytes() == db.read_bytes()
        assert len(cli("export", "sections", "--db", str(db)).stdout.splitlines()) == 95
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_store_folder_is_one_line_and_changes_nothing(tmp_path, seed_db):
    folder = tmp_path / "ro"
    mounted = _mount(folder, "size=64m")
    db = folder / "s.duckdb"
    shutil.copy(seed_db, db)
    assert cli("refresh", "--db", str(db)).returncode == 0
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    try:
        for args in (["ingest", str(RAW / "高楠镇_2022.txt"), "--replace"], ["delete", "1"], ["refresh"]):
            done = cli(*args, "--db", str(db))
            assert (done.returncode, done.stderr) == (2, f"error: the store's folder cannot be written (read-only): {folder.name}\n")
        assert cli("export", "reports", "--db", str(db)).returncode == 0
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        else:
            folder.chmod(0o755)


# ------------------------------------------------------------------ saved pages in the fuzz corpus
@pytest.fixture(scope="module")
def fuzz_kinds() -> set[str]:
    """How each of the fuzz corpus's first 300 cases is damaged (the corpus built once, not once
    a kind: a second of CPU a build)."""
    from tests import fuzzing

    return {c.how for c in fuzzing.corpus(300)}


@pytest.mark.parametrize("how", ["cut", "tags", "huge", "nested", "mixed", "mhtml"])
def test_every_kind_of_damaged_saved_page_is_in_the_corpus_and_answered(tmp_path, fuzz_kinds, how):
    import random

    from tests import fuzzing

    rng = random.Random(7)
    case = next(c for c in (fuzzing._page_mutation(rng) for _ in range(200)) if c.how == f"page-{how}")
    path = tmp_path / case.name
    path.write_bytes(case.data)
    code, err = fuzzing.parse_in_process(path)
    assert code in (0, 2) and "Traceback" not in err
    assert f"page-{how}" in fuzz_kinds


def test_a_new_store_on_a_full_disk_is_said_to_be_on_a_full_disk(tmp_path):
    """Not 'not a DuckDB store, or it is damaged': the disk is full."""
    folder = tmp_path / "full"
    if not _mount(folder, "size=64k"):
        pytest.skip("needs root to mount a small tmpfs")
    try:
        subprocess.run(["dd", "if=/dev/zero", f"of={folder / 'fill'}"], capture_output=True)
        done = cli("ingest", str(RAW / "高楠镇_2022.txt"), "--db", str(folder / "s.duckdb"))
        assert (done.returncode, done.stderr) == (
            2,
            "error: the store's disk is full (No space left on device): free some disk space, then try again (s.duckdb)\n",
        )
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
