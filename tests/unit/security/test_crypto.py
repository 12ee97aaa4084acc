from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.security.crypto import NONCE_BYTES, DecryptionError, FieldCipher, aad_for

KEY = bytes(range(32))


def test_round_trip_text_bytes_and_json() -> None:
    cipher = FieldCipher(KEY)
    aad = aad_for("case-1", "name")
    assert cipher.decrypt(cipher.encrypt(b"\x00\xffraw", aad=aad), aad=aad) == b"\x00\xffraw"
    assert cipher.decrypt_text(cipher.encrypt_text("𠮷䶮张三", aad=aad), aad=aad) == "𠮷䶮张三"
    data = {"name": "𠮷䶮", "n": 3, "nested": {"list": [1, "二"]}}
    assert cipher.decrypt_json(cipher.encrypt_json(data, aad=aad), aad=aad) == data


def test_format_is_version_byte_nonce_ciphertext_tag() -> None:
    blob = FieldCipher(KEY).encrypt(b"abc", aad=b"x")
    assert blob[0] == 1
    assert len(blob) == 1 + NONCE_BYTES + 3 + 16


def test_a_fresh_nonce_for_every_encryption() -> None:
    cipher = FieldCipher(KEY)
    blobs = {cipher.encrypt(b"same plaintext", aad=b"a") for _ in range(50)}
    assert len(blobs) == 50
    assert len({b[1:1 + NONCE_BYTES] for b in blobs}) == 50


@pytest.mark.parametrize("position", [0, 1, NONCE_BYTES, NONCE_BYTES + 2, -1])
def test_any_flipped_byte_is_detected(position: int) -> None:
    cipher = FieldCipher(KEY)
    blob = bytearray(cipher.encrypt(b"11010519491231002X", aad=b"a"))
    blob[position] ^= 0x01
    with pytest.raises(DecryptionError) as info:
        cipher.decrypt(bytes(blob), aad=b"a")
    assert "解密" in info.value.message_zh


def test_wrong_key_and_truncation_fail() -> None:
    blob = FieldCipher(KEY).encrypt(b"secret", aad=b"a")
    with pytest.raises(DecryptionError):
        FieldCipher(os.urandom(32)).decrypt(blob, aad=b"a")
    with pytest.raises(DecryptionError):
        FieldCipher(KEY).decrypt(blob[:20], aad=b"a")
    with pytest.raises(DecryptionError):
        FieldCipher(KEY).decrypt(b"", aad=b"a")


def test_ciphertext_moved_to_another_case_or_field_fails() -> None:
    cipher = FieldCipher(KEY)
    blob = cipher.encrypt_text("张三", aad=aad_for("case-A", "application"))
    assert cipher.decrypt_text(blob, aad=aad_for("case-A", "application")) == "张三"
    with pytest.raises(DecryptionError):
        cipher.decrypt_text(blob, aad=aad_for("case-B", "application"))
    with pytest.raises(DecryptionError):
        cipher.decrypt_text(blob, aad=aad_for("case-A", "summary"))


def test_aad_is_unambiguous_and_rejects_bad_parts() -> None:
    assert aad_for("ab", "c") != aad_for("a", "bc")
    for case_id, field in (("", "f"), ("c", ""), ("c\x00", "f")):
        with pytest.raises(ValueError):
            aad_for(case_id, field)


def test_key_must_be_256_bits_and_is_never_shown() -> None:
    for size in (0, 16, 31, 33):
        with pytest.raises(ValueError):
            FieldCipher(b"k" * size)
    assert KEY.hex() not in repr(FieldCipher(KEY))


def test_decrypt_json_refuses_non_objects() -> None:
    cipher = FieldCipher(KEY)
    with pytest.raises(DecryptionError):
        cipher.decrypt_json(cipher.encrypt_text("[1, 2]", aad=b"a"), aad=b"a")


@given(plaintext=st.binary(max_size=2048), aad=st.binary(max_size=64), other=st.binary(max_size=64))
def test_round_trip_and_aad_binding_for_any_input(plaintext: bytes, aad: bytes, other: bytes) -> None:
    cipher = FieldCipher(KEY)
    blob = cipher.encrypt(plaintext, aad=aad)
    assert cipher.decrypt(blob, aad=aad) == plaintext
    if other != aad:
        with pytest.raises(DecryptionError):
            cipher.decrypt(blob, aad=other)
