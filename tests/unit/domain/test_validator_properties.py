"""Hypothesis on every validator a clerk's typing (or a tampered submission) reaches: whatever the text —
random Unicode, control characters, path-like strings, enormous input — each returns findings and never
raises; what it accepts really is well-formed; and the whole-application validator reports control
characters in every text field."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric
from stdnum.cn import uscc as stdnum_uscc

from counter_app.demo import load_sample_application
from counter_app.domain.business_name import check_business_name, parse_business_name
from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.domain.contact import (
    check_any_phone,
    check_email,
    check_landline,
    check_mobile,
    check_postal_code,
)
from counter_app.domain.identity import (
    check_hk_macau_permit,
    check_id_document,
    check_residence_permit,
    check_resident_id,
    check_taiwan_permit,
    normalize_id_number,
)
from counter_app.domain.issues import Issue
from counter_app.domain.masking import mask_address, mask_id_number, mask_name, mask_phone
from counter_app.domain.model import Application, IdDocType, IdDocument
from counter_app.domain.person_name import check_person_name
from counter_app.domain.phone import normalize_landline, normalize_mobile, normalize_phone, parse_landline
from counter_app.domain.text_safety import text_fields
from counter_app.domain.uscc import IdentifierKind, check_uscc, classify_identifier
from counter_app.domain.validation import validate_application

TODAY = dt.date(2026, 11, 27)
PROPS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text as it arrives: anything Unicode, plus the nasty corners drawn on purpose.
NASTY = st.sampled_from(["\x00", "\n", "\r\n", "\t", "\x1b[31m", "\u202e", "\u200b", "\ufeff", "../", "..\\",
                         "/etc/passwd", "C:\\Windows\\", "CON", "%s%n", "{0}", "'; DROP TABLE", "\ud800",
                         "𠮷", "䶮", "１", "Ｘ", "·", "　", "\U000e0100", "\x85", "\u2028"])
TEXT = st.one_of(st.text(max_size=40),
                 st.lists(st.one_of(NASTY, st.text(max_size=4)), max_size=12).map("".join),
                 st.text(alphabet="0123456789Xx -", max_size=24))
CONTROL = st.sampled_from(["\x00", "\x07", "\n", "\t", "\x1b", "\x7f", "\u202e", "\u200b", "\ufeff", "\x9b"])


def _issues_ok(issues: list[Issue], path: str) -> None:
    assert isinstance(issues, list)
    for issue in issues:
        assert issue.path == path and issue.code and issue.severity in ("error", "warning")
        assert issue.message_zh and issue.message_en


def _ric(area: str, born: dt.date, sequence: int) -> str:
    body = f"{area}{born:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body)


RIC = st.builds(_ric, st.sampled_from(["110101", "510411", "440524", "810000", "999999"]),
                st.dates(dt.date(1900, 1, 1), dt.date(2030, 1, 1)), st.integers(0, 999))


@PROPS
@given(st.one_of(TEXT, RIC, RIC.map(lambda n: f"{n[:6]} {n[6:14]} {n[14:].lower()}")))
def test_resident_id_never_raises_and_accepts_only_valid_numbers(text: str) -> None:
    info = check_resident_id(text, today=TODAY, path="p")
    _issues_ok(list(info.issues), "p")
    if info.is_valid:
        number = normalize_id_number(text)
        assert re.fullmatch(r"[0-9]{17}[0-9X]", number) and info.birth_date is not None
        assert info.birth_date <= TODAY


@PROPS
@given(TEXT, st.sampled_from(list(IdDocType)))
def test_every_id_document_type_never_raises(text: str, doc_type: IdDocType) -> None:
    result = check_id_document(IdDocument(doc_type=doc_type, number=text), today=TODAY, path="p")
    _issues_ok(list(result.issues), "p")
    for check in (check_residence_permit(text, today=TODAY, path="p"), check_hk_macau_permit(text, path="p"),
                  check_taiwan_permit(text, path="p")):
        _issues_ok(list(check.issues), "p")


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Well-formed codes too (a check digit computed by python-stdnum), so the accepting branch is exercised.
USCC = st.text(alphabet=_USCC_ALPHABET, min_size=17, max_size=17).map(
    lambda body: body + stdnum_uscc.calc_check_digit(body))


@PROPS
@given(st.one_of(TEXT, USCC, USCC.map(lambda code: f" {code.lower()} ")))
def test_uscc_and_classification_never_raise(text: str) -> None:
    info = check_uscc(text, path="p")
    _issues_ok(list(info.issues), "p")
    if info.is_valid:
        assert re.fullmatch(r"[0-9A-HJ-NPQRTUWXY]{18}", info.normalized)
        assert stdnum_uscc.is_valid(info.normalized)
    assert classify_identifier(text) in set(IdentifierKind)


@PROPS
@given(TEXT)
def test_phones_normalise_to_digits_or_nothing(text: str) -> None:
    mobile = normalize_mobile(text)
    assert mobile is None or re.fullmatch(r"1[0-9]{10}", mobile)
    landline = normalize_landline(text)
    assert landline is None or not any(ch.isspace() or ord(ch) < 32 for ch in landline)
    parse_landline(text)
    phone = normalize_phone(text)
    assert phone is None or phone in (mobile, landline)
    for check in (check_mobile(text, path="p", required=True), check_landline(text, path="p"),
                  check_any_phone(text, path="p"), check_email(text, path="p"),
                  check_postal_code(text, path="p")):
        _issues_ok(check, "p")


@PROPS
@given(TEXT)
def test_business_and_person_names_never_raise(text: str) -> None:
    _issues_ok(check_business_name(text, path="business_name"), "business_name")
    parse_business_name(text)
    for doc_type in IdDocType:
        _issues_ok(check_person_name(text, path="n", doc_type=doc_type), "n")


@PROPS
@given(TEXT, CONTROL)
def test_a_name_with_a_control_character_is_an_error(text: str, control: str) -> None:
    issues = check_person_name(f"张{control}三{text}", path="n")
    assert any(i.severity == "error" for i in issues)


@PROPS
@given(TEXT)
def test_masking_never_raises_and_never_shows_more_than_it_got(text: str) -> None:
    for masked in (mask_id_number(text), mask_phone(text), mask_name(text), mask_address(text)):
        assert isinstance(masked, str)
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 15:
        assert digits not in mask_id_number(text)


_SAMPLE = load_sample_application()
_PATHS = [path for path, _ in text_fields(_SAMPLE)]


def _with_text(app: Application, path: str, value: str) -> Application:
    """A copy of `app` with the text field at `path` ("operator.name", "family_members[0].name") set."""
    head, _, rest = path.partition(".")
    match = re.fullmatch(r"(\w+)\[(\d+)\]", head)
    if match:
        items = list(getattr(app, match.group(1)))
        index = int(match.group(2))
        items[index] = value if not rest else _with_text(items[index], rest, value)
        return dataclasses.replace(app, **{match.group(1): items})  # type: ignore[arg-type]
    if not rest:
        return dataclasses.replace(app, **{head: value})  # type: ignore[arg-type]
    return dataclasses.replace(app, **{head: _with_text(getattr(app, head), rest, value)})  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PATHS), TEXT)
def test_any_text_in_any_field_of_an_application_never_raises(path: str, text: str) -> None:
    issues = validate_application(_with_text(_SAMPLE, path, text), today=TODAY)
    assert all(isinstance(i, Issue) for i in issues)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PATHS), TEXT, CONTROL)
def test_control_characters_in_any_text_field_are_reported_on_that_field(path: str, text: str,
                                                                          control: str) -> None:
    value = f"{text}{control}x"
    issues = validate_application(_with_text(_SAMPLE, path, value), today=TODAY)
    found = [i for i in issues if i.code == "text.control_characters"]
    assert [i.path for i in found] == [path]
    assert found[0].severity == "error" and "控制字符" in found[0].message_zh
    assert control not in found[0].message_zh and control not in found[0].message_en  # named, never raw


_CATALOGUE = ScopeCatalogue.load_default()


@PROPS
@given(st.one_of(TEXT, st.sampled_from([i.id for i in _CATALOGUE.items]),
                 st.sampled_from([i.name_zh for i in _CATALOGUE.items]).map(lambda s: s[:3])))
def test_catalogue_lookups_and_search_never_raise(text: str) -> None:
    item = _CATALOGUE.get(text)
    assert item is None or item.id == text
    assert (text in _CATALOGUE) == (item is not None)
    results = _CATALOGUE.search(text)
    assert all(r in _CATALOGUE.items for r in results)


def test_the_sample_has_text_fields_to_fuzz() -> None:
    assert len(_PATHS) > 30 and "operator.name" in _PATHS and "premises.detail" in _PATHS
