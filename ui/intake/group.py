"""The base of every group box of the intake form: fields with message lines, bindings, change tracking."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.model import Application
from ui.intake.fields import Binding, FieldCell, IssueLabel


def connect_change(widget: QWidget, slot: object) -> None:
    """Connect whichever signal means "the clerk changed the value" for this kind of editor."""
    if isinstance(widget, QLineEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
        if widget.isEditable():
            widget.editTextChanged.connect(slot)
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(slot)
    elif isinstance(widget, QAbstractSpinBox):
        widget.editingFinished.connect(slot)
        value_changed = getattr(widget, "valueChanged", None)
        if value_changed is not None:
            value_changed.connect(slot)
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(slot)


def has_content(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return bool(widget.text().strip())
    if isinstance(widget, QComboBox):
        return bool(widget.currentText().strip())
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QPlainTextEdit):
        return bool(widget.toPlainText().strip())
    return False


def set_editor_read_only(widget: QWidget, read_only: bool) -> None:
    # Read-only line edits stay readable and selectable; everything else is simply disabled.
    if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
        widget.setReadOnly(read_only)
    else:
        widget.setEnabled(not read_only)


class IntakeGroup(QGroupBox):
    """One numbered group of the form.

    Signals:
        edited(str): the clerk changed the field bound to this Issue path.
    """

    edited = Signal(str)

    #: The Issue paths (first components) this group answers for; the first names the group itself.
    prefixes: tuple[str, ...] = ()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._outer = QVBoxLayout(self)
        self._outer.setSpacing(4)
        self.group_issue_label = IssueLabel(self)
        self._outer.addWidget(self.group_issue_label)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(4)
        self._outer.addLayout(self.form)
        self._bindings: dict[str, Binding] = {}
        self._editors: list[QWidget] = []
        self._read_only = False

    # --- construction helpers used by subclasses ---------------------------------------------------

    def add_field(self, path: str, label: str, editor: QWidget) -> FieldCell:
        cell = FieldCell(editor, self)
        self.form.addRow(label, cell)
        self.register(path, label, editor, cell.issue_label)
        return cell

    def add_composite(self, label: str, container: QWidget, editors: list[tuple[str, QWidget]]) -> FieldCell:
        """A row holding several editors (radio buttons, a check box with its spin box) and one message
        line; the first editor of a path takes the focus for that path's issues."""
        cell = FieldCell(container, self)
        self.form.addRow(label, cell)
        for path, editor in editors:
            if path not in self._bindings:
                name = editor.text() if isinstance(editor, QCheckBox) else label
                self._bindings[path] = Binding(path, name, editor, cell.issue_label, editor)
            self.track(editor, path)
        return cell

    def register(self, path: str, label: str, editor: QWidget, issue_label: IssueLabel) -> None:
        """Bind a path to its editor and message line, and report the editor's changes under that path."""
        if not label and isinstance(editor, QAbstractButton):
            label = editor.text()
        self._bindings[path] = Binding(path, label, editor, issue_label, editor)
        self.track(editor, path)

    def track(self, editor: QWidget, path: str) -> None:
        connect_change(editor, lambda *_: self.edited.emit(path))
        self._editors.append(editor)

    def alias(self, path: str, target: str) -> None:
        """Let issues about a composite path (``operator.id_document``) show at one of its fields."""
        self._bindings[path] = self._bindings[target]

    # --- what the form asks of every group ---------------------------------------------------------

    def bindings(self) -> dict[str, Binding]:
        return dict(self._bindings)

    def group_binding(self) -> Binding:
        return Binding(self.prefixes[0], self.title(), self, self.group_issue_label)

    def focus_chain(self) -> list[QWidget]:
        return list(self._editors)

    def load(self, app: Application) -> None:
        raise NotImplementedError

    def apply(self, app: Application) -> None:
        """Write the widgets' values into `app` (which holds everything the form does not show)."""
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for editor in self.focus_chain():
            set_editor_read_only(editor, read_only)

    def is_read_only(self) -> bool:
        return self._read_only
