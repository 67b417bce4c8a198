"""Which named problem a clause is most about, read by the register's own word classifier.

The register (:mod:`analysis.problems.register`) ships its word classifier in ``data/problem_model.npz``: logistic
regression over the words of every named problem's examples and labelled items, one class a problem of
``data/problems.csv`` in the file's order. Where a problems section runs several problems together with no mark
between them (「…村务公开不规范；随着女书文化旅游开发，…纠纷明显增多…」), the splitter asks it what each side is about:
two sides the classifier reads as two different problems are two items (:func:`apart`). The model is read as shipped
(an edit of the problems file without ``make model`` leaves the last one; one with another number of problems is not
read, and nothing is split by it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from analysis.parse import segment, wordmodel
from analysis.parse.facets import facets
from analysis.parse.structure import DATA_DIR

MODEL_FILE = DATA_DIR / "problem_model.npz"
# quotation marks inside a phrase (信“访”不信“法”, 村“两委”) are dropped before words are cut
QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")
APART_LEAST = 0.2  # the classifier's probability of each side's likeliest problem, for the sides to be read apart


def cut(text: str) -> list[str]:
    """The segmenter the register reads with (the user dictionary, not the gazetteer's names)."""
    return segment.tokenizer(places=False)(text)


def words_of(tokens: list[str]) -> list[str]:
    return [t for t in tokens if segment.WORD.search(t)]


def features(text: str) -> list[str]:
    """The words of a text (the project's segmenter), what the word classifier reads."""
    return words_of(cut(text.translate(QUOTES)))


@dataclass(frozen=True)
class _Model:
    """The shipped classifier's arrays (:func:`analysis.parse.wordmodel.saved_arrays`), read with numpy alone."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray  # words × problems
    intercepts: np.ndarray

    def probabilities(self, text: str) -> np.ndarray:
        """The probability of each problem for ``text``: the same as ``WordModel.probabilities`` (unit-length TF-IDF
        row with sublinear TF, then softmax), computed over the text's few words without building a sparse matrix."""
        counts = Counter(j for word in features(text) if (j := self.vocabulary.get(word)) is not None)
        z = self.intercepts.copy()
        if counts:
            index = np.fromiter(counts, dtype=np.int64, count=len(counts))
            row = (1 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))) * self.idf[index]
            z += (row / np.sqrt(row @ row)) @ self.weights[index]
        e = np.exp(z - z.max())
        return e / e.sum()


@lru_cache(maxsize=1)
def _shipped() -> _Model | None:
    """The shipped classifier, or None (missing, unreadable, or not one class a named problem)."""
    saved = wordmodel.saved_arrays(MODEL_FILE)
    if saved is None or len(saved[4]) != len(facets()):
        return None
    return _Model(*saved[1:])


@lru_cache(maxsize=4096)
def _likeliest(text: str) -> tuple[str | None, float]:
    model = _shipped()
    if model is None:
        return None, 0.0
    probabilities = model.probabilities(text)
    best = int(probabilities.argmax())
    return facets()[best].code, float(probabilities[best])


def likeliest(texts: list[str]) -> list[tuple[str | None, float]]:
    """For each text: the named problem the classifier finds likeliest, and its probability ((None, 0.0) without a
    shipped model)."""
    return [_likeliest(text) for text in texts]


def apart(before: str, after: str, least: float = APART_LEAST, *, areas: bool = False) -> bool:
    """``before`` and ``after`` are about two different named problems, each the likeliest of its side with a
    probability of at least ``least`` (``areas``: problems of two different areas of work, as data/problems.csv
    names them: 执法力量 and 执法规范 are both 行政执法)."""
    (one, p), (other, q) = likeliest([before, after])
    if one is None or other is None or one == other or p < least or q < least:
        return False
    return not areas or _areas().get(one) != _areas().get(other)


@lru_cache(maxsize=1)
def _areas() -> dict[str, str]:
    return {facet.code: facet.area for facet in facets()}
