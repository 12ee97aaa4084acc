"""The district's audit trail: every sign-in, submission, case read, image download and decision.

A hash chain (counter_app.security.audit_chain). `record()` only notes the event on the caller's session;
the event is chained and inserted right before that transaction commits, after locking the chain's head
row (SELECT … FOR UPDATE on PostgreSQL; SQLite's write lock does it there). Two processes appending at
once therefore queue on the head and the chain stays linear. Taking the head lock last, just before
commit, keeps it out of every other lock order (the feed lock, claim rows): no deadlock, and the lock is
held only for the commit itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, event, insert, select, update
from sqlalchemy.orm import Session

from counter_app.district.principal import Principal
from counter_app.district.tables import AuditHeadRow, AuditRow
from counter_app.security.audit_chain import (
    GENESIS,
    ChainRecord,
    ChainReport,
    StoredRecord,
    export_line,
    verify_chain,
)

HEAD_NAME = "chain"
_PENDING = "audit_pending"
_LISTENING = "audit_listening"
_PAGE = 2000
_HEAD, _AUDIT = cast(Table, AuditHeadRow.__table__), cast(Table, AuditRow.__table__)
# Built once, values passed at execution: SQLAlchemy's compiled-statement cache then always hits.
_LOCK_HEAD = select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.name == HEAD_NAME).with_for_update()
_INSERT_AUDIT = insert(_AUDIT)
_MOVE_HEAD = update(_HEAD).where(_HEAD.c.name == HEAD_NAME).values(seq=bindparam("new_seq"),
                                                                   hash=bindparam("new_hash"))

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


_clock: Clock = _now  # tests replace it through set_clock


@dataclass(frozen=True)
class _Pending:
    at: datetime
    actor: str
    role: str
    device_id: str | None
    action: str
    case_id: str | None
    detail: str


def set_clock(clock: Clock | None) -> None:
    """Tests: a fake clock for audit times (None restores the real one)."""
    global _clock
    _clock = clock or _now


def record(session: Session, principal: Principal | None, action: str, *, case_id: str | None = None,
           detail: str = "", actor: str | None = None) -> None:
    """Note an audit event in the caller's transaction; it is chained and written when that commits
    (and vanishes with it if it rolls back). `detail` holds ids and codes only."""
    if not session.info.get(_LISTENING):
        session.info[_LISTENING] = True
        event.listen(session, "before_commit", _seal)
        event.listen(session, "after_rollback", _forget)
    pending: list[_Pending] = session.info.setdefault(_PENDING, [])
    pending.append(pending_event(principal, action, case_id=case_id, detail=detail, actor=actor))


def pending_event(principal: Principal | None, action: str, *, case_id: str | None = None,
                  detail: str = "", actor: str | None = None) -> _Pending:
    return _Pending(at=_clock(), actor=actor or (principal.username if principal else "-"),
                    role=principal.role.value if principal else "-",
                    device_id=principal.device_id if principal else None, action=action,
                    case_id=case_id, detail=detail)


def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _seal(session: Session) -> None:
    pending: list[_Pending] = session.info.pop(_PENDING, None) or []
    if not pending:
        return
    # Core statements, not ORM objects: this runs in every audited commit, and the ORM's flush of two
    # objects cost more CPU than the statements. Same rows, same lock, same order: the transaction's
    # own ORM changes are written first (a Core statement does not autoflush), so the head lock stays last.
    session.flush()
    head = session.execute(_LOCK_HEAD).first()
    if head is None:  # only a database created before the migration inserted it; never in practice
        session.execute(insert(_HEAD), {"name": HEAD_NAME, "seq": 0, "hash": GENESIS})
        seq, prev = 0, GENESIS
    else:
        seq, prev = head.seq, head.hash
    rows, seq, prev = _chained(pending, seq, prev)
    session.execute(_INSERT_AUDIT, rows)
    session.execute(_MOVE_HEAD, {"new_seq": seq, "new_hash": prev})


def _chained(pending: list[_Pending], seq: int, prev: str) -> tuple[list[dict[str, Any]], int, str]:
    """The audit rows of `pending`, chained on from the head (seq, hash), and the new head."""
    rows = []
    for item in pending:
        seq += 1
        rec = ChainRecord(seq=seq, at=item.at, actor=item.actor, action=item.action, case_id=item.case_id,
                          detail=item.detail, prev_hash=prev, role=item.role, device_id=item.device_id)
        prev = rec.compute_hash()
        rows.append({"at": item.at, "actor": item.actor, "role": item.role, "device_id": item.device_id,
                     "action": item.action, "case_id": item.case_id, "detail": item.detail, "seq": seq,
                     "prev_hash": rec.prev_hash, "hash": prev})
    return rows, seq, prev


def verify(session: Session) -> ChainReport:
    """Walk the whole chain (in a read transaction of the caller) and report the first bad record."""
    head = session.get(AuditHeadRow, HEAD_NAME)
    return verify_chain(_stored(session), head=(head.seq, head.hash) if head else None)


def export(session: Session, path: Path) -> int:
    """The whole trail as JSON lines with the hashes (audit_chain.verify_export checks it)."""
    count = 0
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        for stored in _stored(session):
            out.write(export_line(stored) + "\n")
            count += 1
    tmp.replace(path)
    return count


def _stored(session: Session) -> Iterator[StoredRecord]:
    after = -1
    t = AuditRow
    columns = select(t.id, t.seq, t.at, t.actor, t.role, t.device_id, t.action, t.case_id, t.detail,
                     t.prev_hash, t.hash)  # Core rows, not ORM objects: several times faster
    while True:
        rows = session.execute(columns.where(t.seq > after).order_by(t.seq).limit(_PAGE)).all()
        for row in rows:
            yield StoredRecord(ChainRecord(seq=row.seq, at=row.at, actor=row.actor, action=row.action,
                                           case_id=row.case_id, detail=row.detail, prev_hash=row.prev_hash,
                                           role=row.role, device_id=row.device_id),
                               hash=row.hash, record_id=row.id)
        if len(rows) < _PAGE:
            return
        after = rows[-1].seq


def events_since(session: Session, seq: int = 0) -> list[dict[str, Any]]:
    """Records after `seq` as plain dicts (tests, tools)."""
    return [{"seq": r.seq, "actor": r.actor, "action": r.action, "case_id": r.case_id}
            for r in session.scalars(select(AuditRow).where(AuditRow.seq > seq).order_by(AuditRow.seq))]
