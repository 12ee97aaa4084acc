"""Auto-capture state machine, manual override, and the ID-photo crop geometry of domain.md §5."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from counter_app.capture.autocapture import AutoCapture, AutoCaptureState, OverrideReasonMissing
from counter_app.capture.face_detect import HaarFaceDetector
from counter_app.capture.id_photo import IdPhotoGeometry, crop_transform, make_id_photo
from counter_app.capture.pipeline import encode_portrait_capture, make_portrait_capture
from counter_app.capture.portrait import PortraitAnalyzer
from counter_app.capture.portrait_config import PortraitConfig
from counter_app.errors import UserFacingError
from tests.unit.capture.portraits import DATA, astronaut, portrait_frame


def test_captures_after_n_consecutive_good_frames(analyzer: PortraitAnalyzer) -> None:
    auto = AutoCapture(PortraitConfig(stable_frames=4))
    good = analyzer.analyse(portrait_frame())
    states = [auto.update(good).state for _ in range(4)]
    assert states == [AutoCaptureState.STEADY] * 3 + [AutoCaptureState.CAPTURED]
    assert auto.update(good).should_capture  # stays captured until the clerk retakes
    auto.reset()
    assert auto.update(good).state is AutoCaptureState.STEADY


def test_a_bad_frame_or_movement_restarts_the_count(analyzer: PortraitAnalyzer) -> None:
    auto = AutoCapture(PortraitConfig(stable_frames=3))
    good = analyzer.analyse(portrait_frame())
    moved = analyzer.analyse(portrait_frame(cx=0.56))
    blurred = analyzer.analyse(cv2.GaussianBlur(portrait_frame(), (0, 0), 3))
    assert auto.update(good).good_frames == 1
    assert auto.update(blurred).state is AutoCaptureState.SEARCHING
    assert auto.update(good).good_frames == 1
    assert auto.update(good).good_frames == 2
    status = auto.update(moved)  # passes every check but jumped: counting starts again
    assert status.good_frames == 1 and not status.should_capture
    assert 0 < status.progress < 1 and status.frames_left == 2


def test_manual_capture_of_a_failing_frame_needs_a_reason(analyzer: PortraitAnalyzer) -> None:
    frame = cv2.GaussianBlur(portrait_frame(), (0, 0), 3)
    report = analyzer.analyse(frame)
    assert not report.passed
    with pytest.raises(OverrideReasonMissing) as info:
        make_portrait_capture(frame, report, override_reason="   ")
    assert isinstance(info.value, UserFacingError) and "原因" in info.value.message_zh
    capture = make_portrait_capture(frame, report, override_reason=" 申请人行动不便，无法调整坐姿 ")
    assert capture.override_reason == "申请人行动不便，无法调整坐姿"
    encoded = encode_portrait_capture(capture)
    assert encoded.override_reason == capture.override_reason
    assert encoded.quality["sharpness"] == {
        "passed": False,
        "score": pytest.approx(report.check("sharpness").score, abs=1e-3),
    }


def test_manual_capture_without_any_face_still_gives_an_id_photo(analyzer: PortraitAnalyzer) -> None:
    frame = cv2.imread(str(DATA / "coffee.jpg"))
    report = analyzer.analyse(frame)
    capture = make_portrait_capture(frame, report, override_reason="测试")
    assert capture.photo.shape == (441, 358, 3)


def test_id_photo_geometry(detector: HaarFaceDetector, analyzer: PortraitAnalyzer) -> None:
    geometry = IdPhotoGeometry()
    frame = portrait_frame(1280, 720)
    report = analyzer.analyse(frame)
    assert report.face is not None
    photo = make_id_photo(frame, report.face)
    assert photo.shape == (441, 358, 3) and photo.dtype == np.uint8
    # Detected again in the photo, the face is 207 ± 14 px wide and horizontally centred.
    faces = detector.detect(cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY))
    assert len(faces) == 1
    box = faces[0].box
    assert abs(box.w - geometry.face_width) <= geometry.face_width_tolerance + 6
    assert abs(box.cx - 179) <= 12
    # The head (from the cut-out mask of the real photo) spans about 2/3 of the height: crown near the
    # top edge, chin at about 3/4.
    _, mask = astronaut()
    scale = 720 * 0.3 / 102
    placed = cv2.warpAffine(
        mask, np.float32([[scale, 0, 640 - 226 * scale], [0, scale, 720 * 0.42 - 115 * scale]]), (1280, 720)
    )
    cut = cv2.warpAffine(placed, crop_transform(report.face, geometry), (358, 441))
    rows = np.flatnonzero((cut[:, 150:210] > 127).any(axis=1))
    crown = rows[0]
    assert 5 <= crown <= 60, crown
    chin = box.y + box.h
    head = chin - crown
    assert abs(head - geometry.head_height) <= 0.12 * geometry.head_height, head


def test_crop_levels_a_tilted_head_and_pads_with_the_edge_colour(
    analyzer: PortraitAnalyzer, detector: HaarFaceDetector
) -> None:
    frame = portrait_frame(cx=0.5, cy=0.3)
    tilted = cv2.warpAffine(
        frame, cv2.getRotationMatrix2D((320, 144), 6, 1.0), (640, 480), borderMode=cv2.BORDER_REPLICATE
    )
    report = analyzer.analyse(tilted)
    assert report.face is not None and report.face.left_eye is not None
    photo = make_id_photo(tilted, report.face)
    again = detector.detect(cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY))
    assert again and again[0].left_eye and again[0].right_eye
    (lx, ly), (rx, ry) = again[0].left_eye, again[0].right_eye
    assert abs(np.degrees(np.arctan2(ry - ly, rx - lx))) < 3.5
    # The head is high in the frame, so the crop reaches above it: repeated wall colour, no black band.
    assert photo[:10].min() > 150


def test_encoded_portrait_is_small_and_a_jpeg(analyzer: PortraitAnalyzer) -> None:
    frame = portrait_frame(1280, 720)
    capture = make_portrait_capture(frame, analyzer.analyse(frame))
    encoded = encode_portrait_capture(capture)
    assert encoded.main.data[:2] == b"\xff\xd8" and encoded.main.size <= 40_000
    assert (encoded.main.width, encoded.main.height) == (358, 441)
    decoded = cv2.imdecode(np.frombuffer(encoded.main.data, np.uint8), cv2.IMREAD_COLOR)
    assert decoded.shape == (441, 358, 3)
    assert max(encoded.thumb.width, encoded.thumb.height) <= 256
    assert (encoded.original.width, encoded.original.height) == (1280, 720)
