"""The main window around the form: language, demo-key banner, read-only cases, layout at 1366×768."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from counter_app.config import SETTINGS_FILE
from counter_app.domain.status import CaseStatus
from tests.ui.conftest import Windows
from tests.ui.filling import click
from ui.main_window import MainWindow


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_english_interface_shows_english_labels_and_core_messages(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window.case_list.new_button)
    form = window.editor.form
    assert form.operator.title() == "1 Operator"
    assert window.case_list.new_button.text() == "New case"
    assert form.operator.doc_type.currentText() == "PRC resident ID card"
    click(qtbot, window.editor.summary.pre_review_button)
    messages = window.editor.form.visible_issue_texts()
    assert "Enter the operator's name." in "\n".join(messages)
    assert window.editor.summary.counts_label.text().endswith("warnings")


def test_chinese_is_the_default_interface(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window.case_list.new_button)
    form = window.editor.form
    assert form.operator.title() == "1 经营者"
    assert form.commitments.title() == "8 承诺"
    assert window.case_list.new_button.text() == "新建案件"
    assert form.operator.doc_type.currentText() == "中华人民共和国居民身份证"
    assert window.language_actions["zh_CN"].isChecked()


def test_choosing_english_is_saved_for_the_next_start(window: MainWindow, data_dir: Path) -> None:
    window.language_actions["en"].trigger()
    saved = json.loads((data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert saved["language"] == "en"
    assert window.save_status.text() == "界面语言将在下次启动程序时生效。"


def test_no_banner_when_the_key_is_in_the_os_keyring(window: MainWindow) -> None:
    assert window.banner.isHidden()


def test_demo_key_file_shows_a_yellow_banner(windows: Windows) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # a headless machine: no keyring at all
    window = windows.open()
    assert not window.banner.isHidden()
    assert window.banner.text().startswith("演示模式")
    origin = QPoint(0, 0)
    assert window.banner.mapTo(window, origin).y() < window.case_list.mapTo(window, origin).y()


def test_case_that_can_no_longer_change_opens_read_only(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window.case_list.new_button)
    record = window.editor.record
    assert record is not None
    accepted = dataclasses.replace(record, status=CaseStatus.ACCEPTED)
    window.editor.open_record(accepted)
    form = window.editor.form
    assert form.operator.name.isReadOnly()
    assert not form.operator.gender.isEnabled()
    assert not form.composition.add_button.isEnabled()
    assert not form.liaison.same_as_operator.isEnabled()
    assert not window.editor.summary.pre_review_button.isEnabled()
    assert not window.editor.read_only_label.isHidden()
    assert "已受理" in window.editor.header.text()
    window.editor.open_record(record)  # and a draft is editable again
    assert not form.operator.name.isReadOnly()
    assert form.composition.add_button.isEnabled() or form.composition.members_box.isHidden()


def test_window_fits_1366_by_768(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window.case_list.new_button)
    assert window.width() <= 1366 and window.height() <= 768
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 768
    editor = window.editor
    assert editor.summary.width() >= 240
    assert editor.form.viewport().width() >= 560
    assert editor.form.horizontalScrollBar().maximum() == 0  # the form never needs sideways scrolling
