"""The encrypted chunk stream: round trip in small chunks, and every way of changing the file fails."""

from __future__ import annotations

import io
import os
import struct

import pytest

from counter_app.backup.archive import (
    FORMAT_VERSION,
    MAGIC,
    BackupHeader,
    DecryptingReader,
    EncryptingWriter,
    new_salt,
    read_header,
)
from counter_app.backup.errors import BackupDamaged, NotABackup

CHUNK = 4096
KEY = os.urandom(32)


def header() -> BackupHeader:
    return BackupHeader(format=FORMAT_VERSION, key_id="3f0c1a52-8d8e-4c55-9a34-5f1a3b1f6f00",
                        township_code="510411001", counter_name="1号窗口",
                        created_at="2026-11-27T14:00:00+00:00", salt=new_salt(), chunk_size=CHUNK,
                        app_version="0.1.0")


def seal(payload: bytes, writes: int = 7) -> bytes:
    out = io.BytesIO()
    writer = EncryptingWriter(out, KEY, header())
    step = max(1, len(payload) // writes)
    for start in range(0, len(payload), step):
        writer.write(payload[start:start + step])
    writer.finish()
    return out.getvalue()


def open_all(data: bytes, key: bytes = KEY) -> bytes:
    stream = io.BytesIO(data)
    head, digest = read_header(stream)
    reader = DecryptingReader(stream, key, head, digest)
    body = reader.read(1000) + reader.read()
    reader.drain()
    return body


def records(data: bytes) -> tuple[bytes, list[bytes]]:
    """Split a file into its header part and its records (length word + sealed chunk)."""
    (size,) = struct.unpack(">I", data[8:12])
    prefix, rest, out = data[:12 + size], data[12 + size:], []
    while rest:
        (word,) = struct.unpack(">I", rest[:4])
        length = word & 0x7FFF_FFFF
        out.append(rest[:4 + length])
        rest = rest[4 + length:]
    return prefix, out


def test_round_trip_over_many_chunks_and_an_exact_multiple() -> None:
    for size in (0, 1, CHUNK, 3 * CHUNK, 3 * CHUNK + 17):
        payload = os.urandom(size)
        data = seal(payload)
        assert open_all(data) == payload
        assert size < 64 or payload[:64] not in data


@pytest.mark.parametrize("change", ["flip", "drop", "swap", "append", "truncate", "header", "key"])
def test_any_change_is_refused(change: str) -> None:
    data = seal(os.urandom(3 * CHUNK + 100))
    prefix, recs = records(data)
    key = KEY
    if change == "flip":
        damaged = bytearray(data)
        damaged[len(data) // 2] ^= 0x40
        data = bytes(damaged)
    elif change == "drop":
        data = prefix + b"".join(recs[:1] + recs[2:])
    elif change == "swap":
        data = prefix + b"".join([recs[1], recs[0], *recs[2:]])
    elif change == "append":
        data = data + recs[-1]
    elif change == "truncate":
        data = prefix + b"".join(recs[:-1])
    elif change == "header":
        data = data.replace(b"510411001", b"510411002", 1)
    else:
        key = os.urandom(32)
    with pytest.raises(BackupDamaged) as refused:
        open_all(data, key)
    assert "损坏或被篡改" in refused.value.message_zh


def test_not_a_backup() -> None:
    with pytest.raises(NotABackup):
        open_all(b"PK\x03\x04 a zip file")
    bad_version = header().encode().replace(b'"format": 1', b'"format": 9')
    with pytest.raises(NotABackup) as refused:
        open_all(MAGIC + struct.pack(">I", len(bad_version)) + bad_version)
    assert "不是本系统的备份文件" in refused.value.message_zh
