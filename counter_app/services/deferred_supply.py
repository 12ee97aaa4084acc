"""Supplying a 容缺 item after the case went to the district (domain.md §6): the clerk captures the document
when the applicant brings it, and sends it; the outbox uploads the image and records it against its slot
at the district (POST /v1/cases/{id}/deferred/{slot}), which lifts the block on approval. The district's
answer comes back through the change feed like any other change."""

from __future__ import annotations

from counter_app.domain.status import STATUS_LABELS
from counter_app.services.errors import CaseNotFound, ServiceError
from counter_app.services.materials import LATE_SUPPLY_STATUSES
from counter_app.services.submission import SubmissionService
from counter_app.store.acceptance import AcceptanceRepository
from counter_app.store.audit import AuditLog
from counter_app.store.outbox import OutboxRepository
from counter_app.store.repository import CaseRepository
from counter_app.store.supplies import DELIVERED, WAITING, Supply, SupplyPage


class SupplyNotOpen(ServiceError):
    def __init__(self, status_zh: str, status_en: str) -> None:
        super().__init__(f"案件当前状态为“{status_zh}”，不能补交容缺材料（只能在提交区级后、作出决定前补交）",
                         f"The case is {status_en}; deferred items are supplied after submission and "
                         "before the decision")


class NotDeferred(ServiceError):
    def __init__(self, slot: str) -> None:
        super().__init__("该材料不是本案件受理时的容缺材料", f"{slot} was not deferred at acceptance")


class NothingCaptured(ServiceError):
    def __init__(self, slot: str) -> None:
        super().__init__("请先采集该容缺材料，再补交", f"Capture {slot} before supplying it")


class DeferredSupplyService:
    def __init__(self, repository: CaseRepository, outbox: OutboxRepository,
                 acceptances: AcceptanceRepository, submissions: SubmissionService, audit: AuditLog, *,
                 clerk: str) -> None:
        self._repo = repository
        self._outbox = outbox
        self._acceptances = acceptances
        self._submissions = submissions
        self._audit = audit
        self._clerk = clerk

    def deferred_slots(self, case_id: str) -> list[str]:
        """The slots deferred at acceptance."""
        accepted = self._acceptances.get(case_id)
        return [d.item_key for d in accepted.deferred] if accepted is not None else []

    def supplies(self, case_id: str) -> list[Supply]:
        return self._outbox.supplies.for_case(case_id)

    def outstanding(self, case_id: str) -> list[str]:
        """Deferred slots not yet sent (a supply waiting or delivered counts as sent)."""
        sent = {s.slot for s in self.supplies(case_id) if s.state in (WAITING, DELIVERED)}
        return [slot for slot in self.deferred_slots(case_id) if slot not in sent]

    def supply(self, case_id: str, slot: str) -> list[int]:
        """Queue the captured pages of deferred `slot` for the district. Sending the same pages again
        queues nothing new (the district records each image once)."""
        record = self._repo.get(case_id)
        if record is None:
            raise CaseNotFound(case_id)
        if record.status not in LATE_SUPPLY_STATUSES:
            raise SupplyNotOpen(*STATUS_LABELS[record.status])
        if slot not in self.deferred_slots(case_id):
            raise NotDeferred(slot)
        pages = [SupplyPage(m.slot, m.sha256, m.size, m.mime)
                 for m in self._outbox.materials(case_id) if m.slot == slot]
        if not pages:
            raise NothingCaptured(slot)
        ids = self._outbox.supplies.enqueue(case_id, pages)
        self._audit.record(actor=self._clerk, action="deferred.supply", case_id=case_id,
                           detail={"slot": slot, "pages": len(pages)})
        self._submissions.wake()
        return ids
