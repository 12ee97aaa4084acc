"""The portrait capture dialog driven like the clerk drives it: real frames (the bundled simulated camera,
real photographs from tests/data), the real quality gate on the stream's own thread, the real materials
service storing into an encrypted data folder. Only the webcam is faked, where there is none."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from counter_app.capture import CameraSource, SimulatedCamera, StillImageSource
from counter_app.context import AppContext
from ui.capture.frame_stream import FrameStream, LiveFrame
from ui.capture.portrait_dialog import PortraitCaptureDialog
from ui.tasks import SyncTaskRunner, TaskRunner

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def context(tmp_path: Path, language: str) -> Iterator[AppContext]:
    opened = AppContext.open(tmp_path / "data", sync=False)
    yield opened
    opened.close()


@pytest.fixture
def case_id(context: AppContext) -> str:
    return context.cases.new_case().case_id


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    threaded = TaskRunner()
    yield threaded
    threaded.shutdown()
    threaded.deleteLater()


def open_dialog(qtbot: QtBot, dialog: PortraitCaptureDialog) -> PortraitCaptureDialog:
    qtbot.addWidget(dialog)
    dialog.resize(1180, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def close_dialog(dialog: PortraitCaptureDialog) -> None:
    dialog.reject()
    assert not dialog.stream.isRunning(), "the frame thread must be stopped when the dialog closes"


def test_simulated_camera_auto_captures_then_retake_and_store(qtbot: QtBot, context: AppContext,
                                                              case_id: str, runner: TaskRunner) -> None:
    dialog = open_dialog(qtbot, PortraitCaptureDialog(context.materials, case_id,
                                                      lambda: SimulatedCamera(fps=30), runner))
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20_000)
    first = dialog.capture
    assert first is not None and first.override_reason is None and first.report.passed
    assert first.photo.shape == (441, 358, 3)
    assert dialog.stream.is_paused()  # no analysis while the clerk reviews
    # The overlay showed the frame that was taken: every check ticked, the "hold still" hint.
    assert dialog.preview.check_lines() and all(line.startswith("✓") for line in dialog.preview.check_lines())
    assert dialog.preview.hint_text() == "很好，请保持不动"

    qtbot.mouseClick(dialog.retake_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 0 and not dialog.stream.is_paused()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1 and dialog.capture is not first, timeout=20_000)

    with qtbot.waitSignal(dialog.stored, timeout=10_000) as stored:
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    records = context.materials.list_materials(case_id)
    assert [(r.slot, r.page, r.kind, r.width, r.height) for r in records] == [
        ("portrait", 0, "portrait", 358, 441)]
    assert stored.args[0].material_id == records[0].material_id
    assert records[0].override_reason is None
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.stream.isRunning()


def test_no_face_shows_the_hint_and_manual_capture_needs_a_reason(qtbot: QtBot, context: AppContext,
                                                                  case_id: str) -> None:
    cat = DATA / "chelsea.jpg"  # a real photo without a human face
    dialog = open_dialog(qtbot, PortraitCaptureDialog(
        context.materials, case_id, lambda: StillImageSource(cat, repeat=None), SyncTaskRunner(), fps=20))
    qtbot.waitUntil(lambda: dialog.preview.hint_text() != "", timeout=10_000)
    assert dialog.preview.hint_text() == "未检测到人脸，请坐到镜头正前方"
    assert dialog.preview.check_lines()[0].startswith("✗")
    assert dialog.pages.currentIndex() == 0  # never auto-captured

    qtbot.keyClick(dialog, Qt.Key.Key_Space)  # manual capture
    reason = dialog.reason_dialog
    assert reason is not None and reason.isVisible()
    assert dialog.stream.is_paused()
    assert not reason.ok_button_enabled()  # no reason, no capture
    reason._accept_if_reason()
    assert reason.isVisible() and dialog.pages.currentIndex() == 0
    text = "申请人因健康原因无法正对镜头"
    editor = reason.reason.lineEdit()
    assert editor is not None
    editor.insert(text)  # Chinese comes through the input method; QTest can only type ASCII keys
    assert reason.ok_button_enabled()
    qtbot.keyClick(reason.reason, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 1
    assert dialog.capture is not None and dialog.capture.override_reason == text
    assert text in dialog.override_label.text()

    with qtbot.waitSignal(dialog.stored, timeout=10_000):
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    (record,) = context.materials.list_materials(case_id)
    assert record.slot == "portrait" and record.override_reason == text
    assert record.quality["face_count"] == {"passed": False, "score": 0}


def test_cancelling_the_reason_returns_to_the_live_preview(qtbot: QtBot, context: AppContext,
                                                           case_id: str) -> None:
    dialog = open_dialog(qtbot, PortraitCaptureDialog(
        context.materials, case_id, lambda: StillImageSource(DATA / "coffee.jpg", repeat=None),
        SyncTaskRunner(), fps=20))
    qtbot.waitUntil(lambda: dialog.capture_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(dialog.capture_button, Qt.MouseButton.LeftButton)
    assert dialog.reason_dialog is not None
    dialog.reason_dialog.reject()
    assert dialog.reason_dialog is None and dialog.pages.currentIndex() == 0
    assert not dialog.stream.is_paused()
    close_dialog(dialog)
    assert context.materials.list_materials(case_id) == []


class _NoWebcam:
    """cv2.VideoCapture on a machine without that camera: never opens (the webcam is the faked edge)."""

    def isOpened(self) -> bool:
        return False

    def read(self) -> tuple[bool, Any]:
        return False, None

    def set(self, prop_id: int, value: float) -> bool:
        return False

    def get(self, prop_id: int) -> float:
        return 0.0

    def release(self) -> None:
        return None


def test_without_a_camera_the_dialog_says_so_in_chinese(qtbot: QtBot, context: AppContext,
                                                        case_id: str) -> None:
    dialog = open_dialog(qtbot, PortraitCaptureDialog(
        context.materials, case_id, lambda: CameraSource(2, factory=lambda index, backend: _NoWebcam()),
        SyncTaskRunner()))
    qtbot.waitUntil(lambda: dialog.preview.message() != "", timeout=10_000)
    assert dialog.preview.message().startswith("未找到可用的摄像头")
    assert dialog.status_label.isVisible() and "摄像头" in dialog.status_label.text()
    assert not dialog.capture_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Space)  # nothing to capture: nothing happens, nothing breaks
    assert dialog.reason_dialog is None and dialog.pages.currentIndex() == 0
    qtbot.waitUntil(lambda: not dialog.stream.isRunning(), timeout=5_000)
    close_dialog(dialog)


def test_frames_are_dropped_while_the_gui_has_not_taken_the_last_one(qtbot: QtBot) -> None:
    received: list[LiveFrame] = []
    stream = FrameStream(lambda: StillImageSource(DATA / "chelsea.jpg", repeat=None), fps=200)
    stream.frame_ready.connect(received.append)
    stream.start()
    try:
        qtbot.waitUntil(lambda: stream.frames_read >= 15 and len(received) == 1, timeout=10_000)
        assert len(received) == 1  # the GUI has not consumed it: nothing else was queued
        assert stream.frames_dropped >= 10
        stream.frame_consumed()
        qtbot.waitUntil(lambda: len(received) == 2, timeout=5_000)
        assert received[1].sequence > received[0].sequence + 1  # the newest frame, not the next queued
    finally:
        assert stream.stop()
    assert not stream.isRunning()
