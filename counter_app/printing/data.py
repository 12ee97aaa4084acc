"""What each printed document says, as plain data (domain.md §8). The documents only lay it out.

Personal data is masked here, where it is produced, not in the layout: a `MaskedPerson` can only be made
from a name and an ID number through `MaskedPerson.of`, which keeps at most the first 6 and last 4
characters of the number, and refuses a value that shows more (domain.md §7).

Facts that come from the district (USCC, registering authority, approval date, dispatch) arrive as a
`LicenceInfo`, built by the sync layer from a change-feed entry (`LicenceInfo.from_dict`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from counter_app.domain.identity import normalize_id_number
from counter_app.domain.masking import mask_id_number
from counter_app.domain.model import DeliveryMethod
from counter_app.domain.uscc import check_uscc
from counter_app.errors import UserFacingError

_VISIBLE = re.compile(r"[0-9A-Za-z]")
MAX_VISIBLE_ID_CHARS = 10  # first 6 + last 4 (domain.md §7)

DELIVERY_LABELS: dict[DeliveryMethod, str] = {
    DeliveryMethod.COUNTER: "到窗口提交",
    DeliveryMethod.POST: "邮寄",
    DeliveryMethod.ONLINE: "网上提交",
}


class InvalidLicenceInfo(UserFacingError):
    def __init__(self, detail_zh: str, detail_en: str) -> None:
        super().__init__(f"执照信息不完整或有误：{detail_zh}", f"Licence details are incomplete or wrong: "
                         f"{detail_en}")


@dataclass(frozen=True)
class MaskedPerson:
    """A person as printed: the full name (it is the applicant's own paper) and a masked ID number."""

    name: str
    id_masked: str

    def __post_init__(self) -> None:
        if len(_VISIBLE.findall(self.id_masked)) > MAX_VISIBLE_ID_CHARS:
            raise ValueError("an ID number on paper may show at most its first 6 and last 4 characters")

    @classmethod
    def of(cls, name: str, id_number: str) -> MaskedPerson:
        return cls(name=name.strip(), id_masked=mask_id_number(normalize_id_number(id_number)))


@dataclass(frozen=True)
class CounterInfo:
    """The counter that hands the paper out."""

    centre_name: str  # e.g. 仁和镇便民服务中心
    counter_name: str  # e.g. 1号窗口
    phone: str
    authority_name: str  # the registering authority, e.g. 攀枝花市仁和区市场监督管理局
    address: str = ""
    hours: str = ""


@dataclass(frozen=True)
class MaterialLine:
    """One material received at acceptance."""

    label: str  # e.g. 经营者身份证明（正反面）
    pages: int | None = None
    note: str = ""


@dataclass(frozen=True)
class DeferredLine:
    """One 容缺 item: what, how it will be supplied, by when."""

    label: str
    delivery: DeliveryMethod
    due_date: date


@dataclass(frozen=True)
class CorrectionItem:
    """One correction the applicant must make: which field or document, what is wrong, how to fix it."""

    target: str  # e.g. 经营场所 or 房屋租赁合同
    problem: str
    remedy: str = ""


@dataclass(frozen=True)
class LicenceInfo:
    """The licence as the district issued and dispatched it. Keys of `to_dict`/`from_dict` are the ones
    a change-feed "decision"/"dispatch" entry carries in `data`."""

    uscc: str
    authority: str  # 登记机关, e.g. 攀枝花市仁和区市场监督管理局
    approval_date: date
    original_copies: int = 1  # 正本
    duplicate_copies: int = 0  # 副本
    carrier: str = ""  # e.g. EMS, or 专人送达
    tracking_number: str = ""
    dispatched_at: datetime | None = None

    def __post_init__(self) -> None:
        info = check_uscc(self.uscc, path="licence.uscc")
        if not info.is_valid:
            raise InvalidLicenceInfo(f"统一社会信用代码“{self.uscc}”无效",
                                     f"the unified social credit code {self.uscc!r} is invalid")
        object.__setattr__(self, "uscc", info.normalized)
        if not self.authority.strip():
            raise InvalidLicenceInfo("缺少登记机关", "the registering authority is missing")
        if self.original_copies < 0 or self.duplicate_copies < 0:
            raise InvalidLicenceInfo("执照份数不能为负数", "licence copies cannot be negative")

    def to_dict(self) -> dict[str, Any]:
        return {"uscc": self.uscc, "authority": self.authority,
                "approval_date": self.approval_date.isoformat(),
                "original_copies": self.original_copies, "duplicate_copies": self.duplicate_copies,
                "carrier": self.carrier, "tracking_number": self.tracking_number,
                "dispatched_at": self.dispatched_at.isoformat() if self.dispatched_at else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LicenceInfo:
        """Parse a change-feed `data` dict; raises InvalidLicenceInfo for missing or malformed values."""
        try:
            dispatched = data.get("dispatched_at")
            return cls(uscc=str(data["uscc"]), authority=str(data["authority"]),
                       approval_date=date.fromisoformat(str(data["approval_date"])[:10]),
                       original_copies=int(data.get("original_copies", 1)),
                       duplicate_copies=int(data.get("duplicate_copies", 0)),
                       carrier=str(data.get("carrier") or ""),
                       tracking_number=str(data.get("tracking_number") or ""),
                       dispatched_at=datetime.fromisoformat(str(dispatched)) if dispatched else None)
        except KeyError as exc:
            raise InvalidLicenceInfo(f"缺少字段 {exc.args[0]}", f"missing field {exc.args[0]}") from None
        except (TypeError, ValueError) as exc:
            raise InvalidLicenceInfo("字段格式错误", f"malformed field ({exc})") from None


@dataclass(frozen=True)
class ReceiptData:
    """受理回执."""

    case_number: str
    accepted_at: datetime  # aware; printed in local time
    operator: MaskedPerson
    business_name: str
    materials: tuple[MaterialLine, ...]
    deferred: tuple[DeferredLine, ...]
    committed_due: date
    counter: CounterInfo
    clerk_name: str
    notes: tuple[str, ...] = ()  # e.g. a calendar warning the applicant should know about


@dataclass(frozen=True)
class DeferralNoticeData:
    """容缺受理通知书 (two copies: applicant, file)."""

    case_number: str
    accepted_at: datetime
    operator: MaskedPerson
    business_name: str
    items: tuple[DeferredLine, ...]
    counter: CounterInfo
    clerk_name: str

    @property
    def deadline(self) -> date:
        return max(item.due_date for item in self.items)


@dataclass(frozen=True)
class CorrectionNoticeData:
    """补正通知: the one complete list of corrections."""

    case_number: str
    issued_on: date
    operator: MaskedPerson
    business_name: str
    items: tuple[CorrectionItem, ...]
    counter: CounterInfo
    how_to_supply: str = ""
    supply_by: date | None = None


@dataclass(frozen=True)
class RefusalNoticeData:
    """不予登记通知: reasons and remedies."""

    case_number: str
    decided_on: date
    operator: MaskedPerson
    business_name: str
    reasons: tuple[str, ...]
    counter: CounterInfo
    review_body: str  # 行政复议机关, e.g. 攀枝花市仁和区人民政府
    court: str  # e.g. 攀枝花市仁和区人民法院


@dataclass(frozen=True)
class PickupSlipData:
    """领取通知单."""

    case_number: str
    business_name: str
    operator: MaskedPerson
    licence: LicenceInfo
    pickup_place: str
    pickup_hours: str
    pickup_deadline: date
    pickup_code: str  # 6 digits, printed once; only its hash is stored
    counter: CounterInfo
    rating_url: str
    issued_at: datetime
    agent: MaskedPerson | None = None  # an agent with power 4 (may collect the licence)
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[0-9]{6}", self.pickup_code):
            raise ValueError("the pickup code is 6 digits")
