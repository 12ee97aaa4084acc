"""The case status machine of domain.md §1, and which role may make each transition."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from counter_app.errors import UserFacingError


class Role(enum.StrEnum):
    CLERK = "clerk"  # 窗口受理员, township
    REVIEWER = "reviewer"  # 审核员, district
    ADMIN = "admin"  # 管理员, district: users and settings, no case decisions
    SYSTEM = "system"  # the sync engine and scheduled jobs (deadline expiry), never a person


class CaseStatus(enum.StrEnum):
    DRAFT = "draft"
    PRE_REVIEWED = "pre_reviewed"
    ACCEPTED = "accepted"
    ACCEPTED_WITH_DEFERRALS = "accepted_with_deferrals"
    QUEUED = "queued"  # in the counter's outbox
    SUBMITTED = "submitted"  # the district has it
    IN_REVIEW = "in_review"
    RETURNED = "returned"
    REFUSED = "refused"
    APPROVED = "approved"
    LICENCE_DISPATCHED = "licence_dispatched"
    ARRIVED = "arrived"  # licence at the township, waiting for pickup
    COLLECTED = "collected"
    WITHDRAWN = "withdrawn"
    ACCEPTANCE_REVOKED = "acceptance_revoked"


STATUS_LABELS: dict[CaseStatus, tuple[str, str]] = {
    CaseStatus.DRAFT: ("草稿", "Draft"),
    CaseStatus.PRE_REVIEWED: ("已初审", "Pre-reviewed"),
    CaseStatus.ACCEPTED: ("已受理", "Accepted"),
    CaseStatus.ACCEPTED_WITH_DEFERRALS: ("容缺受理", "Accepted with deferrals"),
    CaseStatus.QUEUED: ("待上传", "Queued for upload"),
    CaseStatus.SUBMITTED: ("已提交", "Submitted"),
    CaseStatus.IN_REVIEW: ("审核中", "In review"),
    CaseStatus.RETURNED: ("退回补正", "Returned for correction"),
    CaseStatus.REFUSED: ("不予登记", "Refused"),
    CaseStatus.APPROVED: ("已核准", "Approved"),
    CaseStatus.LICENCE_DISPATCHED: ("执照已寄出", "Licence dispatched"),
    CaseStatus.ARRIVED: ("待领取", "Awaiting pickup"),
    CaseStatus.COLLECTED: ("已领取", "Collected"),
    CaseStatus.WITHDRAWN: ("已撤回", "Withdrawn"),
    CaseStatus.ACCEPTANCE_REVOKED: ("撤销受理", "Acceptance revoked"),
}

TERMINAL_STATUSES = frozenset({CaseStatus.COLLECTED, CaseStatus.REFUSED, CaseStatus.WITHDRAWN,
                               CaseStatus.ACCEPTANCE_REVOKED})

# Statuses in which the counter may still change the application data.
EDITABLE_STATUSES = frozenset({CaseStatus.DRAFT, CaseStatus.PRE_REVIEWED, CaseStatus.RETURNED})


class IllegalTransition(UserFacingError):
    """Raised for a transition the status machine does not allow, or a role that may not make it."""

    def __init__(self, current: CaseStatus, target: CaseStatus, role: Role, reason_zh: str,
                 reason_en: str = "") -> None:
        super().__init__(reason_zh, reason_en or
                         f"A case cannot go from {STATUS_LABELS[current][1]} to {STATUS_LABELS[target][1]}")
        self.current, self.target, self.role = current, target, role

    def __str__(self) -> str:
        return f"{self.current.value} -> {self.target.value} by {self.role.value}: {self.message_en}"


@dataclass(frozen=True)
class Transition:
    source: CaseStatus
    target: CaseStatus
    roles: frozenset[Role]
    label_zh: str


def _t(source: CaseStatus, target: CaseStatus, roles: set[Role], label_zh: str) -> Transition:
    return Transition(source, target, frozenset(roles), label_zh)


S, R = CaseStatus, Role
TRANSITIONS: tuple[Transition, ...] = (
    _t(S.DRAFT, S.PRE_REVIEWED, {R.CLERK}, "初审通过"),
    _t(S.PRE_REVIEWED, S.DRAFT, {R.CLERK}, "退回修改"),
    _t(S.PRE_REVIEWED, S.ACCEPTED, {R.CLERK}, "受理"),
    _t(S.PRE_REVIEWED, S.ACCEPTED_WITH_DEFERRALS, {R.CLERK}, "容缺受理"),
    _t(S.ACCEPTED, S.QUEUED, {R.CLERK}, "提交"),
    _t(S.ACCEPTED_WITH_DEFERRALS, S.QUEUED, {R.CLERK}, "提交"),
    _t(S.QUEUED, S.SUBMITTED, {R.SYSTEM}, "上传完成"),
    _t(S.SUBMITTED, S.IN_REVIEW, {R.REVIEWER, R.SYSTEM}, "开始审核"),
    _t(S.IN_REVIEW, S.SUBMITTED, {R.REVIEWER, R.SYSTEM}, "释放审核"),
    _t(S.IN_REVIEW, S.APPROVED, {R.REVIEWER}, "核准"),
    _t(S.IN_REVIEW, S.RETURNED, {R.REVIEWER}, "退回补正"),
    _t(S.IN_REVIEW, S.REFUSED, {R.REVIEWER}, "不予登记"),
    # Corrected at the counter and sent again as version n+1 (counter_app.services.corrections): the case
    # was accepted before, so it is not accepted a second time. This is the only way back to the district:
    # a returned case stays "returned" while it is corrected (it is editable as such) and has no edge to
    # draft or pre-reviewed, from where 受理 + 提交 would send version n again (the district answers 409).
    _t(S.RETURNED, S.QUEUED, {R.CLERK}, "补正后重新提交"),
    _t(S.APPROVED, S.LICENCE_DISPATCHED, {R.REVIEWER, R.SYSTEM}, "执照寄出"),
    _t(S.LICENCE_DISPATCHED, S.ARRIVED, {R.CLERK}, "执照到达"),
    _t(S.ARRIVED, S.COLLECTED, {R.CLERK}, "领取"),
    # The applicant may withdraw any case not yet decided.
    *(_t(s, S.WITHDRAWN, {R.CLERK}, "撤回申请") for s in (
        S.DRAFT, S.PRE_REVIEWED, S.ACCEPTED, S.ACCEPTED_WITH_DEFERRALS, S.QUEUED, S.RETURNED)),
    # Deferred items not supplied by their deadline (domain.md §6): the district or the deadline job.
    *(_t(s, S.ACCEPTANCE_REVOKED, {R.REVIEWER, R.SYSTEM}, "逾期未补齐，撤销受理") for s in (
        S.ACCEPTED_WITH_DEFERRALS, S.QUEUED, S.SUBMITTED, S.IN_REVIEW)),
)
del S, R

_BY_EDGE: dict[tuple[CaseStatus, CaseStatus], Transition] = {(t.source, t.target): t for t in TRANSITIONS}


def allowed_targets(current: CaseStatus, role: Role) -> list[CaseStatus]:
    """Statuses `role` may move a case to from `current`, in table order."""
    return [t.target for t in TRANSITIONS if t.source is current and role in t.roles]


def check_transition(current: CaseStatus, target: CaseStatus, role: Role) -> Transition:
    """Return the transition, or raise IllegalTransition with a Chinese reason."""
    transition = _BY_EDGE.get((current, target))
    cur_zh, tgt_zh = STATUS_LABELS[current][0], STATUS_LABELS[target][0]
    cur_en, tgt_en = STATUS_LABELS[current][1], STATUS_LABELS[target][1]
    if transition is None:
        raise IllegalTransition(current, target, role, f"案件不能从“{cur_zh}”变为“{tgt_zh}”",
                                f"A case cannot go from {cur_en} to {tgt_en}")
    if role not in transition.roles:
        raise IllegalTransition(current, target, role,
                                f"当前角色无权将案件从“{cur_zh}”变为“{tgt_zh}”",
                                f"This role may not move a case from {cur_en} to {tgt_en}")
    return transition
