"""报告阅读: one report as parsed — metadata, sections, problems and plans, indicators, warnings."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.storage import tables
from pages.data import q, require_reports
from pages.downloads import table
from pages.filters import KIND_NAMES, current_filters
from pages.messages import chinese
from pages.panels import delete_panel, deleted_notice
from pages.sections.reader import facts_panel, select_corrected
from pages.text import label, plain, profile_link, safe

st.title("报告阅读")
deleted_notice()
select_corrected()
filters = current_filters()
require_reports(filters, index=False)
# township first, then its reports: a province's thousands of reports make one list unusable
UNKNOWN = "乡镇未知"
names = [plain(t, UNKNOWN) for t in q(tables.township_names, filters).township]
town = st.selectbox("报告所属乡镇", names, key="rd_town", bind="query-params") if len(names) > 1 else names[0]
mine = q(tables.township_reports, filters, township=None if town == UNKNOWN else town)
labels = {int(r.report_id): f"{plain(r.township, '乡镇未知')} {plain(r.year, '年度未知')} · {r.file}" for r in mine.itertuples(index=False)}
report_id = st.selectbox("选择报告", list(labels), format_func=labels.get, key="rd_report", bind="query-params")
one = replace(filters, report_ids=(report_id,))
meta = q(tables.reports, one).iloc[0]

st.subheader(safe(meta.title or meta.file))
cols = st.columns(4)
places = " / ".join(safe(x) for x in (meta.county, meta.city, meta.province) if safe(x))
issuers = "、".join(meta.issuers) if meta.issuers is not None and len(meta.issuers) else ""
cols[0].markdown(f"**乡镇**  \n{profile_link(meta.township, meta.county) if safe(meta.township) else '未识别'}")
cols[1].markdown(f"**区县 / 市 / 省**  \n{places or '未识别'}")
cols[2].markdown(f"**报告年度**  \n{safe(meta.year) or '未识别'}")
issued = pd.Timestamp(meta.issued).date().isoformat() if pd.notna(meta.issued) else None  # a date, not midnight
cols[3].markdown(f"**成文日期**  \n{safe(issued) or '—'}")
st.markdown(f"**报送单位**：{safe(issuers) or '—'}　**主送**：{safe(meta.addressee) or '—'}　**文件**：{safe(meta.file)}")
for warning in meta.warnings if meta.warnings is not None else []:
    st.warning(safe(chinese(warning)), icon=":material/warning:")
if isinstance(meta.original, str) and meta.original:
    with st.expander("原文（繁体字，照录；分析按简体字进行）", icon=":material/translate:"):
        st.markdown(safe(meta.original))

tab_sections, tab_items, tab_ind = st.tabs(["章节", "问题与计划", "量化指标"])
with tab_sections:
    sections = q(tables.sections, one)
    if sections.empty:
        st.caption("当前章节类型筛选下没有章节。")
    for row in sections.itertuples(index=False):
        title = f"{KIND_NAMES.get(row.kind, row.kind)}｜{row.heading or '（标题前的导语）'}"
        with st.expander(label(title), expanded=row.kind in ("problems", "plans")):
            st.markdown(safe(row.text))
with tab_items:
    problems = q(tables.items, replace(one, kinds=()), kind="problem")
    plans = q(tables.items, replace(one, kinds=()), kind="plan")
    st.markdown(f"**存在问题（{len(problems)} 条）**")
    for row in problems.itertuples(index=False):
        st.error(safe(row.text), icon=":material/report_problem:")
    st.markdown(f"**下步计划（{len(plans)} 条）**")
    for row in plans.itertuples(index=False):
        st.success(safe(row.text), icon=":material/flag:")
with tab_ind:
    indicators = q(tables.indicators, one)
    if indicators.empty:
        st.caption("这份报告没有识别出量化指标。")
    else:
        table(
            indicators[["metric", "value", "unit", "approx", "section", "evidence"]],
            f"指标_{meta.file}",
            key="rd_dl_ind",
            columns={"metric": "指标", "value": "数值", "unit": "单位", "approx": "约数", "section": "章节", "evidence": "原句"},
        )

facts_panel(report_id, meta)
delete_panel(report_id, labels[report_id])
