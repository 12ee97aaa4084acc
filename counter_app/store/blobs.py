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
import tempfile
from pathlib import Path

from counter_app.errors import UserFacingError
from counter_app.security.crypto import FieldCipher

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


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
        self._cipher = cipher

    def put(self, data: bytes, *, sha256: str | None = None) -> str:
        """Store `data` (if not already there) and return its SHA-256 hex digest. `sha256`: the digest
        the caller has just computed from these very bytes (not hashed again)."""
        sha = sha256 or hashlib.sha256(data).hexdigest()
        path = self._path(sha)
        if path.exists():
            return sha
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        ciphertext = self._cipher.encrypt(data, aad=sha.encode("ascii"))
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(ciphertext)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp_name, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            raise
        _fsync_dir(path.parent)
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
        # The hash becomes a path: anything but 64 lower-case hex digits could walk out of the store.
        if not _SHA256_HEX.fullmatch(sha256):
            raise ValueError("a blob id is a lower-case SHA-256 hex digest")
        return self.root / sha256[:2] / sha256[2:]


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open directories and needs no such step."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
