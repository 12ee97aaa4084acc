"""How a running client gets its SyncService: which district (configured URL, or the embedded one
started on first use), which credentials (keyring; the demo account only in demo mode), which tuning
(`settings.extra["sync"]` may override SyncConfig fields, e.g. {"poll_interval": 60})."""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.config import Mode, Settings
from counter_app.domain.status import Role
from counter_app.store.audit import AuditLog
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.outbox import OutboxRepository
from counter_app.sync.config import SyncConfig
from counter_app.sync.credentials import DemoAccount, token_store_for
from counter_app.sync.service import SyncService

if TYPE_CHECKING:
    from counter_app.district.embedded import EmbeddedDistrict

log = logging.getLogger(__name__)

# Without a sync request or work in the outbox, the first contact waits this long: a window opened and
# closed at once (tests, a quick look) does not start the embedded service for nothing.
STARTUP_DELAY = 2.0


class EmbeddedLocator:
    """Starts the embedded district service the first time its URL is asked for (on the worker thread)."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._lock = threading.Lock()
        self.district: EmbeddedDistrict | None = None

    def __call__(self) -> str:
        with self._lock:
            if self.district is None:
                from counter_app.district.embedded import start_embedded  # the server stack, only if used

                self.district = start_embedded(self._data_dir)
                log.info("embedded district service started at %s", self.district.base_url)
            return self.district.base_url

    def shutdown(self) -> None:
        with self._lock:
            if self.district is not None:
                self.district.shutdown()
                self.district = None


def demo_account(township_code: str) -> DemoAccount | None:
    """The seeded demo clerk and reusable registration code of this township, if the seed has them."""
    from counter_app.district.seed import DEMO_ACCOUNTS, DEMO_DEVICE_CODES, DEMO_PASSWORD

    code = DEMO_DEVICE_CODES.get(township_code)
    clerk = next((a for a in DEMO_ACCOUNTS
                  if a.role is Role.CLERK and a.township_code == township_code), None)
    if code is None or clerk is None:
        return None
    return DemoAccount(registration_code=code, username=clerk.username, password=DEMO_PASSWORD)


def sync_config(settings: Settings) -> SyncConfig:
    overrides: Any = settings.extra.get("sync", {})
    if not isinstance(overrides, dict):
        return SyncConfig()
    known = {f.name for f in dataclasses.fields(SyncConfig)}
    return SyncConfig(**{k: v for k, v in overrides.items() if k in known})


def open_sync(data_dir: Path, settings: Settings, *, outbox: OutboxRepository, blobs: EncryptedBlobStore,
              audit: AuditLog, startup_delay: float = STARTUP_DELAY,
              config: SyncConfig | None = None) -> SyncService:
    """A SyncService for this data folder, not started yet. `config` replaces the settings' tuning."""
    demo_mode = settings.mode is Mode.DEMO
    embedded = None if settings.district_url else EmbeddedLocator(data_dir)
    url = settings.district_url
    ca_file = settings.extra.get("district_ca_file")  # a private CA for the district's TLS certificate
    verify: bool | str = str(ca_file) if ca_file else True
    return SyncService(
        outbox=outbox, blobs=blobs, audit=audit, tokens=token_store_for(data_dir, demo_mode=demo_mode),
        district=embedded if embedded is not None else (lambda: url),
        township_code=settings.township_code, counter_name=settings.counter_name,
        demo=(lambda: demo_account(settings.township_code)) if demo_mode else None,
        config=config or sync_config(settings),
        verify=verify, startup_delay=startup_delay,
        on_close=embedded.shutdown if embedded is not None else None)
