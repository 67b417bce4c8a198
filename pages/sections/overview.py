"""The sections of 总览 below the coverage chart: the required parts of each report and the report list."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.insights import completeness
from analysis.storage import tables
from analysis.storage.filters import Filters
from pages.data import fetch, q
from pages.downloads import DISPLAY_ROWS, table
from pages.messages import chinese_joined

HEATMAP_ROWS = 60  # rows of the coverage chart
MARKS = {True: "✓", False: "✗"}
LISTED = ["file", "township", "county", "province", "year", "issued", "problems", "plans", "indicators", "warnings"]


def prime(filters: Filters) -> None:
    """Run the queries of 总览's own parts (tiles, coverage, required parts, report list) for
    ``filters`` into the query cache: what its first run would wait for (pages.warm, as the
    server starts; tests/test_warm.py holds it to the page)."""
    q(tables.report_totals, filters)
    q(completeness.coverage_chart, filters, rows=HEATMAP_ROWS)
    q(completeness.coverage_matrix, filters, limit=DISPLAY_ROWS)
    q(completeness.report_parts, filters, limit=DISPLAY_ROWS)
    q(tables.report_list, filters, limit=DISPLAY_ROWS)


def coverage_figure(grid: pd.DataFrame, *, level_name: str):
    """报告覆盖: reports per place (``level_name``: 乡镇, 区县 or 省份) and year."""
    return px.imshow(
        grid, text_auto=True, aspect="auto", color_continuous_scale="Blues", labels={"x": "年度", "y": level_name, "color": "报告数"}
    )


def required_parts(filters: Filters) -> None:
    """必报内容: which of the parts the rules require each report has (其他事项 is optional)."""
    st.subheader("必报内容")
    st.caption(
        "依规定，年度报告应包括：推进法治政府建设的举措成效、存在的不足及原因、党政主要负责人履行第一责任人职责情况、下一年度工作安排；其他需要报告的情况可选，不计为缺项。"
    )
    table(
        q(completeness.report_parts, filters, limit=DISPLAY_ROWS).replace(MARKS),
        "必报内容",
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
        full=lambda: fetch(completeness.report_parts, filters).replace(MARKS),
    )


def report_list(filters: Filters) -> None:
    """报告清单: every report in the filters, with its counts and warnings."""
    st.subheader("报告清单")
    table(
        listed(q(tables.report_list, filters, limit=DISPLAY_ROWS)),
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
        full=lambda: listed(fetch(tables.report_list, filters)),
    )


def listed(reports: pd.DataFrame) -> pd.DataFrame:
    """The report list's columns, its warnings in Chinese."""
    return reports[LISTED].assign(warnings=reports.warnings.map(chinese_joined))
