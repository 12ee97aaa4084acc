"""The case editor's print row: acceptance receipt, 容缺 notice, the one list of corrections — from the
pre-review (一次性告知) or, for a case the district returned, the reviewer's items (补正通知) — and the
refusal notice (不予登记通知) of a refused case. Buttons follow the case's status; each opens the preview
(every preview, print and save is audited by the printing service)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.domain.issues import Issue
from counter_app.domain.status import CaseStatus
from counter_app.printing.data import CorrectionItem
from counter_app.services.corrections import CorrectionService, ReturnedCase, field_label
from counter_app.services.printing import (
    DocumentKind,
    DocumentNotAvailable,
    PrintingService,
    RenderedDocument,
)
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
        self._corrections: CorrectionService | None = None
        self._returned: ReturnedCase | None = None  # as the case editor last loaded it
        self.receipt_button = QPushButton(self.tr("Receipt"), self)
        self.deferral_button = QPushButton(self.tr("Deferral notice"), self)
        self.correction_button = QPushButton(self.tr("List of corrections"), self)
        self.refusal_button = QPushButton(self.tr("Refusal notice"), self)
        self.refusal_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Print:"), self))
        for button in (self.receipt_button, self.deferral_button, self.correction_button,
                       self.refusal_button):
            layout.addWidget(button)
        layout.addStretch(1)
        self.receipt_button.clicked.connect(lambda: self._preview(self._receipt))
        self.deferral_button.clicked.connect(lambda: self._preview(self._deferral))
        self.correction_button.clicked.connect(self._preview_corrections)
        self.refusal_button.clicked.connect(lambda: self._preview(self._refusal))
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
        returned = status is CaseStatus.RETURNED and self._corrections is not None
        self.correction_button.setText(self.tr("Correction notice") if returned
                                       else self.tr("List of corrections"))
        refused = status is CaseStatus.REFUSED and self._corrections is not None
        self.refusal_button.setVisible(refused)
        self.refusal_button.setEnabled(refused)

    def enable_decisions(self, corrections: CorrectionService) -> None:
        """Print what the district decided: the reviewer's 补正通知 for a returned case (instead of the
        pre-review list) and the 不予登记通知 for a refused one."""
        self._corrections = corrections
        self.set_record(self._record)

    def set_returned(self, returned: ReturnedCase | None) -> None:
        """The open case's return as last loaded: its field paths are named with the form's labels."""
        self._returned = returned

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

    def _refusal(self, printing: PrintingService, case_id: str) -> RenderedDocument:
        corrections = self._corrections
        refusal = corrections.refusal(case_id) if corrections is not None else None
        if refusal is None:
            record = self._record
            assert record is not None
            raise DocumentNotAvailable(DocumentKind.REFUSAL_NOTICE, record.status,
                                       "区级的不予登记决定尚未同步到本机",
                                       "the district's refusal has not reached this counter yet")
        return printing.refusal_notice(case_id, refusal.reasons, decided_on=refusal.decided_on)

    def _preview_corrections(self) -> None:
        record, corrections = self._record, self._corrections
        if record is not None and record.status is CaseStatus.RETURNED and corrections is not None:
            # The district's items, every one of them (the form's labels name the fields).
            returned = self._returned if self._returned and self._returned.case_id == record.case_id else None
            paths = [item.path for item in returned.items if item.target == "field"] if returned else []
            labels = {path: text for path in paths if (text := self._label_for(path)) != path}

            def label(path: str) -> str:  # a path the form has no field for: the built-in words
                return labels.get(path) or field_label(path)[0]

            self._preview(lambda printing, case_id: printing.correction_notice(
                case_id, corrections.notice_items(case_id, label=label)))
            return
        # The list is read from the form here, on the GUI thread; only the PDF is made on the worker.
        items = [CorrectionItem(target=self._label_for(issue.path), problem=issue.message_zh)
                 for issue in self._issues() if issue.is_error]
        self._preview(lambda printing, case_id: printing.correction_notice(case_id, items))
