from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.printing.helpers import Desk


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path / "data")
    yield opened
    opened.close()
