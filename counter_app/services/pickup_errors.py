"""What the pickup desk refuses, each with the Chinese message the clerk reads out and a stable `reason`
code for the audit log (never the code or the ID number themselves)."""

from __future__ import annotations

from datetime import datetime

from counter_app.domain.status import STATUS_LABELS, CaseStatus
from counter_app.services.errors import ServiceError


class PickupRefused(ServiceError):
    """A handover rule was not met."""

    reason = "refused"
    text: tuple[str, str] = ("不能办理领取", "The licence cannot be handed over")

    def __init__(self) -> None:
        super().__init__(*self.text)


class IdMismatch(PickupRefused):
    reason = "id_mismatch"
    text = ("证件号码与经营者（或有领取权限的委托代理人）登记的号码不一致，不能领取",
            "The ID number does not match the operator's (or an authorised agent's); not handed over")


class AgentWithoutPower(PickupRefused):
    reason = "agent_without_power"
    text = ("该委托代理人的授权不含“领取营业执照”权限，不能代为领取",
            "The agent's authorisation does not include collecting the licence")


class AuthorisationNotSeen(PickupRefused):
    reason = "authorisation_not_checked"
    text = ("委托他人领取的，请先核验授权委托书原件并勾选确认",
            "For an agent, check the signed authorisation first and tick the box")


class HolderNotConfirmed(PickupRefused):
    reason = "holder_not_confirmed"
    text = ("请先当面核对领取人与证件照片是否一致并勾选确认",
            "Compare the person with the ID photo and tick the box first")


class SignatureMissing(PickupRefused):
    reason = "signature_missing"
    text = ("请领取人签名后再办理（签名板签名或拍摄已签字的领取单）",
            "Take the collector's signature first (signature pad or a photo of the signed slip)")


class SignatureImageUnusable(SignatureMissing):
    """The signature photo is not an image that can be used (a decompression bomb, a cut-off file, a
    PDF renamed .jpg): the image guard's own Chinese message says which, prefixed with what it was.
    Still a missing signature for whoever handles that (a new photo or the pad is needed)."""

    reason = "signature_image_unusable"

    def __init__(self, message_zh: str, message_en: str) -> None:
        ServiceError.__init__(self, f"签名照片无法使用：{message_zh}",
                              f"Signature photo unusable: {message_en}")


class CodeFormat(PickupRefused):
    reason = "code_format"
    text = ("领取码为6位数字，请核对后重新输入", "The pickup code is 6 digits")


class WrongCode(PickupRefused):
    reason = "wrong_code"

    def __init__(self, remaining: int) -> None:
        ServiceError.__init__(self, f"领取码不正确。再错 {remaining} 次将暂停该案件的领取",
                              f"Wrong pickup code. {remaining} more wrong attempt(s) lock this case")
        self.remaining = remaining


class PickupLocked(PickupRefused):
    reason = "locked"

    def __init__(self, until: datetime) -> None:
        local = until.astimezone()
        ServiceError.__init__(self, f"领取码错误次数过多，该案件已暂停领取，请于 {local:%H:%M} 后再试",
                              f"Too many wrong codes; pickup for this case is locked until {local:%H:%M}")
        self.until = until


class NotAwaitingPickup(ServiceError):
    def __init__(self, status: CaseStatus, action_zh: str, action_en: str) -> None:
        zh, en = STATUS_LABELS[status]
        super().__init__(f"案件当前状态为“{zh}”，不能{action_zh}", f"The case is {en}; cannot {action_en}")
        self.status = status


class LicenceInfoMissing(ServiceError):
    def __init__(self) -> None:
        super().__init__("尚未收到区级发来的执照信息（统一社会信用代码、核准日期等），请先同步后再登记到达",
                         "The licence details from the district (USCC, approval date) have not arrived yet; "
                         "sync first")


class CaseNumberNotFound(ServiceError):
    def __init__(self, text: str) -> None:
        shown = text.strip()[:40]
        super().__init__(f"找不到案件编号“{shown}”，请核对后重新输入或扫码",
                         f"No case with the number {shown!r}; check it or scan again")


class InvalidRating(ServiceError):
    def __init__(self) -> None:
        super().__init__("评价须为1至5级", "A rating is a level from 1 to 5")
