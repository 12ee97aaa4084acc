"""A lost counter PC or a compromised account is disabled by an administrator — over the API or the
command line — and its tokens stop working at once, in every server process (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from counter_app.cli import main
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.tables import AuditRow
from counter_app.sync import protocol as p
from tests.district.helpers import Api, Auth, ServerProcess, assert_problem


def _revoke(client: httpx.Client, admin: Auth, device_id: str) -> httpx.Response:
    return client.post(f"/v1/admin/devices/{device_id}/revoke", headers=admin.headers)


def _disable(client: httpx.Client, admin: Auth, username: str, action: str = "disable") -> httpx.Response:
    return client.post(f"/v1/admin/users/{username}/{action}", headers=admin.headers)


def test_admin_revokes_a_device_and_its_tokens_stop_at_once(api: Api, client: httpx.Client, clerk_a: Auth,
                                                            admin: Auth, runtime: DistrictRuntime) -> None:
    assert api.changes(clerk_a).changes == []  # works before
    listed = client.get("/v1/admin/devices", headers=admin.headers)
    assert clerk_a.device_id in [d["device_id"] for d in listed.json()]
    done = _revoke(client, admin, clerk_a.device_id)
    assert done.status_code == 200 and done.json()["device_id"] == clerk_a.device_id
    again = _revoke(client, admin, clerk_a.device_id)  # idempotent, keeps the first time
    assert again.json()["revoked_at"] == done.json()["revoked_at"]
    assert_problem(client.get(p.PATH_CHANGES, headers=clerk_a.headers), 401,
                   p.ProblemCode.AUTH_DEVICE_REVOKED)
    # Neither a new sign-in on the lost PC nor its old session token on another PC gets in.
    assert_problem(client.post(p.PATH_SESSIONS, json={"username": "demo-clerk", "password": "demo1234"},
                               headers={p.HEADER_DEVICE_TOKEN: clerk_a.device_token}),
                   401, p.ProblemCode.AUTH_DEVICE_REVOKED)
    other = api.register("510411001")
    mixed = {p.HEADER_DEVICE_TOKEN: other.device_token,
             p.HEADER_AUTHORIZATION: f"Bearer {clerk_a.session_token}"}
    assert_problem(client.get(p.PATH_CHANGES, headers=mixed), 401, p.ProblemCode.AUTH_SESSION_INVALID)
    assert_problem(_revoke(client, admin, str(uuid.UUID(int=0))), 404, p.ProblemCode.NOT_FOUND)
    assert_problem(_revoke(client, admin, "not-a-uuid"), 404, p.ProblemCode.NOT_FOUND)
    with runtime.db.read() as session:
        rows = session.execute(select(AuditRow.actor, AuditRow.detail)
                               .where(AuditRow.action == "device_revoked")).all()
    assert rows == [("demo-admin", f"device={clerk_a.device_id}")]


def test_admin_disables_a_user_on_every_device(api: Api, client: httpx.Client, admin: Auth,
                                               runtime: DistrictRuntime) -> None:
    first = api.sign_in("demo-clerk", township="510411001")
    second = api.sign_in("demo-clerk", township="510411001")
    body = _disable(client, admin, "demo-clerk").json()
    assert body == {"username": "demo-clerk", "active": False, "sessions_ended": 2}
    for auth in (first, second):
        assert_problem(client.get(p.PATH_CHANGES, headers=auth.headers), 401,
                       p.ProblemCode.AUTH_USER_DISABLED)
    refused = client.post(p.PATH_SESSIONS, json={"username": "demo-clerk", "password": "demo1234"},
                          headers={p.HEADER_DEVICE_TOKEN: first.device_token})
    assert_problem(refused, 401, p.ProblemCode.AUTH_USER_DISABLED)
    assert _disable(client, admin, "demo-clerk", "enable").json()["active"] is True
    # Enabling again does not bring the old sessions back; a new sign-in works.
    assert_problem(client.get(p.PATH_CHANGES, headers=first.headers), 401, p.ProblemCode.AUTH_SESSION_INVALID)
    fresh = api.sign_in("demo-clerk", device=p.DeviceToken(device_id=first.device_id,
                                                          device_token=first.device_token))
    assert api.changes(fresh).changes == []
    assert_problem(_disable(client, admin, "nobody"), 404, p.ProblemCode.NOT_FOUND)
    assert_problem(_disable(client, admin, "demo-admin"), 409, p.ProblemCode.ADMIN_OWN_ACCOUNT)  # not oneself
    with runtime.db.read() as session:
        actions = list(session.scalars(select(AuditRow.action).where(AuditRow.action.like("user_%"))))
    assert actions == ["user_disabled", "user_enabled"]


def test_only_administrators_may_revoke_or_disable(client: httpx.Client, clerk_a: Auth,
                                                    reviewer: Auth) -> None:
    for auth in (clerk_a, reviewer):
        assert_problem(_revoke(client, auth, clerk_a.device_id), 403, p.ProblemCode.AUTH_FORBIDDEN_ROLE)
        assert_problem(_disable(client, auth, "demo-clerk-2"), 403, p.ProblemCode.AUTH_FORBIDDEN_ROLE)
        assert_problem(client.get("/v1/admin/devices", headers=auth.headers), 403,
                       p.ProblemCode.AUTH_FORBIDDEN_ROLE)
    assert_problem(client.post(f"/v1/admin/devices/{clerk_a.device_id}/revoke"), 401,
                   p.ProblemCode.AUTH_MISSING_CREDENTIALS)


@pytest.fixture
def servers(tmp_path: Path, database_url: str) -> Iterator[list[ServerProcess]]:
    started: list[ServerProcess] = []
    yield started
    for server in started:
        server.stop(kill=True)


def test_revocation_and_rate_limits_hold_across_two_processes(tmp_path: Path, database_url: str,
                                                              servers: list[ServerProcess]) -> None:
    a = ServerProcess(tmp_path / "district", database_url).start(seed=True)
    servers.append(a)
    b = ServerProcess(tmp_path / "district", database_url).start()
    servers.append(b)
    api_a, api_b = Api(httpx.Client(base_url=a.base_url, timeout=30)), Api(httpx.Client(base_url=b.base_url,
                                                                                        timeout=30))
    clerk = api_a.sign_in("demo-clerk", township="510411001")
    admin = api_b.sign_in("demo-admin", township=None)
    assert api_b.changes(clerk).changes == []  # signed in on A, works on B
    assert _revoke(api_a.client, admin, clerk.device_id).status_code == 200  # revoked through A ...
    assert_problem(api_b.client.get(p.PATH_CHANGES, headers=clerk.headers), 401,  # ... refused by B at once
                   p.ProblemCode.AUTH_DEVICE_REVOKED)

    reviewer = api_a.sign_in("demo-reviewer", township=None)
    assert _disable(api_b.client, admin, "demo-reviewer").status_code == 200
    assert_problem(api_a.client.get("/v1/review/phrases", headers=reviewer.headers), 401,
                   p.ProblemCode.AUTH_USER_DISABLED)

    # Five failures spread over both processes block the account on both.
    device = api_a.register("510411002")
    for i in range(5):
        api = api_a if i % 2 else api_b
        wrong = api.client.post(p.PATH_SESSIONS, json={"username": "demo-clerk-2", "password": "wrong-pass"},
                                headers={p.HEADER_DEVICE_TOKEN: device.device_token})
        assert wrong.status_code == 401
    for api in (api_a, api_b):
        blocked = api.client.post(p.PATH_SESSIONS, json={"username": "demo-clerk-2", "password": "demo1234"},
                                  headers={p.HEADER_DEVICE_TOKEN: device.device_token})
        assert_problem(blocked, 429, p.ProblemCode.RATE_LIMITED)
        assert 800 < int(blocked.headers["Retry-After"]) <= 900


def test_command_line_disables_a_user_and_revokes_a_device(tmp_path: Path, database_url: str,
                                                           api: Api, client: httpx.Client,
                                                           settings: object,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    clerk = api.sign_in("demo-clerk-2", township="510411002")
    district_dir = tmp_path / "district"  # the `settings` fixture's folder: the same database and key

    def run(*args: str) -> int:
        return main(["--data-dir", str(tmp_path / "data"), "district", *args,
                     "--district-dir", str(district_dir), "--database-url", database_url])

    assert run("disable-user", "--username", "demo-clerk-2") == 0
    assert "已停用账号 demo-clerk-2" in capsys.readouterr().out
    assert_problem(client.get(p.PATH_CHANGES, headers=clerk.headers), 401, p.ProblemCode.AUTH_USER_DISABLED)
    assert run("enable-user", "--username", "demo-clerk-2") == 0
    again = api.sign_in("demo-clerk-2", township="510411002")
    assert run("revoke-device", "--device-id", again.device_id) == 0
    assert_problem(client.get(p.PATH_CHANGES, headers=again.headers), 401, p.ProblemCode.AUTH_DEVICE_REVOKED)
    assert run("disable-user", "--username", "nobody") == 1
    assert "没有找到账号" in capsys.readouterr().err
