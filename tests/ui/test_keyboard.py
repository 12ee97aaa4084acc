"""The form works from the keyboard: Enter moves on, Tab follows the form, shortcuts do what they say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.domain.status import CaseStatus
from tests.ui.filling import OPERATOR_NAME, click, press_enter, type_text
from ui.main_window import MainWindow


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)


def test_enter_moves_to_the_next_field_in_form_order(qtbot: QtBot, window: MainWindow) -> None:
    _activate(qtbot, window)
    click(qtbot, window.case_list.new_button)
    op = window.editor.form.operator
    assert QApplication.focusWidget() is op.name  # a new case starts at the operator's name

    type_text(qtbot, op.name, OPERATOR_NAME)
    press_enter(qtbot, op.name)
    assert QApplication.focusWidget() is op.doc_type
    press_enter(qtbot, op.doc_type)
    assert QApplication.focusWidget() is op.id_number
    op.email.setFocus()
    press_enter(qtbot, op.email)
    assert QApplication.focusWidget() is op.self_supporting
    press_enter(qtbot, op.self_supporting)
    assert QApplication.focusWidget() is window.editor.form.composition.individual
    assert op.name.text() == OPERATOR_NAME  # Enter did not edit anything on the way


def test_tab_order_runs_down_the_groups(qtbot: QtBot, window: MainWindow) -> None:
    _activate(qtbot, window)
    click(qtbot, window.case_list.new_button)
    form = window.editor.form
    form.premises.detail.setFocus()
    qtbot.keyClick(form.premises.detail, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.premises.ecommerce
    form.business.postal_code.setFocus()
    qtbot.keyClick(form.business.postal_code, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.business.paper_licence


def test_added_family_member_joins_the_tab_order(qtbot: QtBot, window: MainWindow) -> None:
    _activate(qtbot, window)
    click(qtbot, window.case_list.new_button)
    group = window.editor.form.composition
    click(qtbot, group.family)
    click(qtbot, group.add_button)
    row = group.rows[0]
    assert QApplication.focusWidget() is row.name
    press_enter(qtbot, row.name)
    assert QApplication.focusWidget() is row.relationship


def test_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.record is not None
    assert window.case_list.model.rowCount() == 1

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.case_list.search

    type_text(qtbot, window.editor.form.operator.name, OPERATOR_NAME)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.save_status.text().startswith("已自动保存 ")
    assert window.case_list.model.summary_at(0).operator_name == OPERATOR_NAME

    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.editor.summary.outcome_label.text().startswith("初审未通过")
    record = window.editor.record
    assert record is not None and record.status is CaseStatus.DRAFT
