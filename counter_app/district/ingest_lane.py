"""The ingest lane: the requests every counter sends for every case, answered without FastAPI's routing.

A synced case is three requests (counter_app/sync/engine.py): thumbnails in one blob batch, the case
version, the full images in a second batch. On those, FastAPI's per-request machinery (route matching over
every route, dependency solving, the exception-handler and exit-stack layers) cost about as much CPU as
the route's own work. This ASGI layer recognises exactly those two routes and calls the SAME route
functions (routes_blobs.post_blob_batch, routes_cases.put_case_version) with the same checks in the same
order: the app-wide control-character guard, then the body model, then authentication and the work in
one worker-thread hop. Exceptions are answered by problems.error_response, as the installed handlers
would. Whatever the lane does not take on itself goes to FastAPI unchanged, the body replayed: a query
string, a body that is not JSON or does not match CaseSubmission (FastAPI's own 422 answers it), any
other method or path. The routes stay declared in FastAPI, so the OpenAPI schema is the same.

It sits inside ProtocolMiddleware (version header, JSON size limit) and MinimumVersionGate (426 for a
too old counter), so those apply exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from pydantic import ValidationError
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from counter_app.district import routes_blobs, routes_cases, text_guard
from counter_app.district.problems import error_response
from counter_app.district.runtime import DistrictRuntime
from counter_app.sync.blob_batch import BATCH_CONTENT_TYPE, PATH_BLOB_BATCH
from counter_app.sync.protocol import CaseSubmission

_CASE_VERSION = re.compile(r"^/v1/cases/([^/]+)/versions/([0-9]{1,9})$")
_JSON = "application/json"

Handler = Callable[[Request, DistrictRuntime, "re.Match[str] | None"], Awaitable["Response | None"]]


class IngestLane:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler, match = _route(scope)
        if handler is None:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        runtime: DistrictRuntime = scope["app"].state.district
        try:
            response = await handler(request, runtime, match)
        except ClientDisconnect:
            return  # the counter went away mid-body: nothing to answer, nothing was stored
        except Exception as exc:  # answered as FastAPI's installed handlers answer it
            response = error_response(exc)
        if response is None:  # not for the lane after all: FastAPI answers, reading the same body
            await self.app(scope, replay(await request.body(), receive), send)
            return
        await response(scope, receive, send)


def _route(scope: Scope) -> tuple[Handler | None, re.Match[str] | None]:
    if scope["type"] != "http" or scope.get("query_string"):
        return None, None
    method, path = scope["method"], scope["path"]
    if method == "POST" and path == PATH_BLOB_BATCH:
        return _blob_batch, None
    if method == "PUT" and (match := _CASE_VERSION.match(path)):
        return _case_version, match
    return None, None


async def _blob_batch(request: Request, runtime: DistrictRuntime, _match: re.Match[str] | None
                      ) -> Response | None:
    # Labelled as a batch, the body is bytes the control-character guard skips. Any other label (none,
    # JSON) goes to FastAPI, whose guard may then read the body first: same answer, same order.
    if request.headers.get("content-type", "").split(";", 1)[0].strip().lower() != BATCH_CONTENT_TYPE:
        return None
    return await routes_blobs.post_blob_batch(request, runtime)


async def _case_version(request: Request, runtime: DistrictRuntime, match: re.Match[str] | None
                        ) -> Response | None:
    assert match is not None
    content_type = request.headers.get("content-type", "")
    if content_type.split(";", 1)[0].strip().lower() != _JSON:
        return None
    await text_guard.refuse_control_characters(request)  # reads (and keeps) the body
    try:
        body = CaseSubmission.model_validate_json(await request.body())
    except ValidationError:
        return None  # FastAPI's own 422 names the fields
    return await routes_cases.put_case_version(match.group(1), int(match.group(2)), body, request, runtime)


def replay(body: bytes, receive: Receive) -> Receive:
    """`receive` for an app after us: the body we already read, then the real channel (disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()
    return replayed
