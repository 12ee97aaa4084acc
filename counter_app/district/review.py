"""Reading a case (GET /v1/cases/{id}) and moving it along the status machine (POST …/transitions).

The transition endpoint is the minimal review/dispatch hook the sync needs (reviewers only, through the
shared status machine). The review workspace (counter_app.district.claims/decisions/followups, under
/v1/review/…) is the full path: claims, USCC issue, return items, refusal remedies, dispatch data.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.district import audit
from counter_app.district.auth import require_role, require_township
from counter_app.district.blobs import missing_blobs
from counter_app.district.cases import body_aad
from counter_app.district.db import DistrictDb
from counter_app.district.feed import record_change
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.review_state import outstanding_slots
from counter_app.district.tables import CaseBlobRow, CaseRow, CaseVersionRow, ReviewRow
from counter_app.domain.status import CaseStatus, IllegalTransition, Role, check_transition
from counter_app.security.crypto import FieldCipher
from counter_app.sync.protocol import CaseSubmission, CaseView, ChangeKind, ProblemCode, TransitionRequest
from counter_app.sync.review_protocol import ReviewProblemCode

DECISIONS = frozenset({CaseStatus.APPROVED, CaseStatus.RETURNED, CaseStatus.REFUSED,
                       CaseStatus.ACCEPTANCE_REVOKED})


def change_kind(target: CaseStatus) -> ChangeKind:
    if target in DECISIONS:
        return "decision"
    if target is CaseStatus.LICENCE_DISPATCHED:
        return "dispatch"
    return "status"


def case_not_found() -> ProblemError:
    return ProblemError(404, ProblemCode.CASE_NOT_FOUND, "服务器上没有该案件", "No such case on the server")


class CaseDesk:
    def __init__(self, db: DistrictDb, cipher: FieldCipher) -> None:
        self.db = db
        self.cipher = cipher

    def view(self, principal: Principal, case_id: str) -> CaseView:
        require_role(principal, Role.CLERK, Role.REVIEWER)
        with self.db.write() as session:
            case = session.get(CaseRow, case_id)
            if case is None:
                raise case_not_found()
            require_township(principal, case.township_code)
            audit.record(session, principal, "case_read", case_id=case_id)
            return self.view_in(session, case)

    def submission(self, session: Session, case: CaseRow) -> CaseSubmission:
        """The latest version's body, decrypted (personal data: the caller audits the read)."""
        version = session.get(CaseVersionRow, (case.case_id, case.version))
        assert version is not None
        return CaseSubmission.model_validate(
            self.cipher.decrypt_json(version.body_enc, aad=body_aad(case.case_id, case.version)))

    def view_in(self, session: Session, case: CaseRow) -> CaseView:
        version = session.get(CaseVersionRow, (case.case_id, case.version))
        assert version is not None
        body = self.submission(session, case)
        refs = list(session.scalars(select(CaseBlobRow.sha256).where(CaseBlobRow.case_id == case.case_id,
                                                                     CaseBlobRow.version == case.version)))
        return CaseView(case_id=case.case_id, version=case.version, case_number=case.case_number,
                        township_code=case.township_code, status=case.status,
                        submission_status=case.submission_status, received_at=version.received_at,
                        updated_at=case.updated_at, missing_blobs=missing_blobs(session, refs),
                        materials=body.materials, deferred=body.deferred)

    def transition(self, principal: Principal, case_id: str, request: TransitionRequest) -> CaseView:
        require_role(principal, Role.REVIEWER)
        try:
            target = CaseStatus(request.target)
        except ValueError:
            raise ProblemError(422, ProblemCode.REQUEST_INVALID, f"未知的案件状态“{request.target}”",
                               f"Unknown status {request.target!r}") from None
        now = datetime.now(UTC)
        with self.db.write() as session:
            case = session.get(CaseRow, case_id, with_for_update=True)
            if case is None:
                raise case_not_found()
            try:
                check_transition(CaseStatus(case.status), target, Role.REVIEWER)
            except IllegalTransition as exc:
                raise ProblemError(409, ProblemCode.CASE_TRANSITION_NOT_ALLOWED, exc.message_zh,
                                   f"{case.status} -> {target.value} is not allowed") from None
            if target is CaseStatus.APPROVED and (pending := outstanding_slots(session, case_id)):
                # The 容缺 rule holds on every path to approval (the full approval is /v1/review/…/approve).
                raise ProblemError(409, ReviewProblemCode.DEFERRED_OUTSTANDING,
                                   f"尚有{len(pending)}项容缺材料未补齐，不能核准",
                                   f"{len(pending)} deferred item(s) are outstanding", slots=pending)
            if target is not CaseStatus.IN_REVIEW and (review := session.get(ReviewRow, case_id)) is not None:
                review.claimed_by = review.claim_expires_at = None  # the case left review: no claim
            case.status = target.value
            case.updated_at = now
            data = {**request.data, "reason": request.reason, "by": principal.display_name}
            audit.record(session, principal, "case_transition", case_id=case_id,
                         detail=json.dumps({"target": target.value}))
            record_change(self.db, session, case, change_kind(target), data, at=now)
            return self.view_in(session, case)
