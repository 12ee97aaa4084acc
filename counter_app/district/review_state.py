"""The review side of a case: due dates from the acceptance day, 容缺 items, and the ReviewState answer.

Due dates are stored (not computed per request) so the queue filters and sorts by them in SQL. They count
from the day the counter accepted the case, in China time (a case that spent days in an offline outbox
has used those days); a resubmission after a return restarts the count (domain.md §1: it restarts
review).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, CompoundSelect, Integer, Text, cast, literal, null, select, union_all
from sqlalchemy.orm import Session

from counter_app.district.tables import CaseRow, DecisionRow, DeferredRow, ReviewRow, User
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.deadlines import EXTENSION_DAYS, LEGAL_DAYS, compute_deadlines
from counter_app.sync.protocol import CaseSubmission
from counter_app.sync.review_protocol import (
    ClaimInfo,
    DeadlineFlag,
    DecisionRecord,
    ReturnPhrase,
    ReviewState,
    SuppliedDeferred,
)

CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
NEAR_WORKING_DAYS = 1  # "near the deadline": due today or on the next working day

DEFAULT_RETURN_PHRASES: tuple[tuple[str, str, str], ...] = (
    ("illegible", "材料不清晰，请重新拍摄或扫描", "The material is not legible; capture it again"),
    ("missing_signature", "缺少申请人签字", "The applicant's signature is missing"),
    ("inconsistent", "与其他材料或证件信息不一致", "Does not match the other materials or the ID"),
    ("incomplete", "填写不完整", "Incomplete"),
    ("invalid_document", "证件无效或已过有效期", "The document is invalid or expired"),
    ("name_not_allowed", "名称不符合名称登记规定", "The name does not meet the naming rules"),
    ("scope_not_allowed", "经营范围表述不规范", "The business scope is not in the standard wording"),
    ("premises_proof", "经营场所证明材料不符合要求", "The premises proof does not meet the requirements"),
    ("other", "其他（见说明）", "Other (see the note)"),
)

# domain.md §1: a refusal notice states the reasons and the remedies.
REMEDIES_ZH = ("申请人如对本决定不服，可以自收到本通知之日起六十日内依法申请行政复议，"
               "或者在六个月内依法向人民法院提起行政诉讼。")
REMEDIES_EN = ("If the applicant disagrees with this decision, they may apply for administrative review "
               "within 60 days of receiving this notice, or bring an administrative lawsuit before a "
               "people's court within 6 months.")


def china_today(now: datetime | None = None) -> dt.date:
    return (now or datetime.now(UTC)).astimezone(CHINA).date()


@dataclass(frozen=True)
class ReviewRules:
    calendar: WorkingCalendar
    committed_days: int
    phrases: tuple[tuple[str, str, str], ...]

    def phrase_codes(self) -> frozenset[str]:
        return frozenset(code for code, _zh, _en in self.phrases)

    def phrase_list(self) -> list[ReturnPhrase]:
        return [ReturnPhrase(code=c, text_zh=zh, text_en=en) for c, zh, en in self.phrases]

    def due_dates(self, accepted_on: dt.date, extended: bool) -> tuple[dt.date, dt.date]:
        """(committed due, legal due) for a case accepted on `accepted_on`."""
        deadlines = compute_deadlines(accepted_on, self.calendar, committed_days=self.committed_days)
        legal = deadlines.extended_legal_due if extended else deadlines.legal_due
        return deadlines.committed_due, legal

    def days_left(self, due: dt.date, today: dt.date) -> int:
        """Working days from today to `due` (0 = due today); negative once past."""
        if due >= today:
            return self.calendar.working_days_between(today, due).days
        return -max(1, self.calendar.working_days_between(due, today).days)

    def flag(self, due: dt.date, today: dt.date) -> DeadlineFlag:
        return self.flag_for(self.days_left(due, today))

    @staticmethod
    def flag_for(left: int) -> DeadlineFlag:
        if left < 0:
            return "past"
        return "near" if left <= NEAR_WORKING_DAYS else "ok"


def first_due_dates(submission: CaseSubmission, rules: ReviewRules) -> tuple[dt.date, dt.date, dt.date]:
    """(accepted on, committed due, legal due) of a submission: the clock starts on the day the counter
    accepted the case, in China time."""
    accepted_on = min(submission.submitted_at.astimezone(CHINA).date(), china_today())
    return accepted_on, *rules.due_dates(accepted_on, extended=False)


def queue_columns(submission: CaseSubmission, rules: ReviewRules) -> dict[str, Any]:
    """The queue's copies on a new case row (version 1, nothing supplied yet): for an intake that inserts
    the row itself instead of calling on_submitted."""
    return {"queue_due": first_due_dates(submission, rules)[1],
            "deferred_outstanding": bool(submission.deferred)}


def on_submitted(session: Session, case: CaseRow, submission: CaseSubmission, rules: ReviewRules) -> None:
    """Called by the intake in the submitting transaction: (re)start the review clock and record the
    version's 容缺 items (items already supplied for the same slot stay supplied)."""
    accepted_on, committed, legal = first_due_dates(submission, rules)
    row = session.get(ReviewRow, case.case_id)
    if row is None:
        session.add(ReviewRow(case_id=case.case_id, accepted_on=accepted_on, committed_due=committed,
                              legal_due=legal))
    else:
        row.accepted_on, row.committed_due, row.legal_due = accepted_on, committed, legal
        row.extension_reason = None
        row.claimed_by = row.claim_expires_at = None
    existing = {d.slot: d for d in session.scalars(select(DeferredRow).where(
        DeferredRow.case_id == case.case_id))}
    wanted = {item.slot: item for item in submission.deferred}
    for slot, old in existing.items():
        if slot not in wanted:
            session.delete(old)
    for slot, item in wanted.items():
        if slot in existing:
            existing[slot].due_date = item.due_date
        else:
            session.add(DeferredRow(case_id=case.case_id, slot=slot, due_date=item.due_date))
    case.queue_due = committed
    case.deferred_outstanding = any(slot not in existing or existing[slot].supplied_sha256 is None
                                    for slot in wanted)


def ensure_review_row(session: Session, case: CaseRow, rules: ReviewRules) -> ReviewRow:
    """The case's review row; a case stored before the review workspace existed gets one from its
    first receipt."""
    row = session.get(ReviewRow, case.case_id)
    if row is None:
        accepted_on = china_today(case.updated_at)
        committed, legal = rules.due_dates(accepted_on, extended=False)
        row = ReviewRow(case_id=case.case_id, accepted_on=accepted_on, committed_due=committed,
                        legal_due=legal)
        session.add(row)
        case.queue_due = committed
        session.flush()
    return row


def mark_supplied(session: Session, case: CaseRow, item: DeferredRow, sha256: str, at: datetime) -> list[str]:
    """Record a 容缺 item as supplied; the slots still outstanding (the queue's flag follows them)."""
    item.supplied_sha256, item.supplied_at = sha256, at
    session.flush()
    pending = outstanding_slots(session, case.case_id)
    case.deferred_outstanding = bool(pending)
    return pending


def outstanding_slots(session: Session, case_id: str) -> list[str]:
    return list(session.scalars(select(DeferredRow.slot).where(
        DeferredRow.case_id == case_id, DeferredRow.supplied_sha256.is_(None)).order_by(DeferredRow.slot)))


def claim_info(session: Session, row: ReviewRow, now: datetime, *,
               known: tuple[str, str] | None = None) -> ClaimInfo | None:
    """The unexpired claim on the case, if any. `known` = (username, display name) of a user the caller
    already has (e.g. the claimer itself), to spare looking the name up."""
    if row.claimed_by is None or row.claim_expires_at is None or row.claim_expires_at <= now:
        return None
    if known is not None and known[0] == row.claimed_by:
        name: str | None = known[1]
    else:
        name = session.scalar(select(User.display_name).where(User.username == row.claimed_by))
    return ClaimInfo(case_id=row.case_id, claimed_by=row.claimed_by, claimed_by_name=name or row.claimed_by,
                     claim_expires_at=row.claim_expires_at)


def review_state(session: Session, case: CaseRow, row: ReviewRow, *,
                 known: tuple[str, str] | None = None) -> ReviewState:
    """The case's review state. `known`: see claim_info."""
    decisions: list[DecisionRecord] = []
    outstanding: list[str] = []
    supplied: list[SuppliedDeferred] = []
    # Decisions and 容缺 items in one round trip (a claim answers with this state; round trips are most
    # of its cost): decisions by id, then items by slot.
    d, f = DecisionRow, DeferredRow
    both: CompoundSelect[Any] = union_all(
        select(literal("d").label("k"), d.id.label("n"), d.outcome.label("a"), d.reviewer.label("b"),
               d.version.label("v"), d.at.label("t"), d.data_json.label("x"))
        .where(d.case_id == case.case_id),
        select(literal("f"), cast(null(), BigInteger), f.slot, f.supplied_sha256, cast(null(), Integer),
               f.supplied_at, cast(null(), Text)).where(f.case_id == case.case_id))
    for kind, _n, a, b, version, at, data in session.execute(both.order_by("k", "n", "a")):
        if kind == "d":
            decisions.append(DecisionRecord(outcome=a, version=version, reviewer=b, at=at,
                                            data=json.loads(data or "{}")))
        elif b is None:
            outstanding.append(a)
        else:
            supplied.append(SuppliedDeferred(slot=a, sha256=b, supplied_at=at))
    return ReviewState(case_id=case.case_id, status=case.status, version=case.version,
                       accepted_on=row.accepted_on, committed_due=row.committed_due, legal_due=row.legal_due,
                       extended=row.extension_reason is not None,
                       extension_reason=row.extension_reason or "",
                       deferred_outstanding=outstanding, deferred_supplied=supplied,
                       claim=claim_info(session, row, datetime.now(UTC), known=known), uscc=row.uscc,
                       licence_number=row.licence_number, approval_date=row.approval_date,
                       decisions=decisions)


__all__ = ["DEFAULT_RETURN_PHRASES", "EXTENSION_DAYS", "LEGAL_DAYS", "REMEDIES_EN", "REMEDIES_ZH",
           "ReviewRules", "china_today", "claim_info", "ensure_review_row", "first_due_dates",
           "mark_supplied", "on_submitted", "outstanding_slots", "queue_columns", "review_state"]
