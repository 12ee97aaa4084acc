"""初审 (F9) gives the clerk one list: the application's findings and the materials still missing. A click
on a material takes the clerk to its slot on the 材料 tab; capturing it takes it off the list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.status import CaseStatus
from tests.ui.conftest import flush_deletions, save_screenshot
from tests.ui.test_acceptance import capture_sample_page
from ui.main_window import MainWindow
from ui.tasks import SyncTaskRunner


@pytest.fixture
def context(tmp_path: Path, language: str) -> Iterator[AppContext]:
    opened = AppContext.open(tmp_path / "data", sync=False)
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    main = MainWindow(context, SyncTaskRunner())
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    yield main
    assert main.close()
    main.deleteLater()
    flush_deletions()


def test_pre_review_lists_missing_materials_and_takes_the_clerk_to_the_slot(
        qtbot: QtBot, context: AppContext, window: MainWindow) -> None:
    case_id = context.cases.new_case(load_sample_application()).case_id
    window.open_case(case_id)
    editor = window.editor
    summary = editor.summary
    assert not any(p.startswith("materials.") for p in summary.paths())  # nothing before 初审

    qtbot.mouseClick(summary.pre_review_button, Qt.MouseButton.LeftButton)
    assert context.cases.open_case(case_id).status is CaseStatus.PRE_REVIEWED
    paths = summary.paths()
    for key in ("portrait", "operator_id_front", "operator_id_back"):
        assert f"materials.{key}" in paths
    row = paths.index("materials.operator_id_front")
    assert summary.list.item(row).text().startswith("【错误】材料：缺少材料：经营者")
    assert "materials.family_relationship_proof" in paths  # 容缺 items warn
    warning = summary.list.item(paths.index("materials.family_relationship_proof")).text()
    assert warning.startswith("【提示】")
    errors = [i for i in range(len(paths)) if summary.list.item(i).text().startswith("【错误】")]
    # the data passed, the materials did not: the outcome says both, not a plain 初审通过
    assert summary.outcome_label.text() == f"申请信息初审通过，受理前还须采集 {len(errors)} 项必需材料"
    assert summary.outcome_label.property("passed") == "partial"
    assert max(errors) < paths.index("materials.family_relationship_proof")  # errors first

    QApplication.processEvents()
    assert "受理前还须采集" in window.save_status.text()
    save_screenshot(window, "polish-pre-review-materials.png")

    rect = summary.list.visualItemRect(summary.list.item(row))
    qtbot.mouseClick(summary.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    panel = editor.materials_panel
    assert panel is not None and editor.content_tabs is not None
    assert editor.content_tabs.currentWidget() is panel
    focused = QApplication.focusWidget()
    assert focused is not None and panel.rows["operator_id_front"].isAncestorOf(focused)

    # The premises proof is "one of" several slots: its entry takes the clerk to the first of them.
    group = paths.index("materials.premises")
    rect = summary.list.visualItemRect(summary.list.item(group))
    qtbot.mouseClick(summary.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    focused = QApplication.focusWidget()
    assert focused is not None and panel.rows["premises_title"].isAncestorOf(focused)

    # Captured (as the capture dialog does, then the panel reports the change): off the list.
    capture_sample_page(context, case_id, "operator_id_front")
    panel.materials_changed.emit()
    qtbot.waitUntil(lambda: "materials.operator_id_front" not in summary.paths())
    assert "materials.operator_id_back" in summary.paths()
