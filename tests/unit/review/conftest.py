from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.review.connection import ReviewConnection
from tests.unit.review.district import Counter, ReviewDistrict, start_review_district


@pytest.fixture
def district(tmp_path: Path) -> Iterator[ReviewDistrict]:
    running = start_review_district(tmp_path)
    yield running
    running.close()


@pytest.fixture
def counter(district: ReviewDistrict) -> Counter:
    return district.counter()


@pytest.fixture
def reviewer(district: ReviewDistrict) -> ReviewConnection:
    return district.reviewer()
