"""Fixtures of the district service tests. Every test that takes `settings` (directly or through `api`)
runs twice: on SQLite and on PostgreSQL (127.0.0.1:5432, database `test`, a fresh schema per test that
is dropped afterwards). PostgreSQL is skipped only when the server cannot be reached, loudly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from counter_app.district.app import create_app
from counter_app.district.embedded import serve_in_thread
from counter_app.district.runtime import DistrictRuntime, build_runtime
from counter_app.district.seed import seed_demo
from counter_app.district.settings import DistrictSettings
from tests.district.helpers import (
    Api,
    Auth,
    create_schema,
    drop_schema,
    pg_unavailable_reason,
    pg_url_for_schema,
)

FAST_ARGON2 = {"argon2_time_cost": 1, "argon2_memory_kib": 1024}  # tests only: hashing stays real
MAX_BLOB = 256 * 1024


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        reason = pg_unavailable_reason()
        if reason:
            pytest.skip(reason)
    return str(request.param)


@pytest.fixture
def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new PostgreSQL schema (dropped after the test)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'district' / 'district.sqlite3'}"
        return
    schema = create_schema()
    try:
        yield pg_url_for_schema(schema)
    finally:
        drop_schema(schema)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> DistrictSettings:
    return DistrictSettings.for_data_dir(tmp_path / "district", database_url=database_url,
                                         max_blob_bytes=MAX_BLOB, **FAST_ARGON2)


@pytest.fixture
def runtime(settings: DistrictSettings) -> Iterator[DistrictRuntime]:
    district = build_runtime(settings)
    seed_demo(district)
    yield district
    district.close()


@pytest.fixture
def app(settings: DistrictSettings, runtime: DistrictRuntime) -> FastAPI:
    return create_app(settings, runtime=runtime)


@pytest.fixture
def client(app: FastAPI) -> Iterator[httpx.Client]:
    """Real HTTP: uvicorn on a loopback port in a thread, httpx on the other end."""
    server, thread, port = serve_in_thread(app, log_level="critical")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            yield http
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def api(client: httpx.Client) -> Api:
    return Api(client)


@pytest.fixture
def clerk_a(api: Api) -> Auth:
    return api.sign_in("demo-clerk", township="510411001")


@pytest.fixture
def clerk_b(api: Api) -> Auth:
    return api.sign_in("demo-clerk-2", township="510411002")


@pytest.fixture
def reviewer(api: Api) -> Auth:
    return api.sign_in("demo-reviewer", township=None)


@pytest.fixture
def admin(api: Api) -> Auth:
    return api.sign_in("demo-admin", township=None)
