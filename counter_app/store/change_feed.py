"""What the district's change feed did to this counter's cases, in the local store.

A change-feed page is applied, recorded and the cursor advanced in one transaction, so a crash either
keeps all of it or none, and a page read twice is recognised by its cursors (unique) and not applied
again. Entries about cases this counter does not have are skipped and not kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.status import CaseStatus, Role, check_transition
from counter_app.security.crypto import FieldCipher, aad_for
from counter_app.store.db import Database
from counter_app.store.tables import CaseRow, SyncChangeRow, SyncMetaRow

StatusPlan = list[tuple[CaseStatus, Role]]
Planner = Callable[[CaseStatus, CaseStatus], StatusPlan | None]


@dataclass(frozen=True)
class FeedEntry:
    cursor: str
    case_id: str
    version: int
    kind: str
    status: str
    at: datetime
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AppliedChange:
    entry: FeedEntry
    outcome: str  # applied | unchanged | stale | refused | unknown | duplicate
    previous: CaseStatus | None = None
    steps: tuple[tuple[CaseStatus, Role], ...] = ()


class ChangeFeedLog:
    def __init__(self, db: Database, cipher: FieldCipher) -> None:
        self._db = db
        self._cipher = cipher

    def apply(self, entries: Sequence[FeedEntry], *, cursor_name: str, next_cursor: str,
                   planner: Planner) -> list[AppliedChange]:
        """Apply one page of the change feed and advance the stored cursor, all in one transaction.
        Unknown cases are skipped; an entry seen before (same cursor) is not applied again; a status
        the local case cannot reach by district/system transitions is recorded as refused, not forced."""
        now = datetime.now(UTC)
        results: list[AppliedChange] = []
        with self._db.write() as session:
            for entry in entries:
                results.append(self._apply_one(session, entry, planner, now))
            set_meta(session, cursor_name, next_cursor)
        return results

    def changes_for(self, case_id: str) -> list[FeedEntry]:
        """The change-feed entries recorded for a case, oldest first (decisions, dispatch details)."""
        with self._db.read() as session:
            rows = session.scalars(select(SyncChangeRow).where(SyncChangeRow.case_id == case_id)
                                   .order_by(SyncChangeRow.seq)).all()
            return [FeedEntry(cursor=r.cursor, case_id=r.case_id, version=r.version, kind=r.kind,
                              status=r.status, at=r.at,
                              data=self._decrypt_change(r)) for r in rows]

    def _decrypt_change(self, row: SyncChangeRow) -> dict[str, Any]:
        return self._cipher.decrypt_json(row.data_enc, aad=_change_aad(row.case_id, row.cursor))

    def _apply_one(self, session: Session, entry: FeedEntry, planner: Planner,
                   now: datetime) -> AppliedChange:
        if session.scalar(select(SyncChangeRow.seq).where(SyncChangeRow.cursor == entry.cursor)) is not None:
            return AppliedChange(entry, "duplicate")
        case = session.get(CaseRow, entry.case_id)
        if case is None:
            return AppliedChange(entry, "unknown")  # not ours (or purged): nothing to apply, nothing kept
        previous = CaseStatus(case.status)
        outcome, steps = "refused", tuple[tuple[CaseStatus, Role], ...]()
        try:
            target: CaseStatus | None = CaseStatus(entry.status)
        except ValueError:
            target = None
        if target is not None and entry.version != case.version:
            outcome = "stale"  # about another version than the one on this counter
        elif target is previous:
            outcome = "unchanged"
        elif target is not None:
            plan = planner(previous, target)
            if plan is not None:
                for status, role in plan:
                    check_transition(CaseStatus(case.status), status, role)
                    case.status = status.value
                touch(case, now)
                outcome, steps = "applied", tuple(plan)
        session.add(SyncChangeRow(
            cursor=entry.cursor, case_id=entry.case_id, version=entry.version, kind=entry.kind,
            status=entry.status, at=entry.at, outcome=outcome, received_at=now,
            data_enc=self._cipher.encrypt_json(entry.data, aad=_change_aad(entry.case_id, entry.cursor))))
        session.flush()
        return AppliedChange(entry, outcome, previous, steps)


def _change_aad(case_id: str, cursor: str) -> bytes:
    return aad_for(case_id, f"change:{cursor}")


def set_meta(session: Session, name: str, value: str) -> None:
    row = session.get(SyncMetaRow, name)
    if row is None:
        session.add(SyncMetaRow(name=name, value=value))
    else:
        row.value = value


def touch(row: CaseRow, now: datetime) -> None:
    # As CaseRepository does: a case written by anyone gets a new row_version, so an editor holding the
    # old one gets StaleWrite instead of overwriting the status change.
    row.updated_at = now
    row.row_version += 1
