"""Sentences as stable hashes, for finding text copied between reports.

A sentence is normalised before hashing so that near-verbatim copies match: punctuation
and spaces go, digits become 0, and the report's own place names become 某 (高楠镇开展宣传
12次 and 桑柘镇开展宣传8次 hash alike). Sentences shorter than :data:`MIN_CHARS` after
normalising are not hashed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import pandas as pd

MIN_CHARS = 20
SENTENCE_END = re.compile(r"(?<=[。！？；])|\n")
SENTENCE_ENDS = "。！？；"
NOT_WORD = re.compile(r"[^\w]|_")
# what normalising removes from a whole text while its sentence ends stay: "开展宣传12次，" → "开展宣传12次"
NOT_WORD_NOR_END = re.compile(r"[^\w。！？；\n]|_")
DIGITS = re.compile(r"\d+")
OWN_PLACE = re.compile(r"[我本全该](?:镇|乡|街道|区|县)")


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (ending in 。！？； or a line break), stripped, empty ones dropped."""
    return [s.strip() for s in _pieces(text) if s and s.strip()]


def _pieces(text: str) -> list[str]:
    """``SENTENCE_END.split(text)``: a cut after each 。！？； and at each line break (which
    goes). Done by marking the cuts with NUL and splitting on it, several times faster than
    the look-behind scan, when the text holds no NUL of its own."""
    if "\0" in text:
        return SENTENCE_END.split(text)
    for end in SENTENCE_ENDS:
        if end in text:
            text = text.replace(end, end + "\0")
    return text.replace("\n", "\0").split("\0")


def normalise(sentence: str, places: Iterable[str] = ()) -> str:
    """The form that is hashed: own place names → 某, digits → 0, punctuation and spaces removed."""
    return _unpunctuate(_mask_places(sentence, _names(places)))


def stable_hash(text: str) -> int:
    """A signed 64-bit hash that is the same in every process (Python's hash() is salted)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def sentence_hashes(text: str, places: Iterable[str] = ()) -> tuple[list[int], list[int]]:
    """(hashes, original lengths) of the sentences of ``text`` long enough to count as copying.

    :func:`normalise` runs once over the whole text with the sentence ends kept (place names
    never hold one, so the normalised text cuts into the same pieces), then the pieces are hashed.
    """
    places = _names(places)
    if any(end in place for place in places for end in SENTENCE_ENDS + "\n"):  # a name that would move a cut
        return _hashes_per_sentence(split_sentences(text), places)
    # normalised as a whole, sentence ends kept, the text cuts into the same pieces as before
    keys = _pieces(DIGITS.sub("0", NOT_WORD_NOR_END.sub("", _mask_places(text, places))))
    hashes, lengths = [], []
    for piece, key in zip(_pieces(text), keys):
        if len(piece) < MIN_CHARS:  # stripping and normalising never lengthen a sentence
            continue
        n, key = len(piece.strip()), key.rstrip(SENTENCE_ENDS)  # a piece ends in at most one
        if n >= MIN_CHARS and len(key) >= MIN_CHARS:
            hashes.append(stable_hash(key))
            lengths.append(n)
    return hashes, lengths


def _hashes_per_sentence(sentences: list[str], places: list[str]) -> tuple[list[int], list[int]]:
    hashes, lengths = [], []
    for sentence in sentences:
        key = _unpunctuate(_mask_places(sentence, places))
        if len(sentence) >= MIN_CHARS and len(key) >= MIN_CHARS:
            hashes.append(stable_hash(key))
            lengths.append(len(sentence))
    return hashes, lengths


def _names(places: Iterable[object]) -> list[str]:
    """The known place names: a report with no township or county gives None, or NaN from a
    DataFrame (NaN is truthy, so ``if p`` would keep it)."""
    return [p for p in places if isinstance(p, str) and p]


def _mask_places(text: str, places: list[str]) -> str:
    for place in places:
        text = text.replace(place, "某")
    return OWN_PLACE.sub("某", text)


def _unpunctuate(text: str) -> str:
    """Punctuation and spaces removed, digits → 0 (the rest of :func:`normalise`)."""
    return DIGITS.sub("0", NOT_WORD.sub("", text))


def item_key(township: str | None, year: int | None, text: str) -> str:
    """A problem item's identity across refreshes and re-ingests: township, year and its
    wording (reviewers' corrections are stored against it). Computed at ingest and stored."""
    known = lambda v: v is not None and not pd.isna(v)  # noqa: E731 - None, NaN and pd.NA are all "unknown"
    raw = f"{township if known(township) else ''}|{int(year) if known(year) else ''}|{normalise(text)}"
    return hashlib.blake2b(raw.encode(), digest_size=8).hexdigest()


def pairs_said(text: str, others: Iterable[str], share: float) -> bool:
    """Whether at least ``share`` of ``text``'s distinct two-character pieces occur in ``others`` (a preview its section
    details; a problem's name its items say in their words)."""
    pairs = {text[i : i + 2] for i in range(len(text) - 1)}
    seen = {o[i : i + 2] for o in others for i in range(len(o) - 1)}
    return bool(pairs) and len(pairs & seen) >= share * len(pairs)
