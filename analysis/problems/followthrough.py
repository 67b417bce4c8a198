"""Plan follow-through: did township T do in year Y+1 what it planned in its year-Y report?

A plan is compared with each sentence of T's next-year achievements on content words, as the
brief matches plans to problems (:mod:`analysis.problems.matching`: stopwords dropped, topic
synonyms folded into one term, rarer words weighing more, the IDF over T's own plans and
achievement sentences). A plan counts as followed when one sentence says doing that particular
thing (cosine at or above :data:`FOLLOWS`): 「开展反诈宣传“敲门行动”」 is not followed by a
sentence on 普法公众号 merely because both are 宣传, nor 「争取执法编制」 by 「办理行政处罚案件
55件」 because both are 执法.

A plan of several actions (「以民主法治示范村创建为抓手，指导各村规范村务决策程序，推动村规民约
落地见效；加强政务公开专栏建设…」) is diluted as a whole: its words are spread over many things
while the next year's sentence speaks of one. So each of its clauses is also compared with each
clause of the next year's achievements and with each clause of its problems that says the thing
is done (「法治建设考核细则修订后执行还不到位」「法律明白人虽已实现村民小组全覆盖」): the plan is
followed when a clause's cosine is at least :data:`CLAUSE_FOLLOWS` and the two share two content
words (the key action and its object rather than 执法 alone), or at least :data:`TERM_FOLLOWS`
and they share a topic term of ``data/topic_synonyms.csv`` (村规民约, 普法进村 …: the particular
thing, however long the next year's clause around it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.parse.indicators import OTHER_METRIC, extract_indicators
from analysis.problems import matching, targets

FOLLOWS = 0.2  # the cosine of a plan to a next-year achievement sentence at or above which the plan is followed
# raised when the matching changes, so that stores built with the former one are refreshed
VERSION = "clauses-13"  # raised when a verdict changes (12: a rate worked out from a flow's two stages; 13: 再培育…; 2: 不低于, targets of new ones, admissions; 3, 6, 7: more admissions; 4: zero targets; 5: silence; 7: 以案释法 = 以案说法; 8: an admission outweighed; 9: what a rate is of; 10: a listed term is no topic; 11: 部分落实), so stores are refreshed
CLAUSE_FOLLOWS = 0.3  # the cosine of a plan's clause to a next-year clause sharing two words at or above which the plan is followed
TERM_FOLLOWS = 0.2  # the same for clauses sharing a topic term (村规民约): the term says the particular thing
FOLLOWED, PARTIAL, NOT_FOUND, NO_REPORT = "已落实", "部分落实", "未见落实", "无次年报告"
COLUMNS = ["report_id", "ord", "township", "plan_year", "plan", "status", "matched_year", "matched_text", "score"]
# where an achievement paragraph's sentences end, and before its 一是/二是 parts:
# 「…审查合同22份。二是推进执法规范化。执法队优化网格分工…；全年办理…」
UNIT_END = re.compile(r"[。；！？!?;]|(?=[一二三四五六七八九十]是)")
MARK_END, PART_START = re.compile(r"[。；！？!?;]"), re.compile(r"(?=[一二三四五六七八九十]是)")  # UNIT_END's two halves
HEADING_MAX = 20  # a sentence shorter than this without a figure is a heading: 「抓执法，规范行政执法行为」
FIGURE = re.compile(r"\d")
# the clauses of a plan or of a next-year sentence: 「指导各村完善村规民约，健全红白理事会；规范政务公开」
CLAUSE_END = re.compile(r"[，,；;。：:！？!?]")
CLAUSE_MIN = 4  # characters: shorter pieces (「同时」「对此」) say nothing of what is done
# a problem's clause that says the thing was done before saying what is still short:
# 「法治建设考核细则修订后执行还不到位」「法律明白人虽已实现村民小组全覆盖」「新建的村级公共法律服务室运行不够规范」
DONE_BEFORE = re.compile(r"虽(?:已|然|能|经)?|(?:修订|建成|创建|建立|出台|制定|新增|新建)(?:后|的)|已经?")


def achievement_units(text: str) -> list[str]:
    """The sentences of an achievement paragraph, each what the township did once: a heading
    (under :data:`HEADING_MAX` characters, no figure: 「抓队伍、优执法，执法水平持续提升」) is
    joined to the sentence after it, so that it neither matches a plan by its broad words alone
    nor leaves the sentence it heads without its subject."""
    return [f"{heading}，{body}" if heading and body else heading or body for heading, body in _headed_units(text)]


def _headed_units(text: str) -> list[tuple[str, str]]:
    """(heading, sentence) of each sentence of an achievement paragraph (heading "" when none; a
    heading alone at the end is ("heading", ""))."""
    return _headed_units_of([text or ""])[0]


def _headed_units_of(texts: list[str]) -> list[list[tuple[str, str]]]:
    """:func:`_headed_units` of each of ``texts``, in one loop: split at the marks, then before
    一是 only the pieces holding 是 (UNIT_END's lookahead tried at every character costs more than
    the rest of the split), the heading test inlined."""
    out, split, before, figure = [], MARK_END.split, PART_START.split, FIGURE.search
    for text in texts:
        units, heading = [], ""
        for piece in split(text):
            for part in before(piece) if "是" in piece else (piece,):
                part = part.strip()
                if len(part) < 2:
                    continue
                if len(part) < HEADING_MAX and not figure(part):  # _is_heading
                    heading = f"{heading}，{part}" if heading else part
                else:
                    units.append((heading, part))
                    heading = ""
        out.append(units + [(heading, "")] if heading else units)
    return out


def _is_heading(sentence: str) -> bool:
    return len(sentence) < HEADING_MAX and not FIGURE.search(sentence)


def follow_through(
    plans: pd.DataFrame,
    achievements: pd.DataFrame,
    *,
    problems: pd.DataFrame | None = None,
    threshold: float = FOLLOWS,
) -> pd.DataFrame:
    """Match plans to next-year achievements.

    ``plans``, ``achievements`` and ``problems``: report_id, ord, township, year, text (other
    columns ignored). A plan the whole of which is not near enough is still followed when one of
    its clauses is (:func:`_by_clauses`: a next-year achievement clause, or a problem clause
    saying the thing is done), matched_text then the sentence of that clause, score its cosine.
    Returns report_id, ord, township, plan_year, plan, status, matched_year, matched_text (the
    nearest achievement sentence of the next year, its heading before it), score (its cosine).
    A plan is 无次年报告 when its township has no achievements the next year (or no township).
    A plan setting a figure (不少于6次, 95%以上) whose metric the next year states is judged by
    that figure instead (:mod:`analysis.problems.targets`): 已落实 when it meets the target
    (学法7次 ≥ 6), 未见落实 when it falls short, with the sentence stating it as matched_text
    and no score.

    A township's result depends on its own reports only (the IDF is fitted on its own plans and
    achievement sentences), so adding a report changes the follow-through of its township and
    no other (:func:`analysis.refresh.derived.update` relies on it). All townships are matched
    at once (:func:`analysis.problems.matching.grouped_vectors` weighs each among its own
    texts), every achievement split into sentences and clauses once."""
    if plans.empty:
        return pd.DataFrame(columns=COLUMNS)
    plans = plans.reset_index(drop=True)
    strings = _Strings()
    said = _said(achievements, problems, strings)
    towns, years, texts = said.codes(plans.township), _years(plans.year), [str(t) for t in _objects(plans.text)]
    ids = strings.ids(texts)
    has_next = np.flatnonzero(said.has_year(towns, years + 1))
    own = _own_clauses(has_next, texts, towns, years, strings)  # (whichever of them the whole plan does not match)
    counts, words = strings.counts()
    known = list(strings.index)
    status = np.full(len(plans), NO_REPORT, dtype=object)
    matched_year = np.full(len(plans), None, dtype=object)
    matched_text = np.full(len(plans), None, dtype=object)
    score = np.full(len(plans), np.nan)
    rows, best, unit = _best_units(ids, towns, years, said, counts)
    status[rows] = np.where(best >= threshold, FOLLOWED, NOT_FOUND)
    matched_year[rows] = said.unit_year[unit].astype(object)
    matched_text[rows] = [known[said.unit_text[u]] for u in unit]
    score[rows] = best
    for row, (cosine, sentence) in _by_clauses(own[np.isin(own[:, 0], rows[best < threshold])], said, counts, words).items():
        status[row], matched_text[row], score[row] = FOLLOWED, known[sentence], cosine
    for row, sentence, verdict in _by_targets(rows, texts, towns, years, said, known):
        status[row] = {"met": FOLLOWED, "partial": PARTIAL}.get(verdict, NOT_FOUND)
        matched_text[row], score[row] = sentence, np.nan
    for row, sentence in _by_admission(plans, achievements, problems):
        if status[row] == FOLLOWED and _outweighs(texts[row], matched_text[row], sentence):
            continue  # the next report says the plan's own things were done; its admission is of something near them
        if status[row] == FOLLOWED and not OWN_PLAN.search(sentence) and _reached(texts[row], matched_text[row]):
            continue  # 「再解决…办证问题200户以上」 and 「解决…办证遗留问题236户」: its figure reached; what is left is no part of it
        # the next report says it done in part and admits the rest (「仍有8户安置房…未能办证」 after 「完成剩余180户」): 部分落实
        status[row] = PARTIAL if status[row] in (FOLLOWED, PARTIAL) else NOT_FOUND
        matched_text[row], score[row] = sentence, np.nan
    for row, sentence in _by_zero_target(plans, achievements, problems):
        status[row], matched_text[row], score[row] = NOT_FOUND, sentence, np.nan
    for row in _by_silence(plans[status == FOLLOWED], achievements, problems):
        status[row], matched_text[row], score[row] = NOT_FOUND, None, np.nan
    return pd.DataFrame(
        {
            "report_id": plans.report_id,
            "ord": plans.ord,
            "township": plans.township,
            "plan_year": plans.year,
            "plan": plans.text,
            "status": status,
            "matched_year": matched_year,
            "matched_text": matched_text,
            "score": score,
        }
    )[COLUMNS]


class _Strings:
    """Each distinct string once, by number: the words of a sentence repeated across reports
    are counted once (:func:`matching.word_counts`)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def id(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def ids(self, texts: list[str]) -> np.ndarray:
        setdefault, index = self.index.setdefault, self.index
        return np.fromiter((setdefault(t, len(index)) for t in texts), dtype=np.int64, count=len(texts))

    def counts(self) -> tuple[sparse.csr_matrix, list[str]]:
        return matching.word_counts(list(self.index))


@dataclass(frozen=True)
class _Said:
    """What the townships' reports say, each text split once (strings by their number in a
    :class:`_Strings`). Sentences: every achievement sentence (:func:`achievement_units`) by
    township, year, report and order, ``spans`` giving each (township, year)'s [start, stop).
    Clauses: every achievement clause and every problem clause saying the thing is done
    (:func:`_entries`), by township, in report order (the achievements' first), each with its
    sentence."""

    towns: dict[str, int]  # township → its code
    unit_town: np.ndarray
    unit_year: np.ndarray
    unit_text: np.ndarray
    spans: dict[tuple[int, int], tuple[int, int]]
    clause_town: np.ndarray
    clause_year: np.ndarray
    clause_text: np.ndarray
    clause_sentence: np.ndarray

    def codes(self, townships: pd.Series) -> np.ndarray:
        """The code of each of ``townships``, -1 for one without achievements (or none)."""
        get = self.towns.get
        return np.array([get(t, -1) if isinstance(t, str) else -1 for t in _objects(townships)], dtype=np.int64)

    def has_year(self, towns: np.ndarray, years: np.ndarray) -> np.ndarray:
        """Whether township ``towns[i]`` has achievement sentences in year ``years[i]`` (NaN: no)."""
        spans = self.spans
        return np.array([t >= 0 and y == y and (int(t), int(y)) in spans for t, y in zip(towns, years)], dtype=bool)


def _objects(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype=object)


def _years(years: pd.Series) -> np.ndarray:
    return years.astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)  # a report of unknown year has no next


class _Entries:
    """Each distinct sentence once: its text as a plan's match, and its clauses with the
    sentence each stands for (flat, ``clause_start[e]`` … + ``clause_count[e]``)."""

    def __init__(self, strings: _Strings) -> None:
        self.strings, self.index = strings, {}
        self.unit, self.clause_start, self.clause_count, self.clauses, self.sentences = [], [], [], [], []

    def add(self, key: object, unit: str, said: list[tuple[str, str]]) -> int:
        """The number of the sentence ``key`` (new: with its text and (clause, sentence) pairs)."""
        found = self.index.get(key)
        if found is None:
            found = self.index[key] = len(self.unit)
            self.unit.append(self.strings.id(unit))
            self.clause_start.append(len(self.clauses))
            self.clause_count.append(len(said))
            self.clauses += [self.strings.id(c) for c, _ in said]
            self.sentences += [self.strings.id(s) for _, s in said]
        return found

    def achievements(self, texts: list[str]) -> list[list[int]]:
        """The numbers of the sentences of each achievement paragraph of ``texts`` (:func:`_headed_units`)."""
        index, new, out = self.index, [], []
        for units in _headed_units_of(texts):
            found = []
            for key in units:
                number = index.get(key)
                if number is None:
                    number = index[key] = len(self.unit) + len(new)
                    new.append(key)
                found.append(number)
            out.append(found)
        self._achievements(new)
        return out

    def _achievements(self, new: list[tuple[str, str]]) -> None:
        """New sentences (heading, body), in order: each its text, its clauses (of the sentence
        after the heading; a short last sentence is no heading: 「法治建设经费首次单列进入镇年度预算」)
        and their sentence, strings numbered in the order met (text, clauses, sentence)."""
        said = [clauses(body or heading) for heading, body in new]
        met: list[str] = []
        for (heading, body), found in zip(new, said):
            met.append(f"{heading}，{body}" if heading and body else heading or body)
            if found:
                met += found
                met.append(f"{heading}，{body}" if heading else body)
        ids = self.strings.ids(met)
        count = np.fromiter(map(len, said), dtype=np.int64, count=len(said))
        size = 1 + count + (count > 0)
        first = np.cumsum(size) - size
        self.unit += ids[first].tolist()
        self.clause_start += (len(self.clauses) + np.cumsum(count) - count).tolist()
        self.clause_count += count.tolist()
        self.clauses += ids[_ranges(first + 1, count)].tolist()
        self.sentences += np.repeat(ids[np.where(count > 0, first + 1 + count, first)], count).tolist()  # (none without clauses)

    def problem(self, text: str) -> int:
        if text in self.index:
            return self.index[text]
        sentences = (p.strip() for p in UNIT_END.split(text))
        return self.add(text, "", [(c, s) for s in sentences for c in clauses(s) if DONE_BEFORE.search(c)])

    def expand(self, entries: np.ndarray, *columns: np.ndarray) -> tuple[np.ndarray, ...]:
        """(clause, sentence) of every clause of ``entries``, and ``columns`` repeated for each."""
        count = np.array(self.clause_count, dtype=np.int64)[entries]
        at = _ranges(np.array(self.clause_start, dtype=np.int64)[entries], count)
        return (
            np.array(self.clauses, dtype=np.int64)[at],
            np.array(self.sentences, dtype=np.int64)[at],
            *(np.repeat(c, count) for c in columns),
        )


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``starts[i]``, ``starts[i] + 1`` … (``counts[i]`` of them) of every i, one after the other."""
    return np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))


def _said(achievements: pd.DataFrame, problems: pd.DataFrame | None, strings: _Strings) -> _Said:
    if achievements.empty:
        achievements = pd.DataFrame({c: pd.Series(dtype=object) for c in ("report_id", "ord", "township", "year", "text")})
    towns: dict[str, int] = {}
    town = np.array(
        [towns.setdefault(t, len(towns)) if isinstance(t, str) else -1 for t in _objects(achievements.township)], dtype=np.int64
    )
    year = _years(achievements.year)
    kept = np.flatnonzero((town >= 0) & ~np.isnan(year))
    texts, entries = _objects(achievements.text), _Entries(strings)
    said = entries.achievements([str(texts[i]) for i in kept])
    sizes = np.fromiter(map(len, said), dtype=np.int64, count=len(said))
    in_order = np.fromiter(chain.from_iterable(said), dtype=np.int64, count=int(sizes.sum()))
    ties = [achievements[c].to_numpy()[kept] for c in ("ord", "report_id") if c in achievements]  # (said_done has neither)
    order = np.lexsort((*ties, year[kept], town[kept]))  # stable
    unit_entry = in_order[_ranges(np.cumsum(sizes)[order] - sizes[order], sizes[order])]
    unit_town, unit_year = np.repeat(town[kept][order], sizes[order]), np.repeat(year[kept][order].astype(np.int64), sizes[order])
    starts = np.flatnonzero(np.diff(unit_town * 100_000 + unit_year, prepend=-1))
    stops = np.append(starts[1:], len(unit_town))
    spans = {(int(unit_town[a]), int(unit_year[a])): (int(a), int(b)) for a, b in zip(starts, stops)}
    occurrences = [in_order, np.repeat(town[kept], sizes), np.repeat(year[kept].astype(np.int64), sizes)]
    if problems is not None and len(problems):
        p_town = np.array([towns.get(t, -1) if isinstance(t, str) else -1 for t in _objects(problems.township)], dtype=np.int64)
        p_year = _years(problems.year)
        mine = np.flatnonzero((p_town >= 0) & ~np.isnan(p_year))
        p_text = _objects(problems.text)
        p_entries = np.array([entries.problem(str(p_text[i])) for i in mine], dtype=np.int64)
        occurrences = [np.concatenate([o, p]) for o, p in zip(occurrences, (p_entries, p_town[mine], p_year[mine].astype(np.int64)))]
    by_town = np.argsort(occurrences[1], kind="stable")  # in report order, the achievements' first
    clause, sentence, clause_town, clause_year = entries.expand(*(o[by_town] for o in occurrences))
    return _Said(
        towns, unit_town, unit_year, np.array(entries.unit, dtype=np.int64)[unit_entry], spans, clause_town, clause_year, clause, sentence
    )


def _best_units(
    ids: np.ndarray, towns: np.ndarray, years: np.ndarray, said: _Said, counts: sparse.csr_matrix
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(plan rows with a next year, their best cosine, its sentence in ``said``) (ties: the first
    sentence in report order) of the plans (their texts ``ids``, words ``counts``). A township's
    plans and sentences are weighed among themselves."""
    has_next = said.has_year(towns, years + 1)
    if not has_next.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=np.int64)
    mine = np.isin(towns, towns[has_next])
    plan_docs, unit_docs = np.flatnonzero(mine), np.flatnonzero(np.isin(said.unit_town, towns[has_next]))
    X = matching.grouped_vectors(
        counts[np.concatenate([ids[plan_docs], said.unit_text[unit_docs]])], np.concatenate([towns[plan_docs], said.unit_town[unit_docs]])
    )
    rows = np.flatnonzero(has_next)
    (sims,) = _same_key_products(
        X[: len(plan_docs)][has_next[plan_docs]],
        _key(towns[rows], years[rows] + 1),
        X[len(plan_docs) :],
        _key(said.unit_town[unit_docs], said.unit_year[unit_docs]),
    )
    col, value = _first_best(sims)
    first = np.array([said.spans[int(t), int(y) + 1][0] for t, y in zip(towns[rows], years[rows])], dtype=np.int64)
    unit = np.where(col >= 0, unit_docs[np.maximum(col, 0)], first)  # sharing no word: the year's first sentence, 0
    return rows, value.round(3), unit


def _key(towns: np.ndarray, years: np.ndarray) -> np.ndarray:
    return towns.astype(np.int64) * 100_000 + years.astype(np.int64) % 100_000


def _same_key_products(
    left: sparse.csr_matrix, left_keys: np.ndarray, right: sparse.csr_matrix, right_keys: np.ndarray, *data: tuple[np.ndarray, np.ndarray]
) -> list[sparse.csr_matrix]:
    """``left @ right.T`` where only rows of the same key meet (0 elsewhere), and the same of each
    (left data, right data) of ``data`` (other values, all positive, at the same places: the
    products store the same entries in the same order, a row's columns unsorted): a word's
    column becomes one per key and word, in word order, so each product is summed in the order
    :func:`matching.word_vectors`' rows would sum it."""
    keys, key = np.unique(np.concatenate([right_keys, left_keys]), return_inverse=True)
    right_key, left_key = key[: len(right_keys)], key[len(right_keys) :]
    # each (key, word) of a right row a column of its own, in (key, word) order
    columns, at, n = matching.cell_numbers(
        np.repeat(right_key, np.diff(right.indptr)),
        right.indices.astype(np.int64),
        right.shape[1],
        np.repeat(left_key, np.diff(left.indptr)),
        left.indices.astype(np.int64),
    )
    kept = at >= 0  # a word no right row of the key has adds nothing
    row_of = np.repeat(np.arange(left.shape[0]), np.diff(left.indptr))[kept]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(row_of, minlength=left.shape[0]))])
    out = []
    for left_data, right_data in ((left.data, right.data), *data):
        L = sparse.csr_matrix((left_data[kept], at[kept], indptr), shape=(left.shape[0], n))
        R = sparse.csr_matrix((right_data, columns, right.indptr), shape=(right.shape[0], n))
        out.append((L @ R.T).tocsr())
    return out


def _first_best(sims: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """(the column of each row's greatest stored value, the first (the least column) on a tie,
    -1 for a row with none; that value, 0.0 for none); a row's columns in any order."""
    n = sims.shape[0]
    col, value = np.full(n, -1, dtype=np.int64), np.zeros(n)
    lengths = np.diff(sims.indptr)
    if not sims.nnz:
        return col, value
    rows, starts = np.flatnonzero(lengths > 0), sims.indptr[:-1][lengths > 0]
    top = np.maximum.reduceat(sims.data, starts)
    at_top = np.where(sims.data == np.repeat(top, lengths[rows]), sims.indices, sims.shape[1])  # the others: past the last column
    col[rows], value[rows] = np.minimum.reduceat(at_top, starts), top
    return col, value


def _own_clauses(rows: np.ndarray, texts: list[str], towns: np.ndarray, years: np.ndarray, strings: _Strings) -> np.ndarray:
    """(row, township, year, clause) of every clause of the plans ``rows`` (:func:`plan_clauses`),
    a row's in order; an array of four columns."""
    found: dict[str, list[int]] = {}
    of_row = []
    for row in rows:
        text = texts[row]
        ids = found.get(text)
        if ids is None:
            ids = found[text] = [strings.id(c) for c in plan_clauses(text)]
        of_row.append(ids)
    count = np.fromiter(map(len, of_row), dtype=np.int64, count=len(of_row))
    rows = np.asarray(rows, dtype=np.int64)
    clause = np.fromiter(chain.from_iterable(of_row), dtype=np.int64, count=int(count.sum()))
    return np.column_stack([np.repeat(rows, count), np.repeat(towns[rows], count), np.repeat(years[rows], count).astype(np.int64), clause])


def _by_clauses(
    own: np.ndarray, said: _Said, counts: sparse.csr_matrix, words: list[str], *, terms: bool = True
) -> dict[int, tuple[float, int]]:
    """row → (the clause cosine, the next year's sentence) for the rows one clause of which
    (``own``: row, township, year, clause (:func:`_own_clauses`)) a next-year clause of its
    township speaks of: cosine at least :data:`CLAUSE_FOLLOWS` sharing two content words, or
    :data:`TERM_FOLLOWS` sharing a topic term (the best such clause; ties: the first). The
    clauses of a township are weighed among themselves and its own; strings by their number."""
    own = own[np.isin(own[:, 1], said.clause_town)]
    pieces = np.flatnonzero(np.isin(said.clause_town, own[:, 1]))
    if not len(own) or not len(pieces):
        return {}
    X = matching.grouped_vectors(
        counts[np.concatenate([own[:, 3], said.clause_text[pieces]])], np.concatenate([own[:, 1], said.clause_town[pieces]])
    )
    P, Q = X[: len(own)], X[len(own) :]
    topics = set(matching.synonyms()[1].values()) if terms else set()
    topic = np.array([w in topics for w in words] + [False], dtype=np.float64)
    # the words each pair shares, and 1024 for each topic term among them, summed by the same product
    Pb = sparse.csr_matrix((1 + 1024 * topic[P.indices], P.indices, P.indptr), shape=P.shape)
    Qb = sparse.csr_matrix((np.ones(Q.nnz), Q.indices, Q.indptr), shape=Q.shape)
    keys = _key(own[:, 1], own[:, 2] + 1), _key(said.clause_town[pieces], said.clause_year[pieces])
    raw, shared = _same_key_products(P, keys[0], Q, keys[1], (Pb.data, Qb.data))
    shared = shared.data  # the same pairs as raw's
    sims = raw.data.round(3)  # compared rounded, as shown, among the pairs at the lower threshold unrounded
    speaks = (raw.data >= min(CLAUSE_FOLLOWS, TERM_FOLLOWS)) & (
        ((shared % 1024 >= 2) & (sims >= CLAUSE_FOLLOWS)) | ((shared >= 1024) & (sims >= TERM_FOLLOWS))
    )
    col, cosine = _first_best(sparse.csr_matrix((np.where(speaks, sims, 0.0), raw.indices, raw.indptr), shape=raw.shape))
    found: dict[int, tuple[float, int]] = {}
    for i in np.flatnonzero(cosine > 0):  # a row's clauses in order; the first best wins a tie
        row = int(own[i, 0])
        if cosine[i] > found.get(row, (0.0, 0))[0]:
            found[row] = (float(cosine[i]), int(said.clause_sentence[pieces[col[i]]]))
    return found


def _by_targets(
    rows: np.ndarray, texts: list[str], towns: np.ndarray, years: np.ndarray, said: _Said, strings: list[str]
) -> list[tuple[int, str, str]]:
    """(plan row, the next year's sentence, "met" or "short") for the plans ``rows`` (each with a
    next year) whose targets the next year's achievements state (:func:`analysis.problems.targets.verdict`)."""
    out, wanted_of = [], {}
    for row in rows:
        text = texts[row]
        if text not in wanted_of:
            wanted_of[text] = targets.plan_targets(text)
        if wanted_of[text]:
            start, stop = said.spans[int(towns[row]), int(years[row]) + 1]
            verdict, sentence = targets.verdict(wanted_of[text], [strings[k] for k in said.unit_text[start:stop]])
            if verdict:
                out.append((row, sentence, verdict))
    return out


# a township saying it did not do what it planned: 「未达到创建2个的计划」「距离12人的配置目标仍差1人」「未能按计划于年内
# 完成」「仍有8栋隐患房屋未完成整改」「剩余4座已列入2024年淘汰计划」「省级民主法治示范村创建尚未完成」
ADMITS = re.compile(
    r"未(?:能)?(?:达到|完成)[^，。；]{0,16}(?:计划|目标|要求)|未能(?:按计划|按期|如期)|(?:距离?|离)[^，。；]{0,24}目标[^，。；]{0,4}(?:仍|还)(?:差|有差距)"
    r"|(?:仍|还)(?:差|有)[^，。；]{0,12}未(?:完成|整改|达到)|剩余[^，。；]{0,10}(?:尚未|未|已列入)|尚未(?:全部|完全|如期|按期)?(?:完成|实现|达到)|未(?:能)?(?:全部|完全)(?:完成|实现|达到)"
    # 泾县/铅山县 review: 「（原计划新增2名，另1名因考试未通过待补考）」「省级创建目标未能实现」「未能在年内正式命名」「尚待正式命名」
    r"|原计划[^。；]{0,30}(?:未|待)|目标未(?:能)?实现|未能(?:在年内|年内)|尚待(?:正式)?(?:命名|验收|批复|审批)"
    # 岳西县/蕉岭县 review: 「距年初“新增2名”的计划仍有差距」「年初确定的培训全覆盖目标未能完成」「未能入选」
    r"|(?:计划|目标)[^，。；]{0,4}(?:仍|还)(?:差|有差距)|(?:计划|目标|任务)(?:未能|未|没有)(?:完成|实现|达到)"
    r"|未能入选|未入选|未获(?:批|通过|命名)|未通过(?:验收|审核|评审|考评)"
    # 蔚县 reading: 「个别杏扁加工厂封闭改造未完成」 (the plan's 「完成全封闭改造」, its coal yards done, its plants not)
    r"|[^，。；未]{2,16}未(?:能)?完成(?=[，。；]|$)"
    # 汉源街道 (reading 19): 「仍有8户安置房因继承、共有等权属争议未能办证」
    r"|仍(?:有|存在)[^，。；]{0,20}未(?:能)?(?:办理|办|完成|解决|落实|整改|到位|化解)"
)
# a character every admission holds (each branch of ADMITS has one, tests check): a text without
# any cannot admit anything, and most achievement paragraphs are passed over by this one scan
ADMITS_CUE = re.compile(r"[未差剩尚原没]")
ADMITTED_SHARED = 2  # content words a plan and the sentence admitting it undone share (示范村, 窑炉, 电站 …)
# …not counting the words of any target: 「处置率达到60%以上」 and 「未达到60家以上的计划」 share only these
TARGET_WORDS = frozenset(
    "达到 以上 以下 计划 目标 完成 全年 年内 任务 要求 实现 争取 力争 确保 推进 开展 加强 提高 提升 累计 "
    "不少 不少于 不低于 少数 每月 每年 每季度 次数".split()  # (「关键少数」「不少于4次」 share nothing with 「少数村…未达到每月不少于2次」)
)
ADMISSION_SENTENCE = re.compile(r"[^。！？；\n]+")


def _texts(*frames: pd.DataFrame | None) -> Iterator[tuple[str, int, str]]:
    """(township, year, text) of every row of ``frames`` (items: township, year, text) with a township
    and a year, frame by frame: what the reports say, for the rules reading the next report's words
    (admissions, zero targets, silence)."""
    for frame in frames:
        if frame is None or not len(frame):
            continue
        for town, year, text in zip(_objects(frame.township), _years(frame.year), _objects(frame.text)):
            if isinstance(town, str) and year == year:
                yield town, int(year), str(text)


def _by_admission(plans: pd.DataFrame, achievements: pd.DataFrame, problems: pd.DataFrame | None) -> list[tuple[int, str]]:
    """(plan row, the sentence) for each plan its township's next report says it did not carry out
    (:data:`ADMITS`, about the plan's own thing: two content words shared) — whatever else that
    report says was done (德化县 review: 5 plans the townships admitted unmet were not listed)."""
    found: dict[tuple[str, int], list[str]] = {}
    cue, admits = ADMITS_CUE.search, ADMITS.search
    for town, year, text in _texts(problems, achievements):
        if cue(text) and admits(text):
            found.setdefault((town, year), []).extend(s.strip() for s in ADMISSION_SENTENCE.findall(text) if admits(s))
    out = []
    for row, town, year, text in zip(plans.index, plans.township, plans.year, plans.text) if found else ():
        said = found.get((town, int(year) + 1)) if isinstance(town, str) and not pd.isna(year) else None
        if said:
            mine = set(matching.content_words(str(text))) - TARGET_WORDS
            admitted = next((s for s in said if len(mine & set(matching.content_words(s))) >= ADMITTED_SHARED), None)
            if admitted:
                out.append((row, admitted))
    return out


OWN_PLAN = re.compile(r"计划|目标|任务")


def _outweighs(plan: str, done: str | None, admitted: str) -> bool:
    """Whether the sentence saying ``plan`` done shares at least twice as many of its content words as the
    sentence admitting something undone, and three more: 双沟镇's plan 「对照赋权事项清单，与县直部门逐项明确
    职责边界，建立案件移送、联合执法和执法协作机制」 and the next report's 「与…7个部门签订执法协作协议，明确职责边界、
    案件移送和联合执法程序」 (8 words) beside 「执法事项下放后“权责对等”尚未完全实现，…仍需依赖县直部门」 (3: 执法,
    事项, 县直) — the plan was carried out (sixteenth reading); an admission of the plan's own thing shares as much,
    and one naming a plan or target (未达到…的计划) always stands."""
    if not done or OWN_PLAN.search(admitted):  # 「未达到60家以上的计划」 speaks of the plan itself
        return False
    mine = set(matching.content_words(plan)) - TARGET_WORDS
    said, admits = len(mine & set(matching.content_words(done))), len(mine & set(matching.content_words(admitted)))
    return said >= 2 * admits and said - admits >= 3


def _reached(plan: str, done: str | None) -> bool:
    """Whether ``done`` (the next year's sentence matched to ``plan``) states a figure in the unit of one of the
    plan's at-least targets reaching it, about the plan's own things (two content words besides any target's)."""
    if not done:
        return False
    mine = set(matching.content_words(plan)) - TARGET_WORDS
    if len(mine & set(matching.content_words(done))) < ADMITTED_SHARED:
        return False
    wanted = [t for t in targets.plan_targets(plan) if t.at_least]
    if not wanted:
        return False
    if targets.verdict(wanted, [done])[0] == "met":
        return True
    # a figure of a thing no metric names (「解决…办证问题200户以上」, 其他): its own words are the plan's (two content words)
    for f in extract_indicators(done):
        if f.role != "done" or f.value is None or f.metric != OTHER_METRIC:
            continue
        at, _ = targets.figure_at(done, float(f.value), f.unit)
        if at < 0:
            continue
        if any(t.metric == OTHER_METRIC and t.unit == f.unit and f.value >= t.value for t in wanted) and (
            len(mine & set(matching.content_words(targets.clause_before(done, at)))) >= ADMITTED_SHARED
        ):
            return True
    return False


# a plan aiming at none of a thing: 「行政诉讼力争实现“零败诉”」「败诉案件清零」「确保不发生越级访」
ZERO_TARGET = re.compile(r"零[“”\"']?(?P<a>败诉|越级访|进京访|群体性事件|命案|事故)|(?P<b>败诉|越级访|进京访)[^，。；]{0,4}(?:清零|为零)")


def _by_zero_target(plans: pd.DataFrame, achievements: pd.DataFrame, problems: pd.DataFrame | None) -> list[tuple[int, str]]:
    """(plan row, the sentence) for each plan aiming at none of a thing (:data:`ZERO_TARGET`: 零败诉)
    whose township's next report counts one or more of it (「败诉1件」「1件行政诉讼案件败诉」) — 岳西县 review:
    天堂镇's 「力争实现‘零败诉’」 was not listed unmet beside a case lost the next year."""
    wanted: dict[int, str] = {}
    for row, text in zip(plans.index, _objects(plans.text)):
        found = ZERO_TARGET.search(str(text))
        if found:
            wanted[row] = found.group("a") or found.group("b")
    if not wanted:
        return []
    said: dict[tuple[str, int], list[str]] = {}
    things = set(wanted.values())
    for town, year, text in _texts(achievements, problems):
        if any(thing in text for thing in things):
            said.setdefault((town, year), []).extend(ADMISSION_SENTENCE.findall(text))
    out = []
    for row, thing in wanted.items():
        town, year = plans.township[row], plans.year[row]
        if not isinstance(town, str) or pd.isna(year):
            continue
        counted = re.compile(
            rf"{thing}[^，。；\d]{{0,6}}(?P<n>\d+|[一二两三四五六七八九十])\s*[件起宗次]|(?P<m>\d+|[一二两三四五六七八九十])\s*[件起宗次][^，。；\d]{{0,12}}{thing}"
        )
        for sentence in said.get((town, int(year) + 1), []):
            hit = counted.search(sentence)
            if hit and (hit.group("n") or hit.group("m")) not in ("0", "〇", "零"):
                out.append((row, sentence.strip()))
                break
    return out


def _by_silence(plans: pd.DataFrame, achievements: pd.DataFrame, problems: pd.DataFrame | None) -> list[int]:
    """The plan rows whose first sentence names a topic term (``data/topic_synonyms.csv``: 述法, 村规民约, 法律明白人 …) of which
    their township's next report, which exists, says nothing at all, in no words of any of them: the
    report cannot have done what it never names, however near its other sentences come (岳西县/蕉岭县 review:
    三圳镇's 2022 plan 「落实党政主要负责人年终述法制度」 was followed by a 2023 report without 述法)."""
    pattern, canonical = matching.synonyms()
    wanted: dict[int, set[str]] = {}
    for row, town, year, text in zip(plans.index, _objects(plans.township), _years(plans.year), _objects(plans.text)):
        first = str(text).split("。", 1)[0]  # what the plan is about, not a term one of its later steps names
        # (…nor one of a list of its parts: 「修订《…重大行政决策程序规定》，将公众参与、专家论证、风险评估、合法性审查、集体讨论
        # 决定作为必经程序」 is about the rule revised — 官圩镇 revised it; the eighteenth reading)
        terms = {canonical[m.group()] for m in pattern.finditer(first) if "、" not in first[max(m.start() - 1, 0) : m.end() + 1]}
        if terms and isinstance(town, str) and year == year:
            wanted[row] = terms
    if not wanted:
        return []
    named: dict[tuple[str, int], set[str]] = {}
    for town, year, text in _texts(achievements, problems):
        named.setdefault((town, year), set()).update(canonical[m.group()] for m in pattern.finditer(text))
    out = []
    for row, terms in wanted.items():
        said = named.get((plans.township[row], int(plans.year[row]) + 1))
        if said is not None and not terms & said:
            out.append(row)
    return out


def said_done(texts: pd.DataFrame, achievements: pd.DataFrame, problems: pd.DataFrame | None = None) -> pd.Series:
    """Whether the next year's report of each row's township says done what the row's text speaks
    of (one clause of it, :func:`_by_clauses`): a cause 「法治建设经费未单独列入预算」 (2023) is
    said done by 「法治建设经费首次单列进入镇年度预算」 (2024). ``texts``, ``achievements``,
    ``problems``: township, year, text; a Series of bool on ``texts``' index. Only clauses sharing
    two words count (not a topic term alone: 「法制审核力量不足」 is not gone because 「合法性审查率
    达到100%」)."""
    done = pd.Series(False, index=texts.index)
    if texts.empty or achievements.empty:
        return done
    strings = _Strings()
    said = _said(achievements, problems, strings)
    towns, years = said.codes(texts.township), _years(texts.year)
    rows = np.flatnonzero((towns >= 0) & ~np.isnan(years))
    own = _own_clauses(rows, [str(t) for t in _objects(texts.text)], towns, years, strings)
    counts, words = strings.counts()
    done.iloc[sorted(_by_clauses(own, said, counts, words, terms=False))] = True
    # …unless that report says it is still short (铅山县 review: 「业主委员会组建率低」 was said met by 2023's
    # 「组建率由…约31%提高到约43%，未达到50%的年度目标」)
    admitted = [row for row, _ in _by_admission(texts[done], achievements, problems)] if done.any() else []
    done.loc[admitted] = False
    return done


def clauses(text: str) -> list[str]:
    """The clauses of ``text`` of :data:`CLAUSE_MIN` characters or more, each one action or
    fact: 「指导各村完善村规民约，健全红白理事会」 → [指导各村完善村规民约, 健全红白理事会]."""
    return [c for p in CLAUSE_END.split(text or "") if len(c := p.strip()) >= CLAUSE_MIN]


def plan_clauses(text: str) -> list[str]:
    """The clauses of a plan after its heading (a first sentence under :data:`HEADING_MAX`
    characters without a figure, when more follows): 「夯实基层法治基础。以民主法治示范村创建为抓手，…」
    → [以民主法治示范村创建为抓手, …]; a heading names a field (夯实、基础), not what is to be done."""
    first, _, rest = (text or "").partition("。")
    return clauses(rest if rest.strip() and _is_heading(first) else text)
