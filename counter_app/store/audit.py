"""The audit log: who did what to which case, and when. Kept without personal data, so it can be shown
and exported freely and kept longer than the cases it describes (domain.md §7: at least 6 months).

The log is a hash chain (counter_app.security.audit_chain): every record holds the previous record's
hash and its own, so `verify()` finds a deleted, altered or reordered record. Appends are serialised by
the store's write lock (BEGIN IMMEDIATE): one chain, never a fork. The newest record's seq and hash (the
head) and, after old records were pruned, the last pruned one's (the base) are kept in store_meta.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from counter_app.security.audit_chain import (
    GENESIS,
    ChainRecord,
    ChainReport,
    StoredRecord,
    export_line,
    verify_chain,
)
from counter_app.store.db import Database
from counter_app.store.tables import AuditEventRow, CaseRow, StoreMeta

# A resident ID number or a mainland mobile number standing on its own: the two kinds of personal data
# most likely to slip into a detail by accident. UUIDs, hashes and case numbers do not match.
_PERSONAL = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|\d{15}|1[3-9]\d{9})(?![0-9A-Za-z])")

HEAD_META = "audit_chain_head"
BASE_META = "audit_chain_base"
MIN_KEEP_DAYS = 183  # domain.md §7 / issue 7: the trail is kept at least 6 months, whatever is configured
_PAGE = 2000


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
    seq: int = 0
    prev_hash: str = ""
    hash: str = ""
    case_number: str | None = None  # of the case it names, when that case is in this store


@dataclass(frozen=True)
class AuditFilter:
    """What the administrator's view asks for; every part optional."""

    case_id: str | None = None
    case_number: str | None = None
    actor: str | None = None
    action_prefix: str | None = None
    since: datetime | None = None
    until: datetime | None = None  # exclusive
    limit: int | None = None  # newest first when limited


class AuditLog:
    def __init__(self, db: Database, *, clock: Callable[[], datetime] | None = None) -> None:
        self._db = db
        self._clock = clock or (lambda: datetime.now(UTC))

    def record(self, *, actor: str, action: str, case_id: str | None,
               detail: dict[str, object] | None = None) -> None:
        """Append one event. `detail` must be JSON-serialisable and free of personal data (names, ID
        numbers, phones, addresses): pass case ids, counts, codes. ID and phone numbers are refused."""
        text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
        for value in (text, actor, action):
            if _PERSONAL.search(value):
                raise PersonalDataInAudit("audit events must not contain ID or phone numbers")
        with self._db.write() as session:  # the write lock makes read-head-then-append atomic
            seq, prev = _head(session)
            record = ChainRecord(seq=seq + 1, at=self._clock(), actor=actor, action=action,
                                 case_id=case_id, detail=text, prev_hash=prev)
            digest = record.compute_hash()
            session.add(AuditEventRow(at=record.at, actor=actor, action=action, case_id=case_id,
                                      detail=text, seq=record.seq, prev_hash=prev, hash=digest))
            _put_meta(session, HEAD_META, {"seq": record.seq, "hash": digest})

    def events(self, *, case_id: str | None = None) -> list[AuditEvent]:
        """Events oldest first, all of them or those of one case."""
        return self.query(AuditFilter(case_id=case_id))

    def query(self, where: AuditFilter) -> list[AuditEvent]:
        """Events matching `where`, oldest first (the newest `limit` of them when limited)."""
        stmt = select(AuditEventRow, CaseRow.case_number).outerjoin(
            CaseRow, CaseRow.case_id == AuditEventRow.case_id)
        if where.case_id is not None:
            stmt = stmt.where(AuditEventRow.case_id == where.case_id)
        if where.case_number:
            stmt = stmt.where(CaseRow.case_number == where.case_number)
        if where.actor:
            stmt = stmt.where(AuditEventRow.actor == where.actor)
        if where.action_prefix:
            stmt = stmt.where(AuditEventRow.action.startswith(where.action_prefix, autoescape=True))
        if where.since is not None:
            stmt = stmt.where(AuditEventRow.at >= where.since)
        if where.until is not None:
            stmt = stmt.where(AuditEventRow.at < where.until)
        if where.limit is not None:
            stmt = stmt.order_by(AuditEventRow.seq.desc()).limit(where.limit)
        else:
            stmt = stmt.order_by(AuditEventRow.seq)
        with self._db.read() as session:
            events = [_event(row, number) for row, number in session.execute(stmt)]
        return sorted(events, key=lambda e: e.seq) if where.limit is not None else events

    def actors(self) -> list[str]:
        with self._db.read() as session:
            return sorted(session.scalars(select(AuditEventRow.actor).distinct()))

    def count(self) -> int:
        with self._db.read() as session:
            return int(session.scalar(select(func.count()).select_from(AuditEventRow)) or 0)

    # --- the chain ----------------------------------------------------------------------------------

    def verify(self) -> ChainReport:
        """Walk the whole chain from its base and report the first record that does not fit."""
        with self._db.read() as session:  # one snapshot: a record appended meanwhile is not half-seen
            base = _get_meta(session, BASE_META)
            head = _get_meta(session, HEAD_META)
            return verify_chain(self._stored(session),
                                base_seq=int(base["seq"]) if base else 0,
                                base_hash=str(base["hash"]) if base else GENESIS,
                                head=(int(head["seq"]), str(head["hash"])) if head else None)

    def export(self, path: Path) -> int:
        """Write the whole trail as JSON lines with the hashes (verifiable with
        audit_chain.verify_export, or by hand). Returns the number of records written."""
        count = 0
        tmp = path.with_name(path.name + ".part")
        with self._db.read() as session, tmp.open("w", encoding="utf-8", newline="\n") as out:
            for stored in self._stored(session):
                out.write(export_line(stored) + "\n")
                count += 1
        tmp.replace(path)
        return count

    def prune(self, keep_days: int) -> int:
        """Delete records older than `keep_days` (never fewer than MIN_KEEP_DAYS), keeping the last
        deleted record's seq and hash as the chain's new base. Returns how many were deleted."""
        cutoff = self._clock() - timedelta(days=max(keep_days, MIN_KEEP_DAYS))
        with self._db.write() as session:
            last = session.scalars(select(AuditEventRow).where(AuditEventRow.at < cutoff)
                                   .order_by(AuditEventRow.seq.desc()).limit(1)).first()
            if last is None:
                return 0
            # Only a prefix of the chain goes: everything up to the newest old record, so the rest
            # still links to the base (clock changes could interleave times; seq decides).
            result = session.execute(delete(AuditEventRow).where(AuditEventRow.seq <= last.seq))
            _put_meta(session, BASE_META, {"seq": last.seq, "hash": last.hash})
            return int(getattr(result, "rowcount", 0) or 0)

    @staticmethod
    def _stored(session: Session) -> Iterator[StoredRecord]:
        after = -1
        t = AuditEventRow
        # Core rows, not ORM objects (5x faster), in pages: a year of records need not sit in memory.
        columns = select(t.id, t.seq, t.at, t.actor, t.action, t.case_id, t.detail, t.prev_hash, t.hash)
        while True:
            rows = session.execute(columns.where(t.seq > after).order_by(t.seq).limit(_PAGE)).all()
            for row in rows:
                yield StoredRecord(ChainRecord(seq=row.seq, at=row.at, actor=row.actor, action=row.action,
                                               case_id=row.case_id, detail=row.detail,
                                               prev_hash=row.prev_hash), hash=row.hash, record_id=row.id)
            if len(rows) < _PAGE:
                return
            after = rows[-1].seq


def _head(session: Session) -> tuple[int, str]:
    """The seq and hash to chain onto: the kept head (so records deleted from the end still leave a gap
    the next append exposes), else the newest record, else the base, else genesis."""
    head = _get_meta(session, HEAD_META)
    if head is not None:
        return int(head["seq"]), str(head["hash"])
    row = session.execute(select(AuditEventRow.seq, AuditEventRow.hash)
                          .order_by(AuditEventRow.seq.desc()).limit(1)).first()
    if row is not None:
        return int(row.seq), str(row.hash)
    base = _get_meta(session, BASE_META)
    return (int(base["seq"]), str(base["hash"])) if base else (0, GENESIS)


def _get_meta(session: Session, name: str) -> dict[str, Any] | None:
    row = session.get(StoreMeta, name)
    if row is None:
        return None
    data = json.loads(row.value.decode("utf-8"))
    return data if isinstance(data, dict) else None


def _put_meta(session: Session, name: str, value: dict[str, object]) -> None:
    raw = json.dumps(value, sort_keys=True).encode("utf-8")
    row = session.get(StoreMeta, name)
    if row is None:
        session.add(StoreMeta(name=name, value=raw))
    else:
        row.value = raw


def _event(row: AuditEventRow, case_number: str | None = None) -> AuditEvent:
    return AuditEvent(id=row.id, at=row.at, actor=row.actor, action=row.action, case_id=row.case_id,
                      detail=_load(row.detail), seq=row.seq, prev_hash=row.prev_hash, hash=row.hash,
                      case_number=case_number)


def _load(text: str) -> dict[str, Any]:
    data = json.loads(text)
    return data if isinstance(data, dict) else {"value": data}
