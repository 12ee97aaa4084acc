"""The 备份/恢复 entries of the Settings menu: back up now; how a replaced PC gets the data back."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from counter_app.context import AppContext
from ui.backup.backup_task import BackupTask
from ui.tasks import Runner


def restore_help() -> str:
    return QCoreApplication.translate(
        "BackupMenu",
        "On a new or replaced computer: install the program and start it. In the first-run wizard choose "
        "\"Restore from a backup\", register the computer with a one-time code from the district "
        "administrator, sign in with a clerk account of this township and choose the backup file. The key "
        "of the backup is held by the district; cases not yet sent are sent after the restore.")


def add_backup_menu(menu: QMenu, context: AppContext, runner: Runner, parent: QWidget) -> BackupTask:
    """Add the submenu to `menu`; returns the task object (its `start` is what "Back up now" does)."""
    task = BackupTask(context, runner, parent)
    submenu = menu.addMenu(QCoreApplication.translate("BackupMenu", "Backup and restore"))
    backup = QAction(QCoreApplication.translate("BackupMenu", "Back up now…"), parent)
    backup.triggered.connect(lambda _checked=False: task.start())
    submenu.addAction(backup)
    restore = QAction(QCoreApplication.translate("BackupMenu", "Restore on a new computer…"), parent)
    restore.triggered.connect(lambda _checked=False: QMessageBox.information(
        parent, QCoreApplication.translate("BackupMenu", "Restore on a new computer"), restore_help()))
    submenu.addAction(restore)
    return task
