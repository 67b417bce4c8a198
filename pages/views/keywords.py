"""关键词: top terms, a word cloud, distinctive terms, and keyword in context."""

import streamlit as st

from analysis.insights import keywords, trends
from analysis.storage import tables
from pages.charts import figure
from pages.data import nothing, q, require_reports
from pages.downloads import table
from pages.filters import current_filters
from pages.sections import keywords as sections

st.title("关键词")
filters = current_filters()
require_reports(filters, index=False)

left, right = st.columns([1, 1])
top_n = left.slider("显示的高频词个数", 10, 100, 30, step=5, key="kw_top")
include_stop = right.toggle("包含停用词（进一步、加强、工作…）", value=False, key="kw_stop")
words = q(keywords.keyword_table, filters, top_n=top_n, include_stopwords=include_stop)
if words.empty:
    nothing("筛选范围内没有可统计的词。")
    st.stop()

st.subheader(f"高频词（前 {len(words)} 个）")
st.plotly_chart(figure(sections.top_terms_figure, words), key="kw_bar_chart")
table(
    words,
    "高频词",
    key="kw_dl_top",
    columns={"term": "词", "count": "次数", "per_10k": "每万词", "reports": "报告数", "townships": "乡镇数"},
)

st.subheader("词云")
st.image(sections.cloud(tuple(zip(words.term, words["count"].astype(float)))), caption="词云（字号按出现次数）", width="stretch")

st.subheader("特色词（相对其他乡镇或年度）")
left, right = st.columns([1, 2])
by = left.radio("比较对象", ["township", "year"], format_func={"township": "乡镇", "year": "年度"}.get, horizontal=True, key="kw_by")
if by == "township":
    groups = q(tables.township_names, filters).township.dropna().tolist()
else:
    groups = [str(int(y)) for y in q(trends.reports_by_year, filters).year]
group = right.selectbox("乡镇" if by == "township" else "年度", groups, key=f"kw_group_{by}") if len(groups) >= 2 else None
special = q(keywords.distinctive_terms, filters, by=by, group=group, top_n=20) if group else words.iloc[:0]
if special.empty:
    nothing("需要至少两个乡镇（或年度）才能比较特色词。")
else:
    table(
        special,
        "特色词",
        key="kw_dl_special",
        columns={by: "乡镇" if by == "township" else "年度", "term": "词", "count": "次数", "zscore": "显著性 z"},
    )

sections.kwic(filters, words.term.iloc[0])
