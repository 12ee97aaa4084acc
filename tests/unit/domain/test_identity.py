from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from counter_app.domain.identity import (
    PROVINCE_PREFIXES,
    age_on,
    check_id_document,
    check_residence_permit,
    check_resident_id,
    normalize_id_number,
)
from counter_app.domain.issues import Issue, Severity
from counter_app.domain.model import Gender, IdDocType, IdDocument

from .samples import BAD_DATE_ID, OPERATOR_ID, RETIRED_COUNTY_ID, TODAY

PATH = "operator.id_document.number"


def with_check(body17: str) -> str:
    """Append the correct GB 11643 check character."""
    return body17 + ric.calc_check_digit(body17 + "0")


def codes(issues: Sequence[Issue]) -> list[str]:
    return [i.code for i in issues]


# --- domain.md worked examples ---------------------------------------------------------------------


def test_known_valid_female() -> None:
    info = check_resident_id(OPERATOR_ID, today=TODAY, path=PATH)
    assert info.is_valid and info.issues == ()
    assert info.gender is Gender.FEMALE
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.province_code == "11"


def test_retired_county_code_is_valid_with_a_warning_only() -> None:
    # The trap: stdnum's own validate rejects the standard's example because 440524 is retired.
    with pytest.raises(ValidationError):
        ric.validate(RETIRED_COUNTY_ID)
    info = check_resident_id(RETIRED_COUNTY_ID, today=TODAY, path=PATH)
    assert info.is_valid
    assert info.gender is Gender.MALE
    assert info.birth_date == dt.date(1880, 1, 1)
    assert [(i.code, i.severity) for i in info.issues] == [("id.county_unknown", Severity.WARNING)]
    assert "440524" in info.issues[0].message_zh and info.issues[0].path == PATH


def test_non_existent_birth_date_is_an_error_even_with_a_good_checksum() -> None:
    assert ric.calc_check_digit(BAD_DATE_ID) == BAD_DATE_ID[-1]
    info = check_resident_id(BAD_DATE_ID, today=TODAY, path=PATH)
    assert not info.is_valid
    assert codes(info.issues) == ["id.birth_date_invalid"]
    assert "2001年02月29日" in info.issues[0].message_zh
    assert info.birth_date is None and info.gender is None


# --- the other rules --------------------------------------------------------------------------------


def test_bad_checksum_has_a_clear_chinese_message() -> None:
    info = check_resident_id("110105194912310021", today=TODAY, path=PATH)
    assert codes(info.issues) == ["id.checksum"]
    assert info.issues[0].message_zh == "身份证号码校验位错误，请核对后重新输入"
    assert info.issues[0].message_en and info.issues[0].severity is Severity.ERROR


def test_lowercase_x_spaces_and_fullwidth_are_normalised() -> None:
    for text in ("11010519491231002x", " 110105 19491231 002X ", "１１０１０５１９４９１２３１００２ｘ",
                 "110105-19491231-002X"):
        info = check_resident_id(text, today=TODAY, path=PATH)
        assert info.normalized == OPERATOR_ID and info.is_valid, text


def test_birth_date_in_the_future() -> None:
    number = with_check("51041120270101001")
    info = check_resident_id(number, today=TODAY, path=PATH)
    assert codes(info.issues) == ["id.birth_date_future"]
    # ... but fine once that day has come
    assert check_resident_id(number, today=dt.date(2027, 1, 1), path=PATH).is_valid


def test_foreigner_permanent_residence_number_is_rejected() -> None:
    number = with_check("91100019800101001")
    info = check_resident_id(number, today=TODAY, path=PATH)
    assert codes(info.issues) == ["id.foreigner"]
    assert "外国人不能登记为个体工商户" in info.issues[0].message_zh


@pytest.mark.parametrize("prefix", ["00", "10", "16", "20", "24", "30", "38", "40", "47", "55", "60", "66",
                                    "71"])
def test_invalid_province_prefix(prefix: str) -> None:
    info = check_resident_id(with_check(prefix + "010519800101001"), today=TODAY, path=PATH)
    assert codes(info.issues) == ["id.province"]
    assert prefix in info.issues[0].message_zh


@pytest.mark.parametrize("prefix", ["81", "82", "83"])
def test_hkmt_prefix_is_valid_but_asks_for_the_residence_permit_type(prefix: str) -> None:
    info = check_resident_id(with_check(prefix + "000019900101002"), today=TODAY, path=PATH)
    assert codes(info.issues) == ["id.hkmt_prefix"]
    assert info.issues[0].severity is Severity.WARNING
    assert info.birth_date == dt.date(1990, 1, 1)
    assert "港澳台居民居住证" in info.issues[0].message_zh


def test_every_listed_province_prefix_is_accepted() -> None:
    assert len(PROVINCE_PREFIXES) == 31
    for prefix in PROVINCE_PREFIXES:
        info = check_resident_id(with_check(prefix + "010119800101001"), today=TODAY, path=PATH)
        assert info.is_valid, prefix


@pytest.mark.parametrize(("text", "code"), [
    ("", "id.required"),
    ("   ", "id.required"),
    ("11010519491231002", "id.length"),
    ("11010519491231002X1", "id.length"),
    ("110105491231002", "id.legacy_15"),
    ("1101051949123100AX", "id.format"),
    ("X1010519491231002X", "id.format"),
    ("11010519491231002Y", "id.format"),
])
def test_structural_errors(text: str, code: str) -> None:
    info = check_resident_id(text, today=TODAY, path=PATH)
    assert codes(info.issues) == [code]


def test_length_message_says_how_many_characters_were_typed() -> None:
    info = check_resident_id("1101051949", today=TODAY, path=PATH)
    assert "当前为10位" in info.issues[0].message_zh


def test_age_on_birthdays() -> None:
    assert age_on(dt.date(2008, 3, 2), TODAY) == 18
    assert age_on(dt.date(2008, 3, 3), TODAY) == 17
    leapling = dt.date(2004, 2, 29)
    assert age_on(leapling, dt.date(2022, 2, 28)) == 17
    assert age_on(leapling, dt.date(2022, 3, 1)) == 18


# --- other documents --------------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "normalized"), [
    ("H12345678", "H12345678"), ("m12345678", "M12345678"), ("H1234567801", "H1234567801"),
    ("Ｈ１２３４５６７８", "H12345678"),
])
def test_hk_macau_permit_valid(number: str, normalized: str) -> None:
    check = check_id_document(IdDocument(IdDocType.HK_MACAU_PERMIT, number), today=TODAY, path=PATH)
    assert check.is_valid and check.normalized == normalized
    assert check.birth_date is None and check.gender is None  # the number carries neither


@pytest.mark.parametrize("number", ["H1234567", "H123456789", "A12345678", "12345678", "HH2345678"])
def test_hk_macau_permit_invalid(number: str) -> None:
    check = check_id_document(IdDocument(IdDocType.HK_MACAU_PERMIT, number), today=TODAY, path=PATH)
    assert codes(check.issues) == ["id.format"] and "H" in check.issues[0].message_zh


@pytest.mark.parametrize(("number", "normalized"), [
    ("12345678", "12345678"), ("1234567890", "1234567890"), ("12345678(B)", "12345678B"),
    ("12345678（B）", "12345678B"),
])
def test_taiwan_permit_valid(number: str, normalized: str) -> None:
    check = check_id_document(IdDocument(IdDocType.TAIWAN_PERMIT, number), today=TODAY, path=PATH)
    assert check.is_valid and check.normalized == normalized


@pytest.mark.parametrize("number", ["1234567", "123456789", "T1234567", "12345678BB"])
def test_taiwan_permit_invalid(number: str) -> None:
    check = check_id_document(IdDocument(IdDocType.TAIWAN_PERMIT, number), today=TODAY, path=PATH)
    assert codes(check.issues) == ["id.format"]


@pytest.mark.parametrize(("prefix", "sequence", "gender"), [
    ("810000", "002", Gender.FEMALE), ("820000", "011", Gender.MALE), ("830000", "124", Gender.FEMALE),
])
def test_residence_permit_valid_derives_birth_and_gender(prefix: str, sequence: str, gender: Gender) -> None:
    number = with_check(prefix + "19900215" + sequence)
    check = check_id_document(IdDocument(IdDocType.HKMT_RESIDENCE_PERMIT, number), today=TODAY, path=PATH)
    assert check.is_valid
    assert check.birth_date == dt.date(1990, 2, 15) and check.gender is gender


def test_residence_permit_errors() -> None:
    def first_code(number: str) -> str:
        return check_residence_permit(number, today=TODAY, path=PATH).issues[0].code

    assert first_code(OPERATOR_ID) == "id.wrong_doc_type_resident"
    assert first_code(with_check("85000019900101002")) == "id.permit_prefix"
    assert first_code(with_check("81000019900230002")) == "id.birth_date_invalid"
    good = with_check("81000019900101002")
    bad_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert first_code(bad_check) == "id.checksum"
    assert first_code(with_check("91000019900101002")) == "id.foreigner"
    assert first_code("8100001990") == "id.length"
    assert first_code("") == "id.required"


def test_resident_id_via_dispatcher_keeps_warnings() -> None:
    check = check_id_document(IdDocument(IdDocType.RESIDENT_ID, RETIRED_COUNTY_ID), today=TODAY, path=PATH)
    assert check.is_valid and codes(check.issues) == ["id.county_unknown"]
    assert check.doc_type is IdDocType.RESIDENT_ID


# --- properties --------------------------------------------------------------------------------------


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_id_number(text)
    assert normalize_id_number(once) == once
    assert not any(ch.isspace() for ch in once)


@given(st.text(), st.sampled_from(list(IdDocType)))
def test_checks_never_raise_and_use_the_given_path(text: str, doc_type: IdDocType) -> None:
    check = check_id_document(IdDocument(doc_type, text), today=TODAY, path=PATH)
    assert all(i.path == PATH and i.message_zh and i.message_en for i in check.issues)
    if not check.is_valid:
        assert check.birth_date is None and check.gender is None


@given(st.text(alphabet="0123456789Xx -", max_size=22))
def test_digit_strings_never_raise(text: str) -> None:
    check_resident_id(text, today=TODAY, path=PATH)


birth_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)


@given(st.sampled_from(sorted(PROVINCE_PREFIXES)), st.integers(0, 9999), birth_dates, st.integers(0, 999))
def test_generated_valid_numbers_are_accepted(province: str, county: int, birth: dt.date, seq: int) -> None:
    number = with_check(f"{province}{county:04d}{birth:%Y%m%d}{seq:03d}")
    info = check_resident_id(number, today=TODAY, path=PATH)
    assert info.is_valid, info.issues
    assert info.birth_date == birth
    assert info.gender is (Gender.MALE if seq % 2 else Gender.FEMALE)
    assert all(i.severity is Severity.WARNING for i in info.issues)


@given(st.sampled_from(sorted(PROVINCE_PREFIXES)), birth_dates, st.integers(0, 999), st.integers(0, 16),
       st.integers(1, 9))
def test_any_single_digit_error_is_caught(province: str, birth: dt.date, seq: int, pos: int,
                                          delta: int) -> None:
    number = with_check(f"{province}0101{birth:%Y%m%d}{seq:03d}")
    digits = list(number)
    digits[pos] = str((int(digits[pos]) + delta) % 10)
    assert not check_resident_id("".join(digits), today=TODAY, path=PATH).is_valid


def test_plain_string_document_types_dispatch_like_the_enum() -> None:
    doc = IdDocument("hk_macau_permit", "H12345678")  # type: ignore[arg-type]
    assert check_id_document(doc, today=TODAY, path=PATH).is_valid
    unknown = IdDocument("passport", "E12345678")  # type: ignore[arg-type]
    check = check_id_document(unknown, today=TODAY, path=PATH)
    assert codes(check.issues) == ["id.doc_type_unknown"] and "外国人" in check.issues[0].message_zh


@pytest.mark.parametrize("number", ["USA110012345678", "usa110012345678", "930000199001010012"])
def test_foreigner_permanent_residence_numbers_old_and_new_are_refused(number: str) -> None:
    info = check_resident_id(number, today=TODAY, path=PATH)
    assert codes(info.issues) == ["id.foreigner"]
    assert "外国人" in info.issues[0].message_zh
