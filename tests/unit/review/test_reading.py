"""The case as the reviewer reads it (no Qt): masked sections, the material checklist, findings."""

from __future__ import annotations

from datetime import UTC, date, datetime

from counter_app.demo import load_sample_application
from counter_app.review.checklist import (
    SlotState,
    document_slots,
    findings,
    material_checklist,
    portrait_and_id,
)
from counter_app.review.sections import application_sections, field_choices
from counter_app.sync import protocol as p
from counter_app.sync import review_protocol as rp


def ref(slot: str, kind: str = "document", page: int = 0) -> p.MaterialRef:
    return p.MaterialRef(slot=slot, page=page, kind=kind, sha256=f"{abs(hash((slot, page))):064x}"[:64],
                         size=10, mime="image/jpeg")


def detail(materials: list[p.MaterialRef], deferred: list[str], outstanding: list[str],
           application: dict[str, object] | None = None) -> rp.ReviewCaseDetail:
    now = datetime.now(UTC)
    view = p.CaseView(case_id="c", version=1, case_number="RH-1", township_code="510411001",
                      status="in_review", submission_status="accepted", received_at=now, updated_at=now,
                      materials=materials,
                      deferred=[p.DeferredItem(slot=s, delivery="counter", due_date=date(2026, 12, 31))
                                for s in deferred])
    review = rp.ReviewState(case_id="c", status="in_review", version=1, accepted_on=date(2026, 11, 27),
                            committed_due=date(2026, 12, 2), legal_due=date(2026, 12, 2), extended=False,
                            deferred_outstanding=outstanding)
    return rp.ReviewCaseDetail(view=view, review=review,
                               application=application or load_sample_application().to_dict())


def test_personal_data_is_masked_until_revealed() -> None:
    app = load_sample_application().to_dict()
    masked = {r.path: r for s in application_sections(app) for r in s.rows}
    shown = {r.path: r for s in application_sections(app, reveal=True) for r in s.rows}
    for path, hidden, plain in (("operator.name", "张*", "张三"),
                                ("operator.id_document.number", "510411********1232", "510411198503121232"),
                                ("operator.mobile", "138****8000", "13800138000"),
                                ("operator.birth_date", "****-**-**", "1985-03-12"),
                                ("family_members[0].name", "李**", "李秀英")):
        assert masked[path].value == hidden and masked[path].personal
        assert shown[path].value == plain
    assert "迤沙拉" not in masked["operator.residence"].value
    assert masked["business_name"].value == "攀枝花市仁和区张三小吃店"
    assert not masked["business_name"].personal
    assert "餐饮服务" in masked["scope_item_ids"].value  # scope ids become the catalogue's names
    english = application_sections(app, language="en")
    assert english[1].title("en") == "Operator" and english[1].rows[1].value == "Male"
    choices = dict(field_choices(application_sections(app)))
    assert choices["operator.mobile"] == "经营者 · 移动电话"
    assert "13800138000" not in "".join(choices.values())


def test_sections_tolerate_a_sparse_body() -> None:
    sections = application_sections({"operator": {"name": "王五"}})
    rows = {r.path: r.value for s in sections for r in s.rows}
    assert rows["operator.name"] == "王*" and rows["business_name"] == "（未起字号）"


def test_checklist_states_present_deferred_supplied_missing_and_unknown_slots() -> None:
    case = detail([ref("portrait", "portrait"), ref("operator_id_front"), ref("operator_id_back"),
                   ref("application_form"), ref("application_form", page=1), ref("premises_title"),
                   ref("premises_photo_9")],
                  deferred=["premises_landlord_title", "family_relationship_proof"],
                  outstanding=["family_relationship_proof"])
    entries = {e.slot: e for e in material_checklist(case)}
    assert entries["portrait"].state is SlotState.PRESENT and entries["portrait"].portrait
    assert len(entries["application_form"].pages) == 2
    assert entries["family_relationship_proof"].state is SlotState.DEFERRED
    assert entries["premises_landlord_title"].state is SlotState.SUPPLIED
    assert entries["other"].state is SlotState.NOT_NEEDED
    # Premises proof: one alternative present, the others are not needed.
    assert entries["premises_title"].state is SlotState.PRESENT
    assert entries["premises_committee"].state is SlotState.NOT_NEEDED
    assert entries["family_1_id_front"].state is SlotState.MISSING
    assert entries["premises_photo_9"].state is SlotState.PRESENT  # a slot this checklist does not know
    # Only the lease's landlord title deferred: the lease alternative is chosen, its lease is missing.
    lease = {e.slot: e.state for e in material_checklist(detail([], ["premises_landlord_title"],
                                                                ["premises_landlord_title"]))}
    assert lease["premises_lease"] is SlotState.MISSING and lease["premises_title"] is SlotState.NOT_NEEDED
    assert lease["premises_landlord_title"] is SlotState.DEFERRED
    portrait, id_front = portrait_and_id(list(entries.values()))
    assert portrait is not None and portrait.slot == "portrait"
    assert id_front is not None and id_front.slot == "operator_id_front"
    assert "family_relationship_proof" in document_slots(case) and "portrait" in document_slots(case)


def test_findings_rerun_the_shared_validation() -> None:
    assert findings(detail([], [], [])) == []  # the sample application is valid
    broken = load_sample_application().to_dict()
    broken["operator"]["mobile"] = "12345"
    issues = findings(detail([], [], [], broken))
    assert [i.path for i in issues] == ["operator.mobile"] and issues[0].is_error
