"""Restore a backup into a new, empty data folder.

Everything is first unpacked into a staging folder inside the target, each file's SHA-256 taken on the
way; only when the whole stream has authenticated and every file matches the manifest is anything put in
place: the data key into this machine's keyring, then the images, the settings, and the database last
(a folder without its database counts as empty, so an interrupted restore can simply be run again).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.backup.archive import BackupHeader, DecryptingReader, read_header
from counter_app.backup.create import (
    BLOB_DIR,
    CALENDAR_FILE,
    DATA_KEY_MEMBER,
    MANIFEST_MEMBER,
    BackupProgress,
)
from counter_app.backup.errors import BackupDamaged, FolderNotFresh, WrongTownship
from counter_app.backup.keys import install_data_key
from counter_app.config import SETTINGS_FILE, Mode
from counter_app.security.crypto import KEY_BYTES, DecryptionError, FieldCipher
from counter_app.store.audit import AuditLog
from counter_app.store.db import DB_FILE, Database

_BLOB_MEMBER = re.compile(r"^blobs/([0-9a-f]{2})/([0-9a-f]{62})$")
_PLAIN_MEMBERS = {DB_FILE, SETTINGS_FILE, CALENDAR_FILE, DATA_KEY_MEMBER, MANIFEST_MEMBER}
# What belongs to this machine rather than to the counter's data: kept from the new folder's settings.
_MACHINE_KEYS = ("district_url", "language")
_MACHINE_EXTRA = ("district_ca_file", "camera_index", "camera_resolution")


@dataclass(frozen=True)
class RestoreSummary:
    cases: int
    unsynced: int
    images: int
    files: int
    township_code: str
    counter_name: str
    created_at: str
    key_source: str  # "keyring" | "demo_file"

    @property
    def created_local(self) -> str:
        """When the backup was made, in this computer's time zone, as a person reads it."""
        try:
            return datetime.fromisoformat(self.created_at).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return self.created_at


def backup_header(path: Path) -> BackupHeader:
    with open(path, "rb") as fh:
        return read_header(fh)[0]


def is_fresh(data_dir: Path) -> bool:
    """No database and no images: nothing a restore could overwrite."""
    if (data_dir / DB_FILE).exists():
        return False
    blobs = data_dir / BLOB_DIR
    return not (blobs.is_dir() and any(p.is_file() for p in blobs.rglob("*")))


def restore_backup(path: Path, data_dir: Path, *, backup_key: bytes,
                   settings_overrides: dict[str, Any] | None = None,
                   progress: BackupProgress | None = None) -> RestoreSummary:
    data_dir = Path(data_dir)
    if not is_fresh(data_dir):
        raise FolderNotFresh(str(data_dir))
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    if progress is not None:
        progress.total_bytes = max(1, path.stat().st_size)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=data_dir) as work:
        staging = Path(work)
        with open(path, "rb") as fh:
            header, digest = read_header(fh)
            reader = DecryptingReader(fh, backup_key, header, digest)
            seen = _unpack(reader, staging, fh, progress)
            reader.drain()
        manifest = _check_manifest(staging, seen, header)
        data_key = _data_key(staging)
        _check_key_opens_images(staging, data_key, seen)
        settings = _merged_settings(staging, data_dir, settings_overrides or {}, header)
        key_source = install_data_key(data_dir, data_key, demo_mode=settings.get("mode") == Mode.DEMO.value)
        _put_in_place(staging, data_dir, settings)
    database = Database.open(data_dir)  # migrates a backup from an older version, like any start-up
    try:
        AuditLog(database).record(actor="restore", action="backup.restored", case_id=None,
                                  detail={"key_id": header.key_id, "created_at": header.created_at,
                                          "files": len(seen)})
    finally:
        database.close()
    if progress is not None:
        progress.phase, progress.done_bytes = "done", progress.total_bytes
    images = sum(1 for name in seen if name.startswith(f"{BLOB_DIR}/"))
    return RestoreSummary(cases=int(manifest.get("cases", 0)), unsynced=int(manifest.get("unsynced", 0)),
                          images=images, files=len(seen), township_code=header.township_code,
                          counter_name=header.counter_name, created_at=header.created_at,
                          key_source=key_source)


def _unpack(reader: DecryptingReader, staging: Path, raw: Any,
            progress: BackupProgress | None) -> dict[str, tuple[int, str]]:
    seen: dict[str, tuple[int, str]] = {}
    try:
        with tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[call-overload]
            for member in tar:
                name = member.name
                if not member.isfile() or name in seen or not (name in _PLAIN_MEMBERS
                                                              or _BLOB_MEMBER.match(name)):
                    raise BackupDamaged(f"unexpected member {name[:80]!r}")
                target = staging / name
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                source = tar.extractfile(member)
                assert source is not None  # a regular file
                sha = hashlib.sha256()
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    while block := source.read(1 << 20):
                        sha.update(block)
                        out.write(block)
                        if progress is not None:
                            progress.done_bytes = raw.tell()
                seen[name] = (member.size, sha.hexdigest())
    except tarfile.TarError as exc:
        raise BackupDamaged(f"unreadable archive ({type(exc).__name__})") from None
    return seen


def _check_manifest(staging: Path, seen: dict[str, tuple[int, str]], header: BackupHeader) -> dict[str, Any]:
    if MANIFEST_MEMBER not in seen:
        raise BackupDamaged("no manifest")
    try:
        manifest = json.loads((staging / MANIFEST_MEMBER).read_text(encoding="utf-8"))
        listed = {str(f["path"]): (int(f["size"]), str(f["sha256"])) for f in manifest["files"]}
    except (ValueError, KeyError, TypeError):
        raise BackupDamaged("unreadable manifest") from None
    present = {name: value for name, value in seen.items() if name != MANIFEST_MEMBER}
    if listed != present:
        differing = sorted(set(listed.items()) ^ set(present.items()))[:3]
        raise BackupDamaged(f"files differ from the manifest: {[d[0] for d in differing]}")
    if manifest.get("key_id") != header.key_id or DB_FILE not in listed or DATA_KEY_MEMBER not in listed:
        raise BackupDamaged("manifest does not match the header")
    return dict(manifest)


def _data_key(staging: Path) -> bytes:
    try:
        key = base64.b64decode((staging / DATA_KEY_MEMBER).read_bytes(), validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise BackupDamaged("bad data key")
    return key


def _check_key_opens_images(staging: Path, key: bytes, seen: dict[str, tuple[int, str]]) -> None:
    """One image decrypted with the restored data key: the key and the images belong together."""
    cipher = FieldCipher(key)
    for name in seen:
        match = _BLOB_MEMBER.match(name)
        if match:
            sha = match.group(1) + match.group(2)
            try:
                plain = cipher.decrypt((staging / name).read_bytes(), aad=sha.encode("ascii"))
            except DecryptionError:
                raise BackupDamaged("the data key does not open the images") from None
            if hashlib.sha256(plain).hexdigest() != sha:
                raise BackupDamaged("an image does not match its name")
            return


def _merged_settings(staging: Path, data_dir: Path, overrides: dict[str, Any],
                     header: BackupHeader) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    if (staging / SETTINGS_FILE).is_file():
        settings = json.loads((staging / SETTINGS_FILE).read_text(encoding="utf-8"))
    settings.setdefault("township_code", header.township_code)
    extra: dict[str, Any] = dict(settings.get("extra") or {})
    existing_path = data_dir / SETTINGS_FILE
    if existing_path.is_file():
        existing = json.loads(existing_path.read_text(encoding="utf-8"))
        if existing.get("township_code") and existing["township_code"] != header.township_code:
            raise WrongTownship(header.township_code, str(existing["township_code"]))
        settings.update({k: existing[k] for k in _MACHINE_KEYS if k in existing})
        old_extra = existing.get("extra") or {}
        extra.update({k: old_extra[k] for k in _MACHINE_EXTRA if k in old_extra})
    for key, value in overrides.items():
        if key in _MACHINE_EXTRA:
            extra[key] = value
        else:
            settings[key] = value
    settings["extra"] = extra
    return settings


def _put_in_place(staging: Path, data_dir: Path, settings: dict[str, Any]) -> None:
    if (staging / BLOB_DIR).is_dir():
        target = data_dir / BLOB_DIR
        if target.exists():
            shutil.rmtree(target)  # empty (checked by is_fresh): only folders
        os.replace(staging / BLOB_DIR, target)
    tmp = data_dir / f".{SETTINGS_FILE}.restore"
    tmp.write_text(json.dumps(settings, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, data_dir / SETTINGS_FILE)
    if (staging / CALENDAR_FILE).is_file():
        os.replace(staging / CALENDAR_FILE, data_dir / CALENDAR_FILE)
    os.replace(staging / DB_FILE, data_dir / DB_FILE)  # last: from here on the folder is in use
