"""法治报告看板 — navigation, the shared sidebar filters, then the chosen page.

The page scripts live in pages/views/, not directly in pages/: Streamlit treats *.py files
directly in a pages/ folder beside the entry point as old-style pages and would run a
deep-linked page (or an AppTest page switch) without this file, losing the shared filters.
"""

from pathlib import Path

import streamlit as st

from pages.data import stale_notice
from pages.downloads import page_workbook, start_page
from pages.filters import sidebar_filters

# the tab icon as an emoji, drawn inline: a ":material/…:" tab icon is fetched as an image from
# fonts.gstatic.com, which an offline county intranet cannot reach. Set before st.navigation, it
# also keeps the pages' icons (drawn with the Material font Streamlit serves itself) off the tab.
st.set_page_config(page_title="法治报告看板", page_icon="⚖️", layout="wide")

PAGES = [
    st.Page("pages/views/overview.py", title="总览", icon=":material/dashboard:", default=True, url_path="home"),
    st.Page("pages/views/trends.py", title="趋势", icon=":material/trending_up:", url_path="trends"),
    st.Page("pages/views/compare.py", title="乡镇对比", icon=":material/compare_arrows:", url_path="compare"),
    st.Page("pages/views/keywords.py", title="关键词", icon=":material/tag:", url_path="keywords"),
    st.Page("pages/views/problems.py", title="存在问题", icon=":material/report_problem:", url_path="problems"),
    st.Page("pages/views/profile.py", title="乡镇画像", icon=":material/location_city:", url_path="profile"),
    st.Page("pages/views/search.py", title="全文检索", icon=":material/search:", url_path="search"),
    st.Page("pages/views/reader.py", title="报告阅读", icon=":material/article:", url_path="reader"),
    st.Page("pages/views/manage.py", title="数据管理", icon=":material/manage_history:", url_path="manage"),
]

# the default page is served at "/"; /overview (older links and bookmarks) shows it too
# instead of Streamlit's "Page not found"
OVERVIEW_ALIAS = st.Page("pages/views/overview.py", title="总览", url_path="overview", visibility="hidden")

# pages that count whole reports: the 章节类型 filter is shown disabled there, with a note
WHOLE_REPORT_PAGES = {"", "home", "overview", "manage"}  # "": the default page (总览) as st.navigation returns it

page = st.navigation([*PAGES, OVERVIEW_ALIAS])
st.html(Path(__file__).with_name("pages") / "phone.css")  # a phone's layout: a labelled filter button, tiles two by two
st.sidebar.title("法治报告看板")
sidebar_filters(kinds_apply=page.url_path not in WHOLE_REPORT_PAGES)
stale_notice()
start_page()
page.run()
# every table the page drew, one sheet each (a worker process started by an upload runs this file as
# its main module, with a page that has no title: hence getattr)
page_workbook(getattr(page, "title", "本页"))
