"""analysis.refresh.derived.refresh(full=False): after reports are added, replaced or deleted, only the
townships they belong to are recomputed, and the derived tables equal a full rebuild."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.problems import followthrough, grouping
from analysis.refresh import derived
from analysis.storage import store
from analysis.storage.ingest import ingest_paths, ingest_uploads
from tests.conftest import RAW

N = 280  # 40 townships × 7 years


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    from bench.synthetic import generate

    folder = tmp_path_factory.mktemp("inc")
    return sorted(generate(N, folder, seed=23))


def _tables(db) -> dict[str, pd.DataFrame]:
    with store.connect(db, read_only=True) as con:
        return {
            "problem_clusters": store.frame(con, "SELECT * FROM problem_clusters ORDER BY ALL"),
            "clusters": store.frame(con, "SELECT * FROM clusters ORDER BY ALL"),
            "followthrough": store.frame(con, "SELECT * FROM followthrough ORDER BY report_id, ord"),
            "precomputed": store.frame(con, "SELECT * FROM pre_recurring"),
        }


def test_an_incremental_update_equals_a_full_rebuild(files, tmp_path, monkeypatch):
    monkeypatch.setattr(derived, "FOLLOW_PLANS", 300)  # several groups of townships at a time
    db = tmp_path / "reports.duckdb"
    ingest_paths([RAW, *files[:210]], db=db, workers=2)
    with store.connect(db) as con:
        assert derived.refresh(con) == "full"
    # a batch of new townships, a report replaced with another plan, two reports deleted
    ingest_paths(files[210:], db=db, workers=2)
    target = files[17]  # township 2 (files are 7 years per township)
    text = target.read_text(encoding="utf-8")
    head, plans = text.split("的主要安排", 1)
    changed = head + "的主要安排\n一是新建村级法律服务工作室，实现村（社区）全覆盖。" + plans
    assert [o.status for o in ingest_uploads([(target.name, changed.encode())], db=db, replace=True)] == ["replaced"]
    with store.connect(db) as con:
        gone, gone_town = con.execute("SELECT id, township FROM reports WHERE file = ?", [files[30].name]).fetchall()[0]
        store.delete_reports(con, [gone])
    seen: list[set] = []
    real = followthrough.follow_through
    monkeypatch.setattr(  # (the refresh's groups call it through second.follow, which looks it up at each call)
        followthrough, "follow_through", lambda plans, ach, **kw: seen.append(set(plans.township.dropna())) or real(plans, ach, **kw)
    )
    assigned: list[int] = []
    real_assign = grouping.assign
    monkeypatch.setattr(grouping, "assign", lambda texts, reg=None: assigned.append(len(texts)) or real_assign(texts, reg))
    with store.connect(db) as con:
        assert derived.refresh(con, full=False) == "incremental"
        replaced = {r[0] for r in con.execute("SELECT township FROM reports WHERE file = ?", [target.name]).fetchall()}
        added = {
            r[0]
            for r in con.execute(
                "SELECT township FROM reports WHERE file IN (SELECT unnest(?))", [[f.name for f in files[210:]]]
            ).fetchall()
        }
    # only the touched townships' plans were matched again: 10 new townships, the replaced one's, the deleted one's
    assert set().union(*seen) == (added | replaced | {gone_town}) - {None}
    with store.connect(db, read_only=True) as con:  # only the new reports' problem items went to the register
        new_items = con.execute(
            "SELECT count(*) FROM items i JOIN reports r ON r.id = i.report_id WHERE i.kind = 'problem' AND r.file IN (SELECT unnest(?))",
            [[f.name for f in files[210:]] + [target.name]],
        ).fetchone()[0]
    assert assigned == [new_items] and 0 < new_items < 300
    assert len(set().union(*seen)) < 15
    incremental = _tables(db)

    full_db = tmp_path / "full.duckdb"
    shutil.copy(db, full_db)
    with store.connect(full_db) as con:
        assert derived.refresh(con) == "full"
    rebuilt = _tables(full_db)
    assert len(incremental["followthrough"]) > 1000 and len(incremental["problem_clusters"]) > 500
    for name in rebuilt:
        pd.testing.assert_frame_equal(incremental[name], rebuilt[name], obj=name)


def test_a_changed_taxonomy_rebuilds_everything(seed_db, tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    shutil.copy(seed_db, db)
    with store.connect(db) as con:
        assert derived.refresh(con, full=False) == "incremental"
        monkeypatch.setattr(derived, "_inputs", lambda threshold: "themes.csv edited")
        assert derived.refresh(con, full=False) == "full"


def test_item_keys_are_kept_at_ingest_and_filled_in_for_older_stores(seed_db, tmp_path):
    from analysis.parse.sentences import item_key

    db = tmp_path / "old.duckdb"
    shutil.copy(seed_db, db)
    with store.connect(db) as con:
        kept = store.frame(con, "SELECT report_id, ord, item_key FROM items WHERE kind = 'problem' ORDER BY ALL")
        row = con.execute(
            "SELECT r.township, r.year, i.text, i.item_key FROM items i JOIN reports r ON r.id = i.report_id WHERE i.kind = 'problem' LIMIT 1"
        ).fetchone()
        assert kept.item_key.notna().all() and item_key(*row[:3]) == row[3]
        con.execute("UPDATE items SET item_key = NULL")  # as a store made before the column
        derived.refresh(con)
        filled = store.frame(con, "SELECT report_id, ord, item_key FROM items WHERE kind = 'problem' ORDER BY ALL")
        assert con.execute("SELECT count(*) FROM items WHERE kind <> 'problem' AND item_key IS NOT NULL").fetchone()[0] == 0
    pd.testing.assert_frame_equal(filled, kept)


def test_items_off_the_register_form_emerging_problems_from_stored_details(tmp_path):
    """Problem items the register leaves unassigned are grouped (their themes and concepts read
    for them alone) exactly as when every item's lists are loaded."""
    from analysis.problems import grouping
    from tests.conftest import report_text

    loose = ["食堂伙食标准偏低，职工就餐满意度不高", "办公楼电梯老旧，存在安全隐患"]
    texts = [
        report_text(
            town,
            "城口县",
            year,
            achievements=["开展普法宣传活动12场，发放资料3500份。"],
            problems=[*loose, "执法人员数量不足，难以满足执法需要"],
            plans=["加强执法队伍建设"],
        )
        for town, year in (("高楠镇", 2021), ("高楠镇", 2022), ("蓼子乡", 2022))
    ]
    db = tmp_path / "e.duckdb"
    assert [o.status for o in ingest_uploads([(f"r{i}.txt", t.encode()) for i, t in enumerate(texts)], db=db)] == ["stored"] * 3
    with store.connect(db) as con:
        derived.refresh(con)
        stored = store.frame(con, "SELECT * FROM problem_clusters ORDER BY ALL")
        with_lists = store.frame(
            con,
            """SELECT i.report_id, i.ord, r.township, r.year, i.text, i.themes, i.concepts
               FROM items i JOIN reports r ON r.id = i.report_id WHERE i.kind = 'problem' ORDER BY i.report_id, i.ord""",
        )
        origins = dict(con.execute("SELECT code, origin FROM clusters").fetchall())
    assert sorted(set(origins.values())) == ["emerging", "register"]
    assert sum(origins[c] == "emerging" for c in stored.code) == 6  # the two loose wordings in three reports
    expected = grouping.build(with_lists).assignments.sort_values(list(stored.columns)).reset_index(drop=True)
    pd.testing.assert_frame_equal(stored, expected, check_dtype=False)


def test_keyword_views_after_additions_equal_a_recount(files, tmp_path, monkeypatch):
    """Reports added to known and new townships: the stored keyword views' township counts are
    brought up to date from the added reports' townships, and equal a count over every term row."""
    from analysis.insights import keywords
    from analysis.storage import precomputed

    later = files[6::7][:20] + files[259:]  # the last year of 20 townships, and 3 whole townships
    db = tmp_path / "k.duckdb"
    ingest_paths([RAW, *[f for f in files if f not in later]], db=db, workers=2)
    with store.connect(db) as con:
        derived.refresh(con)
    ingest_paths(later, db=db, workers=2)
    calls = []
    real = keywords._townships_after
    monkeypatch.setattr(keywords, "_townships_after", lambda *a: calls.append(len(a[3])) or real(*a))
    with store.connect(db) as con:
        assert derived.refresh(con, full=False) == "incremental"
        kept = [store.frame(con, f"SELECT * FROM pre_{name}") for name in ("keywords", "keywords_all")]
        recount = keywords.keyword_tables(con, top_n=precomputed.KEYWORDS_TOP)
    assert calls == [len(later)]
    assert kept[0].townships.max() > 20
    for stored, counted in zip(kept, recount):
        pd.testing.assert_frame_equal(stored, counted, check_dtype=False)
    # a deletion since: counted again over every term row
    with store.connect(db) as con:
        store.delete_reports(con, [con.execute("SELECT max(id) FROM reports").fetchone()[0]])
        derived.refresh(con, full=False)
    assert calls == [len(later)]
