"""What can go wrong while syncing, each with a Chinese message that says what happens next or what to do.

Three kinds, and the outbox treats them differently:
- transient (`TransientSyncError`): the link or the server is down or busy. Retried by itself with
  backoff; the case waits safely on this computer.
- sign-in / registration (`CredentialsNeeded`): nothing can be sent until a person signs in or the
  device is registered. Shown globally, never retried blindly.
- rejections (`Rejected`): the district refused this submission (invalid case, version conflict, wrong
  township, image too large). Stored on the case and shown with what to do; never retried silently.
"""

from __future__ import annotations

from counter_app.errors import UserFacingError
from counter_app.sync.protocol import Problem, ProblemCode


class SyncError(UserFacingError):
    code = "sync.error"


class TransientSyncError(SyncError):
    """Try again later. `offline` is true when the district could not be reached at all."""

    offline = False
    retry_after: float | None = None


class LinkDown(TransientSyncError):
    code = "sync.offline"
    offline = True

    def __init__(self, detail: str = "") -> None:
        super().__init__("无法连接区级审核服务（网络未连通）。案件已安全保存在本机，网络恢复后自动上传，无需重复提交",
                         "Cannot reach the district service (no network). Cases are kept safely on this "
                         f"computer and upload by themselves when the link is back{_detail(detail)}")


class CertificateUntrusted(TransientSyncError):
    """The district's TLS certificate could not be verified: nothing was sent. Retried (the
    administrator may be replacing a certificate), but the message says what to check."""

    code = "sync.certificate_untrusted"
    offline = True

    def __init__(self, detail: str = "") -> None:
        super().__init__("无法验证区级审核服务的安全证书（证书不受信任、已过期或与服务地址不符），"
                         "为保护数据未发送任何内容。请核对服务地址；区县使用自建证书时，"
                         "请管理员在设置中配置 district_ca_file（区县CA证书）",
                         "The district service's TLS certificate cannot be verified (untrusted, expired or "
                         "issued for another address); nothing was sent. Check the service address; for a "
                         "private certificate the administrator sets district_ca_file (the district's CA)"
                         f"{_detail(detail)}")


class CaFileUnreadable(CertificateUntrusted):
    code = "sync.ca_file_unreadable"

    def __init__(self, path: str) -> None:
        TransientSyncError.__init__(
            self, "设置中 district_ca_file 指定的区县CA证书文件不存在或无法读取，"
                  "未连接区级审核服务。请管理员检查该文件",
            f"The district CA file named by district_ca_file cannot be read ({path}); nothing was sent")


class LinkBroken(TransientSyncError):
    code = "sync.link_broken"

    def __init__(self, detail: str = "") -> None:
        super().__init__("网络连接中断，稍后自动从中断处继续上传",
                         f"The connection broke; the upload resumes where it stopped{_detail(detail)}")


class ServerBusy(TransientSyncError):
    code = "sync.server_busy"

    def __init__(self, status: int, retry_after: float | None) -> None:
        wait = f"约 {int(retry_after)} 秒后" if retry_after else "稍后"
        super().__init__(f"区级审核服务暂时繁忙（{status}），{wait}自动重试",
                         f"The district service is busy ({status}); retrying "
                         + (f"in about {int(retry_after)} s" if retry_after else "later"))
        self.status = status
        self.retry_after = retry_after


class CredentialsNeeded(SyncError):
    """A person must act before anything can be sent (sign in, register the device)."""


class SignInRequired(CredentialsNeeded):
    code = "sync.sign_in_required"

    def __init__(self) -> None:
        super().__init__("尚未登录区级审核服务或登录已过期。请以窗口受理员账号登录后同步；已提交的案件不会丢失",
                         "Not signed in to the district service, or the session expired. Sign in as a "
                         "counter clerk to sync; submitted cases are not lost")


class DeviceNotRegistered(CredentialsNeeded):
    code = "sync.device_not_registered"

    def __init__(self, reason_zh: str = "", reason_en: str = "") -> None:
        super().__init__("本机尚未在区级审核服务登记（或登记已被撤销）。请向区级管理员索取设备登记码完成登记"
                         + (f"：{reason_zh}" if reason_zh else ""),
                         "This computer is not registered with the district service (or its registration "
                         "was revoked). Ask the district administrator for a device registration code"
                         + (f": {reason_en}" if reason_en else ""))


class Rejected(SyncError):
    """The district refused the submission; a person has to look. `code` is the server's problem code."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_zh, message_en)
        self.code = code


class ProblemResponse(SyncError):
    """An error answer from the server that the caller maps to one of the kinds above."""

    def __init__(self, status: int, problem: Problem) -> None:
        super().__init__(problem.message_zh, problem.message_en)
        self.status = status
        self.problem = problem
        self.code = problem.code


class OffsetMismatch(SyncError):
    """The server holds a different number of bytes than the chunk assumed (409 blob.offset_mismatch)."""

    code = ProblemCode.BLOB_OFFSET_MISMATCH

    def __init__(self, upload_offset: int | None) -> None:
        super().__init__("上传位置与服务器不一致，正在重新对齐", "Upload offset mismatch; re-aligning")
        self.upload_offset = upload_offset


def _sentence(text: str) -> str:
    """`text` as a sentence that another can follow: "X。" / "X. " (empty stays empty)."""
    text = text.strip().rstrip("。.")
    if not text:
        return ""
    return f"{text}。" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else f"{text}. "


def _detail(detail: str) -> str:
    return f" ({detail})" if detail else ""


_WHAT_TO_DO: dict[str, tuple[str, str]] = {
    ProblemCode.CASE_VERSION_CONFLICT: (
        "区级已收到该案件同一版本的不同内容（版本冲突），本机不会自动重发。请勿重新受理，联系区级管理员核对后再处理",
        "The district already holds different content under this case version (conflict); it is not "
        "re-sent automatically. Do not accept the case again; contact the district administrator"),
    ProblemCode.CASE_VERSION_NOT_ALLOWED: (
        "区级尚未退回该案件的上一版本，不能提交新版本。请等待区级审核结果，或联系区级审核人员",
        "The district has not returned the previous version, so a new version cannot be submitted yet. "
        "Wait for the review, or contact the district reviewers"),
    ProblemCode.AUTH_FORBIDDEN_TOWNSHIP: (
        "区级拒收：该案件不属于当前登录账号或本设备所在的乡镇。请核对本机的乡镇设置和登录账号，并联系区级管理员",
        "Refused: the case is not of the signed-in clerk's or this device's township. Check this "
        "computer's township setting and the account, and contact the district administrator"),
    ProblemCode.AUTH_FORBIDDEN_ROLE: (
        "当前账号无权提交案件。请用窗口受理员账号登录后点击“重试”",
        "This account may not submit cases. Sign in as a counter clerk, then press Retry"),
    ProblemCode.BLOB_TOO_LARGE: (
        "材料图片超过区级允许的大小，未能上传。请联系区级管理员调整上限，或重新采集该材料后重新提交",
        "An image is larger than the district allows. Ask the district administrator to raise the limit, "
        "or capture the material again and resubmit"),
    ProblemCode.BLOB_HASH_MISMATCH: (
        "材料图片多次校验失败，已停止自动重试。请检查网络设备后点击“重试”；仍失败请联系管理员",
        "An image failed its check on the server repeatedly; automatic retries stopped. Check the network "
        "equipment and press Retry; contact the administrator if it fails again"),
    ProblemCode.CASE_MISMATCH: (
        "提交内容与案件编号不一致，区级拒收。请联系管理员",
        "The submission does not match its case id; refused. Contact the administrator"),
}


def rejection_for(error: ProblemResponse) -> Rejected:
    """The stored, shown form of a refusal: the server's reason plus what the clerk should do."""
    problem = error.problem
    if problem.code == ProblemCode.CASE_INVALID:
        issues = [i for i in (problem.errors or []) if i.severity == "error"] or list(problem.errors or [])
        listed_zh = "；".join(f"{i.path}：{i.message_zh}" for i in issues[:3])
        listed_en = "; ".join(f"{i.path}: {i.message_en}" for i in issues[:3])
        more_zh = f"等共 {len(issues)} 处" if len(issues) > 3 else ""
        more_en = f" ({len(issues)} in all)" if len(issues) > 3 else ""
        return Rejected(problem.code,
                        f"区级审核服务校验未通过，未接收该案件：{listed_zh}{more_zh}。"
                        "请联系区级审核人员核对（可能是两端的校验规则或目录版本不同），问题解决后点击“重试”",
                        f"The district's own checks refused the case: {listed_en}{more_en}. Contact the "
                        "district reviewers (the rules or catalogue may differ), then press Retry")
    todo = _WHAT_TO_DO.get(problem.code)
    if todo is not None:
        return Rejected(problem.code, f"{_sentence(problem.message_zh)}{todo[0]}",
                        f"{_sentence(problem.message_en)}{todo[1]}")
    why = f"{error.status} {problem.code}"
    return Rejected(problem.code,
                    f"区级审核服务拒绝了该案件（{why}）：{_sentence(problem.message_zh)}"
                    "本机不会自动重试，请联系区级管理员，处理后点击“重试”",
                    f"The district refused the case ({why}): {_sentence(problem.message_en)}"
                    "It is not retried automatically; contact the district administrator, then press Retry")


class LocalBlobMissing(Rejected):
    def __init__(self, sha256: str) -> None:
        super().__init__("local.blob_missing",
                         f"本机找不到该案件的一张材料图片（{sha256[:12]}…），无法上传。请联系管理员从备份恢复数据",
                         f"An image of this case ({sha256[:12]}…) is missing on this computer and cannot be "
                         "uploaded. Contact the administrator to restore it from a backup")
