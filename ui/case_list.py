"""The case list: the counter's own cases, searchable by number, name (also pinyin initials) and ID suffix.

These are the clerk's own township's cases, so names show in full; ID numbers are masked all the same
(domain.md §7) because the list is on screen for anyone standing at the counter.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.masking import mask_id_number
from counter_app.domain.status import STATUS_LABELS, CaseStatus
from counter_app.errors import UserFacingError
from counter_app.services.cases import CaseService
from counter_app.store.repository import CaseSummary
from counter_app.sync.status import ATTENTION_STATE, SUBMITTED_STATE, CaseSyncState
from ui.i18n import error_text, pick, pick_pair
from ui.tasks import Runner

SEARCH_DELAY_MS = 250
ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # Qt's "no parent" default, shared rather than built per call


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def short_time(moment: datetime, now: datetime | None = None) -> str:
    """For the narrow list: the time for today, the day for this year, else the short date (the tooltip
    has the full time)."""
    local, today = moment.astimezone(), (now or datetime.now()).astimezone().date()
    if local.date() == today:
        return local.strftime("%H:%M")
    return local.strftime("%m-%d" if local.year == today.year else "%y-%m-%d")


class _EliderDelegate(QStyledItemDelegate):
    """Elides each column where its text says the least: case numbers and ID numbers differ at their
    end ("…1127-0010", "…****1237"), names at their start."""

    def __init__(self, elide_left: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._left = elide_left

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = (Qt.TextElideMode.ElideLeft if index.column() in self._left
                                else Qt.TextElideMode.ElideRight)


class CaseTableModel(QAbstractTableModel):
    # Status comes early: at 1366x768 the list is narrow and the clerk scans it for what needs doing.
    NUMBER, OPERATOR, STATUS, ID_NUMBER, NAME, UPDATED = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseSummary] = []
        self._sync: dict[str, CaseSyncState] = {}  # submitted cases: shown beside the status
        self._headers = [self.tr("Case number"), self.tr("Operator"), self.tr("Status"),
                         self.tr("ID number"), self.tr("Business name"), self.tr("Updated")]

    def set_rows(self, rows: list[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_sync_states(self, states: dict[str, CaseSyncState]) -> None:
        self._sync = dict(states)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.STATUS), self.index(len(self._rows) - 1, self.STATUS))

    def summary_at(self, row: int) -> CaseSummary:
        return self._rows[row]

    def row_of(self, case_id: str) -> int:
        return next((i for i, s in enumerate(self._rows) if s.case_id == case_id), -1)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.column() == self.STATUS and role == Qt.ItemDataRole.ForegroundRole:
            sync = self._sync.get(self._rows[index.row()].case_id)
            return QColor("#b71c1c") if sync is not None and sync.state == ATTENTION_STATE else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if column == self.NUMBER:
            return summary.case_number
        if column == self.OPERATOR:
            return summary.operator_name or self.tr("(no name yet)")
        if column == self.ID_NUMBER:
            return mask_id_number(summary.id_number)
        if column == self.NAME:
            return summary.business_name or self.tr("(no name)")
        if column == self.STATUS:
            return self._status_text(summary, tooltip=role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            return local_time(summary.updated_at)
        return short_time(summary.updated_at)

    def _status_text(self, summary: CaseSummary, *, tooltip: bool) -> str:
        """The case status, followed by where its upload stands while it is on its way (or stuck)."""
        text = pick_pair(STATUS_LABELS[summary.status])
        sync = self._sync.get(summary.case_id)
        if sync is None or sync.state == SUBMITTED_STATE:
            return text
        text = f"{text} · {pick(sync.label_zh, sync.label_en)}"
        if tooltip and sync.detail_zh:
            text = f"{text}\n{pick(sync.detail_zh, sync.detail_en or sync.detail_zh)}"
        return text


class CaseListPanel(QWidget):
    """Search box, status filter, "new case" button and the table.

    Signals:
        case_activated(str): the clerk opened the case with this id (click or Enter).
        new_case_requested(): the clerk pressed 新建案件.
        cases_loaded(int): the list was (re)loaded; carries the number of rows.
        load_failed(str): loading the list failed; carries the message for the status line.
    """

    case_activated = Signal(str)
    new_case_requested = Signal()
    cases_loaded = Signal(int)
    load_failed = Signal(str)

    def __init__(self, service: CaseService, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._current_id: str | None = None
        self.new_button = QPushButton(self.tr("New case"), self)
        self.new_button.setObjectName("newCaseButton")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Case number, name, pinyin initials or ID ending"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All statuses"), "")
        for status in CaseStatus:
            self.status_filter.addItem(pick_pair(STATUS_LABELS[status]), status.value)
        self.model = CaseTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self._fit_columns()
        self.count_label = QLabel(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Cases"), self))
        top.addStretch(1)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.status_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.new_button.clicked.connect(self.new_case_requested.emit)
        self.table.clicked.connect(self._on_activated)
        self.table.activated.connect(self._on_activated)

    def _fit_columns(self) -> None:
        """Every column fits the list's width at 1366×768 (no sideways scrolling): each column gets the
        width of its usual text, the business name the rest; longer text is elided (the tooltip has it
        whole; case and ID numbers keep their distinguishing end)."""
        model, table = self.model, self.table
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setWordWrap(False)
        table.setItemDelegate(_EliderDelegate({model.NUMBER, model.ID_NUMBER}, table))
        metrics = table.fontMetrics()
        samples = {model.NUMBER: "…1127-0010", model.OPERATOR: "欧阳娜娜", model.STATUS: "执照已寄出",
                   model.ID_NUMBER: "…**0000", model.UPDATED: "00-00-00"}
        for column in range(model.columnCount()):
            if column in samples:
                title = str(model.headerData(column, Qt.Orientation.Horizontal))
                width = max(metrics.horizontalAdvance(samples[column]), metrics.horizontalAdvance(title))
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(column, width + 12)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def set_sync_states(self, states: dict[str, CaseSyncState]) -> None:
        """Show each submitted case's upload state beside its status."""
        self.model.set_sync_states(states)

    def status(self) -> CaseStatus | None:
        code = self.status_filter.currentData()
        return CaseStatus(code) if code else None

    def refresh(self) -> None:
        self._search_timer.stop()
        query, status = self.search.text(), self.status()
        self._runner.run(lambda: self._service.list_cases(query, status), self._show_rows, self._failed)

    def set_current(self, case_id: str | None) -> None:
        """Highlight the case open in the editor, without re-opening it."""
        self._current_id = case_id
        row = self.model.row_of(case_id) if case_id else -1
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        selection.blockSignals(False)

    def _show_rows(self, rows: list[CaseSummary]) -> None:
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("Cases: {count}").format(count=len(rows)))
        self.set_current(self._current_id)
        self.cases_loaded.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            self.load_failed.emit(error_text(exc))
        else:
            self.load_failed.emit(
                self.tr("The case list could not be loaded ({error})").format(error=type(exc).__name__))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.model.summary_at(index.row()).case_id)
