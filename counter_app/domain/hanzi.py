"""Character classes for names: which code points count as Chinese characters (汉字).

The 通用规范汉字表 (8,105 characters) is not bundled, so "规范汉字" is approximated by the CJK ideograph
blocks. Rare characters (生僻字) from the extensions, e.g. 𠮷 (U+20BB7, Ext. B) or 䶮 (U+4DAE, Ext. A), must
be accepted: people's names use them and the ID card printer supports them. Python strings index by code
point, so a supplementary-plane character is one `str` item here (never a surrogate pair).
"""

from __future__ import annotations

import unicodedata

# (first, last) code points, inclusive.
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),  # Ext. A
    (0x4E00, 0x9FFF),  # URO (basic block)
    (0xF900, 0xFAFF),  # compatibility ideographs (a few are unified, e.g. 﨑)
    (0x20000, 0x2A6DF),  # Ext. B
    (0x2A700, 0x2EE5F),  # Ext. C, D, E, F, I
    (0x2F800, 0x2FA1F),  # compatibility supplement
    (0x30000, 0x323AF),  # Ext. G, H
)

IDEOGRAPHIC_ZERO = "〇"  # in the 通用规范汉字表; used in some names and place names
MIDDLE_DOTS = frozenset("·•・‧∙⋅")  # what people type for the separator in transliterated names
CANONICAL_MIDDLE_DOT = "·"  # U+00B7, the form the ID card uses

# Variation selectors ride on the previous character (IVS for rare-character glyph variants).
_VARIATION_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))

_FULLWIDTH_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH_ASCII[0x3000] = 0x20  # ideographic space


def is_han(ch: str) -> bool:
    """True for one code point that is a Chinese character (incl. the CJK extensions and 〇)."""
    if len(ch) != 1:
        return False
    if ch == IDEOGRAPHIC_ZERO:
        return True
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in HAN_RANGES)


def is_variation_selector(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _VARIATION_SELECTORS)


def is_ascii_letter(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def is_latin_letter(ch: str) -> bool:
    """ASCII letters and accented Latin letters (pinyin tone marks such as ā, ü)."""
    if is_ascii_letter(ch):
        return True
    return ch.isalpha() and "LATIN" in unicodedata.name(ch, "")


def fullwidth_to_ascii(text: str) -> str:
    """Full-width forms (０-９, Ａ-Ｚ, ａ-ｚ, punctuation, ideographic space) to ASCII.

    Clerks type with a Chinese IME that is easily left in full-width mode. Deliberately narrower than NFKC,
    which would also rewrite compatibility ideographs inside names.
    """
    return text.translate(_FULLWIDTH_ASCII)


def graphemes(text: str) -> list[str]:
    """Split into user-visible characters, keeping variation selectors and combining marks with their base."""
    result: list[str] = []
    for ch in text:
        if result and (is_variation_selector(ch) or unicodedata.combining(ch)):
            result[-1] += ch
        else:
            result.append(ch)
    return result
