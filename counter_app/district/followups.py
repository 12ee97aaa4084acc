"""What happens around a decision: the +3 working day extension, licence printing and dispatch, and the
counter supplying a 容缺 item (which clears the approval block)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.district import audit
from counter_app.district.auth import require_role, require_township
from counter_app.district.claims import OPEN_STATUSES, lock_case
from counter_app.district.db import DistrictDb
from counter_app.district.decisions import add_decision, authority_name, move
from counter_app.district.feed import record_change
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.review_state import ReviewRules, ensure_review_row, mark_supplied, review_state
from counter_app.district.settings import DistrictSettings
from counter_app.district.tables import BlobRow, CaseBlobRow, CaseRow, DecisionRow, DeferredRow
from counter_app.domain.status import CaseStatus, Role
from counter_app.sync.protocol import ProblemCode
from counter_app.sync.review_protocol import (
    DeferredSupply,
    DispatchRequest,
    ExtensionRequest,
    ReviewProblemCode,
    ReviewState,
)

HAND_DELIVERY = "专人送达"


def _approval_data(session: Session, case_id: str) -> dict[str, Any]:
    row = session.scalars(select(DecisionRow).where(DecisionRow.case_id == case_id,
                                                    DecisionRow.outcome == "approved")
                          .order_by(DecisionRow.id.desc())).first()
    return json.loads(row.data_json) if row is not None else {}


class FollowUps:
    def __init__(self, db: DistrictDb, rules: ReviewRules, settings: DistrictSettings) -> None:
        self.db = db
        self.rules = rules
        self.settings = settings

    def extend(self, principal: Principal, case_id: str, request: ExtensionRequest) -> ReviewState:
        """Complex case: the legal limit grows by 3 working days, once, with a written reason."""
        require_role(principal, Role.REVIEWER)
        reason = request.reason.strip()
        if not reason:
            raise ProblemError(422, ProblemCode.REQUEST_INVALID, "延长审核期限必须写明理由",
                               "An extension needs a reason")
        now = datetime.now(UTC)
        with self.db.write() as session:
            case = lock_case(session, case_id)
            row = ensure_review_row(session, case, self.rules)
            if case.status not in OPEN_STATUSES:
                raise ProblemError(409, ProblemCode.CASE_TRANSITION_NOT_ALLOWED, "已作出决定的案件不能延期",
                                   "Only an undecided case can be extended")
            if row.extension_reason is not None:
                raise ProblemError(409, ReviewProblemCode.ALREADY_EXTENDED, "该案件已延长过审核期限",
                                   "This case was already extended")
            row.extension_reason = reason
            _committed, row.legal_due = self.rules.due_dates(row.accepted_on, extended=True)
            data = {"reason": reason, "legal_due": row.legal_due.isoformat()}
            add_decision(session, principal, case, "extended", data, now)
            record_change(self.db, session, case, "status", {**data, "extended": True,
                                                             "by": principal.display_name}, at=now)
            session.flush()
            return review_state(session, case, row)

    def dispatch(self, principal: Principal, case_id: str, request: DispatchRequest) -> ReviewState:
        """The licence was printed and sent: by mail (carrier + tracking number) or by hand."""
        require_role(principal, Role.REVIEWER)
        carrier, tracking = request.carrier.strip(), request.tracking_number.strip()
        if request.method == "mail" and (not carrier or not tracking):
            raise ProblemError(422, ProblemCode.REQUEST_INVALID, "邮寄须填写承运单位和运单号",
                               "Mail dispatch needs the carrier and the tracking number")
        if request.method == "hand":
            carrier = carrier or HAND_DELIVERY
        now = datetime.now(UTC)
        with self.db.write() as session:
            case = lock_case(session, case_id)
            row = ensure_review_row(session, case, self.rules)
            move(case, CaseStatus.LICENCE_DISPATCHED, now)
            licence = {key: value for key, value in _approval_data(session, case_id).items()
                       if key in ("uscc", "licence_number", "authority", "approval_date", "original_copies",
                                  "duplicate_copies")}
            licence.setdefault("authority", authority_name(self.settings))
            printed = request.printed_at or now
            data = {**licence, "method": request.method, "carrier": carrier, "tracking_number": tracking,
                    "printed_at": printed.isoformat(), "dispatched_at": now.isoformat()}
            add_decision(session, principal, case, "dispatched", data, now)
            record_change(self.db, session, case, "dispatch", {**data, "by": principal.display_name}, at=now)
            session.flush()
            return review_state(session, case, row)

    def supply_deferred(self, principal: Principal, case_id: str, slot: str,
                        request: DeferredSupply) -> ReviewState:
        """The counter uploaded the 容缺 material for `slot` (blob first, then this call)."""
        require_role(principal, Role.CLERK)
        now = datetime.now(UTC)
        with self.db.write() as session:
            case: CaseRow = lock_case(session, case_id)
            require_township(principal, case.township_code)
            row = ensure_review_row(session, case, self.rules)
            item = session.get(DeferredRow, (case_id, slot))
            if item is None:
                raise ProblemError(422, ReviewProblemCode.UNKNOWN_SLOT, f"该案件没有容缺材料“{slot}”",
                                   f"The case has no deferred item {slot!r}")
            blob = session.get(BlobRow, request.sha256)
            if blob is None or not blob.complete:
                raise ProblemError(409, ReviewProblemCode.BLOB_INCOMPLETE,
                                   "补交的材料尚未上传完成，请上传后再试",
                                   "Upload the material's image before supplying it")
            if item.supplied_sha256 == request.sha256:
                return review_state(session, case, row)  # a replay
            pending = mark_supplied(session, case, item, request.sha256, now)
            if session.get(CaseBlobRow, (case_id, case.version, request.sha256)) is None:
                session.add(CaseBlobRow(case_id=case_id, version=case.version, sha256=request.sha256))
            audit.record(session, principal, "deferred_supplied", case_id=case_id,
                         detail=json.dumps({"slot": slot}))
            record_change(self.db, session, case, "status",
                          {"deferred_supplied": slot, "sha256": request.sha256, "mime": request.mime,
                           "deferred_outstanding": pending, "by": principal.display_name}, at=now)
            session.flush()
            return review_state(session, case, row)
