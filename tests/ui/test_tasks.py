"""The one background-task API: work off the GUI thread, results and errors back on it."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from ui.tasks import SyncTaskRunner, TaskRunner


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    created = TaskRunner()
    yield created
    created.shutdown()
    created.deleteLater()


def test_work_runs_off_the_gui_thread_and_the_result_comes_back_on_it(qtbot: QtBot,
                                                                      runner: TaskRunner) -> None:
    gui_thread = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["callback"] = threading.get_ident()
        seen["value"] = value

    runner.run(work, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42
    assert seen["worker"] != gui_thread
    assert seen["callback"] == gui_thread
    assert runner.active_count() == 0


def test_an_exception_goes_to_the_error_handler_on_the_gui_thread(runner: TaskRunner) -> None:
    errors: list[tuple[BaseException, int]] = []

    def fail() -> None:
        raise ValueError("boom")

    runner.run(fail, lambda _: pytest.fail("on_done must not run"),
               lambda exc: errors.append((exc, threading.get_ident())))
    assert runner.wait_for_idle(5000)
    assert isinstance(errors[0][0], ValueError)
    assert errors[0][1] == threading.get_ident()


def test_without_an_error_handler_the_failure_is_reported_by_signal(qtbot: QtBot,
                                                                     runner: TaskRunner) -> None:
    def fail() -> None:
        raise KeyError("not logged: may hold personal data")

    with qtbot.waitSignal(runner.task_failed, timeout=5000) as blocker:
        runner.run(fail, lambda _: None)
    assert blocker.args == ["KeyError"]


def test_wait_for_idle_delivers_every_result_in_order(runner: TaskRunner) -> None:
    results: list[int] = []
    for i in range(20):
        runner.run(lambda i=i: i * i, results.append)
    assert runner.wait_for_idle(5000)
    assert sorted(results) == [i * i for i in range(20)]
    assert runner.active_count() == 0


def test_sync_runner_runs_inline() -> None:
    sync = SyncTaskRunner()
    results: list[str] = []
    errors: list[BaseException] = []
    sync.run(lambda: "done", results.append)
    sync.run(lambda: 1 / 0, results.append, errors.append)
    assert results == ["done"]
    assert isinstance(errors[0], ZeroDivisionError)
    assert sync.wait_for_idle() and sync.active_count() == 0
