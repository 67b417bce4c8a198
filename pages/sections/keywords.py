"""The sections of 关键词: keyword in context."""

from __future__ import annotations

import streamlit as st

from analysis.insights import keywords
from analysis.insights.keywords import KWIC_LIMIT
from analysis.storage.filters import Filters
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
