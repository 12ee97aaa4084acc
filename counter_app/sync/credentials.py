"""The counter's credentials for the district service: the device token (long-lived, from registering the
counter PC once) and the session token (short-lived, from a clerk signing in).

Both live in the OS keyring under a service name per data folder, so two folders never share them. The
clerk's password passes through `sign_in` once and is never stored. Only in the embedded demo, on a
machine without any keyring, are the tokens kept in an owner-only file beside the demo data key (the
window already warns that the folder is for demonstration only).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import keyring
import keyring.errors

from counter_app.security.keystore import _keyring_problem
from counter_app.sync import protocol as p
from counter_app.sync.client import Credentials, DistrictClient
from counter_app.sync.errors import CredentialsNeeded, DeviceNotRegistered, ProblemResponse, SignInRequired

DEVICE_ENTRY = "device"
SESSION_ENTRY = "session"
DEMO_TOKEN_FILE = "demo-sync-tokens.json"
_EXPIRY_MARGIN = timedelta(minutes=2)  # do not start an upload on a session about to lapse
_DEVICE_CODES = {p.ProblemCode.AUTH_DEVICE_INVALID, p.ProblemCode.AUTH_DEVICE_REVOKED}
_SESSION_CODES = {p.ProblemCode.AUTH_SESSION_EXPIRED, p.ProblemCode.AUTH_SESSION_INVALID,
                  p.ProblemCode.AUTH_MISSING_CREDENTIALS}


def keyring_service(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.expanduser().resolve()).encode("utf-8")).hexdigest()
    return f"counter-app-sync-{digest[:16]}"


class KeyringUnavailable(CredentialsNeeded):
    code = "sync.keyring_unavailable"

    def __init__(self, detail: str) -> None:
        super().__init__("系统密钥环无法访问，无法读取或保存同步凭据。请解锁或启动密钥环服务后点击“立即同步”",
                         f"The system keyring cannot be accessed to keep the sync credentials ({detail}); "
                         "unlock or start it, then press Sync now")


class TokenStore(Protocol):
    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class KeyringTokenStore:
    def __init__(self, service: str) -> None:
        self.service = service

    def get(self, name: str) -> str | None:
        try:
            value: str | None = keyring.get_password(self.service, name)
        except (keyring.errors.KeyringError, keyring.errors.InitError) as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc
        return value

    def set(self, name: str, value: str) -> None:
        try:
            keyring.set_password(self.service, name, value)
        except (keyring.errors.KeyringError, keyring.errors.InitError) as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc

    def delete(self, name: str) -> None:
        try:
            keyring.delete_password(self.service, name)
        except keyring.errors.PasswordDeleteError:
            return  # nothing stored: already as wanted
        except (keyring.errors.KeyringError, keyring.errors.InitError) as exc:
            raise KeyringUnavailable(type(exc).__name__) from exc


class DemoFileTokenStore:
    """Demo mode without any keyring only: an owner-only JSON file, rewritten atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def get(self, name: str) -> str | None:
        return self._load().get(name)

    def set(self, name: str, value: str) -> None:
        with self._lock:
            data = self._load()
            data[name] = value
            self._save(data)

    def delete(self, name: str) -> None:
        with self._lock:
            data = self._load()
            if data.pop(name, None) is not None:
                self._save(data)

    def _load(self) -> dict[str, str]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}

    def _save(self, data: dict[str, str]) -> None:
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)


def token_store_for(data_dir: Path, *, demo_mode: bool) -> TokenStore:
    """The keyring when there is one; in demo mode without one, the owner-only demo file."""
    if demo_mode and _keyring_problem() is not None:
        return DemoFileTokenStore(data_dir / DEMO_TOKEN_FILE)
    return KeyringTokenStore(keyring_service(data_dir))


@dataclass(frozen=True)
class DemoAccount:
    """How the embedded demo signs itself in: a registration code and a clerk account made by the
    district's demo seed. The password is a published demo constant, not a stored secret."""

    registration_code: str
    username: str
    password: str


@dataclass(frozen=True)
class SignedInUser:
    username: str
    display_name: str
    role: str
    township_code: str | None
    expires_at: datetime


class SessionKeeper:
    """Hands the outbox valid credentials, registering and signing in by itself only for the demo."""

    def __init__(self, client: DistrictClient, store: TokenStore, *, township_code: str, counter_name: str,
                 demo: DemoAccount | None = None) -> None:
        self._client = client
        self._store = store
        self._township = township_code
        self._counter = counter_name
        self._demo = demo
        self._lock = threading.RLock()

    def credentials(self) -> Credentials:
        """Valid credentials, or SignInRequired / DeviceNotRegistered / KeyringUnavailable."""
        with self._lock:
            device = self._device_token()
            session = self._session()
            if session is None:
                if self._demo is None:
                    raise SignInRequired()
                self.sign_in(self._demo.username, self._demo.password)
                session = self._session()
                if session is None:
                    raise SignInRequired()
            return Credentials(device_token=device, session_token=session[0])

    def register(self, registration_code: str) -> str:
        """Register this counter PC once; returns the device id. Forgets any older device and session."""
        with self._lock:
            answer = self._client.register_device(p.DeviceRegistration(
                registration_code=registration_code, township_code=self._township,
                counter_name=self._counter))
            self._store.delete(SESSION_ENTRY)
            self._store.set(DEVICE_ENTRY, json.dumps({"device_id": answer.device_id,
                                                      "device_token": answer.device_token}))
            return answer.device_id

    def sign_in(self, username: str, password: str, *,
                keep: Callable[[SignedInUser], bool] | None = None) -> SignedInUser:
        """Sign a clerk in; the password is sent once and not kept anywhere. When `keep` says no (e.g. a
        reviewer at the sign-in screen), the session is not stored, so the outbox never uses it."""
        with self._lock:
            device = self._device_token()
            try:
                info = self._client.sign_in(device, username, password)
            except ProblemResponse as exc:
                if exc.problem.code in _DEVICE_CODES:
                    self.rejected(exc)  # raises DeviceNotRegistered
                raise  # e.g. a wrong password: the server's own message says so
            user = SignedInUser(info.user.username, info.user.display_name, info.user.role,
                                info.user.township_code, info.expires_at)
            if keep is not None and not keep(user):
                return user
            self._store.set(SESSION_ENTRY, json.dumps({
                "session_token": info.session_token, "expires_at": info.expires_at.isoformat(),
                "username": user.username, "display_name": user.display_name, "role": user.role,
                "township_code": user.township_code}))
            return user

    def signed_in_user(self) -> SignedInUser | None:
        data = self._session_data()
        if data is None:
            return None
        return SignedInUser(data["username"], data.get("display_name", ""), data.get("role", ""),
                            data.get("township_code") or None, datetime.fromisoformat(data["expires_at"]))

    def sign_out(self) -> None:
        with self._lock:
            self._store.delete(SESSION_ENTRY)

    def rejected(self, error: ProblemResponse) -> bool:
        """Forget what a 401 says is no longer valid. Returns True when retrying could help (the demo can
        sign in again by itself); raises the error a person must act on otherwise."""
        with self._lock:
            code = error.problem.code
            if code in _DEVICE_CODES:
                self._store.delete(SESSION_ENTRY)
                self._store.delete(DEVICE_ENTRY)
                raise DeviceNotRegistered(error.problem.message_zh, error.problem.message_en) from error
            if code in _SESSION_CODES or error.status == 401:
                self._store.delete(SESSION_ENTRY)
                if self._demo is None:
                    raise SignInRequired() from error
                return True
            return False

    # --- internals -----------------------------------------------------------------------------------

    def _device_token(self) -> str:
        raw = self._store.get(DEVICE_ENTRY)
        if raw:
            try:
                return str(json.loads(raw)["device_token"])
            except (ValueError, KeyError, TypeError):
                self._store.delete(DEVICE_ENTRY)  # damaged entry: treat as not registered
        if self._demo is None:
            raise DeviceNotRegistered()
        self.register(self._demo.registration_code)
        raw = self._store.get(DEVICE_ENTRY)
        if not raw:
            raise DeviceNotRegistered()
        return str(json.loads(raw)["device_token"])

    def _session(self) -> tuple[str, datetime] | None:
        data = self._session_data()
        if data is None:
            return None
        expires = datetime.fromisoformat(data["expires_at"])
        if expires - _EXPIRY_MARGIN <= datetime.now(UTC):
            self._store.delete(SESSION_ENTRY)
            return None
        return str(data["session_token"]), expires

    def _session_data(self) -> dict[str, str] | None:
        raw = self._store.get(SESSION_ENTRY)
        if not raw:
            return None
        try:
            data = json.loads(raw)
            datetime.fromisoformat(data["expires_at"])
            str(data["session_token"])
        except (ValueError, KeyError, TypeError):
            self._store.delete(SESSION_ENTRY)
            return None
        return data if isinstance(data, dict) else None
