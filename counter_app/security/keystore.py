"""Where the data key lives: the OS keyring (Windows Credential Manager, macOS Keychain, Secret Service on
Linux) through `keyring`, never in plaintext next to the data — except in the embedded demo configuration
on a machine without any keyring, where an owner-only file is used and the UI must say so.

Which key wins when both could exist: an existing demo key file always wins, in either mode. The data in
that folder was encrypted with it; ignoring it would make the folder unreadable. A folder that started
without a keyring therefore keeps the file (and the warning) even after a keyring is installed. Otherwise
the keyring is used, and a key is created there on first use. A key is never silently replaced: a
damaged stored key raises, because a fresh key cannot read the existing data.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import keyring
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyring.errors

from counter_app.errors import UserFacingError
from counter_app.security.crypto import KEY_BYTES

SERVICE = "counter-app"
DEMO_KEY_FILE = "demo-data-key.txt"
_DEMO_FILE_HEADER = (
    "# counter-app demo data key. Demonstration only: do not enter real personal data.\n"
    "# 演示用数据密钥，仅供演示使用，请勿录入真实个人信息。删除本文件将无法读取本目录中的数据。\n"
)

DEMO_WARNING_ZH = "演示模式：数据密钥保存在本机文件中，仅供演示使用，请勿录入真实个人信息"
DEMO_WARNING_EN = ("Demo mode: the data key is kept in a file on this computer. For demonstration only; "
                   "do not enter real personal data")
# Production mode finding a folder that was first opened without a keyring (see the module docstring).
FILE_KEY_WARNING_ZH = ("本数据目录的密钥保存在本机文件中（该目录最初在无系统密钥环时以演示模式创建），"
                       "不符合正式使用要求，请勿录入真实个人信息")
FILE_KEY_WARNING_EN = ("This data folder's key is kept in a file on this computer (the folder was first "
                       "opened in demo mode without a system keyring). Not fit for production use; do not "
                       "enter real personal data")


class KeyStoreError(UserFacingError):
    pass


class KeyStoreUnavailable(KeyStoreError):
    """No usable OS keyring in production mode: the app must not start (no plaintext fallback)."""


class KeyCorrupted(KeyStoreError):
    """A stored key exists but is not a valid key; replacing it would make the existing data unreadable."""


@dataclass(frozen=True)
class DataKey:
    key: bytes = field(repr=False)
    source: Literal["keyring", "demo_file"]
    warning_zh: str | None = None
    warning_en: str | None = None


def keyring_username(data_dir: Path) -> str:
    """One keyring entry per data folder, so two folders (e.g. a demo and a real one) never share a key."""
    digest = hashlib.sha256(str(data_dir.expanduser().resolve()).encode("utf-8")).hexdigest()
    return f"data-key-{digest[:24]}"


def install_hint() -> tuple[str, str]:
    if sys.platform.startswith("win"):
        return ("无法访问 Windows 凭据管理器，请确认 Credential Manager 服务已启动",
                "Windows Credential Manager is not accessible; make sure the Credential Manager service runs")
    if sys.platform == "darwin":
        return ("无法访问 macOS 钥匙串，请解锁登录钥匙串",
                "The macOS Keychain is not accessible; unlock the login keychain")
    return ("未找到系统密钥环服务，请安装并启动 gnome-keyring 或 KWallet（Secret Service），"
            "或使用 Windows 凭据管理器",
            "No system keyring service was found: install and start gnome-keyring or KWallet "
            "(Secret Service), or use Windows Credential Manager")


def load_data_key(data_dir: Path, *, demo_mode: bool) -> DataKey:
    """Return this data folder's key, creating it on first use. Raises KeyStoreUnavailable in production
    mode when no OS keyring can hold it, KeyCorrupted when a stored key is damaged."""
    key_file = data_dir / DEMO_KEY_FILE
    if key_file.exists():
        key = _read_key_file(key_file)
        if demo_mode:
            return DataKey(key, "demo_file", DEMO_WARNING_ZH, DEMO_WARNING_EN)
        return DataKey(key, "demo_file", FILE_KEY_WARNING_ZH, FILE_KEY_WARNING_EN)

    problem = _keyring_problem()
    if problem is None:
        username = keyring_username(data_dir)
        try:
            stored = keyring.get_password(SERVICE, username)
        except (keyring.errors.KeyringError, keyring.errors.InitError) as exc:
            # A keyring exists but will not answer (locked, daemon gone). It may hold this folder's key,
            # so a new key in a file would orphan the data: refuse in both modes.
            raise KeyStoreUnavailable(
                "系统密钥环无法访问（可能已锁定），请解锁或重新启动密钥环服务后再试",
                f"The system keyring cannot be accessed (it may be locked); unlock or restart it and try "
                f"again ({type(exc).__name__}: {exc})") from exc
        if stored is not None:
            key = _decode_key(stored, where_zh="系统密钥环", where_en="the system keyring")
            return DataKey(key, "keyring")
        try:
            return DataKey(_create_in_keyring(username), "keyring")
        except (keyring.errors.KeyringError, keyring.errors.InitError) as exc:
            problem = f"{type(exc).__name__}: {exc}"  # nothing usable was stored: a file is safe in demo
    if not demo_mode:
        hint_zh, hint_en = install_hint()
        raise KeyStoreUnavailable(f"{hint_zh}。正式模式下不能在没有系统密钥环的情况下保存个人信息。",
                                  f"{hint_en}. Production mode cannot store personal data without one. "
                                  f"({problem})")
    return DataKey(_create_key_file(key_file), "demo_file", DEMO_WARNING_ZH, DEMO_WARNING_EN)


def _keyring_problem() -> str | None:
    """Why the current keyring backend cannot hold the key, or None if it can. The null backend counts as
    none: it accepts a key and forgets it."""
    try:
        backend = keyring.get_keyring()
    except (keyring.errors.KeyringError, keyring.errors.InitError) as exc:
        return f"{type(exc).__name__}: {exc}"
    if isinstance(backend, keyring.backends.fail.Keyring | keyring.backends.null.Keyring):
        return f"no keyring backend ({type(backend).__module__}.{type(backend).__name__})"
    if isinstance(backend, keyring.backends.chainer.ChainerBackend) and not backend.backends:
        return "keyring chainer without any viable backend"
    return None


def _create_in_keyring(username: str) -> bytes:
    encoded = base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")
    keyring.set_password(SERVICE, username, encoded)
    # Read back: some backends (a chainer whose members all decline) return without storing anything,
    # and a key that is not really stored would make every saved case unreadable next time.
    if keyring.get_password(SERVICE, username) != encoded:
        raise keyring.errors.PasswordSetError("the keyring did not keep the data key")
    return base64.b64decode(encoded)


def _decode_key(text: str, *, where_zh: str, where_en: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise KeyCorrupted(f"{where_zh}中的数据密钥已损坏，无法读取本机已保存的数据，请联系管理员",
                           f"The data key stored in {where_en} is damaged; the saved data cannot be read. "
                           "Contact the administrator")
    return key


def _read_key_file(path: Path) -> bytes:
    if os.name == "posix":
        # Tighten a file that was copied around with loose permissions rather than refuse to start.
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            path.chmod(0o600)
    text = path.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return _decode_key(lines[0] if len(lines) == 1 else "", where_zh=f"文件 {path} ", where_en=str(path))


def _create_key_file(path: Path) -> bytes:
    """Create the owner-only key file atomically: written and fsynced under a temporary name, then
    hard-linked into place so that a concurrent first start cannot overwrite a key already in use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = os.urandom(KEY_BYTES)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_DEMO_FILE_HEADER + base64.b64encode(key).decode("ascii") + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return _read_key_file(path)  # another process won the race: use its key
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return key
