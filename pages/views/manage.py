"""数据管理: the 回收站 (restore, purge) and the history of every admin action."""

import streamlit as st

from pages.sections import manage

st.title("数据管理")
manage.done_notice()
st.caption("在「报告阅读」页删除的报告先移入回收站，各页面不再显示；在这里可恢复，或由管理员彻底删除。")
manage.trash_bin()
manage.action_history()
