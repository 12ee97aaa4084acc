"""The district reviewer's workspace: the queue and the case, one at a time, in one window.

Every network call goes through the task runner (`ui.tasks`); callbacks run on the GUI thread. After a
decision the next case is claimed and opened (领取下一件), so a reviewer works through the queue without
going back to it. Errors appear in a banner at the top in the interface language, never as a traceback.
The decision forms and what follows a decision live in `ui.review.decision_flow`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.review.client import ReviewClient
from counter_app.review.images import MaterialImages
from counter_app.sync import review_protocol as rp
from counter_app.sync.errors import ProblemResponse
from ui.i18n import error_text
from ui.review.case_view import CaseView
from ui.review.decision_flow import DecisionFlow
from ui.review.image_loader import CaseImages
from ui.review.queue_view import OPEN_STATUSES, QueueView
from ui.tasks import Runner

T = TypeVar("T")
CLAIM_RENEW_MS = 10 * 60 * 1000


class ReviewWindow(QMainWindow):
    """Signals:
        case_opened(str): a case is shown (its id) after claiming it.
        queue_loaded(int): the queue was (re)loaded; carries the total.
        decision_made(str): a decision was recorded (approved / returned / refused / dispatched).
        sign_out_requested(): the reviewer chose 退出登录.
    """

    case_opened = Signal(str)
    queue_loaded = Signal(int)
    decision_made = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, client: ReviewClient, runner: Runner, user_display_name: str, *, username: str = "",
                 images: MaterialImages | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        self.client = client
        self.runner = runner
        self.username = username
        self.setWindowTitle(self.tr("District review — {name}").format(name=user_display_name))
        self.form: QDialog | None = None
        self._busy = 0
        self._revealed = False
        self._queue_request = 0

        # The district's claims last 30 minutes; a reviewer still reading keeps the case by renewing it.
        self.claim_timer = QTimer(self)
        self.claim_timer.setInterval(CLAIM_RENEW_MS)
        self.claim_timer.timeout.connect(self.renew_claim)
        self.case_images = CaseImages(images or MaterialImages(client), runner, self)
        self.case_images.progress.connect(self._image_progress)
        self.case_images.failed.connect(self.show_error)
        self.queue = QueueView(self)
        self.case = CaseView(self.case_images, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.queue)
        self.stack.addWidget(self.case)
        self.banner = QLabel(self)
        self.banner.setObjectName("errorBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fdecea; color: #b71c1c; padding: 6px")
        self.banner.hide()
        self.notice = QLabel(self)
        self.notice.setObjectName("decisionNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setStyleSheet("background: #e8f5e9; color: #1b5e20; padding: 6px")
        self.notice.hide()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busyLabel")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("busyProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.image_label = QLabel(self)
        self.image_label.setObjectName("imageProgress")
        status = QWidget(self)
        status_layout = QHBoxLayout(status)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.addWidget(QLabel(self.tr("Reviewer: {name}").format(name=user_display_name), self))
        status_layout.addWidget(self.image_label)
        status_layout.addWidget(self.busy_label)
        status_layout.addWidget(self.progress)
        self.statusBar().addPermanentWidget(status, 1)

        self.refresh_action = self._action(self.tr("Refresh"), QKeySequence(Qt.Key.Key_F5), self.refresh)
        self.claim_next_action = self._action(self.tr("Claim next case"), QKeySequence("Ctrl+N"),
                                              self.claim_next)
        self.sign_out_action = self._action(self.tr("Sign out"), QKeySequence(), self.sign_out_requested.emit)
        menu = self.menuBar().addMenu(self.tr("&Review"))
        for action in (self.refresh_action, self.claim_next_action, self.sign_out_action):
            menu.addAction(action)

        self.queue.filters_changed.connect(self.load_queue)
        self.queue.refresh_requested.connect(self.load_queue)
        self.queue.open_requested.connect(self.open_case)
        self.queue.claim_next_requested.connect(self.claim_next)
        self.case.back_requested.connect(self.back_to_queue)
        self.decisions = DecisionFlow(self)  # the decision forms and what follows each decision
        self.case.release_requested.connect(self.decisions.release)
        self.case.approve_requested.connect(self.decisions.ask_approve)
        self.case.return_requested.connect(self.decisions.ask_return)
        self.case.refuse_requested.connect(self.decisions.ask_refuse)
        self.case.extension_requested.connect(self.decisions.ask_extension)
        self.case.reveal_requested.connect(self.reveal)
        self.case.dispatch_requested.connect(self.decisions.ask_dispatch)
        self.load_queue()
        self.decisions.load_phrases()
        # Names instead of codes once the district's list is here; codes stay shown if it fails.
        self.call(self.client.townships, self._townships_loaded, quiet=True)

    def _action(self, text: str, shortcut: QKeySequence, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- running calls -----------------------------------------------------------------------------

    def call(self, fn: Callable[[], T], on_done: Callable[[T], None], *, what: str = "",
              on_error: Callable[[BaseException], None] | None = None, quiet: bool = False) -> None:
        self._busy += 1
        self._show_busy(what)

        # A call may finish after the window is gone (signed out mid-call): then nothing is shown.
        def done(result: T) -> None:
            if not shiboken6.isValid(self):
                return
            self._idle()
            on_done(result)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._idle()
            if on_error is not None:
                on_error(exc)
            elif not quiet:
                self.show_error(exc)

        self.runner.run(fn, done, failed)

    def _show_busy(self, what: str) -> None:
        if what:
            self.busy_label.setText(what)
        self.progress.setVisible(self._busy > 0)

    def _idle(self) -> None:
        self._busy = max(0, self._busy - 1)
        if not self._busy:
            self.busy_label.setText("")
        self.progress.setVisible(self._busy > 0)

    def is_busy(self) -> bool:
        return self._busy > 0

    def show_error(self, exc: BaseException) -> None:
        self.banner.setText(error_text(exc))
        self.banner.show()

    def clear_messages(self) -> None:
        self.banner.hide()

    def _image_progress(self, done: int, total: int) -> None:
        self.image_label.setText(self.tr("Images {done}/{total}").format(done=done, total=total)
                                 if total and done < total else "")

    # --- queue -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.stack.currentWidget() is self.case and self.case.detail is not None:
            self.case_images.retry_missing()
            self._load_state(self.case.detail.view.case_id)
        else:
            self.load_queue()

    def load_queue(self) -> None:
        filters = self.queue.queue_filter()
        # Filters changed twice quickly: two loads run at once and may finish in either order; only the
        # latest request's answer is shown.
        self._queue_request += 1
        request = self._queue_request
        self.call(lambda: self.client.queue(filters), lambda page: self._queue_loaded(request, page),
                  what=self.tr("Loading the queue…"))

    def _queue_loaded(self, request: int, page: rp.QueuePage) -> None:
        if request != self._queue_request:
            return
        self.queue.show_page(page, self.username)
        self.queue_loaded.emit(page.total)

    def back_to_queue(self) -> None:
        self.claim_timer.stop()
        self.case.clear()
        self._revealed = False
        self.stack.setCurrentWidget(self.queue)
        self.queue.focus_table()
        self.load_queue()

    # --- opening a case ----------------------------------------------------------------------------

    def open_case(self, case_id: str) -> None:
        self.clear_messages()
        client = self.client
        # Undecided cases are claimed for deciding; a decided one (e.g. 待寄出) is only read.
        claim = self.queue.status_of(case_id) in (None, *OPEN_STATUSES)

        def work() -> rp.ReviewCaseDetail:
            if claim:
                client.claim(case_id)
            return client.detail(case_id)

        self.call(work, self._show_case, what=self.tr("Claiming and opening the case…"))

    def claim_next(self) -> None:
        self.clear_messages()
        client = self.client

        def work() -> rp.ReviewCaseDetail:
            return client.detail(client.claim_next().case_id)

        self.call(work, self._show_case, what=self.tr("Claiming the next case…"), on_error=self._no_next)

    def _no_next(self, exc: BaseException) -> None:
        if isinstance(exc, ProblemResponse) and exc.code == rp.ReviewProblemCode.NOTHING_TO_CLAIM:
            self.notice.setText(self.notice.text() + ("\n" if self.notice.text() else "")
                                + self.tr("The queue has no case left to claim."))
            self.notice.show()
            self.back_to_queue()
            return
        self.show_error(exc)

    def _show_case(self, detail: rp.ReviewCaseDetail) -> None:
        self._revealed = False
        self.case.clear()
        self.case.show_detail(detail, revealed=False)
        self.stack.setCurrentWidget(self.case)
        if detail.review.status in OPEN_STATUSES:
            self.claim_timer.start()
        self.case.pages.setFocus()
        self.case_opened.emit(detail.view.case_id)

    def reveal(self) -> None:
        """Show the personal data: the case is read again, which the district records as a read."""
        detail = self.case.detail
        if detail is None:
            return
        case_id = detail.view.case_id
        self.call(lambda: self.client.detail(case_id), self._revealed_detail,
                  what=self.tr("Reading the personal data…"))

    def _revealed_detail(self, detail: rp.ReviewCaseDetail) -> None:
        if self.case.detail is not None and self.case.detail.view.case_id == detail.view.case_id:
            self._revealed = True
            self.case.show_detail(detail, revealed=True)

    def _load_state(self, case_id: str) -> None:
        self.call(lambda: self.client.state(case_id), self.state_loaded, what=self.tr("Refreshing…"))

    def renew_claim(self) -> None:
        detail = self.case.detail
        if detail is None or self.stack.currentWidget() is not self.case:
            self.claim_timer.stop()
            return
        case_id = detail.view.case_id
        self.call(lambda: self.client.claim(case_id), self.state_loaded)

    def state_loaded(self, state: rp.ReviewState) -> None:
        if self.case.detail is not None and self.case.detail.view.case_id == state.case_id:
            self.case.show_state(state)

    def _townships_loaded(self, names: dict[str, str]) -> None:
        self.queue.set_township_names(names)
        self.case.township_names = names
        if self.case.detail is not None:
            self.case.show_state(self.case.detail.review)

    def say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    # --- closing -----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        # A claim left open expires by itself on the server; nothing here waits on the network.
        self.claim_timer.stop()
        self.case.clear()
        super().closeEvent(event)
