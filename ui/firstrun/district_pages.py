"""Wizard pages 1–3: embedded demo or a district service; the district's address and certificate;
registering this counter with the administrator's one-time code."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from counter_app.config import Mode
from counter_app.firstrun.health import HealthResult, check_district, normalise_url
from counter_app.firstrun.setup import FirstRunChoices, register_counter
from counter_app.security.login_online import register_review_pc
from ui.firstrun.status_label import StatusLabel
from ui.i18n import error_text, pick
from ui.tasks import Runner

PAGE_MODE, PAGE_DISTRICT, PAGE_REGISTER, PAGE_CAMERA, PAGE_PRINTER, PAGE_FINISH, PAGE_RESTORE = range(7)
REVIEW_PC = "review_pc"  # settings.extra: this PC is a district review computer (no township counter)


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("hintLabel")
    label.setWordWrap(True)
    return label


class ModePage(QWizardPage):
    def __init__(self, choices: FirstRunChoices, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self.setTitle(self.tr("Welcome"))
        self.setSubTitle(self.tr("This computer is set up for the first time. Choose how it works."))
        self.demo = QRadioButton(self.tr("Embedded demo: a district service on this computer, demo accounts "
                                         "and a simulated camera. Do not enter real personal data."), self)
        self.district = QRadioButton(self.tr("Connect to the district review service (normal use at a "
                                             "township counter)"), self)
        self.restore = QRadioButton(self.tr("Restore from a backup (this computer replaces one whose data "
                                            "was backed up)"), self)
        group = QButtonGroup(self)
        for button in (self.demo, self.district, self.restore):
            group.addButton(button)
        # The demo is what pressing 下一步 all the way through gives (the README's first command promises
        # it); a real counter needs the administrator's address and code anyway, so it is a deliberate click.
        self.demo.setChecked(True)
        layout = QVBoxLayout(self)
        for button in (self.demo, self.district, self.restore):
            button.setStyleSheet("QRadioButton { padding: 6px 0; }")
            layout.addWidget(button)
        layout.addSpacing(12)
        layout.addWidget(_hint(self.tr("Data folder: {folder}").format(folder=data_dir), self))
        layout.addWidget(_hint(self.tr("The district administrator gives you the service address, its CA "
                                       "certificate if it uses its own, and a one-time registration code."),
                               self))
        layout.addStretch(1)

    def validatePage(self) -> bool:
        self._choices.mode = Mode.DEMO if self.demo.isChecked() else Mode.PRODUCTION
        self._choices.restore_from_backup = self.restore.isChecked()
        return True

    def nextId(self) -> int:
        return PAGE_CAMERA if self.demo.isChecked() else PAGE_DISTRICT


class DistrictPage(QWizardPage):
    """The address and certificate check. Next is enabled only after a successful check of exactly
    the address and CA file shown."""

    def __init__(self, choices: FirstRunChoices, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._runner = runner
        self._passed: tuple[str, str] | None = None
        self._checking = False
        self.setTitle(self.tr("District service"))
        self.setSubTitle(self.tr("Enter the address of the district review service and check the "
                                 "connection."))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://district.example.gov.cn:8443")
        self.ca_file = QLineEdit(self)
        self.ca_file.setPlaceholderText(self.tr("Empty: the certificate is checked with the public CAs"))
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.browse.clicked.connect(self.choose_ca_file)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.browse)
        self.check_button = QPushButton(self.tr("Check connection"), self)
        self.check_button.clicked.connect(self.check)
        self.result = StatusLabel(self)
        form = QFormLayout(self)
        form.addRow(self.tr("Service &address:"), self.url)
        form.addRow(self.tr("CA certificate (optional):"), ca_row)
        form.addRow("", self.check_button)
        form.addRow(self.result)
        form.addRow(_hint(self.tr("The connection is encrypted (https) and the server's certificate must "
                                  "verify. If the district uses its own certificate authority, choose the "
                                  "CA certificate file the administrator gave you."), self))
        self.url.textChanged.connect(self._changed)
        self.ca_file.textChanged.connect(self._changed)

    def choose_ca_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate"), "", self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.ca_file.setText(path)

    def _key(self) -> tuple[str, str]:
        return normalise_url(self.url.text()), self.ca_file.text().strip()

    def _changed(self) -> None:
        if self._passed is not None and self._passed != self._key():
            self._passed = None
            self.result.clear_state()
            self.completeChanged.emit()

    def check(self) -> None:
        if self._checking:
            return
        url, ca = self._key()
        self._checking = True
        self.check_button.setEnabled(False)
        self.result.show_state(self.tr("Checking the connection…"), "busy")
        self._runner.run(lambda: check_district(url, ca or None), lambda r: self._checked(r, (url, ca)),
                         self._failed)

    def _checked(self, result: HealthResult, key: tuple[str, str]) -> None:
        self._checking = False
        self.check_button.setEnabled(True)
        self.result.show_state(pick(result.message_zh, result.message_en), "ok" if result.ok else "error")
        self._passed = key if result.ok and key == self._key() else None
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self._checking = False
        self.check_button.setEnabled(True)
        self.result.show_state(error_text(exc), "error")

    def isComplete(self) -> bool:
        return self._passed is not None and self._passed == self._key()

    def validatePage(self) -> bool:
        self._choices.district_url, self._choices.ca_file = self._key()
        return True

    def nextId(self) -> int:
        return PAGE_REGISTER


class RegisterPage(QWizardPage):
    """Registers this PC once; afterwards the fields are fixed (the district knows it by them)."""

    def __init__(self, choices: FirstRunChoices, data_dir: Path, runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._data_dir = data_dir
        self._runner = runner
        self.device_id: str | None = None
        self.setTitle(self.tr("Register this counter"))
        self.setSubTitle(self.tr("The district administrator issues a one-time registration code for the "
                                 "township."))
        self.township_code = QLineEdit(self)
        self.township_code.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,9}"), self))
        self.township_code.setPlaceholderText("510411001")
        self.township_name = QLineEdit(self)
        self.township_name.setPlaceholderText(self.tr("e.g. 仁和镇"))
        self.counter_name = QLineEdit(self.tr("Counter 1"), self)
        self.counter_code = QLineEdit("01", self)
        self.counter_code.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,2}"), self))
        self.counter_code.setMaximumWidth(80)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("XXXX-XXXX-XXXX")
        self.register_button = QPushButton(self.tr("Register this computer"), self)
        self.register_button.clicked.connect(self.register)
        self.result = StatusLabel(self)
        # A reviewer's PC at the district is no township counter: it registers a district device with a
        # code made by `add-device-code --district`, and only reviewers sign in on it.
        self.as_counter = QRadioButton(self.tr("Township counter computer"), self)
        self.as_review = QRadioButton(self.tr("District review computer (reviewers only; the administrator "
                                              "makes its code with add-device-code --district)"), self)
        kind = QButtonGroup(self)
        kind.addButton(self.as_counter)
        kind.addButton(self.as_review)
        self.as_counter.setChecked(True)
        self.as_review.toggled.connect(self._kind_changed)
        form = QFormLayout(self)
        form.addRow(self.tr("This computer:"), self.as_counter)
        form.addRow("", self.as_review)
        form.addRow(self.tr("&Township code:"), self.township_code)
        form.addRow(self.tr("Township &name:"), self.township_name)
        form.addRow(self.tr("Counter n&ame:"), self.counter_name)
        form.addRow(self.tr("Counter number (2 digits, in case numbers):"), self.counter_code)
        form.addRow(self.tr("&Registration code:"), self.code)
        form.addRow("", self.register_button)
        form.addRow(self.result)

    def _fields(self) -> list[QLineEdit]:
        return [self.township_code, self.township_name, self.counter_name, self.counter_code, self.code]

    def _counter_fields(self) -> list[QLineEdit]:
        return [self.township_code, self.township_name, self.counter_name, self.counter_code]

    def _kind_changed(self) -> None:
        review = self.as_review.isChecked()
        for widget in self._counter_fields():
            widget.setEnabled(not review)
        if review:
            self.setTitle(self.tr("Register this review computer"))
            self.setSubTitle(self.tr("The district administrator issues a one-time registration code for a "
                                     "district device."))
        else:
            self.setTitle(self.tr("Register this counter"))
            self.setSubTitle(self.tr("The district administrator issues a one-time registration code for the "
                                     "township."))

    def _missing(self) -> str | None:
        if self.as_review.isChecked():
            return None if self.code.text().strip() else self.tr("Enter the registration code.")
        if len(self.township_code.text()) != 9:
            return self.tr("The township code has 9 digits.")
        if not self.township_name.text().strip() or not self.counter_name.text().strip():
            return self.tr("Enter the township name and the counter name.")
        if len(self.counter_code.text()) != 2:
            return self.tr("The counter number has 2 digits.")
        if not self.code.text().strip():
            return self.tr("Enter the registration code.")
        return None

    def register(self) -> None:
        missing = self._missing()
        if missing:
            self.result.show_state(missing, "error")
            return
        self.register_button.setEnabled(False)
        self.result.show_state(self.tr("Registering…"), "busy")
        choices, data_dir = self._choices, self._data_dir
        township, code = self.township_code.text(), self.code.text()
        counter = self.counter_name.text().strip()
        review = self.as_review.isChecked()

        def work() -> str:
            if review:
                return register_review_pc(data_dir, choices.district_url, ca_file=choices.ca_file or None,
                                          code=code)
            return register_counter(data_dir, choices.district_url, ca_file=choices.ca_file or None,
                                    township_code=township, counter_name=counter, registration_code=code)

        self._runner.run(work, self._registered, self._failed)

    def _registered(self, device_id: str) -> None:
        self.device_id = device_id
        for field in self._fields():
            field.setReadOnly(True)
        for button in (self.as_counter, self.as_review):
            button.setEnabled(False)
        self.result.show_state(self.tr("This computer is registered with the district service (device "
                                       "{device}…).").format(device=device_id[:8]), "ok")
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.register_button.setEnabled(True)
        self.result.show_state(error_text(exc), "error")

    def isComplete(self) -> bool:
        return self.device_id is not None

    def validatePage(self) -> bool:
        c = self._choices
        if self.as_review.isChecked():
            c.extra[REVIEW_PC] = True
            c.township_code = c.township_name = ""
            c.counter_name = self.tr("District review computer")
            return True
        c.extra.pop(REVIEW_PC, None)
        c.township_code, c.township_name = self.township_code.text(), self.township_name.text().strip()
        c.counter_name, c.counter_code = self.counter_name.text().strip(), self.counter_code.text()
        return True

    def nextId(self) -> int:
        return PAGE_RESTORE if self._choices.restore_from_backup else PAGE_CAMERA
