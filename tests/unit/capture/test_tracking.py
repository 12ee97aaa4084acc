"""The live-preview detector: tracks the face between full searches, carries the eyes between eye
searches, and forgets everything when the picture changes to another scene."""

from __future__ import annotations

import cv2

from counter_app.capture.face_detect import HaarFaceDetector, TrackingFaceDetector
from counter_app.capture.images import load_image
from counter_app.capture.portrait import PortraitAnalyzer
from tests.unit.capture.portraits import DATA, portrait_frame


class CountingDetector(HaarFaceDetector):
    def __init__(self) -> None:
        super().__init__()
        self.full = self.near = 0

    def detect(self, gray, *, small_faces=True):  # type: ignore[no-untyped-def]
        self.full += 1
        return super().detect(gray, small_faces=small_faces)

    def detect_near(self, gray, previous, *, with_eyes=True):  # type: ignore[no-untyped-def]
        self.near += 1
        return super().detect_near(gray, previous, with_eyes=with_eyes)


def test_stream_is_tracked_with_periodic_full_searches() -> None:
    counting = CountingDetector()
    tracker = TrackingFaceDetector(counting, full_every=4)
    frames = [cv2.cvtColor(portrait_frame(seed=i), cv2.COLOR_BGR2GRAY) for i in range(10)]
    found = [tracker.detect(frame) for frame in frames]
    assert all(len(f) == 1 and f[0].left_eye is not None for f in found)
    assert counting.full == 2 and counting.near == 8  # full, 4 near, full, 4 near


def test_an_unrelated_image_does_not_inherit_the_last_face() -> None:
    analyzer = PortraitAnalyzer()  # tracking, as in the live preview
    assert analyzer.analyse(portrait_frame()).passed
    turned = analyzer.analyse(load_image(DATA / "camera.jpg"))
    assert not turned.passed and turned.hint() == "请正视镜头"
    assert analyzer.analyse(portrait_frame()).passed
