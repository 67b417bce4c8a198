"""乡镇画像: one township on one screen — its reports, done figures year by year, problems by
year, plan follow-through, copying and its standing in its county; printable as Word."""

from dataclasses import replace

import streamlit as st

from analysis.brief import township_profile
from pages.data import nothing, q, require_reports
from pages.filters import current_filters
from pages.sections import profile as sections

st.title("乡镇画像")
filters = current_filters()
require_reports(filters, index=False)
towns = q(township_profile.townships, replace(filters, townships=(), counties=()))
if towns.empty:
    nothing("筛选范围内的报告都没有识别出乡镇。")
    st.stop()
choices = sections.choices(towns)
chosen = sections.linked_town(choices) or (filters.townships[0] if len(filters.townships) == 1 else None)
default = next((i for i, (town, _) in enumerate(choices.values()) if town == chosen), 0)
picked = st.selectbox(
    "乡镇", list(choices), index=default, key="pf_town", bind="query-params", help="链接中带有所选乡镇，复制地址即可分享这一画像。"
)
town, county = choices[picked]
scope = township_profile.scope(town, county, filters)
st.caption("画像包括该乡镇在所选年度内的全部报告（左侧的乡镇、区县筛选不影响画像）；排名在其所在区县的乡镇之间比较。")

for section in (sections.reports, sections.indicators, sections.problems, sections.plans, sections.copies, sections.areas):
    section(scope)
sections.word(scope, town, county)
