"""The left side of the case view: application data (masked until revealed), the per-material
checklist, the validation findings, what changed since the previous version, and the case history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.issues import Issue
from counter_app.domain.masking import STAR
from counter_app.review.checklist import ChecklistEntry, SlotState
from counter_app.review.sections import Section
from counter_app.sync.review_protocol import ReviewCaseDetail
from ui.i18n import current_language, pick
from ui.review.queue_model import status_label

ERROR_COLOUR = QColor("#b71c1c")
WARNING_COLOUR = QColor("#8a5a00")
STATE_COLOURS = {SlotState.PRESENT: QColor("#1b5e20"), SlotState.SUPPLIED: QColor("#1b5e20"),
                 SlotState.DEFERRED: QColor("#b26a00"), SlotState.MISSING: QColor("#b71c1c"),
                 SlotState.NOT_NEEDED: QColor("#757575")}
SLOT_ROLE = Qt.ItemDataRole.UserRole + 1


class ApplicationPanel(QWidget):
    """Signals:
        reveal_requested(): the reviewer wants the personal data shown (the window re-reads the case,
            which the server records in its audit log).
        hide_requested(): mask it again.
    """

    reveal_requested = Signal()
    hide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.revealed = False
        self.reveal_button = QPushButton(self.tr("Show personal data (the read is recorded)"), self)
        self.reveal_button.setObjectName("revealButton")
        self.reveal_button.clicked.connect(self._toggle)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("applicationTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Item"), self.tr("Entry")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.tree, 1)

    def show_sections(self, sections: list[Section], revealed: bool) -> None:
        self.revealed = revealed
        self.reveal_button.setText(self.tr("Hide personal data") if revealed
                                   else self.tr("Show personal data (the read is recorded)"))
        self.tree.clear()
        language = current_language()
        for section in sections:
            top = QTreeWidgetItem(self.tree, [section.title(language)])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for row in section.rows:
                child = QTreeWidgetItem(top, [row.label(language), row.value])
                child.setToolTip(1, row.value)  # long addresses and scopes are cut at the column edge
                child.setData(0, SLOT_ROLE, row.path)
            top.setExpanded(True)

    def value_of(self, path: str) -> str | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount() if top is not None else 0):
                child = top.child(j) if top is not None else None
                if child is not None and child.data(0, SLOT_ROLE) == path:
                    return str(child.text(1))
        return None

    def _toggle(self) -> None:
        (self.hide_requested if self.revealed else self.reveal_requested).emit()


class ChecklistPanel(QTableWidget):
    """Each material slot: present / 容缺 / missing, pages, and the reviewer's own 已核对 tick.

    Signals:
        slot_chosen(str): the reviewer picked this slot's row (the document viewer shows it).
    """

    slot_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("checklistTable")
        self.setHorizontalHeaderLabels([self.tr("Material"), self.tr("State"), self.tr("Pages"),
                                        self.tr("Checked")])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.itemSelectionChanged.connect(self._chosen)
        self.entries: list[ChecklistEntry] = []

    def show_entries(self, entries: list[ChecklistEntry]) -> None:
        self.entries = entries
        self.setRowCount(len(entries))
        language = current_language()
        for row, entry in enumerate(entries):
            name = QTableWidgetItem(entry.label(language))
            name.setData(SLOT_ROLE, entry.slot)
            state = QTableWidgetItem(entry.state.label(language))
            state.setForeground(QBrush(STATE_COLOURS[entry.state]))
            pages = QTableWidgetItem(str(len(entry.pages)) if entry.pages else "")
            checked = QTableWidgetItem()
            if entry.state is SlotState.NOT_NEEDED:
                checked.setFlags(Qt.ItemFlag.NoItemFlags)
            else:
                checked.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                checked.setCheckState(Qt.CheckState.Unchecked)
            for column, item in enumerate((name, state, pages, checked)):
                self.setItem(row, column, item)

    def checked_slots(self) -> list[str]:
        out = []
        for row, entry in enumerate(self.entries):
            item = self.item(row, 3)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(entry.slot)
        return out

    def unchecked_count(self) -> int:
        """Slots with pages or 容缺 items the reviewer has not ticked yet."""
        return sum(1 for row, e in enumerate(self.entries)
                   if e.state is not SlotState.NOT_NEEDED and e.state is not SlotState.MISSING
                   and (item := self.item(row, 3)) is not None and item.checkState() != Qt.CheckState.Checked)

    def set_checked(self, slot: str, checked: bool = True) -> None:
        for row, entry in enumerate(self.entries):
            item = self.item(row, 3)
            if entry.slot == slot and item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _chosen(self) -> None:
        rows = self.selectionModel().selectedRows()
        if rows:
            self.slot_chosen.emit(self.entries[rows[0].row()].slot)


class FindingsPanel(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsList")
        self.setWordWrap(True)

    def show_findings(self, issues: list[Issue]) -> None:
        self.clear()
        if not issues:
            self.addItem(self.tr("No findings: the application passes the validation rules."))
            return
        for issue in issues:
            prefix = self.tr("Error") if issue.is_error else self.tr("Warning")
            item = QListWidgetItem(f"[{prefix}] {issue.message(current_language())}  ({issue.path})")
            item.setForeground(QBrush(ERROR_COLOUR if issue.is_error else WARNING_COLOUR))
            self.addItem(item)


def _masked(text: str | None) -> str:
    if not text:
        return ""
    keep = len(text) // 4
    return text[:keep] + STAR * (len(text) - 2 * keep) + (text[len(text) - keep:] if keep else "")


def _label(path: str, labels: dict[str, str]) -> str:
    """The row label of `path`, or of its nearest parent row ("premises.detail" -> 经营场所 · detail)."""
    if path in labels:
        return labels[path]
    head = path
    while "." in head:
        head = head.rsplit(".", 1)[0]
        if head in labels:
            return f"{labels[head]} · {path[len(head) + 1:]}"
    return path


class ChangesPanel(QTreeWidget):
    """What the counter changed since the previous version (fields, replaced documents)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesTree")
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Field or document"), self.tr("Before"), self.tr("Now")])
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.count = 0

    def show_changes(self, detail: ReviewCaseDetail, labels: dict[str, str], revealed: bool) -> None:
        self.clear()
        fields: list[Any] = list(getattr(detail, "changes_from_previous", []) or [])
        documents: list[Any] = list(getattr(detail, "replaced_documents", []) or [])
        self.count = len(fields) + len(documents)
        previous = getattr(detail, "previous_version", None)
        if not self.count:
            text = (self.tr("No changes against version {version}.").format(version=previous) if previous
                    else self.tr("First submission: nothing to compare."))
            QTreeWidgetItem(self, [text])
            return
        for change in fields:
            old, new = change.old, change.new
            if change.personal and not revealed and not change.masked:
                old, new = _masked(old), _masked(new)
            QTreeWidgetItem(self, [_label(change.path, labels), old or self.tr("(empty)"),
                                   new or self.tr("(empty)")])
        for doc in documents:
            what = {"replaced": self.tr("replaced"), "added": self.tr("added"),
                    "removed": self.tr("removed")}.get(doc.change, doc.change)
            QTreeWidgetItem(self, [labels.get(doc.slot, doc.slot),
                                   self.tr("{count} page(s)").format(count=len(doc.old_sha256)),
                                   f"{what} · "
                                   + self.tr("{count} page(s)").format(count=len(doc.new_sha256))])


class HistoryPanel(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyList")
        self.setWordWrap(True)

    def show_history(self, detail: ReviewCaseDetail) -> None:
        self.clear()
        view, review = detail.view, detail.review
        self.addItem(self.tr("{date}  accepted at the counter").format(date=review.accepted_on.isoformat()))
        self.addItem(self.tr("{time}  version {version} received").format(
            time=view.received_at.astimezone().strftime("%Y-%m-%d %H:%M"), version=view.version))
        for decision in review.decisions:
            when = decision.at.astimezone().strftime("%Y-%m-%d %H:%M")
            what = {"approved": status_label("approved"), "returned": status_label("returned"),
                    "refused": status_label("refused"), "extended": self.tr("limit extended"),
                    "dispatched": status_label("licence_dispatched")}.get(decision.outcome, decision.outcome)
            reason = str(decision.data.get("reason", ""))
            line = self.tr("{time}  version {version}: {what} by {who}").format(
                time=when, version=decision.version, what=what, who=decision.reviewer)
            self.addItem(f"{line}  {reason}".rstrip())
            for item in decision.data.get("items", []) or []:
                self.addItem("      · " + f"{item.get('path', '')}：" + pick(
                    str(item.get("phrase_zh", "")), str(item.get("phrase_en", ""))) +
                    (f"（{item['text']}）" if item.get("text") else ""))
        if review.extended:
            self.addItem(self.tr("Limit extended: {reason}").format(reason=review.extension_reason))
        claim = review.claim
        if claim is not None:
            self.addItem(self.tr("Claimed by {name} until {time}").format(
                name=claim.claimed_by_name, time=claim.claim_expires_at.astimezone().strftime("%H:%M")))


class Caption(QLabel):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setStyleSheet("font-weight: bold")
