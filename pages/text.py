"""Report text on screen: plain labels and escaped Markdown (nothing from a report is rendered as Markdown, links or HTML)."""

from __future__ import annotations

import re

from analysis.storage.tables import cell_text

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&])")


def plain(value: object, default: str = "") -> str:
    """A value as plain text for labels (not Markdown); see :func:`analysis.storage.tables.cell_text`."""
    return cell_text(value, default)


def safe(value: object) -> str:
    """Report text escaped for st.markdown: no markdown, links, images or HTML from a report.

    Missing values (None, NaN, pd.NA, NaT) become an empty string.
    """
    text = plain(value)
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")
