"""Validation of a whole application: one list of structured findings in form order.

Order: business, premises, scope, operator, family, liaison, agent, commitments — the order a clerk fills
the form in, so the pre-review summary reads top to bottom. The UI re-runs this on every edit and maps
findings to widgets by `Issue.path`, so it must stay fast (well under 2 ms for a full application once the
catalogues are loaded) and must never raise on anything a clerk can type.

Policy decisions:
- 个人经营 with family members filled in is an error, not a warning: the members' IDs and signatures would
  otherwise be collected and sent for no legal purpose (PIPL: collect only what the form needs). The clerk
  either removes them or switches to 家庭经营.
- An operator aged 16-17 always gets a warning (the clerk must see it); once the clerk ticks
  `self_supporting` the text changes to a reminder to keep the proof.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from counter_app.domain.business_name import check_business_name, load_name_rules, parse_business_name
from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.domain.contact import check_any_phone, check_postal_code
from counter_app.domain.findings import error, warning
from counter_app.domain.hanzi import fullwidth_to_ascii
from counter_app.domain.issues import Issue
from counter_app.domain.model import Application, CompositionForm
from counter_app.domain.regions import load_default_regions
from counter_app.domain.text_safety import control_character_issues
from counter_app.domain.validation_config import ValidationConfig, ValidationContext
from counter_app.domain.validation_people import (
    validate_agent,
    validate_family,
    validate_liaison,
    validate_operator,
)

__all__ = ["ValidationConfig", "validate_application"]

_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_MAX_DECIMALS = 6  # 万元 to the fen (0.01 yuan)

_PREMISES_PARTS = (
    ("province", "省（自治区、直辖市）", "province"),
    ("city", "市（地区、自治州）", "city"),
    ("county", "县（市、区）", "county"),
    ("township", "乡（镇、街道）", "township"),
    ("detail", "详细地址（门牌号）", "street address"),
)
_COMMITMENTS = (
    ("truthful", "提交的材料真实有效", "the materials are true and valid"),
    ("name_compliant", "名称符合规定", "the name complies with the rules"),
    ("premises_right", "依法享有经营场所的使用权", "the right to use the premises"),
    ("no_licensed_activity_before_approval", "取得许可前不从事许可经营活动",
     "no licensed activity before approval"),
)


def validate_application(app: Application, *, today: dt.date, catalogue: ScopeCatalogue | None = None,
                         config: ValidationConfig | None = None) -> list[Issue]:
    """All findings for `app` on `today`, in form order. Never raises for any field content."""
    ctx = ValidationContext(today=today, config=config or ValidationConfig(),
                            catalogue=catalogue or ScopeCatalogue.load_default(),
                            name_rules=load_name_rules(), regions=load_default_regions())
    issues = _business(app, ctx)
    issues += _premises(app, ctx)
    issues += _scope(app, ctx)
    operator_issues, operator_id = validate_operator(app, ctx)
    issues += operator_issues
    issues += _composition(app)
    issues += validate_family(app, ctx, operator_id)
    issues += validate_liaison(app, ctx)
    if app.agent is not None:
        issues += validate_agent(app.agent, ctx, operator_id)
    issues += _commitments(app)
    return _with_control_characters(issues, app)


def _with_control_characters(issues: list[Issue], app: Application) -> list[Issue]:
    """Every text field, present and future, is checked for control and invisible characters; each
    finding goes before the field's other findings (or at the end), keeping the form order."""
    for found in control_character_issues(app):
        at = next((i for i, issue in enumerate(issues) if issue.path == found.path), len(issues))
        issues.insert(at, found)
    return issues


def _business(app: Application, ctx: ValidationContext) -> list[Issue]:
    issues = check_business_name(app.business_name, path="business_name", rules=ctx.name_rules,
                                 regions=ctx.regions, local_suffix_allowed=ctx.config.allow_local_name_suffix)
    issues += _name_region_matches_premises(app, ctx)
    issues += _capital(app.capital_wan, ctx.config)
    if app.employees is not None and (not isinstance(app.employees, int) or app.employees < 0):
        issues.append(error("employees", "employees.negative", "从业人数应为0或正整数",
                            "The number of employees must be a whole number, 0 or more."))
    issues += check_any_phone(app.business_phone, path="business_phone")
    issues += check_postal_code(app.postal_code, path="postal_code")
    limit = ctx.config.max_paper_copies
    if not isinstance(app.paper_copies, int) or not 0 <= app.paper_copies <= limit:
        issues.append(error("paper_copies", "paper_copies.out_of_range", f"纸质执照副本数量应为0至{limit}份",
                            f"The number of paper licence copies must be 0-{limit}."))
    elif app.paper_copies and not app.paper_licence:
        issues.append(warning("paper_copies", "paper_copies.without_paper_licence",
                              "未申领纸质执照，填写的副本数量不会生效，请核实",
                              "No paper licence is requested, so the number of copies has no effect."))
    return issues


def _name_region_matches_premises(app: Application, ctx: ValidationContext) -> list[Issue]:
    parts = parse_business_name(app.business_name, rules=ctx.name_rules, regions=ctx.regions)
    county = app.premises.county.strip()
    if parts is None or not parts.region or not county:
        return []
    if parts.region.endswith(county):
        return []
    return [warning("business_name", "name.region_mismatch",
                    f"名称中的行政区划“{parts.region}”与经营场所所在县（市、区）“{county}”不一致，请核实",
                    f"The region in the name ({parts.region}) differs from the premises county ({county}).")]


def _capital(text: str, config: ValidationConfig) -> list[Issue]:
    path = "capital_wan"
    raw = "".join(fullwidth_to_ascii(text).split()).replace(",", "")
    raw = raw.removesuffix("万元").removesuffix("万")
    if not raw:
        return [error(path, "capital.required", "请填写出资额（万元）",
                      "Enter the declared capital (10,000 yuan).")]
    if not _AMOUNT.fullmatch(raw):
        return [error(path, "capital.invalid", "出资额应为数字（单位：万元），如5或0.5",
                      "The capital must be a number in units of 10,000 yuan, e.g. 5 or 0.5.")]
    try:
        amount = Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only plain decimals
        return [error(path, "capital.invalid", "出资额应为数字（单位：万元）",
                      "The capital must be a number.")]
    if amount <= 0:
        return [error(path, "capital.not_positive", "出资额应大于0", "The capital must be greater than 0.")]
    decimals = len(raw.partition(".")[2])
    if decimals > _MAX_DECIMALS:
        return [error(path, "capital.too_precise", "出资额以万元为单位，最多保留六位小数（精确到分）",
                      "The capital is in 10,000 yuan: at most six decimals (to the fen).")]
    if amount > config.capital_warning_wan:
        return [warning(path, "capital.unusually_high",
                        f"出资额超过{config.capital_warning_wan}万元，请核实金额及单位（万元）",
                        f"The capital exceeds {config.capital_warning_wan} (10,000 yuan); check the amount "
                        "and the unit.")]
    return []


def _premises(app: Application, ctx: ValidationContext) -> list[Issue]:
    issues: list[Issue] = []
    online = app.online_premises.strip()
    if app.ecommerce and not online:
        issues.append(error("online_premises", "premises.online_required",
                            "电子商务经营者请填写网络经营场所（平台店铺网址）",
                            "An e-commerce operator must give the online premises (shop address on the "
                            "platform)."))
    elif online and not app.ecommerce:
        issues.append(warning("online_premises", "premises.online_without_ecommerce",
                              "已填写网络经营场所，但未勾选“电子商务经营者”，请核实",
                              "An online premises is filled in but the e-commerce box is not ticked."))
    address = app.premises
    if app.ecommerce and address.is_empty():
        return issues  # an e-commerce operator may have no physical premises
    for field, zh, en in _PREMISES_PARTS:
        if not getattr(address, field).strip():
            issues.append(error(f"premises.{field}", "premises.part_required", f"请填写经营场所的{zh}",
                                f"Enter the premises {en}."))
    issues += _premises_township_known(app, ctx)
    return issues


def _premises_township_known(app: Application, ctx: ValidationContext) -> list[Issue]:
    address = app.premises
    if address.city.strip() != ctx.regions.city_name:
        return []
    county = ctx.regions.county_by_name(address.county.strip())
    township = address.township.strip()
    if county is None or not county.townships or not township or township in county.townships:
        return []
    return [warning("premises.township", "premises.township_unknown",
                    f"“{township}”不在{county.name}的乡镇（街道）名单中，请核实",
                    f"{township} is not in the township list of {county.name}; please check.")]


def _scope(app: Application, ctx: ValidationContext) -> list[Issue]:
    if not app.scope_item_ids:
        return [error("scope_item_ids", "scope.required", "请至少选择一项经营范围",
                      "Select at least one business scope item.")]
    issues: list[Issue] = []
    documents = {doc.scope_item_id: doc for doc in app.approval_documents}
    seen: set[str] = set()
    for i, item_id in enumerate(app.scope_item_ids):
        path = f"scope_item_ids[{i}]"
        item = ctx.catalogue.get(item_id)
        if item_id in seen:
            issues.append(error(path, "scope.duplicate", "经营范围重复选择，请删除重复项",
                                "This scope item is selected twice."))
            continue
        seen.add(item_id)
        if item is None:
            issues.append(error(path, "scope.unknown_item",
                                f"经营范围条目“{item_id}”不在经营范围目录中，请重新选择",
                                f"Scope item {item_id} is not in the catalogue; select again."))
        elif item.is_licensed and item_id not in documents:
            issues.append(error(
                path, "scope.approval_document_missing",
                f"“{item.name_zh}”是许可项目，须提交{item.approval_document_zh}等批准文件（名称和编号）",
                f"{item.name_en} is a licensed item: add the approval document "
                f"({item.approval_document_en}).",
            ))
    for j, doc in enumerate(app.approval_documents):
        issues += _approval_document(j, doc.scope_item_id, doc.document_name, doc.document_number, seen, ctx)
    return issues


def _approval_document(j: int, item_id: str, name: str, number: str, selected: set[str],
                       ctx: ValidationContext) -> list[Issue]:
    p = f"approval_documents[{j}]"
    if item_id not in selected:
        return [warning(f"{p}.scope_item_id", "scope.approval_document_orphan",
                        "该批准文件对应的经营范围未被选择，请核实或删除",
                        "This approval document belongs to no selected scope item.")]
    issues: list[Issue] = []
    item = ctx.catalogue.get(item_id)
    if not name.strip():
        issues.append(error(f"{p}.document_name", "scope.approval_document_name_required",
                            "请填写批准文件名称", "Enter the approval document's name."))
    elif item is not None and item.approval_document_zh and not (
            item.approval_document_zh in name or name.strip() in item.approval_document_zh):
        issues.append(warning(f"{p}.document_name", "scope.approval_document_unexpected",
                              f"“{item.name_zh}”通常需要{item.approval_document_zh}，请核实批准文件",
                              f"{item.name_en} normally needs {item.approval_document_en}; please check."))
    if not number.strip():
        issues.append(error(f"{p}.document_number", "scope.approval_document_number_required",
                            "请填写批准文件编号", "Enter the approval document's number."))
    return issues


def _composition(app: Application) -> list[Issue]:
    if app.composition == CompositionForm.FAMILY and not app.family_members:
        return [error("family_members", "family.required", "家庭经营须至少填写一名参加经营的家庭成员",
                      "Family operation needs at least one participating family member.")]
    if app.composition == CompositionForm.INDIVIDUAL and app.family_members:
        return [error("family_members", "family.not_allowed_for_individual",
                      "个人经营不填写家庭成员：请删除家庭成员，或将组成形式改为家庭经营",
                      "Individual operation lists no family members: remove them or choose family "
                      "operation.")]
    return []


def _commitments(app: Application) -> list[Issue]:
    issues: list[Issue] = []
    for field, zh, en in _COMMITMENTS:
        if not getattr(app.commitments, field):
            issues.append(error(f"commitments.{field}", "commitments.unchecked", f"请确认承诺事项：{zh}",
                                f"Confirm the commitment: {en}."))
    if not app.commitments.signed:
        issues.append(error("commitments.signed", "commitments.not_signed", "经营者须在承诺书上签字",
                            "The operator must sign the commitments."))
    return issues
