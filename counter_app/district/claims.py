"""The review queue and claims: who is working on which case.

A claim is an exclusive lock with an expiry, kept on the case's review row. Taking one locks the case
row first: on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED` (a row another reviewer is claiming right now
is skipped, never waited for, so two reviewers asking at once never both get it and never block each
other); on SQLite the write transaction (BEGIN IMMEDIATE) serialises claimers. An expired claim may be
taken over by anyone; the case stays "in_review" meanwhile.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.orm import Session, aliased

from counter_app.district import audit
from counter_app.district.auth import require_role
from counter_app.district.db import DistrictDb
from counter_app.district.feed import record_change
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.review_state import (
    ReviewRules,
    china_today,
    claim_info,
    ensure_review_row,
    review_state,
)
from counter_app.district.tables import CaseRow, DeferredRow, ReviewRow, User
from counter_app.domain.status import CaseStatus, Role
from counter_app.sync.protocol import ProblemCode
from counter_app.sync.review_protocol import QueueItem, QueuePage, ReviewProblemCode, ReviewState

OPEN_STATUSES = (CaseStatus.SUBMITTED.value, CaseStatus.IN_REVIEW.value)
# The partial indexes' predicate, word for word (tables.py), so PostgreSQL uses them in generic plans too.
_OPEN = text("cases.status IN ('submitted', 'in_review')")
# Any Select (rows or counts) gets the same WHERE clauses.
_Q = TypeVar("_Q", bound=Any)


def case_not_found() -> ProblemError:
    return ProblemError(404, ProblemCode.CASE_NOT_FOUND, "服务器上没有该案件", "No such case on the server")


def claimed_by_other(name: str) -> ProblemError:
    return ProblemError(409, ReviewProblemCode.CLAIMED_BY_OTHER, f"该案件正由{name}审核",
                        f"Another reviewer ({name}) holds this case", claimed_by=name)


def lock_case(session: Session, case_id: str, *, skip_locked: bool = False) -> CaseRow:
    """The case row, locked for this transaction. With `skip_locked` a row another transaction holds
    right now counts as claimed by someone else (PostgreSQL; SQLite already holds the write lock)."""
    query = select(CaseRow).where(CaseRow.case_id == case_id).with_for_update(skip_locked=skip_locked)
    case = session.scalars(query).first()
    if case is None:
        if skip_locked and session.get(CaseRow, case_id) is not None:
            raise claimed_by_other("其他审核员")
        raise case_not_found()
    return case


class ReviewQueue:
    def __init__(self, db: DistrictDb, rules: ReviewRules, claim_ttl: dt.timedelta) -> None:
        self.db = db
        self.rules = rules
        self.claim_ttl = claim_ttl

    # --- the queue ---------------------------------------------------------------------------------

    def _filtered(self, query: _Q, township: str | None, statuses: Sequence[str], deadline: str | None,
                  deferred: bool | None, today: dt.date) -> _Q:
        """Filters on `cases` alone (the due date and the 容缺 flag are copied there, migration 0007)."""
        if not statuses:
            query = query.where(_OPEN)  # the literal the partial indexes are declared with
        elif set(statuses) <= set(OPEN_STATUSES):
            # Open statuses only: also written out literally (they are our constants, never the caller's
            # text), so that PostgreSQL can prove the partial indexes' predicate even in a generic plan,
            # and with one predicate on status (not two) its row estimate stays right.
            listed = ", ".join(f"'{status}'" for status in OPEN_STATUSES if status in statuses)
            query = query.where(text(f"cases.status IN ({listed})"))
        else:
            query = query.where(CaseRow.status.in_(list(statuses)))
        if township:
            query = query.where(CaseRow.township_code == township)
        near = self.rules.calendar.add_working_days(today, 1).due
        if deadline == "past":
            query = query.where(CaseRow.queue_due < today)
        elif deadline == "near":
            query = query.where(CaseRow.queue_due >= today, CaseRow.queue_due <= near)
        elif deadline == "ok":
            query = query.where(CaseRow.queue_due > near)
        elif deadline is not None:
            raise ProblemError(422, ProblemCode.REQUEST_INVALID, "时限筛选只能是 past、near 或 ok",
                               "deadline must be past, near or ok")
        if deferred is not None:  # the bare column (not IS TRUE): the form the partial index names
            query = query.where(CaseRow.deferred_outstanding if deferred else ~CaseRow.deferred_outstanding)
        return query

    def listing(self, principal: Principal, *, township: str | None = None, statuses: Sequence[str] = (),
             deadline: str | None = None, deferred: bool | None = None, limit: int = 100,
             offset: int = 0) -> QueuePage:
        require_role(principal, Role.REVIEWER, Role.ADMIN)
        today, now = china_today(), datetime.now(UTC)
        # The page: the first rows of one partial index in the queue's order, each joined to its review
        # row by key. Every case has a review row (the intake and migration 0002 make them).
        base = select(CaseRow, ReviewRow).join(ReviewRow, ReviewRow.case_id == CaseRow.case_id)
        with self.db.read() as session:
            query = self._filtered(base, township, statuses, deadline, deferred, today)
            ordered = query.order_by(CaseRow.queue_due, CaseRow.case_id).limit(limit).offset(offset)
            rows: list[Any] = list(session.execute(ordered).all())
            # Exact counts: an index-only scan of the same range (open cases only, ~10,000 on a big
            # district, a few ms), so the reviewer sees how far behind the township really is.
            count_query = self._filtered(select(CaseRow.status, func.count()), township, statuses, deadline,
                                         deferred, today).group_by(CaseRow.status)
            counts = {str(status): int(n) for status, n in session.execute(count_query).all()}
            # The slots only of the cases flagged as waiting for 容缺 items (most pages: none to look up).
            ids = [case.case_id for case, _ in rows if case.deferred_outstanding]
            pending: dict[str, list[str]] = {}
            if ids:
                for case_id, slot in session.execute(select(DeferredRow.case_id, DeferredRow.slot).where(
                        DeferredRow.case_id.in_(ids), DeferredRow.supplied_sha256.is_(None))
                        .order_by(DeferredRow.slot)):
                    pending.setdefault(case_id, []).append(slot)
            # Calendar walks are the slow part of a page; a page has few distinct due dates.
            dues = {review.committed_due for _, review in rows}
            left = {due: self.rules.days_left(due, today) for due in dues}
            items = [self._item(case, review, pending.get(case.case_id, []), left[review.committed_due], now)
                     for case, review in rows]
        return QueuePage(items=items, total=sum(counts.values()), counts=counts)

    def _item(self, case: CaseRow, review: ReviewRow, pending: list[str], left: int,
              now: datetime) -> QueueItem:
        active = review.claimed_by is not None and review.claim_expires_at is not None \
            and review.claim_expires_at > now
        return QueueItem(case_id=case.case_id, case_number=case.case_number, township_code=case.township_code,
                         version=case.version, status=case.status, received_at=case.updated_at,
                         accepted_on=review.accepted_on, committed_due=review.committed_due,
                         legal_due=review.legal_due, extended=review.extension_reason is not None,
                         working_days_left=left, deadline_flag=self.rules.flag_for(left),
                         deferred_outstanding=pending, claimed_by=review.claimed_by if active else None,
                         claim_expires_at=review.claim_expires_at if active else None)

    # --- claims ------------------------------------------------------------------------------------

    def claim(self, principal: Principal, case_id: str) -> ReviewState:
        require_role(principal, Role.REVIEWER)
        with self.db.write() as session:
            case = lock_case(session, case_id, skip_locked=True)
            return self._take(session, principal, case, principal.username)

    def claim_next(self, principal: Principal, *, township: str | None = None) -> ReviewState:
        """The claimable case with the least time left (unclaimed or claim expired; never one the caller
        already holds, so calling it again after a decision or a skip gives the next case).

        The pick locks both the case and its review row (FOR UPDATE OF both, SKIP LOCKED). That matters
        when another reviewer's claim of the same case commits between this statement's snapshot and its
        lock: PostgreSQL then re-checks the WHERE clause against the newest versions of the *locked* rows
        only. Locking just the case row let the stale "unclaimed" review row pass, and the fresh read that
        followed answered a spurious 409 "claimed by another reviewer". With both locked the re-check sees
        the claim and the scan moves on to the next case (the retry happens inside the statement).

        Round trips are most of a claim's cost, so the pick and the claim are one statement (UPDATE …
        WHERE case_id = (the pick) RETURNING), and the status change a second one that returns the case."""
        require_role(principal, Role.REVIEWER)
        now = datetime.now(UTC)
        review = aliased(ReviewRow)  # the pick's own review_cases, not correlated with the UPDATE's
        pick = (select(CaseRow.case_id).join(review, review.case_id == CaseRow.case_id)
                .where(_OPEN, or_(review.claimed_by.is_(None), review.claim_expires_at <= now))
                .order_by(CaseRow.queue_due, CaseRow.case_id)
                .limit(1).with_for_update(skip_locked=True, of=[CaseRow, review]))
        if township:
            pick = pick.where(CaseRow.township_code == township)
        with self.db.write() as session:
            claimed = {"claimed_by": principal.username, "claim_expires_at": now + self.claim_ttl}
            row = session.scalars(update(ReviewRow).where(ReviewRow.case_id == pick.scalar_subquery())
                                  .values(**claimed).returning(ReviewRow)).first()
            if row is None:
                raise ProblemError(404, ReviewProblemCode.NOTHING_TO_CLAIM, "队列中暂无可领取的案件",
                                   "No case in the queue can be claimed")
            case = session.scalars(update(CaseRow).where(CaseRow.case_id == row.case_id,
                                                         CaseRow.status == CaseStatus.SUBMITTED.value)
                                   .values(status=CaseStatus.IN_REVIEW.value, updated_at=now)
                                   .returning(CaseRow)).first()
            started = case is not None
            if case is None:  # an expired claim taken over: the case is in review already
                case = session.get(CaseRow, row.case_id)
                assert case is not None
            audit.record(session, principal, "case_claim", case_id=case.case_id,
                         detail=json.dumps({"claimed_by": principal.username}))
            if started:
                record_change(self.db, session, case, "status", {"reason": "开始审核"}, at=now)
            return review_state(session, case, row, known=(principal.username, principal.display_name))

    def _take(self, session: Session, actor: Principal, case: CaseRow, username: str) -> ReviewState:
        now = datetime.now(UTC)
        row = ensure_review_row(session, case, self.rules)
        holder = claim_info(session, row, now)
        if holder is not None and holder.claimed_by != username and actor.role is not Role.ADMIN:
            raise claimed_by_other(holder.claimed_by_name)
        if case.status not in OPEN_STATUSES:
            raise ProblemError(409, ProblemCode.CASE_TRANSITION_NOT_ALLOWED, "该案件不在待审核状态，不能领取",
                               f"A case in status {case.status} cannot be claimed")
        row.claimed_by, row.claim_expires_at = username, now + self.claim_ttl
        audit.record(session, actor, "case_claim", case_id=case.case_id,
                     detail=json.dumps({"claimed_by": username}))
        if case.status == CaseStatus.SUBMITTED.value:
            case.status, case.updated_at = CaseStatus.IN_REVIEW.value, now
            record_change(self.db, session, case, "status", {"reason": "开始审核"}, at=now)
        session.flush()
        known = (actor.username, actor.display_name) if username == actor.username else None
        return review_state(session, case, row, known=known)

    def release(self, principal: Principal, case_id: str) -> ReviewState:
        require_role(principal, Role.REVIEWER)
        now = datetime.now(UTC)
        with self.db.write() as session:
            case = lock_case(session, case_id)
            row = ensure_review_row(session, case, self.rules)
            holder = claim_info(session, row, now)
            if holder is None or holder.claimed_by != principal.username:
                raise ProblemError(409, ReviewProblemCode.CLAIM_REQUIRED, "您未领取该案件，无需释放",
                                   "You do not hold this case")
            row.claimed_by = row.claim_expires_at = None
            audit.record(session, principal, "case_release", case_id=case_id)
            if case.status == CaseStatus.IN_REVIEW.value:
                case.status, case.updated_at = CaseStatus.SUBMITTED.value, now
                record_change(self.db, session, case, "status", {"reason": "释放审核"}, at=now)
            session.flush()
            return review_state(session, case, row)

    def reassign(self, principal: Principal, case_id: str, username: str) -> ReviewState:
        """Administrators move a case to another reviewer (e.g. one who is away)."""
        require_role(principal, Role.ADMIN)
        with self.db.write() as session:
            target = session.scalars(select(User).where(User.username == username)).first()
            if target is None or not target.active or target.role != Role.REVIEWER.value:
                raise ProblemError(422, ReviewProblemCode.USER_NOT_REVIEWER,
                                   f"“{username}”不是可用的审核员账号",
                                   f"{username!r} is not an active reviewer")
            case = lock_case(session, case_id)
            return self._take(session, principal, case, username)

    def require_claim(self, session: Session, principal: Principal,
                      case_id: str) -> tuple[CaseRow, ReviewRow]:
        """For a decision: the case locked, in review, and claimed by the caller (claim not expired)."""
        case = lock_case(session, case_id)
        row = ensure_review_row(session, case, self.rules)
        holder = claim_info(session, row, datetime.now(UTC))
        if case.status != CaseStatus.IN_REVIEW.value or holder is None \
                or holder.claimed_by != principal.username:
            if holder is not None and holder.claimed_by != principal.username:
                raise claimed_by_other(holder.claimed_by_name)
            raise ProblemError(409, ReviewProblemCode.CLAIM_REQUIRED, "请先领取该案件再作出决定",
                               "Claim the case before deciding")
        return case, row
