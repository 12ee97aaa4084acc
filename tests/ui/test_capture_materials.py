"""The materials panel of a case (checklist, captured pages, missing items), its wiring into the case
editor, and 设置 → 摄像头. Captures go through the real dialogs with the demo mode's sources (the bundled
simulated camera and sample document photos) into the real encrypted store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from counter_app.capture.sources import (
    CAMERA_INDEX_SETTING,
    CAMERA_SIZE_SETTING,
    CameraSource,
    list_cameras,
    source_for_settings,
)
from counter_app.config import Mode
from counter_app.context import AppContext
from counter_app.domain.status import CaseStatus
from tests.support.applications import complete_application
from ui.capture.camera_settings import CameraSettingsDialog
from ui.capture.document_dialog import DocumentCaptureDialog
from ui.capture.materials_panel import MaterialsPanel
from ui.capture.portrait_dialog import PortraitCaptureDialog
from ui.main_window import MainWindow
from ui.tasks import SyncTaskRunner


@pytest.fixture
def context(tmp_path: Path, language: str) -> Iterator[AppContext]:
    opened = AppContext.open(tmp_path / "data", sync=False)
    yield opened
    opened.close()


@pytest.fixture
def case_id(context: AppContext) -> str:
    # A family business with an agent and a licensed scope item: the checklist has every kind of slot.
    return context.cases.new_case(complete_application()).case_id


@pytest.fixture
def panel(qtbot: QtBot, context: AppContext, case_id: str) -> MaterialsPanel:
    widget = MaterialsPanel(context.materials, SyncTaskRunner(), context.settings)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.set_case(case_id, CaseStatus.DRAFT)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_checklist_shows_what_is_missing(panel: MaterialsPanel, context: AppContext,
                                             case_id: str) -> None:
    states = {key: row.state for key, row in panel.rows.items()}
    assert [s.key for s in context.materials.checklist(case_id)] == list(states)
    assert states["portrait"] == "missing" and states["operator_id_front"] == "missing"
    assert states["premises_lease"] == "one_of"  # any one premises proof will do
    assert states["family_relationship_proof"] == "deferrable"  # 容缺: may be supplied later
    assert states["other"] == "optional"
    missing = len(context.materials.checklist_status(case_id).missing_required)
    assert f"{missing}" in panel.summary.text() and "必需材料" in panel.summary.text()
    row = panel.rows["portrait"]
    assert row.capture_button.isVisible() and row.capture_button.isEnabled()
    assert not row.retake_button.isVisible() and not row.delete_button.isVisible()


def test_capturing_through_the_panel_marks_slots_captured(qtbot: QtBot, panel: MaterialsPanel,
                                                          context: AppContext, case_id: str) -> None:
    # Portrait: demo settings mean the bundled simulated camera; auto-capture, then 使用此照片.
    qtbot.mouseClick(panel.rows["portrait"].capture_button, Qt.MouseButton.LeftButton)
    portrait = panel.dialog
    assert isinstance(portrait, PortraitCaptureDialog)
    qtbot.waitUntil(lambda: portrait.pages.currentIndex() == 1, timeout=20_000)
    qtbot.mouseClick(portrait.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.dialog is None)
    assert not portrait.stream.isRunning()
    row = panel.rows["portrait"]
    assert row.state == "captured" and len(row.page_buttons) == 1
    assert not row.page_buttons[0].icon().isNull()  # the thumbnail, decrypted from the store
    assert row.retake_button.isEnabled() and not row.capture_button.isVisible()

    # ID card front: the demo "camera" is the bundled specimen photo; it passes every check.
    qtbot.mouseClick(panel.rows["operator_id_front"].capture_button, Qt.MouseButton.LeftButton)
    document = panel.dialog
    assert isinstance(document, DocumentCaptureDialog)
    qtbot.mouseClick(document.camera_button, Qt.MouseButton.LeftButton)
    assert document.analysis is not None and document.analysis.passed, document.checks.lines()
    assert document.rectified_size() == (1011, 638)  # 85.6 x 54 mm at 300 dpi
    qtbot.mouseClick(document.save_button, Qt.MouseButton.LeftButton)
    assert panel.dialog is None
    assert panel.rows["operator_id_front"].state == "captured"
    assert {(r.slot, r.page) for r in context.materials.list_materials(case_id)} == {
        ("portrait", 0), ("operator_id_front", 0)}

    # 删除页 asks first; 否 keeps the page, 是 removes it.
    qtbot.mouseClick(panel.rows["operator_id_front"].delete_button, Qt.MouseButton.LeftButton)
    box = panel.confirm_box
    assert box is not None
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert len(context.materials.list_materials(case_id)) == 2
    qtbot.mouseClick(panel.rows["operator_id_front"].delete_button, Qt.MouseButton.LeftButton)
    box = panel.confirm_box
    assert box is not None
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert [r.slot for r in context.materials.list_materials(case_id)] == ["portrait"]
    assert panel.rows["operator_id_front"].state == "missing"


def test_a_case_that_can_no_longer_change_is_read_only(panel: MaterialsPanel, context: AppContext,
                                                       case_id: str) -> None:
    context.cases._repo.set_status(case_id, CaseStatus.ACCEPTED)
    panel.set_case(case_id, CaseStatus.ACCEPTED)
    assert panel.read_only_note.isVisible() and "只读" in panel.read_only_note.text()
    for row in panel.rows.values():
        assert not row.capture_button.isEnabled()
        assert not row.retake_button.isEnabled() and not row.delete_button.isEnabled()
    panel.capture(panel.rows["portrait"].slot, None)
    assert panel.dialog is None

    # After 容缺受理 the missing items can still be added, but nothing accepted can be replaced.
    context.cases._repo.set_status(case_id, CaseStatus.ACCEPTED_WITH_DEFERRALS)
    panel.set_case(case_id, CaseStatus.ACCEPTED_WITH_DEFERRALS)
    assert panel.rows["family_relationship_proof"].capture_button.isEnabled()
    assert "补" in panel.read_only_note.text() or "添加" in panel.read_only_note.text()


def test_the_case_editor_has_a_materials_tab_for_the_open_case(window: MainWindow) -> None:
    editor = window.editor
    assert editor.materials_panel is not None
    tabs = editor.content_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["申请信息", "材料"]
    window.new_case()
    case_id = editor.case_id()
    tabs.setCurrentIndex(1)
    panel = editor.materials_panel
    assert panel.isVisible() and "portrait" in panel.rows
    assert panel.rows["portrait"].capture_button.isEnabled()
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert any(a.text() == "摄像头…" for menu in menus for a in menu.actions())
    assert case_id is not None


class _FakeWebcam:
    """cv2.VideoCapture for index 0 of a machine with one 640x480 webcam (there is none on CI)."""

    def __init__(self, index: int) -> None:
        self.index = index

    def isOpened(self) -> bool:
        return self.index == 0

    def read(self) -> tuple[bool, Any]:
        return True, np.full((480, 640, 3), 128, np.uint8)

    def set(self, prop_id: int, value: float) -> bool:
        return True

    def get(self, prop_id: int) -> float:
        return 0.0

    def release(self) -> None:
        return None


def test_camera_settings_list_cameras_and_store_the_choice(qtbot: QtBot, context: AppContext) -> None:
    settings = context.settings
    assert settings.mode is Mode.DEMO
    dialog = CameraSettingsDialog(settings, SyncTaskRunner(),
                                  lister=lambda: list_cameras(factory=lambda i, b: _FakeWebcam(i)))
    qtbot.addWidget(dialog)
    labels = [dialog.camera.itemText(i) for i in range(dialog.camera.count())]
    assert labels == ["模拟摄像头（演示）", "摄像头 0（640×480）"]
    dialog.camera.setCurrentIndex(1)
    dialog.resolution.setCurrentIndex(dialog.resolution.findData([1920, 1080]))
    dialog.apply()
    assert settings.extra[CAMERA_INDEX_SETTING] == 0 and settings.extra[CAMERA_SIZE_SETTING] == [1920, 1080]
    source = source_for_settings(settings)
    assert isinstance(source, CameraSource) and source.index == 0 and source.requested == (1920, 1080)

    again = CameraSettingsDialog(settings, SyncTaskRunner(), lister=lambda: [])
    qtbot.addWidget(again)
    assert "未找到摄像头" in again.message.text()
    assert again.camera.currentData() == 0  # the chosen camera stays selected though unplugged now
    again.camera.setCurrentIndex(0)
    again.apply()
    assert CAMERA_INDEX_SETTING not in settings.extra
