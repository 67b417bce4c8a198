"""The shared sidebar filters (bound to the URL, so a view can be bookmarked) and the Filters they make.

Session-state keys shared across pages:
    year    (int, int)   report-year range
    prov    list[str]    provinces
    county  list[str]    counties
    town    list[str]    townships
    kind    list[str]    section kinds (关键词, 趋势's keywords, 全文检索 and 报告阅读 use it)
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.parse.structure import SECTION_KINDS
from analysis.storage import store
from analysis.storage.filters import Filters
from pages.data import ready_version

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


@st.cache_data(show_spinner=False, max_entries=8)
def _options(version: str) -> pd.DataFrame:
    return store.read(store.frame, "SELECT DISTINCT province, county, township, year FROM reports")


@st.cache_data(show_spinner=False, max_entries=8)
def _year_bounds(version: str) -> tuple[int, int] | None:
    years = _options(version).year.dropna()
    return (int(years.min()), int(years.max())) if len(years) else None


def prime() -> None:
    """Read the filters' choices at the current store version into the cache (pages.warm)."""
    _year_bounds(ready_version())


WHOLE_REPORTS = "本页按整份报告统计，章节类型筛选不适用（在关键词、趋势、全文检索、报告阅读等页起作用）。"


def sidebar_filters(*, kinds_apply: bool = True) -> Filters:
    """Draw the shared filters in the sidebar (bound to the URL) and return them. ``kinds_apply``
    False: the page counts whole reports, so 章节类型 is shown disabled with a note saying so
    (its choice is kept for the pages it applies to)."""
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
        st.multiselect("省份", provinces, key="prov", bind="query-params", placeholder="全部", select_all=False)
        chosen_prov = st.session_state.get("prov") or provinces
        counties = sorted(options[options.province.isin(chosen_prov)].county.dropna().unique())
        st.multiselect("区县", counties, key="county", bind="query-params", placeholder="全部", select_all=False)
        chosen_county = st.session_state.get("county") or counties
        towns = options[options.province.isin(chosen_prov) & options.county.isin(chosen_county) | options.province.isna()]
        st.multiselect(
            "乡镇", sorted(towns.township.dropna().unique()), key="town", bind="query-params", placeholder="全部", select_all=False
        )
        st.multiselect(
            "章节类型",
            list(("preamble", *SECTION_KINDS)),
            format_func=KIND_NAMES.get,
            key="kind",
            bind="query-params",
            placeholder="全部",
            disabled=not kinds_apply,
            select_all=False,
        )
        if not kinds_apply:
            st.caption(WHOLE_REPORTS)
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
