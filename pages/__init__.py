"""UI layer shared by the page scripts (in pages/views/), one module per concern:

    pages.data       store access: cached queries (q, fetch), the store version, write follow-up
    pages.filters    the shared sidebar filters and their session-state keys (bound to the URL)
    pages.downloads  tables with CSV downloads
    pages.text       report text as plain labels or escaped Markdown
    pages.admin      the admin password and the write lock
    pages.panels     the write panels (upload, brief, delete)
    pages.corrections  the problem-register corrections and their history
    pages.messages   the analysis' English verdicts and warnings in Chinese (one table)
    pages.charts     whole-number count axes, Chinese hover names
    pages.serve      starts Streamlit (make run, python -m analysis serve)

Page widgets use keys prefixed by page: ov_ 总览, tr_ 趋势, cmp_ 乡镇对比, kw_ 关键词, pb_ 存在问题, rd_ 报告阅读.
"""
