"""Tables on screen with their downloads: UTF-8 CSV with BOM, formula-safe, exactly the rows shown
(or all of them, fetched when clicked)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from analysis.csvout import csv_bytes
from analysis.storage.filters import Filters
from analysis.xlsxout import xlsx_bytes
from pages.data import ready_version
from pages.filters import KIND_NAMES, current_filters
from pages.text import profile_url

# a table shows at most this many rows (its CSV has every row): what a page costs follows
# what it shows, not how many reports are stored
DISPLAY_ROWS = 1_000


# a CSV of more rows is made when its button is clicked, not on every page run
EAGER_CSV_ROWS = 5_000

EMPTY = "—"  # an empty cell on screen
DECIMALS = 2  # fractions (similarities, shares, per 10,000 words) as people read them


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` as people write its values: dates as 2023-02-18 (never 00:00:00), yes/no as 是/否, whole numbers
    without ".0" (a year column with gaps), fractions to two decimals, list cells joined with 、.
    Empty cells stay empty here; :func:`table` shows them as —."""
    out = df.copy()
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_bool_dtype(values):
            out[col] = values.map({True: "是", False: "否"})
        elif pd.api.types.is_datetime64_any_dtype(values):
            out[col] = values.dt.strftime("%Y-%m-%d").astype(object).where(values.notna(), None)
        elif pd.api.types.is_float_dtype(values):
            known = values.dropna()
            out[col] = values.astype("Int64") if len(known) and (known == known.round()).all() else values.round(DECIMALS)
        elif values.dtype == object:
            out[col] = values.map(_cell)
    return out


def _cell(value: object) -> object:
    if isinstance(value, (list, tuple, np.ndarray)):
        return "、".join(str(v) for v in value) or None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def on_screen(df: pd.DataFrame) -> pd.DataFrame:
    """:func:`readable` with empty cells as —. A column with a gap becomes text throughout (a column
    of numbers and — cannot be sent to the browser as numbers: Arrow refused it and logged a
    traceback for every such table)."""
    out = readable(df)
    for col in out.columns:
        if out[col].isna().any():
            out[col] = [EMPTY if pd.isna(v) else str(v) for v in out[col]]
    return out


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
    with st.container(horizontal=True):
        _csv_button(f"下载 CSV（{len(df)} 行）", data, name, key=f"{key}-{digest}")
        _xlsx_button("下载 Excel", partial(workbook, df, name, about=about(name)), name, key=f"xlsx-{key}-{digest}")


def _csv_button(label: str, data: bytes | Callable[[], bytes], name: str, *, key: str) -> None:
    st.download_button(label, data=data, file_name=f"{name}.csv", mime="text/csv", key=key, on_click="ignore", icon=":material/download:")


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_button(label: str, data: bytes | Callable[[], bytes], name: str, *, key: str) -> None:
    st.download_button(label, data=data, file_name=f"{name}.xlsx", mime=XLSX_MIME, key=key, on_click="ignore", icon=":material/table_view:")


def filter_rows(filters: Filters) -> list[tuple[str, str]]:
    """The shared filters as a reader would write them down (what an Excel download's first sheet lists)."""
    years = f"{filters.year_range[0]}–{filters.year_range[1]}" if filters.year_range else "全部"
    if filters.years:
        years = "、".join(str(y) for y in filters.years)
    return [
        ("报告年度", years),
        ("省份", "、".join(filters.provinces) or "全部"),
        ("区县", "、".join(filters.counties) or "全部"),
        ("乡镇", "、".join(filters.townships) or "全部"),
        ("章节类型", "、".join(KIND_NAMES.get(k, k) for k in filters.kinds) or "全部"),
    ]


def about(name: str) -> list[tuple[str, str]]:
    """What an Excel download's first sheet says: the table, the filters, the store version (taken
    when the page runs: the workbook itself is made when its button is clicked)."""
    return [("表格", name), *filter_rows(current_filters()), ("数据版本", ready_version().rsplit("@", 1)[-1])]


def workbook(df: pd.DataFrame, name: str, *, about: list[tuple[str, str]]) -> bytes:
    """The .xlsx of exactly ``df`` (already as shown: Chinese headers, :func:`readable` values):
    a first sheet with ``about`` (see :func:`about`), then the table."""
    return xlsx_bytes({name: df}, about=about)


PAGE_TABLES = "_page_tables"  # (sheet name, rows getter) of every table the current page run drew


def start_page() -> None:
    """Before a page runs (app.py): forget the tables of the previous run."""
    st.session_state[PAGE_TABLES] = []


def _remember(name: str, rows: Callable[[], pd.DataFrame]) -> None:
    st.session_state.setdefault(PAGE_TABLES, []).append((name, rows))


def page_workbook(title: str) -> None:
    """After a page runs (app.py): in the sidebar, one .xlsx of every table the page drew, a sheet
    each after 「筛选条件」; made when the button is clicked (the tables too large to fetch whole
    on every run are fetched then)."""
    drawn = list(st.session_state.get(PAGE_TABLES, []))
    if not drawn:
        return
    described = [("页面", title), *filter_rows(current_filters()), ("数据版本", ready_version().rsplit("@", 1)[-1])]
    names = "|".join(name for name, _ in drawn)
    digest = hashlib.blake2b(f"{ready_version()}|{current_filters()}|{title}|{names}".encode(), digest_size=6).hexdigest()
    with st.sidebar:
        _xlsx_button(
            f"下载本页全部表格（Excel，{len(drawn)} 张表）", partial(page_book, drawn, about=described), title, key=f"xlsx-page-{digest}"
        )


def page_book(drawn: list[tuple[str, Callable[[], pd.DataFrame]]], *, about: list[tuple[str, str]]) -> bytes:
    """The page's workbook: 「筛选条件」 (``about``), then one sheet per table in the order drawn
    (names made valid and unique by :func:`analysis.xlsxout.sheet_name`)."""
    return xlsx_bytes([(name, rows()) for name, rows in drawn], about=about)


TOWN_COLUMN, COUNTY_COLUMN = "乡镇", "区县"


def linked_towns(display: pd.DataFrame):
    """``display`` for st.dataframe with its 「乡镇」 column as links to 乡镇画像 that show the plain
    township name: a Styler whose display value of each link cell is the name. (Streamlit's
    LinkColumn shows a cell's Styler value when it has no ``display_text``; a ``display_text``
    pattern would cut the name out of the address, and an address escapes the name.) Fractions
    are written as :func:`readable` rounds them (a Styler would write 0.290000)."""
    names = display[TOWN_COLUMN].tolist()
    linked = display.assign(**{TOWN_COLUMN: town_links(display)})
    shown = dict(zip(linked[TOWN_COLUMN], names))
    fractions = [c for c in linked.columns if pd.api.types.is_float_dtype(linked[c])]
    return linked.style.format(shown.get, subset=[TOWN_COLUMN]).format(lambda v: str(round(v, DECIMALS)), subset=fractions)


def town_links(display: pd.DataFrame) -> list[str]:
    """The 「乡镇」 column as 乡镇画像 addresses (with the 「区县」 column's county when the table
    has one); an empty cell (—) stays as it is."""
    counties = display[COUNTY_COLUMN] if COUNTY_COLUMN in display.columns else [None] * len(display)
    return [t if t == EMPTY else profile_url(t, None if c == EMPTY else c) for t, c in zip(display[TOWN_COLUMN], counties)]


def table(
    df: pd.DataFrame,
    name: str,
    *,
    key: str,
    columns: dict | None = None,
    height: int | str = "auto",
    widths: dict | None = None,
    full: Callable[[], pd.DataFrame] | None = None,
    limit: int = DISPLAY_ROWS,
    towns: bool = False,
) -> None:
    """A dataframe (with Chinese column names) and its CSV download of exactly the same rows.
    ``widths``: pixel widths of (renamed) columns, so long text reads without scrolling sideways.
    Past ``DISPLAY_ROWS`` rows the first ones are shown, with a note; the CSV has them all.
    ``full``: where ``df`` holds only the first ``DISPLAY_ROWS`` rows of a larger table, what
    gives all of them (run when the download is clicked, see :func:`fetch`); ``limit``: how many
    rows ``df`` was cut to (``DISPLAY_ROWS`` unless said). Values are shown and written as
    :func:`readable` makes them, empty cells on screen as —. ``towns``: the 「乡镇」 column's names
    link to each township's 乡镇画像 (on screen; the downloads keep the names)."""
    shown = readable(df.rename(columns=columns or {}))
    config = {name: st.column_config.Column(width=px) for name, px in (widths or {}).items() if name in shown.columns}
    display = on_screen(shown.head(DISPLAY_ROWS))
    if towns and TOWN_COLUMN in display.columns:
        display = linked_towns(display)
        config[TOWN_COLUMN] = st.column_config.LinkColumn(TOWN_COLUMN, width=(widths or {}).get(TOWN_COLUMN))
    st.dataframe(display, hide_index=True, height=height, column_config=config or None)
    if full is not None and len(df) >= limit:  # there may be more than were fetched
        if limit == DISPLAY_ROWS:
            st.caption(f"表中显示前 {DISPLAY_ROWS:,} 行；下载的 CSV 含全部行。可用左侧筛选缩小范围。")
        digest = hashlib.blake2b(f"{ready_version()}|{current_filters()}|{name}".encode(), digest_size=6).hexdigest()
        every = lambda: readable(full().rename(columns=columns or {}))  # noqa: E731 (run when clicked)
        described = about(name)
        _remember(name, every)
        with st.container(horizontal=True):
            _csv_button("下载 CSV（全部行）", lambda: csv_bytes(every()), name, key=f"{key}-{digest}")
            _xlsx_button("下载 Excel（全部行）", lambda: workbook(every(), name, about=described), name, key=f"xlsx-{key}-{digest}")
        return
    if len(shown) > DISPLAY_ROWS:
        st.caption(f"共 {len(shown):,} 行，表中显示前 {DISPLAY_ROWS:,} 行；下载的 CSV 含全部 {len(shown):,} 行。可用左侧筛选缩小范围。")
    _remember(name, lambda: shown)
    download(shown, name, key=key)
