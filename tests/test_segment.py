from __future__ import annotations

from analysis.parse import parse_path
from analysis.segment import count_terms, stopwords, tokenizer


def test_rjieba_agrees_with_jieba_on_the_corpus(seed_paths):
    fast, reference = tokenizer("rjieba"), tokenizer("jieba")
    for path in seed_paths.values():
        text = parse_path(path).text
        assert count_terms(fast(text)) == count_terms(reference(text))


def test_user_dictionary_and_place_names_stay_whole():
    assert tokenizer()("高楠镇坚持习近平法治思想，落实三项制度，学习枫桥经验，培养法律明白人") == [
        "高楠镇", "坚持", "习近平法治思想", "，", "落实", "三项制度", "，", "学习", "枫桥经验", "，", "培养", "法律明白人",
    ]


def test_global_jieba_untouched():
    import jieba

    tokenizer("jieba")
    assert "习近平法治思想" not in jieba.dt.FREQ


def test_stopwords_file():
    words = stopwords()
    assert {"进一步", "加强", "推进", "坚持", "开展", "工作"} <= words
    assert "法治" not in words
