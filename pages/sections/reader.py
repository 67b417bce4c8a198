"""报告阅读's admin part: correcting a report's facts (乡镇、区县、市、省、年度) with a reason, and the
record of corrections (who, when, before → after)."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from analysis.errors import ReportError
from analysis.storage import facts, store
from analysis.storage.filters import Filters
from pages.admin import admin_unlocked, relock
from pages.data import WRITE_WAIT_SECONDS, after_write, q, queued_write, write_error
from pages.downloads import table
from pages.messages import FIELDS, chinese
from pages.text import plain, safe

DONE = "rd_fact_done"  # the message shown after the rerun that follows a correction
GOTO = "rd_fact_goto"  # (township, report id) the reader selects on that rerun


def select_corrected() -> None:
    """Before 报告阅读's selectors: after a correction, select the corrected report under its new
    township, and say what was saved."""
    goto = st.session_state.pop(GOTO, None)
    if goto:
        st.session_state["rd_town"], st.session_state["rd_report"] = goto
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(done, icon=":material/check_circle:")


def facts_panel(report_id: int, meta: pd.Series) -> None:
    """「更正报告信息」: the record of this report's corrections, and (behind the admin password)
    a form to correct its township, county, city, province or year with a reason."""
    log = q(facts.history, Filters(report_ids=(report_id,)))
    with st.expander(f"管理：更正乡镇、区县或年度{f'（已更正 {log.made_at.nunique()} 次）' if len(log) else ''}", icon=":material/edit:"):
        if len(log):
            st.markdown("**更正记录**")
            table(_log_table(log), f"报告信息更正记录_{meta.file}", key="rd_dl_facts")
        st.caption("更正保存在报告库中，同一文件删除后重新导入时自动沿用；管理员可在命令行把全部更正导出为 metadata_overrides.csv。")
        if not admin_unlocked("rd_fact_password"):
            return
        with st.form(f"rd_fact_form_{report_id}"):
            cols = st.columns(5)
            values = {
                f: cols[i].text_input(FIELDS[f], value=plain(meta[f]), key=f"rd_fact_{f}_{report_id}") for i, f in enumerate(facts.FIELDS)
            }
            reason = st.text_input("更正理由（必填）", key=f"rd_fact_reason_{report_id}")
            who = st.text_input("更正人", key=f"rd_fact_who_{report_id}")
            submitted = st.form_submit_button("保存更正", type="primary", key="rd_fact_save")
        if submitted:
            changed = {f: v for f, v in values.items() if v.strip() != plain(meta[f])}
            _save(report_id, changed, who=who, reason=reason)


def _log_table(log: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "时间": [pd.Timestamp(t).strftime("%Y-%m-%d %H:%M") for t in log.made_at],
            "更正人": log.who.tolist(),
            "项目": [FIELDS.get(f, f) for f in log.field],
            "更正前 → 更正后": [f"{b or '（空）'} → {a or '（空）'}" for b, a in zip(log.before, log.after)],
            "理由": log.reason.tolist(),
        }
    )


def _save(report_id: int, changed: dict[str, str], *, who: str, reason: str) -> None:
    with queued_write("更正") as waiting:
        try:
            with store.connect(publish=False, wait=WRITE_WAIT_SECONDS, on_wait=waiting) as con:
                diff = facts.correct_report(con, report_id, changed, who=who, reason=reason)
        except ReportError as exc:
            st.error(safe(chinese(str(exc)) if "busy" not in str(exc) else write_error(exc, "更正")), icon=":material/error:")
            return
        except (OSError, duckdb.Error) as exc:
            st.error(write_error(exc, "更正"), icon=":material/error:")
            return
        after_write(what="更正")  # derived tables rebuilt, then every page shows the corrected facts
    relock("rd_fact_password")
    what = "；".join(f"{FIELDS[f]}：{b if b is not None else '（空）'} → {a if a is not None else '（空）'}" for f, (b, a) in diff.items())
    township = diff.get("township", (None, None))[1]
    if township:
        st.session_state[GOTO] = (township, report_id)
    st.session_state[DONE] = f"已更正：{what}。各页面已更新。"
    st.rerun()
