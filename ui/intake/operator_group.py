"""Group 1: 经营者 (the operator)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from counter_app.domain.choices import EDUCATION_LEVELS, ETHNICITIES, GENDER_LABELS, POLITICAL_STATUSES
from counter_app.domain.model import Application, Gender, IdDocType
from ui.intake.fields import CodeCombo, line_edit
from ui.intake.group import IntakeGroup
from ui.intake.id_fields import doc_type_of, facts_from_resident_id, id_number_edit, id_type_combo, phone_edit


class OperatorGroup(IntakeGroup):
    prefixes = ("operator",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("1 Operator"), parent)
        self.name = line_edit(self, max_length=50)
        self.doc_type = id_type_combo(self)
        self.id_number = id_number_edit(self)
        self.gender = CodeCombo(GENDER_LABELS, self)
        self.birth_date = line_edit(self, placeholder=self.tr("YYYY-MM-DD"), max_length=10)
        self.ethnicity = CodeCombo(ETHNICITIES, self)
        self.education = CodeCombo(EDUCATION_LEVELS, self)
        self.political_status = CodeCombo(POLITICAL_STATUSES, self)
        self.mobile = phone_edit(self, self.tr("e.g. 13800138000"))
        self.landline = phone_edit(self, self.tr("e.g. 0812-2900000"))
        self.residence = line_edit(self, placeholder=self.tr("As on the identity document"))
        self.email = line_edit(self, max_length=100)
        self.self_supporting = QCheckBox(self.tr("Aged 16-17 and living on own earnings"), self)

        p = "operator."
        self.add_field(p + "name", self.tr("Name"), self.name)
        self.add_field(p + "id_document.doc_type", self.tr("Document type"), self.doc_type)
        self.add_field(p + "id_document.number", self.tr("Document number"), self.id_number)
        self.alias(p + "id_document", p + "id_document.number")
        self.add_field(p + "gender", self.tr("Gender"), self.gender)
        self.add_field(p + "birth_date", self.tr("Date of birth"), self.birth_date)
        self.alias(p + "age", p + "birth_date")
        self.add_field(p + "ethnicity", self.tr("Ethnicity"), self.ethnicity)
        self.add_field(p + "education", self.tr("Education"), self.education)
        self.add_field(p + "political_status", self.tr("Political status"), self.political_status)
        self.add_field(p + "mobile", self.tr("Mobile phone"), self.mobile)
        self.add_field(p + "landline", self.tr("Landline"), self.landline)
        self.add_field(p + "residence", self.tr("Residence"), self.residence)
        self.add_field(p + "email", self.tr("E-mail"), self.email)
        self.add_field(p + "self_supporting", "", self.self_supporting)

        self.id_number.editingFinished.connect(self._prefill_from_id)

    def _prefill_from_id(self) -> None:
        """Fill birth date and gender from a resident ID when they are still empty; never overwrite."""
        if self.is_read_only() or doc_type_of(self.doc_type) is not IdDocType.RESIDENT_ID:
            return
        facts = facts_from_resident_id(self.id_number.text())
        if facts is None:
            return
        born, gender = facts
        if not self.birth_date.text().strip():
            self.birth_date.setText(born)
        if not self.gender.code():
            self.gender.set_code(gender)

    def load(self, app: Application) -> None:
        op = app.operator
        self.name.setText(op.name)
        self.doc_type.set_code(op.id_document.doc_type)
        self.id_number.setText(op.id_document.number)
        self.gender.set_code(op.gender.value if op.gender else "")
        self.birth_date.setText(op.birth_date)
        self.ethnicity.set_code(op.ethnicity)
        self.education.set_code(op.education)
        self.political_status.set_code(op.political_status)
        self.mobile.setText(op.mobile)
        self.landline.setText(op.landline)
        self.residence.setText(op.residence)
        self.email.setText(op.email)
        self.self_supporting.setChecked(op.self_supporting)

    def apply(self, app: Application) -> None:
        op = app.operator
        op.name = self.name.text()
        op.id_document.doc_type = doc_type_of(self.doc_type)
        op.id_document.number = self.id_number.text()
        op.gender = Gender(self.gender.code()) if self.gender.code() in set(Gender) else None
        op.birth_date = self.birth_date.text()
        op.ethnicity = self.ethnicity.code()
        op.education = self.education.code()
        op.political_status = self.political_status.code()
        op.mobile = self.mobile.text()
        op.landline = self.landline.text()
        op.residence = self.residence.text()
        op.email = self.email.text()
        op.self_supporting = self.self_supporting.isChecked()
