"""The review queue as a Qt table model: one row per case, codes and dates only (no personal data).

The time-left column is coloured: past the committed limit red, near it amber. Rows keep the server's
order (least time left first).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from counter_app.domain.status import STATUS_LABELS, CaseStatus
from counter_app.sync.review_protocol import QueueItem
from ui.i18n import pick_pair

PAST_COLOUR = QColor("#c62828")
NEAR_COLOUR = QColor("#b26a00")
PAST_BACKGROUND = QColor("#fdecea")
NEAR_BACKGROUND = QColor("#fff4e0")
UNDECIDED = ("submitted", "in_review")  # the statuses whose review limit is running
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FLAG_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


def status_label(status: str) -> str:
    try:
        return pick_pair(STATUS_LABELS[CaseStatus(status)])
    except ValueError:
        return status


def time_left_text(item: QueueItem) -> str:
    left = item.working_days_left
    if left < 0:
        return QCoreApplication.translate("ReviewQueue", "{days} working day(s) overdue").format(days=-left)
    if left == 0:
        return QCoreApplication.translate("ReviewQueue", "Due today")
    return QCoreApplication.translate("ReviewQueue", "{days} working day(s) left").format(days=left)


class QueueModel(QAbstractTableModel):
    COLUMNS = ("case_number", "township", "status", "version", "accepted_on", "committed_due", "time_left",
               "deferred", "claimed_by")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[QueueItem] = []
        self._me = ""
        self._townships: dict[str, str] = {}

    def set_township_names(self, names: dict[str, str]) -> None:
        self._townships = dict(names)
        if self._items:
            column = self.COLUMNS.index("township")
            self.dataChanged.emit(self.index(0, column), self.index(len(self._items) - 1, column))

    def township_text(self, code: str) -> str:
        """The township's name (its code until the district's list has arrived)."""
        return self._townships.get(code, code)

    def set_items(self, items: list[QueueItem], me: str = "") -> None:
        self.beginResetModel()
        self._items = list(items)
        self._me = me
        self.endResetModel()

    def item(self, row: int) -> QueueItem:
        return self._items[row]

    def items(self) -> list[QueueItem]:
        return list(self._items)

    def row_of(self, case_id: str) -> int:
        return next((i for i, item in enumerate(self._items) if item.case_id == case_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("ReviewQueue", "Case number"),
            QCoreApplication.translate("ReviewQueue", "Township"),
            QCoreApplication.translate("ReviewQueue", "Status"),
            QCoreApplication.translate("ReviewQueue", "Version"),
            QCoreApplication.translate("ReviewQueue", "Accepted"),
            QCoreApplication.translate("ReviewQueue", "Committed limit"),
            QCoreApplication.translate("ReviewQueue", "Time left"),
            QCoreApplication.translate("ReviewQueue", "Deferred (容缺)"),
            QCoreApplication.translate("ReviewQueue", "Claimed by"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == CASE_ID_ROLE:
            return item.case_id
        if role == FLAG_ROLE:
            return item.deadline_flag
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if column == "time_left" and item.status not in UNDECIDED:
            return None  # a decided case has no review limit left to colour
        if column == "time_left" and role == Qt.ItemDataRole.ForegroundRole:
            colour = {"past": PAST_COLOUR, "near": NEAR_COLOUR}.get(item.deadline_flag)
            return QBrush(colour) if colour else None
        if column == "time_left" and role == Qt.ItemDataRole.BackgroundRole:
            colour = {"past": PAST_BACKGROUND, "near": NEAR_BACKGROUND}.get(item.deadline_flag)
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column == "township":
            return item.township_code
        if role == Qt.ItemDataRole.ToolTipRole and column == "committed_due":
            extended = QCoreApplication.translate("ReviewQueue", " (extended)") if item.extended else ""
            return QCoreApplication.translate("ReviewQueue", "Legal limit: {date}").format(
                date=item.legal_due.isoformat()) + extended
        return None

    def _text(self, item: QueueItem, column: str) -> str:
        if column == "case_number":
            return item.case_number
        if column == "township":
            return self.township_text(item.township_code)
        if column == "status":
            return status_label(item.status)
        if column == "accepted_on":
            return item.accepted_on.isoformat()
        if column == "committed_due":
            return item.committed_due.isoformat() + ("*" if item.extended else "")
        if column == "time_left":
            return time_left_text(item) if item.status in UNDECIDED else ""
        if column == "deferred":
            count = len(item.deferred_outstanding)
            if not count:
                return ""
            return QCoreApplication.translate("ReviewQueue", "{count} outstanding").format(count=count)
        if column == "claimed_by":
            if item.claimed_by is None:
                return ""
            if item.claimed_by == self._me:
                return QCoreApplication.translate("ReviewQueue", "Me")
            return item.claimed_by
        return str(item.version)
