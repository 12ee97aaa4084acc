"""The handover form: pickup code, the presented ID, the clerk's eye check, the agent's authorisation,
the signature and the rating. It only collects input; the pickup service decides."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.capture.errors import CaptureError
from counter_app.capture.image_guard import MAX_FILE_BYTES, check_image_bytes
from counter_app.domain.choices import ID_DOC_TYPE_LABELS
from counter_app.domain.model import IdDocType
from counter_app.services.pickup import RATING_LABELS, SIGNATURE_MAX_PIXELS, PickupRequest
from ui.i18n import error_text, pick_pair
from ui.pickup.signature_pad import SignaturePad


class HandoverForm(QGroupBox):
    """Signals:
        hand_over_requested(): the clerk pressed "Hand over".
    """

    hand_over_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Hand over the licence"))
        self.code = QLineEdit(self)
        self.code.setObjectName("pickupCode")
        self.code.setPlaceholderText(self.tr("6 digits from the slip"))
        self.code.setMaxLength(9)
        self.id_type = QComboBox(self)
        for doc_type in IdDocType:
            self.id_type.addItem(pick_pair(ID_DOC_TYPE_LABELS[doc_type]), doc_type.value)
        self.id_number = QLineEdit(self)
        self.id_number.setObjectName("pickupIdNumber")
        self.id_number.setPlaceholderText(self.tr("Number on the ID presented"))
        self.holder_confirmed = QCheckBox(
            self.tr("I compared the person with the ID photo: they match"), self)
        self.authorisation_checked = QCheckBox(
            self.tr("Agent: I checked the signed authorisation (power to collect the licence)"), self)
        self.signature = SignaturePad(self)
        self.clear_signature = QPushButton(self.tr("Clear signature"), self)
        self.photo_button = QPushButton(self.tr("Photo of signed slip…"), self)
        self.photo_label = QLabel(self)
        self.photo_label.setWordWrap(True)  # the image guard's reasons are a sentence, in a narrow column
        self.photo_label.setMaximumWidth(180)
        self._photo: bytes | None = None
        self.rating = QComboBox(self)
        self.rating.addItem(self.tr("No rating"), 0)
        for level in sorted(RATING_LABELS, reverse=True):
            self.rating.addItem(f"{level} · {RATING_LABELS[level]}", level)
        self.submit = QPushButton(self.tr("Hand over"), self)
        self.submit.setObjectName("handOverButton")

        form = QFormLayout()
        form.addRow(self.tr("Pickup code"), self.code)
        form.addRow(self.tr("ID type"), self.id_type)
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow(self.holder_confirmed)
        form.addRow(self.authorisation_checked)
        signature_row = QHBoxLayout()
        signature_row.addWidget(self.signature, 1)
        signature_buttons = QVBoxLayout()
        signature_buttons.addWidget(self.clear_signature)
        signature_buttons.addWidget(self.photo_button)
        signature_buttons.addWidget(self.photo_label)
        signature_buttons.addStretch(1)
        signature_row.addLayout(signature_buttons)
        form.addRow(self.tr("Signature"), signature_row)
        form.addRow(self.tr("Satisfaction"), self.rating)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.submit)

        self.clear_signature.clicked.connect(self.signature.clear)
        self.clear_signature.clicked.connect(lambda: self.set_signature_photo(None))
        self.photo_button.clicked.connect(self._choose_photo)
        self.submit.clicked.connect(self.hand_over_requested)

    def request(self, case_id: str) -> PickupRequest:
        rating = int(self.rating.currentData() or 0)
        return PickupRequest(
            case_id=case_id, code=self.code.text(), id_number=self.id_number.text(),
            id_type=IdDocType(str(self.id_type.currentData())),
            holder_confirmed=self.holder_confirmed.isChecked(),
            signature=self._signature_bytes(),
            authorisation_checked=self.authorisation_checked.isChecked(),
            rating=rating or None)

    def set_signature_photo(self, data: bytes | None) -> None:
        """Use a photo (or scan) of the slip the collector signed instead of the pad."""
        self._photo = data
        self.photo_label.setText(self.tr("Photo attached") if data else "")

    def _signature_bytes(self) -> bytes:
        if self._photo:
            return self._photo
        return b"" if self.signature.is_empty() else self.signature.to_png()

    def _choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Photo of the signed slip"), "",
                                                    self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.attach_photo_file(path)

    def attach_photo_file(self, path: str) -> bool:
        """Attach the photo at `path` after the image guard's header check (size, format, declared
        pixels, complete file: no decoding here); the pickup service decodes it when handing over."""
        try:
            if not Path(path).is_file():  # a folder, a pipe or a device is never read "to the end"
                raise IsADirectoryError(path)
            with open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)  # bounded: a huge file never fills memory
            check_image_bytes(data, max_pixels=SIGNATURE_MAX_PIXELS)
        except OSError:
            self.set_signature_photo(None)
            self.photo_label.setText(self.tr("The photo could not be read."))
            return False
        except CaptureError as exc:
            self.set_signature_photo(None)
            self.photo_label.setText(error_text(exc))
            return False
        self.set_signature_photo(data)
        return True

    def reset(self) -> None:
        for line in (self.code, self.id_number):
            line.clear()
        self.holder_confirmed.setChecked(False)
        self.authorisation_checked.setChecked(False)
        self.signature.clear()
        self.set_signature_photo(None)
        self.rating.setCurrentIndex(0)
        self.id_type.setCurrentIndex(0)
