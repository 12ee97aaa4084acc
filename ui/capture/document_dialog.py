"""The document capture view: a photo from the camera or a file, its detected outline with four draggable
corners, the flattened page beside it (before/after), each check's state with its hint, rotation, and
saving as a new page or in place of page n. Decoding, detection and rectification of a 12 MP photo run
on the task runner while a busy indicator shows; only the newest request's result is used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app.capture.document import DocumentAnalysis, analyse_document
from counter_app.capture.images import Image
from counter_app.domain.materials import MaterialSlot
from counter_app.services.materials import MaterialService
from counter_app.store.materials import MaterialRecord
from ui.capture.checks_list import ChecksList
from ui.capture.corner_editor import Corner, CornerEditor, default_corners
from ui.capture.image_view import ImageView
from ui.capture.latest_job import LatestJob
from ui.capture.override import OverrideReasonDialog
from ui.capture.qt_images import bgr_to_qimage
from ui.capture.sources import (
    FrameSourceFactory,
    LoadedPhoto,
    grab_frame,
    page_preview,
    prepare,
    read_photo_file,
)
from ui.i18n import current_language, error_text, pick
from ui.tasks import Runner

DIALOG_SIZE = QSize(1280, 720)
REANALYSE_DELAY_MS = 250  # arrow-key steps come in bursts: analyse once they pause
IMAGE_FILTER = "*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp"


class DocumentCaptureDialog(QDialog):
    """Signals:
        stored(object): a page was stored; carries the MaterialRecord (the dialog may stay open for the
            next page).
    """

    stored = Signal(object)

    def __init__(self, materials: MaterialService, case_id: str, slot: MaterialSlot, runner: Runner, *,
                 page: int | None = None, pages_captured: int = 0,
                 camera_factory: FrameSourceFactory | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._materials = materials
        self._case_id = case_id
        self.slot = slot
        self._runner = runner
        self.page = page  # None: add a page; n: retake page n (0-based)
        self._pages = pages_captured
        self._camera_factory = camera_factory
        self._photo: Image | None = None
        self._original: bytes | None = None
        self.analysis: DocumentAnalysis | None = None
        self.quarter_turns = 0
        self.jobs = LatestJob(runner, self)
        self._next_after_save = False
        self._saving = False
        self.reason_dialog: OverrideReasonDialog | None = None
        self.setWindowTitle(self.tr("Document capture"))
        self.resize(DIALOG_SIZE)
        self._build()
        self._reanalyse_timer = QTimer(self)
        self._reanalyse_timer.setSingleShot(True)
        self._reanalyse_timer.setInterval(REANALYSE_DELAY_MS)
        self._reanalyse_timer.timeout.connect(self.reanalyse)
        self.corners.corners_changed.connect(lambda _c: self._reanalyse_timer.start())
        self.jobs.busy_changed.connect(self._busy_changed)
        self._update_title()
        self._update_buttons()

    # --- layout ---------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.camera_button = QPushButton(self.tr("Take with camera (F6)"), self)
        self.camera_button.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.camera_button.clicked.connect(self.grab_from_camera)
        self.camera_button.setEnabled(self._camera_factory is not None)
        self.file_button = QPushButton(self.tr("Choose image file… (Ctrl+O)"), self)
        self.file_button.setShortcut(QKeySequence.StandardKey.Open)
        self.file_button.clicked.connect(self.choose_file)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # indeterminate: detection gives no partial progress
        self.busy_bar.setFixedWidth(140)
        self.busy_label = QLabel(self)
        self.busy_bar.hide()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.busy_label)
        top.addWidget(self.busy_bar)
        top.addWidget(self.camera_button)
        top.addWidget(self.file_button)

        self.corners = CornerEditor(self)
        before = QGroupBox(self.tr("Photo: drag the four corners onto the page (Tab selects, arrows move)"),
                           self)
        before_layout = QVBoxLayout(before)
        before_layout.addWidget(self.corners)
        self.page_view = ImageView(self.tr("The flattened page appears here."), self)
        self.size_label = QLabel(self)
        after = QGroupBox(self.tr("Flattened page"), self)
        after_layout = QVBoxLayout(after)
        after_layout.addWidget(self.page_view, 1)
        after_layout.addWidget(self.size_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(before)
        self.splitter.addWidget(after)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        self.checks = ChecksList(self)
        self.checks.setMaximumHeight(150)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("font-size: 14pt; font-weight: bold;")
        info = QVBoxLayout()
        info.addWidget(self.hint)
        info.addWidget(self.checks)
        self.rotate_button = QPushButton(self.tr("Rotate 90° (Ctrl+R)"), self)
        self.rotate_button.setShortcut(QKeySequence("Ctrl+R"))
        self.rotate_button.clicked.connect(self.rotate)
        self.detect_button = QPushButton(self.tr("Detect outline again"), self)
        self.detect_button.clicked.connect(self.redetect)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"), self)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setStyleSheet("font-weight: bold;")
        self.save_button.clicked.connect(lambda: self.save(next_page=False))
        self.next_button = QPushButton(self.tr("Save and add next page"), self)
        self.next_button.clicked.connect(lambda: self.save(next_page=True))
        self.next_button.setVisible(self.slot.multi_page)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        buttons = QVBoxLayout()
        for button in (self.rotate_button, self.detect_button, self.save_button, self.next_button,
                       self.close_button):
            button.setMinimumWidth(200)
            buttons.addWidget(button)
        buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addLayout(info, 1)
        bottom.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

    def _update_title(self) -> None:
        label = pick(self.slot.label_zh, self.slot.label_en)
        if self.page is None:
            text = self.tr("{material}: new page {number}").format(material=label, number=self._pages + 1)
        else:
            text = self.tr("{material}: retake page {number}").format(material=label, number=self.page + 1)
        self.title.setText(text)

    def _update_buttons(self) -> None:
        has_photo = self._photo is not None
        busy = self.jobs.is_busy()
        ready = has_photo and not busy and self.analysis is not None and self.analysis.rectified is not None
        self.rotate_button.setEnabled(has_photo and not busy)
        self.detect_button.setEnabled(has_photo and not busy)
        self.save_button.setEnabled(ready)
        self.next_button.setEnabled(ready and self.page is None)
        self.camera_button.setEnabled(self._camera_factory is not None and not busy)
        self.file_button.setEnabled(not busy)

    # --- background work ------------------------------------------------------------------------------

    def _start(self, fn: Callable[[], Any], on_done: Callable[[Any], None], text: str) -> None:
        self.jobs.start(fn, lambda result: self._job_done(on_done, result), self._job_failed, text)

    def _busy_changed(self, busy: bool, text: str) -> None:
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
        self._update_buttons()

    def _job_done(self, on_done: Callable[[Any], None], result: Any) -> None:
        on_done(result)
        self._update_buttons()

    def _job_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._show_error(error_text(exc))

    def is_busy(self) -> bool:
        return self.jobs.is_busy()

    # --- loading --------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a photo of the document"), "",
                                              self.tr("Images ({patterns})").format(patterns=IMAGE_FILTER))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        doc_type = self.slot.doc_type

        def work() -> LoadedPhoto:
            photo, data = read_photo_file(path)
            return prepare(photo, data, doc_type)

        self._start(work, self._loaded, self.tr("Reading and analysing the photo…"))

    def grab_from_camera(self) -> None:
        factory = self._camera_factory
        if factory is None:
            return
        doc_type = self.slot.doc_type
        self._start(lambda: prepare(grab_frame(factory), None, doc_type), self._loaded,
                    self.tr("Taking the photo…"))

    def _loaded(self, loaded: LoadedPhoto) -> None:
        self._photo = loaded.photo
        self._original = loaded.original_bytes
        self.quarter_turns = 0
        height, width = loaded.photo.shape[:2]
        analysis = loaded.analysis
        corners = analysis.quad.as_list() if analysis.quad is not None else default_corners(width, height)
        self.corners.set_photo(bgr_to_qimage(loaded.display), (width, height), corners)
        self._show_analysis(analysis, loaded.preview)

    # --- corrections ----------------------------------------------------------------------------------

    def reanalyse(self) -> None:
        """Analyse again with the clerk's corners and the current rotation."""
        photo = self._photo
        if photo is None:
            return
        self._reanalyse_timer.stop()
        corners: list[Corner] = self.corners.corners()
        turns, doc_type = self.quarter_turns, self.slot.doc_type

        def work() -> tuple[DocumentAnalysis, Image | None]:
            analysis = analyse_document(photo, doc_type, corners=corners, quarter_turns=turns)
            return analysis, page_preview(analysis)

        self._start(work, lambda result: self._show_analysis(*result), self.tr("Flattening the page…"))

    def rotate(self) -> None:
        if self._photo is None:
            return
        self.quarter_turns = (self.quarter_turns + 1) % 4
        self.reanalyse()

    def redetect(self) -> None:
        photo = self._photo
        if photo is None:
            return
        self.quarter_turns = 0
        doc_type = self.slot.doc_type

        def work() -> tuple[DocumentAnalysis, Image | None]:
            analysis = analyse_document(photo, doc_type)
            return analysis, page_preview(analysis)

        def done(result: tuple[DocumentAnalysis, Image | None]) -> None:
            analysis = result[0]
            if analysis.quad is not None:
                self.corners.set_corners(analysis.quad.as_list())
            self._show_analysis(*result)

        self._start(work, done, self.tr("Detecting the outline…"))

    def _show_analysis(self, analysis: DocumentAnalysis, preview: Image | None) -> None:
        self.analysis = analysis
        self.checks.show_checks(analysis.checks)
        # Red outline only when the outline itself is the problem, not for blur or glare.
        self.corners.set_outline_ok(analysis.quad is not None and all(
            c.passed for c in analysis.checks if c.name in ("outline", "cut_off")))
        self.page_view.set_image(bgr_to_qimage(preview) if preview is not None else None)
        if analysis.rectified is not None:
            page = analysis.rectified.page
            self.size_label.setText(self.tr("{width} × {height} pixels, {dpi} dpi").format(
                width=page.shape[1], height=page.shape[0], dpi=analysis.spec.dpi))
        else:
            self.size_label.setText("")
        self.hint.setText(analysis.hint(current_language()))
        self.hint.setStyleSheet("font-size: 14pt; font-weight: bold; color: %s;"
                                % ("#1b5e20" if analysis.passed else "#b71c1c"))
        self._update_buttons()

    def _show_error(self, text: str) -> None:
        self.analysis = None
        self.hint.setText(text)
        self.hint.setStyleSheet("font-size: 14pt; font-weight: bold; color: #b71c1c;")
        self.corners.set_outline_ok(False)
        self._update_buttons()

    def rectified_size(self) -> tuple[int, int] | None:
        if self.analysis is None or self.analysis.rectified is None:
            return None
        page = self.analysis.rectified.page
        return page.shape[1], page.shape[0]

    # --- saving ---------------------------------------------------------------------------------------

    def save(self, *, next_page: bool = False) -> None:
        """Store the page; a page failing a check first asks for the reason."""
        if self.jobs.is_busy() or self._reanalyse_timer.isActive() or self.reason_dialog is not None:
            return
        analysis = self.analysis
        if analysis is None or analysis.rectified is None:
            return
        self._next_after_save = next_page and self.page is None
        if analysis.passed:
            self._store(analysis, None)
            return
        dialog = OverrideReasonDialog(analysis.failed, self)
        self.reason_dialog = dialog
        dialog.accepted.connect(lambda: self._store(analysis, dialog.text()))
        dialog.finished.connect(self._reason_closed)
        dialog.open()

    def _reason_closed(self) -> None:
        if self.reason_dialog is not None:
            self.reason_dialog.deleteLater()
        self.reason_dialog = None

    def _store(self, analysis: DocumentAnalysis, reason: str | None) -> None:
        photo, original = self._photo, self._original
        if photo is None:
            return
        materials, case_id, slot_key, page = self._materials, self._case_id, self.slot.key, self.page

        def work() -> MaterialRecord:
            return materials.store_document(case_id, slot_key, analysis, photo, page=page,
                                            override_reason=reason, original_bytes=original)

        self._saving = True
        self._start(work, self._stored, self.tr("Saving the page…"))

    def _stored(self, record: MaterialRecord) -> None:
        self._saving = False
        self.stored.emit(record)
        if not self._next_after_save:
            self.accept()
            return
        self._pages = record.page + 1
        self._photo = self._original = self.analysis = None
        self.corners.clear()
        self.page_view.set_image(None)
        self.checks.clear()
        self.size_label.setText("")
        self.hint.setText(self.tr("Page {number} saved. Take the next page.").format(number=record.page + 1))
        self.hint.setStyleSheet("font-size: 14pt; font-weight: bold; color: #1b5e20;")
        self._update_title()
        self._update_buttons()

    def done(self, result: int) -> None:
        if self._saving:  # the page is being written: closing now would hide whether it was stored
            return
        self.jobs.close()
        self._reanalyse_timer.stop()
        if self.reason_dialog is not None:
            self.reason_dialog.reject()
        super().done(result)
