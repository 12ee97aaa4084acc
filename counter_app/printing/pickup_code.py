"""The 6-digit one-time pickup code printed on the 领取通知单 (domain.md §8): made from the OS's secure
random source, shown once, and stored only as an Argon2id hash bound to its case.

Six digits are a million values, so the hash alone would not stop an offline search; what protects the
code is that the hash never leaves the counter's encrypted-at-rest folder and that wrong attempts at the
desk are rate-limited (counter_app.services.pickup). Argon2id makes each guess cost ~25 ms either way.
"""

from __future__ import annotations

import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_CODE = re.compile(r"[0-9]{6}")
# Lighter than a password hash (a 6-digit code has ~20 bits; the cost is a speed bump, the rate limit is
# the lock), so verifying at the desk stays well under a tenth of a second.
_HASHER = PasswordHasher(time_cost=2, memory_cost=16 * 1024, parallelism=1)


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def normalize_code(text: str) -> str:
    """What the clerk typed, without spaces, hyphens or full-width digits ("０４２ ９１７" -> "042917")."""
    text = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in text)
    return "".join(c for c in text if not c.isspace() and c != "-")


def is_well_formed(code: str) -> bool:
    return bool(_CODE.fullmatch(code))


def hash_code(case_id: str, code: str) -> str:
    return _HASHER.hash(f"{case_id}:{code}")


def verify_code(case_id: str, code: str, code_hash: str) -> bool:
    """True if `code` is the case's code. The case id is part of the hashed text, so a code copied from
    another case's slip never matches."""
    try:
        return _HASHER.verify(code_hash, f"{case_id}:{code}")
    except (VerificationError, InvalidHashError):
        return False
