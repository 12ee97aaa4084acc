"""After the decision, against the real embedded district: township names, the 待寄出 list and the licence
dispatch (seen by the counter on the change feed), and a 容缺 item supplied later viewable as a page."""

from __future__ import annotations

import pytest

from counter_app.review.checklist import SUPPLIED_DOC_TYPE, SlotState, material_checklist
from counter_app.review.client import QueueFilter
from counter_app.review.connection import ReviewConnection
from counter_app.sync import protocol as p
from counter_app.sync import review_protocol as rp
from counter_app.sync.errors import ProblemResponse
from tests.unit.review.district import Counter, jpeg, sha

TO_DISPATCH = QueueFilter(statuses=("approved",))


def approved(counter: Counter, reviewer: ReviewConnection, number: str) -> str:
    case_id = counter.submit(number=number).case_id
    reviewer.client.claim(case_id)
    reviewer.client.approve(case_id)
    return case_id


def test_township_names_for_reviewers_only(counter: Counter, reviewer: ReviewConnection) -> None:
    assert reviewer.client.townships() == {"510411001": "仁和镇", "510411002": "平地镇"}
    response = counter.http.get(rp.PATH_REVIEW_TOWNSHIPS, headers=counter.headers)
    assert response.status_code == 403  # a clerk has no business with the district's list


def test_dispatch_by_mail_and_by_hand_leaves_the_to_dispatch_list(counter: Counter,
                                                                  reviewer: ReviewConnection) -> None:
    client = reviewer.client
    mailed = approved(counter, reviewer, "RH-0501")
    handed = approved(counter, reviewer, "RH-0502")
    assert {i.case_id for i in client.queue(TO_DISPATCH).items} == {mailed, handed}

    with pytest.raises(ProblemResponse) as missing:
        client.dispatch(mailed, rp.DispatchRequest(method="mail", carrier="EMS"))
    assert missing.value.status == 422 and "运单号" in missing.value.message_zh

    state = client.dispatch(mailed, rp.DispatchRequest(method="mail", carrier="EMS",
                                                       tracking_number="EA123456789CN"))
    assert state.status == "licence_dispatched"
    assert state.decisions[-1].outcome == "dispatched"
    assert state.decisions[-1].data["tracking_number"] == "EA123456789CN"
    assert client.dispatch(handed, rp.DispatchRequest(method="hand")).status == "licence_dispatched"
    assert client.queue(TO_DISPATCH).total == 0
    assert client.queue(QueueFilter(statuses=("licence_dispatched",))).total == 2

    # The township's counter learns it from the change feed.
    feed = p.ChangesPage.model_validate_json(counter.http.get(
        p.PATH_CHANGES, headers=counter.headers, params={"limit": 100}).content)
    sent = {c.case_id: c for c in feed.changes if c.kind == "dispatch"}
    assert sent[mailed].status == "licence_dispatched"
    assert (sent[mailed].data["carrier"], sent[mailed].data["tracking_number"]) == ("EMS", "EA123456789CN")
    assert sent[handed].data["method"] == "hand" and sent[handed].data["carrier"] == "专人送达"


def test_a_supplied_deferred_item_is_a_page_with_its_image(counter: Counter,
                                                          reviewer: ReviewConnection) -> None:
    slot = "premises_landlord_title"
    sub = counter.submit(number="RH-0601", deferred=(slot,))
    client = reviewer.client
    client.claim(sub.case_id)
    before = client.detail(sub.case_id)
    assert before.review.deferred_supplied == []
    assert {e.slot: e.state for e in material_checklist(before)}[slot] is SlotState.DEFERRED

    counter.supply_deferred(sub.case_id, slot)
    state = client.state(sub.case_id)
    supplied_blob = sha(jpeg("page.png", 800))
    assert [(s.slot, s.sha256) for s in state.deferred_supplied] == [(slot, supplied_blob)]
    assert state.deferred_outstanding == []
    detail = client.detail(sub.case_id)
    entry = {e.slot: e for e in material_checklist(detail)}[slot]
    assert entry.state is SlotState.SUPPLIED
    assert [(r.sha256, r.doc_type, r.page) for r in entry.pages] == [(supplied_blob, SUPPLIED_DOC_TYPE, 0)]
    assert client.blob(supplied_blob) == jpeg("page.png", 800)  # the reviewer may fetch it
