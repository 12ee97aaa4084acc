"""Runs the retention pass (counter_app.services.retention) off the GUI thread: shortly after the window
opens and then every `interval_hours`. Failures are logged and retried at the next tick; the clerk is not
interrupted by housekeeping."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.services.retention import RetentionReport, RetentionService
from ui.tasks import Runner

log = logging.getLogger(__name__)

FIRST_RUN_MS = 30_000  # let the window settle and the first sync pass start first


class RetentionScheduler(QObject):
    """Signals:
        purged(object): a pass finished and purged something (the RetentionReport).
    """

    purged = Signal(object)

    def __init__(self, service: RetentionService | None, runner: Runner, parent: QObject | None = None,
                 *, first_run_ms: int = FIRST_RUN_MS) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._running = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run_now)
        if service is not None:
            QTimer.singleShot(first_run_ms, self, self.run_now)
            self.timer.start(min(int(service.policy.interval_hours * 3_600_000), 2_000_000_000))

    def run_now(self) -> None:
        if self._service is None or self._running:
            return
        self._running = True
        self._runner.run(self._service.run, self._done, self._failed)

    def _done(self, report: RetentionReport) -> None:
        self._running = False
        if report.anything:
            self.purged.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        log.warning("retention pass failed: %s", type(exc).__name__)
