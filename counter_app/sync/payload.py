"""The body of a case submission (protocol `CaseSubmission`), built once when the clerk submits.

The bytes made here are frozen in the outbox and sent unchanged on every attempt: the district detects
a replay by the canonical hash of the body, so a retry must not, for example, carry a new submitted_at.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from counter_app.domain.status import CaseStatus
from counter_app.store.outbox import FULL, THUMB, MaterialFacts, NewBlob
from counter_app.store.repository import CaseRecord
from counter_app.sync.protocol import (
    CaseSubmission,
    DeferredItem,
    MaterialRef,
    SubmissionStatus,
    canonical_json,
)


def build_submission(record: CaseRecord, materials: Sequence[MaterialFacts], *, submitted_at: datetime,
                     deferred: Sequence[DeferredItem] = ()) -> CaseSubmission:
    """The submission of an accepted case (its current version), or of a case the district returned and
    the counter corrected (the next version; 容缺受理 when 容缺 items are still outstanding)."""
    status: SubmissionStatus
    version = record.version
    if record.status is CaseStatus.RETURNED:
        version += 1
        status = "accepted_with_deferrals" if deferred else "accepted"
    elif record.status in (CaseStatus.ACCEPTED, CaseStatus.ACCEPTED_WITH_DEFERRALS):
        status = "accepted" if record.status is CaseStatus.ACCEPTED else "accepted_with_deferrals"
    else:
        raise ValueError(f"only accepted or returned cases are submitted, not {record.status.value}")
    ordered = sorted(materials, key=lambda m: (m.slot, m.page))
    return CaseSubmission(
        case_id=record.case_id, version=version, case_number=record.case_number,
        township_code=record.township_code, submitted_at=submitted_at, status=status,
        application=record.application.to_dict(),
        materials=[MaterialRef(slot=m.slot, page=m.page, kind=m.kind, doc_type=m.doc_type, sha256=m.sha256,
                               thumb_sha256=m.thumb_sha256, size=m.size, mime=m.mime) for m in ordered],
        deferred=list(deferred))


def submission_bytes(submission: CaseSubmission) -> bytes:
    return canonical_json(submission.model_dump(mode="json"))


def upload_list(materials: Sequence[MaterialFacts]) -> list[NewBlob]:
    """Every blob the submission refers to: thumbnails first (they go before the case data), then the
    full images, each in slot/page order."""
    ordered = sorted(materials, key=lambda m: (m.slot, m.page))
    thumbs = [NewBlob(m.thumb_sha256, THUMB, m.thumb_size or 0) for m in ordered if m.thumb_sha256]
    fulls = [NewBlob(m.sha256, FULL, m.size) for m in ordered]
    return thumbs + fulls
