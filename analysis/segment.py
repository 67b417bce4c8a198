"""Word segmentation with one explicit tokenizer per process and the project's dictionaries.

``data/userdict.txt`` (jieba format: word freq tag) and ``data/stopwords.txt`` are the
editable files. jieba's global tokenizer is never touched: :func:`tokenizer` builds a
private ``jieba.Tokenizer`` or, by default, an ``rjieba.Jieba`` (the jieba-rs binding,
about 20x faster, checked by the tests to cut the corpus the same way).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

from analysis.structure import DATA_DIR

Backend = Literal["rjieba", "jieba"]
USERDICT = DATA_DIR / "userdict.txt"
STOPWORDS = DATA_DIR / "stopwords.txt"
# a token worth counting: two or more characters with at least one Chinese character
COUNTABLE = re.compile(r"^(?=.*[\u4e00-\u9fff])[\u4e00-\u9fff\w]{2,}$")
WORD = re.compile(r"\w")  # a token with a letter, digit or Chinese character is a word
DEFAULT_FREQ = 500  # frequency given to names added at run time (township names)

_lock = threading.Lock()


def user_words(path: Path = USERDICT) -> list[tuple[str, int, str | None]]:
    """(word, freq, tag) rows of a jieba-format user dictionary; missing freq gets DEFAULT_FREQ."""
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else DEFAULT_FREQ
        tag = parts[2] if len(parts) > 2 else None
        rows.append((parts[0], freq, tag))
    return rows


def place_words() -> list[tuple[str, int, str | None]]:
    """Every township and county name of the gazetteer, so 高楠镇 stays one token."""
    from analysis import gazetteer

    g = gazetteer.load()
    names = sorted({*g.townships, *g.counties})
    return [(name, DEFAULT_FREQ, "ns") for name in names if len(name) >= 3]


@lru_cache(maxsize=4)
def tokenizer(backend: Backend = "rjieba") -> Callable[[str], list[str]]:
    """A cut function with the user dictionary and place names loaded, built once per process."""
    words = place_words() + user_words()
    with _lock:
        if backend == "rjieba":
            import rjieba

            seg = rjieba.Jieba()
            for word, freq, tag in words:
                seg.add_word(word, freq, tag)
            return seg.cut
        import jieba

        tok = jieba.Tokenizer()
        tok.initialize()
        for word, freq, tag in words:
            tok.add_word(word, freq, tag)
        return tok.lcut


def cut(text: str, *, backend: Backend = "rjieba") -> list[str]:
    """Tokens of ``text`` (every token, punctuation included)."""
    return tokenizer(backend)(text)


def count_terms(tokens: Sequence[str]) -> Counter[str]:
    """Counts of countable tokens (2+ characters, some Chinese); stopwords are kept here."""
    return Counter(term_counts(tokens)[0])


def term_counts(tokens: Sequence[str]) -> tuple[dict[str, int], int]:
    """(counts of countable tokens in first-seen order, number of word tokens): punctuation and spaces are not words."""
    counts = Counter(tokens)
    words, countable = _WORDS, _COUNTABLE
    if not _SEEN.issuperset(counts):
        new = counts.keys() - _SEEN
        new_words = {t for t in new if WORD.search(t)}
        new_countable = {t for t in new_words if len(t) >= 2 and COUNTABLE.match(t)}
        _remember(new, new_words, new_countable)
        words, countable = words | new_words, countable | new_countable
    kept = {token: n for token, n in counts.items() if token in countable}
    return kept, len(tokens) - sum(n for token, n in counts.items() if token not in words)


# the kind of every token seen so far: a corpus reuses a small vocabulary, so each token's
# regexes run once per process and counting is set look-ups. A token enters _SEEN only
# after its kind is recorded, and nothing is ever removed, so threads can share the sets.
_SEEN: set[str] = set()
_WORDS: set[str] = set()
_COUNTABLE: set[str] = set()
VOCABULARY_MAX = 1_000_000  # beyond this many distinct tokens, new ones are classified but not remembered


def _remember(new: set[str], new_words: set[str], new_countable: set[str]) -> None:
    with _lock:
        if len(_SEEN) < VOCABULARY_MAX:
            _WORDS.update(new_words)
            _COUNTABLE.update(new_countable)
            _SEEN.update(new)


@lru_cache(maxsize=4)
def _stopwords(path: Path, mtime: float) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def stopwords(path: Path = STOPWORDS) -> frozenset[str]:
    """The stopword list; re-read when the file changes."""
    return _stopwords(path, path.stat().st_mtime)
