"""Generate a document off the GUI thread, then open its preview. One place for every print button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from counter_app.services.printing import PrintingService, RenderedDocument
from ui.i18n import error_text
from ui.printing.preview import PrintPreviewDialog
from ui.tasks import Runner


class DocumentLauncher(QObject):
    """Signals:
        preview_opened(object): the preview dialog of a generated document is showing.
        failed(str): the document could not be made (e.g. a character no font has); the message.
    """

    preview_opened = Signal(object)
    failed = Signal(str)

    def __init__(self, service: PrintingService, runner: Runner, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._service = service
        self._runner = runner
        self._parent = parent_widget
        self.dialog: PrintPreviewDialog | None = None

    def preview(self, make: Callable[[], RenderedDocument]) -> None:
        self._runner.run(make, self._open, lambda exc: self.failed.emit(error_text(exc)))

    def _open(self, document: RenderedDocument) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = PrintPreviewDialog(document, self._service, self._runner, self._parent)
        self.dialog.open()
        self.preview_opened.emit(self.dialog)
