"""The outbox in the local store: one transaction with the status change, durable and encrypted
payloads, progress for display, and the change feed applied once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from counter_app.domain.status import CaseStatus, IllegalTransition
from counter_app.store.change_feed import FeedEntry
from counter_app.store.db import Database
from counter_app.store.outbox import (
    ATTENTION,
    DELIVERED,
    FULL,
    IMAGES,
    THUMB,
    WAITING,
    NewBlob,
    OutboxRepository,
)
from counter_app.store.repository import CaseRepository, StaleWrite
from counter_app.sync.feed import plan_status

PAYLOAD = '{"operator":"张三","id":"510411198503121232"}'.encode()
BLOBS = [NewBlob("a" * 64, FULL, 1000), NewBlob("b" * 64, THUMB, 100), NewBlob("a" * 64, FULL, 1000)]


def enqueue(outbox: OutboxRepository, repo: CaseRepository, case_id: str) -> int:
    record = repo.get(case_id)
    assert record is not None
    return outbox.enqueue(case_id, expected_row_version=record.row_version, payload=PAYLOAD, blobs=BLOBS)


def test_enqueue_queues_the_case_and_its_submission_together(
        outbox: OutboxRepository, repo: CaseRepository, accepted: str) -> None:
    item_id = enqueue(outbox, repo, accepted)
    assert repo.get(accepted).status is CaseStatus.QUEUED  # type: ignore[union-attr]
    item = outbox.item(item_id)
    assert item is not None and item.payload == PAYLOAD and item.summary.state == WAITING
    # The duplicate hash is listed once, and the thumbnail goes first.
    assert [(b.sha256[0], b.kind) for b in item.blobs] == [("b", THUMB), ("a", FULL)]
    assert item.summary.bytes_total == len(PAYLOAD) + 1100
    assert outbox.totals().bytes_left == len(PAYLOAD) + 1100 and outbox.totals().waiting == 1


def test_a_failure_inside_the_transaction_leaves_neither_status_nor_outbox_entry(
        outbox: OutboxRepository, repo: CaseRepository, accepted: str) -> None:
    record = repo.get(accepted)
    assert record is not None
    # The status is already changed in the session when the last insert fails (kind is NOT NULL).
    broken = [NewBlob("c" * 64, None, 10)]  # type: ignore[arg-type]
    with pytest.raises(IntegrityError):
        outbox.enqueue(accepted, expected_row_version=record.row_version, payload=PAYLOAD, blobs=broken)
    assert repo.get(accepted).status is CaseStatus.ACCEPTED  # type: ignore[union-attr]
    assert outbox.summaries() == {} and outbox.totals().waiting == 0


def test_only_accepted_cases_in_their_latest_state_can_be_queued(
        outbox: OutboxRepository, repo: CaseRepository, accepted: str) -> None:
    record = repo.get(accepted)
    assert record is not None
    repo.set_status(accepted, CaseStatus.ACCEPTED)  # someone saved it since: row_version moved
    with pytest.raises(StaleWrite):
        outbox.enqueue(accepted, expected_row_version=record.row_version, payload=PAYLOAD, blobs=[])
    repo.set_status(accepted, CaseStatus.WITHDRAWN)
    current = repo.get(accepted)
    assert current is not None
    with pytest.raises(IllegalTransition):
        outbox.enqueue(accepted, expected_row_version=current.row_version, payload=PAYLOAD, blobs=[])
    assert outbox.summaries() == {}


def test_the_frozen_payload_is_encrypted_at_rest(
        outbox: OutboxRepository, repo: CaseRepository, accepted: str, db: Database) -> None:
    enqueue(outbox, repo, accepted)
    raw = b"".join(p.read_bytes() for p in Path(db.path).parent.glob("counter.sqlite3*"))
    assert "张三".encode() not in raw and b"510411198503121232" not in raw


def test_progress_receipt_and_delivery(outbox: OutboxRepository, repo: CaseRepository, accepted: str) -> None:
    item_id = enqueue(outbox, repo, accepted)
    outbox.failed(item_id, code="sync.link_broken", message_zh="网络连接中断", message_en="broken")
    assert outbox.summaries()[accepted].attempts == 1
    outbox.record_blob(item_id, "b" * 64, confirmed=100, complete=True)
    summary = outbox.summaries()[accepted]
    assert summary.bytes_done == 100 and summary.attempts == 0 and summary.error_code is None

    outbox.case_received(item_id, server_status="submitted", received_at=datetime.now(UTC),
                         missing=["A" * 64])
    summary = outbox.summaries()[accepted]
    assert summary.phase == IMAGES and summary.bytes_done == 100 + len(PAYLOAD)
    assert repo.get(accepted).status is CaseStatus.SUBMITTED  # type: ignore[union-attr]
    item = outbox.item(item_id)
    assert item is not None and {b.sha256[0]: b.complete for b in item.blobs} == {"a": False, "b": True}

    outbox.record_blob(item_id, "a" * 64, confirmed=400, complete=False)
    assert outbox.summaries()[accepted].bytes_left == 600
    outbox.delivered(item_id)
    assert outbox.summaries()[accepted].state == DELIVERED and outbox.totals().bytes_left == 0


def test_a_refused_submission_waits_for_a_person_until_retried(
        outbox: OutboxRepository, repo: CaseRepository, accepted: str) -> None:
    item_id = enqueue(outbox, repo, accepted)
    outbox.needs_attention(item_id, code="case.invalid", message_zh="校验未通过", message_en="invalid")
    assert outbox.waiting_items([WAITING, "thumbs", "case", "images"]) == []
    assert outbox.totals().attention == 1 and outbox.summaries()[accepted].state == ATTENTION
    assert outbox.retry(accepted) and not outbox.retry(accepted)
    assert outbox.waiting_items(["thumbs"]) == [item_id]


def test_the_change_feed_is_applied_once_and_never_forced(
        outbox: OutboxRepository, repo: CaseRepository, accepted: str) -> None:
    enqueue(outbox, repo, accepted)  # queued: the district's "in_review" implies "submitted" first
    now = datetime.now(UTC)
    page = [
        FeedEntry("1", accepted, 1, "status", "in_review", now, {"by": "审核员"}),
        FeedEntry("2", "00000000-0000-4000-8000-000000000000", 1, "status", "submitted", now),  # not ours
        FeedEntry("3", accepted, 1, "status", "in_review", now),  # already there
        FeedEntry("4", accepted, 2, "decision", "approved", now),  # another version
        FeedEntry("5", accepted, 1, "status", "collected", now),  # a clerk's step: not forced
        FeedEntry("6", accepted, 1, "status", "no_such_status", now),
    ]
    results = outbox.apply_feed(page, cursor_name="feed.cursor", next_cursor="6", planner=plan_status)
    assert [r.outcome for r in results] == ["applied", "unknown", "unchanged", "stale", "refused", "refused"]
    assert [s.value for s, _ in results[0].steps] == ["submitted", "in_review"]
    assert repo.get(accepted).status is CaseStatus.IN_REVIEW  # type: ignore[union-attr]
    assert outbox.meta("feed.cursor") == "6"
    again = outbox.apply_feed(page, cursor_name="feed.cursor", next_cursor="6", planner=plan_status)
    assert [r.outcome for r in again] == ["duplicate", "unknown", *["duplicate"] * 4]
    history = outbox.changes_for(accepted)
    assert [c.cursor for c in history] == ["1", "3", "4", "5", "6"] and history[0].data == {"by": "审核员"}
