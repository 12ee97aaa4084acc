"""Group 5: 经营范围 — catalogue items found by name or pinyin; licensed items carry their approval."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.domain.model import Application, ApprovalDocument
from ui.i18n import pick
from ui.intake.fields import Binding, FieldCell, IssueLabel, line_edit
from ui.intake.group import IntakeGroup, connect_change, set_editor_read_only
from ui.intake.navigation import KEEP_ENTER_PROPERTY

MAX_RESULTS = 80


class ScopeItemRow(QFrame):
    """One chosen item; a licensed one also takes its approval document.

    Signals:
        edited(str): an approval field changed; carries its field name (``document_number``).
        remove_requested(): the clerk pressed 删除.
    """

    edited = Signal(str)
    remove_requested = Signal()

    def __init__(self, item_id: str, catalogue: ScopeCatalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.item_id = item_id
        item = catalogue.get(item_id)
        self.licensed = item is not None and item.is_licensed
        name = pick(item.name_zh, item.name_en) if item else self.tr("{id} (not in the catalogue)").format(
            id=item_id)
        self.name_label = QLabel(name, self)
        self.name_label.setWordWrap(True)
        self.kind_label = QLabel(self.tr("Licensed") if self.licensed else self.tr("General"), self)
        self.kind_label.setObjectName("licensedBadge" if self.licensed else "generalBadge")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_requested.emit)
        self.issue_label = IssueLabel(self)

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        header = QHBoxLayout()
        header.addWidget(self.kind_label)
        header.addWidget(self.name_label, 1)
        header.addWidget(self.remove_button)
        grid.addLayout(header, 0, 0, 1, 2)
        grid.addWidget(self.issue_label, 1, 0, 1, 2)
        self.fields: dict[str, tuple[str, FieldCell]] = {}
        self.edits: dict[str, QLineEdit] = {}
        if self.licensed and item is not None:
            needed = QLabel(self.tr("Approval required: {document}").format(
                document=item.approval_document_zh), self)
            needed.setObjectName("hintLabel")
            grid.addWidget(needed, 2, 0, 1, 2)
            for row, (key, label) in enumerate((
                    ("document_name", self.tr("Approval document")),
                    ("document_number", self.tr("Approval number")),
                    ("issuing_authority", self.tr("Issuing authority"))), start=3):
                edit = line_edit(self)
                cell = FieldCell(edit, self)
                self.edits[key] = edit
                grid.addWidget(QLabel(label, self), row, 0)
                grid.addWidget(cell, row, 1)
                self.fields[key] = (label, cell)
                connect_change(cell.editor, lambda *_, k=key: self.edited.emit(k))
            grid.setColumnStretch(1, 1)

    def text_of(self, key: str) -> str:
        return self.edits[key].text()

    def load(self, doc: ApprovalDocument | None) -> None:
        if not self.licensed:
            return
        values = {"document_name": doc.document_name if doc else "",
                  "document_number": doc.document_number if doc else "",
                  "issuing_authority": doc.issuing_authority if doc else ""}
        for key, edit in self.edits.items():
            edit.setText(values[key])

    def document(self) -> ApprovalDocument:
        return ApprovalDocument(scope_item_id=self.item_id, document_name=self.text_of("document_name"),
                                document_number=self.text_of("document_number"),
                                issuing_authority=self.text_of("issuing_authority"))

    def editors(self) -> list[QWidget]:
        return [cell.editor for _, cell in self.fields.values()] + [self.remove_button]


class ScopeGroup(IntakeGroup):
    prefixes = ("scope_item_ids", "approval_documents")

    def __init__(self, catalogue: ScopeCatalogue, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("5 Business scope"), parent)
        self.catalogue = catalogue
        self.search = line_edit(self, placeholder=self.tr("Search by name or pinyin initials, e.g. xs"))
        self.results = QListWidget(self)
        self.results.setMaximumHeight(120)
        self.add_button = QPushButton(self.tr("Add selected item"), self)
        self.search.textChanged.connect(self._refresh_results)
        self.search.installEventFilter(self)
        self.search.setProperty(KEEP_ENTER_PROPERTY, True)
        self.results.itemActivated.connect(self._add_item)
        self.add_button.clicked.connect(self._add_current)
        self.chosen_box = QWidget(self)
        self._chosen_layout = QVBoxLayout(self.chosen_box)
        self._chosen_layout.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tr("Find item"), self.search)
        self.form.addRow("", self.results)
        self.form.addRow("", self.add_button)
        self.form.addRow(self.tr("Chosen items"), self.chosen_box)
        self.rows: list[ScopeItemRow] = []
        self._editors.extend([self.search, self.results, self.add_button])
        self._refresh_results()

    # --- searching and choosing --------------------------------------------------------------------

    def _refresh_results(self) -> None:
        text = self.search.text().strip()
        items = self.catalogue.search(text) if text else list(self.catalogue.items)
        chosen = {row.item_id for row in self.rows}
        self.results.clear()
        for item in items[:MAX_RESULTS]:
            label = pick(item.name_zh, item.name_en)
            if item.is_licensed:
                label = self.tr("[Licensed] {name}").format(name=label)
            entry = QListWidgetItem(label, self.results)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            if item.id in chosen:
                entry.setFlags(entry.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        # Enter takes the first hit that can still be added.
        for row in range(self.results.count()):
            if self.results.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.results.setCurrentRow(row)
                break

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # In the search box, Enter takes the highlighted result and Down walks the list.
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._add_current()
                return True
            if event.key() == Qt.Key.Key_Down:
                self.results.setFocus()
                return True
        return super().eventFilter(watched, event)

    def _add_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._add_item(item)

    def _add_item(self, entry: QListWidgetItem) -> None:
        if self.is_read_only() or not entry.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        item_id = str(entry.data(Qt.ItemDataRole.UserRole))
        row = self.add_row(item_id, None)
        self.search.clear()  # ready for the next item; also refreshes the results
        self._refresh_results()
        self.edited.emit("scope_item_ids")
        if row.fields:
            row.edits["document_name"].setFocus()
        else:
            self.search.setFocus()

    def add_row(self, item_id: str, doc: ApprovalDocument | None) -> ScopeItemRow:
        row = ScopeItemRow(item_id, self.catalogue, self.chosen_box)
        row.load(doc)
        row.edited.connect(lambda key, r=row: self.edited.emit(f"{self._approval_prefix(r)}.{key}"))
        row.remove_requested.connect(lambda r=row: self.remove_row(r))
        for editor in row.editors():
            set_editor_read_only(editor, self.is_read_only())
        self.rows.append(row)
        self._chosen_layout.addWidget(row)
        row.show()  # now, not at the next event loop turn: Enter may move into it at once
        return row

    def remove_row(self, row: ScopeItemRow) -> None:
        self.rows.remove(row)
        row.hide()
        row.deleteLater()
        self._refresh_results()
        self.edited.emit("scope_item_ids")

    def _approval_prefix(self, row: ScopeItemRow) -> str:
        licensed = [r for r in self.rows if r.licensed]
        return f"approval_documents[{licensed.index(row)}]"

    # --- the form's questions ----------------------------------------------------------------------

    def bindings(self) -> dict[str, Binding]:
        result = super().bindings()
        result["scope_item_ids"] = Binding("scope_item_ids", self.title(), self.search,
                                           self.group_issue_label)
        licensed_index = 0
        for index, row in enumerate(self.rows):
            name = row.name_label.text()
            result[f"scope_item_ids[{index}]"] = Binding(f"scope_item_ids[{index}]", name,
                                                         row.remove_button, row.issue_label)
            if not row.licensed:
                continue
            prefix = f"approval_documents[{licensed_index}]"
            for key, (label, cell) in row.fields.items():
                result[f"{prefix}.{key}"] = Binding(f"{prefix}.{key}", f"{name} · {label}", cell.editor,
                                                    cell.issue_label, cell.editor)
            result[prefix] = result[f"{prefix}.document_name"]
            licensed_index += 1
        return result

    def focus_chain(self) -> list[QWidget]:
        chain = super().focus_chain()
        for row in self.rows:
            chain.extend(row.editors())
        return chain

    def load(self, app: Application) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            row.hide()
            row.deleteLater()
        docs = {doc.scope_item_id: doc for doc in app.approval_documents}
        for item_id in app.scope_item_ids:
            self.add_row(item_id, docs.get(item_id))
        self.search.clear()
        self._refresh_results()

    def apply(self, app: Application) -> None:
        app.scope_item_ids = [row.item_id for row in self.rows]
        app.approval_documents = [row.document() for row in self.rows if row.licensed]

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for row in self.rows:
            for editor in row.editors():
                set_editor_read_only(editor, read_only)
