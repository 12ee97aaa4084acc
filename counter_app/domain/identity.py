"""Identity documents an operator, family member, liaison or agent may present (domain.md §3.1).

Resident ID numbers are checked with python-stdnum for the check character and the birth date, plus the
rules stdnum does not know: the province prefix is the hard address check, and an address code missing
from stdnum's current county table (a retired county such as 440524 潮阳县) is only a warning — people keep
their numbers after boundary changes. `stdnum.cn.ric.validate` is deliberately not called: it rejects
those retired codes.

Every function takes the text exactly as typed and never raises; findings come back as `Issue`s whose
`path` is the number field the caller names. Birth date and gender are derived only from a number without
errors, so callers can compare them with the form without second-guessing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from counter_app.domain.findings import error, warning
from counter_app.domain.hanzi import fullwidth_to_ascii
from counter_app.domain.issues import Issue, Severity
from counter_app.domain.model import Gender, IdDocType, IdDocument

# GB/T 2260 first two digits of a mainland resident ID.
PROVINCE_PREFIXES: frozenset[str] = frozenset(
    [str(n) for n in range(11, 16)] + [str(n) for n in range(21, 24)] + [str(n) for n in range(31, 38)]
    + [str(n) for n in range(41, 47)] + [str(n) for n in range(50, 55)] + [str(n) for n in range(61, 66)]
)
# 港澳台居民居住证: the whole address part is fixed per region.
HKMT_PERMIT_PREFIXES: dict[str, tuple[str, str]] = {
    "810000": ("香港", "Hong Kong"),
    "820000": ("澳门", "Macau"),
    "830000": ("台湾", "Taiwan"),
}

_RIC_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_HK_MACAU_PERMIT = re.compile(r"[HM][0-9]{8}(?:[0-9]{2})?")
_TAIWAN_PERMIT = re.compile(r"[0-9]{8}(?:[0-9]{2}|[A-Z])?")
_ASCII_LOWER_TO_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True)
class ResidentIdInfo:
    normalized: str
    birth_date: date | None  # only when the number has no errors
    gender: Gender | None  # only when the number has no errors
    province_code: str  # first two digits, "" if the text is too short
    issues: tuple[Issue, ...]

    @property
    def is_valid(self) -> bool:
        """No errors (warnings such as an unknown county code may remain)."""
        return not any(issue.severity is Severity.ERROR for issue in self.issues)


@dataclass(frozen=True)
class IdDocCheck:
    doc_type: IdDocType
    normalized: str
    birth_date: date | None  # resident ID and residence permit only, and only when valid
    gender: Gender | None
    issues: tuple[Issue, ...]

    @property
    def is_valid(self) -> bool:
        return not any(issue.severity is Severity.ERROR for issue in self.issues)


def normalize_id_number(text: str) -> str:
    """Drop whitespace and hyphens, full-width forms to ASCII, ASCII letters upper-case (x -> X).

    Idempotent. Other characters are kept so the checks can say what is wrong.
    """
    text = fullwidth_to_ascii(text)
    return "".join(text.split()).replace("-", "").translate(_ASCII_LOWER_TO_UPPER)


def age_on(birth_date: date, today: date) -> int:
    """Completed years on `today` (a person born on 29 February comes of age on 1 March)."""
    years = today.year - birth_date.year
    if (today.month, today.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def gender_from_sequence(number: str) -> Gender:
    """The 17th character of an 18-character number: odd for men, even for women."""
    return Gender.MALE if int(number[16]) % 2 else Gender.FEMALE


HKMT_PREFIXES = frozenset({"81", "82", "83"})


def check_resident_id(text: str, *, today: date, path: str) -> ResidentIdInfo:
    """Check a 居民身份证 number (GB 11643-1999)."""
    number = normalize_id_number(text)
    province = number[:2] if len(number) >= 2 else ""
    issues = _resident_id_errors(number, path)
    if not issues:
        issues = _check_date_and_checksum(number, today=today, path=path, doc="身份证号码", doc_en="ID")
    if issues:
        return ResidentIdInfo(number, None, None, province, tuple(issues))
    birth = ric.get_birth_date(number)
    warnings: list[Issue] = []
    if province in HKMT_PREFIXES:
        # domain.md §3.1 accepts 81/82/83 for the number; the card itself is a residence permit.
        warnings.append(warning(
            path, "id.hkmt_prefix",
            "以81、82、83开头的是港澳台居民居住证号码，号码有效；请将证件类型改为“港澳台居民居住证”",
            "Numbers starting with 81, 82 or 83 are Hong Kong/Macau/Taiwan residence permits; the number is "
            "valid, but change the document type.",
        ))
    elif not _county_code_known(number[:6], birth.year):
        warnings.append(warning(
            path, "id.county_unknown",
            f"身份证号码的地址码{number[:6]}不在现行县级行政区划代码表中（可能是已撤销的旧代码，号码仍然有效），"
            "请核对证件原件",
            f"Address code {number[:6]} is not in the current county table (possibly a retired code; the "
            "number stays valid). Check against the original card.",
        ))
    return ResidentIdInfo(number, birth, gender_from_sequence(number), province, tuple(warnings))


def check_id_document(doc: IdDocument, *, today: date, path: str) -> IdDocCheck:
    """Check `doc.number` by `doc.doc_type`.

    `path` names the number field, e.g. ``operator.id_document.number``.
    """
    # == rather than `is`: a view may hand over the plain string value of the StrEnum.
    if doc.doc_type == IdDocType.RESIDENT_ID:
        info = check_resident_id(doc.number, today=today, path=path)
        return IdDocCheck(IdDocType.RESIDENT_ID, info.normalized, info.birth_date, info.gender, info.issues)
    if doc.doc_type == IdDocType.HKMT_RESIDENCE_PERMIT:
        return check_residence_permit(doc.number, today=today, path=path)
    if doc.doc_type == IdDocType.HK_MACAU_PERMIT:
        return check_hk_macau_permit(doc.number, path=path)
    if doc.doc_type == IdDocType.TAIWAN_PERMIT:
        return check_taiwan_permit(doc.number, path=path)
    return IdDocCheck(IdDocType.RESIDENT_ID, normalize_id_number(doc.number), None, None, (error(
        path, "id.doc_type_unknown", "请选择证件类型（外国人不能登记为个体工商户）",
        "Select the document type (foreigners may not register as a sole proprietor).",
    ),))


def check_residence_permit(text: str, *, today: date, path: str) -> IdDocCheck:
    """港澳台居民居住证: laid out and checked like a resident ID; address part 810000/820000/830000."""
    doc_type = IdDocType.HKMT_RESIDENCE_PERMIT
    number = normalize_id_number(text)
    issues: list[Issue] = []
    if not number:
        issues.append(error(path, "id.required", "请输入居住证号码", "Enter the residence permit number."))
    elif len(number) != 18:
        issues.append(error(path, "id.length", f"港澳台居民居住证号码应为18位，当前为{len(number)}位",
                            f"A residence permit number has 18 characters; {len(number)} entered."))
    elif not _RIC_SHAPE.fullmatch(number):
        issues.append(_format_error(path, "居住证号码"))
    elif number.startswith("9"):
        issues.append(_foreigner_error(path))
    elif number[:6] not in HKMT_PERMIT_PREFIXES:
        if number[:2] in PROVINCE_PREFIXES:
            issues.append(error(
                path, "id.wrong_doc_type_resident",
                "该号码是内地居民身份证号码，请将证件类型改为“居民身份证”",
                "This is a mainland resident ID number: change the document type to resident ID card.",
            ))
        else:
            issues.append(error(
                path, "id.permit_prefix",
                "港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头",
                "A residence permit number starts with 810000 (Hong Kong), 820000 (Macau) or 830000 "
                "(Taiwan).",
            ))
    else:
        issues = _check_date_and_checksum(number, today=today, path=path, doc="居住证号码",
                                          doc_en="residence permit")
    if issues:
        return IdDocCheck(doc_type, number, None, None, tuple(issues))
    return IdDocCheck(doc_type, number, ric.get_birth_date(number), gender_from_sequence(number), ())


def check_hk_macau_permit(text: str, *, path: str) -> IdDocCheck:
    """港澳居民来往内地通行证: H (Hong Kong) or M (Macau) + 8 digits; the old booklet had 10 digits.

    The number carries neither birth date nor gender.
    """
    number = normalize_id_number(text)
    issues: list[Issue] = []
    if not number:
        issues.append(error(path, "id.required", "请输入通行证号码", "Enter the permit number."))
    elif not _HK_MACAU_PERMIT.fullmatch(number):
        issues.append(error(
            path, "id.format",
            "港澳居民来往内地通行证号码应为H（香港）或M（澳门）加8位数字（旧版为10位数字），请核对",
            "A Hong Kong/Macau permit number is H (Hong Kong) or M (Macau) followed by 8 digits "
            "(10 on the old booklet).",
        ))
    return IdDocCheck(IdDocType.HK_MACAU_PERMIT, number, None, None, tuple(issues))


def check_taiwan_permit(text: str, *, path: str) -> IdDocCheck:
    """台湾居民来往大陆通行证: 8 digits since the 2015 card; older booklets 10 digits or 8 digits + a letter
    (the issue count, sometimes written in brackets: 12345678(B))."""
    number = normalize_id_number(text).replace("(", "").replace(")", "")
    issues: list[Issue] = []
    if not number:
        issues.append(error(path, "id.required", "请输入通行证号码", "Enter the permit number."))
    elif not _TAIWAN_PERMIT.fullmatch(number):
        issues.append(error(
            path, "id.format",
            "台湾居民来往大陆通行证号码应为8位数字（旧版为10位，或8位数字加一个字母），请核对",
            "A Taiwan resident permit number has 8 digits (older ones: 10 digits, or 8 digits and a letter).",
        ))
    return IdDocCheck(IdDocType.TAIWAN_PERMIT, number, None, None, tuple(issues))


# --- shared pieces -----------------------------------------------------------------------------------


def _resident_id_errors(number: str, path: str) -> list[Issue]:
    """Structural errors of a resident ID number, the most helpful one only."""
    if not number:
        return [error(path, "id.required", "请输入身份证号码", "Enter the ID number.")]
    if len(number) == 15 and number.isascii() and number.isdigit():
        return [error(path, "id.legacy_15", "15位的第一代身份证号码已停止使用，请提供18位身份证号码",
                      "15-digit first-generation ID numbers are no longer valid; provide the 18-digit "
                      "number.")]
    if len(number) == 15 and number[:3].isascii() and number[:3].isalpha() and number[3:].isdigit():
        # The 2004-2023 foreigner's permanent residence card: ISO country code + 12 digits.
        return [_foreigner_error(path)]
    if len(number) != 18:
        return [error(path, "id.length", f"身份证号码应为18位，当前为{len(number)}位",
                      f"A resident ID number has 18 characters; {len(number)} entered.")]
    if not _RIC_SHAPE.fullmatch(number):
        return [_format_error(path, "身份证号码")]
    if number.startswith("9"):
        return [_foreigner_error(path)]
    if number[:2] not in PROVINCE_PREFIXES and number[:2] not in HKMT_PREFIXES:
        return [error(path, "id.province",
                      f"身份证号码前两位（{number[:2]}）不是有效的省级行政区划代码，请核对后重新输入",
                      f"The first two digits ({number[:2]}) are not a province code. Check and re-enter.")]
    return []


def _check_date_and_checksum(number: str, *, today: date, path: str, doc: str, doc_en: str) -> list[Issue]:
    if number[-1] != ric.calc_check_digit(number):
        return [error(path, "id.checksum", f"{doc}校验位错误，请核对后重新输入",
                      f"The {doc_en} number's check character is wrong. Check and re-enter.")]
    try:
        birth = ric.get_birth_date(number)
    except ValidationError:
        y, m, d = number[6:10], number[10:12], number[12:14]
        return [error(path, "id.birth_date_invalid",
                      f"{doc}中的出生日期（{y}年{m}月{d}日）不存在，请核对后重新输入",
                      f"The birth date in the {doc_en} number ({y}-{m}-{d}) does not exist.")]
    if birth > today:
        return [error(path, "id.birth_date_future",
                      f"{doc}中的出生日期（{birth.isoformat()}）晚于今天，请核对",
                      f"The birth date in the {doc_en} number ({birth.isoformat()}) is in the future.")]
    return []


def _format_error(path: str, doc: str) -> Issue:
    return error(path, "id.format", f"{doc}前17位须为数字，最后一位为数字或字母X",
                 "The first 17 characters must be digits and the last a digit or X.")


def _foreigner_error(path: str) -> Issue:
    return error(
        path, "id.foreigner",
        "以9开头的是外国人永久居留身份证号码，外国人不能登记为个体工商户",
        "Numbers starting with 9 are foreigners' permanent residence ID cards; foreigners may not register "
        "as a sole proprietor (个体工商户).",
    )


@functools.lru_cache(maxsize=1024)
def _county_code_known(address_code: str, birth_year: int) -> bool:
    """Whether stdnum's county table has the code for that year (the first call loads the table, ~70 ms)."""
    probe = f"{address_code}{birth_year:04d}01010000"  # get_birth_place reads only the address and date
    try:
        ric.get_birth_place(probe)
    except ValidationError:
        return False
    except (OSError, LookupError):
        return True  # table missing from a broken install: no warning rather than a false one
    return True
