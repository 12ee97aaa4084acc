"""`run_gui`, as `counter-app` calls it: a normal start, and a start that must refuse with a message."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counter_app.config import SETTINGS_FILE
from ui.app import EXIT_OPEN_FAILED, run_gui
from ui.main_window import MainWindow


def when_shown(kind: type[QWidget], act: Callable[[QWidget], None]) -> QTimer:
    """Poll from inside run_gui's event loop until a top-level widget of `kind` is up, then act on it."""
    timer = QTimer()
    timer.setInterval(50)

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                timer.stop()
                act(widget)
                return

    timer.timeout.connect(poll)
    timer.start()
    return timer


@pytest.fixture(autouse=True)
def keep_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def test_start_shows_the_main_window_in_chinese_and_exits_cleanly(tmp_path: Path) -> None:
    seen: dict[str, object] = {}

    def look_and_close(widget: QWidget) -> None:
        assert isinstance(widget, MainWindow)
        seen["title"] = widget.windowTitle()
        seen["new_button"] = widget.case_list.new_button.text()
        widget.close()

    timer = when_shown(MainWindow, look_and_close)
    code = run_gui(tmp_path / "data", language=None)
    timer.stop()
    assert code == 0
    assert str(seen["new_button"]) == "新建案件"
    assert "仁和镇" in str(seen["title"])
    # The translators were removed again: nothing leaks into the rest of the process.
    assert QCoreApplication.translate("CaseListPanel", "New case") == "New case"


def test_production_mode_without_a_keyring_refuses_with_a_chinese_message(tmp_path: Path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / SETTINGS_FILE).write_text(json.dumps({"mode": "production"}), encoding="utf-8")
    seen: dict[str, str] = {}

    def read_and_dismiss(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        seen["title"], seen["text"] = widget.windowTitle(), widget.text()
        widget.accept()

    timer = when_shown(QMessageBox, read_and_dismiss)
    code = run_gui(data_dir)
    timer.stop()
    assert code == EXIT_OPEN_FAILED
    assert seen["title"] == "无法启动"
    assert "密钥环" in seen["text"]
    assert not (data_dir / "demo-data-key.txt").exists()  # no plaintext key fallback in production
