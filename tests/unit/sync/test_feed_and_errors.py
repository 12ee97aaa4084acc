"""Which local transitions a district status implies, and how server answers become clerk messages."""

from __future__ import annotations

import httpx
import pytest

from counter_app.domain.status import CaseStatus, Role, check_transition
from counter_app.store.outbox import ATTENTION, DELIVERED, WAITING, ItemSummary
from counter_app.sync.client import _error_for
from counter_app.sync.errors import LinkBroken, ProblemResponse, ServerBusy, rejection_for
from counter_app.sync.feed import plan_status
from counter_app.sync.protocol import PROBLEM_CONTENT_TYPE, Problem, ProblemCode, problem_type
from counter_app.sync.status import case_state, format_bytes

S = CaseStatus


@pytest.mark.parametrize(("current", "target", "expected"), [
    (S.QUEUED, S.SUBMITTED, [(S.SUBMITTED, Role.SYSTEM)]),
    (S.QUEUED, S.IN_REVIEW, [(S.SUBMITTED, Role.SYSTEM), (S.IN_REVIEW, Role.SYSTEM)]),
    (S.IN_REVIEW, S.APPROVED, [(S.APPROVED, Role.REVIEWER)]),
    (S.SUBMITTED, S.RETURNED, [(S.IN_REVIEW, Role.SYSTEM), (S.RETURNED, Role.REVIEWER)]),
    (S.APPROVED, S.LICENCE_DISPATCHED, [(S.LICENCE_DISPATCHED, Role.SYSTEM)]),
    (S.QUEUED, S.ACCEPTANCE_REVOKED, [(S.ACCEPTANCE_REVOKED, Role.SYSTEM)]),
    (S.SUBMITTED, S.SUBMITTED, []),
])
def test_plan_takes_the_shortest_district_path(current: CaseStatus, target: CaseStatus,
                                               expected: list[tuple[CaseStatus, Role]]) -> None:
    plan = plan_status(current, target)
    assert plan == expected
    for status, role in plan or []:
        check_transition(current, status, role)
        current = status


@pytest.mark.parametrize(("current", "target"), [
    (S.LICENCE_DISPATCHED, S.ARRIVED),  # the clerk records the arrival, not the district
    (S.APPROVED, S.SUBMITTED),  # backwards
    (S.COLLECTED, S.APPROVED),
    (S.DRAFT, S.SUBMITTED),  # never submitted from here
])
def test_plan_never_forces_what_the_district_may_not_do(current: CaseStatus, target: CaseStatus) -> None:
    assert plan_status(current, target) is None


def problem(status: int, code: str, **extra: object) -> ProblemResponse:
    body = Problem(type=problem_type(code), title="t", status=status, code=code, message_zh="服务器说明",
                   message_en="server says", **extra)  # type: ignore[arg-type]
    return ProblemResponse(status, body)


def test_an_invalid_case_lists_the_fields_and_says_what_to_do() -> None:
    errors = [{"path": f"operator.f{i}", "code": "x", "severity": "error", "message_zh": f"错误{i}",
               "message_en": f"error {i}"} for i in range(5)]
    rejected = rejection_for(problem(422, ProblemCode.CASE_INVALID, errors=errors))
    assert rejected.code == ProblemCode.CASE_INVALID
    assert "operator.f0：错误0" in rejected.message_zh and "共 5 处" in rejected.message_zh
    assert "重试" in rejected.message_zh and "operator.f2: error 2" in rejected.message_en


@pytest.mark.parametrize(("code", "words"), [
    (ProblemCode.CASE_VERSION_CONFLICT, "版本冲突"),
    (ProblemCode.AUTH_FORBIDDEN_TOWNSHIP, "乡镇"),
    (ProblemCode.BLOB_TOO_LARGE, "大小"),
    ("something.new", "区级审核服务拒绝了该案件"),
])
def test_refusals_are_explained_in_chinese(code: str, words: str) -> None:
    rejected = rejection_for(problem(409, code))
    assert words in rejected.message_zh and "服务器说明" in rejected.message_zh
    assert "。。" not in rejected.message_zh and rejected.message_en


def response(status: int, content: bytes = b"", headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, content=content, headers=headers or {},
                          request=httpx.Request("PUT", "http://district/v1/x"))


def test_server_answers_map_to_the_right_kind_of_error() -> None:
    busy = _error_for(response(429, headers={"Retry-After": "7"}))
    assert isinstance(busy, ServerBusy) and busy.retry_after == 7.0 and "7 秒" in busy.message_zh
    assert isinstance(_error_for(response(502)), ServerBusy)
    conflict = problem(409, ProblemCode.CASE_VERSION_CONFLICT).problem.model_dump_json().encode()
    mapped = _error_for(response(409, conflict, {"Content-Type": PROBLEM_CONTENT_TYPE}))
    assert isinstance(mapped, ProblemResponse) and mapped.problem.code == ProblemCode.CASE_VERSION_CONFLICT
    page = _error_for(response(404, b"<html>not here</html>"))
    assert isinstance(page, ProblemResponse) and page.problem.code == ProblemCode.HTTP_ERROR
    assert isinstance(_error_for(response(409, b"{truncated")), LinkBroken)


def summary(state: str, done: int, error: str | None = None) -> ItemSummary:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    return ItemSummary(item_id=1, case_id="c", version=1, state=state, phase="images", bytes_total=1000,
                       bytes_done=done, attempts=0, error_code=error, error_zh="原因" if error else None,
                       error_en="reason" if error else None, enqueued_at=now, updated_at=now,
                       delivered_at=None, server_status=None)


def test_case_state_labels() -> None:
    assert case_state(summary(WAITING, 0)).label_zh == "排队中"
    assert case_state(summary(WAITING, 0, "sync.offline")).label_zh == "等待重试"
    uploading = case_state(summary(WAITING, 420))
    assert uploading.label_zh == "正在上传 42%" and uploading.bytes_left == 580
    refused = case_state(summary(ATTENTION, 420, "case.invalid"))
    assert refused.can_retry and refused.detail_zh == "原因" and refused.label_en == "Needs attention"
    assert case_state(summary(DELIVERED, 1000)).state == "submitted"
    assert format_bytes(1_300_000) == "1.2 MB" and format_bytes(2048) == "2 KB" and format_bytes(5) == "5 B"


def test_waiting_cases_show_why_nothing_moves_when_everyone_is_held_up() -> None:
    held = case_state(summary(WAITING, 0), ("无法连接区级审核服务", "Cannot reach the district"))
    assert held.label_zh == "等待重试" and held.detail_zh == "无法连接区级审核服务"
    own = case_state(summary(ATTENTION, 0, "case.invalid"), ("无法连接", "offline"))
    assert own.detail_zh == "原因"  # a case's own reason wins
    assert case_state(summary(DELIVERED, 1000), ("无法连接", "offline")).detail_zh is None
