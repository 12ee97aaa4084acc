"""Phone numbers: mainland mobiles (domain.md §3.3) and landlines.

Normalisers take the text as typed and return the canonical form, or None when it is not a number of
that kind. They never raise and are idempotent on their own output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from counter_app.domain.hanzi import fullwidth_to_ascii

# No carrier prefixes on purpose: new number ranges (e.g. 19x, 16x) keep appearing.
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# Area codes: 010 and 02x have 3 digits, every other one 4 (0xxx). Local numbers 7-8 digits, not 0/1-led.
_AREA = r"0(?:10|2[0-9]|[3-9][0-9]{2})"
_LOCAL = r"[2-9][0-9]{6,7}"
_LANDLINE = re.compile(rf"(?P<area>{_AREA})?(?P<local>{_LOCAL})")
_SERVICE = re.compile(r"([48]00)([0-9]{7})")  # 400/800 company numbers
_SEPARATORS = re.compile(r"[\s()（）\-—.]+")


@dataclass(frozen=True)
class Landline:
    area_code: str  # "" when not given
    number: str
    extension: str = ""

    def formatted(self) -> str:
        """Canonical text: ``0812-3331234``, ``0812-3331234-801`` or ``3331234`` without an area code."""
        text = f"{self.area_code}-{self.number}" if self.area_code else self.number
        return f"{text}-{self.extension}" if self.extension else text


def _compact(text: str) -> str:
    return "".join(fullwidth_to_ascii(text).split()).replace("-", "")


def _strip_country_code(digits: str) -> tuple[str, bool]:
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            return digits[len(prefix):], True
    return digits, False


def normalize_mobile(text: str) -> str | None:
    """``"+86 138-0013-8000"`` -> ``"13800138000"``; None if it is not a mainland mobile number."""
    digits, _ = _strip_country_code(_compact(text))
    if len(digits) == 13 and digits.startswith("86"):  # "86" without + or 00: no mobile starts with 8
        digits = digits[2:]
    return digits if _MOBILE.fullmatch(digits) else None


def parse_landline(text: str) -> Landline | None:
    """Lenient landline parsing: ``(0812)333-1234``, ``0812 3331234转801``, ``+86 812 3331234``, ``3331234``.

    Also 400/800 service numbers (returned with the 3-digit prefix as `area_code`).
    """
    ascii_text = fullwidth_to_ascii(text).strip().lower()
    head, ext = ascii_text, ""
    for sep in ("转", "#", "ext.", "ext", "x"):
        if sep in ascii_text:
            head, _, ext = ascii_text.partition(sep)
            ext = _SEPARATORS.sub("", ext)
            if not re.fullmatch(r"[0-9]{1,6}", ext):
                return None
            return _parse_body(head, ext)
    parsed = _parse_body(head, "")
    if parsed is None:
        # "0812-3331234-801": a last group of digits after a complete number is an extension
        parts = [p for p in re.split(r"[\s\-]+", head) if p]
        if len(parts) >= 3 and re.fullmatch(r"[0-9]{1,6}", parts[-1]):
            parsed = _parse_body(" ".join(parts[:-1]), parts[-1])
            if parsed is not None and not parsed.area_code:
                return None  # without an area code "3331234-801" is too ambiguous
    return parsed


def _parse_body(head: str, ext: str) -> Landline | None:
    body, had_country = _strip_country_code(_SEPARATORS.sub("", head))
    if had_country and body[:1] not in ("", "0"):
        body = "0" + body  # international form drops the trunk 0: +86 812 ... is 0812 ...
    service = _SERVICE.fullmatch(body)
    if service:
        return Landline(service.group(1), service.group(2), ext)
    match = _LANDLINE.fullmatch(body)
    if not match:
        return None
    return Landline(match.group("area") or "", match.group("local"), ext)


def normalize_landline(text: str) -> str | None:
    """Canonical landline text (see `Landline.formatted`) or None."""
    parsed = parse_landline(text)
    return parsed.formatted() if parsed else None


def normalize_phone(text: str) -> str | None:
    """A business contact number: a mobile or a landline, canonical form, or None."""
    return normalize_mobile(text) or normalize_landline(text)
