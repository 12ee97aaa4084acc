"""Draft auto-save: debounced, one save in flight at a time, later edits coalesced, flushed on demand.

A clerk never loses typing: each edit restarts a short timer; when it fires, the form's current state is
saved on the task runner. Edits made while a save is running are saved right after it. `flush()` saves
whatever is pending synchronously — on case switch and when the window closes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.domain.model import Application
from counter_app.services.cases import CaseService
from counter_app.store.repository import CaseRecord
from ui.tasks import Runner

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 1000


class DraftSaver(QObject):
    """Signals:
        saved(object): a save finished; carries the stored CaseRecord.
        save_failed(object): a save raised; carries the exception (the draft stays pending).
        pending_changed(bool): whether there are edits not yet stored.
    """

    saved = Signal(object)
    save_failed = Signal(object)
    pending_changed = Signal(bool)

    def __init__(self, service: CaseService, runner: Runner, snapshot: Callable[[], Application],
                 parent: QObject | None = None, *, delay_ms: int = AUTOSAVE_DELAY_MS) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._snapshot = snapshot
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.save_soon)
        self._case_id: str | None = None
        self._row_version: int | None = None
        self._dirty = False
        self._in_flight = False

    @property
    def case_id(self) -> str | None:
        return self._case_id

    def is_pending(self) -> bool:
        return self._dirty or self._in_flight

    def start(self, record: CaseRecord) -> None:
        """Track a newly opened case (the previous one must have been flushed)."""
        self._timer.stop()
        self._case_id = record.case_id
        self._row_version = record.row_version
        self._set_dirty(False)

    def stop(self) -> None:
        self._timer.stop()
        self._case_id = None
        self._set_dirty(False)

    def update_record(self, record: CaseRecord) -> None:
        """Another operation (初审) stored the case: carry on from its row version."""
        if record.case_id == self._case_id:
            self._row_version = record.row_version

    def schedule(self) -> None:
        if self._case_id is None:
            return
        self._set_dirty(True)
        self._timer.start()

    def save_soon(self) -> None:
        """Start a background save of the current form now, unless one is already running."""
        self._timer.stop()
        if self._case_id is None or not self._dirty or self._in_flight:
            return
        case_id, version, app = self._case_id, self._row_version, self._snapshot()
        self._in_flight = True
        self._set_dirty(False)
        self._runner.run(lambda: self._service.save_draft(case_id, app, expected_row_version=version),
                         self._done, self._failed)

    def flush(self) -> bool:
        """Store everything pending before returning. False if the last save failed."""
        self._timer.stop()
        self._runner.wait_for_idle()
        if self._case_id is None or not self._dirty:
            return not self._dirty
        app = self._snapshot()
        try:
            record = self._service.save_draft(self._case_id, app, expected_row_version=self._row_version)
        except Exception as exc:
            self.save_failed.emit(exc)
            return False
        self._row_version = record.row_version
        self._set_dirty(False)
        self.saved.emit(record)
        return True

    def _done(self, record: CaseRecord) -> None:
        self._in_flight = False
        if record.case_id == self._case_id:
            self._row_version = record.row_version
        self.saved.emit(record)
        if self._dirty and not self._timer.isActive():
            self.save_soon()
        self.pending_changed.emit(self.is_pending())

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        # Keep the edits pending: the next edit, Ctrl+S or closing the window tries again.
        self._set_dirty(True)
        log.warning("draft save failed: %s", type(exc).__name__)
        self.save_failed.emit(exc)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.pending_changed.emit(self.is_pending())
