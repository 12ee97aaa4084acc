"""The network side of signing in: the counter's own district session (SessionKeeper, through the sync
service) and, for a reviewer, the review connection with its own district-device session."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import httpx
from argon2 import PasswordHasher

from counter_app.config import Mode, Settings
from counter_app.context import AppContext
from counter_app.errors import UserFacingError
from counter_app.review.connection import DEMO_DISTRICT_CODE, ReviewConnection
from counter_app.security.login import CounterSignIn, SignInPolicy
from counter_app.security.login_store import CounterUserStore
from counter_app.sync.credentials import SignedInUser, token_store_for
from counter_app.sync.errors import DeviceNotRegistered, LinkDown
from counter_app.sync.service import SyncService

log = logging.getLogger(__name__)

CLERK = "clerk"
PROBE_TIMEOUT = 3.0  # seconds: the sign-in screen's online/offline dot must not hang on a dead link


class SyncOnline:
    """Online sign-in through the counter's sync credentials. Only a clerk's session is kept for the
    outbox: a reviewer or administrator may not submit cases, and uploads made under their session would
    be refused and marked on the cases."""

    def __init__(self, sync: SyncService, *, review: Callable[[], ReviewConnection] | None = None) -> None:
        self._sync = sync
        self._review = review  # a district review PC has only a review device, no counter device

    def __call__(self, username: str, password: str) -> SignedInUser:
        keeper = self._sync.sessions  # may start the embedded district first (demo configuration)
        try:
            user = keeper.sign_in(username, password, keep=lambda signed: signed.role == CLERK)
        except DeviceNotRegistered as not_a_counter:
            # A PC the first-run wizard registered as a district review computer: reviewers sign in
            # through its review device (a clerk is told this PC is not a counter: NotAReviewer).
            if self._review is None:
                raise
            with self._review() as connection:
                if not connection.is_registered():
                    raise not_a_counter from None
                return connection.sign_in(username, password)
        if user.role == CLERK:
            self._sync.sync_now()  # whatever waited for a signed-in clerk goes now
        return user

    def sign_out(self) -> None:
        """Forget the counter's district session (退出登录); in the demo the outbox signs in again."""
        self._sync.sessions.sign_out()

    def keep_only(self, username: str) -> None:
        """After an offline sign-in: a district session kept from another clerk is forgotten, so the
        outbox never submits this clerk's cases under someone else's name. Blocking (it may reach for
        the district's address): run it off the GUI thread."""
        current = self._sync.signed_in_user()
        if current is not None and current.username != username:
            self._sync.sessions.sign_out()


def open_review_connection(sync: SyncService, data_dir: Path, settings: Settings, username: str,
                           password: str) -> ReviewConnection:
    """A signed-in review connection for a reviewer who just signed in online. In the demo this PC is
    registered as a district device with the demo code; otherwise it must have been registered already
    (ReviewDeviceNotRegistered says so: the sign-in screen then asks for a code, register_review_device)."""
    demo = settings.mode is Mode.DEMO
    connection = _review_connection(sync, data_dir, settings)
    try:
        if demo and not connection.is_registered():
            connection.register(DEMO_DISTRICT_CODE)
        connection.sign_in(username, password)
    except BaseException:
        connection.close()
        raise
    return connection


def register_review_device(sync: SyncService, data_dir: Path, settings: Settings, code: str) -> str:
    """Register this PC as a district review device with the administrator's one-time code (made with
    `counter-app district add-device-code --district`); returns the device id. Blocking."""
    with _review_connection(sync, data_dir, settings) as connection:
        device_id = connection.register(code)
    log.info("registered as a district review device")
    return device_id


def register_review_pc(data_dir: Path, url: str, *, ca_file: str | None, code: str) -> str:
    """The first-run wizard's 区级审核电脑: the same registration before any settings exist."""
    store = token_store_for(data_dir, demo_mode=False)
    with ReviewConnection(url, store, verify=ca_file or True) as connection:
        device_id = connection.register(code)
    log.info("registered as a district review computer")
    return device_id


def _review_connection(sync: SyncService, data_dir: Path, settings: Settings) -> ReviewConnection:
    ca_file = settings.extra.get("district_ca_file")
    return ReviewConnection(sync.district_url(),
                            token_store_for(data_dir, demo_mode=settings.mode is Mode.DEMO),
                            verify=str(ca_file) if ca_file else True)


def _no_district(_username: str, _password: str) -> SignedInUser:
    raise LinkDown("sync disabled")


def counter_sign_in(context: AppContext, *, hasher: PasswordHasher | None = None) -> CounterSignIn:
    """The sign-in of this data folder: its database (verifiers, lock-out), its audit log, its district."""
    if context.cipher is None:
        raise RuntimeError("the context was not made by AppContext.open")
    sync = context.sync
    if sync is not None:
        data_dir, settings = context.data_dir, context.settings
        online: Callable[[str, str], SignedInUser] = SyncOnline(
            sync, review=lambda: _review_connection(sync, data_dir, settings))
    else:
        online = _no_district
    return CounterSignIn(CounterUserStore(context.database, context.cipher), context.audit, online=online,
                         policy=SignInPolicy.from_settings(context.settings), hasher=hasher)


def district_reachable(sync: SyncService | None, settings: Settings) -> bool:
    """Whether the district answers its health check now (blocking; run it off the GUI thread). In the
    demo configuration this starts the embedded service, as signing in would."""
    if sync is None:
        return False
    ca_file = settings.extra.get("district_ca_file")
    try:
        url = sync.district_url()
        response = httpx.get(f"{url.rstrip('/')}/v1/health", timeout=PROBE_TIMEOUT,
                             verify=str(ca_file) if ca_file else True)
    except (httpx.HTTPError, OSError, UserFacingError) as exc:
        log.info("district not reachable: %s", type(exc).__name__)
        return False
    return response.status_code < 500
