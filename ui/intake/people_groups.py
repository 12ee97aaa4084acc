"""Groups 6 and 7: 联络员 (liaison) and 委托代理人 (agent with the four powers)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counter_app.domain.model import Agent, AgentPowers, Application, IdDocument
from ui.intake.fields import line_edit
from ui.intake.group import IntakeGroup
from ui.intake.id_fields import doc_type_of, id_number_edit, id_type_combo, phone_edit
from ui.intake.operator_group import OperatorGroup


class LiaisonGroup(IntakeGroup):
    prefixes = ("liaison",)

    def __init__(self, operator: OperatorGroup, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("6 Liaison"), parent)
        self._operator = operator
        self.same_as_operator = QPushButton(self.tr("Same as operator"), self)
        self.same_as_operator.setToolTip(self.tr("Copy the operator's name, phones, e-mail and document"))
        self.same_as_operator.clicked.connect(self.copy_operator)
        self.name = line_edit(self, max_length=50)
        self.mobile = phone_edit(self)
        self.landline = phone_edit(self)
        self.email = line_edit(self, max_length=100)
        self.doc_type = id_type_combo(self)
        self.id_number = id_number_edit(self)
        self.form.addRow("", self.same_as_operator)
        self._editors.append(self.same_as_operator)
        p = "liaison."
        self.add_field(p + "name", self.tr("Name"), self.name)
        self.add_field(p + "mobile", self.tr("Mobile phone"), self.mobile)
        self.add_field(p + "landline", self.tr("Landline"), self.landline)
        self.add_field(p + "email", self.tr("E-mail"), self.email)
        self.add_field(p + "id_document.doc_type", self.tr("Document type"), self.doc_type)
        self.add_field(p + "id_document.number", self.tr("Document number"), self.id_number)
        self.alias(p + "id_document", p + "id_document.number")

    def copy_operator(self) -> None:
        op = self._operator
        self.name.setText(op.name.text())
        self.mobile.setText(op.mobile.text())
        self.landline.setText(op.landline.text())
        self.email.setText(op.email.text())
        self.doc_type.set_code(op.doc_type.code())
        self.id_number.setText(op.id_number.text())

    def load(self, app: Application) -> None:
        li = app.liaison
        self.name.setText(li.name)
        self.mobile.setText(li.mobile)
        self.landline.setText(li.landline)
        self.email.setText(li.email)
        self.doc_type.set_code(li.id_document.doc_type)
        self.id_number.setText(li.id_document.number)

    def apply(self, app: Application) -> None:
        li = app.liaison
        li.name = self.name.text()
        li.mobile = self.mobile.text()
        li.landline = self.landline.text()
        li.email = self.email.text()
        li.id_document.doc_type = doc_type_of(self.doc_type)
        li.id_document.number = self.id_number.text()


class AgentGroup(IntakeGroup):
    prefixes = ("agent",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("7 Authorised agent"), parent)
        self.has_agent = QCheckBox(self.tr("An agent files on the operator's behalf"), self)
        self.add_field("agent", "", self.has_agent)
        self.details = QWidget(self)
        self.name = line_edit(self.details, max_length=50)
        self.mobile = phone_edit(self.details)
        self.landline = phone_edit(self.details)
        self.doc_type = id_type_combo(self.details)
        self.id_number = id_number_edit(self.details)
        self.powers = {
            "verify_copies": QCheckBox(self.tr("1 Check copies of the materials and sign the check"), self),
            "correct_forms": QCheckBox(self.tr("2 Correct errors in the forms"), self),
            "correct_documents": QCheckBox(self.tr("3 Correct errors in own documents"), self),
            "collect_licence": QCheckBox(self.tr("4 Collect the licence and documents"), self),
        }
        p = "agent."
        self.add_field(p + "name", self.tr("Name"), self.name)
        self.add_field(p + "mobile", self.tr("Mobile phone"), self.mobile)
        self.add_field(p + "landline", self.tr("Landline"), self.landline)
        self.add_field(p + "id_document.doc_type", self.tr("Document type"), self.doc_type)
        self.add_field(p + "id_document.number", self.tr("Document number"), self.id_number)
        self.alias(p + "id_document", p + "id_document.number")
        powers_box = QWidget(self)
        column = QVBoxLayout(powers_box)
        column.setContentsMargins(0, 0, 0, 0)
        for box in self.powers.values():
            column.addWidget(box)
        self.add_composite(self.tr("Powers"), powers_box,
                           [(f"{p}powers.{key}", box) for key, box in self.powers.items()])
        self.alias(p + "powers", p + "powers.verify_copies")
        self._agent_fields = [self.name, self.mobile, self.landline, self.doc_type, self.id_number,
                              *self.powers.values()]
        self.has_agent.toggled.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        # Hiding rows of a QFormLayout is fiddly; disabled fields also show the clerk what an agent needs.
        # A read-only form keeps its check boxes disabled whatever the agent box says.
        enabled = self.has_agent.isChecked()
        for widget in self._agent_fields:
            if isinstance(widget, QLineEdit) or not self.is_read_only():
                widget.setEnabled(enabled)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self._update_enabled()

    def load(self, app: Application) -> None:
        agent = app.agent
        self.has_agent.setChecked(agent is not None)
        agent = agent or Agent()
        self.name.setText(agent.name)
        self.mobile.setText(agent.mobile)
        self.landline.setText(agent.landline)
        self.doc_type.set_code(agent.id_document.doc_type)
        self.id_number.setText(agent.id_document.number)
        for key, box in self.powers.items():
            box.setChecked(bool(getattr(agent.powers, key)))

    def apply(self, app: Application) -> None:
        if not self.has_agent.isChecked():
            app.agent = None
            return
        app.agent = Agent(
            name=self.name.text(), mobile=self.mobile.text(), landline=self.landline.text(),
            id_document=IdDocument(doc_type_of(self.doc_type), self.id_number.text()),
            powers=AgentPowers(**{key: box.isChecked() for key, box in self.powers.items()}),
        )
