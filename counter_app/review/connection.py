"""A reviewer's connection to the district service: the district device registration, the reviewer's
session and the `ReviewClient` that uses them.

The tokens live in the same `TokenStore` as the counter's (OS keyring, or the demo file) but under their
own entries, so a PC that is both a counter and a review desk keeps both. The password passes through
`sign_in` once and is never stored. Registering and signing in are blocking network calls: the UI runs
them on its task runner.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import httpx

from counter_app.review.client import ReviewClient
from counter_app.review.errors import (
    NotAReviewer,
    ReviewDeviceNotRegistered,
    ReviewError,
    ReviewLinkBroken,
    ReviewOffline,
    ReviewServiceBusy,
    ReviewSignInRequired,
)
from counter_app.sync import protocol as p
from counter_app.sync.client import Credentials, DistrictClient
from counter_app.sync.credentials import SignedInUser, TokenStore
from counter_app.sync.errors import LinkDown, ProblemResponse, ServerBusy, TransientSyncError

REVIEW_DEVICE_ENTRY = "review-device"
REVIEW_SESSION_ENTRY = "review-session"
DEMO_DISTRICT_CODE = "DEMO-DIST-RICT"  # counter_app.district.seed: the demo's district device code
_EXPIRY_MARGIN = timedelta(minutes=1)
T = TypeVar("T")
_DEVICE_CODES = {p.ProblemCode.AUTH_DEVICE_INVALID, p.ProblemCode.AUTH_DEVICE_REVOKED}


class CounterCodeNotForReview(ReviewError):
    """The code was made for a township counter; the server's own words ("check the township code") would
    send a reviewer looking for a field this PC does not have."""

    code = "review.counter_code"

    def __init__(self) -> None:
        super().__init__("这是乡镇窗口电脑的注册码。区级审核电脑需要管理员用 "
                         "counter-app district add-device-code --district 生成的区级设备注册码",
                         "This code is for a township counter. A district review PC needs a code made with "
                         "counter-app district add-device-code --district")


class ReviewConnection:
    """Registration + session + client. `client` raises ReviewSignInRequired once the session is gone."""

    def __init__(self, base_url: str, store: TokenStore, *, verify: bool | str = True,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._store = store
        self._lock = threading.RLock()
        self._auth_client = DistrictClient(self.base_url, verify=verify, transport=transport)
        self.client = ReviewClient(self.base_url, self, verify=verify, transport=transport)

    def close(self) -> None:
        self.client.close()
        self._auth_client.close()

    def __enter__(self) -> ReviewConnection:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- registration and sign-in ----------------------------------------------------------------------

    def is_registered(self) -> bool:
        return self._device() is not None

    def register(self, registration_code: str, device_name: str = "区级审核电脑") -> str:
        """Register this PC as a district device (no township); returns the device id."""
        request = p.DeviceRegistration(registration_code=registration_code.strip(), township_code=None,
                                       counter_name=device_name)
        with self._lock:
            try:
                answer = _mapped(lambda: self._auth_client.register_device(request))
            except ProblemResponse as exc:
                if exc.problem.code == p.ProblemCode.AUTH_FORBIDDEN_TOWNSHIP:
                    raise CounterCodeNotForReview() from exc
                raise
            self._store.delete(REVIEW_SESSION_ENTRY)
            self._store.set(REVIEW_DEVICE_ENTRY, json.dumps({"device_id": answer.device_id,
                                                             "device_token": answer.device_token}))
            return answer.device_id

    def sign_in(self, username: str, password: str) -> SignedInUser:
        """Sign a reviewer in. Other roles are refused here (the server refuses them too)."""
        with self._lock:
            device = self._device()
            if device is None:
                raise ReviewDeviceNotRegistered()
            try:
                info = _mapped(lambda: self._auth_client.sign_in(device, username, password))
            except ProblemResponse as exc:
                if exc.problem.code in _DEVICE_CODES:
                    self._forget_device()
                    raise ReviewDeviceNotRegistered() from exc
                raise
            if info.user.role != "reviewer":
                raise NotAReviewer(info.user.role)
            user = SignedInUser(info.user.username, info.user.display_name, info.user.role,
                                info.user.township_code, info.expires_at)
            self._store.set(REVIEW_SESSION_ENTRY, json.dumps({
                "session_token": info.session_token, "expires_at": info.expires_at.isoformat(),
                "username": user.username, "display_name": user.display_name, "role": user.role}))
            return user

    def restore(self) -> SignedInUser | None:
        """The reviewer of a stored, unexpired session (e.g. after restarting the app), else None."""
        data = self._session()
        if data is None:
            return None
        return SignedInUser(data["username"], data.get("display_name", ""), data.get("role", ""), None,
                            datetime.fromisoformat(data["expires_at"]))

    @property
    def user(self) -> SignedInUser | None:
        return self.restore()

    def sign_out(self) -> None:
        with self._lock:
            self._store.delete(REVIEW_SESSION_ENTRY)

    # --- CredentialSource ------------------------------------------------------------------------------

    def credentials(self) -> Credentials:
        with self._lock:
            device = self._device()
            if device is None:
                raise ReviewDeviceNotRegistered()
            session = self._session()
            if session is None:
                raise ReviewSignInRequired()
            return Credentials(device_token=device, session_token=session["session_token"])

    def rejected(self, error: ProblemResponse) -> None:
        with self._lock:
            if error.problem.code in _DEVICE_CODES:
                self._forget_device()
                raise ReviewDeviceNotRegistered() from error
            self._store.delete(REVIEW_SESSION_ENTRY)
            raise ReviewSignInRequired() from error

    # --- internals -------------------------------------------------------------------------------------

    def _forget_device(self) -> None:
        self._store.delete(REVIEW_SESSION_ENTRY)
        self._store.delete(REVIEW_DEVICE_ENTRY)

    def _device(self) -> str | None:
        raw = self._store.get(REVIEW_DEVICE_ENTRY)
        if not raw:
            return None
        try:
            return str(json.loads(raw)["device_token"])
        except (ValueError, KeyError, TypeError):
            self._store.delete(REVIEW_DEVICE_ENTRY)  # damaged: as if never registered
            return None

    def _session(self) -> dict[str, str] | None:
        raw = self._store.get(REVIEW_SESSION_ENTRY)
        if not raw:
            return None
        try:
            data = json.loads(raw)
            expires = datetime.fromisoformat(data["expires_at"])
            str(data["session_token"])
        except (ValueError, KeyError, TypeError):
            self._store.delete(REVIEW_SESSION_ENTRY)
            return None
        if expires - _EXPIRY_MARGIN <= datetime.now(UTC):
            self._store.delete(REVIEW_SESSION_ENTRY)
            return None
        return {str(k): str(v) for k, v in data.items()}


def _mapped(call: Callable[[], T]) -> T:
    """The sync client's link errors (worded for the counter's outbox) as the reviewer's."""
    try:
        return call()
    except LinkDown as exc:
        raise ReviewOffline() from exc
    except ServerBusy as exc:
        raise ReviewServiceBusy(exc.status, exc.retry_after) from exc
    except TransientSyncError as exc:
        raise ReviewLinkBroken() from exc
