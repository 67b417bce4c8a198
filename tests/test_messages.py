"""pages.messages: every message the analysis gives a reviewer reads in Chinese."""

from __future__ import annotations

import re

import pytest

from pages.messages import UNKNOWN, chinese

EXAMPLES = {
    "file is empty": "文件是空的",
    "高楠镇 2022 is already stored from 高楠镇_2022.txt: use --replace to replace it": (
        "高楠镇 2022年度的报告已入库（高楠镇_2022.txt）：如要替换，请勾选「同一乡镇同一年度已有报告时，用新文件替换」后重新导入"
    ),
    "高楠镇 2022 is already stored from a.txt (this batch's copy has 1 warning(s), this one 2): use --replace to replace it": (
        "高楠镇 2022年度的报告已入库（a.txt）：如要替换，请勾选「同一乡镇同一年度已有报告时，用新文件替换」后重新导入"
    ),
    "same content as stored 高楠镇_2022.txt, skipped": "与已入库的 高楠镇_2022.txt 内容相同，已跳过",
    "老山镇 is not in the gazetteer: add it to data/gazetteer_extra.csv or data/metadata_overrides.csv": (
        "地名库中没有「老山镇」；可请管理员补充地名库或人工校正表"
    ),
    "老山镇 is not in the gazetteer; county taken from the text": "地名库中没有「老山镇」；区县取自正文",
    "the gazetteer has 临江镇 only in 江津区; the title or signature names it 城口县临江镇: county taken from there": (
        "地名库中的「临江镇」只在江津区；标题或落款写作「城口县临江镇」：区县按此填写"
    ),
    "report year not found in the title or opening (signed 2023-02-18)": "标题和开头没有写明报告年度（落款日期 2023-02-18）",
    "metadata overridden by data/metadata_overrides.csv: county, township": "以下信息按人工校正表填写：区县、乡镇",
    "a thin report: only 7 mentions of 法治/依法/普法/执法/法律": "报告内容较少：全文只提到「法治、依法、普法、执法、法律」7 次",
    "written in traditional characters: read as simplified (the original is kept)": "繁体字报告：按简体字分析（原文照录保留）",
    "高楠镇 2022": "高楠镇 2022",
    # the worker's and the saved-page checks' own messages, Chinese first
    "网页文字超过 2,000,000 字，不是一份报告（请拆分）/ web page has over 2,000,000 characters of text: not one report (split it)": (
        "网页文字超过 2,000,000 字，不是一份报告（请拆分）"
    ),
    "网页的标签超过 50,000 个，不像一份报告 / web page has over 50,000 tags: not one report (copy the report's text into a .txt file)": (
        "网页的标签超过 50,000 个，不像一份报告"
    ),
    "解析超时（超过 30 秒），已停止 / took over 30 s to read: not one report, or a damaged file (copy the report's text into a .txt file)": (
        "解析超时（超过 30 秒），已停止"
    ),
    "内存超限（解析用了超过 1,024 MB），已停止，不像一份报告 / over the memory limit (1,024 MB) while being read: not one report, or a damaged file": (
        "内存超限（解析用了超过 1,024 MB），已停止，不像一份报告"
    ),
    "解析进程意外退出（信号 SIGKILL），请重试 / the parse worker was stopped (signal SIGKILL): import the file again": (
        "解析进程意外退出（信号 SIGKILL），请重试"
    ),
    "the setting REPORTS_PARSE_MEMORY_MB must be a positive number, not 'lots'": "设置 REPORTS_PARSE_MEMORY_MB 必须是正数：请管理员检查这一环境变量",
    # a slash in an English message does not make it bilingual
    "the text names 高楠镇 / 肖咀镇 oddly": UNKNOWN,
}


@pytest.mark.parametrize(("english", "expected"), EXAMPLES.items())
def test_messages_in_chinese(english, expected):
    assert chinese(english) == expected


def test_an_unknown_message_is_not_shown_in_english():
    assert chinese("something nobody wrote yet") == UNKNOWN


def test_every_warning_of_the_seed_and_web_reports_reads_in_chinese():
    """Every report under tests/data and data/raw: its warnings, translated, have no English left."""
    from analysis.parse.report import parse_path
    from tests.conftest import ROOT

    labels = {".csv", ".md", ".json"}  # the sets' labels, READMEs and the parse pins: no reports
    files = [
        p for p in [*(ROOT / "tests" / "data").rglob("*"), *(ROOT / "data" / "raw").glob("*")] if p.is_file() and p.suffix not in labels
    ]
    english = {}
    for path in files:
        try:
            warnings = parse_path(path).warnings
        except Exception as exc:  # refused: its reason is a verdict the reviewer reads too
            warnings = [str(exc)]
        for w in warnings:
            said = chinese(w)
            left = set(re.findall(r"[A-Za-z]{3,}", re.sub(r"\S*\.[a-z]+", "", said))) - {"Word", "PDF", "UTF", "GBK"}
            if said == UNKNOWN or left:
                english[w] = said
    assert english == {}
