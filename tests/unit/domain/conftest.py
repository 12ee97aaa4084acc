"""Fixtures for the domain tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from counter_app.domain.model import Application

from .samples import complete_application


@pytest.fixture
def make_app() -> Callable[[], Application]:
    """A factory: each call returns a fresh complete application to mutate."""
    return complete_application
