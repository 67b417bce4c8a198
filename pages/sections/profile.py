"""The sections of 乡镇画像, each drawn for one township's ``scope`` (:func:`township_profile.scope`)."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from analysis.brief import township_profile
from analysis.insights import completeness
from analysis.storage.filters import Filters
from pages.data import q
from pages.downloads import table
from pages.text import plain, safe

PART_COLUMNS = {"achievements": "举措成效", "duty": "第一责任人职责", "problems": "问题不足", "plans": "下年计划", "other": "其他事项"}


def choices(towns: pd.DataFrame) -> dict[str, tuple[str, str | None]]:
    """「肖咀镇（合水县）」 → (township, county): the picker's labels (also what the link carries)."""
    return {
        f"{t}（{c}）" if isinstance(c, str) and c else t: (t, c if isinstance(c, str) and c else None)
        for t, c in zip(towns.township, towns.county)
    }


def linked_town(choices: dict[str, tuple[str, str | None]]) -> str | None:
    """The township of a link carrying a bare name (?pf_town=高楠镇, from a page that does not know
    its county), which is not one of the picker's labels 「高楠镇（城口县）」; else None."""
    wanted = st.query_params.get("pf_town")
    if not wanted or wanted in choices:
        return None
    return next((town for town, _ in choices.values() if town == wanted), None)


def reports(scope: Filters) -> None:
    """报告与完整性: each report by year, its signing date and its parts (four required, 其他 optional)."""
    st.subheader("报告与完整性")
    df = q(township_profile.reports_by_year, scope)
    cols = st.columns(3)
    cols[0].metric("报告", len(df))
    cols[1].metric("年度", df.year.nunique())
    cols[2].metric("必报内容齐全", int((df.parts == len(completeness.REQUIRED)).sum()))
    table(
        df,
        "乡镇画像_报告",
        key="pf_dl_reports",
        columns={"year": "年度", "file": "文件", "issued": "成文日期", **PART_COLUMNS, "parts": "具备项数", "missing_parts": "缺少内容"},
    )


def indicators(scope: Filters) -> None:
    """量化指标: each year's done figures and the change from the year before."""
    st.subheader("量化指标（本年与上年）")
    df = q(township_profile.indicators_by_year, scope)
    if df.empty:
        st.caption("该乡镇的报告中没有识别出已完成的量化指标。")
        return
    st.caption("与「乡镇对比」「趋势」页同一口径：只计已完成的数量，不含比率；存量指标取当年报告中的最大数。")
    table(
        df.drop(columns=["kind", "total"]),
        "乡镇画像_量化指标",
        key="pf_dl_ind",
        columns={
            "year": "年度",
            "metric": "指标",
            "unit": "单位",
            "total_text": "本年",
            "previous": "上年",
            "change": "增减",
            "direction": "变化",
        },
    )


def problems(scope: Filters) -> None:
    """存在问题: the problems by year on the register, marked new / N years running / no longer raised."""
    st.subheader("存在问题（按年度）")
    df = q(township_profile.problems_by_year, scope)
    if df.empty:
        st.caption("该乡镇的报告中没有识别出问题条目。")
        return
    st.caption(
        "新出现：上一年度报告未提；连续2年、连续3年……：连续几个年度的报告都提到；不再提及：上一年度提到、本年度未提（原文为上一年度的表述）。"
    )
    table(
        df.drop(columns=["cluster"]),
        "乡镇画像_问题",
        key="pf_dl_problems",
        columns={"year": "年度", "label": "问题", "mark": "标记", "text": "报告原文"},
        widths={"报告原文": 520},
    )


def plans(scope: Filters) -> None:
    """计划落实: each year's plans and the sentence of the next year's report that follows them through."""
    st.subheader("计划与落实")
    df = q(township_profile.plans, scope)
    if df.empty:
        st.caption("该乡镇的报告中没有识别出下步计划。")
        return
    table(
        df,
        "乡镇画像_计划落实",
        key="pf_dl_plans",
        columns={
            "plan_year": "计划年度",
            "plan": "计划",
            "status": "落实情况",
            "matched_year": "对应年度",
            "matched_text": "对应原文",
            "score": "相似度",
        },
        widths={"计划": 320, "对应原文": 320},
    )


def copies(scope: Filters) -> None:
    """雷同文字: its reports sharing sentences with other townships' reports or its own earlier ones."""
    st.subheader("雷同文字")
    df = q(township_profile.copies, scope)
    if df.empty:
        st.caption("该乡镇的报告与本区县其他报告之间没有 20 字以上相同或近乎相同的句子。")
        return
    table(
        df,
        "乡镇画像_雷同",
        key="pf_dl_copies",
        columns={
            "year": "本乡镇年度",
            "other_township": "对方乡镇",
            "other_year": "对方年度",
            "relation": "关系",
            "shared_sentences": "相同句数",
            "shared_chars": "相同字数",
            "shared_ratio": "雷同比例",
            "cosine": "文字相似度",
        },
    )


def areas(scope: Filters) -> None:
    """在本县的位置: rank and quartile among the county's townships on each assessed area."""
    st.subheader("在本区县的位置（各考核领域）")
    df = q(township_profile.area_standing, scope)
    if df.empty:
        st.caption("该乡镇没有成效段落，无法比较。")
        return
    st.caption("按各考核领域的成效段落数在本区县乡镇之间排名（1 为最多，并列取最好名次）；乡镇少于 4 个或该领域未涉及时不分四分位。")
    table(
        df,
        "乡镇画像_领域位置",
        key="pf_dl_areas",
        columns={
            "area": "领域",
            "achievements": "成效段落",
            "rank": "名次",
            "townships": "乡镇数",
            "quartile": "位置",
            "county_median": "区县中位数",
        },
    )


def word(scope: Filters, town: str, county: str | None) -> None:
    """The profile in a few lines, and as a one-page Word document (made when clicked) from the
    same cached parts the page shows."""
    st.subheader("概要与打印")
    parts = (
        township_profile.reports_by_year,
        township_profile.indicators_by_year,
        township_profile.problems_by_year,
        township_profile.plans,
        township_profile.copies,
        township_profile.area_standing,
    )
    profile = township_profile.Profile(town, county, *(q(part, scope) for part in parts))
    for line in township_profile.summary_lines(profile):
        st.markdown(f"- {safe(line)}")
    st.download_button(
        "下载 Word 画像（一页）",
        data=partial(township_profile.profile_docx, profile),
        file_name=f"{plain(county)}{plain(town)}_乡镇画像.docx",
        key=f"pf_docx-{town}-{county}",
        on_click="ignore",
        icon=":material/description:",
    )
