"""Which text answers which, by what they are about: a plan and the problem it takes up.

Texts are compared on their content words: segmented (:mod:`analysis.parse.segment`), the
stopwords of ``data/stopwords.txt`` dropped (加强、进一步、工作、推进 … say how, not what), and
the synonyms of ``data/topic_synonyms.csv`` folded into one term (a plan's 反诈宣传 and a
problem's 电信网络诈骗 are both 电信诈骗). Each word weighs by how few of the compared texts use
it (smoothed IDF over them), so words every plan and problem share (宣传, 群众) weigh little and
the particular ones (留守儿童, 自建房, 彩礼) much; two texts sharing no content word score 0.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.parse import segment
from analysis.parse.structure import DATA_DIR, data_file_mtime
from analysis.parse.themes import trie_regex
from analysis.problems.vectors import unit_rows

SYNONYMS_FILE = DATA_DIR / "topic_synonyms.csv"
ANSWERS = 0.15  # the cosine of a plan's content words to a problem's at or above which the plan answers it


@lru_cache(maxsize=4)
def _synonyms(path: Path, mtime: float) -> tuple[re.Pattern[str], dict[str, str]]:
    canonical = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            for word in filter(None, (w.strip() for w in (row["synonyms"] or "").split("/"))):
                canonical[word] = row["term"].strip()
            canonical.setdefault(row["term"].strip(), row["term"].strip())
    return re.compile(trie_regex(canonical)), canonical


def synonyms(path: Path = SYNONYMS_FILE) -> tuple[re.Pattern[str], dict[str, str]]:
    """(any synonym, the longest at each position; synonym → its term) of ``data/topic_synonyms.csv``."""
    return _synonyms(path, data_file_mtime(path))


def content_words(text: str) -> list[str]:
    """The words of ``text`` that say what it is about: synonyms as their term, then the other
    words of two or more characters that are not stopwords (进一步加强执法工作 → [执法]), a
    word of four or more characters followed by its two ends, so that the segmenter's cuts do not
    part texts on one subject (人员编制 → 人员编制, 人员, 编制 meets 执法人员 → 执法人员, 执法, 人员).
    Remembered per text (reports repeat boilerplate sentences; a refresh reads each township's
    plans and achievements again) until the synonyms or stopwords files change."""
    pattern, canonical = synonyms()
    return list(_content_words(text or "", pattern, id(canonical), segment.stopwords()))


@lru_cache(maxsize=200_000)
def _content_words(text: str, pattern: re.Pattern[str], _canonical: int, stop: frozenset[str]) -> tuple[str, ...]:
    canonical = synonyms()[1]
    terms = [canonical[m.group()] for m in pattern.finditer(text)]
    rest = pattern.sub("，", text)
    for word in segment.cut(rest):
        if len(word) >= 2 and word not in stop and segment.COUNTABLE.match(word):
            terms.append(word)
            if len(word) >= 4:
                terms += [end for end in (word[:2], word[-2:]) if end not in stop and end not in canonical]
    return tuple(terms)


def word_vectors(texts: list[str]) -> tuple[sparse.csr_matrix, list[str]]:
    """(unit-length rows of ``texts``' content words: sublinear TF × smoothed IDF over ``texts``;
    the word of each column, in sorted order)."""
    pattern, canonical = synonyms()
    stop = segment.stopwords()
    counted = [_counted(t or "", pattern, id(canonical), stop) for t in texts]
    flat = list(chain.from_iterable(words for words, _ in counted))
    if not flat:
        return sparse.csr_matrix((len(texts), 0), dtype=np.float64), []
    vocabulary, cols = np.unique(np.array(flat), return_inverse=True)  # sorted, as sorted() orders str
    rows = np.repeat(np.arange(len(counted)), [len(words) for words, _ in counted])
    tf = np.fromiter(chain.from_iterable(n for _, n in counted), dtype=np.float64, count=len(flat))
    df = np.bincount(cols, minlength=len(vocabulary))
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    X = sparse.csr_matrix(((1 + np.log(tf)) * idf[cols], (rows, cols)), shape=(len(texts), len(vocabulary)))
    return unit_rows(X), vocabulary.tolist()


@lru_cache(maxsize=200_000)
def _counted(text: str, pattern: re.Pattern[str], canonical: int, stop: frozenset[str]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """(each content word of ``text`` once, how often): a text's term counts, remembered."""
    counts = Counter(_content_words(text, pattern, canonical, stop))
    return tuple(counts), tuple(counts.values())


def similarities(left: list[str], right: list[str]) -> np.ndarray:
    """The cosine of each text of ``left`` to each of ``right`` on content words (IDF over both)."""
    if not left or not right:
        return np.zeros((len(left), len(right)))
    X, _ = word_vectors(list(left) + list(right))
    return (X[: len(left)] @ X[len(left) :].T).toarray()


def answers(plans: list[str], problems: pd.DataFrame, *, threshold: float = ANSWERS) -> pd.DataFrame:
    """For each plan, the problem it answers: group, score, term.

    ``problems``: group, text (a problem item per row; several rows may share a group). A plan
    answers the group of the item nearest to it in content words when the cosine is at least
    ``threshold`` (group None otherwise); ``term`` is the content word weighing most in what the
    two share (电信诈骗 for 「开展反诈宣传」 and 「电信网络诈骗案件多发」)."""
    out = pd.DataFrame({"group": [None] * len(plans), "score": 0.0, "term": ""}, dtype=object)
    if problems.empty or not len(plans):
        return out.astype({"score": float})
    X, words = word_vectors(list(plans) + list(problems.text))
    P, Q = X[: len(plans)], X[len(plans) :]
    sims = (P @ Q.T).toarray()
    best = sims.argmax(axis=1)
    groups = problems.group.tolist()
    for i, b in enumerate(best):
        if sims[i, b] >= threshold:
            shared = P[i].multiply(Q[b]).tocoo()  # the heaviest shared word, the longer (more particular) on a tie
            top = max(zip(shared.data.round(6), shared.col), key=lambda dc: (dc[0], len(words[dc[1]])))[1]
            out.at[i, "group"], out.at[i, "term"] = groups[b], words[top]
        out.at[i, "score"] = round(float(sims[i, b]), 3)
    return out.astype({"score": float})
