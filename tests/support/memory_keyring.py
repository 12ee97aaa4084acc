"""An in-memory keyring backend: the OS keyring daemon is the one edge that cannot exist on CI.

Faithful to the parts of the `keyring` contract the app relies on: get returns None for a missing entry,
set overwrites, delete of a missing entry raises PasswordDeleteError, entries are per (service, username).
`locked=True` makes every call raise KeyringLocked, as a locked Secret Service collection does.
"""

from __future__ import annotations

import keyring.backend
import keyring.errors


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # class attribute (keyring reads it on the class); > 0 means "viable"

    def __init__(self, *, locked: bool = False) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._store: dict[tuple[str, str], str] = {}
        self.locked = locked

    def _check(self) -> None:
        if self.locked:
            raise keyring.errors.KeyringLocked("the in-memory keyring is locked")

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        if not isinstance(password, str):
            raise TypeError("keyring passwords are str")
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        try:
            del self._store[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("no such password") from None

    def entries(self) -> dict[tuple[str, str], str]:
        """A copy of what is stored, for assertions."""
        return dict(self._store)
