"""What sign-in on the counter refuses, each with the Chinese message the sign-in screen shows."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from counter_app.errors import UserFacingError


class SignInError(UserFacingError):
    code = "signin.error"


class CredentialsMissing(SignInError):
    code = "signin.missing"

    def __init__(self) -> None:
        super().__init__("请输入用户名和密码", "Enter the user name and the password")


class WrongPassword(SignInError):
    code = "signin.wrong_password"

    def __init__(self, attempts_left: int) -> None:
        super().__init__(f"用户名或密码错误。再错 {attempts_left} 次将暂时锁定该账号",
                         f"Wrong user name or password. {attempts_left} more failure(s) lock the account "
                         "for a while")
        self.attempts_left = attempts_left


class LockedOut(SignInError):
    code = "signin.locked_out"

    def __init__(self, until: datetime, failures: int) -> None:
        when = _local(until)
        super().__init__(f"连续 {failures} 次登录失败，该账号已暂时锁定，请于 {when} 后再试",
                         f"{failures} failed sign-ins in a row: the account is locked; try again after "
                         f"{when}")
        self.until = until


class OfflineNotAllowed(SignInError):
    """The district is out of reach and this user has no usable offline verifier here."""

    code = "signin.offline_refused"

    def __init__(self, days: int) -> None:
        super().__init__(
            f"无法连接区级审核服务，无法联网登录。离线登录仅限 {days} 天内曾在本机联网登录过的窗口受理员，"
            "该账号不满足条件。请检查网络后重试",
            f"The district service cannot be reached. Offline sign-in is only for a counter clerk who "
            f"signed in online on this computer within {days} days; this account is not one. Check the "
            "network and try again")


class OfflineExpired(SignInError):
    code = "signin.offline_expired"

    def __init__(self, days: int) -> None:
        super().__init__(
            f"无法连接区级审核服务。该账号在本机最近一次联网登录已超过 {days} 天，离线登录已失效。"
            "请在网络恢复后联网登录",
            f"The district service cannot be reached and this account last signed in online here more than "
            f"{days} days ago, so offline sign-in has lapsed. Sign in online once the network is back")


class SignInThrottled(SignInError):
    code = "signin.throttled"

    def __init__(self, retry_after: float | None) -> None:
        wait_zh = f"约 {math.ceil(retry_after / 60)} 分钟后" if retry_after else "稍后"
        wait_en = f"in about {math.ceil(retry_after / 60)} min" if retry_after else "later"
        super().__init__(f"登录尝试过于频繁，区级审核服务暂时拒绝该账号登录，请{wait_zh}再试",
                         f"Too many sign-in attempts: the district service refuses this account for now; try "
                         f"again {wait_en}")
        self.retry_after = retry_after


class NotTheLockedUser(SignInError):
    code = "signin.not_locked_user"

    def __init__(self) -> None:
        super().__init__("屏幕已由其他账号锁定。请输入锁定者的密码解锁，或点击“切换用户”",
                         "Another account locked the screen. Enter that account's password, or choose "
                         "Switch user")


def _local(moment: datetime) -> str:
    """The counter's local clock time; the date too when it is not today."""
    local = moment.astimezone()
    today = datetime.now(UTC).astimezone().date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%Y-%m-%d %H:%M")
