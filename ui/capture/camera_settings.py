"""设置 → 摄像头: which camera the capture dialogs use and the resolution to ask it for. Stored in
settings.extra (camera_index, camera_resolution), where `source_for_settings` reads them. Looking for
cameras opens each device in turn, which takes a moment: it runs on the task runner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from counter_app.capture.sources import CAMERA_INDEX_SETTING, CAMERA_SIZE_SETTING, CameraInfo, list_cameras
from counter_app.config import Mode, Settings
from ui.i18n import current_language, error_text
from ui.tasks import Runner

RESOLUTIONS = ((640, 480), (1280, 720), (1920, 1080))
DEFAULT_RESOLUTION = (1280, 720)

CameraLister = Callable[[], list[CameraInfo]]


class CameraSettingsDialog(QDialog):
    def __init__(self, settings: Settings, runner: Runner, *, lister: CameraLister = list_cameras,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Camera"))
        self.setMinimumWidth(520)
        self._settings = settings
        self._runner = runner
        self._lister = lister
        self._closed = False
        self._searching = False
        self.camera = QComboBox(self)
        self.resolution = QComboBox(self)
        for width, height in RESOLUTIONS:
            label = f"{width} × {height}"
            if (width, height) == DEFAULT_RESOLUTION:
                label = self.tr("{size} (recommended)").format(size=label)
            self.resolution.addItem(label, [width, height])
        wanted = list(settings.extra.get(CAMERA_SIZE_SETTING) or DEFAULT_RESOLUTION)
        index = self.resolution.findData(wanted)
        self.resolution.setCurrentIndex(index if index >= 0 else RESOLUTIONS.index(DEFAULT_RESOLUTION))
        self.search_button = QPushButton(self.tr("Search again"), self)
        self.search_button.clicked.connect(self.search)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        camera_row = QHBoxLayout()
        camera_row.addWidget(self.camera, 1)
        camera_row.addWidget(self.search_button)
        camera_row.addWidget(self.busy)
        form = QFormLayout(self)
        camera_label = QLabel(self.tr("&Camera:"), self)
        camera_label.setBuddy(self.camera)  # the row is a layout: the label needs its buddy set by hand
        form.addRow(camera_label, camera_row)
        form.addRow(self.tr("&Resolution:"), self.resolution)
        form.addRow(self.message)
        note = QLabel(self.tr("The camera may deliver a different resolution than requested; 1280 × 720 "
                              "is enough for the ID photo and keeps the preview smooth."), self)
        note.setObjectName("hintLabel")
        note.setWordWrap(True)
        form.addRow(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._fill([])
        self.search()

    def _fill(self, cameras: list[CameraInfo]) -> None:
        current = self._settings.extra.get(CAMERA_INDEX_SETTING)
        self.camera.clear()
        if self._settings.mode is Mode.DEMO:
            self.camera.addItem(self.tr("Simulated camera (demo)"), None)
        else:
            self.camera.addItem(self.tr("Default camera (number 0)"), None)
        language = current_language()
        for info in cameras:
            self.camera.addItem(info.label(language), info.index)
        if current is not None and self.camera.findData(int(current)) < 0:
            self.camera.addItem(self.tr("Camera {number} (not connected now)").format(number=int(current)),
                                int(current))
        index = self.camera.findData(None if current is None else int(current))
        self.camera.setCurrentIndex(max(0, index))

    def search(self) -> None:
        if self._searching:
            return
        self._searching = True
        self.busy.show()
        self.search_button.setEnabled(False)
        self.message.setText(self.tr("Looking for cameras…"))
        self._runner.run(self._lister, self._found, self._failed)

    def _found(self, cameras: list[CameraInfo]) -> None:
        if self._closed:
            return
        self._search_done()
        self._fill(cameras)
        if cameras:
            self.message.setText(self.tr("{count} camera(s) found.").format(count=len(cameras)))
        else:
            self.message.setText(self.tr("No camera was found. Check that it is connected and not used by "
                                         "another program; photos can also be loaded from files."))

    def _failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self._search_done()
        self.message.setText(error_text(exc))

    def _search_done(self) -> None:
        self._searching = False
        self.busy.hide()
        self.search_button.setEnabled(True)

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    def chosen(self) -> tuple[int | None, tuple[int, int]]:
        data = self.camera.currentData()
        width, height = self.resolution.currentData()
        return (None if data is None else int(data)), (int(width), int(height))

    def apply(self) -> None:
        """Write the choice into the settings object (the caller saves the file)."""
        index, (width, height) = self.chosen()
        if index is None:
            self._settings.extra.pop(CAMERA_INDEX_SETTING, None)
        else:
            self._settings.extra[CAMERA_INDEX_SETTING] = index
        self._settings.extra[CAMERA_SIZE_SETTING] = [width, height]
