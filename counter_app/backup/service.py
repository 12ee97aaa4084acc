"""What the CLI and the window call: back up a data folder (escrowing the key first if needed), and
restore one onto a new machine (fetching the key from the district first)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from counter_app.backup.create import BackupProgress, BackupSummary, write_backup
from counter_app.backup.errors import FolderNotFresh
from counter_app.backup.keys import (
    BackupKey,
    Escrow,
    ensure_escrowed,
    fetch_backup_key,
    save_backup_key,
)
from counter_app.backup.restore import RestoreSummary, backup_header, is_fresh, restore_backup
from counter_app.config import SETTINGS_FILE, Mode, Settings
from counter_app.security.keystore import load_data_key
from counter_app.store.audit import AuditLog
from counter_app.sync.client import DistrictClient
from counter_app.sync.credentials import SessionKeeper, token_store_for
from counter_app.sync.service import SyncService


def escrow_for(sync: SyncService, settings: Settings) -> Escrow:
    return Escrow(sync.client, sync.sessions.credentials, counter_name=settings.counter_name)


def backup_folder(data_dir: Path, settings: Settings, out: Path, *, escrow: Escrow,
                  audit: AuditLog | None = None, actor: str = "backup",
                  progress: BackupProgress | None = None) -> BackupSummary:
    """Back up `data_dir` into `out`. Raises KeyNotEscrowed when the key cannot be deposited yet."""
    demo = settings.mode is Mode.DEMO
    backup_key = ensure_escrowed(token_store_for(data_dir, demo_mode=demo), escrow)
    data_key = load_data_key(data_dir, demo_mode=demo).key
    summary = write_backup(data_dir, out, data_key=data_key, backup_key=backup_key, settings=settings,
                           progress=progress)
    if audit is not None:
        audit.record(actor=actor, action="backup.created", case_id=None,
                     detail={"key_id": summary.key_id, "cases": summary.cases, "unsynced": summary.unsynced,
                             "images": summary.images,
                             # megabytes: a byte count can look like a phone number to the audit's guard
                             "megabytes": round(summary.size / 1e6, 1)})
    return summary


def restore_folder(path: Path, data_dir: Path, *, escrow: Escrow,
                   settings_overrides: dict[str, Any] | None = None,
                   progress: BackupProgress | None = None) -> RestoreSummary:
    """Fetch the backup's key from the district (the caller has registered this PC and signed a clerk
    of the backup's township in) and restore into the empty `data_dir`."""
    header = backup_header(path)
    if not is_fresh(data_dir):
        raise FolderNotFresh(str(data_dir))  # before asking the district for anything
    key = fetch_backup_key(escrow, header.key_id)
    summary = restore_backup(path, data_dir, backup_key=key, settings_overrides=settings_overrides,
                             progress=progress)
    # Later backups of this PC go on with the same escrowed key.
    demo = Settings.load(data_dir / SETTINGS_FILE).mode is Mode.DEMO
    save_backup_key(token_store_for(data_dir, demo_mode=demo), BackupKey(header.key_id, key, escrowed=True))
    return summary


def restore_signed_in(path: Path, data_dir: Path, *, district_url: str, ca_file: str | None,
                      township_code: str, counter_name: str, username: str, password: str,
                      registration_code: str | None = None,
                      progress: BackupProgress | None = None) -> RestoreSummary:
    """The whole restore on a replaced PC: (register it,) sign the clerk in, fetch the key, restore. The
    device and session tokens go to this data folder's keyring entry, so the outbox can send right away;
    the password is used once and kept nowhere."""
    client = DistrictClient(district_url, verify=ca_file or True)
    try:
        keeper = SessionKeeper(client, token_store_for(data_dir, demo_mode=False),
                               township_code=township_code, counter_name=counter_name)
        if registration_code:
            keeper.register(registration_code)
        if username:
            keeper.sign_in(username, password)
        overrides: dict[str, Any] = {"district_url": district_url}
        if ca_file:
            overrides["district_ca_file"] = ca_file
        return restore_folder(path, data_dir, settings_overrides=overrides, progress=progress,
                              escrow=Escrow(client, keeper.credentials, counter_name=counter_name))
    finally:
        client.close()
