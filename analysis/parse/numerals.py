"""Chinese numerals (四, 二十, 八千, 一万二千, 二〇二二) to integers."""

from __future__ import annotations

DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join([*DIGITS, *UNITS, *BIG_UNITS])


def chinese_to_int(text: str) -> int:
    """Value of a Chinese numeral: 十二 → 12, 二十 → 20, 八千 → 8000, 一万二千 → 12000.

    A run of bare digits is read digit by digit (二〇二二 → 2022). Raises ValueError
    for text that is not a numeral.
    """
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in UNITS:
            section += (1 if digit is None else digit) * UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def ordinal_value(text: str) -> int | None:
    """Value of an enumeration number written in Arabic or Chinese digits, else None."""
    if text.isdigit():
        return int(text)
    try:
        return chinese_to_int(text)
    except ValueError:
        return None
