"""/v1/client-version (signed-in devices), /v1/admin/client-version (administrators), and the gate
that refuses case submissions from a counter program below the published minimum version."""

from __future__ import annotations

import re

from fastapi import APIRouter, FastAPI, Request
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from counter_app.district import releases
from counter_app.district.deps import Caller, Runtime
from counter_app.district.problems import problem_response
from counter_app.district.runtime import DistrictRuntime
from counter_app.sync.release_protocol import HEADER_CLIENT_VERSION, ClientRelease, ClientReleaseUpdate

router = APIRouter(prefix="/v1", tags=["updates"])
_SUBMISSION = re.compile(r"^/v1/cases/[^/]+/versions/[^/]+$")
_HEADER = HEADER_CLIENT_VERSION.lower().encode("latin-1")


def _cache(request: Request) -> releases.ReleaseCache:
    cache: releases.ReleaseCache = request.app.state.release_cache
    return cache


@router.get("/client-version", response_model=ClientRelease,
            summary="The counter program version published by the administrator")
def get_client_version(runtime: Runtime, _caller: Caller) -> ClientRelease:
    with runtime.db.read() as session:
        return releases.current(session)


@router.put("/admin/client-version", response_model=ClientRelease,
            summary="Publish the current and minimum counter program version (administrators)")
def put_client_version(body: ClientReleaseUpdate, request: Request, runtime: Runtime,
                       caller: Caller) -> ClientRelease:
    with runtime.db.write() as session:
        published = releases.publish(session, body, by=caller.username, caller=caller)
    _cache(request).clear()
    return published


class MinimumVersionGate:
    """Refuses PUT /v1/cases/{id}/versions/{n} from a client below the minimum (426 client.too_old)
    before the body is read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "PUT" and _SUBMISSION.match(scope["path"]):
            app = scope["app"]
            cache: releases.ReleaseCache = app.state.release_cache
            release = cache.get()
            if release is None:
                runtime: DistrictRuntime = app.state.district
                release = await run_in_threadpool(_read_release, runtime)
                cache.put(release)
            raw = dict(scope["headers"]).get(_HEADER)
            problem = releases.too_old_problem(raw.decode("latin-1") if raw else None, release)
            if problem is not None:
                await problem_response(problem)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _read_release(runtime: DistrictRuntime) -> ClientRelease:
    with runtime.db.read() as session:
        return releases.current(session)


def install(app: FastAPI) -> None:
    """The routes and the gate (called by create_app)."""
    app.state.release_cache = releases.ReleaseCache()
    app.include_router(router)
    app.add_middleware(MinimumVersionGate)
