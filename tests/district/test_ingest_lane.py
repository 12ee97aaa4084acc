"""The ingest lane (counter_app/district/ingest_lane.py) answers the outbox's hot requests itself and
must answer them exactly as FastAPI's routes do. Each request here is sent twice over real HTTP, on
SQLite and PostgreSQL: once through the lane, once with the lane stepping aside (everything to FastAPI);
status, problem code and error paths must agree. Both ways a process runs a request's work are covered:
in worker threads (one process) and on the event loop (each process of `serve --workers N`)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from counter_app.district import ingest_lane
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.settings import DistrictSettings
from counter_app.sync import protocol as p
from counter_app.sync.blob_batch import BATCH_CONTENT_TYPE, PATH_BLOB_BATCH, encode_batch
from tests.district.helpers import Api, Auth, blob_bytes, sha, submission

Send = Callable[[httpx.Client, Auth, str], httpx.Response]


def _case(body_change: Callable[[dict[str, Any]], None] | None = None, *,
          content_type: str = "application/json", path_id: str | None = None, query: str = "") -> Send:
    def send(client: httpx.Client, auth: Auth, _run: str) -> httpx.Response:
        sub = submission(blobs=[blob_bytes(1_000, 7)], thumbs=[blob_bytes(300, 8)])
        body = sub.model_dump(mode="json")
        if body_change:
            body_change(body)
        return client.put(p.case_version_path(path_id or sub.case_id, 1) + query, content=json.dumps(body),
                          headers={**auth.headers, "Content-Type": content_type})
    return send


def _batch(frames: Callable[[str], list[tuple[str, bytes]]], *, content_type: str = BATCH_CONTENT_TYPE,
           headers: Callable[[Auth], dict[str, str]] = lambda auth: auth.headers) -> Send:
    def send(client: httpx.Client, auth: Auth, run: str) -> httpx.Response:
        return client.post(PATH_BLOB_BATCH, content=encode_batch(frames(run)),
                           headers={**headers(auth), "Content-Type": content_type})
    return send


def _good_frames(run: str) -> list[tuple[str, bytes]]:
    data = [blob_bytes(2_000, hash((run, i)) % 10_000) for i in range(2)]
    return [(sha(d), d) for d in data]


def _bad_hash(run: str) -> list[tuple[str, bytes]]:
    good = _good_frames(run)
    return [good[0], (sha(b"other"), good[1][1])]


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda body: body.__setitem__(key, value)


REQUESTS: dict[str, Send] = {
    "case accepted": _case(),
    "control character in case number": _case(_set("case_number", "RH-2026\n0001")),
    "schema error": _case(_set("surprise", 1)),
    "invalid application": _case(lambda body: body["application"].__setitem__("composition", "x")),
    "url and body differ": _case(path_id=str(uuid.uuid4())),
    "case id not a uuid": _case(path_id="not-a-uuid"),
    "not json content type": _case(content_type="text/plain"),
    "query string": _case(query="?x=1"),
    "batch stored": _batch(_good_frames),
    "batch with a wrong hash": _batch(_bad_hash),
    "batch labelled json": _batch(_good_frames, content_type="application/json"),
    "batch without credentials": _batch(_good_frames, headers=lambda _auth: {}),
    "batch with a bad session": _batch(_good_frames, headers=lambda auth: {
        **auth.headers, p.HEADER_AUTHORIZATION: "Bearer nope"}),
}


@pytest.fixture(params=[False, True], ids=["worker-threads", "event-loop"])
def settings(settings: DistrictSettings, request: pytest.FixtureRequest) -> DistrictSettings:
    return dataclasses.replace(settings, work_on_event_loop=request.param)


def _summary(response: httpx.Response) -> tuple[Any, ...]:
    body: Any = response.json()
    if response.status_code >= 400:
        return (response.status_code, response.headers["content-type"], body["code"],
                sorted(e["path"] for e in body.get("errors", [])),
                response.headers.get(p.HEADER_PROTOCOL_VERSION))
    if isinstance(body, dict) and "results" in body:
        return response.status_code, [(r["complete"], r.get("code")) for r in body["results"]]
    return response.status_code, sorted(body), body.get("missing_blobs")


@pytest.mark.parametrize("name", list(REQUESTS))
def test_the_lane_answers_as_fastapi_does(name: str, client: httpx.Client, clerk_a: Auth,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    send = REQUESTS[name]
    through_lane = _summary(send(client, clerk_a, "lane"))
    with monkeypatch.context() as patch:
        patch.setattr(ingest_lane, "_route", lambda _scope: (None, None))
        through_fastapi = _summary(send(client, clerk_a, "fastapi"))
    assert through_lane == through_fastapi


def test_the_lane_takes_exactly_the_hot_requests() -> None:
    def scope(method: str, path: str, query: bytes = b"") -> dict[str, Any]:
        return {"type": "http", "method": method, "path": path, "query_string": query}

    case_path = p.case_version_path(str(uuid.uuid4()), 2)
    assert ingest_lane._route(scope("POST", PATH_BLOB_BATCH))[0] is not None
    assert ingest_lane._route(scope("PUT", case_path))[0] is not None
    assert ingest_lane._route(scope("PUT", case_path, b"a=1"))[0] is None
    assert ingest_lane._route(scope("GET", case_path))[0] is None
    assert ingest_lane._route(scope("PUT", "/v1/cases/x/versions/1x"))[0] is None
    assert ingest_lane._route(scope("GET", p.PATH_CHANGES))[0] is None
    assert ingest_lane._route({"type": "websocket", "path": PATH_BLOB_BATCH})[0] is None


def test_blob_files_are_written_away_from_the_event_loop(api: Api, clerk_a: Auth, reviewer: Auth,
                                                         runtime: DistrictRuntime,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The fsync of a stored blob waits for the disk; on a process's event loop it would hold every other
    request queued there. Whole PUTs and batches alike write their files in a worker thread."""
    written_on_loop: list[bool] = []
    put = runtime.blobs.objects.put

    def recording_put(*args: Any, **kwargs: Any) -> Any:
        try:
            asyncio.get_running_loop()
            written_on_loop.append(True)
        except RuntimeError:
            written_on_loop.append(False)
        return put(*args, **kwargs)

    monkeypatch.setattr(runtime.blobs.objects, "put", recording_put)
    whole = blob_bytes(50_000, 31)
    refused = api.put_chunk(reviewer, sha(whole), whole, 0, len(whole))
    assert refused.status_code == 403 and refused.json()["code"] == p.ProblemCode.AUTH_FORBIDDEN_ROLE
    assert written_on_loop == [] and not runtime.blobs.objects.exists(sha(whole))
    stored = api.put_chunk(clerk_a, sha(whole), whole, 0, len(whole))
    assert stored.json() == {"sha256": sha(whole), "complete": True, "offset": 50_000, "size": 50_000}
    batch = _batch(_good_frames)(api.client, clerk_a, "away")
    assert [r["complete"] for r in batch.json()["results"]] == [True, True]
    assert written_on_loop == [False, False, False]
    assert runtime.blobs.read(sha(whole)) == whole
