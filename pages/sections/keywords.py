"""The sections of 关键词: the top terms' chart and keyword in context."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.insights import keywords
from analysis.insights.cloud import word_cloud_png
from analysis.insights.keywords import KWIC_LIMIT
from analysis.storage.filters import Filters
from pages.charts import HOVER_NAMES, count_axis
from pages.data import fetch, q
from pages.downloads import table
from pages.filters import KIND_NAMES
from pages.text import safe

KWIC_COLUMNS = {
    "file": "文件",
    "township": "乡镇",
    "year": "年度",
    "section": "章节",
    "kind": "章节类型",
    "left": "前文",
    "keyword": "关键词",
    "right": "后文",
    "sentence": "整句",
}


@st.cache_data(show_spinner=False, max_entries=64)
def cloud(frequencies: tuple[tuple[str, float], ...]) -> bytes:
    """The word cloud's PNG of (term, count) pairs, drawn once for the same pairs (its layout took
    0.1–0.3 s of the server on every run of 关键词; the drawing is the same each time)."""
    return word_cloud_png(dict(frequencies))


def top_terms_figure(words: pd.DataFrame):
    """高频词: the terms' counts as horizontal bars, the most frequent at the top."""
    fig = px.bar(
        words.iloc[::-1],
        x="count",
        y="term",
        orientation="h",
        labels={**HOVER_NAMES, "count": "出现次数", "term": ""},
        hover_data={"per_10k": True, "reports": True, "townships": True},
    )
    fig.update_layout(height=120 + 22 * len(words), margin={"t": 10})
    count_axis(fig, words["count"], axis="x")
    return fig


def kwic(filters: Filters, first_term: str) -> None:
    """关键词上下文: every sentence with the typed word, up to KWIC_LIMIT on screen (the CSV has them all)."""
    st.subheader("关键词上下文")
    term = st.text_input("输入一个词，列出所有包含它的句子", value=first_term, key="kw_term", bind="query-params").strip()
    lines = q(keywords.kwic, filters, term=term, limit=KWIC_LIMIT)
    if lines.empty:
        st.caption(f"没有句子包含「{safe(term)}」。")
        return
    total = q(keywords.kwic_total, filters, term=term).iloc[0]
    if total.lines > len(lines):
        st.caption(
            f"「{safe(term)}」在 {int(total.reports):,} 份报告中出现 {int(total.lines):,} 次，下表只列出前 {len(lines):,} 条；"
            f"下载的 CSV 含全部 {int(total.lines):,} 条。可用左侧筛选缩小范围。"
        )
    table(
        readable_kinds(lines),
        f"上下文_{term}",
        key="kw_dl_kwic",
        columns=KWIC_COLUMNS,
        limit=KWIC_LIMIT,
        full=lambda: readable_kinds(fetch(keywords.kwic, filters, term=term, limit=None)),
    )


def readable_kinds(lines):
    """KWIC lines without the store's report id, section kinds in Chinese (举措成效, not achievements)."""
    return lines.drop(columns=["report_id"]).assign(kind=lines.kind.map(lambda k: KIND_NAMES.get(k, k)))
