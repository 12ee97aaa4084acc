"""/v1/admin/…: the administrator disables a lost or stolen counter PC and a person's account.

Both take effect at once in every worker: each request checks the device, the session and the user
against the database (counter_app.district.auth), so a revoked device or disabled account fails its very
next request, whichever process answers it. Administrators only; every action is audited.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from counter_app.district import admin_actions
from counter_app.district.auth import require_role
from counter_app.district.deps import Caller, Runtime
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.tables import Device
from counter_app.domain.status import Role
from counter_app.sync.protocol import ProblemCode, UtcDateTime

router = APIRouter(prefix="/v1/admin", tags=["admin"])


class DeviceInfo(BaseModel):
    model_config = ConfigDict(extra="ignore")

    device_id: str
    township_code: str | None = None
    counter_name: str
    created_at: UtcDateTime
    revoked_at: UtcDateTime | None = None


class DeviceRevoked(BaseModel):
    device_id: str
    revoked_at: UtcDateTime


class UserState(BaseModel):
    username: str
    active: bool
    sessions_ended: int = 0


def _not_found(zh: str, en: str) -> ProblemError:
    return ProblemError(404, ProblemCode.NOT_FOUND, zh, en)


def _admin(caller: Principal) -> None:
    require_role(caller, Role.ADMIN)


@router.get("/devices", response_model=list[DeviceInfo], summary="Registered counter devices")
def get_devices(runtime: Runtime, caller: Caller) -> list[DeviceInfo]:
    _admin(caller)
    with runtime.db.read() as session:
        rows = session.scalars(select(Device).order_by(Device.township_code, Device.created_at)).all()
        return [DeviceInfo(device_id=d.device_id, township_code=d.township_code, counter_name=d.counter_name,
                           created_at=d.created_at, revoked_at=d.revoked_at) for d in rows]


@router.post("/devices/{device_id}/revoke", response_model=DeviceRevoked,
             summary="Revoke a counter device and every session opened on it (at once)")
def post_revoke_device(device_id: str, runtime: Runtime, caller: Caller) -> DeviceRevoked:
    _admin(caller)
    try:
        device_id = str(uuid.UUID(device_id))
    except ValueError:
        raise _not_found("没有找到该设备", "No such device") from None
    with runtime.db.write() as session:
        revoked_at = admin_actions.revoke_device(session, device_id, by=caller)
    if revoked_at is None:
        raise _not_found("没有找到该设备", "No such device")
    return DeviceRevoked(device_id=device_id, revoked_at=revoked_at)


def _set_active(runtime: Runtime, caller: Principal, username: str, active: bool) -> UserState:
    _admin(caller)
    if not active and username == caller.username:
        raise ProblemError(409, ProblemCode.ADMIN_OWN_ACCOUNT, "不能停用自己正在使用的管理员账号",
                           "An administrator cannot disable their own account")
    with runtime.db.write() as session:
        change = admin_actions.set_user_active(session, username, active, by=caller)
    if not change.found:
        raise _not_found("没有找到该账号", "No such user")
    return UserState(username=username, active=active, sessions_ended=change.sessions_ended)


@router.post("/users/{username}/disable", response_model=UserState,
             summary="Disable an account; its sessions stop working at once")
def post_disable_user(username: str, runtime: Runtime, caller: Caller) -> UserState:
    return _set_active(runtime, caller, username, False)


@router.post("/users/{username}/enable", response_model=UserState, summary="Enable an account again")
def post_enable_user(username: str, runtime: Runtime, caller: Caller) -> UserState:
    return _set_active(runtime, caller, username, True)
