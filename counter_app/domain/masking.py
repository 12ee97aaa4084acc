"""Masking of personal data for paper and for screens outside the clerk's own case (domain.md §7).

Mask where the data is produced (printing, lists, logs), not only in a widget. Every function accepts
any text and never raises; none reveals more than half of the characters except the resident-ID form the
spec prescribes (first 6 + last 4 of 18).
"""

from __future__ import annotations

from counter_app.domain.hanzi import MIDDLE_DOTS, graphemes
from counter_app.domain.phone import normalize_mobile, parse_landline

STAR = "*"

# Compound surnames kept whole in names of four or more characters (欧阳娜娜 -> 欧阳**).
COMPOUND_SURNAMES: frozenset[str] = frozenset((
    "欧阳", "司马", "诸葛", "上官", "皇甫", "东方", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "夏侯",
    "端木", "司徒", "西门", "南宫", "独孤", "轩辕", "万俟", "闻人", "澹台", "公冶", "太叔", "申屠", "钟离",
    "呼延", "赫连", "拓跋", "百里", "东郭", "南门", "羊舌", "微生", "梁丘", "左丘", "第五",
))


def _mask_middle(text: str, head: int, tail: int) -> str:
    if not text:
        return ""
    return text[:head] + STAR * (len(text) - head - tail) + (text[len(text) - tail:] if tail else "")


def mask_id_number(number: str) -> str:
    """``11010519491231002X`` -> ``110105********002X``; shorter document numbers keep at most 2 + 2."""
    text = "".join(number.split())
    n = len(text)
    if n >= 18:
        return _mask_middle(text, 6, 4)
    if n < 4:
        return STAR * n
    keep = min(2, n // 4)  # never more than half visible
    return _mask_middle(text, keep, keep)


def mask_phone(phone: str) -> str:
    """``13800138000`` -> ``138****8000``; landlines keep the area code and the last 3-4 digits."""
    mobile = normalize_mobile(phone)
    if mobile:
        return _mask_middle(mobile, 3, 4)
    landline = parse_landline(phone)
    if landline:
        tail = 4 if len(landline.number) >= 8 else 3
        local = _mask_middle(landline.number, 0, tail)
        text = f"{landline.area_code}-{local}" if landline.area_code else local
        return f"{text}-{landline.extension}" if landline.extension else text
    digits = "".join(phone.split())
    if len(digits) < 4:
        return STAR * len(digits)
    keep = min(3, len(digits) // 4)
    return _mask_middle(digits, keep, keep)


def mask_name(name: str) -> str:
    """``张三`` -> ``张*``, ``张三丰`` -> ``张**``, ``欧阳娜娜`` -> ``欧阳**``; one-character names -> ``*``.

    Works on user-visible characters: 𠮷 (Ext. B) is one character, a variation selector stays with its
    base. Name separators (· and spaces) stay visible so the shape of a transliterated name is kept.
    """
    chars = graphemes(name.strip())
    if len(chars) <= 1:
        return STAR * len(chars)
    keep = 2 if len(chars) >= 4 and "".join(chars[:2]) in COMPOUND_SURNAMES else 1
    out = chars[:keep]
    for ch in chars[keep:]:
        out.append(ch if ch in MIDDLE_DOTS or ch.isspace() else STAR)
    return "".join(out)


def mask_address(address: str, keep: int = 6) -> str:
    """Keep the first `keep` characters (province/city/county level), star the rest (door numbers)."""
    chars = graphemes(address.strip())
    keep = min(keep, len(chars) // 2)
    return "".join(chars[:keep]) + STAR * (len(chars) - keep)
