"""/v1/devices and /v1/sessions: counter registration and sign-in."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response

from counter_app.district import audit, ratelimit
from counter_app.district.accounts import register_device
from counter_app.district.auth import sign_in
from counter_app.district.credentials import token_hash
from counter_app.district.deps import Caller, Runtime, device_token, session_token
from counter_app.district.problems import ProblemError
from counter_app.district.tables import SessionRow
from counter_app.domain.text_safety import control_characters, printable
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
def post_device(body: DeviceRegistration, request: Request, runtime: Runtime) -> DeviceToken:
    if control_characters(body.counter_name):  # shown to administrators, printed on lists: no ESC, no U+202E
        raise ProblemError(422, ProblemCode.REQUEST_INVALID, "窗口名称含有不可见的控制字符，请删除后重新输入",
                           "The counter name contains control characters")
    limiter = ratelimit.limiter_for(request)
    keys = ratelimit.register_keys(ratelimit.client_address(request))
    with runtime.db.read() as session:
        limiter.check(session, keys)  # 429 while this address is blocked
    try:
        with runtime.db.write() as session:
            token = register_device(session, body)
            audit.record(session, None, "device_registered", actor="-",
                         detail=f"device={token.device_id} township={token.township_code}")
    except ProblemError as exc:
        if exc.code in _REGISTRATION_FAILURES:
            with runtime.db.write() as session:
                if limiter.record_failure(session, keys):
                    audit.record(session, None, "registration_blocked", actor="-", detail=keys[0].kind)
        raise
    return token


_REGISTRATION_FAILURES = (ProblemCode.AUTH_REGISTRATION_CODE_INVALID, ProblemCode.AUTH_FORBIDDEN_TOWNSHIP)


@router.post("/sessions", status_code=201, response_model=SessionInfo, summary="Sign in on a device")
def post_session(body: SessionRequest, request: Request, runtime: Runtime) -> SessionInfo:
    device = device_token(request)
    limiter = ratelimit.limiter_for(request)
    keys = ratelimit.sign_in_keys(body.username, ratelimit.client_address(request))
    user_key = keys[0]
    with runtime.db.read() as session:
        # Before the password is even checked: a blocked key gets no answer about the password.
        counts = limiter.check(session, keys)
    try:
        with runtime.db.write() as session:
            info = sign_in(session, runtime.passwords, device, body, ttl=runtime.settings.session_ttl)
            if counts[user_key.kind]:
                limiter.clear(session, user_key)  # the user got in: earlier typos no longer count
            return info
    except ProblemError as exc:
        if exc.code == ProblemCode.AUTH_INVALID_CREDENTIALS:
            with runtime.db.write() as session:  # the failed attempt is audited on its own
                actor = printable(body.username)[:64]
                audit.record(session, None, "sign_in_failed", actor=actor)
                for key in limiter.record_failure(session, keys):
                    audit.record(session, None, "sign_in_blocked", actor=actor, detail=key.kind)
        raise


@router.delete("/sessions/current", status_code=204, summary="Sign out (revoke this session)")
def delete_session(request: Request, runtime: Runtime, caller: Caller) -> Response:
    with runtime.db.write() as session:
        row = session.get(SessionRow, token_hash(session_token(request)))
        if row is not None:
            row.revoked_at = datetime.now(UTC)
        audit.record(session, caller, "sign_out")
    return Response(status_code=204)
