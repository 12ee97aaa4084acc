"""Asks the clerk why a capture that failed the quality gate should be kept anyway. The reason is
required (OK stays disabled until there is one) and is stored with the material and audited."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.capture.checks import CheckResult
from ui.i18n import current_language, pick

MAX_REASON = 500


class OverrideReasonDialog(QDialog):
    def __init__(self, failed: Sequence[CheckResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keep a capture that failed the checks"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr("This capture did not pass every quality check. Keep it only if a better one "
                               "cannot be taken, and say why; the reason is recorded with the material."),
                       self)
        intro.setWordWrap(True)
        self.failed_list = QListWidget(self)
        for check in failed:
            name = pick(check.label_zh, check.label_en)
            self.failed_list.addItem(f"✗ {name}：{check.hint(current_language())}")
        self.failed_list.setMaximumHeight(max(60, 26 * min(6, len(failed)) + 8))
        self.reason = QComboBox(self)
        self.reason.setEditable(True)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason.addItem("")
        for text in (self.tr("The applicant cannot keep the required posture (health reasons)"),
                     self.tr("Religious head covering"),
                     self.tr("The counter's lighting cannot be improved now"),
                     self.tr("The original document is damaged or faded; this is the best possible copy")):
            self.reason.addItem(text)
        self.reason.setCurrentIndex(0)
        line_edit = self.reason.lineEdit()
        assert line_edit is not None
        line_edit.setMaxLength(MAX_REASON)
        line_edit.setPlaceholderText(self.tr("Reason (required)"))
        label = QLabel(self.tr("&Reason:"), self)
        label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept_if_reason)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Failed checks:"), self))
        layout.addWidget(self.failed_list)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.editTextChanged.connect(self._update_ok)
        self._update_ok()
        self.reason.setFocus()

    def text(self) -> str:
        return self.reason.currentText().strip()[:MAX_REASON]

    def ok_button_enabled(self) -> bool:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        return button is not None and button.isEnabled()

    def _update_ok(self) -> None:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(bool(self.text()))

    def _accept_if_reason(self) -> None:
        if self.text():
            self.accept()

