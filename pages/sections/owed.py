"""总览's 报送情况: for the chosen year, which townships of the jurisdiction reported on time, late,
or not yet, with the 催报 list; the admin sets the jurisdiction and the deadline."""

from __future__ import annotations

from typing import Literal

import pandas as pd
import streamlit as st

from analysis.brief.county_brief import scope_of
from analysis.errors import ReportError
from analysis.insights import reporting
from analysis.storage import history, store
from analysis.storage.filters import ALL, Filters
from pages.admin import admin_unlocked, operator, write_lock
from pages.data import q
from pages.downloads import table
from pages.messages import chinese
from pages.text import safe

COLUMNS = {"county": "区县", "township": "乡镇", "status": "报送情况", "file": "文件", "issued": "成文日期", "days_late": "逾期天数"}


def _settings(con, filters: Filters) -> pd.DataFrame:
    """jurisdiction (its description), level, name, stored (set by the admin, not inferred),
    month, day: what the store holds (one row)."""
    j = reporting.jurisdiction(con)
    month, day = reporting.deadline_rule(con)
    return pd.DataFrame(
        {
            "jurisdiction": [j.describe() if j else None],
            "level": [j.level if j else None],
            "name": [j.name if j else None],
            "stored": [bool(j and not j.inferred)],
            "month": [month],
            "day": [day],
        }
    )


def _status(con, filters: Filters, *, year: int) -> pd.DataFrame:
    return reporting.report_status(con, year=year)


def _years(con, filters: Filters) -> pd.DataFrame:
    return store.frame(con, "SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year")


def prime() -> None:
    """Run what :func:`owed` queries when no single year is chosen (the latest year's status,
    whose expected townships come from the gazetteer) into the query cache (pages.warm)."""
    settings = q(_settings, ALL).iloc[0]
    years = q(_years, ALL).year.astype(int).tolist()
    if isinstance(settings.jurisdiction, str) and years:
        q(_status, ALL, year=years[-1])


def owed(filters: Filters) -> None:
    """报送情况 for one year: counts per status, every township's status, and the 催报 list."""
    st.subheader("报送情况与催报")
    settings = q(_settings, ALL).iloc[0]
    if not isinstance(settings.jurisdiction, str):
        st.caption("报告中没有识别出区县，无法确定应报送的乡镇。请管理员在下方设置管辖范围。")
    else:
        _, chosen = scope_of(filters)
        years = q(_years, ALL).year.astype(int).tolist()
        year = chosen or st.selectbox("年度", years[::-1], key="ov_owed_year")
        due = reporting.deadline_for(year, (int(settings.month), int(settings.day)))
        st.caption(
            f"管辖范围：{safe(settings.jurisdiction)}；{year}年度报告的报送期限：{due:%Y年%-m月%-d日}。"
            "应报送的乡镇取自地名库中该范围的镇、乡、民族乡、街道、苏木（含本地补充的名单）。"
        )
        status = q(_status, ALL, year=year)
        counts = reporting.status_counts(status)
        for col, (name, n) in zip(st.columns(len(counts)), counts.items()):
            col.metric(name, f"{n:,}")
        table(status, f"报送情况_{year}", key="ov_dl_status", columns=COLUMNS)
        chase = status[status.status.isin([reporting.MISSING])][["county", "township"]]
        st.markdown(f"**催报名单**（{len(chase)} 个乡镇，{year}年度报告尚未报送）")
        if len(chase):
            st.code("、".join(chase.township), language=None, wrap_lines=True)
            table(chase, f"催报名单_{year}", key="ov_dl_chase", columns=COLUMNS)
    _admin_settings(settings)


def _admin_settings(settings: pd.Series) -> None:
    with st.expander("设置管辖范围与报送期限（管理员）", icon=":material/settings:"):
        level = st.radio(
            "范围",
            list(reporting.LEVELS),
            format_func=reporting.LEVELS.get,
            horizontal=True,
            key="ov_j_level",
            index=list(reporting.LEVELS).index(settings.level) if isinstance(settings.level, str) else 0,
        )
        name = st.text_input("名称（地名库中的全称，如 城口县、重庆市）", value=settings["name"] or "", key="ov_j_name").strip()
        left, right = st.columns(2)
        month = left.number_input("报送期限：次年 月", 1, 12, int(settings.month), key="ov_j_month")
        day = right.number_input("日", 1, 31, int(settings.day), key="ov_j_day")
        if not admin_unlocked("ov_j_password"):
            return
        who = operator("ov_j_who")
        if settings.stored and st.button("清除设置的管辖范围，恢复按报告推断", key="ov_j_clear"):
            _write(settings, who=who, clear=True)
        if st.button("保存", key="ov_j_save"):
            _write(settings, who=who, level=level, name=name, deadline=(int(month), int(day)))


def _write(settings: pd.Series, *, who: str, clear: bool = False, level: str = "", name: str = "", deadline=None) -> None:
    """Store the settings (``clear``: forget the stored jurisdiction), log them, and show the page again."""
    with write_lock():
        try:
            with store.connect() as con:
                if clear:
                    reporting.clear_jurisdiction(con)
                elif name:
                    reporting.set_jurisdiction(con, level, name)
                if deadline:
                    reporting.set_deadline(con, *deadline)
                _log_settings(con, settings, who=who, scope="clear" if clear else ("set" if name else ""), deadline=deadline)
        except ReportError as exc:
            st.error(safe(chinese(str(exc))))
            return
    if clear:  # the form shows the inferred jurisdiction again
        for key in ("ov_j_level", "ov_j_name"):
            st.session_state.pop(key, None)
    st.rerun()


def _log_settings(con, settings: pd.Series, *, who: str, scope: Literal["set", "clear", ""], deadline: tuple[int, int] | None) -> None:
    """The action log's lines for the settings that changed (before → after, in words); ``scope``:
    the jurisdiction was set, cleared, or left alone."""
    before_scope = settings.jurisdiction if isinstance(settings.jurisdiction, str) else "未设置"
    after = reporting.jurisdiction(con) if scope else None
    after_scope = (after.describe() if after else "未设置") if scope else before_scope
    if after_scope != before_scope or scope == "clear":
        action = "清除管辖范围" if scope == "clear" else "设置管辖范围"
        history.log(con, action, "报送情况", who=who, before=before_scope, after=after_scope)
    old = (int(settings.month), int(settings.day))
    if deadline and deadline != old:
        history.log(con, "设置报送期限", "报送情况", who=who, before="次年{}月{}日".format(*old), after="次年{}月{}日".format(*deadline))
