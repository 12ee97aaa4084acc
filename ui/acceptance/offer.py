"""After 受理: what was recorded, and the documents the applicant must be handed — the receipt, and for
容缺 the notice (two copies: applicant and file). Both open in the ordinary print preview."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app.domain.deferral import DELIVERY_LABELS
from counter_app.services.printing import PrintingService
from counter_app.store.acceptance import AcceptanceRecord
from ui.acceptance.dates import long_date
from ui.i18n import pick, pick_pair
from ui.printing.launcher import DocumentLauncher
from ui.tasks import Runner

STYLE = """
QLabel#acceptedTitle { font-size: 12pt; font-weight: bold; color: #1b5e20; }
QLabel#printFailed { color: #b71c1c; font-weight: bold; }
"""


class AcceptedDialog(QDialog):
    """Signals:
        preview_opened(object): a document's preview dialog is showing; carries it.
        failed(str): a document could not be made; the message (also shown in the dialog).
    """

    preview_opened = Signal(object)
    failed = Signal(str)

    def __init__(self, printing: PrintingService, runner: Runner, case_number: str,
                 record: AcceptanceRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("acceptedDialog")
        self.setStyleSheet(STYLE)
        self._printing = printing
        self.case_id = record.case_id
        self.setWindowTitle(self.tr("Case {number} accepted").format(number=case_number))
        if record.with_deferrals:
            title = self.tr("Case {number} accepted with deferred materials (容缺受理)")
        else:
            title = self.tr("Case {number} accepted")
        heading = QLabel(title.format(number=case_number), self)
        heading.setObjectName("acceptedTitle")
        heading.setWordWrap(True)
        lines = [self.tr("Committed decision date: {date}").format(date=long_date(record.committed_due))]
        for item in record.deferred:
            lines.append(self.tr("• {material}: {method}, by {date}").format(
                material=pick(item.label_zh, item.label_en), method=pick_pair(DELIVERY_LABELS[item.delivery]),
                date=long_date(item.due_date)))
        lines += [pick(zh, en) for zh, en in zip(record.warnings_zh, record.warnings_en, strict=True)]
        self.summary = QLabel("\n".join(lines), self)
        self.summary.setWordWrap(True)
        if record.with_deferrals:
            hint_text = self.tr("Print the receipt and the 容缺 notice (two copies: one for the applicant, "
                                "one for the file) and hand them to the applicant.")
        else:
            hint_text = self.tr("Print the receipt and hand it to the applicant.")
        hint = QLabel(hint_text, self)
        hint.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("printFailed")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.receipt_button = QPushButton(self.tr("Print the &receipt…"), self)
        self.notice_button = QPushButton(self.tr("Print the 容缺 &notice…"), self)
        self.close_button = QPushButton(self.tr("&Close"), self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.receipt_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.notice_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.notice_button.setVisible(record.with_deferrals)  # after addButton, which shows it
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(buttons)

        # The preview is this dialog's child: it opens on top of it, and the clerk comes back here to
        # print the next document.
        self.launcher = DocumentLauncher(printing, runner, self)
        self.launcher.preview_opened.connect(self.preview_opened)
        self.launcher.failed.connect(self._failed)
        self.receipt_button.clicked.connect(self.print_receipt)
        self.notice_button.clicked.connect(self.print_notice)
        self.close_button.clicked.connect(self.reject)
        self.receipt_button.setDefault(True)
        self.receipt_button.setFocus()
        self.resize(640, self.sizeHint().height())

    def print_receipt(self) -> None:
        printing, case_id = self._printing, self.case_id
        self.error_label.hide()
        self.launcher.preview(lambda: printing.receipt(case_id))

    def print_notice(self) -> None:
        printing, case_id = self._printing, self.case_id
        self.error_label.hide()
        self.launcher.preview(lambda: printing.deferral_notice(case_id))

    def _failed(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.failed.emit(message)
