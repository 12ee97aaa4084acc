"""The materials checklist of domain.md §4 derived from applications, and what is still missing."""

from __future__ import annotations

from counter_app.domain.materials import (
    DocType,
    MaterialKind,
    MaterialsConfig,
    PremisesProof,
    Requirement,
    checklist_for,
    checklist_status,
)
from counter_app.domain.model import Agent, Application, CompositionForm, IdDocType
from tests.support.applications import complete_application


def keys(app: Application, config: MaterialsConfig | None = None) -> list[str]:
    return [s.key for s in checklist_for(app, config)]


def test_individual_operator_minimum() -> None:
    app = Application()
    slots = {s.key: s for s in checklist_for(app)}
    assert list(slots)[:4] == ["portrait", "operator_id_front", "operator_id_back", "application_form"]
    assert slots["portrait"].kind is MaterialKind.PORTRAIT and slots["portrait"].required
    assert (
        slots["operator_id_front"].doc_type is DocType.ID_CARD and not slots["operator_id_front"].multi_page
    )
    assert slots["application_form"].doc_type is DocType.A4 and slots["application_form"].multi_page
    assert slots["other"].requirement is Requirement.OPTIONAL
    assert not any(k.startswith(("family_", "agent_", "approval_")) for k in slots)
    assert {s.alternative for s in slots.values() if s.group == "premises"} == set(PremisesProof)


def test_family_agent_and_licensed_items() -> None:
    app = complete_application()  # family of two members, an agent, a licensed scope item
    slots = {s.key: s for s in checklist_for(app)}
    for prefix in ("family_1", "family_2", "agent"):
        assert slots[f"{prefix}_id_front"].required and slots[f"{prefix}_id_back"].required
    assert slots["family_1_id_front"].label_zh == "家庭成员1港澳居民来往内地通行证正面"
    assert slots["family_relationship_proof"].deferrable
    assert slots["agent_authorisation"].required
    approvals = [s for s in slots.values() if s.key.startswith("approval_")]
    assert [s.key for s in approvals] == ["approval_L-0201"]
    assert approvals[0].required and approvals[0].doc_type is DocType.CERTIFICATE_A4


def test_deferrable_list_and_premises_commitment_are_local() -> None:
    app = Application()
    strict = MaterialsConfig(deferrable=frozenset(), allow_premises_commitment=False)
    slots = {s.key: s for s in checklist_for(app, strict)}
    assert slots["premises_landlord_title"].required
    assert "premises_commitment" not in slots
    lenient = {
        s.key: s for s in checklist_for(app, MaterialsConfig(deferrable=frozenset({"application_form"})))
    }
    assert lenient["application_form"].deferrable


def test_online_only_ecommerce_needs_no_premises_proof() -> None:
    app = Application(ecommerce=True, online_premises="https://shop.example.cn/x")
    assert not any(k.startswith("premises_") for k in keys(app))


def test_status_reports_required_and_deferrable_gaps() -> None:
    app = complete_application()
    slots = checklist_for(app)
    empty = checklist_status(slots, {})
    assert not empty.acceptable_with_deferrals
    missing = {m.key for m in empty.missing_required}
    assert {
        "portrait",
        "operator_id_front",
        "application_form",
        "family_2_id_back",
        "agent_authorisation",
        "approval_L-0201",
        "premises",
    } <= missing
    premises = next(m for m in empty.missing_required if m.key == "premises")
    assert "任选其一" in premises.label_zh and "premises_lease" in premises.slot_keys
    assert any(i.code == "material_missing" and i.is_error for i in empty.issues())

    everything_but_deferrable = {k: 1 for k in missing if k != "premises"} | {"premises_lease": 2}
    status = checklist_status(slots, everything_but_deferrable)
    assert not status.missing_required
    assert {m.key for m in status.missing_deferrable} == {
        "premises_landlord_title",
        "family_relationship_proof",
    }
    assert status.acceptable_with_deferrals and not status.complete
    assert status.chosen_alternatives == {"premises": PremisesProof.LEASE}
    assert all(not i.is_error for i in status.issues())

    complete = checklist_status(
        slots, everything_but_deferrable | {"premises_landlord_title": 1, "family_relationship_proof": 1}
    )
    assert complete.complete and complete.issues() == []


def test_title_certificate_alone_satisfies_premises() -> None:
    slots = checklist_for(Application(composition=CompositionForm.INDIVIDUAL))
    status = checklist_status(
        slots,
        {
            "portrait": 1,
            "operator_id_front": 1,
            "operator_id_back": 1,
            "application_form": 1,
            "premises_title": 1,
        },
    )
    assert status.complete and status.chosen_alternatives == {"premises": PremisesProof.TITLE}


def test_agent_with_a_permit_gets_card_sized_slots() -> None:
    app = Application(agent=Agent())
    app.agent.id_document.doc_type = IdDocType.TAIWAN_PERMIT  # type: ignore[union-attr]
    slots = {s.key: s for s in checklist_for(app)}
    assert slots["agent_id_front"].doc_type is DocType.ID_CARD
    assert "台湾居民来往大陆通行证" in slots["agent_id_front"].label_zh
