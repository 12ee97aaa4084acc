"""The review queue: filters (township, status, deadline, 容缺), counts, the table sorted by time left,
领取下一件. Arrow keys move, Enter opens the selected case, F5 (the window's action) refreshes.

The view only says what the reviewer wants (signals); the window runs the calls on the task runner.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.review.client import QueueFilter
from counter_app.sync.review_protocol import QueuePage
from ui.review.queue_model import UNDECIDED, QueueModel, status_label

OPEN = "open"
TO_DISPATCH = "to_dispatch"  # approved, licence not yet sent: the cases waiting for 寄出
OPEN_STATUSES = UNDECIDED  # a case in these is claimed when opened; a decided one is only read


class QueueTable(QTableView):
    """Signals:
        open_requested(int): Enter or a double-click on this row.
    """

    open_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)


class QueueView(QWidget):
    """Signals:
        filters_changed(): a filter changed; the window reloads the queue.
        open_requested(str): the reviewer wants to claim and open this case id.
        claim_next_requested(): 领取下一件.
        refresh_requested(): 刷新.
    """

    filters_changed = Signal()
    open_requested = Signal(str)
    claim_next_requested = Signal()
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewQueue")
        self.township = QComboBox(self)
        self.township.setObjectName("townshipFilter")
        self.township.addItem(self.tr("All townships"), None)
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("Waiting for review"), OPEN)
        self.status.addItem(self.tr("To dispatch (approved)"), TO_DISPATCH)
        for status in ("submitted", "in_review", "returned", "refused", "licence_dispatched"):
            self.status.addItem(status_label(status), status)
        self.deadline = QComboBox(self)
        self.deadline.setObjectName("deadlineFilter")
        self.deadline.addItem(self.tr("Any deadline"), None)
        self.deadline.addItem(self.tr("Near the limit"), "near")
        self.deadline.addItem(self.tr("Past the limit"), "past")
        self.deadline.addItem(self.tr("Within the limit"), "ok")
        self.deferred = QComboBox(self)
        self.deferred.setObjectName("deferredFilter")
        self.deferred.addItem(self.tr("Deferred items: any"), None)
        self.deferred.addItem(self.tr("With deferred items"), True)
        self.deferred.addItem(self.tr("Without deferred items"), False)
        for combo in (self.township, self.status, self.deadline, self.deferred):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.claim_next_button = QPushButton(self.tr("Claim next case"), self)
        self.claim_next_button.setObjectName("claimNextButton")
        self.claim_next_button.setToolTip(self.tr("Claim the free case with the least time left and open it"))
        self.claim_next_button.clicked.connect(self.claim_next_requested)
        self.open_button = QPushButton(self.tr("Claim and open (Enter)"), self)
        self.open_button.setObjectName("openButton")
        self.open_button.clicked.connect(self._open_current)
        self.counts = QLabel(self)
        self.counts.setObjectName("queueCounts")
        self.model = QueueModel(self)
        self.table = QueueTable(self)
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.open_requested.connect(self._open_row)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.empty = QLabel(self.tr("No case matches the filters."), self)
        self.empty.setObjectName("queueEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        filters = QHBoxLayout()
        for label, combo in ((self.tr("Township"), self.township), (self.tr("Status"), self.status),
                             (self.tr("Deadline"), self.deadline), (self.tr("Deferred"), self.deferred)):
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        actions.addWidget(self.counts, 1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.claim_next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self._updating = False

    # --- filters -----------------------------------------------------------------------------------

    def queue_filter(self) -> QueueFilter:
        status = self.status.currentData()
        statuses = () if status == OPEN else ("approved",) if status == TO_DISPATCH else (str(status),)
        return QueueFilter(township=self.township.currentData(), statuses=statuses,
                           deadline=self.deadline.currentData(), deferred=self.deferred.currentData())

    def show_to_dispatch(self) -> None:
        """Switch to the 待寄出 list (approved cases whose licence is not sent yet)."""
        self.status.setCurrentIndex(self.status.findData(TO_DISPATCH))

    def _filters_changed(self) -> None:
        reading = self.status.currentData() not in (OPEN, *OPEN_STATUSES)
        self.open_button.setText(self.tr("Open (Enter)") if reading else self.tr("Claim and open (Enter)"))
        if not self._updating:
            self.filters_changed.emit()

    def set_townships(self, codes: list[str]) -> None:
        """Offer every township known: the district's list (names) and any code seen in the queue."""
        known = {self.township.itemData(i) for i in range(self.township.count())}
        self._updating = True
        try:
            for code in sorted(set(codes) - known):
                self.township.addItem(self.model.township_text(code), code)
            for i in range(1, self.township.count()):
                self.township.setItemText(i, self.model.township_text(str(self.township.itemData(i))))
        finally:
            self._updating = False

    def set_township_names(self, names: dict[str, str]) -> None:
        self.model.set_township_names(names)
        self.set_townships(list(names))

    # --- content -----------------------------------------------------------------------------------

    def show_page(self, page: QueuePage, me: str) -> None:
        keep = self.current_case_id()
        self.model.set_items(page.items, me)
        self.set_townships([item.township_code for item in page.items])
        parts = [self.tr("{count} case(s)").format(count=page.total)]
        parts += [f"{status_label(status)} {n}" for status, n in sorted(page.counts.items())]
        self.counts.setText(" · ".join(parts))
        self.empty.setVisible(page.total == 0)
        row = self.model.row_of(keep) if keep else -1
        if self.model.rowCount():
            self.table.selectRow(max(row, 0))
        self.open_button.setEnabled(self.model.rowCount() > 0)

    def status_of(self, case_id: str) -> str | None:
        row = self.model.row_of(case_id)
        return self.model.item(row).status if row >= 0 else None

    def current_case_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.item(index.row()).case_id

    def focus_table(self) -> None:
        self.table.setFocus()

    def _open_current(self) -> None:
        index: QModelIndex = self.table.currentIndex()
        if index.isValid():
            self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_requested.emit(self.model.item(row).case_id)
