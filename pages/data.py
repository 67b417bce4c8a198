"""Store access for the pages: the store version every cached query is keyed by, cached queries
(a page passes the analysis function itself: ``q(recurring.recurring_table, filters)``), the
notice when derived tables lag, and what every write action ends with."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd
import streamlit as st

from analysis.errors import ReportError
from analysis.refresh import derived
from analysis.storage import store, tables
from analysis.storage.filters import Filters
from pages.admin import write_lock
from pages.messages import chinese

Query = Callable[..., pd.DataFrame]  # analysis function(con, filters, **options) -> DataFrame


def db_path() -> str:
    return str(store.db_path())


def store_version() -> str:
    """The store file and the version readers see (its published snapshot); keys every
    cached query. Reading it opens no database."""
    key = store.published_key()
    if key:
        return f"{db_path()}@{key}"
    try:  # a store never published (or none yet, or its pointer damaged): read it in place
        return f"{db_path()}@{store.read(store.version)}"
    except ReportError:
        return f"{db_path()}@busy"


@st.cache_data(show_spinner=False, max_entries=16)
def _derived_fresh(version: str) -> bool:
    return store.read(lambda con: derived.is_fresh(con) or con.execute("SELECT count(*) FROM reports").fetchone()[0] == 0)


def prime() -> None:
    """Check at the current store version whether the derived tables are current, into the cache
    (pages.warm: what :func:`stale_notice` asks on every page)."""
    _derived_fresh(store_version())


def ready_version() -> str:
    """The store version every query is keyed by (pages never rebuild anything; see
    :func:`stale_notice`)."""
    return store_version()


def stale_notice() -> None:
    """When the derived tables (problem groups, plan follow-through) lag behind the stored
    reports, or the published copy of the store is damaged, say so above the page, which shows
    what can be read."""
    if not _derived_fresh(store_version()):
        st.warning(
            "问题归类与计划落实尚未按最新入库的报告更新（批量导入时用了 --no-refresh，或编辑了 data/themes.csv）。"
            "下面显示的是已有结果；在命令行运行 `python -m analysis refresh` 后即为最新。",
            icon=":material/update:",
        )
    if store.snapshot_damaged():
        st.warning(
            "供各页面读取的报告库副本已损坏，下面显示的是报告库本身（或上一版副本）的内容。"
            "下一次上传、删除或在命令行运行 `python -m analysis refresh` 会重新生成副本。",
            icon=":material/build:",
        )


WRITE_WAIT_SECONDS = 600.0  # an upload, deletion or correction queues this long for a busy store


@contextmanager
def queued_write(what: str) -> Iterator[Callable[[float], None]]:
    """One write at a time from this dashboard, in turn: while another session's write, or a
    command-line ingest or refresh, holds the store, the page says in Chinese that ``what`` (上传,
    删除, 校正) waits in the queue. Yields the ``on_wait`` callback a writer passes to the store."""
    note = st.empty()
    shown = [-1]

    def waiting(seconds: float) -> None:
        if int(seconds) != shown[0]:
            shown[0] = int(seconds)
            note.info(
                f"报告库正被另一项导入或更新占用，本次{what}已排队，轮到后自动继续（已等候 {seconds:.0f} 秒）。请勿关闭页面。",
                icon=":material/hourglass_top:",
            )

    lock = write_lock()
    started = time.monotonic()
    while not lock.acquire(timeout=1.0):
        waiting(time.monotonic() - started)
    try:
        yield waiting
    finally:
        lock.release()
        note.empty()


def write_error(exc: BaseException, what: str) -> str:
    """One Chinese sentence for a write that failed: no server path, no process id."""
    reason = store.failure_reason(exc)
    if isinstance(exc, store.NotPublished):
        return f"本次{what}已保存，但各页面暂未更新（{_reason_cn(reason)}）：请管理员处理后在命令行运行 `python -m analysis refresh`。"
    text = str(exc)
    if isinstance(exc, ReportError) and "busy" in text:
        return f"报告库超过 {WRITE_WAIT_SECONDS / 60:.0f} 分钟仍被其他导入或更新占用，本次{what}未能完成：所选内容仍保留，请稍后再试。"
    if isinstance(exc, ReportError) and "cannot be written" in text:
        return f"报告库所在的文件夹只读，本次{what}未保存：请管理员检查存放报告库的文件夹。"
    if isinstance(exc, ReportError):
        return f"本次{what}未能完成：{chinese(text)}"
    return f"报告库无法写入（{_reason_cn(reason)}），本次{what}未能完成，已保存的内容不受影响。"


def _reason_cn(reason: str) -> str:
    return {"No space left on device": "磁盘已满", "Read-only file system": "文件夹只读", "Permission denied": "没有写入权限"}.get(
        reason, "写入失败"
    )


def after_write(*, wait: float = WRITE_WAIT_SECONDS, what: str = "操作") -> None:
    """End every write action (upload, delete, correction): rebuild the derived tables and
    publish the store, so that every page shows the change; a failure is shown in one Chinese
    sentence, the stored data kept."""
    with st.spinner("更新问题归类与计划落实…"):
        try:
            derived.after_write(wait=wait)
        except store.NotPublished as exc:
            st.error(write_error(exc, what), icon=":material/error:")
        except (ReportError, OSError, duckdb.Error) as exc:
            message = write_error(exc, what) if not isinstance(exc, ReportError) or "busy" in str(exc) else chinese(str(exc))
            st.error(f"问题归类与计划落实未能更新：{message}", icon=":material/error:")


def qualified_name(function: Query) -> str:
    """``analysis.problems.recurring.recurring_table``: what a cached query is keyed by."""
    return f"{function.__module__}.{function.__qualname__}"


@st.cache_data(show_spinner="查询中…", max_entries=512)
def _query(_function: Query, name: str, version: str, filters: Filters, kwargs: tuple = ()) -> pd.DataFrame:
    """``_function(con, filters, **kwargs)`` on a read-only connection, cached by the function's
    qualified ``name`` (the function itself is not hashed) and the store version, so new uploads
    show at once and nothing hashes big frames. A damaged snapshot is read around (:func:`store.read`)."""
    return store.read(_function, filters, **dict(kwargs))


def q(function: Query, filters: Filters, **kwargs) -> pd.DataFrame:
    """Cached ``function(con, filters, **kwargs)`` at the current store version."""
    return _query(function, qualified_name(function), ready_version(), filters, tuple(sorted(kwargs.items())))


def fetch(function: Query, filters: Filters, **kwargs) -> pd.DataFrame:
    """``function(con, filters, **kwargs)`` uncached, on a read-only connection: what a deferred
    download runs (in a thread of its own, after the page)."""
    return store.read(function, filters, **kwargs)


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
