"""The field diff between a case's version n-1 and n: pure rules, and through the review detail over HTTP."""

from __future__ import annotations

import copy

import httpx

from counter_app.demo import load_sample_application
from counter_app.district.version_diff import document_changes, field_changes
from counter_app.sync import protocol as p
from counter_app.sync import review_protocol as rp
from tests.district.helpers import Api, Auth, blob_bytes, sha, submission


def _ref(slot: str, page: int, data: bytes) -> p.MaterialRef:
    return p.MaterialRef(slot=slot, page=page, kind="document", sha256=sha(data), size=len(data),
                         mime="image/jpeg")


def test_changed_fields_are_listed_with_old_and_new_values_and_personal_ones_masked() -> None:
    old = load_sample_application().to_dict()
    new = copy.deepcopy(old)
    new["operator"]["mobile"] = "13900001111"
    new["business_name"] = old["business_name"] + "二店"
    new["operator"]["id_document"]["number"] = "11010519491231002X"
    changes = {c.path: c for c in field_changes(old, new, mask=True)}
    assert set(changes) == {"operator.mobile", "business_name", "operator.id_document.number"}
    mobile = changes["operator.mobile"]
    assert mobile.personal and mobile.masked and mobile.new == "139****1111"
    assert mobile.old is not None and old["operator"]["mobile"] not in mobile.old
    assert changes["operator.id_document.number"].new == "110105********002X"
    name = changes["business_name"]
    assert not name.personal and not name.masked and name.new == new["business_name"]
    # The full detail reads personal data anyway: unmasked there.
    assert {c.path: c.new for c in field_changes(old, new, mask=False)}["operator.mobile"] == "13900001111"
    assert field_changes(old, copy.deepcopy(old), mask=True) == []


def test_list_items_are_indexed_and_added_or_removed_leaves_count() -> None:
    old = load_sample_application().to_dict()
    new = copy.deepcopy(old)
    member = {"name": "李四", "relationship": "配偶", "political_status": "", "signed": True,
              "id_document": {"doc_type": "resident_id", "number": ""}}
    new["family_members"] = [*old["family_members"], member]
    index = len(old["family_members"])
    paths = {c.path: c for c in field_changes(old, new, mask=True)}
    assert f"family_members[{index}].name" in paths
    added = paths[f"family_members[{index}].name"]
    assert added.old is None and added.new == "李*" and added.masked
    assert {c.path for c in field_changes(new, old, mask=True)} == set(paths)  # removals too


def test_documents_replaced_added_and_removed_by_slot() -> None:
    a, b, c, d = (blob_bytes(100, seed=i) for i in range(4))
    old = [_ref("operator_id_front", 0, a), _ref("premises_proof", 0, b), _ref("lease", 0, c)]
    new = [_ref("operator_id_front", 0, a), _ref("premises_proof", 0, d), _ref("signature", 0, c)]
    changes = {ch.slot: ch for ch in document_changes(old, new)}
    assert set(changes) == {"premises_proof", "lease", "signature"}
    assert changes["premises_proof"].change == "replaced"
    proof = changes["premises_proof"]
    assert proof.old_sha256 == [sha(b)] and proof.new_sha256 == [sha(d)]
    assert changes["lease"].change == "removed" and changes["signature"].change == "added"
    # A page added to a slot is a replacement of that slot's pages.
    assert document_changes(old, [*old, _ref("lease", 1, d)])[0].change == "replaced"


def test_review_detail_of_a_resubmission_shows_what_changed(api: Api, client: httpx.Client, clerk_a: Auth,
                                                           reviewer: Auth) -> None:
    first, second = blob_bytes(2000, seed=1), blob_bytes(2100, seed=2)
    api.upload(clerk_a, first)
    api.upload(clerk_a, second)
    sub = submission(blobs=[first])
    assert api.submit(clerk_a, sub).status_code == 201
    detail_path = rp.review_case_path(sub.case_id)
    assert client.post(rp.review_case_path(sub.case_id, "claim"), headers=reviewer.headers).status_code == 200
    v1 = rp.ReviewCaseDetail.model_validate(client.get(detail_path, headers=reviewer.headers).json())
    assert v1.previous_version is None and v1.changes_from_previous == [] and v1.replaced_documents == []
    items = [{"target": "field", "path": "operator.mobile", "phrase": "incomplete", "text": ""},
             {"target": "document", "path": "operator_id_front", "phrase": "illegible", "text": ""}]
    returned = client.post(rp.review_case_path(sub.case_id, "return"), headers=reviewer.headers,
                           json={"items": items})
    assert returned.status_code == 200, returned.text

    application = copy.deepcopy(sub.application)
    application["operator"]["mobile"] = "13900001111"
    v2 = submission(case_id=sub.case_id, version=2, blobs=[second], application=application)
    assert api.submit(clerk_a, v2).status_code == 201
    detail = rp.ReviewCaseDetail.model_validate(client.get(detail_path, headers=reviewer.headers).json())
    assert detail.previous_version == 1
    assert [(c.path, c.new, c.masked) for c in detail.changes_from_previous] == [
        ("operator.mobile", "13900001111", False)]
    assert [(d.slot, d.change, d.new_sha256) for d in detail.replaced_documents] == [
        ("operator_id_front", "replaced", [sha(second)])]
