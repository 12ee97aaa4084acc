"""受理 and 容缺受理 on a real store, with the real materials checklist of the sample application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.deferral import DeferralRequest
from counter_app.domain.materials import ChecklistStatus, checklist_for, checklist_status
from counter_app.domain.model import DeliveryMethod
from counter_app.domain.status import CaseStatus
from counter_app.services.acceptance import AcceptanceService, NotAcceptable
from counter_app.store.acceptance import AcceptanceRepository
from counter_app.store.repository import CaseRepository

TODAY = dt.date(2026, 12, 29)  # a Tuesday: three working days run into 2027, which the calendar lacks


class Captured:
    """Which slots have pages: stands in for the capture service (which counts stored pages)."""

    def __init__(self, context: AppContext) -> None:
        self.pages: dict[str, int] = {}
        self._context = context

    def status(self, case_id: str) -> ChecklistStatus:
        record = self._context.cases._repo.get(case_id)
        assert record is not None
        return checklist_status(checklist_for(record.application), self.pages)

    def capture_everything_but(self, case_id: str, *missing: str) -> None:
        record = self._context.cases.open_case(case_id)
        for slot in checklist_for(record.application):
            if slot.key not in missing and slot.key != "other" and slot.group is None:
                self.pages[slot.key] = 1
        self.pages["premises_lease"] = 1  # the lease alternative of the premises proof


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    ctx = AppContext.open(tmp_path / "data", clerk="clerk-a")
    yield ctx
    ctx.close()


def _service(context: AppContext, captured: Captured) -> AcceptanceService:
    repo: CaseRepository = context.cases._repo
    return AcceptanceService(context.cases, repo, AcceptanceRepository(context.database), context.audit,
                             context.settings, WorkingCalendar(), captured.status, clerk="clerk-a",
                             today=lambda: TODAY)


def _pre_reviewed(context: AppContext) -> str:
    record = context.cases.new_case(load_sample_application())
    assert context.cases.pre_review(record.case_id).passed
    return record.case_id


def test_complete_case_is_accepted_with_deadlines_past_new_year_and_a_warning(context: AppContext) -> None:
    captured = Captured(context)
    service = _service(context, captured)
    case_id = _pre_reviewed(context)
    captured.capture_everything_but(case_id)
    captured.pages["premises_landlord_title"] = 1
    assert service.plan(case_id).can_accept_plainly

    accepted = service.accept(case_id)
    assert context.cases.open_case(case_id).status is CaseStatus.ACCEPTED
    assert not accepted.with_deferrals
    # 2026-12-30, 12-31, then 2027 counted Monday-Friday: 2027-01-01 is a Friday.
    assert accepted.committed_due == dt.date(2027, 1, 1)
    assert any("2027" in w for w in accepted.warnings_zh)
    assert service.acceptance(case_id) == accepted
    assert "case.accept" in [e.action for e in context.audit.events(case_id=case_id)]


def test_missing_required_material_blocks_acceptance_with_one_list(context: AppContext) -> None:
    captured = Captured(context)
    service = _service(context, captured)
    case_id = _pre_reviewed(context)
    captured.capture_everything_but(case_id, "portrait", "operator_id_back")
    with pytest.raises(NotAcceptable) as info:
        service.accept(case_id)
    codes = {(i.path, i.code) for i in info.value.issues}
    assert ("materials.portrait", "acceptance.material_missing") in codes
    assert ("materials.operator_id_back", "acceptance.material_missing") in codes
    assert "不能受理" in info.value.message_zh
    assert context.cases.open_case(case_id).status is CaseStatus.PRE_REVIEWED


def test_deferrable_item_needs_the_applicants_commitment_and_a_due_date(context: AppContext) -> None:
    captured = Captured(context)
    service = _service(context, captured)
    case_id = _pre_reviewed(context)
    captured.capture_everything_but(case_id, "family_relationship_proof")
    plan = service.plan(case_id)
    assert plan.can_accept_with_deferrals and not plan.can_accept_plainly
    missing = {m.key for m in plan.materials.missing_deferrable}
    assert missing == {"premises_landlord_title", "family_relationship_proof"}

    with pytest.raises(NotAcceptable) as info:  # nothing chosen
        service.accept(case_id)
    assert {i.code for i in info.value.issues} == {"acceptance.deferral_not_chosen"}

    late = plan.deadlines.committed_due + dt.timedelta(days=1)
    requests = [DeferralRequest(key, DeliveryMethod.COUNTER, late) for key in sorted(missing)]
    with pytest.raises(NotAcceptable) as info:  # too late, and unsigned
        service.accept(case_id, deferrals=requests)
    assert {i.code for i in info.value.issues} == {"acceptance.due_after_committed",
                                                  "acceptance.commitment_unsigned"}

    requests = [DeferralRequest(key, DeliveryMethod.POST, plan.deadlines.committed_due)
                for key in sorted(missing)]
    accepted = service.accept(case_id, deferrals=requests, commitment_signed=True)
    assert context.cases.open_case(case_id).status is CaseStatus.ACCEPTED_WITH_DEFERRALS
    assert {d.item_key for d in accepted.deferred} == missing
    assert all(d.label_zh for d in accepted.deferred)
    assert service.acceptance(case_id) == accepted


def test_only_missing_deferrable_items_may_be_deferred(context: AppContext) -> None:
    captured = Captured(context)
    service = _service(context, captured)
    case_id = _pre_reviewed(context)
    captured.capture_everything_but(case_id)
    captured.pages["premises_landlord_title"] = 1
    with pytest.raises(NotAcceptable) as info:
        service.accept(case_id, deferrals=[DeferralRequest("portrait", DeliveryMethod.COUNTER, TODAY)],
                       commitment_signed=True)
    assert {i.code for i in info.value.issues} == {"acceptance.not_deferrable"}


def test_a_draft_cannot_be_accepted(context: AppContext) -> None:
    captured = Captured(context)
    service = _service(context, captured)
    record = context.cases.new_case(load_sample_application())
    with pytest.raises(Exception) as info:
        service.accept(record.case_id)
    assert "只有已初审的案件可以受理" in getattr(info.value, "message_zh", "")
