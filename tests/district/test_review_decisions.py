"""Review decisions over real HTTP on both databases: approve (USCC), return, refuse, 容缺 block, dispatch,
roles, audit — and the full loop counter → review → return → resubmit → approve."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from stdnum.cn import uscc as stdnum_uscc

from counter_app.district.licence import new_uscc
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.tables import AuditRow
from counter_app.domain.uscc import check_uscc
from counter_app.printing.data import LicenceInfo
from counter_app.sync import protocol as p
from counter_app.sync import review_protocol as rp
from tests.district.helpers import Api, Auth, assert_problem, blob_bytes, sha, submission

RP = rp.ReviewProblemCode


def post(client: httpx.Client, auth: Auth, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
    return client.post(path, headers=auth.headers, json=body if body is not None else {})


def submitted_case(api: Api, clerk: Auth, **kwargs: Any) -> p.CaseSubmission:
    sub = submission(**kwargs)
    assert api.submit(clerk, sub).status_code == 201
    return sub


def deferred_case(api: Api, clerk: Auth, slot: str = "premises_proof") -> p.CaseSubmission:
    sub = submission().model_copy(update={
        "status": "accepted_with_deferrals",
        "deferred": [p.DeferredItem(slot=slot, delivery="counter", due_date=date(2026, 12, 31))]})
    response = api.submit(clerk, sub)
    assert response.status_code == 201, response.text
    return sub


def claim(client: httpx.Client, reviewer: Auth, case_id: str) -> rp.ReviewState:
    response = post(client, reviewer, rp.review_case_path(case_id, "claim"))
    assert response.status_code == 200, response.text
    return rp.ReviewState.model_validate(response.json())


def approve(client: httpx.Client, reviewer: Auth, case_id: str) -> rp.ReviewState:
    response = post(client, reviewer, rp.review_case_path(case_id, "approve"), {"reason": "材料齐全"})
    assert response.status_code == 200, response.text
    return rp.ReviewState.model_validate(response.json())


def audit_actions(runtime: DistrictRuntime, case_id: str) -> list[str]:
    with runtime.db.read() as session:
        return list(session.scalars(select(AuditRow.action).where(AuditRow.case_id == case_id)
                                    .order_by(AuditRow.id)))


def test_approve_issues_a_valid_uscc_and_licence_data_then_dispatch(
        api: Api, client: httpx.Client, clerk_a: Auth, reviewer: Auth, runtime: DistrictRuntime) -> None:
    sub = submitted_case(api, clerk_a)
    state = claim(client, reviewer, sub.case_id)
    assert state.status == "in_review" and state.claim and state.claim.claimed_by == "demo-reviewer"
    approved = approve(client, reviewer, sub.case_id)
    assert approved.status == "approved" and approved.uscc and approved.claim is None
    code = approved.uscc
    assert code.startswith("92510411") and len(code) == 18
    assert stdnum_uscc.is_valid(code) and check_uscc(code, path="uscc").is_valid
    assert approved.licence_number and approved.licence_number.startswith("5104112")
    decision = [c for c in api.all_changes(clerk_a) if c.kind == "decision"][-1]
    assert decision.status == "approved" and decision.data["uscc"] == code
    assert decision.data["by"] == "演示审核员" and decision.data["reason"] == "材料齐全"
    licence = LicenceInfo.from_dict(decision.data)
    assert licence.uscc == code and licence.authority == "攀枝花市仁和区市场监督管理局"
    assert licence.approval_date == approved.approval_date

    # Dispatch by mail: carrier and tracking number are required.
    bad = post(client, reviewer, rp.review_case_path(sub.case_id, "dispatch"), {"method": "mail"})
    assert_problem(bad, 422, p.ProblemCode.REQUEST_INVALID)
    sent = post(client, reviewer, rp.review_case_path(sub.case_id, "dispatch"),
                {"method": "mail", "carrier": "EMS", "tracking_number": "1234567890"})
    assert sent.status_code == 200, sent.text
    dispatch = api.all_changes(clerk_a)[-1]
    assert (dispatch.kind, dispatch.status) == ("dispatch", "licence_dispatched")
    merged: dict[str, Any] = {}
    for change in api.all_changes(clerk_a):
        merged.update(change.data)
    info = LicenceInfo.from_dict(merged)
    assert (info.uscc, info.carrier, info.tracking_number) == (code, "EMS", "1234567890")
    assert info.dispatched_at is not None
    # Dispatching twice is refused by the status machine.
    assert_problem(post(client, reviewer, rp.review_case_path(sub.case_id, "dispatch"), {"method": "hand"}),
                   409, p.ProblemCode.CASE_TRANSITION_NOT_ALLOWED)
    actions = audit_actions(runtime, sub.case_id)
    assert actions.count("case_decision") == 2 and "case_claim" in actions


def test_hand_delivery_records_the_carrier(api: Api, client: httpx.Client, clerk_a: Auth,
                                           reviewer: Auth) -> None:
    sub = submitted_case(api, clerk_a)
    claim(client, reviewer, sub.case_id)
    approve(client, reviewer, sub.case_id)
    assert post(client, reviewer, rp.review_case_path(sub.case_id, "dispatch"),
                {"method": "hand"}).status_code == 200
    assert api.all_changes(clerk_a)[-1].data["carrier"] == "专人送达"


def test_approval_is_blocked_while_a_deferred_item_is_outstanding(
        api: Api, client: httpx.Client, clerk_a: Auth, clerk_b: Auth, reviewer: Auth) -> None:
    sub = deferred_case(api, clerk_a)
    claim(client, reviewer, sub.case_id)
    body = assert_problem(post(client, reviewer, rp.review_case_path(sub.case_id, "approve")), 409,
                          RP.DEFERRED_OUTSTANDING)
    assert body["slots"] == ["premises_proof"]
    queue = client.get(rp.PATH_REVIEW_QUEUE, headers=reviewer.headers, params={"deferred": "true"}).json()
    assert [i["case_id"] for i in queue["items"]] == [sub.case_id]

    material = blob_bytes(3000, seed=7)
    path = rp.deferred_supply_path(sub.case_id, "premises_proof")
    # The blob must be uploaded first; reviewers and other townships may not supply.
    assert_problem(post(client, clerk_a, path, {"sha256": sha(material)}), 409, RP.BLOB_INCOMPLETE)
    api.upload(clerk_a, material)
    assert_problem(post(client, clerk_b, path, {"sha256": sha(material)}), 403,
                   p.ProblemCode.AUTH_FORBIDDEN_TOWNSHIP)
    assert_problem(post(client, reviewer, path, {"sha256": sha(material)}), 403,
                   p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    assert_problem(post(client, clerk_a, rp.deferred_supply_path(sub.case_id, "nope"),
                        {"sha256": sha(material)}), 422, RP.UNKNOWN_SLOT)
    supplied = post(client, clerk_a, path, {"sha256": sha(material)})
    assert supplied.status_code == 200, supplied.text
    assert rp.ReviewState.model_validate(supplied.json()).deferred_outstanding == []
    change = api.all_changes(clerk_a)[-1]
    assert change.data["deferred_supplied"] == "premises_proof" and change.data["deferred_outstanding"] == []
    # The reviewer can now fetch the supplied material and approve.
    assert client.get(p.blob_path(sha(material)), headers=reviewer.headers).content == material
    assert approve(client, reviewer, sub.case_id).uscc


def test_return_items_flow_back_and_the_resubmission_is_approved(
        api: Api, client: httpx.Client, clerk_a: Auth, reviewer: Auth) -> None:
    full = blob_bytes(2000, seed=1)
    api.upload(clerk_a, full)
    sub = submitted_case(api, clerk_a, blobs=[full])
    claim(client, reviewer, sub.case_id)
    path = rp.review_case_path(sub.case_id, "return")
    item = {"target": "field", "path": "operator.phone", "phrase": "incomplete", "text": "请补充手机号"}
    assert_problem(post(client, reviewer, path, {"items": []}), 422, p.ProblemCode.REQUEST_INVALID)
    assert_problem(post(client, reviewer, path, {"items": [{**item, "phrase": "made-up"}]}), 422,
                   RP.UNKNOWN_PHRASE)
    assert_problem(post(client, reviewer, path, {"items": [{**item, "target": "document", "path": "x"}]}),
                   422, RP.UNKNOWN_SLOT)
    doc = {"target": "document", "path": "operator_id_front", "phrase": "illegible", "text": ""}
    returned = post(client, reviewer, path, {"items": [item, doc]})
    assert returned.status_code == 200, returned.text
    change = [c for c in api.all_changes(clerk_a) if c.kind == "decision"][-1]
    assert change.status == "returned"
    assert [(i["target"], i["path"], i["phrase"]) for i in change.data["items"]] == [
        ("field", "operator.phone", "incomplete"), ("document", "operator_id_front", "illegible")]
    assert change.data["items"][1]["phrase_zh"] == "材料不清晰，请重新拍摄或扫描"

    v2 = sub.model_copy(update={"version": 2})
    assert api.submit(clerk_a, v2).status_code == 201
    state = claim(client, reviewer, sub.case_id)
    assert state.version == 2 and state.status == "in_review"
    assert [d.outcome for d in state.decisions] == ["returned"]
    assert approve(client, reviewer, sub.case_id).uscc


def test_refusal_needs_reasons_and_carries_the_remedies(api: Api, client: httpx.Client, clerk_a: Auth,
                                                        reviewer: Auth) -> None:
    sub = submitted_case(api, clerk_a)
    claim(client, reviewer, sub.case_id)
    path = rp.review_case_path(sub.case_id, "refuse")
    assert_problem(post(client, reviewer, path, {"reasons": []}), 422, p.ProblemCode.REQUEST_INVALID)
    assert_problem(post(client, reviewer, path, {"reasons": ["   "]}), 422, p.ProblemCode.REQUEST_INVALID)
    assert post(client, reviewer, path, {"reasons": ["经营场所位于禁止经营区域"]}).status_code == 200
    change = api.all_changes(clerk_a)[-1]
    assert (change.kind, change.status) == ("decision", "refused")
    assert change.data["reasons"] == ["经营场所位于禁止经营区域"]
    assert "六十日" in change.data["remedies_zh"] and "六个月" in change.data["remedies_zh"]


def test_roles_and_claims_guard_decisions(api: Api, client: httpx.Client, clerk_a: Auth, reviewer: Auth,
                                          admin: Auth, runtime: DistrictRuntime) -> None:
    sub = submitted_case(api, clerk_a)
    approve_path = rp.review_case_path(sub.case_id, "approve")
    for who in (clerk_a, admin):
        assert_problem(post(client, who, approve_path), 403, p.ProblemCode.AUTH_FORBIDDEN_ROLE)
        assert_problem(post(client, who, rp.review_case_path(sub.case_id, "claim")), 403,
                       p.ProblemCode.AUTH_FORBIDDEN_ROLE)
        assert_problem(client.get(rp.review_case_path(sub.case_id), headers=who.headers), 403,
                       p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    assert_problem(post(client, reviewer, approve_path), 409, RP.CLAIM_REQUIRED)
    # Reading the full case (personal data) is audited.
    detail = client.get(rp.review_case_path(sub.case_id), headers=reviewer.headers)
    assert detail.status_code == 200
    parsed = rp.ReviewCaseDetail.model_validate(detail.json())
    assert parsed.application == sub.application and parsed.review.committed_due >= parsed.review.accepted_on
    assert "case_read_personal" in audit_actions(runtime, sub.case_id)


def test_extension_once_with_a_reason(api: Api, client: httpx.Client, clerk_a: Auth, reviewer: Auth) -> None:
    sub = submitted_case(api, clerk_a)
    path = rp.review_case_path(sub.case_id, "extension")
    before = rp.ReviewState.model_validate(
        client.get(rp.review_case_path(sub.case_id, "state"), headers=reviewer.headers).json())
    assert_problem(post(client, reviewer, path, {"reason": " "}), 422, p.ProblemCode.REQUEST_INVALID)
    extended = post(client, reviewer, path, {"reason": "经营范围涉及前置审批，需核实"})
    assert extended.status_code == 200, extended.text
    after = rp.ReviewState.model_validate(extended.json())
    assert after.extended and after.legal_due > before.legal_due
    assert after.committed_due == before.committed_due
    assert_problem(post(client, reviewer, path, {"reason": "再次"}), 409, RP.ALREADY_EXTENDED)


def test_generated_codes_are_valid_and_distinct() -> None:
    codes = {new_uscc("510411") for _ in range(2000)}
    assert len(codes) == 2000
    assert all(stdnum_uscc.is_valid(c) and c.startswith("92510411") for c in codes)
    assert new_uscc("510411", subject="MA6XXXXXX") == "92510411MA6XXXXXX" + stdnum_uscc.calc_check_digit(
        "92510411MA6XXXXXX")
    with pytest.raises(ValueError):
        new_uscc("5104")


def test_many_approvals_get_unique_codes_and_numbers(api: Api, client: httpx.Client, clerk_a: Auth,
                                                     reviewer: Auth) -> None:
    codes, numbers = set(), set()
    for _ in range(6):
        sub = submitted_case(api, clerk_a)
        claim(client, reviewer, sub.case_id)
        state = approve(client, reviewer, sub.case_id)
        codes.add(state.uscc)
        numbers.add(state.licence_number)
    assert len(codes) == 6 and len(numbers) == 6


def test_demo_review_claims_approves_and_dispatches(api: Api, client: httpx.Client, clerk_a: Auth) -> None:
    from counter_app.district.demo_review import DemoReviewError, review_demo_case

    sub = submitted_case(api, clerk_a)
    lines = review_demo_case(str(client.base_url), sub.case_id)
    assert any("USCC 92510411" in line for line in lines) and "EMS" in lines[-1]
    kinds = [(c.kind, c.status) for c in api.all_changes(clerk_a)]
    assert kinds[-2:] == [("decision", "approved"), ("dispatch", "licence_dispatched")]
    with pytest.raises(DemoReviewError) as failure:
        review_demo_case(str(client.base_url), sub.case_id)  # already decided: a clear message, no crash
    assert "演示审核失败" in failure.value.message_zh


def test_the_transition_hook_also_respects_deferred_items(api: Api, client: httpx.Client, clerk_a: Auth,
                                                          reviewer: Auth) -> None:
    sub = deferred_case(api, clerk_a)
    assert api.transition(reviewer, sub.case_id, "in_review").status_code == 200
    assert_problem(api.transition(reviewer, sub.case_id, "approved"), 409, RP.DEFERRED_OUTSTANDING)
