"""The case editor's 受理… and 提交区级 buttons, enabled by the open case's status, and the case's upload
state once it has been submitted.

Accepting opens AcceptanceDialog; when the case is accepted the stored case is re-read, the editor told,
and AcceptedDialog offers the receipt (and the 容缺 notice). Submitting calls SubmissionService on the
runner; the status line says what happened, in the clerk's words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.domain.status import STATUS_LABELS, CaseStatus
from counter_app.services.acceptance import AcceptanceService
from counter_app.services.cases import CaseService
from counter_app.services.printing import PrintingService
from counter_app.services.submission import SubmissionService
from counter_app.store.acceptance import AcceptanceRecord
from counter_app.store.repository import CaseRecord
from counter_app.sync.status import SUBMITTED_STATE
from ui.acceptance.dialog import AcceptanceDialog
from ui.acceptance.offer import AcceptedDialog
from ui.i18n import error_text, pick_pair
from ui.sync.case_states import CaseSyncStates, detail, label
from ui.tasks import Runner

SUBMITTABLE = frozenset({CaseStatus.ACCEPTED, CaseStatus.ACCEPTED_WITH_DEFERRALS})
ACCEPT_KEY = "F11"
SUBMIT_KEY = "F12"


class CaseActions(QWidget):
    """Hidden until `attach` gives it the services.

    Signals:
        case_changed(object): the case was accepted or submitted; carries the CaseRecord as now stored.
        status_message(str, bool): text for the status line, and whether it reports a failure.
        dialog_opened(object): the acceptance dialog or the offer to print is showing; carries it.
    """

    case_changed = Signal(object)
    status_message = Signal(str, bool)
    dialog_opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._record: CaseRecord | None = None
        self._acceptance: AcceptanceService | None = None
        self._submissions: SubmissionService | None = None
        self._cases: CaseService | None = None
        self._printing: PrintingService | None = None
        self._runner: Runner | None = None
        self._prepare: Callable[[], CaseRecord | None] = lambda: self._record
        self._sync_states: CaseSyncStates | None = None
        self._submitting = False
        self._rereading = False
        self.dialog: AcceptanceDialog | None = None
        self.offer: AcceptedDialog | None = None

        self.accept_button = QPushButton(self.tr("Accept… (F11)"), self)
        self.accept_button.setObjectName("acceptCaseButton")
        self.accept_button.setShortcut(QKeySequence(ACCEPT_KEY))
        self.accept_button.setToolTip(self.tr("受理: accept the pre-reviewed case, under 容缺 if the "
                                              "applicant chooses it"))
        self.submit_button = QPushButton(self.tr("Submit to district (F12)"), self)
        self.submit_button.setObjectName("submitCaseButton")
        self.submit_button.setShortcut(QKeySequence(SUBMIT_KEY))
        self.submit_button.setToolTip(self.tr("提交: put the accepted case in the outbox; it is sent to the "
                                              "district whenever the link allows"))
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("caseSyncState")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sync_label)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.submit_button)
        self.accept_button.clicked.connect(self.open_acceptance)
        self.submit_button.clicked.connect(self.submit)
        self.hide()

    def attach(self, acceptance: AcceptanceService, submissions: SubmissionService, cases: CaseService,
               printing: PrintingService, runner: Runner, *,
               prepare: Callable[[], CaseRecord | None] | None = None,
               sync_states: CaseSyncStates | None = None) -> None:
        """`prepare` stores pending edits and returns the open case as stored (None: it could not be
        stored, and the editor has said why)."""
        self._acceptance, self._submissions, self._cases = acceptance, submissions, cases
        self._printing, self._runner = printing, runner
        if prepare is not None:
            self._prepare = prepare
        self._sync_states = sync_states
        if sync_states is not None:
            sync_states.states_changed.connect(self._show_sync_state)
        self.show()
        self.set_record(self._record)

    def set_record(self, record: CaseRecord | None) -> None:
        self._record = record
        status = record.status if record else None
        self.accept_button.setEnabled(status is CaseStatus.PRE_REVIEWED)
        self.submit_button.setEnabled(status in SUBMITTABLE and not self._submitting)
        self._show_sync_state()

    # --- 受理 ----------------------------------------------------------------------------------------

    def open_acceptance(self) -> None:
        acceptance, runner = self._acceptance, self._runner
        if acceptance is None or runner is None or self._record is None:
            return
        record = self._prepare()
        if record is None:
            return
        if record.status is not CaseStatus.PRE_REVIEWED:
            self.set_record(record)
            text = self.tr("Only a pre-reviewed case can be accepted; this one is {status}. Run the "
                           "pre-review (F9) first.")
            self.status_message.emit(text.format(status=pick_pair(STATUS_LABELS[record.status])), True)
            return
        dialog = AcceptanceDialog(acceptance, runner, record.case_id, record.case_number, self)
        dialog.finished.connect(lambda _result, d=dialog: self._acceptance_closed(d))
        self.dialog = dialog
        dialog.open()
        dialog.activateWindow()  # keys (Alt+A, Esc) go to the dialog at once, whatever the platform
        self.dialog_opened.emit(dialog)

    def _acceptance_closed(self, dialog: AcceptanceDialog) -> None:
        accepted = dialog.record
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        if accepted is not None:
            self._reload_after_acceptance(accepted)

    def _reload_after_acceptance(self, accepted: AcceptanceRecord) -> None:
        cases, runner = self._cases, self._runner
        if cases is None or runner is None:
            return
        case_id = accepted.case_id
        runner.run(lambda: cases.open_case(case_id), lambda record: self._accepted(record, accepted),
                   lambda exc: self.status_message.emit(error_text(exc), True))

    def _accepted(self, record: CaseRecord, accepted: AcceptanceRecord) -> None:
        self.set_record(record)
        self.case_changed.emit(record)
        text = self.tr("Case {number} is now {status}; committed decision date {date}")
        self.status_message.emit(text.format(number=record.case_number,
                                             status=pick_pair(STATUS_LABELS[record.status]),
                                             date=accepted.committed_due.isoformat()), False)
        self._offer_printing(record.case_number, accepted)

    def _offer_printing(self, case_number: str, accepted: AcceptanceRecord) -> None:
        printing, runner = self._printing, self._runner
        if printing is None or runner is None:
            return
        if self.offer is not None:
            self.offer.close()
        offer = AcceptedDialog(printing, runner, case_number, accepted, self)
        offer.failed.connect(lambda text: self.status_message.emit(text, True))
        offer.finished.connect(lambda _result, o=offer: self._offer_closed(o))
        self.offer = offer
        offer.open()
        offer.activateWindow()
        self.dialog_opened.emit(offer)

    def _offer_closed(self, offer: AcceptedDialog) -> None:
        if self.offer is offer:
            self.offer = None
        offer.deleteLater()

    # --- 提交 ----------------------------------------------------------------------------------------

    def submit(self) -> None:
        submissions, runner = self._submissions, self._runner
        if submissions is None or runner is None or self._record is None or self._submitting:
            return
        record = self._prepare()
        if record is None:
            return
        if record.status not in SUBMITTABLE:
            self.set_record(record)
            self.status_message.emit(self.tr("Only an accepted case can be submitted; this one is "
                                             "{status}.").format(status=pick_pair(STATUS_LABELS[record.status])),
                                     True)
            return
        case_id = record.case_id
        self._submitting = True
        self.submit_button.setEnabled(False)
        text = self.tr("Submitting case {number}…")
        self.status_message.emit(text.format(number=record.case_number), False)
        runner.run(lambda: submissions.submit(case_id), self._submitted, self._submit_failed)

    def _submitted(self, record: CaseRecord) -> None:
        self._submitting = False
        if self._record is not None and self._record.case_id == record.case_id:
            self.set_record(record)
        self.case_changed.emit(record)
        self.status_message.emit(self.tr("Case {number} submitted to the district: {status}. It is sent "
                                         "whenever the link allows.").format(
            number=record.case_number, status=pick_pair(STATUS_LABELS[record.status])), False)
        if self._sync_states is not None:
            self._sync_states.reload()

    def _submit_failed(self, exc: BaseException) -> None:
        self._submitting = False
        self.set_record(self._record)
        self.status_message.emit(self.tr("Not submitted: {message}").format(message=error_text(exc)), True)

    # --- upload state --------------------------------------------------------------------------------

    def _show_sync_state(self) -> None:
        states, record = self._sync_states, self._record
        state = states.state(record.case_id) if states is not None and record is not None else None
        if state is None:
            self.sync_label.clear()
            self.sync_label.setToolTip("")
            self.sync_label.hide()
            return
        self.sync_label.setText(self.tr("Upload: {state}").format(state=label(state)))
        self.sync_label.setToolTip(detail(state))
        self.sync_label.show()
        if state.state == SUBMITTED_STATE and record is not None and record.status is CaseStatus.QUEUED:
            self._reread(record.case_id)

    def _reread(self, case_id: str) -> None:
        """The district has the case: read its new status once, so the header stops saying 待上传."""
        cases, runner = self._cases, self._runner
        if cases is None or runner is None or self._rereading:
            return
        self._rereading = True

        def done(record: CaseRecord) -> None:
            self._rereading = False
            if self._record is not None and record.case_id == self._record.case_id \
                    and record.status is not self._record.status:
                self.set_record(record)
                self.case_changed.emit(record)

        def failed(_exc: BaseException) -> None:
            self._rereading = False  # the header keeps the last status; the upload state is still shown

        runner.run(lambda: cases.open_case(case_id), done, failed)
