"""Townships, user accounts, counter devices and registration codes (the administrator's side)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.district.credentials import (
    Passwords,
    code_hash,
    new_registration_code,
    new_token,
    token_hash,
)
from counter_app.district.problems import ProblemError
from counter_app.district.tables import Device, RegistrationCode, SessionRow, Township, User
from counter_app.domain.status import Role
from counter_app.errors import UserFacingError
from counter_app.sync.protocol import DeviceRegistration, DeviceToken, ProblemCode

_TOWNSHIP = re.compile(r"^[0-9]{9}$")
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")
PERSON_ROLES = (Role.CLERK, Role.REVIEWER, Role.ADMIN)
MIN_PASSWORD_LENGTH = 8


class AccountError(UserFacingError):
    """A bad administrator command (CLI): shown as is, never a traceback."""


@dataclass(frozen=True)
class NewUser:
    username: str
    role: Role
    township_code: str | None
    display_name: str


def add_township(session: Session, code: str, name: str, *, district_code: str) -> None:
    if not _TOWNSHIP.match(code):
        raise AccountError("乡镇代码应为9位数字，例如 510411001",
                           "A township code has 9 digits, e.g. 510411001")
    if not code.startswith(district_code):
        raise AccountError(f"乡镇代码 {code} 不属于本区县（{district_code}）",
                           f"Township {code} is not in this district ({district_code})")
    if not name.strip():
        raise AccountError("请填写乡镇名称", "The township name is empty")
    existing = session.get(Township, code)
    if existing is not None:
        existing.name = name.strip()
        return
    session.add(Township(code=code, name=name.strip(), created_at=datetime.now(UTC)))


def add_user(session: Session, passwords: Passwords, user: NewUser, password: str) -> None:
    if not _USERNAME.match(user.username):
        raise AccountError("用户名应为2-64位字母、数字、点、下划线或连字符",
                           "A user name is 2-64 letters, digits, '.', '_' or '-'")
    if user.role not in PERSON_ROLES:
        raise AccountError("角色应为 clerk（窗口受理员）、reviewer（审核员）或 admin（管理员）",
                           "The role is clerk, reviewer or admin")
    if user.role is Role.CLERK:
        if not user.township_code or session.get(Township, user.township_code) is None:
            raise AccountError("窗口受理员必须属于一个已登记的乡镇（先运行 add-township）",
                               "A clerk must belong to a known township (run add-township first)")
    elif user.township_code:
        raise AccountError("审核员和管理员属于区县，不能指定乡镇",
                           "Reviewers and administrators belong to the district, not a township")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"密码至少需要{MIN_PASSWORD_LENGTH}位",
                           f"The password needs at least {MIN_PASSWORD_LENGTH} characters")
    if session.scalar(select(User).where(User.username == user.username)) is not None:
        raise AccountError(f"用户名 {user.username} 已存在", f"User {user.username} already exists")
    session.add(User(username=user.username, display_name=user.display_name.strip() or user.username,
                     role=user.role.value, township_code=user.township_code,
                     password_hash=passwords.hash(password), active=True, created_at=datetime.now(UTC)))


def add_registration_code(session: Session, township_code: str | None, *, created_by: str,
                          valid_for: timedelta | None = timedelta(days=7), uses: int | None = 1,
                          code: str | None = None) -> str:
    """Make a registration code for one counter device of `township_code` (None: a district device).
    `uses=None` makes an unlimited code: the demo seed only."""
    if township_code is not None and session.get(Township, township_code) is None:
        raise AccountError(f"乡镇 {township_code} 不存在（先运行 add-township）",
                           f"Township {township_code} does not exist (run add-township first)")
    code = code or new_registration_code()
    now = datetime.now(UTC)
    session.merge(RegistrationCode(code_hash=code_hash(code), township_code=township_code, created_at=now,
                                   created_by=created_by, uses_left=uses,
                                   expires_at=now + valid_for if valid_for else None))
    return code


def register_device(session: Session, request: DeviceRegistration) -> DeviceToken:
    """Spend a registration code and make a device with a new long-lived token."""
    now = datetime.now(UTC)
    row = session.get(RegistrationCode, code_hash(request.registration_code))
    invalid = ProblemError(403, ProblemCode.AUTH_REGISTRATION_CODE_INVALID,
                           "注册码无效、已使用或已过期，请向区县管理员申请新的注册码",
                           "The registration code is unknown, used or expired; ask the district "
                           "administrator for a new one")
    if row is None or (row.expires_at is not None and row.expires_at <= now):
        raise invalid
    if row.township_code != request.township_code:
        raise ProblemError(403, ProblemCode.AUTH_FORBIDDEN_TOWNSHIP,
                           "注册码不属于该乡镇，请核对乡镇代码", "The code was issued for another township")
    if row.uses_left is not None:
        # Compare-and-set: two counters racing with one code cannot both succeed.
        spent = session.execute(update(RegistrationCode)
                                .where(RegistrationCode.code_hash == row.code_hash,
                                       RegistrationCode.uses_left > 0)
                                .values(uses_left=RegistrationCode.uses_left - 1))
        if spent.rowcount != 1:  # type: ignore[attr-defined]
            raise invalid
    token = new_token()
    device = Device(device_id=str(uuid.uuid4()), token_hash=token_hash(token),
                    township_code=request.township_code, counter_name=request.counter_name.strip(),
                    created_at=now)
    session.add(device)
    return DeviceToken(device_id=device.device_id, device_token=token, township_code=device.township_code)


def revoke_device(session: Session, device_id: str) -> bool:
    """Revoke a device and every session opened on it, in one transaction (effective at once)."""
    now = datetime.now(UTC)
    done = session.execute(update(Device).where(Device.device_id == device_id, Device.revoked_at.is_(None))
                           .values(revoked_at=now))
    session.execute(update(SessionRow).where(SessionRow.device_id == device_id,
                                             SessionRow.revoked_at.is_(None)).values(revoked_at=now))
    return bool(done.rowcount)  # type: ignore[attr-defined]


def set_user_active(session: Session, username: str, active: bool) -> bool:
    """Disable (or re-enable) an account; a disabled account's open sessions stop working at once."""
    done = session.execute(update(User).where(User.username == username).values(active=active))
    return bool(done.rowcount)  # type: ignore[attr-defined]
