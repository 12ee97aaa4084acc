"""The case editor's part for a case the district returned (退回补正): loads the items off the GUI thread,
shows them in the list above the form, under their fields and in their document slots, jumps to them,
ticks them, resubmits the corrected case as version n+1 — and notices when the change feed moves the open
case (returned, approved, refused), so the editor shows it as it now is."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from counter_app.domain.issues import Issue, Severity
from counter_app.domain.status import EDITABLE_STATUSES, CaseStatus
from counter_app.services.corrections import CorrectionEntry, CorrectionService, ReturnedCase, field_label
from counter_app.store.repository import CaseRecord
from ui.i18n import error_text, pick
from ui.intake.corrections_panel import CorrectionsPanel
from ui.tasks import Runner

if TYPE_CHECKING:
    from ui.case_editor import CaseEditor

CORRECTION_CODE = "district.correction"


def correction_issue(entry: CorrectionEntry) -> Issue:
    """A field item as a finding under its field (amber: it does not block editing)."""
    note_zh = f"：{entry.text}" if entry.text else ""
    note_en = f": {entry.text}" if entry.text else ""
    return Issue(entry.path, f"{CORRECTION_CODE}.{entry.phrase}", Severity.WARNING,
                 f"区级退回补正：{entry.phrase_zh or entry.phrase}{note_zh}",
                 f"Returned by the district: {entry.phrase_en or entry.phrase}{note_en}")


class CaseCorrections(QObject):
    """Signals:
        case_changed(object): the change feed or a resubmission changed the open case (its CaseRecord).
    """

    case_changed = Signal(object)

    def __init__(self, editor: CaseEditor, corrections: CorrectionService, runner: Runner,
                 open_case: Callable[[str], CaseRecord]) -> None:
        super().__init__(editor)
        self._editor = editor
        self._corrections = corrections
        self._runner = runner
        self._open_case = open_case
        self._slot_labels: dict[str, tuple[str, str]] = {}
        self._checking = False
        self.confirm_box: QMessageBox | None = None
        self.panel: CorrectionsPanel = editor.corrections_panel
        self.panel.item_activated.connect(self.jump)
        self.panel.tick_changed.connect(self.tick)
        self.panel.resubmit_requested.connect(self.resubmit)

    # --- loading -------------------------------------------------------------------------------------

    def reload(self) -> None:
        record = self._editor.record
        if record is None or record.status is not CaseStatus.RETURNED:
            self.show(None)
            return
        case_id, corrections = record.case_id, self._corrections

        def load() -> tuple[ReturnedCase | None, dict[str, tuple[str, str]]]:
            return corrections.returned(case_id), corrections.slot_labels(case_id)

        def loaded(result: tuple[ReturnedCase | None, dict[str, tuple[str, str]]]) -> None:
            if self._editor.case_id() == case_id:
                self._slot_labels = result[1]
                self.show(result[0])

        self._runner.run(load, loaded, self._failed)

    def show(self, returned: ReturnedCase | None) -> None:
        editor = self._editor
        labels = {item.path: (self._field_label(item.path) if item.target == "field"
                              else pick(*self._slot_labels.get(item.path, (item.path, item.path))))
                  for item in (returned.items if returned else ())}
        self.panel.set_returned(returned, labels)
        editor.print_row.set_returned(returned)
        items = returned.items if returned else ()
        editor.form.set_corrections([correction_issue(i) for i in items
                                     if i.target == "field" and not i.done])
        if editor.materials_panel is not None:
            editor.materials_panel.set_corrections({
                i.path: (pick(i.phrase_zh, i.phrase_en) + (f"：{i.text}" if i.text else ""), i.done)
                for i in items if i.target == "document"})

    def _field_label(self, path: str) -> str:
        """The form's own label; for a path the form has no field for, the built-in words."""
        text = self._editor.form.label_for(path)
        return text if text != path else pick(*field_label(path))

    def check_district(self) -> None:
        """The sync reported progress: if the open case is waiting on the district, see whether the feed
        moved it (a cheap status read; the audited full read only when it did)."""
        record = self._editor.record
        if record is None or record.status in EDITABLE_STATUSES or self._checking:
            return
        self._checking = True
        case_id, corrections, open_case = record.case_id, self._corrections, self._open_case
        known = (record.status, record.version)

        def check() -> CaseRecord | None:
            return open_case(case_id) if corrections.status_of(case_id) != known else None

        def checked(changed: CaseRecord | None) -> None:
            self._checking = False
            if changed is not None and self._editor.case_id() == case_id:
                self.case_changed.emit(changed)

        def failed(_exc: BaseException) -> None:
            self._checking = False

        self._runner.run(check, checked, failed)

    # --- acting --------------------------------------------------------------------------------------

    def jump(self, target: str, path: str) -> None:
        editor = self._editor
        if target == "document" and editor.materials_panel is not None:
            editor.show_tab(editor.materials_panel)
            editor.materials_panel.focus_slot(path)
            return
        editor.show_tab(editor.form)
        editor.form.focus_path(path)

    def tick(self, index: int, done: bool) -> None:
        record = self._editor.record
        if record is None:
            return
        case_id, corrections = record.case_id, self._corrections
        self._runner.run(lambda: corrections.tick(case_id, index, done), self._show_if_current, self._failed)

    def resubmit(self) -> None:
        returned = self.panel.returned()
        if returned is None or self.confirm_box is not None or not self._editor.flush():
            return
        still_open = returned.open_items
        if not still_open:
            self._send(returned.case_id, allow_open=False)
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Resubmit"),
                          self.tr("{count} correction item(s) are not ticked. Resubmit anyway?").format(
                              count=len(still_open)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self._editor.window())
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.confirm_box = box

        def answered(_result: int) -> None:
            self.confirm_box = None
            box.deleteLater()
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                self._send(returned.case_id, allow_open=True)

        box.finished.connect(answered)
        box.open()

    def _send(self, case_id: str, *, allow_open: bool) -> None:
        corrections = self._corrections
        self.panel.resubmit_button.setEnabled(False)

        def sent(record: CaseRecord) -> None:
            self.panel.resubmit_button.setEnabled(True)
            text = self.tr("Case {number} resubmitted as version {version}.")
            self._editor.status_message.emit(text.format(number=record.case_number, version=record.version),
                                             False)
            self.case_changed.emit(record)

        def failed(exc: BaseException) -> None:
            self.panel.resubmit_button.setEnabled(True)
            self._failed(exc)

        self._runner.run(lambda: corrections.resubmit(case_id, allow_open=allow_open), sent, failed)

    def _show_if_current(self, returned: ReturnedCase) -> None:
        if self._editor.case_id() == returned.case_id:
            self.show(returned)

    def _failed(self, exc: BaseException) -> None:
        self._editor.status_message.emit(error_text(exc), True)
