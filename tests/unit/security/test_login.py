"""Counter sign-in (counter_app.security.login): offline verifier, its validity in days, the lock-out that
survives a restart, the audit entries, and the password absent from the database file and the logs.

The district is a small stand-in here that answers like SessionKeeper.sign_in does (a SignedInUser, the
server's problem for a wrong password, LinkDown when unreachable); tests/ui/signin drives the real one."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from counter_app.config import Settings
from counter_app.security.crypto import FieldCipher
from counter_app.security.login import CounterSignIn, SignInPolicy
from counter_app.security.login_errors import (
    CredentialsMissing,
    LockedOut,
    NotTheLockedUser,
    OfflineExpired,
    OfflineNotAllowed,
    SignInThrottled,
    WrongPassword,
)
from counter_app.security.login_store import CounterUserStore
from counter_app.store.audit import AuditLog
from counter_app.store.db import DB_FILE, Database
from counter_app.sync import protocol as p
from counter_app.sync.credentials import SignedInUser
from counter_app.sync.errors import LinkDown, ProblemResponse, ServerBusy

PASSWORD = "Zq!secret-7319"
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@dataclass
class District:
    """Accounts like the district's; `reachable` False = the link is down."""

    accounts: dict[str, tuple[str, str]] = field(default_factory=lambda: {
        "li": (PASSWORD, "clerk"), "wang": (PASSWORD, "reviewer")})
    reachable: bool = True
    calls: int = 0

    def __call__(self, username: str, password: str) -> SignedInUser:
        self.calls += 1
        if not self.reachable:
            raise LinkDown("ConnectError")
        known = self.accounts.get(username)
        if known is None or known[0] != password:
            raise ProblemResponse(401, p.Problem(type="about:blank", title="Unauthorized", status=401,
                                                 code=p.ProblemCode.AUTH_INVALID_CREDENTIALS,
                                                 message_zh="用户名或密码错误",
                                                 message_en="Wrong user name or password"))
        return SignedInUser(username, f"受理员{username}", known[1], "510411001",
                            datetime.now(UTC) + timedelta(hours=8))


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Counter:
    data_dir: Path
    cipher: FieldCipher
    district: District
    clock: Clock
    database: Database | None = None

    def open(self, policy: SignInPolicy | None = None) -> CounterSignIn:
        """(Re)open the data folder as a restarted client would."""
        if self.database is not None:
            self.database.close()
        self.database = Database.open(self.data_dir)
        return CounterSignIn(CounterUserStore(self.database, self.cipher), AuditLog(self.database),
                             online=self.district, policy=policy, hasher=FAST, now=self.clock)

    def audit(self) -> list[tuple[str, str, dict[str, object]]]:
        assert self.database is not None
        return [(e.actor, e.action, e.detail) for e in AuditLog(self.database).events()]


@pytest.fixture
def counter(tmp_path: Path) -> Iterator[Counter]:
    made = Counter(tmp_path / "data", FieldCipher(os.urandom(32)), District(), Clock())
    yield made
    if made.database is not None:
        made.database.close()


def test_online_sign_in_keeps_a_verifier_then_offline_sign_in_works(counter: Counter) -> None:
    gate = counter.open()
    user = gate.sign_in(" li ", PASSWORD)
    assert (user.username, user.role, user.online, user.display_name) == ("li", "clerk", True, "受理员li")
    counter.district.reachable = False
    counter.clock.now += timedelta(days=6, hours=23)
    offline = gate.sign_in("li", PASSWORD)
    assert offline.online is False and offline.is_clerk and offline.display_name == "受理员li"
    assert [a for _, a, _ in counter.audit()] == ["signin.online", "signin.offline"]


def test_offline_refused_for_a_user_never_signed_in_here(counter: Counter) -> None:
    gate = counter.open()
    counter.district.reachable = False
    with pytest.raises(OfflineNotAllowed) as caught:
        gate.sign_in("li", PASSWORD)
    assert "7 天内" in caught.value.message_zh and "无法连接区级审核服务" in caught.value.message_zh
    assert counter.audit() == [("li", "signin.refused", {"mode": "offline", "reason": "never_online_here"})]


def test_offline_refused_after_the_configured_days(counter: Counter) -> None:
    settings = Settings(extra={"sign_in": {"offline_days": 3}})
    gate = counter.open(SignInPolicy.from_settings(settings))
    gate.sign_in("li", PASSWORD)
    counter.district.reachable = False
    counter.clock.now += timedelta(days=3, minutes=1)
    with pytest.raises(OfflineExpired) as caught:
        gate.sign_in("li", PASSWORD)
    assert "3 天" in caught.value.message_zh
    counter.clock.now -= timedelta(minutes=2)  # just inside the three days
    assert gate.sign_in("li", PASSWORD).online is False


def test_offline_is_for_clerks_only(counter: Counter) -> None:
    gate = counter.open()
    assert gate.sign_in("wang", PASSWORD).role == "reviewer"
    counter.district.reachable = False
    with pytest.raises(OfflineNotAllowed):
        gate.sign_in("wang", PASSWORD)


def test_offline_wrong_password_is_refused_and_counted(counter: Counter) -> None:
    gate = counter.open()
    gate.sign_in("li", PASSWORD)
    counter.district.reachable = False
    with pytest.raises(WrongPassword) as caught:
        gate.sign_in("li", PASSWORD + "x")
    assert caught.value.attempts_left == 4 and "用户名或密码错误" in caught.value.message_zh


def test_a_new_online_password_replaces_the_verifier(counter: Counter) -> None:
    gate = counter.open()
    gate.sign_in("li", PASSWORD)
    counter.district.accounts["li"] = ("new-pass-42", "clerk")
    gate.sign_in("li", "new-pass-42")
    counter.district.reachable = False
    with pytest.raises(WrongPassword):
        gate.sign_in("li", PASSWORD)
    assert gate.sign_in("li", "new-pass-42").online is False


def test_five_failures_lock_out_and_a_restart_does_not_reset_it(counter: Counter) -> None:
    gate = counter.open()
    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPassword) as wrong:
            gate.sign_in("li", "nope")
        assert wrong.value.attempts_left == left
    with pytest.raises(LockedOut) as locked:
        gate.sign_in("li", "nope")
    assert locked.value.until == counter.clock.now + timedelta(minutes=15)
    assert "连续 5 次登录失败" in locked.value.message_zh and "后再试" in locked.value.message_zh
    assert locked.value.until.astimezone().strftime("%H:%M") in locked.value.message_zh

    gate = counter.open()  # a restart
    calls = counter.district.calls
    with pytest.raises(LockedOut):
        gate.sign_in("li", PASSWORD)  # even the right password waits
    assert counter.district.calls == calls  # the district was not even asked
    counter.clock.now += timedelta(minutes=15, seconds=1)
    assert gate.sign_in("li", PASSWORD).online is True
    actions = [a for _, a, _ in counter.audit()]
    assert actions.count("signin.failed") == 5 and actions.count("signin.locked_out") == 1
    assert actions[-2:] == ["signin.refused", "signin.online"]


def test_lock_out_is_configurable_and_per_user(counter: Counter) -> None:
    extra = {"sign_in": {"max_failures": 2, "lockout_minutes": 1}}
    policy = SignInPolicy.from_settings(Settings(extra=extra))
    gate = counter.open(policy)
    with pytest.raises(WrongPassword):
        gate.sign_in("li", "x")
    with pytest.raises(LockedOut):
        gate.sign_in("li", "x")
    assert gate.sign_in("wang", PASSWORD).username == "wang"  # another account is not affected
    counter.clock.now += timedelta(seconds=61)
    assert gate.locked_until("li") is None


def test_unlock_needs_the_same_users_password(counter: Counter) -> None:
    gate = counter.open()
    gate.sign_in("li", PASSWORD)
    gate.record_lock("li", reason="idle")
    counter.district.reachable = False  # unlocking never needs the network
    with pytest.raises(NotTheLockedUser):
        gate.unlock("li", "wang", PASSWORD)
    with pytest.raises(WrongPassword):
        gate.unlock("li", "li", "wrong")
    with pytest.raises(CredentialsMissing):
        gate.unlock("li", "li", "")
    assert gate.unlock("li", "li", PASSWORD).username == "li"
    gate.record_switch("li", "wang")
    gate.record_sign_out("wang")
    assert [(actor, action) for actor, action, _ in counter.audit()] == [
        ("li", "signin.online"), ("li", "session.lock"), ("li", "signin.failed"), ("li", "session.unlock"),
        ("wang", "session.switch_user"), ("wang", "session.sign_out")]
    assert counter.audit()[1][2] == {"reason": "idle"}


def test_a_user_name_that_looks_like_an_id_number_is_audited_masked(counter: Counter) -> None:
    gate = counter.open()
    with pytest.raises(WrongPassword):
        gate.sign_in("11010519491231002X", "x")
    assert counter.audit()[0][:2] == ("(masked)", "signin.failed")


def test_the_password_is_in_neither_the_database_file_nor_the_log(counter: Counter,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    gate = counter.open()
    gate.sign_in("li", PASSWORD)
    with pytest.raises(WrongPassword):
        gate.sign_in("li", PASSWORD + "-typo")
    counter.district.reachable = False
    gate.sign_in("li", PASSWORD)
    assert counter.database is not None
    counter.database.close()
    counter.database = None
    raw = b"".join(path.read_bytes() for path in counter.data_dir.glob(f"{DB_FILE}*"))
    assert PASSWORD.encode() not in raw
    assert b"$argon2" not in raw  # the verifier itself is encrypted with the data key
    assert "受理员li".encode() not in raw  # so is the display name
    assert PASSWORD not in caplog.text and "district unreachable" in caplog.text


def test_empty_fields_are_refused_before_anything_else(counter: Counter) -> None:
    gate = counter.open()
    with pytest.raises(CredentialsMissing):
        gate.sign_in("  ", PASSWORD)
    assert counter.district.calls == 0 and counter.audit() == []


def test_settings_that_are_not_numbers_fall_back_to_the_defaults() -> None:
    assert SignInPolicy.from_settings(Settings(extra={"sign_in": {"offline_days": "many"}})) == SignInPolicy()
    assert SignInPolicy.from_settings(Settings(extra={"sign_in": "no"})) == SignInPolicy()
    assert SignInPolicy.from_settings(Settings()).idle_lock_minutes == 10


def test_a_rate_limited_district_is_not_a_reason_to_sign_in_offline(counter: Counter) -> None:
    gate = counter.open()
    gate.sign_in("li", PASSWORD)

    def throttled(_username: str, _password: str) -> SignedInUser:
        raise ServerBusy(429, 300.0)

    assert counter.database is not None
    gate = CounterSignIn(CounterUserStore(counter.database, counter.cipher), AuditLog(counter.database),
                         online=throttled, hasher=FAST, now=counter.clock)
    with pytest.raises(SignInThrottled) as caught:
        gate.sign_in("li", PASSWORD)
    assert "5 分钟后" in caught.value.message_zh
    assert counter.audit()[-1][1:] == ("signin.refused", {"mode": "online", "reason": "rate_limited"})
