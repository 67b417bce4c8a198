"""Word segmentation with one explicit tokenizer per process and the project's dictionaries.

``data/userdict.txt`` (jieba format: word freq tag) and ``data/stopwords.txt`` are the
editable files. jieba's global tokenizer is never touched: :func:`tokenizer` builds a
private ``jieba.Tokenizer`` or, by default, an ``rjieba.Jieba`` (the jieba-rs binding,
about 20x faster, checked by the tests to cut the corpus the same way).
"""

from __future__ import annotations

import re
import threading
from collections import ChainMap, Counter, _count_elements  # the C counting loop behind Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

from analysis.parse.structure import DATA_DIR, data_file_mtime

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
    from analysis.parse import gazetteer

    g = gazetteer.load()
    names = sorted({*g.townships, *g.counties})
    return [(name, DEFAULT_FREQ, "ns") for name in names if len(name) >= 3]


def tokenizer(backend: Backend = "rjieba", *, places: bool = True) -> Callable[[str], list[str]]:
    """A cut function with the user dictionary and place names loaded, built once per process.
    ``places=False``: without the gazetteer's names (the problem register's words; it starts
    in half the time, the gazetteer not read)."""
    return _tokenizer(backend, places)  # one cache key however it is asked for (tokenizer() is tokenizer("rjieba"))


@lru_cache(maxsize=4)
def _tokenizer(backend: Backend, places: bool) -> Callable[[str], list[str]]:
    words = (place_words() if places else []) + user_words()
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
    counts: dict[str, int] = {}
    _count_elements(counts, tokens)
    kinds = _KINDS
    try:
        kept = {token: n for token, n in counts.items() if kinds[token] is COUNTABLE_TERM}
    except KeyError:  # a token this process has not seen yet
        kinds = _learn(counts)
        kept = {token: n for token, n in counts.items() if kinds[token] is COUNTABLE_TERM}
    if kinds is _KINDS:  # the few punctuation and space tokens found by a set intersection
        return kept, len(tokens) - sum(map(counts.__getitem__, counts.keys() & _NOT_WORDS))
    return kept, len(tokens) - sum(n for token, n in counts.items() if kinds[token] is NOT_A_WORD)


# The kind of every token seen so far: a corpus reuses a small vocabulary, so each token's
# regular expressions run once per process and counting is dictionary look-ups. Entries are
# only ever added, each with its final kind, so threads can share the table.
NOT_A_WORD, WORD_ONLY, COUNTABLE_TERM = "not a word", "word", "countable"
_KINDS: dict[str, str] = {}
_NOT_WORDS: set[str] = set()  # the tokens of _KINDS that are not words
VOCABULARY_MAX = 1_000_000  # beyond this many distinct tokens, new ones are classified but not remembered


def _kind(token: str) -> str:
    if not WORD.search(token):
        return NOT_A_WORD
    return COUNTABLE_TERM if len(token) >= 2 and COUNTABLE.match(token) else WORD_ONLY


def _learn(tokens: Iterable[str]) -> Mapping[str, str]:
    """The kinds of ``tokens`` (remembered while the table is not full)."""
    new = {token: _kind(token) for token in tokens if token not in _KINDS}
    if len(_KINDS) < VOCABULARY_MAX:
        _NOT_WORDS.update(token for token, kind in new.items() if kind is NOT_A_WORD)  # before _KINDS: a reader sees no kind without it
        _KINDS.update(new)
        return _KINDS
    return ChainMap(new, _KINDS)


@lru_cache(maxsize=4)
def _stopwords(path: Path, mtime: float) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def stopwords(path: Path = STOPWORDS) -> frozenset[str]:
    """The stopword list; re-read when the file changes."""
    return _stopwords(path, data_file_mtime(path) or 0.0)
