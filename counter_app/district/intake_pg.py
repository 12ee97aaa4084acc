"""Version 1 of a case the server has never seen, on PostgreSQL: CaseIntake's hot path as ONE call of the
server-side function `intake_first_version` (migration 0008), in one round trip, committed on its own.

The function writes the same rows as CaseIntake._store_first does on SQLite, in the same order and under
the same locks: the case row first (INSERT … ON CONFLICT DO NOTHING — when it does not insert, nothing
is written, the function returns NULL and the caller takes the general path), then review, 容缺,
version and blob rows, then the change-feed row under the feed lock and, last before the commit, the
audit record under the chain's head lock (audit.py explains that order). Python prepares every value:
the receipt's JSON up to its missing-blob list, the feed row's values, and the audit record's canonical
JSON cut around the chain link (`ChainRecord.canonical_around_link`); the function adds the missing
list and hashes the record on the head it locked. Both locks are thus held only inside the database,
not across round trips to this process.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from counter_app.district import audit
from counter_app.district.db import DistrictDb
from counter_app.district.feed import change_values
from counter_app.district.pg_raw import naive_utc
from counter_app.district.principal import Principal
from counter_app.district.review_state import ReviewRules, first_due_dates
from counter_app.domain.status import CaseStatus
from counter_app.security.audit_chain import ChainRecord
from counter_app.sync.protocol import CaseSubmission, SubmissionReceipt

# The function's parameters in order, each cast to its declared type: psycopg sends an empty list or a
# None without a type, and the call must still resolve to the one function.
_PARAMS = (("case_id", "varchar"), ("township_code", "varchar"), ("case_number", "varchar"),
           ("status", "varchar"), ("submission_status", "varchar"), ("now", "timestamp"),
           ("queue_due", "date"), ("deferred_outstanding", "boolean"), ("accepted_on", "date"),
           ("committed_due", "date"), ("legal_due", "date"), ("deferred_slots", "varchar[]"),
           ("deferred_due", "date[]"), ("body_hash", "varchar"), ("body_enc", "bytea"),
           ("receipt_head", "text"), ("submitted_by", "varchar"), ("device_id", "varchar"),
           ("refs", "varchar[]"), ("feed_lock", "bigint"), ("feed_kind", "varchar"), ("feed_data", "text"),
           ("audit_at", "timestamp"), ("audit_actor", "varchar"), ("audit_role", "varchar"),
           ("audit_device", "varchar"), ("audit_action", "varchar"), ("audit_detail", "text"),
           ("chain", "varchar"), ("hash_head", "bytea"), ("hash_mid", "bytea"), ("hash_tail", "bytea"))
_INTAKE = f"SELECT intake_first_version({', '.join(f'%({name})s::{kind}' for name, kind in _PARAMS)})"
_EMPTY_LIST_END = '[]}'


def store_first(db: DistrictDb, principal: Principal, sub: CaseSubmission, *, case: dict[str, Any],
                body_hash: str, body_enc: bytes, rules: ReviewRules,
                now: datetime) -> SubmissionReceipt | None:
    """Insert version 1 of `sub` (`case`: the case row's values; `body_enc`: the encrypted body) and
    return its receipt; None, with nothing written, when the case already exists."""
    refs = list(dict.fromkeys(ref for m in sub.materials for ref in (m.thumb_sha256, m.sha256) if ref))
    deferred = {item.slot: item.due_date for item in sub.deferred}
    accepted_on, committed, legal = first_due_dates(sub, rules)
    # The receipt's JSON as pydantic writes it, cut before the missing-blob list (its last field): the
    # function appends the list it finds, so the stored receipt is byte for byte what Python would store.
    empty = SubmissionReceipt(case_id=sub.case_id, version=1, status=CaseStatus.SUBMITTED.value,
                              received_at=now).model_dump_json()
    if not empty.endswith('"missing_blobs":' + _EMPTY_LIST_END):
        raise AssertionError("SubmissionReceipt no longer ends with missing_blobs")
    event = audit.pending_event(principal, "case_submitted", case_id=sub.case_id,
                                detail=json.dumps({"version": 1, "materials": len(sub.materials)}))
    record = ChainRecord(seq=0, at=event.at, actor=event.actor, action=event.action, case_id=event.case_id,
                         detail=event.detail, prev_hash="", role=event.role, device_id=event.device_id)
    hash_head, hash_mid, hash_tail = record.canonical_around_link()
    feed = change_values(case, "status", {"submission_status": sub.status, "received_at": now.isoformat()},
                         naive_utc(now))
    params = {
        "case_id": sub.case_id, "township_code": case["township_code"], "case_number": case["case_number"],
        "status": case["status"], "submission_status": case["submission_status"], "now": naive_utc(now),
        "queue_due": case["queue_due"], "deferred_outstanding": case["deferred_outstanding"],
        "accepted_on": accepted_on, "committed_due": committed, "legal_due": legal,
        "deferred_slots": list(deferred), "deferred_due": list(deferred.values()),
        "body_hash": body_hash, "body_enc": body_enc, "receipt_head": empty[:-len(_EMPTY_LIST_END)],
        "submitted_by": principal.username, "device_id": principal.device_id, "refs": refs,
        "feed_lock": db.feed_lock_key, "feed_kind": feed["kind"], "feed_data": feed["data_json"],
        "audit_at": naive_utc(event.at), "audit_actor": event.actor, "audit_role": event.role,
        "audit_device": event.device_id, "audit_action": event.action, "audit_detail": event.detail,
        "chain": audit.HEAD_NAME, "hash_head": hash_head, "hash_mid": hash_mid, "hash_tail": hash_tail,
    }
    # Autocommit: the one statement is its own transaction, committed with this round trip.
    with db.raw(autocommit=True) as cursor:
        cursor.execute(_INTAKE, params, prepare=True)
        missing = cursor.fetchone()[0]
    if missing is None:
        return None  # the caller's general path decides: replay, conflict or race
    return SubmissionReceipt(case_id=sub.case_id, version=1, status=CaseStatus.SUBMITTED.value,
                             received_at=now, missing_blobs=list(missing))
