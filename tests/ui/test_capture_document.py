"""The document capture view on a real photograph: scikit-image's scanned page (tests/data/page.png) lying
on a real gravel texture, photographed off-axis (tests/unit/capture/pages.py). Detection, the clerk's
corner drag with the mouse and the keyboard, rotation and saving run through the real pipeline and the
real materials service."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from counter_app.context import AppContext
from counter_app.domain.materials import MaterialSlot
from tests.unit.capture.pages import photograph
from ui.capture.document_dialog import DocumentCaptureDialog
from ui.capture.latest_job import LatestJob
from ui.tasks import SyncTaskRunner, TaskRunner

DATA = Path(__file__).resolve().parents[1] / "data"
TRUE_CORNERS = np.array([[400, 450], [2000, 520], [2060, 1330], [340, 1270]], float)  # in a 2400 x 1800 photo


@pytest.fixture(scope="module")
def page_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = cv2.imread(str(DATA / "page.png"), cv2.IMREAD_COLOR)
    assert page is not None
    page = cv2.resize(page, (page.shape[1] * 4, page.shape[0] * 4), interpolation=cv2.INTER_CUBIC)
    photo = photograph(page, size=(2400, 1800), corners=TRUE_CORNERS)
    path = tmp_path_factory.mktemp("photos") / "page_on_gravel.jpg"
    assert cv2.imwrite(str(path), photo.image, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return path


@pytest.fixture
def context(tmp_path: Path, language: str) -> Iterator[AppContext]:
    opened = AppContext.open(tmp_path / "data", sync=False)
    yield opened
    opened.close()


@pytest.fixture
def case_id(context: AppContext) -> str:
    return context.cases.new_case().case_id


def slot(context: AppContext, case_id: str, key: str) -> MaterialSlot:
    return next(s for s in context.materials.checklist(case_id) if s.key == key)


def open_view(qtbot: QtBot, context: AppContext, case_id: str, key: str = "other",
              runner: SyncTaskRunner | TaskRunner | None = None, **kwargs: object) -> DocumentCaptureDialog:
    dialog = DocumentCaptureDialog(context.materials, case_id, slot(context, case_id, key),
                                   runner or SyncTaskRunner(), **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.resize(1280, 720)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def drag(qtbot: QtBot, dialog: DocumentCaptureDialog, index: int, to: QPointF) -> None:
    editor = dialog.corners
    start = editor.handle_position(index).toPoint()
    qtbot.mousePress(editor, Qt.MouseButton.LeftButton, pos=start)
    middle = QPoint((start.x() + round(to.x())) // 2, (start.y() + round(to.y())) // 2)
    qtbot.mouseMove(editor, middle)
    qtbot.mouseMove(editor, to.toPoint())
    qtbot.mouseRelease(editor, Qt.MouseButton.LeftButton, pos=to.toPoint())


def test_detected_corners_are_shown_and_a_mouse_drag_changes_the_flattened_page(
        qtbot: QtBot, context: AppContext, case_id: str, page_photo: Path) -> None:
    runner = TaskRunner()  # the real thread pool: the busy indicator shows while it works
    try:
        dialog = open_view(qtbot, context, case_id, runner=runner)
        dialog.load_file(page_photo)
        assert dialog.is_busy() and dialog.busy_bar.isVisible() and not dialog.save_button.isEnabled()
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
        analysis = dialog.analysis
        assert analysis is not None and analysis.quad is not None and analysis.rectified is not None
        shown = np.array(dialog.corners.corners())
        assert np.allclose(shown, analysis.quad.points, atol=0.5)  # the editor shows what was detected
        # Most of the outline lies on the real page corners (detection on a textured desk).
        assert int((np.hypot(*(shown - TRUE_CORNERS).T) < 40).sum()) >= 3
        before = dialog.rectified_size()
        assert before is not None and dialog.page_view.image() is not None
        assert dialog.checks.count() == len(analysis.checks)

        # Drag the bottom-left handle 150 screen pixels down: the page gets taller, its aspect changes.
        target = dialog.corners.handle_position(3) + QPointF(0, 150)
        drag(qtbot, dialog, 3, target)
        qtbot.waitUntil(lambda: dialog.analysis is not None and dialog.analysis.quad is not None
                        and dialog.analysis.quad.method == "manual" and not dialog.is_busy(), timeout=20_000)
        after = dialog.rectified_size()
        assert after is not None and after != before
        moved = dialog.analysis.quad.points
        expected = dialog.corners.to_photo(target)
        assert np.allclose(moved[3], expected, atol=4.0)  # where it was dropped (screen-pixel rounding)
    finally:
        runner.shutdown()
        runner.deleteLater()


def test_keyboard_tab_selects_handles_and_arrows_move_them(qtbot: QtBot, context: AppContext, case_id: str,
                                                           page_photo: Path) -> None:
    dialog = open_view(qtbot, context, case_id)
    dialog.load_file(page_photo)
    editor = dialog.corners
    editor.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(editor.hasFocus)
    assert editor.selected() == 0
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.selected() == 1 and editor.hasFocus()
    before = editor.corners()[1]
    screen_before = editor.handle_position(1)
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)  # 10 px a step
    assert editor.handle_position(1).x() == pytest.approx(screen_before.x() - 30, abs=1.0)
    assert editor.corners()[1][0] < before[0]
    qtbot.waitUntil(lambda: dialog.analysis is not None and dialog.analysis.quad is not None
                    and dialog.analysis.quad.method == "manual", timeout=5_000)
    assert np.allclose(dialog.analysis.quad.points[1], editor.corners()[1], atol=0.01)
    # Tab walks through the remaining handles, then leaves the editor for the next control.
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.selected() == 3
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert not editor.hasFocus()


def test_rotate_turns_the_page_and_save_with_a_reason_stores_pages(qtbot: QtBot, context: AppContext,
                                                                   case_id: str, page_photo: Path) -> None:
    dialog = open_view(qtbot, context, case_id)
    dialog.load_file(page_photo)
    size = dialog.rectified_size()
    assert size is not None
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    assert dialog.quarter_turns == 1 and dialog.rectified_size() == (size[1], size[0])

    analysis = dialog.analysis
    assert analysis is not None
    # This small scan fails the resolution check: saving asks for the reason, which is recorded.
    assert not analysis.passed
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    reason = dialog.reason_dialog
    assert reason is not None and not reason.ok_button_enabled()
    editor = reason.reason.lineEdit()
    assert editor is not None
    editor.insert("原件字迹较小，已尽量靠近拍摄")
    with qtbot.waitSignal(dialog.stored, timeout=10_000):
        qtbot.mouseClick(reason.buttons.buttons()[0], Qt.MouseButton.LeftButton)  # OK
    assert dialog.isVisible()  # "save and add next page" keeps the view open for page 2
    assert "2" in dialog.title.text() and not dialog.corners.has_photo()

    dialog.load_file(page_photo)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.reason_dialog is not None
    dialog.reason_dialog.reason.setEditText("同上")
    with qtbot.waitSignal(dialog.stored, timeout=10_000):
        dialog.reason_dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted

    records = context.materials.list_materials(case_id)
    assert [(r.slot, r.page) for r in records] == [("other", 0), ("other", 1)]
    assert records[0].override_reason == "原件字迹较小，已尽量靠近拍摄"
    assert records[1].override_reason == "同上"
    assert (records[0].width, records[0].height) == (size[1], size[0])  # stored as rotated
    assert records[0].quality["resolution"]["passed"] is False


def test_retake_replaces_the_chosen_page(qtbot: QtBot, context: AppContext, case_id: str,
                                         page_photo: Path) -> None:
    for _ in range(2):
        dialog = open_view(qtbot, context, case_id)
        dialog.load_file(page_photo)
        dialog.save()
        assert dialog.reason_dialog is not None
        dialog.reason_dialog.reason.setEditText("测试")
        dialog.reason_dialog.buttons.accepted.emit()
    first, second = context.materials.list_materials(case_id)
    dialog = open_view(qtbot, context, case_id, page=0, pages_captured=2)
    assert "1" in dialog.title.text() and not dialog.next_button.isEnabled()
    dialog.load_file(page_photo)
    dialog.save()
    assert dialog.reason_dialog is not None
    dialog.reason_dialog.reason.setEditText("重拍")
    dialog.reason_dialog.buttons.accepted.emit()
    records = context.materials.list_materials(case_id)
    assert [(r.page, r.override_reason) for r in records] == [(0, "重拍"), (1, "测试")]
    assert records[0].material_id != first.material_id and records[1].material_id == second.material_id


def test_a_file_that_is_not_an_image_gives_a_chinese_message(qtbot: QtBot, context: AppContext, case_id: str,
                                                             tmp_path: Path) -> None:
    bogus = tmp_path / "scan.jpg"
    bogus.write_bytes(b"%PDF-1.4 this is not a photo")
    dialog = open_view(qtbot, context, case_id)
    dialog.load_file(bogus)
    assert dialog.hint.text().startswith("无法读取该图片")
    assert not dialog.save_button.isEnabled() and not dialog.corners.has_photo()
    dialog.load_file(tmp_path / "missing.jpg")
    assert "找不到" in dialog.hint.text()
    assert context.materials.list_materials(case_id) == []


def test_only_the_newest_request_is_run_and_reported(qtbot: QtBot) -> None:
    """Three flattenings requested while the first runs: the second is skipped, the first's result is
    dropped, only the third reaches the view."""
    runner = TaskRunner()
    release = threading.Event()
    ran: list[str] = []
    reported: list[str] = []
    jobs = LatestJob(runner)

    def job(name: str, wait: bool = False) -> str:
        if wait:
            release.wait(5)
        ran.append(name)
        return name

    try:
        jobs.start(lambda: job("first", wait=True), reported.append, lambda exc: None, "")
        jobs.start(lambda: job("second"), reported.append, lambda exc: None, "")
        jobs.start(lambda: job("third"), reported.append, lambda exc: None, "")
        assert jobs.is_busy()
        release.set()
        qtbot.waitUntil(lambda: not jobs.is_busy(), timeout=5_000)
        assert ran == ["first", "third"] and reported == ["third"]
    finally:
        runner.shutdown()
        runner.deleteLater()
        jobs.deleteLater()
