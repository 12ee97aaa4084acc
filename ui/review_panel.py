"""The pre-review summary: every error and warning of the case in one list, with counts.

Clicking an entry takes the clerk to the field it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from counter_app.domain.issues import Issue
from ui.i18n import pick

ERROR_COLOUR = QColor("#b71c1c")
WARNING_COLOUR = QColor("#8a5a00")


class IssueSummaryPanel(QWidget):
    """Signals:
        issue_activated(str): the clerk clicked the entry for this Issue path.
        pre_review_requested(): the clerk pressed 初审.
    """

    issue_activated = Signal(str)
    pre_review_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pre_review_button = QPushButton(self.tr("Pre-review (F9)"), self)
        self.pre_review_button.setObjectName("preReviewButton")
        self.outcome_label = QLabel(self)
        self.outcome_label.setObjectName("outcomeLabel")
        self.outcome_label.setWordWrap(True)
        self.outcome_label.hide()
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Items to fix"), self))
        layout.addWidget(self.pre_review_button)
        layout.addWidget(self.outcome_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.list, 1)
        self.pre_review_button.clicked.connect(self.pre_review_requested.emit)
        self.list.itemClicked.connect(self._activated)
        self.list.itemActivated.connect(self._activated)
        self.set_issues([], lambda path: path)

    def set_issues(self, issues: Sequence[Issue], label_for: Callable[[str], str]) -> None:
        self.list.clear()
        errors = [i for i in issues if i.is_error]
        warnings = [i for i in issues if not i.is_error]
        for issue in issues:
            kind = self.tr("Error") if issue.is_error else self.tr("Warning")
            text = self.tr("[{kind}] {field}: {message}").format(
                kind=kind, field=label_for(issue.path), message=pick(issue.message_zh, issue.message_en))
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, issue.path)
            item.setForeground(QBrush(ERROR_COLOUR if issue.is_error else WARNING_COLOUR))
        if issues:
            self.counts_label.setText(self.tr("{errors} errors, {warnings} warnings").format(
                errors=len(errors), warnings=len(warnings)))
        else:
            self.counts_label.setText(self.tr("No problems found"))

    def set_outcome(self, passed: bool | None, error_count: int = 0, missing_materials: int = 0) -> None:
        """Show the result of the last 初审 (None hides it, e.g. after further edits). `missing_materials`
        required materials not yet captured do not fail 初审 (capture may come later) but must not read as
        a plain pass above red material entries either."""
        if passed is None:
            self.outcome_label.hide()
            return
        state = "yes"
        if passed and missing_materials:
            state = "partial"
            self.outcome_label.setText(self.tr(
                "Application data passed pre-review; {count} required materials still to capture"
            ).format(count=missing_materials))
        elif passed:
            self.outcome_label.setText(self.tr("Pre-review passed"))
        else:
            state = "no"
            self.outcome_label.setText(self.tr(
                "Pre-review not passed: {count} items must be fixed").format(count=error_count))
        self.outcome_label.setProperty("passed", state)
        self.outcome_label.style().unpolish(self.outcome_label)
        self.outcome_label.style().polish(self.outcome_label)
        self.outcome_label.show()

    def paths(self) -> list[str]:
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.issue_activated.emit(str(item.data(Qt.ItemDataRole.UserRole)))
