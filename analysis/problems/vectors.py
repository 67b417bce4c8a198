"""Character-bigram TF-IDF vectors of many short texts, built with numpy.

The same vectors as scikit-learn's ``TfidfVectorizer(analyzer="char", ngram_range=(2, 2),
sublinear_tf=True)``: lower-cased, runs of white space folded to one space, sublinear TF
(1 + ln n), smoothed IDF (ln((1 + N) / (1 + df)) + 1), rows of unit length; in float32.
scikit-learn builds every n-gram as a Python string (about 100 µs per paragraph); here a
bigram is an integer code (first code point × 0x110000 + second) computed for a block of
texts at once.

The IDF is fitted once over a corpus (:func:`fit_idf`); :func:`transform` then turns any
part of it into rows, so a caller can work through a province's texts a block at a time
and never hold the whole matrix. Texts may be a list or an Arrow string array; an Arrow
array becomes Python strings one block at a time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
from scipy import sparse

BLOCK_TEXTS = 5_000  # texts turned into bigrams at a time (bounds the memory used)
BIGRAM_BITS = 42  # a bigram code is below 0x110000² < 2^42; the bits above hold a text or group number
WHITE_SPACE = re.compile(r"\s\s+")
Texts = Sequence[str] | pa.Array  # an Arrow array keeps a large corpus compact


@dataclass(frozen=True)
class Idf:
    """Inverse document frequency of every bigram of a corpus: ``idf[i]`` is that of ``keys[i]``."""

    keys: pd.Index  # a hash index of the bigram codes
    idf: np.ndarray


def fit_idf(texts: Texts) -> Idf:
    """The smoothed IDF of each bigram over ``texts``."""
    keys, counts = [], []
    for start in range(0, len(texts), BLOCK_TEXTS):
        block = texts[start : start + BLOCK_TEXTS]
        doc, codes = _block_keys(block)
        local, uniques = pd.factorize(codes)
        present = _csr(doc, local.astype(np.int32), (len(block), len(uniques)))  # one entry per text and bigram
        keys.append(uniques)
        counts.append(np.bincount(present.indices, minlength=len(uniques)))
    if not keys:
        return Idf(pd.Index(np.zeros(0, np.uint64)), np.zeros(0, np.float32))
    all_keys, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    df = np.bincount(inverse, weights=np.concatenate(counts), minlength=len(all_keys))
    return Idf(pd.Index(all_keys), (np.log((1 + len(texts)) / (1 + df)) + 1).astype(np.float32))


def transform(texts: Texts, idf: Idf) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows of ``texts``, a column per key of ``idf`` (bigrams it lacks are left out)."""
    doc, codes = _block_keys(texts)
    columns = idf.keys.get_indexer(codes)
    known = columns >= 0
    X = _csr(doc[known], columns[known].astype(np.int32), (len(texts), len(idf.keys)))
    X.data = (1 + np.log(X.data)) * idf.idf[X.indices]
    return unit_rows(X) if X.nnz else X


def grouped_tfidf(texts: Texts, groups: np.ndarray) -> sparse.csr_matrix:
    """Unit-length bigram TF-IDF rows of ``texts`` where each text's IDF is that of its group
    (``groups[i]``, an integer code per text): the smoothed IDF over the group's texts only,
    so a group's rows depend on that group's texts alone. Columns are the bigrams present."""
    doc, codes = _block_keys(texts)
    if not len(codes):
        return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
    # hash-based factorising (no sorting): each (text, bigram) pair once with its count, then
    # each (group, bigram) pair with the number of its texts that have it
    index, pairs = pd.factorize((doc.astype(np.uint64) << np.uint64(BIGRAM_BITS)) | codes)
    tf = np.bincount(index)
    doc = (pairs >> np.uint64(BIGRAM_BITS)).astype(np.int64)
    codes = pairs & np.uint64((1 << BIGRAM_BITS) - 1)
    group = np.asarray(groups, dtype=np.int64)
    inverse, _ = pd.factorize((group[doc].astype(np.uint64) << np.uint64(BIGRAM_BITS)) | codes)
    df = np.bincount(inverse)
    n = np.bincount(group, minlength=int(group.max()) + 1)[group[doc]]
    weights = (1 + np.log(tf)) * (np.log((1 + n) / (1 + df[inverse])) + 1)
    columns, _ = pd.factorize(codes)
    X = sparse.csr_matrix((weights.astype(np.float32), (doc, columns)), shape=(len(texts), int(columns.max()) + 1))
    return unit_rows(X)


def bigram_tfidf(texts: Texts) -> sparse.csr_matrix:
    """Unit-length bigram TF-IDF rows of ``texts`` with the IDF of ``texts`` themselves."""
    return transform(texts, fit_idf(texts))


def unit_rows(X: sparse.spmatrix) -> sparse.csr_matrix:
    """``X`` (made CSR) with every non-zero row scaled to unit Euclidean length, in place where
    it is already CSR (scikit-learn's ``normalize``, without importing scikit-learn: the
    refresh a dashboard starts after an upload pays for every import)."""
    X = X.tocsr()
    if X.nnz:
        lengths = np.diff(X.indptr)
        norms = np.sqrt(
            np.bincount(np.repeat(np.arange(X.shape[0]), lengths), weights=X.data.astype(np.float64) ** 2, minlength=X.shape[0])
        )
        norms[norms == 0] = 1.0  # an empty row stays empty
        X.data /= np.repeat(norms, lengths).astype(X.dtype)
    return X


def _csr(doc: np.ndarray, columns: np.ndarray, shape: tuple[int, int]) -> sparse.csr_matrix:
    """Counts of (row, column) pairs as a float32 matrix with sorted, unique indices."""
    X = sparse.coo_matrix((np.ones(len(columns), dtype=np.float32), (doc, columns)), shape=shape).tocsr()
    X.sum_duplicates()
    return X


def _block_keys(texts: Texts) -> tuple[np.ndarray, np.ndarray]:
    """(text index, bigram code) of every bigram in ``texts``.

    The texts are lower-cased and white-space-folded as one string, joined by NUL (a NUL
    inside a text becomes a space), and bigrams that touch a NUL are dropped.
    """
    if not len(texts):
        return np.zeros(0, np.int32), np.zeros(0, np.uint64)
    if isinstance(texts, pa.Array):
        texts = texts.to_pylist()
    joined = WHITE_SPACE.sub(" ", "\0".join((t or "").replace("\0", " ") for t in texts).lower())
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    separator = codes == 0
    doc = np.cumsum(separator, dtype=np.int32)[:-1]  # the text of the bigram starting at each character
    keep = ~(separator[:-1] | separator[1:])
    keys = codes[:-1] * np.uint64(0x110000) + codes[1:]  # the bigram starting at each character
    return doc[keep], keys[keep]
