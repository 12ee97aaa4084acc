"""The pickup desk's rows: licence arrival, the pickup code's hash and its failure count, the handover,
notifications and ratings. Each method is one transaction; the two that move a case along the status
machine (arrival, handover) change the case's status in the same transaction as their own rows, so a case
is never "arrived" without a code nor "collected" with its code still valid.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.domain.status import CaseStatus, Role, check_transition
from counter_app.store.db import Database
from counter_app.store.errors import StoreError, UnknownCase
from counter_app.store.tables import (
    BlobRow,
    CaseRow,
    LicencePickupRow,
    PickupNotificationRow,
    SatisfactionRatingRow,
)

SIGNATURE_SLOT = "pickup_signature"


@dataclass(frozen=True)
class PickupRecord:
    case_id: str
    licence: dict[str, Any]
    arrived_at: datetime | None
    arrived_by: str | None
    pickup_due: date | None
    code_hash: str | None  # None: no valid code (not issued, used, or replaced)
    code_issued_at: datetime | None
    failed_attempts: int
    locked_until: datetime | None
    collected_at: datetime | None
    collected_by: str | None
    collector_role: str | None
    collector_id_type: str | None
    signature_sha256: str | None


@dataclass(frozen=True)
class AwaitingRow:
    case_id: str
    case_number: str
    arrived_at: datetime | None
    pickup_due: date | None


@dataclass(frozen=True)
class Notification:
    at: datetime
    recorded_by: str
    channel: str
    contact: str
    outcome: str


@dataclass(frozen=True)
class Handover:
    collected_at: datetime
    collected_by: str
    collector_role: str  # operator | agent
    collector_id_type: str
    holder_confirmed: bool
    authorisation_checked: bool
    signature_sha256: str
    signature_size: int


class AlreadyRated(StoreError):
    def __init__(self) -> None:
        super().__init__("该案件已评价过，每个案件只能评价一次",
                         "This case has already been rated (once per case)")


class CodeNotValid(StoreError):
    def __init__(self) -> None:
        super().__init__("领取码已使用或已作废，请核实后重新生成领取码",
                         "The pickup code was already used or replaced; issue a new one")


class PickupRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- reads ---------------------------------------------------------------------------------------

    def get(self, case_id: str) -> PickupRecord | None:
        with self._db.read() as session:
            row = session.get(LicencePickupRow, case_id)
            return None if row is None else _record(row)

    def awaiting(self) -> list[AwaitingRow]:
        """Cases whose licence is at the counter, oldest arrival first."""
        stmt = (select(CaseRow.case_id, CaseRow.case_number, LicencePickupRow.arrived_at,
                       LicencePickupRow.pickup_due)
                .join(LicencePickupRow, LicencePickupRow.case_id == CaseRow.case_id)
                .where(CaseRow.status == CaseStatus.ARRIVED.value)
                .order_by(LicencePickupRow.arrived_at, CaseRow.case_number))
        with self._db.read() as session:
            return [AwaitingRow(r.case_id, r.case_number, r.arrived_at, _date(r.pickup_due))
                    for r in session.execute(stmt)]

    def notifications(self, case_id: str) -> list[Notification]:
        stmt = (select(PickupNotificationRow).where(PickupNotificationRow.case_id == case_id)
                .order_by(PickupNotificationRow.id))
        with self._db.read() as session:
            return [Notification(r.at, r.recorded_by, r.channel, r.contact, r.outcome)
                    for r in session.scalars(stmt)]

    def rating(self, case_id: str) -> int | None:
        with self._db.read() as session:
            row = session.get(SatisfactionRatingRow, case_id)
            return None if row is None else row.level

    # --- writes --------------------------------------------------------------------------------------

    def save_licence(self, case_id: str, licence: dict[str, Any]) -> None:
        """Store (or replace) the district's licence facts for a case."""
        with self._db.write() as session:
            _case_row(session, case_id)
            row = session.get(LicencePickupRow, case_id)
            if row is None:
                session.add(_new_row(case_id, licence))
            else:
                row.licence_json = _json(licence)
                row.row_version += 1

    def mark_arrived(self, case_id: str, *, licence: dict[str, Any], arrived_at: datetime, arrived_by: str,
                     pickup_due: date, code_hash: str) -> None:
        """licence_dispatched -> arrived, with the licence facts and the first pickup code's hash.
        Raises IllegalTransition if the case is in another status."""
        with self._db.write() as session:
            case = _case_row(session, case_id)
            check_transition(CaseStatus(case.status), CaseStatus.ARRIVED, Role.CLERK)
            case.status = CaseStatus.ARRIVED.value
            _touch(case, arrived_at)
            row = session.get(LicencePickupRow, case_id)
            if row is None:
                row = _new_row(case_id, licence)
                session.add(row)
            row.licence_json = _json(licence)
            row.arrived_at, row.arrived_by, row.pickup_due = arrived_at, arrived_by, pickup_due.isoformat()
            row.code_hash, row.code_issued_at = code_hash, arrived_at
            row.failed_attempts, row.locked_until = 0, None
            row.row_version = (row.row_version or 0) + 1

    def replace_code(self, case_id: str, code_hash: str, issued_at: datetime) -> None:
        """A new code (reprinted slip); the old one stops working at once."""
        with self._db.write() as session:
            row = _pickup_row(session, case_id)
            row.code_hash, row.code_issued_at = code_hash, issued_at
            row.row_version += 1

    def register_failure(self, case_id: str, *, now: datetime, max_failures: int,
                         lock_for: timedelta) -> tuple[int, datetime | None]:
        """Count a wrong code. After `max_failures` in a row the case is locked for `lock_for` and the
        count starts again. Returns (failures so far, locked until)."""
        with self._db.write() as session:
            row = _pickup_row(session, case_id)
            row.failed_attempts += 1
            attempts = row.failed_attempts
            if attempts >= max_failures:
                row.locked_until = now + lock_for
                row.failed_attempts = 0
            row.row_version += 1
            return attempts, row.locked_until

    def clear_failures(self, case_id: str) -> None:
        with self._db.write() as session:
            row = _pickup_row(session, case_id)
            row.failed_attempts, row.locked_until = 0, None

    def complete(self, case_id: str, handover: Handover) -> None:
        """arrived -> collected: store the handover, invalidate the code, index the signature blob."""
        with self._db.write() as session:
            case = _case_row(session, case_id)
            check_transition(CaseStatus(case.status), CaseStatus.COLLECTED, Role.CLERK)
            row = _pickup_row(session, case_id)
            if row.code_hash is None:
                raise CodeNotValid()
            case.status = CaseStatus.COLLECTED.value
            _touch(case, handover.collected_at)
            row.code_hash = None
            row.collected_at, row.collected_by = handover.collected_at, handover.collected_by
            row.collector_role, row.collector_id_type = handover.collector_role, handover.collector_id_type
            row.holder_confirmed = handover.holder_confirmed
            row.authorisation_checked = handover.authorisation_checked
            row.signature_sha256 = handover.signature_sha256
            row.failed_attempts, row.locked_until = 0, None
            row.row_version += 1
            if session.get(BlobRow, (case_id, SIGNATURE_SLOT, handover.signature_sha256)) is None:
                session.add(BlobRow(case_id=case_id, slot=SIGNATURE_SLOT, sha256=handover.signature_sha256,
                                    size=handover.signature_size, created_at=handover.collected_at))

    def add_notification(self, case_id: str, *, at: datetime, recorded_by: str, channel: str, contact: str,
                         outcome: str) -> None:
        with self._db.write() as session:
            _case_row(session, case_id)
            session.add(PickupNotificationRow(case_id=case_id, at=at, recorded_by=recorded_by,
                                              channel=channel, contact=contact, outcome=outcome))

    def add_rating(self, case_id: str, *, level: int, at: datetime, recorded_by: str, channel: str) -> None:
        try:
            with self._db.write() as session:
                _case_row(session, case_id)
                if session.get(SatisfactionRatingRow, case_id) is not None:
                    raise AlreadyRated()
                session.add(SatisfactionRatingRow(case_id=case_id, level=level, at=at,
                                                  recorded_by=recorded_by, channel=channel))
        except IntegrityError as exc:  # a second counter PC on the same store rated at the same moment
            raise AlreadyRated() from exc


def _new_row(case_id: str, licence: dict[str, Any]) -> LicencePickupRow:
    return LicencePickupRow(case_id=case_id, licence_json=_json(licence), failed_attempts=0,
                            holder_confirmed=False, authorisation_checked=False, row_version=1)


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _case_row(session: Session, case_id: str) -> CaseRow:
    case = session.get(CaseRow, case_id)
    if case is None:
        raise UnknownCase(case_id)
    return case


def _pickup_row(session: Session, case_id: str) -> LicencePickupRow:
    row = session.get(LicencePickupRow, case_id)
    if row is None:
        raise UnknownCase(case_id)
    return row


def _touch(case: CaseRow, now: datetime) -> None:
    case.updated_at = now
    case.row_version += 1


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _record(row: LicencePickupRow) -> PickupRecord:
    return PickupRecord(
        case_id=row.case_id, licence=json.loads(row.licence_json), arrived_at=row.arrived_at,
        arrived_by=row.arrived_by, pickup_due=_date(row.pickup_due), code_hash=row.code_hash,
        code_issued_at=row.code_issued_at, failed_attempts=row.failed_attempts, locked_until=row.locked_until,
        collected_at=row.collected_at, collected_by=row.collected_by, collector_role=row.collector_role,
        collector_id_type=row.collector_id_type, signature_sha256=row.signature_sha256)
