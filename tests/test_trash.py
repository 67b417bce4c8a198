"""analysis.storage.trash: a report moved to the 回收站 is gone from every read path exactly as a
hard delete made it; it can be restored or purged, each all-or-nothing and logged in Chinese."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.brief import county_brief, township_profile
from analysis.cli import _export_tables
from analysis.errors import ReportError
from analysis.insights import keywords, search
from analysis.refresh import derived
from analysis.storage import history, store, summary, tables, trash
from analysis.storage.filters import Filters
from analysis.storage.ingest import ingest_paths, ingest_uploads
from pages.messages import chinese
from tests.conftest import RAW, summary_contents

GONE = "长坪乡_2022.txt"


def _copy(seed_db: Path, folder: Path, name: str) -> Path:
    db = folder / f"{name}.duckdb"
    shutil.copy(seed_db, db)
    return db


def _id(con, file: str = GONE) -> int:
    return int(con.execute("SELECT id FROM reports WHERE file = ?", [file]).fetchone()[0])


def _read_paths(con) -> dict[str, pd.DataFrame]:
    """What every page and export reads: the CLI's exports, search, the summary-backed tables,
    the stored views, the brief's facts and a township's profile."""
    every = Filters()
    out = {name: function(con, every) for name, function in _export_tables().items()}
    out["search"] = search.search_all(con, every, words=("执法",))
    out["report_index"] = tables.report_index(con, every)
    out["totals"] = tables.report_totals(con, every)
    out["top_terms"] = keywords.keyword_table(con, every, top_n=50)
    out["unreported"] = county_brief.unreported_townships(con, Filters(years=(2022,)))
    out["profile"] = township_profile.reports_by_year(con, township_profile.scope("长坪乡", None))
    out["townships"] = township_profile.townships(con, every)
    return out


def test_a_report_in_the_trash_is_gone_from_every_read_path_as_a_hard_delete_made_it(seed_db, tmp_path):
    hard, soft = _copy(seed_db, tmp_path, "hard"), _copy(seed_db, tmp_path, "soft")
    with store.connect(hard) as con:
        store.delete_reports(con, [_id(con)])
        derived.refresh(con, full=False)
    with store.connect(soft) as con:
        assert trash.move_to_trash(con, [_id(con)], who="张三") == 1
        derived.refresh(con, full=False)
    with store.connect(hard, read_only=True) as a, store.connect(soft, read_only=True) as b:
        expected, got = _read_paths(a), _read_paths(b)
        assert "长坪乡" not in set(got["reports"].township)
        for name in expected:
            pd.testing.assert_frame_equal(got[name], expected[name], obj=name)
        assert derived.is_fresh(b)


def test_restore_puts_the_report_back_as_it_was_and_purge_removes_it(seed_db, tmp_path):
    db = _copy(seed_db, tmp_path, "s")
    with store.connect(db, read_only=True) as con:
        before, stats = _read_paths(con), summary_contents(con)
    with store.connect(db) as con:
        gone = _id(con)
        trash.move_to_trash(con, [gone], who="张三")
        listed = trash.trashed(con)
        assert listed[["report_id", "township", "year", "file", "who"]].values.tolist() == [[gone, "长坪乡", 2022, GONE, "张三"]]
        assert trash.restore(con, [gone], who="李四") == 1
        assert trash.trashed(con).empty
        assert summary_contents(con) == stats  # the summary counted it back in
        derived.refresh(con, full=False)
    with store.connect(db, read_only=True) as con:
        after = _read_paths(con)
    for name in before:
        pd.testing.assert_frame_equal(after[name], before[name], obj=name)
    with store.connect(db) as con:
        trash.move_to_trash(con, [gone])
        assert trash.purge(con, [gone], who="李四") == 1
        assert trash.restore(con, [gone]) == 0  # nothing left to restore
        left = [con.execute(f"SELECT count(*) FROM trash_{t}").fetchone()[0] for t in trash.MOVED]
        assert left == [0, 0, 0, 0, 0]
        log = history.actions(con)
    assert log[["who", "action", "subject", "before", "after"]].values.tolist() == [
        ["李四", "彻底删除", "长坪乡 2022 · 长坪乡_2022.txt", "回收站", "已彻底删除"],
        ["未署名", "删除（移入回收站）", "长坪乡 2022 · 长坪乡_2022.txt", "在库", "回收站"],
        ["李四", "恢复", "长坪乡 2022 · 长坪乡_2022.txt", "回收站", "在库"],
        ["张三", "删除（移入回收站）", "长坪乡 2022 · 长坪乡_2022.txt", "在库", "回收站"],
    ]


def test_summary_after_trash_and_restore_equals_a_recount(seed_db, tmp_path):
    db = _copy(seed_db, tmp_path, "s")
    with store.connect(db) as con:
        moved = [_id(con), _id(con, "高楠镇_2022.txt")]
        trash.move_to_trash(con, moved)
        trash.restore(con, moved[1:])
        kept = summary_contents(con)
        summary.rebuild(con)
        assert summary_contents(con) == kept


@pytest.mark.parametrize("who", ["张三", ""])
def test_a_failed_move_changes_nothing(seed_db, tmp_path, monkeypatch, who):
    db = _copy(seed_db, tmp_path, "s")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    with store.connect(db) as con:
        gone, stats, version = _id(con), summary_contents(con), store.version(con)
        monkeypatch.setattr(history, "log", broken)
        with pytest.raises(OSError):
            trash.move_to_trash(con, [gone], who=who)
        assert (con.execute("SELECT count(*) FROM reports").fetchone()[0], summary_contents(con), store.version(con)) == (5, stats, version)
        assert trash.trashed(con).empty


def test_reingesting_a_file_in_the_trash_says_so_and_stores_nothing(seed_db, tmp_path):
    db = _copy(seed_db, tmp_path, "s")
    with store.connect(db) as con:
        gone = _id(con)
        trash.move_to_trash(con, [gone])
    data = (RAW / GONE).read_bytes()
    [outcome] = ingest_uploads([(GONE, data)], db=db, who="王五")
    assert (outcome.status, outcome.detail) == (
        "duplicate",
        "same content as 长坪乡_2022.txt, which is in the recycle bin: restore it there, skipped",
    )
    assert chinese(outcome.detail) == "与回收站中的 长坪乡_2022.txt 内容相同，已跳过：请在「数据管理」页的回收站中恢复"
    assert [o.status for o in ingest_paths([RAW / GONE], db=db, workers=1)] == ["duplicate"]
    with store.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports WHERE township = '长坪乡'").fetchone()[0] == 0
        assert history.actions(con).action.tolist() == ["删除（移入回收站）"]  # a skipped file is no change


def test_restore_is_refused_when_its_township_and_year_is_stored_again(seed_db, tmp_path):
    db = _copy(seed_db, tmp_path, "s")
    with store.connect(db) as con:
        gone = _id(con)
        trash.move_to_trash(con, [gone])
    other = (RAW / GONE).read_text(encoding="utf-8") + "\n补充说明：本报告为重新报送稿。"
    [outcome] = ingest_uploads([("长坪乡_2022_重报.txt", other.encode())], db=db, who="王五")
    assert outcome.status == "stored"
    assert outcome.report_id > gone  # a trashed report keeps its id: the new one gets another
    with store.connect(db) as con:
        with pytest.raises(ReportError) as refused:
            trash.restore(con, [gone])
        assert (
            str(refused.value)
            == "cannot restore 长坪乡 2022 · 长坪乡_2022.txt: 长坪乡 2022 has another stored report (长坪乡_2022_重报.txt)"
        )
        assert (
            chinese(str(refused.value))
            == "不能恢复「长坪乡 2022 · 长坪乡_2022.txt」：长坪乡 2022年度已有另一份报告（长坪乡_2022_重报.txt），请先删除它"
        )
        assert trash.trashed(con).report_id.tolist() == [gone]
        log = history.actions(con)
    assert log[["who", "action", "subject", "after"]].values.tolist()[0] == ["王五", "上传", "长坪乡 2022 · 长坪乡_2022_重报.txt", "已入库"]


def test_ids_of_trashed_reports_are_not_given_again(seed_db, tmp_path):
    db = _copy(seed_db, tmp_path, "s")
    with store.connect(db) as con:
        last = int(con.execute("SELECT max(id) FROM reports").fetchone()[0])
        trash.move_to_trash(con, [last])
        assert store.next_id(con) == last + 1


@pytest.mark.parametrize("ids", [[], [999]])
def test_unknown_ids_change_nothing(seed_db, tmp_path, ids):
    db = _copy(seed_db, tmp_path, "s")
    with store.connect(db) as con:
        version = store.version(con)
        assert (trash.move_to_trash(con, ids), trash.restore(con, ids), trash.purge(con, ids)) == (0, 0, 0)
        assert store.version(con) == version
        assert history.actions(con).empty


def test_the_trash_keeps_a_column_the_store_gained_later(seed_db, tmp_path):
    db = _copy(seed_db, tmp_path, "s")
    with store.connect(db) as con:
        trash.ensure(con)
        con.execute("ALTER TABLE reports ADD COLUMN reviewed BOOLEAN DEFAULT true")  # a later version's column
        gone = _id(con)
        assert trash.move_to_trash(con, [gone]) == 1
        assert con.execute("SELECT reviewed FROM trash_reports").fetchall() == [(True,)]
        assert trash.restore(con, [gone]) == 1
        assert con.execute("SELECT reviewed FROM reports WHERE id = ?", [gone]).fetchall() == [(True,)]
