"""What an administrator does to a lost counter PC or a person's account, shared by the HTTP API
(counter_app.district.routes_admin) and the command line (`counter-app district revoke-device`,
`disable-user`, `enable-user`). Each runs in the caller's write transaction and audits itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.district import accounts, audit
from counter_app.district.principal import Principal
from counter_app.district.tables import Device, SessionRow, User
from counter_app.domain.text_safety import printable


@dataclass(frozen=True)
class UserChange:
    found: bool
    sessions_ended: int = 0  # open sessions that stopped working (disable) or were revoked (enable)


def revoke_device(session: Session, device_id: str, *, by: Principal | None,
                  actor: str | None = None) -> datetime | None:
    """Revoke the device and its sessions; the revocation time (the first one if it was already
    revoked), or None for an unknown device."""
    device = session.get(Device, device_id)
    if device is None:
        return None
    if device.revoked_at is None:  # revoking twice is harmless and keeps the first time
        accounts.revoke_device(session, device_id)
        audit.record(session, by, "device_revoked", actor=actor, detail=f"device={device_id}")
        session.flush()
        session.refresh(device)
    return device.revoked_at


def set_user_active(session: Session, username: str, active: bool, *, by: Principal | None,
                    actor: str | None = None) -> UserChange:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        return UserChange(found=False)
    accounts.set_user_active(session, username, active)
    # A disabled account's sessions fail on their next request (the per-request check reads `active`,
    # and says "account disabled", which is what the clerk should see). Enabling the account again
    # revokes them, so old — possibly stolen — sessions never come back to life.
    open_sessions = (SessionRow.user_id == user.user_id, SessionRow.revoked_at.is_(None),
                     SessionRow.expires_at > datetime.now(UTC))
    if active:
        done = session.execute(update(SessionRow).where(*open_sessions).values(revoked_at=datetime.now(UTC)))
        ended = int(done.rowcount)  # type: ignore[attr-defined]
    else:
        ended = len(session.scalars(select(SessionRow.token_hash).where(*open_sessions)).all())
    audit.record(session, by, "user_enabled" if active else "user_disabled", actor=actor,
                 detail=f"user={printable(username)[:64]} sessions={ended}")
    return UserChange(found=True, sessions_ended=ended)
