"""Submitting a case: only accepted ones, with every image present, audited, and the worker told."""

from __future__ import annotations

import json

import pytest

from counter_app.domain.status import CaseStatus
from counter_app.services.errors import CaseNotFound
from counter_app.services.submission import MaterialMissing, NotSubmittable, SubmissionService
from counter_app.store.audit import AuditLog
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.db import Database
from counter_app.store.outbox import FULL, THUMB, OutboxRepository
from counter_app.store.repository import CaseRepository
from counter_app.sync.protocol import CaseSubmission
from tests.integration.sync.helpers import add_materials


@pytest.fixture
def service(repo: CaseRepository, outbox: OutboxRepository, audit: AuditLog,
            blobs: EncryptedBlobStore) -> tuple[SubmissionService, list[str]]:
    woken: list[str] = []
    return SubmissionService(repo, outbox, audit, blobs, clerk="clerk-07",
                             notify=lambda: woken.append("wake")), woken


def materials(db: Database, blobs: EncryptedBlobStore, case_id: str, images: list[bytes]) -> None:
    add_materials(db, blobs, case_id, images)


def test_an_accepted_case_is_queued_with_its_images_thumbnails_first(
        service: tuple[SubmissionService, list[str]], db: Database, outbox: OutboxRepository,
        blobs: EncryptedBlobStore, audit: AuditLog, accepted: str) -> None:
    submissions, woken = service
    materials(db, blobs, accepted, [b"portrait" * 500, b"document" * 900])
    stored = submissions.submit(accepted)
    assert stored.status is CaseStatus.QUEUED and woken == ["wake"]
    item = outbox.item(outbox.summaries()[accepted].item_id)
    assert item is not None
    assert [b.kind for b in item.blobs] == [THUMB, THUMB, FULL, FULL]
    body = CaseSubmission.model_validate(json.loads(item.payload))
    assert body.case_id == accepted and body.status == "accepted" and len(body.materials) == 2
    assert {m.sha256 for m in body.materials} == {b.sha256 for b in item.blobs if b.kind == FULL}
    event = [e for e in audit.events(case_id=accepted) if e.action == "case.submit"]
    assert event and event[0].actor == "clerk-07" and event[0].detail["materials"] == 2


def test_only_accepted_cases_can_be_submitted(service: tuple[SubmissionService, list[str]],
                                              repo: CaseRepository, accepted: str) -> None:
    submissions, woken = service
    repo.set_status(accepted, CaseStatus.WITHDRAWN)
    with pytest.raises(NotSubmittable) as refused:
        submissions.submit(accepted)
    assert "已受理" in refused.value.message_zh and woken == []
    with pytest.raises(CaseNotFound):
        submissions.submit("00000000-0000-4000-8000-000000000000")


def test_a_case_whose_image_is_gone_is_not_submitted(
        service: tuple[SubmissionService, list[str]], db: Database, repo: CaseRepository,
        outbox: OutboxRepository, blobs: EncryptedBlobStore, accepted: str) -> None:
    submissions, _ = service
    materials(db, blobs, accepted, [b"portrait" * 500])
    blobs.delete(outbox.materials(accepted)[0].sha256)
    with pytest.raises(MaterialMissing) as missing:
        submissions.submit(accepted)
    assert "重新采集" in missing.value.message_zh
    assert repo.get(accepted).status is CaseStatus.ACCEPTED  # type: ignore[union-attr]
    assert outbox.summaries() == {}
