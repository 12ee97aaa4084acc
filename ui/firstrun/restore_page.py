"""Wizard page for a replaced PC: sign in as a clerk of the township, choose the backup file, restore.

The district gives the backup's key only to a clerk of the backup's township (or an administrator), so the
clerk signs in here; the password is used for that sign-in and kept nowhere. The restore runs on the task
runner; a timer on the GUI thread shows its progress.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
    QWizardPage,
)

from counter_app.backup.create import BackupProgress
from counter_app.backup.restore import RestoreSummary
from counter_app.backup.service import restore_signed_in
from counter_app.firstrun.setup import FirstRunChoices
from ui.firstrun.district_pages import PAGE_CAMERA
from ui.firstrun.status_label import StatusLabel
from ui.i18n import error_text
from ui.tasks import Runner


class RestorePage(QWizardPage):
    def __init__(self, choices: FirstRunChoices, data_dir: Path, runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._data_dir = data_dir
        self._runner = runner
        self._progress: BackupProgress | None = None
        self.summary: RestoreSummary | None = None
        self.setTitle(self.tr("Restore from a backup"))
        self.setSubTitle(self.tr("Sign in with a clerk account of this township: the district gives the "
                                 "backup's key only to it."))
        self.file = QLineEdit(self)
        self.file.setPlaceholderText(self.tr("The backup file (.cbak) of the replaced computer"))
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        self.username = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.clicked.connect(self.restore)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.hide()
        self.result = StatusLabel(self)
        form = QFormLayout(self)
        form.addRow(self.tr("Backup file:"), row)
        form.addRow(self.tr("Clerk &account:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.restore_button)
        form.addRow("", self.bar)
        form.addRow(self.result)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_progress)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Backup file"), "",
                                                    self.tr("Backup files (*.cbak);;All files (*)"))
        if path:
            self.file.setText(path)

    def restore(self) -> None:
        path = Path(self.file.text().strip())
        if not self.file.text().strip() or not path.is_file():
            self.result.show_state(self.tr("Choose the backup file."), "error")
            return
        if not self.username.text().strip() or not self.password.text():
            self.result.show_state(self.tr("Enter the clerk account and password."), "error")
            return
        c, data_dir = self._choices, self._data_dir
        username, password = self.username.text().strip(), self.password.text()
        progress = self._progress = BackupProgress()
        self.restore_button.setEnabled(False)
        self.bar.setValue(0)
        self.bar.show()
        self._timer.start()
        self.result.show_state(self.tr("Fetching the key from the district and restoring…"), "busy")

        def work() -> RestoreSummary:
            return restore_signed_in(path, data_dir, district_url=c.district_url, ca_file=c.ca_file or None,
                                     township_code=c.township_code, counter_name=c.counter_name,
                                     username=username, password=password, progress=progress)

        self._runner.run(work, self._restored, self._failed)

    def _show_progress(self) -> None:
        if self._progress is not None:
            self.bar.setValue(int(self._progress.fraction() * 1000))

    def _stop(self) -> None:
        self._timer.stop()
        self._progress = None
        self.password.clear()  # used once for the sign-in; not kept in the window either

    def _restored(self, summary: RestoreSummary) -> None:
        self._stop()
        self.bar.setValue(1000)
        self.summary = summary
        for field in (self.file, self.username, self.password):
            field.setReadOnly(True)
        self.browse.setEnabled(False)
        text = self.tr("Restored: {cases} cases ({unsynced} still to be sent to the district, they go after "
                       "the start), {images} image files; backup of {created}.")
        self.result.show_state(text.format(cases=summary.cases, unsynced=summary.unsynced,
                                           images=summary.images, created=summary.created_local), "ok")
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        self.bar.hide()
        self.restore_button.setEnabled(True)
        self.result.show_state(error_text(exc), "error")

    def isComplete(self) -> bool:
        return self.summary is not None

    def nextId(self) -> int:
        return PAGE_CAMERA
