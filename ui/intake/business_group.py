"""Group 4: 经营信息 — optional business name, capital, staff, contact, paper licence."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from counter_app.domain.model import Application
from ui.intake.fields import line_edit
from ui.intake.group import IntakeGroup


class BusinessGroup(IntakeGroup):
    prefixes = ("business_name", "capital_wan", "employees", "business_phone", "postal_code",
                "paper_licence", "paper_copies")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("4 Business information"), parent)
        self.business_name = line_edit(self, placeholder=self.tr("Optional"), max_length=60)
        self.name_hint = QLabel(self.tr(
            "Structure: administrative division + trade name + industry + organisational form, "
            "e.g. 攀枝花市仁和区张三五金店"), self)
        self.name_hint.setObjectName("hintLabel")
        self.name_hint.setWordWrap(True)
        self.capital = line_edit(self, placeholder=self.tr("e.g. 5"), max_length=12)
        self.capital.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]*\.?[0-9]*"),
                                                              self.capital))
        self.employees = line_edit(self, placeholder=self.tr("Optional"), max_length=5)
        self.employees.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]*"),
                                                                self.employees))
        self.business_phone = line_edit(self, max_length=30)
        self.postal_code = line_edit(self, max_length=6)
        self.postal_code.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,6}"),
                                                                  self.postal_code))
        self.paper_licence = QCheckBox(self.tr("Paper licence requested"), self)
        self.paper_copies = QSpinBox(self)
        self.paper_copies.setRange(0, 9)
        self.paper_copies.setSuffix(self.tr(" copies"))
        licence_row = QWidget(self)
        row = QHBoxLayout(licence_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.paper_licence)
        row.addWidget(QLabel(self.tr("Duplicates:"), licence_row))
        row.addWidget(self.paper_copies)
        row.addStretch(1)

        self.add_field("business_name", self.tr("Business name"), self.business_name)
        self.form.addRow("", self.name_hint)
        self.add_field("capital_wan", self.tr("Capital (10,000 yuan)"), self.capital)
        self.add_field("employees", self.tr("Number of employees"), self.employees)
        self.add_field("business_phone", self.tr("Business phone"), self.business_phone)
        self.add_field("postal_code", self.tr("Postal code"), self.postal_code)
        self.add_composite(self.tr("Licence"), licence_row, [("paper_licence", self.paper_licence),
                                                             ("paper_copies", self.paper_copies)])
        self.paper_licence.toggled.connect(self._update_copies)
        self._update_copies()

    def _update_copies(self) -> None:
        self.paper_copies.setEnabled(self.paper_licence.isChecked() and not self.is_read_only())

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self._update_copies()

    def load(self, app: Application) -> None:
        self.business_name.setText(app.business_name)
        self.capital.setText(app.capital_wan)
        self.employees.setText("" if app.employees is None else str(app.employees))
        self.business_phone.setText(app.business_phone)
        self.postal_code.setText(app.postal_code)
        self.paper_licence.setChecked(app.paper_licence)
        self.paper_copies.setValue(app.paper_copies)

    def apply(self, app: Application) -> None:
        app.business_name = self.business_name.text()
        app.capital_wan = self.capital.text()
        employees = self.employees.text().strip()
        app.employees = int(employees) if employees.isdigit() else None
        app.business_phone = self.business_phone.text()
        app.postal_code = self.postal_code.text()
        app.paper_licence = self.paper_licence.isChecked()
        app.paper_copies = self.paper_copies.value() if app.paper_licence else 0
