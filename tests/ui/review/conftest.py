"""The reviewer workspace's GUI tests: a real embedded district (SQLite in the test's folder), a counter
that submits real cases with real images over HTTP, and the ReviewWindow on a real TaskRunner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter_app.review.connection import ReviewConnection
from tests.ui.conftest import flush_deletions
from tests.unit.review.district import Counter, ReviewDistrict, start_review_district
from ui.review.launch import open_review_window
from ui.review.window import ReviewWindow
from ui.tasks import TaskRunner


@pytest.fixture
def district(tmp_path: Path) -> Iterator[ReviewDistrict]:
    running = start_review_district(tmp_path)
    yield running
    running.close()


@pytest.fixture
def counter(district: ReviewDistrict) -> Counter:
    return district.counter()


@pytest.fixture
def connection(district: ReviewDistrict) -> ReviewConnection:
    return district.reviewer()


@pytest.fixture
def open_window(qtbot: QtBot, connection: ReviewConnection,
                language: str) -> Iterator[Callable[[], ReviewWindow]]:
    """Opens the workspace the way the sign-in screen does, at 1366×768, and waits for the queue."""
    runner = TaskRunner()
    opened: list[ReviewWindow] = []

    def make() -> ReviewWindow:
        window = open_review_window(connection, runner)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: not window.is_busy(), timeout=15_000)
        opened.append(window)
        return window

    yield make
    for window in opened:
        window.close()
        window.deleteLater()
    runner.shutdown()
    flush_deletions()
    runner.deleteLater()
    flush_deletions()


def settle(qtbot: QtBot, window: ReviewWindow) -> None:
    """Wait until no call of the window is running (network calls are on the thread pool)."""
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=15_000)
