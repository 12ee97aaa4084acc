"""A case the district returned, at the counter (pytest-qt, real district over HTTP, real captured pages):
the items show in the list, under their field and in their document slot; clicking one jumps there; the
edits tick them off; the corrected case goes back as version 2 and the approval comes back through the
feed. A refused case offers the refusal notice."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.capture.demo_capture import capture_demo_materials
from counter_app.demo import load_sample_application
from counter_app.demo_corrections import DEMO_CORRECTED_MOBILE, capture_again
from counter_app.district.demo_review import DemoReviewer, approve_resubmission, return_demo_case
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.domain.deferral import DeferralRequest
from counter_app.domain.model import DeliveryMethod
from counter_app.domain.status import CaseStatus
from tests.integration.sync.helpers import start_district, write_settings
from tests.ui.conftest import Windows
from ui.main_window import MainWindow
from ui.printing.preview import PrintPreviewDialog

SHOTS = Path(os.environ.get("CORRECTION_SHOTS", "/work/notes/shots"))
QUICK = {"backoff_base": 0.05, "backoff_cap": 0.5, "poll_interval": 0.3, "io_timeout": 3.0,
         "progress_interval": 0.1}


@pytest.fixture
def district(tmp_path: Path) -> Iterator[EmbeddedDistrict]:
    server = start_district(tmp_path / "district")
    yield server
    server.shutdown()


def grab(window: MainWindow, qtbot: QtBot, name: str) -> None:
    qtbot.wait(300)  # let the rows and the panel lay out first
    QApplication.processEvents()
    if SHOTS.parent.exists():
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / name))


def status_of(window: MainWindow, case_id: str) -> CaseStatus:
    return window.context.corrections.status_of(case_id)[0]


def submitted_case(window: MainWindow, qtbot: QtBot) -> str:
    context = window.context
    record = context.cases.new_case(load_sample_application())
    capture_demo_materials(context, record.case_id, include_deferrable=True)
    assert context.cases.pre_review(record.case_id).passed
    context.acceptance.accept(record.case_id, deferrals=[], commitment_signed=False)
    context.submissions.submit(record.case_id)
    window.sync_indicator.sync_now()
    qtbot.waitUntil(lambda: status_of(window, record.case_id) is CaseStatus.SUBMITTED, timeout=60_000)
    return record.case_id


def test_returned_case_shows_items_beside_field_and_slot_and_resubmits(
        windows: Windows, data_dir: Path, qtbot: QtBot, district: EmbeddedDistrict) -> None:
    write_settings(data_dir, district.base_url, sync=QUICK)
    window = windows.open()
    case_id = submitted_case(window, qtbot)
    window.open_case(case_id)
    editor = window.editor
    assert not editor.corrections_panel.isVisible()

    return_demo_case(district.base_url, case_id)
    window.sync_indicator.sync_now()
    # The feed moves the open case: the editor notices, reopens it editable and shows the items.
    qtbot.waitUntil(lambda: editor.record is not None and editor.record.status is CaseStatus.RETURNED,
                    timeout=30_000)
    panel = editor.corrections_panel
    qtbot.waitUntil(panel.isVisible, timeout=10_000)
    assert not editor.form.is_read_only()
    assert panel.list.count() == 2
    assert [panel.list.item(i).checkState() for i in range(2)] == [Qt.CheckState.Unchecked] * 2
    assert "经营者" in panel.list.item(0).text() and "移动电话" in panel.list.item(0).text()
    assert "共 2 项，已处理 0 项" in panel.title.text()
    beside = editor.form.operator.mobile.parentWidget()
    assert any("区级退回补正" in text and "手机号" in text for text in editor.form.visible_issue_texts())
    assert beside is not None
    assert panel.resubmit_button.text() == "补正后重新提交（第2版）"
    grab(window, qtbot, "corrections_form_zh.png")

    # Clicking the document item opens the materials tab at its slot, with the item in the row.
    panel.list.itemClicked.emit(panel.list.item(1))
    materials = editor.materials_panel
    assert materials is not None and editor.content_tabs is not None
    assert editor.content_tabs.currentWidget() is materials
    qtbot.waitUntil(lambda: "operator_id_front" in materials.rows, timeout=10_000)
    row = materials.rows["operator_id_front"]
    assert row.correction_label.isVisibleTo(row) and "身份证人像面反光" in row.correction_label.text()
    assert row.correction_label.text().startswith("⚠")
    grab(window, qtbot, "corrections_materials_zh.png")

    # Clicking the field item jumps to the field; the clerk types the corrected number.
    panel.list.itemClicked.emit(panel.list.item(0))
    assert editor.content_tabs.currentWidget() is editor.form
    mobile = editor.form.operator.mobile
    qtbot.waitUntil(mobile.hasFocus, timeout=5_000)
    mobile.selectAll()
    qtbot.keyClicks(mobile, DEMO_CORRECTED_MOBILE)
    assert editor.save_now()
    qtbot.waitUntil(lambda: panel.list.item(0).checkState() == Qt.CheckState.Checked, timeout=10_000)
    assert not any("区级退回补正" in text for text in editor.form.visible_issue_texts())

    # The page is photographed again (as the capture dialog stores it), and the slot's item is done.
    capture_again(window.context, case_id, "operator_id_front")
    materials.materials_changed.emit()
    qtbot.waitUntil(lambda: panel.list.item(1).checkState() == Qt.CheckState.Checked, timeout=10_000)
    qtbot.waitUntil(lambda: row is not materials.rows.get("operator_id_front")
                    or row.correction_label.text().startswith("✓"), timeout=10_000)
    assert materials.rows["operator_id_front"].correction_label.text().startswith("✓")

    panel.resubmit_button.click()
    qtbot.waitUntil(lambda: editor.record is not None and editor.record.version == 2, timeout=10_000)
    assert editor.record.status in (CaseStatus.QUEUED, CaseStatus.SUBMITTED)
    assert editor.form.is_read_only() and not panel.isVisible()

    window.sync_indicator.sync_now()
    qtbot.waitUntil(lambda: status_of(window, case_id) is CaseStatus.SUBMITTED, timeout=60_000)
    detail, _lines = approve_resubmission(district.base_url, case_id)
    assert [c.path for c in detail.changes_from_previous] == ["operator.mobile"]
    window.sync_indicator.sync_now()
    qtbot.waitUntil(lambda: editor.record is not None and editor.record.status is CaseStatus.APPROVED,
                    timeout=30_000)
    assert "已核准" in editor.header.text()


def test_refused_case_prints_the_refusal_notice(windows: Windows, data_dir: Path, qtbot: QtBot,
                                                district: EmbeddedDistrict) -> None:
    write_settings(data_dir, district.base_url, sync=QUICK)
    window = windows.open()
    case_id = submitted_case(window, qtbot)
    with DemoReviewer(district.base_url) as reviewer:
        reviewer.claim(case_id)
        reviewer.refuse(case_id, ["经营范围属于禁止类项目"])
    window.sync_indicator.sync_now()
    qtbot.waitUntil(lambda: status_of(window, case_id) is CaseStatus.REFUSED, timeout=30_000)
    window.case_list.refresh()
    window.open_case(case_id)
    row = window.editor.print_row
    assert row.refusal_button.isVisible() and row.refusal_button.isEnabled()
    assert row.refusal_button.text() == "不予登记通知书"
    before = len(window.context.audit.events(case_id=case_id))
    row.refusal_button.click()
    launcher = row._launcher
    assert launcher is not None
    qtbot.waitUntil(lambda: launcher.dialog is not None, timeout=10_000)
    dialog = launcher.dialog
    assert isinstance(dialog, PrintPreviewDialog) and "不予登记通知书" in dialog.windowTitle()
    actions = [e.action for e in window.context.audit.events(case_id=case_id)[before:]]
    assert "document.preview" in actions
    dialog.close()


def test_a_deferred_item_captured_late_is_sent_from_its_slot(
        windows: Windows, data_dir: Path, qtbot: QtBot, district: EmbeddedDistrict) -> None:
    write_settings(data_dir, district.base_url, sync=QUICK)
    window = windows.open()
    context = window.context
    record = context.cases.new_case(load_sample_application())
    capture_demo_materials(context, record.case_id)  # the deferrable items are left out
    assert context.cases.pre_review(record.case_id).passed
    plan = context.acceptance.plan(record.case_id)
    slot = plan.materials.missing_deferrable[0].key
    context.acceptance.accept(record.case_id, commitment_signed=True, deferrals=[
        DeferralRequest(m.key, DeliveryMethod.COUNTER, plan.deadlines.committed_due)
        for m in plan.materials.missing_deferrable])
    context.submissions.submit(record.case_id)
    window.sync_indicator.sync_now()
    qtbot.waitUntil(lambda: status_of(window, record.case_id) is CaseStatus.SUBMITTED, timeout=60_000)
    window.case_list.refresh()
    window.open_case(record.case_id)
    editor = window.editor
    materials = editor.materials_panel
    assert materials is not None
    editor.show_tab(materials)
    qtbot.waitUntil(lambda: slot in materials.rows, timeout=10_000)
    row = materials.rows[slot]
    assert row.capture_button.isEnabled() and not row.supply_button.isVisible()
    assert "容缺材料仍可采集并补交" in materials.read_only_note.text()
    assert not materials.rows["operator_id_front"].retake_button.isEnabled()  # nothing else changes

    capture_again(context, record.case_id, slot, page=None)  # as the capture dialog stores it
    materials.materials_changed.emit()
    materials.refresh()
    qtbot.waitUntil(lambda: materials.rows[slot].supply_button.isVisible(), timeout=10_000)
    button = materials.rows[slot].supply_button
    assert button.text() == "补交区级" and button.isEnabled()
    assert materials.focus_slot(slot)
    grab(window, qtbot, "deferred_supply_zh.png")
    button.click()
    window.sync_indicator.sync_now()
    qtbot.waitUntil(lambda: [s.state for s in context.deferred.supplies(record.case_id)] == ["delivered"],
                    timeout=30_000)
    materials.refresh()
    qtbot.waitUntil(lambda: materials.rows[slot].supply_button.text() == "✓ 已补交区级", timeout=10_000)
    assert not materials.rows[slot].supply_button.isEnabled()
