from __future__ import annotations

import json

from counter_app.domain.model import (
    Agent,
    AgentPowers,
    Application,
    ApprovalDocument,
    CompositionForm,
    FamilyMember,
    Gender,
    IdDocType,
    IdDocument,
)


def test_round_trip_through_json_keeps_every_field_and_rare_characters() -> None:
    app = Application(business_name="攀枝花市仁和区𠮷䶮小吃店", composition=CompositionForm.FAMILY,
                      capital_wan="3.5", scope_item_ids=["a", "b"], employees=4, paper_copies=2)
    app.operator.name = "𠮷䶮"
    app.operator.gender = Gender.FEMALE
    app.operator.id_document = IdDocument(IdDocType.HK_MACAU_PERMIT, "H12345678")
    app.family_members.append(FamilyMember(name="李四", relationship="配偶", signed=True))
    app.agent = Agent(name="王五", powers=AgentPowers(collect_licence=True))
    app.approval_documents.append(ApprovalDocument("L-1", "食品经营许可证", "JY123"))
    app.premises.detail = "人民路1号"
    data = json.loads(json.dumps(app.to_dict(), ensure_ascii=False))
    again = Application.from_dict(data)
    assert again == app
    assert again.operator.id_document.doc_type is IdDocType.HK_MACAU_PERMIT
    assert again.agent is not None and again.agent.powers.collect_licence


def test_unknown_keys_are_ignored_and_missing_ones_default() -> None:
    app = Application.from_dict({"business_name": "x", "from_a_newer_version": 1,
                                 "operator": {"name": "张三"}})
    assert app.business_name == "x"
    assert app.operator.name == "张三"
    assert app.agent is None
    assert app.composition is CompositionForm.INDIVIDUAL
