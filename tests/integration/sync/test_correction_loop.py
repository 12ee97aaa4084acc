"""The full loop over real HTTP: counter → review → return → correct → resubmit → approve.

A case captured through the real capture pipeline goes to the embedded district; the demo reviewer returns
it with a field item and a document item; the change feed brings the items back; the clerk corrects both,
the case goes out again as version 2 in one transaction with its status; the reviewer sees exactly what
changed and approves; the approval comes back through the feed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from counter_app.capture.demo_capture import capture_demo_materials
from counter_app.demo import load_sample_application
from counter_app.demo_corrections import DEMO_CORRECTED_MOBILE, capture_again, correct_demo_case
from counter_app.district.demo_review import DEMO_RETURN_ITEMS, approve_resubmission, return_demo_case
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.domain.status import CaseStatus
from counter_app.services.corrections import CorrectionsOpen
from counter_app.services.errors import ServiceError
from tests.integration.sync.helpers import Counter


def _submitted_case(counter: Counter) -> str:
    context = counter.context
    record = context.cases.new_case(load_sample_application())
    capture_demo_materials(context, record.case_id, include_deferrable=True)
    assert context.cases.pre_review(record.case_id).passed
    context.acceptance.accept(record.case_id, deferrals=[], commitment_signed=False)
    context.submissions.submit(record.case_id)
    status = counter.sync.run_until_idle(timeout=60)
    assert status.waiting == 0 and status.attention == 0, status
    return record.case_id


def test_return_correct_resubmit_approve(district: EmbeddedDistrict,
                                         make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url)
    context = counter.context
    case_id = _submitted_case(counter)
    original_mobile = context.cases.open_case(case_id).application.operator.mobile

    return_demo_case(district.base_url, case_id)
    counter.sync.run_until_idle(timeout=60)
    record = context.cases.open_case(case_id)
    assert (record.status, record.version) == (CaseStatus.RETURNED, 1)
    returned = context.corrections.returned(case_id)
    assert returned is not None and returned.reviewer == "演示审核员"
    expected = [(i["target"], i["path"]) for i in DEMO_RETURN_ITEMS]
    assert [(i.target, i.path) for i in returned.items] == expected
    assert [i.done for i in returned.items] == [False, False]
    with pytest.raises(CorrectionsOpen):
        context.corrections.resubmit(case_id)

    # The 补正通知 lists every item, labelled for the applicant.
    items = context.corrections.notice_items(case_id)
    assert [(i.target, i.remedy) for i in items] == [("经营者 · 移动电话", DEMO_RETURN_ITEMS[0]["text"]),
                                                     ("经营者身份证正面", DEMO_RETURN_ITEMS[1]["text"])]
    notice = context.printing.correction_notice(case_id, items)
    assert notice.pdf.startswith(b"%PDF")

    correct_demo_case(context, case_id)
    fixed = context.corrections.returned(case_id)
    assert fixed is not None and all(i.changed for i in fixed.items) and not fixed.open_items
    queued = context.corrections.resubmit(case_id)
    assert (queued.status, queued.version) == (CaseStatus.QUEUED, 2)
    assert context.outbox.summaries([case_id])[case_id].version == 2
    status = counter.sync.run_until_idle(timeout=60)
    assert status.waiting == 0 and status.attention == 0, status
    assert context.cases.open_case(case_id).status is CaseStatus.SUBMITTED

    detail, _lines = approve_resubmission(district.base_url, case_id)
    assert detail.previous_version == 1 and detail.view.version == 2
    assert [(c.path, c.old, c.new) for c in detail.changes_from_previous] == [
        ("operator.mobile", original_mobile, DEMO_CORRECTED_MOBILE)]
    assert [(d.slot, d.change) for d in detail.replaced_documents] == [("operator_id_front", "replaced")]
    counter.sync.run_until_idle(timeout=60)
    approved = context.cases.open_case(case_id)
    assert (approved.status, approved.version) == (CaseStatus.APPROVED, 2)
    assert context.corrections.returned(case_id) is None
    actions = [e.action for e in context.audit.events(case_id=case_id)]
    assert "case.resubmit" in actions and "case.corrected" in actions


def test_an_untouched_item_can_be_ticked_by_hand(district: EmbeddedDistrict,
                                                 make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url)
    context = counter.context
    case_id = _submitted_case(counter)
    items = [{"target": "document", "path": "operator_id_front", "phrase": "missing_signature",
              "text": "复印件缺少签字"}]
    return_demo_case(district.base_url, case_id, items=items)
    counter.sync.run_until_idle(timeout=60)
    # No second 初审/受理: the case can only go back as version 2, never resend version 1.
    assert context.cases.pre_review(case_id).record.status is CaseStatus.RETURNED
    with pytest.raises(ServiceError):
        context.acceptance.accept(case_id)
    ticked = context.corrections.tick(case_id, 0)
    assert ticked.items[0].ticked and not ticked.items[0].changed and not ticked.open_items
    assert not context.corrections.tick(case_id, 0, done=False).items[0].done
    capture_again(context, case_id, "operator_id_front")  # replacing the page also counts
    again = context.corrections.returned(case_id)
    assert again is not None and again.items[0].changed
