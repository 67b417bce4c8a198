"""One township at a glance (乡镇画像): its reports, done figures year by year, problems on the
register by year, plan follow-through, copying, and where it stands in its county per area.

Every part is read with the functions the other pages use (completeness, compare's done
figures, recurring, views.followthrough, county_brief.copied_passages, county_brief.area_coverage),
so the profile's figures are the other pages' figures for the same township and years.
:func:`profile_docx` writes it as a one-page Word document to print before a visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from analysis.brief import county_brief
from analysis.brief import document as word
from analysis.insights import completeness, views
from analysis.insights.compare import township_metrics
from analysis.problems import recurring
from analysis.storage.filters import ALL, Filters
from analysis.storage.store import frame

NEW, GONE = "新出现", "不再提及"
QUARTILES = ("前25%", "25%–50%", "50%–75%", "后25%")
MIN_QUARTILE_TOWNSHIPS = 4


def townships(con: duckdb.DuckDBPyConnection, filters: Filters = ALL) -> pd.DataFrame:
    """township, county, reports: every named township of the filtered reports (a name in two
    counties is two rows), by county then name."""
    where, params = filters.where()
    return frame(
        con,
        f"""SELECT township, county, CAST(count(*) AS BIGINT) AS reports FROM reports r
            WHERE {where} AND township IS NOT NULL GROUP BY township, county ORDER BY county NULLS LAST, township""",
        params,
    )


def scope(township: str, county: str | None, filters: Filters = ALL) -> Filters:
    """The filters of one township's profile: its reports (in its county) within the filters' years."""
    return Filters(year_range=filters.year_range, years=filters.years, townships=(township,), counties=(county,) if county else ())


def reports_by_year(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """year, file, issued, achievements, duty, problems, plans, other (the parts of a report,
    booleans), parts (how many of the four required: other is optional), missing_parts: the
    township's reports by year."""
    parts = completeness.report_parts(con, filters)
    where, params = filters.where()
    issued = frame(con, f"SELECT file, issued FROM reports r WHERE {where}", params)
    out = parts.merge(issued, on="file", how="left")
    out["parts"] = out[list(completeness.REQUIRED)].sum(axis=1).astype("int64")
    return (
        out[["year", "file", "issued", *completeness.PARTS, "parts", "missing_parts"]].sort_values(["year", "file"]).reset_index(drop=True)
    )


def indicators_by_year(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """year, metric, kind, unit, total, total_text, previous (the same figure the year before,
    empty when it gave none), change (total − previous), direction (上升 / 下降 / 持平, empty
    without a previous figure): each year's done figures exactly as
    :func:`analysis.insights.compare.township_metrics` reads them with that year chosen."""
    years = sorted(
        int(y)
        for y in frame(con, f"SELECT DISTINCT year FROM reports r WHERE {filters.where()[0]} AND year IS NOT NULL", filters.where()[1]).year
    )
    frames = [township_metrics(con, replace(filters, year_range=None, years=(y,))).assign(year=y) for y in years]
    columns = ["year", "metric", "kind", "unit", "total", "total_text"]
    if not any(len(f) for f in frames):
        return pd.DataFrame(columns=[*columns, "previous", "change", "direction"])
    df = pd.concat([f for f in frames if len(f)], ignore_index=True)[columns]
    before = df[["year", "metric", "unit", "total"]].assign(year=df.year + 1).rename(columns={"total": "previous"})
    df = df.merge(before, on=["year", "metric", "unit"], how="left")
    df["change"] = df.total - df.previous
    df["direction"] = [None if pd.isna(c) else "上升" if c > 0 else "下降" if c < 0 else "持平" for c in df.change]
    return df.sort_values(["metric", "unit", "year"]).reset_index(drop=True)


def _runs(years_by_cluster: pd.DataFrame) -> dict[tuple[int, int], int]:
    """(cluster, year) → how many consecutive report years up to that year raise the cluster."""
    runs: dict[tuple[int, int], int] = {}
    for cluster, year in sorted(years_by_cluster.itertuples(index=False, name=None)):
        runs[(cluster, year)] = runs.get((cluster, year - 1), 0) + 1
    return runs


def problems_by_year(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """year, label, mark, text, cluster: the township's problem items by year with their problem
    on the register, marked 新出现 (not raised the report year before), 连续N年 (raised N
    consecutive report years up to this one, as :func:`recurring.persistent_problems` counts
    runs) or empty (no report the year before); and a row 不再提及 for each problem raised the
    year before and not this year (its text: last year's wording)."""
    rows = recurring.problem_rows(con, filters)
    rows = rows[rows.year.notna()].astype({"year": "int64"})
    changes = recurring.problem_changes(con, filters)
    new = {(int(c), int(y)) for c, y, ch in zip(changes.cluster, changes.year, changes.change) if ch == NEW}
    runs = _runs(rows[["cluster", "year"]].drop_duplicates())
    marks = []
    for c, y in zip(rows.cluster, rows.year):
        run = runs[(int(c), int(y))]
        marks.append(f"连续{run}年" if run >= 2 else NEW if (int(c), int(y)) in new else "")
    raised = rows.assign(mark=marks)[["year", "label", "mark", "text", "cluster"]]
    gone = changes[changes.change == GONE][["year", "cluster", "label"]].astype({"year": "int64"})
    earlier = rows.assign(year=rows.year + 1)[["year", "cluster", "text"]]
    gone = gone.merge(earlier, on=["year", "cluster"], how="left").assign(mark=GONE)[["year", "label", "mark", "text", "cluster"]]
    out = pd.concat([raised, gone], ignore_index=True) if len(gone) else raised
    return out.sort_values(["year", "cluster", "mark"], kind="stable").reset_index(drop=True)


def plans(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """plan_year, plan, status, matched_year, matched_text, score: the township's plans and
    whether the next year's report follows them through (:func:`views.followthrough`), latest first."""
    df = views.followthrough(con, filters)
    return df.drop(columns=["township"]).sort_values("plan_year", ascending=False, kind="stable").reset_index(drop=True)


def copies(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """year, other_township, other_year, relation, shared_sentences, shared_chars, passage_chars (the longest
    run of consecutive shared sentences), shared_ratio, cosine: pairs of :func:`county_brief.copied_passages` over the township's county (or every report
    when its county is unknown) that involve one of its reports; the other side named."""
    town = filters.townships[0]
    county_scope = replace(filters, townships=())
    pairs = county_brief.copied_passages(con, county_scope)  # as the county brief counts copied text
    a = pairs[pairs.township_a == town].rename(columns={"year_a": "year", "township_b": "other_township", "year_b": "other_year"})
    b = pairs[(pairs.township_b == town) & (pairs.township_a != town)].rename(
        columns={"year_b": "year", "township_a": "other_township", "year_a": "other_year"}
    )
    columns = [
        "year",
        "other_township",
        "other_year",
        "relation",
        "shared_sentences",
        "shared_chars",
        "passage_chars",
        "shared_ratio",
        "cosine",
    ]
    return pd.concat([a[columns], b[columns]], ignore_index=True).sort_values("passage_chars", ascending=False).reset_index(drop=True)


def area_standing(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """area, achievements, rank, townships, quartile, county_median: the township's achievement
    paragraphs on each assessed area (:func:`county_brief.area_coverage` over its county) and
    its rank among the county's townships (1 = most; ties share the best rank), the quartile
    (前25% … 后25%; empty when the county has fewer than four townships or the township writes
    nothing on the area) and the county's median."""
    town = filters.townships[0]
    areas = county_brief.area_coverage(con, replace(filters, townships=()))
    columns = ["area", "achievements", "rank", "townships", "quartile", "county_median"]
    if town not in set(areas.township):
        return pd.DataFrame(columns=columns)
    areas["rank"] = areas.groupby("area").achievements.rank(method="min", ascending=False).astype("int64")
    n = areas.township.nunique()
    median = areas.groupby("area").achievements.median()
    mine = areas[areas.township == town].copy()
    mine["townships"] = n
    # a quartile among fewer than four townships, or of an area nobody writes about, says nothing
    mine["quartile"] = [
        QUARTILES[min(3, 4 * (r - 1) // n)] if n >= MIN_QUARTILE_TOWNSHIPS and a > 0 else None
        for r, a in zip(mine["rank"], mine.achievements)
    ]
    mine["county_median"] = mine.area.map(median)
    return mine[columns].reset_index(drop=True)


@dataclass(frozen=True)
class Profile:
    """A township's profile: each part as the function of the same name returns it."""

    township: str
    county: str | None
    reports: pd.DataFrame
    indicators: pd.DataFrame
    problems: pd.DataFrame
    plans: pd.DataFrame
    copies: pd.DataFrame
    areas: pd.DataFrame


def build_profile(con: duckdb.DuckDBPyConnection, *, township: str, county: str | None, filters: Filters = ALL) -> Profile:
    """Every part of ``township``'s profile (in ``county``, within the filters' years)."""
    s = scope(township, county, filters)
    return Profile(
        township,
        county,
        reports_by_year(con, s),
        indicators_by_year(con, s),
        problems_by_year(con, s),
        plans(con, s),
        copies(con, s),
        area_standing(con, s),
    )


# ---------------------------------------------------------------- the one-page Word document
DOCX_ROWS = 8  # rows of each table on the printed page


def summary_lines(p: Profile) -> list[str]:
    """The profile in a few sentences (the document's body; the page shows the same)."""
    lines = []
    years = sorted(int(y) for y in p.reports.year.dropna())
    lines.append(f"报告：{len(p.reports)} 份（{'、'.join(str(y) for y in years) or '年度未识别'}）。")
    incomplete = p.reports[p.reports.missing_parts != ""]
    if len(incomplete):
        lines.append("缺少规定内容：" + "；".join(f"{_year(r.year)}年缺{r.missing_parts}" for r in incomplete.itertuples()) + "。")
    persistent = p.problems[p.problems.mark.astype(str).str.startswith("连续")].drop_duplicates("label")
    if len(persistent):
        lines.append("连续多年提出的问题：" + "、".join(persistent.label) + "。")
    followed = p.plans[p.plans.status == "已落实"]
    judged = p.plans[p.plans.status.isin(["已落实", "部分落实", "未见落实"])]
    if len(judged):
        partial = int((judged.status == "部分落实").sum())
        lines.append(
            f"上年计划落实：{len(followed)} / {len(judged)} 条见于次年报告" + (f"，另有 {partial} 条部分落实" if partial else "") + "。"
        )
    cross = p.copies[p.copies.relation == "跨乡镇"]
    if len(cross):
        lines.append(f"与其他乡镇报告雷同：{len(cross)} 对，最长连续相同 {int(cross.passage_chars.max())} 字。")
    top = p.areas[p.areas.quartile == QUARTILES[0]]
    if len(top):
        lines.append("在本县居前 25% 的领域：" + "、".join(top.area) + "。")
    return lines


def _year(value: object) -> str:
    return "未知" if pd.isna(value) else str(int(value))


def profile_docx(p: Profile, *, now: dt.datetime | None = None) -> bytes:
    """The profile as a one-page .docx: title, summary lines, then short tables (indicators,
    problems, standing per area), each cut at :data:`DOCX_ROWS` rows."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Cm(2)
    word._styles(document)  # the brief's styles (仿宋 body, 黑体 headings), smaller for one page
    normal = document.styles["Normal"]
    normal.font.size, normal.paragraph_format.line_spacing = Pt(11), Pt(16)
    title = document.add_paragraph(f"{p.county or ''}{p.township} 法治政府建设报告画像", style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    stamp = document.add_paragraph(f"生成时间：{(now or dt.datetime.now()):%Y-%m-%d %H:%M}（据已入库报告自动生成，供走访前参考）")
    stamp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in summary_lines(p):
        document.add_paragraph(line)
    ind = p.indicators.sort_values("year", ascending=False).drop_duplicates(["metric", "unit"]).head(DOCX_ROWS)
    for heading, df, names in (
        (
            "最近一年的量化指标",
            ind[["year", "metric", "total_text", "unit", "previous", "direction"]],
            ["年度", "指标", "本年", "单位", "上年", "变化"],
        ),
        ("问题（按年度）", p.problems[["year", "label", "mark"]].tail(DOCX_ROWS), ["年度", "问题", "标记"]),
        (
            "在本县的位置（成效段落）",
            p.areas[["area", "achievements", "rank", "townships", "quartile"]],
            ["领域", "段落", "名次", "乡镇数", "位置"],
        ),
    ):
        word._table(document, heading, df, names)
    return word._bytes(document)
