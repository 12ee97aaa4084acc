"""Document inputs for the tests: one of each, with a rare-character name."""

from __future__ import annotations

from datetime import UTC, date, datetime

from counter_app.domain.model import DeliveryMethod
from counter_app.printing.data import (
    CorrectionItem,
    CorrectionNoticeData,
    CounterInfo,
    DeferralNoticeData,
    DeferredLine,
    MaskedPerson,
    MaterialLine,
    PickupSlipData,
    ReceiptData,
    RefusalNoticeData,
)
from tests.unit.printing.helpers import LICENCE

CASE_NUMBER = "510411001-01-20261127-0001"
OPERATOR_ID = "11010519491231002X"
AGENT_ID = "440524188001010014"
NAME = "张𠮷䶮"
COUNTER = CounterInfo(centre_name="仁和镇便民服务中心", counter_name="1号窗口", phone="0812-2900000",
                      authority_name="攀枝花市仁和区市场监督管理局", address="仁和镇政府路1号",
                      hours="工作日 9:00-12:00")
ACCEPTED = datetime(2026, 11, 27, 3, 5, tzinfo=UTC)
OPERATOR = MaskedPerson.of(NAME, OPERATOR_ID)
MATERIALS = (MaterialLine("个体工商户登记（备案）申请书", 2), MaterialLine("经营者身份证件（人像面）", 1))
DEFERRED = (DeferredLine("房屋产权证明", DeliveryMethod.COUNTER, date(2026, 12, 2)),
            DeferredLine("结婚证", DeliveryMethod.ONLINE, date(2026, 12, 1)))
RATING_URL = f"https://zwfw.example.cn/hcp/rate?case={CASE_NUMBER}"


def receipt(**changes: object) -> ReceiptData:
    data = dict(case_number=CASE_NUMBER, accepted_at=ACCEPTED, operator=OPERATOR,
                business_name="攀枝花市仁和区张三小吃店", materials=MATERIALS, deferred=DEFERRED,
                committed_due=date(2026, 12, 2), counter=COUNTER, clerk_name="clerk-a")
    data.update(changes)
    return ReceiptData(**data)  # type: ignore[arg-type]


def deferral() -> DeferralNoticeData:
    return DeferralNoticeData(CASE_NUMBER, ACCEPTED, OPERATOR, "", DEFERRED, COUNTER, "clerk-a")


def correction() -> CorrectionNoticeData:
    items = (CorrectionItem("经营场所", "门牌号与租赁合同不一致", "按租赁合同填写门牌号"),
             CorrectionItem("房屋租赁合同", "缺少出租人签字", "补充出租人签字"),
             CorrectionItem("经营范围", "许可项目缺少许可证", "提交食品经营许可证"))
    return CorrectionNoticeData(CASE_NUMBER, date(2026, 11, 29), OPERATOR, "张三小吃店", items, COUNTER,
                                supply_by=date(2026, 12, 20))


def refusal() -> RefusalNoticeData:
    return RefusalNoticeData(CASE_NUMBER, date(2026, 11, 29), OPERATOR, "张三小吃店",
                             ("字号与同行业已登记名称相同", "经营场所位于禁止经营区域"), COUNTER,
                             "攀枝花市仁和区人民政府", "攀枝花市仁和区人民法院")


def slip(name: str = NAME, **changes: object) -> PickupSlipData:
    data = dict(case_number=CASE_NUMBER, business_name="", operator=MaskedPerson.of(name, OPERATOR_ID),
                licence=LICENCE, pickup_place="仁和镇便民服务中心1号窗口", pickup_hours="工作日 9:00-12:00",
                pickup_deadline=date(2027, 1, 30), pickup_code="042917", counter=COUNTER,
                rating_url=RATING_URL, issued_at=ACCEPTED, agent=MaskedPerson.of("赵六", AGENT_ID))
    data.update(changes)
    return PickupSlipData(**data)  # type: ignore[arg-type]
