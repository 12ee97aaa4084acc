"""The district's list of corrections for a returned case (退回补正), above the form: one line per item with
a tick, done items ticked as the clerk changes the field or retakes the page. Clicking an item jumps to
its field or document slot; the button sends the corrected case as the next version."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.corrections import CorrectionEntry, ReturnedCase
from ui.i18n import pick

INDEX_ROLE = Qt.ItemDataRole.UserRole
MAX_LIST_ROWS = 5


def item_text(entry: CorrectionEntry, where: str) -> str:
    """"经营者 · 移动电话 — 与其他材料或证件信息不一致：请核对" (the reviewer's note after the phrase)."""
    phrase = pick(entry.phrase_zh, entry.phrase_en) or entry.phrase
    note = f"：{entry.text}" if entry.text else ""
    return f"{where} — {phrase}{note}"


class CorrectionsPanel(QFrame):
    """Hidden unless the open case is returned.

    Signals:
        item_activated(str, str): (target, path) — jump to the field ("field") or the slot ("document").
        tick_changed(int, bool): the clerk ticked (or unticked) item n by hand.
        resubmit_requested(): send the corrected case.
    """

    item_activated = Signal(str, str)
    tick_changed = Signal(int, bool)
    resubmit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionsPanel")
        self.setStyleSheet("QFrame#correctionsPanel { background: #fff8e1; border: 1px solid #ffb300;"
                           " border-radius: 4px; }")
        # As tall as its content: the form below keeps the rest of the height.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._returned: ReturnedCase | None = None
        self._filling = False
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold; color: #8a4b00;")
        self.title.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("correctionItems")
        self.list.setStyleSheet("QListWidget { background: white; }")
        self.resubmit_button = QPushButton(self)
        self.resubmit_button.setDefault(False)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.resubmit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(heading)
        layout.addWidget(self.list)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.itemChanged.connect(self._changed)
        self.resubmit_button.clicked.connect(self.resubmit_requested)
        self.hide()

    def set_returned(self, returned: ReturnedCase | None, labels: dict[str, str]) -> None:
        """Show the return (None hides the panel). `labels`: path or slot key -> its name on screen."""
        self._returned = returned
        self.setVisible(returned is not None)
        if returned is None:
            self.list.clear()
            return
        self._filling = True
        try:
            self.list.clear()
            for entry in returned.items:
                row = QListWidgetItem(item_text(entry, labels.get(entry.path, entry.path)), self.list)
                row.setData(INDEX_ROLE, entry.index)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(Qt.CheckState.Checked if entry.done else Qt.CheckState.Unchecked)
                if entry.changed:
                    row.setToolTip(self.tr("Changed since the district returned the case."))
        finally:
            self._filling = False
        left = len(returned.open_items)
        who = f"（{returned.reviewer}）" if returned.reviewer else ""
        self.title.setText(self.tr("Returned for correction{who}: {done} of {total} items dealt with").format(
            who=who, done=len(returned.items) - left, total=len(returned.items)))
        self.resubmit_button.setText(self.tr("Resubmit as version {version}").format(
            version=returned.version + 1))
        rows = min(len(returned.items), MAX_LIST_ROWS)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4
                                 if rows else 0)

    def returned(self) -> ReturnedCase | None:
        return self._returned

    def entry(self, index: int) -> CorrectionEntry | None:
        returned = self._returned
        return returned.items[index] if returned is not None and 0 <= index < len(returned.items) else None

    def _activated(self, row: QListWidgetItem) -> None:
        entry = self.entry(int(row.data(INDEX_ROLE)))
        if entry is not None:
            self.item_activated.emit(entry.target, entry.path)

    def _changed(self, row: QListWidgetItem) -> None:
        if self._filling:
            return
        entry = self.entry(int(row.data(INDEX_ROLE)))
        if entry is None:
            return
        checked = row.checkState() == Qt.CheckState.Checked
        if entry.changed and not checked:  # done by the edit itself: the tick stays
            self._filling = True
            row.setCheckState(Qt.CheckState.Checked)
            self._filling = False
            return
        if checked != entry.ticked:
            self.tick_changed.emit(entry.index, checked)
