"""The application as the reviewer reads it: sections of labelled rows, personal data masked until the
reviewer reveals it (domain.md §7: masked on screen where not needed).

Rows are built from the submitted `Application.to_dict()` (tolerant of missing keys: an older counter
may send fewer fields). Every row keeps its field path, which is what a return-for-correction item
points at.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from counter_app.domain import choices
from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.domain.masking import mask_address, mask_id_number, mask_name, mask_phone

Masker = Callable[[str], str]


@dataclass(frozen=True)
class Row:
    path: str
    label_zh: str
    label_en: str
    value: str  # as shown: masked when personal and not revealed
    personal: bool = False

    def label(self, language: str = "zh") -> str:
        return self.label_en if language.startswith("en") else self.label_zh


@dataclass(frozen=True)
class Section:
    title_zh: str
    title_en: str
    rows: tuple[Row, ...]

    def title(self, language: str = "zh") -> str:
        return self.title_en if language.startswith("en") else self.title_zh


def _mask_date(text: str) -> str:
    return "".join("*" if ch.isdigit() else ch for ch in text)


def _mask_email(text: str) -> str:
    local, _, domain = text.partition("@")
    return (local[:1] + "*" * max(0, len(local) - 1) + ("@" + domain if domain else "")) if text else ""


def _yes_no(value: Any) -> tuple[str, str]:
    return ("是", "Yes") if value else ("否", "No")


class _Builder:
    def __init__(self, reveal: bool, language: str) -> None:
        self.reveal = reveal
        self.language = language
        self.rows: list[Row] = []

    def add(self, path: str, zh: str, en: str, value: Any, mask: Masker | None = None) -> None:
        text = "" if value is None else str(value)
        shown = text if (mask is None or self.reveal) else mask(text)
        self.rows.append(Row(path, zh, en, shown, personal=mask is not None))

    def choice(self, path: str, zh: str, en: str, mapping: Mapping[Any, choices.Label], key: Any) -> None:
        self.add(path, zh, en, choices.label(mapping, key, self.language))

    def flag(self, path: str, zh: str, en: str, value: Any) -> None:
        pair = _yes_no(value)
        self.add(path, zh, en, pair[1] if self.language.startswith("en") else pair[0])

    def id_document(self, prefix: str, data: Mapping[str, Any]) -> None:
        doc = data.get("id_document") or {}
        self.choice(f"{prefix}.id_document.doc_type", "证件类型", "ID type", choices.ID_DOC_TYPE_LABELS,
                    doc.get("doc_type"))
        self.add(f"{prefix}.id_document.number", "证件号码", "ID number", doc.get("number", ""),
                 mask_id_number)

    def take(self, zh: str, en: str) -> Section:
        section = Section(zh, en, tuple(self.rows))
        self.rows = []
        return section


def application_sections(app: Mapping[str, Any], *, reveal: bool = False, language: str = "zh",
                         catalogue: ScopeCatalogue | None = None) -> list[Section]:
    b = _Builder(reveal, language)
    out: list[Section] = []
    b.add("business_name", "名称", "Business name", app.get("business_name") or "（未起字号）")
    b.choice("composition", "组成形式", "Composition", choices.COMPOSITION_LABELS, app.get("composition"))
    premises = app.get("premises") or {}
    b.add("premises", "经营场所", "Premises", "".join(str(premises.get(k) or "") for k in (
        "province", "city", "county", "township", "village", "detail")))
    b.flag("ecommerce", "电子商务经营者", "E-commerce operator", app.get("ecommerce"))
    if app.get("online_premises"):
        b.add("online_premises", "网络经营场所", "Online premises", app.get("online_premises"))
    b.add("capital_wan", "出资额（万元）", "Capital (10,000 yuan)", app.get("capital_wan", ""))
    catalogue = catalogue or ScopeCatalogue.load_default()
    scope = []
    for item_id in app.get("scope_item_ids") or []:
        item = catalogue.get(str(item_id))
        scope.append(item.name(language) if item else str(item_id))
    b.add("scope_item_ids", "经营范围", "Business scope", "；".join(scope))
    for i, doc in enumerate(app.get("approval_documents") or []):
        b.add(f"approval_documents[{i}]", f"许可文件{i + 1}", f"Approval {i + 1}",
              f"{doc.get('document_name', '')} {doc.get('document_number', '')} "
              f"（{doc.get('issuing_authority', '')}）")
    employees = app.get("employees")
    b.add("employees", "从业人数", "Employees", "" if employees is None else employees)
    b.add("business_phone", "经营场所电话", "Business phone", app.get("business_phone", ""))
    b.add("postal_code", "邮政编码", "Postal code", app.get("postal_code", ""))
    b.flag("paper_licence", "申领纸质执照", "Paper licence", app.get("paper_licence"))
    b.add("paper_copies", "副本数", "Copies", app.get("paper_copies", ""))
    out.append(b.take("经营信息", "Business"))

    op = app.get("operator") or {}
    b.add("operator.name", "姓名", "Name", op.get("name", ""), mask_name)
    b.choice("operator.gender", "性别", "Gender", choices.GENDER_LABELS, op.get("gender"))
    b.add("operator.birth_date", "出生日期", "Date of birth", op.get("birth_date", ""), _mask_date)
    b.choice("operator.ethnicity", "民族", "Ethnicity", choices.ETHNICITIES, op.get("ethnicity"))
    b.choice("operator.education", "文化程度", "Education", choices.EDUCATION_LEVELS, op.get("education"))
    b.choice("operator.political_status", "政治面貌", "Political status", choices.POLITICAL_STATUSES,
             op.get("political_status"))
    b.id_document("operator", op)
    b.add("operator.mobile", "移动电话", "Mobile", op.get("mobile", ""), mask_phone)
    if op.get("landline"):
        b.add("operator.landline", "固定电话", "Landline", op.get("landline"), mask_phone)
    b.add("operator.residence", "住所", "Residence", op.get("residence", ""), mask_address)
    if op.get("email"):
        b.add("operator.email", "电子邮箱", "E-mail", op.get("email"), _mask_email)
    out.append(b.take("经营者", "Operator"))

    for i, member in enumerate(app.get("family_members") or []):
        prefix = f"family_members[{i}]"
        b.add(f"{prefix}.name", "姓名", "Name", member.get("name", ""), mask_name)
        b.choice(f"{prefix}.relationship", "与经营者关系", "Relationship", choices.RELATIONSHIPS,
                 member.get("relationship"))
        b.id_document(prefix, member)
        b.flag(f"{prefix}.signed", "已签字", "Signed", member.get("signed"))
        out.append(b.take(f"家庭成员{i + 1}", f"Family member {i + 1}"))

    liaison = app.get("liaison") or {}
    if any(liaison.get(k) for k in ("name", "mobile", "landline", "email")):
        b.add("liaison.name", "姓名", "Name", liaison.get("name", ""), mask_name)
        b.add("liaison.mobile", "移动电话", "Mobile", liaison.get("mobile", ""), mask_phone)
        b.id_document("liaison", liaison)
        out.append(b.take("联络员", "Liaison"))

    agent = app.get("agent")
    if agent:
        b.add("agent.name", "姓名", "Name", agent.get("name", ""), mask_name)
        b.add("agent.mobile", "移动电话", "Mobile", agent.get("mobile", ""), mask_phone)
        b.id_document("agent", agent)
        out.append(b.take("委托代理人", "Agent"))

    commitments = app.get("commitments") or {}
    for key, zh, en in (("truthful", "提交材料真实有效", "Materials true and valid"),
                        ("name_compliant", "名称符合规定", "Name complies"),
                        ("premises_right", "依法享有经营场所使用权", "Right to use the premises"),
                        ("no_licensed_activity_before_approval", "取得许可前不从事许可经营活动",
                         "No licensed activity before approval"),
                        ("signed", "经营者已签字", "Signed by the operator")):
        b.flag(f"commitments.{key}", zh, en, commitments.get(key))
    out.append(b.take("承诺", "Commitments"))
    return out


def field_choices(sections: list[Section], language: str = "zh") -> list[tuple[str, str]]:
    """(path, label) of every row, for the "which field" picker of a return item."""
    return [(row.path, f"{section.title(language)} · {row.label(language)}")
            for section in sections for row in section.rows]
