"""A word classifier for short texts: multinomial logistic regression over TF-IDF word rows.

The same model as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` followed by
``LogisticRegression(C=c)`` (L2 penalty on the weights, not on the intercepts), fitted with
SciPy's L-BFGS: the register trains one when it first assigns (several hundred labelled items, well
under a second) and importing scikit-learn would cost more than the training itself.
Deterministic: same texts and labels, same weights.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse  # (imported where a matrix is built: the item splitter reads the arrays with numpy alone)

Analyzer = Callable[[str], list[str]]


@dataclass(frozen=True)
class WordModel:
    analyzer: Analyzer  # text → features (words)
    vocabulary: dict[str, int]
    idf: np.ndarray  # smoothed IDF of each feature
    weights: np.ndarray  # features × classes
    intercepts: np.ndarray  # classes

    def rows(self, texts: Sequence[str], *, analyzed: bool = False) -> sparse.csr_matrix:
        """Unit-length TF-IDF rows (sublinear TF); features not seen in training are left out.
        ``analyzed``: ``texts`` are already the analyzer's feature lists."""
        return _rows(texts, self.analyzer, self.vocabulary, self.idf, list(texts) if analyzed else None)

    def probabilities(self, texts: Sequence, *, analyzed: bool = False) -> np.ndarray:
        """texts (or, ``analyzed``, their feature lists) × classes: the probability of each class."""
        if not len(texts):
            return np.zeros((0, len(self.intercepts)))
        return _softmax(np.asarray(self.rows(texts, analyzed=analyzed) @ self.weights) + self.intercepts)


def fit(texts: Sequence[str], labels: np.ndarray, n_classes: int, *, c: float, analyzer: Analyzer) -> WordModel:
    """Fit on ``texts`` with integer ``labels`` in [0, n_classes); ``c`` is the inverse of the
    L2 penalty (larger: closer fit). Classes without texts get probability near zero."""
    features = [analyzer(t) for t in texts]
    vocabulary = {w: i for i, w in enumerate(sorted({w for f in features for w in f}))}
    df = np.zeros(len(vocabulary))
    for f in features:
        df[[vocabulary[w] for w in set(f)]] += 1
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    x = _rows(texts, analyzer, vocabulary, idf, features)
    d = x.shape[1]
    y = np.zeros((len(texts), n_classes))
    y[np.arange(len(texts)), labels] = 1.0
    xt = x.T.tocsr()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[: d * n_classes].reshape(d, n_classes), theta[d * n_classes :]
        z = np.asarray(x @ w) + b
        z -= z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        g = np.exp(log_p) - y
        value = -(y * log_p).sum() + 0.5 / c * (w * w).sum()
        grad_w = np.asarray(xt @ g) + w / c
        return float(value), np.concatenate([grad_w.ravel(), g.sum(axis=0)])

    from scipy.optimize import minimize  # imported when a model is fitted (the register's first assignment)
    from threadpoolctl import threadpool_limits  # scikit-learn's own dependency (pinned)

    # one BLAS thread: the small products of each step cost less than waking a thread per core,
    # and on a busy machine the threads wait for each other (10–15× slower on 2 shared cores)
    with threadpool_limits(limits=1, user_api="blas"):
        found = minimize(loss, np.zeros(d * n_classes + n_classes), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    theta = found.x
    return WordModel(analyzer, vocabulary, idf, theta[: d * n_classes].reshape(d, n_classes), theta[d * n_classes :])


def _rows(
    texts: Sequence[str], analyzer: Analyzer, vocabulary: dict[str, int], idf: np.ndarray, features: list[list[str]] | None = None
) -> sparse.csr_matrix:
    from scipy import sparse

    doc, col = [], []
    for n, text in enumerate(texts):
        for w in features[n] if features is not None else analyzer(text):
            j = vocabulary.get(w)
            if j is not None:
                doc.append(n)
                col.append(j)
    counts = sparse.csr_matrix((np.ones(len(doc)), (doc, col)), shape=(len(texts), len(vocabulary)))  # repeats summed
    counts.data = (1 + np.log(counts.data)) * idf[counts.indices]
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1 / norms) @ counts)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def save(model: WordModel, path: Path, key: str) -> None:
    """Write ``model``'s arrays to ``path`` (.npz, no pickled objects) with the ``key`` of what it
    was trained on."""
    words = np.array(sorted(model.vocabulary, key=model.vocabulary.__getitem__))
    np.savez_compressed(path, key=np.array(key), words=words, idf=model.idf, weights=model.weights, intercepts=model.intercepts)


def saved_arrays(path: Path) -> tuple[str, dict[str, int], np.ndarray, np.ndarray, np.ndarray] | None:
    """What :func:`save` wrote at ``path`` — the key of its training data, the vocabulary, IDF, weights and intercepts —
    or None when the file is missing or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            key, words, idf, weights, intercepts = saved["key"], saved["words"], saved["idf"], saved["weights"], saved["intercepts"]
    except (OSError, KeyError, ValueError):
        return None
    return str(key), {str(w): i for i, w in enumerate(words)}, idf, weights, intercepts


def load(path: Path, key: str, analyzer: Analyzer) -> WordModel | None:
    """The model saved at ``path`` when it was trained on ``key`` (the same weights, bit for bit,
    as fitting again), None when the file is missing, unreadable or of other training data."""
    saved = saved_arrays(path)
    if saved is None or saved[0] != key:
        return None
    return WordModel(analyzer, *saved[1:])
