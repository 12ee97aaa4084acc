"""The materials of the open case: its checklist (domain.md §4) with what is captured and what is missing,
thumbnails of the captured pages, and the buttons that open the portrait and document capture dialogs.
Read-only when the case can no longer change; after 容缺受理 missing items can still be added.

Loading (checklist, pages, thumbnails) runs on the task runner. Thumbnails are cached by material id, so
refreshing after a capture decrypts (and audits the viewing of) only the new ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app.capture.sources import FrameSource
from counter_app.config import Settings
from counter_app.domain.materials import PREMISES_GROUP, ChecklistStatus, MaterialKind, MaterialSlot
from counter_app.domain.status import EDITABLE_STATUSES, CaseStatus
from counter_app.services.deferred_supply import DeferredSupplyService
from counter_app.services.materials import CAPTURE_STATUSES, LATE_SUPPLY_STATUSES, MaterialService
from counter_app.store.materials import MaterialRecord
from ui.capture.document_dialog import DocumentCaptureDialog
from ui.capture.portrait_dialog import PortraitCaptureDialog
from ui.capture.qt_images import pixmap_from_bytes
from ui.capture.slot_row import SlotRow
from ui.capture.sources import document_source_factory, portrait_source_factory
from ui.i18n import error_text, pick
from ui.tasks import Runner


@dataclass(frozen=True)
class _Loaded:
    case_id: str
    slots: list[MaterialSlot]
    status: ChecklistStatus
    records: list[MaterialRecord]
    thumbs: dict[str, bytes]  # material id -> thumbnail bytes, for ids not cached yet
    late: frozenset[str] = frozenset()  # 容缺 slots still open to capture while the district has the case
    supplies: dict[str, str] | None = None  # slot -> state of its supply to the district (when enabled)


def slot_states(status: ChecklistStatus) -> dict[str, str]:
    """slot key -> "captured" / "missing" / "one_of" / "deferrable" / "optional" for the row colours."""
    missing = {key for item in status.missing_required for key in item.slot_keys}
    # A "one of" group none of whose alternatives was started: each of its slots would do.
    one_of = {key for item in (*status.missing_required, *status.missing_deferrable)
              if len(item.slot_keys) > 1 for key in item.slot_keys}
    deferrable = {key for item in status.missing_deferrable for key in item.slot_keys}
    states: dict[str, str] = {}
    for slot in status.slots:
        if status.pages.get(slot.key, 0) > 0:
            states[slot.key] = "captured"
        elif slot.key in one_of:
            states[slot.key] = "one_of" if slot.key in missing else "deferrable"
        elif slot.key in missing:
            states[slot.key] = "missing"
        elif slot.key in deferrable:
            states[slot.key] = "deferrable"
        else:
            states[slot.key] = "optional"
    return states


class MaterialsPanel(QWidget):
    """Signals:
        materials_changed(): a page was stored or deleted.
        status_message(str, bool): text for the status line, and whether it reports a failure.
    """

    materials_changed = Signal()
    status_message = Signal(str, bool)

    def __init__(self, materials: MaterialService, runner: Runner, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._materials = materials
        self._runner = runner
        self._settings = settings
        self._case_id: str | None = None
        self._status: CaseStatus | None = None
        self._thumbs: dict[str, QPixmap] = {}
        self._stale = True
        self._loading = False
        self.rows: dict[str, SlotRow] = {}
        self._corrections: dict[str, tuple[str, bool]] = {}  # slot key -> (the district's item, done)
        self._deferred: DeferredSupplyService | None = None
        self._late: frozenset[str] = frozenset()
        self.dialog: QDialog | None = None
        self.confirm_box: QMessageBox | None = None
        # Where pictures come from; tests and the camera settings replace these.
        self.portrait_source: Callable[[], Callable[[], FrameSource]] = \
            lambda: portrait_source_factory(self._settings)
        self.document_source: Callable[[MaterialSlot], Callable[[], FrameSource]] = \
            lambda slot: document_source_factory(self._settings, slot)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.read_only_note = QLabel(self)
        self.read_only_note.setStyleSheet("color: #8a5a00;")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.hide()
        self.refresh_button = QPushButton(self.tr("Reload"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self._rows_widget = QWidget(self)
        self._rows_layout = QVBoxLayout(self._rows_widget)
        self._rows_layout.setSpacing(4)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea(self)
        self.rows_area = scroll
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._rows_widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.read_only_note)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignRight)

    # --- case -----------------------------------------------------------------------------------------

    def set_case(self, case_id: str | None, status: CaseStatus | None) -> None:
        """Show this case's materials (loaded now if visible, else when first shown)."""
        changed = case_id != self._case_id or status != self._status
        if case_id != self._case_id:
            self._thumbs.clear()
        self._case_id, self._status = case_id, status
        # Stale even when unchanged: edits to the form (a family member, a licensed item) change the
        # checklist. Reloaded when next shown; thumbnails are cached, so that stays cheap.
        self._stale = True
        if changed and self.isVisible():
            self.refresh()

    def enable_supply(self, deferred: DeferredSupplyService) -> None:
        """容缺 items captured after submission get a button that sends them to the district."""
        self._deferred = deferred
        self._stale = True

    def supply(self, slot: MaterialSlot) -> None:
        case_id, deferred = self._case_id, self._deferred
        if case_id is None or deferred is None:
            return

        def sent(_ids: list[int]) -> None:
            self.status_message.emit(self.tr("“{material}” is queued for the district.").format(
                material=pick(slot.label_zh, slot.label_en)), False)
            self.refresh()

        self._runner.run(lambda: deferred.supply(case_id, slot.key), sent,
                         lambda exc: self.status_message.emit(error_text(exc), True))

    def set_corrections(self, corrections: dict[str, tuple[str, bool]]) -> None:
        """The district's correction items by slot key: (text, done). Shown in the slots' rows."""
        self._corrections = dict(corrections)
        for key, row in self.rows.items():
            text, done = self._corrections.get(key, ("", False))
            row.set_correction(text or None, done)

    def focus_slot(self, key: str) -> bool:
        """Scroll to a slot's row and put the focus on its first enabled button; False if not shown."""
        row = self.rows.get(key)
        if row is None:
            return False
        self.rows_area.ensureWidgetVisible(row, 20, 40)
        button = next((b for b in (row.retake_button, row.capture_button)
                       if b.isVisibleTo(row) and b.isEnabled()), None)
        (button or row).setFocus()
        return True

    def can_add(self) -> bool:
        return self._status in CAPTURE_STATUSES

    def can_change(self) -> bool:
        return self._status in EDITABLE_STATUSES

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        case_id = self._case_id
        if case_id is None or self._loading:
            self._stale = case_id is not None
            return
        self._stale = False
        self._loading = True
        materials, known, deferred = self._materials, set(self._thumbs), self._deferred
        late_status = self._status in LATE_SUPPLY_STATUSES

        def load() -> _Loaded:
            slots = materials.checklist(case_id)
            records = materials.list_materials(case_id)
            status = materials.checklist_status(case_id)
            thumbs = {r.material_id: materials.open_image(r.material_id, "thumb")
                      for r in records if r.material_id not in known}
            late = frozenset(materials.late_slots(case_id)) if late_status else frozenset()
            supplies = ({s.slot: s.state for s in deferred.supplies(case_id)}
                        if deferred is not None and late else None)
            return _Loaded(case_id, slots, status, records, thumbs, late, supplies)

        self._runner.run(load, self._populate, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.summary.setText(error_text(exc))
        self.status_message.emit(error_text(exc), True)

    def _populate(self, loaded: _Loaded) -> None:
        self._loading = False
        if loaded.case_id != self._case_id:
            self.refresh()  # the case changed while loading
            return
        for material_id, data in loaded.thumbs.items():
            self._thumbs[material_id] = pixmap_from_bytes(data)
        self._clear_rows()
        states = slot_states(loaded.status)
        by_slot: dict[str, list[MaterialRecord]] = {}
        for record in loaded.records:
            by_slot.setdefault(record.slot, []).append(record)
        group_shown = False
        position = 0
        for slot in loaded.slots:
            if slot.group == PREMISES_GROUP and not group_shown:
                heading = QLabel(self.tr("Premises proof — one of the following:"), self._rows_widget)
                heading.setStyleSheet("font-weight: bold; margin-top: 6px;")
                self._rows_layout.insertWidget(position, heading)
                position += 1
                group_shown = True
            late = slot.key in loaded.late
            row = SlotRow(slot, sorted(by_slot.get(slot.key, []), key=lambda r: r.page), states[slot.key],
                          self._thumbs, can_add=self.can_add() or late, can_change=self.can_change(),
                          parent=self._rows_widget)
            row.capture_requested.connect(self.capture)
            row.delete_requested.connect(self.delete_page)
            if late and loaded.supplies is not None and row.pages:
                row.set_supply(loaded.supplies.get(slot.key, "ready"))
                row.supply_requested.connect(self.supply)
            text, done = self._corrections.get(slot.key, ("", False))
            row.set_correction(text or None, done)
            self._rows_layout.insertWidget(position, row)
            position += 1
            self.rows[slot.key] = row
        self._show_summary(loaded.status)
        self._late = loaded.late
        self.read_only_note.setVisible(not self.can_change())
        if loaded.late:
            note = self.tr("The district has this case: its deferred items can still be captured and sent.")
        elif self.can_add():
            note = self.tr("Only missing materials can be added to this case now.")
        else:
            note = self.tr("This case can no longer be changed; its materials are shown read-only.")
        self.read_only_note.setText(note)
        if self._stale:
            self.refresh()

    def _clear_rows(self) -> None:
        self.rows.clear()
        while self._rows_layout.count() > 1:  # keep the trailing stretch
            item = self._rows_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _show_summary(self, status: ChecklistStatus) -> None:
        # Counts only: the rows below are marked, and the names of ten missing items would fill the panel.
        if not status.missing_required:
            text = self.tr("Required materials: complete.")
        else:
            text = self.tr("Required materials: {count} missing (marked red below).").format(
                count=len(status.missing_required))
        if status.missing_deferrable:
            text += " " + self.tr("Deferrable, may be supplied later: {count}.").format(
                count=len(status.missing_deferrable))
        self.summary.setText(text)
        self.summary.setToolTip("\n".join(pick(m.label_zh, m.label_en)
                                          for m in (*status.missing_required, *status.missing_deferrable)))
        self.summary.setStyleSheet("font-weight: bold; color: %s;"
                                   % ("#1b5e20" if not status.missing_required else "#b71c1c"))

    # --- actions --------------------------------------------------------------------------------------

    def capture(self, slot: MaterialSlot, page: int | None) -> None:
        """Open the capture dialog for a slot: page None adds a page, n retakes page n."""
        case_id = self._case_id
        if case_id is None or self.dialog is not None or not (self.can_add() or slot.key in self._late):
            return
        dialog: QDialog
        if slot.kind is MaterialKind.PORTRAIT:
            portrait = PortraitCaptureDialog(self._materials, case_id, self.portrait_source(), self._runner,
                                             parent=self.window())
            portrait.stored.connect(self._stored)
            dialog = portrait
        else:
            row = self.rows.get(slot.key)
            document = DocumentCaptureDialog(self._materials, case_id, slot, self._runner, page=page,
                                             pages_captured=len(row.pages) if row else 0,
                                             camera_factory=self.document_source(slot),
                                             parent=self.window())
            document.stored.connect(self._stored)
            dialog = document
        self.dialog = dialog
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _stored(self, record: MaterialRecord) -> None:
        self.status_message.emit(self.tr("Material saved: page {number}").format(number=record.page + 1),
                                 False)
        self.materials_changed.emit()
        self.refresh()

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def delete_page(self, slot: MaterialSlot, page: int) -> None:
        case_id = self._case_id
        if case_id is None or not self.can_change() or self.confirm_box is not None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete page"),
                          self.tr("Delete page {number} of “{material}”? This cannot be undone.").format(
                              number=page + 1, material=pick(slot.label_zh, slot.label_en)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window())
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.confirm_box = box

        def answered(_result: int) -> None:
            self.confirm_box = None
            box.deleteLater()
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                self._delete(case_id, slot.key, page)

        box.finished.connect(answered)
        box.open()

    def _delete(self, case_id: str, slot_key: str, page: int) -> None:
        materials = self._materials

        def deleted(_result: None) -> None:
            self.status_message.emit(self.tr("Page deleted."), False)
            self.materials_changed.emit()
            self.refresh()

        self._runner.run(lambda: materials.delete_page(case_id, slot_key, page), deleted,
                         lambda exc: self.status_message.emit(error_text(exc), True))
