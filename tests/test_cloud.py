from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from analysis.insights.cloud import cjk_font, packaged_font, word_cloud_png


def _glyph(font: ImageFont.FreeTypeFont, ch: str) -> bytes:
    image = Image.new("L", (64, 64), 255)
    ImageDraw.Draw(image).text((4, 4), ch, font=font, fill=0)
    return image.tobytes()


def test_font_has_chinese_glyphs_not_boxes():
    font = ImageFont.truetype(str(cjk_font()), 48)
    box = _glyph(font, "\U0010fffd")  # a code point no font has: the .notdef box
    glyphs = {ch: _glyph(font, ch) for ch in "法治报告看板"}
    assert all(g != box for g in glyphs.values())
    assert len(set(glyphs.values())) == 6


def test_packaged_fallback_is_noto_not_simhei():
    assert packaged_font().name == "NotoSansCJKsc-Regular.otf"


def test_word_cloud_png_draws_ink():
    png = word_cloud_png({"法治": 10, "普法宣传": 6, "矛盾纠纷": 4}, width=300, height=150)
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.size == (300, 150)
    dark = sum(1 for p in image.tobytes() if p < 200)
    assert dark > 500


def test_every_word_is_horizontal():
    from analysis.insights.cloud import word_cloud

    words = {f"词语{i}号": float(100 - i) for i in range(80)}
    layout = word_cloud(words, width=400, height=200).layout_
    assert len(layout) > 20
    assert {orientation for _, _, _, orientation, _ in layout} == {None}


def test_the_keywords_page_draws_a_cloud_once_for_the_same_counts(monkeypatch):
    """关键词's cloud (pages.sections.keywords.cloud) is the analysis' PNG, laid out once for the same counts."""
    import streamlit as st

    from analysis.insights.cloud import word_cloud_png
    from pages.sections import keywords

    st.cache_data.clear()
    drawn = []
    monkeypatch.setattr(keywords, "word_cloud_png", lambda counts: drawn.append(counts) or word_cloud_png(counts))
    pairs = (("执法", 12.0), ("普法", 5.0))
    assert keywords.cloud(pairs) == keywords.cloud(pairs) == word_cloud_png(dict(pairs))
    keywords.cloud((("执法", 12.0), ("普法", 6.0)))
    assert drawn == [{"执法": 12.0, "普法": 5.0}, {"执法": 12.0, "普法": 6.0}]
