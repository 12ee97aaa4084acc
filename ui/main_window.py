"""The counter client's main window: case list on the left, the open case on the right."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.config import SETTINGS_FILE
from counter_app.context import AppContext
from counter_app.domain.regions import load_default_regions
from counter_app.services.errors import ServiceError
from counter_app.store.repository import CaseRecord
from ui.admin.gate import open_audit_trail
from ui.admin.retention_timer import RetentionScheduler
from ui.backup.menu import add_backup_menu
from ui.capture.camera_settings import CameraSettingsDialog
from ui.case_editor import CaseEditor
from ui.case_list import CaseListPanel
from ui.i18n import CHINESE, ENGLISH, current_language, error_text, pick
from ui.pickup.desk import PickupDesk
from ui.printing.settings_dialog import PrintSettingsDialog
from ui.sync.case_states import CaseSyncStates
from ui.sync.indicator import SyncIndicator
from ui.tasks import Runner
from ui.updates.notice import UpdateNotice

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1366, 768)


def townships_for(context: AppContext) -> list[str]:
    """The townships of the counter's county for the premises combo; the counter's own first."""
    settings = context.settings
    try:
        county = load_default_regions().county_by_name(settings.default_county)
    except (OSError, ValueError):
        county = None
    names = list(county.townships) if county else []
    if settings.township_name in names:
        names.remove(settings.township_name)
    return [settings.township_name, *names] if settings.township_name else names


class MainWindow(QMainWindow):
    """No signals of its own: it wires the case list, the editor and the menus together."""

    def __init__(self, context: AppContext, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        self.service = context.cases
        self.setWindowTitle(self.tr("Sole proprietor registration — {counter}").format(
            counter=f"{context.settings.township_name} {context.settings.counter_name}"))
        self.resize(*DEFAULT_SIZE)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        self.banner = QLabel(self)
        self.banner.setObjectName("keyWarningBanner")
        self.banner.setWordWrap(True)
        if context.key_warning_zh:
            en = context.key_warning_en or context.key_warning_zh
            self.banner.setText(pick(context.key_warning_zh, en))
        self.banner.setVisible(bool(context.key_warning_zh))
        layout.addWidget(self.banner)
        self.update_notice = UpdateNotice(context.sync, context.settings, runner, self)  # newer version?
        layout.addWidget(self.update_notice)

        self.case_list = CaseListPanel(self.service, runner, self)
        self.editor = CaseEditor(self.service, runner, townships_for(context), self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.case_list)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([440, DEFAULT_SIZE[0] - 440])
        self.editor.enable_printing(context.printing)
        self.editor.enable_materials(context.materials, context.settings)
        self.pickup_desk = PickupDesk(context.pickup, context.printing, runner, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.splitter, self.tr("Cases"))
        self.tabs.addTab(self.pickup_desk, self.tr("Licence pickup"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.save_status = QLabel(self)
        self.save_status.setObjectName("saveStatus")
        self.statusBar().addPermanentWidget(self.save_status)
        # Sync: the indicator polls the core's status; per-case states reload when it changes.
        self.sync_indicator = SyncIndicator(context.sync, self)
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.case_sync = CaseSyncStates(context.sync, runner, self)
        self.sync_indicator.status_changed.connect(self.case_sync.reload)
        self.case_sync.states_changed.connect(lambda: self.case_list.set_sync_states(self.case_sync.states()))
        self.editor.enable_acceptance(context.acceptance, context.submissions, context.printing,
                                      self.case_sync)
        self.editor.enable_corrections(context.corrections, self.case_sync, context.deferred)
        self.sync_indicator.status_changed.connect(self.editor.district_may_have_changed)

        self._build_menus()
        # Housekeeping (issue 7): purge what retention allows, now and every few hours.
        self.retention = RetentionScheduler(context.retention, runner, self)
        self.retention.purged.connect(lambda report: self.show_status(
            pick(report.summary_zh(), report.summary_en())))
        self.case_list.case_activated.connect(self.open_case)
        self.case_list.new_case_requested.connect(self.new_case)
        self.case_list.load_failed.connect(lambda text: self.show_status(text, True))
        self.editor.case_stored.connect(self._case_stored)
        self.editor.status_message.connect(self.show_status)
        self.pickup_desk.case_changed.connect(self._case_stored)
        self.case_list.refresh()

    def _build_menus(self) -> None:
        cases = self.menuBar().addMenu(self.tr("&Case"))
        self.new_action = self._action(cases, self.tr("New case"), QKeySequence.StandardKey.New,
                                       self.new_case)
        self.find_action = self._action(cases, self.tr("Find case"), QKeySequence.StandardKey.Find,
                                        self.focus_search)
        self.save_action = self._action(cases, self.tr("Save now"), QKeySequence.StandardKey.Save,
                                        self.save_now)
        self.pre_review_action = self._action(cases, self.tr("Pre-review"), QKeySequence(Qt.Key.Key_F9),
                                              self.editor.pre_review)
        self.pickup_action = self._action(cases, self.tr("Licence pickup desk"), QKeySequence(Qt.Key.Key_F10),
                                          lambda: self.tabs.setCurrentWidget(self.pickup_desk))
        cases.addSeparator()
        self._action(cases, self.tr("Quit"), QKeySequence.StandardKey.Quit, self.close)

        sync = self.menuBar().addMenu(self.tr("S&ync"))
        self.sync_now_action = self._action(sync, self.tr("Sync now"), QKeySequence(Qt.Key.Key_F5),
                                            self.sync_indicator.sync_now)
        self.retry_sync_action = QAction(self.tr("Send the open case again"), self)
        self.retry_sync_action.triggered.connect(lambda _checked=False: self.retry_open_case())
        sync.addAction(self.retry_sync_action)
        self.sync_now_action.setEnabled(self.context.sync is not None)
        self.retry_sync_action.setEnabled(self.context.sync is not None)

        settings = self.menuBar().addMenu(self.tr("&Settings"))
        self.print_settings_action = QAction(self.tr("Print settings…"), self)
        self.print_settings_action.triggered.connect(lambda _checked=False: self.edit_print_settings())
        settings.addAction(self.print_settings_action)
        self.camera_settings_action = QAction(self.tr("Camera…"), self)
        self.camera_settings_action.triggered.connect(lambda _checked=False: self.edit_camera_settings())
        settings.addAction(self.camera_settings_action)
        self.backup_task = add_backup_menu(settings, self.context, self.runner, self)  # 备份/恢复
        language = settings.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in ((CHINESE, "中文"), (ENGLISH, "English")):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(current_language() == code)
            action.triggered.connect(lambda _checked, c=code: self.choose_language(c))
            group.addAction(action)
            language.addAction(action)
            self.language_actions[code] = action

        admin = self.menuBar().addMenu(self.tr("&Administration"))
        self.audit_action = QAction(self.tr("Audit trail…"), self)
        self.audit_action.triggered.connect(
            lambda _checked=False: open_audit_trail(self.context, self.runner, self))
        admin.addAction(self.audit_action)

    def _action(self, menu: QMenu, text: str, shortcut: QKeySequence | QKeySequence.StandardKey,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    # --- commands ------------------------------------------------------------------------------------

    def show_status(self, text: str, is_error: bool = False) -> None:
        self.save_status.setText(text)
        self.save_status.setProperty("failed", "yes" if is_error else "no")
        self.save_status.style().unpolish(self.save_status)
        self.save_status.style().polish(self.save_status)

    def _leave_current_case(self) -> bool:
        """Store the open case before showing another. On failure the clerk chooses; nothing is lost
        silently."""
        if self.editor.flush():
            return True
        answer = QMessageBox.warning(
            self, self.tr("Not saved"),
            self.tr("The open case could not be saved. Discard its latest changes and continue?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def new_case(self) -> None:
        if not self._leave_current_case():
            return
        try:
            record = self.service.new_case()
        except ServiceError as exc:
            self.show_status(error_text(exc), True)
            return
        self._show_record(record)
        self.case_list.refresh()
        self.editor.form.operator.name.setFocus()

    def open_case(self, case_id: str) -> None:
        if case_id == self.editor.case_id():
            return
        if not self._leave_current_case():
            self.case_list.set_current(self.editor.case_id())
            return
        try:
            record = self.service.open_case(case_id)
        except ServiceError as exc:
            self.show_status(error_text(exc), True)
            return
        self._show_record(record)

    def _show_record(self, record: CaseRecord) -> None:
        self.editor.open_record(record)
        self.case_list.set_current(record.case_id)
        self.show_status(self.tr("Opened case {number}").format(number=record.case_number))

    def save_now(self) -> None:
        if self.editor.save_now():
            self.case_list.refresh()

    def focus_search(self) -> None:
        self.case_list.search.setFocus()
        self.case_list.search.selectAll()

    def _case_stored(self, _record: CaseRecord) -> None:
        self.case_list.refresh()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.pickup_desk:
            self.pickup_desk.refresh()

    def edit_print_settings(self) -> None:
        dialog = PrintSettingsDialog(self.context.settings, self)
        if dialog.exec() != PrintSettingsDialog.DialogCode.Accepted:
            return
        dialog.apply()
        try:
            self.context.settings.save(self.context.data_dir / SETTINGS_FILE)
        except OSError as exc:
            self.show_status(self.tr("The print settings could not be saved ({error})").format(
                error=type(exc).__name__), True)
            return
        self.show_status(self.tr("Print settings saved."))

    def edit_camera_settings(self) -> None:
        dialog = CameraSettingsDialog(self.context.settings, self.runner, parent=self)
        if dialog.exec() != CameraSettingsDialog.DialogCode.Accepted:
            return
        dialog.apply()
        try:
            self.context.settings.save(self.context.data_dir / SETTINGS_FILE)
        except OSError as exc:
            self.show_status(self.tr("The camera settings could not be saved ({error})").format(
                error=type(exc).__name__), True)
            return
        self.show_status(self.tr("Camera settings saved."))

    def choose_language(self, language: str) -> None:
        settings = self.context.settings
        settings.language = language
        try:
            settings.save(self.context.data_dir / SETTINGS_FILE)
        except OSError as exc:
            self.show_status(self.tr("The language could not be saved ({error})").format(
                error=type(exc).__name__), True)
            return
        self.show_status(self.tr("The language changes the next time the program starts."))

    def retry_open_case(self) -> None:
        """After the reason the district refused the open case was cleared up: queue it again."""
        sync, case_id = self.context.sync, self.editor.case_id()
        if sync is None or case_id is None:
            self.show_status(self.tr("Open the case to send again first."), True)
            return
        clerk = self.service.clerk

        def done(queued: bool) -> None:
            if queued:
                self.show_status(self.tr("The case is queued to be sent again."))
                self.case_sync.reload()
            else:
                self.show_status(self.tr("The open case is not waiting for a retry."), True)

        self.runner.run(lambda: sync.retry(case_id, actor=clerk), done,
                        lambda exc: self.show_status(error_text(exc), True))

    def closeEvent(self, event: QCloseEvent) -> None:
        # The clerk never loses typing: whatever is pending is stored before the window goes.
        if not self._leave_current_case():
            event.ignore()
            return
        self.runner.shutdown()
        event.accept()
