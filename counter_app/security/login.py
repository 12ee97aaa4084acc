"""Signing in on the counter: online against the district service, offline against a verifier kept from
an earlier online sign-in, a lock-out after repeated failures, and an audit entry for every step.

    gate = CounterSignIn(store, audit, online=SyncOnline(sync), policy=SignInPolicy.from_settings(s))
    user = gate.sign_in("demo-clerk", password)  # CounterUser, or a SignInError with a Chinese message

The password passes through once: it goes to the district (online) or into argon2 (verifier, check) and
is never stored, logged or audited. Offline sign-in is for counter clerks only (a reviewer's workspace
needs the district anyway) and only within `offline_days` of their last online sign-in on this counter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from counter_app.config import Settings
from counter_app.security.login_errors import (
    CredentialsMissing,
    LockedOut,
    NotTheLockedUser,
    OfflineExpired,
    OfflineNotAllowed,
    SignInThrottled,
    WrongPassword,
)
from counter_app.security.login_store import MAX_USERNAME, CounterUserStore, KnownUser
from counter_app.store.audit import AuditLog, PersonalDataInAudit
from counter_app.sync import protocol as p
from counter_app.sync.credentials import SignedInUser
from counter_app.sync.errors import ProblemResponse, ServerBusy, TransientSyncError

log = logging.getLogger(__name__)

SETTINGS_KEY = "sign_in"  # Settings.extra["sign_in"] = {"offline_days": 7, ...}
CLERK = "clerk"
TOO_MANY_REQUESTS = 429


@dataclass(frozen=True)
class SignInPolicy:
    offline_days: int = 7  # offline sign-in allowed this long after the last online one
    max_failures: int = 5  # failed attempts in a row before the lock-out
    lockout_minutes: float = 15.0
    idle_lock_minutes: float = 10.0  # the screen locks after this long without keyboard or mouse

    @classmethod
    def from_settings(cls, settings: Settings) -> SignInPolicy:
        raw: Any = settings.extra.get(SETTINGS_KEY, {})
        if not isinstance(raw, dict):
            return cls()
        default = cls()
        try:
            return cls(offline_days=max(0, int(raw.get("offline_days", default.offline_days))),
                       max_failures=max(1, int(raw.get("max_failures", default.max_failures))),
                       lockout_minutes=max(0.0, float(raw.get("lockout_minutes", default.lockout_minutes))),
                       idle_lock_minutes=max(0.05, float(raw.get("idle_lock_minutes",
                                                                 default.idle_lock_minutes))))
        except (TypeError, ValueError):
            log.warning("settings extra.%s ignored: not numbers", SETTINGS_KEY)
            return default


@dataclass(frozen=True)
class CounterUser:
    username: str
    display_name: str
    role: str  # clerk | reviewer | admin
    township_code: str | None
    online: bool  # this sign-in reached the district (False: checked against the local verifier)

    @property
    def is_clerk(self) -> bool:
        return self.role == CLERK


# Signs in at the district: (username, password) -> the district's user. Raises TransientSyncError (or
# OSError) when the district is out of reach, ProblemResponse when it answers no.
OnlineSignIn = Callable[[str, str], SignedInUser]


class CounterSignIn:
    def __init__(self, store: CounterUserStore, audit: AuditLog, *, online: OnlineSignIn,
                 policy: SignInPolicy | None = None, hasher: PasswordHasher | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        self._store = store
        self._audit = audit
        self._online = online
        self.policy = policy or SignInPolicy()
        self._hasher = hasher or PasswordHasher()  # argon2id, RFC 9106 low-memory defaults
        self._now = now or (lambda: datetime.now(UTC))

    # --- signing in ------------------------------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> CounterUser:
        name = _clean(username)
        if not name or not password:
            raise CredentialsMissing()
        self._refuse_if_locked(name)
        try:
            remote = self._online(name, password)
        except ServerBusy as exc:
            if exc.status != TOO_MANY_REQUESTS:  # a gateway saying the service is down: as unreachable
                return self._offline(name, password)
            # The district answers but refuses more tries for now: never a reason to sign in offline.
            self._audit_safe(name, "signin.refused", {"mode": "online", "reason": "rate_limited"})
            raise SignInThrottled(exc.retry_after) from exc
        except (TransientSyncError, OSError) as exc:
            log.info("district unreachable for sign-in (%s): trying offline", type(exc).__name__)
            return self._offline(name, password)
        except ProblemResponse as exc:
            if exc.problem.code == p.ProblemCode.AUTH_INVALID_CREDENTIALS:
                self._failure(name, "wrong_password", online=True)
            self._audit_safe(name, "signin.refused", {"mode": "online", "code": str(exc.problem.code)})
            raise
        now = self._now()
        self._store.remember(remote.username, self._hasher.hash(password), display_name=remote.display_name,
                             role=remote.role, township_code=remote.township_code, at=now)
        if remote.username != name:  # the district normalised the name: forgive the typed one too
            self._store.succeeded(name)
        self._audit_safe(remote.username, "signin.online", {"role": remote.role})
        return CounterUser(remote.username, remote.display_name, remote.role, remote.township_code,
                           online=True)

    def _offline(self, name: str, password: str) -> CounterUser:
        known = self._store.get(name)
        days = self.policy.offline_days
        if known is None or known.verifier is None or known.last_online_at is None or known.role != CLERK:
            self._audit_safe(name, "signin.refused", {"mode": "offline", "reason": "never_online_here"})
            raise OfflineNotAllowed(days)
        if self._now() - known.last_online_at > timedelta(days=days):
            self._audit_safe(name, "signin.refused", {"mode": "offline", "reason": "verifier_expired"})
            raise OfflineExpired(days)
        self._check(known, password, mode="offline")
        self._store.succeeded(name)
        self._audit_safe(name, "signin.offline", {"role": known.role})
        return _user(known, online=False)

    # --- the locked screen -----------------------------------------------------------------------------

    def unlock(self, locked_by: str, username: str, password: str) -> CounterUser:
        """The user who locked the screen comes back: checked against the local verifier, no network."""
        name = _clean(username)
        if not name or not password:
            raise CredentialsMissing()
        if name != locked_by:
            raise NotTheLockedUser()
        self._refuse_if_locked(name)
        known = self._store.get(name)
        if known is None or known.verifier is None:
            self._failure(name, "no_verifier", online=False)  # raises
        assert known is not None
        self._check(known, password, mode="unlock")
        self._store.succeeded(name)
        self._audit_safe(name, "session.unlock", {})
        return _user(known, online=False)

    def record_lock(self, username: str, *, reason: str) -> None:
        self._audit_safe(username, "session.lock", {"reason": reason})

    def record_switch(self, from_user: str, to_user: str) -> None:
        self._audit_safe(to_user, "session.switch_user", {"from": from_user})

    def record_sign_out(self, username: str) -> None:
        self._audit_safe(username, "session.sign_out", {})

    def locked_until(self, username: str) -> datetime | None:
        known = self._store.get(_clean(username))
        if known is None or known.locked_until is None or known.locked_until <= self._now():
            return None
        return known.locked_until

    # --- internals -------------------------------------------------------------------------------------

    def _check(self, known: KnownUser, password: str, *, mode: str) -> None:
        assert known.verifier is not None
        try:
            self._hasher.verify(known.verifier, password)
        except (VerificationError, InvalidHashError):
            self._failure(known.username, "wrong_password", online=False, mode=mode)

    def _refuse_if_locked(self, name: str) -> None:
        until = self.locked_until(name)
        if until is not None:
            self._audit_safe(name, "signin.refused", {"reason": "locked_out"})
            raise LockedOut(until, self.policy.max_failures)

    def _failure(self, name: str, reason: str, *, online: bool, mode: str | None = None) -> None:
        """Count a failed attempt, audit it, lock out at the limit; always raises."""
        now = self._now()
        until = now + timedelta(minutes=self.policy.lockout_minutes)
        count, locked = self._store.failed(name, now=now, max_failures=self.policy.max_failures,
                                           lock_until=until)
        self._audit_safe(name, "signin.failed", {"reason": reason, "mode": mode or ("online" if online else
                                                                                 "offline"),
                                                  "attempt": count})
        if locked is not None:
            self._audit_safe(name, "signin.locked_out", {"until": locked.isoformat(), "failures": count})
            raise LockedOut(locked, count)
        raise WrongPassword(self.policy.max_failures - count)

    def _audit_safe(self, actor: str, action: str, detail: dict[str, object]) -> None:
        """Audit under the typed user name; a name that looks like an ID or phone number (typed into the
        wrong field) is recorded masked instead of being refused."""
        try:
            self._audit.record(actor=actor, action=action, case_id=None, detail=detail)
        except PersonalDataInAudit:
            self._audit.record(actor="(masked)", action=action, case_id=None, detail=detail)


def _clean(username: str) -> str:
    return username.strip()[:MAX_USERNAME]


def _user(known: KnownUser, *, online: bool) -> CounterUser:
    return CounterUser(known.username, known.display_name, known.role, known.township_code, online=online)
