from __future__ import annotations

from analysis.parse import segment
from analysis.parse.report import parse_path
from analysis.parse.segment import count_terms, stopwords, term_counts, tokenizer


def test_rjieba_agrees_with_jieba_on_the_corpus(seed_paths):
    fast, reference = tokenizer("rjieba"), tokenizer("jieba")
    for path in seed_paths.values():
        text = parse_path(path).text
        assert count_terms(fast(text)) == count_terms(reference(text))


def test_user_dictionary_and_place_names_stay_whole():
    assert tokenizer()("高楠镇坚持习近平法治思想，落实三项制度，学习枫桥经验，培养法律明白人") == [
        "高楠镇",
        "坚持",
        "习近平法治思想",
        "，",
        "落实",
        "三项制度",
        "，",
        "学习",
        "枫桥经验",
        "，",
        "培养",
        "法律明白人",
    ]


def test_global_jieba_untouched():
    import jieba

    tokenizer("jieba")
    assert "习近平法治思想" not in jieba.dt.FREQ


def test_stopwords_file():
    words = stopwords()
    assert {"进一步", "加强", "推进", "坚持", "开展", "工作"} <= words
    assert "法治" not in words


TOKENS = ["高楠镇", "开展", "普法", "宣传", "12", "次", "，", " ", "普法", "a1", "的", "APP", "法治2022"]


def test_term_counts_keeps_countable_terms_and_counts_words():
    # countable: 2+ characters with a Chinese one; words: anything with a letter, digit or Chinese character
    assert term_counts(TOKENS) == ({"高楠镇": 1, "开展": 1, "普法": 2, "宣传": 1, "法治2022": 1}, 11)


def test_term_counts_same_when_the_vocabulary_table_is_full(monkeypatch):
    monkeypatch.setattr(segment, "VOCABULARY_MAX", 0)
    monkeypatch.setattr(segment, "_KINDS", {})
    assert term_counts(TOKENS) == ({"高楠镇": 1, "开展": 1, "普法": 2, "宣传": 1, "法治2022": 1}, 11)
    assert segment._KINDS == {}


def test_one_tokenizer_however_it_is_asked_for():
    """tokenizer() and tokenizer("rjieba") are one cut function (one cache entry): a process that warms
    the segmenter with one form does not build it again for the other."""
    assert segment.tokenizer() is segment.tokenizer("rjieba") is segment.tokenizer("rjieba", places=True)
    assert segment.tokenizer(places=False) is not segment.tokenizer()
