"""The case editor's print row: acceptance receipt, 容缺 notice, and the one list of corrections from
the pre-review (一次性告知). Buttons follow the case's status; each opens the preview."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.domain.issues import Issue
from counter_app.domain.status import CaseStatus
from counter_app.printing.data import CorrectionItem
from counter_app.services.printing import PrintingService, RenderedDocument
from counter_app.store.repository import CaseRecord
from ui.printing.launcher import DocumentLauncher
from ui.tasks import Runner

_NOT_ACCEPTED = frozenset({CaseStatus.DRAFT, CaseStatus.PRE_REVIEWED, CaseStatus.WITHDRAWN})


class PrintButtonRow(QWidget):
    """Hidden until `attach` gives it the printing service.

    Signals:
        failed(str): a document could not be made; the message for the status line.
        preview_opened(object): a preview dialog is showing; carries it.
    """

    failed = Signal(str)
    preview_opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._record: CaseRecord | None = None
        self._launcher: DocumentLauncher | None = None
        self._printing: PrintingService | None = None
        self._issues: Callable[[], list[Issue]] = list
        self._label_for: Callable[[str], str] = str
        self.receipt_button = QPushButton(self.tr("Receipt"), self)
        self.deferral_button = QPushButton(self.tr("Deferral notice"), self)
        self.correction_button = QPushButton(self.tr("List of corrections"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Print:"), self))
        for button in (self.receipt_button, self.deferral_button, self.correction_button):
            layout.addWidget(button)
        layout.addStretch(1)
        self.receipt_button.clicked.connect(lambda: self._preview(self._receipt))
        self.deferral_button.clicked.connect(lambda: self._preview(self._deferral))
        self.correction_button.clicked.connect(self._preview_corrections)
        self.hide()

    def attach(self, printing: PrintingService, runner: Runner, issues: Callable[[], list[Issue]],
               label_for: Callable[[str], str]) -> None:
        self._printing = printing
        self._issues = issues
        self._label_for = label_for
        self._launcher = DocumentLauncher(printing, runner, self)
        self._launcher.failed.connect(self.failed)
        self._launcher.preview_opened.connect(self.preview_opened)
        self.show()
        self.set_record(self._record)

    def set_record(self, record: CaseRecord | None) -> None:
        self._record = record
        status = record.status if record else None
        self.receipt_button.setEnabled(status is not None and status not in _NOT_ACCEPTED)
        # A 容缺 notice may be reprinted after submission too, as long as the acceptance deferred items.
        self.deferral_button.setEnabled(
            record is not None and status not in _NOT_ACCEPTED and self._printing is not None
            and self._printing.has_deferrals(record.case_id))
        self.correction_button.setEnabled(status in (CaseStatus.DRAFT, CaseStatus.PRE_REVIEWED,
                                                     CaseStatus.RETURNED))

    def _preview(self, make: Callable[[PrintingService, str], RenderedDocument]) -> None:
        printing, record, launcher = self._printing, self._record, self._launcher
        if printing is None or record is None or launcher is None:
            return
        case_id = record.case_id
        launcher.preview(lambda: make(printing, case_id))

    @staticmethod
    def _receipt(printing: PrintingService, case_id: str) -> RenderedDocument:
        return printing.receipt(case_id)

    @staticmethod
    def _deferral(printing: PrintingService, case_id: str) -> RenderedDocument:
        return printing.deferral_notice(case_id)

    def _preview_corrections(self) -> None:
        # The list is read from the form here, on the GUI thread; only the PDF is made on the worker.
        items = [CorrectionItem(target=self._label_for(issue.path), problem=issue.message_zh)
                 for issue in self._issues() if issue.is_error]
        self._preview(lambda printing, case_id: printing.correction_notice(case_id, items))
