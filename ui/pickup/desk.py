"""The pickup desk (领取): find a case by scanning the slip's QR code or typing its number, record a
licence's arrival and print the slip, record that the applicant was told, and hand the licence over.

Every step is a PickupService call run through the task runner; the desk shows the result or the
service's Chinese message. `scan_frame` takes a camera frame (numpy BGR) so a FrameSource can feed it;
until then "Scan image…" reads a photo or scan from a file.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.masking import mask_id_number
from counter_app.domain.status import STATUS_LABELS, CaseStatus
from counter_app.services.pickup import (
    ArrivalResult,
    AwaitingPickup,
    HandoverResult,
    PickupService,
)
from counter_app.services.printing import PrintingService
from counter_app.store.repository import CaseRecord, CaseSummary
from ui.i18n import error_text, pick_pair
from ui.pickup.handover_form import HandoverForm
from ui.pickup.lists import PickupLists
from ui.printing.preview import PrintPreviewDialog
from ui.tasks import Runner


class PickupDesk(QWidget):
    """Signals:
        case_changed(object): a case moved on here (arrived, collected); carries the CaseRecord.
        preview_opened(object): a pickup slip preview is showing; carries the dialog.
    """

    case_changed = Signal(object)
    preview_opened = Signal(object)

    def __init__(self, service: PickupService, printing: PrintingService, runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._printing = printing
        self._runner = runner
        self._case: CaseRecord | None = None
        self.preview: PrintPreviewDialog | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("pickupSearch")
        self.search.setPlaceholderText(self.tr("Scan the slip's QR code or type the case number"))
        self.find_button = QPushButton(self.tr("Find"), self)
        self.scan_button = QPushButton(self.tr("Scan image…"), self)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.find_button)
        search_row.addWidget(self.scan_button)

        self.lists = PickupLists(self)
        self.header = QLabel(self.tr("No case selected. Scan a slip or pick a case from the lists."), self)
        self.header.setObjectName("pickupHeader")
        self.header.setWordWrap(True)
        self.business = QLabel(self)
        self.operator = QLabel(self)
        self.agent = QLabel(self)
        self.licence = QLabel(self)
        self.due = QLabel(self)
        details = QFormLayout()
        details.addRow(self.tr("Business"), self.business)
        details.addRow(self.tr("Operator"), self.operator)
        details.addRow(self.tr("Agent"), self.agent)
        details.addRow(self.tr("Licence"), self.licence)
        details.addRow(self.tr("Collect by"), self.due)
        self.message = QLabel(self)
        self.message.setObjectName("pickupMessage")
        self.message.setWordWrap(True)

        self.reprint_button = QPushButton(self.tr("Reprint slip (new code)"), self)
        self.channel = QComboBox(self)
        for key, label in (("phone", self.tr("Phone")), ("sms", self.tr("SMS")),
                           ("in_person", self.tr("In person")), ("letter", self.tr("Letter"))):
            self.channel.addItem(label, key)
        self.contact = QComboBox(self)
        for key, label in (("operator", self.tr("Operator")), ("agent", self.tr("Agent")),
                           ("liaison", self.tr("Liaison"))):
            self.contact.addItem(label, key)
        self.outcome = QComboBox(self)
        for key, label in (("reached", self.tr("Reached")), ("no_answer", self.tr("No answer")),
                           ("message_left", self.tr("Message left"))):
            self.outcome.addItem(label, key)
        self.notify_button = QPushButton(self.tr("Record notification"), self)
        notify_box = QGroupBox(self.tr("Tell the applicant"), self)
        notify_row = QHBoxLayout(notify_box)
        for widget in (self.channel, self.contact, self.outcome, self.notify_button):
            notify_row.addWidget(widget)
        notify_row.addStretch(1)
        notify_row.addWidget(self.reprint_button)

        self.form = HandoverForm(self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.header)
        right_layout.addLayout(details)
        right_layout.addWidget(notify_box)
        right_layout.addWidget(self.form)
        right_layout.addWidget(self.message)
        right_layout.addStretch(1)
        scroller = QScrollArea(self)
        scroller.setWidget(right)
        scroller.setWidgetResizable(True)

        splitter = QSplitter(self)
        splitter.addWidget(self.lists)
        splitter.addWidget(scroller)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addWidget(splitter, 1)

        self.search.returnPressed.connect(self.find_typed)
        self.find_button.clicked.connect(self.find_typed)
        self.scan_button.clicked.connect(self.scan_image_file)
        self.lists.case_chosen.connect(self.open_case_number)
        self.lists.arrival_requested.connect(self.record_arrival)
        self.lists.refresh_requested.connect(self.refresh)
        self.lists.overdue_filter_changed.connect(lambda _on: self.refresh())
        self.reprint_button.clicked.connect(self.reprint_slip)
        self.notify_button.clicked.connect(self.record_notification)
        self.form.hand_over_requested.connect(self.hand_over)
        self._update_actions()

    # --- lists ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        overdue_only = self.lists.overdue_only.isChecked()
        service = self._service
        self._runner.run(lambda: (service.dispatched(), service.awaiting(overdue_only=overdue_only)),
                         self._show_lists, self._failed)

    def _show_lists(self, lists: tuple[list[CaseSummary], list[AwaitingPickup]]) -> None:
        self.lists.set_dispatched(lists[0])
        self.lists.set_awaiting(lists[1])

    # --- finding -------------------------------------------------------------------------------------

    def find_typed(self) -> None:
        self.open_case_number(self.search.text())

    def open_case_number(self, text: str) -> None:
        if not text.strip():
            return
        self._runner.run(lambda: self._service.find_case(text), self._show_case, self._failed)

    def scan_frame(self, frame: np.ndarray) -> None:
        """Find the case whose slip QR code is in `frame` (a camera frame or a scanned image)."""
        service = self._service
        self._runner.run(lambda: service.find_case_in_frame(frame), self._scanned, self._failed)

    def scan_image_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Image of the pickup slip"), "",
                                                    self.tr("Images (*.png *.jpg *.jpeg *.bmp)"))
        if path:
            self.scan_image_path(path)

    def scan_image_path(self, path: str) -> None:
        """Find the case by the QR code in an image file. Read and decoded off the GUI thread through the
        image guard: a bomb, a cut-off or a non-image file ends in its Chinese message, never a crash."""
        service = self._service
        self._runner.run(lambda: service.find_case_in_image_file(path), self._scanned, self._failed)

    def _scanned(self, record: CaseRecord | None) -> None:
        if record is None:
            self._say(self.tr("No QR code could be read. Hold the slip flat and closer, or type the number."),
                      error=True)
            return
        self._show_case(record)

    def _show_case(self, record: CaseRecord) -> None:
        if self._case is None or self._case.case_id != record.case_id:
            self.form.reset()
        self._case = record
        self.search.setText(record.case_number)
        app = record.application
        self.header.setText(self.tr("Case {number} · {status}").format(
            number=record.case_number, status=pick_pair(STATUS_LABELS[record.status])))
        self.business.setText(app.business_name or self.tr("(no business name)"))
        self.operator.setText(f"{app.operator.name}（{mask_id_number(app.operator.id_document.number)}）")
        agent = app.agent
        if agent and agent.name.strip():
            powers = (self.tr("may collect the licence") if agent.powers.collect_licence
                      else self.tr("may NOT collect the licence"))
            self.agent.setText(f"{agent.name}（{mask_id_number(agent.id_document.number)}）{powers}")
        else:
            self.agent.setText(self.tr("none"))
        pickup = self._service.pickup(record.case_id)
        licence = pickup.licence if pickup else {}
        self.licence.setText(" · ".join(str(licence[k]) for k in ("uscc", "authority", "approval_date")
                                        if licence.get(k)))
        due = pickup.pickup_due if pickup else None
        overdue = due is not None and record.status is CaseStatus.ARRIVED and self._service.is_overdue(due)
        self.due.setText((due.isoformat() if due else "") + ("  " + self.tr("[overdue]") if overdue else ""))
        self._say("")
        self._update_actions()

    def _update_actions(self) -> None:
        status = self._case.status if self._case else None
        arrived = status is CaseStatus.ARRIVED
        for widget in (self.reprint_button, self.notify_button, self.form):
            widget.setEnabled(arrived)

    # --- arrival and slip ----------------------------------------------------------------------------

    def record_arrival(self, case_id: str) -> None:
        self._runner.run(lambda: self._service.record_arrival(case_id), self._arrived, self._failed)

    def reprint_slip(self) -> None:
        if self._case is not None:
            case_id = self._case.case_id
            self._runner.run(lambda: self._service.reissue_code(case_id), self._arrived, self._failed)

    def _arrived(self, arrival: ArrivalResult) -> None:
        self._show_case(arrival.record)
        self._say(self.tr("Arrival recorded. Print the pickup slip and give it to the applicant; the old "
                          "code, if any, no longer works."))
        self.case_changed.emit(arrival.record)
        self.refresh()
        if self.preview is not None:
            self.preview.close()
            self.preview.deleteLater()
        self.preview = PrintPreviewDialog(arrival.slip, self._printing, self._runner, self)
        self.preview.open()
        self.preview_opened.emit(self.preview)

    def record_notification(self) -> None:
        if self._case is None:
            return
        case_id = self._case.case_id
        channel, contact, outcome = (str(self.channel.currentData()), str(self.contact.currentData()),
                                     str(self.outcome.currentData()))
        self._runner.run(lambda: self._service.record_notification(
            case_id, channel=channel, contact=contact, outcome=outcome),
            lambda _none: self._say(self.tr("Notification recorded.")), self._failed)

    # --- handover ------------------------------------------------------------------------------------

    def hand_over(self) -> None:
        if self._case is None:
            return
        request = self.form.request(self._case.case_id)
        self.form.submit.setEnabled(False)
        self._runner.run(lambda: self._service.hand_over(request), self._handed_over, self._hand_over_failed)

    def _handed_over(self, result: HandoverResult) -> None:
        self.form.reset()
        self._show_case(result.record)
        self._say(self.tr("Licence handed over at {time}. The pickup code is now invalid.").format(
            time=result.collected_at.astimezone().strftime("%H:%M")))
        self.case_changed.emit(result.record)
        self.refresh()

    def _hand_over_failed(self, exc: BaseException) -> None:
        self.form.submit.setEnabled(True)
        self._failed(exc)

    # --- messages ------------------------------------------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")

    def current_case(self) -> CaseRecord | None:
        return self._case
