"""Backs up the open data folder on the task runner while a progress dialog shows how far it got.

The worker only writes numbers into a BackupProgress; a timer on the GUI thread reads them, so no widget
is touched off the GUI thread. Cancel stops the backup at the next file and leaves no partial file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from counter_app.backup.create import BackupCancelled, BackupProgress, BackupSummary
from counter_app.backup.service import backup_folder, escrow_for
from counter_app.context import AppContext
from ui.i18n import error_text
from ui.tasks import Runner

AskPath = Callable[[QWidget, str], str | None]
_SCALE = 1000


def ask_backup_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("BackupTask", "Save the backup as"), suggested,
        QCoreApplication.translate("BackupTask", "Backup files (*.cbak)"))
    return path or None


def suggested_name(context: AppContext, now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M")
    return str(Path.home() / f"counter-backup-{context.settings.township_code}-{stamp}.cbak")


class BackupTask(QObject):
    """Signals:
        finished(object): the backup was written; carries the BackupSummary.
        failed(str): it was not (cancelled, refused, disk full); carries the message shown.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, context: AppContext, runner: Runner, parent: QWidget, *,
                 ask_path: AskPath = ask_backup_path, confirm: bool = True) -> None:
        super().__init__(parent)
        self._context = context
        self._runner = runner
        self._parent = parent
        self._ask_path = ask_path
        self._confirm = confirm
        self.progress: BackupProgress | None = None
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_progress)

    @property
    def running(self) -> bool:
        return self.progress is not None

    def start(self) -> bool:
        """Ask where to write and start; False when nothing was started."""
        if self.running:
            return False
        sync = self._context.sync
        if sync is None:
            self._fail(self.tr("Sync is off in this window, so the backup key cannot be deposited with the "
                               "district. Restart the program and try again."))
            return False
        path = self._ask_path(self._parent, suggested_name(self._context))
        if not path:
            return False
        progress = self.progress = BackupProgress()
        self.dialog = QProgressDialog(self.tr("Backing up the cases and images of this computer…"),
                                      self.tr("Cancel"), 0, _SCALE, self._parent)
        self.dialog.setWindowTitle(self.tr("Backup"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(progress.cancel)
        self.dialog.show()
        self._timer.start()
        context, out = self._context, Path(path)

        def work() -> BackupSummary:
            # The escrow is built here, on the worker: it may have to start the embedded district.
            return backup_folder(context.data_dir, context.settings, out,
                                 escrow=escrow_for(sync, context.settings), audit=context.audit,
                                 actor=context.cases.clerk, progress=progress)

        self._runner.run(work, self._done, self._error)
        return True

    def _show_progress(self) -> None:
        if self.progress is None or self.dialog is None:
            return
        self.dialog.setValue(int(self.progress.fraction() * _SCALE))
        if self.progress.total_bytes:
            self.dialog.setLabelText(self.tr("Backing up… {done:.1f} of {total:.1f} MB").format(
                done=self.progress.done_bytes / 1e6, total=self.progress.total_bytes / 1e6))

    def _finish(self) -> None:
        self._timer.stop()
        self.progress = None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _done(self, summary: BackupSummary) -> None:
        self._finish()
        self.finished.emit(summary)
        if self._confirm:
            QMessageBox.information(self._parent, self.tr("Backup"), self.message(summary))

    def message(self, summary: BackupSummary) -> str:
        return self.tr("Backed up to {path} ({size:.1f} MB): {cases} cases, {unsynced} of them not yet "
                       "received by the district, {images} image files.\n\nKeep the file away from this "
                       "computer (USB drive or network share). On a new computer it is restored with a "
                       "clerk account of this township; the key is held by the district.").format(
            path=summary.path, size=summary.size / 1e6, cases=summary.cases, unsynced=summary.unsynced,
            images=summary.images)

    def _error(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, BackupCancelled):
            self._fail(self.tr("The backup was cancelled; no file was written."))
        else:
            self._fail(error_text(exc))

    def _fail(self, text: str) -> None:
        self.failed.emit(text)
        if self._confirm:
            QMessageBox.warning(self._parent, self.tr("Backup"), text)
