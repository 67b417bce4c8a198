"""总览: tiles, township × year coverage, the five required parts, and upload."""

import streamlit as st

from analysis.insights import completeness
from analysis.insights.completeness import COVERAGE_LEVELS
from analysis.storage import tables
from pages.charts import heatmap
from pages.data import fetch, q, require_reports
from pages.downloads import DISPLAY_ROWS, table
from pages.filters import current_filters
from pages.panels import brief_panel, upload_panel
from pages.sections import overview as sections
from pages.sections import owed

st.title("总览")
filters = current_filters()


upload_panel()
require_reports(filters, index=False)
brief_panel(filters)

totals = q(tables.report_totals, filters).iloc[0]
cols = st.columns(5)
for col, (label, field) in zip(
    cols, (("报告", "reports"), ("乡镇", "townships"), ("年度", "years"), ("问题条目", "problems"), ("量化指标", "indicators"))
):
    col.metric(label, f"{int(totals[field]):,}")

st.subheader("报告覆盖：乡镇 × 年度")
# one row per township while they fit on a chart; a province's or a nation's corpus is drawn
# by county, then by province (the table below lists every township)
chart = q(completeness.coverage_chart, filters, rows=sections.HEATMAP_ROWS)
level_name = COVERAGE_LEVELS[chart.level.iloc[0]] if len(chart) else "乡镇"
if len(chart) and chart.level.iloc[0] != "township":
    st.caption(
        f"筛选范围内乡镇较多，下图按{level_name}汇总（报告最多的 {sections.HEATMAP_ROWS} 个；可用左侧筛选选定区县后按乡镇查看）；下表列出每个乡镇。"
    )
grid = chart.pivot_table(index="place", columns="year", values="reports", aggfunc="sum", fill_value=0)
heatmap(sections.coverage_figure, grid, key="ov_cov_chart", colorbar=False, level_name=level_name)
table(
    q(completeness.coverage_matrix, filters, limit=DISPLAY_ROWS),
    "报告覆盖_乡镇年度",
    key="ov_dl_cov",
    columns={"township": "乡镇", "county": "区县", "province": "省份", "year": "年度", "reports": "报告数"},
    full=lambda: fetch(completeness.coverage_matrix, filters),
)
sections.required_parts(filters)
sections.report_list(filters)
owed.owed(filters)
