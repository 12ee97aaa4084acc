"""The district service's FastAPI application: `create_app(settings)`.

    app = create_app(DistrictSettings.for_data_dir(Path("/srv/district")))
    uvicorn.run(app, host="0.0.0.0", port=8443)

Migrations run when the app is created. OpenAPI is served at /openapi.json (docs at /docs).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from counter_app.district import (
    routes_admin,
    routes_auth,
    routes_blobs,
    routes_cases,
    routes_escrow,
    routes_release,
    routes_review,
    text_guard,
)
from counter_app.district.deps import Runtime
from counter_app.district.ingest_lane import IngestLane, replay
from counter_app.district.problems import ProblemError, install_problem_handlers, problem_response
from counter_app.district.runtime import DistrictRuntime, build_runtime
from counter_app.district.settings import DistrictSettings
from counter_app.sync.protocol import HEADER_PROTOCOL_VERSION, PROTOCOL_VERSION, ProblemCode

_VERSION_HEADER = (HEADER_PROTOCOL_VERSION.lower().encode(), str(PROTOCOL_VERSION).encode())


class ProtocolMiddleware:
    """Adds X-Protocol-Version to every answer and refuses oversized JSON bodies before they are read
    (blob chunks have their own limit, checked against Content-Range)."""

    def __init__(self, app: ASGIApp, max_json_bytes: int) -> None:
        self.app = app
        self.max_json_bytes = max_json_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not scope["path"].startswith("/v1/blobs/"):
            headers = dict(scope["headers"])
            length = headers.get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_json_bytes):
                await self._too_large()(scope, receive, self._with_version(send))
                return
            if length is None and b"chunked" in headers.get(b"transfer-encoding", b""):
                # No length to check: read the (small) JSON body here, bounded, then hand it on.
                body = bytearray()
                while True:
                    message = await receive()
                    if message["type"] != "http.request":
                        return  # the client went away
                    body += message.get("body", b"")
                    if len(body) > self.max_json_bytes:
                        await self._too_large()(scope, receive, self._with_version(send))
                        return
                    if not message.get("more_body", False):
                        break
                receive = replay(bytes(body), receive)
        await self.app(scope, receive, self._with_version(send))

    def _too_large(self) -> ASGIApp:
        return problem_response(ProblemError(
            413, ProblemCode.REQUEST_TOO_LARGE, "请求内容过大",
            f"The request body exceeds {self.max_json_bytes} bytes", limit=self.max_json_bytes))

    @staticmethod
    def _with_version(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      _VERSION_HEADER]
            await send(message)
        return wrapped


def create_app(settings: DistrictSettings, *, runtime: DistrictRuntime | None = None) -> FastAPI:
    """The ASGI app for one process. Builds (and migrates) the runtime unless one is given."""
    district = runtime or build_runtime(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        yield
        district.close()

    app = FastAPI(title="个体工商户登记 区县审核服务 / District review service",
                  version=f"{PROTOCOL_VERSION}", lifespan=lifespan,
                  description="Sync protocol v1 between township counters and the district service.",
                  # Free text with control characters is refused before any route runs (text_guard).
                  dependencies=[Depends(text_guard.refuse_control_characters)])
    app.state.district = district
    install_problem_handlers(app)
    app.include_router(routes_auth.router)
    app.include_router(routes_admin.router)
    app.include_router(routes_blobs.router)
    app.include_router(routes_cases.router)
    app.include_router(routes_review.router)
    app.include_router(routes_escrow.router)
    # Middleware added later wraps what was added before: ProtocolMiddleware → MinimumVersionGate →
    # IngestLane → FastAPI's routing. The lane answers the outbox's hot requests itself (ingest_lane.py).
    app.add_middleware(IngestLane)
    routes_release.install(app)  # also the minimum-version gate on submissions

    @app.get("/v1/health", tags=["service"], summary="Liveness and database check (no sign-in)")
    def health(runtime: Runtime) -> dict[str, Any]:
        runtime.ping()
        return {"status": "ok", "protocol_version": PROTOCOL_VERSION,
                "district_code": runtime.settings.district_code}

    app.add_middleware(ProtocolMiddleware, max_json_bytes=settings.max_json_bytes)
    return app
