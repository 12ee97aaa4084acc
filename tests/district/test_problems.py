"""Every error is application/problem+json with a stable code and a Chinese message; OpenAPI is served."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError

from counter_app.district.embedded import serve_in_thread
from counter_app.district.problems import ProblemError
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.settings import DistrictSettings
from counter_app.sync import protocol as p
from tests.district.helpers import Auth, assert_problem


def test_unknown_route_is_a_404_problem(client: httpx.Client) -> None:
    assert_problem(client.get("/v1/nothing-here"), 404, p.ProblemCode.NOT_FOUND)
    assert_problem(client.get("/"), 404, p.ProblemCode.NOT_FOUND)


def test_wrong_method_is_a_405_problem(client: httpx.Client) -> None:
    response = client.delete(p.PATH_CHANGES)
    assert_problem(response, 405, p.ProblemCode.METHOD_NOT_ALLOWED)
    assert "GET" in response.headers.get("allow", "")


def test_request_validation_is_a_422_problem_with_paths(client: httpx.Client) -> None:
    response = client.post(p.PATH_DEVICES, json={"registration_code": "", "township_code": "12"})
    body = assert_problem(response, 422, p.ProblemCode.REQUEST_INVALID)
    paths = {e["path"] for e in body["errors"]}
    assert {"registration_code", "township_code", "counter_name"} <= paths
    broken = client.post(p.PATH_DEVICES, content=b"{not json", headers={"Content-Type": "application/json"})
    assert_problem(broken, 422, p.ProblemCode.REQUEST_INVALID)


def test_oversized_json_body_is_a_413_problem(client: httpx.Client, clerk_a: Auth) -> None:
    huge = b'{"x": "' + b"a" * (3 * 1024 * 1024) + b'"}'
    response = client.post(p.PATH_SESSIONS, content=huge, headers={"Content-Type": "application/json"})
    assert_problem(response, 413, p.ProblemCode.REQUEST_TOO_LARGE)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it is read
        yield b'{"username": "'
        for _ in range(40):
            yield b"a" * 65536
        yield b'", "password": "x"}'

    headers = {"Content-Type": "application/json", p.HEADER_DEVICE_TOKEN: clerk_a.device_token}
    chunked = client.post(p.PATH_SESSIONS, content=chunks(), headers=headers)
    assert_problem(chunked, 413, p.ProblemCode.REQUEST_TOO_LARGE)

    def small() -> Iterator[bytes]:
        yield b'{"username": "demo-clerk", '
        yield b'"password": "demo1234"}'

    assert client.post(p.PATH_SESSIONS, content=small(), headers=headers).status_code == 201


def _get(app: FastAPI, path: str) -> httpx.Response:
    server, thread, port = serve_in_thread(app, log_level="critical")
    try:
        return httpx.get(f"http://127.0.0.1:{port}{path}")
    finally:
        server.should_exit = True
        thread.join(10)


def test_unexpected_error_is_a_500_problem_without_internals(app: FastAPI) -> None:
    def boom() -> None:
        raise RuntimeError("secret internal detail 11010519491231002X")

    app.add_api_route("/v1/boom", boom)
    response = _get(app, "/v1/boom")
    assert_problem(response, 500, p.ProblemCode.INTERNAL)
    assert "secret" not in response.text and "Traceback" not in response.text


def test_database_trouble_is_503_with_retry_after(app: FastAPI) -> None:
    def locked() -> None:
        raise OperationalError("UPDATE blobs ...", {}, Exception("database is locked"))

    def limited() -> None:
        raise ProblemError(429, p.ProblemCode.RATE_LIMITED, "请求过于频繁，请稍后再试", "Too many requests",
                           retry_after=7)

    app.add_api_route("/v1/locked", locked)
    app.add_api_route("/v1/limited", limited)
    busy = _get(app, "/v1/locked")
    body = assert_problem(busy, 503, p.ProblemCode.UNAVAILABLE)
    assert int(busy.headers[p.HEADER_RETRY_AFTER]) >= 1 and body["retry_after"] >= 1
    assert "UPDATE" not in busy.text
    slow_down = _get(app, "/v1/limited")
    assert_problem(slow_down, 429, p.ProblemCode.RATE_LIMITED)
    assert slow_down.headers[p.HEADER_RETRY_AFTER] == "7"


def test_a_locked_sqlite_database_answers_503_not_500(settings: DistrictSettings, client: httpx.Client,
                                                      clerk_a: Auth, runtime: DistrictRuntime) -> None:
    if not runtime.db.is_sqlite:
        pytest.skip("SQLite's whole-database write lock")
    path = settings.database_url.removeprefix("sqlite:///")
    blocker = sqlite3.connect(path, timeout=0)
    try:
        blocker.execute("BEGIN EXCLUSIVE")  # another process holding the write lock past busy_timeout
        data = b"x" * 100
        response = client.put(p.blob_path(hashlib.sha256(data).hexdigest()), content=data,
                              headers={**clerk_a.headers, p.HEADER_CONTENT_RANGE: "bytes 0-99/100"})
    finally:
        blocker.rollback()
        blocker.close()
    assert_problem(response, 503, p.ProblemCode.UNAVAILABLE)
    assert p.HEADER_RETRY_AFTER in response.headers


def test_every_answer_names_the_protocol_version(client: httpx.Client) -> None:
    assert client.get("/v1/health").headers[p.HEADER_PROTOCOL_VERSION] == "1"
    assert client.get("/nope").headers[p.HEADER_PROTOCOL_VERSION] == "1"


def test_openapi_describes_the_protocol(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/v1/devices", "/v1/sessions", "/v1/blobs/{sha256}",
                 "/v1/cases/{case_id}/versions/{version}",
                 "/v1/cases/{case_id}", "/v1/changes"):
        assert path in paths, path
    assert {"head", "put", "get"} <= set(paths["/v1/blobs/{sha256}"])
    assert "CaseSubmission" in schema["components"]["schemas"]
