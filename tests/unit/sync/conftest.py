"""A real local store per test (SQLite file, random data key) with an accepted case ready to submit."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.demo import load_sample_application
from counter_app.domain.status import CaseStatus
from counter_app.security.crypto import FieldCipher
from counter_app.store.audit import AuditLog
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.db import Database
from counter_app.store.outbox import OutboxRepository
from counter_app.store.repository import CaseRepository
from tests.support.applications import new_record


@pytest.fixture
def cipher() -> FieldCipher:
    return FieldCipher(os.urandom(32))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "data")
    yield database
    database.close()


@pytest.fixture
def repo(db: Database, cipher: FieldCipher) -> CaseRepository:
    return CaseRepository(db, cipher)


@pytest.fixture
def outbox(db: Database, cipher: FieldCipher) -> OutboxRepository:
    return OutboxRepository(db, cipher)


@pytest.fixture
def audit(db: Database) -> AuditLog:
    return AuditLog(db)


@pytest.fixture
def blobs(tmp_path: Path, cipher: FieldCipher) -> EncryptedBlobStore:
    return EncryptedBlobStore(tmp_path / "data" / "blobs", cipher)


@pytest.fixture
def accepted(repo: CaseRepository) -> str:
    """An accepted case of township 510411001 (the demo sample application)."""
    record = new_record(repo, load_sample_application(), township="510411001", status=CaseStatus.ACCEPTED)
    return repo.create(record).case_id
