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
from ui.firstrun.wizard import FirstRunWizard
from ui.main_window import MainWindow
from ui.signin.screen import SignInScreen


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


def test_start_signs_in_then_shows_the_main_window_in_chinese_and_exits_cleanly(tmp_path: Path) -> None:
    """The embedded demo: the sign-in screen comes first; the demo clerk's main window after it."""
    seen: dict[str, object] = {}
    timers: list[QTimer] = []

    def look_and_close(widget: QWidget) -> None:
        assert isinstance(widget, MainWindow)
        seen["title"] = widget.windowTitle()
        seen["new_button"] = widget.case_list.new_button.text()
        seen["clerk"] = widget.context.cases.clerk
        widget.close()

    def sign_in(widget: QWidget) -> None:
        assert isinstance(widget, SignInScreen)
        seen["button"] = widget.button.text()
        seen["main_window_before_sign_in"] = any(isinstance(w, MainWindow) and w.isVisible()
                                                 for w in QApplication.topLevelWidgets())
        widget.username.setText("demo-clerk")
        widget.password.setText("demo1234")
        widget.button.click()
        timers.append(when_shown(MainWindow, look_and_close))

    def choose_demo(widget: QWidget) -> None:  # a fresh data folder: the first-run wizard comes first
        assert isinstance(widget, FirstRunWizard)
        seen["wizard"] = widget.windowTitle()
        seen["demo_preselected"] = widget.mode_page.demo.isChecked()  # nothing is clicked: the default
        for _page in ("camera", "printer", "finish"):
            widget.next()
        widget.accept()

    timers.append(when_shown(FirstRunWizard, choose_demo))
    timers.append(when_shown(SignInScreen, sign_in))
    code = run_gui(tmp_path / "data", language=None)
    for timer in timers:
        timer.stop()
    assert code == 0 and seen["wizard"] == "窗口电脑初始设置" and seen["demo_preselected"] is True
    assert seen["button"] == "登录" and seen["main_window_before_sign_in"] is False
    assert str(seen["new_button"]) == "新建案件"
    assert "仁和镇" in str(seen["title"])
    assert seen["clerk"] == "demo-clerk"
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
