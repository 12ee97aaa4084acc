"""Corrections at the counter without a network: the district's return arrives as change-feed entries,
items count as done when their field or slot changed (or are ticked), and the resubmission is version
n+1 in the same transaction as the status change."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from counter_app.domain.status import CaseStatus
from counter_app.domain.validation import validate_application
from counter_app.services.corrections import (
    CorrectionService,
    CorrectionsOpen,
    NotReturned,
    StillInvalid,
    field_label,
    value_at,
)
from counter_app.services.submission import SubmissionService
from counter_app.store.audit import AuditLog
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.change_feed import FeedEntry
from counter_app.store.db import Database
from counter_app.store.outbox import OutboxRepository
from counter_app.store.repository import CaseRepository, StaleWrite
from counter_app.store.tables import CaseMaterialRow
from counter_app.sync.feed import plan_status
from counter_app.sync.protocol import CaseSubmission
from tests.integration.sync.helpers import add_materials

ITEMS = [{"target": "field", "path": "operator.mobile", "phrase": "inconsistent", "phrase_zh": "不一致",
          "phrase_en": "Inconsistent", "text": "请核对"},
         {"target": "document", "path": "documents", "phrase": "illegible", "phrase_zh": "不清晰",
          "phrase_en": "Illegible", "text": ""}]
_cursor = iter(range(1, 10_000))


def entry(case_id: str, status: str, version: int = 1, **data: object) -> FeedEntry:
    return FeedEntry(cursor=str(next(_cursor)), case_id=case_id, version=version, kind="decision",
                     status=status, at=datetime.now(UTC), data=dict(data))


def feed(outbox: OutboxRepository, *entries: FeedEntry) -> list[str]:
    applied = outbox.apply_feed(list(entries), cursor_name="feed.cursor", next_cursor=entries[-1].cursor,
                                planner=plan_status)
    return [a.outcome for a in applied]


@pytest.fixture
def submissions(repo: CaseRepository, outbox: OutboxRepository, audit: AuditLog,
                blobs: EncryptedBlobStore) -> SubmissionService:
    return SubmissionService(repo, outbox, audit, blobs, clerk="clerk-07")


@pytest.fixture
def corrections(repo: CaseRepository, outbox: OutboxRepository, audit: AuditLog,
                submissions: SubmissionService) -> CorrectionService:
    return CorrectionService(repo, outbox, submissions, audit, clerk="clerk-07",
                             validate=lambda app: validate_application(app, today=datetime.now(UTC).date()),
                             slot_labels=lambda _case: {"documents": ("材料", "Documents")})


@pytest.fixture
def returned(db: Database, blobs: EncryptedBlobStore, outbox: OutboxRepository,
             submissions: SubmissionService, accepted: str) -> str:
    """Version 1 submitted, received by the district, then returned with a field and a document item."""
    add_materials(db, blobs, accepted, [b"portrait" * 300, b"document" * 400])
    submissions.submit(accepted)
    item = outbox.summaries()[accepted]
    outbox.case_received(item.item_id, server_status="submitted", received_at=datetime.now(UTC), missing=[])
    assert feed(outbox, entry(accepted, "in_review"),
                entry(accepted, "returned", items=ITEMS, reason="退回补正", by="审核员甲")) == ["applied"] * 2
    return accepted


def test_paths_and_labels() -> None:
    data = {"operator": {"mobile": "1"}, "family_members": [{"name": "甲"}, {"name": "乙"}]}
    assert value_at(data, "operator.mobile") == "1"
    assert value_at(data, "family_members[1].name") == "乙"
    assert value_at(data, "family_members[2].name") is value_at(data, "nowhere")
    assert field_label("operator.mobile") == ("经营者 · 移动电话", "Operator · Mobile")
    assert field_label("family_members[0].id_document.number")[0] == "家庭成员 · 证件号码"
    assert field_label("business_name")[0] == "名称"
    assert field_label("made.up") == ("made.up", "made.up")


def test_the_return_is_read_from_the_feed_and_items_tick_off(
        corrections: CorrectionService, repo: CaseRepository, db: Database, blobs: EncryptedBlobStore,
        outbox: OutboxRepository, returned: str) -> None:
    case = corrections.returned(returned)
    assert case is not None and case.version == 1 and case.reviewer == "审核员甲"
    assert [(i.target, i.path, i.done) for i in case.items] == [
        ("field", "operator.mobile", False), ("document", "documents", False)]
    notice = corrections.notice_items(returned)
    assert [(n.target, n.problem, n.remedy) for n in notice] == [
        ("经营者 · 移动电话", "不一致", "请核对"), ("材料", "不清晰", "")]

    record = repo.get(returned)
    assert record is not None and record.status is CaseStatus.RETURNED
    record.application.operator.mobile = "13982345678"
    repo.save_application(returned, record.application)
    assert [i.changed for i in corrections.returned(returned).items] == [True, False]  # type: ignore[union-attr]

    new_sha = blobs.put(b"retaken document" * 300)
    with db.write() as session:  # the page retaken (the materials service replaces the row's image)
        session.execute(update(CaseMaterialRow).where(CaseMaterialRow.case_id == returned,
                                                      CaseMaterialRow.slot == "documents")
                        .values(sha256=new_sha))
    assert all(i.changed for i in corrections.returned(returned).items)  # type: ignore[union-attr]

    ticked = corrections.tick(returned, 1)
    assert ticked.items[1].ticked
    assert not corrections.tick(returned, 1, done=False).items[1].ticked
    assert json.loads(outbox.meta(f"corrections:{returned}:v1") or "[]") == []


def test_resubmission_is_version_two_in_one_transaction(
        corrections: CorrectionService, repo: CaseRepository, outbox: OutboxRepository, audit: AuditLog,
        returned: str) -> None:
    with pytest.raises(CorrectionsOpen) as still_open:
        corrections.resubmit(returned)
    assert still_open.value.count == 2
    record = repo.get(returned)
    assert record is not None
    good_mobile = record.application.operator.mobile
    record.application.operator.mobile = "12"
    repo.save_application(returned, record.application)
    with pytest.raises(StillInvalid):
        corrections.resubmit(returned, allow_open=True)
    record.application.operator.mobile = good_mobile
    repo.save_application(returned, record.application)

    queued = corrections.resubmit(returned, allow_open=True)  # the clerk confirmed the open items
    assert (queued.status, queued.version) == (CaseStatus.QUEUED, 2)
    payload = outbox.submitted_payload(returned, 2)
    assert payload is not None
    body = CaseSubmission.model_validate_json(payload)
    assert (body.version, body.status, body.deferred) == (2, "accepted", [])
    assert outbox.submitted_payload(returned, 1) is not None  # version 1 stays as it was sent
    assert corrections.returned(returned) is None
    with pytest.raises(NotReturned):
        corrections.resubmit(returned)
    corrected = [e for e in audit.events(case_id=returned) if e.action == "case.corrected"]
    assert corrected and corrected[0].detail == {"returned_version": 1, "version": 2, "items": 2, "open": 2}

    # A late copy of the district's answer about version 1 does not touch version 2.
    assert feed(outbox, entry(returned, "returned", version=1, items=ITEMS)) == ["stale"]
    assert repo.get(returned).status is CaseStatus.QUEUED  # type: ignore[union-attr]


def test_a_resubmission_built_on_a_stale_case_changes_nothing(
        repo: CaseRepository, outbox: OutboxRepository, returned: str) -> None:
    record = repo.get(returned)
    assert record is not None
    repo.save_application(returned, record.application)  # saved by someone else meanwhile
    with pytest.raises(StaleWrite):
        outbox.enqueue(returned, expected_row_version=record.row_version, payload=b"{}", blobs=[],
                       resubmission=True)
    again = repo.get(returned)
    assert again is not None and (again.status, again.version) == (CaseStatus.RETURNED, 1)
    assert outbox.submitted_payload(returned, 2) is None
