"""(4) Replayed and conflicting submissions get the right answers, at the protocol level and through the
outbox: a lost answer is replayed and recognised, a different body under the same version is a conflict
that waits for a person (with a Chinese reason), an invalid case is refused with its field errors."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from counter_app.district.embedded import EmbeddedDistrict
from counter_app.domain.status import CaseStatus
from counter_app.store.repository import CaseRecord
from counter_app.sync.errors import ProblemResponse
from counter_app.sync.protocol import CaseSubmission, ProblemCode, canonical_json
from tests.integration.sync.helpers import Counter, accepted_case
from tests.integration.sync.server_view import server_view
from tests.support.fault_proxy import FaultProxy


def frozen_payload(counter: Counter, case_id: str) -> bytes:
    item_id = counter.context.outbox.summaries([case_id])[case_id].item_id
    item = counter.context.outbox.item(item_id)
    assert item is not None
    return item.payload


def test_replay_is_answered_with_the_stored_receipt_and_a_different_body_is_a_conflict(
        district: EmbeddedDistrict, make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url)
    case_id = accepted_case(counter, [])
    counter.context.submissions.submit(case_id)
    body = frozen_payload(counter, case_id)
    client, auth = counter.sync.client, counter.sync.sessions.credentials()

    first, created = client.put_case(auth, case_id, 1, body)
    again, created_again = client.put_case(auth, case_id, 1, body)
    assert (created, created_again) == (True, False)
    assert again == first  # the identical stored answer, received_at included

    changed = CaseSubmission.model_validate_json(body)
    changed.application["business_name"] = "攀枝花市仁和区另一家小吃店"
    with pytest.raises(ProblemResponse) as conflict:
        client.put_case(auth, case_id, 1, canonical_json(changed.model_dump(mode="json")))
    assert conflict.value.status == 409
    assert conflict.value.problem.code == ProblemCode.CASE_VERSION_CONFLICT
    assert "不同" in conflict.value.problem.message_zh

    later = changed.model_copy(update={"version": 3})
    with pytest.raises(ProblemResponse) as too_early:
        client.put_case(auth, case_id, 3, canonical_json(later.model_dump(mode="json")))
    assert too_early.value.problem.code == ProblemCode.CASE_VERSION_NOT_ALLOWED
    assert server_view(district.settings).versions[case_id] == 1


def test_an_answer_lost_on_the_way_back_is_replayed_and_the_case_arrives_once(
        district: EmbeddedDistrict, make_proxy: Callable[..., FaultProxy],
        make_counter: Callable[..., Counter]) -> None:
    proxy = make_proxy()
    counter = make_counter(proxy.url)
    counter.sync.sessions.credentials()  # registered and signed in before the faults
    case_id = accepted_case(counter, [])
    counter.context.submissions.submit(case_id)
    proxy.plan(("drop", 10**9))  # the case PUT gets through whole; its answer never comes back

    status = counter.sync.run_until_idle(timeout=20)

    assert status.waiting == 0 and proxy.stats.faults["drop"] == 1
    received = [e for e in counter.context.audit.events(case_id=case_id) if e.action == "case.sync_received"]
    assert [e.detail["replay"] for e in received] == [True]  # the first answer was lost, the replay seen
    assert counter.repository.get(case_id).status is CaseStatus.SUBMITTED  # type: ignore[union-attr]
    view = server_view(district.settings)
    assert view.versions[case_id] == 1 and view.submitted_changes[case_id] == 1


def test_a_conflicting_copy_of_a_case_waits_for_a_person_with_the_reason_in_chinese(
        district: EmbeddedDistrict, make_counter: Callable[..., Counter]) -> None:
    first = make_counter(district.base_url, name="first")
    case_id = accepted_case(first, [])
    first.context.submissions.submit(case_id)
    assert first.sync.run_until_idle(timeout=20).waiting == 0

    # A second PC holds the same case (restored from a backup) with a different business name.
    second = make_counter(district.base_url, name="second")
    original = first.repository.get(case_id)
    assert original is not None
    application = dataclasses.replace(original.application, business_name="攀枝花市仁和区张三饭店")
    now = datetime.now(UTC)
    second.repository.create(CaseRecord(
        case_id=case_id, case_number=second.repository.next_case_number("510411001-01", now.date()),
        township_code=original.township_code, status=CaseStatus.ACCEPTED, version=1,
        application=application, created_at=now, updated_at=now, created_by="clerk"))
    second.context.submissions.submit(case_id)

    status = second.sync.run_until_idle(timeout=20)

    assert (status.waiting, status.attention) == (0, 1)
    state = second.sync.case_state(case_id)
    assert state is not None and state.state == "attention" and state.can_retry
    assert state.detail_zh is not None and "版本冲突" in state.detail_zh and "管理员" in state.detail_zh
    assert state.label_zh == "需处理"
    # Not retried silently: another pass sends nothing for it.
    assert second.sync.run_until_idle(timeout=5).attention == 1
    puts = [e for e in second.context.audit.events(case_id=case_id) if e.action == "case.sync_refused"]
    assert len(puts) == 1 and puts[0].detail["code"] == ProblemCode.CASE_VERSION_CONFLICT
    # A person may send it again (e.g. after the district cleared it up); refused again, still shown.
    assert second.sync.retry(case_id, actor="clerk")
    assert second.sync.run_until_idle(timeout=20).attention == 1
    assert server_view(district.settings).versions[case_id] == 1


def test_a_case_the_district_finds_invalid_is_refused_with_its_field_errors(
        district: EmbeddedDistrict, make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url)
    case_id = accepted_case(counter, [])
    # 容缺受理 without the list of deferred items: the district's own check refuses it.
    counter.repository.set_status(case_id, CaseStatus.ACCEPTED_WITH_DEFERRALS)
    counter.context.submissions.submit(case_id)

    status = counter.sync.run_until_idle(timeout=20)

    assert status.attention == 1
    state = counter.sync.case_state(case_id)
    assert state is not None and state.detail_zh is not None
    assert "校验未通过" in state.detail_zh and "deferred" in state.detail_zh and "容缺" in state.detail_zh
    assert "重试" in state.detail_zh  # says what to do
    assert state.detail_en is not None and "deferred" in state.detail_en
    assert counter.repository.get(case_id).status is CaseStatus.QUEUED  # type: ignore[union-attr]
    assert case_id not in server_view(district.settings).versions
