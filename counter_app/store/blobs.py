"""Encrypted, content-addressed files for images and scans.

A blob is named by the SHA-256 of its plaintext bytes, because that is how the sync protocol identifies it
(identical files dedupe, re-sending is harmless). On disk only AES-GCM ciphertext exists, bound to that
hash as associated data, so a file renamed to another hash fails to decrypt. Writes are atomic (temporary
file, fsync, rename), so a power cut leaves either the old state or the whole blob, never half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from pathlib import Path

from counter_app.errors import UserFacingError
from counter_app.security.crypto import FieldCipher

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
# Created 0600, never over an existing file; binary on Windows (no newline translation).
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


class BlobNotFound(UserFacingError, LookupError):
    def __init__(self, sha256: str) -> None:
        super().__init__("找不到该图片或文件，可能已被清理",
                         f"The image or file {sha256[:12]}… was not found; it may have been purged")
        self.sha256 = sha256


class BlobCorrupted(UserFacingError):
    def __init__(self, sha256: str) -> None:
        super().__init__("图片或文件已损坏，请重新采集",
                         f"The image or file {sha256[:12]}… is damaged; capture it again")
        self.sha256 = sha256


class EncryptedBlobStore:
    def __init__(self, root: Path, cipher: FieldCipher) -> None:
        self.root = root
        self._root = os.fspath(root)
        self._cipher = cipher

    def put(self, data: bytes, *, sha256: str | None = None) -> str:
        """Store `data` (if not already there) and return its SHA-256 hex digest. `sha256`: the digest
        the caller has just computed from these very bytes (not hashed again)."""
        sha = sha256 or hashlib.sha256(data).hexdigest()
        self._check(sha)
        # Plain os calls on str paths: the district service writes four of these per synced case, and
        # pathlib and tempfile objects cost more Python than the write itself.
        directory = os.path.join(self._root, sha[:2])
        final = os.path.join(directory, sha[2:])
        if os.path.exists(final):
            return sha
        ciphertext = self._cipher.encrypt(data, aad=sha.encode("ascii"))
        tmp_name = os.path.join(directory, f".tmp-{secrets.token_hex(8)}.part")
        try:
            fd = os.open(tmp_name, _NEW_FILE, 0o600)
        except FileNotFoundError:  # the first blob of this fan-out folder
            os.makedirs(directory, mode=0o700, exist_ok=True)
            fd = os.open(tmp_name, _NEW_FILE, 0o600)
        try:
            try:
                view = memoryview(ciphertext)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp_name, final)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            raise
        _fsync_dir(directory)
        return sha

    def get(self, sha256: str) -> bytes:
        """The plaintext bytes. Raises BlobNotFound, BlobCorrupted, or DecryptionError (tampered file or
        wrong key)."""
        path = self._path(sha256)
        try:
            ciphertext = path.read_bytes()
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None
        data = self._cipher.decrypt(ciphertext, aad=sha256.encode("ascii"))
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobCorrupted(sha256)
        return data

    def exists(self, sha256: str) -> bool:
        return self._path(sha256).is_file()

    def delete(self, sha256: str) -> bool:
        """Remove the blob; returns False if it was not there. The caller checks that no case still
        refers to it (files are shared between cases with identical bytes)."""
        try:
            self._path(sha256).unlink()
        except FileNotFoundError:
            return False
        return True

    def _path(self, sha256: str) -> Path:
        self._check(sha256)
        return self.root / sha256[:2] / sha256[2:]

    @staticmethod
    def _check(sha256: str) -> None:
        # The hash becomes a path: anything but 64 lower-case hex digits could walk out of the store.
        if not _SHA256_HEX.fullmatch(sha256):
            raise ValueError("a blob id is a lower-case SHA-256 hex digest")


def _fsync_dir(directory: str | Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open directories and needs no such step."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
