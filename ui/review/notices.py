"""What the window says after a decision (the issued code and licence number, the remedies stated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.sync.review_protocol import ReviewState
from ui.i18n import pick


def decision_notice(outcome: str, number: str, state: ReviewState) -> str:
    if outcome == "approved":
        return QCoreApplication.translate(
            "ReviewWindow", "Case {number} approved: unified social credit code {uscc}, licence number "
                            "{licence}.").format(number=number, uscc=state.uscc or "",
                                                 licence=state.licence_number or "")
    if outcome == "returned":
        return QCoreApplication.translate(
            "ReviewWindow", "Case {number} returned to the counter for correction.").format(number=number)
    data = state.decisions[-1].data if state.decisions else {}
    remedies = pick(str(data.get("remedies_zh", "")), str(data.get("remedies_en", "")))
    return QCoreApplication.translate(
        "ReviewWindow", "Case {number}: registration refused. Remedies stated: {remedies}").format(
        number=number, remedies=remedies)
