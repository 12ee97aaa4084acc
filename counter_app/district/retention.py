"""Retention on the district service: the images of a decided case are removed `blob_retention_days`
after its last change (settings; `counter-app district purge`, e.g. from cron).

"Decided" is refused, licence dispatched, or anything the counter reports after that (arrived,
collected): the registration itself is on the licence and in the market-regulation system; the images
were needed for the review. A blob shared by several cases (identical bytes) goes only when every case
that refers to it qualifies. The blob row goes with the file, so a counter asking later hears "not
here" (HEAD offset 0), which is the truth. Each purged case is audited (actor "retention").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from counter_app.district import audit
from counter_app.district.blobs import BlobService
from counter_app.district.db import DistrictDb
from counter_app.district.tables import BlobRow, CaseBlobRow, CaseRow
from counter_app.domain.status import CaseStatus

ACTOR = "retention"
DECIDED = frozenset({CaseStatus.REFUSED.value, CaseStatus.LICENCE_DISPATCHED.value,
                     CaseStatus.ARRIVED.value, CaseStatus.COLLECTED.value})


@dataclass
class DistrictPurgeReport:
    cases: list[str] = field(default_factory=list)  # case numbers
    files_deleted: int = 0

    def summary(self) -> str:
        return (f"清理了 {len(self.cases)} 个案件的图片，删除文件 {self.files_deleted} 个 / images of "
                f"{len(self.cases)} cases purged, {self.files_deleted} files deleted")


def purge_blobs(db: DistrictDb, blobs: BlobService, keep_days: int, *,
                clock: Callable[[], datetime] | None = None) -> DistrictPurgeReport:
    """Remove the images of cases decided more than `keep_days` ago. Each case in its own transaction;
    files are deleted after the commit (a crash in between leaves a stray file, never a dangling row)."""
    now = (clock or (lambda: datetime.now(UTC)))()
    cutoff = now - timedelta(days=max(keep_days, 0))
    report = DistrictPurgeReport()
    with db.read() as session:
        candidates = list(session.scalars(select(CaseRow.case_id).where(
            CaseRow.status.in_(DECIDED), CaseRow.updated_at <= cutoff, CaseRow.blobs_purged_at.is_(None))
            .order_by(CaseRow.case_id)))
    for case_id in candidates:
        with db.write() as session:
            case = session.get(CaseRow, case_id, with_for_update=True)
            if case is None or case.blobs_purged_at is not None or case.status not in DECIDED \
                    or case.updated_at > cutoff:
                continue  # changed since it was listed
            gone = _deletable(session, case_id, cutoff)
            session.execute(delete(BlobRow).where(BlobRow.sha256.in_(gone)))
            case.blobs_purged_at = now
            audit.record(session, None, "blobs_purged", case_id=case_id, actor=ACTOR,
                         detail=f"files={len(gone)}")
            number = case.case_number
        report.files_deleted += sum(blobs.objects.delete(sha) for sha in gone)
        report.cases.append(number)
    return report


def _deletable(session: Session, case_id: str, cutoff: datetime) -> list[str]:
    """The case's blobs that no case still in use refers to."""
    mine = set(session.scalars(select(CaseBlobRow.sha256).where(CaseBlobRow.case_id == case_id)))
    if not mine:
        return []
    users = session.execute(select(CaseBlobRow.sha256, CaseRow.status, CaseRow.updated_at)
                            .join(CaseRow, CaseRow.case_id == CaseBlobRow.case_id)
                            .where(CaseBlobRow.sha256.in_(mine), CaseBlobRow.case_id != case_id)).all()
    kept = {sha for sha, status, updated in users if status not in DECIDED or updated > cutoff}
    return sorted(mine - kept)
