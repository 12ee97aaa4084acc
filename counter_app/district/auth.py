"""Sign-in and per-request authentication. Every request proves two things: the counter device (long-lived,
revocable device token) and the person (short-lived session token opened on that same device)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from counter_app.district import audit
from counter_app.district.credentials import Passwords, new_token, token_hash
from counter_app.district.pg_raw import Compiled
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.tables import Device, SessionRow, User
from counter_app.domain.status import Role
from counter_app.sync.protocol import ProblemCode, RoleName, SessionInfo, SessionRequest, UserInfo


def _unauthorised(code: str, zh: str, en: str) -> ProblemError:
    return ProblemError(401, code, zh, en, headers={"WWW-Authenticate": 'Bearer realm="district"'})


def missing_credentials() -> ProblemError:
    return _unauthorised(ProblemCode.AUTH_MISSING_CREDENTIALS, "缺少设备令牌或登录令牌，请重新登录",
                         "The device token or session token is missing; sign in again")


def _device_invalid() -> ProblemError:
    return _unauthorised(ProblemCode.AUTH_DEVICE_INVALID,
                         "本机未在区县服务注册或注册已失效，请重新注册",
                         "This counter is not registered with the district service; register it again")


def _device_revoked() -> ProblemError:
    return _unauthorised(ProblemCode.AUTH_DEVICE_REVOKED,
                         "本机的注册已被区县管理员撤销，请联系管理员重新注册",
                         "This counter's registration was revoked by the district administrator")


def _forbidden_township() -> ProblemError:
    return ProblemError(403, ProblemCode.AUTH_FORBIDDEN_TOWNSHIP,
                        "窗口受理员只能在本乡镇注册的窗口电脑上登录",
                        "A clerk may only sign in on a counter registered to their own township")


def authenticate_device(session: Session, device_token: str) -> Device:
    device = session.scalar(select(Device).where(Device.token_hash == token_hash(device_token)))
    if device is None:
        raise _device_invalid()
    if device.revoked_at is not None:
        raise _device_revoked()
    return device


def _check_township(user: User, device: Device) -> None:
    if user.role == Role.CLERK.value and user.township_code != device.township_code:
        raise _forbidden_township()


def sign_in(session: Session, passwords: Passwords, device_token: str, request: SessionRequest, *,
            ttl: timedelta) -> SessionInfo:
    device = authenticate_device(session, device_token)
    user = session.scalar(select(User).where(User.username == request.username))
    ok = passwords.verify(user.password_hash if user else None, request.password)
    if user is None or not ok:
        raise _unauthorised(ProblemCode.AUTH_INVALID_CREDENTIALS, "用户名或密码错误",
                            "Wrong user name or password")
    if not user.active:
        raise _unauthorised(ProblemCode.AUTH_USER_DISABLED, "该账号已停用，请联系区县管理员",
                            "This account is disabled; contact the district administrator")
    _check_township(user, device)
    token = new_token()
    now = datetime.now(UTC)
    row = SessionRow(token_hash=token_hash(token), user_id=user.user_id, device_id=device.device_id,
                     created_at=now, expires_at=now + ttl)
    session.add(row)
    principal = _principal(user, device)
    audit.record(session, principal, "sign_in")
    return SessionInfo(session_token=token, expires_at=row.expires_at,
                       user=UserInfo(username=user.username, display_name=user.display_name,
                                     role=_role_name(user.role), township_code=user.township_code))


# Every request runs this: one round trip, plain columns (no ORM objects) — device, session and user.
_AUTH_QUERY = (
    select(Device.device_id, Device.township_code.label("device_township"), Device.revoked_at,
           SessionRow.device_id.label("session_device"), SessionRow.expires_at,
           SessionRow.revoked_at.label("session_revoked"), User.user_id, User.username, User.display_name,
           User.role, User.township_code, User.active)
    .select_from(Device)
    .outerjoin(SessionRow, SessionRow.token_hash == bindparam("session_hash"))
    .outerjoin(User, User.user_id == SessionRow.user_id)
    .where(Device.token_hash == bindparam("device_hash"))
)


_AUTH_PG = Compiled(_AUTH_QUERY)  # the same query for psycopg's own cursor (PostgreSQL hot path)


def authenticate(connection: Connection | Session, device_token: str, session_token: str) -> Principal:
    return principal_of(connection.execute(_AUTH_QUERY, _auth_params(device_token, session_token)).first())


def authenticate_raw(cursor: Any, device_token: str, session_token: str) -> Principal:
    """authenticate() on a psycopg cursor (DistrictDb.raw): PostgreSQL's per-request path."""
    cursor.execute(_AUTH_PG.sql, _auth_params(device_token, session_token), prepare=True)
    return principal_of(cursor.fetchone())


def _auth_params(device_token: str, session_token: str) -> dict[str, str]:
    return {"device_hash": token_hash(device_token), "session_hash": token_hash(session_token)}


def principal_of(row: Any) -> Principal:
    """The caller from the lookup row (device, session, user), or the 401/403 that says what is wrong."""
    if row is None:
        raise _device_invalid()
    if row.revoked_at is not None:
        raise _device_revoked()
    if row.user_id is None or row.session_revoked is not None or row.session_device != row.device_id:
        raise _unauthorised(ProblemCode.AUTH_SESSION_INVALID, "登录已失效，请重新登录",
                            "The session is not valid; sign in again")
    expires_at = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    if expires_at <= datetime.now(UTC):
        raise _unauthorised(ProblemCode.AUTH_SESSION_EXPIRED, "登录已超时，请重新登录",
                            "The session has expired; sign in again")
    if not row.active:
        raise _unauthorised(ProblemCode.AUTH_USER_DISABLED, "该账号已停用，请联系区县管理员",
                            "This account is disabled; contact the district administrator")
    if row.role == Role.CLERK.value and row.township_code != row.device_township:
        raise _forbidden_township()
    return Principal(user_id=row.user_id, username=row.username, display_name=row.display_name,
                     role=Role(row.role), township_code=row.township_code, device_id=row.device_id,
                     device_township=row.device_township)


def _principal(user: User, device: Device) -> Principal:
    return Principal(user_id=user.user_id, username=user.username, display_name=user.display_name,
                     role=Role(user.role), township_code=user.township_code, device_id=device.device_id,
                     device_township=device.township_code)


def _role_name(role: str) -> RoleName:
    name = Role(role).value
    assert name in ("clerk", "reviewer", "admin")
    return name  # type: ignore[return-value]


def require_role(principal: Principal, *roles: Role) -> None:
    if principal.role not in roles:
        raise ProblemError(403, ProblemCode.AUTH_FORBIDDEN_ROLE, "当前账号的角色无权进行此操作",
                           f"The role {principal.role.value} may not do this")


def require_township(principal: Principal, township_code: str) -> None:
    if not principal.may_see_township(township_code):
        raise ProblemError(403, ProblemCode.AUTH_FORBIDDEN_TOWNSHIP, "无权访问其他乡镇的案件",
                           "Cases of another township are not accessible")
