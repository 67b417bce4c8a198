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
NOT_WORD = re.compile(r"[^\w]|_")
DIGITS = re.compile(r"\d+")
OWN_PLACE = re.compile(r"[我本全该](?:镇|乡|街道|区|县)")


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (ending in 。！？； or a line break), stripped, empty ones dropped."""
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


def normalise(sentence: str, places: Iterable[str] = ()) -> str:
    """The form that is hashed: own place names → 某, digits → 0, punctuation and spaces removed."""
    return _unpunctuate(_mask_places(sentence, _names(places)))


def stable_hash(text: str) -> int:
    """A signed 64-bit hash that is the same in every process (Python's hash() is salted)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def sentence_hashes(text: str, places: Iterable[str] = ()) -> tuple[list[int], list[int]]:
    """(hashes, original lengths) of the sentences of ``text`` long enough to count as copying.

    Place names are replaced in the whole text at once (they never hold a sentence end, so
    the masked text splits into the same sentences); the rest of :func:`normalise` runs per sentence.
    """
    places = _names(places)
    sentences = split_sentences(text)
    masked = split_sentences(_mask_places(text, places))
    if len(masked) != len(sentences):  # a place name with a sentence end in it
        masked = [_mask_places(sentence, places) for sentence in sentences]
    hashes, lengths = [], []
    for sentence, key in zip(sentences, masked):
        if len(sentence) < MIN_CHARS:  # normalising never lengthens a sentence
            continue
        key = _unpunctuate(key)
        if len(key) >= MIN_CHARS:
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
