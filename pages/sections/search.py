"""The parts of 全文检索: highlighted hits grouped by report, paging, counts and the full CSV."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pandas as pd
import streamlit as st

from analysis.insights import search
from analysis.storage.filters import Filters
from pages.data import fetch, q
from pages.downloads import table
from pages.filters import KIND_NAMES
from pages.text import plain, profile_link, safe

PAGE_KEY = "sr_pages"  # session state: the first report id of each page shown so far, per query


def highlighted(sentence: str, words: tuple[str, ...]) -> str:
    """``sentence`` escaped for Markdown (:func:`pages.text.safe`) with each word in bold: the
    words are escaped the same way before they are looked for, so a match never cuts an escape."""
    text = safe(sentence)
    marks = sorted({safe(w) for w in words if safe(w)}, key=len, reverse=True)
    if not marks:
        return text
    pattern = re.compile("|".join(re.escape(m) for m in marks))
    return pattern.sub(lambda m: f"**{m.group()}**", text)


def reader_link(hit) -> str:
    """The address of 报告阅读 opened on the hit's report (its pickers carry their labels in the URL)."""
    town = plain(hit.township, "乡镇未知")
    return "/reader?" + urlencode({"rd_town": town, "rd_report": f"{town} {plain(hit.year, '年度未知')} · {hit.file}"}, quote_via=quote)


def _town(hit) -> str:
    """The hit's township linking to its 乡镇画像 (乡镇未知 unlinked)."""
    return profile_link(hit.township, hit.county) if plain(hit.township) else "乡镇未知"


def results(hits: pd.DataFrame, words: tuple[str, ...]) -> None:
    """Each report's hits under its name, the section's heading before each sentence."""
    for _, group in hits.groupby("report_id", sort=False):
        first = group.iloc[0]
        st.markdown(
            f"**{_town(first)} {safe(plain(first.year, '年度未知'))}** · {safe(first.file)} "
            f"（{len(group)} 句）　[在报告阅读中打开]({reader_link(first)})"
        )
        for hit in group.itertuples(index=False):
            where = f"{KIND_NAMES.get(hit.kind, hit.kind)}｜{plain(hit.heading, '导语')}"
            st.markdown(f"> {safe(where)}：{highlighted(hit.sentence, words)}")


def page_start(words: tuple[str, ...]) -> int:
    """The report id the current page starts after (0 on the first page)."""
    pages = st.session_state.get(PAGE_KEY)
    if not pages or pages[0] != words:
        st.session_state[PAGE_KEY] = (words, [0])
        return 0
    return pages[1][-1]


def pager(hits: pd.DataFrame, words: tuple[str, ...]) -> None:
    """上一页 / 下一页 buttons (pages of :data:`search.PAGE_REPORTS` reports, in store order)."""
    starts = st.session_state[PAGE_KEY][1]
    left, right = st.columns(2)
    st.caption(f"第 {len(starts)} 页：每页 {search.PAGE_REPORTS} 份报告，按入库顺序。")
    if len(starts) > 1 and left.button("上一页", key="sr_prev", icon=":material/chevron_left:"):
        st.session_state[PAGE_KEY] = (words, starts[:-1])
        st.rerun()
    if hits.report_id.nunique() >= search.PAGE_REPORTS and right.button("下一页", key="sr_next", icon=":material/chevron_right:"):
        st.session_state[PAGE_KEY] = (words, [*starts, int(hits.report_id.max())])
        st.rerun()


def counts(filters: Filters, words: tuple[str, ...]) -> None:
    """Hits per year and township, and the CSV of every hit."""
    st.subheader("按年度和乡镇统计")
    with st.spinner("统计全部结果…"):
        by = q(search.search_counts, filters, words=words)
    if by.empty:
        st.caption("没有结果。")
        return
    st.caption(f"共 {int(by.sentences.sum()):,} 句，出自 {int(by.reports.sum()):,} 份报告。下载的 CSV 含全部结果，不截断。")
    table(
        by,
        "检索结果统计",
        key="sr_dl_counts",
        towns=True,
        columns={"year": "年度", "township": "乡镇", "county": "区县", "reports": "报告数", "sentences": "句数"},
    )
    st.markdown("**本页结果**（表格；下载含全部结果）")
    table(
        q(search.search_page, filters, words=words, after=0)
        .drop(columns=["report_id"])
        .assign(kind=lambda d: d.kind.map(KIND_NAMES).fillna(d.kind)),
        "检索结果",
        key="sr_dl_hits",
        towns=True,
        columns=HIT_NAMES,
        widths={"句子": 520},
        limit=0,
        full=lambda: (
            fetch(search.search_all, filters, words=words)
            .drop(columns=["report_id"])
            .assign(kind=lambda d: d.kind.map(KIND_NAMES).fillna(d.kind))
        ),
    )


HIT_NAMES = {
    "file": "文件",
    "township": "乡镇",
    "county": "区县",
    "year": "年度",
    "section": "章节序号",
    "kind": "章节类型",
    "heading": "章节标题",
    "sentence_no": "句序",
    "sentence": "句子",
}
