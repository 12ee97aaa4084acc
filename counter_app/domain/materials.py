"""The materials checklist of domain.md §4, derived from an application.

Each `MaterialSlot` is one thing the clerk photographs (the portrait, an ID side, a form, a certificate),
with a stable key the store and the sync protocol use. Whether a slot is required, deferrable under 容缺
(a *(local)* list) or optional is decided here, so the capture dialog, pre-review and the printed receipt
all read the same list.

Premises proof is "one of" several alternatives (title certificate; lease + the landlord's title; a
village/residents' committee certificate; a premises commitment where the province allows it): those
slots share the group ``premises`` and the group is satisfied by any complete alternative.

Family members and agents have no id of their own in the application, so their slots are keyed by the
member's position (``family_1_id_front`` is the first member). Removing a member in the middle shifts the
keys of the later ones; the capture service keeps captured pages under the key they were taken for.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.domain.issues import Issue, Severity
from counter_app.domain.model import Application, CompositionForm, IdDocType


class MaterialKind(enum.StrEnum):
    PORTRAIT = "portrait"
    DOCUMENT = "document"


class DocType(enum.StrEnum):
    """The physical kind of a captured page: decides aspect ratio, resolution and colour when encoding
    (the sizes live in counter_app.capture.document_types)."""

    PORTRAIT = "portrait"  # the on-site ID photo
    A4 = "a4"  # forms, commitments, leases, authorisations (210 x 297 mm)
    ID_CARD = "id_card"  # resident ID card and the card-sized permits (85.6 x 54 mm, ISO/IEC 7810 ID-1)
    CERTIFICATE_A4 = "certificate_a4"  # licences and certificates printed on A4 (copies, 副本)
    CERTIFICATE_A3 = "certificate_a3"  # originals printed on A3 (正本)
    BOOKLET = "booklet"  # title certificate, household register, marriage certificate pages (free aspect)
    OTHER = "other"  # anything else (free aspect)


class Requirement(enum.StrEnum):
    REQUIRED = "required"  # acceptance needs it
    DEFERRABLE = "deferrable"  # may be supplied later under 容缺 (local list)
    OPTIONAL = "optional"


class PremisesProof(enum.StrEnum):
    """The alternatives for proving the right to use the premises (domain.md §4)."""

    TITLE = "title"  # 产权证明
    LEASE = "lease"  # 租赁协议 + 出租方产权证明
    COMMITTEE = "committee"  # 村（居）委会证明
    COMMITMENT = "commitment"  # 住所（经营场所）承诺书 (local)


PREMISES_GROUP = "premises"

_ReqFn = Callable[[str], Requirement]  # slot key -> its requirement under the local 容缺 list

# Deferrable under 容缺 by default (domain.md §4); a district replaces the list in MaterialsConfig.
DEFAULT_DEFERRABLE: frozenset[str] = frozenset({"premises_landlord_title", "family_relationship_proof"})


@dataclass(frozen=True)
class MaterialsConfig:
    """The *(local)* knobs: which slot keys may be deferred, whether a premises commitment is accepted."""

    deferrable: frozenset[str] = DEFAULT_DEFERRABLE
    allow_premises_commitment: bool = True


@dataclass(frozen=True)
class MaterialSlot:
    key: str  # stable: stored with every captured page
    label_zh: str
    label_en: str
    kind: MaterialKind
    doc_type: DocType
    requirement: Requirement
    multi_page: bool = False
    group: str | None = None  # slots of a group are alternatives (see module docstring)
    alternative: str | None = None  # which alternative of the group this slot belongs to

    @property
    def required(self) -> bool:
        return self.requirement is Requirement.REQUIRED

    @property
    def deferrable(self) -> bool:
        return self.requirement is Requirement.DEFERRABLE

    def label(self, language: str = "zh") -> str:
        return self.label_en if language.startswith("en") else self.label_zh


# Card-sized documents: the resident ID card and the permits all follow ISO/IEC 7810 ID-1.
ID_DOC_TYPES: dict[IdDocType, DocType] = {t: DocType.ID_CARD for t in IdDocType}

_ID_DOC_LABELS: dict[IdDocType, tuple[str, str]] = {
    IdDocType.RESIDENT_ID: ("身份证", "ID card"),
    IdDocType.HK_MACAU_PERMIT: ("港澳居民来往内地通行证", "Mainland travel permit (HK/Macau)"),
    IdDocType.TAIWAN_PERMIT: ("台湾居民来往大陆通行证", "Mainland travel permit (Taiwan)"),
    IdDocType.HKMT_RESIDENCE_PERMIT: ("港澳台居民居住证", "Residence permit (HK/Macau/Taiwan)"),
}


def checklist_for(app: Application, config: MaterialsConfig | None = None,
                  catalogue: ScopeCatalogue | None = None) -> list[MaterialSlot]:
    """Every slot this application needs, in the order the clerk captures them."""
    config = config or MaterialsConfig()
    catalogue = catalogue or ScopeCatalogue.load_default()

    def req(key: str, base: Requirement = Requirement.REQUIRED) -> Requirement:
        return Requirement.DEFERRABLE if key in config.deferrable else base

    slots = [
        MaterialSlot("portrait", "经营者现场人像", "Operator's on-site portrait", MaterialKind.PORTRAIT,
                     DocType.PORTRAIT, Requirement.REQUIRED),
    ]
    slots += _id_sides("operator", "经营者", "Operator's", app.operator.id_document.doc_type, req)
    slots.append(_doc("application_form", "签字的登记申请书及承诺", "Signed application form and commitments",
                      DocType.A4, req("application_form"), multi_page=True))
    slots += _premises_slots(app, config, req)
    if app.composition is CompositionForm.FAMILY:
        for index, member in enumerate(app.family_members, start=1):
            slots += _id_sides(f"family_{index}", f"家庭成员{index}", f"Family member {index}'s",
                               member.id_document.doc_type, req)
        slots.append(_doc("family_relationship_proof", "户口簿或结婚证（家庭关系证明）",
                          "Household register or marriage certificate", DocType.BOOKLET,
                          req("family_relationship_proof"), multi_page=True))
    if app.agent is not None:
        slots += _id_sides("agent", "委托代理人", "Agent's", app.agent.id_document.doc_type, req)
        slots.append(_doc("agent_authorisation", "签字的委托书", "Signed authorisation", DocType.A4,
                          req("agent_authorisation"), multi_page=True))
    for item_id in _licensed_item_ids(app, catalogue):
        item = catalogue.get(item_id)
        declared = _declared_document(app, item_id)
        name_zh = (item.approval_document_zh if item else "") or declared or "许可文件"
        name_en = (item.approval_document_en if item else "") or "approval document"
        scope_zh = f"（{item.name_zh}）" if item else f"（{item_id}）"
        scope_en = f" ({item.name_en})" if item else f" ({item_id})"
        key = f"approval_{item_id}"
        slots.append(_doc(key, f"许可文件：{name_zh}{scope_zh}", f"Approval: {name_en}{scope_en}",
                          DocType.CERTIFICATE_A4, req(key), multi_page=True))
    slots.append(_doc("other", "其他材料", "Other documents", DocType.OTHER, Requirement.OPTIONAL,
                      multi_page=True))
    return slots


def _doc(key: str, zh: str, en: str, doc_type: DocType, requirement: Requirement, *,
         multi_page: bool = False, group: str | None = None, alternative: str | None = None) -> MaterialSlot:
    return MaterialSlot(key, zh, en, MaterialKind.DOCUMENT, doc_type, requirement, multi_page, group,
                        alternative)


def _id_sides(prefix: str, who_zh: str, who_en: str, id_type: IdDocType,
              req: _ReqFn) -> list[MaterialSlot]:
    doc_zh, doc_en = _ID_DOC_LABELS[id_type]
    doc_type = ID_DOC_TYPES[id_type]
    return [
        _doc(f"{prefix}_id_front", f"{who_zh}{doc_zh}正面", f"{who_en} {doc_en}, front", doc_type,
             req(f"{prefix}_id_front")),
        _doc(f"{prefix}_id_back", f"{who_zh}{doc_zh}反面", f"{who_en} {doc_en}, back", doc_type,
             req(f"{prefix}_id_back")),
    ]


def _premises_slots(app: Application, config: MaterialsConfig, req: _ReqFn) -> list[MaterialSlot]:
    # An e-commerce operator using only an online shop address has no physical premises to prove.
    if app.ecommerce and app.premises.is_empty():
        return []
    g = PREMISES_GROUP
    slots = [
        _doc("premises_title", "经营场所产权证明", "Premises title certificate", DocType.BOOKLET,
             req("premises_title"), multi_page=True, group=g, alternative=PremisesProof.TITLE),
        _doc("premises_lease", "经营场所租赁协议", "Premises lease", DocType.A4, req("premises_lease"),
             multi_page=True, group=g, alternative=PremisesProof.LEASE),
        _doc("premises_landlord_title", "出租方产权证明", "Landlord's title certificate", DocType.BOOKLET,
             req("premises_landlord_title"), multi_page=True, group=g, alternative=PremisesProof.LEASE),
        _doc("premises_committee", "村（居）委会出具的场所证明", "Village/residents' committee certificate",
             DocType.CERTIFICATE_A4, req("premises_committee"), group=g,
             alternative=PremisesProof.COMMITTEE),
    ]
    if config.allow_premises_commitment:
        slots.append(_doc("premises_commitment", "经营场所承诺书", "Premises commitment", DocType.A4,
                          req("premises_commitment"), group=g, alternative=PremisesProof.COMMITMENT))
    return slots


def _licensed_item_ids(app: Application, catalogue: ScopeCatalogue) -> list[str]:
    ids = [i for i in app.scope_item_ids if (item := catalogue.get(i)) is not None and item.is_licensed]
    # Approval documents the clerk declared for items the catalogue no longer lists still need their scan.
    ids += [d.scope_item_id for d in app.approval_documents
            if d.scope_item_id and d.scope_item_id not in ids and catalogue.get(d.scope_item_id) is None]
    return list(dict.fromkeys(ids))


def _declared_document(app: Application, item_id: str) -> str:
    return next((d.document_name for d in app.approval_documents if d.scope_item_id == item_id), "")


# --- status -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MissingItem:
    """Something still to capture: one slot, or a whole "one of" group (then `slot_keys` lists them)."""

    key: str
    label_zh: str
    label_en: str
    slot_keys: tuple[str, ...]

    def label(self, language: str = "zh") -> str:
        return self.label_en if language.startswith("en") else self.label_zh


@dataclass(frozen=True)
class ChecklistStatus:
    slots: tuple[MaterialSlot, ...]
    pages: Mapping[str, int]  # slot key -> captured pages
    missing_required: tuple[MissingItem, ...]
    missing_deferrable: tuple[MissingItem, ...]
    chosen_alternatives: Mapping[str, str] = field(default_factory=dict)  # group -> alternative in use

    @property
    def complete(self) -> bool:
        """Nothing required or deferrable is missing."""
        return not self.missing_required and not self.missing_deferrable

    @property
    def acceptable_with_deferrals(self) -> bool:
        """Only deferrable items are missing: the case may be accepted under 容缺 (domain.md §6)."""
        return not self.missing_required

    def issues(self) -> list[Issue]:
        """The findings for pre-review: missing required items block, deferrable ones warn."""
        found = [Issue(f"materials.{m.key}", "material_missing", Severity.ERROR,
                       f"缺少材料：{m.label_zh}", f"Missing material: {m.label_en}")
                 for m in self.missing_required]
        found += [Issue(f"materials.{m.key}", "material_deferrable_missing", Severity.WARNING,
                        f"缺少可容缺材料：{m.label_zh}（可容缺受理并承诺补交）",
                        f"Missing deferrable material: {m.label_en} (may be supplied later under 容缺)")
                  for m in self.missing_deferrable]
        return found


def checklist_status(slots: Iterable[MaterialSlot], pages: Mapping[str, int]) -> ChecklistStatus:
    """Which slots still miss pages. `pages` maps slot keys to the number of captured pages (keys that
    are not in the checklist, e.g. of a removed family member, are ignored)."""
    slot_list = tuple(slots)
    have = {s.key for s in slot_list if pages.get(s.key, 0) > 0}
    required: list[MissingItem] = []
    deferrable: list[MissingItem] = []
    chosen: dict[str, str] = {}
    groups: dict[str, list[MaterialSlot]] = {}
    for slot in slot_list:
        if slot.group is not None:
            groups.setdefault(slot.group, []).append(slot)
        elif slot.key not in have and slot.requirement is not Requirement.OPTIONAL:
            item = MissingItem(slot.key, slot.label_zh, slot.label_en, (slot.key,))
            (required if slot.required else deferrable).append(item)
    for group, members in groups.items():
        alternative, missing = _best_alternative(members, have)
        if alternative is None:
            labels_zh = "、".join(dict.fromkeys(_alt_label(members, a, "zh") for a in _alternatives(members)))
            labels_en = "; ".join(dict.fromkeys(_alt_label(members, a, "en") for a in _alternatives(members)))
            item = MissingItem(group, f"经营场所证明（任选其一：{labels_zh}）",
                               f"Premises proof (one of: {labels_en})", tuple(s.key for s in members))
            # The group counts as deferrable only if some alternative consists of deferrable slots alone.
            all_deferrable = any(all(s.deferrable for s in members if s.alternative == a)
                                 for a in _alternatives(members))
            (deferrable if all_deferrable else required).append(item)
            continue
        chosen[group] = alternative
        for slot in missing:
            item = MissingItem(slot.key, slot.label_zh, slot.label_en, (slot.key,))
            (required if slot.required else deferrable).append(item)
    return ChecklistStatus(slot_list, dict(pages), tuple(required), tuple(deferrable), chosen)


def _alternatives(members: list[MaterialSlot]) -> list[str]:
    return list(dict.fromkeys(s.alternative or s.key for s in members))


def _alt_label(members: list[MaterialSlot], alternative: str, language: str) -> str:
    parts = [s.label(language) for s in members if (s.alternative or s.key) == alternative]
    return ("+" if language == "zh" else " + ").join(parts)


def _best_alternative(members: list[MaterialSlot],
                      have: set[str]) -> tuple[str | None, list[MaterialSlot]]:
    """The alternative the clerk has started (most captured slots; ties: fewer missing), and what of it
    is still missing; (None, []) when nothing of the group was captured."""
    best: tuple[int, int, str] | None = None
    for alternative in _alternatives(members):
        slots = [s for s in members if (s.alternative or s.key) == alternative]
        captured = sum(s.key in have for s in slots)
        if captured == 0:
            continue
        rank = (captured, -(len(slots) - captured), alternative)
        if best is None or rank[:2] > best[:2]:
            best = rank
    if best is None:
        return None, []
    alternative = best[2]
    return alternative, [s for s in members if (s.alternative or s.key) == alternative and s.key not in have]
