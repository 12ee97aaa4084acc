"""The one way the desktop client runs work off the GUI thread (style.md habit 2).

`TaskRunner.run(fn, on_done, on_error)` runs ``fn`` on a private QThreadPool. The worker never touches a
widget: it only puts its outcome on a queue and emits a signal; the GUI thread drains the queue and calls
``on_done`` / ``on_error`` there. `SyncTaskRunner` has the same interface and runs everything inline, for
tests and for places that must finish before going on.
"""

from __future__ import annotations

import logging
import queue
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
ErrorHandler = Callable[[BaseException], None]


class Runner(Protocol):
    """What views depend on: either runner fits."""

    def run(self, fn: Callable[[], T], on_done: Callable[[T], None],
            on_error: ErrorHandler | None = None) -> None: ...

    def wait_for_idle(self, timeout_ms: int = -1) -> bool: ...

    def shutdown(self) -> None: ...

    def active_count(self) -> int: ...


def _log_failure(exc: BaseException) -> None:
    # Only the type: exception texts from the store may quote personal data.
    log.error("background task failed: %s", type(exc).__name__)


@dataclass
class _Outcome:
    ok: bool
    value: Any
    on_done: Callable[[Any], None]
    on_error: ErrorHandler


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: ErrorHandler,
                 outbox: queue.SimpleQueue[_Outcome], notify: Callable[[], None]) -> None:
        super().__init__()
        self._fn, self._on_done, self._on_error = fn, on_done, on_error
        self._outbox, self._notify = outbox, notify

    def run(self) -> None:
        try:
            outcome = _Outcome(True, self._fn(), self._on_done, self._on_error)
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            outcome = _Outcome(False, exc, self._on_done, self._on_error)
        self._outbox.put(outcome)
        self._notify()


class TaskRunner(QObject):
    """Runs callables on a thread pool and hands their results back on the GUI thread.

    Signals:
        task_failed(str): a task without its own error handler raised; carries the exception type name.
    """

    task_failed = Signal(str)
    _outcome_ready = Signal()

    _instances: ClassVar[weakref.WeakSet[TaskRunner]] = weakref.WeakSet()

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._outbox: queue.SimpleQueue[_Outcome] = queue.SimpleQueue()
        self._pending = 0
        # Queued across threads because the runner lives in the GUI thread and workers emit.
        self._outcome_ready.connect(self._drain)
        TaskRunner._instances.add(self)

    def run(self, fn: Callable[[], T], on_done: Callable[[T], None],
            on_error: ErrorHandler | None = None) -> None:
        self._pending += 1
        job = _Job(fn, on_done, on_error or self._default_error, self._outbox, self._outcome_ready.emit)
        self._pool.start(job)

    def active_count(self) -> int:
        """Tasks started whose callback has not run yet."""
        return self._pending

    def wait_for_idle(self, timeout_ms: int = -1) -> bool:
        """Block until every started task has finished, then run their callbacks now, in order."""
        finished = self._pool.waitForDone(timeout_ms)
        self._drain()
        return finished and self._pending == 0

    def shutdown(self) -> None:
        self.wait_for_idle()
        self._pool.clear()

    @classmethod
    def live_instances(cls) -> list[TaskRunner]:
        """Runners whose Qt object still exists (test teardown checks none is left busy)."""
        return [runner for runner in list(cls._instances) if shiboken6.isValid(runner)]

    @Slot()
    def _drain(self) -> None:
        while True:
            try:
                outcome = self._outbox.get_nowait()
            except queue.Empty:
                return
            self._pending -= 1
            if outcome.ok:
                outcome.on_done(outcome.value)
            else:
                outcome.on_error(outcome.value)

    def _default_error(self, exc: BaseException) -> None:
        _log_failure(exc)
        self.task_failed.emit(type(exc).__name__)


class SyncTaskRunner:
    """Runs every task inline, so a test sees the result as soon as `run` returns."""

    def __init__(self) -> None:
        self.completed = 0

    def run(self, fn: Callable[[], T], on_done: Callable[[T], None],
            on_error: ErrorHandler | None = None) -> None:
        try:
            result = fn()
        except Exception as exc:
            self.completed += 1
            (on_error or _log_failure)(exc)
            return
        self.completed += 1
        on_done(result)

    def active_count(self) -> int:
        return 0

    def wait_for_idle(self, timeout_ms: int = -1) -> bool:
        return True

    def shutdown(self) -> None:
        return None
