"""FastAPI dependencies: the process's runtime and the authenticated caller of each request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from counter_app.district.auth import authenticate, missing_credentials
from counter_app.district.principal import Principal
from counter_app.district.runtime import DistrictRuntime
from counter_app.sync.protocol import HEADER_AUTHORIZATION, HEADER_DEVICE_TOKEN


async def get_runtime(request: Request) -> DistrictRuntime:  # async: no thread-pool hop for a lookup
    runtime: DistrictRuntime = request.app.state.district
    return runtime


Runtime = Annotated[DistrictRuntime, Depends(get_runtime)]


def device_token(request: Request) -> str:
    token = request.headers.get(HEADER_DEVICE_TOKEN, "").strip()
    if not token:
        raise missing_credentials()
    return token


def session_token(request: Request) -> str:
    scheme, _, token = request.headers.get(HEADER_AUTHORIZATION, "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise missing_credentials()
    return token.strip()


def current_principal(request: Request, runtime: Runtime) -> Principal:
    # A plain (sync) dependency: FastAPI runs it in the thread pool, so the database work never blocks
    # the event loop that streams blob uploads.
    device, session = device_token(request), session_token(request)
    with runtime.db.engine.connect() as connection:
        return authenticate(connection, device, session)


Caller = Annotated[Principal, Depends(current_principal)]

T = TypeVar("T")


async def as_caller(request: Request, runtime: DistrictRuntime, work: Callable[[Principal], T]) -> T:
    """Authenticate and run `work` in ONE thread-pool hop (a `Caller` dependency plus a sync endpoint
    would take two; on the hot paths that overhead is a large share of a request)."""
    return await run_in_threadpool(lambda: work(current_principal(request, runtime)))
