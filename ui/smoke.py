"""The window part of `counter-app --smoke` (see counter_app.smoke): Qt starts (offscreen unless a
platform is named), the bundled font and Chinese translation load, the main window opens on the smoke
run's data folder with the demo clerk (straight to the window: the smoke run has nobody to sign in), and
the portrait capture dialog takes a photo from the simulated camera through the quality gate and stores
it on the task runner, as a clerk's click on 使用此照片 would.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
from PySide6.QtWidgets import QApplication

from counter_app.capture.sources import SimulatedCamera
from counter_app.context import AppContext
from counter_app.smoke import SmokeFailed, SmokeRun
from ui.capture.portrait_dialog import PortraitCaptureDialog
from ui.fonts import register_bundled_fonts
from ui.i18n import CHINESE, install_translators
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

WINDOW_TIMEOUT = 30.0  # seconds; generous for a loaded CI machine, a hang still ends the run
CAPTURE_TIMEOUT = 60.0


def _application() -> QApplication:
    from ui.app import prepare_application

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed; a named platform wins
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["counter-app", "--smoke"])
    prepare_application(app)
    install_translators(app, CHINESE)
    return app


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SmokeFailed(f"超时 / timed out after {timeout:.0f} s waiting for {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)  # processEvents returns at once when idle; do not spin a core


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def run_window_smoke(run: SmokeRun, context: AppContext, case_id: str,
                     process_age: Callable[[], float | None]) -> None:
    app = run.step("启动 Qt（字体、中文界面）/ start Qt (font, Chinese)", _application,
                   lambda a: [f"platform {a.platformName()}, fonts {register_bundled_fonts()}"])
    runner = TaskRunner()
    window: MainWindow | None = None
    try:
        window = run.step("打开主窗口 / open the main window",
                          lambda: _open_window(app, context, runner, case_id),
                          lambda w: _window_lines(w, process_age()))
        run.step("人像采集对话框：模拟摄像头自动拍摄并保存 / portrait dialog: auto-capture and store",
                 lambda: _capture_portrait(app, context, case_id, runner), lambda lines: lines)
    finally:
        runner.shutdown()
        if window is not None:
            window.close()
            window.deleteLater()
        runner.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _open_window(app: QApplication, context: AppContext, runner: TaskRunner, case_id: str) -> MainWindow:
    window = MainWindow(context, runner)
    window.show()

    def ready() -> bool:
        handle = window.windowHandle()
        return handle is not None and handle.isExposed() and window.case_list.model.rowCount() > 0

    wait_until(app, ready, WINDOW_TIMEOUT, "the main window and its case list")
    if window.grab().isNull():
        raise SmokeFailed("主窗口无法绘制 / the main window did not paint")
    if not has_cjk(window.windowTitle()):
        raise SmokeFailed(f"界面未加载中文翻译 / no Chinese translation: {window.windowTitle()!r}")
    return window


def _window_lines(window: MainWindow, age: float | None) -> list[str]:
    # CPU time as well as wall time: on a busy machine (CI, 2 cores shared) the wall time mostly measures
    # the wait for a core, the CPU time is what start-up costs.
    cpu = time.process_time()
    lines = [f"title {window.windowTitle()!r}, {window.case_list.model.rowCount()} case(s) listed"]
    if age is not None:
        lines.append(f"start-up to main window: {age:.2f} s since the process started ({cpu:.2f} s CPU)")
    else:
        lines.append(f"start-up to main window: {cpu:.2f} s CPU")
    return lines


def _capture_portrait(app: QApplication, context: AppContext, case_id: str, runner: TaskRunner) -> list[str]:
    dialog = PortraitCaptureDialog(context.materials, case_id, lambda: SimulatedCamera(fps=30), runner)
    stored: list[object] = []
    dialog.stored.connect(stored.append)
    began = time.perf_counter()
    try:
        dialog.show()
        wait_until(app, lambda: dialog.capture is not None, CAPTURE_TIMEOUT, "the automatic capture")
        capture = dialog.capture
        assert capture is not None
        if capture.override_reason is not None or not capture.report.passed:
            raise SmokeFailed("自动拍摄的人像未通过质量检查 / the auto-captured portrait failed a check")
        auto_after = time.perf_counter() - began
        dialog.use_button.click()
        wait_until(app, lambda: bool(stored), CAPTURE_TIMEOUT, "the portrait to be stored")
    finally:
        dialog.reject()  # stops and waits for the frame thread, whatever happened
        dialog.deleteLater()
    records = [r for r in context.materials.list_materials(case_id) if r.slot == "portrait"]
    if len(records) != 1 or (records[0].width, records[0].height) != (358, 441):
        raise SmokeFailed(f"人像未保存 / portrait not stored: {records}")
    passed = sum(1 for check in capture.report.checks if check.passed)
    return [f"auto-captured after {auto_after:.2f} s, {passed}/{len(capture.report.checks)} checks passed, "
            f"stored {records[0].width}×{records[0].height}"]
