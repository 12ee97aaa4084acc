"""The portrait quality gate on real photographs (scikit-image's public-domain/CC0 images, vendored in
tests/data) and on degraded copies of them: each check fires on the defect it is for, and a good capture
passes every check."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from counter_app.capture.images import load_image
from counter_app.capture.portrait import PortraitAnalyzer, PortraitReport
from tests.unit.capture.portraits import DATA, photo_background, portrait_frame, wall, with_hat


def failed(report: PortraitReport) -> set[str]:
    return {c.name for c in report.failed}


def test_good_capture_passes_every_check(analyzer: PortraitAnalyzer) -> None:
    report = analyzer.analyse(portrait_frame())
    assert report.passed, [c.line() for c in report.checks]
    assert all(c.evaluated for c in report.checks)
    assert report.hint() == "很好，请保持不动"
    assert len(report.target_corners) == 4


@pytest.mark.parametrize("size", [(640, 480), (1280, 720), (1920, 1080)])
def test_good_capture_passes_at_any_camera_resolution(
    analyzer: PortraitAnalyzer, size: tuple[int, int]
) -> None:
    report = analyzer.analyse(portrait_frame(*size))
    assert report.passed, [c.line() for c in report.failed]


def test_sensor_noise_is_not_mistaken_for_detail_or_blur(analyzer: PortraitAnalyzer) -> None:
    noisy = analyzer.analyse(portrait_frame(noise=8.0))
    assert noisy.check("sharpness").passed
    blurred_and_noisy = cv2.GaussianBlur(portrait_frame(noise=0.0), (0, 0), 2.0)
    blurred_and_noisy = np.clip(
        blurred_and_noisy + np.random.default_rng(5).normal(0, 8, blurred_and_noisy.shape), 0, 255
    ).astype(np.uint8)
    assert "sharpness" in failed(analyzer.analyse(blurred_and_noisy))


def test_the_unedited_astronaut_photo_is_one_frontal_face(analyzer: PortraitAnalyzer) -> None:
    report = analyzer.analyse(load_image(DATA / "astronaut.jpg"))
    for name in ("face_count", "frontal", "sharpness", "exposure", "head_uncovered"):
        assert report.check(name).passed, report.check(name).line()


def test_a_turned_face_is_asked_to_face_the_camera(analyzer: PortraitAnalyzer) -> None:
    report = analyzer.analyse(load_image(DATA / "camera.jpg"))  # the cameraman looks into his camera
    assert not report.passed
    assert report.hint() == "请正视镜头"


@pytest.mark.parametrize("name", ["chelsea.jpg", "coffee.jpg"])
def test_photos_without_a_face_say_so(analyzer: PortraitAnalyzer, name: str) -> None:
    report = analyzer.analyse(load_image(DATA / name))
    assert failed(report) == {"face_count"}
    assert report.face is None
    assert "未检测到人脸" in report.hint()
    assert not any(c.evaluated for c in report.checks[1:])


def test_two_people_are_refused(analyzer: PortraitAnalyzer) -> None:
    left = portrait_frame(640, 480, face_fraction=0.26, cx=0.5)
    pair = np.hstack([left, left])  # two applicants side by side in one frame
    report = analyzer.analyse(pair)
    assert failed(report) == {"face_count"}
    assert "只能有一个人" in report.hint()


@pytest.mark.parametrize("sigma", [1.6, 2.5, 4.0])
def test_blur_fails_sharpness(analyzer: PortraitAnalyzer, sigma: float) -> None:
    report = analyzer.analyse(cv2.GaussianBlur(portrait_frame(), (0, 0), sigma))
    assert "sharpness" in failed(report)


def test_a_dark_frame_says_the_light_is_too_low(analyzer: PortraitAnalyzer) -> None:
    dark = (portrait_frame().astype(np.float32) * 0.35).astype(np.uint8)
    report = analyzer.analyse(dark)
    assert "exposure" in failed(report)
    assert report.hint() == "光线过暗，请打开灯光或面向光源"


def test_overexposure_and_blown_highlights(analyzer: PortraitAnalyzer) -> None:
    bright = np.clip(portrait_frame().astype(np.float32) * 1.6, 0, 255).astype(np.uint8)
    assert {"exposure", "highlights"} <= failed(analyzer.analyse(bright))


def test_glare_spot_on_the_face_fails_highlights(analyzer: PortraitAnalyzer) -> None:
    frame = portrait_frame()
    box = analyzer.analyse(frame).face.box  # type: ignore[union-attr]
    # A flash reflection on the nose: a soft spot whose core saturates (a few % of the face box).
    yy, xx = np.mgrid[: frame.shape[0], : frame.shape[1]]
    distance = np.hypot(xx - box.cx, yy - (box.y + box.h * 0.55)) / (box.w * 0.08)
    boost = np.clip(1.4 - distance, 0, 1)[:, :, None] * 300
    spot = np.clip(frame.astype(np.float32) + boost, 0, 255).astype(np.uint8)
    report = analyzer.analyse(spot)
    assert "highlights" in failed(report)
    assert report.check("highlights").hint_zh == "面部或眼镜反光，请调整角度或灯光"


def test_one_sided_light_fails_even_lighting(analyzer: PortraitAnalyzer) -> None:
    frame = portrait_frame()
    box = analyzer.analyse(frame).face.box  # type: ignore[union-attr]
    # A lamp on one side: the light falls off across the face.
    x = np.arange(frame.shape[1], dtype=np.float32)
    ramp = np.clip(1.0 - 0.9 * (x - box.cx) / box.w, 0.35, 1.3)[None, :, None]
    report = analyzer.analyse(np.clip(frame.astype(np.float32) * ramp, 0, 255).astype(np.uint8))
    assert "contrast" in failed(report)


def test_tilted_head_fails_frontal(analyzer: PortraitAnalyzer) -> None:
    frame = portrait_frame()
    matrix = cv2.getRotationMatrix2D((320, 200), 16, 1.0)
    tilted = cv2.warpAffine(frame, matrix, (640, 480), borderMode=cv2.BORDER_REPLICATE)
    report = analyzer.analyse(tilted)
    assert not report.passed
    assert "frontal" in failed(report) or "face_count" in failed(report)


@pytest.mark.parametrize(("cx", "hint"), [(0.28, "偏左"), (0.72, "偏右")])
def test_off_centre(analyzer: PortraitAnalyzer, cx: float, hint: str) -> None:
    report = analyzer.analyse(portrait_frame(cx=cx))
    assert failed(report) == {"centred"} or "centred" in failed(report)
    assert hint in report.check("centred").hint_zh


def test_too_far_and_too_near(analyzer: PortraitAnalyzer) -> None:
    far = analyzer.analyse(portrait_frame(640, 480, face_fraction=0.15))
    assert "face_size" in failed(far) and far.check("face_size").hint_zh == "太远了，请靠近一点"
    near = analyzer.analyse(portrait_frame(face_fraction=0.55, cy=0.45))
    assert "face_size" in failed(near) and near.check("face_size").hint_zh == "太近了，请离远一点"


def test_busy_background_is_not_plain(analyzer: PortraitAnalyzer) -> None:
    busy = portrait_frame(background=photo_background("coffee.jpg", 640, 480))
    report = analyzer.analyse(busy)
    assert "background" in failed(report)
    assert report.check("background").hint_zh == "背景不够干净，请站到纯色浅色背景前"


def test_dark_wall_is_not_a_light_background(analyzer: PortraitAnalyzer) -> None:
    report = analyzer.analyse(portrait_frame(background=wall(640, 480, (85, 80, 78))))
    assert failed(report) == {"background_light"}


@pytest.mark.parametrize("colour", [(40, 40, 200), (60, 120, 40), (235, 235, 235)])
def test_a_hat_is_noticed(analyzer: PortraitAnalyzer, colour: tuple[int, int, int]) -> None:
    frame = portrait_frame()
    box = analyzer.analyse(frame).face.box  # type: ignore[union-attr]
    report = analyzer.analyse(with_hat(frame, (box.x, box.y, box.w, box.h), colour))
    assert "head_uncovered" in failed(report)
    assert report.check("head_uncovered").hint_zh == "请摘下帽子或头饰"


def test_report_scores_hold_numbers_only(analyzer: PortraitAnalyzer) -> None:
    scores = analyzer.analyse(portrait_frame()).scores()
    assert set(scores) >= {"face_count", "sharpness", "background"}
    for value in scores.values():
        assert isinstance(value, dict) and set(value) == {"passed", "score"}
