"""Where the receipt's material lists come from.

`MaterialsSource` is the seam: capture owns the checklist (slot keys and their names) and the acceptance
step owns the 容缺 items, so both are read through this protocol. `StoredMaterials` reads the captured
pages from the `case_materials` table and names each slot with `label_for`; `AcceptedMaterials` names
them from the case's checklist and takes the deferred items from the acceptance record; `NoMaterials`
lists nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from sqlalchemy import func, select

from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.domain.materials import checklist_for
from counter_app.printing.data import DeferredLine, MaterialLine
from counter_app.store.acceptance import AcceptanceRepository
from counter_app.store.db import Database
from counter_app.store.repository import CaseRepository
from counter_app.store.tables import CaseMaterialRow

# Fallback names for the slot keys capture is known to use; anything else prints its key.
_SLOT_LABELS = {
    "portrait": "现场人像（实名验证）",
    "application_form": "个体工商户登记（备案）申请书",
    "operator_id_front": "经营者身份证件（人像面）",
    "operator_id_back": "经营者身份证件（国徽面）",
    "premises_proof": "经营场所使用证明",
    "lease": "房屋租赁合同",
    "title_certificate": "房屋产权证明",
    "agent_id": "委托代理人身份证件",
    "authorisation": "授权委托书",
    "household_register": "户口簿",
    "marriage_certificate": "结婚证",
}


def default_slot_label(slot: str) -> str:
    return _SLOT_LABELS.get(slot, slot)


class MaterialsSource(Protocol):
    def received(self, case_id: str) -> list[MaterialLine]: ...

    def deferred(self, case_id: str) -> list[DeferredLine]: ...


class NoMaterials:
    def received(self, case_id: str) -> list[MaterialLine]:
        return []

    def deferred(self, case_id: str) -> list[DeferredLine]:
        return []


class StoredMaterials:
    """Received materials = the captured slots of the case with their page counts, in capture order."""

    def __init__(self, database: Database, label_for: Callable[[str], str] = default_slot_label,
                 deferred: Callable[[str], list[DeferredLine]] | None = None) -> None:
        self._db = database
        self._label_for = label_for
        self._deferred = deferred

    def received(self, case_id: str) -> list[MaterialLine]:
        return self._received(case_id, self._label_for)

    def _received(self, case_id: str, label_for: Callable[[str], str]) -> list[MaterialLine]:
        stmt = (select(CaseMaterialRow.slot, func.count(), func.min(CaseMaterialRow.captured_at))
                .where(CaseMaterialRow.case_id == case_id)
                .group_by(CaseMaterialRow.slot)
                .order_by(func.min(CaseMaterialRow.captured_at), CaseMaterialRow.slot))
        with self._db.read() as session:
            rows = session.execute(stmt).all()
        return [MaterialLine(label=label_for(slot), pages=int(count)) for slot, count, _first in rows]

    def deferred(self, case_id: str) -> list[DeferredLine]:
        return self._deferred(case_id) if self._deferred else []


class AcceptedMaterials(StoredMaterials):
    """What the receipt lists after acceptance: captured pages named as on the case's own checklist
    (capture's `checklist_for`), deferred items as the acceptance recorded them."""

    def __init__(self, database: Database, repository: CaseRepository,
                 catalogue: ScopeCatalogue | None = None) -> None:
        super().__init__(database)
        self._cases = repository
        self._catalogue = catalogue
        self._acceptances = AcceptanceRepository(database)

    def received(self, case_id: str) -> list[MaterialLine]:
        record = self._cases.get(case_id)
        slots = checklist_for(record.application, catalogue=self._catalogue) if record is not None else []
        labels = {slot.key: slot.label_zh for slot in slots}
        return self._received(case_id, lambda slot: labels.get(slot) or default_slot_label(slot))

    def deferred(self, case_id: str) -> list[DeferredLine]:
        acceptance = self._acceptances.get(case_id)
        if acceptance is None:
            return []
        return [DeferredLine(label=item.label_zh, delivery=item.delivery, due_date=item.due_date)
                for item in acceptance.deferred]
