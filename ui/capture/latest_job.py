"""One background job at a time on the task runner, for views whose requests supersede each other (the
clerk drags a corner again before the last flattening finished): while a job runs, only the newest further
request waits, and the result of a request that was superseded meanwhile is dropped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.tasks import Runner

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class LatestJob(QObject):
    """Signals:
        busy_changed(bool, str): a job started (with the text saying what it does) or all are done.
    """

    busy_changed = Signal(bool, str)

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._generation = 0
        self._running = False
        self._closed = False
        self._queued: tuple[int, Callable[[], Any], Done, Failed, str] | None = None

    def is_busy(self) -> bool:
        return self._running

    def start(self, fn: Callable[[], Any], on_done: Done, on_error: Failed, text: str) -> None:
        self._generation += 1
        if self._running:
            self._queued = (self._generation, fn, on_done, on_error, text)
            return
        self._launch(self._generation, fn, on_done, on_error, text)

    def close(self) -> None:
        """The view is closing: whatever is still running finishes unheard."""
        self._closed = True
        self._queued = None

    def _launch(self, generation: int, fn: Callable[[], Any], on_done: Done, on_error: Failed,
                text: str) -> None:
        self._running = True
        self.busy_changed.emit(True, text)
        self._runner.run(fn, lambda result: self._finished(generation, on_done, result),
                         lambda exc: self._finished(generation, on_error, exc))

    def _finished(self, generation: int, callback: Callable[[Any], None], outcome: Any) -> None:
        self._running = False
        if self._closed:
            return
        queued, self._queued = self._queued, None
        if queued is not None:
            self._launch(*queued)  # a newer request supersedes this result
            return
        self.busy_changed.emit(False, "")
        if generation == self._generation:
            callback(outcome)
