"""The CLI with bad arguments and paths: exit status 2, one line saying why, never a traceback.

The commands run in this process (tests.conftest.run_here: what they print and their exit code,
without starting Python again); the last test runs ``python -m analysis`` itself."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_here

MISSING = "/no/such/dir"


def run_cli(*args: str, cwd) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` run in this process from the folder ``cwd``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        return run_here(*args)


BAD = {
    "export --out missing folder": (["export", "reports", "--out", f"{MISSING}/r.csv"], "folder '/no/such/dir' does not exist"),
    "brief --out missing folder": (["brief", "--out", f"{MISSING}/b.docx"], "folder '/no/such/dir' does not exist"),
    "brief --deadline": (["brief", "--deadline", "3000-13-45", "--out", "b.docx"], "'3000-13-45' is not a date (YYYY-MM-DD)"),
    "export --year -5": (["export", "reports", "--year", "-5"], "'-5' is not a year (1949–2100)"),
    "brief --year -5": (["brief", "--year", "-5", "--out", "b.docx"], "'-5' is not a year (1949–2100)"),
    "evaluate --labels missing": (["evaluate", "--labels", "missing.csv"], "no file 'missing.csv'"),
    "bench --sizes 0": (["bench", "--sizes", "0"], "'0' is not a whole number above 0"),
    "bench --out missing folder": (["bench", "--out", f"{MISSING}/r.json"], "folder '/no/such/dir' does not exist"),
    "delete in a missing folder": (["delete", "1", "--db", f"{MISSING}/x.duckdb"], "folder '/no/such/dir' does not exist"),
    "delete 0": (["delete", "0"], "'0' is not a whole number above 0"),
    "delete without a store": (["delete", "1", "--db", "none.duckdb"], "no store at none.duckdb"),
    "ingest --workers 0": (["ingest", ".", "--workers", "0"], "'0' is not a whole number above 0"),
    "ingest into a missing folder": (["ingest", ".", "--db", f"{MISSING}/x.duckdb"], "folder '/no/such/dir' does not exist"),
    "refresh on a folder": (["refresh", "--db", "."], "'.' is not a file"),
    "corrections export to a missing folder": (["corrections", "export", f"{MISSING}/c.csv"], "folder '/no/such/dir' does not exist"),
    "corrections import of a missing file": (["corrections", "import", "missing.csv", "--db", "store.duckdb"], "no file 'missing.csv'"),
    "corrections import without a file": (["corrections", "import"], "corrections import needs the CSV file to read"),
    "parse a missing file": (["parse", "missing.txt"], "missing.txt"),
    "an unknown command": (["frobnicate"], "invalid choice"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_arguments_are_one_line_never_a_traceback(tmp_path, case):
    args, reason = BAD[case]
    if "store.duckdb" in args:
        (tmp_path / "store.duckdb").write_bytes(b"")
    done = run_cli(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0], done.stderr
    assert not (tmp_path / "b.docx").exists()


def test_a_file_that_is_no_store_is_said_to_be_one(tmp_path):
    (tmp_path / "x.duckdb").write_text("这不是数据库" * 100, encoding="utf-8")
    for args in (["delete", "1", "--db", "x.duckdb"], ["export", "reports", "--db", "x.duckdb"], ["refresh", "--db", "x.duckdb"]):
        done = run_cli(*args, cwd=tmp_path)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.startswith("error: x.duckdb is not a DuckDB store, or it is damaged ("), done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_control_characters_in_file_names_are_shown_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\nstored: 99, duplicates: 0\x1b[2K.txt").write_text("not a report", encoding="utf-8")
    done = run_cli("ingest", str(folder), "--db", "s.duckdb", "--no-refresh", cwd=tmp_path)
    rejected = [line for line in done.stdout.splitlines() if line.startswith("rejected:")]
    assert rejected == [
        "rejected: x\\nstored: 99, duplicates: 0\\x1b[2K.txt: file has only 0 Chinese characters: not a report (empty, scanned, or another language)"
    ]
    assert "\x1b" not in done.stdout


def test_delete_moves_to_the_recycle_bin_and_purge_removes_for_good(seed_db, tmp_path):
    import shutil

    from analysis.storage import history, store, trash

    db = tmp_path / "s.duckdb"
    shutil.copy(seed_db, db)
    moved = run_cli("delete", "1", "--db", str(db), cwd=ROOT)
    assert (moved.returncode, moved.stdout) == (
        0,
        "1 reports moved to the recycle bin (回收站): restore them on the 数据管理 page, or delete them for good with --purge\n",
    )
    with store.connect(db, read_only=True) as con:
        assert trash.trashed(con).report_id.tolist() == [1]
    purged = run_cli("delete", "1", "2", "--purge", "--db", str(db), cwd=ROOT)
    assert (purged.returncode, purged.stdout) == (0, "2 reports deleted for good\n")
    with store.connect(db, read_only=True) as con:
        assert trash.trashed(con).empty
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 3
        log = history.actions(con)
    assert log.action.tolist() == ["彻底删除", "彻底删除", "删除（移入回收站）", "删除（移入回收站）"]
    assert log.who.str.startswith("命令行").all()


def test_the_entry_point_answers_a_bad_command_in_one_line(tmp_path):
    """``python -m analysis`` as a user starts it: exit status 2, one line, no traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "frobnicate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "invalid choice" in lines[0], done.stderr
