from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from counter_app.domain.catalogue import ScopeCatalogue, ScopeItem, ScopeKind
from counter_app.domain.issues import Issue, Severity, has_errors
from counter_app.domain.model import (
    Address,
    Agent,
    Application,
    ApprovalDocument,
    CompositionForm,
    FamilyMember,
    Gender,
    IdDocType,
    IdDocument,
)
from counter_app.domain.validation import ValidationConfig, validate_application

from .samples import BAD_DATE_ID, OPERATOR_ID, RETIRED_COUNTY_ID, TODAY

MakeApp = Callable[[], Application]
GROUP_ORDER = ["business", "premises", "scope", "operator", "family", "liaison", "agent", "commitments"]
_GROUP_OF_ROOT = {
    "business_name": "business", "capital_wan": "business", "employees": "business",
    "business_phone": "business", "postal_code": "business", "paper_copies": "business",
    "premises": "premises", "online_premises": "premises",
    "scope_item_ids": "scope", "approval_documents": "scope", "operator": "operator",
    "family_members": "family", "liaison": "liaison", "agent": "agent", "commitments": "commitments",
}


def validate(app: Application, **kwargs: Any) -> list[Issue]:
    return validate_application(app, today=TODAY, **kwargs)


def found(app: Application, **kwargs: Any) -> set[tuple[str, str]]:
    """(path, code) pairs."""
    return {(i.path, i.code) for i in validate(app, **kwargs)}


def errors(app: Application, **kwargs: Any) -> set[tuple[str, str]]:
    return {(i.path, i.code) for i in validate(app, **kwargs) if i.severity is Severity.ERROR}


def id_born(birth: dt.date, seq: str = "001", prefix: str = "510411") -> str:
    body = f"{prefix}{birth:%Y%m%d}{seq}"
    return body + ric.calc_check_digit(body + "0")


def resolve(app: Application, path: str) -> object:
    """Follow an issue path (``family_members[0].id_document.number``) through the model."""
    node: object = app
    for part in path.split("."):
        match = re.fullmatch(r"(\w+)(?:\[(\d+)\])?", part)
        assert match, path
        node = getattr(node, match.group(1))
        if match.group(2) is not None:
            assert isinstance(node, list)
            node = node[int(match.group(2))]
    return node


# --- the complete application -----------------------------------------------------------------------


def test_complete_application_has_no_errors(make_app: MakeApp) -> None:
    issues = validate(make_app())
    assert not has_errors(issues)
    assert [(i.path, i.code) for i in issues] == [
        ("family_members[0].id_document.number", "id.county_unknown")]


def test_serialised_round_trip_validates_the_same(make_app: MakeApp) -> None:
    app = make_app()
    assert validate(Application.from_dict(app.to_dict())) == validate(app)


def test_empty_application_lists_everything_in_form_order() -> None:
    issues = validate(Application())
    groups = [_GROUP_OF_ROOT[re.split(r"[.\[]", i.path)[0]] for i in issues]
    assert groups == sorted(groups, key=GROUP_ORDER.index)
    assert {"business", "premises", "scope", "operator", "liaison", "commitments"} <= set(groups)
    assert all(i.severity is Severity.ERROR for i in issues)
    paths = {i.path for i in issues}
    for path in ("capital_wan", "premises.detail", "scope_item_ids", "operator.name", "operator.gender",
                 "operator.birth_date", "operator.ethnicity", "operator.education",
                 "operator.political_status",
                 "operator.id_document.number", "operator.mobile", "operator.residence", "liaison.name",
                 "liaison.mobile", "liaison.id_document.number", "commitments.signed"):
        assert path in paths, path


def test_every_issue_is_bilingual_and_points_at_a_real_field() -> None:
    app = Application(agent=Agent(), family_members=[FamilyMember()],
                      approval_documents=[ApprovalDocument()], scope_item_ids=["nope"])
    for issue in validate(app):
        assert issue.message_zh and issue.message_en
        resolve(app, issue.path)


# --- composition and family -------------------------------------------------------------------------


def test_family_operation_needs_a_member(make_app: MakeApp) -> None:
    app = make_app()
    app.family_members = []
    assert errors(app) == {("family_members", "family.required")}


def test_individual_operation_may_not_list_family_members(make_app: MakeApp) -> None:
    app = make_app()
    app.composition = CompositionForm.INDIVIDUAL
    assert ("family_members", "family.not_allowed_for_individual") in errors(app)
    app.family_members = []
    assert errors(app) == set()


def test_family_member_rules(make_app: MakeApp) -> None:
    app = make_app()
    member = app.family_members[0]
    member.signed = False
    member.relationship = ""
    member.political_status = "99"
    app.family_members.append(copy.deepcopy(member))  # the same ID number twice
    operator_again = IdDocument(IdDocType.RESIDENT_ID, OPERATOR_ID)
    app.family_members.append(FamilyMember("赵六", "child", operator_again, "13", True))
    assert errors(app) == {
        ("family_members[0].signed", "family.not_signed"),
        ("family_members[0].relationship", "family.relationship_required"),
        ("family_members[0].political_status", "family.political_status_unknown"),
        ("family_members[1].signed", "family.not_signed"),
        ("family_members[1].relationship", "family.relationship_required"),
        ("family_members[1].political_status", "family.political_status_unknown"),
        ("family_members[1].id_document.number", "family.duplicate_id"),
        ("family_members[2].id_document.number", "family.same_as_operator"),
    }


def test_family_member_needs_a_valid_id(make_app: MakeApp) -> None:
    app = make_app()
    app.family_members[0].id_document.number = BAD_DATE_ID
    assert errors(app) == {("family_members[0].id_document.number", "id.birth_date_invalid")}


# --- premises ---------------------------------------------------------------------------------------


def test_physical_premises_parts_are_required(make_app: MakeApp) -> None:
    app = make_app()
    app.premises = Address(province="四川省", city="攀枝花市", village="迤资村")
    assert errors(app) == {("premises.county", "premises.part_required"),
                           ("premises.township", "premises.part_required"),
                           ("premises.detail", "premises.part_required")}


def test_ecommerce_needs_the_online_address_and_may_skip_the_physical_one(make_app: MakeApp) -> None:
    app = make_app()
    app.ecommerce = True
    assert errors(app) == {("online_premises", "premises.online_required")}
    app.online_premises = "https://shop.example.com/zhangsan"
    app.premises = Address()
    assert errors(app) == set()
    app.premises = Address(province="四川省")  # a physical address, if any, must be complete
    assert ("premises.detail", "premises.part_required") in errors(app)


def test_online_premises_without_ecommerce_is_a_warning(make_app: MakeApp) -> None:
    app = make_app()
    app.online_premises = "https://shop.example.com/zhangsan"
    assert ("online_premises", "premises.online_without_ecommerce") in found(app)
    assert errors(app) == set()


def test_unknown_township_of_a_known_county_is_a_warning(make_app: MakeApp) -> None:
    app = make_app()
    app.premises.township = "不存在镇"
    assert ("premises.township", "premises.township_unknown") in found(app)
    assert errors(app) == set()


# --- business ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("capital", "code"), [
    ("", "capital.required"), ("  ", "capital.required"), ("abc", "capital.invalid"),
    ("-1", "capital.invalid"), ("1e3", "capital.invalid"), ("NaN", "capital.invalid"),
    ("Infinity", "capital.invalid"), ("1.2.3", "capital.invalid"), ("0", "capital.not_positive"),
    ("0.000", "capital.not_positive"), ("5.1234567", "capital.too_precise"),
])
def test_capital_errors(make_app: MakeApp, capital: str, code: str) -> None:
    app = make_app()
    app.capital_wan = capital
    assert errors(app) == {("capital_wan", code)}


@pytest.mark.parametrize("capital", ["5", "0.5", "０.５", "5万元", "5 万", "100.123456", "500"])
def test_capital_accepted(make_app: MakeApp, capital: str) -> None:
    app = make_app()
    app.capital_wan = capital
    assert not any(i.path == "capital_wan" for i in validate(app))


def test_high_capital_is_a_configurable_warning(make_app: MakeApp) -> None:
    app = make_app()
    app.capital_wan = "1,000"
    assert ("capital_wan", "capital.unusually_high") in found(app) and errors(app) == set()
    config = ValidationConfig(capital_warning_wan=Decimal("5000"))
    assert not any(i.path == "capital_wan" for i in validate(app, config=config))


def test_business_contact_fields(make_app: MakeApp) -> None:
    app = make_app()
    app.business_phone = "12345"
    app.postal_code = "6170"
    app.employees = -1
    assert errors(app) == {("business_phone", "phone.invalid"), ("postal_code", "postal_code.invalid"),
                           ("employees", "employees.negative")}
    app.business_phone, app.postal_code, app.employees = "", "", None
    assert errors(app) == set()  # all optional


def test_paper_copies(make_app: MakeApp) -> None:
    app = make_app()
    app.paper_copies = 11
    assert errors(app) == {("paper_copies", "paper_copies.out_of_range")}
    app.paper_copies = -1
    assert errors(app) == {("paper_copies", "paper_copies.out_of_range")}
    app.paper_copies, app.paper_licence = 2, False
    assert ("paper_copies", "paper_copies.without_paper_licence") in found(app)


def test_business_name_findings_use_the_name_path(make_app: MakeApp) -> None:
    app = make_app()
    app.business_name = "攀枝花市仁和区张三百货有限公司"
    assert errors(app) == {("business_name", "name.forbidden_form")}
    app.business_name = ""
    assert errors(app) == set()  # the name is optional


def test_name_region_must_match_the_premises(make_app: MakeApp) -> None:
    app = make_app()
    app.business_name = "米易县张三百货店"
    assert ("business_name", "name.region_mismatch") in found(app)


def test_local_name_suffix_is_a_district_setting(make_app: MakeApp) -> None:
    app = make_app()
    app.business_name = "攀枝花市仁和区张三百货店（个体工商户）"
    assert ("business_name", "name.local_suffix_not_allowed") in errors(app)
    assert errors(app, config=ValidationConfig(allow_local_name_suffix=True)) == set()


# --- scope -------------------------------------------------------------------------------------------


def test_scope_rules(make_app: MakeApp) -> None:
    app = make_app()
    app.scope_item_ids = []
    assert errors(app) == {("scope_item_ids", "scope.required")}
    app.scope_item_ids = ["G-0101", "X-1", "G-0101", "L-0104"]
    assert errors(app) == {
        ("scope_item_ids[1]", "scope.unknown_item"),
        ("scope_item_ids[2]", "scope.duplicate"),
        ("scope_item_ids[3]", "scope.approval_document_missing"),
    }
    assert ("approval_documents[0].scope_item_id", "scope.approval_document_orphan") in found(app)


def test_licensed_item_message_names_the_document(make_app: MakeApp) -> None:
    app = make_app()
    app.scope_item_ids = ["L-0104"]
    app.approval_documents = []
    [issue] = [i for i in validate(app) if i.code == "scope.approval_document_missing"]
    assert "烟草专卖零售许可证" in issue.message_zh and "Tobacco" in issue.message_en


def test_approval_document_needs_name_and_number(make_app: MakeApp) -> None:
    app = make_app()
    app.approval_documents[0].document_name = ""
    app.approval_documents[0].document_number = " "
    assert errors(app) == {("approval_documents[0].document_name", "scope.approval_document_name_required"),
                           ("approval_documents[0].document_number",
                            "scope.approval_document_number_required")}
    app.approval_documents[0].document_name = "药品经营许可证"
    app.approval_documents[0].document_number = "X1"
    assert ("approval_documents[0].document_name", "scope.approval_document_unexpected") in found(app)


def test_a_custom_catalogue_can_be_passed(make_app: MakeApp) -> None:
    item = ScopeItem("G-0101", "日用百货销售", "Daily necessities", ScopeKind.GENERAL, "百货")
    catalogue = ScopeCatalogue([item])
    app = make_app()
    assert ("scope_item_ids[1]", "scope.unknown_item") in errors(app, catalogue=catalogue)


# --- operator ----------------------------------------------------------------------------------------


def test_gender_and_birth_date_must_agree_with_the_id(make_app: MakeApp) -> None:
    app = make_app()
    app.operator.gender = Gender.MALE
    app.operator.birth_date = "1949-12-30"
    issues = [i for i in validate(app) if i.is_error]
    assert {(i.path, i.code) for i in issues} == {("operator.gender", "operator.gender_mismatch"),
                                                  ("operator.birth_date", "operator.birth_date_mismatch")}
    assert "女" in issues[0].message_zh and "1949-12-31" in issues[1].message_zh


@pytest.mark.parametrize(("birth", "code"), [
    ("1949/12/31", "operator.birth_date_invalid"), ("19491231", "operator.birth_date_invalid"),
    ("1949-02-30", "operator.birth_date_invalid"), ("2027-01-01", "operator.birth_date_future"),
    ("", "operator.birth_date_required"),
])
def test_birth_date_format(make_app: MakeApp, birth: str, code: str) -> None:
    app = make_app()
    app.operator.birth_date = birth
    assert errors(app) == {("operator.birth_date", code)}


def test_operator_id_errors_land_on_the_number(make_app: MakeApp) -> None:
    app = make_app()
    for number, code in ((BAD_DATE_ID, "id.birth_date_invalid"), ("11010519491231002", "id.length"),
                         (id_born(dt.date(1980, 1, 1), prefix="910000"), "id.foreigner")):
        app.operator.id_document.number = number
        assert ("operator.id_document.number", code) in errors(app), number


def test_retired_county_operator_is_accepted_with_a_warning(make_app: MakeApp) -> None:
    app = make_app()
    app.operator.id_document.number = RETIRED_COUNTY_ID
    app.operator.gender, app.operator.birth_date = Gender.MALE, "1880-01-01"
    app.liaison.id_document.number = RETIRED_COUNTY_ID
    app.family_members[0].id_document.number = id_born(dt.date(1985, 5, 5))
    issues = validate(app)
    assert not has_errors(issues)
    assert ("operator.id_document.number", "id.county_unknown") in {(i.path, i.code) for i in issues}
    assert ("operator.birth_date", "operator.age_implausible") in {(i.path, i.code) for i in issues}


def _operator_aged(app: Application, birth: dt.date) -> None:
    app.operator.id_document.number = id_born(birth, seq="002")
    app.operator.birth_date = birth.isoformat()
    app.operator.gender = Gender.FEMALE


@pytest.mark.parametrize(("birth", "expected"), [
    (dt.date(2010, 3, 3), ("operator.under_age", Severity.ERROR)),  # 15
    (dt.date(2010, 3, 2), ("operator.minor", Severity.WARNING)),  # 16 today
    (dt.date(2008, 3, 3), ("operator.minor", Severity.WARNING)),  # 17
    (dt.date(2008, 3, 2), None),  # 18 today
])
def test_age_rule(make_app: MakeApp, birth: dt.date, expected: tuple[str, Severity] | None) -> None:
    app = make_app()
    _operator_aged(app, birth)
    age_findings = [(i.code, i.severity) for i in validate(app) if i.code.startswith("operator.")]
    assert age_findings == ([expected] if expected else [])


def test_self_supporting_minor_keeps_a_reminder(make_app: MakeApp) -> None:
    app = make_app()
    _operator_aged(app, dt.date(2009, 1, 1))
    app.operator.self_supporting = True
    [issue] = [i for i in validate(app) if i.path == "operator.birth_date"]
    assert issue.code == "operator.minor_self_supporting" and issue.severity is Severity.WARNING
    app.operator.self_supporting = False
    [issue] = [i for i in validate(app) if i.path == "operator.birth_date"]
    assert issue.message_zh == "16至17周岁须以自己的劳动收入为主要生活来源，请核实并勾选确认"


def test_minimum_age_is_configurable(make_app: MakeApp) -> None:
    app = make_app()
    _operator_aged(app, dt.date(2009, 1, 1))
    assert ("operator.birth_date", "operator.under_age") in errors(app, config=ValidationConfig(min_age=18))


def test_operator_fields(make_app: MakeApp) -> None:
    app = make_app()
    op = app.operator
    op.name, op.ethnicity, op.education, op.political_status = "张3", "99", "", "13"
    op.mobile, op.landline, op.residence, op.email = "1380013800", "3331234", " ", "bad@"
    assert found(app) >= {
        ("operator.name", "person.name_invalid_chars"), ("operator.ethnicity", "operator.ethnicity_unknown"),
        ("operator.education", "operator.education_required"), ("operator.mobile", "phone.mobile_invalid"),
        ("operator.landline", "phone.landline_no_area_code"),
        ("operator.residence", "operator.residence_required"), ("operator.email", "email.invalid"),
    }


def test_rare_character_names_are_accepted(make_app: MakeApp) -> None:
    app = make_app()
    app.operator.name = "𠮷䶮"
    app.family_members[0].name = "阿依古丽·买买提"
    assert errors(app) == set()


def test_hong_kong_operator(make_app: MakeApp) -> None:
    app = make_app()
    app.operator.id_document = IdDocument(IdDocType.HK_MACAU_PERMIT, "H12345678")
    app.operator.name = "Chan Tai Man"
    app.operator.gender = Gender.MALE  # nothing to compare with: the permit number carries no gender
    assert errors(app) == set()
    assert ("operator.name", "person.name_latin_permit") in found(app)


# --- liaison, agent, commitments ---------------------------------------------------------------------


def test_liaison_is_required(make_app: MakeApp) -> None:
    app = make_app()
    app.liaison.name = app.liaison.mobile = app.liaison.id_document.number = ""
    assert errors(app) == {("liaison.name", "person.name_required"),
                           ("liaison.mobile", "phone.mobile_required"),
                           ("liaison.id_document.number", "id.required")}


def test_agent_rules(make_app: MakeApp) -> None:
    app = make_app()
    assert app.agent is not None
    app.agent.powers.collect_licence = False
    app.agent.mobile = ""
    assert errors(app) == {("agent.powers", "agent.no_powers"), ("agent.mobile", "phone.mobile_required")}
    app.agent = Agent("张三", "13800138000", id_document=IdDocument(IdDocType.RESIDENT_ID, OPERATOR_ID))
    app.agent.powers.verify_copies = True
    assert ("agent.id_document.number", "agent.same_as_operator") in found(app)
    app.agent = None
    assert not any(i.path.startswith("agent") for i in validate(app))


@pytest.mark.parametrize("field", ["truthful", "name_compliant", "premises_right",
                                   "no_licensed_activity_before_approval", "signed"])
def test_commitments(make_app: MakeApp, field: str) -> None:
    app = make_app()
    setattr(app.commitments, field, False)
    assert errors(app) == {(f"commitments.{field}",
                            "commitments.not_signed" if field == "signed" else "commitments.unchecked")}


# --- speed and robustness ----------------------------------------------------------------------------


def test_validation_is_fast_enough_to_run_on_every_keystroke(make_app: MakeApp) -> None:
    app = make_app()
    validate(app)  # warm the catalogues and caches
    runs = 200
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(runs):
            validate(app)
        best = min(best, (time.perf_counter() - start) / runs)
    assert best < 0.002, f"{best * 1000:.3f} ms per validation"


TEXT_FIELDS = [
    "business_name", "capital_wan", "online_premises", "business_phone", "postal_code", "premises.province",
    "premises.city", "premises.county", "premises.township", "premises.detail", "operator.name",
    "operator.birth_date", "operator.ethnicity", "operator.education", "operator.political_status",
    "operator.id_document.number", "operator.mobile", "operator.landline", "operator.residence",
    "operator.email",
    "family_members[0].name", "family_members[0].relationship", "family_members[0].id_document.number",
    "liaison.name", "liaison.mobile", "liaison.email", "liaison.id_document.number", "agent.name",
    "agent.mobile", "agent.id_document.number", "approval_documents[0].document_name",
]


def _set(app: Application, path: str, value: object) -> None:
    parent_path, _, attr = path.rpartition(".")
    parent = resolve(app, parent_path) if parent_path else app
    assert dataclasses.is_dataclass(parent)
    setattr(parent, attr, value)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(TEXT_FIELDS), st.text(), min_size=1, max_size=8),
       st.lists(st.text(max_size=8), max_size=4), st.sampled_from(list(IdDocType)),
       st.integers(-5, 20))
def test_validation_never_raises_on_anything_typed(fields: dict[str, str], scope: list[str],
                                                   doc_type: IdDocType, copies: int) -> None:
    from .samples import complete_application

    app = complete_application()
    for path, value in fields.items():
        _set(app, path, value)
    app.scope_item_ids = scope or app.scope_item_ids
    app.operator.id_document.doc_type = doc_type
    app.paper_copies = copies
    issues = validate(app)
    for issue in issues:
        resolve(app, issue.path)
        assert issue.message_zh and issue.message_en and issue.code
    assert validate(app) == issues  # deterministic


def test_loosely_typed_values_from_an_old_draft_do_not_crash(make_app: MakeApp) -> None:
    app = make_app()
    app.paper_copies = "3"  # type: ignore[assignment]
    app.employees = "x"  # type: ignore[assignment]
    app.composition = "family"  # type: ignore[assignment]
    app.operator.gender = "female"  # type: ignore[assignment]
    assert errors(app) == {("paper_copies", "paper_copies.out_of_range"), ("employees", "employees.negative")}
