"""The counter's backup key (kept beside the sync tokens, escrowed with the district for the township)
and the data key put into a new machine's keyring on restore.

The backup key is made once per data folder and deposited with the district before the first backup:
a backup whose key exists only on the PC it protects against losing would be worthless. Once deposited,
backups need no network. It is stored locally before the deposit, so a crash in between re-sends the
same key (the deposit is idempotent) instead of making a second one.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import keyring
import keyring.errors

from counter_app.backup.errors import BackupError, KeyNotEscrowed
from counter_app.security.crypto import KEY_BYTES
from counter_app.security.keystore import (
    _DEMO_FILE_HEADER,
    DEMO_KEY_FILE,
    SERVICE,
    KeyStoreUnavailable,
    _keyring_problem,
    install_hint,
    keyring_username,
)
from counter_app.sync.client import Credentials, DistrictClient
from counter_app.sync.credentials import TokenStore
from counter_app.sync.errors import SyncError
from counter_app.sync.escrow_protocol import BackupKeyDeposit, BackupKeyView, backup_key_path

BACKUP_KEY_ENTRY = "backup-key"


@dataclass(frozen=True)
class BackupKey:
    key_id: str
    key: bytes = field(repr=False)
    escrowed: bool = False


def new_backup_key() -> BackupKey:
    return BackupKey(str(uuid.uuid4()), os.urandom(KEY_BYTES))


def load_backup_key(store: TokenStore) -> BackupKey | None:
    raw = store.get(BACKUP_KEY_ENTRY)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        key = base64.b64decode(data["key"], validate=True)
        key_id = str(uuid.UUID(data["key_id"]))
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None  # damaged: a new key is made (and escrowed) rather than trusting it
    if len(key) != KEY_BYTES:
        return None
    return BackupKey(key_id, key, bool(data.get("escrowed")))


def save_backup_key(store: TokenStore, key: BackupKey) -> None:
    store.set(BACKUP_KEY_ENTRY, json.dumps({"key_id": key.key_id, "escrowed": key.escrowed,
                                            "key": base64.b64encode(key.key).decode("ascii")}))


class Escrow:
    """The district's backup-key escrow, over the counter's signed-in client."""

    def __init__(self, client: DistrictClient, credentials: Callable[[], Credentials], *,
                 counter_name: str) -> None:
        self._client = client
        self._credentials = credentials
        self._counter = counter_name

    def deposit(self, key: BackupKey) -> None:
        body = BackupKeyDeposit(key=base64.b64encode(key.key).decode("ascii"), counter_name=self._counter)
        self._client.request("PUT", backup_key_path(key.key_id), auth=self._credentials(),
                             json=body.model_dump(mode="json"))

    def fetch(self, key_id: str) -> BackupKeyView:
        response = self._client.request("GET", backup_key_path(key_id), auth=self._credentials())
        return BackupKeyView.model_validate_json(response.content)


def ensure_escrowed(store: TokenStore, escrow: Escrow) -> BackupKey:
    """This folder's backup key, made and deposited first if needed. Raises KeyNotEscrowed when the
    district cannot be reached or refuses (no backup is made then)."""
    key = load_backup_key(store)
    if key is None:
        key = new_backup_key()
        save_backup_key(store, key)
    if key.escrowed:
        return key
    try:
        escrow.deposit(key)
    except SyncError as exc:
        raise KeyNotEscrowed(exc.message_zh, exc.message_en) from exc
    key = BackupKey(key.key_id, key.key, escrowed=True)
    save_backup_key(store, key)
    return key


def fetch_backup_key(escrow: Escrow, key_id: str) -> bytes:
    view = escrow.fetch(key_id)
    try:
        key = base64.b64decode(view.key, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES or view.key_id != key_id:
        raise BackupError("区级服务返回的备份密钥格式不正确", "The district returned a malformed backup key")
    return key


def install_data_key(data_dir: Path, key: bytes, *, demo_mode: bool) -> str:
    """Put the restored data key where `load_data_key` looks for this folder: the OS keyring, or in the
    demo mode on a machine without one, the owner-only demo file. Returns where it went."""
    demo_file = data_dir / DEMO_KEY_FILE
    encoded = base64.b64encode(key).decode("ascii")
    problem = _keyring_problem()
    if problem is None:
        try:
            keyring.set_password(SERVICE, keyring_username(data_dir), encoded)
            if keyring.get_password(SERVICE, keyring_username(data_dir)) != encoded:
                raise keyring.errors.PasswordSetError("the keyring did not keep the data key")
        except (keyring.errors.KeyringError, keyring.errors.InitError) as exc:
            problem = type(exc).__name__
        else:
            with contextlib.suppress(FileNotFoundError):
                demo_file.unlink()  # protected nothing (the folder was empty); it would win over the keyring
            return "keyring"
    if not demo_mode:
        hint_zh, hint_en = install_hint()
        raise KeyStoreUnavailable(f"{hint_zh}。无法保存恢复的数据密钥。",
                                  f"{hint_en}. The restored data key cannot be stored ({problem}).")
    tmp = demo_file.with_name(f".{demo_file.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(_DEMO_FILE_HEADER + encoded + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, demo_file)
    return "demo_file"
