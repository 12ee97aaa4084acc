from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.issues import Severity
from counter_app.domain.model import IdDocType
from counter_app.domain.person_name import check_person_name

PATH = "operator.name"


def findings(name: str, doc_type: IdDocType = IdDocType.RESIDENT_ID) -> list[tuple[str, Severity]]:
    return [(i.code, i.severity) for i in check_person_name(name, path=PATH, doc_type=doc_type)]


@pytest.mark.parametrize("name", ["张三", "欧阳娜娜", "𠮷三", "刘䶮", "阿依古丽·买买提", "葛\U000E0100三",
                                  " 张三 "])
def test_real_names_pass(name: str) -> None:
    assert findings(name) == []


def test_required_and_optional() -> None:
    assert findings("") == [("person.name_required", Severity.ERROR)]
    assert check_person_name("", path=PATH, required=False) == []
    issue = check_person_name("", path=PATH, what_zh="经营者姓名")[0]
    assert issue.message_zh == "请填写经营者姓名"


@pytest.mark.parametrize("name", ["张3", "张三!", "张，三", "张 三", "张\t三"])
def test_invalid_characters(name: str) -> None:
    assert findings(name) == [("person.name_invalid_chars", Severity.ERROR)]


def test_single_character_name() -> None:
    assert findings("张") == [("person.name_too_short", Severity.ERROR)]


def test_middle_dot_rules() -> None:
    assert findings("·买买提") == [("person.name_dot_position", Severity.ERROR)]
    assert findings("买买提·") == [("person.name_dot_position", Severity.ERROR)]
    assert findings("阿依··买买提") == [("person.name_dot_position", Severity.ERROR)]
    assert findings("阿依古丽•买买提") == [("person.name_dot_variant", Severity.WARNING)]


def test_latin_letters_depend_on_the_document() -> None:
    assert findings("Zhang San") == [("person.name_latin", Severity.ERROR)]
    for doc_type in (IdDocType.HK_MACAU_PERMIT, IdDocType.TAIWAN_PERMIT, IdDocType.HKMT_RESIDENCE_PERMIT):
        assert findings("Chan Tai Man", doc_type) == [("person.name_latin_permit", Severity.WARNING)]
    assert findings("陈大文", IdDocType.HK_MACAU_PERMIT) == []


def test_pasted_text_is_too_long() -> None:
    assert findings("张" * 51) == [("person.name_too_long", Severity.ERROR)]


@given(st.text(), st.sampled_from(list(IdDocType)))
def test_never_raises(name: str, doc_type: IdDocType) -> None:
    for issue in check_person_name(name, path=PATH, doc_type=doc_type):
        assert issue.path == PATH and issue.message_zh and issue.message_en


@given(st.text(alphabet=st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF), min_size=2, max_size=6))
def test_any_ext_b_name_is_accepted(name: str) -> None:
    assert findings(name) == []
