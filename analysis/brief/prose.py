"""The brief's text, shaped like the report a county sends (法治政府建设与责任落实督察工作规定 第二十五条).

一、基本情况; 二、主要举措和成效 by assessed area （一）（二）…; 三、党政主要负责人履行推进法治建设第一责任人职责情况;
四、存在的不足和原因 (each common problem, the townships raising it, a quote, the causes they give);
五、下一年度工作安排 (the townships' plans by the common problems they answer, then by area). The quality of the
townships' reports (copying, plans not followed, missing parts) is 附件1, apart from the report (the twenty-first
reading: a section 六、报告质量 in the body is no part of a county's report).

A one-county year brief is the county's own report: 「关于某县2023年度乡镇（街道）法治政府建设情况的报告」 with its
addressee (主送机关), an opening sentence, the annexes named (附件说明), the sender (落款) and the date (成文日期), as
GB/T 9704 lays them out; over several counties or years it stays an analysis (分析简报) without them.
Each part is a list of :data:`Block` (level, text): level 1 and 2 are headings 一、 and （一）, 0 a paragraph;
:data:`ADDRESSEE`, :data:`ANNEX_NOTE` and :data:`SIGNATURE` the official lines around the body.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis.parse.structure import DATA_DIR

if TYPE_CHECKING:
    from analysis.brief.county_brief import Brief

Block = tuple[int, str]
ADDRESSEE = -1  # 「某县人民政府：」 flush left, before the body
SIGNATURE = -2  # 落款 and 成文日期, right
ANNEX_NOTE = -3  # 附件说明: 「附件：1.…」 and its next lines aligned under the first item (1. not 1．: LibreOffice printed 「1·」)
ANNEXES = ("乡镇（街道）年度报告质量情况", "附表和图")
PROBLEM_AREAS = DATA_DIR / "problem_areas.csv"
CN = "一二三四五六七八九十"
MAX_PLANS = 4  # plans quoted per group of 五、; the rest are counted
MAX_DUTY_TOWNSHIPS = 8
MAX_METRICS = 6  # metrics summed per area in 二、 (the rest in 附表5)
MAX_NAMED = 5  # townships reporting an area named in its line (a count alone beyond)
MAX_UNFOLLOWED = 6  # unfollowed plans named in 附件1 (all of them in 附表8)
NOT_NAMED = "未提及"  # 附表8's 次年报告所说 of a plan the next report names nothing of


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (公文 numbering)."""
    if n <= 10:
        return CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens - 1]) + "十" + (CN[ones - 1] if ones else "")


def official(b: Brief) -> bool:
    """A year brief of one county: the county's own report (addressee, sender, date), not an analysis."""
    return bool(b.year) and len(b.counties) == 1 and not b.empty


def report_title(county: str, year: int) -> str:
    """The title of a one-county year brief, the county's report (also the name of the file the page offers)."""
    return f"关于{county}{year}年度乡镇（街道）法治政府建设情况的报告"


def title(b: Brief) -> str:
    if official(b):
        return report_title(b.counties[0], b.year)
    where = "、".join(b.counties) if b.counties else "全部区县"
    return f"{where}{_span(b)}乡镇（街道）法治政府建设情况分析简报"


def addressee(b: Brief) -> str:
    """The 主送机关: as given, or the county's government (the office reports the townships' work to it)."""
    return _one_line(b.addressee) or f"{b.counties[0]}人民政府"


def sender(b: Brief) -> str:
    """The 落款: as given, or the county's 司法局 (where the 依法治县办 sits and the townships' reports arrive)."""
    return _one_line(b.sender) or f"{b.counties[0]}司法局"


def _one_line(text: str) -> str:
    """A name typed in the page or given to the CLI, without control characters (they cannot go into Word's XML)."""
    return "".join(ch for ch in text if ch >= " ").strip()


def official_date(day) -> str:
    """「2024年1月12日」: the 成文日期 in Arabic figures, no leading zeros (GB/T 9704-2012, 7.3.5.1)."""
    return f"{day.year}年{day.month}月{day.day}日"


UNDATED = "　　年　　月　　日"  # left for the office to fill in


def signing_date(b: Brief) -> str:
    """The 成文日期 under the signature: the date given; else the day the brief was made, while the year's report is still
    due (by its deadline, 31 March of the next year unless set); after that, blanks for the office to fill in — a draft
    made in December 2026 for 2024 is not signed that day (reading 23: 「2026年12月8日」 under a 2024 report)."""
    if b.signed:
        return official_date(b.signed)
    due = b.deadline or (dt.date(b.year + 1, 3, 31) if b.year else None)
    return UNDATED if due and b.generated.date() > due else official_date(b.generated)


def _span(b: Brief) -> str:
    """「2023年度」, over several years 「2022—2024年度」 (reading 20: 「各年度」 named none), 「各年度」 with no report."""
    if b.year:
        return f"{b.year}年度"
    years = b.years
    if not years:
        return "各年度"
    return f"{years[0]}年度" if len(years) == 1 else f"{years[0]}—{years[-1]}年度"


def properties(b: Brief) -> dict[str, str]:
    """The document's core properties: where the generation metadata goes (not the body)."""
    scope = f"范围：{'、'.join(b.counties) or '全部区县'}；{f'{b.year}年度' if b.year else '全部年度'}"
    deadline = f"；报送截止日：{b.deadline.isoformat()}" if b.deadline else ""
    if b.year:  # the one place a year brief reads another year: said where it does (「对照…年度报告」)
        deadline += f"；上年计划落实情况、连续提出和不再提及的问题对照{b.year - 1}年度报告，引用处注明"
    if len(b.missing):  # the office's caveat, not the report's words
        deadline += "；未报送名单依据地名库所列乡镇、街道，地名库可能未反映近年的区划调整，督促前请以现行区划和收文登记核对"
    if len(b.unplaced):
        deadline += f"；未写明区县的报告（{'、'.join(b.unplaced.file)}）请在「报告阅读」中核定其所属区县后重新生成"
    return {
        "title": title(b),
        "subject": scope,
        "author": "法治报告看板",
        "keywords": "法治政府建设；乡镇报告；" + ("年度报告" if official(b) else "分析简报"),
        "comments": f"{scope}{deadline}；生成时间：{b.generated:%Y-%m-%d %H:%M}；由法治报告看板根据已入库报告自动生成，请审核修改。",
        "category": "草稿",
    }


def blocks(b: Brief) -> list[Block]:
    if b.empty:
        return [(0, "所选范围内没有已入库的报告：请调整区县或年度，或先导入报告。")]
    parts = [
        ("基本情况", _basics(b)),
        ("主要举措和成效", _areas(b)),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", _duty(b)),
        ("存在的不足和原因", _problems(b)),
        ("下一年度工作安排", _plans(b)),
    ]
    out: list[Block] = []
    if official(b):
        out += [
            (ADDRESSEE, f"{addressee(b)}："),
            (
                0,
                f"根据《法治政府建设与责任落实督察工作规定》和年度报告工作要求，现将全{_county_word(b)}各乡镇（街道）"
                f"{b.year}年度法治政府建设情况报告如下。",
            ),
        ]
    for n, (heading, body) in enumerate(parts, start=1):
        out.append((1, f"{cn_number(n)}、{heading}"))
        out += body
    if official(b):
        out += [(ANNEX_NOTE, f"附件：{n}.{name}") if n == 1 else (ANNEX_NOTE, f"{n}.{name}") for n, name in enumerate(ANNEXES, 1)]
        out += [(SIGNATURE, sender(b)), (SIGNATURE, signing_date(b))]
    return out


def annex(b: Brief) -> list[Block]:
    """附件1: the quality of the townships' reports, which the office may send them as a 通报."""
    return [] if b.empty else _quality(b)


def _who(township: str | None, year, b: Brief | None) -> str:
    """The attribution of a quote: the township, and its year in a multi-year brief (always without ``b``)."""
    name = township or "乡镇未知"
    return name if (b is not None and b.year) or year is None or pd.isna(year) else f"{name}{int(year)}年"


def _basics(b: Brief) -> list[Block]:
    towns = len(b.townships)
    years = "、".join(str(y) for y in b.years)
    out = [f"共收到报告{len(b.reports)}份，涉及乡镇（街道）{towns}个，报告年度{years or '未识别'}。"]
    if not b.year and len(b.years) > 1:  # several years: what each year holds
        dated = b.reports.dropna(subset=["year"])
        out[0] += (
            "其中"
            + "；".join(
                f"{int(y)}年度{len(g)}份（{'、'.join(sorted(set(g.township.dropna())))}）" for y, g in dated.groupby("year", sort=True)
            )
            + "。"
        )
    if b.counties and most_missing(b):  # the brief's first fact: most townships sent nothing
        total = towns + len(b.missing)
        when = "本年度" if b.year else "各年度均"
        out.insert(
            0,
            f"报送情况最为突出的问题：{'、'.join(b.counties)}{total}个乡镇（街道）中只有{towns}个报送了报告，"
            f"{len(b.missing)}个{when}未报送，报告所反映的情况不能代表全{_county_word(b)}。未报送的乡镇（街道）名单如下。",
        )
    if b.counties:
        never = "各年度均" if not b.year else ""
        if len(b.missing):
            named = f"{never}未报送的乡镇（街道）{len(b.missing)}个：{'、'.join(b.missing.township)}（附表2）。"
            out.insert(1 if most_missing(b) else len(out), named)  # right under the first fact when most are missing
        else:
            out.append(f"地名库所列乡镇（街道）{'每年至少报送一次' if never else '均已报送'}。")
        if len(b.missing_years):
            some = "；".join(f"{y}年度：{'、'.join(g.township)}" for y, g in b.missing_years.groupby("year", sort=True))
            out.append(f"部分年度未报送的：{some}（附表2）。")
        if len(b.unplaced):
            which = "、".join(f"{t}{f'{int(y)}年度' if pd.notna(y) else ''}" for t, y in zip(b.unplaced.township, b.unplaced.year))
            out.append(
                f"另收到{len(b.unplaced)}份报告，乡镇名在本区县，但同名乡镇不止一个、报告未写明区县，未计入：{which}"
                "（上列未报送名单可能因此包含已报送的乡镇）。"
            )
    if b.deadline:
        late = "、".join(f"{t}（{_day_or_month(i, m)}）" for t, i, m in zip(b.late.township, b.late.issued, _months(b.late)))
        out.append(f"按{b.deadline.month}月{b.deadline.day}日截止，逾期报送{len(b.late)}份" + (f"：{late}" if late else "") + "。")
    if len(b.unsigned):
        names = b.unsigned.township.fillna("乡镇未知")
        if not b.year:  # (several years: 「西递镇、西递镇」 said nothing, reading 20)
            names = names + b.unsigned.year.map(lambda y: f"（{int(y)}年）" if pd.notna(y) else "")
        out.append(f"{len(b.unsigned)}份报告未识别出成文日期，无法判断是否按时报送：{'、'.join(names)}。")
    lacking = b.parts[b.parts.missing_parts != ""]
    out.append(f"规定内容齐全的报告{len(b.parts) - len(lacking)}份，缺项的{len(lacking)}份（附表4）。")
    return [(0, t) for t in out]


def most_missing(b: Brief) -> bool:
    """More of the county's townships sent no report than sent one (江山市: 17 of 19)."""
    return len(b.missing) > len(b.townships)


def _county_word(b: Brief) -> str:
    """市, 县, 区 or 旗 of the brief's one county (「全市」), 区县 for several."""
    ends = {c[-1] for c in b.counties}
    return ends.pop() if len(ends) == 1 and ends <= set("市县区旗") else "区县"


def _areas(b: Brief) -> list[Block]:
    out: list[Block] = [(0, note)] if (note := _changing_townships(b)) else []
    n = 0
    for row in b.areas[b.areas.n_townships > 0].itertuples(index=False):
        n += 1
        out.append((2, f"（{cn_number(n)}）{row.area}"))
        sums = metric_lines(b.indicators[b.indicators.area == row.area])
        line = _who_reported(row.townships, row.n_townships)
        if row.example:
            line += f"，如{_who(row.example_township, row.example_year, b)}：“{row.example}”"
        line += "。"
        if sums:
            line += "".join(sums[:MAX_METRICS]).removesuffix("。") + "（附表5）。"
        if row.silent:
            line += f"未报告此项工作的：{row.silent}。"
        out.append((0, line))
    silent = b.areas[b.areas.n_townships == 0]
    if len(silent):
        out.append((0, f"各乡镇（街道）报告的主要举措和成效均未涉及{'、'.join(silent.area)}方面的工作（存在的问题中提及的不计）。"))
    return out


def _changing_townships(b: Brief) -> str:
    """Over several years, when the townships reporting differ from year to year, a sentence saying so: each year's
    totals add up different townships, so they are no trend (沂南县 reading: 「普法活动 183 → 161余」 read as a fall)."""
    if b.year or "year" not in b.reports or b.reports.empty:
        return ""
    by_year = b.reports.dropna(subset=["year", "township"]).groupby("year").township.agg(lambda t: tuple(sorted(set(t))))
    if by_year.nunique() <= 1:
        return ""
    said = "；".join(f"{int(y)}年：{'、'.join(t)}" for y, t in by_year.items())
    return f"各年度报送报告的乡镇（街道）不同（{said}），下列逐年合计所含乡镇不同，不宜直接比较增减。"


def _who_reported(townships: str, n: int) -> str:
    """Which townships report an area's work, named when few: 「南义镇报告了此项工作」,
    「2个乡镇（街道）报告了此项工作（南义镇、夏畈镇）」; a count alone beyond :data:`MAX_NAMED`."""
    if n == 1:
        return f"{townships}报告了此项工作"
    return f"{n}个乡镇（街道）报告了此项工作" + (f"（{townships}）" if n <= MAX_NAMED else "")


def metric_lines(sums: pd.DataFrame) -> list[str]:
    """One sentence per metric, its totals in each unit together (a 份 and a 件 cannot be
    added): 「合法性审查按单位分别合计35份、28件（佟二堡镇35份，万宝桥街道28件）。」; a metric of one
    township is that township's figure, not a 合计 (「法律援助：海城镇7件。」); over several years,
    each year on its own (「集中学法：2022年合计10次（…）；2023年龙舟坪镇3次。」). ``sums``: rows of
    Brief.indicators (metric, unit, year, total_text, townships, top), in the order to show."""
    out = []
    for metric, rows in sums.groupby("metric", sort=False):
        years = list(dict.fromkeys(rows.year)) if "year" in rows else [0]
        stock = "kind" in rows and (rows.kind == "stock").all()
        said = []
        for year in years:
            units = rows[rows.year == year] if "year" in rows else rows
            said.append((f"{int(year)}年" if year else "") + (_stock_total(units) if stock else _metric_total(units)))
        if stock:  # what the townships have, never added up (井冈山市/岷县 review: 「法律明白人合计511名」); not said to be the
            # standing level either: 「培育“法律明白人”88名」 may be the year's (洋县 reading 23)
            out.append(f"{metric}（存量指标，按乡镇分列，不作合计）：{'；'.join(said)}。")
            continue
        sep = "：" if len(years) > 1 or not said[0].startswith(("合计", "按单位")) else ""
        out.append(f"{metric}{sep}{'；'.join(said)}。")
    return out


def _stock_total(units: pd.DataFrame) -> str:
    """A standing count by township, never added up: 「梅川镇326名，中寨镇185名」."""
    return units.top.iloc[0] or _totals(units)


def _metric_total(units: pd.DataFrame) -> str:
    """「合计35份、28件（佟二堡镇35份，万宝桥街道28件）」, or the one township's figure 「海城镇7件」."""
    top = units.top.iloc[0]
    if "townships" in units and int(units.townships.iloc[0]) == 1 and top:
        return top
    # (several units cannot be added: each is summed on its own, and the line says so — 沂南县 reading: 「领导接访合计76批次、12次」)
    return ("按单位分别合计" if len(units) > 1 else "合计") + _totals(units) + (f"（{top}）" if top else "")


def _totals(units: pd.DataFrame) -> str:
    """Each unit's total as written, 、 between them: 「35份、28件」."""
    return "、".join(t if t.endswith(u) else f"{t}{u}" for t, u in zip(units.total_text, units.unit))


def _duty(b: Brief) -> list[Block]:
    """The duty where the reports describe it: in a section of its own or in the body
    (:func:`completeness.report_parts`' duty), the body-only townships named; each township's
    sentences of every year in scope (述法 among them), one paragraph per township and year."""
    towns = b.townships
    with_duty = set(b.parts[b.parts.duty.astype(bool)].township.dropna()) if "duty" in b.parts else set()
    lacking = [t for t in towns if t not in with_duty]
    in_body = _body_only(b, with_duty)
    reported = len(towns) - len(lacking)
    out = [
        f"{reported}个乡镇（街道）报告了党政主要负责人履行推进法治建设第一责任人职责情况"
        if reported
        else "各乡镇（街道）报告均未报告第一责任人职责情况"
    ]
    if in_body and reported:
        unit = "个" if b.year else "份报告"  # over several years a township may have had the part one year and not the next
        out[0] += f"，其中{len(in_body)}{unit}写在正文中、未设专门部分（{'、'.join(in_body)}）"
    if lacking and reported:
        out[0] += f"；{len(lacking)}个未报告（{'、'.join(lacking)}）"
    if reported and not b.year and "duty" in b.parts:  # a year without it of a township that reported it another year
        gaps = b.parts[~b.parts.duty.astype(bool) & b.parts.township.isin(with_duty)].dropna(subset=["township", "year"])
        if len(gaps):
            out[0] += "；" + "、".join(f"{t}{int(y)}年" for t, y in zip(gaps.township, gaps.year)) + "的报告未报告此项"
    out[0] += "。"
    if reported and len(b.shuofa):
        out.append(_shuofa_line(b))
    shown = b.duty[b.duty.township.isin(sorted(set(b.duty.township))[:MAX_DUTY_TOWNSHIPS])] if len(b.duty) else b.duty
    for (township, year), group in shown.groupby(["township", "year"], sort=True, dropna=False) if len(shown) else []:
        said = "；".join(f"“{s}”" for s in group.sentence)
        where = "（摘自正文）" if (group.source == "正文").all() else ""
        out.append(f"{_who(township, year, b)}{where}：{said}。")
    if len(b.duty) == 0:
        out.append("各报告中未找到主要负责人履职的具体表述。")
    return [(0, t) for t in out]


def _body_only(b: Brief, with_duty: set[str]) -> list[str]:
    """The reports whose duty is only in the body (every sentence quoted from it 正文): the townships in a
    year's brief, 「永平镇2022年」 each report in a multi-year one (铅山县 review: 「永平镇、鹅湖镇」 for two
    reports of six)."""
    if not len(b.duty):
        return []
    body = b.duty.groupby(["township", "year"], dropna=False).source.agg(lambda s: bool((s == "正文").all()))
    found = [(t, y) for (t, y), only in body.items() if only and t in with_duty]
    if b.year:
        return sorted({t for t, _ in found})
    return [f"{t}{int(y)}年" if pd.notna(y) else t for t, y in sorted(found, key=lambda k: (k[0], -1 if pd.isna(k[1]) else k[1]))]


def _shuofa_line(b: Brief) -> str:
    """Who reported the leaders' 述法 and whose reports do not mention it (a required check of the
    duty): 「述法：东上乡、拿山镇报告了主要负责人述法；厦坪镇的报告未提及述法。」, the years of each
    township in a multi-year brief."""

    def named(rows: pd.DataFrame) -> str:
        if b.year:
            return "、".join(dict.fromkeys(rows.township))
        return "、".join(f"{t}（{'、'.join(str(y) for y in g.year.dropna())}）" for t, g in rows.groupby("township", sort=True))

    said, silent = b.shuofa[b.shuofa.said], b.shuofa[~b.shuofa.said]
    if said.empty:
        return "述法：各报告均未提及主要负责人述法情况，建议在报告中补充。"
    line = f"述法：{named(said)}报告了主要负责人述法"
    return line + (f"；{named(silent)}的报告未提及述法。" if len(silent) else "。")


def _problems(b: Brief) -> list[Block]:
    """Every problem raised in scope: those raised by ``b.section_min`` townships or more each
    under a heading （一）（二）…, the rest listed by township after them (the text says which);
    then those raised in consecutive years and no longer raised. Problem names are the
    register's, printed without quotation marks (quotation marks are for the reports' words)."""
    out: list[Block] = []
    n_other = b.other_problems.cluster.nunique() if len(b.other_problems) else 0
    if len(b.problems) or n_other:
        out.append((0, _problems_lead(b, n_other)))
    first = 1
    if len(b.lawsuits):
        out += _lawsuits(b)
        first = 2
    for n, row in enumerate(b.problems.itertuples(index=False), start=first):
        out.append((2, f"（{cn_number(n)}）{row.label}"))
        years = getattr(row, "township_years", "")  # several years: 甲镇（2022—2024年）、乙乡（2023年）
        line = (
            f"{int(row.townships)}个乡镇（街道）提出：{years}"
            if years
            else f"{int(row.townships)}个乡镇（街道）提出（{row.township_list}）"
        )
        if row.quote:
            line += f"，如{_who(row.quote_township, row.quote_year, b)}：“{row.quote}”"
        line += "。"
        causes = b.causes[b.causes.cluster == row.cluster] if len(b.causes) else b.causes
        line += cause_line(causes, row.township_list.split("、"), b)
        out.append((0, line))
    if n_other:
        heading = f"（{cn_number(len(b.problems) + first)}）其他问题" if len(b.problems) or first > 1 else None
        by_town = "；".join(
            f"{township}：" + "、".join(r.name + ("" if b.year else f"（{r.years}）") for r in group.itertuples())
            for township, group in b.other_problems.groupby("township", sort=True)
        )
        out += ([(2, heading)] if heading else []) + [(0, f"{by_town}。{_other_causes(b)}")]
    if len(b.persistent):
        by_problem = b.persistent.groupby("label", sort=False)
        said = "；".join(f"{label}：" + "、".join(f"{r.township}（{r.years}）" for r in rows.itertuples()) for label, rows in by_problem)
        out.append((0, f"{_against_last_year(b)}连续两个年度以上提出同一问题的：{said}。"))
    if len(b.gone):
        gone = b.gone.assign(
            said=[r.label if b.year else f"{r.label}（{int(r.year) - 1}年提出，{int(r.year)}年未提及）" for r in b.gone.itertuples()]
        )
        pairs = "；".join(f"{t}：{'、'.join(g.said)}" for t, g in gone.groupby("township", sort=False))
        out.append((0, f"{_against_last_year(b)}上年提出、本年不再提及的问题：{pairs}。"))
    return out or [(0, "所选报告中没有识别出问题条目。")]


def _lawsuits(b: Brief) -> list[Block]:
    """The lost administrative lawsuits, first in 四、 as the 督察重点 they are (never 其他问题)."""
    said = "；".join(f"{_who(r.township, r.year, b)}：“{r.quote}”" for r in b.lawsuits.itertuples())
    towns = list(dict.fromkeys(b.lawsuits.township))
    given = b.lawsuits[b.lawsuits.cause != ""]
    why = "；".join(f"{''.join(f'“{c}”' for c in r.cause.split('；'))}（{_who(r.township, r.year, b)}）" for r in given.itertuples())
    silent = [t for t in towns if t not in set(given.township)]
    line = f"{len(towns)}个乡镇（街道）报告行政诉讼案件败诉，如{said}。"
    line += (f"原因：{why}。" if why else "") + (f"{'、'.join(silent)}未单独分析原因。" if silent else "")
    line += "行政机关败诉是法治政府建设督察的重点事项，应逐案分析败诉原因，明确整改措施和时限。"
    return [(2, "（一）行政诉讼败诉（督察重点）"), (0, line)]


def unquoted(name: str) -> str:
    """A problem's name without the quotation marks that show it is a township's words (「“历史欠款清偿进度偏慢”」): where
    the brief refers to the problem, the marks read as a quote giving nothing but the name (reading 23)."""
    return name[1:-1] if len(name) > 2 and name[0] == "“" and name[-1] == "”" and "“" not in name[1:-1] else name


def _other_causes(b: Brief) -> str:
    """The causes given for the problems of 其他问题, each after its problem's name:
    「其中说明原因的：执法力量不足——“执法人员编制有限……”（军店镇2023年）。」 ("" when none)."""
    if not len(b.other_causes):
        return ""
    names = dict(zip(b.other_problems.cluster, b.other_problems.label))
    said = "；".join(
        f"{unquoted(names.get(cluster, ''))}——"
        + "；".join(f"“{r.cause}”（{_who(r.township, r.year, b)}{_remedied(r)}）" for r in group.itertuples())
        for cluster, group in b.other_causes.groupby("cluster", sort=False)
    )
    return f"其中说明原因的：{said}。"


def cause_line(causes: pd.DataFrame, townships: list[str], b: Brief | None) -> str:
    """The causes the townships give for one problem (``causes``: township, year, cause), each
    quoted from the item that gives it and attributed, then which of ``townships`` give none:
    「原因：“编制受限”“人少事多”（甲镇）。乙乡未单独分析原因。」, or 「各乡镇（街道）均未单独分析原因。」
    only when no item of the problem states one."""
    silent = [t for t in townships if not len(causes) or t not in set(causes.township)]
    general = _general_causes(silent, b)
    if not len(causes):
        if general:
            return general
        return "报告未单独分析原因。" if len(townships) == 1 else "各乡镇（街道）均未单独分析原因。"
    by_town = causes.groupby(["township", "year"], sort=False, dropna=False)
    line = "原因：" + "；".join(f"{''.join(f'“{c}”' for c in g.cause)}（{_who(t, y, b)}{_remedied(g)}）" for (t, y), g in by_town) + "。"
    given = set(b.general_causes.township) if b is not None and len(b.general_causes) else set()
    silent = [t for t in silent if t not in given]
    return line + general + (f"{'、'.join(silent)}未单独分析原因。" if silent else "")


def _general_causes(townships: list[str], b: Brief | None) -> str:
    """「牛街乡未逐条说明原因，其报告的原因分析为：“…”（2023年）。」 for those of ``townships`` whose reports give
    their problems' causes together (:func:`quotes.general_causes`), "" when none does."""
    if b is None or not len(b.general_causes):
        return ""
    found = b.general_causes[b.general_causes.township.isin(townships)]
    said = [
        f"{t}未逐条说明原因，其报告的原因分析为：" + "；".join(f"“{r.cause}”（{_who(t, r.year, b)}）" for r in g.itertuples())
        for t, g in found.groupby("township", sort=False)
    ]
    return "".join(f"{line}。" for line in said)


def _remedied(said) -> str:
    """「，次年报告已见相应举措」 after the attribution of a cause the township's next report in
    the scope says is addressed (``said``: a row or the rows of one township and year, with
    ``remedied`` when known)."""
    flag = getattr(said, "remedied", False)
    flag = bool(flag.all()) if isinstance(flag, pd.Series) else bool(flag) and not pd.isna(flag)
    return "，次年报告已见相应举措" if flag else ""


def _problems_lead(b: Brief, n_other: int) -> str:
    """Which problems 四、 shows: all of them, those of section_min townships or more one by one,
    a lost lawsuit first (:func:`_lawsuits`)."""
    lead = _problems_count(b, n_other)
    return lead + ("行政诉讼败诉作为督察重点列在最前。" if len(b.lawsuits) else "")


def _problems_count(b: Brief, n_other: int) -> str:
    total = len(b.problems) + n_other + (1 if len(b.lawsuits) else 0)
    if not n_other:
        return f"各乡镇（街道）报告共提出{total}个方面的问题，以下逐一列出。"
    few = "1个" if b.section_min == 2 else f"{b.section_min - 1}个及以下"
    if not len(b.problems):
        return f"各乡镇（街道）报告共提出{total}个方面的问题，均只有{few}乡镇（街道）提出，按乡镇（街道）列出如下。"
    return (
        f"各乡镇（街道）报告共提出{total}个方面的问题。{b.section_min}个及以上乡镇（街道）提出的{len(b.problems)}个逐一列出；"
        f"其余{n_other}个只有{few}乡镇（街道）提出，按乡镇（街道）列在最后。"
    )


def _plans(b: Brief) -> list[Block]:
    """The townships' plans by assessed area （一）（二）… (the twenty-first reading: a part for each problem answered
    made 21 parts for three townships), in 二、's order, then 其他工作. Within an area, first the plans answering a
    problem — a register problem of 四、 in its order, then other problems raised in scope, most townships first — each
    problem a paragraph 「针对…问题，…」, then the area's other plans. A plan answering a register problem sits in that
    problem's area (data/problem_areas.csv: 加强队伍建设 answering 法治专业人才缺乏 is not 党的领导 by its word 队伍,
    瑞昌市/房县 review); one answering a problem outside the register by the topic they share (电信诈骗, 留守儿童: an
    emerging problem's cluster may hold several topics), and one answering none, in the plan's own area."""
    if b.plans.empty:
        return [(0, "所选报告中没有识别出下一年度工作计划。")]
    plans = b.plans.assign(register=b.plans.register.astype(bool))
    areas = problem_areas()
    plans = plans.assign(
        group=[(areas.get(p, "") if reg else "") or a or "其他工作" for p, reg, a in zip(plans.problem, plans.register, plans.area)]
    )
    order = {a: n for n, a in enumerate(dict.fromkeys([*b.areas.area, *areas.values()]))}
    rank = {label: n for n, label in enumerate(b.problems.label)}
    answered = plans[plans.problem != ""]
    spread = answered.groupby(["problem", "register"]).township.nunique()
    out: list[Block] = []
    if not b.year and len(b.years) > 1:  # several years: only the latest report's plans are next year's work
        latest = "；".join(f"{int(y)}年度报告（{'、'.join(sorted(set(g.township)))}）" for y, g in plans.groupby("year", sort=True))
        out.append((0, f"以下为各乡镇（街道）最近一个年度报告提出的下一年度工作计划：{latest}；以前年度计划的落实情况见附件1。"))
    groups = sorted(set(plans.group), key=lambda a: (a == "其他工作", order.get(a, len(order)), a))
    for n, area in enumerate(groups, start=1):
        out.append((2, f"（{cn_number(n)}）{area}"))
        here = plans[plans.group == area]
        problems = sorted(
            {(p, r) for p, r in zip(here.problem, here.register) if p},
            key=lambda pr: (pr[0] not in rank or not pr[1], rank.get(pr[0], 0), -spread.get(pr, 0), pr[0]),
        )
        for problem, register in problems:
            group = here[(here.problem == problem) & (here.register == register)]
            # (a problem named by a township's words is referred to, not quoted again: 「针对“旅游市场秩序仍需规范”问题」 read
            # as a quote that gives only the name, reading 23)
            bare = unquoted(problem)
            named = f"针对{problem}问题" if register else f"针对{bare}的问题" if bare != problem else f"针对{problem}方面的问题"
            out.append((0, f"{named}，各乡镇（街道）计划：{_plan_list(group, b)}。"))
        rest = here[here.problem == ""]
        if len(rest):
            out.append((0, f"{'其他计划' if problems else '各乡镇（街道）计划'}：{_plan_list(rest, b)}。"))
    return out


def _plan_list(group: pd.DataFrame, b: Brief) -> str:
    """「A（甲镇）；B（乙乡）；另有2项计划」: :data:`MAX_PLANS` plans shown, the rest counted."""
    said = "；".join(f"{r.plan}（{_who(r.township, r.year, b)}）" for r in group.head(MAX_PLANS).itertuples())
    return said + (f"；另有{len(group) - MAX_PLANS}项计划" if len(group) > MAX_PLANS else "")


@lru_cache(maxsize=2)
def problem_areas(path: Path = PROBLEM_AREAS) -> dict[str, str]:
    """Register problem → the assessed area its plans are grouped under in 五、 (data/problem_areas.csv)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {row["problem"].strip(): row["area"].strip() for row in csv.DictReader(fh)}


def _quality(b: Brief) -> list[Block]:
    out = []
    cross = b.copies[b.copies.relation == "跨乡镇"] if len(b.copies) else b.copies
    same = b.copies[b.copies.relation == "同乡镇"] if len(b.copies) else b.copies
    if len(cross):
        out.append(f"{len(cross)}对不同乡镇（街道）的报告有成段相同的文字，最多的是{_pair(cross.iloc[0], b)}（附表7）。")
    if len(same):
        out.append(f"{len(same)}对报告与本乡镇往年报告有成段相同的文字（附表7）。")
    if len(b.judged):
        out.append(_followed(b))
    if len(b.unfollowed):
        out.append(_unfollowed(b))
    lacking = b.parts[b.parts.missing_parts != ""]
    if len(lacking):
        out.append("缺少规定内容：" + "；".join(f"{_who(r.township, r.year, b)}缺{r.missing_parts}" for r in lacking.itertuples()) + "。")
    if b.suggestions:
        out.append("建议：" + "；".join(b.suggestions) + "。")
    return [(0, t) for t in out] or [(0, "未发现成段照抄、计划未落实或缺项的情况。")]


def _followed(b: Brief) -> str:
    """How many of each township's plans its next report shows done (seventeenth reading: the brief named only the
    plans not carried out, and a year with none said nothing of the many that were)."""
    judged = b.judged.sort_values("township")
    said = "；".join(
        f"{r.township}{int(r.followed + r.partial + r.not_found)}项中{int(r.followed)}项"
        + (f"（另有{int(r.partial)}项部分落实）" if r.partial else "")
        for r in judged.itertuples()
    )
    return f"{_against_last_year(b)}上年计划在次年报告中见到相应成效或达到数字目标的：{said}。"


def _unfollowed(b: Brief) -> str:
    """The plans the next report shows nothing for, named (township, year, the plan's words) so the
    office can check each; counted per township, with the list in 附表8 when it is long."""
    counts = "；".join(f"{r.township}{int(r.not_found)}项" for r in b.unfollowed.itertuples())
    line = f"{_against_last_year(b)}上年计划未见落实（次年报告中没有相应成效或未达到计划的数字目标，需核实）：{counts}"
    listed = b.unfollowed_plans
    plans = listed[listed.status == "未见落实"] if "status" in listed else listed
    if 0 < len(plans) <= MAX_UNFOLLOWED:
        # (a plan's figure with the next report's words about it, where they state one: the office checks the two figures,
        # fifteenth reading — 「确保案卷合格率达到100%」 against 「合格率由上年的79%提高到93%」)
        line += "，即" + "；".join(
            f"{r.township}{int(r.year)}年计划“{r.plan}”" + (f"，次年报告：“{r.evidence}”" if _figure_against(r.plan, r.evidence) else "")
            for r in plans.itertuples()
        )
    return line + ("（附表8）。" if len(plans) else "。")


def _figure_against(plan: str, evidence: object) -> bool:
    """Whether a plan's part quoted holds a figure and its evidence (附表8's 次年报告所说) quotes the next report's words
    with a figure too (not :data:`NOT_NAMED`)."""
    return (
        isinstance(evidence, str)
        and evidence != NOT_NAMED
        and any(ch.isdigit() for ch in evidence)
        and any(ch.isdigit() for ch in str(plan))
    )


def _against_last_year(b: Brief) -> str:
    """「对照2022年度报告，」 in a year brief: what it says of last year's plans and problems quotes
    or counts the previous year's reports, outside its year, and says so (the scope note in the
    document's properties too)."""
    return f"对照{b.year - 1}年度报告，" if b.year else ""


def _pair(row, b: Brief) -> str:
    return f"{_who(row.township_a, row.year_a, b)}与{_who(row.township_b, row.year_b, b)}（连续相同{int(row.passage_chars)}字）"


def appendix_tables(b: Brief) -> list[tuple[str, pd.DataFrame, list[str]]]:
    """(caption, table, column names): the tables behind the figures, condensed (one row per
    township × metric; the ten largest copied pairs and a count of the rest)."""
    reports = b.reports.assign(issued=[_date(i) or _month(m) for i, m in zip(b.reports.issued, _months(b.reports))])
    lacking = b.parts[b.parts.missing_parts != ""]
    raised = b.raised if len(b.raised) else b.problems
    return [
        ("附表1 报告清单", reports[["township", "county", "year", "issued"]], ["乡镇", "区县", "年度", "成文日期"]),
        ("附表2 未报送的乡镇（街道）", *missing_table(b)),
        (
            "附表3 逾期报送",
            b.late.assign(issued=[_date(i) or _month(m) for i, m in zip(b.late.issued, _months(b.late))])[["township", "issued"]],
            ["乡镇", "成文日期"],
        ),
        ("附表4 缺少规定内容的报告", lacking[["township", "year", "missing_parts"]], ["乡镇", "年度", "缺少"]),
        (
            "附表5 量化指标（每个乡镇每项指标一行）" if b.year else "附表5 量化指标（每个乡镇每年每项指标一行）",
            *figures_table(b.evidence, by_year=not b.year),
        ),
        (
            "附表6 各乡镇（街道）提出的问题",
            raised[["label", "townships", "reports", "township_list"]],
            ["问题", "乡镇数", "报告数", "乡镇"],
        ),
        ("附表7 报告之间的相同文字", *copies_table(b)),
        ("附表8 上年计划未见落实或部分落实的事项", b.unfollowed_plans, ["乡镇", "计划年度", "计划", "次年报告所说", "落实情况"]),
    ]


def missing_table(b: Brief) -> tuple[pd.DataFrame, list[str]]:
    """county, township (and, over several years, the year: 「各年度」 for a township that never reported)."""
    if b.year:
        return b.missing[["county", "township"]], ["区县", "乡镇"]
    county = "、".join(b.counties)
    rows = [(r.county, r.township, "各年度") for r in b.missing.itertuples()]
    rows += [(county, r.township, f"{int(r.year)}年度") for r in b.missing_years.itertuples()] if len(b.missing_years) else []
    return pd.DataFrame(rows, columns=["county", "township", "year"]), ["区县", "乡镇", "未报送年度"]


COPIED_PAIRS = 10


def figures_table(evidence: pd.DataFrame, *, by_year: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """One row per township × metric (× year with ``by_year``): its totals in every unit together
    (「16场、2期」), and the sentences that gave them (``evidence``: each figure's sentence, after
    its figure when a total adds several); with several units, each unit's sentence after its
    total unless they all share one sentence."""
    keys = ["township", "year", "metric"] if by_year else ["township", "metric"]
    rows = []
    for key, group in evidence.groupby(keys, sort=False):
        totals = [t if t.endswith(u) else f"{t}{u}" for t, u in zip(group.total_text, group.unit)]
        said = [e for e in group.evidence if e]
        if len(set(said)) > 1:
            said = [e if n > 1 else f"{t}：{e}" for t, e, n in zip(totals, group.evidence, group.figures) if e]
        rows.append((*key, "、".join(totals), "；".join(dict.fromkeys(said))))
    names = ["乡镇", *(["年度"] if by_year else []), "指标", "数值", "报告原文（数值所在的句子）"]
    return pd.DataFrame(rows, columns=[*keys, "total", "evidence"]), names


def copies_table(b: Brief) -> tuple[pd.DataFrame, list[str]]:
    """The ten pairs sharing most text, by township (and year), with 「另有 N 对」 after them."""
    names = ["报告甲", "报告乙", "关系", "最长连续相同（字）"]
    if b.copies.empty:
        return pd.DataFrame(columns=names), names
    top = b.copies.head(COPIED_PAIRS)
    rows = [
        (_who(r.township_a, r.year_a, None), _who(r.township_b, r.year_b, None), r.relation, int(r.passage_chars)) for r in top.itertuples()
    ]
    if len(b.copies) > COPIED_PAIRS:
        rows.append((f"另有 {len(b.copies) - COPIED_PAIRS} 对", "", "", ""))
    return pd.DataFrame(rows, columns=names), names


def _months(late: pd.DataFrame) -> list:
    """The month-only signing dates of ``late`` (NaT where the date is whole; none in a Brief made before they were kept)."""
    return list(late.signed_month) if "signed_month" in late else [pd.NaT] * len(late)


def _month(value) -> str:
    return "" if value is None or pd.isna(value) else f"{pd.Timestamp(value).year}年{pd.Timestamp(value).month}月"


def _day_or_month(issued, month) -> str:
    """「4月2日」, or 「5月」 for a signature dated by its month only."""
    if issued is None or pd.isna(issued):
        return f"{pd.Timestamp(month).month}月"
    return f"{pd.Timestamp(issued).month}月{pd.Timestamp(issued).day}日"


def _date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()
