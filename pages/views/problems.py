"""存在问题: recurring problems, theme × township, persistence, new/gone, follow-through, drill-down."""

import streamlit as st

from analysis.problems import recurring
from pages.corrections import corrections_panel
from pages.data import fetch, nothing, q, require_reports
from pages.downloads import DISPLAY_ROWS, table
from pages.filters import current_filters
from pages.sections import problems as sections
from pages.text import plain, safe

st.title("存在问题")
filters = current_filters()
require_reports(filters, index=False)

recurring_problems = q(recurring.recurring_table, filters)
if recurring_problems.empty:
    nothing("筛选范围内的报告没有识别出问题条目。")
    st.stop()

st.subheader("共性问题（按提出的乡镇数排序）")
st.caption("问题按问题清单归类；清单外的条目按相近表述归为“新问题”。审核人员可在本页底部校正。")
most = int(recurring_problems.townships.max())
if most > 1:
    min_towns = st.slider("至少几个乡镇提出", 1, most, 1, key="pb_min")
else:  # a slider from 1 to 1 cannot be drawn
    min_towns = 1
    st.caption("筛选范围内没有两个以上乡镇共同提出的问题。")
shown = recurring_problems[recurring_problems.townships >= min_towns]
table(
    shown.drop(columns=["code", "origin", "cluster"]),
    "共性问题",
    key="pb_dl_recurring",
    columns={
        "label": "问题",
        "townships": "乡镇数",
        "reports": "报告数",
        "years": "年度",
        "persistent_townships": "连续提出的乡镇",
        "example": "原文举例",
        "township_list": "提出的乡镇",
        "theme": "领域",
    },
    # 920 px: fits beside the sidebar at 1400–1440 px without scrolling sideways (checked in the browser screenshot)
    widths={"问题": 210, "乡镇数": 50, "报告数": 50, "年度": 80, "连续提出的乡镇": 105, "原文举例": 220, "提出的乡镇": 130, "领域": 75},
)

st.subheader("逐条查看")
labels = {int(r.cluster): f"{r.label}（{r.theme}，{r.townships} 个乡镇）" for r in shown.itertuples(index=False)}
if labels:
    cluster = st.selectbox("问题组", list(labels), format_func=labels.get, key="pb_cluster", bind="query-params")
    rows = q(recurring.problem_rows, filters, cluster=cluster, limit=DISPLAY_ROWS)
    MEMBER_COLUMNS = ["township", "county", "year", "file", "text", "evidence"]
    table(
        rows[MEMBER_COLUMNS],
        f"问题组{cluster}_原文",
        key="pb_dl_members",
        towns=True,
        columns={"township": "乡镇", "county": "区县", "year": "年度", "file": "文件", "text": "问题原文", "evidence": "归类依据"},
        widths={"问题原文": 480, "归类依据": 240},
        full=lambda: fetch(recurring.problem_rows, filters, cluster=cluster)[MEMBER_COLUMNS],
    )
    for row in rows.head(30).itertuples(index=False):
        st.markdown(f"**{safe(plain(row.township, '乡镇未知'))} {safe(plain(row.year, '年度未知'))}**　{safe(row.text)}")
    corrections_panel(filters, cluster, rows)

for section in (sections.theme_township, sections.persistence, sections.followthrough):
    section(filters)
