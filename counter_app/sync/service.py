"""`SyncService`: the one object the rest of the client uses for sync (AppContext.sync).

It owns the worker thread and builds, on the worker's first pass, the HTTP client, the credential keeper
and the engine — so finding the district (starting the embedded one, if that is the configuration) never
happens on the caller's thread. Everything it reports is read from the local store or the worker's
snapshot; the network only moves data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection

from counter_app.store.audit import AuditLog
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.outbox import OutboxRepository
from counter_app.sync.client import DistrictClient
from counter_app.sync.config import SyncConfig
from counter_app.sync.credentials import DemoAccount, SessionKeeper, SignedInUser, TokenStore
from counter_app.sync.engine import SyncEngine
from counter_app.sync.status import CaseSyncState, SyncStatus, case_state
from counter_app.sync.worker import Listener, OutboxWorker

DistrictLocator = Callable[[], str]
# Problems of a pass that concern one submission only, not everyone waiting (those are on the case).
_CASE_LEVEL = frozenset({"sync.link_broken"})  # returns the base URL; may start the embedded service first


class SyncService:
    def __init__(self, *, outbox: OutboxRepository, blobs: EncryptedBlobStore, audit: AuditLog,
                 tokens: TokenStore, district: DistrictLocator, township_code: str, counter_name: str,
                 demo: Callable[[], DemoAccount | None] | None = None, config: SyncConfig | None = None,
                 verify: bool | str = True, startup_delay: float = 0.0,
                 on_close: Callable[[], None] | None = None) -> None:
        self._outbox = outbox
        self._blobs = blobs
        self._audit = audit
        self._tokens = tokens
        self._district = district
        self._township = township_code
        self._counter = counter_name
        self._demo = demo
        self._config = config or SyncConfig()
        self._verify = verify
        self._on_close = on_close
        self._client: DistrictClient | None = None
        self._sessions: SessionKeeper | None = None
        self._build_lock = threading.Lock()
        self.worker = OutboxWorker(self._build_engine, outbox, config=self._config,
                                   startup_delay=startup_delay)

    # --- life ----------------------------------------------------------------------------------------

    def start(self) -> None:
        self.worker.start()

    def close(self, timeout: float = 5.0) -> bool:
        """Stop the worker (after its current request) and close the connection. False if the worker
        did not stop in time (it is a daemon thread and holds nothing that a kill could damage)."""
        stopped = self.worker.stop(timeout)
        if self._client is not None and stopped:
            self._client.close()
        if self._on_close is not None:
            self._on_close()  # e.g. the embedded district service, after the worker stopped using it
        return stopped

    # --- what the UI and services call -----------------------------------------------------------------

    def status(self) -> SyncStatus:
        return self.worker.status()

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        return self.worker.add_listener(listener)

    def case_states(self, case_ids: Collection[str] | None = None) -> dict[str, CaseSyncState]:
        """Per-case sync state of the newest submission of each case (only cases ever submitted)."""
        status = self.worker.status()
        held_up = None
        if status.problem_zh is not None and status.problem_code not in _CASE_LEVEL:
            held_up = (status.problem_zh, status.problem_en or status.problem_zh)
        return {cid: case_state(item, held_up) for cid, item in self._outbox.summaries(case_ids).items()}

    def case_state(self, case_id: str) -> CaseSyncState | None:
        return self.case_states([case_id]).get(case_id)

    def district_url(self) -> str:
        """The district service's base URL (starting the embedded one first, in that configuration)."""
        return self._district()

    def wake(self) -> None:
        self.worker.wake()

    def sync_now(self) -> None:
        self.worker.sync_now()

    def retry(self, case_id: str, *, actor: str) -> bool:
        """A person resolved why the district refused the case: queue it again."""
        if not self._outbox.retry(case_id):
            return False
        self._audit.record(actor=actor, action="case.sync_retry", case_id=case_id)
        self.worker.sync_now()
        return True

    def run_until_idle(self, timeout: float = 120.0) -> SyncStatus:
        """Sync in the calling thread until the outbox is empty (headless demo, tests)."""
        return self.worker.run_until_idle(timeout)

    # --- credentials ---------------------------------------------------------------------------------

    def register_device(self, registration_code: str) -> str:
        device_id = self.sessions.register(registration_code)
        self.worker.sync_now()
        return device_id

    def sign_in(self, username: str, password: str) -> SignedInUser:
        user = self.sessions.sign_in(username, password)
        self.worker.sync_now()
        return user

    def signed_in_user(self) -> SignedInUser | None:
        return self.sessions.signed_in_user()

    @property
    def sessions(self) -> SessionKeeper:
        self._ensure_client()
        assert self._sessions is not None
        return self._sessions

    @property
    def client(self) -> DistrictClient:
        self._ensure_client()
        assert self._client is not None
        return self._client

    # --- internals -----------------------------------------------------------------------------------

    def _ensure_client(self) -> None:
        with self._build_lock:
            if self._client is None:
                client = DistrictClient(self._district(), config=self._config, verify=self._verify)
                demo = self._demo() if self._demo is not None else None  # may import the server's seed
                self._sessions = SessionKeeper(client, self._tokens, township_code=self._township,
                                               counter_name=self._counter, demo=demo)
                self._client = client

    def _build_engine(self) -> SyncEngine:
        return SyncEngine(self._outbox, self._blobs, self.client, self.sessions, self._audit,
                          config=self._config, on_progress=self.worker.progress)

