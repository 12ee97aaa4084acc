"""Proof that the data key in hand is the one this database was written with.

Without it, a lost keyring entry would quietly produce a fresh key: new cases would save fine while every
old one failed to open. A short known value encrypted with the key is stored on first use and checked on
every start, so a wrong key stops the app at once with a clear message (WrongDataKey).
"""

from __future__ import annotations

from sqlalchemy import select

from counter_app.security.crypto import DecryptionError, FieldCipher, aad_for
from counter_app.store.db import Database
from counter_app.store.errors import WrongDataKey
from counter_app.store.tables import CaseRow, StoreMeta

KEY_CHECK = "data_key_check"
_AAD = b"counter-app\x00store_meta\x00data_key_check"
_PLAINTEXT = b"counter-app data key check v1"


def verify_data_key(db: Database, cipher: FieldCipher) -> None:
    """Raise WrongDataKey unless `cipher` opens this database; record the check value on first use."""
    with db.read() as session:
        stored = session.get(StoreMeta, KEY_CHECK)
        check = stored.value if stored is not None else None
    if check is None:
        with db.write() as session:
            stored = session.get(StoreMeta, KEY_CHECK)
            if stored is None:
                # Cases written before the check existed must open with this key, or it is the wrong one.
                row = session.execute(select(CaseRow.case_id, CaseRow.summary_enc).limit(1)).first()
                if row is not None and not _opens(cipher, row.summary_enc, aad_for(row.case_id, "summary")):
                    raise WrongDataKey()
                session.add(StoreMeta(name=KEY_CHECK, value=cipher.encrypt(_PLAINTEXT, aad=_AAD)))
                return
            check = stored.value  # another process recorded it in between
    if not _opens(cipher, check, _AAD):
        raise WrongDataKey()


def _opens(cipher: FieldCipher, blob: bytes, aad: bytes) -> bool:
    try:
        cipher.decrypt(blob, aad=aad)
    except DecryptionError:
        return False
    return True
