"""Rate limits on sign-in and device registration: so many failures per key in a fixed window, then 429
with Retry-After until the window ends.

Keys: the user name (guessing one account's password from many places) and the client address (one
place trying many accounts or registration codes). The counters live in the database (`rate_limits`),
never in a process: the service runs as several stateless workers, and a limit that each worker counted
alone would be N times as generous. Each failure is one atomic upsert, so concurrent failures through
different processes are all counted (SQLite and PostgreSQL both speak INSERT … ON CONFLICT DO UPDATE).

Only failures are written; the hot path of a good sign-in reads one indexed row set and writes nothing
more (the user's counter is cleared only when it holds failures).
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from sqlalchemy import Table, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from counter_app.district.problems import ProblemError
from counter_app.district.settings import DistrictSettings
from counter_app.district.tables import RateLimitRow
from counter_app.sync.protocol import ProblemCode

SIGN_IN_USER = "sign_in_user"
SIGN_IN_ADDRESS = "sign_in_address"
REGISTER_ADDRESS = "register_address"


@dataclass(frozen=True)
class Limit:
    failures: int  # this many failures within `window` seconds block the key until the window ends
    window: int


@dataclass(frozen=True)
class RateLimitPolicy:
    # A clerk who mistypes five times waits 15 minutes; one office behind one NAT address may have a
    # few clerks mistyping at once, hence the higher per-address figure.
    limits: dict[str, Limit] = field(default_factory=lambda: {
        SIGN_IN_USER: Limit(5, 15 * 60),
        SIGN_IN_ADDRESS: Limit(20, 15 * 60),
        REGISTER_ADDRESS: Limit(10, 15 * 60),
    })
    clock: Callable[[], float] = time.time

    @classmethod
    def from_settings(cls, settings: DistrictSettings) -> RateLimitPolicy:
        window = max(1, int(settings.rate_limit_window.total_seconds()))
        return cls(limits={
            SIGN_IN_USER: Limit(settings.sign_in_user_limit, window),
            SIGN_IN_ADDRESS: Limit(settings.sign_in_address_limit, window),
            REGISTER_ADDRESS: Limit(settings.register_address_limit, window),
        })


DEFAULT_POLICY = RateLimitPolicy()


@dataclass(frozen=True)
class Key:
    kind: str
    value: str

    @property
    def hash(self) -> str:
        # Hashed: the table must not become a list of user names and client addresses.
        return hashlib.sha256(f"{self.kind}:{self.value}".encode()).hexdigest()


def limiter_for(request: Request) -> RateLimiter:
    """The limiter of the app's policy (`app.state.rate_limits`, which tests set), else the one of the
    district settings (`serve --sign-in-limit …`), else the default one."""
    policy = getattr(request.app.state, "rate_limits", None)
    if isinstance(policy, RateLimitPolicy):
        return RateLimiter(policy)
    runtime = getattr(request.app.state, "district", None)
    settings = getattr(runtime, "settings", None)
    if isinstance(settings, DistrictSettings):
        return RateLimiter(RateLimitPolicy.from_settings(settings))
    return RateLimiter(DEFAULT_POLICY)


def client_address(request: Request) -> str:
    # Behind a reverse proxy uvicorn rewrites this from X-Forwarded-For for trusted proxies only
    # (--forwarded-allow-ips), so a client cannot pick its own address.
    return request.client.host if request.client else "-"


def sign_in_keys(username: str, address: str) -> tuple[Key, Key]:
    return Key(SIGN_IN_USER, username.strip().lower()), Key(SIGN_IN_ADDRESS, address)


def register_keys(address: str) -> tuple[Key]:
    return (Key(REGISTER_ADDRESS, address),)


def _too_many(kind: str, retry_after: int) -> ProblemError:
    minutes = max(1, math.ceil(retry_after / 60))
    if kind == REGISTER_ADDRESS:
        zh, en = (f"注册尝试失败次数过多，请约{minutes}分钟后再试，或联系区县管理员",
                  f"Too many failed registration attempts; try again in about {minutes} min")
    else:
        zh, en = (f"登录失败次数过多，账号已暂时锁定，请约{minutes}分钟后再试，或联系区县管理员",
                  f"Too many failed sign-in attempts; try again in about {minutes} min")
    return ProblemError(429, ProblemCode.RATE_LIMITED, zh, en, retry_after=retry_after)


class RateLimiter:
    def __init__(self, policy: RateLimitPolicy = DEFAULT_POLICY) -> None:
        self.policy = policy

    def _limit(self, key: Key) -> Limit:
        return self.policy.limits[key.kind]

    def check(self, session: Session, keys: Sequence[Key]) -> dict[str, int]:
        """Raise 429 (Retry-After = the rest of the window) when any key is blocked; else the counts."""
        now = int(self.policy.clock())
        by_hash = {key.hash: key for key in keys}
        rows = session.execute(select(RateLimitRow.key_hash, RateLimitRow.window_start, RateLimitRow.failures)
                               .where(RateLimitRow.key_hash.in_(list(by_hash)))).all()
        counts = {key.kind: 0 for key in keys}
        for key_hash, start, count in rows:
            key = by_hash[key_hash]
            limit = self._limit(key)
            if start + limit.window <= now or limit.failures <= 0:
                continue
            counts[key.kind] = count
            if count >= limit.failures:
                raise _too_many(key.kind, max(1, start + limit.window - now))
        return counts

    def record_failure(self, session: Session, keys: Sequence[Key]) -> list[Key]:
        """Count one failure on every key (atomic per key); return the keys that just became blocked."""
        now = int(self.policy.clock())
        blocked: list[Key] = []
        for key in keys:
            limit = self._limit(key)
            if limit.failures <= 0:
                continue  # switched off in the settings: nothing counted, nothing stored
            count = session.execute(_upsert(session, key, now, limit.window)).scalar_one()
            if count == limit.failures:
                blocked.append(key)
        # Old windows are dead weight: drop them here (failures are rare; the index makes it cheap).
        oldest = now - 2 * max(limit.window for limit in self.policy.limits.values())
        session.execute(delete(RateLimitRow).where(RateLimitRow.window_start < oldest))
        return blocked

    def clear(self, session: Session, key: Key) -> None:
        session.execute(delete(RateLimitRow).where(RateLimitRow.key_hash == key.hash))


def _upsert(session: Session, key: Key, now: int, window: int) -> Any:
    """INSERT … ON CONFLICT DO UPDATE … RETURNING failures: a new window starts once the old one ended."""
    table = RateLimitRow.__table__
    assert isinstance(table, Table)
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(table).values(key_hash=key.hash, kind=key.kind, window_start=now, failures=1)
    expired = table.c.window_start <= now - window
    return statement.on_conflict_do_update(
        index_elements=[table.c.key_hash],
        set_={"failures": case((expired, 1), else_=table.c.failures + 1),
              "window_start": case((expired, now), else_=table.c.window_start)},
    ).returning(table.c.failures)
