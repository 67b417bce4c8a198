"""The write panels: upload (总览), the county brief button (总览) and deleting a report (报告阅读).
Each is drawn where a page calls it; reviewer corrections of the problem register (存在问题) are
in pages.corrections."""

from __future__ import annotations

import hashlib

import duckdb
import pandas as pd
import streamlit as st

from analysis.brief import county_brief, prose
from analysis.brief.county_brief import scope_of
from analysis.errors import ReportError
from analysis.read.reading import readable_suffixes
from analysis.storage import store, trash
from analysis.storage.filters import Filters
from analysis.storage.ingest import ingest_uploads, start_upload_workers, unmap_big_buffers
from pages.admin import admin_unlocked, operator, relock, remember_operator
from pages.data import WRITE_WAIT_SECONDS, after_write, q, queued_write, write_error
from pages.downloads import table
from pages.messages import chinese
from pages.text import safe

STATUS_NAMES = {"stored": "已入库", "replaced": "已替换", "duplicate": "重复，已跳过", "rejected": "被拒绝"}


def upload_panel() -> None:
    suffixes = readable_suffixes()
    with st.expander("上传报告（Word、PDF、文本文件或另存的网页，可多选）", icon=":material/upload_file:", expanded=False):
        files = st.file_uploader("选择报告文件", type=[s.lstrip(".") for s in suffixes], accept_multiple_files=True, key="ov_files")
        if files:  # the parse workers' fork server warms (at a low priority) while the password is typed
            start_upload_workers()
            unmap_big_buffers()  # the copies of the file's bytes each run makes are given back when freed
        if ".doc" not in suffixes:
            st.caption("本机不能读取旧版 Word 文件（.doc）：请先用 Word 另存为 .docx。")
        replace = st.checkbox("同一乡镇同一年度已有报告时，用新文件替换", key="ov_replace")
        if not files or not admin_unlocked("ov_password"):
            return
        who = operator("ov_who")
        if st.button("导入所选文件", type="primary", key="ov_import"):
            progress = st.progress(0.0, text="导入中…")
            done: list = []

            def step(outcome) -> None:
                done.append(outcome)
                progress.progress(len(done) / len(files), text=f"{len(done)}/{len(files)} {outcome.name}")

            with queued_write("上传") as waiting:  # a busy store: the upload queues, then is stored
                try:
                    ingest_uploads(
                        ((f.name, f.getvalue()) for f in files),
                        replace=replace,
                        on_outcome=step,
                        publish=False,
                        wait=WRITE_WAIT_SECONDS,
                        on_wait=waiting,
                        who=who,
                    )
                except (ReportError, OSError, duckdb.Error) as exc:
                    st.error(write_error(exc, "上传"), icon=":material/error:")
                after_write(what="上传")  # derived tables rebuilt, then the new reports are published to every page
            remember_operator(who)
            result = pd.DataFrame([(o.name, STATUS_NAMES[o.status], chinese(o.detail)) for o in done], columns=["文件", "结果", "说明"])
            st.session_state["ov_last_upload"] = result
        if "ov_last_upload" in st.session_state:
            table(st.session_state["ov_last_upload"], "上传结果", key="ov_dl_upload")


def brief_panel(filters: Filters) -> None:
    """「生成分析简报」: the county brief (.docx) for the current filters."""
    counties, year = scope_of(filters)
    where = "、".join(counties) or "全部区县"
    when = f"{year}年度" if year else "所选各年度（选定单一年度时另含未报送与逾期统计）"
    st.caption(f"分析简报范围：{safe(where)}，{safe(when)}。")
    addressee = sender = ""
    signed = None
    if len(counties) == 1 and year:  # the county's own report: addressee and sender (defaults in the placeholders)
        st.caption("选定一个区县和一个年度时，简报按报告格式生成（主送机关、附件说明、落款和成文日期）。")
        left, right = st.columns(2)
        addressee = left.text_input("主送机关", placeholder=f"{counties[0]}人民政府", max_chars=60, key="ov_brief_to").strip()
        sender = right.text_input("落款单位", placeholder=f"{counties[0]}司法局", max_chars=60, key="ov_brief_from").strip()
        signed = left.date_input(
            "成文日期",
            value=None,
            format="YYYY-MM-DD",
            key="ov_brief_date",
            help="不填时：报告期内（次年3月31日前）填生成当天，过期后留空，由起草人填写实际签发日期。",
        )
    scope = (filters, addressee, sender, signed)
    if st.button("生成分析简报", icon=":material/description:", key="ov_brief"):
        made = q(county_brief.brief_for, filters, addressee=addressee, sender=sender, signed=signed)
        st.session_state["ov_brief_bytes"] = (scope, made)
    made = st.session_state.get("ov_brief_bytes")
    if made and made[0] == scope:
        name = prose.report_title(counties[0], year) if len(counties) == 1 and year else f"{where}{year or ''}法治政府建设情况分析简报"
        st.download_button(
            "下载分析简报（Word）",
            data=made[1],
            file_name=f"{name}.docx",
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            key=f"ov_brief_dl-{hashlib.blake2b(made[1], digest_size=6).hexdigest()}",
            on_click="ignore",
            icon=":material/download:",
        )


def deleted_notice() -> None:
    """「已移入回收站…」 at the top of 报告阅读, after the rerun that follows a deletion."""
    done = st.session_state.pop("rd_deleted", None)
    if done:
        st.success(done, icon=":material/check_circle:")


def delete_panel(report_id: int, label: str) -> None:
    """「删除这份报告」 behind the admin password and a confirmation naming the report: the report
    moves to the 回收站 (数据管理 restores or purges it). The password is asked again after
    each deletion, and the next report's confirmation starts unticked."""
    with st.expander("管理：删除这份报告", icon=":material/delete:"):
        st.caption("删除后报告移入回收站，各页面不再显示；可在「数据管理」页的回收站中恢复，或由管理员彻底删除。")
        if not admin_unlocked("rd_password"):
            return
        who = operator("rd_who")
        sure = st.checkbox(f"确认删除「{label}」", key=f"rd_confirm_{report_id}")
        if st.button("删除", type="secondary", disabled=not sure, key="rd_delete"):
            if not trash_write("删除", trash.move_to_trash, [report_id], who=who):
                return
            st.session_state.pop(f"rd_confirm_{report_id}", None)
            st.session_state["rd_deleted"] = f"已将「{safe(label)}」移入回收站（可在「数据管理」页恢复）。"
            relock("rd_password")
            st.rerun()


def trash_write(what: str, action, ids: list[int], *, who: str) -> bool:
    """Move to the 回收站, restore or purge (``action``) as one queued write, then refresh and
    publish; False (with the reason on the page) when it failed."""
    with queued_write(what) as waiting:
        try:
            with store.connect(publish=False, wait=WRITE_WAIT_SECONDS, on_wait=waiting) as con:
                action(con, ids, who=who)
        except (ReportError, OSError, duckdb.Error) as exc:
            st.error(write_error(exc, what), icon=":material/error:")
            return False
        after_write(what=what)  # derived tables rebuilt, then every page sees the change
    remember_operator(who)
    return True
