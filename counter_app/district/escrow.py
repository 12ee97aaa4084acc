"""Backup keys in escrow: a counter's clerk deposits the key of the counter's encrypted backups for their
own township; a clerk of that township (on a newly registered PC after a replacement) or an
administrator fetches it. Every deposit, fetch and refusal is audited.

The key is stored wrapped under the district's data key, with the key id and the township as associated
data, so a wrapped key copied to another row or township fails to unwrap.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from counter_app.district import audit
from counter_app.district.auth import require_role
from counter_app.district.principal import Principal
from counter_app.district.problems import ProblemError
from counter_app.district.tables import BackupKeyRow
from counter_app.domain.status import Role
from counter_app.security.crypto import KEY_BYTES, FieldCipher
from counter_app.sync.escrow_protocol import (
    BACKUP_KEY_CONFLICT,
    BACKUP_KEY_NOT_FOUND,
    BackupKeyDeposit,
    BackupKeyReceipt,
    BackupKeyView,
)
from counter_app.sync.protocol import ProblemCode


def key_id_of(raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise ProblemError(422, ProblemCode.REQUEST_INVALID, "备份密钥编号格式不正确",
                           "The backup key id is not a UUID") from None


def _aad(key_id: str, township: str) -> bytes:
    return f"backup-key\x00{key_id}\x00{township}".encode()


def _key_bytes(text: str) -> bytes:
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise ProblemError(422, ProblemCode.REQUEST_INVALID, "备份密钥格式不正确",
                           f"The backup key must be {KEY_BYTES} bytes in base64")
    return key


def _forbidden_other_township() -> ProblemError:
    return ProblemError(403, ProblemCode.AUTH_FORBIDDEN_TOWNSHIP, "无权获取其他乡镇的备份密钥",
                        "The backup key of another township is not accessible")


def deposit(session: Session, cipher: FieldCipher, caller: Principal, key_id: str,
            body: BackupKeyDeposit) -> tuple[BackupKeyReceipt, bool]:
    """Store the key for the caller's township. Returns the receipt and whether it was new; the same key
    again is a harmless replay, another key (or township) under the same id a conflict."""
    require_role(caller, Role.CLERK)
    township = caller.township_code
    if township is None or caller.device_township != township:
        raise _forbidden_other_township()
    key = _key_bytes(body.key)
    row = session.get(BackupKeyRow, key_id)
    if row is not None:
        same = (row.township_code == township
                and cipher.decrypt(row.wrapped_key, aad=_aad(key_id, row.township_code)) == key)
        if not same:
            raise ProblemError(409, BACKUP_KEY_CONFLICT, "该编号下已托管了另一把备份密钥",
                               "Another backup key is already held under this id")
        return BackupKeyReceipt(key_id=key_id, township_code=township, deposited_at=row.deposited_at), False
    now = datetime.now(UTC)
    session.add(BackupKeyRow(key_id=key_id, township_code=township, counter_name=body.counter_name,
                             device_id=caller.device_id, deposited_by=caller.username,
                             wrapped_key=cipher.encrypt(key, aad=_aad(key_id, township)), deposited_at=now))
    audit.record(session, caller, "backup_key_deposited", detail=f"key={key_id} township={township}")
    return BackupKeyReceipt(key_id=key_id, township_code=township, deposited_at=now), True


def fetch(session: Session, cipher: FieldCipher, caller: Principal, key_id: str) -> BackupKeyView:
    """The key, for a clerk of its township or an administrator. Raises ProblemError otherwise (the
    caller audits refusals in a transaction of their own: this one rolls back)."""
    require_role(caller, Role.CLERK, Role.ADMIN)
    row = session.get(BackupKeyRow, key_id)
    if row is None:
        raise ProblemError(404, BACKUP_KEY_NOT_FOUND,
                           "区级服务没有该备份的密钥，无法恢复。请确认备份文件来自本区县的窗口电脑",
                           "The district holds no key for this backup; check that the backup comes from "
                           "a counter of this district")
    if caller.role is Role.CLERK and caller.township_code != row.township_code:
        raise _forbidden_other_township()
    key = cipher.decrypt(row.wrapped_key, aad=_aad(key_id, row.township_code))
    audit.record(session, caller, "backup_key_fetched", detail=f"key={key_id} township={row.township_code}")
    return BackupKeyView(key_id=key_id, township_code=row.township_code, deposited_at=row.deposited_at,
                         key=base64.b64encode(key).decode("ascii"), counter_name=row.counter_name)
