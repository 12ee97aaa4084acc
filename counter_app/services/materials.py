"""The materials service: what the capture dialogs call to store, retake, delete, list and open the
captured portrait and document pages of a case, and to ask what is still missing from its checklist.

Every image is stored encrypted through the EncryptedBlobStore (main image, thumbnail, original) and
indexed in the store; every capture, deletion and view is audited without personal data (slot keys,
page numbers, check names and whether the clerk overrode the gate).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from typing import Literal

from counter_app.capture.document import DocumentAnalysis
from counter_app.capture.images import Image
from counter_app.capture.pipeline import (
    EncodedCapture,
    PortraitCapture,
    encode_document_capture,
    encode_portrait_capture,
)
from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.domain.materials import (
    ChecklistStatus,
    MaterialKind,
    MaterialsConfig,
    MaterialSlot,
    checklist_for,
    checklist_status,
)
from counter_app.domain.status import EDITABLE_STATUSES, STATUS_LABELS, CaseStatus
from counter_app.services.errors import CaseNotFound, ServiceError
from counter_app.store.audit import AuditLog
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.materials import MaterialNotFound, MaterialRecord, MaterialRepository
from counter_app.store.repository import CaseRepository

# Capture is open while the application may change, and after acceptance with deferrals so the
# deferred items can be added (adding only: nothing accepted is replaced or removed then).
CAPTURE_STATUSES = EDITABLE_STATUSES | {CaseStatus.ACCEPTED_WITH_DEFERRALS}
# While the district has the case, only its 容缺 items may still be added (then supplied to the district,
# services.deferred_supply).
LATE_SUPPLY_STATUSES = frozenset({CaseStatus.QUEUED, CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW})

Variant = Literal["main", "thumb", "original"]


class SlotNotInChecklist(ServiceError):
    def __init__(self, slot: str) -> None:
        super().__init__("该材料不在本案件的材料清单中", f"{slot} is not on this case's checklist")


class WrongMaterialKind(ServiceError):
    def __init__(self, slot: str) -> None:
        super().__init__("人像和文件不能混放，请在对应的材料项下采集",
                         f"The capture does not belong in {slot}")


class PageOutOfRange(ServiceError):
    def __init__(self, slot: str, page: int) -> None:
        super().__init__("页码无效：该材料只有一页或页码超出范围", f"Invalid page {page + 1} for {slot}")


class OriginalPurged(ServiceError):
    def __init__(self) -> None:
        super().__init__("原始照片已在区级确认接收后按规定清除，只能查看处理后的图片",
                         "The original photo was purged after the district confirmed receipt")


class CaptureClosed(ServiceError):
    def __init__(self, status_zh: str, status_en: str) -> None:
        super().__init__(f"案件当前状态为“{status_zh}”，不能再采集或修改材料",
                         f"The case is {status_en}; materials can no longer be changed")


class MaterialService:
    def __init__(self, repository: MaterialRepository, cases: CaseRepository, blobs: EncryptedBlobStore,
                 audit: AuditLog, *, clerk: str, config: MaterialsConfig | None = None,
                 catalogue: ScopeCatalogue | None = None,
                 late_slots: Callable[[str], Collection[str]] | None = None) -> None:
        self._late_slots = late_slots  # case id -> its 容缺 slots (the acceptance record)
        self._repo = repository
        self._cases = cases
        self._blobs = blobs
        self._audit = audit
        self._clerk = clerk
        self._config = config or MaterialsConfig()
        self._catalogue = catalogue or ScopeCatalogue.load_default()

    # --- checklist ----------------------------------------------------------------------------------

    def checklist(self, case_id: str) -> list[MaterialSlot]:
        record = self._cases.get(case_id)
        if record is None:
            raise CaseNotFound(case_id)
        return checklist_for(record.application, self._config, self._catalogue)

    def checklist_status(self, case_id: str) -> ChecklistStatus:
        """Which required and deferrable items are still missing (pre-review and the receipt read it)."""
        return checklist_status(self.checklist(case_id), self._repo.page_counts(case_id))

    def late_slots(self, case_id: str) -> set[str]:
        """The 容缺 slots that may still be captured while the district has the case."""
        return set(self._late_slots(case_id)) if self._late_slots is not None else set()

    def list_materials(self, case_id: str) -> list[MaterialRecord]:
        """The case's captured pages, by slot and page (metadata only: no image is opened)."""
        if not self._repo.case_exists(case_id):
            raise CaseNotFound(case_id)
        return self._repo.list_for_case(case_id)

    # --- capture ------------------------------------------------------------------------------------

    def store_portrait(self, case_id: str, capture: PortraitCapture, *,
                       slot: str = "portrait") -> MaterialRecord:
        """Store (or retake) the portrait."""
        return self.store_encoded(case_id, slot, 0, encode_portrait_capture(capture), replace=True)

    def store_document(self, case_id: str, slot: str, analysis: DocumentAnalysis, photo: Image, *,
                       page: int | None = None, override_reason: str | None = None,
                       original_bytes: bytes | None = None) -> MaterialRecord:
        """Store an analysed page. `page=None` appends a new page to the slot; a page number retakes that
        page. A page failing a check needs `override_reason` (OverrideReasonMissing otherwise)."""
        encoded = encode_document_capture(analysis, photo, override_reason=override_reason,
                                          original_bytes=original_bytes)
        if page is None:
            page = self._repo.page_counts(case_id).get(slot, 0)
            return self.store_encoded(case_id, slot, page, encoded, replace=False)
        return self.store_encoded(case_id, slot, page, encoded, replace=True)

    def store_encoded(self, case_id: str, slot_key: str, page: int, encoded: EncodedCapture, *,
                      replace: bool) -> MaterialRecord:
        """The common path: check the slot, write the three encrypted files, then the rows, then audit."""
        case = self._cases.get(case_id)
        if case is None:
            raise CaseNotFound(case_id)
        slot = self._slot(case_id, slot_key)
        existing = self._repo.page_counts(case_id).get(slot_key, 0)
        late = case.status in LATE_SUPPLY_STATUSES and slot_key in self.late_slots(case_id)
        self._check_open(case.status, adding=page >= existing, late=late)
        expected_kind = MaterialKind.PORTRAIT if slot.kind is MaterialKind.PORTRAIT else MaterialKind.DOCUMENT
        if encoded.kind is not expected_kind:
            raise WrongMaterialKind(slot_key)
        if page < 0 or page > existing or (page > 0 and not slot.multi_page):
            raise PageOutOfRange(slot_key, page)
        record = MaterialRecord(
            material_id=str(uuid.uuid4()), case_id=case_id, slot=slot_key, page=page, kind=encoded.kind.value,
            sha256=self._blobs.put(encoded.main.data), thumb_sha256=self._blobs.put(encoded.thumb.data),
            original_sha256=self._blobs.put(encoded.original.data), mime=encoded.main.mime,
            width=encoded.main.width, height=encoded.main.height, size=encoded.main.size,
            doc_type=encoded.doc_type.value, quality=encoded.quality, override_reason=encoded.override_reason,
            captured_at=datetime.now(UTC), captured_by=self._clerk)
        replaced = replace and page < existing
        try:
            orphans = self._repo.add(record, replace=replace)
        except Exception:
            self._delete_files(sorted(set(record.blob_hashes().values())))  # written for nothing
            raise
        self._delete_files(orphans)
        failed = sorted(name for name, value in encoded.quality.items()
                        if isinstance(value, dict) and value.get("passed") is False)
        self._audit.record(actor=self._clerk, action="material.capture", case_id=case_id,
                           detail={"slot": slot_key, "page": page, "kind": encoded.kind.value,
                                   "override": encoded.override_reason is not None, "replaced": replaced,
                                   "failed_checks": failed, "bytes": encoded.main.size})
        return record

    def delete_page(self, case_id: str, slot: str, page: int) -> None:
        case = self._cases.get(case_id)
        if case is None:
            raise CaseNotFound(case_id)
        self._check_open(case.status, adding=False)
        orphans = self._repo.delete_page(case_id, slot, page)
        self._delete_files(orphans)
        self._audit.record(actor=self._clerk, action="material.delete", case_id=case_id,
                           detail={"slot": slot, "page": page})

    # --- viewing ------------------------------------------------------------------------------------

    def open_image(self, material_id: str, variant: Variant = "main") -> bytes:
        """The decrypted image bytes (JPEG) of a page for display. Every opening is audited."""
        record = self._repo.get(material_id)
        if record is None:
            raise MaterialNotFound(material_id)
        hashes = {"main": record.sha256, "thumb": record.thumb_sha256, "original": record.original_sha256}
        sha = hashes[variant]
        if sha is None:
            raise OriginalPurged()
        data = self._blobs.get(sha)
        self._audit.record(actor=self._clerk, action="material.view", case_id=record.case_id,
                           detail={"slot": record.slot, "page": record.page, "variant": variant})
        return data

    # --- after the district confirmed receipt (called by sync) --------------------------------------

    def confirm_received(self, case_id: str, sha256s: set[str]) -> int:
        """Stamp the pages the district confirmed and purge their originals."""
        stamped = self._repo.mark_confirmed(case_id, sha256s)
        self._delete_files(self._repo.purge_confirmed_originals(case_id))
        if stamped:
            self._audit.record(actor=self._clerk, action="material.originals_purged", case_id=case_id,
                               detail={"pages": stamped})
        return stamped

    # --- helpers ------------------------------------------------------------------------------------

    def _slot(self, case_id: str, key: str) -> MaterialSlot:
        for slot in self.checklist(case_id):
            if slot.key == key:
                return slot
        raise SlotNotInChecklist(key)

    @staticmethod
    def _check_open(status: CaseStatus, *, adding: bool, late: bool = False) -> None:
        if status in EDITABLE_STATUSES or (adding and (status in CAPTURE_STATUSES or late)):
            return
        zh, en = STATUS_LABELS[status]
        raise CaptureClosed(zh, en)

    def _delete_files(self, hashes: list[str]) -> None:
        for sha in hashes:
            if not self._repo.is_referenced(sha):  # another case may have stored the same bytes since
                self._blobs.delete(sha)
