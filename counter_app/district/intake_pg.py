"""Version 1 of a case the server has never seen, on PostgreSQL: CaseIntake's hot path in three round
trips on psycopg's cursor (pg_raw), instead of a dozen statements through the ORM session.

The same rows as CaseIntake._store_first, in the same order and under the same locks: the case row
first (INSERT … ON CONFLICT DO NOTHING — when it does not insert, nothing has been written and the caller
takes the general path), then review, 容缺, version and blob rows, then the change-feed row under the feed
lock and, last before the commit, the audit record under the chain's head lock (audit.py explains that
order). The statements are those modules' own SQLAlchemy constructs, compiled once.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Integer, String, Table, bindparam, func, insert, select
from sqlalchemy.dialects import postgresql

from counter_app.district import audit
from counter_app.district.db import DistrictDb
from counter_app.district.feed import record_change_raw
from counter_app.district.pg_raw import Compiled, naive_utc
from counter_app.district.principal import Principal
from counter_app.district.review_state import ReviewRules, first_due_dates
from counter_app.district.tables import CaseBlobRow, CaseRow, CaseVersionRow, DeferredRow, ReviewRow
from counter_app.domain.status import CaseStatus
from counter_app.sync.protocol import CaseSubmission, SubmissionReceipt

_CASES, _VERSIONS, _CASE_BLOBS, _REVIEWS, _DEFERRED = (
    cast(Table, row.__table__) for row in (CaseRow, CaseVersionRow, CaseBlobRow, ReviewRow, DeferredRow))
_CASE_KEYS = ("case_id", "township_code", "case_number", "status", "version", "submission_status",
              "created_at", "updated_at", "queue_due", "deferred_outstanding")
_NEW_CASE = Compiled(postgresql.insert(_CASES).on_conflict_do_nothing(index_elements=["case_id"])
                     .returning(_CASES.c.case_id), _CASE_KEYS)
_COMPLETE_BLOBS = "SELECT sha256 FROM blobs WHERE sha256 = ANY(%(shas)s) AND complete"
_REVIEW = Compiled(insert(_REVIEWS).inline(), ("case_id", "accepted_on", "committed_due", "legal_due"))
_DEFERRED_ITEM = Compiled(insert(_DEFERRED).inline(), ("case_id", "slot", "due_date"))
_VERSION = Compiled(insert(_VERSIONS).inline(), ("case_id", "version", "body_hash", "body_enc",
                                                 "receipt_json", "received_at", "submitted_by", "device_id"))
# Every blob the version refers to in ONE statement (unnest keeps the array's order), not one per blob.
_CASE_BLOBS_OF = Compiled(insert(_CASE_BLOBS).from_select(
    ["case_id", "version", "sha256"],
    select(bindparam("case_id", type_=String), bindparam("version", type_=Integer),
           func.unnest(bindparam("shas", type_=postgresql.ARRAY(String))))))


def store_first(db: DistrictDb, principal: Principal, sub: CaseSubmission, *, case: dict[str, Any],
                body_hash: str, body_enc: bytes, rules: ReviewRules,
                now: datetime) -> SubmissionReceipt | None:
    """Insert version 1 of `sub` (`case`: the case row's values; `body_enc`: the encrypted body) and
    return its receipt; None, with nothing written, when the case already exists."""
    refs = list(dict.fromkeys(ref for m in sub.materials for ref in (m.thumb_sha256, m.sha256) if ref))
    with db.raw(autocommit=False) as cursor:
        connection = cursor.connection
        with connection.pipeline():
            inserted = connection.execute(_NEW_CASE.sql, _naive(case), prepare=True)
            have = connection.execute(_COMPLETE_BLOBS, {"shas": refs}, prepare=True) if refs else None
            if inserted.fetchone() is None:
                return None  # the caller's general path decides: replay, conflict or race
            complete = {row[0] for row in have.fetchall()} if have is not None else set()
            receipt = SubmissionReceipt(case_id=sub.case_id, version=1, status=CaseStatus.SUBMITTED.value,
                                        received_at=now, missing_blobs=[s for s in refs if s not in complete])
            accepted_on, committed, legal = first_due_dates(sub, rules)
            cursor.execute(_REVIEW.sql, {"case_id": sub.case_id, "accepted_on": accepted_on,
                                         "committed_due": committed, "legal_due": legal}, prepare=True)
            deferred = {item.slot: item for item in sub.deferred}
            if deferred:
                cursor.executemany(_DEFERRED_ITEM.sql, [
                    {"case_id": sub.case_id, "slot": slot, "due_date": item.due_date}
                    for slot, item in deferred.items()])
            receipt_json = receipt.model_dump_json()
            cursor.execute(_VERSION.sql, {
                "case_id": sub.case_id, "version": 1, "body_hash": body_hash, "body_enc": body_enc,
                "receipt_json": receipt_json, "received_at": naive_utc(now),
                "submitted_by": principal.username, "device_id": principal.device_id}, prepare=True)
            if refs:
                cursor.execute(_CASE_BLOBS_OF.sql, {"case_id": sub.case_id, "version": 1, "shas": refs},
                               prepare=True)
            record_change_raw(connection, db, case, "status",
                              {"submission_status": sub.status, "received_at": now.isoformat()}, at=now)
            audit.seal_raw(connection, [audit.pending_event(
                principal, "case_submitted", case_id=sub.case_id,
                detail=json.dumps({"version": 1, "materials": len(sub.materials)}))])
    return receipt


def _naive(values: dict[str, Any]) -> dict[str, Any]:
    return {key: naive_utc(value) if isinstance(value, datetime) else value for key, value in values.items()}
