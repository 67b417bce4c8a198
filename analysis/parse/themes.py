"""The theme taxonomy of rule-of-law work (``data/themes.csv``) and tagging text with it.

Each theme lists concepts separated by ``|``; a concept lists synonyms separated by ``/``.
A text carries every theme with at least one hit; its primary theme has the most hits
(ties go to the theme listed first).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.parse.structure import DATA_DIR, data_file_mtime

THEMES_FILE = DATA_DIR / "themes.csv"
NO_THEME = "其他"


@dataclass(frozen=True)
class Concept:
    theme: str
    name: str  # the first synonym, used in cluster labels
    pattern: re.Pattern[str]


@dataclass(frozen=True, eq=False)  # one per version of the file, told apart by identity (a cache key)
class Taxonomy:
    themes: tuple[str, ...]
    concepts: tuple[Concept, ...]
    any_word: re.Pattern[str]  # every synonym of every concept, the longest at each position
    word_concepts: dict[str, tuple[int, ...]]  # synonym → indexes of the concepts it belongs to
    theme_order: dict[str, int]  # theme → its position in the file


@lru_cache(maxsize=4)
def _load(path: Path, mtime: float) -> Taxonomy:
    themes, concepts = [], []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            themes.append(row["theme"])
            for group in filter(None, (g.strip() for g in row["concepts"].split("|"))):
                words = [w for w in group.split("/") if w]
                concepts.append(Concept(row["theme"], words[0], re.compile("|".join(map(re.escape, words)))))
    word_concepts: dict[str, list[int]] = {}
    for i, c in enumerate(concepts):
        for word in c.pattern.pattern.split("|"):
            word_concepts.setdefault(re.sub(r"\\(.)", r"\1", word), []).append(i)
    return Taxonomy(
        tuple(themes),
        tuple(concepts),
        re.compile(trie_regex(word_concepts)),
        {w: tuple(v) for w, v in word_concepts.items()},
        {t: i for i, t in enumerate(themes)},
    )


def trie_regex(words: Iterable[str]) -> str:
    """A regular expression for any of ``words`` that takes the longest one at each position,
    written as a trie ("法(?:治(?:宣传|意识)|律顾问)"): the engine follows the text one
    character at a time instead of trying every word in turn."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group

    return build(trie) if trie else "(?!)"


def taxonomy(path: Path = THEMES_FILE) -> Taxonomy:
    """The taxonomy, re-read when the file changes."""
    mtime = data_file_mtime(path)
    if mtime is None:
        raise FileNotFoundError(f"{path} is missing: the theme taxonomy is needed to tag problems and plans")
    return _load(path, mtime)


def concept_hits(text: str, tax: Taxonomy | None = None) -> dict[int, int]:
    """Hits per concept index (of ``taxonomy().concepts``) in ``text``, concepts without hits left out."""
    tax = tax or taxonomy()
    hits: dict[int, int] = {}
    for word in tax.any_word.findall(text):
        for i in tax.word_concepts[word]:
            hits[i] = hits.get(i, 0) + 1
    return hits


def themes_of(hits: dict[int, int], tax: Taxonomy | None = None) -> list[str]:
    """Themes with a hit (``hits`` from :func:`concept_hits`), primary theme first; [其他] when none."""
    tax = tax or taxonomy()
    totals: dict[str, int] = {}
    for i, n in hits.items():
        theme = tax.concepts[i].theme
        totals[theme] = totals.get(theme, 0) + n
    if not totals:
        return [NO_THEME]
    return sorted(totals, key=lambda t: (-totals[t], tax.theme_order[t]))


def tag(text: str) -> list[str]:
    """Themes of one text, primary first."""
    return themes_of(concept_hits(text))
