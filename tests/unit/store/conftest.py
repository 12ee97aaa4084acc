"""A real database file in a fresh data folder per test, with a random data key."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.security.crypto import FieldCipher
from counter_app.store.db import Database
from counter_app.store.repository import CaseRepository


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cipher() -> FieldCipher:
    return FieldCipher(os.urandom(32))


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = Database.open(data_dir)
    yield database
    database.close()


@pytest.fixture
def repo(db: Database, cipher: FieldCipher) -> CaseRepository:
    return CaseRepository(db, cipher)

