"""Schemathesis fuzzes every operation of the district service's OpenAPI in-process (ASGI transport),
signed in with valid credentials of the role each operation is meant for, with schema-valid and
schema-violating data: the service never answers 5xx, and every error is a problem document with a
Chinese message. Bounded (FUZZ_EXAMPLES per operation) so that CI stays fast.

Found and fixed this way: GET /v1/review/queue?offset=<2**63> was a 500 (integer overflow in the SQLite
driver); the offset is bounded now."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

from counter_app.district.app import create_app
from counter_app.district.ratelimit import DEFAULT_POLICY, Limit, RateLimitPolicy
from counter_app.district.runtime import build_runtime
from counter_app.district.seed import seed_demo
from counter_app.district.settings import DistrictSettings
from counter_app.sync import protocol as p
from tests.district.conftest import FAST_ARGON2, MAX_BLOB
from tests.district.helpers import Api, Auth

# Examples per operation and mode (~35 operations): schema-valid data, and data that breaks the schema
# (slower to generate). FUZZ_EXAMPLES=500 in the environment fuzzes deeper, e.g. before a release.
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))


@dataclass
class FuzzTarget:
    app: FastAPI
    api: Api
    auths: dict[str, Auth]

    def auth_for(self, method: str, path: str) -> Auth:
        if path == "/v1/sessions/current" and method == "DELETE":
            # Signing out would end the session the other operations use: a fresh one each time.
            return self.api.sign_in("demo-clerk", device=p.DeviceToken(
                device_id=self.auths["clerk"].device_id, device_token=self.auths["clerk"].device_token))
        if path.startswith("/v1/admin/") or (path.startswith("/v1/backup-keys/") and method == "GET"):
            return self.auths["admin"]
        if path.startswith("/v1/review/") or path.endswith("/transitions"):
            return self.auths["reviewer"]
        return self.auths["clerk"]


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzTarget]:
    root: Path = tmp_path_factory.mktemp("fuzz")
    district_settings = DistrictSettings.for_data_dir(root / "district", max_blob_bytes=MAX_BLOB,
                                                      **FAST_ARGON2)
    runtime = build_runtime(district_settings)
    seed_demo(runtime)
    app = create_app(district_settings, runtime=runtime)
    # The fuzzer's wrong passwords would soon block the test client's address and with it the fresh
    # sign-ins below; rate limits have their own tests (test_ratelimit.py).
    unlimited = {kind: Limit(10**9, 900) for kind in DEFAULT_POLICY.limits}
    app.state.rate_limits = RateLimitPolicy(limits=unlimited)
    with TestClient(app) as client:
        api = Api(client)
        auths = {"clerk": api.sign_in("demo-clerk", township="510411001"),
                 "reviewer": api.sign_in("demo-reviewer", township=None),
                 "admin": api.sign_in("demo-admin", township=None)}
        yield FuzzTarget(app, api, auths)
    runtime.close()


def _check(case: Any, target: FuzzTarget) -> None:
    method, path = case.operation.method.upper(), case.operation.path
    auth = target.auth_for(method, path)
    response = case.call(headers={**(case.headers or {}), **auth.headers})
    status = response.status_code
    assert status < 500, f"{method} {path} -> {status}: {response.text[:500]}"
    if status >= 400 and method != "HEAD":
        content_type = (response.headers.get("content-type") or [""])[0]  # schemathesis: lists of values
        assert content_type.startswith(p.PROBLEM_CONTENT_TYPE), response.text
        body = response.json()
        assert body["status"] == status and body["code"], body
        assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message_zh"]), body


def test_no_server_errors_and_every_error_is_a_problem_document(target: FuzzTarget) -> None:
    # Schemathesis's pytest plugin (from_fixture) does not run on pytest 9, so each operation's
    # strategies are driven by Hypothesis here; a failure is shrunk to its smallest example.
    api_schema = schemathesis.openapi.from_asgi("/openapi.json", target.app)
    failures: list[str] = []
    operations = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in schemathesis.GenerationMode:

            negative = mode is not schemathesis.GenerationMode.POSITIVE
            examples = max(1, FUZZ_EXAMPLES * 2 // 3 if negative else FUZZ_EXAMPLES)

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=examples, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink])
            def fuzz(case: Any) -> None:
                _check(case, target)

            try:
                fuzz()
            except Unsatisfiable:
                pass  # nothing to violate (e.g. no parameters at all in negative mode)
            except Exception as exc:  # the assertion, or anything the call raised
                failures.append(f"{operation.label} ({mode.value}): {type(exc).__name__}: {exc}")
    assert operations >= 30, operations  # the whole API was fuzzed, not an empty schema
    assert not failures, "\n\n".join(failures)
