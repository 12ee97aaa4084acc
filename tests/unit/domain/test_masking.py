from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.hanzi import graphemes
from counter_app.domain.masking import mask_address, mask_id_number, mask_name, mask_phone

from .samples import OPERATOR_ID


def visible(masked: str) -> int:
    return sum(ch != "*" for ch in masked)


def test_resident_id_as_in_the_spec() -> None:
    assert mask_id_number(OPERATOR_ID) == "110105********002X"
    assert mask_id_number(" 110105 19491231 002X ") == "110105********002X"


@pytest.mark.parametrize(("number", "masked"), [
    ("H12345678", "H1*****78"),  # HK/Macau permit
    ("12345678", "12****78"),  # Taiwan permit
    ("1234567", "1*****7"),
    ("1234", "1**4"),
    ("123", "***"),
    ("", ""),
])
def test_shorter_document_numbers(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked


def test_phones() -> None:
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("+86 138-0013-8000") == "138****8000"
    assert mask_phone("0812-3331234") == "0812-****234"
    assert mask_phone("010-62345678") == "010-****5678"
    assert mask_phone("0812-3331234转801") == "0812-****234-801"
    assert mask_phone("12") == "**"


@pytest.mark.parametrize(("name", "masked"), [
    ("张三", "张*"),
    ("张三丰", "张**"),
    ("欧阳娜娜", "欧阳**"),
    ("欧阳娜", "欧**"),  # three characters: never reveal two of them
    ("王小明明", "王***"),
    ("𠮷三", "𠮷*"),  # Ext. B character: one code point, one character
    ("三𠮷", "三*"),
    ("䶮", "*"),
    ("阿依古丽·买买提", "阿***·***"),
    ("Chan Tai Man", "C*** *** ***"),
    ("", ""),
])
def test_names(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_variation_selector_stays_with_its_character() -> None:
    name = "葛\U000E0100三"  # 葛 with an ideographic variation selector
    assert mask_name(name) == "葛\U000E0100*"


def test_address_keeps_only_the_region() -> None:
    assert mask_address("四川省攀枝花市仁和区仁和镇迤资村三组12号") == "四川省攀枝花" + "*" * 15


@given(st.text())
def test_masking_never_raises_and_never_reveals_more_than_half(text: str) -> None:
    compact = "".join(text.split())
    masked_id = mask_id_number(text)
    assert len(masked_id) == len(compact)
    if len(compact) < 18:
        assert visible(masked_id) <= len(compact) // 2
    mask_phone(text)
    masked_name = mask_name(text)
    assert len(graphemes(masked_name)) == len(graphemes(text.strip()))
    masked_address = mask_address(text)
    # Counted in user-visible characters: a combining mark rides on the character before it.
    shown = sum(g != "*" for g in graphemes(masked_address))
    assert shown <= max(len(graphemes(text.strip())) // 2, 0) + text.count("*")


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_mobile_mask_shape(number: str) -> None:
    assert mask_phone(number) == number[:3] + "****" + number[7:]
