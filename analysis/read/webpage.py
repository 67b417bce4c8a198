"""Text copied from a government web page: the report without the page around it.

Reports are mostly published on government sites (政府信息公开 › 法治政府建设年度报告). Copied
text carries the site's name, a breadcrumb, a disclosure block (索引号 / 发布机构 / 成文日期 /
发文字号 / 标题, as lines, bullets, tables or without colons), publish-info lines (发布时间 /
来源 / 浏览次数 / 字号 大中小 / 打印本页 / 关闭窗口 / 分享到) and footers (相关链接 / 联系我们 /
网站标识码 / ICP备). :func:`strip_page` drops them and keeps the disclosure fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# disclosure-block and publish-info field names (longest first, so 发文机关 wins over 发文)
FIELD_NAMES = (
    "索引号",
    "发布机构",
    "发文机关",
    "发文单位",
    "发布单位",
    "制发机构",
    "成文日期",
    "发文日期",
    "发布日期",
    "公开日期",
    "生效日期",
    "发文字号",
    "文号",
    "主题分类",
    "信息分类",
    "组配分类",
    "体裁分类",
    "分类",
    "公文种类",
    "主题词",
    "关键词",
    "信息来源",
    "来源",
    "发布时间",
    "浏览次数",
    "阅读次数",
    "点击数",
    "点击率",
    "浏览量",
    "访问量",
    "有效性",
    "时效性",
    "公开方式",
    "标题",
    "名称",
    "日期",
    "时间",
)
# a field name, spaces allowed between its characters ("标 题", "标　　题" padded to four characters)
_FIELD_ALT = "|".join(r"[ \t\u3000]{0,3}".join(map(re.escape, n)) for n in sorted(FIELD_NAMES, key=len, reverse=True))
_BULLETS = r"\s·•●▪■◆\-|｜"  # what may stand before a field at the start of its line
# "· 索引号：11500229MB1519384H/2021-00012" "成文日期 2021-04-16" "标 题：…", several on one table
# row, names in brackets ("[ 索引号 ] 115…/2026-00004 [ 发文字号 ]")
FIELD_AT = re.compile(rf"(?:^|(?<=[\s|｜·•●▪■◆\[【]))({_FIELD_ALT})\s*[\]】]?\s*[：:]?\s*")
# a line that starts with a field: "· 发布机构：城口县高楠镇" "成文日期 2021-04-16" "成文日期" "- [ 索引号 ] …",
# or with a site's own date or number field and a colon ("公文生成日期: 2025-02-07" "备注/文号: …")
FIELD_LINE = re.compile(
    rf"^[{_BULLETS}\[【]*(?:(?:{_FIELD_ALT})\s*[\]】]?(?:\s*[：:]|\s+\S|\s*$)|[\u4e00-\u9fff/]{{1,6}}(?:日期|文号)\s*[：:])"
)
# a field written against its value, no colon or space ("发布机构屏边县新华乡人民政府" "发布日期2026-01-27"
# "索引号pbxxhxrmzf/2026-00001"): only where the value cannot be a sentence
GLUED_FIELD = re.compile(
    rf"^[{_BULLETS}]*(?:"
    r"(索引号|发文字号|文号)([A-Za-z0-9][A-Za-z0-9/\-_.〔〕\[\]（）()\u4e00-\u9fff]*)"
    r"|(成文日期|发文日期|发布日期|公开日期|发布时间)((?:19|20)\d{2}[-年./]\d{1,2}[-月./]\d{1,2}日?(?:\s+[\d:]+)?)"
    r"|(发布机构|发文机关|发文单位|发布单位|制发机构)([\u4e00-\u9fff]{2,30}(?:人民政府|办事处|委员会|党委|党工委|政府|办公室|局|镇|乡|街道))"
    r"|(有效性|时效性)(有效|失效|废止)"
    r")\s*$"
)
# "您当前的位置：首页 > 政务公开 > 法治政府建设年度报告"  "首页 » 信息公开"
BREADCRUMB = re.compile(r"(?:当前位置|您现在的位置|您的位置|您所在的位置|当前的位置)[：:]|^\s*(?:首页|主页|网站首页)\s*[>»＞/›]")
# a report's own title, kept even where it stands before the page's breadcrumb or publish line,
# also when split over two lines ("关于城关镇2022年度法治政府建设" / "工作情况的报告")
REPORT_TITLE = re.compile(
    r"^.{0,40}(?:法治|依法|法制).{0,30}(?:报告|总结|汇报)\s*$|^关于.{0,40}(?:法治|依法|法制)|^.{0,20}(?:情况|工作)的?(?:报告|总结|汇报)\s*$"
)
# "【字体：大 中 小】" "打印本页" "关闭窗口" "分享到：" "扫一扫在手机打开当前页" "[打印] [关闭]"
PAGE_TOOLS = re.compile(
    r"字号[：:]?\s*[【\[]?\s*大\s*中\s*小|字体[：:]?\s*[【\[]?\s*大\s*中\s*小|打印本页|关闭窗口|^\s*[【\[]?\s*打印\s*[】\]]?\s*[【\[]?\s*关闭\s*[】\]]?\s*$"
    r"|分享到|扫一扫在手机|手机打开当前页|^\s*[【\[]?\s*(?:打印|关闭|收藏|返回顶部|保存)\s*[】\]]?\s*$|^\s*(?:上一篇|下一篇)[：:]|^[\s\-–•·]*[大中小]\s*$"
    # an article copied from a WeChat account: "原创 高楠发布 2023-01-05 09:00 发表于重庆"
    r"|^\s*原创\s|发表于[\u4e00-\u9fff]{2,3}\s*$|^\s*(?:收录于合集|在看|点赞|写留言|留言)\s*$"
)
# the page footer starts here: everything after it goes
FOOTER = re.compile(
    r"^\s*(?:相关链接|相关文章|相关阅读|相关文件|相关附件|附件下载|联系我们|联络我们|网站地图|网站标识码|主办单位|承办单位|版权所有|技术支持|网站声明"
    r"|(?:主办|承办|编辑|责任编辑|审核|初审|二审|三审|终审|校对)\s*[：:]|推荐阅读|相关推荐|热点推荐|热门文章|最新文章|热门词条|相关词条|我说两句|网友评论|发表评论"
    r"|阅读原文|微信扫一扫|预览时标签不可点|继续滑动看下一个|向上滑动看下一个|关注该公众号)"
    r"|ICP备|公网安备|Copyright|©|(?:主办|承办|维护|主管)\s*$"
)
# the site's own name on a line of its own: "XX市人民政府门户网站" "中国·XX" "政府信息公开"
# a navigation menu: several short words separated by spaces, no sentence punctuation
MENU = re.compile(r"^\s*(?:[\u4e00-\u9fff]{2,6}\s+){3,}[\u4e00-\u9fff]{2,6}\s*$")
SITE_NAME = re.compile(r"(?:门户网站|政府网|人民政府网站|政府信息公开(?:专栏|平台|目录)?|政务公开(?:专栏)?)\s*$")


CHROME_MAX_CHARS = 120  # longer lines are never page chrome (fields, tools, footers are short)
FOOTER_MAX_CHARS = 60  # a footer line (相关链接, 主办单位：…, 网站标识码 … ICP备…) is short
# any of these anywhere means the text may carry a page around it; most reports have none,
# and their lines are not looked at one by one
PAGE_MARKS = re.compile(
    r"索\s?引\s?号|发布机构|成文日期|发文字号|主题分类|标\s?题[：:\s]|位置[：:]|首页|主页|打印|关闭窗口|分享到|扫一扫|字号|字体"
    r"|浏览次数|阅读次数|点击数|访问量|发布时间|发布日期|信息来源|来源[：:]|相关链接|相关文章|联系我们|网站|ICP备|公网安备|版权所有"
    r"|主办单位|承办单位|技术支持|上一篇|下一篇|Copyright|©|门户|政府网|相关附件|发文日期"
    r"|主办[：:]|编辑[：:]|终审|推荐阅读|相关推荐|热点推荐|热门文章|最新文章|词条|我说两句|联络我们"
    r"|原创|发表于|阅读原文|微信扫一扫|预览时标签不可点"
)


@dataclass(frozen=True)
class Page:
    """The report's lines without the page around it, and the disclosure fields found."""

    lines: list[str]
    fields: dict[str, str]


def strip_page(lines: list[str]) -> Page:
    """Drop a web page's chrome from a report's lines; keep its disclosure fields.

    Everything up to the last breadcrumb or disclosure line near the top is page text (the
    site's name, menus); publish-info and tool lines go anywhere; a footer ends the report.
    """
    if not PAGE_MARKS.search("\n".join(lines)):
        return Page(lines, {})
    fields: dict[str, str] = {}
    keep: list[str] = []
    first, top = _head(lines)
    skip_next = False
    for i, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        if i < top and ((i < first and not REPORT_TITLE.match(line)) or _is_chrome(line)):
            # the page's head: the site's name and menus before the first breadcrumb or
            # field, then chrome lines; a title between them is kept
            skip_next = _read_fields(line, lines[i + 1] if i + 1 < len(lines) else "", fields)
            continue
        if len(line) > CHROME_MAX_CHARS:  # a paragraph of the report: page chrome is short
            keep.append(line)
            continue
        if FIELD_LINE.match(line) or GLUED_FIELD.match(line) or PAGE_TOOLS.search(line):
            _read_fields(line, lines[i + 1] if i + 1 < len(lines) else "", fields)
            continue
        if keep and len(line) <= FOOTER_MAX_CHARS and i >= len(lines) * 0.6 and FOOTER.search(line):
            break  # the page footer: in the last 40 % of the lines, a short line
        keep.append(line)
    return Page(keep, fields)


def _is_chrome(line: str) -> bool:
    return bool(
        BREADCRUMB.search(line)
        or FIELD_LINE.match(line)
        or GLUED_FIELD.match(line)
        or PAGE_TOOLS.search(line)
        or SITE_NAME.search(line)
        or MENU.match(line)
    )


def _head(lines: list[str]) -> tuple[int, int]:
    """(first, end): indexes of the first and after the last breadcrumb, disclosure-field or
    tool line among the first lines ((0, 0) when the text starts with the report)."""
    marks = [
        i
        for i, line in enumerate(lines[:60])
        if BREADCRUMB.search(line) or FIELD_LINE.match(line) or GLUED_FIELD.match(line) or PAGE_TOOLS.search(line)
    ]
    if not marks:
        return 0, 0
    end = marks[-1] + 1
    while end < len(lines) and end < 60 and _is_chrome(lines[end]):
        end += 1
    return marks[0], end


def _read_fields(line: str, next_line: str, fields: dict[str, str]) -> bool:
    """Fields of one line ("索引号：… 发布机构：…" as a table row gives both); a field alone on
    its line takes the next line as its value (then True: that line is used up)."""
    glued = GLUED_FIELD.match(line)
    if glued:
        name, value = (g for g in glued.groups() if g)
        fields.setdefault(name, value.strip())
        return False
    found = list(FIELD_AT.finditer(line))
    used_next = False
    for n, m in enumerate(found):
        name = re.sub(r"\s", "", m.group(1))
        end = found[n + 1].start() if n + 1 < len(found) else len(line)
        value = line[m.end() : end].strip(" \t|｜·•[【]】")
        if not value and n + 1 == len(found) and next_line.strip() and not FIELD_AT.search(next_line) and len(next_line) < 80:
            value, used_next = next_line.strip(), True
        if value and name not in fields:
            fields[name] = value
    return used_next
