"""The application for registering a sole proprietor (national 2022 form), as plain data.

Every field of domain.md §2. The model holds what the clerk entered, as entered: text stays text so a
half-typed draft can always be saved; `counter_app.domain.validation` says what is wrong with it.
Serialisation goes through `to_dict` / `from_dict` (JSON-safe), which the store encrypts and the sync
protocol sends.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar


class CompositionForm(enum.StrEnum):
    """组成形式."""

    INDIVIDUAL = "individual"  # 个人经营
    FAMILY = "family"  # 家庭经营


class IdDocType(enum.StrEnum):
    """证件类型 allowed for an operator, family member, liaison or agent. Foreigners may not register."""

    RESIDENT_ID = "resident_id"  # 中华人民共和国居民身份证
    HK_MACAU_PERMIT = "hk_macau_permit"  # 港澳居民来往内地通行证
    TAIWAN_PERMIT = "taiwan_permit"  # 台湾居民来往大陆通行证
    HKMT_RESIDENCE_PERMIT = "hkmt_residence_permit"  # 港澳台居民居住证 (18 digits, 81/82/83 prefix)


class Gender(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


class DeliveryMethod(enum.StrEnum):
    """How a deferred (容缺) item will be supplied."""

    COUNTER = "counter"
    POST = "post"
    ONLINE = "online"


@dataclass
class Address:
    """A structured premises address: 省/市/县/乡(镇、街道)/村(路、社区) + door-number detail."""

    province: str = ""
    city: str = ""
    county: str = ""
    township: str = ""
    village: str = ""
    detail: str = ""

    def one_line(self) -> str:
        return "".join(part for part in (self.province, self.city, self.county, self.township,
                                         self.village, self.detail) if part)

    def is_empty(self) -> bool:
        return not self.one_line().strip()


@dataclass
class IdDocument:
    doc_type: IdDocType = IdDocType.RESIDENT_ID
    number: str = ""


@dataclass
class Operator:
    """经营者."""

    name: str = ""
    gender: Gender | None = None
    birth_date: str = ""  # ISO YYYY-MM-DD as entered on the form; must agree with the ID number
    ethnicity: str = ""  # 民族, a key of choices.ETHNICITIES
    education: str = ""  # 文化程度, a key of choices.EDUCATION_LEVELS
    political_status: str = ""  # 政治面貌, a key of choices.POLITICAL_STATUSES
    id_document: IdDocument = field(default_factory=IdDocument)
    mobile: str = ""
    landline: str = ""
    residence: str = ""  # 住所, free text as on the ID card
    email: str = ""
    self_supporting: bool = False  # 16-17 year olds may register when self-supporting (clerk confirms)


@dataclass
class FamilyMember:
    """A participating family member (家庭经营 only); every member signs."""

    name: str = ""
    relationship: str = ""  # 与经营者关系, e.g. 配偶, 子女
    id_document: IdDocument = field(default_factory=IdDocument)
    political_status: str = ""
    signed: bool = False


@dataclass
class Liaison:
    """联络员 (a filing item)."""

    name: str = ""
    mobile: str = ""
    landline: str = ""
    email: str = ""
    id_document: IdDocument = field(default_factory=IdDocument)


@dataclass
class AgentPowers:
    """The four yes/no powers on the authorisation (委托书)."""

    verify_copies: bool = False  # 1 核对登记材料中的复印件并签署核对意见
    correct_forms: bool = False  # 2 修改有关表格的填写错误
    correct_documents: bool = False  # 3 修改自备文件的错误
    collect_licence: bool = False  # 4 领取营业执照和有关文书


@dataclass
class Agent:
    """委托代理人; present only when someone files on the operator's behalf."""

    name: str = ""
    mobile: str = ""
    landline: str = ""
    id_document: IdDocument = field(default_factory=IdDocument)
    powers: AgentPowers = field(default_factory=AgentPowers)


@dataclass
class ApprovalDocument:
    """The pre-approval document a licensed (许可) scope item needs at filing."""

    scope_item_id: str = ""
    document_name: str = ""  # e.g. 食品经营许可证
    document_number: str = ""
    issuing_authority: str = ""


@dataclass
class Commitments:
    """The signed commitments on the form."""

    truthful: bool = False  # 提交材料真实有效
    name_compliant: bool = False  # 名称符合规定
    premises_right: bool = False  # 依法享有经营场所使用权
    no_licensed_activity_before_approval: bool = False  # 取得许可前不从事许可经营活动
    signed: bool = False  # 经营者已签字


@dataclass
class Application:
    """《个体工商户登记（备案）申请书》."""

    business_name: str = ""  # optional 名称
    composition: CompositionForm = CompositionForm.INDIVIDUAL
    premises: Address = field(default_factory=Address)
    ecommerce: bool = False  # 电子商务经营者
    online_premises: str = ""  # 网络经营场所 (platform shop address) for an e-commerce operator
    capital_wan: str = ""  # 出资额 in 万元, decimal text as entered
    scope_item_ids: list[str] = field(default_factory=list)
    approval_documents: list[ApprovalDocument] = field(default_factory=list)
    employees: int | None = None  # 从业人数 (optional)
    business_phone: str = ""
    postal_code: str = ""
    paper_licence: bool = True  # 申领纸质执照
    paper_copies: int = 0  # number of 副本 besides the 正本
    operator: Operator = field(default_factory=Operator)
    family_members: list[FamilyMember] = field(default_factory=list)
    liaison: Liaison = field(default_factory=Liaison)
    agent: Agent | None = None
    commitments: Commitments = field(default_factory=Commitments)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Application:
        return from_dict(cls, data)


# --- serialisation -----------------------------------------------------------------------------------

T = TypeVar("T")


def to_dict(obj: Any) -> dict[str, Any]:
    """A JSON-safe dict of a model dataclass (enums become their values)."""
    result = _encode(obj)
    assert isinstance(result, dict)
    return result


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a model dataclass from `to_dict` output; unknown keys are ignored and missing keys take
    their defaults, so a draft saved by an older version still opens."""
    kwargs: dict[str, Any] = {}
    for name, decode in _field_decoders(cls):  # type: ignore[arg-type]  # classes are hashable
        if name in data:
            kwargs[name] = decode(data[name])
    return cls(**kwargs)


@functools.cache
def _field_decoders(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field's decoder per class, built once: resolving type hints (`typing.get_type_hints` ~2 ms per
    application) and inspecting them per value cost more than the decoding, and the district decodes one
    application per submission."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls))


def _same(value: Any) -> Any:
    return value


@functools.cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """The function that turns a JSON value into a `tp` (None stays None)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _decoder(next(a for a in typing.get_args(tp) if a is not type(None)))
    if origin is list:
        item = _decoder(typing.get_args(tp)[0])
        return lambda value: None if value is None else [item(v) for v in value]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return lambda value: None if value is None else from_dict(tp, value)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return lambda value: None if value is None else tp(value)
    return _same
