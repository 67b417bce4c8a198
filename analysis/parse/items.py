"""Problem and plan items of a section, found by what the sentences say, not only by their marks.

A section is read as a run of *units*: its sentences (。！？), the clauses of a sentence that
lists several problems with ；, and the parts an inline enumeration (一是… 其一，… 首先，… ①…)
cuts. Each unit either opens an item or continues the one before:

- a unit that opens with an enumeration mark or a list word (其二，/ 此外，/ 另一方面，) opens one;
- a unit that explains, gives the cause or the consequence of what came before (主要表现在…,
  究其原因…, 导致…, 这些…) continues it;
- otherwise, in a problems section, a unit that says something is wrong (不足, 薄弱, 难以, 缺乏…)
  opens an item, and one that does not (a figure, an example) continues it — unless the section
  numbers its items, in which case only marks open items; in a plans section every unit opens one.

A sentence that lists short problems with bare commas after an intro (…仍有差距，主要是：执法力量依然不足，
涉旅矛盾纠纷化解压力较大，…) is cut at each comma when it lists four or more (six or more without an intro),
each short, each stating a defect, about different things (:func:`_comma_list`); three or fewer, or
clauses that share their topic, are one problem and its explanation, as most writers keep them.
After an intro, a sentence that only lists short problems between 、 (…主要是：执法人员少、经费紧张、…等。) is cut at
each 、 (:func:`_pause_list`). 加之 before a defect about another topic opens a problem rather than giving a
cause (:func:`_new_topic`).
A problem an achievement paragraph ends with (…。但也要看到，执法队仍只有6名执法人员…) is read as a
problem and leaves the achievements (:func:`tail_problems`).

Intro sentences (还存在一些短板和弱项。/ 主要表现在以下方面：) are dropped. In a section of both
problems and measures (存在的问题及下一步打算), a unit led by 下一步 / 针对这一问题 / 我们将 and the units
after it are a plan, until a unit states a problem again.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from analysis.parse import problem_model
from analysis.parse.facets import HEADLINE_CLAUSE, OWN_SUBJECT, packed_problems, split_outside_quotes, subject_problems, topic_of
from analysis.parse.numerals import ordinal_value
from analysis.parse.patterns import (
    AREA_HEADING,
    CIRCLED,
    COMMA_INTRO,
    DEFECT,
    FINDING_LEAD,
    GROUP_LABEL,
    INLINE_MARK,
    INLINE_PROBLEMS,
    ITEM_CLOSING,
    ITEM_CONTINUES,
    ITEM_FIXED,
    ITEM_INTRO,
    ITEM_NUMBER,
    ITEM_OPENER,
    ITEM_REMEDIED,
    LEAD_MARK,
    MEASURE_LABEL,
    MEASURE_LEAD,
    NAMED_GROUPS_INTRO,
    PLAN_INTRO,
    PLAN_STANCE,
    PLAN_VERB,
    PROBLEMS_TURN,
    TOPIC_LEAD,
    TOPIC_LINE,
)
from analysis.parse.structure import Block, heading_of

PROBLEM_LABEL = re.compile(r"^\s*(?:存在)?问题[：:]\s*(?=\S)")
# an area named in a sentence of its own before a problem's text: 「依法决策方面。」「其他方面。」
AREA_SENTENCE = re.compile(r"^\s*[^，。；：:]{2,10}方面[。：:]\s*(?=[^\s]{12})")
MIN_ITEM_CHARS = 4  # shorter fragments ("无") are not items
LEAD_DROPPED_AFTER = 12  # a topic lead (就政务公开而言，) before this much text frames it and is dropped
PLAN_HEADING_CHARS = 20  # a plan's heading sentence is at most this long: 「在提升干部法治能力上下功夫。」
QUOTE_MARKS = str.maketrans("", "", "“”‘’「」『』\"'")
STATEMENT_CHARS = 20  # a problem stated in a short sentence, its explanation to follow: "执法力量不足。"
TRAILING_CHARS = "；;，,、"  # separators trimmed, with white space, from the end of an item
# (a sentence quoted inside one ends after its closing mark: 有村民说：“…是谁。”实行…)
SENTENCE_END = re.compile(r"(?<=[。！？!?])(?![”’」』])|(?<=[。！？!?][”’」』])")
CLAUSE_SEMICOLON = re.compile(r"(?<=[；;])")
# "我们也注意到一些新情况新问题。" — an intro between items speaks of problems in general
SOME = re.compile(r"一些|以下|不少|诸多|若干|几个|几点|新情况|[两三四五六七八九]个?方面|[两三四五六七八九]个(?:问题|短板|不足)")
# what an intro speaks of: the township, its work as a whole, problems in general
GENERIC_SUBJECT = re.compile(
    rf"我(?:镇|乡|街道|们)|全(?:镇|乡|街道)|{SOME.pattern}|总体|整体|工作中|法治(?:政府)?建设|依法行政工作|对照|一年来|当前"
)
ItemKind = Literal["problems", "plans"]


@dataclass(frozen=True)
class Unit:
    """A sentence or clause of a section: its text (mark stripped), whether an enumeration mark
    numbered it (``numbered``: 一是 其二 ⑶) or any mark, list word or topic lead opened it
    (``marked``)."""

    text: str
    marked: bool
    numbered: bool
    paragraph_start: bool
    led: bool = False  # the paragraph's own list mark (1. 一是 （一）) opened it
    clause: bool = False  # a clause after ； inside a sentence, not the sentence's start
    framed: str = ""  # a topic lead dropped before the text (从全年台账看，), kept when the unit goes on an item
    aspect: bool = False  # opened by 一方面，/ 另一方面， only: an aspect of what came before, or an item of its own
    introduced: bool = False  # an intro announcing problems was dropped before it (还发现以下不足：A；B；C)
    dashed: bool = False  # its paragraph opens with a dash (——4人对1300余家。…), a headline before its explanation
    particulars: bool = False  # the intro before it announced the particulars of a problem stated before (主要表现在：)


@dataclass(frozen=True)
class SectionItems:
    problems: list[str]
    plans: list[str]


def section_items(block: Block, *, kind: ItemKind, mixed: bool = False) -> SectionItems:
    """The problem and plan items of a problems or plans section (see the module docstring).

    Sub-headings make one item each (heading and the text under it), except a heading that only
    names an area (（一）执法方面), whose text is read for its items. ``mixed``: the section holds
    problems and the measures answering them (存在问题及改进措施), so a sentence that says what will
    be done (加强…, 年内…) is a measure even without 下一步 before it."""
    # a table of problems, whose numbered rows the structure may have read as sub-headings
    tabled = _with_table(([block.lead] if block.lead else []) + block.lines, mixed=mixed, kind=kind)
    if tabled:
        return tabled
    if block.children:
        found = [_child_items(child, kind, mixed) for child in block.children]
        # (a plans section's lines before its first sub-heading are plans too: 「⑴争取县里支持…」 then 「2.严格落实…」, P39)
        before = [line for line in block.body if ANY_MARK.match(line)] if kind == "plans" else []
        lead = paragraph_items(([block.lead] if block.lead else []) + before, kind=kind, mixed=mixed)
        return SectionItems(
            _clean(lead.problems + _stated_before(block.body, kind) + [p for f in found for p in f.problems]),
            _clean(lead.plans + [p for f in found for p in f.plans]),
        )
    paragraphs = ([block.lead] if block.lead else []) + block.body
    return paragraph_items(paragraphs, kind=kind, mixed=mixed)


# 「…不够规范。此外：」 — a list word before the sub-headings that follow
LIST_TAIL = re.compile(r"(?:此外|另外|同时|具体(?:如下|来看|表现为?)|主要(?:有|是|表现(?:为|在))?)[：:]\s*$")


def _stated_before(body: list[str], kind: ItemKind) -> list[str]:
    """Problems the text before a problems section's first sub-heading states itself
    (「今年…但仍有不足。执法人员数量偏少，…不够规范。此外：」 → 执法人员数量偏少…), not its intros (一年来…
    还存在一些薄弱环节 / 主要表现在以下三个方面 / …短板：)."""
    if kind != "problems" or not body:
        return []
    items = [LIST_TAIL.sub("", item).strip() for item in paragraph_items(body, kind="problems").problems]
    return [
        item
        for item in items
        if item and DEFECT.search(item) and not (SOME.search(item) or PROBLEMS_TURN.search(item) or item.endswith(("：", ":")))
    ]


def block_items(block: Block) -> list[str]:
    """Items of a section read as problems (plans read from it are dropped)."""
    return section_items(block, kind="problems").problems


# a table of problems (问题清单, 整改台账) read one row a line, its cells apart by 「 | 」: its header names the columns
# a table's cell border: Word's tables are read as 「a | b」, text tables are drawn with ｜ or |
# cells apart by bars, tabs or ideographic spaces (a Word table pasted as text: 「1　严格落实…　乡党委副书记　2024年12月」, P54)
TABLE_CELL = re.compile(r"\s*[|｜\t\u3000]\s*")
PROBLEM_COLUMN = re.compile(r"问题|表现|短板|不足|原因|差距")
MEASURE_COLUMN = re.compile(r"措施|举措|整改|办法|计划|打算|任务|工作内容|事项")
FIELD_COLUMN = re.compile(r"时限|时间|责任|牵头|配合")
INDEX_COLUMN = re.compile(r"^(?:序号|编号|序)$")


def _table_items(paragraphs: list[str]) -> tuple[list[str], SectionItems]:
    """The paragraphs that are no row of a table of problems, and the items of the rows: each row's problem
    and evidence cells (问题, 具体表现, 原因) one problem, its measure cells with their deadline and owner
    (整改措施, 完成时限, 责任单位) one plan (P29: 「序号 | 问题 | 具体表现 | 整改措施 | 完成时限」)."""
    if not any(TABLE_CELL.search(p) for p in paragraphs):
        return paragraphs, SectionItems([], [])
    rest, problems, plans = [], [], []
    header: list[str] | None = None
    for paragraph in paragraphs:
        cells = [c.strip() for c in TABLE_CELL.split(paragraph.strip().rstrip("。"))] if TABLE_CELL.search(paragraph) else []
        if (
            len(cells) >= 2
            and any(PROBLEM_COLUMN.search(c) or MEASURE_COLUMN.search(c) for c in cells)
            and all(len(c) <= 12 for c in cells)
        ):
            header = cells
            continue
        if header and len(cells) in (len(header), len(header) - 1):
            heads = header[1:] if len(cells) < len(header) and INDEX_COLUMN.match(header[0]) else header
            row = [(h, c) for h, c in zip(heads, cells) if c and not INDEX_COLUMN.match(h)]
            problem = [c for h, c in row if PROBLEM_COLUMN.search(h) and not MEASURE_COLUMN.search(h)]
            measure = [c for h, c in row if MEASURE_COLUMN.search(h) or FIELD_COLUMN.search(h)]
            measured = any(MEASURE_COLUMN.search(h) and not FIELD_COLUMN.search(h) for h, _ in row)  # (整改时限: when, no measure)
            if problem:
                problems.append("。".join(c.rstrip("。") for c in problem) + "。")
            if measured:
                plans.append("。".join(c.rstrip("。") for c in measure) + "。")
            continue
        header = None
        rest.append(paragraph)
    return rest, SectionItems(problems, plans)


def _with_table(paragraphs: list[str], *, mixed: bool, headed: bool = False, kind: ItemKind = "problems") -> SectionItems | None:
    """The items of paragraphs holding a table of problems or tasks (:func:`_table_items`; a plans section's
    「序号 | 工作任务 | 责任单位 | 完成时限」, P30) and of the text around it; None when they hold none."""
    rest, tabled = _table_items(paragraphs)
    if not (tabled.problems or tabled.plans):
        return None
    if kind == "plans":
        found = paragraph_items(rest, kind="plans")
        return SectionItems([], _clean(tabled.plans + found.plans))
    found = paragraph_items(rest, kind="problems", mixed=mixed, headed=headed)
    return SectionItems(_clean(tabled.problems + found.problems), _clean(tabled.plans + found.plans))


def paragraph_items(
    paragraphs: list[str],
    *,
    kind: ItemKind = "problems",
    mixed: bool = False,
    headed: bool = False,
    pair: bool = False,
    heading: str = "",
) -> SectionItems:
    """Items from paragraphs with no sub-headings (see the module docstring). ``headed``: the
    paragraphs are the text under a sub-heading that states a problem, so their clauses after ；
    explain it (a new sentence may still state another problem); so do those of a paragraph whose
    first sentence is a short statement of a problem (执法力量薄弱。…，…；…。). ``pair``: that heading names two
    problems (:func:`_names_two_problems`), the second told after the first; ``heading``: its words (what the first
    item is about). A table of problems is read by its columns (:func:`_table_items`)."""
    tabled = _with_table(paragraphs, mixed=mixed, headed=headed, kind=kind)
    if tabled:
        return tabled
    units = [u for paragraph in paragraphs for u in _units(paragraph, kind)]
    numbered = sum(u.led for u in units) >= 2  # paragraphs led by 1. / 一是 / （一）, not by 首先 / 其次
    paragraphed = sum(1 for p in paragraphs if p.strip()) >= PARAGRAPHED
    storied = kind == "problems" and paragraphed and _told_as_stories(paragraphs)
    # (in such a section, a paragraph that tells no story and lists problems — 「此外，A；B。」「…也有一些老问题：A；B」 — is
    # read as any other, P44)
    listing = _listing_paragraphs(units, [p.strip() for p in paragraphs if p.strip()]) if storied else []
    one_problem = _one_problem_paragraphs(paragraphs) if kind == "problems" and paragraphed and not numbered and not storied else []
    headlined = _headlined(one_problem)
    led_by_headline = False  # …and this paragraph is one of them
    paragraph_at = -1
    problems: list[list[str]] = []
    plans: list[list[str]] = []
    mode: ItemKind = kind
    previous = ""
    topic = False
    headline = headed  # the item's first sentence states the problem: what follows explains it
    plan_heading = False  # the paragraph opened with a plan's heading (在提升执法质量上下功夫。): its sentences are that plan
    after_intro = False  # the unit before was an intro between items (此外，还有几个问题需要引起重视：): this one opens
    free = False  # the paragraph, in a numbered section, is opened by a list word: its units are read as unnumbered
    answered = False  # the latest measure came after its label (打算：/整改措施：), the problems each answered in turn
    pair_left = False  # the item's headline named two problems (A和B都还有短板。): the second is still to come
    causes_of_all = False  # the paragraph gives the causes of all the problems before it
    for at, unit in enumerate(units):
        text = unit.text
        labelled = False  # this unit is a measure after its label (整改措施：…)
        if unit.paragraph_start:
            headline = headed
            paragraph_at += 1
            led_by_headline = headlined and paragraph_at < len(one_problem) and one_problem[paragraph_at]
            plan_heading = False
            pair_left = pair and not problems
            # 「此外，A；B；C。」 after 一是…四是 paragraphs: a paragraph a list word opens is no numbered item, its
            # clauses each state a problem of their own as in an unnumbered section (P28)
            free = numbered and ((unit.marked and not unit.numbered and not unit.led) or (unit.introduced and not unit.led))
        first = not (problems or plans)
        # (under a heading that states a problem, what follows explains it: no intro unless it ends with ：)
        intro_here = not (headed and first and unit.paragraph_start) or text.rstrip().endswith(("：", ":"))
        if (first or (len(text) <= STATEMENT_CHARS and SOME.search(text))) and intro_here and _is_intro(text, kind):
            previous = text  # an intro, before the first item or between two (我们也注意到一些新情况新问题。)
            after_intro = not first
            continue
        if kind == "problems" and (ITEM_CLOSING.match(text) or ITEM_REMEDIED.match(text.strip())):
            continue
        if unit.paragraph_start:
            causes_of_all = kind == "problems" and len(problems) >= 2 and not unit.numbered and bool(CAUSES_OF_ALL.match(text.strip()))
        if causes_of_all:
            continue  # 「以上问题，主要原因在于…」 a paragraph of its own: the causes of every problem before, none's own (P52)
        if (
            kind == "problems"
            and mode == "problems"
            and problems
            and not unit.paragraph_start
            and TAKEN_MEASURE.match(text)
            and "整改" not in text
        ):
            continue  # 「…行政应诉能力亟待提高。我镇已对该案进行了复盘，并组织…专题学习。」: what was done about it, no part of it (P34)
        # 「“两个短板”：」「队伍方面：」 label the items after them (「执法力量不足：」 states one)
        if GROUP_LABEL.match(text.strip()) and (text.strip().startswith("“") or not DEFECT.search(text)):
            previous = text
            continue
        if TOPIC_LINE.match(text) and not QUOTED_DEFECT.search(text):  # 关于普法宣传问题。 — names the next item's topic
            topic = True
            continue
        if topic:
            unit, topic = dataclasses.replace(unit, marked=True), False
        switch = ADDED_CAUSE.match(text) if kind == "problems" and mode == "problems" and problems and not unit.clause else None
        if switch and _new_subject(text[switch.end() :], "".join(problems[-1])):
            # 「…源头预防还不到位。加之法治建设专项经费投入有限，…」 — another problem, not the cause of this one
            text = text[switch.end() :]
            unit = dataclasses.replace(unit, text=text, marked=True)
        if unit.paragraph_start and kind == "problems" and _is_statement([text]):
            headline = True
        measure = MEASURE_LEAD.match(text) and not ALREADY_DONE.match(text)  # (对此我镇已于6月完成整改: done, no plan)
        if kind == "problems" and (
            measure or (mixed and mode == "problems" and problems and PLAN_VERB.match(text) and not _verb_then_defect(text))
        ):
            mode = "plans"
            label = MEASURE_LABEL.match(text)  # 「整改措施：A；B。」 — one measure, its label no part of it
            plans.append([text[label.end() :] if label and label.end() < len(text) else text])
            labelled = bool(label and unit.paragraph_start)
            answered = labelled
        elif (
            mode == "plans"
            and kind == "problems"
            and (
                _opens_problem(text, unit)
                or (answered and unit.led and not PLAN_VERB.match(text))
                # (「在信息化建设方面，…信息系统各自独立，数据不能共享…」: a paragraph a topic leads, after the last one's
                # measure, states the next problem in words DEFECT may not know, P37)
                or (unit.paragraph_start and bool(unit.framed) and not MEASURE_LEAD.match(text) and not PLAN_VERB.match(text))
            )
        ):
            # (「问题六：普法覆盖面仍有盲区。…」 after 「打算：…」: after a labelled measure, a numbered paragraph that is no
            # measure states the next problem)
            mode = "problems"
            problems.append([text])
        elif mode == "plans" and plan_heading and plans and not (unit.numbered or unit.marked):
            plans[-1].append(text)
        elif (
            pair_left
            and mode == "problems"
            and problems
            and len(problems[-1]) >= (1 if pair else 2)
            and not unit.marked
            and (not unit.clause or previous.rstrip().endswith(("；", ";")))
            and DEFECT.search(text)
        ):
            problems.append([text])  # 「执法规范化和执法监督都还有短板。A…；B…」: the second of the two problems (P35)
            pair_left = False
        else:
            target = problems if mode == "problems" else plans
            if (
                target
                and mode == "problems"
                and not unit.paragraph_start
                and not unit.marked
                and (REFLECTION.match(text.strip()) or REFLECTION_AFTER.search(text))
            ):
                target[-1].append(unit.framed + text)  # what the problem just told shows, or who answers for it (P39)
            elif (
                target
                and mode == "problems"
                and not unit.paragraph_start
                and not unit.marked
                and not (headed and _states_problem(heading))
                and not (storied and not listing[paragraph_at])
                and _about_another(text, previous, target[-1])
            ):
                target.append([text])  # no mark, but another problem: 「…村务公开不规范；随着…纠纷明显增多…」 (P50)
            elif (
                target
                and headline
                and mode == "problems"
                and unit.clause
                and not unit.marked
                # (the clauses of a list an intro announced are its items, 「…指出了以下问题：A；B」, P50; those of the
                # particulars of a problem stated before, 「…不适应。主要表现在：A；B」, explain it, P17)
                and not (unit.introduced and not unit.particulars)
                and not _own_new_problem(text, target[-1], heading if len(target) == 1 else "")
                and (unit.particulars or not _another_area(text, target[-1]))  # (「主要表现在：A；B」 explain it, P17)
            ):
                target[-1].append(unit.framed + text)
            elif storied and not listing[paragraph_at] and mode == "problems" and target and not unit.paragraph_start and not unit.marked:
                target[-1].append(unit.framed + text)  # a story a paragraph: its question and verdict are its own (P37)
            elif (
                led_by_headline
                and mode == "problems"
                and target
                and not unit.paragraph_start
                and not unit.marked
                and not _second_headline(unit, target[-1], units[at + 1 : at + 2])
            ):
                target[-1].append(unit.framed + text)  # a headline, then its evidence, examples and consequences (P39)
            elif (
                not target
                or after_intro
                or _opens(unit, previous, target[-1], numbered=numbered and not free, kind=mode, paragraphed=paragraphed)
                or (mode == "problems" and _next_headline(unit, target[-1], units[at + 1 : at + 2]))
            ):
                target.append([text])
                if not (pair and len(problems) == 1 and target is problems):  # (the heading's first problem keeps its pair)
                    pair_left = mode == "problems" and _names_two_problems(text)
                if unit.marked and not unit.paragraph_start:  # 此外，A；B；C — a new problem, its clauses judged anew
                    headline = _is_statement([text])
            else:
                target[-1].append(unit.framed + text)
        if mode == "plans" and (unit.paragraph_start or unit.numbered or unit.marked):  # a plan begins: headed or labelled?
            plan_heading = labelled or _plan_heading(text)  # (另一方面，着力提升决策质量。制定…)
        previous = text
        after_intro = False
    stated = [
        listed
        for item in ("".join(p) for p in problems)
        if not _fixed(item)
        for part in packed_problems(_trim(item))
        for whole in (subject_problems(part) if not headed else [part])  # (under a heading, what it explains)
        for piece in (_comma_problems(whole) if not headed else [whole])
        for listed in (_listed_problems(piece) if not headed else [piece])
    ]
    return SectionItems(_clean(stated), _clean(["".join(p) for p in plans]))


# a clause after a comma that opens on a subject of its own: a quantifier, a place or body, a field of work
COMMA_SUBJECT = re.compile(
    r"^(?:[“\"]|部分|个别|少数|一些|不少|多数|大部分|全镇|全乡|全街道|镇|乡|街道|村|社区|干部|群众|执法|普法|法律|法治|政务|信访|"
    r"矛盾|纠纷|合法性|规范性|重大|行政|司法所|综合|公共法律|山林|土地)"
)
COMMA_CONSEQUENCE = re.compile(
    r"难以|无法|影响|导致|造成|作用(?:没有|未能|未|不)|获得感|满意|不满|积极性|疑问|有意见|怨言|[“\"][^”\"]{1,8}[”\"]多"
)
COMMA_CLAUSES = 4  # comma clauses of a one-sentence item read for problems run together with commas
COMMA_APART = 0.5  # the classifier's least probability of each side's problem, for a comma to part two problems


def _comma_problems(item: str) -> list[str]:
    """One sentence of several problems joined by commas alone (「…日常巡查往往顾此失彼，部分协管人员未取得执法证件，…，
    个别案卷存在文书填写不完整…」, P10): cut before a clause opening on its own subject where the register's classifier
    reads what comes before it and what it begins as problems of two different areas of work (行政执法 and 合法性审查,
    not 执法力量 and 执法规范), each with probability COMMA_APART."""
    body = item.rstrip("。！；;，, ")
    if re.search(r"[。！？?；;]", body):
        return [item]
    clauses = split_outside_quotes(body, "，,")  # (as subject_problems cuts: never inside “…”)
    if len(clauses) < COMMA_CLAUSES or (len(clauses[0].rstrip("，,")) <= HEADLINE_CLAUSE and DEFECT.search(clauses[0])):
        return [item]  # (「公共法律服务资源匮乏，全乡没有律师事务所…，村法律顾问每年到村服务次数有限，…」: a headline, its particulars)
    starts = [n for n in range(1, len(clauses)) if COMMA_SUBJECT.match(clauses[n])]
    out: list[list[str]] = [[clauses[0]]]
    for n in range(1, len(clauses)):
        if n in starts:
            stop = next((k for k in starts if k > n), len(clauses))
            if stop == n + 1 == len(clauses) and COMMA_CONSEQUENCE.search(clauses[n]):
                out[-1].append(clauses[n])  # (「…，法律顾问的作用没有充分发挥出来」: what the problem leads to, its last words)
                continue
            if problem_model.apart("".join(out[-1]), "".join(clauses[n:stop]), COMMA_APART, areas=True):
                out.append([clauses[n]])
                continue
        out[-1].append(clauses[n])
    if len(out) < 2:
        return [item]
    parts = ["".join(part).rstrip("，, ") for part in out]
    return [*parts[:-1], parts[-1] + item[len(body) :]]


LIST_PART = 8  # characters of each problem of a list joined by 、 or 和 (「执法人员少、专业能力弱、装备不足」 is one problem's particulars)
LIST_CUT = re.compile(r"、|和")
LIST_DEFECT_TAIL = 2  # characters after a list part's defect word (「预警不够灵敏」: 不够 + 灵敏)
CLAUSE_MARK = re.compile(r"([，,：:])")
LIST_LEAD_IN = 4  # characters of a sentence's lead-in clause before the clause it opens (此外， 同时， 另外，)


def _listed_problems(item: str) -> list[str]:
    """Problems listed in one clause with 、 or 和 (「四是镇村两级法律顾问作用发挥不充分、村级公共法律服务工作站服务内容单一、
    法律明白人培训流于形式」「矛盾纠纷排查预警不够灵敏和信访事项依法分类处理不够规范，…」, P54): each part of at least
    LIST_PART characters ending on what is wrong (DEFECT, LIST_DEFECT_TAIL characters before its end at most), the last
    saying it too, and two neighbours read by the register's classifier as problems of two different areas of work (as the
    comma cut: 「普法形式单一、覆盖面不广」 stays one). Only a sentence's opening clause (after a lead-in such as 此外，) or
    a clause after a colon is read: a later clause lists what shows one problem or why (「暴露出…程序意识不强、证据留存不规范
    等问题」「客观上…费用偏低、服务时间难以保证」). The first such clause of the item is cut; what comes before it goes
    with its first part, what follows with its last."""
    start = 0
    for sentence in re.split(r"(?<=[。！？?；;])", item):
        at, opening = start, True
        for clause, mark in zip(*[iter([*CLAUSE_MARK.split(sentence), ""])] * 2):
            read = (opening and len(clause) >= LIST_PART) or (at > start and item[at - 1] in "：:")
            parts = _list_parts(clause) if read else [clause]
            if len(parts) > 1:
                cuts, end = [], at
                for part in parts[:-1]:
                    end += len(part)
                    cuts.append(end)
                    end += 1  # the 、 or 和
                bounds = [0, *cuts, len(item)]
                return [item[a + (1 if n else 0) : b] for n, (a, b) in enumerate(zip(bounds, bounds[1:]))]
            opening = opening and len(clause) < LIST_LEAD_IN
            at += len(clause) + len(mark)
        start += len(sentence)
    return [item]


def _list_parts(clause: str) -> list[str]:
    """``clause`` cut at each 、 or 和 (outside quotes and brackets) where the part before ends on a defect and the parts
    qualify (:func:`_listed_problems`); neighbours the classifier does not part are joined again; [clause] when none cut."""
    depth, spans, begin = 0, [], 0  # spans: (start, end) of each part in the clause
    for n, ch in enumerate(clause):
        depth += ch in "“（(《" and 1 or 0
        depth -= ch in "”）)》" and 1 or 0
        if depth <= 0 and LIST_CUT.fullmatch(ch):
            before = clause[begin:n]
            ends = [m.end() for m in DEFECT.finditer(before)]
            if len(before) >= LIST_PART and ends and ends[-1] >= len(before) - LIST_DEFECT_TAIL and not before.endswith("”"):
                spans.append((begin, n))
                begin = n + 1
    last = clause[begin:]
    if not spans or len(last) < LIST_PART or not DEFECT.search(last):
        return [clause]
    spans.append((begin, len(clause)))
    joined = [spans[0]]
    for start, end in spans[1:]:
        if problem_model.apart(clause[slice(*joined[-1])], clause[start:end], COMMA_APART, areas=True):
            joined.append((start, end))
        else:
            joined[-1] = (joined[-1][0], end)  # (the 、 between them kept)
    return [clause[start:end] for start, end in joined]


# 「关于督察反馈的“执法案卷不规范”问题。」 — a line naming a finding by its words states that problem: the item's headline (P34)
QUOTED_DEFECT = re.compile(r"“[^”]*(?:不|未|缺|弱|难|差|低|少|滞后|单一|薄弱)[^”]*”")


TAKEN_MEASURE = re.compile(
    # (「我镇已联合市场监管所开展…」, and 「目前，我镇已梳理出首批12项高频事项…」「今年已对6件重复信访逐案建立台账…」, P37)
    r"^(?:对此[，,]?)?我(?:镇|乡|街道|们)已(?:经)?(?:对|于|组织|开展|进行|着手|联合|梳理|建立|启动|督促|协调|安排|印发|制定|废止|将|指导|聘请?|修订|补正|调整|配备|增配|重新)"
    r"|^(?:目前|今年|下半年|年内|近期|当前|为此|对此)[，,]?(?:我(?:镇|乡|街道|们))?已(?:经)?(?:对|组织|开展|联合|梳理|建立|启动|督促|协调|安排|印发|制定)"
)


ALREADY_DONE = re.compile(r"^[^，。；]{0,12}已(?:经)?(?:于[^，。；]{1,10})?(?:完成|整改|解决|落实)")


def _fixed(item: str) -> bool:
    """「督察指出：“普法宣传针对性不强。”对此我镇已于6月完成整改，…该问题已整改到位。」 — an item that ends by saying it
    was put right, with nothing still wrong after the fix (P30): no problem of the year. So is a report of last year's
    problems put right (P54, 洋州街道: 「关于2022年度报告所列问题的整改情况。」 then 「针对合法性审查不严格的问题，街道出台了…」,
    which the twenty-second reading found among the year's problems): its title line, and a problem
    answered by what was done (针对…的问题，…) with nothing said to be still wrong."""
    if RECTIFIED_TITLE.match(item.strip()):
        return True
    answered = RECTIFIED_ANSWER.match(item.strip())
    if answered and not STILL_WRONG.search(item, answered.end()):
        return True
    last = item.rstrip("。 ").rsplit("。", 1)[-1]
    return bool(ITEM_FIXED.search(item.rstrip())) and not re.search(r"但|仍|尚|还需|有待", last)


RECTIFIED_TITLE = re.compile(r"^(?:关于)?[^，。；：:]{0,30}(?:问题|不足)[^，。；：:]{0,6}整改(?:落实)?情况[。：:]?$")
RECTIFIED_ANSWER = re.compile(
    r"^针对[^，。；]{2,40}?(?:的)?问题[，,](?=[^，。；]{0,12}(?:出台|建立|制定|开展|整理|完善|健全|配备|调整|修订|组织|落实))"
)
STILL_WRONG = re.compile(r"但|仍|尚|还(?:需|要|有|不)|有待|不够|不足|未能|亟待")


def _plan_heading(text: str) -> bool:
    """A plan's heading sentence opening its paragraph: short, without a figure, a whole sentence
    (「在提升执法质量上下功夫。」「加强队伍建设。」), the sentences after it saying how."""
    core = text.strip()
    return core.endswith("。") and len(core) <= PLAN_HEADING_CHARS and not any(ch.isdigit() for ch in core)


def inline_problems(paragraphs: list[str]) -> SectionItems:
    """Problems stated where there is no problems heading: "但也存在一些问题：一是…", or
    "在取得成绩的同时，我们也清醒地看到，…" in the achievements, to the end of ``paragraphs``
    (one section's); measures stated after them (下一步，我们将…) are plans."""
    for n, paragraph in enumerate(paragraphs):
        m, turn = _problems_turn(paragraph)
        if m:
            rest = paragraph[m.end() :]
            enumerated = _clean(inline_items(rest))
            if enumerated:
                return SectionItems(enumerated, [])
            return paragraph_items([rest, *paragraphs[n + 1 :]], kind="problems", mixed=True)
        if turn:
            start = paragraph.rfind("。", 0, turn.start()) + 1
            return paragraph_items([paragraph[start:], *paragraphs[n + 1 :]], kind="problems", mixed=True)
    return SectionItems([], [])


# a problem stated at the end of an achievement paragraph: 「（一）综合执法效能稳步提升。…立案查处案件17件。但也要看到，
# 执法队仍只有6名执法人员，…」 — from the turn to the paragraph's end (the turn words dropped)
TAIL_TURN = re.compile(
    r"(?<=[。！？])\s*(?:但(?:同时)?(?:我们)?(?:也|还)?(?:要|应|需|必须)?(?:清醒(?:地)?)?(?:看到|认识到)|美中不足的是|不足之处在于|不足的是|"
    # 「…未发生森林火灾。在肯定成绩的同时也要看到，普法宣传…覆盖仍不够全面。」 (P52)
    r"在(?:肯定|看到)成绩的同时(?:[，,]?(?:我们)?(?:也|还)?(?:要|应|需)?(?:清醒(?:地)?)?(?:看到|认识到))?|"
    # 「（四）严格规范公正文明执法（满分20分，自评15分）。…。扣5分：一是…」 — a self-assessment's deductions (P30)
    r"扣(?:\d+(?:\.\d+)?|[一二三四五六七八九十]+)分)[，,：:]"
)


# 「…开展集中学法12次。但村干部学法覆盖面仍然不广，…。」 — a sentence of an achievement paragraph (not its first)
# opening with a bare 但 that says something is still wrong (P28, P29): it and the rest of the paragraph are problems
# (and measures: 下步…), as after 但也要看到，
TAIL_BUT = re.compile(
    r"(?<=[。！？])\s*(?:但是|不过|然而|但(?!是)(?![，,])|从(?:执行|实施|运行|落实|实际|推进)(?:情况|效果|层面|中)?看[，,])"
)
TAIL_DEFECT = re.compile(
    r"仍(?:然|旧)?(?:不|未|较|有|存在|需|待|停留|以)|不够|不足|不广|不高|不强|有待|亟待|尚未|缺乏|未能|偏少|较少|薄弱|滞后|难以|"
    r"不(?:及时|到位|规范|充分|畅|力|完善|健全|明显|细致)|久调不结|依然(?:繁重|严峻|突出|存在|较大)|形势(?:依然|仍然)?严峻|难度(?:较|很)?大"
)
TAIL_RESOLVED = re.compile(
    r"(?<!无法)(?<!不能)(?<!未能)(?<!没有)(?<![未不])(?:成功|达成)|化解了|解决了|得到(?:了)?(?:有效)?(?:解决|化解)|圆满"
)


# 「存在差距：持证率虽已达标，但…」 — a paragraph of a rectification account (反馈问题：/整改情况：/存在差距：) labelled as
# what is still short (P29)
SHORTFALL_LABEL = re.compile(
    r"^\s*(?:存在(?:的)?(?:差距|不足|问题)|仍(?:然)?存在(?:的)?(?:差距|不足|问题)|差距(?:和|与)不足|不足之处|尚存差距)[：:]"
)


def tail_problems(paragraph: str) -> tuple[str, list[str], list[str]]:
    """(``paragraph`` up to the problems it turns to, those problems, the measures stated after them: 下步，将…);
    (paragraph, [], []) when it states none (see TAIL_TURN, TAIL_BUT: the 但 sentence itself must say something
    is still wrong, and nothing resolved)."""
    m = SHORTFALL_LABEL.match(paragraph) or TAIL_TURN.search(paragraph)
    but = TAIL_BUT.search(paragraph) if not m else None
    if but:
        end = paragraph.find("。", but.end()) + 1 or len(paragraph)  # the 但 sentence's end
        if TAIL_DEFECT.search(paragraph, but.end(), end) and not TAIL_RESOLVED.search(paragraph, but.end(), end):
            m = but
    if not m or not DEFECT.search(paragraph, m.end()):
        return paragraph, [], []
    found = paragraph_items([paragraph[m.end() :].lstrip("，, ")], kind="problems", mixed=True)  # (然而，…)
    return (paragraph[: m.start()].rstrip(), found.problems, found.plans) if found.problems else (paragraph, [], [])


# a shortfall told inside a work paragraph's narrative, with no problems section anywhere (P30: 「…人均56学时，但执法队员中有
# 法律专业背景的仍仅1人，…」「普法活动多安排在工作日白天进行，…基本没有覆盖到。」): a clause turning with 但/不过/然而
# mid-sentence, or a later sentence of the paragraph, that says something is still short
CONCEDED = re.compile(r"虽(?:然)?")
NARRATIVE_TURN = re.compile(r"[，,；;](?:但是?|不过|然而|可是)(?![，,])|(?<=[；;])(?=[^；;。]*(?:仍|尚|还)[^；;。]*。?$)")
NARRATIVE_DEFECT = re.compile(
    rf"{TAIL_DEFECT.pattern}|偏弱|没有覆盖|很少能|无法|还不到|抵触|拉长|不够充分|流于形式|作用发挥不|空白|时有发生|仍凭|(?:还|仍)需(?:进一步)?(?:加强|提高|提升|改进)|仍(?:然)?发生|不细|才暴露|(?:^|[，,])而[^，。]{{0,20}}仅|的仅(?:有)?[\d一二两三四五六七八九十]"
)


def narrative_problems(paragraph: str) -> tuple[str, list[str]]:
    """(``paragraph`` without the problems its narrative tells, those problems): each sentence after the first that
    says something is still short (NARRATIVE_DEFECT, nothing resolved) is a problem from its start, a sentence whose
    clause after ，但 says so is one from that clause; a sentence going on with the one before (这类纠纷…) joins it."""
    kept: list[str] = []
    found: list[str] = []
    previous_problem = False
    for n, sentence in enumerate(s for s in SENTENCE_END.split(paragraph) if s.strip()):
        turn = next((m for m in NARRATIVE_TURN.finditer(sentence) if NARRATIVE_DEFECT.search(sentence, m.end())), None)
        if turn and TAIL_RESOLVED.search(sentence, turn.end()):
            turn = None  # (…，但经过调解，双方达成协议: nothing still short)
        if turn and CONCEDED.search(sentence, 0, turn.start()):
            found.append(sentence.strip())  # 「…反诈宣传虽然覆盖到了每个村，但…仍然偏弱。」 — the concession is part of it
            previous_problem = True
        elif turn:
            kept.append(sentence[: turn.start()] + "。")
            found.append(sentence[turn.end() :].strip())
            previous_problem = True
        elif previous_problem and ITEM_CONTINUES.match(sentence.strip()):
            found[-1] += sentence
        elif n and NARRATIVE_DEFECT.search(sentence) and not TAIL_RESOLVED.search(sentence):
            found.append(_strip_openers(sentence)[0])
            previous_problem = True
        elif not n and (label := WORK_LABEL.match(sentence)) and _only_shortfall(sentence[label.end() :]):
            # 「执法数字化：执法案件仍手工登记，未全部录入监督平台。」 — a work line whose whole content is what is short (P39)
            kept.append(sentence[: label.end()])
            found.append(sentence[label.end() :].strip())
            previous_problem = True
        else:
            kept.append(sentence)
            previous_problem = False
    return "".join(kept), _clean(found)


# a work line's label: 「执法数字化：」「学法用法：」 (a short name before a colon)
WORK_LABEL = re.compile(r"^\s*[^，。；：:\d]{2,8}[：:]")


def _only_shortfall(content: str) -> bool:
    """A work line's content that says only what is short: a shortfall in its first clause, no figure of work done, nothing
    resolved."""
    first = re.split(r"[，,；;]", content, maxsplit=1)[0]
    return bool(SHORT_WORD.search(first)) and not re.search(r"\d", content) and not (TAIL_RESOLVED.search(content))


SHORT_WORD = re.compile(r"仍|未|尚|没有|缺|不足|不够|偏低|偏少|滞后|空白|难以|薄弱")


def problems_start(paragraph: str) -> int | None:
    """Where in ``paragraph`` the sentence begins in which :func:`inline_problems` finds problems
    stated (但也要清醒地看到… / 还存在以下问题：); None when it states none."""
    m, turn = _problems_turn(paragraph)
    found = m or turn
    return None if found is None else paragraph.rfind("。", 0, found.start()) + 1


def before_problems(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` up to the sentence where :func:`inline_problems` finds problems stated
    (但也要清醒地看到…): what comes before it, the achievements proper."""
    for n, paragraph in enumerate(paragraphs):
        start = problems_start(paragraph)
        if start is not None:
            head = paragraph[:start].strip()
            return paragraphs[:n] + ([head] if head else [])
    return paragraphs


def _problems_turn(paragraph: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """An intro before a list of problems (存在以下问题：), and a turn to problems (清醒看到…)."""
    m = INLINE_PROBLEMS.search(paragraph)
    turn = PROBLEMS_TURN.search(paragraph)
    if turn and _closes_its_defect(paragraph, turn):
        turn = None
    if m and turn and turn.start() < m.start():  # 还有差距。土地纠纷…。此外，还有几个方面的问题：①…
        m = None
    return m, turn


def _closes_its_defect(paragraph: str, turn: re.Match[str]) -> bool:
    """A turn that ends its sentence after a clause of that sentence stating the defect sums that one up, and
    announces no problems: 「村级治理：…修订；“法律明白人”参与调解偏少，与要求仍有差距。」 (P39)."""
    if not paragraph.startswith(("。", "；"), turn.end()) and turn.end() != len(paragraph.rstrip()):
        return False
    start = max(paragraph.rfind(end, 0, turn.start()) for end in "。；;") + 1
    comma = paragraph.rfind("，", start, turn.start())
    said = NARRATIVE_DEFECT.search(paragraph, start, comma) or NARRATIVE_TURN.search(paragraph, start, comma)
    return comma > start and bool(said or paragraph.startswith(("但", "不过", "然而"), start))


def inline_items(text: str) -> list[str]:
    """Items of the first inline enumeration 一是…二是… in ``text``, or [] if it has none.

    Only a run numbered 1, 2, 3… with one marker style counts; text before the first
    marker is an intro and is dropped.
    """
    run = _marker_run(text)
    if len(run) < 2:
        return []
    bounds = [m.start() for m in run] + [len(text)]
    return [LEAD_MARK.sub("", text[a:b], count=1) for a, b in zip(bounds, bounds[1:])]


def achievement_paragraphs(block: Block) -> list[str]:
    """Every paragraph of an achievements or duty section, markers stripped, headings alone skipped."""
    paragraphs = ([block.lead] if block.lead else []) + block.lines
    return _clean([LEAD_MARK.sub("", p, count=1) for p in paragraphs if _has_body(p)])


def _child_items(child: Block, kind: ItemKind, mixed: bool) -> SectionItems:
    """A sub-heading and its text: read for its items when the heading only names an area
    (（一）执法方面); otherwise the heading opens an item, and its text is read after it (a
    measure, or a second problem stated in full, makes items of their own)."""
    body = ([child.lead] if child.lead else []) + child.lines
    if kind == "problems" and CAUSES_HEADING.search(child.heading):
        return SectionItems([], [])  # （二）原因分析：the causes of the problems above, no problem of their own
    label = MEASURE_LABEL.match(child.heading) if kind == "problems" else None
    if label:  # 「（七）其他打算：建立…；对法律明白人进行调整…；指导…。」 in a problems section: its measures (P39)
        return SectionItems([], paragraph_items([child.heading[label.end() :] + "。", *body], kind="plans").plans)
    if (AREA_HEADING.match(child.heading) or GROUP_HEADING.match(child.heading) or (kind == "problems" and _enumerates(body))) and body:
        # （三）依法行政规范化程度仍需提高。一是…二是… — a heading over the problems it enumerates
        return paragraph_items(body, kind=kind, mixed=mixed)
    rest = "".join(body)
    head = child.heading if not rest or re.search(r"[。；：！？]$", child.heading) else child.heading + "。"
    if kind == "plans":
        # (lines under it that each open on a mark of another style are plans of their own: 「2.严格落实…」 then
        # 「③拓展法律顾问…」「(4)开展…」, a list numbered in mixed styles, P39)
        marked = [n for n, line in enumerate(body) if ANY_MARK.match(line)]
        if marked:
            cuts = sorted({0, *marked, len(body)})
            parts = ["".join(body[a:b]) for a, b in zip(cuts, cuts[1:])]
            if marked[0]:  # (unmarked lines right under the heading go on with it)
                head, parts = head + parts[0], parts[1:]
            return SectionItems([], _clean([head, *(ANY_MARK.sub("", p, count=1) for p in parts)]))
        return SectionItems([], _clean([head + rest]))
    found = paragraph_items(
        body,
        kind=kind,
        mixed=mixed,
        headed=not MEASURE_LEAD.match(rest.strip()),
        pair=kind == "problems" and _names_two_problems(head),
        heading=head,
    )
    # (…nor a text opening on a list word: 「（四）执法监督这一块基本上是空白…。还有法律明白人，…」 is the next problem, P39)
    if not found.problems or MEASURE_LEAD.match(rest.strip()) or ITEM_OPENER.match(rest.strip()):
        return SectionItems(_clean([head]) + found.problems, found.plans)
    # the heading states the problem; what follows it first explains it
    return SectionItems(_clean([head + found.problems[0]]) + found.problems[1:], found.plans)


# a sub-heading that names a group of problems, no problem (（二）其他存在的问题, （一）督察反馈问题整改情况, P46): its text
# is read for its items, as under an area's heading
GROUP_HEADING = re.compile(
    r"^\W*(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|\d{1,2}[.．、])?\s*"
    r"(?:(?:其他|其它|其余|另外|新发现|自查发现|新)的?(?:存在的)?(?:问题|不足|短板)(?:和不足|及不足)?"
    r"|(?:督察|巡察|审计|考核|检查|评估)?反馈(?:的)?问题(?:(?:的)?整改(?:落实)?(?:情况|进展)?)?)\W*$"
)


# any enumeration mark opening a line: 1. 2、 ③ ⑷ (4) （4） 一、 A.
ANY_MARK = re.compile(
    r"^\s*(?:[\d]{1,2}[.．、）)]|[①-⑳⑴-⒇]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}、|[A-H甲乙丙丁戊己庚辛壬癸][.．、])\s*"
)


# a sub-heading of a problems section over the causes of its problems (洱源县 review: 牛街乡's 「（二）原因分析」
# paragraph was quoted as a problem)
CAUSES_HEADING = re.compile(
    r"^\W*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])?\s*"
    r"(?:存在|产生)?(?:上述|这些|以上)?(?:问题|不足|短板)?(?:产生|存在)?的?(?:主要|深层次)?原因(?:分析|剖析|查找)?\W*$"
)


def _enumerates(body: list[str]) -> bool:
    """The text under a sub-heading opens with an enumeration of two or more (一是…二是…)."""
    first = body[0].strip() if body else ""
    run = _marker_run(first)
    return len(run) >= 2 and run[0].start() == 0 and _marker_value(run[0])[0] == 1  # not （二）（三） going on from the heading's （一）


# 「对照…督察反馈的6个问题，…另有3个问题整改尚未完全到位。其中，A；B；C。」: after a sentence counting
# problems, 其中 lists them (each clause an item), it does not go on with the sentence before
PARTICULARS = re.compile(r"^\s*(?:具体|主要)?(?:表现|体现)(?:在|为)?[：:]\s*(?=\S)")
COUNTED_PROBLEMS = re.compile(r"[\d一二三四五六七八九十两几]+(?:个|项|类|方面)(?:[^，。；]{0,6})?(?:问题|不足|短板)")
AMONG_THEM = re.compile(r"^\s*其中[，,：:]")
# an intro that announces the particulars of a problem stated before it (「…不适应。主要表现在：A；B」), not problems
PARTICULARS_INTRO = re.compile(r"(?:表现|体现)(?:在|为)?$")


def _units(paragraph: str, kind: ItemKind = "problems") -> list[Unit]:
    """A paragraph's units: cut at an inline enumeration run, at sentence ends, and at ； where
    the clauses each state a problem."""
    paragraph = paragraph.strip()
    lead = LEAD_MARK.match(paragraph)
    dashed = bool(lead and paragraph.startswith("——"))
    pieces = [(paragraph[lead.end() :], True)] if lead else [(paragraph, False)]
    finding = kind == "problems" and not lead and bool(FINDING_LEAD.match(paragraph))  # (督察指出：“…” kept in its text)
    if finding:
        pieces = [(paragraph, True)]
    # a run that cuts the paragraph: one it starts (一是… 二是…), or one inside an unnumbered paragraph;
    # a run inside a numbered paragraph (二要…：一是… 二是…) is nested in its item
    run = _marker_run(paragraph)
    if run and CAUSE_BEFORE.search(paragraph[: run[0].start()]):
        run = []  # …被市里通报1次，究其原因，一是…，二是… — the causes of the problem, not items
    if len(run) >= 2 and (not lead or run[0].start() == 0):
        bounds = [m.start() for m in run] + [len(paragraph)]
        head = [(paragraph[: bounds[0]], False)] if bounds[0] else []
        pieces = head + [(LEAD_MARK.sub("", paragraph[a:b], count=1), True) for a, b in zip(bounds, bounds[1:])]
    if kind == "problems":
        pieces = pieces[:-1] + _list_causes(*pieces[-1], run)
        # 「⑴问题：土地流转合同规范工作尚未完成。…」 then 「措施：…」: the label is no part of the problem (P34); nor is an
        # area named in a sentence of its own, 「甲、依法决策方面。镇重大行政决策…」 (read as a short headline, it kept the
        # problems after it in one item, P50)
        pieces = [(AREA_SENTENCE.sub("", PROBLEM_LABEL.sub("", piece, count=1), count=1), marked) for piece, marked in pieces]
    units: list[Unit] = []
    for index, (piece, marked) in enumerate(pieces):
        before, before_at = "", len(units)
        for n, sentence in enumerate(s for s in SENTENCE_END.split(piece) if s.strip()):
            among = AMONG_THEM.match(sentence) if kind == "problems" and COUNTED_PROBLEMS.search(before) else None
            if among:  # 其中，A；B；C: the problems the sentence before counted, which was their intro
                sentence = sentence[among.end() :]
                del units[before_at:]
            previous, before, before_at = before, sentence, len(units)
            listed = _after_intro(sentence, kind)
            particulars = PARTICULARS.match(sentence) if kind == "problems" and listed == sentence else None
            if particulars and previous and _is_intro(previous, kind):
                listed = sentence[particulars.end() :]  # 「…还有一定差距。具体表现在：A；B；C。」 — the problems the intro announced
            introduced = kind == "problems" and listed != sentence and "：" in sentence[: len(sentence) - len(listed)]
            parts = _clauses(listed, kind, listed_after_intro=introduced)
            if kind == "problems" and not (MEASURE_LEAD.match(sentence.strip()) or ITEM_CONTINUES.match(sentence.strip())):
                parts = [piece for part in parts for joined in _joined_parts(part) for piece in _measure_parts(joined)]
            # (an intro announcing problems, 还发现以下不足：, not one announcing particulars, 主要表现在：)
            intro_head = sentence[: len(sentence) - len(listed)].rstrip("：: ，,")
            # (…但仍有不少短板，主要是：A；B；C — the list word after the intro)
            announced = introduced and bool(
                ITEM_INTRO.search(intro_head) or ITEM_INTRO.search(LIST_LEAD.sub("", intro_head).rstrip("，, "))
            )
            if kind == "problems":
                parts = [piece for part in parts for piece in _comma_list(part, after_intro=introduced)]
                if introduced:
                    parts = [piece for part in parts for piece in _pause_list(part)]
                parts = [piece for part in parts for piece in _embedded_list(part)]
            for k, clause in enumerate(parts):
                text, number, opener, framed = _strip_openers(clause, kind, inline_marks=not lead)
                opener = opener or (k > 0 and (isinstance(clause, (_Joined, _Listed)) or bool(COMPARED.match(clause.strip()))))
                first_piece = marked and n == 0 and k == 0
                start = index == 0 and n == 0 and k == 0
                # (「依法行政还存在薄弱环节：一方面，…」 — after an intro, the sides it announces are items of their own)
                aspect = not number and not first_piece and not (introduced and k == 0) and bool(ASPECT.match(clause.strip()))
                led = start and (bool(lead) or finding) and not dashed  # (a dash is no number: the section may mix dashes and prose)
                units.append(
                    Unit(
                        text,
                        first_piece or number or opener,
                        first_piece or number,
                        start,
                        led,
                        k > 0,
                        framed,
                        aspect,
                        announced,
                        dashed,
                        announced and bool(PARTICULARS_INTRO.search(intro_head)),
                    )
                )
    return units


def _strip_openers(clause: str, kind: ItemKind = "problems", *, inline_marks: bool = True) -> tuple[str, bool, bool, str]:
    """The clause without its leading numbering marks and list words (其二，此外，一方面，…),
    whether a numbering mark and whether any opener (a topic lead too: 从群众层面看，) were found,
    and the topic lead dropped before a comma (kept by an item the clause goes on).
    A topic lead before a comma says what the item is about and stays in its text, unless a long
    statement follows (it frames it); one before a colon heads a group of items and is dropped.
    What follows a lead is read for marks too."""
    number = opener = lead_seen = False
    lead = framed = ""
    while True:
        # 其二，…; 二是… after a sentence of a paragraph the mark did not lead (a paragraph led by 二要
        # keeps the 一是… 二是… of its own sentences nested in its item)
        m = ITEM_NUMBER.match(clause) or (INLINE_MARK.match(clause) if inline_marks else None)
        if m and m.end():
            clause, number = clause[m.end() :], True
            continue
        m = ITEM_OPENER.match(clause)
        if m and m.end() < len(clause):
            clause, opener = clause[m.end() :], True
            continue
        m = TOPIC_LEAD.match(clause)
        if m and m.end() < len(clause) and not lead_seen and not ITEM_CONTINUES.match(clause):
            head = clause[: m.end()]
            # (「关于持证执法人员不足的问题：督察指出，…」 names the finding itself: its title stays, P38)
            titled = head.startswith("关于") and bool(DEFECT.search(head.replace("问题", "")))
            dropped = not titled and (
                head.rstrip().endswith(("：", ":"))
                or (kind == "problems" and len(clause) - m.end() >= LEAD_DROPPED_AFTER and not _measured_against(head, clause[m.end() :]))
            )
            lead = "" if dropped else head
            framed = head if dropped and not head.rstrip().endswith(("：", ":")) else ""
            clause, opener, lead_seen = clause[m.end() :], True, True
            continue
        return (lead + clause).strip(), number, opener, framed


def _measured_against(lead: str, rest: str) -> bool:
    """ "对照…要求，司法所仅有2名工作人员…": a lead that says what the problem falls short of is part
    of the problem's statement (kept), unless a colon after it opens a list of its own."""
    return lead.startswith("对照") and "：" not in rest.split("，", 1)[0]


def _after_intro(sentence: str, kind: ItemKind) -> str:
    """ "当前，我镇工作仍存在一些不足：理论学习…" → "理论学习…"; "2023年，街道将在以下方面持续用力：严格
    落实…" → "严格落实…" (an intro before a colon dropped)."""
    if kind == "plans" and ITEM_CONTINUES.match(sentence.strip()):
        return sentence  # 「责任单位：党政办，完成时限：…」 — the task's owner, no intro
    head, colon, rest = sentence.partition("：")
    intro = ITEM_INTRO if kind == "problems" else PLAN_INTRO
    found = intro.search(head.rstrip("，, ")) if colon and rest.strip() else None
    if found and kind == "problems" and not OTHERS_INTRO.search(found.group()) and _titled(head[: found.start()]):
        return sentence  # 「防范非法集资宣传有薄弱环节：个别…」 — the item's own title, not an intro
    if colon and rest.strip() and (found or (kind == "plans" and len(head) <= 30)):
        return rest
    # "…但仍有不少短板，主要是：A；B" — an intro, then the list word before the colon
    lead = LIST_LEAD.search(head) if colon and rest.strip() and kind == "problems" else None
    if lead and (ITEM_INTRO.search(head[: lead.start()].rstrip("，, ")) or re.fullmatch(r"[，,]?主要(?:是|有)", head.strip())):
        return rest  # (「主要是：A；B；C。」 on a line of its own: the intro is the heading above it, P34)
    # "对照上级要求，我乡工作还存在一些差距，乡里没有独立的执法队伍…" — an intro before a comma
    m = COMMA_INTRO.match(sentence)
    if kind == "problems" and m and m.end() < len(sentence) - 1:
        return sentence[m.end() :]
    return sentence


# 「上述问题在前文已作说明，除此之外，还存在：」「督察反馈指出的…问题尚未完全整改到位：」 — the intro of further problems or of
# findings not yet put right, whatever precedes it (no title of the item's own, P52)
OTHERS_INTRO = re.compile(r"(?:除此之外|此外|另外)|整改|解决|指出|反馈|通报")
TITLE_MIN = 4  # characters naming what a title before a colon is about (防范非法集资宣传)


def _titled(before: str) -> bool:
    """What precedes 「有薄弱环节」「存在不足」 in a head before a colon names a topic of its own
    (防范非法集资宣传), not the township or its work in general (我镇工作还 / 法治政府建设中)."""
    core = before.strip("，, ")
    return len(core) >= TITLE_MIN and "，" not in core and not GENERIC_SUBJECT.search(core) and not SOME.search(core)


def _clauses(sentence: str, kind: ItemKind, *, listed_after_intro: bool = False) -> list[str]:
    """A sentence cut at ； when at least two of its clauses state a problem (each says something
    is wrong); a clause that does not joins the one before — unless the sentence lists what an intro
    announced (``listed_after_intro``: …主要是：A；B；C), whose clauses are cut whatever words they use.
    In plans every clause is a measure."""
    parts = [p for p in CLAUSE_SEMICOLON.split(sentence) if p.strip()]
    if kind == "plans" or MEASURE_LEAD.match(sentence.strip()):  # 下一步，我乡将…；…；… — measures
        return parts
    cause = CAUSE_LEAD.search(parts[0])
    if cause and cause.start() >= CAUSE_LATE and len(parts) >= 2:
        # 「…日常巡查“看得见的管不着”，主要原因是…；同时，执法车辆仅1辆…」: a problem and its cause, then a clause a list
        # word opens states the next problem (P46); the clauses of the cause go on with it
        out = [parts[0]]
        for part in parts[1:]:
            if ITEM_OPENER.match(part.strip()) and DEFECT.search(part):
                out.append(part)
            else:
                out[-1] += part
        return out
    if len(parts) < 2 or ITEM_CONTINUES.match(sentence.strip()) or cause:
        return [sentence]  # 究其原因，一方面是…；另一方面是… — the causes of the problem before, not items
    stating = [bool(DEFECT.search(p) or _opener(p)) for p in parts]
    # (a clause in words DEFECT does not know may still be about another problem: 「…群众往返一次要一整天；今年我乡首次
    # 发生行政复议案件1件，因答复材料报送超期被复议机关责令改正」 — the splitter then asks the classifier, P50)
    apart = [bool(n and not stating[n] and _read_apart(parts[n - 1], p)) for n, p in enumerate(parts)]
    if sum(stating) < 2 and not any(apart) and not listed_after_intro:
        return [sentence]
    out: list[str] = []
    for part, own, other in zip(parts, stating, apart, strict=True):
        if out and not _opener(part) and (ITEM_CONTINUES.match(part.strip()) or (not own and not other and not listed_after_intro)):
            out[-1] += part
        else:
            out.append(part)
    return out


APART_CLAUSE = 12  # characters of a clause after ； the classifier is asked about


def _read_apart(before: str, clause: str) -> bool:
    """A clause after ； with no defect word the classifier reads as another named problem than the one before."""
    return len(clause.strip()) >= APART_CLAUSE and not ITEM_CONTINUES.match(clause.strip()) and problem_model.apart(before, clause)


# a list of short problems after bare commas: 「…仍存在一些差距，主要是：执法队伍人员数量不足，执法文书制作不够规范，
# 村级法律顾问到村服务次数偏少，…」 — after an intro, from COMMA_LIST_AFTER_INTRO clauses on, else from
# COMMA_LIST_ALONE on (writers keep three or four such clauses as one problem and its explanation more
# often than not; they cut lists this long); every clause short and stating a defect of its own
COMMA_LIST_AFTER_INTRO = 4
COMMA_LIST_ALONE = 6
COMMA_LIST_CLAUSE = (4, 30)  # characters of each clause
COMMA_LIST_LOOSE = 5  # clauses from which one may state its defect in words DEFECT does not know
COMMA_LIST_CLAUSE_AFTER_WORD = (10, 40)  # after 此外，/同时， a clause may be longer, and must say whose problem it is
LIST_WORD = re.compile(r"^(?:此外|另外|同时|与此同时|除此之外)[，,]")


LIST_LEAD = re.compile(r"[，,]?(?:主要(?:是|有|表现(?:为|在)|体现(?:为|在))|具体(?:表现)?(?:为|在|如下)|表现(?:为|在))$")


def _comma_list(sentence: str, *, after_intro: bool) -> list[str]:
    """``sentence`` cut at every comma when it is a list of short problems (see COMMA_LIST_*); an
    intro before a colon (…仍有差距，主要是：) is dropped."""
    if "；" in sentence or ";" in sentence:
        return [sentence]
    head, colon, rest = sentence.partition("：")
    if colon and rest.strip():
        lead = LIST_LEAD.search(head)
        intro = head[: lead.start()] if lead else head
        found = ITEM_INTRO.search(intro.rstrip("，, "))
        if not (lead or found) or (found and not lead and _titled(intro[: found.start()])):
            return [sentence]  # (防范非法集资宣传有薄弱环节：… — a title, its item after it)
        # (「主要是：A，B，C，D。」 on a line of its own: the intro is the sentence before it)
        # (not 表现在：, which gives the particulars of the problem before it)
        alone = bool(lead and not intro.strip("，, ") and re.fullmatch(r"[，,]?主要(?:是|有)", head.strip()))
        after_intro, sentence = bool(found) or alone, rest
    whole = sentence
    opener = LIST_WORD.match(sentence)
    if opener:  # 「此外，A，B，C，D。」 — a list word before clauses that may each state a problem (P30)
        after_intro, sentence = True, sentence[opener.end() :]
    body = sentence.rstrip()
    end = body[-1] if body and body[-1] in "。！？" else ""
    clauses = [c for c in re.split(r"[，,]", body.rstrip("。！？")) if c.strip()]
    low, high = COMMA_LIST_CLAUSE if not opener else COMMA_LIST_CLAUSE_AFTER_WORD
    if (
        len(clauses) < (COMMA_LIST_AFTER_INTRO if after_intro else COMMA_LIST_ALONE)
        or not all(low <= len(c.strip()) <= high and not ITEM_CONTINUES.match(c.strip()) for c in clauses)
        or not DEFECT.search(clauses[0])
        # every clause states a defect; in a long list one may say it in words of its own (仍有反复, 还有盲区)
        or sum(not DEFECT.search(c) for c in clauses) > (1 if len(clauses) >= COMMA_LIST_LOOSE and not opener else 0)
        or _one_topic(clauses)
    ):
        return [whole if opener else sentence]
    return [_Listed(c.strip() + end) for c in clauses]


# what a clause is about, roughly: a list whose clauses share one of these in half of them or more is one
# problem told clause by clause (「执法行为规范化水平…仍有差距，执法中重处罚、轻教育…，部分执法全过程记录不完整，
# 执法公示不够及时」), not a list of problems
LIST_TOPIC = re.compile(
    r"执法|普法|调解|纠纷|信访|法律顾问|法律明白人|审查|决策|公开|学法|干部|群众|村规民约|经费|人才|队伍|依法|考核|诈骗"
)


def _one_topic(clauses: list[str]) -> bool:
    counts: dict[str, int] = {}
    for clause in clauses:
        for term in set(LIST_TOPIC.findall(clause)):
            counts[term] = counts.get(term, 0) + 1
    return any(2 * n >= len(clauses) for n in counts.values())


# 「存在的问题主要是：执法人员少、干部学法用法不够深入、法治建设经费紧张、“法律明白人”作用发挥不均衡等。」 — after an
# intro, a sentence that is only a list of short problems between 、 (its 等 dropped); 「针对性不强、覆盖面不广」 (two
# parts) or parts about one topic are one problem
PAUSE_LIST_MIN = 3
PAUSE_LIST_CLAUSE = (4, 20)  # characters of each part
PAUSE_LIST_END = re.compile(r"等(?:[^，。；、]{0,4}(?:问题|不足|方面))?$")


def _pause_list(sentence: str) -> list[str]:
    """``sentence`` cut at every 、 when, after an intro, it is only a list of short problems."""
    if isinstance(sentence, _Listed) or any(mark in sentence for mark in "，,；;：:"):
        return [sentence]
    body = sentence.strip()
    end = body[-1] if body and body[-1] in "。！？" else ""
    body = PAUSE_LIST_END.sub("", body.rstrip("。！？"))
    parts = [p.strip() for p in body.split("、")]
    low, high = PAUSE_LIST_CLAUSE
    if (
        len(parts) < PAUSE_LIST_MIN
        or not all(low <= len(p.translate(QUOTE_MARKS)) <= high and DEFECT.search(p) for p in parts)
        or _one_topic(parts)
    ):
        return [sentence]
    return [_Listed(p + end) for p in parts]


# 「…我镇还存在综合执法队员数量偏少、法律顾问参与重大决策不够深入…以及普法活动进村入户不够等问题，这些问题需要…」
# 「同时，受人员编制和镇级财力所限，A、B，C、D，以及E等问题仍然存在。」 — problems packed into one sentence before 等问题 (P30):
# the list is cut at its top-level separator (， when it has one, else 、) and at 以及
EMBEDDED_LIST = re.compile(
    r"^(?P<head>[^。；]*?(?:存在(?:着)?|有))?(?P<list>[^。；：]{12,}?)等(?:方面(?:的)?)?(?:突出)?(?:问题|不足|短板|现象)(?P<tail>[^。；]*)[。；]?$"
)
EMBEDDED_LEAD = re.compile(r"^(?:(?:同时|此外|另外|另一方面)[，,])?(?:受[^，。]{1,20}(?:所限|影响|制约|限制)[，,])?")
EMBEDDED_TAIL = re.compile(r"^(?:(?:仍然|依然|仍|还|也)?(?:存在|突出)|[，,](?:这些|上述|以上)(?:问题|不足)[^。]{0,30})?$")
EMBEDDED_PART = (4, 40)  # characters of each problem of the list
EMBEDDED_MAX = 400  # characters of a sentence read for such a list


def _embedded_list(sentence: str) -> list[str]:
    """``sentence`` cut into the problems it packs before 等问题 (see EMBEDDED_LIST), or [sentence]: three or more
    parts, each stating a defect (one may not, in a list of four or more), about more than one topic."""
    # (cheap tests first: most sentences have no 等; a sentence longer than any such list is left whole, which also
    # keeps the pattern's two lazy runs from trying every split of a huge unpunctuated text)
    if isinstance(sentence, _Listed) or "等" not in sentence or len(sentence) > EMBEDDED_MAX:
        return [sentence]
    m = EMBEDDED_LIST.match(sentence.strip())
    if not m or not EMBEDDED_TAIL.match(m["tail"]):
        return [sentence]
    head = m["head"] or ""
    if not head and not m["tail"].strip():
        return [sentence]  # 「案卷评查中发现部分执法文书格式不统一、证据收集不全面…等问题。」 — one problem's particulars
    if head and (DEFECT.search(head[:-2]) or not (GENERIC_SUBJECT.search(head) or len(head) <= 12)):
        return [sentence]  # (「个别村未批先建…仍有发生，…存在“以罚代管”现象」: no intro before 存在)
    body = m["list"] if head else EMBEDDED_LEAD.sub("", m["list"])
    top = "，" if "，" in body else "、"
    parts = [p.strip("，、, ") for p in re.split(rf"{top}|以及|及其他", body) if p.strip("，、, ")]
    low, high = EMBEDDED_PART
    if (
        len(parts) < 3
        or not all(low <= len(p.translate(QUOTE_MARKS)) <= high for p in parts)
        or sum(not DEFECT.search(p) for p in parts) > (1 if len(parts) >= 4 else 0)
        or _one_topic(parts)
    ):
        return [sentence]
    return [_Listed(p) for p in parts]


# 「加之…」 gives a further cause of the problem before — unless it states a defect about another topic
ADDED_CAUSE = re.compile(r"(?:加之|再加上|加上)[，,]?")
LIST_CAUSES_AFTER = 3  # items of an inline run after whose last one the causes of them all may follow
# 「…其七，城郊村法治建设相对滞后。…。究其原因，一方面是部分干部…；另一方面是法治建设经费投入不足…」: after a run of
# problems in one paragraph, the causes of them all, given side by side — each cause a shortfall of its own (P35)
LIST_CAUSES = re.compile(
    r"(?<=[。！？])(?:究其(?:原因|根源)|分析(?:其)?原因|(?:造成|产生)(?:这些|上述|以上)(?:问题|不足)的(?:主要)?原因(?:是|在于|有)?)[，,：:]?\s*(?=一方面)"
)
CAUSE_SIDE = re.compile(r"(?:^|(?<=[；;，,]))(?:另)?一方面(?:是|在于)?[，,]?")


def list_causes(paragraph: str) -> str:
    """The causes a paragraph listing problems inline gives for them all after the last (「究其原因，一方面…；另一方面…」,
    as :func:`_list_causes` cuts them off), "" when it gives none."""
    paragraph = paragraph.strip()
    pieces = _list_causes(paragraph, False, _marker_run(paragraph))
    m = LIST_CAUSES.search(paragraph) if len(pieces) > 1 else None
    return paragraph[m.start() :] if m else ""


def _list_causes(piece: str, marked: bool, run: list[re.Match[str]]) -> list[tuple[str, bool]]:
    """The last piece of a paragraph that lists problems inline (a run of marks, or sentences opening 其一，/首先，),
    with the causes given side by side after them (一方面…；另一方面…) cut off, each side a piece of its own."""
    m = LIST_CAUSES.search(piece)
    if not m:
        return [(piece, marked)]
    before = [s for s in SENTENCE_END.split(piece[: m.start()]) if s.strip()]
    if len(run) < LIST_CAUSES_AFTER and sum(bool(ITEM_NUMBER.match(s.strip())) for s in before) < LIST_CAUSES_AFTER:
        return [(piece, marked)]
    marks = list(CAUSE_SIDE.finditer(piece, m.end()))
    if len(marks) < 2:
        return [(piece, marked)]
    sides = [piece[a.end() : b.start() if b else len(piece)] for a, b in zip(marks, [*marks[1:], None])]
    return [(piece[: m.start()], marked), *((side, True) for side in sides)]


def _new_topic(text: str, current: str) -> bool:
    """``text`` states a defect about topics (LIST_TOPIC) none of which ``current`` speaks of."""
    topics = set(LIST_TOPIC.findall(text))
    return bool(topics and DEFECT.search(text)) and not topics & set(LIST_TOPIC.findall(current))


def _new_subject(text: str, current: str) -> bool:
    """``text`` states a defect of a subject (its first LIST_TOPIC) ``current`` does not speak of:
    「…执法队员…常出现偏差。加之街道每年法治建设专项经费只有3万元，执法记录仪…配备不齐…」 is about 经费,
    though it goes on about 执法 (P38)."""
    first = LIST_TOPIC.search(text)
    return bool(first and DEFECT.search(text)) and first.group() not in set(LIST_TOPIC.findall(current))


def _same_topic(text: str, current: str) -> bool:
    """``text`` speaks of a topic (LIST_TOPIC) ``current`` speaks of."""
    return bool(set(LIST_TOPIC.findall(text)) & set(LIST_TOPIC.findall(current)))


class _Listed(str):
    """A clause of a list of short problems (:func:`_comma_list`): each opens an item."""


# 「究其原因，」「主要原因有：」 right before an enumeration: what it enumerates are causes
CAUSE_LATE = 20  # characters into a clause from which its 主要原因是 gives the cause of the problem it has just stated
# 「以上问题，主要原因在于…」「究其原因，既有镇情复杂…的客观因素，也有…统筹推进不够的主观因素。」 — a paragraph on the causes
# of the problems before it together (P52)
CAUSES_OF_ALL = re.compile(
    r"^(?:究其原因|分析原因|原因分析)?[，,：:]?\s*(?:以上|上述|这些|前述)(?:问题|不足|短板)[^。]{0,12}(?:原因|根源)"
    r"|^[^。]{0,12}(?:原因|根源)[^。]{0,30}(?:客观|主观)(?:因素|原因|方面)[^。]{0,60}(?:主观|客观)(?:因素|原因|方面)"
)
CAUSE_LEAD = re.compile(r"究其(?:原因|根源|根本)|原因(?:主要)?(?:是|在于|有)")  # …，主要原因有：一是培训少；二是… — causes
CAUSE_BEFORE = re.compile(r"(?:究其(?:原因|根源|根本)|(?:主要|根本|深层次)?原因(?:主要)?(?:是|在于|有[^，。；：]{0,4})?)[，,：:]?\s*$")


class _Joined(str):
    """A clause that a list word joins to the sentence (…，同时部分群众法治意识不强): it opens an item."""


# "…群众兴趣不高，同时部分群众法治意识不强" — a second problem joined by a list word inside a sentence
# (not before what the clause before it goes on doing: 「…仅有在编人员1名，同时承担人民调解…等多项职能」 is one problem)
JOINED = re.compile(r"[，,](?:同时|此外|另外|与此同时|除此之外)[，,]?(?!也|还|又|更|承担|兼|负责|担负|肩负|面临)")
# 「…违建管控明显不够用，而且执法人员多从其他岗位转岗，…办理复杂案件的能力不足」「…未经合法性审查即组织实施，法律顾问参与
# 决策也多是事后“补签”」: 而且, or a clause on its own subject with 也, joins a second problem as often as it adds to the
# first — cut only where the classifier reads the two sides apart (P50)
JOINED_IF_APART = re.compile(r"[，,](?:而且|并且)|[，,](?=[^，。；、]{2,12}也(?:多|存在|有|是|不|没|未))")
MIN_JOINED_CHARS = 8


def _joined_parts(sentence: str) -> list[str]:
    """``sentence`` cut before 同时 / 此外 / 另外 when what comes before and what follows each say
    something is wrong, and before 而且 / 并且 or a clause with 也 when they are also about two named problems."""
    pieces, start = [], 0
    joins = sorted([*JOINED.finditer(sentence), *JOINED_IF_APART.finditer(sentence)], key=lambda m: m.start())
    for m in joins:
        head, tail = sentence[start : m.start()], sentence[m.end() :]
        if (
            len(tail) >= MIN_JOINED_CHARS
            and DEFECT.search(tail)
            and DEFECT.search(head)
            and (m.re is JOINED or problem_model.apart(head, tail))
        ):
            pieces.append(head)
            start = m.end()  # the list word itself belongs to neither
    pieces.append(sentence[start:])
    return [pieces[0], *map(_Joined, pieces[1:])]


ASPECT = re.compile(r"^(?:一方面|另一方面)[，,]")
# "…作用不明显，针对这一情况，我镇将…" — a measure answering the problem inside its sentence
MEASURE_AFTER_COMMA = re.compile(
    r"[，,](?=(?:对此|针对(?:这|此|上述)[^，。；]{0,6}[，,]|下一步|我(?:镇|乡|街道|们)将|将(?:进一步|继续|着力|重点|加快|加大)|今后)[^。]{6,})"
)


def _measure_parts(sentence: str) -> list[str]:
    """``sentence`` cut before a measure that follows its problem after a comma (the measure's
    part then reads as a plan: it starts with 对此 / 针对这一情况 / 我镇将 …)."""
    m = MEASURE_AFTER_COMMA.search(sentence)
    if not m or not DEFECT.search(sentence[: m.start()]):
        return [sentence]
    return [sentence[: m.start() + 1], sentence[m.end() :]]


def _opener(part: str) -> bool:
    part = part.strip()
    return bool(ITEM_NUMBER.match(part) or ITEM_OPENER.match(part) or TOPIC_LEAD.match(part) or COMPARED.match(part))


# 「与群众期待相比，A；与县委要求相比，B」: after ；, a comparison opens the next problem (P46); at a sentence's start it
# goes on with the headline before it (「城郊村法治建设相对滞后。与城区社区相比，…」, P35)
COMPARED = re.compile(r"^[与同跟][^，。；]{2,12}相比[，,]")


def _is_intro(text: str, kind: ItemKind) -> bool:
    """An intro before the items: it ends with ：, or announces problems without stating one."""
    core = text.rstrip("。：:；;，, ")
    if text.rstrip().endswith(("：", ":")):
        return True
    if kind == "plans":
        return bool(PLAN_INTRO.search(text.strip()) or PLAN_STANCE.match(core))
    if NAMED_GROUPS_INTRO.search(core) and GENERIC_SUBJECT.search(core):
        return True
    if COUNTED_PROBLEMS.search(core) and not DEFECT.search(COUNTED_PROBLEMS.sub("", core)):
        return True  # 「2023年5月，县委依法治县办对我镇…开展实地督察，反馈了4个方面的问题。」 (P30)
    # 「一年下来，老问题有的解决了，有的还在，也冒出了一些新问题。」: it announces problems and states none (P37)
    announced = ANNOUNCED_AT_END.search(core)
    if announced and not DEFECT.search(OLD_PROBLEMS.sub("", core[: announced.start()]).replace("问题", "")):  # (老问题 names no defect)
        return True
    # "合法性审查工作还有短板。" names its topic: a problem, not an intro
    return bool(ITEM_INTRO.search(core)) and len(core) <= 60 and bool(GENERIC_SUBJECT.search(core))


# what an intro says of problems in general: 「有的老问题还没有根除」「老问题有的解决了，有的还在」 (P39)
OLD_PROBLEMS = re.compile(r"(?:有的|一些|部分)?(?:老|旧|原有的?)问题[^，。；]{0,10}")
PARAGRAPHED = 3  # paragraphs of a section laid out a problem a paragraph
# a sentence ending on the problems it announces: 「…也冒出了一些新问题」「…还存在以下几个方面的不足」
ANNOUNCED_AT_END = re.compile(r"(?:一些|几个|以下|不少|诸多|若干)[^，。；]{0,6}(?:问题|情况|短板|不足)$")


def _opens(unit: Unit, previous: str, current: list[str], *, numbered: bool, kind: ItemKind, paragraphed: bool = False) -> bool:
    """Whether ``unit`` opens a new item (the rules of the module docstring). A short statement
    (执法力量不足。) is followed by what it sums up: the next unit joins it."""
    if unit.numbered:
        return True
    if unit.aspect and kind == "problems" and current and _is_statement(current[:1]):
        # 普法宣传的覆盖面还不够广。一方面，…；另一方面，… — the two sides of the problem just stated; of a headline naming two
        # (执法力量和能力“双不足”。一方面，…；另一方面，…), the second side is the second problem (P38); so is a second side
        # about another named problem's topic than the first under a headline naming none (基层法治土壤还不够厚实。一方面，
        # 部分村“两委”…；另一方面，一些群众受宗族观念影响…: the villages' governance, then the people's awareness, P48)
        return len(current) >= 2 and (_names_two_problems(current[0]) or _other_side(unit.text, "".join(current[1:]), current[0]))
    if previous.rstrip().endswith(("？", "?")) and kind == "problems" and not (paragraphed and unit.paragraph_start):
        # 作用发挥得怎样？从全年调解台账看，… — the answer to the question before (a question closing a paragraph of its
        # own, in a section of a problem a paragraph, leaves the next paragraph to the next problem, P34); but a question
        # closing a sentence that has stated its problem (「普法资料全是汉字，…，这样的普法怎么能入脑入心？」) is that
        # problem's verdict, and a sentence ending on another such question is the next problem (P56, 猫儿乡)
        return _closing_question(previous) and bool(
            _closing_question(unit.text) or DEFECT.search(unit.text) or SHORT_WORD.search(unit.text)
        )
    if unit.marked:
        return True
    if unit.dashed and not unit.paragraph_start and len(current) == 1 and len(current[0]) <= STATEMENT_CHARS and "，" not in current[0]:
        return False  # 「——3件败2件。年内涉镇行政诉讼案件3件，败诉2件…」 — a figure as the headline, then what it means
    if ITEM_CONTINUES.match(unit.text) or previous.rstrip().endswith(("：", ":")):
        return False
    if numbered:
        # (「第五，从基层治理看，部分村“两委”干部依法办事能力不强…；林权界址不清引发的纠纷时有发生…」: after ；, a
        # clause stating a defect about another topic is a problem of its own under the item's lead, P34)
        return kind == "problems" and unit.clause and previous.rstrip().endswith(("；", ";")) and _new_topic(unit.text, "".join(current))
    if kind == "problems" and not unit.paragraph_start and not unit.clause and len(current) == 1 and not DEFECT.search(current[0]):
        return False  # 「全乡户籍人口2.1万人，…在家的多是老人和孩子。今年举办的36场普法活动，参加人数…不足…」: the setting, then its problem (P34)
    if kind == "problems" and not unit.paragraph_start and _is_statement(current):
        # (a figure stated alone, 「全镇仅有法律专业干部1人。」, is followed by another problem as often as by its explanation)
        return any(ch.isdigit() for ch in current[0]) and _new_topic(unit.text, current[0])
    if kind == "plans":
        return True
    if (
        kind == "problems"
        and unit.introduced
        and unit.clause
        and previous.rstrip().endswith(("；", ";"))
        and not _same_topic(unit.text, "".join(current))
    ):
        return True
    if kind == "problems" and paragraphed and unit.paragraph_start:
        return True  # a section of a problem a paragraph: a paragraph that goes on with no list word is the next (P34)
    # 「“法律明白人”作用发挥得怎样？」 — a question puts the next problem to the reader
    # (…not one asking about the problem just stated: 「…36场普法活动，参加人数累计不足2000人次…。普法讲给谁听？」, P34)
    return bool(DEFECT.search(unit.text)) or (unit.text.rstrip().endswith(("？", "?")) and not _same_topic(unit.text, "".join(current)))


CLOSING_QUESTION_COMMAS = 2  # (「普法活动覆盖面扩大了，针对性如何？」 asks before its answer, P12)


def _closing_question(sentence: str) -> bool:
    """Whether ``sentence`` ends on a question after clauses saying what is wrong (「…不识字、只会讲苗话，这样的普法怎么能入脑
    入心？」), not a question asked before its answer (「作用发挥得怎样？」)."""
    core = sentence.rstrip()
    return core.endswith(("？", "?")) and len(re.findall("[，,]", core)) >= CLOSING_QUESTION_COMMAS


# 「执法规范化和执法监督都还有短板。」「干部法治素养和法治工作力量都有待加强。」: a headline naming two things wrong at once
TWO_TOPICS = re.compile(r"^[^，。；]{2,20}(?:和|与|及|以及)[^，。；]{2,20}(?:都|均|也都)[^，。；]{0,10}。$")
TWO_CLAUSES_MAX = 34  # characters of a headline of two clauses, each stating a defect: 「学法制度执行打折扣，干部依法办事意识有待增强。」


# a headline saying no more than that a field has shortcomings: 「普法工作仍有短板。」「保障和考核存在短板。」
ONLY_SHORTCOMINGS = re.compile(
    r"(?:存在|仍有|还有|尚有|仍存在|还存在|有)(?:一些|一定|不少|诸多)?(?:的)?(?:短板|不足|差距|薄弱环节|问题)[。！]?$"
)


def _other_side(side: str, first: str, headline: str) -> bool:
    """The second side of a problem (另一方面，…) names another problem's topic than the first side does, under a headline
    that names none (基层法治土壤还不够厚实。) or only says its field has shortcomings (普法工作仍有短板。, P31); a headline
    stating a defect (法治宣传的针对性不强。) is the problem its sides explain."""
    if topic_of(headline) is not None and not ONLY_SHORTCOMINGS.search(headline):
        return False
    return _another_topic(side, first)


def _another_topic(text: str, *before: str) -> bool:
    """``text`` names a named problem's topic (:func:`topic_of`), and ``before`` names topics, none of them that one."""
    ours = topic_of(text)
    theirs = {topic_of(b) for b in before} - {None}
    return ours is not None and bool(theirs) and ours not in theirs


def _names_two_problems(text: str) -> bool:
    """A headline sentence that names two problems its sentences then explain one after the other (P35)."""
    text = text.strip()
    if TWO_TOPICS.match(text) and DEFECT.search(text):
        return True
    if len(text) <= TWO_CLAUSES_MAX and DOUBLE_DEFECT.search(text):
        return True  # 「执法力量和能力“双不足”。」
    if TWO_FIELDS.match(text):
        return True  # 「河湖管护和移风易俗仍有难点。」「安全生产和森林防火任务繁重。」 (P52)
    clauses = text.rstrip("。").split("，")
    return (
        text.endswith("。")
        and len(text) <= TWO_CLAUSES_MAX
        and len(clauses) == 2
        and all(4 <= len(c) <= 16 for c in clauses)
        and bool(DEFECT.search(clauses[1]))
        and bool(DEFECT.search(clauses[0]) or NOT_DONE.search(clauses[0]))
    )


# a headline naming two fields of work and no more than that they are hard or short: 「河湖管护和移风易俗仍有难点。」
TWO_FIELDS = re.compile(
    r"^[^，。；的和与及]{2,8}(?:和|与|及)[^，。；的和与及]{2,8}"
    r"(?:(?:仍有|仍存在|还有|存在|均有|都有)(?:一些|不少)?(?:难点|短板|不足|薄弱环节|差距)|(?:任务|压力)(?:繁重|较大|较重|大))[。！]?$"
)
# a headline counting its two defects: 「执法力量和能力“双不足”」「队伍和经费两方面都有短板」
DOUBLE_DEFECT = re.compile(
    r"[“\"]?双(?:不足|薄弱|短板|滞后|欠缺)[”\"]?|两(?:个)?方面(?:都|均)(?:有|存在)?(?:不足|短板|薄弱)|"
    r"[“\"]?缺[\u4e00-\u9fff]{1,2}[”\"]?(?:又|、|和|与)[“\"]?缺[\u4e00-\u9fff]{1,2}[”\"]?|既缺[^，。；]{1,4}又缺"  # 「“缺人”又“缺能”」 (P48)
)
# what a clause may say of a rule not kept, in words DEFECT does not know: 「学法制度执行打折扣」
NOT_DONE = re.compile(r"打折扣|走过场|流于形式")


STORY_SHARE = 1 / 2  # of a section's paragraphs asking a question inside them: a problem a paragraph, told as a story


def _told_as_stories(paragraphs: list[str]) -> bool:
    """A problems section whose paragraphs each tell one problem as a story — what happened, figures, then a question
    to the reader inside the paragraph (「…一件本可以在村里化解的小事，为什么拖了两个多月还闹到动手？说到底，…」, P37):
    most of its paragraphs ask a question after their first sentence, and none is numbered."""
    bodies = [p.strip() for p in paragraphs if p.strip()]
    if any(LEAD_MARK.match(p) for p in bodies):
        return False
    return sum(_story(p) for p in bodies) >= STORY_SHARE * len(bodies)


def _listing_paragraphs(units: list[Unit], bodies: list[str]) -> list[bool]:
    """For each paragraph with text: whether it tells no story (:func:`_story`) and lists problems — opened by a list
    word (此外，) or after an intro announcing them (…也有一些老问题：)."""
    introduced = [False] * len(bodies)
    at = -1
    for unit in units:
        at += unit.paragraph_start
        if 0 <= at < len(bodies) and unit.introduced:
            introduced[at] = True
    return [not _story(body) and (bool(LIST_WORD.match(body)) or intro) for body, intro in zip(bodies, introduced, strict=True)]


def _story(paragraph: str) -> bool:
    """A paragraph telling one problem as a story: a question after its first sentence, a time or a voice it opens
    on (:data:`STORY_OPENING`), or the verdict it closes on (:func:`_verdict_last`)."""
    return bool(re.search(r"[。！，；][^。！？]*[？?]", paragraph) or STORY_OPENING.match(paragraph) or _verdict_last(paragraph))


# the verdict a story closes on: 「…这说明我们对邻里“小矛盾”的排查跟踪不实」「这是我们在合法性审查上留下的“后遗症”」 (P39)
STORY_VERDICT = re.compile(r"说明|反映出|暴露(?:出|了)|看出|这是我们|这件事|归根到底|我们感到|说到底|[，,]是我们")


def _verdict_last(paragraph: str) -> bool:
    """A paragraph of three sentences or more whose last sentence draws the verdict of what it told."""
    sentences = [x for x in SENTENCE_END.split(paragraph) if x.strip()]
    return len(sentences) >= 3 and not STORY_VERDICT.search(sentences[0]) and bool(STORY_VERDICT.search(sentences[-1]))


# a paragraph opening on when something happened: 「5月，阴平村两名村民…」「国庆期间，古镇一家农家乐…」「今年8月，…」 (P39)
STORY_OPENING = re.compile(
    r"^(?:今年|去年|年初|年中|年底)?(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份|初|中旬|下旬|底|\d{1,2}日)?[，,]"
    r"|^(?:今年|去年)?(?:春天|夏天|秋天|冬天|春节|国庆|暑期|汛期|年初|年底|(?:春|夏|秋|冬)[天季])(?:期间|前后|时)?[，,]"
    # a voice the paragraph opens on: 「有群众反映：“…”」「一位老林农问我们：“…”」「“想请个律师问问工伤的事…”」 (P39)
    r"|^[^，。“]{0,12}(?:反映|问|质问|说|反问|抱怨)(?:我们|道)?[：:]“|^“[^”]{8,}”(?![：:])"
    # a story named as one of several: 「一件是景区停车场的事。」「还有一件是汛期的事。」 (P44)
    r"|^(?:还有|另有|再有)?(?:一|另一|第[一二三四五六七八九])件(?:事)?是"
)


HEADLINE_MAX = 40  # characters of a paragraph's first sentence stating its problem: 「合法性审查还存在“走过场”的情况。」
HEADLINED_SHARE = 1 / 2  # of a section's paragraphs opening on such a headline, then saying more


def _headlined(one_problem: list[bool]) -> bool:
    """A problems section of a problem a paragraph (``one_problem``: :func:`_one_problem_paragraphs` of its
    paragraphs), each opened by a short sentence stating it and explained by the sentences after it — figures, an
    example, what it leads to — which state no problem of their own however they are worded (「执法程序规范化程度不高。
    今年县司法局评查我镇执法案卷9卷，有4卷存在问题：…」, P39), or told as a story: half its paragraphs or more."""
    return bool(one_problem) and sum(one_problem) >= HEADLINED_SHARE * len(one_problem)


def _one_problem_paragraphs(paragraphs: list[str]) -> list[bool]:
    """For each paragraph with text: whether it reads as one problem told at length — opened by a headline and then
    twice as long again (not a paragraph of problems a sentence each), or a story opened by a time or a voice
    (:data:`STORY_OPENING`), or closed by its verdict (:func:`_verdict_last`)."""
    flags = []
    for body in (p.strip() for p in paragraphs if p.strip()):
        sentences = [x for x in SENTENCE_END.split(body) if x.strip()]
        headed = len(sentences) >= 2 and _headline(sentences[0]) and len(body) - len(sentences[0]) >= 2 * len(sentences[0])
        flags.append(headed or bool(STORY_OPENING.match(body)) or _verdict_last(body))
    return flags


def _headline(sentence: str) -> bool:
    """A short sentence stating a problem: up to HEADLINE_MAX characters, one comma at most, no ；."""
    bare = sentence.strip().translate(QUOTE_MARKS)
    return (
        len(bare) <= HEADLINE_MAX
        and bare.endswith("。")
        and bare.count("，") <= 1
        and "；" not in bare
        and not TOPIC_LINE.match(bare)  # (「关于普法宣传问题。」 names the topic of what follows)
        and bool(DEFECT.search(bare) or NARRATIVE_DEFECT.search(bare))
    )


# a sentence adding one more thing wrong: its subject, then 也 (「普法形式也比较单一」「镇法律顾问也多是…才介入」)
ADDED_TOO = re.compile(r"^[^，。；、]{2,10}也(?!是为了|就是)")


def _second_headline(unit: Unit, current: list[str], after: list[Unit]) -> bool:
    """In a paragraph of a headlined section (:func:`_headlined`), a second short sentence stating a problem on
    another topic, with its own explanation after it: 「…群众在12345热线上反映了31次。下放事项中有相当一部分是
    “接得住、管不好”。比如…」 (P39)."""
    if unit.clause:
        return False
    bare = unit.text.strip().translate(QUOTE_MARKS)
    lead = re.split(r"[，,；;]", bare, maxsplit=1)[0]
    if len(lead) <= STATEMENT_CHARS and DEFECT.search(lead) and _new_topic(unit.text, "".join(current)):
        return True  # 「…决策后跟踪评估还是空白。法律顾问作用发挥有限，村（社区）法律顾问…」: another problem, stated first (P5)
    if ADDED_TOO.match(bare) and DEFECT.search(unit.text):
        return True  # 「…没有参加过普法活动。普法形式也比较单一，仍以…为主」「镇法律顾问也多是在决策作出以后才介入」: one more (P38)
    if CONCEDED.search(lead) and DEFECT.search(unit.text):
        # 「“法律明白人”队伍虽然已经覆盖各村，但…作用还没有真正发挥出来。」: a concession about something else (P8)
        return bool(set(LIST_TOPIC.findall(lead)) - set(LIST_TOPIC.findall("".join(current))))
    return (
        bool(after)
        and not after[0].paragraph_start
        and len(bare) <= HEADLINE_MAX * 3 // 4
        and bare.endswith("。")
        and bool(DEFECT.search(unit.text))
        and not _same_topic(unit.text, "".join(current))
        and not ITEM_CONTINUES.match(unit.text)
    )


def _next_headline(unit: Unit, current: list[str], after: list[Unit]) -> bool:
    """In a paragraph that states a problem in a short sentence and then explains it, a second short statement
    followed by its own explanation states the next problem: 「执法规范化水平还不高。…等问题。部分下放事项承接不畅。
    非法采矿…」 (P35)."""
    return (
        not unit.paragraph_start
        and not unit.clause
        and len(current) >= 2
        and bool(after)
        and not after[0].paragraph_start
        and _is_statement(current[:1])
        and _is_statement([unit.text])
        and bool(DEFECT.search(unit.text))
        and not ITEM_CONTINUES.match(unit.text)
    )


# a sentence that says what the problem just told shows, where it comes from or who answers for it, not another problem:
# 「问题出在村里，根子在镇里，是我们…」「事情本身并不复杂，是我们…」「光靠查处解决不了问题，…」「（在这方面，）我作为书记…」
# 「…出在这部分商户身上，说明我们的普法还没有真正覆盖到…」 (P39)
REFLECTION = re.compile(
    r"^(?:(?:这|此|以上|上述情况)?(?:说明|表明|反映出|暴露出)|问题(?:出|根子)在|根子在|根源在|归根(?:结底|到底)|说到底|可见|"
    r"事情本身|光靠|单靠|在这方面|对此[，,]?我作为|我作为(?:书记|镇长|乡长|主任|党委书记|党工委书记|第一责任人))"
)
REFLECTION_AFTER = re.compile(r"[，,](?:这|也)?(?:说明|表明)(?:我们|我镇|我乡|我街道|了我们)")  # (not 暴露出…的短板: a problem stated, P4)


# the register's word classifier reads two sides apart (:func:`problem_model.apart`) with this probability at least,
# after ； and after 。 (a sentence's own subject more often goes on with the problem before, P50)
APART_AFTER = {"；": 0.2, ";": 0.2, "。": 0.35}
HEADLINE_CHARS = 20  # an item whose first sentence is this short, or has no comma, states its problem there: the rest explains it
NOT_ANOTHER = re.compile(r"^(?:另一方面|有的|原因|究其|由于|因为|之所以|这)")
ITEM_EXPLAINED = re.compile(r"原因|一方面|[：:]")


def _states_problem(heading: str) -> bool:
    """A sub-heading stating a problem (执法人员能力依然偏弱。), which its text explains; not one naming a group of
    problems (巡察反馈的问题) or an area (行政执法方面)."""
    return not GROUP_HEADING.match(heading) and bool(DEFECT.search(heading) or NOT_DONE.search(heading))


def _about_another(text: str, previous: str, current: list[str]) -> bool:
    """A sentence or ；-clause with no mark that the register's word classifier reads as another named problem than the
    item so far (「乡政府信息公开专栏更新不及时…；“谁执法谁普法”责任落实不够…」, P50) — not in an item opening on a short
    sentence that states its problem (the rest explains it: 「合法性审查覆盖率不高。…审查率71.4%；制发的行政文件中有2件
    未经审查即印发。」, P48), nor one giving causes or sides (究其原因，一方面…；另一方面…), nor a cause, an aside or a
    question after it."""
    least = APART_AFTER.get(previous.rstrip()[-1:])
    text = text.strip()
    if least is None or NOT_ANOTHER.match(text) or text.endswith(("？", "?")):
        return False
    first = re.split(r"(?<=[。；;？?])", current[0].strip(), maxsplit=1)[0]
    so_far = "".join(current)
    headline = first.endswith(("。", "；", ";", "？", "?")) and (len(first) <= HEADLINE_CHARS or "，" not in first)
    if headline or ITEM_EXPLAINED.search(so_far):
        return False
    return problem_model.apart(so_far, text, least)


def _own_new_problem(clause: str, current: list[str], heading: str = "") -> bool:
    """A clause after ； that opens on its own subject (部分…, 个别…) and states a defect of a named problem whose topic the
    item so far does not name: a problem of its own, also under a heading its text explains (「社区法治建设不均衡。城区老社区…
    差距明显，部分城郊村村规民约修订后“上墙多、落地少”；部分城郊村法律明白人年龄偏大，作用发挥有限。」, P44)."""
    if not (current and current[-1].rstrip().endswith(("；", ";")) and OWN_SUBJECT.match(clause.strip()) and DEFECT.search(clause)):
        return False
    # (not a clause about the heading's topic: under 「合法性审查工作还存在“走过场”现象。」, 「…；村级集体经济合同…仍有少数村在
    # 合同签订后才补送审查…」 goes on about 审查, P20)
    return _another_topic(clause, "".join(current), heading)


# what is wrong, said after the first clause of a unit that opens on a plan's verb: 「新增持证人员多为原辅助人员，执法经验少，…
# 不熟悉」 tells who the new officers are and what they lack (P56), not a measure (「新增调解员3名，加强矛盾纠纷排查」)
LACKING = re.compile(r"不熟|不足|不够|不强|不高|欠缺|缺乏|(?<![减至多不])少(?!数|于)|薄弱|不懂|不会|滞后|难以|跟不上|不适应")


def _verb_then_defect(text: str) -> bool:
    first, comma, rest = text.partition("，")
    return bool(comma) and bool(LACKING.search(rest)) and not PLAN_VERB.search(rest)


def _another_area(clause: str, current: list[str]) -> bool:
    """A clause after ； stating a defect that the classifier reads as another area's named problem than the item so far:
    a problem of its own after a headline that covers both (「法治建设保障还不够有力。…专项经费每年仅2万元…；法治建设在…综合
    考核中只占2分，…没有相应问责措施。」: the funds, then the assessment, P56)."""
    return (
        bool(current)
        and current[-1].rstrip().endswith(("；", ";"))
        and not current[0].rstrip().endswith(("？", "?"))  # (a question heading both: 「合同和文件审过没有？…；…」, P50)
        and bool(DEFECT.search(clause) or SHORT_WORD.search(clause))
        and problem_model.apart("".join(current), clause, COMMA_APART, areas=True)
    )


def _is_statement(current: list[str]) -> bool:
    """An item that is so far one short sentence without a comma ("执法力量不足。") or a question:
    a statement of the problem, its explanation to follow."""
    first = current[0] if len(current) == 1 else ""
    # 纠纷调了不少，真正化解了多少？ — a question, its answer to follow, also after a short verdict
    # (…是否做到了“应覆盖尽覆盖”？答案是还有差距。 — the evidence is still to come)
    if current[0].endswith(("？", "?")) and all(len(part) <= STATEMENT_CHARS for part in current[1:]):
        return True
    bare = first.translate(QUOTE_MARKS)  # 「“法律明白人”队伍“建起来”但还未完全“用起来”。」: its marks are no words
    # (a figure may be the statement: 「行政诉讼败诉率达到25%。」「电信网络诈骗发案数仍有29起。」, P30)
    return 0 < len(bare) <= STATEMENT_CHARS and first.endswith("。") and "，" not in first


def _opens_problem(text: str, unit: Unit) -> bool:
    """In a section of problems and measures: a unit that states a problem again (not a measure)."""
    # (「问题五：规范性文件管理不规范。表现：…」: a numbered short statement of a defect, whatever verb it opens with, P52)
    stated = unit.led and len(text.split("。", 1)[0]) <= STATEMENT_CHARS
    return not MEASURE_LEAD.match(text) and (stated or not PLAN_VERB.match(text)) and bool(DEFECT.search(text))


def _has_body(line: str) -> bool:
    found = heading_of(line)
    return found is None or bool(found[2])


def _marker_value(m: re.Match[str]) -> tuple[int | None, str]:
    """(number, style) of an inline marker: 一是 → (1, "是"), ② → (2, "①")."""
    if m.group(1):
        return ordinal_value(m.group(1)), m.group(0)[-1]
    if m.group(2):
        return CIRCLED.index(m.group(2)) + 1, "①"
    if m.group(3):
        return ordinal_value(m.group(3)), "第"
    return ordinal_value(m.group(4)), "（）"


def _marker_run(text: str) -> list[re.Match[str]]:
    """The inline markers of ``text`` numbered 1, 2, 3… in one style; a text that opens with a
    marker may start at another number (第五，… 第六，… where 第一 to 第四 are in the paragraph before)."""
    run: list[re.Match[str]] = []
    style = None
    first = 1
    opening = INLINE_MARK.match(text)
    if opening:
        first = _marker_value(opening)[0] or 1
    for m in INLINE_MARK.finditer(text):
        value, kind = _marker_value(m)
        if not run and value == first:
            run, style = [m], kind
        elif run and kind == style and value == first + len(run):
            run.append(m)
    return run


def _clean(items: list[str]) -> list[str]:
    out = [_trim(item) for item in items]
    return [item for item in out if len(item) >= MIN_ITEM_CHARS]


def _trim(item: str) -> str:
    """``item`` without surrounding white space and trailing separators (；;，,、)."""
    item = item.strip()
    end = len(item)
    while end and (item[end - 1] in TRAILING_CHARS or item[end - 1].isspace()):
        end -= 1
    return item[:end]
