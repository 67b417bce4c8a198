"""Emerging problems: the problem items no register problem fits (未归类), grouped by what they
are about and named by their own words.

An item is its content words (:func:`analysis.problems.matching.content_words`: the synonyms of
``data/topic_synonyms.csv`` folded into one term, so 反诈宣传 and 电信网络诈骗 meet; the
stopwords dropped), less the words that name no subject: numbers and years (2022年, 11起), time
words (全年, 上年) and places (临泉镇). The words of its first clause, its subject, count
:data:`SUBJECT_WEIGHT` times. Each word weighs by how few texts use it (smoothed IDF) over the
grouped items together with the register's labelled items (``data/problem_labelled.csv``): the
words every problem item uses (薄弱环节, 群众, 宣传) weigh little, those that say what the item
is about (自建房, 秸秆禁烧, 移风易俗) much, however few items are grouped. Average-linkage
agglomerative clustering on the cosine cuts at :data:`THRESHOLD`; with more than
:data:`AGGLO_MAX` distinct texts, leader clustering. The items are grouped all at once, every
township and year together, so one subject is one group in every year it is raised.

A group is named as a person would name it, by a short phrase of its own items: the shortest
clause of its most central item (the nearest to all the others) that says what is wrong (a defect
cue of the register: 薄弱, 不够有力, 不到位) holding the most of the words the group's items share,
its list mark dropped and 「…工作还存在薄弱环节」 said 「…薄弱」: 「电信网络诈骗防范工作还存在薄弱
环节」 → 电信网络诈骗防范薄弱. A group with no such clause of :data:`NAME_MAX` characters or fewer
is named by the words most of its items share, the weightiest first (电信诈骗、宣传), never a
year, number, place or function word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.parse.structure import data_file_mtime
from analysis.problems.clustering import example_wording, leader_clusters
from analysis.problems.matching import content_words
from analysis.problems.register import CLAUSE_END, LABELLED_FILE, REGISTER_FILE, register
from analysis.problems.vectors import unit_rows

# Set on the development sets tests/data/independent/P5–P35 (their outside items; README): pairwise precision and
# recall of the groups over the outside items, and persistence found. (Before 2026-12-07's fourth session: 0.2 and 5
# words, set on P1–P12; on P5–P35 that gave emerging precision 0.924, recall 0.683 and 116 of 171 outside problems
# found in consecutive years, these give 0.927, 0.720 and 128: a long item's subject is more than five words.)
THRESHOLD = 0.15  # the average cosine of two groups' items at or above which they join
# one township's items of consecutive years at least this alike are joined first, whatever else they resemble (on the
# independent sets P35, P37, P38, P39 and P41: persistence found 103 → 108 of 158 pairs, false persistence 8 both ways;
# 0.10: 112 and 10; 0.05: 119 and 15)
SAME_PLACE_MIN = THRESHOLD
TOP_WORDS = 15  # an item is its this many weightiest words: a long item's asides do not drown its subject
DEFECT_WEIGHT = 0.5  # a word holding one of the register's defect cues (薄弱环节) says what is wrong, not about what
SUBJECT_WEIGHT = 2.0  # a word of the item's first clause counts this many times
AGGLO_MAX = 1500  # distinct texts clustered by average linkage; above, leader clustering
LABEL_WORDS = 3  # words in a group's name
LABEL_COMMON = 0.02  # a word in more than this share of the register's labelled items (部分, 仍然, 存在) names no group
LABEL_SHARE = 0.5  # a word names a group when at least this share of its items hold it
# words that name no subject: a digit or Latin letter (2022年, 11起, C级), a time (全年, 上年,
# 年内, 近年来), a township or county (临泉镇, 妙高街道, 临县) or the kind of one cut off (妙高|街道)
# a place's kind at the end of its name: 临泉镇, 湖山乡, 妙高街道, 东坝地区
PLACE_KIND = re.compile(r"(镇|乡|街道|地区|办事处|民族乡)$")
NO_SUBJECT = re.compile(
    r"[0-9０-９A-Za-zＡ-Ｚａ-ｚ]|^(今|去|全|上|本|明|当|近|往|历|每|年)年|年[内底初末中度]|..+(镇|乡|街道|县|市|区)$|^(街道|地区)$"
)

NAME_MAX = 16  # characters of a group's name taken from a clause
NAMING_VERSION = "phrase-4"  # raised when groups are formed or named otherwise, so that stores are refreshed
# what opens a clause without saying anything: 「（一）」「一是」「2.」「此外，」
NAME_LEAD = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+是|\d+[.、．]|此外|同时|另外|但|而)+[，,、：:\s]*")
# a clause saying why (因无购买凭证, 由于编制受限), and where an item's causes begin (主要原因是…): no name is taken there
NAME_EXPLAINS = re.compile(r"^(?:因|由于|因为|加之)")
STILL_WRONG = re.compile(r"仍有反复|反弹|屡禁不止|时有发生|难度大|压力大")  # (「“两违”治理仍有反复」 says what is wrong)
NAME_CAUSE = re.compile(r"究其原因|主要原因|原因是|原因在于|根源在于")
# the long way of saying a weak spot: 「电信网络诈骗防范工作还存在薄弱环节」「移风易俗推进还存在薄弱环节」
WEAK_SPOT = re.compile(r"(?:工作)?(?:还|仍|仍然|依然)?(?:存在|有)(?:一些|一定的?)?(?:薄弱环节|短板)$")

TRAILING_PROBLEM = re.compile(r"的?问题$")  # 「执法力量不足的问题」: the name is what is before

COLUMNS = ["cluster", "label", "example", "items"]


@dataclass(frozen=True)
class Groups:
    """``cluster``: each item's group (1…K, largest first), in the items' order.
    ``groups``: :data:`COLUMNS`, one row per group: its name, an example sentence, its items."""

    cluster: np.ndarray
    groups: pd.DataFrame


def group_items(
    texts: list[str], *, places: Iterable[str] = (), threshold: float = THRESHOLD, sources: Sequence[tuple[str, int | None]] | None = None
) -> Groups:
    """Group problem item ``texts`` by their content words and name each group; ``places``: the
    townships the items come from (临泉镇), whose names (and 临泉) are no content word; ``sources``:
    each text's township (any hashable key naming one township) and year, when known — one
    township's items of consecutive years :data:`SAME_PLACE_MIN` alike are joined before any other
    (a problem it raises again, in other words: 尾矿库安全监管压力大 one year, 尾矿库闭库治理…任务依然
    艰巨 the next, is not split between two groups by what else each resembles)."""
    if not texts:
        return Groups(np.zeros(0, dtype=np.int64), pd.DataFrame(columns=COLUMNS))
    names = place_names(places)
    words = [item_words(t, places=names) for t in texts]
    X, vocabulary, idf = _vectors(words)
    local = _cluster(X, texts, threshold, sources)
    n_ref, df_ref = _reference(LABELLED_FILE, data_file_mtime(LABELLED_FILE))
    common = {w for w in vocabulary if df_ref.get(w, 0) > LABEL_COMMON * n_ref}
    return _finish(texts, words, local, dict(zip(vocabulary, idf)), common)


def place_names(places: Iterable[str]) -> frozenset[str]:
    """Each place name as written and without its kind (临泉镇 → 临泉镇, 临泉; 妙高街道 → 妙高)."""
    names = {p for p in places if isinstance(p, str) and p}
    return frozenset(names | {PLACE_KIND.sub("", p) for p in names} - {""})


def item_words(text: str, *, places: frozenset[str] = frozenset()) -> Counter:
    """The content words of ``text`` with their weight: a subject word (first clause) counts
    :data:`SUBJECT_WEIGHT` times, a word without a subject (:data:`NO_SUBJECT`, ``places``) not at all."""
    subject = CLAUSE_END.split(text, maxsplit=1)[0]
    weights: Counter = Counter()
    for word in content_words(text):
        if not NO_SUBJECT.search(word) and word not in places:
            weights[word] += 1.0
    for word in set(content_words(subject)) & weights.keys():
        weights[word] += SUBJECT_WEIGHT - 1.0
    defects = _defects()
    for word in [w for w in weights if defects.search(w)]:
        weights[word] *= DEFECT_WEIGHT
    return weights


def _defects() -> re.Pattern[str]:
    """Any of the register's defect cues (what is wrong: 薄弱, 不到位, 难以…), ``data/problems.csv``."""
    return _defect_pattern(REGISTER_FILE, data_file_mtime(REGISTER_FILE))


@lru_cache(maxsize=2)
def _defect_pattern(path: Path, mtime: float | None) -> re.Pattern[str]:
    cues = sorted({d for p in register().problems for d in p.defect if len(d) >= 2}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, cues)) or "$^")


@lru_cache(maxsize=2)
def _reference(path: Path, mtime: float | None) -> tuple[int, Counter]:
    """(texts, document frequency of each content word) of the register's labelled items."""
    if mtime is None:
        return 0, Counter()
    texts = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False).text.tolist()
    return len(texts), Counter(w for t in texts for w in set(content_words(t)))


def _vectors(words: list[Counter]) -> tuple[sparse.csr_matrix, list[str], np.ndarray]:
    """(unit rows of sublinear weight × IDF, the word of each column, each column's IDF); the
    IDF over the items and the register's labelled items together."""
    n_ref, df_ref = _reference(LABELLED_FILE, data_file_mtime(LABELLED_FILE))
    vocabulary = sorted({w for c in words for w in c})
    column = {w: j for j, w in enumerate(vocabulary)}
    df = np.bincount([column[w] for c in words for w in c], minlength=len(vocabulary)).astype(np.float64)
    df += np.array([df_ref.get(w, 0) for w in vocabulary], dtype=np.float64)
    idf = np.log((1 + len(words) + n_ref) / (1 + df)) + 1
    rows = np.repeat(np.arange(len(words)), [len(c) for c in words])
    cols = np.array([column[w] for c in words for w in c], dtype=np.int64)
    tf = np.array([n for c in words for n in c.values()], dtype=np.float64)
    X = sparse.csr_matrix(((1 + np.log(tf)) * idf[cols], (rows, cols)), shape=(len(words), len(vocabulary)))
    return unit_rows(_strongest(X, TOP_WORDS)), vocabulary, idf


def _strongest(X: sparse.csr_matrix, k: int) -> sparse.csr_matrix:
    """``X`` with only the ``k`` largest entries of each row (ties: the first columns)."""
    X = X.tocsr()
    keep = np.zeros(X.nnz, dtype=bool)
    for r in range(X.shape[0]):
        start, end = X.indptr[r], X.indptr[r + 1]
        keep[start + np.argsort(-X.data[start:end], kind="stable")[:k]] = True
    X.data = np.where(keep, X.data, 0)
    X.eliminate_zeros()
    return X


def _cluster(
    X: sparse.csr_matrix, texts: list[str], threshold: float, sources: Sequence[tuple[str, int | None]] | None = None
) -> np.ndarray:
    """Local labels (0…k-1) of the rows of ``X``; identical texts share one."""
    _, first, inverse = np.unique(np.asarray(texts, dtype=object), return_index=True, return_inverse=True)
    if len(first) == 1:
        return np.zeros(len(texts), dtype=np.int64)
    U = X[first]
    if len(first) > AGGLO_MAX:
        return leader_clusters(U, threshold)[inverse]
    similarity = (U @ U.T).toarray()
    if sources is not None:
        similarity = _again(similarity, [sources[i] for i in first])
    distance = np.clip(1 - similarity, 0, None)
    np.fill_diagonal(distance, 0)
    # average linkage by SciPy (imported here, 0.24 s; scikit-learn's AgglomerativeClustering cost 0.9 s of an upload's
    # refresh and gave the same groups on every development set): clusters merge while their distance is below 1 − threshold
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    tree = linkage(squareform(distance, checks=False), method="average")
    return (fcluster(tree, t=np.nextafter(1 - threshold, 0), criterion="distance") - 1)[inverse]


def _again(similarity: np.ndarray, sources: list[tuple[str, int | None]]) -> np.ndarray:
    """``similarity`` with a pair of one township's items of consecutive years made identical where
    they are :data:`SAME_PLACE_MIN` alike: the township raising a problem again."""
    place = pd.factorize(pd.Series([s[0] for s in sources], dtype=object))[0]
    year = np.array([-10 if s[1] is None else s[1] for s in sources], dtype=np.int64)  # (unknown: no year is next to it)
    again = (place[:, None] == place[None, :]) & (place[:, None] >= 0) & (np.abs(year[:, None] - year[None, :]) == 1)
    return np.where(again & (similarity >= SAME_PLACE_MIN), 1.0, similarity)


def _finish(texts: list[str], words: list[Counter], local: np.ndarray, idf: dict[str, float], common: set[str]) -> Groups:
    """Number the groups 1…K by size (then by their first text) and name them."""
    frame = pd.DataFrame({"local": local, "text": texts})
    sizes = frame.groupby("local").agg(items=("text", "size"), first=("text", "min"))
    order = sizes.sort_values(["items", "first"], ascending=[False, True]).index
    number = {old: new for new, old in enumerate(order, start=1)}
    rows = []
    for old in order:
        members = np.flatnonzero(local == old)
        mine = [words[i] for i in members]
        keywords = label(mine, idf, common=common)
        named = phrase_name([texts[i] for i in members], mine, idf, keywords=keywords.split("、"))
        rows.append((number[old], named or keywords, example_wording(frame.text.iloc[members]), len(members)))
    return Groups(frame.local.map(number).to_numpy(dtype=np.int64), pd.DataFrame(rows, columns=COLUMNS))


def label(words: list[Counter], idf: dict[str, float], *, common: Collection[str] = ()) -> str:
    """A group's name: up to :data:`LABEL_WORDS` of the words at least :data:`LABEL_SHARE` of
    its items hold (one item: its own words), the weightiest first (weight in the items × IDF),
    none of the ``common`` ones (部分, 仍然); ``未命名`` when its items have no other word."""
    held = Counter(w for c in words for w in c if w not in common)
    weight = Counter()
    for c in words:
        for w, n in c.items():
            weight[w] += n if w in held else 0
    shared = [w for w in held if held[w] >= LABEL_SHARE * len(words)] or list(held)
    ranked = sorted(shared, key=lambda w: (-weight[w] * idf.get(w, 1.0), w))
    chosen: list[str] = []
    for w in ranked:
        if not any(w in c or c in w for c in chosen):  # 自建房 and 自建房安全 say one thing
            chosen.append(w)
        if len(chosen) == LABEL_WORDS:
            break
    return "、".join(chosen) or "未命名"


def phrase_name(texts: list[str], words: list[Counter], idf: dict[str, float], *, keywords: Collection[str]) -> str:
    """A group's name from its items' own words (see the module docstring): of the central item's
    clauses saying what is wrong in :data:`NAME_MAX` characters or fewer, the one holding most of
    ``keywords`` (the group's shared words), then the shortest; "" when none holds one.
    ``words``: each text's content words (:func:`item_words`)."""
    if not texts:
        return ""
    central = _central(texts, words, idf)
    cause = NAME_CAUSE.search(central)
    if cause and cause.start() >= NAME_MAX:  # 「…仍有反复。主要原因是…，违法建设当事人心存侥幸」: the causes name nothing
        central = central[: cause.start()]
    defects = _defects()
    found = []
    for clause in CLAUSE_END.split(central):
        clause = TRAILING_PROBLEM.sub("", NAME_LEAD.sub("", clause.strip()))
        if NAME_EXPLAINS.match(clause):
            continue  # 「因无购买凭证」: why, not what (nineteenth reading)
        held = len(set(content_words(clause)) & set(keywords))
        if (defects.search(clause) or STILL_WRONG.search(clause)) and held:
            clause = WEAK_SPOT.sub("薄弱", clause)
            if 4 <= len(clause) <= NAME_MAX:
                found.append((-held, len(clause), clause))
    return min(found)[2] if found else ""


def _central(texts: list[str], words: list[Counter], idf: dict[str, float]) -> str:
    """The text nearest to all of ``texts`` (the largest cosine to their sum; ties: the shorter,
    then the first in order)."""
    units = []
    for c in words:
        v = {w: n * idf.get(w, 1.0) for w, n in c.items()}
        norm = np.sqrt(sum(x * x for x in v.values())) or 1.0
        units.append({w: x / norm for w, x in v.items()})
    total = Counter()
    for u in units:
        total.update(u)
    score = [sum(x * total[w] for w, x in u.items()) for u in units]
    return texts[min(range(len(texts)), key=lambda i: (-round(score[i], 9), len(texts[i]), i))]
