"""Applications for store tests: every field of the model set to a non-default value, personal values easy
to grep for. Meant for storage round trips, not as a valid application (e.g. copies without a paper
licence)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

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
from counter_app.domain.status import CaseStatus
from counter_app.store.repository import CaseRecord, CaseRepository

OPERATOR_NAME = "张三"
OPERATOR_ID = "11010519491231002X"
OPERATOR_MOBILE = "13800138000"
OPERATOR_RESIDENCE = "北京市朝阳区幸福大街甲12号院3号楼"
PREMISES_DETAIL = "人民路八十八号附一号"
RARE_NAME = "𠮷䶮"  # CJK Ext. B (U+20BB7) and Ext. A (U+4DAE): must survive every layer


def complete_application(*, name: str = OPERATOR_NAME, id_number: str = OPERATOR_ID,
                         mobile: str = OPERATOR_MOBILE, business_name: str = "攀枝花市仁和区张三小吃店"
                         ) -> Application:
    return Application(
        business_name=business_name,
        composition=CompositionForm.FAMILY,
        premises=Address(province="四川省", city="攀枝花市", county="仁和区", township="大河中路街道",
                         village="机场路社区", detail=PREMISES_DETAIL),
        ecommerce=True,
        online_premises="https://shop.example.cn/zhangsan",
        capital_wan="3.5",
        scope_item_ids=["G-0101", "L-0201"],
        approval_documents=[ApprovalDocument(scope_item_id="L-0201", document_name="食品经营许可证",
                                             document_number="JY15104110000123",
                                             issuing_authority="仁和区市场监督管理局")],
        employees=3,
        business_phone="0812-3334444",
        postal_code="617000",
        paper_licence=False,
        paper_copies=2,
        operator=Operator(name=name, gender=Gender.FEMALE, birth_date="1949-12-31", ethnicity="01",
                          education="20", political_status="13",
                          id_document=IdDocument(IdDocType.RESIDENT_ID, id_number), mobile=mobile,
                          landline="010-88889999", residence=OPERATOR_RESIDENCE, email="zs@example.cn",
                          self_supporting=True),
        family_members=[
            FamilyMember(name=RARE_NAME, relationship="配偶",
                         id_document=IdDocument(IdDocType.HK_MACAU_PERMIT, "H12345678"),
                         political_status="13", signed=True),
            FamilyMember(name="李四", relationship="子女",
                         id_document=IdDocument(IdDocType.HKMT_RESIDENCE_PERMIT, "810000199001011234"),
                         political_status="01", signed=False),
        ],
        liaison=Liaison(name="王五", mobile="13912345678", landline="0812-5556666", email="ww@example.cn",
                        id_document=IdDocument(IdDocType.TAIWAN_PERMIT, "12345678")),
        agent=Agent(name="赵六", mobile="15000000000", landline="0812-1112222",
                    id_document=IdDocument(IdDocType.RESIDENT_ID, "440524188001010014"),
                    powers=AgentPowers(verify_copies=True, correct_forms=False, correct_documents=True,
                                       collect_licence=True)),
        commitments=Commitments(truthful=True, name_compliant=True, premises_right=True,
                                no_licensed_activity_before_approval=True, signed=True),
    )


def new_record(repo: CaseRepository, application: Application | None = None, *,
               township: str = "510411", status: CaseStatus = CaseStatus.DRAFT) -> CaseRecord:
    """A CaseRecord ready for `repo.create`, numbered by the repository like the service does."""
    now = datetime.now(UTC)
    return CaseRecord(case_id=str(uuid.uuid4()), case_number=repo.next_case_number(township, now.date()),
                      township_code=township, status=status, version=1,
                      application=application or complete_application(),
                      created_at=now, updated_at=now, created_by="clerk-01")
