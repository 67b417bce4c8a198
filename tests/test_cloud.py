from __future__ import annotations

import io

from PIL import Image, ImageFont

from analysis.cloud import cjk_font, packaged_font, word_cloud_png


def test_font_has_chinese_glyphs_not_boxes():
    font = ImageFont.truetype(str(cjk_font()), 48)
    missing = font.getmask("\U0010fffd").tobytes()  # a code point no font has: the .notdef box
    for ch in "法治报告看板":
        assert font.getmask(ch).tobytes() != missing


def test_packaged_fallback_is_noto_not_simhei():
    assert packaged_font().name == "NotoSansCJKsc-Regular.otf"


def test_word_cloud_png_draws_ink():
    png = word_cloud_png({"法治": 10, "普法宣传": 6, "矛盾纠纷": 4}, width=300, height=150)
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.size == (300, 150)
    dark = sum(1 for p in image.getdata() if p < 200)
    assert dark > 500
