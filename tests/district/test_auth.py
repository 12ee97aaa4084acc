"""Device registration, sign-in, session expiry, device revocation, township binding."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import update

from counter_app.district.accounts import add_registration_code, revoke_device, set_user_active
from counter_app.district.credentials import token_hash
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.tables import AuditRow, SessionRow
from counter_app.sync import protocol as p
from tests.district.helpers import Api, Auth, assert_problem


def _register(client: httpx.Client, code: str, township: str | None) -> httpx.Response:
    return client.post(p.PATH_DEVICES, json={"registration_code": code, "township_code": township,
                                             "counter_name": "2号窗口"})


def test_a_real_registration_code_works_once(client: httpx.Client, runtime: DistrictRuntime) -> None:
    with runtime.db.write() as session:
        code = add_registration_code(session, "510411001", created_by="test")
    first = _register(client, code.lower().replace("-", " "), "510411001")  # typed sloppily: still accepted
    assert first.status_code == 201
    assert first.json()["township_code"] == "510411001"
    assert_problem(_register(client, code, "510411001"), 403, p.ProblemCode.AUTH_REGISTRATION_CODE_INVALID)


def test_registration_refuses_unknown_expired_and_wrong_township(client: httpx.Client,
                                                                   runtime: DistrictRuntime) -> None:
    assert_problem(_register(client, "NOPE-NOPE-NOPE", "510411001"), 403,
                   p.ProblemCode.AUTH_REGISTRATION_CODE_INVALID)
    with runtime.db.write() as session:
        expired = add_registration_code(session, "510411001", created_by="test",
                                        valid_for=timedelta(seconds=-1))
        other = add_registration_code(session, "510411002", created_by="test")
    assert_problem(_register(client, expired, "510411001"), 403, p.ProblemCode.AUTH_REGISTRATION_CODE_INVALID)
    assert_problem(_register(client, other, "510411001"), 403, p.ProblemCode.AUTH_FORBIDDEN_TOWNSHIP)
    # The code that was refused for the wrong township is still unused.
    assert _register(client, other, "510411002").status_code == 201


def test_sign_in_returns_the_user_and_a_session(api: Api, client: httpx.Client) -> None:
    device = api.register("510411001")
    response = client.post(p.PATH_SESSIONS, json={"username": "demo-clerk", "password": "demo1234"},
                           headers={p.HEADER_DEVICE_TOKEN: device.device_token})
    assert response.status_code == 201
    info = p.SessionInfo.model_validate(response.json())
    assert info.user.role == "clerk" and info.user.township_code == "510411001"
    assert timedelta(hours=7) < info.expires_at - datetime.now(UTC) <= timedelta(hours=8)


def test_bad_password_and_unknown_user_look_the_same(api: Api, client: httpx.Client,
                                                      runtime: DistrictRuntime) -> None:
    device = api.register("510411001")
    headers = {p.HEADER_DEVICE_TOKEN: device.device_token}
    wrong = client.post(p.PATH_SESSIONS, json={"username": "demo-clerk", "password": "wrong-pass"},
                        headers=headers)
    unknown = client.post(p.PATH_SESSIONS, json={"username": "nobody", "password": "demo1234"},
                          headers=headers)
    a = assert_problem(wrong, 401, p.ProblemCode.AUTH_INVALID_CREDENTIALS)
    b = assert_problem(unknown, 401, p.ProblemCode.AUTH_INVALID_CREDENTIALS)
    assert a["message_zh"] == b["message_zh"] == "用户名或密码错误"
    with runtime.db.read() as session:
        failed = session.query(AuditRow).filter(AuditRow.action == "sign_in_failed").count()
    assert failed == 2


def test_sign_in_needs_a_registered_device(client: httpx.Client) -> None:
    body = {"username": "demo-clerk", "password": "demo1234"}
    assert_problem(client.post(p.PATH_SESSIONS, json=body), 401, p.ProblemCode.AUTH_MISSING_CREDENTIALS)
    assert_problem(client.post(p.PATH_SESSIONS, json=body, headers={p.HEADER_DEVICE_TOKEN: "forged"}),
                   401, p.ProblemCode.AUTH_DEVICE_INVALID)


def test_clerk_cannot_sign_in_on_another_townships_device(api: Api, client: httpx.Client) -> None:
    device_b = api.register("510411002")
    response = client.post(p.PATH_SESSIONS, json={"username": "demo-clerk", "password": "demo1234"},
                           headers={p.HEADER_DEVICE_TOKEN: device_b.device_token})
    assert_problem(response, 403, p.ProblemCode.AUTH_FORBIDDEN_TOWNSHIP)
    # District staff may use the district's device.
    api.sign_in("demo-reviewer", township=None)


def test_calls_need_both_tokens_and_the_session_belongs_to_its_device(api: Api, client: httpx.Client,
                                                                      clerk_a: Auth) -> None:
    assert client.get(p.PATH_CHANGES, headers=clerk_a.headers).status_code == 200
    assert_problem(client.get(p.PATH_CHANGES), 401, p.ProblemCode.AUTH_MISSING_CREDENTIALS)
    only_device = {p.HEADER_DEVICE_TOKEN: clerk_a.device_token}
    assert_problem(client.get(p.PATH_CHANGES, headers=only_device), 401,
                   p.ProblemCode.AUTH_MISSING_CREDENTIALS)
    forged = {**clerk_a.headers, p.HEADER_AUTHORIZATION: "Bearer forged"}
    assert_problem(client.get(p.PATH_CHANGES, headers=forged), 401, p.ProblemCode.AUTH_SESSION_INVALID)
    # A session token stolen from one counter is useless with another counter's device token.
    other_device = api.register("510411001")
    moved = {**clerk_a.headers, p.HEADER_DEVICE_TOKEN: other_device.device_token}
    assert_problem(client.get(p.PATH_CHANGES, headers=moved), 401, p.ProblemCode.AUTH_SESSION_INVALID)


def test_expired_session_is_refused(client: httpx.Client, clerk_a: Auth, runtime: DistrictRuntime) -> None:
    with runtime.db.write() as session:
        session.execute(update(SessionRow).where(SessionRow.token_hash == token_hash(clerk_a.session_token))
                        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    body = assert_problem(client.get(p.PATH_CHANGES, headers=clerk_a.headers), 401,
                          p.ProblemCode.AUTH_SESSION_EXPIRED)
    assert "重新登录" in body["message_zh"]


def test_revoking_a_device_ends_its_sessions_at_once(api: Api, client: httpx.Client, clerk_a: Auth,
                                                     runtime: DistrictRuntime) -> None:
    assert client.get(p.PATH_CHANGES, headers=clerk_a.headers).status_code == 200
    with runtime.db.write() as session:
        assert revoke_device(session, clerk_a.device_id)
    assert_problem(client.get(p.PATH_CHANGES, headers=clerk_a.headers), 401,
                   p.ProblemCode.AUTH_DEVICE_REVOKED)
    relogin = client.post(p.PATH_SESSIONS, json={"username": "demo-clerk", "password": "demo1234"},
                          headers={p.HEADER_DEVICE_TOKEN: clerk_a.device_token})
    assert_problem(relogin, 401, p.ProblemCode.AUTH_DEVICE_REVOKED)
    with runtime.db.read() as session:
        row = session.get(SessionRow, token_hash(clerk_a.session_token))
        assert row is not None and row.revoked_at is not None
    # A new registration works again.
    fresh = api.sign_in("demo-clerk", township="510411001")
    assert client.get(p.PATH_CHANGES, headers=fresh.headers).status_code == 200


def test_disabled_account_stops_working(client: httpx.Client, clerk_a: Auth,
                                        runtime: DistrictRuntime) -> None:
    with runtime.db.write() as session:
        assert set_user_active(session, "demo-clerk", False)
    assert_problem(client.get(p.PATH_CHANGES, headers=clerk_a.headers), 401, p.ProblemCode.AUTH_USER_DISABLED)


def test_sign_out_revokes_the_session(client: httpx.Client, clerk_a: Auth) -> None:
    assert client.delete(f"{p.API_PREFIX}/sessions/current", headers=clerk_a.headers).status_code == 204
    assert_problem(client.get(p.PATH_CHANGES, headers=clerk_a.headers), 401,
                   p.ProblemCode.AUTH_SESSION_INVALID)


def test_tokens_and_passwords_are_stored_as_hashes_only(clerk_a: Auth, runtime: DistrictRuntime) -> None:
    with runtime.db.read() as session:
        dumped = " ".join(str(v) for row in session.query(SessionRow).all() for v in vars(row).values())
    assert clerk_a.session_token not in dumped
    assert token_hash(clerk_a.session_token) in dumped
    if runtime.db.is_sqlite:
        raw = Path(runtime.settings.database_url.removeprefix("sqlite:///"))
        content = b"".join(f.read_bytes() for f in (raw, raw.with_name(raw.name + "-wal")) if f.exists())
        assert clerk_a.device_token.encode() not in content
        assert b"demo1234" not in content
