"""Word-cloud images with a CJK font that exists on this machine.

Font order: ``$REPORTS_CJK_FONT``; then common system fonts (Windows, macOS, Linux Noto and
WenQuanYi); then Noto Sans CJK SC shipped by the ``mplfonts`` pip package, so a fresh
install always has one. (mplfonts also ships SimHei, which is not freely licensed: unused.)
"""

from __future__ import annotations

import importlib.util
import io
import os
from functools import lru_cache
from pathlib import Path

SYSTEM_FONTS = (
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
PACKAGED_FONT = "NotoSansCJKsc-Regular.otf"


def packaged_font() -> Path | None:
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / PACKAGED_FONT
    return path if path.exists() else None


@lru_cache(maxsize=1)
def cjk_font() -> Path:
    """The first CJK font found (see the module docstring); FileNotFoundError if none."""
    candidates = [os.environ.get("REPORTS_CJK_FONT", ""), *SYSTEM_FONTS]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    packaged = packaged_font()
    if packaged:
        return packaged
    raise FileNotFoundError("no Chinese font found: set REPORTS_CJK_FONT to a .ttf/.otf/.ttc file or run `make install`")


# matplotlib's tab10, so the cloud needs no colour map (importing pyplot costs a third of a second)
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def word_cloud_png(frequencies: dict[str, float], *, width: int = 720, height: int = 360, font: Path | None = None) -> bytes:
    """A PNG word cloud of ``frequencies`` (term → weight) drawn with a CJK font; the most
    frequent words are at most a third of the height tall, coloured by rank, all horizontal."""
    buffer = io.BytesIO()
    word_cloud(frequencies, width=width, height=height, font=font).to_image().save(buffer, format="PNG")
    return buffer.getvalue()


def word_cloud(frequencies: dict[str, float], *, width: int = 720, height: int = 360, font: Path | None = None):
    """The laid-out ``wordcloud.WordCloud`` of :func:`word_cloud_png` (its ``layout_`` lists each
    word's place and orientation: None, horizontal, for every word — Chinese is read across)."""
    from wordcloud import WordCloud

    if not frequencies:
        raise ValueError("no words to draw")
    rank = {word: i for i, word in enumerate(sorted(frequencies, key=lambda w: (-frequencies[w], w)))}
    cloud = WordCloud(
        font_path=str(font or cjk_font()),
        width=width,
        height=height,
        background_color="white",
        prefer_horizontal=1.0,
        max_words=100,
        random_state=7,
        max_font_size=max(12, height // 3),
        font_step=2,
        color_func=lambda word, **_: PALETTE[rank[word] % len(PALETTE)],
    )
    return cloud.generate_from_frequencies(frequencies)
