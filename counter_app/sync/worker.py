"""The outbox worker: a plain Python thread that runs sync passes and publishes the sync status.

No Qt here. The UI either polls `status()` (a lock-protected snapshot, no I/O) or registers a listener;
listeners are called on whichever thread changed the status (mostly the worker's), so a GUI must hand
the value to its own thread itself.
Retry timing: after a pass that failed, exponential backoff with full jitter (Retry-After honoured);
after one that made progress, the count starts again, so a link that drops often resumes at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from counter_app.store.outbox import OutboxRepository
from counter_app.sync.backoff import Backoff
from counter_app.sync.config import SyncConfig
from counter_app.sync.engine import LAST_SYNC_META, SyncEngine
from counter_app.sync.errors import CredentialsNeeded, SyncError, TransientSyncError
from counter_app.sync.pass_report import PassReport
from counter_app.sync.status import SyncStatus

log = logging.getLogger(__name__)
Listener = Callable[[SyncStatus], None]


class OutboxWorker:
    def __init__(self, engine_factory: Callable[[], SyncEngine], outbox: OutboxRepository, *,
                 config: SyncConfig | None = None, backoff: Backoff | None = None,
                 startup_delay: float = 0.0) -> None:
        """`engine_factory` is called on the worker's first pass, so whatever it needs (e.g. the embedded
        district service) starts off the caller's thread. `startup_delay`: the first pass waits this
        long unless there is work in the outbox or someone asks (wake, sync_now)."""
        self._engine_factory = engine_factory
        self._engine: SyncEngine | None = None
        self._outbox = outbox
        self._config = config or SyncConfig()
        self._backoff = backoff or Backoff(self._config.backoff_base, self._config.backoff_cap)
        self._startup_delay = startup_delay
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._pass_lock = threading.Lock()
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._thread: threading.Thread | None = None
        self._last_progress_publish = 0.0
        self._status = SyncStatus(online=None, busy=False, waiting=0, attention=0, bytes_left=0,
                                  last_sync_at=None, next_attempt_at=None)
        self._refresh_totals()

    # --- control -------------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> bool:
        """Ask the thread to stop after the current request and wait; False if it is still running."""
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def wake(self) -> None:
        """There is new work: count it at once (the indicator shows it) and run a pass soon (a backoff in
        progress is kept)."""
        self._refresh_totals()
        self._publish()
        self._wake.set()

    def sync_now(self) -> None:
        """The clerk asked: try at once, whatever the backoff said."""
        self._backoff.progressed()
        self._wake.set()

    @property
    def engine(self) -> SyncEngine:
        if self._engine is None:
            self._engine = self._engine_factory()
        return self._engine

    # --- status --------------------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(status)` whenever the status changes, on the thread where it changed (the
        worker's, or the one that called wake()/sync_now()): a GUI must hand it to its own thread. Returns
        a function that removes it."""
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)
        return remove

    def progress(self) -> None:
        """Called by the engine after each step; publishes at most every progress_interval."""
        now = time.monotonic()
        if now - self._last_progress_publish < self._config.progress_interval:
            return
        self._last_progress_publish = now
        self._refresh_totals()
        self._update(online=True)  # progress means the server answered

    # --- passes --------------------------------------------------------------------------------------

    def run_once(self) -> PassReport:
        """One pass in the calling thread (a headless caller such as the demo, or tests)."""
        return self._pass(schedule=False)[0]

    def _pass(self, *, schedule: bool) -> tuple[PassReport, float]:
        """One pass; with `schedule`, also the wait before the next one, published in the same status
        update as the pass's outcome so no one ever sees "offline" without the time of the next try."""
        with self._pass_lock:
            self._update(busy=True)
            try:
                engine = self.engine
            except SyncError as exc:
                report = PassReport(error=exc)
            except Exception as exc:  # e.g. the embedded service could not start: report, do not die
                log.exception("sync engine could not be set up")
                report = PassReport(error=TransientSyncError(
                    "同步服务暂时无法启动，稍后自动重试", f"Sync could not start ({type(exc).__name__})"))
            else:
                report = engine.run_pass(self._stop)
            delay = self._delay_after(report) if schedule else 0.0
            next_attempt = (datetime.now(UTC) + timedelta(seconds=delay)
                            if schedule and report.error is not None else None)
            self._after_pass(report, next_attempt)
            return report, delay

    def run_until_idle(self, timeout: float) -> SyncStatus:
        """Run passes here until nothing waits in the outbox (refused submissions do not count) and a
        pass has completed cleanly, honouring backoff between failures; give up after `timeout` s."""
        deadline = time.monotonic() + timeout
        while True:
            report = self.run_once()
            status = self.status()
            if report.error is None and status.waiting == 0:
                return status
            if isinstance(report.error, CredentialsNeeded):
                return status
            delay = self._delay_after(report)
            if time.monotonic() + delay > deadline or self._stop.is_set():
                return status
            time.sleep(delay)

    def _run(self) -> None:
        if self._startup_delay > 0 and self.status().waiting == 0:
            self._wake.wait(self._startup_delay)
            self._wake.clear()
        while not self._stop.is_set():
            try:
                _report, delay = self._pass(schedule=True)
            except Exception:  # the thread must survive anything one pass does (a full disk, a bug)
                log.exception("sync pass failed")
                delay = self._delay_after(PassReport(error=TransientSyncError("同步出错，稍后自动重试",
                                                                              "Sync failed; retrying")))
                self._update(busy=False, next_attempt_at=datetime.now(UTC) + timedelta(seconds=delay))
            if self._stop.is_set():
                break
            self._wake.wait(delay)
            self._wake.clear()

    def _delay_after(self, report: PassReport) -> float:
        error = report.error
        if error is None:
            self._backoff.progressed()
            return self._config.poll_interval
        if report.progressed:
            self._backoff.progressed()
        if isinstance(error, CredentialsNeeded):
            return self._config.poll_interval  # a person must act; sign_in()/sync_now() wake us
        retry_after = error.retry_after if isinstance(error, TransientSyncError) else None
        return self._backoff.failed(retry_after)

    def _after_pass(self, report: PassReport, next_attempt_at: datetime | None = None) -> None:
        error = report.error
        # Asking the keyring or finding no session tries nothing on the network: online stays as it was.
        online = self.status().online if isinstance(error, CredentialsNeeded) else report.reached_server
        self._refresh_totals()
        self._update(busy=False, online=online, bytes_sent=self.status().bytes_sent + report.bytes_sent,
                     problem_code=error.code if error is not None else None,
                     problem_zh=error.message_zh if error is not None else None,
                     problem_en=error.message_en if error is not None else None,
                     next_attempt_at=next_attempt_at)

    # --- internals -----------------------------------------------------------------------------------

    def _refresh_totals(self) -> None:
        totals = self._outbox.totals()
        last = self._outbox.meta(LAST_SYNC_META)
        with self._lock:
            self._status = replace(self._status, waiting=totals.waiting, attention=totals.attention,
                                   bytes_left=totals.bytes_left, revision=self._status.revision + 1,
                                   last_sync_at=datetime.fromisoformat(last) if last else None)

    def _update(self, **changes: object) -> None:
        with self._lock:
            self._status = replace(self._status, revision=self._status.revision + 1, **changes)  # type: ignore[arg-type]
        self._publish()

    def _publish(self) -> None:
        with self._lock:
            status, listeners = self._status, list(self._listeners)
        for listener in listeners:
            try:
                listener(status)
            except Exception:  # a broken listener must not stop the outbox
                log.exception("sync status listener failed")
