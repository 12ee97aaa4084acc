"""Wizard pages 4–5: the camera (found, chosen and tried: one preview frame) and the printer (or saving
documents as PDF), tried with a test page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
    QWizardPage,
)

from counter_app.capture.images import Image
from counter_app.capture.sources import CameraInfo, list_cameras
from counter_app.config import Mode
from counter_app.firstrun.devices import grab_test_frame
from counter_app.firstrun.setup import FirstRunChoices
from counter_app.firstrun.testpage import printer_test_page
from counter_app.printing.layout import PaperSize
from counter_app.printing.render import render_pages
from ui.capture.camera_settings import DEFAULT_RESOLUTION, RESOLUTIONS, CameraLister
from ui.capture.qt_images import bgr_to_qimage, downscaled
from ui.firstrun.district_pages import PAGE_FINISH, PAGE_PRINTER
from ui.firstrun.status_label import StatusLabel
from ui.i18n import current_language, error_text
from ui.printing.pages import configure_printer, paint_pdf, to_qimage
from ui.tasks import Runner

FrameGrabber = Callable[[FirstRunChoices], Image]
PREVIEW_SIZE = (360, 240)
TEST_PAGE_FILE = "printer-test-page.pdf"


def grab_with_choices(choices: FirstRunChoices) -> Image:
    return grab_test_frame(choices.to_settings())


class CameraPage(QWizardPage):
    def __init__(self, choices: FirstRunChoices, runner: Runner, *, lister: CameraLister = list_cameras,
                 grabber: FrameGrabber = grab_with_choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._runner = runner
        self._lister = lister
        self._grabber = grabber
        self._cameras: list[CameraInfo] = []
        self._busy = False
        self.setTitle(self.tr("Camera"))
        self.setSubTitle(self.tr("The camera for the applicant's portrait and the documents. Try it: one "
                                 "picture should appear."))
        self.camera = QComboBox(self)
        self.search_button = QPushButton(self.tr("Search again"), self)
        self.search_button.clicked.connect(self.search)
        self.resolution = QComboBox(self)
        for width, height in RESOLUTIONS:
            self.resolution.addItem(f"{width} × {height}", [width, height])
        self.resolution.setCurrentIndex(RESOLUTIONS.index(DEFAULT_RESOLUTION))
        self.test_button = QPushButton(self.tr("Test the camera"), self)
        self.test_button.clicked.connect(self.test_camera)
        self.preview = QLabel(self.tr("No picture yet"), self)
        self.preview.setFixedSize(*PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel { background: #f0f0f0; border: 1px solid #bbbbbb; "
                                   "color: #777777; }")
        self.result = StatusLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.camera, 1)
        row.addWidget(self.search_button)
        form = QFormLayout(self)
        camera_label = QLabel(self.tr("&Camera:"), self)
        camera_label.setBuddy(self.camera)  # the row is a layout: the label needs its buddy set by hand
        form.addRow(camera_label, row)
        form.addRow(self.tr("&Resolution:"), self.resolution)
        form.addRow("", self.test_button)
        form.addRow("", self.preview)
        form.addRow(self.result)
        self.tested = False

    def initializePage(self) -> None:
        self._fill()
        self.search()

    def _fill(self) -> None:
        self.camera.clear()
        if self._choices.mode is Mode.DEMO:
            self.camera.addItem(self.tr("Simulated camera (demo)"), None)
        else:
            self.camera.addItem(self.tr("Default camera (number 0)"), None)
        for info in self._cameras:
            self.camera.addItem(info.label(current_language()), info.index)

    def search(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.search_button.setEnabled(False)
        self.result.show_state(self.tr("Looking for cameras…"), "busy")
        self._runner.run(self._lister, self._found, self._failed)

    def _found(self, cameras: list[CameraInfo]) -> None:
        self._busy = False
        self.search_button.setEnabled(True)
        self._cameras = list(cameras)
        self._fill()
        if cameras:
            self.result.show_state(self.tr("{count} camera(s) found.").format(count=len(cameras)), "")
        else:
            self.result.show_state(self.tr("No camera was found. Check that it is connected; it can also be "
                                           "chosen later (Settings → Camera)."), "")

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.search_button.setEnabled(True)
        self.test_button.setEnabled(True)
        self.result.show_state(error_text(exc), "error")

    def _store(self) -> None:
        data = self.camera.currentData()
        width, height = self.resolution.currentData()
        self._choices.camera_index = None if data is None else int(data)
        self._choices.camera_resolution = (int(width), int(height))

    def test_camera(self) -> None:
        self._store()
        self.test_button.setEnabled(False)
        self.result.show_state(self.tr("Opening the camera…"), "busy")
        choices = self._choices
        self._runner.run(lambda: self._grabber(choices), self._grabbed, self._failed)

    def _grabbed(self, frame: Image) -> None:
        self.test_button.setEnabled(True)
        small, _factor = downscaled(frame, max(PREVIEW_SIZE))
        pixmap = QPixmap.fromImage(bgr_to_qimage(small)).scaled(
            *PREVIEW_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pixmap)
        self.tested = True
        self.result.show_state(self.tr("The camera works ({width} × {height}).").format(
            width=frame.shape[1], height=frame.shape[0]), "ok")

    def validatePage(self) -> bool:
        self._store()
        return True

    def nextId(self) -> int:
        return PAGE_PRINTER


class PrinterPage(QWizardPage):
    """Documents go to a printer or are saved as PDF; the test page goes the same way."""

    def __init__(self, choices: FirstRunChoices, data_dir: Path, runner: Runner, *,
                 printers: Callable[[], list[str]] = QPrinterInfo.availablePrinterNames,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._data_dir = data_dir
        self._runner = runner
        self.setTitle(self.tr("Printer"))
        self.setSubTitle(self.tr("Receipts and notices are printed here. Without a printer they are saved as "
                                 "PDF files."))
        self.printer = QComboBox(self)
        self.printer.addItem(self.tr("No printer: save as PDF"), "")
        for name in printers():
            self.printer.addItem(name, name)
        self.test_button = QPushButton(self.tr("Print a test page"), self)
        self.test_button.clicked.connect(self.print_test_page)
        self.preview = QLabel(self)
        self.preview.setFixedSize(170, 240)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel { background: #f0f0f0; border: 1px solid #bbbbbb; }")
        self.result = StatusLabel(self)
        form = QFormLayout(self)
        form.addRow(self.tr("&Printer:"), self.printer)
        form.addRow("", self.test_button)
        form.addRow("", self.preview)
        form.addRow(self.result)
        self.test_pdf_path: Path | None = None

    def print_test_page(self) -> None:
        self._choices.printer = str(self.printer.currentData() or "")
        self.test_button.setEnabled(False)
        self.result.show_state(self.tr("Making the test page…"), "busy")
        settings = self._choices.to_settings()
        self._runner.run(lambda: printer_test_page(settings, paper=PaperSize.A4), self._made, self._failed)

    def _made(self, pdf: bytes) -> None:
        self.test_button.setEnabled(True)
        page = next(iter(render_pages(pdf, 40)))
        self.preview.setPixmap(QPixmap.fromImage(to_qimage(page)).scaled(
            170, 240, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        name = self._choices.printer
        try:
            if name:
                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                printer.setPrinterName(name)
                configure_printer(printer, PaperSize.A4)
                pages = paint_pdf(printer, pdf)
                self.result.show_state(self.tr("{pages} test page sent to {printer}. Check that it came out "
                                               "complete and sharp.").format(pages=pages, printer=name), "ok")
                return
            path = self._data_dir / TEST_PAGE_FILE
            self._data_dir.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf)
            self.test_pdf_path = path
            self.result.show_state(self.tr("Test page saved as {path}.").format(path=path), "ok")
        except (OSError, RuntimeError) as exc:
            self.result.show_state(self.tr("The test page could not be printed or saved ({error}).").format(
                error=type(exc).__name__), "error")

    def _failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.result.show_state(error_text(exc), "error")

    def validatePage(self) -> bool:
        self._choices.printer = str(self.printer.currentData() or "")
        return True

    def nextId(self) -> int:
        return PAGE_FINISH
