"""/v1/devices and /v1/sessions: counter registration and sign-in."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response

from counter_app.district import audit
from counter_app.district.accounts import register_device
from counter_app.district.auth import sign_in
from counter_app.district.credentials import token_hash
from counter_app.district.deps import Caller, Runtime, device_token, session_token
from counter_app.district.problems import ProblemError
from counter_app.district.tables import SessionRow
from counter_app.sync.protocol import (
    DeviceRegistration,
    DeviceToken,
    ProblemCode,
    SessionInfo,
    SessionRequest,
)

router = APIRouter(prefix="/v1", tags=["auth"])


@router.post("/devices", status_code=201, response_model=DeviceToken,
             summary="Register a counter device with a one-time code")
def post_device(body: DeviceRegistration, runtime: Runtime) -> DeviceToken:
    with runtime.db.write() as session:
        token = register_device(session, body)
        audit.record(session, None, "device_registered", actor="-",
                     detail=f"device={token.device_id} township={token.township_code}")
    return token


@router.post("/sessions", status_code=201, response_model=SessionInfo, summary="Sign in on a device")
def post_session(body: SessionRequest, request: Request, runtime: Runtime) -> SessionInfo:
    device = device_token(request)
    try:
        with runtime.db.write() as session:
            return sign_in(session, runtime.passwords, device, body, ttl=runtime.settings.session_ttl)
    except ProblemError as exc:
        if exc.code == ProblemCode.AUTH_INVALID_CREDENTIALS:
            with runtime.db.write() as session:  # the failed attempt is audited on its own
                audit.record(session, None, "sign_in_failed", actor=body.username[:64])
        raise


@router.delete("/sessions/current", status_code=204, summary="Sign out (revoke this session)")
def delete_session(request: Request, runtime: Runtime, caller: Caller) -> Response:
    with runtime.db.write() as session:
        row = session.get(SessionRow, token_hash(session_token(request)))
        if row is not None:
            row.revoked_at = datetime.now(UTC)
        audit.record(session, caller, "sign_out")
    return Response(status_code=204)
