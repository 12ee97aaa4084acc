"""Building blocks of the intake form: a field with its message line, code-backed combo boxes, bindings.

A `Binding` ties an Issue path (``operator.id_document.number``) to the widget the clerk edits and to the
small label under it where that path's validation messages appear.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from counter_app.domain.issues import Issue, Severity
from ui.i18n import pick

SEVERITY_PROPERTY = "severity"


def severity_of(issues: Sequence[Issue]) -> str:
    """"error", "warning" or "" for no issues: the value of the `severity` style property."""
    if not issues:
        return ""
    return Severity.ERROR.value if any(i.is_error for i in issues) else Severity.WARNING.value


def set_severity_property(widget: QWidget, severity: str) -> None:
    if widget.property(SEVERITY_PROPERTY) == severity:
        return
    widget.setProperty(SEVERITY_PROPERTY, severity)
    # Property selectors in the style sheet are evaluated on polish only.
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class IssueLabel(QLabel):
    """The red (error) / amber (warning) line under a field; hidden while the field is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueLabel")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)
        self._issues: list[Issue] = []

    def set_issues(self, issues: Sequence[Issue]) -> None:
        self._issues = list(issues)
        self.setText("\n".join(pick(i.message_zh, i.message_en) for i in self._issues))
        set_severity_property(self, severity_of(self._issues))
        # isHidden, not isVisible: the label may sit in a collapsed group that is not shown right now.
        self.setHidden(not self._issues)

    def issues(self) -> list[Issue]:
        return list(self._issues)


class FieldCell(QWidget):
    """An editor with its message line directly beneath it."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.issue_label = IssueLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(self.issue_label)


@dataclass
class Binding:
    """Where the issues of one path show, which widget takes focus for it, and its name for the summary."""

    path: str
    label: str
    focus: QWidget
    issue_label: IssueLabel
    severity_target: QWidget | None = None

    def show(self, issues: Sequence[Issue]) -> None:
        self.issue_label.set_issues(issues)
        if self.severity_target is not None:
            set_severity_property(self.severity_target, severity_of(issues))


def code_text(code: object) -> str:
    """Choice dictionaries may be keyed by enums or plain strings; the model stores the string value."""
    return str(code.value) if isinstance(code, enum.Enum) else str(code)


class CodeCombo(QComboBox):
    """A combo box over a code -> (Chinese, English) table; the first entry means "not chosen"."""

    def __init__(self, choices: Mapping[Any, tuple[str, str]], parent: QWidget | None = None,
                 *, blank: str = "") -> None:
        super().__init__(parent)
        self.setMaxVisibleItems(20)
        self.addItem(blank, "")
        for code, (zh, en) in choices.items():
            self.addItem(pick(zh, en), code_text(code))

    def code(self) -> str:
        data = self.currentData()
        return data if isinstance(data, str) else ""

    def set_code(self, code: object) -> None:
        text = "" if code is None else code_text(code)
        index = self.findData(text)
        if index < 0:
            # A code this table does not know (an older or newer catalogue): keep it rather than lose it.
            self.addItem(text, text)
            index = self.count() - 1
        self.setCurrentIndex(index)


def line_edit(parent: QWidget | None = None, *, placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    edit.setClearButtonEnabled(False)
    return edit


def join_issues(groups: Iterable[Sequence[Issue]]) -> list[Issue]:
    return [issue for group in groups for issue in group]
