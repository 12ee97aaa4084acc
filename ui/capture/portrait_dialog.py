"""The portrait capture dialog: live preview with the quality-gate overlay, auto-capture, manual capture
(button or Space; a reason is required when a check fails), then a review of the 358×441 ID photo with
使用此照片 / 重拍. Storing goes through the materials service on the task runner.

The frame stream's thread is stopped and waited for whenever the dialog closes, however it closes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QPixmap, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.capture.pipeline import PortraitCapture, make_portrait_capture
from counter_app.capture.portrait import PortraitAnalyzer
from counter_app.services.materials import MaterialService
from counter_app.store.materials import MaterialRecord
from ui.capture.checks_list import ChecksList
from ui.capture.frame_stream import AnalyzerFactory, FrameStream, LiveFrame, SourceFactory
from ui.capture.override import OverrideReasonDialog
from ui.capture.portrait_preview import PortraitPreview
from ui.capture.qt_images import bgr_to_qimage
from ui.i18n import error_text, pick
from ui.tasks import Runner

DIALOG_SIZE = QSize(1180, 700)


class PortraitCaptureDialog(QDialog):
    """Signals:
        stored(object): the portrait was stored; carries the MaterialRecord.
    """

    stored = Signal(object)

    def __init__(self, materials: MaterialService, case_id: str, source_factory: SourceFactory,
                 runner: Runner, *, analyzer_factory: AnalyzerFactory = PortraitAnalyzer,
                 fps: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Portrait capture"))
        self.resize(DIALOG_SIZE)
        self._materials = materials
        self._case_id = case_id
        self._runner = runner
        self._latest: LiveFrame | None = None
        self.capture: PortraitCapture | None = None
        self.reason_dialog: OverrideReasonDialog | None = None
        self._saving = False
        self.stream = FrameStream(source_factory, analyzer_factory=analyzer_factory, fps=fps, parent=self)
        self.stream.frame_ready.connect(self._on_frame)
        self.stream.auto_captured.connect(self._on_auto_captured)
        self.stream.failed.connect(self._on_failed)
        self.stream.ended.connect(self._on_ended)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_live_page())
        self.pages.addWidget(self._build_review_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        shortcut.activated.connect(self.capture_now)

    # --- layout ---------------------------------------------------------------------------------------

    def _build_live_page(self) -> QWidget:
        page = QWidget(self)
        self.preview = PortraitPreview(page)
        side = QVBoxLayout()
        title = QLabel(self.tr("On-site portrait"), page)
        title.setObjectName("captureTitle")
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        guide = QLabel(self.tr("Ask the applicant to sit straight in front of the camera, in front of a "
                               "plain light background, without a hat. The photo is taken automatically once "
                               "every check has passed for a moment."), page)
        guide.setWordWrap(True)
        self.capture_button = QPushButton(self.tr("Capture now (Space)"), page)
        self.capture_button.setMinimumHeight(44)
        self.capture_button.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.capture_button.clicked.connect(self.capture_now)
        self.capture_button.setEnabled(False)
        manual = QLabel(self.tr("Manual capture is always possible; if a check fails you will be asked for "
                                "a reason, which is recorded."), page)
        manual.setWordWrap(True)
        manual.setObjectName("hintLabel")
        self.status_label = QLabel(page)
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.status_label.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), page)
        self.cancel_button.clicked.connect(self.reject)
        side.addWidget(title)
        side.addWidget(guide)
        side.addSpacing(12)
        side.addWidget(self.capture_button)
        side.addWidget(manual)
        side.addWidget(self.status_label)
        side.addStretch(1)
        side.addWidget(self.cancel_button)
        side_widget = QWidget(page)
        side_widget.setLayout(side)
        side_widget.setFixedWidth(280)
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview, 1)
        row.addWidget(side_widget)
        return page

    def _build_review_page(self) -> QWidget:
        page = QWidget(self)
        self.photo_label = QLabel(page)
        self.photo_label.setFixedSize(358 + 4, 441 + 4)
        self.photo_label.setStyleSheet("border: 2px solid #9e9e9e; background: #ffffff;")
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setAccessibleName(self.tr("ID photo"))
        title = QLabel(self.tr("Check the photo"), page)
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        size_note = QLabel(self.tr("Cut to the ID-photo format (358 × 441 pixels), background kept."), page)
        size_note.setWordWrap(True)
        self.review_checks = ChecksList(page)
        self.review_checks.setStyleSheet("font-size: 11pt;")
        self.review_checks.setMinimumHeight(320)  # all eleven checks without scrolling
        self.override_label = QLabel(page)
        self.override_label.setWordWrap(True)
        self.override_label.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.review_error = QLabel(page)
        self.review_error.setWordWrap(True)
        self.review_error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.review_error.hide()
        self.use_button = QPushButton(self.tr("&Use this photo"), page)
        self.use_button.setMinimumHeight(44)
        self.use_button.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.use_button.setDefault(True)
        self.use_button.clicked.connect(self.use_photo)
        self.retake_button = QPushButton(self.tr("&Retake"), page)
        self.retake_button.setMinimumHeight(44)
        self.retake_button.clicked.connect(self.retake)
        side = QVBoxLayout()
        side.addWidget(title)
        side.addWidget(size_note)
        side.addWidget(self.review_checks)
        side.addWidget(self.override_label)
        side.addWidget(self.review_error)
        side.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button, 1)
        buttons.addWidget(self.retake_button, 1)
        side.addLayout(buttons)
        row = QHBoxLayout(page)
        row.addWidget(self.photo_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addSpacing(16)
        row.addLayout(side, 1)
        return page

    # --- stream ---------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.stream.isRunning() and not self.stream.isFinished():
            self.stream.start()

    def hideEvent(self, event: QHideEvent) -> None:
        # Closing the window behind the dialog hides it without done(): the thread must stop either way.
        self.stream.stop()
        super().hideEvent(event)

    def done(self, result: int) -> None:
        if self._saving:  # the portrait is being written: closing now would hide whether it was stored
            return
        self.stream.stop()
        if self.reason_dialog is not None:
            self.reason_dialog.reject()
        super().done(result)

    def _on_frame(self, live: LiveFrame) -> None:
        if self.pages.currentIndex() == 0 and not self.stream.is_paused():
            self._latest = live
            self.preview.show_frame(live)
            self.capture_button.setEnabled(True)
        self.stream.frame_consumed()

    def _on_auto_captured(self, live: LiveFrame) -> None:
        if self.pages.currentIndex() != 0 or self.reason_dialog is not None:
            return
        self._latest = live
        self.preview.show_frame(live)
        self._review(make_portrait_capture(live.frame, live.report))

    def _on_failed(self, message_zh: str, message_en: str) -> None:
        text = pick(message_zh, message_en)
        self.preview.show_message(text)
        self.status_label.setText(text)
        self.status_label.show()
        self.capture_button.setEnabled(False)

    def _on_ended(self) -> None:
        if self._latest is None:
            self._on_failed("视频源没有画面，请检查所选的文件或摄像头", "The source delivered no frames")
        else:
            self.status_label.setText(self.tr("The video has ended; capture the last frame or cancel."))
            self.status_label.show()

    # --- capture --------------------------------------------------------------------------------------

    def capture_now(self) -> None:
        """Manual capture of the newest frame. A frame that fails a check needs the clerk's reason."""
        live = self._latest
        if self.pages.currentIndex() != 0 or live is None or self.reason_dialog is not None:
            return
        if live.report.passed:
            self._review(make_portrait_capture(live.frame, live.report))
            return
        self.stream.pause()  # freeze the preview on the frame being kept
        dialog = OverrideReasonDialog(live.report.failed, self)
        self.reason_dialog = dialog
        dialog.accepted.connect(lambda: self._review(
            make_portrait_capture(live.frame, live.report, override_reason=dialog.text())))
        dialog.rejected.connect(self.stream.resume)
        dialog.finished.connect(self._reason_dialog_closed)
        dialog.open()

    def _reason_dialog_closed(self) -> None:
        if self.reason_dialog is not None:
            self.reason_dialog.deleteLater()
        self.reason_dialog = None

    def _review(self, capture: PortraitCapture) -> None:
        self.stream.pause()
        self.capture = capture
        self.photo_label.setPixmap(QPixmap.fromImage(bgr_to_qimage(capture.photo)))
        self.review_checks.show_checks(capture.report.checks)
        if capture.override_reason:
            self.override_label.setText(self.tr("Manual capture, reason recorded: {reason}").format(
                reason=capture.override_reason))
        else:
            self.override_label.setText(self.tr("Every check passed."))
        self.override_label.setStyleSheet("font-weight: bold; color: %s;"
                                          % ("#8a5a00" if capture.override_reason else "#1b5e20"))
        self.review_error.hide()
        self.use_button.setEnabled(True)
        self.retake_button.setEnabled(True)
        self.pages.setCurrentIndex(1)
        self.use_button.setFocus()

    def retake(self) -> None:
        if self._saving:
            return
        self.capture = None
        self.pages.setCurrentIndex(0)
        self.stream.resume()
        self.capture_button.setFocus()

    def use_photo(self) -> None:
        capture = self.capture
        if capture is None or self._saving:
            return
        self._saving = True
        self.use_button.setEnabled(False)
        self.retake_button.setEnabled(False)
        self.override_label.setText(self.tr("Saving…"))
        materials, case_id = self._materials, self._case_id
        self._runner.run(lambda: materials.store_portrait(case_id, capture), self._stored, self._store_failed)

    def _stored(self, record: MaterialRecord) -> None:
        self._saving = False
        self.stored.emit(record)
        self.accept()

    def _store_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.review_error.setText(error_text(exc))
        self.review_error.show()
        self.use_button.setEnabled(True)
        self.retake_button.setEnabled(True)
        self.override_label.setText("")

