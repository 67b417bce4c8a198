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
from collections.abc import Iterator
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
# where a text is cut into the pieces the segmenter cuts apart: 「指导各村完善村规民约，健全红白理事会；规范政务公开」
PIECE_END = re.compile(r"[，,；;。：:！？!?]")
DENSE_BLOCK = 1 << 22  # (group × word) cells counted at once in a dense array (32 MB)
PIECE_JOIN = "\x00"  # between the pieces word_counts segments in one call
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
    known = _word_terms(_canonical, stop)
    for word in segment.cut(pattern.sub("，", text)):
        found = known.get(word)
        if found is None:
            found = known[word] = _terms_of(word, canonical, stop)
        terms += found
    return tuple(terms)


@lru_cache(maxsize=4)
def _word_terms(_canonical: int, stop: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The content words of each segmented word met so far (a corpus repeats a small vocabulary)."""
    return {}


def _terms_of(word: str, canonical: dict[str, str], stop: frozenset[str]) -> tuple[str, ...]:
    """The content words one segmented word gives: none, itself, or itself and its two ends."""
    if len(word) < 2 or word in stop or not segment.COUNTABLE.match(word):
        return ()
    if len(word) < 4:
        return (word,)
    return (word, *(end for end in (word[:2], word[-2:]) if end not in stop and end not in canonical))


def word_vectors(texts: list[str]) -> tuple[sparse.csr_matrix, list[str]]:
    """(unit-length rows of ``texts``' content words: sublinear TF × smoothed IDF over ``texts``;
    the word of each column, in sorted order)."""
    counts, vocabulary = word_counts(texts)
    return grouped_vectors(counts, np.zeros(len(texts), dtype=np.int64)), vocabulary


def word_counts(texts: list[str]) -> tuple[sparse.csr_matrix, list[str]]:
    """(how often each content word of :func:`content_words` occurs in each of ``texts``, a row
    per text, its columns in order; the word of each column, in sorted order).

    The words of a text are those of its pieces between punctuation marks (:data:`PIECE_END`):
    the segmenter cuts each run between marks on its own, and no synonym holds a mark, so
    each distinct piece is segmented once however many sentences, clauses and plans repeat it
    (a text is cut whole when a synonym does hold a mark)."""
    pattern, canonical = synonyms()
    stop = segment.stopwords()
    split = (lambda text: [text]) if any(PIECE_END.search(w) for w in canonical) else PIECE_END.split
    pieces: dict[str, int] = {}
    rows, cols = [], []
    for i, text in enumerate(texts):
        for piece in split(text or ""):
            if piece:
                rows.append(i)
                cols.append(pieces.setdefault(piece, len(pieces)))
    words = _pieces_words(list(pieces), pattern, canonical, stop)
    vocabulary = sorted(set(chain.from_iterable(words)))
    column = {word: k for k, word in enumerate(vocabulary)}
    in_piece = np.repeat(np.arange(len(words)), [len(w) for w in words])
    word_cols = np.fromiter((column[w] for w in chain.from_iterable(words)), dtype=np.int64, count=len(in_piece))
    piece_words = sparse.csr_matrix((np.ones(len(in_piece)), (in_piece, word_cols)), shape=(len(words), len(vocabulary)))
    text_pieces = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(words)))
    counts = (text_pieces @ piece_words).tocsr()
    counts.sort_indices()
    return counts, vocabulary


def _pieces_words(pieces: list[str], pattern: re.Pattern[str], canonical: dict[str, str], stop: frozenset[str]) -> list[tuple[str, ...]]:
    """:func:`content_words` of each of ``pieces``, all segmented in one call: joined by
    :data:`PIECE_JOIN`, a character the segmenter always cuts as a token of its own (neither a
    word character nor a space), and no synonym holds, so each piece is cut as it is alone."""
    if not pieces or any(PIECE_JOIN in piece for piece in pieces):
        return [_content_words(piece, pattern, id(canonical), stop) for piece in pieces]
    joined = PIECE_JOIN.join(pieces)
    starts = np.cumsum([0] + [len(piece) + 1 for piece in pieces[:-1]])
    found = [(m.start(), canonical[m.group()]) for m in pattern.finditer(joined)]
    terms: list[list[str]] = [[] for _ in pieces]
    for i, term in zip(np.searchsorted(starts, [at for at, _ in found], side="right") - 1, (t for _, t in found)):
        terms[i].append(term)  # the synonyms first, as content_words gives them
    known, i = _word_terms(id(canonical), stop), 0
    for word in segment.cut(pattern.sub("，", joined)):
        if word == PIECE_JOIN:
            i += 1
            continue
        words = known.get(word)
        if words is None:
            words = known[word] = _terms_of(word, canonical, stop)
        if words:
            terms[i] += words
    return [tuple(t) for t in terms]


def grouped_vectors(counts: sparse.csr_matrix, groups: np.ndarray) -> sparse.csr_matrix:
    """Unit-length rows of ``counts`` (:func:`word_counts`, columns in order) weighted among the
    rows of the same group: sublinear TF × smoothed IDF over the rows whose ``groups`` value is
    the row's. A row is the one :func:`word_vectors` makes of its text among its group's texts
    (the same columns, each present word at the same place): one call weighs every township's
    texts among its own."""
    counts = counts.tocsr()
    if not counts.nnz:
        return sparse.csr_matrix(counts.shape, dtype=np.float64)
    groups = np.asarray(groups, dtype=np.int64)
    entry_group = np.repeat(groups, np.diff(counts.indptr))
    df = cell_counts(entry_group, counts.indices.astype(np.int64), counts.shape[1]).astype(np.float64)  # rows of the group holding the word
    size = np.bincount(groups)[entry_group]
    idf = np.log((1 + size) / (1 + df)) + 1
    tf = counts.data.astype(np.float64)
    X = sparse.csr_matrix(((1 + np.log(tf)) * idf, counts.indices.copy(), counts.indptr.copy()), shape=counts.shape)
    return unit_rows(X)


def cell_counts(groups: np.ndarray, cols: np.ndarray, n_cols: int) -> np.ndarray:
    """How many of the entries (``groups[i]``, ``cols[i]``) share entry i's cell: the rows of a
    group holding a word, when each row holds it once."""
    out = np.zeros(len(groups), dtype=np.int64)
    for start, stop, at in _blocks(groups, n_cols):
        cell = (groups[at] - start) * n_cols + cols[at]
        out[at] = np.bincount(cell, minlength=(stop - start) * n_cols)[cell]
    return out


def cell_numbers(
    groups: np.ndarray, cols: np.ndarray, n_cols: int, query_groups: np.ndarray, query_cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int]:
    """(the number of each entry's cell (``groups[i]``, ``cols[i]``) among the cells the entries
    occupy, in (group, column) order; that of each query's cell, -1 where no entry is; how many
    cells are occupied)."""
    numbers, found = np.zeros(len(groups), dtype=np.int64), np.full(len(query_groups), -1, dtype=np.int64)
    n_groups = int(max(groups.max(initial=-1), query_groups.max(initial=-1))) + 1
    blocks = zip(_blocks(groups, n_cols, n_groups), _blocks(query_groups, n_cols, n_groups))
    offset = 0
    for (start, stop, at), (_, _, query_at) in blocks:
        occupied = np.zeros((stop - start) * n_cols, dtype=bool)
        cell = (groups[at] - start) * n_cols + cols[at]
        occupied[cell] = True
        number = np.cumsum(occupied) - 1 + offset  # an occupied cell's number
        numbers[at] = number[cell]
        query_cell = (query_groups[query_at] - start) * n_cols + query_cols[query_at]
        found[query_at] = np.where(occupied[query_cell], number[query_cell], -1)
        offset += int(occupied.sum())
    return numbers, found, offset


def _blocks(groups: np.ndarray, n_cols: int, n_groups: int | None = None) -> Iterator[tuple[int, int, np.ndarray | slice]]:
    """(first group, past the last, the entries of those groups) of each block of groups whose
    (group × column) cells, :data:`DENSE_BLOCK` at most, are counted in one dense array (every
    word of every text at once: scipy's sparse sums and look-ups cost three times more)."""
    n_groups = int(groups.max(initial=-1)) + 1 if n_groups is None else n_groups
    step = max(1, DENSE_BLOCK // max(n_cols, 1))
    if step >= n_groups:  # one block: no sorting of the entries
        yield 0, n_groups, slice(None)
        return
    order = np.argsort(groups, kind="stable")
    bounds = np.searchsorted(groups[order], np.arange(0, n_groups + step, step))
    for k, start in enumerate(range(0, n_groups, step)):
        yield start, min(start + step, n_groups), order[bounds[k] : bounds[k + 1]]


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
