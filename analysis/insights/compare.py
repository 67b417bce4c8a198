"""Township comparisons on concrete work done (the counted indicators marked done)."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.parse.indicators import OTHER_METRIC
from analysis.storage.filters import ALL, Filters
from analysis.storage.store import frame

# the figures every view, export and the brief sum: done, not a rate. A flow sums over reports
# and years; a stock (法律顾问 1名, 法律明白人 66名) is each township's latest year, the largest
# figure that year's report gives (现有 40名, not 现有 40名 + 新培养 10名).
# SUMMED makes ``x``, the figures summed, of ``x0`` (done figures, each with its ``rank``): a figure a report
# states twice (a 数据统计 line and its sentence: 「联合检查：38次」 and 「开展联合检查38次」) is one figure — same
# report, metric, unit and value — but a value listed again after 、/和 in one sentence is another figure (「在三个村分别开展
# 培训3场、2场和2场」 is 7 场, not 5: 淅川县 reading 23; not 「应考86人，实考86人」 or 「化解399件…回访399件」); of a report's
# metric and unit only the figures of its best rank count:
# a line of a 主要数据 / 数据统计 block (「集中学法：39次」「合同审查：177份」) is the township's own total of the
# year, so the text's figures of it are not added to it (in any unit: the duty's 「审定重大合同12份」 is part of
# the achievements' 「审查合同文件47件」) (港口镇 2023: 14 + 25 in the text and 39 in the block
# were summed to 78); a figure of the 第一责任人 section (「镇长带队开展执法检查6次」) or of the problems section
# (「虽然今年送法进企业达到12场，但…」) counts only where the report's other sections give none of its metric
# (the leaders' part of work the achievements already count; a problem restating part of the
# year's work). indicator_trend sums with it too; its x0 takes ``rank`` from SUM_RANK (``s``: the figure's
# section, ``x`` the indicator).
# (last year's figure in brackets after it, 「审查合同：63份（上年56份）」, 沂南县 reading)
# (another year's figure after a slash: 「集中学法（含会前学法）：24次/20次」 under 「（2023年/2022年）」, N40)
# (a figure aligned after its label with spaces, read as one: 「集中学法　　　34次」 under 「主要指标完成情况：」, N42)
DATA_LINE = (
    r"^[^，。；：:0-9 ]{2,14}(?:[：:]\s*|\s+)[约近]?[0-9][0-9.]*[余多]?[^0-9，。；（(/]{0,4}"
    r"(?:/[约近]?[0-9][0-9.]*[余多]?[^0-9，。；（(/]{0,4})?(?:[（(][^（）()，。；]{1,16}[）)])?$"
)
# a row of a table of figures (analysis.parse.indicators.table_rows): 「| 集中学法 | 次 | 18 | 20 |」, 「1  集中学法（次）  24  26」,
# and cells between bars with no outer bars: 「集中学法（次）｜18｜35」, 「【数据】专题研究法治建设8次｜集中学法24次」 (N42: the
# body's 11 + 24 sessions and the table's 35 were summed to 70)
TABLE_LINE = (
    "^[|｜].*[|｜]$|[\u4e00-\u9fff）)][ \u3000]{2,}[约近]?[0-9]"
    "|^[^，。；|｜]{1,30}[|｜][^，。；|｜]{0,30}[0-9][^，。；|｜]{0,30}(?:[|｜][^，。；|｜]{1,30})*$"
)
# which figures of a report's metric are summed: those of its best rank in their unit (0 a data line or a table row,
# 1 the achievements, 2 the 第一责任人 and problems sections; a block's 执法检查：254次 leaves the text's 检查企业186家次,
# N34), and those of rank 2 only where no other section counts the metric in any unit (「镇长审定…12份」 beside 「审查
# 合同协议等47件」 is part of them, 临澧县 review)
SUM_RANK = (
    f"CASE WHEN regexp_matches(x.evidence, '{DATA_LINE}') OR regexp_matches(x.evidence, '{TABLE_LINE}') THEN 0 "
    "WHEN coalesce(s.kind IN ('duty', 'problems'), FALSE) THEN 2 ELSE 1 END AS rank"
)
# …but a leader's lectures in another unit are training of their own: 「带头讲授法治专题党课2次」 in the duty section beside the
# achievements' 「举办法治专题培训4期」 (the sets' writers add them: 60 of their year totals of 法治培训 were short of them)
OWN_LECTURES = "('法治培训')"
# A report's dispute caseload at each stage is its largest figure of it: the other figures of the stage
# are kinds of dispute (调处山林纠纷44起 of the year's 调处130起), a leader's or an adviser's part in them
# (包案化解1起, 参与纠纷调处14起) or the year's figure again — summed, a stage outgrew the one before it
# (德化县 review: 排查132起 and 化解168起, 调解188起). So are its petitions, received and closed: 积案化解 and 包案 are of
# them (阜宁县 review; a backlog resolved, 包案化解信访积案3件, is 信访办结 since N17);
# and its penalty cases: 「查处违法用地6起、违章建设9起，办理行政处罚案件18件」 counts 18 cases (铅山县 review); and its
# lawsuits and reviews: 「发生行政诉讼案件3件，已审结的2件均胜诉」 counts 3 (N46).
# …except figures a sentence says are besides the caseload (「另承接县法院委派的诉前调解案件36件，成功调解31件」, N46): added
BESIDES = "^(?:另|此外|另外)[，,]?(?:还)?(?:承接|受理|办理|调处|调解|化解|协助|配合|参与|接待|开展)"
CASELOAD = ("矛盾纠纷排查", "矛盾纠纷调解", "矛盾纠纷化解", "信访", "信访办结", "行政处罚", "行政诉讼", "行政复议")
# …except cases a procedure names right before their count, which are parts of no total: 「一般程序行政处罚案件53件、
# 简易程序案件210件」, also in two clauses (岳西县 review: 「一般程序案件38件…；适用简易程序处罚73件」)
BY_PROCEDURE = "(?:简易|一般|普通)程序[^，。；、0-9]{0,12}"
# A stock listed by level in one sentence (「全镇现有省级民主法治示范社区1个、市级示范社区（村）4个」) is one
# level of their sum, 5 (铅山县 review: the largest, 4, was shown): the sentence's sum joins its figures — not where
# the sentence states the total itself after the levels (「…市级示范村4个，示范村总数达到5个」; a 累计 before them is of
# another count: 「街道累计培育“法律明白人”310名，…创建省级民主法治示范社区2个、市级3个」, 沂南县 reading)
LEVELS = r"(?:(?:国家|省|市|县|区|镇|乡)级|专职|兼职)"  # 「专职调解员4名、兼职调解员16名」
STATED_TOTAL = "总数|总计|合计|共计|共有|累计|达到"
# A flow told quarter by quarter in one sentence with no total (「调解纠纷分季度为：一季度23件、二季度31件、三季度27件、
# 四季度25件」) is the quarters' sum, 106, as one figure (沂南县 reading: the caseload's largest, 31, was shown; and
# 「一季度3次、二季度2次、三季度3次、四季度2次」 lost its repeated values to the restatement rule below, 5 of 10)
QUARTERS = "[一二三四1-4]季度[^。；]*[一二三四1-4]季度"
QUARTERS_TOTAL = "总数|总计|合计|共计|共有|累计|全年共"  # (not 达到: 「均达到每季度不少于2次的要求」 is no total)
# …or quarter by quarter in clauses of their own (「…情况：一季度排查42件、化解40件；二季度排查51件、化解49件；…」, reading 15:
# the largest quarter, 55, was shown as the year's): clauses that each open with their quarter, of one report's metric
QUARTER_CLAUSE = "^(?:[^，。；：]{0,20}：)?[一二三四1-4]季度"
SUMMED = f"""
    told AS (SELECT report_id, metric, unit, min(rank) AS top, min(min(rank)) OVER (PARTITION BY report_id, metric) AS anywhere
             FROM x0 GROUP BY report_id, metric, unit),
    xc AS (SELECT x0.*, kind = 'flow' AND regexp_matches(evidence, '{QUARTER_CLAUSE}')
                  AND NOT regexp_matches(evidence, '{QUARTERS_TOTAL}') AS quarter_clause
           FROM x0 JOIN told t ON t.report_id = x0.report_id AND t.metric = x0.metric AND t.unit = x0.unit AND x0.rank = t.top
           WHERE x0.rank < 2 OR t.anywhere = 2 OR x0.metric IN {OWN_LECTURES}),
    xq AS (SELECT xc.* EXCLUDE (rank, quarter_clause),
                  CASE WHEN quarter_clause AND count(DISTINCT evidence) FILTER (WHERE quarter_clause)
                                                OVER (PARTITION BY report_id, metric, unit) > 1 THEN '季度'
                       WHEN kind = 'flow' AND regexp_matches(evidence, '{QUARTERS}') AND NOT regexp_matches(evidence, '{QUARTERS_TOTAL}')
                            AND count(*) OVER (PARTITION BY report_id, metric, unit, evidence) > 1 THEN evidence END AS quarters
           FROM xc),
    qt AS (SELECT * EXCLUDE (quarters) REPLACE (sum(value) OVER w AS value, bool_or(approx) OVER w AS approx) FROM xq
           WHERE quarters IS NOT NULL WINDOW w AS (PARTITION BY report_id, metric, unit, quarters)
           QUALIFY row_number() OVER (w ORDER BY value) = 1),
    xr AS (SELECT * EXCLUDE (quarters) FROM xq WHERE quarters IS NULL UNION ALL BY NAME SELECT * FROM qt),
    lv AS (SELECT * REPLACE (sum(value) OVER w AS value, bool_or(approx) OVER w AS approx) FROM xr
           WHERE kind = 'stock' AND regexp_matches(evidence, '{LEVELS}[^，。；]*[，、；][^，。；]*{LEVELS}')
                 AND NOT regexp_matches(evidence, '{LEVELS}.*(?:{STATED_TOTAL})')
           WINDOW w AS (PARTITION BY report_id, metric, unit, evidence)
           QUALIFY count(*) OVER w > 1 AND row_number() OVER (w ORDER BY value) = 1),
    x1 AS (SELECT DISTINCT ON (report_id, metric, unit, value, again) * EXCLUDE (again)
           FROM (SELECT * REPLACE (CASE WHEN again > 1 AND regexp_matches(evidence, '[、和及与]'
                                                 || CAST(CAST(value AS BIGINT) AS VARCHAR) || unit) THEN again ELSE 1 END AS again)
                 FROM (SELECT *, row_number() OVER (PARTITION BY report_id, metric, unit, value, evidence ORDER BY ord) AS again
                       FROM (SELECT * FROM xr UNION ALL BY NAME SELECT * FROM lv)))
          ORDER BY report_id, metric, unit, value, again, approx DESC),
    x AS (SELECT * EXCLUDE (top_value, besides)
          FROM (SELECT *, max(value) FILTER (WHERE NOT besides) OVER (PARTITION BY report_id, metric, unit) AS top_value
                FROM (SELECT *, regexp_matches(evidence, '{BESIDES}') AS besides FROM x1))
          WHERE metric NOT IN {CASELOAD} OR value = top_value OR besides
                OR regexp_matches(evidence, '{BY_PROCEDURE}' || CAST(CAST(value AS BIGINT) AS VARCHAR) || '[件起宗]'))"""
DONE_FIGURES = (
    """
    x0 AS (SELECT r.township, r.year, x.metric, x.kind, x.unit, x.value, x.approx, x.report_id, x.ord, x.evidence,
                  """
    + SUM_RANK.replace("{", "{{").replace("}", "}}")  # DONE_FIGURES is a format string
    + """
           FROM indicators x JOIN r ON r.id = x.report_id
           LEFT JOIN sections s ON s.report_id = x.report_id AND s.ord = x.section
           WHERE x.role = 'done' AND x.kind <> 'rate' AND x.unit <> '%' {named}),"""
    + SUMMED.replace("{", "{{").replace("}", "}}")  # (its regular expressions hold {0,12})
    + """,
    latest AS (SELECT township, metric, unit, max(year) AS year FROM x WHERE kind = 'stock' GROUP BY township, metric, unit),
    stock AS (SELECT x.township, x.metric, x.kind, x.unit, max(x.value) AS total, bool_or(x.approx AND x.value = m.top) AS approx,
                     count(DISTINCT x.year) AS years, count(DISTINCT x.report_id) AS n, NULL AS rough
              FROM x JOIN latest l ON l.township = x.township AND l.metric = x.metric AND l.unit = x.unit
                                  AND x.year IS NOT DISTINCT FROM l.year
              JOIN (SELECT township, metric, unit, year, max(value) AS top FROM x GROUP BY ALL) m
                ON m.township = x.township AND m.metric = x.metric AND m.unit = x.unit AND m.year IS NOT DISTINCT FROM x.year
              WHERE x.kind = 'stock' GROUP BY x.township, x.metric, x.kind, x.unit),
    flow AS (SELECT township, metric, kind, unit, sum(value) AS total, bool_or(approx) AS approx,
                    count(DISTINCT year) AS years, count(DISTINCT report_id) AS n, max(CASE WHEN approx THEN value END) AS rough
             FROM x WHERE kind = 'flow' GROUP BY township, metric, kind, unit),
    figures AS (SELECT * FROM flow UNION ALL SELECT * FROM stock)
"""
)


def township_metrics(con: duckdb.DuckDBPyConnection, filters: Filters = ALL, *, named_only: bool = True) -> pd.DataFrame:
    """township, metric, kind, unit, total, approx, total_text, years, reports, per_report,
    per_10k_chars: the done figures of each township's reports under the filters (see
    :data:`DONE_FIGURES`). ``approx``: a 约/余/多 figure is in the total, which ``total_text``
    then writes 「14100余」; ``years``: the report years added (1 for a stock); per_report and
    per_10k_chars (per 10,000 characters of report text) for flows only. Rates, and 其他 unless
    ``named_only`` is False, are left out."""
    where, params = filters.where()
    named = "" if not named_only else f"AND x.metric <> '{OTHER_METRIC}'"
    df = frame(
        con,
        f"""
        WITH r AS (SELECT id, township, year, chars FROM reports r WHERE {where} AND township IS NOT NULL),
        size AS (SELECT township, count(*) AS n_reports, sum(chars) AS chars FROM r GROUP BY township),
        {DONE_FIGURES.format(named=named)}
        SELECT f.township, f.metric, f.kind, f.unit, f.total, f.approx, f.rough, CAST(f.years AS BIGINT) AS years, size.n_reports AS reports,
               CASE WHEN f.kind = 'flow' THEN round(f.total / size.n_reports, 2) END AS per_report,
               CASE WHEN f.kind = 'flow' THEN round(f.total * 10000 / size.chars, 2) END AS per_10k_chars
        FROM figures f JOIN size USING (township)
        ORDER BY f.township, f.metric, f.unit""",
        params,
    )
    df.insert(6, "total_text", total_texts(df.total, df.approx, df.pop("rough")))
    return df


# an approximate figure written in thousands or ten-thousands (1.1万, 3000余) sets the precision of a total
# it is in: 1.1万 and 65 make 「11000余」, never 「11065余」
ROUGH_GRAIN = 1000


def total_texts(totals: pd.Series, approx: pd.Series, rough: pd.Series | None = None) -> list[str]:
    """「14100余」 for a total with an approximate figure in it, 「14100」 otherwise; where the largest
    approximate figure in it (``rough``) is a round thousand or more, the total is written to that
    figure's precision (「11000余」 of 1.1万 and 65)."""
    out = []
    for n, (t, a) in enumerate(zip(totals, approx)):
        top = rough.iloc[n] if rough is not None else None
        if a and top is not None and not pd.isna(top):
            grain = _grain(float(top))
            t = t - t % grain if grain >= ROUGH_GRAIN else t
        out.append(f"{t:g}{'余' if a else ''}")
    return out


def _grain(value: float) -> int:
    """The largest power of ten dividing ``value`` (1 for a value with units or a fraction): 11000 → 1000."""
    grain = 1
    while value >= grain * 10 and value % (grain * 10) == 0:
        grain *= 10
    return grain
