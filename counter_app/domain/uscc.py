"""Unified social credit codes (统一社会信用代码, GB 32100-2015), domain.md §3.2.

The check character comes from python-stdnum (`stdnum.cn.uscc`). An all-digit resident ID number can pass
the USCC checksum by chance, so a number is classified by its structure first (province prefix and a real
birth date make an ID number; a letter in the subject identifier or a 91/92/93 prefix make a code) and by
checksums only to break a tie.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from stdnum.cn import ric
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import ValidationError

from counter_app.domain.findings import error, warning
from counter_app.domain.identity import HKMT_PERMIT_PREFIXES, PROVINCE_PREFIXES, normalize_id_number
from counter_app.domain.issues import Issue, Severity

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
INDIVIDUAL_BUSINESS_PREFIX = "92"  # 9 market regulation + 2 个体工商户

_CHAR = f"[{ALPHABET}]"
_USCC_SHAPE = re.compile(f"{_CHAR}{{2}}[0-9]{{6}}{_CHAR}{{10}}")
_RIC_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


class IdentifierKind(enum.StrEnum):
    RESIDENT_ID = "resident_id"  # incl. 港澳台居民居住证 (same layout)
    FOREIGN_PERMANENT_ID = "foreign_permanent_id"
    USCC = "uscc"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class UsccInfo:
    normalized: str
    registering_department: str  # position 1 ("9" = market regulation), "" if unreadable
    entity_type: str  # position 2 ("2" = 个体工商户 under department 9)
    area_code: str  # positions 3-8, the registering authority's area
    issues: tuple[Issue, ...]

    @property
    def is_valid(self) -> bool:
        return not any(issue.severity is Severity.ERROR for issue in self.issues)

    @property
    def is_individual_business(self) -> bool:
        return self.normalized.startswith(INDIVIDUAL_BUSINESS_PREFIX)


def _ric_birth_date_valid(number: str) -> bool:
    try:
        ric.get_birth_date(number)
    except ValidationError:
        return False
    return True


def classify_identifier(text: str) -> IdentifierKind:
    """Whether an 18-character number is a resident ID, a foreigner's ID or a USCC, by structure."""
    number = normalize_id_number(text)
    if len(number) != 18:
        return IdentifierKind.UNKNOWN
    ric_shaped = bool(_RIC_SHAPE.fullmatch(number)) and _ric_birth_date_valid(number)
    id_like = ric_shaped and (number[:2] in PROVINCE_PREFIXES or number[:6] in HKMT_PERMIT_PREFIXES)
    uscc_like = bool(_USCC_SHAPE.fullmatch(number))
    ric_checksum_ok = ric_shaped and number[-1] == ric.calc_check_digit(number)
    if ric_shaped and number[0] == "9" and number[1:3] in PROVINCE_PREFIXES and ric_checksum_ok:
        return IdentifierKind.FOREIGN_PERMANENT_ID
    if id_like and not uscc_like:
        return IdentifierKind.RESIDENT_ID
    if uscc_like and not id_like:
        return IdentifierKind.USCC
    if id_like and uscc_like:
        if ric_checksum_ok or number[-1] != stdnum_uscc.calc_check_digit(number):
            return IdentifierKind.RESIDENT_ID
        return IdentifierKind.USCC
    return IdentifierKind.UNKNOWN


def check_uscc(text: str, *, path: str, require_individual: bool = True) -> UsccInfo:
    """Check a USCC; with `require_individual` a code not starting with 92 is an error."""
    number = normalize_id_number(text)
    parts = (number[:1], number[1:2], number[2:8])
    issues = _uscc_errors(number, path, require_individual)
    if not issues and number[2:4] not in PROVINCE_PREFIXES:
        issues.append(warning(path, "uscc.area_unknown",
                              f"统一社会信用代码第3至8位（{number[2:8]}）不是已知的行政区划代码，请核对",
                              f"Positions 3-8 ({number[2:8]}) are not a known area code; please check."))
    return UsccInfo(number, *parts, tuple(issues))


def _uscc_errors(number: str, path: str, require_individual: bool) -> list[Issue]:
    if not number:
        return [error(path, "uscc.required", "请输入统一社会信用代码",
                      "Enter the unified social credit code.")]
    if len(number) != 18:
        return [error(path, "uscc.length", f"统一社会信用代码应为18位，当前为{len(number)}位",
                      f"A unified social credit code has 18 characters; {len(number)} entered.")]
    if not _USCC_SHAPE.fullmatch(number):
        return [error(path, "uscc.format",
                      "统一社会信用代码只能由数字和大写字母组成（不使用I、O、S、V、Z），第3至8位为数字",
                      "Only digits and capital letters (no I, O, S, V, Z); positions 3-8 are digits.")]
    if classify_identifier(number) is IdentifierKind.RESIDENT_ID:
        return [error(path, "uscc.is_resident_id", "这是身份证号码，不是统一社会信用代码，请核对",
                      "This is a resident ID number, not a unified social credit code.")]
    if number[-1] != stdnum_uscc.calc_check_digit(number):
        return [error(path, "uscc.checksum", "统一社会信用代码校验位错误，请核对后重新输入",
                      "The code's check character is wrong. Check and re-enter.")]
    if require_individual and not number.startswith(INDIVIDUAL_BUSINESS_PREFIX):
        return [error(path, "uscc.not_individual", "个体工商户的统一社会信用代码应以92开头，请核对",
                      "A sole proprietor's code starts with 92.")]
    return []
