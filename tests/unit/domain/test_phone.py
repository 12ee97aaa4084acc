from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.phone import (
    Landline,
    normalize_landline,
    normalize_mobile,
    normalize_phone,
    parse_landline,
)


@pytest.mark.parametrize("text", [
    "13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "+8613800138000",
    "008613800138000", "8613800138000", "１３８００１３８０００", " 13800138000 ",
])
def test_mobile_forms_normalise(text: str) -> None:
    assert normalize_mobile(text) == "13800138000"


@pytest.mark.parametrize("text", [
    "", "1380013800", "138001380001", "12800138000", "23800138000", "1380013800a", "+8712800138000",
    "0812-3331234", "+86 12800138000",
])
def test_not_mobiles(text: str) -> None:
    assert normalize_mobile(text) is None


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_no_carrier_prefix_is_hard_coded(prefix: str) -> None:
    assert normalize_mobile(prefix + "912345678") == prefix + "912345678"


@pytest.mark.parametrize(("text", "expected"), [
    ("0812-3331234", Landline("0812", "3331234")),
    ("(0812)333-1234", Landline("0812", "3331234")),
    ("（0812）3331234", Landline("0812", "3331234")),
    ("0812 3331234转801", Landline("0812", "3331234", "801")),
    ("0812-3331234-801", Landline("0812", "3331234", "801")),
    ("0812-3331234 ext. 12", Landline("0812", "3331234", "12")),
    ("08123331234", Landline("0812", "3331234")),
    ("010-62345678", Landline("010", "62345678")),
    ("01062345678", Landline("010", "62345678")),
    ("020 8765 4321", Landline("020", "87654321")),
    ("+86 812 3331234", Landline("0812", "3331234")),
    ("3331234", Landline("", "3331234")),
    ("400-810-8888", Landline("400", "8108888")),
])
def test_landline_parsing(text: str, expected: Landline) -> None:
    assert parse_landline(text) == expected


@pytest.mark.parametrize("text", ["", "0812-0331234", "0812-1331234", "0812-333123", "0812-333123456",
                                  "13800138000", "abc", "0812-3331234转", "0812-3331234转abc",
                                  "333-1234-801"])
def test_not_landlines(text: str) -> None:
    assert parse_landline(text) is None


def test_formatted() -> None:
    assert normalize_landline("(0812)333-1234") == "0812-3331234"
    assert normalize_landline("0812 3331234转801") == "0812-3331234-801"
    assert normalize_landline("3331234") == "3331234"


def test_normalize_phone_takes_either_kind() -> None:
    assert normalize_phone("+86 138 0013 8000") == "13800138000"
    assert normalize_phone("(0812)3331234") == "0812-3331234"
    assert normalize_phone("hello") is None


def assert_idempotent(text: str) -> None:
    for normalise in (normalize_mobile, normalize_landline, normalize_phone):
        once = normalise(text)
        if once is not None:
            assert normalise(once) == once


@given(st.text())
def test_never_raise_and_idempotent(text: str) -> None:
    assert_idempotent(text)


@given(st.text(alphabet="0123456789+-() 转#ext", max_size=25))
def test_phone_like_text_never_raises_and_is_idempotent(text: str) -> None:
    assert_idempotent(text)


@given(st.integers(3, 9), st.integers(0, 10**9 - 1))
def test_every_mobile_round_trips(second: int, rest: int) -> None:
    number = f"1{second}{rest:09d}"
    assert normalize_mobile(f"+86 {number[:3]} {number[3:7]} {number[7:]}") == number
