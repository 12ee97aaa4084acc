"""A 容缺 item supplied after submission, over real HTTP: the approval is blocked while it is outstanding;
the clerk captures it late, the outbox uploads the image and records it against its slot once; the
change feed says nothing is outstanding any more and the reviewer can approve."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import pytest

from counter_app.capture.demo_capture import capture_demo_materials
from counter_app.demo import load_sample_application
from counter_app.demo_corrections import capture_again
from counter_app.district.demo_review import DemoReviewer, DemoReviewError
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.domain.deferral import DeferralRequest
from counter_app.domain.model import DeliveryMethod
from counter_app.domain.status import CaseStatus
from counter_app.services.deferred_supply import NotDeferred, NothingCaptured, SupplyNotOpen
from counter_app.store.supplies import SupplyPage
from tests.integration.sync.helpers import FAST, Counter
from tests.integration.sync.server_view import server_view
from tests.support.fault_proxy import FaultProxy


def _deferred_case(counter: Counter) -> tuple[str, list[str]]:
    context = counter.context
    record = context.cases.new_case(load_sample_application())
    capture_demo_materials(context, record.case_id)  # the deferrable item is left out
    assert context.cases.pre_review(record.case_id).passed
    plan = context.acceptance.plan(record.case_id)
    slots = [m.key for m in plan.materials.missing_deferrable]
    assert slots, "the sample leaves a deferrable item to supply later"
    with pytest.raises(SupplyNotOpen):  # not yet at the district
        context.deferred.supply(record.case_id, slots[0])
    context.acceptance.accept(record.case_id, commitment_signed=True, deferrals=[
        DeferralRequest(slot, DeliveryMethod.COUNTER, plan.deadlines.committed_due) for slot in slots])
    context.submissions.submit(record.case_id)
    status = counter.sync.run_until_idle(timeout=60)
    assert status.waiting == 0 and status.attention == 0, status
    return record.case_id, slots


def test_a_deferred_item_supplied_later_clears_the_block(district: EmbeddedDistrict,
                                                         make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url)
    context = counter.context
    case_id, slots = _deferred_case(counter)
    slot, *others = slots
    with DemoReviewer(district.base_url) as reviewer:
        reviewer.claim(case_id)
        with pytest.raises(DemoReviewError) as blocked:
            reviewer.approve(case_id)
        assert "容缺" in blocked.value.message_zh

    with pytest.raises(NothingCaptured):
        context.deferred.supply(case_id, slot)
    with pytest.raises(NotDeferred):
        context.deferred.supply(case_id, "operator_id_front")
    assert context.deferred.outstanding(case_id) == slots
    page = capture_again(context, case_id, slot, page=None)  # the applicant brought it: captured late
    first = context.deferred.supply(case_id, slot)
    assert context.deferred.supply(case_id, slot) == first  # sent twice: still one supply
    assert context.deferred.outstanding(case_id) == others
    status = counter.sync.run_until_idle(timeout=60)
    assert status.attention == 0, status
    (supply,) = context.deferred.supplies(case_id)
    assert supply.state == "delivered" and supply.sha256 == page.sha256
    assert page.sha256 in server_view(district.settings).complete_blobs
    supplied = [c for c in context.outbox.changes_for(case_id) if "deferred_supplied" in c.data]
    assert len(supplied) == 1 and supplied[0].data["deferred_outstanding"] == sorted(others)

    for other in others:
        capture_again(context, case_id, other, page=None)
        context.deferred.supply(case_id, other)
    counter.sync.run_until_idle(timeout=60)
    counter.sync.run_until_idle(timeout=60)  # a second pass sends nothing again
    supplied = [c for c in context.outbox.changes_for(case_id) if "deferred_supplied" in c.data]
    assert len(supplied) == len(slots) and supplied[-1].data["deferred_outstanding"] == []

    with DemoReviewer(district.base_url) as reviewer:
        assert reviewer.approve(case_id).uscc
    counter.sync.run_until_idle(timeout=60)
    assert context.cases.open_case(case_id).status is CaseStatus.APPROVED


def test_a_supply_the_district_refuses_waits_for_a_person(
        district: EmbeddedDistrict, make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url)
    context = counter.context
    case_id, slots = _deferred_case(counter)
    page = capture_again(context, case_id, slots[0], page=None)
    # A slot the district does not know (what a counter with a stale checklist might send): refused.
    context.outbox.supplies.enqueue(case_id, [SupplyPage("no_such_slot", page.sha256, page.size, page.mime)])
    status = counter.sync.run_until_idle(timeout=60)
    (supply,) = context.deferred.supplies(case_id)
    assert supply.state == "attention" and supply.error_code == "review.unknown_slot"
    assert supply.error_zh and "容缺" in supply.error_zh
    assert status.waiting == 0
    actions = [e.action for e in context.audit.events(case_id=case_id)]
    assert "deferred.sync_refused" in actions


def test_supplies_get_through_a_bad_link_exactly_once(
        district: EmbeddedDistrict, make_proxy: Callable[..., FaultProxy],
        make_counter: Callable[..., Counter]) -> None:
    proxy = make_proxy(fault_rate=0.4, kinds=("drop", "reset", "truncate"), max_fault_offset=8 * 1024,
                       seed=11)
    counter = make_counter(proxy.url, config=dataclasses.replace(FAST, io_timeout=0.5, chunk_min=8 * 1024,
                                                                 chunk_initial=8 * 1024))
    context = counter.context
    proxy.enabled = False  # the case itself is not what this test is about
    case_id, slots = _deferred_case(counter)
    pages = {slot: capture_again(context, case_id, slot, page=None) for slot in slots}
    for slot in slots:
        context.deferred.supply(case_id, slot)
    proxy.reset_stats()
    proxy.enabled = True
    deadline = time.monotonic() + 90
    while any(s.state != "delivered" for s in context.deferred.supplies(case_id)):
        assert time.monotonic() < deadline, context.deferred.supplies(case_id)
        counter.sync.run_until_idle(timeout=5)
    assert proxy.stats.fault_count >= 2, proxy.stats  # the link really was bad
    proxy.enabled = False
    counter.sync.run_until_idle(timeout=30)
    supplied = [c.data["deferred_supplied"] for c in context.outbox.changes_for(case_id)
                if "deferred_supplied" in c.data]
    assert sorted(supplied) == sorted(slots)  # each recorded once, however often it was sent
    assert {p.sha256 for p in pages.values()} <= server_view(district.settings).complete_blobs
