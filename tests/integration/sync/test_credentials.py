"""Device and session tokens live in the keyring (one entry set per data folder); the clerk's password is
never stored; an expired or revoked credential is either renewed (demo) or shown to a person."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from sqlalchemy import update

from counter_app.config import Mode
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD, DEMO_TOWNSHIP_A
from counter_app.district.tables import Device
from counter_app.sync.credentials import (
    DEMO_TOKEN_FILE,
    SESSION_ENTRY,
    DemoFileTokenStore,
    KeyringTokenStore,
    keyring_service,
)
from counter_app.sync.errors import ProblemResponse
from counter_app.sync.protocol import ProblemCode
from tests.integration.sync.helpers import Counter, accepted_case, open_counter
from tests.support.memory_keyring import MemoryKeyring


def test_tokens_go_to_the_keyring_per_data_folder_and_the_password_nowhere(
        district: EmbeddedDistrict, make_counter: Callable[..., Counter], memory_keyring: MemoryKeyring,
        tmp_path: Path) -> None:
    counter = make_counter(district.base_url, mode=Mode.PRODUCTION)
    assert counter.sync.status().problem_code is None
    counter.sync.run_until_idle(timeout=5)
    assert counter.sync.status().problem_code == "sync.device_not_registered"
    assert "设备登记码" in (counter.sync.status().problem_zh or "")

    counter.sync.register_device(DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A])
    counter.sync.run_until_idle(timeout=5)
    assert counter.sync.status().problem_code == "sync.sign_in_required"
    with pytest.raises(ProblemResponse) as wrong:
        counter.sync.sign_in("demo-clerk", "not-the-password")
    assert wrong.value.problem.code == ProblemCode.AUTH_INVALID_CREDENTIALS and wrong.value.message_zh
    user = counter.sync.sign_in("demo-clerk", DEMO_PASSWORD)
    assert user.role == "clerk" and user.township_code == DEMO_TOWNSHIP_A
    case_id = accepted_case(counter, [])
    counter.context.submissions.submit(case_id)
    assert counter.sync.run_until_idle(timeout=10).waiting == 0

    entries = memory_keyring.entries()
    service = keyring_service(counter.context.data_dir)
    assert {name for (svc, name) in entries if svc == service} == {"device", "session"}
    assert all(DEMO_PASSWORD not in value for value in entries.values())
    files = [p for p in counter.context.data_dir.rglob("*") if p.is_file()]
    assert files and all(DEMO_PASSWORD.encode() not in p.read_bytes() for p in files)
    assert keyring_service(tmp_path / "other") != service


def test_an_expired_session_is_renewed_by_the_demo_and_asked_for_in_production(
        district: EmbeddedDistrict, make_counter: Callable[..., Counter]) -> None:
    demo = make_counter(district.base_url, name="demo")
    production = make_counter(district.base_url, name="production", mode=Mode.PRODUCTION)
    production.sync.register_device(DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A])
    production.sync.sign_in("demo-clerk", DEMO_PASSWORD)
    demo.sync.sessions.credentials()
    for counter in (demo, production):
        store = KeyringTokenStore(keyring_service(counter.context.data_dir))
        session = json.loads(store.get(SESSION_ENTRY) or "{}")
        session["expires_at"] = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
        store.set(SESSION_ENTRY, json.dumps(session))
        counter.context.submissions.submit(accepted_case(counter, []))

    assert demo.sync.run_until_idle(timeout=10).waiting == 0  # signed in again by itself
    status = production.sync.run_until_idle(timeout=5)
    assert status.waiting == 1 and status.problem_code == "sync.sign_in_required"
    assert "请以窗口受理员账号登录" in (status.problem_zh or "")
    production.sync.sign_in("demo-clerk", DEMO_PASSWORD)
    assert production.sync.run_until_idle(timeout=10).waiting == 0


def test_a_revoked_device_stops_sync_with_a_message_not_a_retry_storm(
        district: EmbeddedDistrict, make_counter: Callable[..., Counter]) -> None:
    counter = make_counter(district.base_url, mode=Mode.PRODUCTION)
    counter.sync.register_device(DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A])
    counter.sync.sign_in("demo-clerk", DEMO_PASSWORD)
    from sqlalchemy import create_engine

    engine = create_engine(district.settings.database_url)
    with engine.begin() as connection:
        connection.execute(update(Device).values(revoked_at=datetime.now(UTC)))
    engine.dispose()
    counter.context.submissions.submit(accepted_case(counter, []))

    status = counter.sync.run_until_idle(timeout=5)
    assert status.problem_code == "sync.device_not_registered" and status.waiting == 1
    assert "登记" in (status.problem_zh or "")


def test_demo_without_any_keyring_keeps_tokens_in_an_owner_only_file(
        district: EmbeddedDistrict, tmp_path: Path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    counter = open_counter(tmp_path / "nokeyring", district.base_url)
    try:
        assert isinstance(counter.sync._tokens, DemoFileTokenStore)
        counter.context.submissions.submit(accepted_case(counter, []))
        assert counter.sync.run_until_idle(timeout=10).waiting == 0
        token_file = counter.context.data_dir / DEMO_TOKEN_FILE
        assert token_file.exists() and DEMO_PASSWORD not in token_file.read_text(encoding="utf-8")
        if os.name == "posix":
            assert token_file.stat().st_mode & 0o077 == 0
    finally:
        counter.close()
