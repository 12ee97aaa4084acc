"""The store side of retention (domain.md §7): which cases may lose their images or their data, and the
purges themselves, each in one transaction that re-checks its conditions under the write lock.

- Images: when the district has confirmed every page (district_confirmed_at), nothing of the case waits
  in the outbox, and the case is decided. The blob rows go; files no other case uses are returned for
  deletion (after commit: a crash in between leaves an unreferenced file, never a missing one).
- Case data: after collection plus the grace period (or, for a case that ended without a licence, its
  last change plus a longer grace). The case row stays as the masked index: number, status and dates in
  clear, the application and summary replaced by ones holding only the masked name and ID number.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Exists, Select, delete, exists, select, update
from sqlalchemy.orm import Session

from counter_app.domain.masking import mask_id_number, mask_name
from counter_app.domain.model import Application
from counter_app.domain.status import CaseStatus
from counter_app.security.crypto import FieldCipher, aad_for
from counter_app.store.db import Database
from counter_app.store.pickup import SIGNATURE_SLOT
from counter_app.store.search import SummaryData
from counter_app.store.tables import (
    BlobRow,
    CaseMaterialRow,
    CaseRetentionRow,
    CaseRow,
    LicencePickupRow,
    OutboxItemRow,
    OutboxSupplyRow,
    SyncChangeRow,
)

APPLICATION_FIELD = "application"  # = counter_app.store.repository's field names (aad)
SUMMARY_FIELD = "summary"
DELIVERED = "delivered"  # = counter_app.store.outbox

# The district has decided: nothing the counter holds is needed for review any more. A case returned for
# correction is not here: its resubmission may reuse the images.
DECIDED = frozenset({CaseStatus.APPROVED, CaseStatus.LICENCE_DISPATCHED, CaseStatus.ARRIVED,
                     CaseStatus.COLLECTED, CaseStatus.REFUSED})


@dataclass(frozen=True)
class ImagePurge:
    case_id: str
    case_number: str
    pages: int
    unreferenced: list[str]  # blob files no case refers to any more: delete them


@dataclass(frozen=True)
class DataPurge:
    case_id: str
    case_number: str
    status: CaseStatus
    unreferenced: list[str]


class RetentionStore:
    def __init__(self, db: Database, cipher: FieldCipher) -> None:
        self._db = db
        self._cipher = cipher

    # --- images ------------------------------------------------------------------------------------

    def image_candidates(self) -> list[str]:
        with self._db.read() as session:
            return list(session.scalars(self._image_query().order_by(CaseRow.case_id)))

    def purge_images(self, case_id: str, now: datetime) -> ImagePurge | None:
        """Purge one case's images if it still qualifies (None otherwise)."""
        with self._db.write() as session:
            case = session.scalar(self._image_query().where(CaseRow.case_id == case_id)
                                  .with_only_columns(CaseRow.case_number))
            if case is None:
                return None
            pages = len(session.scalars(select(CaseMaterialRow.material_id)
                                        .where(CaseMaterialRow.case_id == case_id)).all())
            hashes = set(session.scalars(select(BlobRow.sha256).where(
                BlobRow.case_id == case_id, BlobRow.slot != SIGNATURE_SLOT)))
            session.execute(delete(BlobRow).where(BlobRow.case_id == case_id,
                                                  BlobRow.slot != SIGNATURE_SLOT))
            session.execute(update(CaseMaterialRow).where(CaseMaterialRow.case_id == case_id)
                            .values(original_sha256=None))
            _retention_row(session, case_id).images_purged_at = now
            session.flush()
            return ImagePurge(case_id, case, pages, _unreferenced(session, hashes))

    @staticmethod
    def _image_query() -> Select[str]:
        unconfirmed, pending = _unconfirmed(), _pending()
        done = exists().where(CaseRetentionRow.case_id == CaseRow.case_id,
                              CaseRetentionRow.images_purged_at.is_not(None))
        has_material = exists().where(CaseMaterialRow.case_id == CaseRow.case_id)
        return select(CaseRow.case_id).where(
            CaseRow.status.in_([s.value for s in DECIDED]), has_material, ~unconfirmed, ~pending, ~done)

    # --- case data ---------------------------------------------------------------------------------

    def data_candidates(self, *, collected_before: datetime, closed_before: datetime) -> list[str]:
        with self._db.read() as session:
            return list(session.scalars(self._data_query(collected_before, closed_before)
                                        .order_by(CaseRow.case_id)))

    def purge_data(self, case_id: str, now: datetime, *, collected_before: datetime,
                   closed_before: datetime) -> DataPurge | None:
        """Reduce one case to its masked index if it still qualifies (None otherwise)."""
        with self._db.write() as session:
            found = session.scalar(self._data_query(collected_before, closed_before)
                                   .where(CaseRow.case_id == case_id))
            row = session.get(CaseRow, case_id) if found else None
            if row is None:
                return None
            summary = SummaryData.from_dict(self._cipher.decrypt_json(
                row.summary_enc, aad=aad_for(case_id, SUMMARY_FIELD)))
            masked = Application()
            masked.operator.name = mask_name(summary.operator_name)
            masked.operator.id_document.number = mask_id_number(summary.id_number)
            masked_summary = SummaryData.from_application(masked)
            row.application_enc = self._cipher.encrypt_json(masked.to_dict(),
                                                            aad=aad_for(case_id, APPLICATION_FIELD))
            row.summary_enc = self._cipher.encrypt_json(masked_summary.to_dict(),
                                                        aad=aad_for(case_id, SUMMARY_FIELD))
            row.row_version += 1  # caches keyed by row_version drop the old (clear) summary
            hashes = set(session.scalars(select(BlobRow.sha256).where(BlobRow.case_id == case_id)))
            session.execute(delete(BlobRow).where(BlobRow.case_id == case_id))
            session.execute(delete(CaseMaterialRow).where(CaseMaterialRow.case_id == case_id))
            session.execute(delete(OutboxItemRow).where(OutboxItemRow.case_id == case_id))
            session.execute(delete(SyncChangeRow).where(SyncChangeRow.case_id == case_id))
            session.execute(update(LicencePickupRow).where(LicencePickupRow.case_id == case_id)
                            .values(code_hash=None, signature_sha256=None))
            retention = _retention_row(session, case_id)
            retention.data_purged_at = now
            if retention.images_purged_at is None:
                retention.images_purged_at = now
            session.flush()
            return DataPurge(case_id, row.case_number, CaseStatus(row.status),
                             _unreferenced(session, hashes))

    @staticmethod
    def _data_query(collected_before: datetime, closed_before: datetime) -> Select[str]:
        collected = exists().where(LicencePickupRow.case_id == CaseRow.case_id,
                                   LicencePickupRow.collected_at.is_not(None),
                                   LicencePickupRow.collected_at <= collected_before)
        unconfirmed, pending = _unconfirmed(), _pending()
        done = exists().where(CaseRetentionRow.case_id == CaseRow.case_id,
                              CaseRetentionRow.data_purged_at.is_not(None))
        old_enough = CaseRow.updated_at <= closed_before
        refused = (CaseRow.status == CaseStatus.REFUSED.value) & old_enough
        # Withdrawn or revoked before the district had it: there is nothing for it to confirm.
        abandoned = CaseRow.status.in_([CaseStatus.WITHDRAWN.value, CaseStatus.ACCEPTANCE_REVOKED.value]) \
            & old_enough
        return select(CaseRow.case_id).where(
            ((((CaseRow.status == CaseStatus.COLLECTED.value) & collected) | refused) & ~unconfirmed)
            | abandoned, ~pending, ~done)

    # --- reads -------------------------------------------------------------------------------------

    def state(self, case_ids: Collection[str]) -> dict[str, tuple[datetime | None, datetime | None]]:
        """(images purged at, data purged at) of the given cases that have any purge recorded."""
        with self._db.read() as session:
            rows = session.scalars(select(CaseRetentionRow).where(CaseRetentionRow.case_id.in_(case_ids)))
            return {r.case_id: (r.images_purged_at, r.data_purged_at) for r in rows}


def _unconfirmed() -> Exists:
    """A page of the case the district has not confirmed: neither stamped by the outbox nor delivered
    later as a 容缺 supply (which confirms its own slot and image)."""
    supplied = exists().where(OutboxSupplyRow.case_id == CaseMaterialRow.case_id,
                              OutboxSupplyRow.slot == CaseMaterialRow.slot,
                              OutboxSupplyRow.sha256 == CaseMaterialRow.sha256,
                              OutboxSupplyRow.state == DELIVERED)
    return exists().where(CaseMaterialRow.case_id == CaseRow.case_id,
                          CaseMaterialRow.district_confirmed_at.is_(None), ~supplied)


def _pending() -> ColumnElement[bool]:
    """Something of the case still waiting to go to the district (a submission or a 容缺 supply)."""
    item = exists().where(OutboxItemRow.case_id == CaseRow.case_id, OutboxItemRow.state != DELIVERED)
    supply = exists().where(OutboxSupplyRow.case_id == CaseRow.case_id, OutboxSupplyRow.state != DELIVERED)
    return item | supply


def _retention_row(session: Session, case_id: str) -> CaseRetentionRow:
    row = session.get(CaseRetentionRow, case_id)
    if row is None:
        row = CaseRetentionRow(case_id=case_id)
        session.add(row)
    return row


def _unreferenced(session: Session, hashes: set[str]) -> list[str]:
    if not hashes:
        return []
    still = set(session.scalars(select(BlobRow.sha256).where(BlobRow.sha256.in_(hashes))))
    return sorted(hashes - still)
