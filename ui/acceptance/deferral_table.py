"""One row per missing deferrable item: 容缺 yes/no, how it will be supplied, and by when.

The table only collects the applicant's choices; AcceptanceService decides whether they are acceptable.
Dates are bounded here (today … committed decision date) so the usual mistake cannot be typed at all;
the service checks again regardless.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from counter_app.domain.deferral import DELIVERY_LABELS, DeferralRequest
from counter_app.domain.materials import MissingItem
from counter_app.domain.model import DeliveryMethod
from ui.acceptance.dates import from_qdate, to_qdate
from ui.i18n import pick, pick_pair

ERROR_COLOUR = QColor("#b71c1c")
ROW_HEIGHT = 34


@dataclass
class DeferralRow:
    item: MissingItem
    label: QTableWidgetItem
    defer: QCheckBox
    delivery: QComboBox
    due: QDateEdit


class DeferralTable(QTableWidget):
    """Signals:
        choices_changed(): a 容缺 box, a delivery method or a due date changed.
    """

    choices_changed = Signal()

    MATERIAL, DEFER, DELIVERY, DUE = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("deferralTable")
        self.rows: list[DeferralRow] = []
        self.setHorizontalHeaderLabels([self.tr("Missing material"), self.tr("Defer"),
                                        self.tr("How it will be supplied"), self.tr("Due by")])
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(self.MATERIAL, QHeaderView.ResizeMode.Stretch)
        for column in (self.DEFER, self.DELIVERY, self.DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab walks through the controls of each row (box, method, date), not through the cells.
        self.setTabKeyNavigation(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)

    def set_items(self, items: Sequence[MissingItem], *, today: dt.date, committed_due: dt.date) -> None:
        self.setRowCount(0)
        self.rows = []
        self.setRowCount(len(items))
        previous: QWidget | None = None
        for index, item in enumerate(items):
            row = self._make_row(item, today=today, committed_due=committed_due)
            self.setItem(index, self.MATERIAL, row.label)
            self.setCellWidget(index, self.DEFER, row.defer)
            self.setCellWidget(index, self.DELIVERY, row.delivery)
            self.setCellWidget(index, self.DUE, row.due)
            self.setRowHeight(index, ROW_HEIGHT)
            for widget in (row.defer, row.delivery, row.due):
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
            self.rows.append(row)
        self._fit_height()

    def _make_row(self, item: MissingItem, *, today: dt.date, committed_due: dt.date) -> DeferralRow:
        label = QTableWidgetItem(pick(item.label_zh, item.label_en))
        label.setFlags(Qt.ItemFlag.ItemIsEnabled)
        defer = QCheckBox(self.tr("Defer"), self)
        defer.setToolTip(self.tr("The applicant chooses to supply this item later (容缺受理)"))
        delivery = QComboBox(self)
        for method in DeliveryMethod:
            delivery.addItem(pick_pair(DELIVERY_LABELS[method]), method.value)
        due = QDateEdit(self)
        due.setCalendarPopup(True)
        due.setDisplayFormat("yyyy-MM-dd")
        due.setDateRange(to_qdate(min(today, committed_due)), to_qdate(committed_due))
        due.setDate(to_qdate(committed_due))
        due.setToolTip(self.tr("Not later than the committed decision date"))
        row = DeferralRow(item, label, defer, delivery, due)
        defer.toggled.connect(lambda _on, r=row: self._toggled(r))
        delivery.currentIndexChanged.connect(lambda _i: self.choices_changed.emit())
        due.dateChanged.connect(lambda _d: self.choices_changed.emit())
        self._toggled(row, notify=False)
        return row

    def _toggled(self, row: DeferralRow, *, notify: bool = True) -> None:
        on = row.defer.isChecked()
        row.delivery.setEnabled(on)
        row.due.setEnabled(on)
        if notify:
            self.choices_changed.emit()

    def _fit_height(self) -> None:
        # Show every row without an inner scroll bar: there are rarely more than three deferrable items.
        visible = max(1, min(len(self.rows), 6))
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + visible * ROW_HEIGHT + 4)

    # --- reading and marking -------------------------------------------------------------------------

    def requests(self) -> list[DeferralRequest]:
        return [DeferralRequest(row.item.key, DeliveryMethod(row.delivery.currentData()),
                                from_qdate(row.due.date()))
                for row in self.rows if row.defer.isChecked()]

    def any_deferred(self) -> bool:
        return any(row.defer.isChecked() for row in self.rows)

    def row_for(self, key: str) -> DeferralRow | None:
        return next((row for row in self.rows if row.item.key == key), None)

    def mark(self, messages: dict[str, str]) -> None:
        """Show problems on their rows (item key -> message); rows not named are cleared."""
        for row in self.rows:
            message = messages.get(row.item.key)
            row.label.setForeground(QBrush(ERROR_COLOUR) if message else QBrush())
            row.label.setToolTip(message or "")
            row.defer.setProperty("severity", "error" if message else "")
            row.defer.style().unpolish(row.defer)
            row.defer.style().polish(row.defer)
