"""Rate limits on sign-in and device registration (counter_app.district.ratelimit): counted in the
database, so every worker of the service sees the same count; 429 problem documents with Retry-After and
a Chinese message; SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from counter_app.district.ratelimit import (
    REGISTER_ADDRESS,
    SIGN_IN_ADDRESS,
    SIGN_IN_USER,
    Limit,
    RateLimitPolicy,
)
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.tables import AuditRow, RateLimitRow
from counter_app.sync import protocol as p
from tests.district.helpers import Api, assert_problem


@dataclass
class Clock:
    now: float = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(app: FastAPI) -> Clock:
    clock = Clock()
    app.state.rate_limits = RateLimitPolicy(clock=clock, limits={
        SIGN_IN_USER: Limit(5, 900), SIGN_IN_ADDRESS: Limit(8, 900), REGISTER_ADDRESS: Limit(3, 600)})
    return clock


def _sign_in(client: httpx.Client, device: p.DeviceToken, username: str, password: str) -> httpx.Response:
    return client.post(p.PATH_SESSIONS, json={"username": username, "password": password},
                       headers={p.HEADER_DEVICE_TOKEN: device.device_token})


def test_five_wrong_passwords_block_the_user_until_the_window_ends(api: Api, client: httpx.Client,
                                                                   clock: Clock,
                                                                   runtime: DistrictRuntime) -> None:
    device = api.register("510411001")
    for _ in range(5):
        assert_problem(_sign_in(client, device, "demo-clerk", "wrong-pass"), 401,
                       p.ProblemCode.AUTH_INVALID_CREDENTIALS)
    blocked = _sign_in(client, device, "demo-clerk", "demo1234")  # even the right password
    body = assert_problem(blocked, 429, p.ProblemCode.RATE_LIMITED)
    assert blocked.headers["Retry-After"] == "900" and body["retry_after"] == 900
    assert "登录失败次数过多" in body["message_zh"] and "15分钟" in body["message_zh"]
    clock.now += 600
    assert _sign_in(client, device, "DEMO-CLERK ", "x").headers["Retry-After"] == "300"  # same key
    clock.now += 300
    assert _sign_in(client, device, "demo-clerk", "demo1234").status_code == 201
    with runtime.db.read() as session:
        actions = list(session.scalars(select(AuditRow.action).where(AuditRow.action.like("sign_in%"))))
    assert actions.count("sign_in_failed") == 5 and actions.count("sign_in_blocked") == 1
    assert actions[-1] == "sign_in"


def test_a_successful_sign_in_forgives_earlier_typos(api: Api, client: httpx.Client, clock: Clock) -> None:
    device = api.register("510411001")
    for _ in range(3):
        assert _sign_in(client, device, "demo-clerk", "typo").status_code == 401
    assert _sign_in(client, device, "demo-clerk", "demo1234").status_code == 201
    for _ in range(3):  # 6 in all: the user's count restarted (the address keeps counting: 6 of 8)
        assert _sign_in(client, device, "demo-clerk", "typo").status_code == 401
    assert _sign_in(client, device, "demo-clerk", "demo1234").status_code == 201
    assert [_sign_in(client, device, "demo-clerk", "typo").status_code for _ in range(3)] == [401, 401, 429]


def test_one_address_trying_many_accounts_is_blocked(api: Api, client: httpx.Client, clock: Clock) -> None:
    device = api.register("510411001")
    for i in range(8):  # eight different (unknown) user names from one address
        assert _sign_in(client, device, f"guess-{i}", "demo1234").status_code == 401
    body = assert_problem(_sign_in(client, device, "demo-reviewer", "demo1234"), 429,
                          p.ProblemCode.RATE_LIMITED)
    assert body["retry_after"] == 900
    clock.now += 901
    assert _sign_in(client, device, "demo-clerk", "demo1234").status_code == 201


def test_wrong_registration_codes_are_limited_per_address(api: Api, client: httpx.Client,
                                                          clock: Clock) -> None:
    def register(code: str) -> httpx.Response:
        return client.post(p.PATH_DEVICES, json={"registration_code": code, "township_code": "510411001",
                                                 "counter_name": "1号窗口"})

    for _ in range(3):
        assert_problem(register("GUES-SING-CODE"), 403, p.ProblemCode.AUTH_REGISTRATION_CODE_INVALID)
    body = assert_problem(register("DEMO-RENH-E001"), 429, p.ProblemCode.RATE_LIMITED)
    assert "注册尝试失败次数过多" in body["message_zh"] and body["retry_after"] == 600
    clock.now += 600
    assert register("DEMO-RENH-E001").status_code == 201


def test_concurrent_failures_are_all_counted(api: Api, client: httpx.Client, clock: Clock,
                                             runtime: DistrictRuntime) -> None:
    """Atomic upserts: failures racing through the thread pool (and, in production, through several
    processes) lose no count, and the row's count equals the 401 answers given."""
    device = api.register("510411001")
    statuses: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(6)

    def attempt() -> None:
        with httpx.Client(base_url=str(client.base_url), timeout=30) as own:
            start.wait()
            for _ in range(2):
                status = _sign_in(own, device, "demo-clerk-2", "wrong").status_code
                with lock:
                    statuses.append(status)

    threads = [threading.Thread(target=attempt) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(statuses) <= {401, 429} and statuses.count(401) >= 5 and 429 in statuses
    with runtime.db.read() as session:
        counted = session.scalar(select(func.max(RateLimitRow.failures))
                                 .where(RateLimitRow.kind == SIGN_IN_USER))
    assert counted == statuses.count(401)
