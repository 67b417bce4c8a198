"""总览: tiles, township × year coverage, the five required parts, and upload."""

import hashlib

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.brief.county_brief import scope_of
from analysis.insights.completeness import COVERAGE_LEVELS
from analysis.read.reading import readable_suffixes
from analysis.storage.ingest import ingest_uploads
from pages import DISPLAY_ROWS, admin_unlocked, after_write, current_filters, fetch, q, require_reports, safe, table, write_lock

HEATMAP_ROWS = 60  # rows of the coverage chart
STATUS_NAMES = {"stored": "已入库", "replaced": "已替换", "duplicate": "重复，已跳过", "rejected": "被拒绝"}

st.title("总览")
filters = current_filters()


def upload_panel() -> None:
    suffixes = readable_suffixes()
    with st.expander(f"上传报告（{' / '.join(suffixes)}，可多选）", icon=":material/upload_file:", expanded=False):
        files = st.file_uploader("选择报告文件", type=[s.lstrip(".") for s in suffixes], accept_multiple_files=True, key="ov_files")
        if ".doc" not in suffixes:
            st.caption("本机未安装 .doc 转换程序（antiword、catdoc 或 LibreOffice）：旧版 Word 文件请先另存为 .docx。")
        replace = st.checkbox("同一乡镇同一年度已有报告时，用新文件替换", key="ov_replace")
        if not files or not admin_unlocked("ov_password"):
            return
        if st.button("导入所选文件", type="primary", key="ov_import"):
            progress = st.progress(0.0, text="导入中…")
            done: list = []

            def step(outcome) -> None:
                done.append(outcome)
                progress.progress(len(done) / len(files), text=f"{len(done)}/{len(files)} {outcome.name}")

            with write_lock():
                outcomes = ingest_uploads(((f.name, f.getvalue()) for f in files), replace=replace, on_outcome=step, publish=False)
                after_write()  # derived tables rebuilt, then the new reports are published to every page
            result = pd.DataFrame([(o.name, STATUS_NAMES[o.status], o.detail) for o in outcomes], columns=["文件", "结果", "说明"])
            st.session_state["ov_last_upload"] = result
        if "ov_last_upload" in st.session_state:
            table(st.session_state["ov_last_upload"], "上传结果", key="ov_dl_upload")


def brief_panel() -> None:
    """「生成分析简报」: the county brief (.docx) for the current filters."""
    counties, year = scope_of(filters)
    where = "、".join(counties) or "全部区县"
    when = f"{year}年度" if year else "所选各年度（选定单一年度时另含未报送与逾期统计）"
    st.caption(f"分析简报范围：{safe(where)}，{safe(when)}。")
    if st.button("生成分析简报", icon=":material/description:", key="ov_brief"):
        st.session_state["ov_brief_bytes"] = (filters, q("brief.county_brief.brief_for", filters))
    made = st.session_state.get("ov_brief_bytes")
    if made and made[0] == filters:
        st.download_button(
            "下载分析简报（Word）",
            data=made[1],
            file_name=f"{where}{year or ''}法治政府建设情况分析简报.docx",
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            key=f"ov_brief_dl-{hashlib.blake2b(made[1], digest_size=6).hexdigest()}",
            on_click="ignore",
            icon=":material/download:",
        )


upload_panel()
require_reports(filters, index=False)
brief_panel()

totals = q("storage.tables.report_totals", filters).iloc[0]
cols = st.columns(5)
for col, (label, field) in zip(
    cols, (("报告", "reports"), ("乡镇", "townships"), ("年度", "years"), ("问题条目", "problems"), ("量化指标", "indicators"))
):
    col.metric(label, f"{int(totals[field]):,}")

st.subheader("报告覆盖：乡镇 × 年度")
# one row per township while they fit on a chart; a province's or a nation's corpus is drawn
# by county, then by province (the table below lists every township)
chart = q("insights.completeness.coverage_chart", filters, rows=HEATMAP_ROWS)
level_name = COVERAGE_LEVELS[chart.level.iloc[0]] if len(chart) else "乡镇"
if len(chart) and chart.level.iloc[0] != "township":
    st.caption(
        f"筛选范围内乡镇较多，下图按{level_name}汇总（报告最多的 {HEATMAP_ROWS} 个；可用左侧筛选选定区县后按乡镇查看）；下表列出每个乡镇。"
    )
grid = chart.pivot_table(index="place", columns="year", values="reports", aggfunc="sum", fill_value=0)
fig = px.imshow(
    grid, text_auto=True, aspect="auto", color_continuous_scale="Blues", labels={"x": "年度", "y": level_name, "color": "报告数"}
)
fig.update_xaxes(type="category")
fig.update_layout(height=min(120 + 28 * len(grid), 900), coloraxis_showscale=False, margin={"t": 10})
st.plotly_chart(fig, key="ov_cov_chart")
table(
    q("insights.completeness.coverage_matrix", filters, limit=DISPLAY_ROWS),
    "报告覆盖_乡镇年度",
    key="ov_dl_cov",
    columns={"township": "乡镇", "county": "区县", "province": "省份", "year": "年度", "reports": "报告数"},
    full=lambda: fetch("completeness.coverage_matrix", filters),
)
if filters.counties:
    st.subheader("未报送的乡镇（街道）")
    unreported = q("brief.county_brief.unreported_townships", filters)
    counties, year = scope_of(filters)
    st.caption(f"依据地名库（及 data/gazetteer_extra.csv）所列乡镇，{f'{year}年度' if year else '所选各年度均'}没有入库报告的。")
    if unreported.empty:
        st.caption("所选区县的乡镇均已报送。")
    else:
        table(unreported, "未报送的乡镇", key="ov_dl_unreported", columns={"county": "区县", "township": "乡镇"})

st.subheader("五项必报内容")
st.caption(
    "依规定，年度报告应包括：推进法治政府建设的举措成效、存在的不足及原因、党政主要负责人履行第一责任人职责情况、下一年度工作安排、其他需要报告的情况。"
)
MARKS = {True: "✓", False: "✗"}
table(
    q("insights.completeness.report_parts", filters, limit=DISPLAY_ROWS).replace(MARKS),
    "五项必报内容",
    key="ov_dl_parts",
    columns={
        "township": "乡镇",
        "county": "区县",
        "year": "年度",
        "file": "文件",
        "achievements": "举措成效",
        "duty": "第一责任人职责",
        "problems": "问题不足",
        "plans": "下年计划",
        "other": "其他事项",
        "missing_parts": "缺少",
    },
    full=lambda: fetch("completeness.report_parts", filters).replace(MARKS),
)

st.subheader("报告清单")
LISTED = ["file", "township", "county", "province", "year", "issued", "problems", "plans", "indicators", "warnings"]
table(
    q("storage.tables.report_list", filters, limit=DISPLAY_ROWS)[LISTED],
    "报告清单",
    key="ov_dl_reports",
    columns={
        "file": "文件",
        "township": "乡镇",
        "county": "区县",
        "province": "省份",
        "year": "年度",
        "issued": "成文日期",
        "problems": "问题",
        "plans": "计划",
        "indicators": "指标",
        "warnings": "提示",
    },
    full=lambda: fetch("tables.report_list", filters)[LISTED],
)
