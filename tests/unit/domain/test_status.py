from __future__ import annotations

import pytest

from counter_app.domain.status import (
    STATUS_LABELS,
    TRANSITIONS,
    CaseStatus,
    IllegalTransition,
    Role,
    allowed_targets,
    check_transition,
)

HAPPY_PATH = [
    (CaseStatus.DRAFT, CaseStatus.PRE_REVIEWED, Role.CLERK),
    (CaseStatus.PRE_REVIEWED, CaseStatus.ACCEPTED, Role.CLERK),
    (CaseStatus.ACCEPTED, CaseStatus.QUEUED, Role.CLERK),
    (CaseStatus.QUEUED, CaseStatus.SUBMITTED, Role.SYSTEM),
    (CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, Role.REVIEWER),
    (CaseStatus.IN_REVIEW, CaseStatus.APPROVED, Role.REVIEWER),
    (CaseStatus.APPROVED, CaseStatus.LICENCE_DISPATCHED, Role.REVIEWER),
    (CaseStatus.LICENCE_DISPATCHED, CaseStatus.ARRIVED, Role.CLERK),
    (CaseStatus.ARRIVED, CaseStatus.COLLECTED, Role.CLERK),
]


@pytest.mark.parametrize(("source", "target", "role"), HAPPY_PATH)
def test_the_whole_happy_path_is_allowed(source: CaseStatus, target: CaseStatus, role: Role) -> None:
    assert check_transition(source, target, role).target is target


def test_every_status_has_labels_and_is_reachable_from_draft() -> None:
    assert set(STATUS_LABELS) == set(CaseStatus)
    reachable, frontier = {CaseStatus.DRAFT}, [CaseStatus.DRAFT]
    while frontier:
        current = frontier.pop()
        for t in TRANSITIONS:
            if t.source is current and t.target not in reachable:
                reachable.add(t.target)
                frontier.append(t.target)
    assert reachable == set(CaseStatus)


@pytest.mark.parametrize(("source", "target"), [
    (CaseStatus.DRAFT, CaseStatus.APPROVED),
    (CaseStatus.COLLECTED, CaseStatus.DRAFT),
    (CaseStatus.REFUSED, CaseStatus.APPROVED),
    (CaseStatus.DRAFT, CaseStatus.SUBMITTED),
])
def test_illegal_transitions_raise_with_a_chinese_reason(source: CaseStatus, target: CaseStatus) -> None:
    with pytest.raises(IllegalTransition) as info:
        check_transition(source, target, Role.CLERK)
    assert "不能从" in info.value.message_zh


@pytest.mark.parametrize(("source", "target", "role"), [
    (CaseStatus.IN_REVIEW, CaseStatus.APPROVED, Role.CLERK),  # clerks never decide
    (CaseStatus.IN_REVIEW, CaseStatus.APPROVED, Role.ADMIN),  # administrators make no case decisions
    (CaseStatus.DRAFT, CaseStatus.PRE_REVIEWED, Role.REVIEWER),  # reviewers cannot edit case data
    (CaseStatus.ARRIVED, CaseStatus.COLLECTED, Role.REVIEWER),
])
def test_roles_are_enforced(source: CaseStatus, target: CaseStatus, role: Role) -> None:
    with pytest.raises(IllegalTransition) as info:
        check_transition(source, target, role)
    assert "无权" in info.value.message_zh


def test_terminal_statuses_lead_nowhere() -> None:
    for status in (CaseStatus.COLLECTED, CaseStatus.REFUSED, CaseStatus.WITHDRAWN,
                   CaseStatus.ACCEPTANCE_REVOKED):
        for role in Role:
            assert allowed_targets(status, role) == []


def test_a_returned_case_goes_back_to_the_counter() -> None:
    # Only as its next version (补正后重新提交) or withdrawn: never 初审/受理 again to resend version n.
    assert set(allowed_targets(CaseStatus.RETURNED, Role.CLERK)) == {CaseStatus.QUEUED, CaseStatus.WITHDRAWN}
    with pytest.raises(IllegalTransition):
        check_transition(CaseStatus.RETURNED, CaseStatus.PRE_REVIEWED, Role.CLERK)
