"""Fixtures for the desktop client's tests (pytest-qt, offscreen).

Every test gets its own data folder, and fails if it leaves top-level widgets or running background
tasks behind (style.md habit 7, after napari's conftest).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter_app.context import AppContext
from ui.app import prepare_application
from ui.i18n import CHINESE, install_translators, remove_translators
from ui.main_window import MainWindow
from ui.tasks import Runner, SyncTaskRunner, TaskRunner

SCREENSHOTS = Path(os.environ.get("COUNTER_SCREENSHOTS", "/work/notes/shots"))


def save_screenshot(widget: QWidget, name: str) -> None:
    """Keep a PNG of a screen for a person to look at: in $COUNTER_SCREENSHOTS, or the workplace's
    notes folder where it exists; nowhere on other machines (no test may need a fixed absolute path)."""
    if not SCREENSHOTS.parent.exists():
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SCREENSHOTS / name))


def flush_deletions() -> None:
    """Run pending deleteLater() calls, as the event loop would between two user actions."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _address(widget: QWidget) -> int:
    return int(shiboken6.getCppPointer(widget)[0])


@pytest.fixture(scope="session", autouse=True)
def prepared_qapp(qapp: QApplication) -> QApplication:
    """The bundled font, the Fusion style and the style sheet, as `run_gui` sets them up."""
    prepare_application(qapp)
    return qapp


@pytest.fixture(autouse=True)
def no_leaked_widgets_or_threads(qapp: QApplication) -> Iterator[None]:
    before = {_address(w) for w in QApplication.topLevelWidgets()}
    yield
    flush_deletions()
    busy = [r for r in TaskRunner.live_instances() if r.active_count()]
    for runner in TaskRunner.live_instances():
        runner.wait_for_idle(10_000)  # never leave a worker running into the next test
    global_threads = QThreadPool.globalInstance().activeThreadCount()
    QThreadPool.globalInstance().waitForDone(10_000)
    leaked = [w for w in QApplication.topLevelWidgets() if _address(w) not in before]
    for widget in leaked:  # do not let one test's leftovers fail the next one as well
        widget.close()
        widget.deleteLater()
    flush_deletions()
    problems = []
    if leaked:
        problems.append(f"top-level widgets left open: {[type(w).__name__ for w in leaked]}")
    if busy:
        problems.append(f"{len(busy)} task runner(s) still running work at teardown")
    if global_threads:
        problems.append(f"{global_threads} global thread pool thread(s) still running")
    if problems:
        pytest.fail("; ".join(problems))


@pytest.fixture
def language(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[str]:
    """The interface language of the test: Chinese, the default, unless a test parametrizes it
    indirectly (``@pytest.mark.parametrize("language", ["en"], indirect=True)``)."""
    chosen = str(getattr(request, "param", CHINESE))
    translators = install_translators(qapp, chosen)
    yield chosen
    remove_translators(qapp, translators)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@dataclass
class Windows:
    """Opens main windows the way `run_gui` does (one AppContext each) and closes them like the clerk."""

    qtbot: QtBot
    data_dir: Path
    opened: list[tuple[MainWindow, AppContext]] = field(default_factory=list)

    def open(self, runner: Runner | None = None) -> MainWindow:
        context = AppContext.open(self.data_dir)
        window = MainWindow(context, runner or SyncTaskRunner())
        window.resize(1366, 768)
        window.show()
        self.qtbot.waitExposed(window)
        self.opened.append((window, context))
        return window

    def close(self, window: MainWindow) -> None:
        entry = next(e for e in self.opened if e[0] is window)
        self.opened.remove(entry)
        assert window.close(), "the window refused to close"
        window.deleteLater()
        flush_deletions()
        entry[1].close()

    def close_all(self) -> None:
        for window, _ in list(self.opened):
            self.close(window)


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path, language: str) -> Iterator[Windows]:
    factory = Windows(qtbot, data_dir)
    yield factory
    factory.close_all()


@pytest.fixture
def window(windows: Windows) -> MainWindow:
    """A main window on a fresh data folder, running tasks inline."""
    return windows.open()


@pytest.fixture
def threaded_window(windows: Windows) -> Iterator[MainWindow]:
    """A main window with the real thread-pool runner, as in production."""
    runner = TaskRunner()
    opened = windows.open(runner)
    yield opened
    if any(w is opened for w, _ in windows.opened):
        windows.close(opened)  # before the runner goes: closing flushes through it
    runner.shutdown()
    runner.deleteLater()
