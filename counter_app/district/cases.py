"""Case submission (PUT /v1/cases/{id}/versions/{n}): idempotent, re-validated, one transaction.

Order of checks: who may submit → is it a replay (same canonical body: the stored answer; different:
409) → the server's own validation (422 with field errors; the client is never trusted) → is this version
allowed now (n+1 only after the district returned n) → store case, version, blob references, change-feed
row and audit row together. A race between two processes on one (case, version) is settled by the
primary key: the loser re-reads and answers as for a replay.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta, timezone
from typing import cast

from sqlalchemy import Table, insert, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.district import audit, intake_pg
from counter_app.district.auth import require_role, require_township
from counter_app.district.blobs import missing_blobs
from counter_app.district.db import DistrictDb
from counter_app.district.feed import record_change
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.review_state import ReviewRules, first_due_dates, on_submitted, queue_columns
from counter_app.district.tables import CaseBlobRow, CaseRow, CaseVersionRow, DeferredRow, ReviewRow
from counter_app.domain.issues import Issue, Severity
from counter_app.domain.model import Application
from counter_app.domain.status import CaseStatus, Role
from counter_app.domain.validation import validate_application
from counter_app.security.crypto import FieldCipher, aad_for
from counter_app.sync.protocol import (
    CaseSubmission,
    ProblemCode,
    SubmissionReceipt,
    ValidationIssue,
    canonical_body,
)

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
_CASES, _VERSIONS, _CASE_BLOBS, _REVIEWS, _DEFERRED = (
    cast(Table, row.__table__) for row in (CaseRow, CaseVersionRow, CaseBlobRow, ReviewRow, DeferredRow))
# Statements built once, values passed at execution: SQLAlchemy's compiled-statement cache always hits
# (a statement built with .values(...) per call was compiled again each time).
_INSERT = {table: insert(table) for table in (_VERSIONS, _CASE_BLOBS, _REVIEWS, _DEFERRED)}
_NEW_CASE = {dialect.__name__: dialect.insert(_CASES).on_conflict_do_nothing(index_elements=["case_id"])
             .returning(_CASES.c.case_id) for dialect in (postgresql, sqlite)}


@dataclass(frozen=True)
class SubmitResult:
    receipt: SubmissionReceipt
    created: bool  # False: a replay of the identical body (HTTP 200 instead of 201)


def body_aad(case_id: str, version: int) -> bytes:
    return aad_for(case_id, f"submission.v{version}")


def _replay_or_conflict(session: Session, case_id: str, version: int, body_hash: str) -> SubmitResult | None:
    row = session.get(CaseVersionRow, (case_id, version))
    if row is None:
        return None
    if row.body_hash != body_hash:
        raise ProblemError(409, ProblemCode.CASE_VERSION_CONFLICT,
                           f"该案件第{version}版已提交过且内容不同；修改后的案件请作为新版本提交",
                           f"Version {version} of this case was already submitted with a different "
                           "body; a corrected case is a new version")
    return SubmitResult(SubmissionReceipt.model_validate_json(row.receipt_json), created=False)


def validation_day(submitted_at: datetime) -> dt.date:
    """Rules that depend on the date (ages, document expiry) are judged on the day the counter accepted
    the case, in China time — a case accepted offline last week was valid then. A date in the future
    is not believed: the server's own today is used."""
    today = datetime.now(CHINA).date()
    return min(submitted_at.astimezone(CHINA).date(), today)


def server_issues(submission: CaseSubmission) -> list[ValidationIssue]:
    """The server's own validation: the shared domain rules plus consistency of the submission."""
    try:
        app = Application.from_dict(submission.application)
        issues = validate_application(app, today=validation_day(submission.submitted_at))
    except Exception as exc:  # malformed structure: wrong types, unknown enum values, ...
        issues = [Issue("application", "submission.malformed", Severity.ERROR, "申请书数据结构不正确",
                        f"The application data is malformed ({type(exc).__name__})")]
    deferred = bool(submission.deferred)
    if submission.status == "accepted_with_deferrals" and not deferred:
        issues.append(Issue("deferred", "submission.deferrals_missing", Severity.ERROR,
                            "容缺受理的案件必须列出容缺材料",
                            "A case accepted with deferrals must list them"))
    if submission.status == "accepted" and deferred:
        issues.append(Issue("deferred", "submission.unexpected_deferrals", Severity.ERROR,
                            "列有容缺材料的案件应为“容缺受理”",
                            "A case with deferred items must be accepted with deferrals"))
    return [ValidationIssue(path=i.path, code=i.code, severity=i.severity.value, message_zh=i.message_zh,
                            message_en=i.message_en) for i in issues if i.is_error]


def _invalid(errors: list[ValidationIssue]) -> ProblemError:
    return ProblemError(422, ProblemCode.CASE_INVALID,
                        f"区县服务校验未通过，共{len(errors)}处错误，请在窗口更正后重新提交",
                        f"The district's validation found {len(errors)} error(s)",
                        errors=[e.model_dump() for e in errors])


def _version_not_allowed(zh: str, en: str) -> ProblemError:
    return ProblemError(409, ProblemCode.CASE_VERSION_NOT_ALLOWED, zh, en)


class CaseIntake:
    def __init__(self, db: DistrictDb, cipher: FieldCipher, rules: ReviewRules) -> None:
        self.db = db
        self.cipher = cipher
        self.rules = _RememberedDueDates.of(rules)

    def submit(self, principal: Principal, case_id: str, version: int,
               submission: CaseSubmission) -> SubmitResult:
        require_role(principal, Role.CLERK)
        if submission.case_id != case_id or submission.version != version:
            raise ProblemError(422, ProblemCode.CASE_MISMATCH, "提交内容中的案件编号或版本与地址不一致",
                               "The body's case_id/version differ from the URL")
        require_township(principal, submission.township_code)
        # The canonical JSON is hashed for replay detection and stored (encrypted) as the version's body:
        # the same bytes FieldCipher.encrypt_json would write, built once.
        body = canonical_body(submission)
        body_hash = hashlib.sha256(body).hexdigest()
        errors = server_issues(submission)
        if errors:
            # Rules may have changed since an identical body was accepted: a replay still gets its answer.
            with self.db.read() as session:
                _case, replay = self._lookup(session, principal, case_id, version, body_hash)
            if replay is not None:
                return replay
            raise _invalid(errors)
        try:
            return self._store(principal, submission, body_hash, body)
        except IntegrityError:
            # Another process stored this (case, version) between our read and our write.
            with self.db.read() as session:
                replay = _replay_or_conflict(session, case_id, version, body_hash)
            if replay is None:
                raise
            return replay

    @staticmethod
    def _lookup(session: Session, principal: Principal, case_id: str, version: int,
                body_hash: str) -> tuple[CaseRow | None, SubmitResult | None]:
        """The case (locked for update) and, for a replay, the stored answer."""
        existing = session.get(CaseRow, case_id, with_for_update=True)
        if existing is None:
            return None, None
        require_township(principal, existing.township_code)
        return existing, _replay_or_conflict(session, case_id, version, body_hash)

    def _store(self, principal: Principal, sub: CaseSubmission, body_hash: str, body: bytes) -> SubmitResult:
        now = datetime.now(UTC)
        if sub.version == 1:
            first = self._store_first(principal, sub, body_hash, body, now)
            if first is not None:
                return first
        with self.db.write() as session:
            existing, replay = self._lookup(session, principal, sub.case_id, sub.version, body_hash)
            if replay is not None:
                return replay
            # Decide on the row read above, never on a second read: under READ COMMITTED a second SELECT
            # could see a racing first submission commit in between and call it "version not allowed".
            case = self._advance_case(session, sub, now, existing)
            on_submitted(session, case, sub, self.rules)
            refs = [ref for m in sub.materials for ref in (m.thumb_sha256, m.sha256) if ref]
            receipt = SubmissionReceipt(case_id=sub.case_id, version=sub.version,
                                        status=CaseStatus.SUBMITTED.value, received_at=now,
                                        missing_blobs=missing_blobs(session, refs))
            body_enc = self.cipher.encrypt(body, aad=body_aad(sub.case_id, sub.version))
            session.add(CaseVersionRow(case_id=sub.case_id, version=sub.version, body_hash=body_hash,
                                       body_enc=body_enc,
                                       receipt_json=receipt.model_dump_json(), received_at=now,
                                       submitted_by=principal.username, device_id=principal.device_id))
            for sha in dict.fromkeys(refs):
                session.add(CaseBlobRow(case_id=sub.case_id, version=sub.version, sha256=sha))
            audit.record(session, principal, "case_submitted", case_id=sub.case_id,
                         detail=json.dumps({"version": sub.version, "materials": len(sub.materials)}))
            record_change(self.db, session, case, "status",
                          {"submission_status": sub.status, "received_at": now.isoformat()}, at=now)
        return SubmitResult(receipt, created=True)

    def _store_first(self, principal: Principal, sub: CaseSubmission, body_hash: str, body: bytes,
                     now: datetime) -> SubmitResult | None:
        """The hot path, version 1 of a case the server has never seen: the case row is inserted first
        (INSERT … ON CONFLICT DO NOTHING), and when that inserts it, nothing can exist for the case yet
        — no version to replay, no review or 容缺 rows — so nothing is looked up and the rows go in as
        plain statements. None when the case exists (a replay, a conflict, a race): the caller then runs
        the general path in a new transaction."""
        dialect = sqlite if self.db.is_sqlite else postgresql
        values = {"case_id": sub.case_id, "township_code": sub.township_code, "case_number": sub.case_number,
                  "status": CaseStatus.SUBMITTED.value, "version": 1, "submission_status": sub.status,
                  "created_at": now, "updated_at": now, **queue_columns(sub, self.rules)}
        if not self.db.is_sqlite:  # PostgreSQL: the same rows in one round trip (intake_pg)
            receipt = intake_pg.store_first(
                self.db, principal, sub, case=values, body_hash=body_hash,
                body_enc=self.cipher.encrypt(body, aad=body_aad(sub.case_id, 1)), rules=self.rules,
                now=now)
            return None if receipt is None else SubmitResult(receipt, created=True)
        refs = list(dict.fromkeys(ref for m in sub.materials for ref in (m.thumb_sha256, m.sha256) if ref))
        # Core statements on the tables (not the ORM entities): the ORM's bulk-insert machinery cost more
        # CPU than the rows themselves. Nothing here needs ORM objects.
        with self.db.write() as session:
            inserted = session.execute(_NEW_CASE[dialect.__name__], values).first()
            if inserted is None:
                return None
            receipt = SubmissionReceipt(case_id=sub.case_id, version=1, status=CaseStatus.SUBMITTED.value,
                                        received_at=now, missing_blobs=missing_blobs(session, refs))
            _start_review(session, sub, self.rules)
            session.execute(_INSERT[_VERSIONS], {
                "case_id": sub.case_id, "version": 1, "body_hash": body_hash,
                "body_enc": self.cipher.encrypt(body, aad=body_aad(sub.case_id, 1)),
                "receipt_json": receipt.model_dump_json(), "received_at": now,
                "submitted_by": principal.username, "device_id": principal.device_id})
            if refs:
                session.execute(_INSERT[_CASE_BLOBS],
                                [{"case_id": sub.case_id, "version": 1, "sha256": sha} for sha in refs])
            audit.record(session, principal, "case_submitted", case_id=sub.case_id,
                         detail=json.dumps({"version": 1, "materials": len(sub.materials)}))
            record_change(self.db, session, CaseRow(**values), "status",
                          {"submission_status": sub.status, "received_at": now.isoformat()}, at=now)
        return SubmitResult(receipt, created=True)

    def _advance_case(self, session: Session, sub: CaseSubmission, now: datetime,
                      case: CaseRow | None) -> CaseRow:
        if case is None:
            if sub.version != 1:
                raise _version_not_allowed("服务器上没有该案件的前一版本，请先提交第1版",
                                           "The server has no earlier version of this case; submit version 1")
            case = CaseRow(case_id=sub.case_id, township_code=sub.township_code, case_number=sub.case_number,
                           status=CaseStatus.SUBMITTED.value, version=1, submission_status=sub.status,
                           created_at=now, updated_at=now)
            session.add(case)
            return case
        if case.township_code != sub.township_code:
            raise ProblemError(403, ProblemCode.AUTH_FORBIDDEN_TOWNSHIP, "无权向其他乡镇的案件提交",
                               "The case belongs to another township")
        if sub.version != case.version + 1 or case.status != CaseStatus.RETURNED.value:
            raise _version_not_allowed(
                f"第{sub.version}版只能在区县退回第{sub.version - 1}版后提交",
                f"Version {sub.version} is accepted only after the district returned "
                f"version {sub.version - 1}")
        moved = session.execute(update(CaseRow).where(CaseRow.case_id == case.case_id,
                                                      CaseRow.version == case.version,
                                                      CaseRow.status == CaseStatus.RETURNED.value)
                                .values(version=sub.version, status=CaseStatus.SUBMITTED.value,
                                        submission_status=sub.status, case_number=sub.case_number,
                                        updated_at=now).execution_options(synchronize_session="fetch"))
        if moved.rowcount != 1:  # type: ignore[attr-defined]
            raise _version_not_allowed("案件状态已变化，请稍后重试", "The case changed meanwhile; try again")
        session.refresh(case)
        return case


@dataclass(frozen=True)
class _RememberedDueDates(ReviewRules):
    """The rules, with due dates remembered per (acceptance day, extended): walking the working-day
    calendar was ~10 % of a submission's CPU, and nearly every case of a day has the same answer. The
    rules and their calendar do not change while the service runs."""

    @classmethod
    def of(cls, rules: ReviewRules) -> ReviewRules:
        if isinstance(rules, cls):
            return rules
        return cls(**{f.name: getattr(rules, f.name) for f in fields(rules)})

    def due_dates(self, accepted_on: dt.date, extended: bool) -> tuple[dt.date, dt.date]:
        cache: dict[tuple[dt.date, bool], tuple[dt.date, dt.date]] = self.__dict__.setdefault("_due", {})
        due = cache.get((accepted_on, extended))
        if due is None:
            if len(cache) > 256:
                cache.clear()
            due = cache[accepted_on, extended] = super().due_dates(accepted_on, extended)
        return due


def _start_review(session: Session, sub: CaseSubmission, rules: ReviewRules) -> None:
    """review_state.on_submitted for a case with no review or 容缺 rows yet (version 1, just inserted):
    the same rows, without looking for existing ones. test_cases checks the two agree."""
    accepted_on, committed, legal = first_due_dates(sub, rules)
    session.execute(_INSERT[_REVIEWS], {"case_id": sub.case_id, "accepted_on": accepted_on,
                                         "committed_due": committed, "legal_due": legal})
    wanted = {item.slot: item for item in sub.deferred}
    if wanted:
        session.execute(_INSERT[_DEFERRED], [
            {"case_id": sub.case_id, "slot": slot, "due_date": item.due_date}
            for slot, item in wanted.items()])
