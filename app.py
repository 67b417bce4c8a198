"""法治报告看板 — entry point (replaced by the full dashboard)."""

import streamlit as st

from analysis import store, tables

st.set_page_config(page_title="法治报告看板", layout="wide")
st.title("法治报告看板")
with store.connect(read_only=True) as con:
    st.dataframe(tables.reports(con), hide_index=True)
