"""The per-material checklist, the validation findings and the history of a case under review.

The checklist is the domain's own (`checklist_for`, the same list the counter captured against), matched
with the pages the counter sent and the 容缺 items still outstanding, so each slot reads present,
deferred (容缺), missing or not needed. Findings are re-run here with the shared validation rules: the
counter's pre-review passed them, but the reviewer sees them against today's rules and catalogue.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from counter_app.domain.issues import Issue
from counter_app.domain.materials import MaterialKind, Requirement, checklist_for
from counter_app.domain.model import Application
from counter_app.domain.validation import validate_application
from counter_app.sync.protocol import MaterialRef
from counter_app.sync.review_protocol import ReviewCaseDetail


class SlotState(enum.StrEnum):
    PRESENT = "present"
    DEFERRED = "deferred"  # 容缺, not supplied yet
    SUPPLIED = "supplied"  # 容缺 item supplied later
    MISSING = "missing"
    NOT_NEEDED = "not_needed"  # optional, or another alternative of its group is present

    def label(self, language: str = "zh") -> str:
        zh, en = _STATE_LABELS[self]
        return en if language.startswith("en") else zh


_STATE_LABELS: dict[SlotState, tuple[str, str]] = {
    SlotState.PRESENT: ("已提交", "Present"),
    SlotState.DEFERRED: ("容缺待补", "Deferred (容缺)"),
    SlotState.SUPPLIED: ("容缺已补", "Deferred, supplied"),
    SlotState.MISSING: ("缺失", "Missing"),
    SlotState.NOT_NEEDED: ("无需提交", "Not needed"),
}


@dataclass(frozen=True)
class ChecklistEntry:
    slot: str
    label_zh: str
    label_en: str
    state: SlotState
    portrait: bool = False
    pages: tuple[MaterialRef, ...] = field(default_factory=tuple)

    def label(self, language: str = "zh") -> str:
        return self.label_en if language.startswith("en") else self.label_zh


def _application(data: Mapping[str, Any]) -> Application | None:
    try:
        return Application.from_dict(dict(data))
    except (TypeError, ValueError, KeyError, AttributeError):
        return None  # a body the model cannot read still shows its pages, just without the checklist


SUPPLIED_DOC_TYPE = "deferred_supplied"  # marks a page that is a 容缺 item supplied after submission


def supplied_pages(detail: ReviewCaseDetail) -> list[MaterialRef]:
    """The 容缺 items supplied later as pages (after the slot's own pages), so they show like the rest.
    The district keeps only the full image's hash for them (no thumbnail, size unknown)."""
    taken: dict[str, int] = {}
    for ref in detail.view.materials:
        taken[ref.slot] = max(taken.get(ref.slot, 0), ref.page + 1)
    out = []
    for item in detail.review.deferred_supplied:
        page = taken.get(item.slot, 0)
        taken[item.slot] = page + 1
        out.append(MaterialRef(slot=item.slot, page=page, kind="document", doc_type=SUPPLIED_DOC_TYPE,
                               sha256=item.sha256, size=0, mime="image/jpeg"))
    return out


def material_checklist(detail: ReviewCaseDetail) -> list[ChecklistEntry]:
    pages: dict[str, list[MaterialRef]] = {}
    for ref in [*sorted(detail.view.materials, key=lambda r: (r.slot, r.page)), *supplied_pages(detail)]:
        pages.setdefault(ref.slot, []).append(ref)
    outstanding = set(detail.review.deferred_outstanding)
    deferred = {item.slot for item in detail.view.deferred}
    app = _application(detail.application)
    slots = checklist_for(app) if app is not None else []
    # "One of" groups (premises proof): the alternative the counter chose is the one with pages or a
    # 容缺 item; the other alternatives are not needed, the chosen one's other slots still are.
    chosen = {(s.group, s.alternative) for s in slots if s.group and (s.key in pages or s.key in deferred)}
    chosen_groups = {group for group, _ in chosen}
    out: list[ChecklistEntry] = []
    for slot in slots:
        if slot.key in outstanding:
            state = SlotState.DEFERRED
        elif slot.key in deferred:
            state = SlotState.SUPPLIED
        elif slot.key in pages:
            state = SlotState.PRESENT
        elif slot.requirement is Requirement.OPTIONAL or (
                slot.group in chosen_groups and (slot.group, slot.alternative) not in chosen):
            state = SlotState.NOT_NEEDED
        else:
            state = SlotState.MISSING
        out.append(ChecklistEntry(slot.key, slot.label_zh, slot.label_en, state,
                                  portrait=slot.kind is MaterialKind.PORTRAIT,
                                  pages=tuple(pages.get(slot.key, ()))))
    known = {entry.slot for entry in out}
    # Pages and 容缺 items under slots this client's checklist does not know (another catalogue version).
    for key in sorted((set(pages) | deferred) - known):
        state = (SlotState.DEFERRED if key in outstanding else SlotState.SUPPLIED if key in deferred
                 else SlotState.PRESENT)
        refs = tuple(pages.get(key, ()))
        out.append(ChecklistEntry(key, key, key, state, portrait=any(r.kind == "portrait" for r in refs),
                                  pages=refs))
    return out


def findings(detail: ReviewCaseDetail, today: dt.date | None = None) -> list[Issue]:
    app = _application(detail.application)
    if app is None:
        return []
    return validate_application(app, today=today or dt.date.today())


def document_slots(detail: ReviewCaseDetail) -> list[str]:
    """Slots a return item may point at (the server accepts the case's material and 容缺 slots)."""
    return sorted({m.slot for m in detail.view.materials} | {d.slot for d in detail.view.deferred})


def portrait_and_id(entries: list[ChecklistEntry]) -> tuple[MaterialRef | None, MaterialRef | None]:
    """The on-site portrait and the front of the operator's ID, for the side-by-side comparison."""
    portrait = next((e.pages[0] for e in entries if e.portrait and e.pages), None)
    id_front = next((e.pages[0] for e in entries if e.slot == "operator_id_front" and e.pages), None)
    return portrait, id_front
