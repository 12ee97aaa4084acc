"""The security matrix: every route of the district service × every kind of caller, allowed or refused
as architecture.md's Roles table says (clerks: their own township's cases and uploads; reviewers: review
and decide, never edit case data; administrators: accounts, devices, settings, no case decisions;
nobody without a valid, unrevoked device and session). Runs on SQLite and PostgreSQL.

The routes are read from the app itself: a new route without an entry in MATRIX fails the test, so
nobody adds an endpoint without deciding who may call it. Allowed means a 2xx answer with the state each
entry prepares (a claimed case for a decision, an approved one for dispatch, ...); refused means 401 for
the anonymous and the revoked caller, 403 for a wrong role or township (404 where the route hides that
another township's resource exists), always as a problem document with a Chinese message.
"""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Route

from counter_app.district.accounts import NewUser, add_user, revoke_device
from counter_app.district.runtime import DistrictRuntime
from counter_app.domain.status import Role
from counter_app.sync import protocol as p
from counter_app.sync import review_protocol as rp
from counter_app.sync.blob_batch import BATCH_CONTENT_TYPE, PATH_BLOB_BATCH, encode_batch
from tests.district.helpers import Api, Auth, blob_bytes, sha, submission

ANONYMOUS, CLERK_A, CLERK_B, REVIEWER, ADMIN, REVOKED = (
    "anonymous", "clerk_a", "clerk_b", "reviewer", "admin", "revoked")
CALLERS = (ANONYMOUS, CLERK_A, CLERK_B, REVIEWER, ADMIN, REVOKED)
SIGNED_IN = frozenset({CLERK_A, CLERK_B, REVIEWER, ADMIN})
EVERYONE = frozenset(CALLERS)
USERS = {CLERK_A: "demo-clerk", CLERK_B: "demo-clerk-2", REVIEWER: "demo-reviewer", ADMIN: "demo-admin",
         REVOKED: "demo-clerk"}
TOWNSHIP_A = "510411001"
TARGET_USER = "matrix-target"


@dataclass
class World:
    """The callers and helpers that build the state an entry needs (fresh for every call)."""

    api: Api
    client: httpx.Client
    runtime: DistrictRuntime
    auths: dict[str, Auth]
    _counter: int = field(default=0)

    def headers(self, caller: str) -> dict[str, str]:
        return {} if caller == ANONYMOUS else self.auths[caller].headers

    def request(self, caller: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers(caller), **kwargs.pop("headers", {})}
        return self.client.request(method, path, headers=headers, **kwargs)

    def blob(self) -> bytes:
        self._counter += 1
        return blob_bytes(1500, seed=10_000 + self._counter)

    def case(self, *, blobs: list[bytes] | None = None, deferred: bool = False) -> p.CaseSubmission:
        """A township-A case submitted by clerk A (its blobs uploaded first)."""
        for data in blobs or []:
            self.api.upload(self.auths[CLERK_A], data)
        sub = submission(township=TOWNSHIP_A, blobs=blobs)
        if deferred:
            sub = sub.model_copy(update={"status": "accepted_with_deferrals", "deferred": [
                p.DeferredItem(slot="premises_proof", delivery="counter", due_date=date(2026, 12, 31))]})
        response = self.api.submit(self.auths[CLERK_A], sub)
        assert response.status_code == 201, response.text
        return sub

    def claimed(self) -> str:
        case_id = self.case().case_id
        self.ok(REVIEWER, "POST", rp.review_case_path(case_id, "claim"))
        return case_id

    def approved(self) -> str:
        case_id = self.claimed()
        self.ok(REVIEWER, "POST", rp.review_case_path(case_id, "approve"), json={"reason": "材料齐全"})
        return case_id

    def ok(self, caller: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = self.request(caller, method, path, **kwargs)
        assert response.status_code < 300, (method, path, response.text)
        return response

    def new_device(self) -> p.DeviceToken:
        return self.api.register(TOWNSHIP_A)

    def backup_key(self) -> str:
        key_id = str(uuid.uuid4())
        self.ok(CLERK_A, "PUT", f"/v1/backup-keys/{key_id}", json=_deposit())
        return key_id


def _deposit() -> dict[str, str]:
    return {"key": base64.b64encode(os.urandom(32)).decode("ascii"), "counter_name": "1号窗口"}


Call = Callable[[World, str], httpx.Response]


@dataclass(frozen=True)
class Entry:
    allowed: frozenset[str]
    call: Call
    hidden_from: frozenset[str] = frozenset()  # refused with 404: the resource is not theirs to know of


def _sign_in(w: World, caller: str) -> httpx.Response:
    auth = w.auths.get(caller)
    headers = {p.HEADER_DEVICE_TOKEN: auth.device_token} if auth and caller != ANONYMOUS else {}
    return w.client.post(p.PATH_SESSIONS, json={"username": USERS.get(caller, "demo-clerk"),
                                                "password": "demo1234"}, headers=headers)


def _sign_out(w: World, caller: str) -> httpx.Response:
    if caller in SIGNED_IN:  # a fresh session on the caller's device, so the matrix keeps its own
        auth = w.auths[caller]
        fresh = w.api.sign_in(USERS[caller], device=p.DeviceToken(device_id=auth.device_id,
                                                                  device_token=auth.device_token))
        return w.client.delete("/v1/sessions/current", headers=fresh.headers)
    return w.request(caller, "DELETE", "/v1/sessions/current")


def _put_blob(w: World, caller: str) -> httpx.Response:
    data = w.blob()
    return w.request(caller, "PUT", p.blob_path(sha(data)), content=data,
                     headers={p.HEADER_CONTENT_RANGE: p.content_range(0, len(data) - 1, len(data)),
                              "Content-Type": p.BLOB_CONTENT_TYPE})


def _put_blob_batch(w: World, caller: str) -> httpx.Response:
    frames = [(sha(data), data) for data in (w.blob(), w.blob())]
    return w.request(caller, "POST", PATH_BLOB_BATCH, content=encode_batch(frames),
                     headers={"Content-Type": BATCH_CONTENT_TYPE})


def _get_blob(w: World, caller: str) -> httpx.Response:
    data = w.blob()
    w.case(blobs=[data])
    return w.request(caller, "GET", p.blob_path(sha(data)))


def _submit(w: World, caller: str) -> httpx.Response:
    sub = submission(township=TOWNSHIP_A)
    return w.request(caller, "PUT", p.case_version_path(sub.case_id, 1), content=sub.model_dump_json(),
                     headers={"Content-Type": "application/json"})


def _deferred(w: World, caller: str) -> httpx.Response:
    sub = w.case(deferred=True)
    data = w.blob()
    w.api.upload(w.auths[CLERK_A], data)
    return w.request(caller, "POST", rp.deferred_supply_path(sub.case_id, "premises_proof"),
                     json={"sha256": sha(data)})


def _on_claimed(action: str, body: dict[str, Any] | None = None) -> Call:
    def call(w: World, caller: str) -> httpx.Response:
        return w.request(caller, "POST", rp.review_case_path(w.claimed(), action), json=body or {})
    return call


def _on_case(method: str, action: str | None, body: dict[str, Any] | None = None) -> Call:
    """`action` None: the case itself (/v1/cases/{id}); "": the review view; else a review action."""
    def call(w: World, caller: str) -> httpx.Response:
        case_id = w.case().case_id
        path = p.case_path(case_id) if action is None else rp.review_case_path(case_id, action)
        if body is None:
            return w.request(caller, method, path)
        return w.request(caller, method, path, json=body)
    return call


RETURN = {"items": [{"target": "field", "path": "operator.mobile", "phrase": "incomplete", "text": "请补充"}]}
RELEASE = {"current_version": "1.0.0", "minimum_version": "0.0.1", "download_url": "https://example.gov.cn/c"}

MATRIX: dict[tuple[str, str], Entry] = {
    # Public: documentation, liveness, registration (the one-time code is the credential).
    ("GET", "/openapi.json"): Entry(EVERYONE, lambda w, c: w.request(c, "GET", "/openapi.json")),
    ("GET", "/docs"): Entry(EVERYONE, lambda w, c: w.request(c, "GET", "/docs")),
    ("GET", "/docs/oauth2-redirect"): Entry(EVERYONE, lambda w, c: w.request(c, "GET",
                                                                            "/docs/oauth2-redirect")),
    ("GET", "/redoc"): Entry(EVERYONE, lambda w, c: w.request(c, "GET", "/redoc")),
    ("GET", "/v1/health"): Entry(EVERYONE, lambda w, c: w.request(c, "GET", "/v1/health")),
    ("POST", "/v1/devices"): Entry(EVERYONE, lambda w, c: w.request(c, "POST", p.PATH_DEVICES, json={
        "registration_code": "DEMO-RENH-E001", "township_code": TOWNSHIP_A, "counter_name": "窗口"})),
    # Sign-in needs a registered, unrevoked device; sign-out a valid session.
    ("POST", "/v1/sessions"): Entry(SIGNED_IN, _sign_in),
    ("DELETE", "/v1/sessions/current"): Entry(SIGNED_IN, _sign_out),
    # Administrators: devices, accounts, the published client version.
    ("GET", "/v1/admin/devices"): Entry(frozenset({ADMIN}),
                                        lambda w, c: w.request(c, "GET", "/v1/admin/devices")),
    ("POST", "/v1/admin/devices/{device_id}/revoke"): Entry(frozenset({ADMIN}), lambda w, c: w.request(
        c, "POST", f"/v1/admin/devices/{w.new_device().device_id}/revoke")),
    ("POST", "/v1/admin/users/{username}/disable"): Entry(frozenset({ADMIN}), lambda w, c: w.request(
        c, "POST", f"/v1/admin/users/{TARGET_USER}/disable")),
    ("POST", "/v1/admin/users/{username}/enable"): Entry(frozenset({ADMIN}), lambda w, c: w.request(
        c, "POST", f"/v1/admin/users/{TARGET_USER}/enable")),
    ("GET", "/v1/client-version"): Entry(SIGNED_IN, lambda w, c: w.request(c, "GET", "/v1/client-version")),
    # Uploads and submissions: clerks, for their own township.
    ("HEAD", "/v1/blobs/{sha256}"): Entry(frozenset({CLERK_A, CLERK_B, REVIEWER}), lambda w, c: w.request(
        c, "HEAD", p.blob_path(sha(w.blob())))),
    ("PUT", "/v1/blobs/{sha256}"): Entry(frozenset({CLERK_A, CLERK_B}), _put_blob),
    ("POST", "/v1/blobs/batch"): Entry(frozenset({CLERK_A, CLERK_B}), _put_blob_batch),
    ("GET", "/v1/blobs/{sha256}"): Entry(frozenset({CLERK_A, REVIEWER}), _get_blob,
                                         hidden_from=frozenset({CLERK_B})),
    ("PUT", "/v1/cases/{case_id}/versions/{version}"): Entry(frozenset({CLERK_A}), _submit),
    ("POST", "/v1/cases/{case_id}/deferred/{slot}"): Entry(frozenset({CLERK_A}), _deferred),
    ("GET", "/v1/cases/{case_id}"): Entry(frozenset({CLERK_A, REVIEWER}), _on_case("GET", None)),
    ("GET", "/v1/changes"): Entry(frozenset({CLERK_A, CLERK_B, REVIEWER}),
                                  lambda w, c: w.request(c, "GET", p.PATH_CHANGES)),
    ("PUT", "/v1/backup-keys/{key_id}"): Entry(frozenset({CLERK_A, CLERK_B}), lambda w, c: w.request(
        c, "PUT", f"/v1/backup-keys/{uuid.uuid4()}", json=_deposit())),
    ("GET", "/v1/backup-keys/{key_id}"): Entry(frozenset({CLERK_A, ADMIN}), lambda w, c: w.request(
        c, "GET", f"/v1/backup-keys/{w.backup_key()}")),
    # Review: reviewers decide; administrators see the queue and statistics and reassign, never decide.
    ("POST", "/v1/cases/{case_id}/transitions"): Entry(frozenset({REVIEWER}), lambda w, c: w.request(
        c, "POST", p.case_transitions_path(w.case().case_id), json={"target": "in_review", "reason": ""})),
    ("GET", "/v1/review/queue"): Entry(frozenset({REVIEWER, ADMIN}),
                                       lambda w, c: w.request(c, "GET", rp.PATH_REVIEW_QUEUE)),
    ("POST", "/v1/review/claim-next"): Entry(frozenset({REVIEWER}), lambda w, c: (
        w.case(), w.request(c, "POST", rp.PATH_REVIEW_CLAIM_NEXT))[1]),
    ("GET", "/v1/review/phrases"): Entry(SIGNED_IN, lambda w, c: w.request(c, "GET", rp.PATH_REVIEW_PHRASES)),
    ("GET", "/v1/review/stats"): Entry(frozenset({REVIEWER, ADMIN}),
                                       lambda w, c: w.request(c, "GET", rp.PATH_REVIEW_STATS)),
    ("GET", "/v1/review/townships"): Entry(frozenset({REVIEWER, ADMIN}),
                                           lambda w, c: w.request(c, "GET", rp.PATH_REVIEW_TOWNSHIPS)),
    ("GET", "/v1/review/cases/{case_id}"): Entry(frozenset({REVIEWER}), _on_case("GET", "")),
    ("GET", "/v1/review/cases/{case_id}/state"): Entry(frozenset({REVIEWER, ADMIN}),
                                                       _on_case("GET", "state")),
    ("POST", "/v1/review/cases/{case_id}/claim"): Entry(frozenset({REVIEWER}), _on_case("POST", "claim", {})),
    ("POST", "/v1/review/cases/{case_id}/release"): Entry(frozenset({REVIEWER}), _on_claimed("release")),
    ("POST", "/v1/review/cases/{case_id}/reassign"): Entry(frozenset({ADMIN}), _on_claimed(
        "reassign", {"username": "demo-reviewer"})),
    ("POST", "/v1/review/cases/{case_id}/approve"): Entry(frozenset({REVIEWER}), _on_claimed(
        "approve", {"reason": "材料齐全"})),
    ("POST", "/v1/review/cases/{case_id}/return"): Entry(frozenset({REVIEWER}),
                                                         _on_claimed("return", RETURN)),
    ("POST", "/v1/review/cases/{case_id}/refuse"): Entry(frozenset({REVIEWER}), _on_claimed(
        "refuse", {"reasons": ["经营范围属于禁止类"]})),
    ("POST", "/v1/review/cases/{case_id}/extension"): Entry(frozenset({REVIEWER}), _on_claimed(
        "extension", {"reason": "需要现场核查"})),
    ("POST", "/v1/review/cases/{case_id}/dispatch"): Entry(frozenset({REVIEWER}), lambda w, c: w.request(
        c, "POST", rp.review_case_path(w.approved(), "dispatch"), json={"method": "hand"})),
    # Last: once a minimum version is published, requests without a version header are refused.
    ("PUT", "/v1/admin/client-version"): Entry(frozenset({ADMIN}), lambda w, c: w.request(
        c, "PUT", "/v1/admin/client-version", json=RELEASE)),
}


def _routes(routes: list[BaseRoute]) -> Iterator[tuple[str, str]]:
    """(method, path) of every route, descending into included routers."""
    for route in routes:
        original = getattr(route, "original_router", None)
        if original is not None:
            yield from _routes(list(original.routes))
        elif isinstance(route, (APIRoute, Route)):
            for method in sorted(route.methods or ()):
                if method == "HEAD" and "GET" in (route.methods or ()) and not isinstance(route, APIRoute):
                    continue  # Starlette adds HEAD to its own GET routes (the docs)
                yield method, route.path


def test_every_route_has_an_entry(app: FastAPI) -> None:
    served = set(_routes(list(app.routes)))
    assert served, "no routes found"
    missing = sorted(served - set(MATRIX))
    assert not missing, f"routes without a security matrix entry (decide who may call them): {missing}"
    stale = sorted(set(MATRIX) - served)
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"
    documented = {(m.upper(), path) for path, ops in app.openapi()["paths"].items() for m in ops}
    assert documented <= served


@pytest.fixture
def world(api: Api, client: httpx.Client, runtime: DistrictRuntime, clerk_a: Auth, clerk_b: Auth,
          reviewer: Auth, admin: Auth) -> World:
    revoked = api.sign_in("demo-clerk", township=TOWNSHIP_A)
    with runtime.db.write() as session:
        assert revoke_device(session, revoked.device_id)
        target = NewUser(TARGET_USER, Role.CLERK, TOWNSHIP_A, "目标")
        add_user(session, runtime.passwords, target, "a-password")
    return World(api, client, runtime, {CLERK_A: clerk_a, CLERK_B: clerk_b, REVIEWER: reviewer, ADMIN: admin,
                                        REVOKED: revoked})


def _refusal(response: httpx.Response, statuses: set[int]) -> str | None:
    """None if `response` is a proper refusal; else what is wrong with it."""
    if response.status_code not in statuses:
        return f"status {response.status_code}"
    if response.request.method == "HEAD":
        return None  # no body to check
    if not response.headers.get("content-type", "").startswith(p.PROBLEM_CONTENT_TYPE):
        return "not a problem document"
    body = response.json()
    if not any("\u4e00" <= ch <= "\u9fff" for ch in body.get("message_zh", "")):
        return "no Chinese message"
    return None


def test_matrix(world: World) -> None:
    failures: list[str] = []
    for (method, path), entry in MATRIX.items():
        for caller in CALLERS:
            response = entry.call(world, caller)
            assert response.request.method == method, (method, path)
            if caller in entry.allowed:
                if not 200 <= response.status_code < 300:
                    failures.append(f"{method} {path} as {caller}: expected allowed, got "
                                    f"{response.status_code} {response.text[:160]}")
                continue
            if caller in (ANONYMOUS, REVOKED):
                expected = {401}
            elif caller in entry.hidden_from:
                expected = {404}
            else:
                expected = {403}
            wrong = _refusal(response, expected)
            if wrong:
                failures.append(f"{method} {path} as {caller}: expected {sorted(expected)}, {wrong}: "
                                f"{response.text[:160]}")
    assert not failures, "\n".join(failures)


def test_cross_township_data_stays_out_of_sight(world: World) -> None:
    """Clerk B never sees township A's cases: not in B's change feed, not by id, not their images, and
    B cannot submit, supply or fetch backup keys for A."""
    data = world.blob()
    sub = world.case(blobs=[data])
    feed = world.api.all_changes(world.auths[CLERK_B])
    assert sub.case_id not in {c.case_id for c in feed}
    assert sub.case_id in {c.case_id for c in world.api.all_changes(world.auths[CLERK_A])}
    assert world.request(CLERK_B, "GET", p.case_path(sub.case_id)).status_code == 403
    assert world.request(CLERK_B, "GET", p.blob_path(sha(data))).status_code == 404
    again = sub.model_copy(update={"version": 2})
    assert world.request(CLERK_B, "PUT", p.case_version_path(sub.case_id, 2), content=again.model_dump_json(),
                         headers={"Content-Type": "application/json"}).status_code == 403
    # A clerk of B on a device registered to A is refused at sign-in already.
    device_a = world.new_device()
    refused = world.client.post(p.PATH_SESSIONS, json={"username": "demo-clerk-2", "password": "demo1234"},
                                headers={p.HEADER_DEVICE_TOKEN: device_a.device_token})
    assert refused.status_code == 403
