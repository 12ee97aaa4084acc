"""The pickup desk's two lists: licences the district has sent (to record their arrival) and licences
waiting at the counter (overdue ones marked). Names are masked: these are lists, not the open case."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.masking import mask_name
from counter_app.services.pickup import AwaitingPickup
from counter_app.store.repository import CaseSummary

OVERDUE_COLOUR = QColor("#b00020")
ROLE_CASE_NUMBER = Qt.ItemDataRole.UserRole
ROLE_CASE_ID = Qt.ItemDataRole.UserRole + 1


class PickupLists(QWidget):
    """Signals:
        case_chosen(str): a case was activated in either list; carries its case number.
        arrival_requested(str): "record arrival" for the selected dispatched case; carries the case id.
        refresh_requested(): the lists should be reloaded.
        overdue_filter_changed(bool): "overdue only" was toggled.
    """

    case_chosen = Signal(str)
    arrival_requested = Signal(str)
    refresh_requested = Signal()
    overdue_filter_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dispatched = QListWidget(self)
        self.dispatched.setObjectName("dispatchedList")
        self.arrival_button = QPushButton(self.tr("Record arrival and print the slip"), self)
        self.arrival_button.setEnabled(False)
        dispatched_box = QGroupBox(self.tr("Licences sent by the district"), self)
        box = QVBoxLayout(dispatched_box)
        box.addWidget(self.dispatched, 1)
        box.addWidget(self.arrival_button)

        self.awaiting = QListWidget(self)
        self.awaiting.setObjectName("awaitingList")
        self.overdue_only = QCheckBox(self.tr("Overdue only"), self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        awaiting_box = QGroupBox(self.tr("Waiting for pickup"), self)
        box = QVBoxLayout(awaiting_box)
        row = QHBoxLayout()
        row.addWidget(self.overdue_only)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        box.addLayout(row)
        box.addWidget(self.awaiting, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(dispatched_box, 2)
        layout.addWidget(awaiting_box, 3)

        self.dispatched.currentItemChanged.connect(
            lambda item, _prev: self.arrival_button.setEnabled(item is not None))
        self.dispatched.itemActivated.connect(self._activated)
        self.awaiting.itemActivated.connect(self._activated)
        self.arrival_button.clicked.connect(self._request_arrival)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.overdue_only.toggled.connect(self.overdue_filter_changed)

    def set_dispatched(self, cases: list[CaseSummary]) -> None:
        self.dispatched.clear()
        for case in cases:
            name = case.business_name or self.tr("(no business name)")
            item = QListWidgetItem(f"{case.case_number}  {mask_name(case.operator_name)}  {name}")
            item.setData(ROLE_CASE_NUMBER, case.case_number)
            item.setData(ROLE_CASE_ID, case.case_id)
            self.dispatched.addItem(item)
        self.arrival_button.setEnabled(False)

    def set_awaiting(self, licences: list[AwaitingPickup]) -> None:
        self.awaiting.clear()
        for licence in licences:
            due = licence.pickup_due.isoformat() if licence.pickup_due else ""
            text = self.tr("{number}  {name}  due {due}").format(
                number=licence.case_number, name=licence.operator_masked, due=due)
            if licence.overdue:
                text += "  " + self.tr("[overdue]")
            item = QListWidgetItem(text)
            item.setData(ROLE_CASE_NUMBER, licence.case_number)
            item.setData(ROLE_CASE_ID, licence.case_id)
            if licence.overdue:
                item.setForeground(QBrush(OVERDUE_COLOUR))
            self.awaiting.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self.case_chosen.emit(str(item.data(ROLE_CASE_NUMBER)))

    def _request_arrival(self) -> None:
        item = self.dispatched.currentItem()
        if item is not None:
            self.arrival_requested.emit(str(item.data(ROLE_CASE_ID)))
