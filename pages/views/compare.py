"""乡镇对比: two to ten townships side by side — indicators, themes, similarity, copied text."""

from dataclasses import replace

import streamlit as st

from pages.data import nothing, require_reports
from pages.filters import current_filters
from pages.sections import compare as sections

st.title("乡镇对比")
filters = current_filters()
reports = require_reports(filters)
towns = sorted(reports.township.dropna().unique())
if len(towns) < 2:
    nothing("对比至少需要两个乡镇：请放宽左侧筛选。")
    st.stop()
chosen = st.multiselect(
    "选择 2–10 个乡镇",
    towns,
    default=towns[: min(4, len(towns))],
    max_selections=10,
    key="cmp_towns",
    select_all=False,
    bind="query-params",  # the chosen townships are in the link: a shared link opens the same comparison
)
if len(chosen) < 2:
    nothing("请至少选择两个乡镇。")
    st.stop()
scope = replace(filters, townships=tuple(chosen))

for section in (sections.indicators, sections.themes, sections.areas, sections.similarities, sections.copies):
    section(scope, chosen)
