"""Regular expressions of the report genre, compiled once, each with a real line it matches.

Text reaching these patterns is normalised (:mod:`analysis.read.textclean`): brackets and
colons are full-width (（一） ：), digits are half-width.
"""

from __future__ import annotations

import re

CN_DIGIT = "一二三四五六七八九十"
CN_NUM = "〇零○一二三四五六七八九十百千万两"

# ---------------------------------------------------------------- headings
# "一、工作开展情况"  "二．存在的问题"  "第三部分 下步打算"
H1 = re.compile(rf"^(?:第)?([{CN_DIGIT}]{{1,3}})(?:[、．.，]|部分)\s*(.+)$")
# "（一）强化法治学习，增强法治思维"
H2 = re.compile(rf"^（([{CN_DIGIT}]{{1,3}})）[、．.]?\s*(.+)$")
# "1.坚持把学习贯彻习近平法治思想摆在首位"  "1、强化组织领导"  (not "12.4”国家宪法日")
H3 = re.compile(r"^(\d{1,3})(?:[.．、](?!\d)|\s)\s*(.+)$")
# "（1）、依法全面履行工作职能。"
H4 = re.compile(r"^（(\d{1,3})）[、．.]?\s*(.+)$")
HEADING_STYLES: tuple[re.Pattern[str], ...] = (H1, H2, H3, H4)
# the first character of any heading above
HEADING_LEADS = frozenset(CN_DIGIT + "第（0123456789")

# a line that is a whole sentence or an open clause, not a heading: "…氛围。" "…如下："
CLAUSE_END = re.compile(r"[。；：！？，、]$")

# ---------------------------------------------------------------- header and signature
# "中共高楠镇委员会"  "重庆市万州区长坪乡人民政府"  "大张楼镇人民政府"
ORG_LINE = re.compile(
    r"^(?:中共)?[\u4e00-\u9fff（）]{2,30}?(?:委员会|人民政府|街道办事处|办事处|党委|政府|党工委|管委会|管理委员会|司法所|局)$"
)
# "县委依法治县办："  "区委依法治区办："  "县法治办："
ADDRESSEE = re.compile(r"^([\u4e00-\u9fff（）、，,]{2,40}?)[：:]$")
# "索引号：11500229…"  "发布机构：城口县高楠镇"  "成文日期：2023-01-05"
WEB_FIELD = re.compile(
    r"^(索引号|发布机构|发文机关|成文日期|发布日期|生效日期|标题|文号|发文字号|主题分类|公文种类|主题词|来源|浏览次数|字号)[：:]\s*(.*)$"
)
# "2024年3月20日"  "二〇二三年二月十八日"  "2023-02-18"
DATE = re.compile(rf"(\d{{4}}|[{CN_NUM}]{{4}})\s*年\s*(\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*月\s*(\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*日")
ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
DATE_LINE = re.compile(
    rf"^[（(]?(?:\d{{4}}|[{CN_NUM}]{{4}})\s*年\s*(?:\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*月\s*(?:\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*日[）)]?$|^\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}$"
)
# "5" or "- 3 -" left over from a page footer
PAGE_NUMBER_LINE = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,3}\s*页?[-—–\s]*$")
# "关于高楠镇2022年法治建设情况的报告"  "桑柘镇2021年度法治政府建设报告"
TITLE_WORDS = re.compile(r"报告|汇报|总结|情况|述职")

# ---------------------------------------------------------------- years and places
# "2022年" "二〇二二年度" (a reported year, not 2020-2025年)
YEAR = re.compile(
    r"(?<![\d\-—–至到~～])((?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})\s*年(?!\s*\d{1,2}\s*月\s*\d)(?![-—–至到~～])"
)
# "高楠镇" "长坪乡" "龙门街道" at the end of a candidate run
TOWNSHIP_SUFFIX = re.compile(r"(?:镇|乡|街道)")
# "城口县" "万州区" "合水县" "彭水苗族土家族自治县" at the end of a candidate run
COUNTY_SUFFIX = re.compile(r"(?:县|区|市|旗)")
# "法治嘉祥" "平安合水" — a county's short name after a campaign word
CAMPAIGN_NAME = re.compile(r"(?:法治|平安|法治政府|依法治)([\u4e00-\u9fff]{2,3})(?=[”’\"」』]|建设|创建)")

# ---------------------------------------------------------------- items
# "一是执法力量相对薄弱。" "二要落实行政执法" "①…" — an inline enumeration marker
INLINE_MARK = re.compile(
    rf"(?:(?<=^)|(?<=[。；;：，\s]))(?:([{CN_DIGIT}]{{1,2}})(?:是|要|则|者)|([①②③④⑤⑥⑦⑧⑨⑩])|第([{CN_DIGIT}]{{1,2}})[，、,]|（([{CN_DIGIT}\d]{{1,2}})）)"
)
# a paragraph that starts with any enumeration: "（一）" "1." "一是" "一要" "①"
LEAD_MARK = re.compile(
    rf"^(?:([{CN_DIGIT}]{{1,2}})(?:是|要|则)|（([{CN_DIGIT}\d]{{1,3}})）[、．.]?|(\d{{1,3}})[.．、](?!\d)|([{CN_DIGIT}]{{1,2}})[、．.]|([①②③④⑤⑥⑦⑧⑨⑩])|第([{CN_DIGIT}]{{1,2}})[，、,])\s*"
)
# "但也存在一些问题：一是…" — problems stated inline where there is no problems heading
INLINE_PROBLEMS = re.compile(r"(?:存在|还有|仍有|也有|面临)[^。：]{0,24}?(?:问题|不足|短板|差距|薄弱环节|困难)[^。：]{0,24}?[：]")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

# ---------------------------------------------------------------- indicators
# "3500多份" "1.2万份" "八千余份" "20余场次" "17场（次）" "500余人/次" "100%"
# (the look-ahead lets the scan skip quickly to the next digit or numeral)
QUANTITY = re.compile(
    rf"(?=[\d{CN_NUM}])"
    rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUM}]+)"
    r"(?P<wan>万)?"
    r"(?P<approx>余|多|来|左右)?"
    r"(?P<unit>%|％|场（次）|场/次|场次|人/次|人次|件次|户次|次|场|人|名|份|条|个|件|期|处|支|户|起|幅|块|张|册|本|篇|项|家|所|间|批|轮|堂|课时|小时|万元|元|套|台|位|余人|座|块|个村|村)"
)
# up to two of these right before a number are its lead-in: "共计3500份" "近200人" "超过10场"
QUANTITY_LEAD = "近约逾超过共计累计达"
# the character before a number that makes it an ordinal or a date: "第六次" "每个" "2022年"
NOT_A_COUNT_BEFORE = re.compile(r"[第每届号年月日\d.]$")
# units that, with what follows, name a thing rather than count it: "三项制度" "一件一件" (used with .match)
FIXED_PHRASE_AFTER = re.compile(r"(?:制度|机制|清单|原则|工作法|融合|到位|公开|一[件条个项])")
# context window boundaries for an indicator
CLAUSE_ENDS = "。；！？\n"
CLAUSE_SPLIT = re.compile(f"[{CLAUSE_ENDS}]")
