"""Which named problem a short clause states, from the register's own cue words, and the problems packed into one
sentence half a clause each.

Townships pack problems: 「执法人员少，专业能力弱，装备落后」, 「人员少、专业能力弱、执法车辆和执法记录仪配备不足」. A
reviewer counts three problems there (执法力量, 执法人员素质, 经费与装备), where 「村级事务公开不及时、不规范」 or
「法律顾问到村服务仍“走过场”，群众获得感不强」 is one problem and what it leads to. The difference is what each clause
is about: ``data/problems.csv`` gives every named problem's topic words (执法人员, 装备, 普法…) and defect words
(人员少, 专业能力, 落后, 覆盖面…), the same cues the register reads. A clause states a problem when it holds one of
its defect words and one of its topic words (or the run's first clause holds the topic: 「执法人员少，专业能力弱」).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.parse.patterns import DEFECT
from analysis.parse.structure import DATA_DIR

PROBLEMS_FILE = DATA_DIR / "problems.csv"


@dataclass(frozen=True)
class Facet:
    """One named problem's cues: ``topic`` and ``defect`` each an alternation, longest words first."""

    code: str
    topic: re.Pattern[str]
    defect: re.Pattern[str]
    area: str = ""  # its area of work (行政执法, 普法, …), several problems to an area


def _alternation(words: str) -> re.Pattern[str]:
    parts = sorted({w.strip() for w in words.split("/") if w.strip()}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, parts)))


@lru_cache(maxsize=1)
def facets() -> tuple[Facet, ...]:
    """The named problems' cues, in the file's order."""
    with open(PROBLEMS_FILE, encoding="utf-8-sig", newline="") as fh:
        return tuple(
            Facet(row["code"], _alternation(row["topic"]), _alternation(row["defect"]), row.get("area") or "") for row in csv.DictReader(fh)
        )


def _longest(words: re.Pattern[str], text: str) -> int:
    """Characters of the longest of ``words`` in ``text`` (0: none)."""
    return max(map(len, words.findall(text)), default=0)


def problem_of(clause: str, context: str = "") -> str | None:
    """The named problem ``clause`` states, or None: among the problems with a defect word in it and a topic word in
    it (or, failing that, in ``context``, the run it belongs to), the one whose two words are longest together — the
    most specific reading (「执法车辆和执法记录仪配备不足」: 经费与装备 by 执法记录仪 + 不足 over 执法力量 by 执法 + 配备不足)."""
    best, score = None, 0
    for facet in facets():
        defect = _longest(facet.defect, clause)
        if not defect:
            continue
        own = _longest(facet.topic, clause)
        topic = own + 1 if own else _longest(facet.topic, context) if context else 0
        if topic and defect + topic > score:
            best, score = facet.code, defect + topic
    return best


PACKED_MAX = 90  # characters of an item read for problems packed half a clause each
PACKED_CLAUSE = (3, 30)  # characters of each clause of such a run
PACKED_MEAN = 8  # characters of its clauses on average: packed problems are short (a problem and its particulars are not)
SPECIFIC_DEFECT = 3  # characters of a problem's defect word that states a defect by itself (覆盖面, 专业能力)


def _states(clause: str, context: str) -> str | None:
    """The named problem a clause states: a defect in it (DEFECT, or a problem's own defect word of three characters
    or more: 覆盖面窄) and that problem's cues (:func:`problem_of`)."""
    code = problem_of(clause, context)
    if code is None or DEFECT.search(clause):
        return code
    return code if any(len(m) >= SPECIFIC_DEFECT for m in _facet(code).defect.findall(clause)) else None


@lru_cache(maxsize=16)
def _after_marks(marks: str) -> re.Pattern[str]:
    return re.compile(f"(?<=[{re.escape(marks)}])")


def split_outside_quotes(text: str, marks: str) -> list[str]:
    """``text`` cut after each of ``marks`` that stands outside “…” (the mark kept on the piece before it)."""
    if "“" not in text:  # (no quotation: one split, 0.03 ms a report less than walking the characters)
        pieces = _after_marks(marks).split(text)
        return pieces[:-1] if pieces[-1] == "" else pieces
    pieces, start, depth = [], 0, 0
    for at, char in enumerate(text):
        if char == "“":
            depth += 1
        elif char == "”":
            depth = max(depth - 1, 0)
        elif char in marks and not depth:
            pieces.append(text[start : at + 1])
            start = at + 1
    return [*pieces, text[start:]] if start < len(text) else pieces


PAUSE_PARTS = 3  # parts of a clause between 、 that may each be a problem: 「针对性不强、覆盖面不广」 is one (P21)


def _clauses(sentence: str) -> list[str]:
    """A sentence's clauses between ，and ；, each with its separator; a clause is cut at 、 too when it has three parts
    or more and every part states a defect (「人员少、专业能力弱、执法车辆…配备不足」, not 「村级调委会、法律明白人多为兼职」).
    Nothing is cut inside “…”."""
    out: list[str] = []
    for clause in split_outside_quotes(sentence, "，,；;"):
        parts = split_outside_quotes(clause, "、")
        out += parts if len(parts) >= PAUSE_PARTS and all(DEFECT.search(p) for p in parts) else [clause]
    return out


def _own_topic(code: str, clause: str) -> bool:
    return bool(_facet(code).topic.search(clause))


def _facet(code: str) -> Facet:
    return next(f for f in facets() if f.code == code)


def packed_problems(item: str) -> list[str]:
    """``item`` cut into the named problems it packs clause by clause (see the module docstring), or [item]: one
    sentence of two or more short clauses, where every clause that states a named problem states one different from
    the clause before; a clause stating none (有的成了“仓库”, 群众获得感不强) stays with the one before."""
    if len(item) > PACKED_MAX:
        return [item]
    body = item.rstrip("。！；;，,、 ")
    end = item[len(body) :].strip()
    if re.search(r"[。！？?]", body) or not re.search(r"[，,、；;]", body):
        return [item]
    clauses = _clauses(body)
    low, high = PACKED_CLAUSE
    sizes = [len(c.rstrip("，,、；;")) for c in clauses]
    if len(clauses) < 2 or not all(low <= n <= high for n in sizes) or sum(sizes) > PACKED_MEAN * len(sizes):
        return [item]
    out: list[list[str]] = []
    codes: list[str | None] = []
    for clause in clauses:
        text = clause.rstrip("，,、；;")
        code = _states(text, clauses[0])
        last = codes[-1] if codes else None
        if code and last and code != last and not _own_topic(code, text) and _facet(last).defect.search(text):
            code = last  # 「村级事务公开不及时、不规范」: a defect of the problem before, its topic not named again
        if out and (code is None or code == codes[-1] or codes[-1] is None):
            out[-1].append(clause)
            codes[-1] = codes[-1] or code
        else:
            out.append([clause])
            codes.append(code)
    if len(out) < 2 or any(code is None for code in codes):
        return [item]
    parts = ["".join(part).rstrip("，,、；; ") for part in out]
    return [*parts[:-1], parts[-1] + end]


LONG_CLAUSES = 3  # comma clauses of a long sentence read for problems stated one after another
SUBJECT_PARTS = 3  # problems it must state one after another to be cut (two subjects are as often a problem and its
# particulars: 「…历史遗留问题较多，部分信访事项涉及多个部门，…」, P2)
# a clause that names its own subject: 「部分招商引资协议未经合法性审查…」「镇法律顾问全年参与决策论证仅2次」 (a topic word
# near a clause's start is as often the particulars of the problem before it: 「…，司法所在编人员2名，…」, P13, P15)
OWN_SUBJECT = re.compile(r"^(?:部分|个别|少数|有的|一些|不少|多数|大部分|全镇|全乡|镇|乡|村级)")
HEADLINE_CLAUSE = 12  # characters of a first clause that states the problem the clauses after it detail
CAUSE_SAID = re.compile(r"究其|原因|由于|因为")  # the clauses after a cause go on with it


def topic_of(clause: str) -> str | None:
    """The named problem whose topic word in ``clause`` is longest (法律顾问 over 法律), or None."""
    best, size = None, 0
    for facet in facets():
        n = _longest(facet.topic, clause)
        if n > size:
            best, size = facet.code, n
    return best


def subject_problems(sentence: str) -> list[str]:
    """A long sentence cut where a clause that names its own subject (部分…, 镇法律顾问…) states a defect of a named
    problem's topic the clauses before it do not speak of (「…重大事项决策中，公众参与和风险评估环节还不够扎实，…，
    部分招商引资协议未经合法性审查即提交党委会研究，镇法律顾问全年参与决策论证仅2次，…」: 决策, 合法性审查, 法律顾问;
    P46); or [sentence]."""
    body = sentence.rstrip("。！；;，, ")
    end = sentence[len(body) :].strip()
    if re.search(r"[。！？?]", body):
        return [sentence]
    clauses = split_outside_quotes(body, "，,")
    if len(clauses) < LONG_CLAUSES or (len(clauses[0]) <= HEADLINE_CLAUSE and DEFECT.search(clauses[0])):
        return [sentence]  # (「法治人才队伍薄弱，镇司法所…缺乏法律专业人员，多数工作人员…」: a headline, then its particulars, P1)
    texts = [clause.rstrip("，,") for clause in clauses]
    if sum(1 for text in texts[1:] if OWN_SUBJECT.match(text)) < SUBJECT_PARTS - 1:
        return [sentence]  # each part after the first opens with its own subject: too few to cut (topics not read)
    topics = [topic_of(text) for text in texts]  # (each clause's once: 27 problems' words a clause)
    out: list[list[str]] = [[clauses[0]]]
    topical = topics[0] is not None  # whether the part so far names a problem's topic
    for at, (clause, text, found) in enumerate(zip(clauses, texts, topics, strict=True)):
        if not at:
            continue
        spoken = "".join(out[-1])
        following = texts[at + 1] if at + 1 < len(texts) else ""
        said = DEFECT.search(text) or (following and topics[at + 1] is None and DEFECT.search(following))
        if (
            found
            and said
            and OWN_SUBJECT.match(text)
            and topical
            and not _own_topic(found, spoken)
            and DEFECT.search(spoken)
            and not CAUSE_SAID.search(spoken)
        ):
            out.append([clause])
            topical = True
            continue
        out[-1].append(clause)
        topical = topical or found is not None
    if len(out) < SUBJECT_PARTS:
        return [sentence]
    parts = ["".join(part).rstrip("，, ") for part in out]
    return [*parts[:-1], parts[-1] + end]
