"""Case submission: idempotent by (case id, version), re-validated on the server, township-bound."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx

from counter_app.district.runtime import DistrictRuntime
from counter_app.sync import protocol as p
from tests.district.helpers import Api, Auth, assert_problem, blob_bytes, sha, submission


def test_first_submission_201_replay_200_with_the_identical_answer(api: Api, clerk_a: Auth) -> None:
    full, thumb = blob_bytes(40_000, 1), blob_bytes(4_000, 2)
    api.upload(clerk_a, thumb)  # thumbnails first, the full image later
    sub = submission(blobs=[full], thumbs=[thumb])
    first = api.submit(clerk_a, sub)
    assert first.status_code == 201
    receipt = p.SubmissionReceipt.model_validate(first.json())
    assert (receipt.case_id, receipt.version, receipt.status) == (sub.case_id, 1, "submitted")
    assert receipt.missing_blobs == [sha(full)]
    api.upload(clerk_a, full)
    replay = api.submit(clerk_a, sub)
    assert replay.status_code == 200
    assert replay.json() == first.json()  # the stored answer, unchanged
    view = api.client.get(p.case_path(sub.case_id), headers=clerk_a.headers)
    assert view.status_code == 200
    assert view.json()["missing_blobs"] == []  # the current state is in the case view
    assert view.json()["materials"][0]["sha256"] == sha(full)


def test_replay_with_equivalent_encoding_is_still_a_replay(api: Api, clerk_a: Auth) -> None:
    sub = submission()
    assert api.submit(clerk_a, sub).status_code == 201
    body = sub.model_dump(mode="json")
    body["case_id"] = body["case_id"].upper()
    body["submitted_at"] = sub.submitted_at.astimezone().isoformat()  # same instant, another offset
    assert api.submit(clerk_a, sub, body).status_code == 200


def test_different_body_under_the_same_version_is_409(api: Api, clerk_a: Auth) -> None:
    sub = submission()
    assert api.submit(clerk_a, sub).status_code == 201
    changed = sub.model_copy(update={"case_number": "RH-2026-9999"})
    body = assert_problem(api.submit(clerk_a, changed), 409, p.ProblemCode.CASE_VERSION_CONFLICT)
    assert "新版本" in body["message_zh"]


def test_invalid_case_is_422_with_field_paths(api: Api, clerk_a: Auth, runtime: DistrictRuntime) -> None:
    sub = submission()
    app = sub.application
    app["operator"]["id_document"]["number"] = "11010519491231002Y"  # bad check digit
    app["operator"]["mobile"] = "12345"
    app["commitments"]["signed"] = False
    response = api.submit(clerk_a, sub)
    body = assert_problem(response, 422, p.ProblemCode.CASE_INVALID)
    paths = {e["path"] for e in body["errors"]}
    assert "operator.id_document.number" in paths
    assert "operator.mobile" in paths
    assert all(e["severity"] == "error" and e["message_zh"] and e["code"] for e in body["errors"])
    assert api.client.get(p.case_path(sub.case_id), headers=clerk_a.headers).status_code == 404
    assert api.all_changes(clerk_a) == []  # nothing was stored


def test_malformed_application_and_inconsistent_deferrals_are_422(api: Api, clerk_a: Auth) -> None:
    sub = submission()
    sub.application["composition"] = "corporation"  # not an enum value
    body = assert_problem(api.submit(clerk_a, sub), 422, p.ProblemCode.CASE_INVALID)
    assert body["errors"][0]["path"] == "application"
    deferred = submission().model_copy(update={"status": "accepted_with_deferrals"})
    body = assert_problem(api.submit(clerk_a, deferred), 422, p.ProblemCode.CASE_INVALID)
    assert [e["path"] for e in body["errors"]] == ["deferred"]


def test_schema_errors_are_request_invalid_with_paths(api: Api, clerk_a: Auth) -> None:
    sub = submission()
    body = sub.model_dump(mode="json")
    body["materials"] = [{"slot": "x", "page": 0, "kind": "document", "sha256": "nothex", "size": 1,
                          "mime": "image/jpeg"}]
    body["surprise"] = 1
    problem = assert_problem(api.submit(clerk_a, sub, body), 422, p.ProblemCode.REQUEST_INVALID)
    paths = {e["path"] for e in problem["errors"]}
    assert "materials.0.sha256" in paths and "surprise" in paths


def test_url_and_body_must_agree(api: Api, clerk_a: Auth) -> None:
    sub = submission()
    response = api.client.put(p.case_version_path(str(uuid.uuid4()), 1), headers=clerk_a.headers,
                              json=sub.model_dump(mode="json"))
    assert_problem(response, 422, p.ProblemCode.CASE_MISMATCH)
    response = api.client.put(p.case_version_path("not-a-uuid", 1), headers=clerk_a.headers,
                              json=sub.model_dump(mode="json"))
    assert_problem(response, 422, p.ProblemCode.REQUEST_INVALID)


def test_version_two_only_after_the_district_returned_version_one(api: Api, clerk_a: Auth,
                                                                  reviewer: Auth) -> None:
    sub = submission()
    v2 = sub.model_copy(update={"version": 2})
    assert_problem(api.submit(clerk_a, v2), 409, p.ProblemCode.CASE_VERSION_NOT_ALLOWED)  # unknown case
    assert api.submit(clerk_a, sub).status_code == 201
    assert_problem(api.submit(clerk_a, v2), 409, p.ProblemCode.CASE_VERSION_NOT_ALLOWED)  # not returned
    assert api.transition(reviewer, sub.case_id, "in_review").status_code == 200
    assert api.transition(reviewer, sub.case_id, "returned", "经营场所证明不清晰").status_code == 200
    v3 = sub.model_copy(update={"version": 3})
    assert_problem(api.submit(clerk_a, v3), 409, p.ProblemCode.CASE_VERSION_NOT_ALLOWED)
    second = api.submit(clerk_a, v2)
    assert second.status_code == 201 and second.json()["version"] == 2
    assert api.submit(clerk_a, v2).status_code == 200  # replay of v2
    assert api.submit(clerk_a, sub).status_code == 200  # replay of v1 still answers
    view = api.client.get(p.case_path(sub.case_id), headers=clerk_a.headers).json()
    assert (view["version"], view["status"]) == (2, "submitted")


def test_township_rules_for_cases(api: Api, clerk_a: Auth, clerk_b: Auth, reviewer: Auth,
                                  admin: Auth) -> None:
    sub = submission()
    # Clerk B cannot submit into township A, nor read A's case.
    assert_problem(api.submit(clerk_b, sub), 403, p.ProblemCode.AUTH_FORBIDDEN_TOWNSHIP)
    assert api.submit(clerk_a, sub).status_code == 201
    assert_problem(api.client.get(p.case_path(sub.case_id), headers=clerk_b.headers), 403,
                   p.ProblemCode.AUTH_FORBIDDEN_TOWNSHIP)
    # Nor hijack it by claiming township B for the same case id.
    hijack = sub.model_copy(update={"township_code": "510411002"})
    assert_problem(api.submit(clerk_b, hijack), 403, p.ProblemCode.AUTH_FORBIDDEN_TOWNSHIP)
    # Reviewers read every case but never submit; administrators have no access to case data.
    assert api.client.get(p.case_path(sub.case_id), headers=reviewer.headers).status_code == 200
    assert_problem(api.submit(reviewer, submission()), 403, p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    assert_problem(api.client.get(p.case_path(sub.case_id), headers=admin.headers), 403,
                   p.ProblemCode.AUTH_FORBIDDEN_ROLE)


def test_clerks_and_admins_cannot_make_decisions(api: Api, clerk_a: Auth, admin: Auth,
                                                 reviewer: Auth) -> None:
    sub = submission()
    assert api.submit(clerk_a, sub).status_code == 201
    for who in (clerk_a, admin):
        assert_problem(api.transition(who, sub.case_id, "in_review"), 403, p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    assert api.transition(reviewer, sub.case_id, "in_review").status_code == 200
    for who in (clerk_a, admin):
        assert_problem(api.transition(who, sub.case_id, "approved"), 403, p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    view = api.client.get(p.case_path(sub.case_id), headers=clerk_a.headers).json()
    assert view["status"] == "in_review"


def test_status_machine_is_enforced(api: Api, clerk_a: Auth, reviewer: Auth) -> None:
    sub = submission()
    assert api.submit(clerk_a, sub).status_code == 201
    body = assert_problem(api.transition(reviewer, sub.case_id, "approved"), 409,
                          p.ProblemCode.CASE_TRANSITION_NOT_ALLOWED)
    assert "不能" in body["message_zh"]
    assert_problem(api.transition(reviewer, sub.case_id, "flying"), 422, p.ProblemCode.REQUEST_INVALID)
    assert_problem(api.transition(reviewer, str(uuid.uuid4()), "in_review"), 404,
                   p.ProblemCode.CASE_NOT_FOUND)


def test_application_data_is_encrypted_at_rest(api: Api, clerk_a: Auth, runtime: DistrictRuntime) -> None:
    sub = submission()
    id_number = sub.application["operator"]["id_document"]["number"]
    name = sub.application["operator"]["name"]
    assert len(id_number) == 18 and name
    assert api.submit(clerk_a, sub).status_code == 201
    if runtime.db.is_sqlite:
        db = Path(runtime.settings.database_url.removeprefix("sqlite:///"))
        raw = b"".join(f.read_bytes() for f in db.parent.iterdir() if f.name.startswith(db.name))
    else:
        from sqlalchemy import text

        with runtime.db.read() as session:
            raw = b"".join(bytes(r[0]) for r in session.execute(text("SELECT body_enc FROM case_versions")))
            raw += str(list(session.execute(text("SELECT * FROM audit_events")))).encode()
    assert raw  # something was read
    assert id_number.encode() not in raw
    assert name.encode() not in raw


def test_every_case_read_is_audited(api: Api, clerk_a: Auth, reviewer: Auth,
                                    runtime: DistrictRuntime) -> None:
    from counter_app.district.tables import AuditRow

    sub = submission()
    assert api.submit(clerk_a, sub).status_code == 201
    api.client.get(p.case_path(sub.case_id), headers=reviewer.headers)
    with runtime.db.read() as session:
        rows = session.query(AuditRow).filter(AuditRow.case_id == sub.case_id)
        actions = [(r.actor, r.action) for r in rows]
    assert ("demo-clerk", "case_submitted") in actions
    assert ("demo-reviewer", "case_read") in actions


def test_unknown_case_is_404(api: Api, clerk_a: Auth, client: httpx.Client) -> None:
    assert_problem(client.get(p.case_path(str(uuid.uuid4())), headers=clerk_a.headers), 404,
                   p.ProblemCode.CASE_NOT_FOUND)
