"""容缺 items supplied after submission, waiting in the outbox (table outbox_supplies).

Like a submission, a supply is written once when the clerk sends it and then driven by the sync worker:
upload the image (resumable, the server says where to resume), then tell the district which slot it is
for. A (case, slot, image) is one row however often it is sent, so the district records it once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from counter_app.store.db import Database
from counter_app.store.tables import OutboxSupplyRow

WAITING, DELIVERED, ATTENTION = "waiting", "delivered", "attention"


@dataclass(frozen=True)
class SupplyPage:
    slot: str
    sha256: str
    size: int
    mime: str


@dataclass(frozen=True)
class Supply:
    supply_id: int
    case_id: str
    slot: str
    sha256: str
    size: int
    mime: str
    state: str
    attempts: int
    error_code: str | None
    error_zh: str | None
    error_en: str | None
    enqueued_at: datetime
    delivered_at: datetime | None


class SupplyRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def enqueue(self, case_id: str, pages: Sequence[SupplyPage]) -> list[int]:
        """Queue the pages (one transaction); a page already queued for this case and slot is kept as is.
        Returns the ids of the rows for `pages`, new or existing."""
        now = datetime.now(UTC)
        ids: list[int] = []
        with self._db.write() as session:
            for page in pages:
                row = session.scalar(select(OutboxSupplyRow).where(
                    OutboxSupplyRow.case_id == case_id, OutboxSupplyRow.slot == page.slot,
                    OutboxSupplyRow.sha256 == page.sha256))
                if row is None:
                    row = OutboxSupplyRow(case_id=case_id, slot=page.slot, sha256=page.sha256, size=page.size,
                                          mime=page.mime, state=WAITING, attempts=0, enqueued_at=now,
                                          updated_at=now)
                    session.add(row)
                    session.flush()
                ids.append(row.supply_id)
        return ids

    def waiting(self) -> list[Supply]:
        with self._db.read() as session:
            return [_supply(r) for r in session.scalars(select(OutboxSupplyRow).where(
                OutboxSupplyRow.state == WAITING).order_by(OutboxSupplyRow.supply_id))]

    def for_case(self, case_id: str) -> list[Supply]:
        with self._db.read() as session:
            return [_supply(r) for r in session.scalars(select(OutboxSupplyRow).where(
                OutboxSupplyRow.case_id == case_id).order_by(OutboxSupplyRow.supply_id))]

    def delivered(self, supply_id: int) -> None:
        now = datetime.now(UTC)
        with self._db.write() as session:
            row = session.get(OutboxSupplyRow, supply_id)
            if row is not None:
                row.state, row.delivered_at, row.updated_at = DELIVERED, now, now
                row.attempts, row.error_code, row.error_zh, row.error_en = 0, None, None, None

    def failed(self, supply_id: int, *, code: str, message_zh: str, message_en: str,
               attention: bool = False) -> None:
        """A transient failure (the supply keeps waiting), or with `attention` a refusal for a person."""
        with self._db.write() as session:
            row = session.get(OutboxSupplyRow, supply_id)
            if row is None or row.state == DELIVERED:
                return
            row.attempts += 1
            row.state = ATTENTION if attention else row.state
            row.error_code, row.error_zh, row.error_en = code, message_zh, message_en
            row.updated_at = datetime.now(UTC)


def _supply(row: OutboxSupplyRow) -> Supply:
    return Supply(supply_id=row.supply_id, case_id=row.case_id, slot=row.slot, sha256=row.sha256,
                  size=row.size, mime=row.mime, state=row.state, attempts=row.attempts,
                  error_code=row.error_code, error_zh=row.error_zh, error_en=row.error_en,
                  enqueued_at=row.enqueued_at, delivered_at=row.delivered_at)
