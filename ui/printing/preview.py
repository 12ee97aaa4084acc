"""The print preview: the document's pages as pdfium renders them, with Print… and Save as PDF….

What is printed is exactly what is shown: the same PDF bytes, rendered again at the printer's 300 dpi.
Every preview, print and save goes through PrintingService.record_output (the audit log); the dialog
never writes the audit itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app.printing.render import PREVIEW_DPI, RenderedPage, page_count, render_pages
from counter_app.services.printing import OutputAction, PrintingService, RenderedDocument
from ui.i18n import error_text, pick
from ui.printing.pages import configure_printer, paint_pdf, to_qimage
from ui.tasks import Runner

AskPrinter = Callable[[QPrinter, QWidget], bool]
AskSavePath = Callable[[QWidget, str], str | None]


def ask_printer_with_dialog(printer: QPrinter, parent: QWidget) -> bool:
    dialog = QPrintDialog(printer, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_save_path_with_dialog(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("PrintPreviewDialog", "Save as PDF"), suggested, "PDF (*.pdf)")
    return path or None


class PrintPreviewDialog(QDialog):
    """Signals:
        printed(int): the document went to a printer; carries the number of pages sent.
        saved(str): the document was saved; carries the file path.
    """

    printed = Signal(int)
    saved = Signal(str)

    def __init__(self, document: RenderedDocument, service: PrintingService, runner: Runner,
                 parent: QWidget | None = None, *, ask_printer: AskPrinter = ask_printer_with_dialog,
                 ask_save_path: AskSavePath = ask_save_path_with_dialog,
                 save_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._service = service
        self._runner = runner
        self._ask_printer = ask_printer
        self._ask_save_path = ask_save_path
        self._save_dir = save_dir or Path.home()
        self._pages = page_count(document.pdf)
        self.setWindowTitle(self.tr("Print preview — {title} — {number}").format(
            title=pick(document.title_zh, document.title_en), number=document.case_number))
        self.resize(900, 720)

        self.info = QLabel(self.tr("{paper} · {pages} page(s)").format(
            paper=document.paper.value, pages=self._pages), self)
        self.status = QLabel(self)
        self.status.setObjectName("printStatus")
        self.status.setWordWrap(True)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.save_button = QPushButton(self.tr("&Save as PDF…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.print_button.setDefault(True)
        bar = QHBoxLayout()
        bar.addWidget(self.info)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)

        self.page_area = QWidget(self)
        self.page_area.setObjectName("previewPages")
        self.page_layout = QVBoxLayout(self.page_area)
        self.page_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_layout.setSpacing(12)
        self.loading = QLabel(self.tr("Rendering the pages…"), self.page_area)
        self.page_layout.addWidget(self.loading)
        self.pages_view = QScrollArea(self)
        self.pages_view.setWidget(self.page_area)
        self.pages_view.setWidgetResizable(True)
        self.pages_view.setStyleSheet("QScrollArea, #previewPages { background: #7a7a7a; }")

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.pages_view, 1)
        self.page_labels: list[QLabel] = []

        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.accept)
        pdf = document.pdf
        self._runner.run(lambda: list(render_pages(pdf, PREVIEW_DPI)), self._show_pages, self._failed)
        self._runner.run(lambda: service.record_output(document, OutputAction.PREVIEW, pages=self._pages),
                         lambda _none: None, self._failed)

    # --- pages ---------------------------------------------------------------------------------------

    def _show_pages(self, pages: list[RenderedPage]) -> None:
        self.loading.hide()
        for page in pages:
            label = QLabel(self.page_area)
            label.setPixmap(QPixmap.fromImage(to_qimage(page)))
            label.setStyleSheet("background: white; border: 1px solid #444;")
            self.page_layout.addWidget(label)
            self.page_labels.append(label)

    # --- output --------------------------------------------------------------------------------------

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.PrinterResolution)
        configure_printer(printer, self.document.paper)
        if not self._ask_printer(printer, self):
            return
        configure_printer(printer, self.document.paper)  # a dialog may have reset the resolution
        copies = max(1, printer.copyCount())
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            sent = paint_pdf(printer, self.document.pdf, copies=copies)
        except RuntimeError:
            self._show_error(self.tr("The printer could not be opened; nothing was printed."))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        target = printer.printerName() or Path(printer.outputFileName()).name
        try:
            self._service.record_output(self.document, OutputAction.PRINT, target=target,
                                        copies=copies, pages=self._pages)
        except Exception as exc:  # the paper is out; say that the record failed, do not hide it
            self._show_error(error_text(exc))
            return
        self.status.setText(self.tr("Sent {pages} page(s) to the printer.").format(pages=sent))
        self.printed.emit(sent)

    def save_pdf(self) -> None:
        path = self._ask_save_path(self, str(self._save_dir / self.document.filename()))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            Path(path).write_bytes(self.document.pdf)
        except OSError as exc:
            self._show_error(self.tr("The file could not be saved ({error}).").format(
                error=type(exc).__name__))
            return
        try:
            self._service.record_output(self.document, OutputAction.SAVE_PDF, target=Path(path).name,
                                        pages=self._pages)
        except Exception as exc:
            self._show_error(error_text(exc))
            return
        self.status.setText(self.tr("Saved to {path}").format(path=path))
        self.saved.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self.loading.hide()
        self._show_error(error_text(exc))

    def _show_error(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;")
