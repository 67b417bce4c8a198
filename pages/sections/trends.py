"""The sections of 趋势: the counted indicators over the report years."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.insights import trends
from analysis.insights.trends import default_trend_metrics
from analysis.storage.filters import Filters
from pages.charts import HOVER_NAMES, count_axis, figure
from pages.data import nothing, q
from pages.downloads import table
from pages.filters import KIND_NAMES

WHOLE = "本图按整份报告统计，不受左侧「章节类型」筛选影响。"


def whole_reports_note(filters: Filters) -> None:
    """Under a figure that counts whole reports, when section kinds are chosen: says it ignores them."""
    if filters.kinds:
        st.caption(WHOLE)


def kinds_note(filters: Filters, what: str = "词") -> None:
    """Under the keyword trend and the indicators, when section kinds are chosen: which ones count."""
    if filters.kinds:
        st.caption(f"只统计所选章节类型（{'、'.join(KIND_NAMES.get(k, k) for k in filters.kinds)}）中的{what}。")


def counts_figure(long: pd.DataFrame):
    """报告与条目数: each measure's ``value`` per year, bars side by side."""
    fig = px.bar(long, x="year", y="value", color="measure", barmode="group", labels={"year": "年度", "value": "数量", "measure": ""})
    fig.update_xaxes(type="category")
    count_axis(fig, long.value)
    return fig


def theme_shares_figure(shares: pd.DataFrame):
    """问题主题占比: each theme's share of the year's problem items, stacked."""
    fig = px.bar(
        shares,
        x="year",
        y="share",
        color="theme",
        labels={**HOVER_NAMES, "year": "年度", "share": "占比", "theme": "主题"},
        hover_data={"problems": True},
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(tickformat=".0%")
    return fig


def keywords_figure(kw: pd.DataFrame):
    """关键词（每万词）: each term's uses per 10,000 words, a line per term."""
    fig = px.line(
        kw,
        x="year",
        y="per_10k",
        color="term",
        markers=True,
        labels={**HOVER_NAMES, "year": "年度", "per_10k": "每万词出现次数", "term": "关键词"},
        hover_data={"count": True},
    )
    fig.update_xaxes(type="category")
    return fig


def indicators_figure(shown: pd.DataFrame, *, y: str, measure: str):
    """量化指标: the chosen indicators' ``y`` (``total`` or ``mean``, named ``measure``) per year, a line each."""
    fig = px.line(
        shown,
        x="year",
        y=y,
        color="指标",
        markers=True,
        labels={**HOVER_NAMES, "year": "年度", y: measure},
        hover_data={"reports": True},
    )
    fig.update_xaxes(type="category")
    if y == "total":
        count_axis(fig, shown.total)
    return fig


def indicators(filters: Filters) -> None:
    """量化指标: the done figures of each year (flows added, stocks as each township's figure)."""
    st.subheader("量化指标")
    kinds_note(filters, "数字")
    ind = q(trends.indicator_trend, filters)
    if ind.empty:
        nothing("筛选范围内的报告没有可比较的量化指标。")
    else:
        ind["指标"] = ind.metric + "（" + ind.unit + "）"
        choices = sorted(ind["指标"].unique())
        chosen = st.multiselect("指标", choices, default=default_trend_metrics(ind), key="tr_metrics", select_all=False)
        measure = st.radio("口径", ["合计", "每份报告均值"], horizontal=True, key="tr_measure")
        shown = ind[ind["指标"].isin(chosen)]
        y = "total" if measure == "合计" else "mean"
        st.plotly_chart(figure(indicators_figure, shown, y=y, measure=measure), key="tr_ind_chart")
        table(
            shown.drop(columns=["指标", "total", "approx", "kind"]),
            "指标年度趋势",
            key="tr_dl_ind",
            columns={
                "year": "年度",
                "metric": "指标",
                "unit": "单位",
                "total_text": "合计",
                "reports": "报告数",
                "townships": "乡镇数",
                "mean": "均值",
            },
        )
