"""存在问题's correction panel: reviewers move an item, rename, merge or split off a problem, and
read the history of corrections in Chinese."""

from __future__ import annotations

import hashlib

import duckdb
import pandas as pd
import streamlit as st

from analysis.errors import ReportError
from analysis.problems import grouping, recurring
from analysis.problems.register import register_table
from analysis.storage import store, tables
from analysis.storage.filters import Filters
from pages.admin import admin_unlocked, remember_operator
from pages.data import WRITE_WAIT_SECONDS, after_write, q, queued_write, write_error
from pages.downloads import table
from pages.messages import chinese
from pages.text import plain, safe

CHOICES = 300  # items offered for a correction at once
ACTION_NAMES = {"move": "改归条目", "rename": "重命名", "merge": "合并", "split": "拆分为新问题"}
SAVED = "pb_saved"  # session state: the message shown after the rerun that follows a correction


def corrections_panel(filters: Filters, cluster: int, members: pd.DataFrame) -> None:
    """Reviewer corrections of the register's grouping: move an item, rename, merge, split off."""
    saved = st.session_state.pop(SAVED, None)
    if saved:
        st.success(saved, icon=":material/check_circle:")
    with st.expander("校正问题归类（审核人员）", icon=":material/edit_note:", expanded=bool(saved)):
        st.caption("校正保存在库中（记录校正人和时间），重新计算和重新导入同一报告后仍然有效；不会删除任何条目。")
        if not admin_unlocked("pb_password"):
            return
        catalogue = q(recurring.problem_catalogue, Filters())
        names = dict(zip(catalogue.code, catalogue.label))
        code_now = next((c for c, n in names.items() if n == members.label.iloc[0]), None)
        who = st.text_input("校正人", key="pb_who", placeholder="姓名或科室")
        choices = _item_choices(filters, members)
        move, rename, merge, split = st.tabs(list(ACTION_NAMES.values()))
        with move:
            key = st.selectbox("条目", list(choices), format_func=choices.get, key="pb_fix_item")
            to = st.selectbox("改归到", list(names), format_func=names.get, key="pb_fix_to")
            if st.button("改归", key="pb_fix_move") and key:
                save_correction("move", who=who, item_key=key, code=to)
        with rename:
            name = st.text_input("新名称", value=names.get(code_now, ""), key=f"pb_fix_name_{code_now}")
            if st.button("重命名", key="pb_fix_rename") and code_now:
                save_correction("rename", who=who, code=code_now, name=name)
        with merge:
            into = st.selectbox("并入", [c for c in names if c != code_now], format_func=names.get, key="pb_fix_into")
            if st.button("合并", key="pb_fix_merge") and code_now:
                save_correction("merge", who=who, code=code_now, target=into)
        with split:
            picked = st.multiselect(
                "条目", list(choices), format_func=choices.get, key="pb_fix_split", placeholder="选择条目", select_all=False
            )
            new_name = st.text_input("新问题名称", key="pb_fix_split_name")
            if st.button("拆分", key="pb_fix_split_go") and picked and new_name.strip():
                target = "R" + hashlib.blake2b(new_name.strip().encode(), digest_size=3).hexdigest()
                save_correction("split", who=who, item_keys=picked, target=target, name=new_name)
        history(filters, names)


def _item_choices(filters: Filters, members: pd.DataFrame) -> dict[str, str]:
    """item_key → 「乡镇 年度：条目」: the chosen problem's items, or with a search, every problem's
    items that contain the searched words."""
    search = st.text_input("搜索条目（在全部问题中查找，留空则为本组条目）", key="pb_fix_search", placeholder="例如：执法人员").strip()
    if search:
        every = q(recurring.problem_rows, filters)
        members = every[every.text.str.contains(search, regex=False, na=False)]
        st.caption(
            f"找到 {len(members):,} 条包含「{safe(search)}」的条目" + (f"，下面可选前 {CHOICES} 条。" if len(members) > CHOICES else "。")
        )
    elif len(members) > CHOICES:
        st.caption(f"下面可选本组的前 {CHOICES} 条；可搜索条目，或用左侧筛选（区县、乡镇、年度）缩小范围。")
    members = members.head(CHOICES)
    return {
        k: f"{plain(t, '乡镇未知')} {plain(y, '年度未知')}：{x[:60]}（{plain(label)}）"
        for k, t, y, x, label in zip(members.item_key, members.township, members.year, members.text, members.label)
    }


def history(filters: Filters, names: dict[str, str]) -> None:
    """校正记录: who changed what when, before → after, in words (no codes or item hashes)."""
    log = correction_log(names)
    if log.empty:
        return
    st.markdown("**校正记录**")
    what = [f"{b}→{a}" if b else f"{s} → {a}" for s, b, a in zip(log.subject, log.before, log.after)]
    shown = pd.DataFrame({"时间": log.time, "校正人": log.who, "操作": log.action, "内容（校正前 → 校正后）": what})
    table(shown, "问题归类校正记录", key="pb_dl_corrections", widths={"内容（校正前 → 校正后）": 560})


LOG_COLUMNS = ["time", "who", "action", "subject", "before", "after"]


def correction_log(names: dict[str, str]) -> pd.DataFrame:
    """The stored corrections in words, oldest first: time (2023-02-18 14:03), who, action (改归条目
    重命名 合并 拆分为新问题), subject (the item or problem), before, after (「名称」)."""
    stored = q(tables.corrections, Filters())
    if stored.empty:
        return pd.DataFrame(columns=LOG_COLUMNS)
    items = q(recurring.problem_rows, Filters())
    texts = {
        k: f"{plain(t, '乡镇未知')} {plain(y, '年度未知')}「{x[:40]}」"
        for k, t, y, x in zip(items.item_key, items.township, items.year, items.text)
    }
    named = dict(zip(register_table().code, register_table().name))  # names before any rename
    rows = []
    for c in stored.itertuples(index=False):
        problem = named.get(c.code) or names.get(c.code) or "（已不存在的问题）"
        item = texts.get(c.item_key, "（已删除的条目）")
        if c.action == "move":
            subject, before, after = item, "", f"改归「{names.get(c.code, problem)}」"
        elif c.action == "rename":
            subject, before, after = "问题名称", f"「{problem}」", f"「{c.name}」"
            named[c.code] = c.name
        elif c.action == "merge":
            subject, before, after = f"「{problem}」", "", f"并入「{names.get(c.target, c.target)}」"
        else:
            subject, before, after = item, "", f"新问题「{c.name}」"
        who = "未署名" if c.who in ("", "reviewer") else c.who
        rows.append((when(c.made_at), who, ACTION_NAMES.get(c.action, c.action), subject, before, after))
    return pd.DataFrame(rows, columns=LOG_COLUMNS)


def when(made_at) -> str:
    """「2023-02-18 14:03」: when an action was taken, to the minute."""
    return pd.Timestamp(made_at).strftime("%Y-%m-%d %H:%M")


def save_correction(action: str, *, who: str, item_keys: list[str] | None = None, **fields) -> None:
    with queued_write("校正") as waiting:
        try:
            with store.connect(publish=False, wait=WRITE_WAIT_SECONDS, on_wait=waiting) as con:
                for key in item_keys or [fields.pop("item_key", "")]:
                    grouping.add_correction(con, action, who=who, item_key=key, **fields)
        except ReportError as exc:
            st.error(safe(chinese(str(exc)) if "busy" not in str(exc) else write_error(exc, "校正")))
            return
        except (OSError, duckdb.Error) as exc:
            st.error(write_error(exc, "校正"))
            return
        after_write(what="校正")
    remember_operator(who)
    st.session_state[SAVED] = "校正已保存，各页面已更新。"
    st.rerun()
