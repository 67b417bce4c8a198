"""UI layer shared by the pages (the page scripts are in pages/views/): store access, cached queries, sidebar filters, downloads, safe text.

Session-state keys shared across pages (each bound to the URL, so a view can be bookmarked):
    year    (int, int)   report-year range
    prov    list[str]    provinces
    county  list[str]    counties
    town    list[str]    townships
    kind    list[str]    section kinds (关键词 and 报告阅读 use it)
Page widgets use keys prefixed by page: ov_ 总览, tr_ 趋势, cmp_ 乡镇对比, kw_ 关键词, pb_ 存在问题, rd_ 报告阅读.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib
import os
import re
import threading
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from analysis.csvout import csv_bytes
from analysis.errors import ReportError
from analysis.parse.structure import SECTION_KINDS
from analysis.refresh import derived
from analysis.storage import store
from analysis.storage.filters import Filters
from analysis.storage.tables import cell_text

KIND_NAMES = {
    "preamble": "前言",
    "achievements": "举措成效",
    "duty": "第一责任人职责",
    "problems": "问题不足",
    "plans": "下步计划",
    "suggestions": "意见建议",
    "other": "其他事项",
}
FILTER_KEYS = ("year", "prov", "county", "town", "kind")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&])")


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


@st.cache_data(show_spinner="查询中…", max_entries=512)
def query(function: str, version: str, filters: Filters, kwargs: tuple = ()) -> pd.DataFrame:
    """Run ``analysis.<module>.<function>(con, filters, **kwargs)`` on a read-only connection.

    Cached per store version, so new uploads show at once and nothing hashes big frames.
    """
    module, name = function.rsplit(".", 1)
    fn = getattr(importlib.import_module(f"analysis.{module}"), name)
    import time as _t

    _s = _t.perf_counter()
    with store.connect(read_only=True) as con:
        _r = fn(con, filters, **dict(kwargs))
    print("QUERY", function, round(_t.perf_counter() - _s, 3), flush=True)
    return _r


def q(function: str, filters: Filters, **kwargs) -> pd.DataFrame:
    """Cached ``query`` at the current store version."""
    return query(function, ready_version(), filters, tuple(sorted(kwargs.items())))


@st.cache_data(show_spinner=False, max_entries=8)
def _options(version: str) -> pd.DataFrame:
    with store.connect(read_only=True) as con:
        return store.frame(con, "SELECT DISTINCT province, county, township, year FROM reports")


@st.cache_data(show_spinner=False, max_entries=8)
def _year_bounds(version: str) -> tuple[int, int] | None:
    years = _options(version).year.dropna()
    return (int(years.min()), int(years.max())) if len(years) else None


def sidebar_filters() -> Filters:
    """Draw the shared filters in the sidebar (bound to the URL) and return them."""
    options = _options(ready_version())
    with st.sidebar:
        st.subheader("筛选")
        years = sorted(int(y) for y in options.year.dropna().unique())
        if len(years) >= 2:
            st.select_slider(
                "报告年度",
                options=years,
                value=(years[0], years[-1]),
                key="year",
                bind="query-params",
                help="滑块在两端（全部年度）时，也包括年度未能识别的报告。",
            )
        elif years:
            st.caption(f"报告年度：{years[0]}")
        provinces = sorted(options.province.dropna().unique())
        st.multiselect("省份", provinces, key="prov", bind="query-params", placeholder="全部")
        chosen_prov = st.session_state.get("prov") or provinces
        counties = sorted(options[options.province.isin(chosen_prov)].county.dropna().unique())
        st.multiselect("区县", counties, key="county", bind="query-params", placeholder="全部")
        chosen_county = st.session_state.get("county") or counties
        towns = options[options.province.isin(chosen_prov) & options.county.isin(chosen_county) | options.province.isna()]
        st.multiselect("乡镇", sorted(towns.township.dropna().unique()), key="town", bind="query-params", placeholder="全部")
        st.multiselect(
            "章节类型", list(("preamble", *SECTION_KINDS)), format_func=KIND_NAMES.get, key="kind", bind="query-params", placeholder="全部"
        )
    return current_filters()


def current_filters() -> Filters:
    """The shared filters from session state (see the module docstring for the keys)."""
    state = st.session_state
    year = state.get("year")
    # the slider at its full extent means every report, those whose year is unknown included
    # (and lets the default view be read from the stored unfiltered views, analysis.storage.precomputed)
    whole = year and tuple(int(y) for y in year) == _year_bounds(ready_version())
    return Filters(
        year_range=(int(year[0]), int(year[1])) if year and not whole else None,
        provinces=tuple(state.get("prov") or ()),
        counties=tuple(state.get("county") or ()),
        townships=tuple(state.get("town") or ()),
        kinds=tuple(state.get("kind") or ()),
    )


# a table shows at most this many rows (its CSV has every row): what a page costs follows
# what it shows, not how many reports are stored
DISPLAY_ROWS = 1_000
# a CSV of more rows is made when its button is clicked, not on every page run
EAGER_CSV_ROWS = 5_000


def download(df: pd.DataFrame, name: str, *, key: str) -> None:
    """A CSV download of exactly ``df``: UTF-8 with BOM, formula-safe, Chinese file name.

    The widget key carries a digest of the content: with a fixed key the browser kept the
    first run's file after the filters changed (seen in the browser test). A small table's
    bytes are made at once; a large one's (more than ``EAGER_CSV_ROWS`` rows) when the
    button is clicked, and its digest is taken from the store version, the filters and the
    table's first and last rows instead of every byte.
    """
    if len(df) <= EAGER_CSV_ROWS:
        data = csv_bytes(df)
        digest = hashlib.blake2b(data, digest_size=6).hexdigest()
    else:
        fingerprint = f"{ready_version()}|{current_filters()}|{len(df)}".encode() + csv_bytes(pd.concat([df.head(20), df.tail(20)]))
        digest = hashlib.blake2b(fingerprint, digest_size=6).hexdigest()
        data = partial(csv_bytes, df)
    _csv_button(f"下载 CSV（{len(df)} 行）", data, name, key=f"{key}-{digest}")


def _csv_button(label: str, data: bytes | Callable[[], bytes], name: str, *, key: str) -> None:
    st.download_button(label, data=data, file_name=f"{name}.csv", mime="text/csv", key=key, on_click="ignore", icon=":material/download:")


def table(
    df: pd.DataFrame,
    name: str,
    *,
    key: str,
    columns: dict | None = None,
    height: int | str = "auto",
    widths: dict | None = None,
    full: Callable[[], pd.DataFrame] | None = None,
) -> None:
    """A dataframe (with Chinese column names) and its CSV download of exactly the same rows.
    ``widths``: pixel widths of (renamed) columns, so long text reads without scrolling sideways.
    Past ``DISPLAY_ROWS`` rows the first ones are shown, with a note; the CSV has them all.
    ``full``: where ``df`` holds only the first ``DISPLAY_ROWS`` rows of a larger table, what
    gives all of them (run when the download is clicked, see :func:`fetch`)."""
    shown = df.rename(columns=columns or {})
    config = {name: st.column_config.Column(width=px) for name, px in (widths or {}).items() if name in shown.columns}
    st.dataframe(shown.head(DISPLAY_ROWS), hide_index=True, height=height, column_config=config or None)
    if full is not None and len(df) >= DISPLAY_ROWS:  # there may be more than were fetched
        st.caption(f"表中显示前 {DISPLAY_ROWS:,} 行；下载的 CSV 含全部行。可用左侧筛选缩小范围。")
        digest = hashlib.blake2b(f"{ready_version()}|{current_filters()}|{name}".encode(), digest_size=6).hexdigest()
        _csv_button("下载 CSV（全部行）", lambda: csv_bytes(full().rename(columns=columns or {})), name, key=f"{key}-{digest}")
        return
    if len(shown) > DISPLAY_ROWS:
        st.caption(f"共 {len(shown):,} 行，表中显示前 {DISPLAY_ROWS:,} 行；下载的 CSV 含全部 {len(shown):,} 行。可用左侧筛选缩小范围。")
    download(shown, name, key=key)


def fetch(function: str, filters: Filters, **kwargs) -> pd.DataFrame:
    """``analysis.<module>.<function>(con, filters, **kwargs)`` uncached, on a read-only
    connection: what a deferred download runs (in a thread of its own, after the page)."""
    module, name = function.rsplit(".", 1)
    fn = getattr(importlib.import_module(f"analysis.{module}"), name)
    with store.connect(read_only=True) as con:
        return fn(con, filters, **kwargs)


def plain(value: object, default: str = "") -> str:
    """A value as plain text for labels (not Markdown); see :func:`analysis.storage.tables.cell_text`."""
    return cell_text(value, default)


def safe(value: object) -> str:
    """Report text escaped for st.markdown: no markdown, links, images or HTML from a report.

    Missing values (None, NaN, pd.NA, NaT) become an empty string.
    """
    text = plain(value)
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def nothing(message: str = "当前筛选条件下没有报告。请放宽左侧的年度、地区、乡镇或章节筛选。") -> None:
    st.info(message, icon=":material/filter_alt_off:")


def require_reports(filters: Filters, *, index: bool = True) -> pd.DataFrame | None:
    """The filtered reports (``tables.report_index``: report_id, file, township, year; None
    when ``index`` is False, which only counts them), or a clear message and a stop when there
    are none."""
    found = q("storage.tables.report_index", filters) if index else None
    if found.empty if index else int(q("storage.tables.report_totals", filters).reports.iloc[0]) == 0:
        if int(q("storage.tables.report_totals", Filters()).reports.iloc[0]) == 0:
            st.info("库里还没有报告。请在「总览」页上传报告，或在命令行运行 `make run` 导入 data/raw。", icon=":material/inbox:")
        else:
            nothing()
        st.stop()
    return found


def admin_password() -> str | None:
    """The configured admin password ($REPORTS_ADMIN_PASSWORD or secrets admin_password), if any."""
    env = os.environ.get("REPORTS_ADMIN_PASSWORD")
    if env:
        return env
    try:
        return st.secrets.get("admin_password")
    except Exception:  # no secrets.toml: browsing and writing stay open
        return None


def admin_unlocked(key: str) -> bool:
    """True when no password is configured or the right one was entered.

    Wrong guesses are throttled per session and per client address (:class:`Throttle`):
    after a few, every further try is refused until a growing wait has passed.
    """
    password = admin_password()
    if not password:
        return True
    unlocked = hashlib.sha256(password.encode()).hexdigest()  # the session keeps a digest, never the password
    if st.session_state.get("_admin_ok") == unlocked:
        return True
    typed = st.text_input("管理员密码（上传、替换、删除需要）", type="password", key=key)
    if not typed:
        return False
    if typed != st.session_state.get(f"_tried_{key}"):  # a new try (a rerun with the same text is not one)
        who = (f"session:{_session_id()}", f"client:{st.context.ip_address or 'unknown'}")
        wait = throttle().wait(who)
        if wait > 0:
            st.error(f"密码错误次数过多，请 {wait:.0f} 秒后再试。")
            return False
        st.session_state[f"_tried_{key}"] = typed
        if hmac.compare_digest(typed.encode(), password.encode()):
            throttle().success(who)
            st.session_state["_admin_ok"] = unlocked
            return True
        throttle().failure(who)
    st.error("密码不正确。")
    return False


def _session_id() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else "none"


class Throttle:
    """Failed admin-password tries per key (a session, a client address): the first
    ``free`` failures cost nothing; each further one locks the key for ``base`` seconds,
    doubling up to ``cap``. A success clears the session's count, not the client's."""

    def __init__(self, *, free: int = 3, base: float = 5.0, cap: float = 300.0, clock=None):
        import time

        self.free, self.base, self.cap = free, base, cap
        self.clock = clock or time.monotonic
        self._failures: dict[str, int] = {}
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, keys: tuple[str, ...]) -> float:
        """Seconds before any of ``keys`` may try again (0 when they may)."""
        now = self.clock()
        with self._lock:
            return max([self._until.get(k, 0.0) - now for k in keys] + [0.0])

    def failure(self, keys: tuple[str, ...]) -> None:
        now = self.clock()
        with self._lock:
            for k in keys:
                n = self._failures[k] = self._failures.get(k, 0) + 1
                if n > self.free:
                    self._until[k] = now + min(self.cap, self.base * 2 ** (n - self.free - 1))

    def success(self, keys: tuple[str, ...]) -> None:
        with self._lock:
            for k in keys:
                if k.startswith("session:"):
                    self._failures.pop(k, None)
                    self._until.pop(k, None)


@st.cache_resource
def throttle() -> Throttle:
    """One password throttle for the whole dashboard process (all sessions)."""
    return Throttle()


@st.cache_resource
def write_lock() -> threading.Lock:
    """One writer at a time from this dashboard process."""
    return threading.Lock()
