"""analysis.parse.problem_model: the register's shipped word classifier read by the item splitter."""

from __future__ import annotations

import numpy as np

from analysis.parse import problem_model
from analysis.parse.facets import facets

SERVICE = "乡公共法律服务站今年接待咨询60人次，但需要法律援助的10件均需转到县城办理，群众往返一次要一整天"
REVIEW = "今年我乡首次发生行政复议案件1件，因答复材料报送超期被复议机关责令改正"
STAFF = "镇综合行政执法队在编人员仅3人，承担全镇执法巡查任务力不从心"


def test_the_likeliest_problem_of_each_text_is_one_of_the_named_problems():
    found = problem_model.likeliest([SERVICE, REVIEW, STAFF])
    assert [code for code, _ in found] == ["SERVICE", "RECON_LIT", "ENF_STAFF"]
    assert all(0.5 < p <= 1.0 for _, p in found)
    assert {code for code, _ in found} <= {facet.code for facet in facets()}


def test_two_texts_are_apart_when_their_likeliest_problems_differ_and_each_is_likely_enough():
    assert problem_model.apart(SERVICE, REVIEW)
    assert not problem_model.apart(STAFF, "执法人员数量少，难以覆盖全镇21个村的日常巡查")
    assert not problem_model.apart(SERVICE, REVIEW, least=0.9)  # (the review side is about 0.5)


def test_without_a_shipped_model_nothing_is_read_apart(monkeypatch, tmp_path):
    monkeypatch.setattr(problem_model, "MODEL_FILE", tmp_path / "missing.npz")
    problem_model._shipped.cache_clear()
    problem_model._likeliest.cache_clear()
    try:
        assert problem_model.likeliest([SERVICE, REVIEW]) == [(None, 0.0), (None, 0.0)]
        assert not problem_model.apart(SERVICE, REVIEW)
    finally:
        monkeypatch.undo()
        problem_model._shipped.cache_clear()
        problem_model._likeliest.cache_clear()
    problem_model._likeliest.cache_clear()


def test_the_splitter_reads_the_same_probabilities_as_the_register():
    from analysis.problems.register import _features, register

    texts = [SERVICE, REVIEW, STAFF, "无关的文字", ""]
    expected = register().model.probabilities([_features(t) for t in texts], analyzed=True)
    got = np.array([problem_model._shipped().probabilities(t) for t in texts])
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)
