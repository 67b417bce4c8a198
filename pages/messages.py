"""The one place that says, in Chinese, what the analysis reports in English (upload verdicts,
report warnings, write errors). The analysis keeps its English for the command line; a reviewer
reads :func:`chinese`. Each entry is a stable part of one message (a regular expression over the
analysis' wording) and its Chinese; composed messages ("X is not in the gazetteer; county taken
from the text") are translated part by part, in the order listed.
"""

from __future__ import annotations

import re

ADMIN = "可请管理员补充地名库或人工校正表"
FIELDS = {"township": "乡镇", "county": "区县", "city": "市", "province": "省份", "year": "年度"}
WHERE = {"title or signature": "标题或落款", "text": "正文"}

# (pattern, Chinese); the Chinese may use the pattern's named groups as {name}
MESSAGES: list[tuple[str, str]] = [
    # refused files (analysis.read.reading, analysis.parse.report, analysis.storage.ingest)
    (r"^file is empty$", "文件是空的"),
    (r"^cannot be opened \(.*\)$", "文件无法打开"),
    (r"^not a regular file .*", "不是普通文件：只能读取报告文件"),
    (r"^unsupported file type (?P<s>\S+): .*", "不支持的文件类型 {s}：请使用 .txt、.docx、.pdf、.doc 或另存的网页（.html）"),
    (r"^file is (?P<mb>[\d.]+) MB .* over the (?P<lim>[\d.]+) MB limit .*", "文件 {mb} MB，超过 {lim} MB 的上限：请拆分或删去图片"),
    (r"^file is named (?P<s>\S+) but is not a valid .*", "文件扩展名是 {s}，但内容不是有效的 {s}（损坏、不完整或改过扩展名）"),
    (r"^(?:file|\.docx|PDF) has (?:over )?[\d,]+ characters of text.*", "文字太多，不像是一份报告：请拆分"),
    (
        r"^file is not UTF-8, GBK/GB18030 or UTF-16 text.*",
        "文件不是可读的中文文本（可能是其他编码、乱码或非文本文件）：请另存为 UTF-8 文本或 .docx",
    ),
    (r"^file has only (?P<n>\d+) Chinese characters.*", "文件只有 {n} 个汉字，不是报告（空白、扫描件或其他语言）"),
    (r"^(?:damaged or truncated \.docx|damaged \.docx).*", "Word 文件（.docx）损坏或不完整：请用 Word 打开后重新保存"),
    (r"^damaged \.doc file.*", "Word 文件（.doc）损坏或不完整：请用 Word 或 WPS 打开后另存为 .docx"),
    (r"^zip file is not a Word \.docx.*", "压缩文件不是 Word 文件（.docx）"),
    (r"^\.docx (?:part .*|inflates .*)", "Word 文件（.docx）解压后过大，已拒绝"),
    (r"^saved web page \(\.mhtml\) without an HTML part.*", "另存的网页（.mhtml）中没有网页内容：请重新另存为 .html"),
    (r"^web page that cannot be read.*", "网页无法读取：请重新另存，或把报告文字复制到 .txt 文件"),
    (r"^web page without readable main text.*", "网页中没有可读的正文：请把报告文字复制到 .txt 文件"),
    (r"^damaged or password-protected PDF.*", "PDF 损坏或设有密码：请去掉密码后重新导出"),
    (r"^damaged PDF: a page cannot be read.*", "PDF 损坏，有页面无法读取：请从原文件重新导出"),
    (r"^PDF has no text layer.*", "PDF 没有文字层（扫描件？）：请先做文字识别，或报送 Word 原件"),
    (r"^old Word \.doc format and no converter.*", "旧版 Word 文件（.doc），本机没有转换程序：请另存为 .docx"),
    (r"^(?:LibreOffice|antiword|catdoc) (?:could not|took over).*\.doc.*", "旧版 Word 文件（.doc）无法转换：请另存为 .docx"),
    (
        r"^not a rule-of-law report: its title \((?P<t>.*)\) is of another kind of report.*",
        "不是法治政府建设情况报告：标题（{t}）属于其他类型的报告，请确认文件是否选对",
    ),
    (
        r"^not a rule-of-law report: it reads as a 政府信息公开工作年度报告.*",
        "不是法治政府建设情况报告：内容是政府信息公开工作年度报告，请确认文件是否选对",
    ),
    (
        r"^not a rule-of-law report: only (?P<n>\d+) mentions of .*",
        "不是法治政府建设情况报告：全文只提到「法治、依法、普法、执法、法律」{n} 次，请确认文件是否选对",
    ),
    (r"^could not be parsed .*", "这份文件无法解析：请把文件交给维护人员检查"),
    (r"^a link to a file outside the folder.*", "指向导入文件夹以外文件的链接：未读取（请把文件复制到文件夹中）"),
    (r"^same content as stored (?P<f>.+), skipped$", "与已入库的 {f} 内容相同，已跳过"),
    (
        r"^same content as (?P<f>.+), which is in the recycle bin: restore it there, skipped$",
        "与回收站中的 {f} 内容相同，已跳过：请在「数据管理」页的回收站中恢复",
    ),
    (
        r"^cannot restore (?P<r>.+): (?P<t>\S+) (?P<y>\d{4}) has another stored report \((?P<f>.+)\)$",
        "不能恢复「{r}」：{t} {y}年度已有另一份报告（{f}），请先删除它",
    ),
    (r"^cannot restore (?P<r>.+): the same file is stored again as (?P<f>.+)$", "不能恢复「{r}」：同一文件已重新入库（{f}）"),
    (
        r"^(?P<t>\S+) exists in (?P<n>\d+) counties; settled to (?P<c>\S+) by its reports of (?P<y>.+)$",
        "「{t}」在 {n} 个区县都有，按本库中该乡镇{y}年度的报告认定为{c}的",
    ),
    (
        r"^(?P<t>\S+) (?P<y>\d{4}) is already stored from (?P<f>.+?)(?: \(this batch's copy .*\))?: use --replace to replace it$",
        "{t} {y}年度的报告已入库（{f}）：如要替换，请勾选「同一乡镇同一年度已有报告时，用新文件替换」后重新导入",
    ),
    (r"^the setting (?P<s>\w+) must be a positive number.*", "设置 {s} 必须是正数：请管理员检查这一环境变量"),
    (r"^the store .* is busy or unreadable.*", "报告库正忙或无法读取：请稍后再试"),
    (
        r"^the changes are stored, but the copy readers see could not be written.*",
        "已保存，但各页面暂未更新：请管理员腾出磁盘空间后运行 refresh",
    ),
    (r"^the store's disk is full.*", "报告库所在的磁盘已满，未保存：请管理员腾出磁盘空间后再试"),
    (r"^the store's folder cannot be written.*|^the store file cannot be written.*", "报告库所在的文件夹只读，未保存：请管理员检查文件夹"),
    (r"^the published copy of the store is damaged.*", "报告库的读取副本已损坏：请刷新页面（将改读报告库本身）"),
    (r".* is not a DuckDB store, or it is damaged.*", "报告库文件已损坏或不是报告库：请管理员检查"),
    (r"^unknown correction .*", "未知的校正操作"),
    (r"^a (?:move|split) correction needs the item's key$", "请先选择条目"),
    (r"^a (?:rename|split) correction needs the problem's new name$", "请填写问题的新名称"),
    # report warnings (analysis.read.reading, analysis.parse.report, analysis.parse.metadata)
    (r"^a thin report: only (?P<n>\d+) mentions of .*", "报告内容较少：全文只提到「法治、依法、普法、执法、法律」{n} 次"),
    (r"^report year not found in the title or opening \(signed (?P<d>[^)]+)\)$", "标题和开头没有写明报告年度（落款日期 {d}）"),
    (r"^report year not found in the title or opening$", "标题和开头没有写明报告年度"),
    (r"^signing date gives only the month: (?P<y>\d{4})-(?P<m>\d{1,2})$", "落款日期只写到月份（{y}年{m}月）"),
    (r"^no numbered section headings .*", "没有找到编号的章节标题（一、（一））：章节、问题和计划均为空"),
    (r"^no problems section; problems taken from the text$", "没有「存在的问题」一节：问题条目取自正文"),
    # the same warning when the message is read part by part (split at "; ")
    (r"^no problems section$", "没有「存在的问题」一节"),
    (r"^problems taken from the text$", "问题条目取自正文"),
    (r"^no problems section found$", "没有找到「存在的问题」一节"),
    (r"^no plans section found$", "没有找到「下一步工作打算」一节"),
    (r"^no plans section$", "没有「下一步工作打算」一节"),
    (r"^plans taken from the text$", "计划条目取自正文"),
    (r"^problem item (?P<n>\d+) is (?P<c>[\d,]+) characters long.*", "第 {n} 条问题长达 {c} 字：该节的编号可能没有识别出来"),
    (r"^plan item (?P<n>\d+) is (?P<c>[\d,]+) characters long.*", "第 {n} 条计划长达 {c} 字：该节的编号可能没有识别出来"),
    (r"^metadata overridden by data/metadata_overrides\.csv: (?P<f>.*)$", "以下信息按人工校正表填写：{f}"),
    (r"^(?P<n>\d+) undecodable byte sequence\(s\) replaced by �.*", "有 {n} 处无法识别的字符，已替换为 �：请对照原件检查这些地方"),
    (r"^lines broken at a fixed width .*", "按固定宽度断开的行（从 PDF 阅读器复制的文字？）已重新接成段落"),
    (r"^a figure broken off its sentence at a line end .*", "句中数字在行尾被断开，已接回原句"),
    (r"^written in traditional characters.*", "繁体字报告：按简体字分析（原文照录保留）"),
    (r"^township not found in the text$", "正文中没有找到乡镇名称"),
    (r"^township taken from a campaign name .*", "乡镇名称取自正文中的「法治某某」提法"),
    (r"^the report is by (?P<b>\S+), not a township.*", "这是{b}的报告，不是乡镇的：未从正文中取乡镇"),
    (r"^the text names (?P<a>\S+) and (?P<b>\S+) equally often.*", "正文提到{a}和{b}的次数一样多：乡镇暂空"),
    (r"^(?P<t>\S+) is not in the gazetteer$", "地名库中没有「{t}」"),
    (r"^the gazetteer has (?P<t>\S+) only in (?P<c>\S+)$", "地名库中的「{t}」只在{c}"),
    (r"^the (?P<w>title or signature|text) names it (?P<n>\S+): county taken from there$", "{w}写作「{n}」：区县按此填写"),
    (r"^county taken from the text$", "区县取自正文"),
    (r"^add it to data/gazetteer_extra\.csv or data/metadata_overrides\.csv$", ADMIN),
    (
        r"^the gazetteer's only (?P<t>\S+) is in (?P<w>\S+), but the text names another province.*",
        "地名库中唯一的「{t}」在{w}，但正文提到的是另一个省：区县暂空",
    ),
    (
        r"^the gazetteer's (?P<t>\S+) is in (?P<w>\S+), but the text names (?P<n>\S+): county left empty.*",
        "地名库中的「{t}」在{w}，但正文提到的是{n}：区县暂空（可能已改名或调整，" + ADMIN + "）",
    ),
    (
        r"^(?P<t>\S+) exists in (?P<n>\d+) counties \((?P<c>[^)]*)\) and the text names none.*",
        "「{t}」在 {n} 个区县都有（{c}），正文没有提到其中任何一个：" + ADMIN,
    ),
    (
        r"^the text speaks of its own (?P<l>\S)委 and \S政府 but the county found \((?P<c>[^)]*)\) is not a \S: county left empty.*",
        "正文说的是本{l}的{l}委、{l}政府，但找到的区县（{c}）不是{l}：区县暂空（可能已改名，" + ADMIN + "）",
    ),
    # a report's facts corrected in the app, names settled by the jurisdiction (analysis.storage.facts)
    (r"^facts corrected in the app: (?P<f>.*)$", "以下信息已由管理员在报告阅读页更正：{f}"),
    (
        r"^(?P<t>\S+) exists in (?P<n>\d+) counties; settled to (?P<c>\S+) by the store's jurisdiction \((?P<j>[^)]*)\)$",
        "「{t}」在 {n} 个区县都有，按本库管辖范围（{j}）认定为{c}的",
    ),
    (
        r"^(?P<t>\S+) exists in (?P<n>\d+) counties; settled to (?P<c>\S+) by its reports of (?P<y>.+)$",
        "「{t}」在 {n} 个区县都有，按本库中该乡镇{y}年度的报告认定为{c}的",
    ),
    (
        r"^(?P<t>\S+) exists in (?P<n>\d+) counties; settled to (?P<c>\S+), the only one of them with other townships' reports in the store \((?P<o>[^)]*)\)$",
        "「{t}」在 {n} 个区县都有，其中只有{c}在本库中有其他乡镇（{o}）的报告，据此认定为{c}的；如有误请在报告阅读页更正",
    ),
    (
        r"^(?P<t>\S+) (?P<y>\d{4}) is already stored from (?P<f>.+): correct or delete that report first$",
        "库中已有{t} {y}年度的报告（{f}）：同一乡镇同一年度只能有一份，请先更正或删除那份报告",
    ),
    (r"^nothing to correct: .*", "没有改动：填写的内容与库中相同"),
    (r"^a correction needs a reason$", "请填写更正理由"),
    (r"^the township cannot be empty$", "乡镇不能为空"),
    (r"^year (?P<y>.*) is not a year between (?P<a>\d+) and (?P<b>\d+)$", "年度「{y}」不是 {a}—{b} 之间的年份"),
    (r"^no stored report has id \d+$", "这份报告已不在库中（可能刚被删除）"),
    # jurisdiction and deadline (analysis.insights.reporting)
    (
        r"^(?P<n>\S+) is not a (?P<l>county|city|province) of the gazetteer.*",
        "「{n}」不是地名库中的{l}：请填写全称（如 城口县、重庆市），" + ADMIN,
    ),
    (r"^unknown jurisdiction level .*", "管辖范围只能是本县、本市或本省"),
    (r"^not a day of the year: month (?P<m>\d+), day (?P<d>\d+)$", "{m}月{d}日不是有效的日期"),
]
COMPILED = [(re.compile(pattern), chinese) for pattern, chinese in MESSAGES]
# a message of several parts: "X is not in the gazetteer; county taken from the text",
# "X is not in the gazetteer: add it to data/gazetteer_extra.csv or …"
PARTS = re.compile(r"; |: (?=add it to data/)")
UNKNOWN = "（一条提示未能译成中文，请联系维护人员）"
# a message the analysis writes in both languages, Chinese first: "网页的标签超过 50,000 个，
# 不像一份报告 / web page has over 50,000 tags: not one report (…)"
BILINGUAL = re.compile(r"^(?P<cn>[\u4e00-\u9fff][^/]*?)\s*/ [A-Za-z]")


def chinese(message: object) -> str:
    """The Chinese of one message from the analysis (a verdict's reason, a report's warning).
    A message already in Chinese (a stored report's township and year) is returned as it is."""
    text = str(message or "").strip()
    if not re.search(r"[A-Za-z]{3}", text):
        return text
    if both := BILINGUAL.match(text):
        return both.group("cn")
    parts = [_part(p) for p in PARTS.split(text)]
    return UNKNOWN if None in parts else "；".join(parts)


def _part(text: str) -> str | None:
    for pattern, chinese_text in COMPILED:
        m = pattern.match(text)
        if m:
            groups = {k: _field(k, v) for k, v in m.groupdict().items()}
            return chinese_text.format(**groups)
    return None if re.search(r"[A-Za-z]{3}", text) else text


def _field(name: str, value: str | None) -> str:
    if name == "w":
        return WHERE.get(value or "", value or "")
    if name == "f" and value and ", " in value:  # overridden fields: "county, township"
        return "、".join(FIELDS.get(v, v) for v in value.split(", "))
    return FIELDS.get(value or "", value or "")


def chinese_joined(messages: object, sep: str = "；") -> str:
    """Messages joined by ``sep`` (a report list's warnings cell), each in Chinese."""
    text = str(messages or "").strip()
    return sep.join(chinese(m) for m in text.split(sep)) if text else ""
