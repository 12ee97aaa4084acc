"""The first-run wizard (QWizard): demo or district, address and certificate, registration, camera,
printer, then the settings are saved. `run_first_run` is what ui.app calls before opening the data
folder; cancelling leaves the folder without settings, so the wizard comes again next time.

    mode ─┬─ district ── register ─┬─────────────┬─ camera ── printer ── finish
          │                        └─ restore ───┤   (restore: a replaced PC gets its backup back)
          └────────── (demo) ────────────────────┘
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget, QWizard, QWizardPage

from counter_app.capture.sources import list_cameras
from counter_app.config import Mode
from counter_app.firstrun.setup import FirstRunChoices, save_choices
from ui.capture.camera_settings import CameraLister
from ui.firstrun.device_pages import CameraPage, FrameGrabber, PrinterPage, grab_with_choices
from ui.firstrun.district_pages import (
    PAGE_CAMERA,
    PAGE_DISTRICT,
    PAGE_FINISH,
    PAGE_MODE,
    PAGE_PRINTER,
    PAGE_REGISTER,
    PAGE_RESTORE,
    REVIEW_PC,
    DistrictPage,
    ModePage,
    RegisterPage,
)
from ui.firstrun.restore_page import RestorePage
from ui.tasks import Runner, TaskRunner

log = logging.getLogger(__name__)

WIZARD_SIZE = (960, 660)


class FinishPage(QWizardPage):
    def __init__(self, choices: FirstRunChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("Check the choices and press Finish to save them."))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        c = self._choices
        lines = []
        if c.mode is Mode.DEMO:
            lines.append(self.tr("Mode: embedded demo (no real personal data)"))
        else:
            if c.restore_from_backup:
                lines.append(self.tr("The data of the replaced computer was restored from its backup."))
            lines.append(self.tr("District service: {url}").format(url=c.district_url))
            if c.ca_file:
                lines.append(self.tr("CA certificate: {path}").format(path=c.ca_file))
            if c.extra.get(REVIEW_PC):
                lines.append(self.tr("This computer: district review computer (reviewers sign in here)"))
            else:
                lines.append(self.tr("Counter: {township} ({code}) {counter}, number {number}").format(
                    township=c.township_name, code=c.township_code, counter=c.counter_name,
                    number=c.counter_code))
        if c.camera_index is not None:
            camera = self.tr("camera {number}").format(number=c.camera_index)
        else:
            camera = self.tr("the simulated camera") if c.mode is Mode.DEMO else self.tr("the default camera")
        lines.append(self.tr("Camera: {camera} at {width} × {height}").format(
            camera=camera, width=c.camera_resolution[0], height=c.camera_resolution[1]))
        lines.append(self.tr("Printer: {printer}").format(printer=c.printer or self.tr("save as PDF")))
        self.summary.setText("\n".join(f"• {line}" for line in lines))

    def nextId(self) -> int:
        return -1  # the last page, whatever ids the pages have


class FirstRunWizard(QWizard):
    """Signals: none beyond QWizard's; `accepted` means the settings were saved."""

    def __init__(self, data_dir: Path, runner: Runner, *, lister: CameraLister | None = None,
                 grabber: FrameGrabber = grab_with_choices, printers: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.choices = FirstRunChoices()
        self.setWindowTitle(self.tr("Set up this counter"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(*WIZARD_SIZE)
        self.mode_page = ModePage(self.choices, data_dir, self)
        self.district_page = DistrictPage(self.choices, runner, self)
        self.register_page = RegisterPage(self.choices, data_dir, runner, self)
        self.camera_page = CameraPage(self.choices, runner, lister=lister or list_cameras, grabber=grabber)
        found = (lambda: list(printers)) if printers is not None else QPrinterInfo.availablePrinterNames
        self.printer_page = PrinterPage(self.choices, data_dir, runner, printers=found)
        self.restore_page = RestorePage(self.choices, data_dir, runner, self)
        self.finish_page = FinishPage(self.choices, self)
        for page_id, page in ((PAGE_MODE, self.mode_page), (PAGE_DISTRICT, self.district_page),
                              (PAGE_REGISTER, self.register_page), (PAGE_CAMERA, self.camera_page),
                              (PAGE_PRINTER, self.printer_page), (PAGE_FINISH, self.finish_page),
                              (PAGE_RESTORE, self.restore_page)):
            self.setPage(page_id, page)
        self.setStartId(PAGE_MODE)

    def accept(self) -> None:
        try:
            save_choices(self.data_dir, self.choices)
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Not saved"), self.tr(
                "The settings could not be saved in {folder} ({error}).").format(
                folder=self.data_dir, error=type(exc).__name__))
            return
        log.info("first-run settings saved (mode=%s)", self.choices.mode.value)
        super().accept()


def run_first_run(data_dir: Path) -> bool:
    """Show the wizard; True when the settings were saved."""
    runner = TaskRunner()
    wizard = FirstRunWizard(data_dir, runner)
    try:
        return wizard.exec() == QWizard.DialogCode.Accepted
    finally:
        runner.shutdown()
        wizard.deleteLater()
        runner.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
