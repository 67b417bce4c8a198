"""The county brief: the office's annual summary drafted from the stored reports.

:func:`build_brief` gathers every figure (from the same functions the dashboard pages use,
so the brief and the pages agree for the same filters) and the townships' own sentences
(:mod:`analysis.brief.quotes`, always from reports of the brief's scope); :func:`brief_docx`
writes it as an editable Word document shaped like the report the county itself sends
(法治政府建设与责任落实督察工作规定 第二十五条, :mod:`analysis.brief.prose`), in the official style
(:mod:`analysis.brief.document`), with the tables and charts behind every figure.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import duckdb
import pandas as pd

from analysis.brief import charts, document, prose, quotes
from analysis.insights import completeness, similarity, views
from analysis.insights.compare import township_metrics
from analysis.parse import areas as area_cues
from analysis.parse import gazetteer
from analysis.parse.metadata import GENERIC_TOWNSHIPS
from analysis.parse.patterns import DEFECT
from analysis.parse.sentences import pairs_said
from analysis.parse.structure import DATA_DIR, heading_of
from analysis.parse.themes import THEMES_FILE
from analysis.problems import followthrough, recurring
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
TOP_PROBLEMS = 10  # problems on the chart
MAX_PROBLEM_SECTIONS = 20  # problems with a part of their own in 四、 (the others are listed after them)
OTHER_QUOTE_MAX = 40
# a township-level government: 镇, 乡 (民族乡 too), 街道, 苏木 — not 滨海新区, 经济开发区,
# 工业园, 国有林场 or 管理区, which the gazetteer lists among townships
TOWNSHIP_LEVEL = re.compile(r"(?:镇|乡|街道|苏木)$")
NOT_TOWNSHIP_LEVEL = re.compile(r"新区|开发区|开发地区|工业园|园区|林场|农场|管理区|管委会|经营所|社区|保税区|农垦|水库")
# 北京's 地区 (朝阳区 东坝地区, 大兴区 旧宫地区): a 地区办事处, one body with the 乡 of that name
# (东坝地区办事处 is 东坝乡人民政府) and run like a 街道 — township-level and due a report. Elsewhere
# the gazetteer's 地区 are 林场, 社区 and 开发 areas (汤旺县 前卫林场地区) or a 街道 twice (北安市 兆麟街道地区).
AREA_OFFICE = re.compile(r"^(?P<stem>.+?)地区$")
AREA_OFFICE_PROVINCES = ("北京市",)
DUTY_AREA = "党的领导与第一责任人职责"
EVIDENCE_MAX = 60  # characters of a sentence in 附表5, cut around its figure
# counts that are no achievement: lawsuits brought against the township (a lost one is 四、's 督察重点)
NOT_ACHIEVEMENTS = frozenset({"行政诉讼"})


@dataclass(frozen=True)
class Brief:
    """Everything the brief states, as tables (each documented where it is built)."""

    counties: tuple[str, ...]
    year: int | None
    deadline: dt.date | None
    generated: dt.datetime
    reports: pd.DataFrame
    missing: pd.DataFrame  # county, township: township-level units of the counties with no report for the year
    late: pd.DataFrame  # township, file, issued, signed_month (a month-only date's first day): signed after the deadline
    unsigned: pd.DataFrame  # township, file, year: no signing date found
    parts: pd.DataFrame  # completeness.report_parts
    areas: pd.DataFrame  # area, townships, n_townships, silent, example, example_township, example_year
    indicators: pd.DataFrame  # area, metric, unit, total, approx, total_text, reports, top (the metric's top townships, every unit)
    evidence: pd.DataFrame  # township, metric, unit, total_text, figures, evidence: one row per township × metric
    problems: pd.DataFrame  # recurring.recurring_table (those raised by section_min townships or more) + quote, quote_township, quote_year
    persistent: pd.DataFrame  # recurring.persistent_problems up to the brief's year
    gone: pd.DataFrame  # township, year, label: raised last year, not this year
    copies: pd.DataFrame  # similarity.copy_pairs
    unfollowed: pd.DataFrame  # township, plans, not_found
    # township, year, plan, evidence, status: each plan counted in not_found, and those done in part (部分落实)
    unfollowed_plans: pd.DataFrame = field(default_factory=pd.DataFrame)
    # township, plans, followed, partial, not_found: the plans a next report judges
    judged: pd.DataFrame = field(default_factory=pd.DataFrame)
    causes: pd.DataFrame = field(default_factory=pd.DataFrame)  # quotes.problem_causes of the top problems
    general_causes: pd.DataFrame = field(default_factory=pd.DataFrame)  # quotes.general_causes: township, year, cause
    other_causes: pd.DataFrame = field(default_factory=pd.DataFrame)  # quotes.problem_causes of other_problems
    duty: pd.DataFrame = field(default_factory=pd.DataFrame)  # quotes.duty_sentences
    shuofa: pd.DataFrame = field(default_factory=pd.DataFrame)  # quotes.shuofa: township, year, said
    plans: pd.DataFrame = field(default_factory=pd.DataFrame)  # quotes.plan_lines (against every problem of the scope)
    suggestions: list[str] = field(default_factory=list)
    raised: pd.DataFrame = field(default_factory=pd.DataFrame)  # recurring.recurring_table: every problem raised in scope
    other_problems: pd.DataFrame = field(default_factory=pd.DataFrame)  # _other_problems: those without a part in 四、
    section_min: int = 2  # the fewest townships raising a problem with a part of its own (section_threshold)
    missing_years: pd.DataFrame = field(default_factory=pd.DataFrame)  # township, year: no report that year (several years)
    lawsuits: pd.DataFrame = field(default_factory=pd.DataFrame)  # quotes.lost_lawsuits: 督察重点, first in 四、
    unplaced: pd.DataFrame = field(
        default_factory=pd.DataFrame
    )  # township, year, file: a report of a township of the county, county unknown
    addressee: str = ""  # 主送机关 of a one-county year brief (prose.addressee: the county's government when empty)
    sender: str = ""  # its 落款 (prose.sender: the county's 司法局 when empty)
    signed: dt.date | None = None  # its 成文日期 (the day the brief is made when None)

    @property
    def empty(self) -> bool:
        return self.reports.empty

    @property
    def townships(self) -> list[str]:
        """The townships of the brief's reports, sorted."""
        return sorted(set(self.reports.township.dropna()))

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.reports.year.dropna().unique())


@lru_cache(maxsize=4)
def theme_areas(path=THEMES_FILE) -> dict[str, str]:
    """theme → assessed area (the ``area`` column of data/themes.csv)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {row["theme"]: (row.get("area") or "").strip() for row in csv.DictReader(fh)}


@lru_cache(maxsize=4)
def metric_areas(path=DATA_DIR / "metrics.csv") -> dict[str, str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {row["metric"]: (row.get("area") or "").strip() for row in csv.DictReader(fh)}


def brief_filters(counties: tuple[str, ...] = (), year: int | None = None, *, until: bool = False) -> Filters:
    """The reports of ``counties`` in ``year`` (all years when None; every year up to it with ``until``)."""
    if year and until:
        return Filters(counties=tuple(counties), year_range=(0, year))
    return Filters(counties=tuple(counties), years=(year,) if year else ())


MONTH_SIGNED = r"signing date gives only the month: (\d{4}-\d{1,2})"  # analysis.parse.report's warning


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
    first quarter and disclosed before 1 April). Nothing after ``year`` is read: persistence
    and changes look at the years up to it."""
    filters = brief_filters(counties, year)
    history = brief_filters(counties, year, until=True)
    reports = tables.reports(con, filters)
    if deadline is None and year:
        deadline = dt.date(year + 1, 3, 31)
    issued = pd.to_datetime(reports.issued)
    # a signature dated by its month only (「2024年12月」) is on time when the whole month is, late when all of it is after
    said = pd.Series(["\n".join(w) if w is not None else "" for w in reports.warnings], index=reports.index, dtype=str)
    month = pd.to_datetime(said.str.extract(MONTH_SIGNED, expand=False), format="%Y-%m", errors="coerce").where(issued.isna())
    reports = reports.assign(signed_month=month)
    if deadline:
        cut = pd.Timestamp(deadline)
        month_late = month > cut  # (NaT compares False)
        late = reports[(issued > cut) | month_late]
        unsigned = reports[issued.isna() & ~(month + pd.offsets.MonthEnd(0) <= cut) & ~month_late]
    else:
        late, unsigned = reports.iloc[:0], reports[issued.isna()]
    named = _named_clusters(con, history)
    persistent = recurring.persistent_problems(con, history)
    persistent = persistent[persistent.cluster.isin(named)]
    changes = recurring.problem_changes(con, history)
    changes = changes[changes.cluster.isin(named)]
    gone = changes[(changes.change == "不再提及") & ((changes.year == year) if year else True)][["township", "year", "label"]]
    if year:
        persistent = persistent[persistent.years.str.contains(str(year))]
    rows = recurring.problem_rows(con, filters)
    lawsuits = quotes.lost_lawsuits(rows)
    raised = recurring.recurring_table(con, filters)
    empty = _unnamed(raised, rows)
    rows, raised = _readable(rows[~rows.cluster.isin(empty)], raised[~raised.cluster.isin(empty)])
    suits = rows.text.str.contains(quotes.LOST_LAWSUIT, na=False)
    only_suits = set(rows[suits].cluster) - set(rows[~suits].cluster)  # shown as 督察重点 (lawsuits), not again
    least = section_threshold(raised[~raised.cluster.isin(only_suits)].townships)
    problems = raised[(raised.townships >= least) & ~raised.cluster.isin(only_suits)]
    if not year:  # several years: each township with the years it raised the problem
        problems = problems.assign(township_years=township_years(problems, rows), by_year=yearly_townships(problems, rows))
    rank = {c: n for n, c in enumerate(problems.cluster)}
    top_rows = rows[rows.cluster.isin(problems.cluster)].sort_values("cluster", key=lambda c: c.map(rank), kind="stable")
    quoted = _quoted(problems, top_rows)
    duty, shuofa = _duty(con, filters, reports)
    areas, evidence, indicators = _areas(con, filters, avoid=[*duty.sentence, *quoted.quote], by_year=not year)
    follow = views.followthrough_by_township(con, brief_filters(counties, year - 1 if year else None))
    others = _other_problems(raised[raised.townships < least], rows[~suits])
    other_rows = rows[~suits & rows.cluster.isin(others.cluster)].sort_values(
        "cluster", key=lambda c: c.map(dict(zip(raised.cluster, range(len(raised))))), kind="stable"
    )
    brief = Brief(
        tuple(counties),
        year,
        deadline,
        now or dt.datetime.now(),
        reports,
        _missing(counties, reports, year),
        late[["township", "file", "issued", "signed_month"]].reset_index(drop=True),
        unsigned[["township", "file", "year"]].reset_index(drop=True),
        completeness.report_parts(con, filters),
        areas,
        indicators,
        evidence,
        quoted,
        persistent.reset_index(drop=True),
        gone.reset_index(drop=True),
        copied_passages(con, filters),
        follow[follow.not_found > 0].reset_index(drop=True),
        unfollowed_plans=unfollowed_plans(con, brief_filters(counties, year - 1 if year else None)),
        judged=follow[follow.followed + follow.partial + follow.not_found > 0][
            ["township", "plans", "followed", "partial", "not_found"]
        ].reset_index(drop=True),
        causes=_standing(quotes.problem_causes(top_rows), con, filters),
        general_causes=quotes.general_causes(tables.sections(con, filters)),
        duty=duty,
        shuofa=shuofa,
        plans=_plans(con, filters, rows.assign(register=rows.cluster.isin(raised[raised.origin == "register"].cluster))),
        # (附表6 lists the problems 四、 counts: 蔚县 reading, 20 in the text and 23 rows)
        raised=raised[raised.cluster.isin({*problems.cluster, *others.cluster, *rows[suits].cluster})].reset_index(drop=True),
        other_problems=others,
        other_causes=_standing(quotes.problem_causes(other_rows, per_problem=1), con, filters),
        lawsuits=lawsuits,
        section_min=least,
        missing_years=_missing_years(counties, reports) if not year else pd.DataFrame(columns=["township", "year"]),
        unplaced=_unplaced(con, counties, year),
    )
    return replace(brief, suggestions=suggestions(brief))


def township_years(problems: pd.DataFrame, rows: pd.DataFrame) -> list[str]:
    """For each problem of ``problems`` (cluster, township_list), its townships in their order, each
    with the years its reports raise it (``rows``: cluster, township, year): 「甲镇（2022—2024年）、乙乡（2023年）」."""
    years = rows.dropna(subset=["year"]).groupby(["cluster", "township"]).year.agg(lambda y: sorted({int(v) for v in y}))
    out = []
    for cluster, towns in zip(problems.cluster, problems.township_list):
        said = []
        for town in [t for t in str(towns).split("、") if t]:
            found = years.get((cluster, town), [])
            said.append(f"{town}（{years_text(found)}）" if found else town)
        out.append("、".join(said))
    return out


def yearly_townships(problems: pd.DataFrame, rows: pd.DataFrame) -> list[dict[int, int]]:
    """For each problem of ``problems`` (cluster), {year: townships whose report of that year raises it}."""
    counts = rows.dropna(subset=["year"]).groupby(["cluster", "year"]).township.nunique()
    by_cluster = {c: {int(y): int(n) for (_, y), n in group.items()} for c, group in counts.groupby(level="cluster")}
    return [by_cluster.get(cluster, {}) for cluster in problems.cluster]


def years_text(years: list[int]) -> str:
    """「2022—2024年」 for a run of consecutive years, 「2022、2024年」 otherwise."""
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}—{years[-1]}年"
    return "、".join(map(str, years)) + "年"


def section_threshold(townships: pd.Series, *, most: int = MAX_PROBLEM_SECTIONS) -> int:
    """The fewest townships raising a problem for it to have a part of its own in 四、: 2, or
    more when more than ``most`` problems are raised by 2 (every other problem is listed after
    them, by township); 1 when no problem is raised by two townships (each has its part)."""
    if not (townships >= 2).any():
        return 1
    least = 2
    while (townships >= least).sum() > most:
        least += 1
    return least


def _other_problems(raised: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """township, cluster, label, years, name: the problems raised by too few townships for a
    part of their own, one row per township raising each (townships by name, then the problems
    in ``raised``'s order). ``name`` is the register's label, or for a problem outside the
    register (whose label is a few keywords: 「电信诈骗、防范、环节」) the township's own words
    in quotation marks, ``years`` then the year of those words (「2023；2024年亦提及」); a
    problem outside the register none of whose sentences names a problem is left out."""
    columns = ["township", "cluster", "label", "years", "name"]
    if raised.empty:
        return pd.DataFrame(columns=columns)
    order = {c: n for n, c in enumerate(raised.cluster)}
    origin = dict(zip(raised.cluster, raised.origin))
    mine = rows[rows.cluster.isin(order)].dropna(subset=["township"])
    out = []
    for (township, cluster), group in sorted(mine.groupby(["township", "cluster"]), key=lambda g: (g[0][0], order[g[0][1]])):
        label = group.label.iloc[0]
        every = sorted({int(y) for y in group.year.dropna()})
        years = "、".join(map(str, every))
        if origin[cluster] == "register":
            out.append((township, cluster, label, years, label))
            continue
        said = next(
            (
                (without_cause_lead(w), y)
                for t, y in zip(group.text, group.year)
                if (w := quotes.item_quote(t, label)) and not _announces(w)
            ),
            None,
        )
        if said is None:  # a short item is its own words (蔚县 reading: 「个别杏扁加工厂封闭改造未完成」 was left out)
            said = next(((quotes.clipped(t.strip("。 ")), y) for t, y in zip(group.text, group.year) if _states_a_problem(t)), None)
        if said is None:  # no sentence of it names a problem (「需要在今后的工作中认真加以解决」): not a problem
            continue
        words, year = said
        others = [y for y in every if pd.isna(year) or y != int(year)]
        years = (str(int(year)) if not pd.isna(year) else "") + (f"；{'、'.join(map(str, others))}年亦提及" if others else "")
        out.append((township, cluster, label, years.lstrip("；"), f"“{quotes.clipped(words, OTHER_QUOTE_MAX)}”"))
    return pd.DataFrame(out, columns=columns)


def _states_a_problem(text: str) -> bool:
    """A short problem item saying what is wrong, not a lead-in (「…中的一些问题也需要引起高度重视」) nor a closing."""
    return (
        bool(DEFECT.search(text)) and not quotes.LEAD_IN.search(text) and not quotes.FILLER.search(text) and not SOME_PROBLEMS.search(text)
    )


# 「古镇保护与发展中的一些问题也需要引起高度重视」: announces problems, states none
SOME_PROBLEMS = re.compile(r"(?:一些|部分|若干|这些|以上|上述)(?:问题|不足|短板)")
ANNOUNCEMENT_MAX = 40  # characters of a sentence that only announces problems


def _announces(words: str) -> bool:
    return len(words) <= ANNOUNCEMENT_MAX and bool(SOME_PROBLEMS.search(words))


CONCEDED = re.compile(r"虽|尽管|有所")  # 「河道非法采砂虽得到遏制」 concedes; the clause after it says what is wrong
# a clause whose only defect word is a trend (外来务工人员增多): the setting of a problem, not its name
TREND_ONLY = re.compile(
    r"^(?:(?!不足|不够|不强|难|薄弱|缺|不到位|不规范|不及时|滞后|隐患|风险)[^，。；])*(?:增多|增加|上升|较多|扩大|时有发生|时有出现)$"
)
# a cause opening a quote (随着…发展，/受…影响，/由于…，): the problem is what follows it
CAUSE_LEAD = re.compile(r"^(?:随着|受(?!到)|由于|因(?![此而为]))[^，。；]{2,40}?(?:影响|限制|发展|增加|扩大|推进|加快)?[，,]")
CAUSE_LEAD_REST = 8  # characters the quote keeps after its cause, or the cause stays


def without_cause_lead(words: str) -> str:
    """``words`` without a cause opening them (「受…等因素影响，仍有3件案件线下办理后补录」 → 「仍有3件…补录」),
    unless too little is left."""
    m = CAUSE_LEAD.match(words)
    return words[m.end() :] if m and len(words) - m.end() >= CAUSE_LEAD_REST else words


QUOTED_NAME_MAX = 24  # characters of a township's words standing for a problem's name
SAID_SHARE = 0.75  # of a name's two-character pieces the brief's own items must hold for the name to be theirs


def _said_in(name: str, texts: list[str]) -> bool:
    """Whether the items ``texts`` say ``name`` in their words: most of its two-character pieces occur in them (a name
    made of the items' words, 「移风易俗薄弱」, is theirs; 「部分中老年失地农民缺乏技能」 from a later report is not)."""
    return pairs_said(name, texts, SAID_SHARE)


def _readable(rows: pd.DataFrame, raised: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``rows`` and ``raised`` with each problem outside the register labelled by a few keywords
    (「劳资纠纷、企业、订单」「禁毒、不容、乐观」: 德化县/新宁县 review, printed as headings), or by a name its items in the
    brief's scope do not say, relabelled by
    the township's own words: the first clause naming the problem of its first item, in quotation
    marks (「“劳资纠纷有所上升”」)."""
    names = {}
    for cluster, label, origin in zip(raised.cluster, raised.label, raised.origin):
        texts = list(rows[rows.cluster == cluster].text)
        # (a name in words of the problem's items is kept only when the brief's own items say it: one taken from a later
        # year's report was printed in a year brief, 「部分中老年失地农民缺乏技能」, reading 20)
        if origin == "register" or (quotes.is_name(str(label)) and _said_in(str(label), texts)):
            continue
        said = next((without_cause_lead(w) for t in texts if (w := quotes.item_quote(t, label))), "")
        # (an item opening on a short sentence stating its problem is named by it: 「地质灾害隐患防治压力依然很大」, not by
        # the explanation quoted after it, 「城区北侧一处滑坡隐患点出现新的裂缝」, seventeenth reading)
        clause = next((h for t in texts if (h := _headline_name(t))), "") or quoted_name(said)
        if clause:
            names[cluster] = f"“{clause if len(clause) <= QUOTED_NAME_MAX else clause[:QUOTED_NAME_MAX] + '……'}”"
    if not names:
        return rows, raised
    relabel = lambda df: df.assign(label=[names.get(c, lab) for c, lab in zip(df.cluster, df.label)])  # noqa: E731
    return relabel(rows), relabel(raised)


# a clause opening on when something happened (「今年暑期」「7月一场暴雨后」): the setting of a story, no name
WHEN_CLAUSE = re.compile(r"^(?:今年|去年|年初|年底)?(?:\d{1,2}月|[春夏秋冬][天季]|暑期|汛期|国庆|春节)[^，,]{0,8}$")
TURN_WORD = re.compile(r"^(?:但是?|不过|然而|却|而且?|也|仍)")  # 「但仍未杜绝」 opens on the turn, its subject before it
NAME_MIN = 6  # characters of a clause that can name a problem by itself (「仍未杜绝」 names nothing)
EXPLAINING = re.compile(r"^(?:而|因|由于|因为|加之|以致|导致|致使)")
# 「旺季时强拉客源、价格不明示、以次充好等问题时有发生」「假冒伪劣农资坑农事件时有发生」: what keeps happening names it
HAPPENING = re.compile(r"(?:时有发生|屡禁不止|频发|多发|突出|较多|增多)$")
WRONGDOING = re.compile(r"问题|事件|现象|行为|案件|违法|违规|非法|假冒|伪劣|诈骗|坑农")  # (what happens is a wrong, no mere trend)


def _headline_name(text: str) -> str:
    """The sentence an item opens on when it is short, states what is wrong and is followed by more: its name."""
    first = re.split(r"(?<=[。！？])", str(text).strip(), maxsplit=1)
    head = first[0].rstrip("。！？ ")
    return (
        head
        if len(first) > 1 and first[1].strip() and NAME_MIN <= len(head) <= QUOTED_NAME_MAX and "，" not in head and DEFECT.search(head)
        else ""
    )


def quoted_name(words: str) -> str:
    """The clause of a township's words that names its problem: one saying what is wrong (DEFECT), not conceding
    (虽…), not a trend only, not the story's time, without figures when another will do (「地灾隐患点19处，受威胁户搬迁
    避让推进难」 → 「受威胁户搬迁避让推进难」); a bare turn after a concession takes the concession's subject
    (「行人非法穿越铁路等涉路违法行为虽由上年的7起下降到4起，但仍未杜绝」 → 「行人非法穿越铁路等涉路违法行为仍未杜绝」,
    seventeenth reading: 「但仍未杜绝」 headed a problem), a short one its sentence (「保险覆盖了，但保的范围还窄」)."""
    clauses = [c.strip() for c in re.split(r"[，,；;：:]", words) if c.strip()]
    clauses = [c for c in clauses if not WHEN_CLAUSE.match(c)]
    named = [
        (n, c)
        for n, c in enumerate(clauses)
        if (DEFECT.search(c) or HAPPENING.search(c))
        and not CONCEDED.search(c)
        and (not TREND_ONLY.search(c) or (HAPPENING.search(c) and WRONGDOING.search(c)))
        and not EXPLAINING.match(c)
    ]
    # (a clause on 而/因/由于 explains the one before it: 「而镇级缺乏…专门力量」「因无购买凭证」 named two problems, reading 19)
    named = named or [(n, c) for n, c in enumerate(clauses) if n and c.startswith(("但", "不过", "然而"))]  # (…，但保的范围还窄)
    named.sort(key=lambda nc: (bool(re.search(r"\d", nc[1])), nc[0]))  # (figures last)
    for n, clause in named:
        bare = TURN_WORD.sub("", clause)
        if len(bare) >= NAME_MIN and not clause.startswith(("但", "不过", "然而")):
            return clause
        before = clauses[n - 1] if n else ""
        subject = CONCEDED.split(before, maxsplit=1)[0] if CONCEDED.search(before) else ""
        if len(subject) >= 4:
            return subject + TURN_WORD.sub("", clause)
        if before and len(before) + len(clause) + 1 <= QUOTED_NAME_MAX:
            return f"{before}，{clause}"
        if len(bare) >= NAME_MIN:
            return clause
    trends = [c for c in clauses if DEFECT.search(c) and not CONCEDED.search(c)]
    return trends[0] if trends else clauses[0] if clauses else ""


def _unnamed(raised: pd.DataFrame, rows: pd.DataFrame) -> set:
    """The problems outside the register none of whose items has a sentence naming a problem
    (:func:`quotes.item_quote`): a report's lead-in 「还存在一些问题，需要在今后的工作中认真加以解决」
    taken for an item is not a problem the brief can list."""
    outside = raised[raised.origin != "register"]
    return {
        c for c, label in zip(outside.cluster, outside.label) if not any(quotes.item_quote(t, label) for t in rows[rows.cluster == c].text)
    }


def _missing_years(counties: tuple[str, ...], reports: pd.DataFrame) -> pd.DataFrame:
    """township, year: in a brief over several years, the townships that reported in some year
    of it but not in this one (陂头镇 2022), by year then name."""
    years = sorted(int(y) for y in reports.year.dropna().unique())
    sent = set(zip(reports.township, reports.year))
    towns = sorted(set(reports.township.dropna()))
    rows = [(t, y) for y in years for t in towns if (t, y) not in sent] if counties else []
    return pd.DataFrame(rows, columns=["township", "year"])


def _named_clusters(con, filters: Filters) -> set:
    """The problems named by the register or a reviewer, and the emerging problems with a name
    (反诈防范薄弱, 森林防火野外用火管理薄弱: 井冈山市/文山市 review, their persistence was left out); an
    emerging problem labelled by a few of its keywords (「加以、对照、进展」) or a quote is not something
    the brief can list as a township's problem (:func:`quotes.is_name`)."""
    raised = recurring.recurring_table(con, filters)
    named = (raised.origin != "emerging") | raised.label.map(lambda label: quotes.is_name(str(label)))
    return set(raised[named].cluster)


def _quoted(problems: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The top problems with a quote of a township's own wording from the scope."""
    chosen = quotes.problem_quotes(rows).rename(columns={"township": "quote_township", "year": "quote_year"})
    out = problems.merge(chosen, on="cluster", how="left")
    out["quote"] = out.quote.fillna("")
    return out.reset_index(drop=True)


NOT_NAMED = prose.NOT_NAMED


def unfollowed_plans(con, filters: Filters) -> pd.DataFrame:
    """township, year, plan, evidence, status: the plans of the reports under ``filters`` that the township's next
    report shows nothing for (followthrough 「未见落实」) or shows done in part while saying the rest is not
    (「部分落实」: 「仍有8户安置房…未能办证」, reading 19), each as the township wrote it — the part of it the
    next report's words concern (:func:`quotes.plan_part`: 鄄城县/洱源县 review, the plan's opening quoted was the
    part done, the part not done cut off as 「……」), else its opening (:func:`quotes.plan_sentence`) — and
    ``evidence``, what the next report says of it (:data:`NOT_NAMED` when it names nothing of it), by township, year and order."""
    where, params = filters.where()
    found = con.execute(
        f"""SELECT f.township, f.plan_year AS year, f.plan, f.matched_text, f.status FROM followthrough f JOIN reports r ON r.id = f.report_id
            WHERE {where} AND f.township IS NOT NULL AND f.status IN ('未见落实', '部分落实') ORDER BY f.township, f.plan_year, f.ord""",
        params,
    ).df()
    plans = [
        quotes.plan_part(str(p), str(m)) if isinstance(m, str) and m else quotes.plan_sentence(p) or quotes.clipped(str(p), quotes.PLAN_MAX)
        for p, m in zip(found.plan, found.matched_text)
    ]
    evidence = [quotes.clipped(m, quotes.PLAN_MAX) if isinstance(m, str) and m else NOT_NAMED for m in found.matched_text]
    return found.assign(year=found.year.astype("Int64"), plan=plans, evidence=evidence)[["township", "year", "plan", "evidence", "status"]]


def _standing(causes: pd.DataFrame, con, filters: Filters) -> pd.DataFrame:
    """``causes`` with ``remedied``: True where its township's next report in scope says the
    thing is done — 军店镇's 2023 cause 「法治建设经费未单独列入预算」 in a brief holding its 2024
    report 「法治建设经费首次单列进入镇年度预算」 (:func:`followthrough.said_done`). Such a cause is
    still the one the township gave that year (the brief says so, and that the next report shows
    it addressed), never dropped: a problem whose causes were dropped would read 「未说明原因」."""
    if causes.empty:
        return causes.assign(remedied=pd.Series(dtype=bool))
    later = causes.rename(columns={"cause": "text"})
    done = followthrough.said_done(
        later,
        tables.items(con, filters, kind="achievement")[["township", "year", "text"]],
        tables.items(con, filters, kind="problem")[["township", "year", "text"]],
    )
    return causes.assign(remedied=done.to_numpy()).reset_index(drop=True)


def _duty(con, filters: Filters, reports: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(quotes.duty_sentences, quotes.shuofa) of the scope."""
    sections = tables.sections(con, filters)
    duty = sections[sections.kind == "duty"][["township", "year", "text"]]
    duty = pd.concat([duty, headed_duty(sections[sections.kind == "achievements"])], ignore_index=True)
    opening = sections[sections.kind == "preamble"][["township", "year", "text"]]  # 上涌镇 2024: the duty said there
    body = pd.concat([opening, tables.items(con, filters, kind="achievement")[["township", "year", "text"]]], ignore_index=True)
    # 「镇党委书记、镇长年度述法报告已按要求报送」 under 其他需要报告的情况 says the 述法 was given (the thirteenth reading)
    other = sections[sections.kind == "other"][["township", "year", "text"]]
    return quotes.duty_sentences(duty, body), quotes.shuofa(duty, pd.concat([body, other], ignore_index=True), reports)


# the text two reports share before the brief calls it copied: one formula sentence with other figures in it
# (「新培育“法律明白人”29名，全镇“法律明白人”达到124名」 and 「…23名…87名」, 29 characters) is no copied passage
# (蕉岭县 review: 「成段相同…29字」 could not be found)
COPY_MIN_CHARS = 60


def copied_passages(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """:func:`analysis.insights.similarity.copy_pairs` of the scope with a passage of consecutive shared sentences
    (:func:`analysis.insights.similarity.shared_passages`) of at least :data:`COPY_MIN_CHARS`, its length as
    ``passage_chars`` (longest first): several short formula sentences shared here and there are no copied passage
    (洱源县 review: 「成段相同…62字」 was three sentences apart, the longest run 24 characters)."""
    pairs = similarity.copy_pair_ids(con, filters)
    pairs = pairs[pairs.shared_chars >= COPY_MIN_CHARS]
    longest = similarity.longest_shared_passages(con, [(int(a), int(b)) for a, b in zip(pairs.id_a, pairs.id_b)])
    pairs = pairs.drop(columns=["id_a", "id_b"]).assign(passage_chars=longest)
    pairs = pairs[pairs.passage_chars >= COPY_MIN_CHARS]
    return pairs.sort_values(["passage_chars", "shared_chars"], ascending=False, kind="stable").reset_index(drop=True)


# a line of its own that heads what follows: short, no sentence end (「2.主要负责人履职，“第一责任人”要求落地见效」)
HEADING_MAX = 40


def headed_duty(achievements: pd.DataFrame) -> pd.DataFrame:
    """township, year, text: the paragraphs under a sub-heading of the achievements that names the leaders'
    duty (「（一）党政主要负责人履行推进法治建设第一责任人职责情况」, 「2.主要负责人履职，…」), up to the next
    sub-heading of its level or above (its own numbered sub-points stay in it; a data line 「全年执法检查：158次」
    is no heading) — the duty in a part of its own, not in the body (泾县/铅山县 review: 茂林镇 and 鹅湖镇 were
    said to have written it in the body)."""
    rows = []
    for r in achievements.itertuples(index=False):
        under: list[str] | None = None
        level = 0
        for line in (ln.strip() for ln in str(r.text).splitlines()):
            if not line:
                continue
            if len(line) <= HEADING_MAX and "。" not in line and not DATA_LINE.search(line):
                this = heading_level(line)
                if under is not None and this > level:
                    under.append(line)  # a sub-point of the duty part
                    continue
                under, level = ([], this) if area_cues.DUTY_IN_BODY.search(line) else (None, 0)
                if under is not None:
                    rows.append((r.township, r.year, under))
            elif under is not None:
                under.append(line)
    return pd.DataFrame([(t, y, "\n".join(lines)) for t, y, lines in rows if lines], columns=["township", "year", "text"])


DATA_LINE = re.compile(r"[：:]\s*[约近]?\d")  # a figure line 「全年执法检查：158次」, no heading


UNNUMBERED_LEVEL = 5  # a sub-heading without a number sits under every numbered one


def heading_level(line: str) -> int:
    """How deep a sub-heading's numbering sits, as the report's structure reads it
    (:func:`analysis.parse.structure.heading_of`: 一、 1, （一） 2, 1. / 1、 3, （1） 4), else :data:`UNNUMBERED_LEVEL`."""
    found = heading_of(line)
    return found[0] if found else UNNUMBERED_LEVEL


def _plans(con, filters: Filters, problem_rows: pd.DataFrame) -> pd.DataFrame:
    """quotes.plan_lines of the scope's plans against every problem raised in it (register or not): the plans of its
    last year only — in a brief of several years a township's plans for a year already past (代家坝镇's plans of 2022
    for 2023, no later report) are no next year's work (reading 19)."""
    where, params = filters.where()
    plans = con.execute(
        f"""SELECT r.township, r.year, i.text FROM items i JOIN reports r ON r.id = i.report_id
            WHERE i.kind = 'plan' AND {where} ORDER BY r.township, r.year, i.ord""",
        params,
    ).df()
    if plans.year.notna().any():
        plans = plans[plans.year == plans.year.max()]
    return quotes.plan_lines(plans, problem_rows[["cluster", "label", "register", "text", "township", "year"]])


def is_township_level(name: str, province: str = "") -> bool:
    """镇, 乡, 民族乡, 街道, 苏木, and 北京's 地区 — not a 新区, 开发区, 工业园, 林场 or 管理区 of the gazetteer."""
    if NOT_TOWNSHIP_LEVEL.search(name) or name in GENERIC_TOWNSHIPS:
        return False
    return bool(TOWNSHIP_LEVEL.search(name) or (province in AREA_OFFICE_PROVINCES and AREA_OFFICE.match(name)))


def _same_unit(name: str) -> set[str]:
    """The names a unit's report may go by: 东坝地区 reports as 东坝地区 or 东坝乡."""
    office = AREA_OFFICE.match(name)
    return {name, f"{office['stem']}乡"} if office else {name}


def _county_places(counties: tuple[str, ...]) -> list[gazetteer.Place]:
    """The gazetteer's places (units below a county) of ``counties``."""
    return [p for places in gazetteer.load().townships.values() for p in places if p.county in counties]


def _unplaced(con, counties: tuple[str, ...], year: int | None) -> pd.DataFrame:
    """township, year, file: stored reports of a township the county has (gazetteer) whose county
    could not be told (朱口镇 is in 太康县 and 泰宁县, and the text names neither): not in the brief
    until the office says whose it is, but never silently counted as not reported."""
    columns = ["township", "year", "file"]
    if not counties:
        return pd.DataFrame(columns=columns)
    towns = sorted({p.township for p in _county_places(counties)})
    if not towns:
        return pd.DataFrame(columns=columns)
    found = con.execute(
        "SELECT township, year, file FROM reports WHERE county IS NULL AND list_contains(?, township)"
        + (" AND year = ?" if year else "")
        + " ORDER BY year, township, file",
        [towns, year] if year else [towns],
    ).fetchall()
    return pd.DataFrame(found, columns=columns)


def _missing(counties: tuple[str, ...], reports: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """county, township: the county's township-level units (gazetteer and
    data/gazetteer_extra.csv; :func:`is_township_level`) with no report (for the year when one
    is chosen; 北京's 东坝地区 has reported when 东坝乡 has); a place data/gazetteer_extra.csv retires
    by the year (the latest year of the reports in a multi-year brief) is not listed."""
    if not counties:
        return pd.DataFrame(columns=["county", "township"])
    reported = set(reports.township.dropna())
    rows = sorted({(p.county, p.township) for p in _county_places(counties) if is_township_level(p.township, p.province)})
    latest = year or (int(reports.year.max()) if "year" in reports and reports.year.notna().any() else None)
    rows = gazetteer.expected_in(latest, rows)  # a township merged away by then is asked for nothing
    return pd.DataFrame([(c, t) for c, t in rows if not _same_unit(t) & reported], columns=["county", "township"])


def _areas(con, filters: Filters, *, avoid=(), by_year: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per assessed area: which townships' achievements address it, a quoted example (a
    sentence no earlier area, nor any of ``avoid`` — the sentences other parts quote — quotes),
    which say nothing; the done figures of the area summed by metric with the top townships;
    the figures per township × metric (× year with ``by_year``) for the appendix."""
    mapping = theme_areas()
    ach = tables.items(con, filters, kind="achievement")
    tagged = _achievement_themes(con, filters)
    coverage = area_coverage(con, filters)  # the one definition of covering an area and of 未涉及
    rows, used = [], {quotes.core(s) for s in avoid if s}
    for area in AREAS_ORDER:
        themes = {t for t, a in mapping.items() if a == area}
        counts = coverage[coverage.area == area]
        doing, silent = sorted(counts[counts.achievements > 0].township), sorted(counts[counts.achievements == 0].township)
        hits = tagged[tagged.theme.isin(themes)]
        texts = ach.merge(hits[["report_id", "ord"]].drop_duplicates(), on=["report_id", "ord"])
        township, year, example = _example_sentence(texts, themes, used, duty_area=area == DUTY_AREA)
        # (蔚县 reading: 「具体做法见其报告」 is no sentence an office sends: a sentence quoted elsewhere, or longer, will do)
        if not example:
            township, year, example = _example_sentence(texts, themes, set(), duty_area=area == DUTY_AREA, longest=EXAMPLE_MAX_RELAXED)
        used.add(example)
        rows.append((area, "、".join(doing), len(doing), "、".join(silent), example, township, year))
    areas = pd.DataFrame(rows, columns=["area", "townships", "n_townships", "silent", "example", "example_township", "example_year"])
    figures = township_metrics(con, filters)  # the done figures, as 乡镇对比 and its export show them
    if by_year:  # a multi-year brief adds up each year on its own: never one township's three years beside another's one
        years = sorted(int(y) for y in tables.report_index(con, filters).year.dropna().unique())
        per_year = [township_metrics(con, replace(filters, years=(y,), year_range=None)).assign(year=y) for y in years]
        per_year = [f for f in per_year if len(f)]
        figures = pd.concat(per_year, ignore_index=True) if per_year else figures.assign(year=None)
    else:
        figures = figures.assign(year=0)
    figures = figures[~figures.metric.isin(NOT_ACHIEVEMENTS)]
    figures = figures.assign(area=figures.metric.map(metric_areas()).fillna("").replace("", "其他"))
    figures = figures.assign(total_text=_as_written(figures, tables.indicators(con, filters), by_year=by_year))
    summed = county_sums(figures)
    return areas, _evidence(con, filters, figures, by_year=by_year), summed


def county_sums(figures: pd.DataFrame) -> pd.DataFrame:
    """area, metric, unit, year, total, approx, total_text, reports, townships, top, kind: the townships'
    totals (``figures``: area, metric, unit, year, township, total, approx, total_text, reports, kind)
    added up per metric × unit (× year: 0 in a one-year brief); within an area the metrics of most townships
    first, then the largest, each metric's years in order and its largest unit first.
    ``total_text`` is one figure with one approximation word when any part is approximate
    (:func:`_sum_text`: 约4500 and 5800余 make 「约10300」, 40余 and 18 make 「58余」, never
    「40余场加18」); ``townships``: how many townships the metric's total (all
    units) holds; ``top``: :func:`_top_townships` of the metric (in that year)."""
    keys = ["area", "metric", "unit", "year"]
    rows = []
    for key, group in figures.groupby(keys, sort=False):
        approx = group.approx.astype(bool)
        rough, exact = group[approx].total.sum(), group[~approx].total.sum()
        words = {"约" if t.startswith("约") else "多" if t.endswith("多") else "余" for t in group[approx].total_text.astype(str)}
        rows.append((*key, rough + exact, bool(rough), _sum_text(rough, exact, key[2], words), int(group.reports.sum())))
    summed = pd.DataFrame(rows, columns=[*keys, "total", "approx", "total_text", "reports"])
    summed = summed.sort_values(["area", "year", "total"], ascending=[True, True, False], kind="stable")
    towns = figures.groupby(["metric", "year"]).township.nunique()
    summed["townships"] = [int(towns.get((m, y), 0)) for m, y in zip(summed.metric, summed.year)]
    top = {}
    for year, mine in figures.groupby("year", sort=False):
        for metric, said in _top_townships(mine, summed[summed.year == year]).items():
            top[(metric, year)] = said
    summed["top"] = [top.get((m, y), "") for m, y in zip(summed.metric, summed.year)]
    kinds = dict(zip(figures.metric, figures.kind)) if "kind" in figures else {}
    summed["kind"] = [kinds.get(m, "flow") for m in summed.metric]
    # within an area the metrics most townships report first, then the larger (泾县 review: 参训人次 of two
    # townships put 法治培训 of three out of the four shown)
    reach = summed.groupby("metric").townships.transform("max")
    size = summed.groupby("metric").total.transform("sum")
    summed = summed.assign(_reach=-reach, _size=-size).sort_values(
        ["area", "_reach", "_size", "metric", "year", "total"], ascending=[True, True, True, True, True, False], kind="stable"
    )
    return summed.drop(columns=["_reach", "_size"]).reset_index(drop=True)


def _sum_text(rough: float, exact: float, unit: str, words: set[str] = frozenset()) -> str:
    """A county total as written: 「58」, or, when any part of it is approximate, one figure
    with one approximation word: 「约10300」 when any part was 约 (约4500 and 5800余 make 约10300:
    the sum of an estimate is an estimate), else 「58多」 when every approximate part was 多,
    else 「58余」 (40余 and 18 make 58余: more than 58). ``words``: the approximation words of
    the approximate parts (:func:`approx_word`; 余 when not given)."""
    total = rough + exact
    if not rough:
        return f"{total:g}"
    if "约" in words:
        return f"约{total:g}"
    return f"{total:g}多" if words == {"多"} else f"{total:g}余"


def approx_word(sentence: str, value, unit: str) -> str:
    """How ``sentence`` marks the figure ``value`` ``unit`` approximate: 「约」 (约4500份, 近300人,
    300人左右), 「多」 (60多条), 「余」 (230余次, 1万余份, 逾200人, 超过2万人次: at least), "" when it
    is written plain or not found."""
    figure = _figure_text(sentence, value, unit)
    if not figure:
        return ""
    at = sentence.find(figure)
    before, after = sentence[max(0, at - 2) : at], sentence[at + len(figure) : at + len(figure) + 2]
    if before.endswith(("约", "近")) or after.startswith(("左右", "上下")):
        return "约"
    if "多" in figure:
        return "多"
    if "余" in figure or before.endswith(("逾", "超过")):
        return "余"
    return ""


def _as_written(figures: pd.DataFrame, indicators: pd.DataFrame, *, by_year: bool) -> list[str]:
    """Each township total of ``figures`` with the approximation word its report used
    (:func:`approx_word` of its approximate done figures; one figure keeps its own word, a sum
    of several is 约 when any was 约, 多 when all were 多, else 余): 「约4500」 stays 约4500, never
    4500余 (``total_text`` of township_metrics writes 余 for every approximate total)."""
    done = indicators[(indicators.role == "done") & indicators.approx.astype(bool)]
    keys = ["township", "year", "metric", "unit"] if by_year else ["township", "metric", "unit"]
    words = {
        key: {w for w in (approx_word(str(e or ""), v, u) for e, v, u in zip(g.evidence, g.value, g.unit)) if w}
        for key, g in done.groupby(keys)
    }
    out = []
    for row, text in zip(figures[keys].itertuples(index=False), figures.total_text):
        if not str(text).endswith("余"):
            out.append(text)
            continue
        said = words.get(tuple(row), set())
        total = str(text).removesuffix("余")
        out.append(f"约{total}" if "约" in said else f"{total}多" if said == {"多"} else text)
    return out


def _top_townships(figures: pd.DataFrame, summed: pd.DataFrame, *, most: int = 3) -> dict[str, str]:
    """metric → the ``most`` townships with the largest figure of it, each with its totals in
    every unit (in ``summed``'s unit order): 「万宝桥街道16场、2期，佟二堡镇8场、40余条」."""
    order = {(m, u): n for n, (m, u) in enumerate(zip(summed.metric, summed.unit))}
    out = {}
    for metric, group in figures.groupby("metric"):
        towns = []
        for township, mine in group.groupby("township"):
            mine = mine.assign(rank=[order.get((metric, u), 0) for u in mine.unit]).sort_values("rank", kind="stable")
            towns.append((-mine.total.max(), township, "、".join(f"{t}{u}" for t, u in zip(mine.total_text, mine.unit))))
        out[metric] = "，".join(f"{t}{said}" for _, t, said in sorted(towns)[:most])
    return out


def _evidence(con, filters: Filters, figures: pd.DataFrame, *, by_year: bool = False) -> pd.DataFrame:
    """township, year (None unless ``by_year``), metric, unit, total_text, figures, evidence: each
    township's total of a metric (as summed above; of each year with ``by_year``), how many done
    figures entered it, and every sentence that gave one (:func:`figure_sentences`), so the
    table never shows a total beside a sentence holding another number."""
    keys = ["township", "year", "metric", "unit"] if by_year else ["township", "metric", "unit"]
    done = tables.indicators(con, filters)
    done = done[(done.role == "done") & (done.kind != "rate") & (done.unit != "%") & done.metric.isin(set(figures.metric))]
    done = done.sort_values(["year", "value"], ascending=[False, False], kind="stable")
    rows: dict[tuple, list[tuple]] = {}  # (key → its figures, in order) in one pass, not a DataFrame a group
    for *key, kind, value, unit, evidence in zip(*(done[k] for k in keys), done.kind, done.value, done.unit, done.evidence):
        rows.setdefault(tuple(key), []).append((kind, value, unit, evidence))
    said = {key: _figure_sentences(figures) for key, figures in rows.items()}
    out = figures[[*keys, "total_text"]].reset_index(drop=True)
    found = [said.get(tuple(k), (0, "")) for k in out[keys].itertuples(index=False)]
    out["figures"] = [n for n, _ in found]
    out["evidence"] = [e for _, e in found]
    if not by_year:
        out.insert(1, "year", None)
    return out.sort_values(["township", "year", "metric", "unit"]).reset_index(drop=True)


def figure_sentences(done: pd.DataFrame) -> tuple[int, str]:
    """(figures, text): the done figures of one township × metric × unit (kind, value, unit,
    evidence; the latest year and the largest first) that make its total — every one of a flow,
    the largest of a stock — and their sentences cut around each figure
    (:func:`quotes.around`), each after its figure when there are several:
    「12次：全年集中学法12次；6次：……传达学习……重要论述6次」."""
    return _figure_sentences(list(zip(done.kind, done.value, done.unit, done.evidence)))


def _figure_sentences(figures: list[tuple]) -> tuple[int, str]:
    """:func:`figure_sentences` of (kind, value, unit, evidence) tuples."""
    used = figures[:1] if all(kind == "stock" for kind, *_ in figures) else figures
    parts: dict[str, list[str]] = {}  # sentence cut → the figures it gave
    for _, value, unit, evidence in used:
        sentence = str(evidence or "")
        figure = _figure_text(sentence, value, unit)
        shown = figure or f"{float(value):g}"
        parts.setdefault(quotes.around(sentence, figure, EVIDENCE_MAX), []).append(shown if shown.endswith(unit) else shown + unit)
    if len(used) == 1:
        return 1, next(iter(parts))
    return len(used), "；".join(f"{'、'.join(figs)}：{cut}" for cut, figs in parts.items())


def _figure_text(sentence: str, value, unit: str) -> str:
    """How ``sentence`` writes the figure ``value`` ``unit``: 「28件」「30余次」「1万余份」「15」 (the first
    of these found), "" when none is."""
    if value is None or pd.isna(value):
        return ""
    n = f"{float(value):g}"
    wan = f"{float(value) / 10000:g}万"
    for text in (f"{n}{unit}", f"{n}余{unit}", f"{n}多{unit}", f"{wan}余", f"{wan}", n):
        if text in sentence:
            return text
    return ""


# a sentence that only breaks down or goes on from the one before it
PART_OPENING = re.compile(r"其中|其余|另有|此外还|同时还")
OVER_YEARS = re.compile(r"(?:自|从)?20\d\d年[^，。；]{0,16}以来|累计|历年|近[两三四五几]年|多年来")


EXAMPLE_MAX = 80  # characters of an area's example sentence
EXAMPLE_MAX_RELAXED = 120  # …when no sentence that short says what was done


def _example_sentence(
    texts: pd.DataFrame, themes: set[str], used: set[str], *, duty_area: bool = False, longest: int = EXAMPLE_MAX
) -> tuple[str, int | None, str]:
    """(township, year, sentence): a sentence saying what was done in the area — about the
    area by what it does (:func:`analysis.parse.areas.sentence_themes`), about it alone first,
    a counted one first, 12 to 80 characters and near 45, none an earlier area or another part
    quoted. Never a paragraph's sub-heading (:func:`quotes.headline`), a sentence saying what is
    lacking (:data:`quotes.SHORTFALL`: an achievement paragraph may hold the problems; a shortfall
    of last year said remedied, :data:`quotes.REMEDIED`, is what was done), nor,
    outside the 第一责任人 area, the principal leaders' own duty (part 三 quotes it)."""
    rules = area_cues.cues()
    best, best_key = ("", None, ""), None
    prefixes = tuple(u for u in used if u)  # (str.startswith of a tuple: one call, not one a quoted part)
    for township, year, text in zip(texts.township, texts.year, texts.text):
        heading = quotes.headline(text)
        for s in map(quotes.quotable, quotes.sentences(text)):
            if not 12 <= len(s) <= longest or s == heading or s in used or (prefixes and s.startswith(prefixes)):
                continue
            if PART_OPENING.match(s):  # 铅山县 review: 「其中劳资纠纷29件、…」 quoted without the total it breaks down
                continue
            if (quotes.SHORTFALL.search(s) and not quotes.REMEDIED.search(s)) or (not duty_area and quotes.leaders_duty(s)):
                continue
            about = set(area_cues.sentence_themes(s, rules=rules))
            # (the year's own work before a count over several years: 「自2021年…以来，累计审查…二百余件」, twenty-second reading)
            key = (about <= themes, not OVER_YEARS.search(s), any(ch.isdigit() for ch in s), -abs(len(s) - 45))
            if about & themes and (best_key is None or key > best_key):
                best, best_key = (township, year, s), key
    return best


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
    """What the office may ask of the townships about their reports (the quality section), each
    to be read after 「建议」."""
    out = []
    if len(b.missing) and prose.most_missing(b):  # the first thing to ask: most townships sent nothing
        out.append(
            f"将报告报送作为首要督办事项，点名督促{len(b.missing)}个未报送的乡镇（街道）（{'、'.join(b.missing.township)}）"
            "限期补报年度法治政府建设情况报告"
        )
    elif len(b.missing):
        out.append(f"督促{len(b.missing)}个未报送的乡镇（街道）补报年度法治政府建设情况报告")
    if len(b.late):
        out.append(f"对{len(b.late)}份逾期报送的报告予以通报，严格执行一季度报送、4月1日前公开的时限要求")
    missing_parts = b.parts[b.parts.missing_parts != ""]
    if len(missing_parts):
        out.append(f"要求{len(missing_parts)}份缺少规定内容的报告按要求补齐")
    cross = b.copies[b.copies.relation == "跨乡镇"] if "relation" in b.copies else b.copies.iloc[:0]
    if len(cross):
        out.append(f"提醒{len(cross)}对有成段相同文字的报告所在乡镇如实撰写报告，避免照抄照搬")
    if len(b.unfollowed):
        out.append(f"将{len(b.unfollowed)}个乡镇（街道）上年计划中未见落实的事项纳入年度督查")
    return out


def scope_of(filters: Filters) -> tuple[tuple[str, ...], int | None]:
    """(counties, year) of the dashboard's filters: the year when they cover exactly one."""
    years = filters.years or (tuple(range(filters.year_range[0], filters.year_range[1] + 1)) if filters.year_range else ())
    return tuple(filters.counties), (years[0] if len(years) == 1 else None)


def unreported_townships(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """county, township: township-level units of the filtered counties (gazetteer and
    data/gazetteer_extra.csv) with no stored report for the filtered year (any year when the
    filters cover several)."""
    counties, year = scope_of(filters)
    return _missing(counties, tables.reports(con, brief_filters(counties, year)), year)


def brief_for(
    con: duckdb.DuckDBPyConnection, filters: Filters, addressee: str = "", sender: str = "", signed: dt.date | None = None
) -> bytes:
    """The .docx brief for the dashboard's filters (counties, and the year when one is chosen)."""
    counties, year = scope_of(filters)
    made = build_brief(con, counties=counties, year=year)
    return brief_docx(replace(made, addressee=addressee, sender=sender, signed=signed))


def brief_docx(b: Brief) -> bytes:
    """The brief as an editable .docx (see :mod:`analysis.brief.prose` and :mod:`analysis.brief.document`)."""
    appendix = [] if b.empty else prose.appendix_tables(b)
    return document.write(prose.title(b), prose.blocks(b), appendix, charts.charts(b), properties=prose.properties(b), annex=prose.annex(b))
