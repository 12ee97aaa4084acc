"""Filling the intake form the way a clerk does: typing, clicking, picking from lists by keyboard."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.intake.form import IntakeForm

# Valid modern resident IDs (check characters from stdnum.cn.ric.calc_check_digit). Operator: born
# 1990-03-07, male.
OPERATOR_ID = "510411199003071237"
OPERATOR_ID_BAD_CHECKSUM = "510411199003071238"
OPERATOR_NAME = "张三"
SPOUSE_ID = "510411199208150027"  # born 1992-08-15, female
AGENT_ID = "510411198511200037"  # born 1985-11-20, male


def ime_commit(widget: QWidget, text: str) -> None:
    """Chinese arrives from the input method as a committed string, not as key presses (QTest cannot
    type non-ASCII keys at all): send what a pinyin IME sends when the clerk picks the characters."""
    preedit = QInputMethodEvent(text, [])
    QApplication.sendEvent(widget, preedit)
    commit = QInputMethodEvent()
    commit.setCommitString(text)
    QApplication.sendEvent(widget, commit)


def type_text(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(edit, run)
        else:
            ime_commit(edit, run)
    assert edit.text() == text, f"typed {text!r}, the field shows {edit.text()!r}"


def choose(qtbot: QtBot, combo: QComboBox, label: str) -> None:
    """Pick an entry with the arrow keys, as a clerk does in a list of Chinese labels."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == label:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == label, f"wanted {label!r}, the combo shows {combo.currentText()!r}"


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click where a clerk would: the box of a check box or radio button, the middle of a push button."""
    if isinstance(button, QCheckBox | QRadioButton):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot: QtBot, box: QAbstractButton, checked: bool = True) -> None:
    if box.isChecked() != checked:
        click(qtbot, box)
    assert box.isChecked() == checked


def press_enter(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def fill_operator(qtbot: QtBot, form: IntakeForm, id_number: str = OPERATOR_ID) -> None:
    op = form.operator
    type_text(qtbot, op.name, OPERATOR_NAME)
    type_text(qtbot, op.id_number, id_number)
    choose(qtbot, op.gender, "男")
    type_text(qtbot, op.birth_date, "1990-03-07")
    choose(qtbot, op.ethnicity, "汉族")
    choose(qtbot, op.education, "高中")
    choose(qtbot, op.political_status, "群众")
    type_text(qtbot, op.mobile, "138 0013 8000")
    type_text(qtbot, op.landline, "0812-2901234")
    type_text(qtbot, op.residence, "四川省攀枝花市仁和区仁和镇迤资村12号")
    type_text(qtbot, op.email, "zhangsan@example.cn")


def fill_family(qtbot: QtBot, form: IntakeForm) -> None:
    group = form.composition
    click(qtbot, group.family)
    click(qtbot, group.add_button)
    row = group.rows[-1]
    type_text(qtbot, row.name, "李梅")
    choose(qtbot, row.relationship, "配偶")
    choose(qtbot, row.political_status, "群众")
    type_text(qtbot, row.id_number, SPOUSE_ID)
    tick(qtbot, row.signed)


def fill_premises(qtbot: QtBot, form: IntakeForm) -> None:
    premises = form.premises
    type_text(qtbot, premises.village, "迤资村")
    type_text(qtbot, premises.detail, "迤资村三组45号")


def fill_business(qtbot: QtBot, form: IntakeForm) -> None:
    business = form.business
    type_text(qtbot, business.business_name, "攀枝花市仁和区张三五金店")
    type_text(qtbot, business.capital, "5")
    type_text(qtbot, business.employees, "2")
    type_text(qtbot, business.business_phone, "0812-2901234")
    type_text(qtbot, business.postal_code, "617061")
    tick(qtbot, business.paper_licence)
    business.paper_copies.setFocus()
    qtbot.keyClick(business.paper_copies, Qt.Key.Key_Up)
    assert business.paper_copies.value() == 1


def add_scope_item(qtbot: QtBot, form: IntakeForm, search: str) -> None:
    """Search (pinyin initials work) and take the first hit with Enter."""
    scope = form.scope
    type_text(qtbot, scope.search, search)
    press_enter(qtbot, scope.search)


def fill_scope(qtbot: QtBot, form: IntakeForm) -> None:
    add_scope_item(qtbot, form, "wjcp")  # 五金产品零售, general
    add_scope_item(qtbot, form, "cyfw")  # 餐饮服务, licensed
    row = form.scope.rows[-1]
    assert row.licensed
    type_text(qtbot, row.edits["document_name"], "食品经营许可证")
    type_text(qtbot, row.edits["document_number"], "JY25104110012345")
    type_text(qtbot, row.edits["issuing_authority"], "攀枝花市仁和区市场监督管理局")


def fill_liaison_and_agent(qtbot: QtBot, form: IntakeForm) -> None:
    click(qtbot, form.liaison.same_as_operator)
    agent = form.agent
    tick(qtbot, agent.has_agent)
    type_text(qtbot, agent.name, "王五")
    type_text(qtbot, agent.mobile, "13912345678")
    type_text(qtbot, agent.id_number, AGENT_ID)
    for box in agent.powers.values():
        tick(qtbot, box)


def fill_commitments(qtbot: QtBot, form: IntakeForm) -> None:
    for box in form.commitments.boxes.values():
        tick(qtbot, box)


def fill_everything(qtbot: QtBot, form: IntakeForm) -> None:
    fill_operator(qtbot, form)
    fill_family(qtbot, form)
    fill_premises(qtbot, form)
    fill_business(qtbot, form)
    fill_scope(qtbot, form)
    fill_liaison_and_agent(qtbot, form)
    fill_commitments(qtbot, form)
