"""Group 3: 经营场所 (structured premises address) and the e-commerce operator's online premises."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from counter_app.domain.model import Application
from ui.intake.fields import line_edit
from ui.intake.group import IntakeGroup


class PremisesGroup(IntakeGroup):
    prefixes = ("premises", "ecommerce", "online_premises")

    def __init__(self, townships: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(self.tr("3 Business premises"), parent)
        self.province = line_edit(self, max_length=30)
        self.city = line_edit(self, max_length=30)
        self.county = line_edit(self, max_length=30)
        # Editable: the list holds the district's townships, but the clerk is never blocked by it.
        self.township = QComboBox(self)
        self.township.setEditable(True)
        self.township.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.set_townships(townships)
        self.village = line_edit(self, placeholder=self.tr("Village, road or community"), max_length=60)
        self.detail = line_edit(self, placeholder=self.tr("House number and further detail"))
        self.ecommerce = QCheckBox(self.tr("E-commerce operator"), self)
        self.online_premises = line_edit(self, placeholder=self.tr("Platform and shop address (URL)"))

        self.add_field("premises.province", self.tr("Province"), self.province)
        self.add_field("premises.city", self.tr("City"), self.city)
        self.add_field("premises.county", self.tr("County / district"), self.county)
        self.add_field("premises.township", self.tr("Township / street"), self.township)
        self.add_field("premises.village", self.tr("Village / road / community"), self.village)
        self.add_field("premises.detail", self.tr("Detailed address"), self.detail)
        self.add_field("ecommerce", "", self.ecommerce)
        self.add_field("online_premises", self.tr("Online premises"), self.online_premises)
        self.alias("premises", "premises.detail")
        self.ecommerce.toggled.connect(self._update_online)
        self._update_online()

    def set_townships(self, townships: Sequence[str]) -> None:
        current = self.township.currentText()
        self.township.blockSignals(True)
        self.township.clear()
        self.township.addItems(list(townships))
        self.township.setEditText(current)
        self.township.blockSignals(False)

    def _update_online(self) -> None:
        self.online_premises.setEnabled(self.ecommerce.isChecked() and not self.is_read_only())

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self._update_online()

    def load(self, app: Application) -> None:
        address = app.premises
        self.province.setText(address.province)
        self.city.setText(address.city)
        self.county.setText(address.county)
        self.township.setEditText(address.township)
        self.village.setText(address.village)
        self.detail.setText(address.detail)
        self.ecommerce.setChecked(app.ecommerce)
        self.online_premises.setText(app.online_premises)

    def apply(self, app: Application) -> None:
        address = app.premises
        address.province = self.province.text()
        address.city = self.city.text()
        address.county = self.county.text()
        address.township = self.township.currentText()
        address.village = self.village.text()
        address.detail = self.detail.text()
        app.ecommerce = self.ecommerce.isChecked()
        app.online_premises = self.online_premises.text()
