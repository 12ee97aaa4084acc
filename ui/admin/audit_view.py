"""The administrator's view of the counter's audit trail: list and filter it (case number, user, dates),
verify the hash chain (校验) and export it with the hashes (导出) so it can be checked independently.

Nothing personal is shown: records hold user names, case numbers, codes and counts, and details that
are free text are hidden (ui.admin.audit_labels). Verifying and exporting are themselves audited.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.security.audit_chain import ChainReport
from counter_app.store.audit import AuditEvent, AuditFilter, AuditLog
from ui.admin.audit_labels import action_label, safe_detail
from ui.i18n import error_text, pick
from ui.tasks import Runner

ROW_LIMIT = 2000  # the newest; narrow the filter for older records
COLUMNS = 7


class AuditViewDialog(QDialog):
    """No signals: a modal tool window. `admin` is who signed in to open it (the audit actor)."""

    def __init__(self, audit: AuditLog, runner: Runner, *, admin: str, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit trail"))
        self._audit = audit
        self._runner = runner
        self._admin = admin
        self.events: list[AuditEvent] = []
        self._highlight: int | None = None  # seq of the record the last verification found broken
        today = today or datetime.now().date()

        self.case_filter = QLineEdit(self)
        self.case_filter.setPlaceholderText(self.tr("Case number"))
        self.case_filter.setClearButtonEnabled(True)
        self.actor_filter = QComboBox(self)
        self.actor_filter.setMinimumContentsLength(12)
        self.use_dates = QCheckBox(self.tr("Dates"), self)
        self.date_from = QDateEdit(QDate(today.year, today.month, today.day).addDays(-30), self)
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.filter_button = QPushButton(self.tr("&Filter"), self)
        self.filter_button.clicked.connect(self.reload)
        self.case_filter.returnPressed.connect(self.reload)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Case:"), self))
        filters.addWidget(self.case_filter, 2)
        filters.addWidget(QLabel(self.tr("User:"), self))
        filters.addWidget(self.actor_filter, 1)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.date_to)
        filters.addWidget(self.filter_button)

        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Case number"),
            self.tr("Details"), self.tr("Hash")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

        self.count_label = QLabel(self)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_button = QPushButton(self.tr("&Verify chain"), self)
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.clicked.connect(self.choose_export)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)

        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.verify_button)
        actions.addWidget(self.export_button)
        actions.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_label)
        layout.addLayout(actions)
        self.resize(1280, 680)
        self._load_actors()
        self.reload()

    # --- listing -------------------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        actor = self.actor_filter.currentData()
        since = until = None
        if self.use_dates.isChecked():
            since = _utc_start(_day(self.date_from.date()))
            until = _utc_start(_day(self.date_to.date()) + timedelta(days=1))
        return AuditFilter(case_number=self.case_filter.text().strip() or None,
                           actor=actor if isinstance(actor, str) and actor else None,
                           since=since, until=until, limit=ROW_LIMIT)

    def reload(self) -> None:
        where = self.current_filter()
        self.filter_button.setEnabled(False)
        self._runner.run(lambda: self._audit.query(where), self._show, self._failed)

    def _load_actors(self) -> None:
        self.actor_filter.addItem(self.tr("All users"), "")
        self._runner.run(self._audit.actors, self._add_actors, self._failed)

    def _add_actors(self, actors: list[str]) -> None:
        for actor in actors:
            self.actor_filter.addItem(actor, actor)

    def _show(self, events: list[AuditEvent]) -> None:
        self.filter_button.setEnabled(True)
        self.events = list(reversed(events))  # newest first on screen
        self.table.setRowCount(len(self.events))
        for row, event in enumerate(self.events):
            number = event.case_number or _str(event.detail.get("case_number"))
            values = [str(event.seq), event.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), event.actor,
                      action_label(event.action), number, safe_detail(event.detail), event.hash[:12]]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 6:
                    item.setToolTip(event.hash)
                self.table.setItem(row, column, item)
        shown = self.tr("{count} records shown").format(count=len(self.events))
        if len(self.events) >= ROW_LIMIT:
            shown += self.tr(" (the newest {limit}; narrow the filter for older ones)").format(
                limit=ROW_LIMIT)
        self.count_label.setText(shown)
        if self._highlight is not None:
            self._select_seq(self._highlight)

    def _select_seq(self, seq: int) -> None:
        """Show the first bad record (or, when it was deleted, the one before the gap)."""
        for wanted in (seq, seq - 1):
            for row, event in enumerate(self.events):
                if event.seq == wanted:
                    self.table.selectRow(row)
                    item = self.table.item(row, 0)
                    if item is not None:
                        self.table.scrollToItem(item)
                    return

    # --- verify and export ---------------------------------------------------------------------------

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.result_label.setText(self.tr("Verifying the chain…"))
        self._runner.run(self._verify_and_record, self._verified, self._failed)

    def _verify_and_record(self) -> ChainReport:
        report = self._audit.verify()
        self._audit.record(actor=self._admin, action="audit.verify", case_id=None,
                           detail={"ok": report.ok, "checked": report.checked,
                                   "problem": report.problem.value if report.problem else None,
                                   "seq": report.seq})
        return report

    def _verified(self, report: ChainReport) -> None:
        self.verify_button.setEnabled(True)
        self.result_label.setProperty("failed", "no" if report.ok else "yes")
        self.result_label.setStyleSheet("color: #1b5e20;" if report.ok
                                        else "color: #b71c1c; font-weight: bold;")
        self.result_label.setText(pick(report.message_zh, report.message_en))
        self._highlight = report.seq
        self.reload()  # the verification itself is now the newest record

    def choose_export(self) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit trail"),
                                              str(Path.home() / f"audit-{stamp}.jsonl"),
                                              self.tr("JSON lines (*.jsonl)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        self.export_button.setEnabled(False)
        self._runner.run(lambda: self._export_and_record(path), self._exported, self._failed)

    def _export_and_record(self, path: Path) -> int:
        count = self._audit.export(path)
        self._audit.record(actor=self._admin, action="audit.export", case_id=None,
                           detail={"records": count, "format": "jsonl"})
        return count

    def _exported(self, count: int) -> None:
        self.export_button.setEnabled(True)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr(
            "{count} records exported with their hashes; the file can be verified on its own.").format(
            count=count))
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        for button in (self.filter_button, self.verify_button, self.export_button):
            button.setEnabled(True)
        self.result_label.setStyleSheet("color: #b71c1c;")
        self.result_label.setText(error_text(exc))


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _utc_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0)).astimezone(UTC)


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""
