"""Sample data for the domain tests: domain.md's worked examples and a complete application."""

from __future__ import annotations

import datetime as dt

from counter_app.domain.model import (
    Address,
    Agent,
    AgentPowers,
    Application,
    ApprovalDocument,
    Commitments,
    CompositionForm,
    FamilyMember,
    Gender,
    IdDocType,
    IdDocument,
    Liaison,
    Operator,
)

TODAY = dt.date(2026, 3, 2)  # tests never depend on the real date

OPERATOR_ID = "11010519491231002X"  # domain.md: valid, female, born 1949-12-31
RETIRED_COUNTY_ID = "440524188001010014"  # domain.md: valid, male, retired county code (warning)
BAD_DATE_ID = "330106200102290018"  # checksum fine, 2001-02-29 does not exist
# A valid resident ID number whose last digit also happens to satisfy the USCC checksum.
USCC_LOOKALIKE_ID = "510411199001010879"


def complete_application() -> Application:
    """A family business with every group filled in and no errors (one known warning: the retired
    county code of the family member's ID)."""
    return Application(
        business_name="攀枝花市仁和区张三百货店",
        composition=CompositionForm.FAMILY,
        premises=Address("四川省", "攀枝花市", "仁和区", "仁和镇", "迤资村", "三组12号"),
        capital_wan="5",
        scope_item_ids=["G-0101", "L-0101"],
        approval_documents=[
            ApprovalDocument("L-0101", "食品经营许可证", "JY15104110001234", "仁和区市场监督管理局"),
        ],
        business_phone="0812-3331234",
        postal_code="617000",
        paper_copies=1,
        operator=Operator(
            name="张三", gender=Gender.FEMALE, birth_date="1949-12-31", ethnicity="01", education="60",
            political_status="13", id_document=IdDocument(IdDocType.RESIDENT_ID, OPERATOR_ID),
            mobile="138 0013 8000", residence="北京市朝阳区安慧里1号",
        ),
        family_members=[
            FamilyMember("李四", "spouse", IdDocument(IdDocType.RESIDENT_ID, RETIRED_COUNTY_ID), "13", True),
        ],
        liaison=Liaison("张三", "13800138000", id_document=IdDocument(IdDocType.RESIDENT_ID, OPERATOR_ID)),
        agent=Agent("王五", "13900139000", id_document=IdDocument(IdDocType.RESIDENT_ID, USCC_LOOKALIKE_ID),
                    powers=AgentPowers(collect_licence=True)),
        commitments=Commitments(True, True, True, True, True),
    )
