"""Store access for the pages: the store version every cached query is keyed by, cached queries
(a page passes the analysis function itself: ``q(recurring.recurring_table, filters)``), the
notice when derived tables lag, and what every write action ends with."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis.errors import ReportError
from analysis.refresh import derived
from analysis.storage import store, tables
from analysis.storage.filters import Filters
from pages.text import safe

Query = Callable[..., pd.DataFrame]  # analysis function(con, filters, **options) -> DataFrame


def db_path() -> str:
    return str(store.db_path())


def store_version() -> str:
    """The store file and the version readers see (its published snapshot); keys every
    cached query. Reading it opens no database."""
    key = store.published_key()
    if key:
        return f"{db_path()}@{key}"
    try:  # a store never published (or none yet): read it in place
        with store.connect(read_only=True) as con:
            return f"{db_path()}@{store.version(con)}"
    except ReportError:
        return f"{db_path()}@busy"


@st.cache_data(show_spinner=False, max_entries=16)
def _derived_fresh(version: str) -> bool:
    with store.connect(read_only=True) as con:
        return derived.is_fresh(con) or con.execute("SELECT count(*) FROM reports").fetchone()[0] == 0


def ready_version() -> str:
    """The store version every query is keyed by (pages never rebuild anything; see
    :func:`stale_notice`)."""
    return store_version()


def stale_notice() -> None:
    """When the derived tables (problem groups, plan follow-through) lag behind the stored
    reports, say so above the page, which shows what is stored."""
    if not _derived_fresh(store_version()):
        st.warning(
            "问题归类与计划落实尚未按最新入库的报告更新（批量导入时用了 --no-refresh，或编辑了 data/themes.csv）。"
            "下面显示的是已有结果；在命令行运行 `python -m analysis refresh` 后即为最新。",
            icon=":material/update:",
        )


def after_write() -> None:
    """End every write action (upload, delete): rebuild the derived tables and publish the
    store, so that every page shows the change; a failure is shown, the stored data kept."""
    with st.spinner("更新问题归类与计划落实…"):
        try:
            derived.after_write()
        except ReportError as exc:
            st.error(f"问题归类与计划落实未能更新：{safe(str(exc))}", icon=":material/error:")


def qualified_name(function: Query) -> str:
    """``analysis.problems.recurring.recurring_table``: what a cached query is keyed by."""
    return f"{function.__module__}.{function.__qualname__}"


@st.cache_data(show_spinner="查询中…", max_entries=512)
def _query(_function: Query, name: str, version: str, filters: Filters, kwargs: tuple = ()) -> pd.DataFrame:
    """``_function(con, filters, **kwargs)`` on a read-only connection, cached by the function's
    qualified ``name`` (the function itself is not hashed) and the store version, so new uploads
    show at once and nothing hashes big frames."""
    with store.connect(read_only=True) as con:
        return _function(con, filters, **dict(kwargs))


def q(function: Query, filters: Filters, **kwargs) -> pd.DataFrame:
    """Cached ``function(con, filters, **kwargs)`` at the current store version."""
    return _query(function, qualified_name(function), ready_version(), filters, tuple(sorted(kwargs.items())))


def fetch(function: Query, filters: Filters, **kwargs) -> pd.DataFrame:
    """``function(con, filters, **kwargs)`` uncached, on a read-only connection: what a deferred
    download runs (in a thread of its own, after the page)."""
    with store.connect(read_only=True) as con:
        return function(con, filters, **kwargs)


def nothing(message: str = "当前筛选条件下没有报告。请放宽左侧的年度、地区、乡镇或章节筛选。") -> None:
    st.info(message, icon=":material/filter_alt_off:")


def require_reports(filters: Filters, *, index: bool = True) -> pd.DataFrame | None:
    """The filtered reports (``tables.report_index``: report_id, file, township, year; None
    when ``index`` is False, which only counts them), or a clear message and a stop when there
    are none."""
    found = q(tables.report_index, filters) if index else None
    if found.empty if index else int(q(tables.report_totals, filters).reports.iloc[0]) == 0:
        if int(q(tables.report_totals, Filters()).reports.iloc[0]) == 0:
            st.info("库里还没有报告。请在「总览」页上传报告，或在命令行运行 `make run` 导入 data/raw。", icon=":material/inbox:")
        else:
            nothing()
        st.stop()
    return found
