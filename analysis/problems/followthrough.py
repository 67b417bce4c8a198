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

import numpy as np
import pandas as pd

from analysis.problems import matching, targets

FOLLOWS = 0.2  # the cosine of a plan to a next-year achievement sentence at or above which the plan is followed
# raised when the matching changes, so that stores built with the former one are refreshed
VERSION = "clauses-1"
CLAUSE_FOLLOWS = 0.3  # the cosine of a plan's clause to a next-year clause sharing two words at or above which the plan is followed
TERM_FOLLOWS = 0.2  # the same for clauses sharing a topic term (村规民约): the term says the particular thing
FOLLOWED, NOT_FOUND, NO_REPORT = "已落实", "未见落实", "无次年报告"
COLUMNS = ["report_id", "ord", "township", "plan_year", "plan", "status", "matched_year", "matched_text", "score"]
# where an achievement paragraph's sentences end, and before its 一是/二是 parts:
# 「…审查合同22份。二是推进执法规范化。执法队优化网格分工…；全年办理…」
UNIT_END = re.compile(r"[。；！？!?;]|(?=[一二三四五六七八九十]是)")
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
    units, heading = [], ""
    for part in (p.strip() for p in UNIT_END.split(text or "")):
        if len(part) < 2:
            continue
        if _is_heading(part):
            heading = f"{heading}，{part}" if heading else part
            continue
        units.append((heading, part))
        heading = ""
    return units + ([(heading, "")] if heading else [])


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
    no other (:func:`analysis.refresh.derived.update` relies on it)."""
    if plans.empty:
        return pd.DataFrame(columns=COLUMNS)
    plans = plans.reset_index(drop=True)
    status = np.full(len(plans), NO_REPORT, dtype=object)
    matched_year = np.full(len(plans), None, dtype=object)
    matched_text = np.full(len(plans), None, dtype=object)
    score = np.full(len(plans), np.nan)
    by_town = {t: g for t, g in achievements.groupby("township", sort=False)} if len(achievements) else {}
    has_problems = problems is not None and len(problems)
    problems_by_town = {t: g for t, g in problems.groupby("township", sort=False)} if has_problems else {}
    for township, group in plans.groupby("township", sort=False):
        done = by_town.get(township)
        if done is None:
            continue
        rows, best, year, text = _best_units(group, done)
        status[rows] = np.where(best >= threshold, FOLLOWED, NOT_FOUND)
        matched_year[rows], matched_text[rows], score[rows] = year, text, best
        unmatched = rows[best < threshold]
        for row, said, cosine in _by_clauses(plans.loc[unmatched], done, problems_by_town.get(township)):
            status[row], matched_text[row], score[row] = FOLLOWED, said, cosine
        for row, said, verdict in _by_targets(plans.loc[rows], done):
            status[row] = FOLLOWED if verdict == "met" else NOT_FOUND
            matched_text[row], score[row] = said, np.nan
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


def _by_targets(plans: pd.DataFrame, achievements: pd.DataFrame) -> list[tuple[int, str, str]]:
    """(plan row, the next year's sentence, "met" or "short") for the plans of one township
    whose targets the next year's achievements state (:func:`analysis.problems.targets.verdict`)."""
    units: dict[int, list[str]] = {}
    for y, t in zip(achievements.year, achievements.text):
        if pd.notna(y):
            units.setdefault(int(y), []).extend(achievement_units(str(t)))
    out = []
    for row, year, text in zip(plans.index, plans.year, plans.text):
        wanted = targets.plan_targets(str(text))
        if wanted and pd.notna(year) and int(year) + 1 in units:
            verdict, said = targets.verdict(wanted, units[int(year) + 1])
            if verdict:
                out.append((row, said, verdict))
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
    problems_by_town = dict(tuple(problems.groupby("township", sort=False))) if problems is not None and len(problems) else {}
    for township, group in achievements.groupby("township", sort=False):
        mine = texts[texts.township == township]
        done[[row for row, _, _ in _by_clauses(mine, group, problems_by_town.get(township), terms=False)]] = True
    return done


def clauses(text: str) -> list[str]:
    """The clauses of ``text`` of :data:`CLAUSE_MIN` characters or more, each one action or
    fact: 「指导各村完善村规民约，健全红白理事会」 → [指导各村完善村规民约, 健全红白理事会]."""
    return [c for c in (p.strip() for p in CLAUSE_END.split(text or "")) if len(c) >= CLAUSE_MIN]


def plan_clauses(text: str) -> list[str]:
    """The clauses of a plan after its heading (a first sentence under :data:`HEADING_MAX`
    characters without a figure, when more follows): 「夯实基层法治基础。以民主法治示范村创建为抓手，…」
    → [以民主法治示范村创建为抓手, …]; a heading names a field (夯实、基础), not what is to be done."""
    first, _, rest = (text or "").partition("。")
    return clauses(rest if rest.strip() and _is_heading(first) else text)


def _next_year_clauses(achievements: pd.DataFrame, problems: pd.DataFrame | None) -> list[tuple[int, str, str]]:
    """(year, clause, its sentence) of every achievement clause and of every problem clause saying
    the thing is done (:data:`DONE_BEFORE`) of one township; an achievement's heading is no
    clause (「基层治理进一步夯实」 does not say what was done), though it heads the sentence."""
    out = [
        (int(y), c, f"{heading}，{body}" if heading else body)
        for y, t in zip(achievements.year, achievements.text)
        if pd.notna(y)
        for heading, body in _headed_units(str(t))
        for c in clauses(body or heading)  # a short last sentence is no heading: 「法治建设经费首次单列进入镇年度预算」
    ]
    if problems is not None:
        out += [
            (int(y), c, sentence)
            for y, t in zip(problems.year, problems.text)
            if pd.notna(y)
            for sentence in (s.strip() for s in UNIT_END.split(str(t)))
            for c in clauses(sentence)
            if DONE_BEFORE.search(c)
        ]
    return out


def _by_clauses(
    plans: pd.DataFrame, achievements: pd.DataFrame, problems: pd.DataFrame | None, *, terms: bool = True
) -> list[tuple[int, str, float]]:
    """(plan row, the next year's sentence, the clause cosine) for the plans of one township one
    clause of which a next-year clause speaks of: cosine at least :data:`CLAUSE_FOLLOWS` sharing
    two content words, or :data:`TERM_FOLLOWS` sharing a topic term (the best such clause; ties:
    the first)."""
    pieces = _next_year_clauses(achievements, problems)
    own = [
        (row, int(year), c)
        for row, year, text in zip(plans.index, plans.year, plans.text)
        if pd.notna(year)
        for c in plan_clauses(str(text))
    ]
    if not pieces or not own:
        return []
    X, words = matching.word_vectors([c for _, _, c in own] + [c for _, c, _ in pieces])
    P, Q = X[: len(own)], X[len(own) :]
    raw = (P @ Q.T).toarray()
    raw[np.array([y for y, _, _ in pieces])[None, :] != np.array([y for _, y, _ in own])[:, None] + 1] = -1.0
    sims = raw.round(3)  # compared rounded, as shown, among the pairs at the lower threshold unrounded
    # the words each pair of clauses shares, counted with whole-matrix products (not pair by pair)
    Pb, Qb = (P > 0).astype(np.int32), (Q > 0).astype(np.int32)
    shared = (Pb @ Qb.T).toarray()
    topics = set(matching.synonyms()[1].values()) if terms else set()
    topic_cols = [k for k, w in enumerate(words) if w in topics]
    on_topic = (Pb[:, topic_cols] @ Qb[:, topic_cols].T).toarray() > 0 if topic_cols else np.zeros_like(shared, dtype=bool)
    speaks = (raw >= min(CLAUSE_FOLLOWS, TERM_FOLLOWS)) & (((shared >= 2) & (sims >= CLAUSE_FOLLOWS)) | (on_topic & (sims >= TERM_FOLLOWS)))
    score = np.where(speaks, sims, 0.0)
    found: dict[int, tuple[float, str]] = {}
    for i in np.flatnonzero(score.max(axis=1) > 0):  # a plan's clauses in order; the first best wins a tie
        j = int(score[i].argmax())
        row, cosine = own[i][0], float(score[i, j])
        if cosine > found.get(row, (0.0, ""))[0]:
            found[row] = (cosine, pieces[j][2])
    return [(row, said, cosine) for row, (cosine, said) in found.items()]


def _best_units(plans: pd.DataFrame, achievements: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(plan rows with a next year, their best cosine, its year, its sentence) for one township's
    plans (ties: the first sentence in report order)."""
    achievements = achievements[achievements.year.notna()].sort_values(["year", "report_id", "ord"], kind="stable")
    units = [(int(y), u) for y, t in zip(achievements.year, achievements.text) for u in achievement_units(str(t))]
    unit_years = np.array([y for y, _ in units], dtype=np.int64)
    plan_years = plans.year.astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)  # a report of unknown year has no next
    has_next = np.isin(plan_years + 1, unit_years)
    if not has_next.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=object), np.zeros(0, dtype=object)
    texts = [str(t) for t in plans.text]
    X, _ = matching.word_vectors(texts + [u for _, u in units])
    sims = (X[: len(texts)] @ X[len(texts) :].T).toarray()
    sims[unit_years[None, :] != plan_years[:, None] + 1] = -1.0  # only the next year's sentences
    best = sims.argmax(axis=1)[has_next]
    top = sims[has_next, best].round(3)
    return (
        plans.index.to_numpy()[has_next],
        top,
        unit_years[best].astype(object),
        np.array([units[b][1] for b in best], dtype=object),
    )
