"""Derived tables recomputed after each batch: problem clusters and plan follow-through.

They depend on the whole corpus, so they are rebuilt in one pass by whoever writes: after
ingest (CLI, upload), delete, and ``python -m analysis refresh`` (after editing
``data/themes.csv``). Readers never rebuild them: a store whose derived tables lag behind
(:func:`is_fresh` is False) is shown as it is, with a notice.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, closing
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.compute as pc

from analysis.errors import ReportError
from analysis.parse.segment import STOPWORDS
from analysis.parse.structure import ROOT
from analysis.parse.themes import THEMES_FILE
from analysis.problems import grouping
from analysis.problems.emerging import NAMING_VERSION
from analysis.problems.emerging import THRESHOLD as DEFAULT_THRESHOLD
from analysis.problems.followthrough import VERSION as FOLLOW_VERSION
from analysis.problems.followthrough import follow_through
from analysis.problems.matching import SYNONYMS_FILE
from analysis.problems.register import ASSIGN_VERSION, LABELLED_FILE, OTHER_WORK_FILE, REGISTER_FILE
from analysis.refresh import precompute, second
from analysis.storage import precomputed, store, summary

# from this many reports a dashboard's refresh runs in a child process, so that its working
# memory (a few hundred MB at 10,000 reports) goes back to the system when it ends instead of
# staying with the long-running dashboard; below, the child's start-up (~1.5 s) costs more
CHILD_MIN_REPORTS = 2_000
FOLLOW_PLANS = 10_000  # plans whose follow-through is computed at a time (with their townships' achievements)


def derived_key(con: duckdb.DuckDBPyConnection, *, threshold: float = DEFAULT_THRESHOLD) -> str:
    """What the derived tables were built from: store version, corrections, taxonomy and
    register files, threshold."""
    corrections = con.execute("SELECT count(*), max(made_at) FROM corrections").fetchone() if store.has_tables(con, "corrections") else ""
    return f"{store.version(con)}|{corrections}|{_inputs(threshold)}"


def _inputs(threshold: float) -> str:
    """What the derived tables are computed with besides the reports: the taxonomy, the register
    and its labelled items (they train the register's classifier), the other-work words, the
    topic synonyms and stopwords (emerging problems are grouped and plans followed by them), the
    threshold, the version of the register's rules and the follow-through's matching."""
    files = (THEMES_FILE, REGISTER_FILE, LABELLED_FILE, OTHER_WORK_FILE, SYNONYMS_FILE, STOPWORDS)
    return (
        "|".join(str(f.stat().st_mtime_ns) if f.exists() else "-" for f in files)
        + f"|{threshold}|r{ASSIGN_VERSION}|{FOLLOW_VERSION}|{NAMING_VERSION}"
    )


def is_fresh(con: duckdb.DuckDBPyConnection) -> bool:
    return store.get_meta(con, "derived") == derived_key(con)


def refresh(con: duckdb.DuckDBPyConnection, *, threshold: float = DEFAULT_THRESHOLD, full: bool = True) -> str:
    """Bring problem clusters and follow-through up to date with everything stored (one
    transaction); returns "full" or "incremental".

    ``full``: recompute everything. Otherwise, when only reports were added or removed since the
    last build (the taxonomy and register files and the threshold are unchanged), plan
    follow-through is recomputed for the townships those reports belong to and kept for every
    other (a township's follow-through depends on its own reports only), and only the new
    problem items are put to the register (an item's assignment depends on its text alone);
    emerging groups, corrections and the problem table are rebuilt from all items. Both give the
    same tables.
    """
    con.execute(store.SCHEMA)  # a store made before the corrections table
    if not summary.ensure(con):  # a store made before the summary tables
        summary.compact(con, force=full)
    key = derived_key(con, threshold=threshold)
    incremental = not full and store.get_meta(con, "derived_inputs") == _inputs(threshold) and _has_years(con)
    with ExitStack() as stack:
        # a second process shares a large follow-through, warming up meanwhile (an incremental
        # refresh's townships are known later: it starts one then, if they have enough plans)
        helper = stack.enter_context(second.Second()) if not incremental and _shared(_plans(con)) else None
        _refresh(con, key, threshold, incremental, helper)
    return "incremental" if incremental else "full"


def _shared(plans: int) -> bool:
    """Whether a follow-through of this many plans is shared with a second process."""
    return plans >= second.PLANS_MIN and second.cores() >= 2


def _plans(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM items WHERE kind = 'plan'").fetchone()[0]


def _refresh(con: duckdb.DuckDBPyConnection, key: str, threshold: float, incremental: bool, helper: second.Second | None) -> None:
    with closing(con.cursor()) as cur, ThreadPoolExecutor(max_workers=1) as pool:  # (the thread ends first)
        # 全文检索's sentences depend on the sections alone: split by DuckDB (without the GIL) on a
        # cursor of its own while this thread puts the problems to the register, and done
        # before the follow-through (the two peaks of memory apart)
        sentences = pool.submit(precompute.write_sentences, cur, full=not incremental)
        items = _problem_items(con)
        known = store.frame(con, "SELECT * FROM item_register SEMI JOIN reports r ON r.id = report_id") if incremental else None
        on_register = grouping.build(items, store.frame(con, "SELECT * FROM corrections"), known=known)
        if not sentences.done():  # the follow-through's segmenter and synonyms, loaded while this thread would wait
            second.warm()
        sentences.result()
    _rebuild(con, key, threshold, incremental, items, known, on_register, helper)


def _rebuild(
    con: duckdb.DuckDBPyConnection,
    key: str,
    threshold: float,
    incremental: bool,
    items: pd.DataFrame,
    known: pd.DataFrame | None,
    on_register: grouping.ProblemTables,
    helper: second.Second | None = None,
) -> None:
    """:func:`refresh` after the problems are put to the register: the derived tables written."""
    towns = ids = added = None  # everything
    if incremental:
        changed = store.frame(
            con,
            """SELECT r.id AS report_id, r.township, TRUE AS new FROM reports r ANTI JOIN derived_reports d ON d.report_id = r.id
               UNION ALL
               SELECT d.report_id, d.township, FALSE FROM derived_reports d ANTI JOIN reports r ON r.id = d.report_id
               UNION ALL  -- a report whose township or year was corrected: its old and its new township
               SELECT r.id, unnest([r.township, d.township]), FALSE FROM reports r JOIN derived_reports d ON d.report_id = r.id
               WHERE r.township IS DISTINCT FROM d.township OR r.year IS DISTINCT FROM d.year""",
        )
        towns = sorted(set(changed.township.dropna()))
        ids = [int(i) for i in changed.report_id]
        if changed.new.all() and precomputed.current_as_of(con, store.get_meta(con, "derived")):
            added = ids  # only additions since the stored views were written: they are updated, not recounted
    with store.transaction(con):
        kept = ("followthrough", "item_register") if incremental else ()
        for table in store.DERIVED_TABLES:  # recreated: their columns change between versions
            if table not in kept:
                con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute(store.DERIVED_SCHEMA)
        if incremental:
            con.execute(
                "DELETE FROM followthrough WHERE township IN (SELECT unnest($towns)) OR report_id IN (SELECT unnest($ids))",
                {"towns": towns, "ids": ids},
            )
        for table, df in (("problem_clusters", on_register.assignments), ("clusters", on_register.problems)):
            _insert(con, table, df)
        if incremental:  # the register's assignment of the items of new reports, kept for the next time
            con.execute("DELETE FROM item_register WHERE report_id NOT IN (SELECT id FROM reports)")
            new = on_register.register_rows.merge(known[["report_id", "ord"]].astype("int64"), how="left", indicator=True)
            _insert(con, "item_register", new[new._merge == "left_only"].drop(columns="_merge"))
        else:
            _insert(con, "item_register", on_register.register_rows)
        for follow in _follow_through(con, towns, ids, helper):
            _insert(con, "followthrough", follow)
        missing = items.item_key.isna()
        if missing.any():  # a store made before keys were kept at ingest: kept from now on
            keys = on_register.assignments.drop_duplicates(["report_id", "ord"])[["report_id", "ord", "item_key"]]
            con.register("_keys", keys.merge(items.loc[missing, ["report_id", "ord"]].astype("int64"), on=["report_id", "ord"]))
            con.execute(
                """UPDATE items SET item_key = k.item_key FROM _keys k
                   WHERE items.kind = 'problem' AND items.report_id = k.report_id AND items.ord = k.ord"""
            )
            con.unregister("_keys")
        con.execute("INSERT INTO derived_reports SELECT id, township, year FROM reports")
        store.set_meta(con, "derived", key)
        store.set_meta(con, "derived_inputs", _inputs(threshold))
        store.set_meta(con, "derived_built", str(time.time_ns()))  # a rebuild is always published, even of the same key
    precompute.write(con, added=added)


def _has_years(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the derived tables record the reports they were built from with their years
    (a store refreshed before corrections of facts has no year there: its next refresh is full)."""
    return store.has_tables(con, "derived_reports") and bool(
        con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'derived_reports' AND column_name = 'year'").fetchone()[0]
    )


def _insert(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame) -> None:
    if len(df):
        con.register("_df", _typed(df))
        con.execute(f"INSERT INTO {table} SELECT * FROM _df")
        con.unregister("_df")


def _follow_through(
    con: duckdb.DuckDBPyConnection, towns: list[str] | None, ids: list[int] | None, helper: second.Second | None = None
) -> Iterator[pd.DataFrame]:
    """Follow-through of every plan (``towns`` None), or of the plans of ``towns`` and of the
    reports ``ids``, a group of townships at a time (about :data:`FOLLOW_PLANS` plans at most): a
    township's result depends on its own reports only, so memory stays bounded however many
    townships there are. With enough plans the groups are smaller and shared with a second process
    (``helper``, or one started here: :meth:`analysis.refresh.second.Second.share`, whichever is free
    takes the next group); they come out in order either way."""
    scope, params = (
        ("TRUE", {})
        if towns is None
        else ("(r.township IN (SELECT unnest($towns)) OR r.id IN (SELECT unnest($ids)))", {"towns": towns, "ids": ids})
    )
    sizes = store.frame(
        con,
        f"""SELECT r.township, count(*) AS plans FROM items i JOIN reports r ON r.id = i.report_id
            WHERE i.kind = 'plan' AND r.township IS NOT NULL AND {scope} GROUP BY r.township ORDER BY r.township""",
        params if towns is not None else None,
    )
    total = int(sizes.plans.sum())
    with ExitStack() as stack:
        if helper is None and _shared(total):
            helper = stack.enter_context(second.Second())
        # with a second process, smaller groups: whichever process is free takes the next
        groups = max(1, -(-total // (FOLLOW_PLANS if helper is None else second.SHARE_PLANS)))
        chunks = [chunk.township.tolist() for _, chunk in sizes.groupby((sizes.plans.cumsum() - 1) * groups // max(total, 1))]

        def kinds_of(names: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
            kinds = _items(con, ("plan", "achievement", "problem"), "r.township IN (SELECT unnest($names))", names=names)
            return kinds["plan"], kinds["achievement"], kinds["problem"]

        if helper is None:
            for names in chunks:
                yield second.follow(kinds_of(names))
        else:
            yield from helper.share([functools.partial(kinds_of, names) for names in chunks], second.follow)
    # plans of reports without a township: nothing to compare them with
    kinds = _items(con, ("plan", "achievement"), f"r.township IS NULL AND {scope}", **params)
    yield follow_through(kinds["plan"], kinds["achievement"].iloc[:0])


def _problem_items(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """report_id, ord, county, township, year, text, item_key of every problem item."""
    cur = con.cursor()
    try:
        table = cur.sql(
            """SELECT i.report_id, i.ord, r.county, r.township, r.year, i.text, i.item_key
               FROM items i JOIN reports r ON r.id = i.report_id WHERE i.kind = 'problem' ORDER BY i.report_id, i.ord"""
        ).to_arrow_table()
    finally:
        cur.close()
    return table.to_pandas()  # Python strings: grouping.build walks every item in Python


def _items(con: duckdb.DuckDBPyConnection, kinds: tuple[str, ...], scope: str = "TRUE", **params: list) -> dict[str, pd.DataFrame]:
    """kind → report_id, ord, township, year, text of each of ``kinds`` of item (of the reports
    ``scope``, a condition on reports ``r``, selects), read in one query; text stays Arrow-backed
    (no Python object per row: a province's achievements are 10^5 rows)."""
    cur = con.cursor()
    try:
        table = cur.sql(
            f"""
            SELECT i.kind, i.report_id, i.ord, r.township, r.year, i.text
            FROM items i JOIN reports r ON r.id = i.report_id WHERE i.kind IN (SELECT unnest($kinds)) AND {scope} ORDER BY i.report_id, i.ord""",
            params={"kinds": list(kinds), **params},
        ).to_arrow_table()
    finally:
        cur.close()
    kind = table.column("kind")
    return {k: table.filter(pc.equal(kind, k)).drop_columns(["kind"]).to_pandas(types_mapper=pd.ArrowDtype) for k in kinds}


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype({c: "Int64" for c in df.columns if c in ("report_id", "ord", "cluster", "items", "plan_year", "matched_year")})


def ensure_fresh(
    db=None, *, child_min_reports: int = CHILD_MIN_REPORTS, verify: bool = False, wait: float = store.LOCK_WAIT_SECONDS
) -> bool:
    """Refresh the derived tables if the store changed since they were built, and make sure
    readers see the result (a writer: takes the store's lock, then publishes a snapshot).
    ``verify``: also compare the published snapshot with the store and publish it again when
    it is damaged or missing (``refresh --if-stale``); returns True when it was.

    A store of ``child_min_reports`` reports or more is refreshed by a child process
    (``python -m analysis refresh --if-stale``); a failure there raises :class:`ReportError`.
    """
    if not store.db_path(db).exists():
        return False
    with store.connect(db, publish=False, wait=wait) as con:
        if summary.ensure(con):  # a store made before the summary tables: built once, then kept by every write
            store.publish_snapshot(con, db)
        if is_fresh(con):
            repaired = verify and not store.snapshot_intact(con, db)
            store.publish_snapshot(con, db, force=repaired)  # readers may lag behind (an upload that skipped publishing)
            return repaired
        n_reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
        if n_reports < child_min_reports:
            refresh(con, full=False)
            store.publish_snapshot(con, db)
            return False
    # the child publishes when it is done: readers go from the old store to the new one whole
    _refresh_in_child(store.db_path(db))
    return False


def after_write(db=None, *, wait: float = store.LOCK_WAIT_SECONDS) -> None:
    """What every write action ends with: derived tables rebuilt and the store published.
    When the rebuild fails the stored reports are published all the same if they can be
    (readers then see them with a notice that the derived tables lag behind), and the first
    error is raised."""
    try:
        ensure_fresh(db, wait=wait)
    except ReportError:
        try:
            with store.connect(db, wait=wait):
                pass
        except ReportError:
            pass  # busy or not publishable: the next write or `refresh` publishes
        raise


def _refresh_in_child(path: Path) -> None:
    command = [sys.executable, "-m", "analysis", "refresh", "--if-stale", "--db", str(path)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[-1]
        raise ReportError(
            f"rebuilding the derived tables failed ({last}): run `python -m analysis refresh --db {path}` to see the whole error"
        )
