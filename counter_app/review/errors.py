"""What can go wrong in the reviewer's workspace, in words for a reviewer (not the counter's outbox).

The counter's sync errors talk about cases "kept safely on this computer" and automatic retries; a
reviewer has nothing queued locally and retries by pressing a button, so link failures get their own
messages here. Problem answers from the server stay `ProblemResponse` (the server's Chinese message).
"""

from __future__ import annotations

from counter_app.errors import UserFacingError


class ReviewError(UserFacingError):
    code = "review.error"


class ReviewOffline(ReviewError):
    code = "review.offline"

    def __init__(self) -> None:
        super().__init__("无法连接区级审核服务（网络未连通），请检查网络后重试",
                         "Cannot reach the district service (no network); check the link and try again")


class ReviewLinkBroken(ReviewError):
    code = "review.link_broken"

    def __init__(self) -> None:
        super().__init__("与区级审核服务的连接中断或应答不完整，请重试",
                         "The connection to the district service broke or the answer was incomplete; "
                         "try again")


class ReviewServiceBusy(ReviewError):
    code = "review.busy"

    def __init__(self, status: int, retry_after: float | None) -> None:
        wait_zh = f"请约 {int(retry_after)} 秒后重试" if retry_after else "请稍后重试"
        wait_en = f"try again in about {int(retry_after)} s" if retry_after else "try again later"
        super().__init__(f"区级审核服务暂时繁忙（{status}），{wait_zh}",
                         f"The district service is busy ({status}); {wait_en}")
        self.retry_after = retry_after


class ReviewSignInRequired(ReviewError):
    code = "review.sign_in_required"

    def __init__(self) -> None:
        super().__init__("审核员尚未登录或登录已过期，请重新登录",
                         "The reviewer is not signed in or the session expired; sign in again")


class ReviewDeviceNotRegistered(ReviewError):
    code = "review.device_not_registered"

    def __init__(self) -> None:
        super().__init__("本机尚未登记为区级审核设备（或登记已被撤销），请向区级管理员索取设备登记码",
                         "This computer is not registered as a district device (or was revoked); ask the "
                         "district administrator for a registration code")


class NotAReviewer(ReviewError):
    code = "review.not_a_reviewer"

    def __init__(self, role: str) -> None:
        super().__init__(f"该账号不是审核员账号（角色：{role}），不能进入审核工作台",
                         f"This account is not a reviewer (role: {role}) and cannot open the review "
                         "workspace")
