"""存在问题: recurring problems, theme × township, persistence, new/gone, follow-through, drill-down."""

import hashlib
from dataclasses import replace

import plotly.express as px
import streamlit as st

from analysis.errors import ReportError
from analysis.problems import grouping
from analysis.storage import store
from analysis.storage.filters import Filters
from pages import (
    DISPLAY_ROWS,
    admin_unlocked,
    after_write,
    current_filters,
    fetch,
    nothing,
    plain,
    q,
    require_reports,
    safe,
    table,
    write_lock,
)

HEATMAP_TOWNSHIPS = 40  # columns of the theme × township chart
CHOICES = 300  # items offered for a correction at once


def corrections_panel(cluster: int, members) -> None:
    """Reviewer corrections of the register's grouping: move an item, rename, merge, split off."""
    with st.expander("校正问题归类（审核人员）", icon=":material/edit_note:"):
        st.caption("校正保存在库中（记录校正人和时间），重新计算和重新导入同一报告后仍然有效；不会删除任何条目。")
        if not admin_unlocked("pb_password"):
            return
        catalogue = q("problems.recurring.problem_catalogue", Filters())
        names = dict(zip(catalogue.code, catalogue.label))
        current = members.iloc[0]
        code_now = next((c for c, n in names.items() if n == current.label), None)
        who = st.text_input("校正人", key="pb_who", placeholder="姓名或科室")
        if len(members) > CHOICES:
            st.caption(f"下面可选本组的前 {CHOICES} 条；可用左侧筛选（区县、乡镇、年度）缩小范围。")
        choices = {
            k: f"{plain(t, '乡镇未知')} {plain(y, '年度未知')}：{x[:60]}"
            for k, t, y, x in zip(members.item_key[:CHOICES], members.township[:CHOICES], members.year[:CHOICES], members.text[:CHOICES])
        }
        move, rename, merge, split = st.tabs(["改归条目", "重命名", "合并", "拆分为新问题"])
        with move:
            key = st.selectbox("条目", list(choices), format_func=choices.get, key="pb_fix_item")
            to = st.selectbox("改归到", list(names), format_func=names.get, key="pb_fix_to")
            if st.button("改归", key="pb_fix_move"):
                save_correction("move", who=who, item_key=key, code=to)
        with rename:
            name = st.text_input("新名称", value=current.label, key="pb_fix_name")
            if st.button("重命名", key="pb_fix_rename") and code_now:
                save_correction("rename", who=who, code=code_now, name=name)
        with merge:
            into = st.selectbox("并入", [c for c in names if c != code_now], format_func=names.get, key="pb_fix_into")
            if st.button("合并", key="pb_fix_merge") and code_now:
                save_correction("merge", who=who, code=code_now, target=into)
        with split:
            picked = st.multiselect("条目", list(choices), format_func=choices.get, key="pb_fix_split")
            new_name = st.text_input("新问题名称", key="pb_fix_split_name")
            if st.button("拆分", key="pb_fix_split_go") and picked and new_name.strip():
                target = "R" + hashlib.blake2b(new_name.strip().encode(), digest_size=3).hexdigest()
                save_correction("split", who=who, item_keys=picked, target=target, name=new_name)
        stored = q("storage.tables.corrections", Filters())
        if len(stored):
            table(stored, "问题归类校正", key="pb_dl_corrections")


def save_correction(action: str, *, who: str, item_keys: list[str] | None = None, **fields) -> None:
    with write_lock():
        try:
            with store.connect(publish=False) as con:
                for key in item_keys or [fields.pop("item_key", "")]:
                    grouping.add_correction(con, action, who=who, item_key=key, **fields)
        except ReportError as exc:
            st.error(safe(str(exc)))
            return
        after_write()
    st.success("校正已保存，各页面已更新。")
    st.rerun()


st.title("存在问题")
filters = current_filters()
require_reports(filters, index=False)

recurring = q("problems.recurring.recurring_table", filters)
if recurring.empty:
    nothing("筛选范围内的报告没有识别出问题条目。")
    st.stop()

st.subheader("共性问题（按提出的乡镇数排序）")
st.caption("问题按 data/problems.csv 的问题清单归类；清单外的条目按相近表述归为“新问题”。审核人员可在本页底部校正。")
most = int(recurring.townships.max())
if most > 1:
    min_towns = st.slider("至少几个乡镇提出", 1, most, 1, key="pb_min")
else:  # a slider from 1 to 1 cannot be drawn
    min_towns = 1
    st.caption("筛选范围内没有两个以上乡镇共同提出的问题。")
shown = recurring[recurring.townships >= min_towns]
table(
    shown.drop(columns=["code", "origin", "cluster"]),
    "共性问题",
    key="pb_dl_recurring",
    columns={
        "label": "问题",
        "townships": "乡镇数",
        "reports": "报告数",
        "years": "年度",
        "persistent_townships": "连续提出的乡镇",
        "example": "原文举例",
        "township_list": "提出的乡镇",
        "theme": "领域",
    },
    # 920 px: fits beside the sidebar at 1400–1440 px without scrolling sideways (checked in the browser screenshot)
    widths={"问题": 210, "乡镇数": 50, "报告数": 50, "年度": 80, "连续提出的乡镇": 105, "原文举例": 220, "提出的乡镇": 130, "领域": 75},
)

st.subheader("逐条查看")
labels = {int(r.cluster): f"{r.label}（{r.theme}，{r.townships} 个乡镇）" for r in shown.itertuples(index=False)}
if labels:
    cluster = st.selectbox("问题组", list(labels), format_func=labels.get, key="pb_cluster")
    rows = q("problems.recurring.problem_rows", filters, cluster=cluster, limit=DISPLAY_ROWS)
    MEMBER_COLUMNS = ["township", "county", "year", "file", "text", "evidence"]
    table(
        rows[MEMBER_COLUMNS],
        f"问题组{cluster}_原文",
        key="pb_dl_members",
        columns={"township": "乡镇", "county": "区县", "year": "年度", "file": "文件", "text": "问题原文", "evidence": "归类依据"},
        widths={"问题原文": 480, "归类依据": 240},
        full=lambda: fetch("recurring.problem_rows", filters, cluster=cluster)[MEMBER_COLUMNS],
    )
    for row in rows.head(30).itertuples(index=False):
        st.markdown(f"**{safe(plain(row.township, '乡镇未知'))} {safe(plain(row.year, '年度未知'))}**　{safe(row.text)}")
    corrections_panel(cluster, rows)

st.subheader("问题主题 × 乡镇")
# a province's townships do not fit on one chart: those with most problem items
grid = q("problems.recurring.theme_township_top", filters, townships=HEATMAP_TOWNSHIPS).pivot_table(
    index="theme", columns="township", values="problems", aggfunc="sum", fill_value=0
)
if grid.shape[1] == HEATMAP_TOWNSHIPS:
    st.caption(f"下图显示问题条目最多的 {HEATMAP_TOWNSHIPS} 个乡镇；下表列出全部乡镇。")
fig = px.imshow(grid, text_auto=True, aspect="auto", color_continuous_scale="Reds", labels={"x": "乡镇", "y": "主题", "color": "问题条目"})
fig.update_layout(height=120 + 30 * len(grid), margin={"t": 10})
st.plotly_chart(fig, key="pb_theme_chart")
table(
    q("problems.recurring.theme_township_matrix", filters, limit=DISPLAY_ROWS),
    "问题主题_乡镇",
    key="pb_dl_matrix",
    columns={"theme": "主题", "township": "乡镇", "problems": "问题条目"},
    full=lambda: fetch("recurring.theme_township_matrix", filters),
)

st.subheader("年年说、年年有：连续提出的问题")
persistent = q("problems.recurring.persistent_problems", filters, limit=DISPLAY_ROWS)
if persistent.empty:
    st.caption("筛选范围内没有乡镇在相邻两个年度提出同一类问题（需要同一乡镇至少两个相邻年度的报告）。")
else:
    table(
        persistent,
        "连续提出的问题",
        key="pb_dl_persistent",
        columns={"cluster": "问题组", "label": "问题", "township": "乡镇", "years": "年度", "run": "连续年数"},
        full=lambda: fetch("recurring.persistent_problems", filters),
    )
changes = q("problems.recurring.problem_changes", filters, limit=DISPLAY_ROWS)
if not changes.empty:
    table(
        changes,
        "问题变化_新出现与不再提及",
        key="pb_dl_changes",
        columns={"township": "乡镇", "year": "年度", "change": "变化", "cluster": "问题组", "label": "问题"},
        full=lambda: fetch("recurring.problem_changes", filters),
    )

st.subheader("计划落实情况（本年计划 ↔ 次年成效）")
summary = q("insights.views.followthrough_summary", filters)
if summary.empty:
    st.caption("筛选范围内没有计划条目。")
else:
    counts = dict(zip(summary.status, summary.plans))
    cols = st.columns(3)
    for col, status in zip(cols, ["已落实", "未见落实", "无次年报告"]):
        col.metric(status, int(counts.get(status, 0)))
    by_town = q("insights.views.followthrough_by_township", filters)
    table(
        by_town,
        "计划落实_按乡镇",
        key="pb_dl_follow_towns",
        columns={"township": "乡镇", "plans": "计划条数", "followed": "已落实", "not_found": "未见落实", "no_next": "无次年报告"},
    )
    towns = by_town.township.tolist()
    left, right = st.columns(2)
    town = left.selectbox("查看乡镇", towns, key="pb_follow_town") if towns else None
    status = right.radio("显示", ["全部", "未见落实", "已落实", "无次年报告"], horizontal=True, key="pb_status")
    if town:
        follow = q("insights.views.followthrough", replace(filters, townships=(town,)), status=None if status == "全部" else status)
        table(
            follow,
            f"计划落实情况_{town}_{status}",
            key="pb_dl_follow",
            columns={
                "township": "乡镇",
                "plan_year": "计划年度",
                "plan": "计划",
                "status": "落实情况",
                "matched_year": "对照年度",
                "matched_text": "次年最接近的成效",
                "score": "相似度",
            },
        )
