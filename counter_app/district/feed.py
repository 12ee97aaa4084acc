"""The change feed (GET /v1/changes): every status change, decision and dispatch event, per township.

Writers call `record_change` inside the transaction that changes the case, so a change row exists exactly
when its change does. The cursor is the row id; `DistrictDb.feed_lock` makes ids become visible in order.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from counter_app.district.db import DistrictDb
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.tables import CaseRow, ChangeRow
from counter_app.domain.status import Role
from counter_app.sync.protocol import MAX_CHANGES_LIMIT, Change, ChangeKind, ChangesPage, ProblemCode

_CHANGES = cast(Table, ChangeRow.__table__)
_INSERT_CHANGE = insert(_CHANGES)  # built once: the compiled-statement cache always hits


def record_change(db: DistrictDb, session: Session, case: CaseRow, kind: ChangeKind,
                  data: dict[str, Any] | None = None, *, at: datetime | None = None) -> None:
    """Add the feed row for `case`'s current status. Call last in the transaction: it takes the feed
    lock, held until commit."""
    session.flush()
    db.feed_lock(session)
    # A Core insert (the ORM's unit of work cost more than the row): the id — the cursor — is taken now,
    # under the lock held until commit.
    session.execute(_INSERT_CHANGE, change_values({f: getattr(case, f) for f in _CASE_FIELDS}, kind, data,
                                                   at or datetime.now(UTC)))


_CASE_FIELDS = ("case_id", "township_code", "case_number", "version", "status")  # copied onto the feed row


def change_values(case: dict[str, Any], kind: ChangeKind, data: dict[str, Any] | None,
                  at: datetime) -> dict[str, Any]:
    """The feed row's values (also those intake_pg hands to the database's intake function)."""
    return {**{f: case[f] for f in _CASE_FIELDS}, "kind": kind, "at": at,
            "data_json": json.dumps(data or {}, ensure_ascii=False, sort_keys=True)}


def parse_cursor(after: str | None) -> int:
    if after is None or after.strip() in ("", "0"):
        return 0
    text = after.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise ProblemError(422, ProblemCode.REQUEST_INVALID, "变更游标无效，请从头同步（不带游标）",
                           "The change cursor is not valid; start again without one")
    return int(text)


def list_changes(session: Session, principal: Principal, after: str | None, limit: int) -> ChangesPage:
    cursor = parse_cursor(after)
    limit = max(1, min(limit, MAX_CHANGES_LIMIT))
    query = select(ChangeRow).where(ChangeRow.id > cursor)
    if principal.role is not Role.REVIEWER:
        query = query.where(ChangeRow.township_code == (principal.township_code or ""))
    rows = list(session.scalars(query.order_by(ChangeRow.id).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    changes = [Change(cursor=str(row.id), case_id=row.case_id, case_number=row.case_number,
                      version=row.version, kind=row.kind,  # type: ignore[arg-type]
                      status=row.status, at=row.at, data=json.loads(row.data_json or "{}"))
               for row in rows]
    next_cursor = changes[-1].cursor if changes else str(cursor)
    return ChangesPage(changes=changes, next_cursor=next_cursor, more=more)
