"""The reviewer's decisions on the open case: the form for each (核准, 退回补正, 不予登记, 延期, 登记寄出),
the call that records it, and what follows (the notice, then the next case or back to the queue).

Split from `ui.review.window` so the window keeps the queue, opening a case and the claim; this object
owns nothing but the standard phrases and acts on the window it was made for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from counter_app.sync import review_protocol as rp
from ui.review.dispatch import DispatchForm, dispatch_notice
from ui.review.forms import ApproveForm, ExtensionForm, RefuseForm, ReturnForm
from ui.review.notices import decision_notice

if TYPE_CHECKING:
    from ui.review.window import ReviewWindow


class DecisionFlow(QObject):
    def __init__(self, window: ReviewWindow) -> None:
        super().__init__(window)
        self._window = window
        self.phrases: list[rp.ReturnPhrase] | None = None  # the district's standard return phrases

    def load_phrases(self) -> None:
        """Fetched once, quietly: the return form asks again if this failed."""
        self._window.call(self._window.client.phrases, self._phrases_loaded, quiet=True)

    def _open_form(self, form: QDialog, on_accept: Callable[[], None]) -> None:
        window = self._window
        window.form = form
        form.accepted.connect(on_accept)
        form.finished.connect(form.deleteLater)
        form.finished.connect(lambda _code: setattr(window, "form", None))
        form.open()

    def _current(self) -> rp.ReviewCaseDetail | None:
        return self._window.case.detail

    def ask_approve(self) -> None:
        detail = self._current()
        if detail is None:
            return
        window = self._window
        copies = int(detail.application.get("paper_copies") or 0)
        form = ApproveForm(detail.view.case_number, copies, window.case.checklist.unchecked_count(), window)
        case_id = detail.view.case_id
        # The request is read from the form here, on the GUI thread; the worker only sends it.
        self._open_form(form, lambda: self._decide("approved", partial(window.client.approve, case_id,
                                                                       form.request())))

    def ask_return(self) -> None:
        detail = self._current()
        if detail is None:
            return
        window = self._window
        if self.phrases is None:
            window.call(window.client.phrases, self._phrases_then_return,
                        what=self.tr("Loading the standard phrases…"))
            return
        form = ReturnForm(detail.view.case_number, window.case.field_choices(), window.case.slot_choices(),
                          self.phrases, window)
        case_id = detail.view.case_id
        self._open_form(form, lambda: self._decide(
            "returned", partial(window.client.return_for_correction, case_id, form.request())))

    def ask_refuse(self) -> None:
        detail = self._current()
        if detail is None:
            return
        window = self._window
        form = RefuseForm(detail.view.case_number, window)
        case_id = detail.view.case_id
        self._open_form(form, lambda: self._decide("refused", partial(window.client.refuse, case_id,
                                                                      form.request())))

    def ask_extension(self) -> None:
        detail = self._current()
        if detail is None:
            return
        window = self._window
        form = ExtensionForm(detail.view.case_number, window)
        case_id = detail.view.case_id
        self._open_form(form, lambda: window.call(
            partial(window.client.extend, case_id, form.request()), self._extended,
            what=self.tr("Extending the limit…")))

    def _extended(self, state: rp.ReviewState) -> None:
        self._window.state_loaded(state)
        self._window.say(self.tr("Legal limit extended to {date}.").format(date=state.legal_due.isoformat()))

    def ask_dispatch(self) -> None:
        detail = self._current()
        if detail is None:
            return
        window = self._window
        state = detail.review
        form = DispatchForm(detail.view.case_number, state.uscc, state.licence_number, window)
        case_id, number = detail.view.case_id, detail.view.case_number

        def send() -> None:
            request = form.request()
            window.clear_messages()
            window.call(partial(window.client.dispatch, case_id, request),
                        lambda _state: self._dispatched(dispatch_notice(number, request)),
                        what=self.tr("Recording the dispatch…"))

        self._open_form(form, send)

    def _dispatched(self, text: str) -> None:
        self._window.say(text)
        self._window.decision_made.emit("dispatched")
        self._window.back_to_queue()  # the case leaves the 待寄出 list

    def release(self) -> None:
        detail = self._current()
        if detail is None:
            return
        window = self._window
        case_id = detail.view.case_id
        window.call(lambda: window.client.release(case_id), lambda _state: window.back_to_queue(),
                    what=self.tr("Releasing the case…"))

    def _decide(self, outcome: str, call: Callable[[], rp.ReviewState]) -> None:
        detail = self._current()
        number = detail.view.case_number if detail is not None else ""
        self._window.clear_messages()
        self._window.call(call, lambda state: self._decided(outcome, number, state),
                          what=self.tr("Recording the decision…"))

    def _decided(self, outcome: str, number: str, state: rp.ReviewState) -> None:
        self._window.say(decision_notice(outcome, number, state))
        self._window.decision_made.emit(outcome)
        self._window.claim_next()

    def _phrases_loaded(self, phrases: list[rp.ReturnPhrase]) -> None:
        self.phrases = phrases

    def _phrases_then_return(self, phrases: list[rp.ReturnPhrase]) -> None:
        self.phrases = phrases
        self.ask_return()
