"""The register's word classifier: the same probabilities as scikit-learn's TF-IDF + logistic
regression, deterministic, and quiet about words it never saw."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from analysis.parse import wordmodel
from analysis.problems.register import _features, load_labelled, read_problems

PROBES = ["执法人员少，身兼多职。", "部分群众法治意识淡薄。", "普法宣传形式单一。", "今年天气较好。", ""]


def _training() -> tuple[list[str], np.ndarray, int]:
    labelled = load_labelled()
    index = {p.code: i for i, p in enumerate(read_problems())}
    return labelled.text.tolist(), np.array([index[c] for c in labelled.problem]), len(index)


def test_same_probabilities_as_scikit_learn():
    texts, labels, n = _training()
    model = wordmodel.fit(texts, labels, n, c=10.0, analyzer=_features)
    vec = TfidfVectorizer(analyzer=_features, sublinear_tf=True)
    reference = LogisticRegression(C=10.0, max_iter=5000, tol=1e-8).fit(vec.fit_transform(texts), labels)
    assert np.abs(model.probabilities(PROBES) - reference.predict_proba(vec.transform(PROBES))).max() < 1e-3
    assert np.allclose(model.rows(PROBES).toarray(), vec.transform(PROBES).toarray())


def test_deterministic_and_unseen_words_ignored():
    texts = ["执法人员少", "执法人员不足", "群众意识淡薄", "群众法治意识不强"]
    labels = np.array([0, 0, 1, 1])
    a = wordmodel.fit(texts, labels, 3, c=10.0, analyzer=_features)
    b = wordmodel.fit(texts, labels, 3, c=10.0, analyzer=_features)
    assert np.array_equal(a.weights, b.weights)
    probs = a.probabilities(["执法人员", "群众", "完全没见过的词语"])
    assert probs.argmax(axis=1).tolist()[:2] == [0, 1]
    assert probs[:, 2].max() < 0.05  # a class without texts is never likely
    intercepts_only = np.exp(a.intercepts) / np.exp(a.intercepts).sum()
    assert np.allclose(probs[2], intercepts_only)  # nothing known: only the intercepts speak
    assert a.probabilities([]).shape == (0, 3)


def test_fitting_uses_one_blas_thread_whatever_the_process_allows(monkeypatch):
    """Many BLAS threads on small products make L-BFGS 10–15× slower on a busy machine."""
    import scipy.optimize
    from threadpoolctl import threadpool_info, threadpool_limits

    seen: list[int] = []
    real = scipy.optimize.minimize

    def minimize(*args, **kwargs):
        seen.extend(p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas")
        return real(*args, **kwargs)

    monkeypatch.setattr(scipy.optimize, "minimize", minimize)
    texts, labels, n = _training()
    with threadpool_limits(limits=2, user_api="blas"):
        wordmodel.fit(texts[:60], labels[:60], n, c=10.0, analyzer=_features)
    assert seen and set(seen) == {1}


def test_the_shipped_model_is_the_one_the_register_would_fit():
    """data/problem_model.npz saves a refresh the fitting (about a second); it is used only when
    trained on the register's examples as they are, and gives the same weights bit for bit."""
    from analysis.problems import register as reg_module

    reg = reg_module.register()
    key = reg_module.training_key(list(reg.examples), reg.example_owner, len(reg.problems))
    shipped = wordmodel.load(reg_module.MODEL_FILE, key, _features)
    assert shipped is not None, "data/problem_model.npz is stale: run `make model` after editing the register's data files"
    fresh = wordmodel.fit(list(reg.examples), reg.example_owner, len(reg.problems), c=reg_module.CLASSIFIER_C, analyzer=_features)
    assert shipped.vocabulary == fresh.vocabulary
    # the same up to the last bits of a double: the fit's sums run in the order this CPU's BLAS kernels take
    # (on an AMD EPYC host the weights of the file fitted elsewhere differ by 1e-14)
    assert np.allclose(shipped.weights, fresh.weights, rtol=0, atol=1e-9) and np.allclose(
        shipped.intercepts, fresh.intercepts, rtol=0, atol=1e-9
    )
    assert np.array_equal(shipped.idf, fresh.idf)


def test_a_saved_model_loads_only_for_its_training(tmp_path):
    texts, labels, n = _training()
    model = wordmodel.fit(texts[:200], labels[:200], n, c=10.0, analyzer=_features)
    wordmodel.save(model, tmp_path / "m.npz", "key-1")
    again = wordmodel.load(tmp_path / "m.npz", "key-1", _features)
    assert np.array_equal(again.probabilities(PROBES), model.probabilities(PROBES))
    assert wordmodel.load(tmp_path / "m.npz", "key-2", _features) is None  # other training data
    assert wordmodel.load(tmp_path / "missing.npz", "key-1", _features) is None
    (tmp_path / "bad.npz").write_bytes(b"not an npz")
    assert wordmodel.load(tmp_path / "bad.npz", "key-1", _features) is None
