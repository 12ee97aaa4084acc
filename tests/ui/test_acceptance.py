"""受理 and 容缺受理 through the real widgets of the main window, on a real data folder: the sample
application with the demo materials captured (two deferrable items left missing), the acceptance dialog,
the service's refusals shown in Chinese, the offer to print the receipt and the 容缺 notice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from counter_app.capture.demo_capture import capture_demo_materials
from counter_app.capture.document import analyse_document
from counter_app.capture.images import load_image
from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.model import DeliveryMethod
from counter_app.domain.status import CaseStatus
from counter_app.resource_paths import resource_path
from counter_app.security.crypto import FieldCipher
from counter_app.security.keystore import load_data_key
from counter_app.services.acceptance import AcceptanceService
from counter_app.store.acceptance import AcceptanceRepository
from counter_app.store.repository import CaseRepository
from tests.ui.conftest import flush_deletions
from ui.acceptance.dialog import AcceptanceDialog
from ui.acceptance.offer import AcceptedDialog
from ui.main_window import MainWindow
from ui.printing.preview import PrintPreviewDialog
from ui.tasks import SyncTaskRunner, TaskRunner

SCREENS = Path("/work/notes/screens/acceptance")
DEFERRABLE = {"family_relationship_proof": "户口簿或结婚证（家庭关系证明）",
              "premises_landlord_title": "出租方产权证明"}


def grab(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    if SCREENS.parent.exists():
        SCREENS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SCREENS / name))


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


def pre_reviewed_case(context: AppContext, *, capture: bool = True) -> str:
    record = context.cases.new_case(load_sample_application())
    if capture:
        capture_demo_materials(context, record.case_id)
    assert context.cases.pre_review(record.case_id).passed
    return record.case_id


def open_dialog(qtbot: QtBot, window: MainWindow, case_id: str) -> AcceptanceDialog:
    window.open_case(case_id)
    actions = window.editor.case_actions
    assert actions.isVisible() and actions.accept_button.isEnabled()
    assert not actions.submit_button.isEnabled()
    with qtbot.waitSignal(actions.dialog_opened) as opened:
        qtbot.mouseClick(actions.accept_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert isinstance(dialog, AcceptanceDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # keys go to the dialog
    return dialog


def problems(dialog: AcceptanceDialog) -> list[str]:
    """The problems as the dialog shows them, one bullet each."""
    lines = dialog.problems.text().split("\n") if dialog.problem_box.isVisible() else []
    assert all(line.startswith("• ") for line in lines)
    return [line.removeprefix("• ") for line in lines]


def stored_status(context: AppContext, case_id: str) -> CaseStatus:
    return context.cases.open_case(case_id).status


def test_deferral_with_commitment_accepts_and_offers_both_documents(
        qtbot: QtBot, context: AppContext, window: MainWindow) -> None:
    case_id = pre_reviewed_case(context)
    window.open_case(case_id)
    grab(window, "00_window_pre_reviewed_zh.png")
    dialog = open_dialog(qtbot, window, case_id)
    plan = dialog.plan
    assert plan is not None
    committed = plan.deadlines.committed_due
    assert "承诺办结日期" in dialog.committed_label.text()
    assert f"{committed.year}年{committed.month:02d}月{committed.day:02d}日" in dialog.committed_label.text()
    assert not dialog.blocking_box.isVisible()
    # The two deferrable items the demo capture leaves out, one row each, nothing ticked for the applicant.
    assert {row.item.key: row.label.text() for row in dialog.table.rows} == DEFERRABLE
    assert not any(row.defer.isChecked() for row in dialog.table.rows)
    assert not dialog.commitment.isEnabled()
    for row in dialog.table.rows:
        assert not row.delivery.isEnabled()
        assert row.due.date().toPython() == committed
        assert row.due.maximumDate().toPython() == committed
        assert row.due.minimumDate().toPython() == min(dt.date.today(), committed)
        assert [row.delivery.itemText(i) for i in range(row.delivery.count())] == [
            "窗口补交", "邮寄补交", "网上补交"]
    grab(dialog, "01_dialog_deferrable_zh.png")

    # 1. Nothing deferred: the service names each missing item; nothing is accepted.
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    listed = problems(dialog)
    assert len(listed) == 2 and all("请补齐，或经申请人同意后办理容缺受理" in text for text in listed)
    assert {label for label in DEFERRABLE.values() if any(label in text for text in listed)} == set(
        DEFERRABLE.values())
    assert all(row.label.toolTip() for row in dialog.table.rows)  # each row says what is wrong with it
    assert dialog.isVisible() and stored_status(context, case_id) is CaseStatus.PRE_REVIEWED

    # 2. Both deferred, one by post on an earlier day, but no signed commitment: refused, choices kept.
    landlord = dialog.table.row_for("premises_landlord_title")
    family = dialog.table.row_for("family_relationship_proof")
    assert landlord is not None and family is not None
    qtbot.mouseClick(landlord.defer, Qt.MouseButton.LeftButton)
    family.defer.setFocus()
    qtbot.keyClick(family.defer, Qt.Key.Key_Space)  # keyboard as well as mouse
    assert landlord.defer.isChecked() and family.defer.isChecked() and dialog.commitment.isEnabled()
    # The old refusal no longer describes the screen: it goes, with the red marks on the rows.
    assert not dialog.problem_box.isVisible() and not any(row.label.toolTip() for row in dialog.table.rows)
    landlord.delivery.setCurrentIndex(landlord.delivery.findData(DeliveryMethod.POST.value))
    earlier = max(dt.date.today(), committed - dt.timedelta(days=1))
    landlord.due.setDate(QDate(earlier.year, earlier.month, earlier.day))
    landlord.due.setDate(QDate(committed.year + 1, 1, 1))  # beyond the committed date: the field refuses
    assert landlord.due.date().toPython() <= committed
    landlord.due.setDate(QDate(earlier.year, earlier.month, earlier.day))
    grab(dialog, "02_dialog_deferred_zh.png")
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert problems(dialog) == ["容缺受理须由申请人签署《容缺受理承诺书》"]
    assert dialog.commitment.property("severity") == "error"
    assert dialog.isVisible() and stored_status(context, case_id) is CaseStatus.PRE_REVIEWED
    assert landlord.defer.isChecked() and landlord.delivery.currentData() == DeliveryMethod.POST.value
    assert landlord.due.date().toPython() == earlier
    grab(dialog, "03_dialog_refused_unsigned_zh.png")

    # 3. Signed: accepted under 容缺, the dialog closes and the receipt (and notice) are offered.
    qtbot.mouseClick(dialog.commitment, Qt.MouseButton.LeftButton)
    assert dialog.commitment.property("severity") == ""
    actions = window.editor.case_actions
    with qtbot.waitSignal(actions.dialog_opened) as offered:
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    flush_deletions()
    assert actions.dialog is None
    assert stored_status(context, case_id) is CaseStatus.ACCEPTED_WITH_DEFERRALS
    accepted = context.acceptance.acceptance(case_id)
    assert accepted is not None and accepted.commitment_signed
    by_key = {d.item_key: d for d in accepted.deferred}
    assert by_key["premises_landlord_title"].delivery is DeliveryMethod.POST
    assert by_key["premises_landlord_title"].due_date == earlier
    assert by_key["family_relationship_proof"].delivery is DeliveryMethod.COUNTER
    assert by_key["family_relationship_proof"].due_date == committed
    assert "容缺受理" in window.editor.header.text()
    assert window.editor.form.is_read_only()
    assert not actions.accept_button.isEnabled() and actions.submit_button.isEnabled()
    assert window.editor.print_row.deferral_button.isEnabled()
    assert "容缺受理" in window.save_status.text()

    offer = offered.args[0]
    assert isinstance(offer, AcceptedDialog) and offer.isVisible()
    assert "已容缺受理" in offer.windowTitle() or "已受理" in offer.windowTitle()
    assert "出租方产权证明：邮寄补交" in offer.summary.text()
    assert offer.notice_button.isVisible()
    grab(offer, "04_offer_print_zh.png")
    with qtbot.waitSignal(offer.preview_opened) as receipt:
        qtbot.mouseClick(offer.receipt_button, Qt.MouseButton.LeftButton)
    preview = receipt.args[0]
    assert isinstance(preview, PrintPreviewDialog) and "受理回执" in preview.windowTitle()
    preview.close()
    with qtbot.waitSignal(offer.preview_opened) as notice:
        qtbot.keyClick(offer, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert "容缺受理通知书" in notice.args[0].windowTitle()
    notice.args[0].close()
    actions_logged = [e.action for e in context.audit.events(case_id=case_id)]
    assert "case.accept_with_deferrals" in actions_logged
    assert actions_logged.count("document.preview") == 2
    offer.close()


def capture_sample_page(context: AppContext, case_id: str, slot_key: str) -> None:
    """Photograph one more page from the bundled samples, through detection and the quality checks."""
    slot = next(s for s in context.materials.checklist(case_id) if s.key == slot_key)
    path = resource_path("capture", "documents", "a4_certificate.jpg")
    photo = load_image(path)
    analysis = analyse_document(photo, slot.doc_type)
    context.materials.store_document(case_id, slot.key, analysis, photo, original_bytes=path.read_bytes(),
                                     override_reason=None if analysis.passed else "样例照片 / sample photo")


def test_complete_case_is_accepted_plainly(qtbot: QtBot, context: AppContext, window: MainWindow) -> None:
    case_id = pre_reviewed_case(context)
    for key in DEFERRABLE:
        capture_sample_page(context, case_id, key)
    dialog = open_dialog(qtbot, window, case_id)
    assert dialog.complete_label.isVisible() and dialog.complete_label.text() == "材料齐全，可以直接受理。"
    assert not dialog.deferral_box.isVisible() and not dialog.blocking_box.isVisible()
    assert dialog.focusWidget() is dialog.accept_button
    grab(dialog, "00_dialog_plain_zh.png")
    actions = window.editor.case_actions
    with qtbot.waitSignal(actions.dialog_opened) as offered:
        qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert stored_status(context, case_id) is CaseStatus.ACCEPTED
    accepted = context.acceptance.acceptance(case_id)
    assert accepted is not None and accepted.deferred == () and not accepted.commitment_signed
    offer = offered.args[0]
    assert isinstance(offer, AcceptedDialog)
    assert not offer.notice_button.isVisible() and offer.receipt_button.isVisible()
    assert "请打印受理回执，交给申请人。" in [label.text() for label in offer.findChildren(QLabel)]
    assert not window.editor.print_row.deferral_button.isEnabled()
    offer.close()


def test_missing_required_material_blocks_and_says_why(
        qtbot: QtBot, context: AppContext, window: MainWindow) -> None:
    case_id = pre_reviewed_case(context, capture=False)  # nothing photographed: the portrait is missing
    dialog = open_dialog(qtbot, window, case_id)
    assert dialog.blocking_box.isVisible()
    assert "缺少不可容缺的材料：经营者现场人像" in dialog.blocking_list.text()
    assert "请先采集" in dialog.blocking_hint.text()
    assert not dialog.accept_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # the shortcut does nothing either
    qtbot.wait(300)  # longer than a mnemonic's click animation
    assert dialog.isVisible() and not dialog.problem_box.isVisible()
    grab(dialog, "05_dialog_required_missing_zh.png")
    # Forced past the disabled button, the service still refuses and every reason is listed.
    dialog.submit()
    listed = problems(dialog)
    assert any("缺少不可容缺的材料：经营者现场人像" in text for text in listed)
    assert len(listed) >= 4  # portrait, ID sides, the form, premises proof...
    assert stored_status(context, case_id) is CaseStatus.PRE_REVIEWED
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_case_edited_after_pre_review_is_not_accepted(
        qtbot: QtBot, context: AppContext, window: MainWindow) -> None:
    case_id = pre_reviewed_case(context, capture=False)
    window.open_case(case_id)
    window.editor.form.operator.mobile.setText("13912345678")  # unsaved edit: the case goes back to draft
    window.editor.case_actions.accept_button.click()
    assert window.editor.case_actions.dialog is None
    assert "只有已初审的案件可以受理" in window.save_status.text()
    assert stored_status(context, case_id) is CaseStatus.DRAFT


def test_enter_in_a_field_does_not_accept_and_tab_walks_the_row(
        qtbot: QtBot, context: AppContext, window: MainWindow) -> None:
    case_id = pre_reviewed_case(context)
    dialog = open_dialog(qtbot, window, case_id)
    first = dialog.table.rows[0]
    qtbot.waitUntil(lambda: dialog.focusWidget() is first.defer)
    qtbot.keyClick(first.defer, Qt.Key.Key_Space)
    qtbot.keyClick(first.defer, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is first.delivery
    qtbot.keyClick(first.delivery, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is first.due
    qtbot.keyClick(first.due, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.problem_box.isVisible()
    assert stored_status(context, case_id) is CaseStatus.PRE_REVIEWED
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Alt+A is 受理(&A)
    qtbot.waitUntil(dialog.problem_box.isVisible)  # a mnemonic clicks after a short animation
    assert len(problems(dialog)) == 2  # the other item is neither supplied nor deferred; no commitment
    dialog.reject()


def test_calendar_warning_for_a_year_without_holiday_data(qtbot: QtBot, context: AppContext) -> None:
    """Accepting on 29 December 2026: the committed date falls in 2027, which chinese-calendar does not
    know; the dialog says the date is counted Monday to Friday."""
    case_id = pre_reviewed_case(context, capture=False)
    cipher = FieldCipher(load_data_key(context.data_dir, demo_mode=True).key)
    late_december = AcceptanceService(
        context.cases, CaseRepository(context.database, cipher), AcceptanceRepository(context.database),
        context.audit, context.settings, context.calendar, context.materials.checklist_status,
        clerk="test-clerk", today=lambda: dt.date(2026, 12, 29))
    dialog = AcceptanceDialog(late_december, SyncTaskRunner(), case_id, "TEST-1")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.warning_label.isVisible()
    assert "2027年节假日安排尚未导入" in dialog.warning_label.text()
    assert "2027年" in dialog.committed_label.text()
    grab(dialog, "06_dialog_calendar_warning_zh.png")


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_english_interface(qtbot: QtBot, context: AppContext, window: MainWindow, language: str) -> None:
    case_id = pre_reviewed_case(context)
    dialog = open_dialog(qtbot, window, case_id)
    assert dialog.accept_button.text() == "&Accept"
    assert {row.label.text() for row in dialog.table.rows} == {
        "Household register or marriage certificate", "Landlord's title certificate"}
    dialog.accept_button.click()
    assert any("Missing material: Landlord's title certificate" in text for text in problems(dialog))
    grab(dialog, "07_dialog_deferrable_en.png")
    dialog.reject()


def test_with_the_thread_pool_runner(qtbot: QtBot, context: AppContext) -> None:
    """As in production: the plan and the acceptance run on worker threads; while an answer is on its
    way the dialog cannot be closed (it would be lost) nor the case accepted twice."""
    runner = TaskRunner()
    main = MainWindow(context, runner)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    try:
        case_id = pre_reviewed_case(context)
        main.open_case(case_id)
        actions = main.editor.case_actions
        with qtbot.waitSignal(actions.dialog_opened) as opened:
            actions.accept_button.click()
        dialog = opened.args[0]
        assert isinstance(dialog, AcceptanceDialog)
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
        assert not dialog.progress.isVisible() and len(dialog.table.rows) == 2
        for row in dialog.table.rows:
            row.defer.setChecked(True)
        dialog.commitment.setChecked(True)
        dialog.submit()
        assert dialog.is_busy() and not dialog.accept_button.isEnabled()
        assert dialog.progress.text() == "正在受理…"
        dialog.reject()  # Esc or Cancel while the service works: ignored
        dialog.submit()  # a second press: ignored
        assert dialog.isVisible()
        qtbot.waitUntil(lambda: actions.offer is not None, timeout=10_000)
        assert context.cases.open_case(case_id).status is CaseStatus.ACCEPTED_WITH_DEFERRALS
        events = [e.action for e in context.audit.events(case_id=case_id)]
        assert events.count("case.accept_with_deferrals") == 1
        qtbot.waitUntil(lambda: "容缺受理" in main.editor.header.text(), timeout=5_000)
        assert actions.offer is not None
        actions.offer.close()
    finally:
        assert main.close()
        runner.shutdown()
        main.deleteLater()
        runner.deleteLater()
        flush_deletions()
