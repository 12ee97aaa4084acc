"""Validation of the people on the form: operator, family members, liaison, agent."""

from __future__ import annotations

import datetime as dt
import re

from counter_app.domain.choices import EDUCATION_LEVELS, ETHNICITIES, POLITICAL_STATUSES, RELATIONSHIPS, Label
from counter_app.domain.contact import check_email, check_landline, check_mobile
from counter_app.domain.findings import error, warning
from counter_app.domain.identity import IdDocCheck, age_on, check_id_document
from counter_app.domain.issues import Issue
from counter_app.domain.model import Agent, Application, FamilyMember, Gender, IdDocument, Liaison, Operator
from counter_app.domain.person_name import check_person_name
from counter_app.domain.validation_config import ValidationContext

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _choice(value: str, choices: dict[str, Label], *, path: str, code: str, what_zh: str,
            what_en: str, required: bool = True) -> list[Issue]:
    if not value:
        if not required:
            return []
        return [error(path, f"{code}_required", f"请选择{what_zh}", f"Select the {what_en}.")]
    if value not in choices:
        return [error(path, f"{code}_unknown", f"{what_zh}“{value}”不在可选范围内，请重新选择",
                      f"Unknown {what_en} {value!r}; select again.")]
    return []


def _id_document(doc: IdDocument, ctx: ValidationContext, path: str) -> tuple[IdDocCheck, list[Issue]]:
    check = check_id_document(doc, today=ctx.today, path=f"{path}.id_document.number")
    return check, list(check.issues)


def validate_operator(app: Application, ctx: ValidationContext) -> tuple[list[Issue], IdDocCheck]:
    op: Operator = app.operator
    p = "operator"
    issues = check_person_name(op.name, path=f"{p}.name", doc_type=op.id_document.doc_type,
                               what_zh="经营者姓名", what_en="operator's name")
    id_check, id_issues = _id_document(op.id_document, ctx, p)
    issues += _gender(op, id_check, p)
    form_birth, birth_issues = _birth_date(op, id_check, ctx, p)
    issues += birth_issues
    issues += _choice(op.ethnicity, ETHNICITIES, path=f"{p}.ethnicity", code="operator.ethnicity",
                      what_zh="民族", what_en="ethnicity")
    issues += _choice(op.education, EDUCATION_LEVELS, path=f"{p}.education", code="operator.education",
                      what_zh="文化程度", what_en="education level")
    issues += _choice(op.political_status, POLITICAL_STATUSES, path=f"{p}.political_status",
                      code="operator.political_status", what_zh="政治面貌", what_en="political status")
    issues += id_issues
    issues += _age(op, id_check.birth_date or form_birth, ctx, p)
    issues += check_mobile(op.mobile, path=f"{p}.mobile", required=True)
    issues += check_landline(op.landline, path=f"{p}.landline")
    if not op.residence.strip():
        issues.append(error(f"{p}.residence", "operator.residence_required",
                            "请填写经营者住所（与身份证一致）",
                            "Enter the operator's residence (as on the ID document)."))
    issues += check_email(op.email, path=f"{p}.email")
    return issues, id_check


def _gender(op: Operator, id_check: IdDocCheck, p: str) -> list[Issue]:
    if op.gender is None:
        return [error(f"{p}.gender", "operator.gender_required", "请选择性别", "Select the gender.")]
    if id_check.gender is not None and id_check.gender != op.gender:
        id_text = "男" if id_check.gender == Gender.MALE else "女"
        return [error(f"{p}.gender", "operator.gender_mismatch",
                      f"性别与证件号码不一致（证件号码显示为{id_text}）",
                      f"The gender does not match the ID number ({id_check.gender.value} per the number).")]
    return []


def _birth_date(op: Operator, id_check: IdDocCheck, ctx: ValidationContext,
                p: str) -> tuple[dt.date | None, list[Issue]]:
    path = f"{p}.birth_date"
    text = op.birth_date.strip()
    if not text:
        return None, [error(path, "operator.birth_date_required", "请填写出生日期", "Enter the birth date.")]
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        birth = dt.date.fromisoformat(text)
    except ValueError:
        return None, [error(path, "operator.birth_date_invalid",
                            "出生日期格式不正确，应为“年-月-日”，如1990-01-31",
                            "Invalid birth date: use YYYY-MM-DD.")]
    if birth > ctx.today:
        return None, [error(path, "operator.birth_date_future", "出生日期不能晚于今天",
                            "The birth date cannot be in the future.")]
    if id_check.birth_date is not None and id_check.birth_date != birth:
        shown = id_check.birth_date.isoformat()
        return birth, [error(path, "operator.birth_date_mismatch",
                             f"出生日期与证件号码不一致（证件号码显示为{shown}）",
                             f"The birth date does not match the ID number ({shown} per the number).")]
    return birth, []


def _age(op: Operator, birth: dt.date | None, ctx: ValidationContext, p: str) -> list[Issue]:
    if birth is None:
        return []
    age, cfg, path = age_on(birth, ctx.today), ctx.config, f"{p}.birth_date"
    if age < cfg.min_age:
        return [error(path, "operator.under_age", f"经营者未满{cfg.min_age}周岁，不能登记为个体工商户",
                      f"The operator is under {cfg.min_age} and may not register.")]
    if age < cfg.adult_age and op.self_supporting:
        return [warning(path, "operator.minor_self_supporting",
                        f"经营者未满{cfg.adult_age}周岁，已确认以自己的劳动收入为主要生活来源，请留存相关说明",
                        f"The operator is under {cfg.adult_age}; self-support has been confirmed, keep "
                        "the proof.")]
    if age < cfg.adult_age:
        return [warning(path, "operator.minor",
                        f"{cfg.min_age}至{cfg.adult_age - 1}周岁须以自己的劳动收入为主要生活来源，"
                        "请核实并勾选确认",
                        f"Operators aged {cfg.min_age}-{cfg.adult_age - 1} must live on their own earnings; "
                        "check and confirm.")]
    if age > cfg.max_plausible_age:
        return [warning(path, "operator.age_implausible",
                        f"经营者年龄超过{cfg.max_plausible_age}周岁，请核对出生日期",
                        f"The operator is over {cfg.max_plausible_age}; check the birth date.")]
    return []


def validate_family(app: Application, ctx: ValidationContext, operator_id: IdDocCheck) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for i, member in enumerate(app.family_members):
        issues += _family_member(member, i, ctx, operator_id, seen)
    return issues


def _family_member(member: FamilyMember, i: int, ctx: ValidationContext, operator_id: IdDocCheck,
                   seen: dict[str, int]) -> list[Issue]:
    p = f"family_members[{i}]"
    issues = check_person_name(member.name, path=f"{p}.name", doc_type=member.id_document.doc_type,
                               what_zh="家庭成员姓名", what_en="family member's name")
    issues += _choice(member.relationship, RELATIONSHIPS, path=f"{p}.relationship",
                      code="family.relationship", what_zh="与经营者关系",
                      what_en="relationship to the operator")
    check, id_issues = _id_document(member.id_document, ctx, p)
    issues += id_issues
    number_path = f"{p}.id_document.number"
    if check.normalized and check.normalized == operator_id.normalized:
        issues.append(error(number_path, "family.same_as_operator",
                            "家庭成员的证件号码与经营者相同，经营者本人无需作为家庭成员填写",
                            "This family member has the operator's ID number; the operator is not listed "
                            "as a member."))
    elif check.normalized in seen:
        issues.append(error(number_path, "family.duplicate_id",
                            f"与第{seen[check.normalized] + 1}位家庭成员的证件号码重复",
                            f"Same ID number as family member {seen[check.normalized] + 1}."))
    elif check.normalized:
        seen[check.normalized] = i
    issues += _choice(member.political_status, POLITICAL_STATUSES, path=f"{p}.political_status",
                      code="family.political_status", what_zh="政治面貌", what_en="political status")
    if not member.signed:
        issues.append(error(f"{p}.signed", "family.not_signed", "参加经营的家庭成员须本人签字确认",
                            "Every participating family member must sign."))
    return issues


def validate_liaison(app: Application, ctx: ValidationContext) -> list[Issue]:
    li: Liaison = app.liaison
    p = "liaison"
    issues = check_person_name(li.name, path=f"{p}.name", doc_type=li.id_document.doc_type,
                               what_zh="联络员姓名", what_en="liaison's name")
    issues += check_mobile(li.mobile, path=f"{p}.mobile", required=True)
    issues += check_landline(li.landline, path=f"{p}.landline")
    issues += check_email(li.email, path=f"{p}.email")
    issues += _id_document(li.id_document, ctx, p)[1]
    return issues


def validate_agent(agent: Agent, ctx: ValidationContext, operator_id: IdDocCheck) -> list[Issue]:
    p = "agent"
    issues = check_person_name(agent.name, path=f"{p}.name", doc_type=agent.id_document.doc_type,
                               what_zh="委托代理人姓名", what_en="agent's name")
    issues += check_mobile(agent.mobile, path=f"{p}.mobile", required=True)
    issues += check_landline(agent.landline, path=f"{p}.landline")
    check, id_issues = _id_document(agent.id_document, ctx, p)
    issues += id_issues
    if check.normalized and check.normalized == operator_id.normalized:
        issues.append(warning(f"{p}.id_document.number", "agent.same_as_operator",
                              "委托代理人与经营者是同一人，经营者本人办理时无需填写委托代理人",
                              "The agent is the operator; no agent is needed when the operator files in "
                              "person."))
    powers = agent.powers
    if not any((powers.verify_copies, powers.correct_forms, powers.correct_documents,
                powers.collect_licence)):
        issues.append(error(f"{p}.powers", "agent.no_powers", "请至少勾选一项委托权限",
                            "Tick at least one power on the authorisation."))
    return issues
