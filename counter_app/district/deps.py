"""FastAPI dependencies: the process's runtime and the authenticated caller of each request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool

from counter_app.district.auth import authenticate, authenticate_raw, missing_credentials
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
    return _authenticated(runtime, device_token(request), session_token(request))


def _authenticated(runtime: DistrictRuntime, device: str, session: str) -> Principal:
    """The caller, looked up in the database on every request (nothing cached: a revoked device or
    session fails at once). This is the first statement of a request, so it also stands in for the pool's
    pre-ping (db.py turns that off): a pooled connection the database dropped — PostgreSQL restarted —
    fails here, is discarded with every older one, and the lookup runs again on a fresh connection."""
    for attempt in (1, 2):
        try:
            if not runtime.db.is_sqlite:
                with runtime.db.raw(autocommit=True) as cursor:
                    return authenticate_raw(cursor, device, session)
            with runtime.db.lookup() as connection:
                return authenticate(connection, device, session)
        except DBAPIError as exc:
            if attempt == 2 or not exc.connection_invalidated:
                raise
    raise AssertionError("unreachable")


Caller = Annotated[Principal, Depends(current_principal)]

T = TypeVar("T")


async def as_caller(request: Request, runtime: DistrictRuntime, work: Callable[[Principal], T]) -> T:
    """Authenticate and run `work` in ONE thread-pool hop (a `Caller` dependency plus a sync endpoint
    would take two; on the hot paths that overhead is a large share of a request) or, in a process of
    `serve --workers N`, right here on the event loop (DistrictSettings.work_on_event_loop)."""
    if runtime.settings.work_on_event_loop:
        return caller_work(request, runtime, work)
    return await run_in_threadpool(lambda: caller_work(request, runtime, work))


def caller_work(request: Request, runtime: DistrictRuntime, work: Callable[[Principal], T]) -> T:
    """In a worker thread (or on the event loop, see as_caller): authenticate, then run `work`, on ONE
    pooled PostgreSQL connection that the work's own database blocks reuse (`DistrictDb.lend`). Every
    request is still authenticated against the database as it stands (nothing cached): a revoked device
    or session fails at once."""
    device, session = device_token(request), session_token(request)
    if runtime.db.is_sqlite:  # nothing is lent there (see DistrictDb)
        return work(_authenticated(runtime, device, session))
    with runtime.db.lend():
        return work(_authenticated(runtime, device, session))
