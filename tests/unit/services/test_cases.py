"""The case service on a real encrypted store in a temporary data folder."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.status import CaseStatus
from counter_app.services.errors import CaseNotEditable, CaseNotFound, ConcurrentEdit, ServiceError


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    ctx = AppContext.open(tmp_path / "data", clerk="clerk-a")
    yield ctx
    ctx.close()


def test_new_case_is_a_draft_with_the_counters_address_prefilled(context: AppContext) -> None:
    record = context.cases.new_case()
    assert record.status is CaseStatus.DRAFT
    assert record.version == 1
    assert record.case_number.startswith(context.settings.township_code)
    assert record.application.premises.county == context.settings.default_county
    actions = [e.action for e in context.audit.events(case_id=record.case_id)]
    assert actions == ["case.create"]


def test_pre_review_lists_everything_missing_in_one_go(context: AppContext) -> None:
    record = context.cases.new_case()
    result = context.cases.pre_review(record.case_id)
    assert not result.passed
    paths = {issue.path for issue in result.errors}
    # One list with every gap, not the first one only.
    assert {"operator.name", "operator.id_document.number", "operator.mobile"} <= paths
    assert len(paths) >= 8
    assert context.cases.open_case(record.case_id).status is CaseStatus.DRAFT


def test_sample_case_passes_pre_review_and_an_edit_sends_it_back_to_draft(context: AppContext) -> None:
    sample = load_sample_application()
    record = context.cases.new_case(sample)
    result = context.cases.pre_review(record.case_id)
    assert result.passed, [(i.path, i.message_zh) for i in result.errors]
    assert result.record.status is CaseStatus.PRE_REVIEWED

    edited = copy.deepcopy(sample)
    edited.operator.mobile = "13900139000"
    saved = context.cases.save_draft(record.case_id, edited)
    assert saved.status is CaseStatus.DRAFT
    assert context.cases.open_case(record.case_id).application.operator.mobile == "13900139000"


def test_saving_the_same_data_keeps_the_pre_review(context: AppContext) -> None:
    sample = load_sample_application()
    record = context.cases.new_case(sample)
    context.cases.pre_review(record.case_id)
    assert context.cases.save_draft(record.case_id, sample).status is CaseStatus.PRE_REVIEWED


def test_stale_autosave_is_refused_not_silently_merged(context: AppContext) -> None:
    record = context.cases.new_case()
    app = record.application
    app.operator.name = "张三"
    context.cases.save_draft(record.case_id, app, expected_row_version=record.row_version)
    app.operator.name = "李四"
    with pytest.raises(ConcurrentEdit) as info:
        context.cases.save_draft(record.case_id, app, expected_row_version=record.row_version)
    assert "别处被修改" in info.value.message_zh
    assert context.cases.open_case(record.case_id).application.operator.name == "张三"


def test_unknown_case_gives_a_chinese_message(context: AppContext) -> None:
    with pytest.raises(CaseNotFound) as info:
        context.cases.open_case("no-such-case")
    assert "找不到" in info.value.message_zh


def test_non_editable_case_is_refused(context: AppContext) -> None:
    record = context.cases.new_case()
    # Walk it past the counter's editable statuses through the repository (sync will do this later).
    repo = context.cases._repo
    for status in (CaseStatus.PRE_REVIEWED, CaseStatus.ACCEPTED, CaseStatus.QUEUED):
        repo.set_status(record.case_id, status)
    with pytest.raises(CaseNotEditable) as info:
        context.cases.save_draft(record.case_id, record.application)
    assert "待上传" in info.value.message_zh


def test_listing_and_search_find_the_case_after_reopening(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ctx = AppContext.open(data)
    record = ctx.cases.new_case(load_sample_application())
    ctx.close()
    ctx = AppContext.open(data)
    try:
        assert [s.case_id for s in ctx.cases.list_cases()] == [record.case_id]
        assert [s.case_id for s in ctx.cases.list_cases("zs")] == [record.case_id]
        assert [s.case_id for s in ctx.cases.list_cases("1232")] == [record.case_id]
        assert ctx.cases.list_cases("ls") == [] or all(s.case_id == record.case_id
                                                       for s in ctx.cases.list_cases("ls"))
        assert ctx.cases.list_cases(status=CaseStatus.COLLECTED) == []
    finally:
        ctx.close()


def test_a_returned_case_is_only_checked_by_pre_review_and_cannot_be_accepted_again(
        context: AppContext) -> None:
    """A returned case goes back only as version n+1 (corrections service); pre-review + accept + submit
    would resend version n, which the district refuses."""
    record = context.cases.new_case(load_sample_application())
    repo = context.cases._repo
    for status in (CaseStatus.PRE_REVIEWED, CaseStatus.ACCEPTED, CaseStatus.QUEUED, CaseStatus.SUBMITTED,
                   CaseStatus.IN_REVIEW, CaseStatus.RETURNED):
        repo.set_status(record.case_id, status)
    result = context.cases.pre_review(record.case_id)
    assert result.passed, [i.code for i in result.errors]
    assert result.record.status is CaseStatus.RETURNED
    with pytest.raises(ServiceError) as info:
        context.acceptance.accept(record.case_id)
    assert "已初审" in info.value.message_zh
    stored = context.cases.open_case(record.case_id)
    assert (stored.status, stored.version) == (CaseStatus.RETURNED, 1)


def test_pre_review_also_lists_the_missing_materials(context: AppContext) -> None:
    """One list for the applicant: the checklist's gaps come with the application's findings. They are
    for acceptance to enforce; the application itself passed."""
    record = context.cases.new_case(load_sample_application())
    result = context.cases.pre_review(record.case_id)
    assert result.passed and result.record.status is CaseStatus.PRE_REVIEWED
    missing = {i.path for i in result.missing_materials}
    assert {"materials.portrait", "materials.operator_id_front", "materials.operator_id_back"} <= missing
    assert all(i.code == "material_missing" and "缺少材料" in i.message_zh for i in result.missing_materials)
    assert [i.path for i in result.all_issues] == [i.path for i in [*result.issues, *result.materials]]
    status = context.materials.checklist_status(record.case_id)
    expected = {f"materials.{m.key}" for m in status.missing_required}
    assert missing == expected
    event = [e for e in context.audit.events(case_id=record.case_id) if e.action == "case.pre_review"][-1]
    assert event.detail is not None and event.detail["materials_missing"] == len(expected)
