"""The counter's outbox in the local store, and what the district's change feed did to local cases.

Durability is the point of this module. A case enters the outbox in the same transaction that moves it
to "queued", with its request body frozen (encrypted) so that every retry sends identical bytes. The
worker's progress rows are for display only; where an upload resumes is always asked from the server.
What the district's change feed did to local cases is kept by `counter_app.store.change_feed`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter_app.domain.status import CaseStatus, Role, check_transition
from counter_app.security.crypto import FieldCipher, aad_for
from counter_app.store.change_feed import AppliedChange, ChangeFeedLog, FeedEntry, Planner, set_meta, touch
from counter_app.store.db import Database
from counter_app.store.errors import StoreError, UnknownCase
from counter_app.store.repository import StaleWrite
from counter_app.store.supplies import SupplyRepository
from counter_app.store.tables import (
    BlobRow,
    CaseMaterialRow,
    CaseRow,
    OutboxBlobRow,
    OutboxItemRow,
    SyncMetaRow,
)

WAITING, DELIVERED, ATTENTION = "waiting", "delivered", "attention"  # item states
THUMBS, CASE, IMAGES, DONE = "thumbs", "case", "images", "done"  # item phases
THUMB, FULL = "thumb", "full"  # blob kinds



@dataclass(frozen=True)
class NewBlob:
    sha256: str
    kind: str  # THUMB | FULL
    size: int


@dataclass(frozen=True)
class MaterialFacts:
    """What a submission needs of one captured page (a case_materials row and its blob sizes)."""

    slot: str
    page: int
    kind: str
    doc_type: str
    sha256: str
    thumb_sha256: str | None
    size: int
    thumb_size: int | None
    mime: str


@dataclass(frozen=True)
class OutboxBlob:
    sha256: str
    kind: str
    seq: int
    size: int
    confirmed: int
    complete: bool


@dataclass(frozen=True)
class ItemSummary:
    """An outbox item without its payload: what status displays need."""

    item_id: int
    case_id: str
    version: int
    state: str
    phase: str
    bytes_total: int
    bytes_done: int
    attempts: int
    error_code: str | None
    error_zh: str | None
    error_en: str | None
    enqueued_at: datetime
    updated_at: datetime
    delivered_at: datetime | None
    server_status: str | None

    @property
    def bytes_left(self) -> int:
        return 0 if self.state == DELIVERED else max(0, self.bytes_total - self.bytes_done)


@dataclass(frozen=True)
class OutboxItem:
    summary: ItemSummary
    payload: bytes  # the request body exactly as sent
    blobs: tuple[OutboxBlob, ...]

    @property
    def item_id(self) -> int:
        return self.summary.item_id

    @property
    def case_id(self) -> str:
        return self.summary.case_id

    @property
    def version(self) -> int:
        return self.summary.version

    @property
    def phase(self) -> str:
        return self.summary.phase


@dataclass(frozen=True)
class OutboxTotals:
    waiting: int
    attention: int
    delivered: int
    bytes_left: int


class AlreadyInOutbox(StoreError):
    def __init__(self) -> None:
        super().__init__("该案件的这一版本已在上传队列中，无需重复提交",
                         "This version of the case is already in the outbox")


def payload_aad(case_id: str, version: int) -> bytes:
    return aad_for(case_id, f"outbox:v{version}")


class OutboxRepository:
    def __init__(self, db: Database, cipher: FieldCipher) -> None:
        self._db = db
        self._cipher = cipher
        self._feed = ChangeFeedLog(db, cipher)
        self.supplies = SupplyRepository(db)  # 容缺 items supplied after submission (same worker)

    # --- submitting ----------------------------------------------------------------------------------

    def enqueue(self, case_id: str, *, expected_row_version: int, payload: bytes,
                blobs: Sequence[NewBlob], resubmission: bool = False) -> int:
        """Move the case to "queued" and put its submission in the outbox, in one transaction. The payload
        was built from the case as it is at `expected_row_version`; if it was saved since, StaleWrite.
        A resubmission after a return (status "returned") becomes version n+1 in the same transaction,
        so the case never shows the new version without its submission nor the reverse."""
        now = datetime.now(UTC)
        with self._db.write() as session:
            row = session.get(CaseRow, case_id)
            if row is None:
                raise UnknownCase(case_id)
            if row.row_version != expected_row_version:
                raise StaleWrite(case_id, expected_row_version, row.row_version)
            check_transition(CaseStatus(row.status), CaseStatus.QUEUED, Role.CLERK)
            if resubmission != (row.status == CaseStatus.RETURNED.value):
                raise ValueError("a returned case is resubmitted as a new version, any other submitted as is")
            if resubmission:
                row.version += 1
            if session.scalar(select(OutboxItemRow.item_id).where(
                    OutboxItemRow.case_id == case_id, OutboxItemRow.version == row.version)) is not None:
                raise AlreadyInOutbox()
            row.status = CaseStatus.QUEUED.value
            touch(row, now)
            unique: dict[str, NewBlob] = {}
            for blob in blobs:  # a hash listed twice is uploaded once; a thumbnail keeps its early place
                unique.setdefault(blob.sha256, blob)
            ordered = sorted(unique.values(), key=lambda b: b.kind != THUMB)
            item = OutboxItemRow(
                case_id=case_id, version=row.version, state=WAITING, phase=THUMBS,
                payload_enc=self._cipher.encrypt(payload, aad=payload_aad(case_id, row.version)),
                payload_size=len(payload), bytes_total=len(payload) + sum(b.size for b in ordered),
                bytes_done=0, attempts=0, enqueued_at=now, updated_at=now)
            session.add(item)
            session.flush()
            session.add_all(OutboxBlobRow(item_id=item.item_id, sha256=b.sha256, kind=b.kind, seq=i,
                                          size=b.size, confirmed=0, complete=False)
                            for i, b in enumerate(ordered))
            session.flush()  # constraint failures surface here, inside the transaction, not at commit
            return item.item_id

    def materials(self, case_id: str) -> list[MaterialFacts]:
        """The captured pages of a case with the sizes of their thumbnails (from the blob index)."""
        with self._db.read() as session:
            rows = session.scalars(select(CaseMaterialRow).where(CaseMaterialRow.case_id == case_id)
                                   .order_by(CaseMaterialRow.slot, CaseMaterialRow.page)).all()
            sizes = {sha: size for sha, size in session.execute(
                select(BlobRow.sha256, BlobRow.size).where(BlobRow.case_id == case_id))}
            return [MaterialFacts(slot=r.slot, page=r.page, kind=r.kind, doc_type=r.doc_type, sha256=r.sha256,
                                  thumb_sha256=r.thumb_sha256 or None, size=r.size,
                                  thumb_size=sizes.get(r.thumb_sha256), mime=r.mime) for r in rows]

    def submitted_payload(self, case_id: str, version: int) -> bytes | None:
        """The request body of a case's version as it was sent (None if that version never went out from
        here): what the district returned is compared against it to see which corrections were made."""
        with self._db.read() as session:
            row = session.scalar(select(OutboxItemRow).where(OutboxItemRow.case_id == case_id,
                                                             OutboxItemRow.version == version))
            if row is None:
                return None
            return self._cipher.decrypt(row.payload_enc, aad=payload_aad(case_id, version))

    # --- the worker ----------------------------------------------------------------------------------

    def waiting_items(self, phases: Collection[str]) -> list[int]:
        """Ids of the items the worker should work on, in the order they were submitted. (Ids only: the
        worker loads each with `item()` when it gets to it, so a pass cut short decrypts nothing more.)"""
        with self._db.read() as session:
            return list(session.scalars(select(OutboxItemRow.item_id).where(
                OutboxItemRow.state == WAITING, OutboxItemRow.phase.in_(list(phases)))
                .order_by(OutboxItemRow.item_id)))

    def item(self, item_id: int) -> OutboxItem | None:
        with self._db.read() as session:
            row = session.get(OutboxItemRow, item_id)
            return None if row is None else self._item(session, row)

    def record_blob(self, item_id: int, sha256: str, *, confirmed: int, complete: bool) -> None:
        """The server holds `confirmed` bytes of the blob (all of it, verified, when complete). Progress:
        the failure count and the last transient error are cleared."""
        with self._db.write() as session:
            blob = session.get(OutboxBlobRow, (item_id, sha256))
            item = session.get(OutboxItemRow, item_id)
            if blob is None or item is None:
                return
            blob.confirmed = blob.size if complete else min(confirmed, blob.size)
            blob.complete = complete
            self._progress(session, item)

    def case_received(self, item_id: int, *, server_status: str, received_at: datetime,
                      missing: Collection[str]) -> None:
        """The district has the case data. Blobs it does not list as missing are there; the local case
        becomes "submitted" (the district has it) unless the change feed already moved it further."""
        missing_set = {m.lower() for m in missing}
        with self._db.write() as session:
            item = session.get(OutboxItemRow, item_id)
            if item is None:
                return
            for blob in session.scalars(select(OutboxBlobRow).where(OutboxBlobRow.item_id == item_id)):
                if blob.sha256 not in missing_set:
                    blob.confirmed, blob.complete = blob.size, True
            item.server_status = server_status
            item.received_at = received_at
            if item.phase in (THUMBS, CASE):
                item.phase = IMAGES
            self._progress(session, item)
            case = session.get(CaseRow, item.case_id)
            if case is not None and case.status == CaseStatus.QUEUED.value and case.version == item.version:
                check_transition(CaseStatus.QUEUED, CaseStatus.SUBMITTED, Role.SYSTEM)
                case.status = CaseStatus.SUBMITTED.value
                touch(case, datetime.now(UTC))

    def set_phase(self, item_id: int, phase: str) -> None:
        with self._db.write() as session:
            item = session.get(OutboxItemRow, item_id)
            if item is not None and item.state == WAITING:
                item.phase = phase
                item.updated_at = datetime.now(UTC)

    def delivered(self, item_id: int) -> None:
        """Everything is on the server and verified: nothing left to do for this item. The case's
        materials count as received by the district from now on (originals may be purged)."""
        now = datetime.now(UTC)
        with self._db.write() as session:
            item = session.get(OutboxItemRow, item_id)
            if item is None:
                return
            item.state, item.phase = DELIVERED, DONE
            item.bytes_done = item.bytes_total
            item.delivered_at = item.updated_at = now
            item.attempts, item.error_code, item.error_zh, item.error_en = 0, None, None, None
            session.execute(update(CaseMaterialRow).where(
                CaseMaterialRow.case_id == item.case_id, CaseMaterialRow.district_confirmed_at.is_(None))
                .values(district_confirmed_at=now))

    def failed(self, item_id: int, *, code: str, message_zh: str, message_en: str) -> None:
        """A transient failure: the item keeps waiting; the reason is shown until progress clears it."""
        with self._db.write() as session:
            item = session.get(OutboxItemRow, item_id)
            if item is None or item.state != WAITING:
                return
            item.attempts += 1
            item.error_code, item.error_zh, item.error_en = code, message_zh, message_en
            item.updated_at = datetime.now(UTC)

    def needs_attention(self, item_id: int, *, code: str, message_zh: str, message_en: str) -> None:
        """The district refused: stop retrying and keep the reason for the clerk."""
        with self._db.write() as session:
            item = session.get(OutboxItemRow, item_id)
            if item is None or item.state == DELIVERED:
                return
            item.state = ATTENTION
            item.error_code, item.error_zh, item.error_en = code, message_zh, message_en
            item.updated_at = datetime.now(UTC)

    def retry(self, case_id: str) -> bool:
        """A person resolved the reason: put the case's refused submission back in the queue."""
        with self._db.write() as session:
            item = session.scalar(select(OutboxItemRow).where(
                OutboxItemRow.case_id == case_id, OutboxItemRow.state == ATTENTION)
                .order_by(OutboxItemRow.version.desc()))
            if item is None:
                return False
            item.state, item.attempts = WAITING, 0
            item.error_code, item.error_zh, item.error_en = None, None, None
            item.updated_at = datetime.now(UTC)
            return True

    # --- status --------------------------------------------------------------------------------------

    def totals(self) -> OutboxTotals:
        with self._db.read() as session:
            counts = {state: count for state, count in session.execute(
                select(OutboxItemRow.state, func.count()).group_by(OutboxItemRow.state))}
            left = session.scalar(select(func.coalesce(func.sum(
                OutboxItemRow.bytes_total - OutboxItemRow.bytes_done), 0))
                .where(OutboxItemRow.state != DELIVERED))
        return OutboxTotals(waiting=counts.get(WAITING, 0), attention=counts.get(ATTENTION, 0),
                            delivered=counts.get(DELIVERED, 0), bytes_left=int(left or 0))

    def summaries(self, case_ids: Collection[str] | None = None) -> dict[str, ItemSummary]:
        """The newest submission of each case (of the given cases, or of all)."""
        stmt = select(OutboxItemRow).order_by(OutboxItemRow.case_id, OutboxItemRow.version)
        if case_ids is not None:
            stmt = stmt.where(OutboxItemRow.case_id.in_(list(case_ids)))
        with self._db.read() as session:
            return {row.case_id: _summary(row) for row in session.scalars(stmt)}  # last version wins

    # --- sync facts ----------------------------------------------------------------------------------

    def meta(self, name: str) -> str | None:
        with self._db.read() as session:
            row = session.get(SyncMetaRow, name)
            return None if row is None else row.value

    def set_meta(self, name: str, value: str) -> None:
        with self._db.write() as session:
            set_meta(session, name, value)

    # --- the change feed -----------------------------------------------------------------------------

    def apply_feed(self, entries: Sequence[FeedEntry], *, cursor_name: str, next_cursor: str,
                   planner: Planner) -> list[AppliedChange]:
        """See ChangeFeedLog.apply (kept here: the outbox and the feed share one store and one cursor)."""
        return self._feed.apply(entries, cursor_name=cursor_name, next_cursor=next_cursor, planner=planner)

    def changes_for(self, case_id: str) -> list[FeedEntry]:
        """The change-feed entries recorded for a case, oldest first (decisions, dispatch details)."""
        return self._feed.changes_for(case_id)

    # --- internals -----------------------------------------------------------------------------------

    def _item(self, session: Session, row: OutboxItemRow) -> OutboxItem:
        blobs = session.scalars(select(OutboxBlobRow).where(OutboxBlobRow.item_id == row.item_id)
                                .order_by(OutboxBlobRow.seq)).all()
        payload = self._cipher.decrypt(row.payload_enc, aad=payload_aad(row.case_id, row.version))
        return OutboxItem(summary=_summary(row), payload=payload, blobs=tuple(
            OutboxBlob(b.sha256, b.kind, b.seq, b.size, b.confirmed, b.complete) for b in blobs))

    @staticmethod
    def _progress(session: Session, item: OutboxItemRow) -> None:
        blobs = session.scalars(select(OutboxBlobRow).where(OutboxBlobRow.item_id == item.item_id)).all()
        sent = sum(b.size if b.complete else min(b.confirmed, b.size) for b in blobs)
        item.bytes_done = sent + (item.payload_size if item.phase in (IMAGES, DONE) else 0)
        item.attempts, item.error_code, item.error_zh, item.error_en = 0, None, None, None
        item.updated_at = datetime.now(UTC)


def _summary(row: OutboxItemRow) -> ItemSummary:
    return ItemSummary(item_id=row.item_id, case_id=row.case_id, version=row.version, state=row.state,
                       phase=row.phase, bytes_total=row.bytes_total, bytes_done=row.bytes_done,
                       attempts=row.attempts, error_code=row.error_code, error_zh=row.error_zh,
                       error_en=row.error_en, enqueued_at=row.enqueued_at, updated_at=row.updated_at,
                       delivered_at=row.delivered_at, server_status=row.server_status)
