"""Report text on screen: plain labels and escaped Markdown (nothing from a report is rendered as Markdown, links or HTML)."""

from __future__ import annotations

import re
from urllib.parse import quote

from analysis.storage.tables import cell_text

WORD_JOINER = "\u2060"  # invisible, joins nothing: breaks a pattern without changing what is seen
# every character Markdown (CommonMark, GFM, KaTeX's $, setext headings' =) gives a meaning to
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&=])")
# patterns linkified or replaced after escapes are resolved, so an escape cannot stop them:
# "http://…", "mailto:…", ":smile:", ":material/home:", ":red[…]" (after the colon);
# "someone@example.com" (after the @); "www.example.com" (between www and the dot)
LINK_TRIGGER = re.compile(r"(?<=[:@])|(?i:(?<=www)(?=\.))")
# a line's leading spaces and tabs (four make a code block): kept as no-break spaces
LEADING_SPACE = re.compile(r"^[ \t]+", re.MULTILINE)
NEWLINES = re.compile(r"\r\n?|\n")


def plain(value: object, default: str = "") -> str:
    """A value as plain text for labels (not Markdown); see :func:`analysis.storage.tables.cell_text`."""
    return cell_text(value, default)


def _escaped(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", LINK_TRIGGER.sub(WORD_JOINER, text))


def safe(value: object) -> str:
    """Report text escaped for st.markdown: no markdown, links, images, KaTeX, shortcodes or
    HTML from a report; its lines kept as lines (hard breaks), its indentation as no-break spaces.

    Missing values (None, NaN, pd.NA, NaT) become an empty string.
    """
    text = NEWLINES.sub("\n", plain(value))
    text = LEADING_SPACE.sub(lambda m: "\u00a0" * len(m.group().expandtabs(4)), text)
    return _escaped(text).replace("\n", "  \n")


def label(value: object, default: str = "") -> str:
    """Report text as a widget's or an expander's label (labels render inline Markdown):
    escaped like :func:`safe`, on one line. Missing values become ``default`` (not escaped)."""
    text = plain(value)
    if not text:
        return default
    return _escaped(" ".join(text.split()))


# 乡镇画像's address for one township: its picker carries 「肖咀镇（合水县）」 (or the bare name)
PROFILE_PATH = "/profile"


def profile_url(township: object, county: object = None) -> str:
    """The address of 乡镇画像 opened on a township. Chinese stays as written (the browser encodes
    it; a table's link cell shows the township's name, see pages.downloads.linked_towns); ASCII punctuation is
    percent-encoded so that it can end neither the address nor a Markdown link."""
    town = plain(township)
    where = plain(county)
    value = f"{town}（{where}）" if where else town
    return f"{PROFILE_PATH}?pf_town=" + "".join(ch if ord(ch) > 127 or ch.isalnum() else quote(ch, safe="") for ch in value)


def profile_link(township: object, county: object = None) -> str:
    """Markdown: the township's escaped name linking to its 乡镇画像."""
    return f"[{safe(township)}]({profile_url(township, county)})"
