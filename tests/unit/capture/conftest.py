"""Shared, expensive objects: the cascades load once per session, like the app loads them once."""

from __future__ import annotations

import pytest

from counter_app.capture.face_detect import HaarFaceDetector
from counter_app.capture.portrait import PortraitAnalyzer


@pytest.fixture(scope="session")
def detector() -> HaarFaceDetector:
    return HaarFaceDetector()


@pytest.fixture
def analyzer(detector: HaarFaceDetector) -> PortraitAnalyzer:
    """A stateless analyser (no tracking between unrelated test images)."""
    return PortraitAnalyzer(detector=detector)
