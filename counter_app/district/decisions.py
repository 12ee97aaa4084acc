"""Review decisions: approve, return for correction, refuse — and the case detail a reviewer decides on.

Each decision needs the caller's unexpired claim, goes through the shared status machine, and is written
in one transaction as: the case's new status, a review_decisions row (reviewer, time, reason), an audit
row and a change-feed row of kind "decision" whose data is what the counter needs (approval: the
LicenceInfo keys of notes/licence_info.md; return: the items; refusal: the reasons and remedies).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.district import audit
from counter_app.district.auth import require_role
from counter_app.district.claims import ReviewQueue, lock_case
from counter_app.district.db import DistrictDb
from counter_app.district.feed import record_change
from counter_app.district.licence import new_uscc, next_licence_number, uscc_taken
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.review import CaseDesk
from counter_app.district.review_state import (
    REMEDIES_EN,
    REMEDIES_ZH,
    ReviewRules,
    china_today,
    ensure_review_row,
    outstanding_slots,
    review_state,
)
from counter_app.district.settings import DistrictSettings
from counter_app.district.tables import CaseRow, DecisionRow, ReviewRow
from counter_app.district.version_diff import diff_from_previous
from counter_app.domain.status import CaseStatus, IllegalTransition, Role, check_transition
from counter_app.sync.protocol import ProblemCode
from counter_app.sync.review_protocol import (
    ApproveRequest,
    RefuseRequest,
    ReturnRequest,
    ReviewCaseDetail,
    ReviewProblemCode,
    ReviewState,
)

_FIELD_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\[[0-9]+\])?(\.[A-Za-z_][A-Za-z0-9_]*(\[[0-9]+\])?)*$")
_ISSUE_ATTEMPTS = 5


def authority_name(settings: DistrictSettings) -> str:
    return f"{settings.district_name}市场监督管理局"


def move(case: CaseRow, target: CaseStatus, now: datetime) -> None:
    try:
        check_transition(CaseStatus(case.status), target, Role.REVIEWER)
    except IllegalTransition as exc:
        raise ProblemError(409, ProblemCode.CASE_TRANSITION_NOT_ALLOWED, exc.message_zh,
                           f"{case.status} -> {target.value} is not allowed") from None
    case.status, case.updated_at = target.value, now


def add_decision(session: Session, principal: Principal, case: CaseRow, outcome: str,
                 data: dict[str, Any], now: datetime) -> None:
    session.add(DecisionRow(case_id=case.case_id, version=case.version, outcome=outcome,
                            reviewer=principal.username, at=now,
                            data_json=json.dumps(data, ensure_ascii=False, sort_keys=True)))
    audit.record(session, principal, "case_decision", case_id=case.case_id,
                 detail=json.dumps({"outcome": outcome, "version": case.version}))


class DecisionDesk:
    def __init__(self, db: DistrictDb, desk: CaseDesk, queue: ReviewQueue, rules: ReviewRules,
                 settings: DistrictSettings) -> None:
        self.db = db
        self.desk = desk
        self.queue = queue
        self.rules = rules
        self.settings = settings

    def detail(self, principal: Principal, case_id: str) -> ReviewCaseDetail:
        """The full case incl. the applicant's personal data (reviewers only; every read audited)."""
        require_role(principal, Role.REVIEWER)
        with self.db.write() as session:
            case = session.get(CaseRow, case_id)
            if case is None:
                raise ProblemError(404, ProblemCode.CASE_NOT_FOUND, "服务器上没有该案件", "No such case")
            row = ensure_review_row(session, case, self.rules)
            audit.record(session, principal, "case_read_personal", case_id=case_id,
                         detail=json.dumps({"version": case.version}))
            body = self.desk.submission(session, case)
            # The full personal data is read (and audited) anyway: the diff shows it unmasked.
            previous, changes, documents = diff_from_previous(session, self.desk.cipher, body, mask=False)
            return ReviewCaseDetail(view=self.desk.view_in(session, case),
                                    review=review_state(session, case, row),
                                    application=body.application, previous_version=previous,
                                    changes_from_previous=changes, replaced_documents=documents)

    def _finish(self, session: Session, principal: Principal, case: CaseRow, row: ReviewRow,
                target: CaseStatus, outcome: str, data: dict[str, Any], now: datetime) -> ReviewState:
        move(case, target, now)
        row.decided_at = now
        row.decided_within_committed = china_today(now) <= row.committed_due
        row.claimed_by = row.claim_expires_at = None
        # The statistics read the deadline as it stood at the decision (a resubmission restarts it).
        add_decision(session, principal, case, outcome,
                     {**data, "committed_due": row.committed_due.isoformat(),
                      "within_committed": row.decided_within_committed}, now)
        record_change(self.db, session, case, "decision", {**data, "by": principal.display_name}, at=now)
        session.flush()
        return review_state(session, case, row)

    def approve(self, principal: Principal, case_id: str, request: ApproveRequest) -> ReviewState:
        require_role(principal, Role.REVIEWER)
        for attempt in range(_ISSUE_ATTEMPTS):
            try:
                return self._approve(principal, case_id, request)
            except IntegrityError:
                # Another approval drew the same licence number (or USCC) and committed first: draw again.
                if attempt == _ISSUE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _approve(self, principal: Principal, case_id: str, request: ApproveRequest) -> ReviewState:
        now = datetime.now(UTC)
        with self.db.write() as session:
            case, row = self.queue.require_claim(session, principal, case_id)
            pending = outstanding_slots(session, case_id)
            if pending:
                raise ProblemError(409, ReviewProblemCode.DEFERRED_OUTSTANDING,
                                   f"尚有{len(pending)}项容缺材料未补齐（{'、'.join(pending)}），不能核准",
                                   f"{len(pending)} deferred item(s) are outstanding", slots=pending)
            area = self.settings.district_code
            code = new_uscc(area)
            while uscc_taken(session, code):
                code = new_uscc(area)
            today = china_today(now)
            row.uscc, row.approval_date = code, today
            row.licence_number = next_licence_number(session, area, today)
            data = {"uscc": code, "licence_number": row.licence_number,
                    "authority": authority_name(self.settings),
                    "approval_date": today.isoformat(), "original_copies": request.original_copies,
                    "duplicate_copies": request.duplicate_copies, "reason": request.reason or "核准"}
            return self._finish(session, principal, case, row, CaseStatus.APPROVED, "approved", data, now)

    def return_for_correction(self, principal: Principal, case_id: str,
                              request: ReturnRequest) -> ReviewState:
        require_role(principal, Role.REVIEWER)
        phrases = {code: (zh, en) for code, zh, en in self.rules.phrases}
        now = datetime.now(UTC)
        with self.db.write() as session:
            case, row = self.queue.require_claim(session, principal, case_id)
            body = self.desk.submission(session, case)
            slots = {m.slot for m in body.materials} | {d.slot for d in body.deferred}
            items = []
            for i, item in enumerate(request.items):
                if item.phrase not in phrases:
                    raise ProblemError(422, ReviewProblemCode.UNKNOWN_PHRASE,
                                       f"第{i + 1}项的标准用语“{item.phrase}”不在列表中",
                                       f"Item {i + 1}: unknown phrase {item.phrase!r}", item=i)
                if item.target == "document" and item.path not in slots:
                    raise ProblemError(422, ReviewProblemCode.UNKNOWN_SLOT,
                                       f"第{i + 1}项指向的材料“{item.path}”不在本案件中",
                                       f"Item {i + 1}: the case has no document slot {item.path!r}", item=i)
                if item.target == "field" and not _FIELD_PATH.match(item.path):
                    raise ProblemError(422, ProblemCode.REQUEST_INVALID,
                                       f"第{i + 1}项的字段路径“{item.path}”格式不正确",
                                       f"Item {i + 1}: malformed field path", item=i)
                zh, en = phrases[item.phrase]
                items.append({"target": item.target, "path": item.path, "phrase": item.phrase,
                              "phrase_zh": zh, "phrase_en": en, "text": item.text})
            data = {"items": items, "reason": request.reason or "退回补正"}
            return self._finish(session, principal, case, row, CaseStatus.RETURNED, "returned", data, now)

    def refuse(self, principal: Principal, case_id: str, request: RefuseRequest) -> ReviewState:
        require_role(principal, Role.REVIEWER)
        reasons = [r.strip() for r in request.reasons if r.strip()]
        if not reasons:
            raise ProblemError(422, ProblemCode.REQUEST_INVALID, "不予登记必须写明理由",
                               "A refusal needs at least one reason")
        now = datetime.now(UTC)
        with self.db.write() as session:
            case, row = self.queue.require_claim(session, principal, case_id)
            data = {"reasons": reasons, "reason": "；".join(reasons), "remedies_zh": REMEDIES_ZH,
                    "remedies_en": REMEDIES_EN}
            return self._finish(session, principal, case, row, CaseStatus.REFUSED, "refused", data, now)

    def state(self, principal: Principal, case_id: str) -> ReviewState:
        require_role(principal, Role.REVIEWER, Role.ADMIN)
        with self.db.read() as session:
            case = session.get(CaseRow, case_id)
            if case is None:
                raise ProblemError(404, ProblemCode.CASE_NOT_FOUND, "服务器上没有该案件", "No such case")
            row = session.get(ReviewRow, case_id)
        if row is None:
            with self.db.write() as session:
                case = lock_case(session, case_id)
                return review_state(session, case, ensure_review_row(session, case, self.rules))
        with self.db.read() as session:
            case = session.get(CaseRow, case_id)
            assert case is not None
            return review_state(session, case, row)
