"""Field-level encryption of personal data at rest: AES-256-GCM with a random nonce per value.

The associated data binds each ciphertext to the row and field it was written for (`aad_for`), so a
ciphertext copied into another case or another column fails to decrypt instead of showing someone
else's data.
"""

from __future__ import annotations

import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from counter_app.errors import UserFacingError

KEY_BYTES = 32
NONCE_BYTES = 12  # 96 bits, the size GCM is designed for
TAG_BYTES = 16
FORMAT_V1 = 1  # leading byte, so a future key rotation or algorithm change can be told apart


class DecryptionError(UserFacingError):
    """A stored value could not be decrypted: wrong data key, corrupted or tampered with, or moved from
    another record. Carries a message for the clerk."""

    def __init__(self, detail_en: str = "") -> None:
        super().__init__("数据无法解密：数据密钥不匹配，或数据已损坏、被篡改",
                         "Data could not be decrypted: wrong data key, or the data is damaged or "
                         "tampered with")
        self.detail_en = detail_en


def aad_for(case_id: str, field: str) -> bytes:
    """Associated data for one field of one case. NUL cannot occur in either part, so the pair is
    unambiguous ("ab"+"c" and "a"+"bc" give different bytes)."""
    if not case_id or not field or "\x00" in case_id or "\x00" in field:
        raise ValueError("case_id and field must be non-empty and contain no NUL")
    return f"counter-app\x00{case_id}\x00{field}".encode()


class FieldCipher:
    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"the data key must be {KEY_BYTES} bytes, got {len(key)}")
        self._aead = AESGCM(key)

    def __repr__(self) -> str:  # never show the key in a traceback or log
        return "FieldCipher(<key hidden>)"

    def encrypt(self, plaintext: bytes, *, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return bytes([FORMAT_V1]) + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def decrypt(self, blob: bytes, *, aad: bytes) -> bytes:
        if len(blob) < 1 + NONCE_BYTES + TAG_BYTES:
            raise DecryptionError("ciphertext too short")
        if blob[0] != FORMAT_V1:
            raise DecryptionError(f"unknown format version {blob[0]}")
        nonce = blob[1:1 + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[1 + NONCE_BYTES:], aad)
        except InvalidTag:
            raise DecryptionError("authentication failed") from None

    def encrypt_text(self, text: str, *, aad: bytes) -> bytes:
        # surrogatepass is not used: a lone surrogate is a bug upstream and must fail loudly here.
        return self.encrypt(text.encode("utf-8"), aad=aad)

    def decrypt_text(self, blob: bytes, *, aad: bytes) -> str:
        return self.decrypt(blob, aad=aad).decode("utf-8")

    def encrypt_json(self, data: dict[str, Any], *, aad: bytes) -> bytes:
        # ensure_ascii=False keeps rare characters as UTF-8 (smaller); they are encrypted either way.
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return self.encrypt_text(text, aad=aad)

    def decrypt_json(self, blob: bytes, *, aad: bytes) -> dict[str, Any]:
        data = json.loads(self.decrypt_text(blob, aad=aad))
        if not isinstance(data, dict):
            raise DecryptionError("decrypted value is not a JSON object")
        return data
