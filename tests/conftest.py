"""Fixtures for every test. Each test gets a fresh in-memory keyring: a real OS keyring (or keyring's
null backend) would hide bugs or leak keys between tests."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(MemoryKeyring())  # nothing stored by one test is visible to the next
