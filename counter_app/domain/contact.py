"""Contact fields shared by the operator, liaison, agent and business: phones, e-mail, postal code."""

from __future__ import annotations

import re

from counter_app.domain.findings import error, warning
from counter_app.domain.hanzi import fullwidth_to_ascii
from counter_app.domain.issues import Issue
from counter_app.domain.phone import normalize_mobile, normalize_phone, parse_landline

_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
_POSTAL_CODE = re.compile(r"[0-9]{6}")


def check_mobile(text: str, *, path: str, required: bool) -> list[Issue]:
    if not text.strip():
        if not required:
            return []
        return [error(path, "phone.mobile_required", "请填写移动电话", "Enter a mobile number.")]
    if normalize_mobile(text) is None:
        return [error(path, "phone.mobile_invalid", "移动电话号码格式不正确，应为以1开头的11位手机号码",
                      "Invalid mobile number: 11 digits starting with 1.")]
    return []


def check_landline(text: str, *, path: str) -> list[Issue]:
    """Optional landline; a number without an area code is accepted with a warning."""
    if not text.strip():
        return []
    parsed = parse_landline(text)
    if parsed is None:
        return [error(path, "phone.landline_invalid",
                      "固定电话格式不正确，应为区号加7至8位号码，如0812-3331234",
                      "Invalid landline: area code plus 7-8 digits, e.g. 0812-3331234.")]
    if not parsed.area_code:
        return [warning(path, "phone.landline_no_area_code", "固定电话请加上区号，如0812-3331234",
                        "Add the area code to the landline, e.g. 0812-3331234.")]
    return []


def check_any_phone(text: str, *, path: str) -> list[Issue]:
    """Optional business contact number: mobile or landline."""
    if not text.strip() or normalize_phone(text) is not None:
        return []
    return [error(path, "phone.invalid", "联系电话格式不正确，请填写11位手机号码或带区号的固定电话",
                  "Invalid phone number: an 11-digit mobile or a landline with area code.")]


def check_email(text: str, *, path: str) -> list[Issue]:
    text = text.strip()
    if not text or _EMAIL.fullmatch(fullwidth_to_ascii(text)):
        return []
    return [error(path, "email.invalid", "电子邮箱格式不正确，如zhangsan@example.com",
                  "Invalid e-mail address, e.g. zhangsan@example.com.")]


def check_postal_code(text: str, *, path: str) -> list[Issue]:
    text = fullwidth_to_ascii(text).strip()
    if not text or _POSTAL_CODE.fullmatch(text):
        return []
    return [error(path, "postal_code.invalid", "邮政编码应为6位数字", "A postal code has 6 digits.")]
