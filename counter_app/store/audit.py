"""The audit log: who did what to which case, and when. Kept without personal data, so it can be shown
and exported freely and kept longer than the cases it describes (domain.md §7: at least 6 months)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from counter_app.store.db import Database
from counter_app.store.tables import AuditEventRow

# A resident ID number or a mainland mobile number standing on its own: the two kinds of personal data
# most likely to slip into a detail by accident. UUIDs, hashes and case numbers do not match.
_PERSONAL = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|\d{15}|1[3-9]\d{9})(?![0-9A-Za-z])")


class PersonalDataInAudit(ValueError):
    """A detail looked like it contained an ID or phone number; the event was not recorded."""


@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: datetime
    actor: str
    action: str
    case_id: str | None
    detail: dict[str, object]


class AuditLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, *, actor: str, action: str, case_id: str | None,
               detail: dict[str, object] | None = None) -> None:
        """Append one event. `detail` must be JSON-serialisable and free of personal data (names, ID
        numbers, phones, addresses): pass case ids, counts, codes. ID and phone numbers are refused."""
        text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
        for value in (text, actor, action):
            if _PERSONAL.search(value):
                raise PersonalDataInAudit("audit events must not contain ID or phone numbers")
        with self._db.write() as session:
            session.add(AuditEventRow(at=datetime.now(UTC), actor=actor, action=action, case_id=case_id,
                                      detail=text))

    def events(self, *, case_id: str | None = None) -> list[AuditEvent]:
        """Events oldest first, all of them or those of one case."""
        stmt = select(AuditEventRow).order_by(AuditEventRow.id)
        if case_id is not None:
            stmt = stmt.where(AuditEventRow.case_id == case_id)
        with self._db.read() as session:
            return [AuditEvent(id=row.id, at=row.at, actor=row.actor, action=row.action, case_id=row.case_id,
                               detail=_load(row.detail)) for row in session.scalars(stmt)]


def _load(text: str) -> dict[str, Any]:
    data = json.loads(text)
    return data if isinstance(data, dict) else {"value": data}
