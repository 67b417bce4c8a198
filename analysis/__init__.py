"""Pure-Python core of 法治报告看板: read, parse, segment, store and analyse reports.

Nothing in this package imports streamlit (``tests/test_layering.py`` checks it).
"""

from analysis.errors import ReportError

__all__ = ["ReportError"]
