"""趋势: reports, indicators, problem themes and chosen keywords over the report years."""

import streamlit as st

from analysis.insights import keywords, theme_coverage, trends
from analysis.insights.trends import DEFAULT_TERMS
from pages.charts import figure
from pages.data import nothing, q, require_reports
from pages.downloads import table
from pages.filters import current_filters
from pages.sections import trends as sections

st.title("趋势")
filters = current_filters()
require_reports(filters, index=False)

st.subheader("报告与条目数")
sections.whole_reports_note(filters)
by_year = q(trends.reports_by_year, filters)
if by_year.empty:
    nothing("筛选范围内的报告都没有识别出年度。")
    st.stop()
long = by_year.melt(id_vars="year", var_name="measure", value_name="value").replace(
    {"reports": "报告", "townships": "乡镇", "problems": "问题条目", "plans": "计划条目"}
)
st.plotly_chart(figure(sections.counts_figure, long), key="tr_counts_chart")
table(
    by_year,
    "年度报告数",
    key="tr_dl_counts",
    columns={"year": "年度", "reports": "报告", "townships": "乡镇", "problems": "问题条目", "plans": "计划条目"},
)

sections.indicators(filters)

st.subheader("问题主题占比")
sections.whole_reports_note(filters)
shares = q(theme_coverage.theme_shares_by_year, filters)
if shares.empty:
    nothing("筛选范围内没有问题条目。")
else:
    st.plotly_chart(figure(sections.theme_shares_figure, shares), key="tr_theme_chart")
    table(shares, "问题主题占比", key="tr_dl_theme", columns={"year": "年度", "theme": "主题", "problems": "问题条目", "share": "占比"})

st.subheader("关键词（每万词）")
sections.kinds_note(filters)
typed = st.text_input("关键词（用空格或逗号分隔）", value=" ".join(DEFAULT_TERMS), key="tr_terms")
terms = [t for t in typed.replace("，", " ").replace(",", " ").split() if t]
if terms:
    kw = q(keywords.keyword_counts_by, filters, terms=tuple(terms), by="year")
    st.plotly_chart(figure(sections.keywords_figure, kw), key="tr_kw_chart")
    table(
        kw,
        "关键词年度趋势",
        key="tr_dl_kw",
        columns={"year": "年度", "term": "关键词", "count": "次数", "tokens": "总词数", "per_10k": "每万词"},
    )
