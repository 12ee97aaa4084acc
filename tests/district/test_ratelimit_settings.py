"""Rate limits set by the operator: DistrictSettings fields, `serve --sign-in-limit …` (passed on to
`--workers` processes too), 0 switching one limit off; and the stable problem code for an administrator
trying to disable their own account. SQLite only: the counting itself is covered on both databases by
test_ratelimit.py."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from counter_app.cli import _build_parser
from counter_app.district import cli as district_cli
from counter_app.district.app import create_app
from counter_app.district.embedded import serve_in_thread
from counter_app.district.ratelimit import SIGN_IN_USER, RateLimitPolicy
from counter_app.district.runtime import build_runtime
from counter_app.district.seed import seed_demo
from counter_app.district.settings import DistrictSettings
from counter_app.district.tables import RateLimitRow
from counter_app.errors import UserFacingError
from counter_app.sync import protocol as p
from tests.district.conftest import FAST_ARGON2
from tests.district.helpers import Api, assert_problem


def _serve_args(*extra: str) -> argparse.Namespace:
    return _build_parser().parse_args(["district", "serve", *extra])


def test_serve_options_become_settings(tmp_path: Path) -> None:
    default = district_cli.settings_from_args(_serve_args(), tmp_path)
    assert (default.sign_in_user_limit, default.sign_in_address_limit, default.register_address_limit,
            default.rate_limit_window) == (5, 20, 10, timedelta(minutes=15))
    args = _serve_args("--sign-in-limit", "3", "--sign-in-address-limit", "0", "--register-limit", "7",
                       "--rate-limit-minutes", "60")
    settings = district_cli.settings_from_args(args, tmp_path)
    assert (settings.sign_in_user_limit, settings.sign_in_address_limit, settings.register_address_limit,
            settings.rate_limit_window) == (3, 0, 7, timedelta(hours=1))
    policy = RateLimitPolicy.from_settings(settings)
    assert policy.limits[SIGN_IN_USER].failures == 3 and policy.limits[SIGN_IN_USER].window == 3600
    # Commands without the options (add-user …) keep the defaults.
    other = _build_parser().parse_args(["district", "seed-demo"])
    assert district_cli.settings_from_args(other, tmp_path).sign_in_user_limit == 5


def test_worker_processes_get_the_same_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve --workers N` hands its settings to uvicorn's workers through the environment."""
    args = _serve_args("--district-dir", str(tmp_path / "d"), "--workers", "2", "--sign-in-limit", "2",
                       "--rate-limit-minutes", "5")
    settings = district_cli.settings_from_args(args, tmp_path)
    seen: dict[str, object] = {}
    monkeypatch.setattr("uvicorn.run", lambda *a, **kw: seen.update(kw))
    monkeypatch.setattr("counter_app.district.runtime.build_runtime", lambda s: _Closable())
    monkeypatch.delenv(district_cli._WORKER_SETTINGS, raising=False)
    assert district_cli._serve(args, settings) == 0 and seen["workers"] == 2
    built: list[DistrictSettings] = []
    monkeypatch.setattr("counter_app.district.app.create_app", lambda s, **_kw: built.append(s))
    district_cli.worker_app()  # what uvicorn calls in each worker process
    handed = json.loads(os.environ.pop(district_cli._WORKER_SETTINGS))
    worker = district_cli.settings_from_args(argparse.Namespace(**handed), Path(handed["district_dir"]))
    assert worker.sign_in_user_limit == 2 and worker.rate_limit_window == timedelta(minutes=5)
    # Each worker runs its requests' work on its own event loop; a single process keeps the thread pool.
    assert [(s.sign_in_user_limit, s.work_on_event_loop) for s in built] == [(2, True)]
    assert not settings.work_on_event_loop


class _Closable:
    def close(self) -> None:
        pass


@pytest.mark.parametrize("value", ["-1", "many"])
def test_bad_values_are_refused(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _serve_args("--sign-in-limit", value)
    assert "不小于 0" in capsys.readouterr().err


def test_a_zero_minute_window_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError) as raised:
        district_cli.settings_from_args(_serve_args("--rate-limit-minutes", "0"), tmp_path)
    assert "至少为 1" in raised.value.message_zh


@contextmanager
def _district(tmp_path: Path, **limits: object) -> Iterator[tuple[Api, httpx.Client, object]]:
    settings = DistrictSettings.for_data_dir(tmp_path / "district", **FAST_ARGON2, **limits)
    runtime = build_runtime(settings)
    seed_demo(runtime)
    server, thread, port = serve_in_thread(create_app(settings, runtime=runtime), log_level="critical")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            yield Api(http), http, runtime
    finally:
        server.should_exit = True
        thread.join(10)
        runtime.close()


def _sign_in(client: httpx.Client, device: p.DeviceToken, password: str) -> httpx.Response:
    return client.post(p.PATH_SESSIONS, json={"username": "demo-clerk", "password": password},
                       headers={p.HEADER_DEVICE_TOKEN: device.device_token})


def test_the_settings_limit_applies_without_app_state(tmp_path: Path) -> None:
    with _district(tmp_path, sign_in_user_limit=2, rate_limit_window=timedelta(minutes=3)) as (api, http, _):
        device = api.register("510411001")
        assert [_sign_in(http, device, "wrong").status_code for _ in range(2)] == [401, 401]
        blocked = _sign_in(http, device, "demo1234")
        body = assert_problem(blocked, 429, p.ProblemCode.RATE_LIMITED)
        assert blocked.headers["Retry-After"] in {"180", "179"} and "3分钟" in body["message_zh"]


def test_zero_switches_a_limit_off(tmp_path: Path) -> None:
    with _district(tmp_path, sign_in_user_limit=0, sign_in_address_limit=0) as (api, http, runtime):
        device = api.register("510411001")
        assert {_sign_in(http, device, "wrong").status_code for _ in range(8)} == {401}
        assert _sign_in(http, device, "demo1234").status_code == 201
        with runtime.db.read() as session:  # type: ignore[attr-defined]
            assert session.scalar(select(func.count()).select_from(RateLimitRow)) == 0


def test_disabling_ones_own_admin_account_has_its_own_code(tmp_path: Path) -> None:
    with _district(tmp_path) as (api, http, _):
        admin = api.sign_in("demo-admin", township=None)
        response = http.post("/v1/admin/users/demo-admin/disable", headers=admin.headers)
        body = assert_problem(response, 409, p.ProblemCode.ADMIN_OWN_ACCOUNT)
        assert body["code"] == "admin.own_account" and "自己" in body["message_zh"]
