"""Storing an acceptance: the status change and the acceptance record in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from counter_app.domain.deadlines import CaseDeadlines
from counter_app.domain.deferral import DeferredMaterial
from counter_app.domain.model import DeliveryMethod
from counter_app.domain.status import CaseStatus, Role, check_transition
from counter_app.store.db import Database
from counter_app.store.errors import UnknownCase
from counter_app.store.repository import StaleWrite
from counter_app.store.tables import CaseAcceptanceRow, CaseRow


@dataclass(frozen=True)
class AcceptanceRecord:
    case_id: str
    accepted_at: datetime
    accepted_by: str
    legal_due: dt.date
    committed_due: dt.date
    extended_legal_due: dt.date
    deferred: tuple[DeferredMaterial, ...]
    commitment_signed: bool
    warnings_zh: tuple[str, ...]
    warnings_en: tuple[str, ...]

    @property
    def with_deferrals(self) -> bool:
        return bool(self.deferred)


class AcceptanceRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def accept(self, case_id: str, *, expected_row_version: int, accepted_by: str,
               deadlines: CaseDeadlines, deferred: list[DeferredMaterial],
               commitment_signed: bool) -> AcceptanceRecord:
        """Move the case to accepted (or accepted with deferrals) and record the acceptance."""
        target = CaseStatus.ACCEPTED_WITH_DEFERRALS if deferred else CaseStatus.ACCEPTED
        now = datetime.now(UTC)
        with self._db.write() as session:
            row = session.get(CaseRow, case_id)
            if row is None:
                raise UnknownCase(case_id)
            if row.row_version != expected_row_version:
                raise StaleWrite(case_id, expected_row_version, row.row_version)
            check_transition(CaseStatus(row.status), target, Role.CLERK)
            acceptance = CaseAcceptanceRow(
                case_id=case_id, accepted_at=now, accepted_by=accepted_by,
                legal_due=deadlines.legal_due.isoformat(), committed_due=deadlines.committed_due.isoformat(),
                extended_legal_due=deadlines.extended_legal_due.isoformat(),
                deferred_json=json.dumps([_deferred_to_dict(d) for d in deferred], ensure_ascii=False),
                commitment_signed=commitment_signed,
                warnings_json=json.dumps([[w.message_zh, w.message_en] for w in deadlines.warnings],
                                         ensure_ascii=False))
            session.merge(acceptance)
            row.status = target.value
            row.updated_at = now
            row.row_version += 1
            session.flush()
            return _to_record(acceptance)

    def get(self, case_id: str) -> AcceptanceRecord | None:
        with self._db.read() as session:
            row = session.get(CaseAcceptanceRow, case_id)
            return None if row is None else _to_record(row)


def _deferred_to_dict(item: DeferredMaterial) -> dict[str, str]:
    return {"item_key": item.item_key, "label_zh": item.label_zh, "label_en": item.label_en,
            "delivery": item.delivery.value, "due_date": item.due_date.isoformat()}


def _to_record(row: CaseAcceptanceRow) -> AcceptanceRecord:
    deferred = tuple(DeferredMaterial(d["item_key"], d["label_zh"], d["label_en"],
                                      DeliveryMethod(d["delivery"]), dt.date.fromisoformat(d["due_date"]))
                     for d in json.loads(row.deferred_json))
    warnings = json.loads(row.warnings_json)
    return AcceptanceRecord(
        case_id=row.case_id, accepted_at=row.accepted_at, accepted_by=row.accepted_by,
        legal_due=dt.date.fromisoformat(row.legal_due),
        committed_due=dt.date.fromisoformat(row.committed_due),
        extended_legal_due=dt.date.fromisoformat(row.extended_legal_due), deferred=deferred,
        commitment_signed=row.commitment_signed, warnings_zh=tuple(w[0] for w in warnings),
        warnings_en=tuple(w[1] for w in warnings))
