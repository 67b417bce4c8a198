"""What an achievement sentence is about: its themes by subject and action, and the assessed areas.

``data/area_cues.csv`` lists, per theme of ``data/themes.csv``, cues for what a sentence does
(审查合同, 执法检查, 中心组学法, 镇长带头接访 …): a sentence carries every theme one of its cues
names. A learning or publicity cue (``frame`` 1) makes the laws the sentence names (《行政处罚法》)
what is learnt or publicised, not what the township did: book titles are set aside before the
other cues are read. An absence named in passing (无行政复议、行政诉讼案件 after the enforcement
figures) is left out, unless it is all the sentence says. Only a sentence no cue describes falls back on the taxonomy's keywords
(:func:`analysis.parse.themes.tag`). A sentence of the 第一责任人 section is about the principal
leaders' duty as well. Areas are the themes' ``area`` column in ``data/themes.csv``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.parse.patterns import screened
from analysis.parse.structure import DATA_DIR, data_file_mtime
from analysis.parse.themes import NO_THEME, THEMES_FILE, Taxonomy, concept_hits, taxonomy, themes_of

AREA_CUES_FILE = DATA_DIR / "area_cues.csv"
AREAS_VERSION = 2  # raised when the code puts sentences to areas otherwise (stored paragraphs are put to them again)
DUTY_THEME = "组织领导与责任落实"  # every sentence of the 第一责任人 section is about it
# 「组织学习《中华人民共和国行政处罚法》《信访工作条例》」: the titles a frame sentence names
BOOK_TITLE = re.compile(r"《[^《》]{1,40}》")
# 「围绕宪法宣传周、民法典宣传月、防汛禁烧等节点开展集中宣传活动」: the occasions a frame sentence names
OCCASIONS = re.compile(r"(?:围绕|结合|利用|借助|抓住)[^，。；]{2,40}?等?(?:重要|关键)?(?:时间)?节点")
# the body describing the principal leaders' duty, where a report has no section for it:
# 「严格落实《党政主要负责人履行推进法治建设第一责任人职责规定》」「党委书记全年主持召开专题会议3次」,
# a sub-heading of the achievements 「（一）党政主要负责人履职情况。」, a leader's 专题研究 or 述法 further on
# (「镇党委书记、镇长坚持把法治建设与中心工作同部署、同推进，全年专题研究法治建设工作4次」)
# (written for Python's re and DuckDB's RE2 alike)
DUTY_IN_BODY = re.compile(
    r"第一责任人|主要负责人履(?:职|行)|(?:书记|主要负责人|镇长|乡长|主任)[^。；]{0,12}(?:主持|带头|亲自)"
    r"|(?:书记|镇长|乡长|主任)[^。；]{0,30}(?:专题研究法治|述法)"
)
# an absence named in passing is not what a sentence is about: 「办理行政处罚案件15件，无行政复议、行政诉讼案件」
# 「无一起被复议撤销」「未发生行政复议和行政诉讼案件」 (the rest of the clause is read)
NOTHING_HAPPENED = re.compile(r"(?:无|未发生|未出现|没有)[^，。；]{0,8}?(?:行政复议|复议|行政诉讼|诉讼|起诉)[^，。；]{0,8}")
# a learning sentence's words of literacy (提升法治素养, 尊法守法) are the learners': publicity needs its own act
LEARNING_THEME, PUBLICITY_THEME = "学法用法", "普法宣传与法治意识"
LITERACY = re.compile(r"法治素养|法律素养|法治意识|法律意识|尊法|守法|学法用法")
PUBLICITY_ACT = re.compile(r"普法|宣传|宣讲|法治文化|法治(?:讲座|副校长|进|宣)|进校园|宪法日|宪法周|宣传栏|资料|法律咨询|以案释法|演出")
# 「…审查合同22份。全年…」: a paragraph's sentences end at 。！？ (or ； between two long clauses)
SENTENCE_END = re.compile(r"(?<=[。！？!?])")
SENTENCE_ENDS = "。！？!?"


@dataclass(frozen=True, eq=False)  # one per version of the files, told apart by identity (a cache key)
class Cues:
    themes: tuple[tuple[str, re.Pattern[str]], ...]  # (theme, any of its cues), in file order
    frame: re.Pattern[str]  # learning and publicity cues: book titles are not the sentence's subject
    areas: dict[str, str]  # theme → assessed area
    order: dict[str, int]  # theme → its position in ``themes``


@lru_cache(maxsize=4)
def _load(path: Path, mtime: float, themes_path: Path, themes_mtime: float) -> Cues:
    by_theme: dict[str, list[str]] = {}
    frames: list[str] = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            by_theme.setdefault(row["theme"], []).append(row["cue"])
            if (row.get("frame") or "").strip() == "1":
                frames.append(row["cue"])
    with open(themes_path, encoding="utf-8-sig", newline="") as fh:
        areas = {row["theme"]: (row.get("area") or "").strip() for row in csv.DictReader(fh)}
    unknown = sorted(set(by_theme) - set(areas))
    if unknown:
        raise ValueError(f"{path.name} names themes that {themes_path.name} lacks: {'、'.join(unknown)}")
    return Cues(
        tuple((t, screened(re.compile("|".join(f"(?:{c})" for c in cues)))) for t, cues in by_theme.items()),
        screened(re.compile("|".join(f"(?:{c})" for c in frames) or "(?!)")),
        areas,
        {t: n for n, t in enumerate(by_theme)},
    )


def cues(path: Path = AREA_CUES_FILE, themes_path: Path = THEMES_FILE) -> Cues:
    """The cues, re-read when either file changes."""
    mtime, themes_mtime = data_file_mtime(path), data_file_mtime(themes_path)
    if mtime is None or themes_mtime is None:
        raise FileNotFoundError(f"{path if mtime is None else themes_path} is missing: it is needed to tell what achievements are about")
    return _load(path, mtime, themes_path, themes_mtime)


def sentence_themes(sentence: str, *, duty: bool = False, rules: Cues | None = None) -> list[str]:
    """Themes of one sentence by what it does, in the cue file's order ([] when it is about nothing known)."""
    return list(_sentence_themes(sentence, duty, rules or cues(), taxonomy()))


# distinct sentences whose themes a process remembers (about 4 MB): reports repeat their
# boilerplate (此外，我镇… / 全镇上下…), and a sentence's themes cost about twenty regular
# expressions. A parse worker's 5,000 synthetic reports: 77 % of sentences found here with 65,536
# remembered, 74 % with 4,096: the repeated ones are few and often seen
SENTENCE_MEMORY = 8_192


@lru_cache(maxsize=SENTENCE_MEMORY)
def _sentence_themes(sentence: str, duty: bool, rules: Cues, tax: Taxonomy) -> tuple[str, ...]:
    text = OCCASIONS.sub("", BOOK_TITLE.sub("《》", sentence)) if rules.frame.search(sentence) else sentence
    found = _cue_themes(text, rules)
    if found and ("无" in text or "未" in text or "没有" in text):
        found = _cue_themes(NOTHING_HAPPENED.sub("", text), rules) or found  # …unless the absence is all it says
    if LEARNING_THEME in found and PUBLICITY_THEME in found and not PUBLICITY_ACT.search(LITERACY.sub("", text)):
        found.remove(PUBLICITY_THEME)  # 「坚持学法用法，提升法治素养」: the cadres' literacy, no publicity (reading 19)
    if not found:
        found = [t for t in themes_of(concept_hits(text, tax), tax) if t != NO_THEME]
    if duty and DUTY_THEME not in found:
        found.insert(0, DUTY_THEME)
    return tuple(found)


def _cue_themes(text: str, rules: Cues) -> list[str]:
    return [t for t, pattern in rules.themes if pattern.search(text)]


def sentences_of(text: str) -> list[str]:
    """The sentences of a paragraph, end marks kept."""
    return [s.strip() for s in _pieces(text) if s.strip()]


def _pieces(text: str) -> list[str]:
    """``SENTENCE_END.split(text)``, done by marking each cut with NUL and splitting on it
    (several times faster than the look-behind scan) when the text holds no NUL of its own."""
    if "\0" in text:
        return SENTENCE_END.split(text)
    for end in SENTENCE_ENDS:
        if end in text:
            text = text.replace(end, end + "\0")
    return text.split("\0")


def paragraph_themes(text: str, *, duty: bool = False, rules: Cues | None = None) -> list[str]:
    """Themes of a paragraph: those of its sentences, the one most sentences carry first
    (ties in the cue file's order); [其他] when no sentence is about a known theme."""
    rules = rules or cues()
    counts: dict[str, int] = {}
    tax = taxonomy()
    for sentence in sentences_of(text):
        for theme in _sentence_themes(sentence, duty, rules, tax):
            counts[theme] = counts.get(theme, 0) + 1
    order = rules.order
    return sorted(counts, key=lambda t: (-counts[t], order.get(t, len(order)))) or [NO_THEME]


def areas_of(themes: list[str], rules: Cues | None = None) -> list[str]:
    """The assessed areas of ``themes``, in their order, each once."""
    rules = rules or cues()
    return list(dict.fromkeys(a for t in themes if (a := rules.areas.get(t))))


def sentence_areas(sentence: str, *, duty: bool = False) -> list[str]:
    """Assessed areas of one sentence (see the module docstring)."""
    return areas_of(sentence_themes(sentence, duty=duty))
