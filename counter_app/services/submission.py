"""Submitting an accepted case to the district (domain.md §1 step 4: 提交).

The status change (accepted → queued) and the outbox entry are one local transaction: a case is never
"queued" without something to send, nor sent without being "queued". What is sent is built and frozen
here, from the case exactly as stored; the outbox worker does the rest whenever the link allows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from counter_app.domain.status import STATUS_LABELS, CaseStatus, IllegalTransition, Role, check_transition
from counter_app.services.errors import CaseNotFound, ConcurrentEdit, ServiceError
from counter_app.store.acceptance import AcceptanceRepository
from counter_app.store.audit import AuditLog
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.outbox import OutboxRepository
from counter_app.store.repository import CaseRecord, CaseRepository, StaleWrite
from counter_app.sync.payload import build_submission, submission_bytes, upload_list
from counter_app.sync.protocol import DeferredItem


class NotSubmittable(ServiceError):
    def __init__(self, reason_zh: str, status: CaseStatus) -> None:
        status_en = STATUS_LABELS[status][1]
        super().__init__(f"{reason_zh}。只有已受理或退回补正的案件可以提交到区级",
                         f"A case that is {status_en} cannot be submitted; only accepted or returned "
                         "cases can")


class MaterialMissing(ServiceError):
    def __init__(self, count: int) -> None:
        super().__init__(f"该案件有 {count} 张材料图片在本机找不到，不能提交。请重新采集后再提交",
                         f"{count} image(s) of this case are missing on this computer; capture them again "
                         "before submitting")


class SubmissionService:
    def __init__(self, repository: CaseRepository, outbox: OutboxRepository, audit: AuditLog,
                 blobs: EncryptedBlobStore, *, clerk: str, notify: Callable[[], None] | None = None,
                 acceptances: AcceptanceRepository | None = None) -> None:
        self._acceptances = acceptances
        self._repo = repository
        self._outbox = outbox
        self._audit = audit
        self._blobs = blobs
        self._clerk = clerk
        self._notify = notify or (lambda: None)

    def set_notify(self, notify: Callable[[], None]) -> None:
        """Who to tell that the outbox has new work (the sync worker's wake)."""
        self._notify = notify

    def wake(self) -> None:
        """Tell the sync worker there is new outbox work (a 容缺 item supplied later, for example)."""
        self._notify()

    def submit(self, case_id: str, *, deferred: Sequence[DeferredItem] | None = None) -> CaseRecord:
        """Queue an accepted case for the district, or a corrected returned case as its next version.
        Returns the case as stored (status "queued"). `deferred` defaults to the 容缺 items recorded at
        acceptance (on a resubmission, less those captured since)."""
        record = self._repo.get(case_id)
        if record is None:
            raise CaseNotFound(case_id)
        try:
            check_transition(record.status, CaseStatus.QUEUED, Role.CLERK)
        except IllegalTransition as exc:
            raise NotSubmittable(exc.message_zh, record.status) from exc
        materials = self._outbox.materials(case_id)
        uploads = upload_list(materials)
        sized = []
        missing = 0
        for blob in uploads:
            if not self._blobs.exists(blob.sha256):
                missing += 1
            elif blob.size <= 0:  # a thumbnail without a blob-index row: measure it
                sized.append(type(blob)(blob.sha256, blob.kind, len(self._blobs.get(blob.sha256))))
                continue
            sized.append(blob)
        if missing:
            raise MaterialMissing(missing)
        resubmission = record.status is CaseStatus.RETURNED
        if deferred is None:
            deferred = self._accepted_deferrals(case_id)
            if resubmission:  # a 容缺 item captured while correcting is part of the materials now
                captured = {m.slot for m in materials}
                deferred = [d for d in deferred if d.slot not in captured]
        submission = build_submission(record, materials, submitted_at=datetime.now(UTC), deferred=deferred)
        payload = submission_bytes(submission)
        try:
            self._outbox.enqueue(case_id, expected_row_version=record.row_version, payload=payload,
                                 blobs=sized, resubmission=resubmission)
        except StaleWrite as exc:
            raise ConcurrentEdit() from exc
        self._audit.record(actor=self._clerk, action="case.resubmit" if resubmission else "case.submit",
                           case_id=case_id,
                           detail={"version": submission.version, "materials": len(materials),
                                   "bytes": len(payload) + sum(b.size for b in sized)})
        self._notify()
        stored = self._repo.get(case_id)
        assert stored is not None
        return stored

    def _accepted_deferrals(self, case_id: str) -> list[DeferredItem]:
        accepted = self._acceptances.get(case_id) if self._acceptances is not None else None
        if accepted is None:
            return []
        return [DeferredItem(slot=d.item_key, delivery=d.delivery.value, due_date=d.due_date)
                for d in accepted.deferred]
