"""The camera test of the first-run wizard: open the source the settings choose and take one frame."""

from __future__ import annotations

from collections.abc import Callable

from counter_app.capture.errors import NoCameraError
from counter_app.capture.images import Image
from counter_app.capture.sources import FrameSource, source_for_settings
from counter_app.config import Settings

SourceFactory = Callable[[Settings], FrameSource]


def grab_test_frame(settings: Settings, *, open_source: SourceFactory = source_for_settings,
                    attempts: int = 30) -> Image:
    """One frame from the chosen camera. Raises NoCameraError (in Chinese) when there is none."""
    with open_source(settings) as source:
        for _ in range(attempts):
            frame = source.read()
            if frame is not None:
                return frame
    raise NoCameraError("the camera delivered no frame")
