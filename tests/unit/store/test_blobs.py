"""Encrypted content-addressed blob files."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from counter_app.security.crypto import DecryptionError, FieldCipher
from counter_app.store.blobs import BlobCorrupted, BlobNotFound, EncryptedBlobStore

IMAGE = b"\xff\xd8\xff\xe0JFIF portrait of 11010519491231002X" + os.urandom(4096)


@pytest.fixture
def store(tmp_path: Path, cipher: FieldCipher) -> EncryptedBlobStore:
    return EncryptedBlobStore(tmp_path / "blobs", cipher)


def test_put_get_round_trip_keyed_by_plaintext_hash(store: EncryptedBlobStore) -> None:
    sha = store.put(IMAGE)
    assert sha == hashlib.sha256(IMAGE).hexdigest()
    assert store.exists(sha)
    assert store.get(sha) == IMAGE
    path = store.root / sha[:2] / sha[2:]
    assert path.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_file_holds_only_ciphertext(store: EncryptedBlobStore) -> None:
    sha = store.put(IMAGE)
    raw = (store.root / sha[:2] / sha[2:]).read_bytes()
    assert b"JFIF" not in raw and b"11010519491231002X" not in raw and IMAGE[-64:] not in raw
    assert [p.name for p in (store.root / sha[:2]).iterdir()] == [sha[2:]]  # no temporary file left


def test_identical_bytes_are_stored_once(store: EncryptedBlobStore) -> None:
    first = store.put(IMAGE)
    mtime = (store.root / first[:2] / first[2:]).stat().st_mtime_ns
    assert store.put(IMAGE) == first
    assert (store.root / first[:2] / first[2:]).stat().st_mtime_ns == mtime


def test_missing_deleted_and_malformed_ids(store: EncryptedBlobStore) -> None:
    sha = store.put(b"x")
    assert store.delete(sha) is True
    assert store.delete(sha) is False
    assert not store.exists(sha)
    with pytest.raises(BlobNotFound) as info:
        store.get(sha)
    assert "找不到" in info.value.message_zh
    for bad in ("../../etc/passwd", "AB" * 32, sha[:10], ""):
        with pytest.raises(ValueError):
            store.get(bad)


def test_file_renamed_to_another_hash_fails(store: EncryptedBlobStore) -> None:
    a, b = store.put(b"first image"), store.put(b"second image")
    (store.root / a[:2] / a[2:]).replace(store.root / b[:2] / b[2:])
    with pytest.raises(DecryptionError):
        store.get(b)


def test_tampered_file_and_wrong_key_fail(store: EncryptedBlobStore, tmp_path: Path) -> None:
    sha = store.put(IMAGE)
    path = store.root / sha[:2] / sha[2:]
    with pytest.raises(DecryptionError):
        EncryptedBlobStore(store.root, FieldCipher(os.urandom(32))).get(sha)
    raw = bytearray(path.read_bytes())
    raw[100] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(DecryptionError):
        store.get(sha)


def test_hash_is_verified_after_decryption(store: EncryptedBlobStore, cipher: FieldCipher) -> None:
    # A file that decrypts fine but holds other bytes (written with the right key and aad by a bug).
    sha = hashlib.sha256(b"expected").hexdigest()
    path = store.root / sha[:2] / sha[2:]
    path.parent.mkdir(parents=True)
    path.write_bytes(cipher.encrypt(b"something else", aad=sha.encode()))
    with pytest.raises(BlobCorrupted):
        store.get(sha)
