"""The `counter_users` table: per user name, the encrypted offline verifier and profile, the time of the
last online sign-in, and the failed-attempt count / lock-out that must survive a restart.

Why the database and not a file: the lock-out counter is read-then-written on every attempt, which a
BEGIN IMMEDIATE transaction makes safe; the table is backed up with the rest of the store before each
schema upgrade; and both secrets-adjacent columns are encrypted with the same data key as the cases, so
copying `counter.sqlite3` off the PC without the keyring yields nothing to attack offline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.security.crypto import DecryptionError, FieldCipher, aad_for
from counter_app.store.db import Database
from counter_app.store.tables import CounterUserRow

MAX_USERNAME = 64


@dataclass(frozen=True)
class KnownUser:
    """What an earlier online sign-in left behind for `username` (verifier None: only failures)."""

    username: str
    verifier: str | None
    display_name: str
    role: str
    township_code: str | None
    last_online_at: datetime | None
    failed_attempts: int
    locked_until: datetime | None


def _aad(username: str, field: str) -> bytes:
    return aad_for(f"counter-user:{username}", field)


class CounterUserStore:
    def __init__(self, database: Database, cipher: FieldCipher) -> None:
        self._db = database
        self._cipher = cipher

    def get(self, username: str) -> KnownUser | None:
        with self._db.read() as session:
            row = session.get(CounterUserRow, username)
            return None if row is None else self._known(row)

    def remember(self, username: str, verifier: str, *, display_name: str, role: str,
                 township_code: str | None, at: datetime) -> None:
        """After an online sign-in: the new verifier and profile; failures are forgiven."""
        profile = {"display_name": display_name, "role": role, "township_code": township_code}

        def change(row: CounterUserRow) -> None:
            row.verifier_enc = self._cipher.encrypt_text(verifier, aad=_aad(username, "verifier"))
            row.profile_enc = self._cipher.encrypt_json(profile, aad=_aad(username, "profile"))
            row.last_online_at = at
            row.failed_attempts = 0
            row.locked_until = None

        self._update(username, change)

    def succeeded(self, username: str) -> None:
        def change(row: CounterUserRow) -> None:
            row.failed_attempts = 0
            row.locked_until = None

        self._update(username, change)

    def failed(self, username: str, *, now: datetime, max_failures: int,
               lock_until: datetime) -> tuple[int, datetime | None]:
        """Count one failure; at `max_failures` lock until `lock_until` and start counting afresh.
        Returns (failures so far, locked until or None)."""
        result: list[tuple[int, datetime | None]] = []

        def change(row: CounterUserRow) -> None:
            if row.locked_until is not None and row.locked_until <= now:
                row.locked_until = None  # an expired lock-out: this is the first try of a new round
            count = (row.failed_attempts or 0) + 1
            if count >= max_failures:
                row.failed_attempts, row.locked_until = 0, lock_until
                result.append((count, lock_until))
            else:
                row.failed_attempts = count
                result.append((count, None))

        self._update(username, change)
        return result[0]

    def _update(self, username: str, change: Callable[[CounterUserRow], None]) -> None:
        with self._db.write() as session:
            row = session.get(CounterUserRow, username)
            if row is None:
                row = CounterUserRow(username=username, failed_attempts=0)
                session.add(row)
            change(row)

    def _known(self, row: CounterUserRow) -> KnownUser:
        verifier: str | None = None
        profile: dict[str, Any] = {}
        try:
            if row.verifier_enc is not None:
                verifier = self._cipher.decrypt_text(row.verifier_enc, aad=_aad(row.username, "verifier"))
            if row.profile_enc is not None:
                profile = self._cipher.decrypt_json(row.profile_enc, aad=_aad(row.username, "profile"))
        except DecryptionError:
            verifier, profile = None, {}  # damaged or moved: no offline sign-in, online still works
        township = profile.get("township_code")
        return KnownUser(username=row.username, verifier=verifier,
                         display_name=str(profile.get("display_name") or ""),
                         role=str(profile.get("role") or ""),
                         township_code=str(township) if township else None,
                         last_online_at=row.last_online_at,
                         failed_attempts=row.failed_attempts or 0, locked_until=row.locked_until)
