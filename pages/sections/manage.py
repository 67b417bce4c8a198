"""数据管理's parts: the 回收站 (restore, purge) and the history of every admin action."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.problems import recurring
from analysis.storage import history, trash
from analysis.storage.filters import Filters
from pages.admin import admin_unlocked, operator, relock
from pages.corrections import LOG_COLUMNS, correction_log, when
from pages.data import q
from pages.downloads import table
from pages.panels import trash_write
from pages.text import label as text_label
from pages.text import plain, safe

DONE = "mg_done"  # session state: the message shown after the rerun that follows a restore or purge
HISTORY_COLUMNS = {"time": "时间", "who": "操作人", "action": "操作", "subject": "对象", "before": "修改前", "after": "修改后"}


def done_notice() -> None:
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(done, icon=":material/check_circle:")


def trash_bin() -> None:
    """回收站: the deleted reports, each restorable; purging asks the admin to confirm by name."""
    st.subheader("回收站")
    binned = q(trash.trashed, Filters())
    if binned.empty:
        st.caption("回收站是空的。在「报告阅读」页删除的报告会先移到这里。")
        return
    labels = {int(r.report_id): history.report_label(r.township, r.year, r.file) for r in binned.itertuples(index=False)}
    shown = binned.assign(deleted_at=[when(t) for t in binned.deleted_at])[["township", "year", "file", "deleted_at", "who"]]
    table(
        shown,
        "回收站",
        key="mg_dl_trash",
        columns={"township": "乡镇", "year": "年度", "file": "文件", "deleted_at": "删除时间", "who": "删除人"},
    )
    if not admin_unlocked("mg_password"):
        return
    who = operator("mg_who")
    report_id = st.selectbox("选择报告", list(labels), format_func=labels.get, key="mg_report")
    label = labels[report_id]
    left, right = st.columns(2)
    if left.button("恢复", icon=":material/restore_from_trash:", key="mg_restore"):
        _after(trash_write("恢复", trash.restore, [report_id], who=who), f"已恢复「{safe(label)}」，各页面已重新显示。")
    sure = right.checkbox(f"确认彻底删除「{text_label(label)}」（不能恢复）", key=f"mg_confirm_{report_id}")
    if right.button("彻底删除", type="primary", disabled=not sure, icon=":material/delete_forever:", key="mg_purge"):
        _after(trash_write("彻底删除", trash.purge, [report_id], who=who), f"已彻底删除「{safe(label)}」。")


def _after(ok: bool, message: str) -> None:
    """After a restore or purge: the password is asked again, the confirmation unticked."""
    if not ok:
        return
    for key in [k for k in st.session_state if str(k).startswith("mg_confirm_")]:
        del st.session_state[key]
    relock("mg_password")
    st.session_state[DONE] = message
    st.rerun()


def action_history() -> None:
    """操作记录: uploads, deletions, restores, purges, settings and problem corrections, newest first."""
    st.subheader("操作记录")
    log = admin_log()
    if log.empty:
        st.caption("还没有操作记录。上传、删除、恢复、彻底删除、设置和问题归类校正都会记在这里。")
        return
    table(log, "操作记录", key="mg_dl_history", columns=HISTORY_COLUMNS, widths={"对象": 320, "修改后": 240})


def admin_log() -> pd.DataFrame:
    """Every logged action and every problem correction, newest first: time, who, action,
    subject, before, after (empty cells as —)."""
    actions = q(_actions, Filters())
    logged = actions.assign(time=[when(t) for t in actions.made_at])[LOG_COLUMNS] if len(actions) else pd.DataFrame(columns=LOG_COLUMNS)
    catalogue = q(recurring.problem_catalogue, Filters())
    corrections = correction_log(dict(zip(catalogue.code, catalogue.label)))
    corrections = corrections.assign(action="问题归类校正：" + corrections.action).iloc[::-1]  # newest first, as the log
    frames = [df for df in (logged, corrections) if len(df)]
    both = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=LOG_COLUMNS)
    both = both.sort_values("time", ascending=False, kind="stable").reset_index(drop=True)
    return both.replace({"": None}).assign(who=[plain(w, history.UNSIGNED) for w in both.who])


def _actions(con, filters: Filters) -> pd.DataFrame:
    return history.actions(con)
