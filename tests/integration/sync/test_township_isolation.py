"""(5) A clerk of township A cannot read, submit to or see the changes of township B; a clerk's token
cannot make review decisions. And what a reviewer decides comes back to the right counter only, through
the change feed, applied once however often the feed is read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import numpy as np
import pytest

from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD, DEMO_TOWNSHIP_B
from counter_app.domain.status import CaseStatus
from counter_app.store.repository import CaseRecord
from counter_app.sync.client import Credentials, DistrictClient
from counter_app.sync.engine import CURSOR_META
from counter_app.sync.errors import ProblemResponse
from counter_app.sync.protocol import DeviceRegistration, ProblemCode, blob_path, case_transitions_path
from tests.integration.sync.helpers import Counter, accepted_case, jpeg, sha


def reviewer(url: str) -> Credentials:
    client = DistrictClient(url)
    try:
        device = client.register_device(DeviceRegistration(registration_code=DEMO_DEVICE_CODES[None],
                                                           township_code=None, counter_name="区审核室"))
        session = client.sign_in(device.device_token, "demo-reviewer", DEMO_PASSWORD)
    finally:
        client.close()
    return Credentials(device.device_token, session.session_token)


def transition(url: str, auth: Credentials, case_id: str, target: str, reason: str = "") -> httpx.Response:
    return httpx.post(url + case_transitions_path(case_id), headers=auth.headers(),
                      json={"target": target, "reason": reason})


@pytest.fixture
def two_townships(district: EmbeddedDistrict,
                  make_counter: Callable[..., Counter]) -> tuple[Counter, Counter, str, bytes]:
    a = make_counter(district.base_url, name="renhe")
    b = make_counter(district.base_url, name="pingdi", township=DEMO_TOWNSHIP_B)
    image = jpeg(np.random.default_rng(5), 200, 150)
    case_id = accepted_case(a, [image])
    a.context.submissions.submit(case_id)
    assert a.sync.run_until_idle(timeout=20).waiting == 0
    return a, b, case_id, image


def test_a_clerk_of_another_township_cannot_read_submit_or_see_changes(
        district: EmbeddedDistrict, two_townships: tuple[Counter, Counter, str, bytes]) -> None:
    a, b, case_id, image = two_townships
    b_auth = b.sync.sessions.credentials()

    with pytest.raises(ProblemResponse) as read:
        b.sync.client.get_case(b_auth, case_id)
    assert read.value.status == 403 and read.value.problem.code == ProblemCode.AUTH_FORBIDDEN_TOWNSHIP
    blob = httpx.get(district.base_url + blob_path(sha(image)), headers=b_auth.headers())
    assert blob.status_code in (403, 404) and image not in blob.content

    item = a.context.outbox.item(a.context.outbox.summaries([case_id])[case_id].item_id)
    assert item is not None
    with pytest.raises(ProblemResponse) as submit:
        b.sync.client.put_case(b_auth, case_id, 1, item.payload)  # A's case, sent with B's token
    assert submit.value.status == 403 and submit.value.problem.code == ProblemCode.AUTH_FORBIDDEN_TOWNSHIP

    review = reviewer(district.base_url)
    assert transition(district.base_url, review, case_id, "in_review").status_code == 200
    a_changes = a.sync.client.changes(a.sync.sessions.credentials(), "0", 500).changes
    b_changes = b.sync.client.changes(b_auth, "0", 500).changes
    assert {c.case_id for c in a_changes} == {case_id}
    assert b_changes == []

    # A clerk of A cannot sign in on B's counter PC either.
    with pytest.raises(ProblemResponse) as sign_in:
        b.sync.client.sign_in(_device_token(b), "demo-clerk", DEMO_PASSWORD)
    assert sign_in.value.status in (401, 403)


def test_a_clerk_token_cannot_make_review_decisions(
        district: EmbeddedDistrict, two_townships: tuple[Counter, Counter, str, bytes]) -> None:
    a, _b, case_id, _image = two_townships
    for target in ("in_review", "approved", "refused"):
        answer = transition(district.base_url, a.sync.sessions.credentials(), case_id, target)
        assert answer.status_code == 403, (target, answer.text)
        assert answer.json()["code"] == ProblemCode.AUTH_FORBIDDEN_ROLE
        assert answer.json()["message_zh"]
    view = a.sync.client.get_case(a.sync.sessions.credentials(), case_id)
    assert view.status == "submitted"


def test_decisions_come_back_through_the_feed_to_the_right_counter_once(
        district: EmbeddedDistrict, two_townships: tuple[Counter, Counter, str, bytes]) -> None:
    a, b, case_id, _image = two_townships
    review = reviewer(district.base_url)
    assert transition(district.base_url, review, case_id, "in_review").status_code == 200
    assert transition(district.base_url, review, case_id, "returned", "经营场所证明不清晰").status_code == 200

    a.sync.run_until_idle(timeout=20)
    b.sync.run_until_idle(timeout=20)

    assert a.repository.get(case_id).status is CaseStatus.RETURNED  # type: ignore[union-attr]
    history = a.context.outbox.changes_for(case_id)
    assert [c.status for c in history] == ["submitted", "in_review", "returned"]
    assert history[-1].data["reason"] == "经营场所证明不清晰"
    assert b.context.outbox.changes_for(case_id) == []
    actions = [e for e in a.context.audit.events(case_id=case_id) if e.action == "case.status_from_district"]
    assert [e.detail["to"] for e in actions] == ["in_review", "returned"]
    assert {e.actor for e in actions} == {"district"}

    # Reading the whole feed again (cursor lost) changes nothing and records nothing twice.
    a.context.outbox.set_meta(CURSOR_META, "0")
    a.sync.run_until_idle(timeout=20)
    assert a.repository.get(case_id).status is CaseStatus.RETURNED  # type: ignore[union-attr]
    assert len(a.context.outbox.changes_for(case_id)) == 3
    assert len([e for e in a.context.audit.events(case_id=case_id)
                if e.action == "case.status_from_district"]) == 2


def test_a_case_of_another_township_is_refused_and_shown_for_a_person(
        district: EmbeddedDistrict, two_townships: tuple[Counter, Counter, str, bytes]) -> None:
    a, b, _case_id, _image = two_townships
    # A case of township A on B's counter (e.g. typed in under the wrong settings).
    record = a.repository.get(_case_id)
    assert record is not None
    now = datetime.now(UTC)
    b.repository.create(CaseRecord(
        case_id="6f1d3c1e-0000-4000-8000-00000000000b", case_number="510411001-09-X",
        township_code=record.township_code,
        status=CaseStatus.ACCEPTED, version=1, application=record.application, created_at=now,
        updated_at=now, created_by="clerk"))
    b.context.submissions.submit("6f1d3c1e-0000-4000-8000-00000000000b")
    status = b.sync.run_until_idle(timeout=20)
    assert status.attention == 1
    state = b.sync.case_state("6f1d3c1e-0000-4000-8000-00000000000b")
    assert state is not None and state.detail_zh is not None and "乡镇" in state.detail_zh


def _device_token(counter: Counter) -> str:
    return counter.sync.sessions.credentials().device_token
