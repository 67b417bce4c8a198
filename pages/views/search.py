"""全文检索: the sentences of every report that hold a phrase or several words, grouped by report,
with counts by year and township and a CSV of every hit."""

import streamlit as st

from analysis.insights import search
from pages.data import nothing, q, require_reports
from pages.filters import current_filters
from pages.sections import search as sections

st.title("全文检索")
filters = current_filters()
require_reports(filters, index=False)
typed = st.text_input(
    "检索词",
    key="sr_query",
    bind="query-params",
    placeholder="如：法律明白人　或　矛盾纠纷 调解（几个词同在一句）",
    help="几个词用空格分开时，找同时含有这些词的句子；用引号括起的词组按原样查找。左侧的年度、地区、乡镇、章节筛选同样适用。",
)
words = search.words_of(typed or "")
if not words:
    st.caption("输入检索词后显示含有它的句子，按报告归组；可下载全部结果。")
    st.stop()
after = sections.page_start(words)
hits = q(search.search_page, filters, words=words, after=after)
if hits.empty:
    nothing("没有找到含有这些词的句子。" if not after else "后面没有更多结果了。")
else:
    sections.results(hits, words)
sections.pager(hits, words)
sections.counts(filters, words)
