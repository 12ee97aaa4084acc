"""Fixtures for every test. Each test gets a fresh in-memory keyring: a real OS keyring (or keyring's
null backend) would hide bugs or leak keys between tests. The root logger is put back after each test."""

from __future__ import annotations

import logging
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


@pytest.fixture(autouse=True)
def root_logging_put_back() -> Iterator[None]:
    """Code under test that sets up logging (counter_app.cli → configure_logging) gives the root logger a
    file in that test's data folder and a console bound to that test's captured stderr. Left in place,
    later tests would log into a deleted folder, and their background threads (the outbox worker) into a
    closed stream ("--- Logging error ---"). pytest's own capture handlers are its to manage."""
    root = logging.getLogger()
    before, level = set(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in before and not type(handler).__module__.startswith("_pytest"):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
