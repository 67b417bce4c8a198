"""The sections of 存在问题 below the register: theme × township, persistence, plan follow-through."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.insights import views
from analysis.problems import recurring
from analysis.storage.filters import Filters
from pages.charts import count_colorbar, heatmap
from pages.data import fetch, q
from pages.downloads import DISPLAY_ROWS, table

HEATMAP_TOWNSHIPS = 40  # columns of the theme × township chart


def theme_township_figure(grid: pd.DataFrame):
    """问题主题 × 乡镇: problem items per theme (rows) and township (columns)."""
    fig = px.imshow(
        grid, text_auto=True, aspect="auto", color_continuous_scale="Reds", labels={"x": "乡镇", "y": "主题", "color": "问题条目"}
    )
    count_colorbar(fig, grid.values.ravel())
    return fig


def theme_township(filters: Filters) -> None:
    """问题主题 × 乡镇: problem items per theme and township."""
    st.subheader("问题主题 × 乡镇")
    # a province's townships do not fit on one chart: those with most problem items
    grid = q(recurring.theme_township_top, filters, townships=HEATMAP_TOWNSHIPS).pivot_table(
        index="theme", columns="township", values="problems", aggfunc="sum", fill_value=0
    )
    if grid.shape[1] == HEATMAP_TOWNSHIPS:
        st.caption(f"下图显示问题条目最多的 {HEATMAP_TOWNSHIPS} 个乡镇；下表列出全部乡镇。")
    heatmap(theme_township_figure, grid, key="pb_theme_chart")
    table(
        q(recurring.theme_township_matrix, filters, limit=DISPLAY_ROWS),
        "问题主题_乡镇",
        key="pb_dl_matrix",
        towns=True,
        columns={"theme": "主题", "township": "乡镇", "problems": "问题条目"},
        full=lambda: fetch(recurring.theme_township_matrix, filters),
    )


def persistence(filters: Filters) -> None:
    """年年说、年年有: problems a township raises in consecutive years, and what is new or gone."""
    st.subheader("年年说、年年有：连续提出的问题")
    persistent = q(recurring.persistent_problems, filters, limit=DISPLAY_ROWS)
    if persistent.empty:
        st.caption("筛选范围内没有乡镇在相邻两个年度提出同一类问题（需要同一乡镇至少两个相邻年度的报告）。")
    else:
        table(
            persistent,
            "连续提出的问题",
            key="pb_dl_persistent",
            towns=True,
            columns={"cluster": "问题组", "label": "问题", "township": "乡镇", "years": "年度", "run": "连续年数"},
            full=lambda: fetch(recurring.persistent_problems, filters),
        )
    changes = q(recurring.problem_changes, filters, limit=DISPLAY_ROWS)
    if not changes.empty:
        table(
            changes,
            "问题变化_新出现与不再提及",
            key="pb_dl_changes",
            towns=True,
            columns={"township": "乡镇", "year": "年度", "change": "变化", "cluster": "问题组", "label": "问题"},
            full=lambda: fetch(recurring.problem_changes, filters),
        )


def followthrough(filters: Filters) -> None:
    """计划落实情况: this year's plans against next year's achievements."""
    st.subheader("计划落实情况（本年计划 ↔ 次年成效）")
    summary = q(views.followthrough_summary, filters)
    if summary.empty:
        st.caption("筛选范围内没有计划条目。")
    else:
        counts = dict(zip(summary.status, summary.plans))
        cols = st.columns(4)
        for col, status in zip(cols, ["已落实", "部分落实", "未见落实", "无次年报告"]):
            col.metric(status, int(counts.get(status, 0)))
        by_town = q(views.followthrough_by_township, filters)
        table(
            by_town,
            "计划落实_按乡镇",
            key="pb_dl_follow_towns",
            towns=True,
            columns={
                "township": "乡镇",
                "plans": "计划条数",
                "followed": "已落实",
                "partial": "部分落实",
                "not_found": "未见落实",
                "no_next": "无次年报告",
            },
        )
        towns = by_town.township.tolist()
        left, right = st.columns(2)
        town = left.selectbox("查看乡镇", towns, key="pb_follow_town") if towns else None
        status = right.radio("显示", ["全部", "未见落实", "部分落实", "已落实", "无次年报告"], horizontal=True, key="pb_status")
        if town:
            follow = q(views.followthrough, replace(filters, townships=(town,)), status=None if status == "全部" else status)
            table(
                follow,
                f"计划落实情况_{town}_{status}",
                key="pb_dl_follow",
                towns=True,
                columns={
                    "township": "乡镇",
                    "plan_year": "计划年度",
                    "plan": "计划",
                    "status": "落实情况",
                    "matched_year": "对照年度",
                    "matched_text": "次年最接近的成效",
                    "score": "相似度",
                },
            )
