"""A list of quality checks with their state (✓ passed, ✗ failed with the hint, – not evaluated)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from counter_app.capture.checks import CheckResult
from ui.i18n import current_language, pick

PASSED = QColor("#1b5e20")
FAILED = QColor("#b71c1c")
SKIPPED = QColor("#757575")


def check_text(check: CheckResult) -> str:
    label = pick(check.label_zh, check.label_en)
    if not check.evaluated:
        return f"–  {label}"
    if check.passed:
        return f"✓  {label}"
    return f"✗  {label}：{check.hint(current_language())}"


class ChecksList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # information only; the buttons take the focus
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)

    def show_checks(self, checks: Sequence[CheckResult]) -> None:
        self.clear()
        for check in checks:
            item = QListWidgetItem(check_text(check), self)
            colour = SKIPPED if not check.evaluated else (PASSED if check.passed else FAILED)
            item.setForeground(QBrush(colour))
            item.setData(Qt.ItemDataRole.UserRole, check.name)

    def lines(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]
