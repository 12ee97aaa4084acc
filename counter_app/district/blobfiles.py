"""Blob files on the server's disk: finished blobs and uploads in progress, both encrypted.

- objects/: finished, SHA-256-verified blobs, AES-GCM encrypted (the counter store's EncryptedBlobStore).
- partial/: uploads in progress, one file per (hash, upload salt). Chunks arrive at arbitrary offsets and
  a dropped connection keeps what arrived, so the file is encrypted with AES-CTR, whose key stream can
  start at any byte: key = HMAC(data key, hash + salt), counter = offset / 16. CTR has no integrity of
  its own; the SHA-256 check on completion is what proves the bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from counter_app.security.crypto import FieldCipher
from counter_app.store.blobs import EncryptedBlobStore

_SALT = re.compile(r"^[0-9a-f]{32}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_READ_CHUNK = 1024 * 1024


class PartialFiles:
    def __init__(self, root: Path, data_key: bytes) -> None:
        self.root = root
        self._key = data_key
        root.mkdir(mode=0o700, parents=True, exist_ok=True)

    def path(self, sha256: str, salt: str) -> Path:
        if not _SHA.match(sha256) or not _SALT.match(salt):
            raise ValueError("bad blob id or upload salt")
        return self.root / f"{sha256}.{salt}.part"

    def _cipher_at(self, sha256: str, salt: str, offset: int) -> Cipher[modes.CTR]:
        key = hmac.new(self._key, f"partial\x00{sha256}\x00{salt}".encode("ascii"), hashlib.sha256).digest()
        return Cipher(algorithms.AES(key), modes.CTR((offset // 16).to_bytes(16, "big")))

    def open(self, sha256: str, salt: str) -> int:
        """A file descriptor to write chunks into (created 0600 if needed). The caller closes it."""
        return os.open(self.path(sha256, salt), os.O_RDWR | os.O_CREAT, 0o600)

    def write_at(self, fd: int, sha256: str, salt: str, offset: int, data: bytes) -> None:
        encryptor = self._cipher_at(sha256, salt, offset).encryptor()
        encryptor.update(bytes(offset % 16))  # skip into the block
        ciphertext = encryptor.update(data)
        written = 0
        while written < len(ciphertext):
            written += os.pwrite(fd, ciphertext[written:], offset + written)

    def read(self, sha256: str, salt: str, length: int) -> bytes:
        """The first `length` plaintext bytes (fewer if the file is shorter)."""
        try:
            with open(self.path(sha256, salt), "rb") as fh:
                ciphertext = fh.read(length)
        except FileNotFoundError:
            return b""
        decryptor = self._cipher_at(sha256, salt, 0).decryptor()
        return decryptor.update(ciphertext)

    def delete(self, sha256: str, salt: str) -> None:
        with contextlib.suppress(FileNotFoundError, ValueError):
            self.path(sha256, salt).unlink()


def open_objects(root: Path, data_key: bytes) -> EncryptedBlobStore:
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return EncryptedBlobStore(root, FieldCipher(data_key))
