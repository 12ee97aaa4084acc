"""The backup file format: a small plaintext header, then a tar stream encrypted in chunks.

    "CNTRBAK\\0"  u32 header length  header (JSON: format, key id, township, time, salt, chunk size)
    record*:      u32 (length | FINAL bit)  AES-256-GCM ciphertext of one chunk (<= chunk size + tag)

The file key is HKDF-SHA256(backup key, salt of this file), so nonces can simply count chunks. Each
chunk's associated data is the header's SHA-256, the chunk's index and whether it is the last one: a
changed header, a changed, reordered, dropped or appended chunk, and a file cut short all fail
authentication. Chunks are written and checked one at a time, so a large image folder never sits in
memory, and nothing from a chunk is used before its tag has been verified.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import asdict, dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from counter_app.backup.errors import BackupDamaged, NotABackup

MAGIC = b"CNTRBAK\x00"
FORMAT_VERSION = 1
CHUNK_SIZE = 1 << 20
TAG_BYTES = 16
SALT_BYTES = 32
_MAX_HEADER = 64 * 1024
_FINAL = 0x8000_0000
_U32 = struct.Struct(">I")
_INFO = b"counter-app backup v1 file key"


@dataclass(frozen=True)
class BackupHeader:
    """Readable without the key: restore needs the key id to ask the district for the key."""

    format: int
    key_id: str
    township_code: str
    counter_name: str
    created_at: str  # ISO 8601, UTC
    salt: str  # hex
    chunk_size: int
    app_version: str

    def encode(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def decode(cls, raw: bytes) -> BackupHeader:
        try:
            data = json.loads(raw.decode("utf-8"))
            header = cls(**{name: data[name] for name in cls.__dataclass_fields__})
        except (ValueError, KeyError, TypeError):
            raise NotABackup() from None
        if header.format != FORMAT_VERSION:
            raise NotABackup()
        if not 4096 <= int(header.chunk_size) <= 16 * CHUNK_SIZE:
            raise BackupDamaged("chunk size out of range")
        return header


def new_salt() -> str:
    return os.urandom(SALT_BYTES).hex()


def _file_aead(backup_key: bytes, salt_hex: str) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=bytes.fromhex(salt_hex), info=_INFO)
    return AESGCM(hkdf.derive(backup_key))


def _aad(header_digest: bytes, index: int, final: bool) -> bytes:
    return header_digest + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


class EncryptingWriter:
    """A write-only stream (what tarfile's "w|" mode needs) that encrypts in chunks into `out`."""

    def __init__(self, out: BinaryIO, backup_key: bytes, header: BackupHeader) -> None:
        encoded = header.encode()
        prefix = MAGIC + _U32.pack(len(encoded)) + encoded
        out.write(prefix)
        self._out = out
        self._digest = hashlib.sha256(prefix).digest()
        self._aead = _file_aead(backup_key, header.salt)
        self._chunk = header.chunk_size
        self._buffer = bytearray()
        self._index = 0
        self._finished = False

    def write(self, data: bytes) -> int:
        if self._finished:
            raise ValueError("the backup stream is already finished")
        self._buffer += data
        while len(self._buffer) >= self._chunk:
            piece = bytes(self._buffer[:self._chunk])
            del self._buffer[:self._chunk]
            self._emit(piece, final=False)
        return len(data)

    def finish(self) -> None:
        """Write the last chunk (possibly empty), which carries the FINAL mark."""
        self._emit(bytes(self._buffer), final=True)
        self._buffer.clear()
        self._finished = True

    def _emit(self, plaintext: bytes, *, final: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._index), plaintext, _aad(self._digest, self._index, final))
        self._out.write(_U32.pack(len(sealed) | (_FINAL if final else 0)) + sealed)
        self._index += 1


def read_header(stream: BinaryIO) -> tuple[BackupHeader, bytes]:
    """The header and the digest that binds every chunk to it. Raises NotABackup."""
    magic = stream.read(len(MAGIC))
    if magic != MAGIC:
        raise NotABackup()
    size_raw = stream.read(_U32.size)
    if len(size_raw) != _U32.size:
        raise NotABackup()
    (size,) = _U32.unpack(size_raw)
    if size > _MAX_HEADER:
        raise NotABackup()
    encoded = stream.read(size)
    if len(encoded) != size:
        raise BackupDamaged("header cut short")
    header = BackupHeader.decode(encoded)
    return header, hashlib.sha256(magic + size_raw + encoded).digest()


class DecryptingReader:
    """A read-only stream (what tarfile's "r|" mode needs) over the verified plaintext. Any failure of
    authentication, a missing last chunk or bytes after it raise BackupDamaged."""

    def __init__(self, stream: BinaryIO, backup_key: bytes, header: BackupHeader, digest: bytes) -> None:
        self._stream = stream
        self._aead = _file_aead(backup_key, header.salt)
        self._digest = digest
        self._limit = header.chunk_size + TAG_BYTES
        self._buffer = bytearray()
        self._index = 0
        self._done = False

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            self._next_chunk()
        if size < 0:
            size = len(self._buffer)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def drain(self) -> None:
        """Read and verify to the end: the tar reader may stop before the padding and the last chunk."""
        while not self._done:
            self._next_chunk()
            self._buffer.clear()
        self._buffer.clear()

    def _next_chunk(self) -> None:
        raw = self._stream.read(_U32.size)
        if len(raw) != _U32.size:
            raise BackupDamaged("the file is cut short")
        (word,) = _U32.unpack(raw)
        final, length = bool(word & _FINAL), word & ~_FINAL
        if not TAG_BYTES <= length <= self._limit:
            raise BackupDamaged("bad chunk length")
        sealed = self._stream.read(length)
        if len(sealed) != length:
            raise BackupDamaged("the file is cut short")
        try:
            plain = self._aead.decrypt(_nonce(self._index), sealed, _aad(self._digest, self._index, final))
        except InvalidTag:
            raise BackupDamaged(f"chunk {self._index} failed authentication") from None
        self._index += 1
        self._buffer += plain
        if final:
            self._done = True
            if self._stream.read(1):
                raise BackupDamaged("data after the last chunk")
