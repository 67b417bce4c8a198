"""The sections of 乡镇对比, each drawn for the chosen townships (``scope``)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.brief import county_brief
from analysis.insights import compare, similarity, theme_coverage
from analysis.storage import tables
from analysis.storage.filters import Filters
from pages.charts import HOVER_NAMES, count_axis, count_colorbar, figure, heatmap
from pages.data import nothing, q
from pages.downloads import table
from pages.text import plain, safe

# a flow's total adds every report year; a stock is each township's latest year
KIND_NAMES = {"flow": "各年相加", "stock": "最新年度"}


def indicators_figure(metrics: pd.DataFrame, *, y: str, basis: str, log_scale: bool):
    """量化指标: each indicator's ``y`` column (named ``basis``) per township, bars side by side."""
    fig = px.bar(
        metrics,
        x="指标",
        y=y,
        color="township",
        barmode="group",
        labels={**HOVER_NAMES, y: basis, "township": "乡镇"},
        hover_data={"reports": True},
        log_y=log_scale,
    )
    fig.update_xaxes(categoryorder="total descending")  # the largest indicators first
    fig.update_yaxes(exponentformat="none")  # 3,500, not 3.5k
    if y == "total" and not log_scale:
        count_axis(fig, metrics.total)
    return fig


def indicators(scope: Filters, chosen: list[str]) -> None:
    """量化指标: each township's counted indicators side by side."""
    st.subheader("量化指标")
    metrics = q(compare.township_metrics, scope)
    if metrics.empty:
        nothing("所选乡镇的报告中没有量化指标。")
    else:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        basis = left.radio("口径", ["合计", "每份报告", "每万字"], horizontal=True, key="cmp_basis")
        log_scale = right.toggle("对数坐标", key="cmp_log", help="数量级相差很大时（如几千份资料与几次会议）便于同时查看")
        y = {"合计": "total", "每份报告": "per_report", "每万字": "per_10k_chars"}[basis]
        metrics["指标"] = metrics.metric + "（" + metrics.unit + "）"
        st.plotly_chart(figure(indicators_figure, metrics, y=y, basis=basis, log_scale=log_scale), key="cmp_ind_chart")
        shown = set(metrics.township)
        missing = [t for t in chosen if t not in shown]
        if missing:
            st.caption(f"{safe('、'.join(missing))}：所选报告中没有识别出量化指标，故不在图中。")
        table(
            metrics.drop(columns=["指标", "total", "approx"]).assign(kind=metrics.kind.map(KIND_NAMES)),
            "乡镇指标对比",
            key="cmp_dl_ind",
            towns=True,
            columns={
                "township": "乡镇",
                "metric": "指标",
                "kind": "口径",
                "unit": "单位",
                "total_text": "合计",
                "years": "年度数",
                "reports": "报告数",
                "per_report": "每份报告",
                "per_10k_chars": "每万字",
            },
        )


def counts_figure(grid: pd.DataFrame, *, scale: str, rows: str, counted: str):
    """A count per ``rows`` (主题, 领域) and township: the colour ``scale``, ``counted`` named on hover and the colour bar."""
    fig = px.imshow(grid, text_auto=True, aspect="auto", color_continuous_scale=scale, labels={"x": "乡镇", "y": rows, "color": counted})
    count_colorbar(fig, grid.values.ravel())
    return fig


def themes(scope: Filters, chosen: list[str]) -> None:
    """主题覆盖: problem items and achievement paragraphs per theme and township."""
    st.subheader("主题覆盖")
    cov = q(theme_coverage.theme_coverage, scope)
    if cov.empty:
        nothing("所选乡镇没有可归类的条目。")
    else:
        cov["items"] = cov.problems + cov.achievements
        grid = cov.pivot_table(index="theme", columns="township", values="items", aggfunc="sum", fill_value=0)
        heatmap(counts_figure, grid, key="cmp_theme_chart", scale="Greens", rows="主题", counted="条目数")
        table(
            cov.drop(columns=["items"]),
            "主题覆盖对比",
            key="cmp_dl_theme",
            towns=True,
            columns={"township": "乡镇", "year": "年度", "theme": "主题", "problems": "问题条目", "achievements": "成效段落"},
        )


def areas(scope: Filters, chosen: list[str]) -> None:
    """考核领域覆盖: achievement paragraphs per assessed area and township."""
    st.subheader("考核领域覆盖")
    st.caption("按法治政府建设实施纲要和示范指标体系的考核领域统计各乡镇报告中的成效段落；0 表示报告未涉及该领域。")
    areas = q(county_brief.area_coverage, scope)
    if areas.empty:
        nothing("所选乡镇没有成效段落。")
    else:
        grid = areas.pivot_table(index="area", columns="township", values="achievements", aggfunc="sum", fill_value=0, sort=False)
        heatmap(counts_figure, grid, key="cmp_area_chart", scale="Purples", rows="领域", counted="成效段落")
        table(
            areas, "考核领域覆盖", key="cmp_dl_area", towns=True, columns={"township": "乡镇", "area": "领域", "achievements": "成效段落"}
        )


SIMILARITY_BASIS = {"township": "按乡镇（各年平均）", "year": "按年度"}
TOP_PAIRS = 20  # pairs listed on the page (the CSV has every pair)
PASSAGE_PAIRS = 10  # pairs whose copied passages are shown


def similarity_figure(grid: pd.DataFrame):
    """文字相似度: 0 to 1 between the rows and the columns (townships, or one year's reports)."""
    return px.imshow(
        grid,
        text_auto=".2f",
        zmin=0,
        zmax=1,
        aspect="auto",
        color_continuous_scale="Oranges",
        labels={"x": "", "y": "", "color": "文字相似度"},
    )


def similarities(scope: Filters, chosen: list[str]) -> None:
    """报告相似度: the townships' (or one year's reports') text similarity, and the most similar pairs."""
    st.subheader("报告相似度")
    st.caption("文字相似度：两份报告用词的接近程度，0 为毫无共同用词，1 为用词完全相同；按词频加权（常用套话权重低）。")
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    basis = left.radio("矩阵", list(SIMILARITY_BASIS), format_func=SIMILARITY_BASIS.get, horizontal=True, key="cmp_sim_by")
    if basis == "township":
        towns = q(similarity.township_cosine_matrix, scope)
        grid = towns.pivot(index="township_a", columns="township_b", values="cosine")
        st.caption("格中为两个乡镇各年度报告两两相似度的平均值；对角线为同一乡镇不同年度报告之间的平均值（只有一份报告时为空）。")
    else:
        counts = q(tables.report_index, scope).year.dropna().astype(int).value_counts()
        years = sorted(counts.index)
        busiest = years.index(counts.idxmax()) if years else 0  # the year with most of the chosen townships' reports
        year = right.selectbox("年度", years, index=busiest, key="cmp_sim_year") if years else None
        sim = q(similarity.cosine_matrix, replace(scope, year_range=(year, year))) if year else None
        if sim is None or sim.empty:
            nothing("所选乡镇没有识别出年度的报告。")
            return
        grid = sim.pivot(index="label_a", columns="label_b", values="cosine")
    heatmap(similarity_figure, grid.round(2), key="cmp_sim_chart", cell_format=".2f")
    pairs = q(similarity.cosine_pairs, scope).drop(columns=["report_a", "report_b"]).round({"cosine": 2})
    st.markdown(f"**最相似的报告对**（共 {len(pairs)} 对）")
    more(pairs, TOP_PAIRS)
    table(
        pairs.head(TOP_PAIRS),
        "报告相似度",
        key="cmp_dl_sim",
        columns={"township_a": "乡镇甲", "year_a": "年度甲", "township_b": "乡镇乙", "year_b": "年度乙", "cosine": "文字相似度"},
        limit=TOP_PAIRS,
        full=lambda: pairs,
    )


def more(rows, shown: int) -> None:
    """「另有 N 对」 under a list cut at ``shown`` rows."""
    if len(rows) > shown:
        st.caption(f"下表列出前 {shown} 对，另有 {len(rows) - shown:,} 对；下载的 CSV 含全部 {len(rows):,} 对。")


def copies(scope: Filters, chosen: list[str]) -> None:
    """雷同文字: pairs of reports sharing sentences, and the passages."""
    st.subheader("雷同文字")
    pairs = q(similarity.copy_pairs, scope).drop(columns=["report_a", "report_b"]).round({"cosine": 2, "shared_ratio": 2})
    if pairs.empty:
        st.caption("所选乡镇的报告之间没有 20 字以上相同或近乎相同的句子。")
        return
    more(pairs, TOP_PAIRS)
    table(
        pairs.head(TOP_PAIRS),
        "雷同报告对",
        key="cmp_dl_pairs",
        columns={
            "township_a": "乡镇甲",
            "year_a": "年度甲",
            "township_b": "乡镇乙",
            "year_b": "年度乙",
            "relation": "关系",
            "shared_sentences": "相同句数",
            "shared_chars": "相同字数",
            "shared_ratio": "雷同比例",
            "cosine": "文字相似度",
        },
        limit=TOP_PAIRS,
        full=lambda: pairs,
    )
    passages = q(similarity.copied_passages_by_place, scope, pairs=PASSAGE_PAIRS)
    st.markdown(f"**相同段落**（雷同最多的 {min(PASSAGE_PAIRS, len(pairs))} 对报告）")
    table(
        passages,
        "雷同段落",
        key="cmp_dl_passages",
        columns={
            "township_a": "乡镇甲",
            "year_a": "年度甲",
            "township_b": "乡镇乙",
            "year_b": "年度乙",
            "passage": "相同段落",
            "chars": "字数",
            "sentences": "句数",
        },
    )
    for (town_a, year_a, town_b, year_b), group in passages.groupby(
        ["township_a", "year_a", "township_b", "year_b"], sort=False, dropna=False
    ):
        title = f"{plain(town_a, '乡镇未知')} {plain(year_a, '年度未知')} ↔ {plain(town_b, '乡镇未知')} {plain(year_b, '年度未知')}：{len(group)} 段，{int(group.chars.sum())} 字"
        with st.expander(title):
            for passage in group.passage:
                st.markdown(safe(passage))
