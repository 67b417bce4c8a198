"""The county brief: the office's annual summary drafted from the stored reports.

:func:`build_brief` gathers every figure (from the same functions the dashboard pages use,
so the brief and the pages agree for the same filters); :func:`brief_docx` writes an
editable Word document in the plain official style: title, 一、二、三 headings, 仿宋 body with
fallbacks, page numbers, and an appendix with the tables and charts behind every figure.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import duckdb
import pandas as pd

from analysis.insights import completeness, similarity, views
from analysis.insights.compare import total_texts, township_metrics
from analysis.parse import gazetteer
from analysis.parse.metadata import GENERIC_TOWNSHIPS
from analysis.parse.structure import DATA_DIR
from analysis.parse.themes import THEMES_FILE
from analysis.problems import recurring
from analysis.storage import tables
from analysis.storage.filters import Filters

AREAS_ORDER = (
    "依法全面履行政府职能",
    "制度体系与规范性文件",
    "重大行政决策",
    "行政执法",
    "突发事件应对",
    "矛盾纠纷预防化解",
    "行政权力制约监督",
    "数字法治政府",
    "党的领导与第一责任人职责",
    "普法与法治社会",
    "基层法治",
)
TOP_PROBLEMS = 10


@dataclass(frozen=True)
class Brief:
    """Everything the brief states, as tables (each documented where it is built)."""

    counties: tuple[str, ...]
    year: int | None
    deadline: dt.date | None
    generated: dt.datetime
    reports: pd.DataFrame
    missing: pd.DataFrame  # county, township: gazetteer townships of the counties with no report for the year
    late: pd.DataFrame  # township, file, issued: signed after the deadline
    unsigned: pd.DataFrame  # township, file: no signing date found
    parts: pd.DataFrame  # completeness.report_parts
    areas: pd.DataFrame  # area, townships, silent, example
    indicators: pd.DataFrame  # area, metric, unit, total, approx, total_text, reports, top (done figures only)
    evidence: pd.DataFrame  # township, year, metric, value, unit, evidence (appendix)
    problems: pd.DataFrame  # recurring.recurring_table (top problems)
    persistent: pd.DataFrame  # recurring.persistent_problems
    gone: pd.DataFrame  # township, year, label: raised last year, not this year
    copies: pd.DataFrame  # similarity.copy_pairs
    unfollowed: pd.DataFrame  # township, plans, not_found
    suggestions: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.reports.empty


@lru_cache(maxsize=4)
def theme_areas(path=THEMES_FILE) -> dict[str, str]:
    """theme → assessed area (the ``area`` column of data/themes.csv)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {row["theme"]: (row.get("area") or "").strip() for row in csv.DictReader(fh)}


@lru_cache(maxsize=4)
def metric_areas(path=DATA_DIR / "metrics.csv") -> dict[str, str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {row["metric"]: (row.get("area") or "").strip() for row in csv.DictReader(fh)}


def brief_filters(counties: tuple[str, ...] = (), year: int | None = None) -> Filters:
    return Filters(counties=tuple(counties), years=(year,) if year else ())


def build_brief(
    con: duckdb.DuckDBPyConnection,
    *,
    counties: tuple[str, ...] = (),
    year: int | None = None,
    deadline: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Brief:
    """The brief for reports of ``counties`` (all when empty) on ``year`` (all when None).

    ``deadline`` defaults to 31 March of the year after ``year`` (reports are due in the
    first quarter and disclosed before 1 April)."""
    filters = brief_filters(counties, year)
    reports = tables.reports(con, filters)
    if deadline is None and year:
        deadline = dt.date(year + 1, 3, 31)
    issued = pd.to_datetime(reports.issued)
    late = reports[issued.notna() & (issued > pd.Timestamp(deadline))] if deadline else reports.iloc[:0]
    unsigned = reports[issued.isna()]
    parts = completeness.report_parts(con, filters)
    areas, evidence, indicators = _areas(con, filters, reports)
    problems = recurring.recurring_table(con, filters).head(TOP_PROBLEMS)
    persistent = recurring.persistent_problems(con, brief_filters(counties))
    changes = recurring.problem_changes(con, brief_filters(counties))
    gone = changes[(changes.change == "不再提及") & ((changes.year == year) if year else True)][["township", "year", "label"]]
    if year:
        persistent = persistent[persistent.years.str.contains(str(year))]
    copies = similarity.copy_pairs(con, filters)
    follow = views.followthrough_by_township(con, brief_filters(counties, year - 1 if year else None))
    brief = Brief(
        tuple(counties),
        year,
        deadline,
        now or dt.datetime.now(),
        reports,
        _missing(counties, reports, year),
        late[["township", "file", "issued"]].reset_index(drop=True),
        unsigned[["township", "file"]].reset_index(drop=True),
        parts,
        areas,
        indicators,
        evidence,
        problems,
        persistent.reset_index(drop=True),
        gone.reset_index(drop=True),
        copies,
        follow[follow.not_found > 0].reset_index(drop=True),
    )
    return replace(brief, suggestions=suggestions(brief))


def _missing(counties: tuple[str, ...], reports: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """county, township: the county's townships (gazetteer and data/gazetteer_extra.csv) with
    no report (for the year when one is chosen)."""
    if not counties:
        return pd.DataFrame(columns=["county", "township"])
    reported = set(reports.township.dropna())
    rows = sorted({(p.county, p.township) for places in gazetteer.load().townships.values() for p in places if p.county in counties})
    return pd.DataFrame([(c, t) for c, t in rows if t not in reported and t not in GENERIC_TOWNSHIPS], columns=["county", "township"])


def _areas(con, filters: Filters, reports: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per assessed area: which townships' achievements address it, a quoted example, which
    say nothing; the counted indicators of the area summed by metric with the top townships."""
    mapping = theme_areas()
    towns = sorted(set(reports.township.dropna()))
    ach = tables.items(con, filters, kind="achievement")
    tagged = _achievement_themes(con, filters)
    rows = []
    for area in AREAS_ORDER:
        themes = {t for t, a in mapping.items() if a == area}
        hits = tagged[tagged.theme.isin(themes)]
        doing = sorted(set(hits.township.dropna()))
        texts = ach.merge(hits[["report_id", "ord"]].drop_duplicates(), on=["report_id", "ord"]).text
        example = _example_sentence(texts, themes)
        rows.append((area, "、".join(doing), len(doing), "、".join(t for t in towns if t not in doing), example))
    areas = pd.DataFrame(rows, columns=["area", "townships", "n_townships", "silent", "example"])
    figures = township_metrics(con, filters)  # the done figures, as 乡镇对比 and its export show them
    figures = figures.assign(area=figures.metric.map(metric_areas()).fillna("").replace("", "其他"))
    summed = (
        figures.groupby(["area", "metric", "unit"])
        .agg(total=("total", "sum"), approx=("approx", "any"), reports=("reports", "sum"))
        .reset_index()
        .sort_values(["area", "total"], ascending=[True, False])
    )
    summed.insert(5, "total_text", total_texts(summed.total, summed.approx))
    tops = figures.sort_values("total", ascending=False, kind="stable")
    summed["top"] = [
        "、".join(f"{r.township}（{r.total_text}）" for r in tops[(tops.metric == m) & (tops.unit == u)].head(3).itertuples())
        for m, u in zip(summed.metric, summed.unit)
    ]
    evidence = tables.indicators(con, filters)
    evidence = evidence[(evidence.role == "done") & evidence.metric.isin(set(figures.metric))]
    return (
        areas,
        evidence[["township", "year", "metric", "value", "unit", "evidence"]].reset_index(drop=True),
        summed.reset_index(drop=True),
    )


def _example_sentence(texts: pd.Series, themes: set[str]) -> str:
    """A sentence that says what was done in the area: one naming the area's concepts,
    a counted one first (全年开展普法宣传12次), at most 80 characters."""
    from analysis.parse.sentences import split_sentences
    from analysis.parse.themes import taxonomy

    concepts = [c.pattern for c in taxonomy().concepts if c.theme in themes]
    found = [s for t in texts for s in split_sentences(t) if 8 <= len(s) <= 80 and any(p.search(s) for p in concepts)]
    counted = [s for s in found if any(ch.isdigit() for ch in s)]
    best = (counted or found or [""])[0]
    return best.rstrip("。；;，,")


def _achievement_themes(con, filters: Filters) -> pd.DataFrame:
    where, params = filters.where()
    return con.execute(
        f"""SELECT r.township, i.report_id, i.ord, unnest(i.themes) AS theme FROM items i JOIN reports r ON r.id = i.report_id
            WHERE i.kind = 'achievement' AND {where} ORDER BY r.township, i.report_id, i.ord""",
        params,
    ).df()


def area_coverage(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """township, area, achievements: achievement paragraphs per township on each assessed area
    (0 where its reports say nothing about the area; every area listed for every township)."""
    mapping = theme_areas()
    tagged = _achievement_themes(con, filters)
    tagged = tagged.assign(area=tagged.theme.map(mapping)).dropna(subset=["area", "township"])
    tagged = tagged[tagged.area != ""].drop_duplicates(["report_id", "ord", "area"])
    counts = tagged.groupby(["township", "area"]).size()
    towns = sorted(set(tables.report_index(con, filters).township.dropna()))
    rows = [(t, a, int(counts.get((t, a), 0))) for t in towns for a in AREAS_ORDER]
    return pd.DataFrame(rows, columns=["township", "area", "achievements"])


def suggestions(b: Brief) -> list[str]:
    """Draft recommendations from the findings, for the reviewer to edit."""
    out = []
    if len(b.missing):
        out.append(f"督促{len(b.missing)}个未报送乡镇（街道）补报年度法治政府建设情况报告。")
    if len(b.late):
        out.append(f"对{len(b.late)}份逾期报送的报告予以通报，明年起严格执行一季度报送、4月1日前公开的时限要求。")
    missing_parts = b.parts[b.parts.missing_parts != ""]
    if len(missing_parts):
        out.append(f"规范报告内容：{len(missing_parts)}份报告缺少规定的五项内容之一，请按要求补齐（特别是第一责任人履职情况）。")
    if len(b.persistent):
        towns = "、".join(sorted(set(b.persistent.township)))
        out.append(f"对连续两年以上提出同一问题的乡镇（{towns}）重点督促，要求说明整改措施和时限。")
    if len(b.problems) and int(b.problems.townships.iloc[0]) > 1:
        top = b.problems.iloc[0]
        out.append(f"针对“{top.label}”这一{int(top.townships)}个乡镇共同反映的问题，研究县级层面的统筹解决措施。")
    cross = b.copies[b.copies.relation == "跨乡镇"] if "relation" in b.copies else b.copies.iloc[:0]
    if len(cross):
        out.append(f"{len(cross)}对报告之间存在成段相同的文字，提醒相关乡镇如实撰写报告，避免照抄照搬。")
    if len(b.unfollowed):
        out.append(f"{len(b.unfollowed)}个乡镇上年计划中有未见落实的事项，纳入年度督查。")
    silent = b.areas[b.areas.n_townships == 0]
    if len(silent):
        out.append(f"各乡镇报告均未涉及“{'、'.join(silent.area)}”，请在明年报告中补充相关工作情况。")
    return out


def scope_of(filters: Filters) -> tuple[tuple[str, ...], int | None]:
    """(counties, year) of the dashboard's filters: the year when they cover exactly one."""
    years = filters.years or (tuple(range(filters.year_range[0], filters.year_range[1] + 1)) if filters.year_range else ())
    return tuple(filters.counties), (years[0] if len(years) == 1 else None)


def unreported_townships(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """county, township: townships of the filtered counties (gazetteer and
    data/gazetteer_extra.csv) with no stored report for the filtered year (any year when the
    filters cover several)."""
    counties, year = scope_of(filters)
    return _missing(counties, tables.reports(con, brief_filters(counties, year)), year)


def brief_for(con: duckdb.DuckDBPyConnection, filters: Filters) -> bytes:
    """The .docx brief for the dashboard's filters (counties, and the year when one is chosen)."""
    counties, year = scope_of(filters)
    return brief_docx(build_brief(con, counties=counties, year=year))


# ---------------------------------------------------------------- the Word document
BODY_FONT = "仿宋_GB2312"  # Word and WPS substitute 仿宋 / 宋体 where it is missing
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
LATIN_FONT = "Times New Roman"
CN_ORDINALS = "一二三四五六七八九十"


def brief_docx(b: Brief) -> bytes:
    """The brief as an editable .docx (official style, page numbers, appendix with tables and charts)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    _style_fonts(document, Pt)
    _page_numbers(section, WD_ALIGN_PARAGRAPH)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    _run(title, _title_text(b), TITLE_FONT, Pt(22))
    note = document.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.paragraph_format.first_line_indent = Pt(0)
    _run(note, _scope_text(b), BODY_FONT, Pt(12))
    if b.empty:
        document.add_paragraph("所选范围内没有已入库的报告：请调整区县或年度，或先导入报告。")
        return _bytes(document)
    for n, (heading, paragraphs) in enumerate(_sections(b)):
        _heading(document, f"{CN_ORDINALS[n]}、{heading}", Pt)
        for text in paragraphs:
            document.add_paragraph(text)
    _appendix(document, b, Pt, Cm)
    return _bytes(document)


def _title_text(b: Brief) -> str:
    where = "、".join(b.counties) if b.counties else "全部区县"
    when = f"{b.year}年度" if b.year else "各年度"
    return f"{where}{when}乡镇（街道）法治政府建设情况分析简报"


def _scope_text(b: Brief) -> str:
    parts = [
        f"范围：{'、'.join(b.counties) or '全部区县'}；{f'{b.year}年度' if b.year else '全部年度'}",
        f"报送截止日：{b.deadline.isoformat()}" if b.deadline else "",
        f"生成时间：{b.generated:%Y-%m-%d %H:%M}",
        "（由法治报告看板根据已入库报告自动生成，为草稿，请审核修改）",
    ]
    return "；".join(p for p in parts if p)


def _sections(b: Brief) -> list[tuple[str, list[str]]]:
    return [
        ("基本情况", _basics(b)),
        ("主要做法与成效", _areas_text(b)),
        ("存在的共性问题", _problems_text(b)),
        ("报告质量", _quality_text(b)),
        ("工作建议（草稿，供修改）", [f"{n}. {s}" for n, s in enumerate(b.suggestions, start=1)] or ["（未发现需要特别提出的事项。）"]),
    ]


def _basics(b: Brief) -> list[str]:
    towns = b.reports.township.dropna().nunique()
    years = "、".join(str(int(y)) for y in sorted(b.reports.year.dropna().unique()))
    out = [f"共收到报告{len(b.reports)}份，涉及乡镇（街道）{towns}个，报告年度{years or '未识别'}。"]
    if b.counties:
        if len(b.missing):
            out.append(f"未报送的乡镇（街道）{len(b.missing)}个：{'、'.join(b.missing.township)}（依据地名库所列乡镇，附表2）。")
        else:
            out.append("地名库所列乡镇（街道）均已报送。")
    if b.deadline:
        late = "、".join(f"{t}（{pd.Timestamp(i).date().isoformat()}）" for t, i in zip(b.late.township, b.late.issued))
        out.append(f"按{b.deadline.month}月{b.deadline.day}日截止，逾期报送{len(b.late)}份" + (f"：{late}" if late else "") + "。")
    if len(b.unsigned):
        out.append(f"{len(b.unsigned)}份报告未识别出成文日期，无法判断是否按时报送：{'、'.join(b.unsigned.township.fillna('乡镇未知'))}。")
    lacking = b.parts[b.parts.missing_parts != ""]
    out.append(
        f"规定的五项内容齐全的报告{len(b.parts) - len(lacking)}份，缺项的{len(lacking)}份"
        + (("：" + "；".join(f"{t or '乡镇未知'}缺{m}" for t, m in zip(lacking.township, lacking.missing_parts))) if len(lacking) else "")
        + "。"
    )
    return out


def _areas_text(b: Brief) -> list[str]:
    out = []
    for row in b.areas.itertuples(index=False):
        line = f"（{row.area}）"
        if row.n_townships:
            line += f"{row.n_townships}个乡镇的报告涉及此项工作"
            if row.example:
                line += f"，如：“{row.example}”"
            line += "。"
            sums = b.indicators[b.indicators.area == row.area]
            if len(sums):
                line += (
                    "量化指标："
                    + "；".join(f"{r.metric}合计{r.total_text}{r.unit}（最多：{r.top}）" for r in sums.head(4).itertuples())
                    + "（原句见附表5）。"
                )
        else:
            line += "各乡镇报告均未涉及。"
        if row.silent and row.n_townships:
            line += f"未涉及的乡镇：{row.silent}。"
        out.append(line)
    return out


def _problems_text(b: Brief) -> list[str]:
    out = []
    for n, row in enumerate(b.problems.itertuples(index=False), start=1):
        out.append(f"{n}. {row.label}：{int(row.townships)}个乡镇提出（{row.township_list}），如“{row.example.rstrip('。；;，,')}”。")
    if len(b.persistent):
        pairs = "；".join(f"{r.township}“{r.label}”（{r.years}）" for r in b.persistent.itertuples(index=False))
        out.append(f"连续两个年度以上提出同一问题：{pairs}。")
    if len(b.gone):
        pairs = "；".join(f"{r.township}“{r.label}”" for r in b.gone.itertuples(index=False))
        out.append(f"上年提出、本年不再提及的问题：{pairs}。")
    return out or ["所选报告中没有识别出问题条目。"]


def _quality_text(b: Brief) -> list[str]:
    out = []
    cross = b.copies[b.copies.relation == "跨乡镇"] if len(b.copies) else b.copies
    same = b.copies[b.copies.relation == "同乡镇"] if len(b.copies) else b.copies
    if len(cross):
        out.append(
            "乡镇之间成段相同的文字："
            + "；".join(f"{r.report_a}与{r.report_b}（{int(r.shared_chars)}字）" for r in cross.head(8).itertuples())
            + "。"
        )
    if len(same):
        out.append(
            "与本乡镇往年报告相同的文字："
            + "；".join(f"{r.report_a}与{r.report_b}（{int(r.shared_chars)}字）" for r in same.head(8).itertuples())
            + "。"
        )
    if len(b.unfollowed):
        out.append(
            "上年计划未见落实（次年报告中没有相应成效）："
            + "；".join(f"{r.township}{int(r.not_found)}项" for r in b.unfollowed.itertuples())
            + "。"
        )
    lacking = b.parts[b.parts.missing_parts != ""]
    if len(lacking):
        out.append(f"缺少规定内容的报告{len(lacking)}份（附表4）。")
    return out or ["未发现成段照抄、计划未落实或缺项的情况。"]


def _appendix(document, b: Brief, Pt, Cm) -> None:
    document.add_page_break()
    _heading(document, "附件", Pt)
    tables_ = [
        ("附表1 报告清单", b.reports[["township", "county", "year", "file", "issued"]], ["乡镇", "区县", "年度", "文件", "成文日期"]),
        ("附表2 未报送的乡镇（街道）", b.missing, ["区县", "乡镇"]),
        ("附表3 逾期报送", b.late, ["乡镇", "文件", "成文日期"]),
        ("附表4 五项规定内容", b.parts[["township", "year", "missing_parts"]], ["乡镇", "年度", "缺少"]),
        ("附表5 量化指标及原句", b.evidence, ["乡镇", "年度", "指标", "数值", "单位", "原句"]),
        ("附表6 共性问题", b.problems[["label", "townships", "reports", "township_list"]], ["问题", "乡镇数", "报告数", "乡镇"]),
        ("附表7 报告之间的相同文字", _copies_table(b.copies), ["报告甲", "报告乙", "关系", "相同字数"]),
    ]
    for caption, df, names in tables_:
        document.add_paragraph(caption)
        _table(document, df, names)
    for caption, png in _charts(b):
        document.add_paragraph(caption)
        document.add_picture(io.BytesIO(png), width=Cm(15))


def _copies_table(copies: pd.DataFrame) -> pd.DataFrame:
    if copies.empty:
        return pd.DataFrame(columns=["report_a", "report_b", "relation", "shared_chars"])
    return copies[["report_a", "report_b", "relation", "shared_chars"]]


def _table(document, df: pd.DataFrame, names: list[str]) -> None:
    """A grid table of ``df`` under the column ``names``, built as one XML fragment (python-docx
    adds cells one at a time: 26 s for the 16,000 rows of a 1,000-report appendix)."""
    from xml.sax.saxutils import escape

    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    if df.empty:
        document.add_paragraph("（无）")
        return

    widths = _column_widths(df, names)
    cell_props = '<w:pPr><w:ind w:firstLine="0"/><w:spacing w:line="260" w:lineRule="auto"/></w:pPr>'
    run_props = '<w:rPr><w:sz w:val="20"/></w:rPr>'  # 10 pt: tables in 五号-like size, not the body's 三号

    def row(values) -> str:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p>{cell_props}<w:r>{run_props}'
            f'<w:t xml:space="preserve">{escape(XML_UNSAFE.sub("", _cell(v)))}</w:t></w:r></w:p></w:tc>'
            for v, w in zip(values, widths)
        )
        return f"<w:tr>{cells}</w:tr>"

    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = row(names) + "".join(row(values) for values in df.itertuples(index=False))
    table = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
    )
    anchor = document.add_paragraph()
    anchor._p.addnext(table)


XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
TEXT_WIDTH_TWIPS = 8845  # A4 less the official margins (15.6 cm)


def _column_widths(df: pd.DataFrame, names: list[str]) -> list[int]:
    """Column widths in twips, by how long each column's text is (a sentence column gets the
    room, a year column little), summing to the text width."""
    weights = []
    for column, name in zip(df.columns, names):
        lengths = df[column].map(lambda v: len(_cell(v))).head(200)
        weights.append(min(max(float(lengths.mean()) if len(lengths) else 0.0, len(name) + 1, 3.0), 40.0))
    total = sum(weights)
    return [int(TEXT_WIDTH_TWIPS * w / total) for w in weights]


def _cell(value) -> str:
    return tables.cell_text(pd.Timestamp(value) if isinstance(value, dt.date) else value)


def _charts(b: Brief) -> list[tuple[str, bytes]]:
    """Three charts drawn with a CJK font the project's packages ship (mplfonts' Noto Sans CJK)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    from analysis.insights.cloud import cjk_font

    font = font_manager.FontProperties(fname=str(cjk_font()))
    charts = []
    problems = b.problems.head(10)
    if len(problems):
        charts.append(("图1 共性问题（提出的乡镇数）", _barh(plt, font, problems.label.tolist(), problems.townships.tolist(), "乡镇数")))
    counts = b.evidence.groupby("township").size().sort_values(ascending=False).head(15)
    if len(counts):
        charts.append(("图2 各乡镇报告中的量化指标数", _barh(plt, font, counts.index.tolist(), counts.tolist(), "指标条数")))
    covered = b.areas.n_townships.tolist()
    charts.append(("图3 各工作领域涉及的乡镇数", _barh(plt, font, b.areas.area.tolist(), covered, "乡镇数")))
    return charts


def _barh(plt, font, labels: list[str], values: list, xlabel: str) -> bytes:
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(labels) + 1), dpi=150)
    ax.barh(range(len(labels)), values, color="#4c72b0")
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels, fontproperties=font)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel, fontproperties=font)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def _style_fonts(document, Pt) -> None:
    from docx.oxml.ns import qn

    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(16)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    normal.paragraph_format.first_line_indent = Pt(32)
    normal.paragraph_format.line_spacing = Pt(28)


def _run(paragraph, text: str, font: str, size) -> None:
    from docx.oxml.ns import qn

    run = paragraph.add_run(text)
    run.font.name = LATIN_FONT
    run.font.size = size
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _heading(document, text: str, Pt) -> None:
    paragraph = document.add_paragraph()
    _run(paragraph, text, HEADING_FONT, Pt(16))


def _page_numbers(section, WD_ALIGN_PARAGRAPH) -> None:
    """ "— 3 —" centred in the footer (a PAGE field: Word and WPS fill it in)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
    paragraph.add_run(" —")


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
