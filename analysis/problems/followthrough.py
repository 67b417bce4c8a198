"""Plan follow-through: did township T do in year Y+1 what it planned in its year-Y report?

A plan is compared with each sentence of T's next-year achievements on content words, as the
brief matches plans to problems (:mod:`analysis.problems.matching`: stopwords dropped, topic
synonyms folded into one term, rarer words weighing more, the IDF over T's own plans and
achievement sentences). A plan counts as followed when one sentence says doing that particular
thing (cosine at or above :data:`FOLLOWS`): 「开展反诈宣传“敲门行动”」 is not followed by a
sentence on 普法公众号 merely because both are 宣传, nor 「争取执法编制」 by 「办理行政处罚案件
55件」 because both are 执法.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.problems import matching, targets

FOLLOWS = 0.2  # the cosine of a plan to a next-year achievement sentence at or above which the plan is followed
# raised when the matching changes, so that stores built with the former one are refreshed
VERSION = "targets-1"
FOLLOWED, NOT_FOUND, NO_REPORT = "已落实", "未见落实", "无次年报告"
COLUMNS = ["report_id", "ord", "township", "plan_year", "plan", "status", "matched_year", "matched_text", "score"]
# where an achievement paragraph's sentences end, and before its 一是/二是 parts:
# 「…审查合同22份。二是推进执法规范化。执法队优化网格分工…；全年办理…」
UNIT_END = re.compile(r"[。；！？!?;]|(?=[一二三四五六七八九十]是)")
HEADING_MAX = 20  # a sentence shorter than this without a figure is a heading: 「抓执法，规范行政执法行为」
FIGURE = re.compile(r"\d")


def achievement_units(text: str) -> list[str]:
    """The sentences of an achievement paragraph, each what the township did once: a heading
    (under :data:`HEADING_MAX` characters, no figure: 「抓队伍、优执法，执法水平持续提升」) is
    joined to the sentence after it, so that it neither matches a plan by its broad words alone
    nor leaves the sentence it heads without its subject."""
    units, heading = [], ""
    for part in (p.strip() for p in UNIT_END.split(text or "")):
        if len(part) < 2:
            continue
        if len(part) < HEADING_MAX and not FIGURE.search(part):
            heading = f"{heading}，{part}" if heading else part
            continue
        units.append(f"{heading}，{part}" if heading else part)
        heading = ""
    return units + ([heading] if heading else [])


def follow_through(plans: pd.DataFrame, achievements: pd.DataFrame, *, threshold: float = FOLLOWS) -> pd.DataFrame:
    """Match plans to next-year achievements.

    ``plans`` and ``achievements``: report_id, ord, township, year, text (other columns ignored).
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
    for township, group in plans.groupby("township", sort=False):
        done = by_town.get(township)
        if done is None:
            continue
        rows, best, year, text = _best_units(group, done)
        status[rows] = np.where(best >= threshold, FOLLOWED, NOT_FOUND)
        matched_year[rows], matched_text[rows], score[rows] = year, text, best
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
