from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from counter_app.domain.uscc import IdentifierKind, check_uscc, classify_identifier

from .samples import OPERATOR_ID, RETIRED_COUNTY_ID, USCC_LOOKALIKE_ID

PATH = "licence.uscc"


@pytest.mark.parametrize("code", ["92330782MA2H7K3C6Q", "92110105MA01R7PT00"])
def test_domain_md_individual_business_codes_are_valid(code: str) -> None:
    info = check_uscc(code, path=PATH)
    assert info.is_valid and info.issues == ()
    assert info.is_individual_business
    assert (info.registering_department, info.entity_type) == ("9", "2")


def test_enterprise_code_is_valid_but_not_a_sole_proprietor() -> None:
    code = "91350100M000100Y43"
    assert check_uscc(code, path=PATH, require_individual=False).is_valid
    info = check_uscc(code, path=PATH)
    assert [i.code for i in info.issues] == ["uscc.not_individual"]
    assert "92" in info.issues[0].message_zh


def test_normalisation() -> None:
    assert check_uscc(" 92110105ma01r7pt00 ", path=PATH).normalized == "92110105MA01R7PT00"
    assert check_uscc("9211-0105-MA01-R7PT00", path=PATH).is_valid


@pytest.mark.parametrize(("text", "code"), [
    ("", "uscc.required"),
    ("92110105MA01R7PT0", "uscc.length"),
    ("92110105MA01R7PTO0", "uscc.format"),  # letter O is not in the alphabet
    ("9211010AMA01R7PT00", "uscc.format"),  # positions 3-8 are digits
    ("92110105MA01R7PT01", "uscc.checksum"),
])
def test_errors(text: str, code: str) -> None:
    assert [i.code for i in check_uscc(text, path=PATH).issues] == [code]


def test_resident_id_that_passes_the_uscc_checksum_is_classified_by_structure() -> None:
    # The trap of domain.md §3.2: this ID number's last digit also satisfies the USCC check.
    assert stdnum_uscc.is_valid(USCC_LOOKALIKE_ID)
    assert classify_identifier(USCC_LOOKALIKE_ID) is IdentifierKind.RESIDENT_ID
    assert [i.code for i in check_uscc(USCC_LOOKALIKE_ID, path=PATH).issues] == ["uscc.is_resident_id"]


@pytest.mark.parametrize(("text", "kind"), [
    (OPERATOR_ID, IdentifierKind.RESIDENT_ID),
    (RETIRED_COUNTY_ID, IdentifierKind.RESIDENT_ID),
    ("92110105MA01R7PT00", IdentifierKind.USCC),
    ("91110000600037341L", IdentifierKind.USCC),
    ("911000198001010019", IdentifierKind.FOREIGN_PERMANENT_ID),
    ("12345", IdentifierKind.UNKNOWN),
    ("中华人民共和国中华人民共和国中华人民", IdentifierKind.UNKNOWN),
])
def test_classify(text: str, kind: IdentifierKind) -> None:
    assert classify_identifier(text) is kind


@given(st.text())
def test_never_raises(text: str) -> None:
    info = check_uscc(text, path=PATH)
    assert all(i.path == PATH for i in info.issues)
    classify_identifier(text)


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_any_code_with_the_right_check_character_passes_the_checksum(body: str) -> None:
    code = body + stdnum_uscc.calc_check_digit(body + "0")
    codes = [i.code for i in check_uscc(code, path=PATH, require_individual=False).issues]
    assert "uscc.checksum" not in codes
