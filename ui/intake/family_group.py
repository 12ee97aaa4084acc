"""Group 2: 组成形式 (individual or family business) and, for a family business, its members."""

from __future__ import annotations

import copy

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.choices import POLITICAL_STATUSES, RELATIONSHIPS
from counter_app.domain.model import Application, CompositionForm, FamilyMember
from ui.intake.fields import Binding, CodeCombo, FieldCell, line_edit
from ui.intake.group import IntakeGroup, connect_change, set_editor_read_only
from ui.intake.id_fields import doc_type_of, id_number_edit, id_type_combo


class FamilyMemberRow(QFrame):
    """One participating member, on two lines so it fits beside the case list.

    Signals:
        edited(str): a field changed; carries its path relative to the member (``name``).
        remove_requested(): the clerk pressed 删除.
    """

    edited = Signal(str)
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.name = line_edit(self, max_length=50)
        self.relationship = CodeCombo(RELATIONSHIPS, self)
        self.political_status = CodeCombo(POLITICAL_STATUSES, self)
        self.doc_type = id_type_combo(self)
        self.id_number = id_number_edit(self)
        self.signed = QCheckBox(self.tr("Signed"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_requested.emit)

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.title, 0, 0, 1, 2)
        grid.addWidget(self.remove_button, 0, 5)
        self._cells: dict[str, tuple[str, FieldCell]] = {}
        # (path, label, editor, row, label column, columns the field spans); the number gets the room.
        layout = (
            ("name", self.tr("Name"), self.name, 1, 0, 1),
            ("relationship", self.tr("Relationship"), self.relationship, 1, 2, 1),
            ("political_status", self.tr("Political status"), self.political_status, 1, 4, 1),
            ("id_document.doc_type", self.tr("Document type"), self.doc_type, 2, 0, 1),
            ("id_document.number", self.tr("Document number"), self.id_number, 2, 2, 3),
            ("signed", "", self.signed, 0, 2, 2),
        )
        for rel_path, label, editor, row, col, span in layout:
            cell = FieldCell(editor, self)
            if label:
                grid.addWidget(QLabel(label, self), row, col)
            grid.addWidget(cell, row, col + 1, 1, span)
            self._cells[rel_path] = (label, cell)
            connect_change(editor, lambda *_, p=rel_path: self.edited.emit(p))
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 2)

    def set_index(self, index: int) -> None:
        self.title.setText(self.tr("Family member {number}").format(number=index + 1))

    def bindings(self, prefix: str) -> dict[str, Binding]:
        result: dict[str, Binding] = {}
        for rel_path, (label, cell) in self._cells.items():
            name = f"{self.title.text()} · {label}" if label else self.title.text()
            result[f"{prefix}.{rel_path}"] = Binding(f"{prefix}.{rel_path}", name, cell.editor,
                                                     cell.issue_label, cell.editor)
        result[f"{prefix}.id_document"] = result[f"{prefix}.id_document.number"]
        result[prefix] = result[f"{prefix}.name"]
        return result

    def editors(self) -> list[QWidget]:
        return [cell.editor for _, cell in self._cells.values()] + [self.remove_button]

    def load(self, member: FamilyMember) -> None:
        self.name.setText(member.name)
        self.relationship.set_code(member.relationship)
        self.political_status.set_code(member.political_status)
        self.doc_type.set_code(member.id_document.doc_type)
        self.id_number.setText(member.id_document.number)
        self.signed.setChecked(member.signed)

    def to_member(self, member: FamilyMember) -> FamilyMember:
        member.name = self.name.text()
        member.relationship = self.relationship.code()
        member.political_status = self.political_status.code()
        member.id_document.doc_type = doc_type_of(self.doc_type)
        member.id_document.number = self.id_number.text()
        member.signed = self.signed.isChecked()
        return member


class CompositionGroup(IntakeGroup):
    """Signals (besides `edited`): members_changed() — a member row was added or removed."""

    prefixes = ("composition", "family_members")
    members_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("2 Form of organisation"), parent)
        self.individual = QRadioButton(self.tr("Individual business"), self)
        self.family = QRadioButton(self.tr("Family business"), self)
        self.individual.setChecked(True)
        self._buttons = QButtonGroup(self)
        self._buttons.addButton(self.individual)
        self._buttons.addButton(self.family)
        choice = QWidget(self)
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.individual)
        row.addWidget(self.family)
        row.addStretch(1)
        self.add_composite(self.tr("Form"), choice, [("composition", self.individual),
                                                     ("composition", self.family)])

        self.members_box = QWidget(self)
        box = QVBoxLayout(self.members_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.members_label = QLabel(self.tr("Participating family members (every member signs)"), self)
        self.members_issue = FieldCell(self.members_label, self)
        self._members_layout = QVBoxLayout()
        self.add_button = QPushButton(self.tr("Add family member"), self)
        self.add_button.clicked.connect(self._add_clicked)
        box.addWidget(self.members_issue)
        box.addLayout(self._members_layout)
        box.addWidget(self.add_button)
        self._outer.addWidget(self.members_box)
        self.rows: list[FamilyMemberRow] = []
        self._stored: list[FamilyMember] = []
        self.family.toggled.connect(self._update_visibility)
        self._update_visibility()

    def _update_visibility(self) -> None:
        self.members_box.setVisible(self.family.isChecked())

    def _add_clicked(self) -> None:
        row = self.add_row(FamilyMember())
        self.edited.emit("family_members")
        row.name.setFocus()

    def add_row(self, member: FamilyMember) -> FamilyMemberRow:
        row = FamilyMemberRow(self.members_box)
        row.load(member)
        row.edited.connect(lambda rel, r=row: self.edited.emit(f"{self._prefix(r)}.{rel}"))
        row.remove_requested.connect(lambda r=row: self.remove_row(r))
        self.rows.append(row)
        self._stored.append(member)
        self._members_layout.addWidget(row)
        row.show()  # now, not at the next event loop turn: Enter may move into it at once
        self._renumber()
        set_editor_read_only(row.remove_button, self.is_read_only())
        for editor in row.editors():
            set_editor_read_only(editor, self.is_read_only())
        self.members_changed.emit()
        return row

    def remove_row(self, row: FamilyMemberRow) -> None:
        index = self.rows.index(row)
        self.rows.pop(index)
        self._stored.pop(index)
        row.hide()
        row.deleteLater()
        self._renumber()
        self.members_changed.emit()
        self.edited.emit("family_members")

    def _renumber(self) -> None:
        for index, row in enumerate(self.rows):
            row.set_index(index)

    def _prefix(self, row: FamilyMemberRow) -> str:
        return f"family_members[{self.rows.index(row)}]"

    def bindings(self) -> dict[str, Binding]:
        result = super().bindings()
        result["family_members"] = Binding("family_members", self.members_label.text(), self.add_button,
                                           self.members_issue.issue_label)
        for index, row in enumerate(self.rows):
            result.update(row.bindings(f"family_members[{index}]"))
        return result

    def focus_chain(self) -> list[QWidget]:
        chain = super().focus_chain()
        for row in self.rows:
            chain.extend(row.editors())
        return [*chain, self.add_button]

    def load(self, app: Application) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            row.hide()
            row.deleteLater()
        self._stored = []
        self.family.setChecked(app.composition is CompositionForm.FAMILY)
        self.individual.setChecked(app.composition is not CompositionForm.FAMILY)
        for member in app.family_members:
            self.add_row(member)

    def apply(self, app: Application) -> None:
        app.composition = CompositionForm.FAMILY if self.family.isChecked() else CompositionForm.INDIVIDUAL
        # An individual business has no members. The rows stay on screen until another case is opened,
        # so flipping to 个人经营 by mistake and back loses nothing.
        if app.composition is CompositionForm.FAMILY:
            app.family_members = [row.to_member(copy.deepcopy(stored))
                                  for row, stored in zip(self.rows, self._stored, strict=True)]
        else:
            app.family_members = []
