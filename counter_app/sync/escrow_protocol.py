"""Wire contract of the backup-key escrow: a counter deposits the key of its encrypted backups with the
district for its township, so that a replaced PC (which lacks the old OS keyring) can restore them.

    PUT /v1/backup-keys/{key_id}   a clerk deposits the key of their township's counter (idempotent)
    GET /v1/backup-keys/{key_id}   a clerk of the same township, or an administrator, fetches it

The key travels inside TLS and is stored by the district wrapped (AES-256-GCM) under its own data key,
bound to the key id and the township.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from counter_app.sync.protocol import API_PREFIX, UtcDateTime

BACKUP_KEY_CONFLICT = "backup_key.conflict"  # 409 another key (or township) under the same id
BACKUP_KEY_NOT_FOUND = "backup_key.not_found"  # 404
KEY_B64_LENGTH = 44  # 32 bytes in base64


def backup_key_path(key_id: str) -> str:
    return f"{API_PREFIX}/backup-keys/{key_id}"


class BackupKeyDeposit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: Annotated[str, Field(min_length=KEY_B64_LENGTH, max_length=KEY_B64_LENGTH)]  # base64
    counter_name: Annotated[str, Field(min_length=1, max_length=64)]


class BackupKeyReceipt(BaseModel):
    model_config = ConfigDict(extra="ignore")

    key_id: str
    township_code: str
    deposited_at: UtcDateTime


class BackupKeyView(BackupKeyReceipt):
    key: str  # base64
    counter_name: str
