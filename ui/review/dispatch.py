"""Licence dispatch (执照寄出) of an approved case: by mail with the carrier and the tracking number, or by
hand delivery. The township records the arrival itself; it sees the dispatch through the change feed.

The form checks what the district would refuse (mail without carrier or tracking number) before sending,
so the reviewer reads the problem beside the field instead of in a banner after a round trip.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from counter_app.sync import review_protocol as rp
from ui.review.forms import _Form

# Carriers the district uses most; the field stays editable for any other.
CARRIERS = ("EMS", "中国邮政", "顺丰速运", "京东物流")
# Tracking numbers are letters and digits (EMS: 13 characters, others up to ~20); the server allows 64.
TRACKING = re.compile(r"^[A-Za-z0-9-]{6,40}$")


class DispatchForm(_Form):
    def __init__(self, case_number: str, uscc: str | None, licence_number: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record the licence dispatch of case {number}").format(number=case_number),
                         parent)
        self.setObjectName("dispatchForm")
        self.resize(560, 260)
        self.ok_button.setText(self.tr("Record dispatch"))
        intro = QLabel(self.tr("The licence was printed and is sent to the township now. The township "
                               "records its arrival."), self)
        intro.setWordWrap(True)
        licence = QLabel(self.tr("Licence {licence} · USCC {uscc}").format(
            licence=licence_number or "—", uscc=uscc or "—"), self)
        licence.setObjectName("dispatchLicence")
        self.mail = QRadioButton(self.tr("By mail"), self)
        self.mail.setObjectName("dispatchMail")
        self.hand = QRadioButton(self.tr("Hand delivery"), self)
        self.hand.setObjectName("dispatchHand")
        self.method = QButtonGroup(self)
        self.method.addButton(self.mail)
        self.method.addButton(self.hand)
        self.mail.setChecked(True)
        methods = QHBoxLayout()
        methods.addWidget(self.mail)
        methods.addWidget(self.hand)
        methods.addStretch(1)
        self.carrier = QComboBox(self)
        self.carrier.setObjectName("dispatchCarrier")
        self.carrier.setEditable(True)
        self.carrier.addItems(CARRIERS)
        self.tracking = QLineEdit(self)
        self.tracking.setObjectName("dispatchTracking")
        self.tracking.setMaxLength(64)
        self.tracking.setPlaceholderText(self.tr("e.g. EA123456789CN"))
        form = QFormLayout()
        form.addRow(self.tr("Method"), methods)
        form.addRow(self.tr("Carrier"), self.carrier)
        form.addRow(self.tr("Tracking number"), self.tracking)
        self.layout_.addWidget(intro)
        self.layout_.addWidget(licence)
        self.layout_.addLayout(form)
        self.layout_.addStretch(1)
        self.finish_layout()
        self.mail.toggled.connect(self._method_changed)
        self.carrier.editTextChanged.connect(self.problem.hide)
        self.tracking.textChanged.connect(self.problem.hide)
        self._method_changed()

    def _method_changed(self) -> None:
        by_mail = self.mail.isChecked()
        self.carrier.setEnabled(by_mail)
        self.tracking.setEnabled(by_mail)
        self.problem.hide()

    def problem_text(self) -> str | None:
        """What is wrong with the form, or None."""
        if not self.mail.isChecked():
            return None
        carrier, tracking = self.carrier.currentText().strip(), self.tracking.text().strip()
        if not carrier and not tracking:
            return self.tr("Mail needs the carrier and the tracking number.")
        if not carrier:
            return self.tr("Enter the carrier.")
        if not tracking:
            return self.tr("Enter the tracking number.")
        if not TRACKING.match(tracking):
            return self.tr("The tracking number has 6 to 40 letters or digits.")
        return None

    def accept(self) -> None:
        problem = self.problem_text()
        if problem is not None:
            self.problem.setText(problem)
            self.problem.show()
            (self.carrier if not self.carrier.currentText().strip() else self.tracking).setFocus()
            return
        super().accept()

    def request(self) -> rp.DispatchRequest:
        if self.hand.isChecked():
            return rp.DispatchRequest(method="hand")
        return rp.DispatchRequest(method="mail", carrier=self.carrier.currentText().strip(),
                                  tracking_number=self.tracking.text().strip())


def dispatch_notice(number: str, request: rp.DispatchRequest) -> str:
    if request.method == "hand":
        return QCoreApplication.translate("DispatchForm", "Case {number}: licence dispatched by hand "
                                          "delivery.").format(number=number)
    return QCoreApplication.translate("DispatchForm", "Case {number}: licence sent by {carrier}, tracking "
                                      "number {tracking}.").format(number=number, carrier=request.carrier,
                                                                   tracking=request.tracking_number)
