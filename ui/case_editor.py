"""The right-hand side of the main window: the open case's header, intake form and pre-review summary.

It owns the editing cycle: live validation on every edit (debounced), draft auto-save, 初审.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from counter_app.config import Settings
from counter_app.domain.issues import Issue
from counter_app.domain.status import EDITABLE_STATUSES, STATUS_LABELS, CaseStatus
from counter_app.services.acceptance import AcceptanceService
from counter_app.services.cases import CaseService, PreReviewResult
from counter_app.services.corrections import CorrectionService
from counter_app.services.deferred_supply import DeferredSupplyService
from counter_app.services.materials import MaterialService
from counter_app.services.printing import PrintingService
from counter_app.services.submission import SubmissionService
from counter_app.store.repository import CaseRecord
from ui.acceptance.actions import CaseActions
from ui.autosave import DraftSaver
from ui.capture.materials_panel import MaterialsPanel
from ui.case_corrections import CaseCorrections
from ui.i18n import error_text, pick_pair
from ui.intake.corrections_panel import CorrectionsPanel
from ui.intake.form import IntakeForm
from ui.printing.buttons import PrintButtonRow
from ui.review_panel import IssueSummaryPanel
from ui.sync.case_states import CaseSyncStates
from ui.tasks import Runner

if TYPE_CHECKING:
    from ui.capture.materials_panel import MaterialsPanel

VALIDATE_DELAY_MS = 150
MATERIALS_PREFIX = "materials."  # paths of the checklist's findings (ChecklistStatus.issues)


class CaseEditor(QWidget):
    """Signals:
        case_stored(object): the open case was saved or changed status; carries the CaseRecord.
        status_message(str, bool): text for the status line, and whether it reports a failure.
    """

    case_stored = Signal(object)
    status_message = Signal(str, bool)

    def __init__(self, service: CaseService, runner: Runner, townships: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._record: CaseRecord | None = None
        self._issues: list[Issue] = []
        # Missing materials found by the last 初审; kept beside the live findings until the checklist moves.
        self._material_issues: list[Issue] = []
        self._materials: MaterialService | None = None
        self.materials_panel: MaterialsPanel | None = None  # the 材料 tab, once enable_materials is called
        self.content_tabs: QTabWidget | None = None
        self.corrections: CaseCorrections | None = None  # a returned case's items, once enabled

        self.header = QLabel(self)
        self.header.setObjectName("caseHeader")
        self.read_only_label = QLabel(self)
        self.read_only_label.setObjectName("readOnlyLabel")
        self.read_only_label.hide()
        self.form = IntakeForm(service.catalogue, townships, self)
        self.summary = IssueSummaryPanel(self)
        self.placeholder = QLabel(self.tr("Create a new case or open one from the list."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        editor_page = QWidget(self)
        page = QVBoxLayout(editor_page)
        page.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.header, 1)
        heading.addWidget(self.read_only_label)
        page.addLayout(heading)
        self.print_row = PrintButtonRow(editor_page)  # shown once enable_printing is called
        self.print_row.failed.connect(lambda text: self.status_message.emit(text, True))
        self.case_actions = CaseActions(editor_page)  # 受理… / 提交区级, once enable_acceptance is called
        self.case_actions.status_message.connect(self.status_message)
        self.case_actions.case_changed.connect(self._case_changed)
        actions_row = QHBoxLayout()
        actions_row.addWidget(self.print_row, 1)
        actions_row.addWidget(self.case_actions)
        page.addLayout(actions_row)
        self.corrections_panel = CorrectionsPanel(editor_page)  # shown for a returned case
        page.addWidget(self.corrections_panel)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, editor_page)
        self.splitter.addWidget(self.form)
        self.splitter.addWidget(self.summary)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 300])
        self.summary.setMinimumWidth(240)
        self.splitter.setChildrenCollapsible(False)
        page.addWidget(self.splitter, 1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(editor_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.saver = DraftSaver(service, runner, self.form.application, self)
        self.saver.saved.connect(self._saved)
        self.saver.save_failed.connect(self._save_failed)
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_now)
        self.form.edited.connect(self._edited)
        self.summary.issue_activated.connect(self._issue_activated)
        self.summary.pre_review_requested.connect(self.pre_review)

    # --- opening -------------------------------------------------------------------------------------

    @property
    def record(self) -> CaseRecord | None:
        return self._record

    def case_id(self) -> str | None:
        return self._record.case_id if self._record else None

    def open_record(self, record: CaseRecord) -> None:
        """Show a case. The caller has flushed the previous one."""
        self._validate_timer.stop()
        self._record = record
        self._material_issues = []
        editable = record.status in EDITABLE_STATUSES
        self.form.load(record.application, read_only=not editable)
        self.saver.start(record)
        self.summary.set_outcome(None)
        self.summary.pre_review_button.setEnabled(editable)
        self._update_header()
        self.pages.setCurrentIndex(1)
        self.validate_now()
        self._reload_corrections()

    def enable_printing(self, printing: PrintingService) -> None:
        """Show the print row (receipt, 容缺 notice, list of corrections) for the open case."""
        self.print_row.attach(printing, self._runner, self.issues, self.label_for)
        self.print_row.set_record(self._record)

    def enable_materials(self, materials: MaterialService, settings: Settings) -> None:
        """Put the form in a tab beside 材料: the case's checklist and the capture dialogs."""
        self._materials = materials
        self.materials_panel = MaterialsPanel(materials, self._runner, settings, self)
        self.materials_panel.status_message.connect(self.status_message)
        self.content_tabs = QTabWidget(self)
        self.splitter.replaceWidget(self.splitter.indexOf(self.form), self.content_tabs)
        self.content_tabs.addTab(self.form, self.tr("Application form"))
        self.content_tabs.addTab(self.materials_panel, self.tr("Materials"))
        self.materials_panel.materials_changed.connect(self._reload_corrections)
        self.materials_panel.materials_changed.connect(self._recheck_materials)
        if self._record is not None:
            self.materials_panel.set_case(self._record.case_id, self._record.status)

    def enable_acceptance(self, acceptance: AcceptanceService, submissions: SubmissionService,
                          printing: PrintingService, sync_states: CaseSyncStates | None = None) -> None:
        """Show 受理… and 提交区级 for the open case (pending edits are stored before either acts)."""
        self.case_actions.attach(acceptance, submissions, self._service, printing, self._runner,
                                 prepare=lambda: self._record if self.flush() else None,
                                 sync_states=sync_states)
        self.case_actions.set_record(self._record)

    def enable_corrections(self, corrections: CorrectionService, sync_states: CaseSyncStates | None = None,
                           deferred: DeferredSupplyService | None = None) -> None:
        """A case the district returned shows its items (list, under fields, in slots) and resubmits as
        the next version; the 补正通知 and 不予登记通知 print from the district's decision; 容缺 items
        captured after submission are sent from the materials tab (`deferred`)."""
        if deferred is not None and self.materials_panel is not None:
            self.materials_panel.enable_supply(deferred)
        self.corrections = CaseCorrections(self, corrections, self._runner, self._service.open_case)
        self.corrections.case_changed.connect(self._case_changed)
        self.print_row.enable_decisions(corrections)
        if sync_states is not None:
            sync_states.states_changed.connect(self.corrections.check_district)
        self._reload_corrections()

    def district_may_have_changed(self, _revision: int = 0) -> None:
        """The sync made progress (connect the sync indicator's status_changed): the change feed may have
        moved the open case."""
        if self.corrections is not None:
            self.corrections.check_district()

    def show_tab(self, widget: QWidget) -> None:
        if self.content_tabs is not None and self.content_tabs.indexOf(widget) >= 0:
            self.content_tabs.setCurrentWidget(widget)

    def _reload_corrections(self) -> None:
        if self.corrections is not None:
            self.corrections.reload()

    def _case_changed(self, record: CaseRecord) -> None:
        """Accepted, submitted or received by the district: show the case as stored now."""
        current = self._record
        if current is not None and record.case_id == current.case_id:
            if (record.status in EDITABLE_STATUSES) != (current.status in EDITABLE_STATUSES):
                self.open_record(record)  # accepted: read-only; returned by the district: editable again
            else:
                self._record = record
                self.saver.update_record(record)
                self._update_header()
                self._reload_corrections()
        self.case_stored.emit(record)

    def close_case(self) -> None:
        self._record = None
        self.saver.stop()
        if self.materials_panel is not None:
            self.materials_panel.set_case(None, None)
        self.pages.setCurrentIndex(0)

    def _update_header(self) -> None:
        record = self._record
        if record is None:
            return
        self.header.setText(self.tr("Case {number} · {status}").format(
            number=record.case_number, status=pick_pair(STATUS_LABELS[record.status])))
        editable = record.status in EDITABLE_STATUSES
        self.print_row.set_record(record)
        self.case_actions.set_record(record)
        self.read_only_label.setText(self.tr("This case can no longer be changed; it is shown read-only."))
        self.read_only_label.setVisible(not editable)
        if self.materials_panel is not None:
            self.materials_panel.set_case(record.case_id, record.status)

    # --- editing cycle -------------------------------------------------------------------------------

    def _edited(self, _path: str) -> None:
        if self._record is None or self.form.is_read_only():
            return
        self.summary.set_outcome(None)
        self._validate_timer.start()
        self.saver.schedule()
        self.status_message.emit(self.tr("Unsaved changes…"), False)

    def validate_now(self) -> None:
        self._validate_timer.stop()
        if self._record is None:
            return
        self._issues = self.form.in_form_order(self._service.validate(self.form.application()))
        self.form.show_issues(self._issues)
        self._show_summary()

    def issues(self) -> list[Issue]:
        """The one list: the application's findings, then the materials 初审 found missing."""
        return sorted([*self._issues, *self._material_issues], key=lambda i: not i.is_error)  # stable

    def label_for(self, path: str) -> str:
        if path.startswith(MATERIALS_PREFIX):
            return self.tr("Materials")  # the finding's own text names the material
        return self.form.label_for(path)

    def _show_summary(self) -> None:
        self.summary.set_issues(self.issues(), self.label_for)

    def _issue_activated(self, path: str) -> None:
        """A click in the list: to the field, or for a material to its slot on the 材料 tab."""
        panel = self.materials_panel
        if not path.startswith(MATERIALS_PREFIX):
            self.form.focus_path(path)
            return
        if panel is None:
            return
        self.show_tab(panel)
        key = path.removeprefix(MATERIALS_PREFIX)
        # A "one of" group (premises proof) has no row of its own: its first slot stands for it.
        if not panel.focus_slot(key):
            any(panel.focus_slot(k) for k, row in panel.rows.items() if row.slot.group == key)

    def _recheck_materials(self) -> None:
        """A page was captured or removed: refresh the materials 初审 listed (only once it listed them)."""
        materials, record = self._materials, self._record
        if materials is None or record is None or not self._material_issues:
            return
        case_id = record.case_id

        def rechecked(found: list[Issue]) -> None:
            if self._record is not None and self._record.case_id == case_id:
                self._material_issues = found
                self._show_summary()

        self._runner.run(lambda: materials.checklist_status(case_id).issues(), rechecked,
                         lambda _exc: None)  # the next 初审 or 受理 checks again anyway

    def flush(self) -> bool:
        """Validate and store whatever is pending now (case switch, window close, Ctrl+S)."""
        if self._validate_timer.isActive():
            self.validate_now()
        return self.saver.flush()

    def save_now(self) -> bool:
        if self._record is None or self.form.is_read_only():
            return True
        self.saver.schedule()
        return self.flush()

    def _saved(self, record: CaseRecord) -> None:
        if self._record is not None and record.case_id == self._record.case_id:
            self._record = record
            self._update_header()
            self._reload_corrections()  # an edit may have dealt with an item
        self.status_message.emit(self.tr("Saved automatically at {time}").format(
            time=datetime.now().strftime("%H:%M:%S")), False)
        self.case_stored.emit(record)

    def _save_failed(self, exc: BaseException) -> None:
        self.status_message.emit(self.tr("Not saved: {message}").format(message=error_text(exc)), True)

    # --- 初审 ----------------------------------------------------------------------------------------

    def pre_review(self) -> None:
        record = self._record
        if record is None or record.status not in EDITABLE_STATUSES:
            return
        if not self.flush():
            return
        if record.status is CaseStatus.RETURNED and self.corrections is not None:
            self._check_correction()  # stays "returned": it goes back as version n+1, not accepted again
            return
        case_id = record.case_id
        self.summary.pre_review_button.setEnabled(False)
        self._runner.run(lambda: self._service.pre_review(case_id), self._pre_reviewed,
                         self._pre_review_failed)

    def _pre_reviewed(self, result: PreReviewResult) -> None:
        self.summary.pre_review_button.setEnabled(True)
        if self._record is None or result.record.case_id != self._record.case_id:
            return
        self._record = result.record
        self.saver.update_record(result.record)
        self._issues = self.form.in_form_order(result.issues)
        self._material_issues = list(result.materials)
        self.form.show_issues(self._issues)
        self.form.reveal_all()
        self._show_summary()
        self.summary.set_outcome(result.passed, len(result.errors), len(result.missing_materials))
        self._update_header()
        self.case_stored.emit(result.record)
        if result.passed and result.missing_materials:
            self.status_message.emit(self.tr(
                "Pre-review passed; {count} required materials must still be captured before acceptance"
            ).format(count=len(result.missing_materials)), True)
        elif result.passed:
            self.status_message.emit(self.tr("Pre-review passed"), False)
        else:
            self.status_message.emit(self.tr("Pre-review found {count} items to fix").format(
                count=len(result.errors)), True)
            self.form.focus_path(self._issues[0].path)

    def _check_correction(self) -> None:
        self.validate_now()
        self.form.reveal_all()
        errors = [i for i in self._issues if i.is_error]
        self.summary.set_outcome(not errors, len(errors))
        if errors:
            self.status_message.emit(self.tr("Pre-review found {count} items to fix").format(
                count=len(errors)), True)
            self.form.focus_path(errors[0].path)
        else:
            self.status_message.emit(self.tr("Checked: the corrected case can be resubmitted."), False)

    def _pre_review_failed(self, exc: BaseException) -> None:
        self.summary.pre_review_button.setEnabled(True)
        self.status_message.emit(
            self.tr("Pre-review failed: {message}").format(message=error_text(exc)), True)
