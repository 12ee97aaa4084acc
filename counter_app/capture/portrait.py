"""The portrait quality gate: pure functions on a BGR frame returning a structured report.

Every check has a stable name, a measured score, pass/fail and, when it fails, a hint in Chinese (shown
large to the applicant and clerk) and English. Checks that need a face are reported as not evaluated
when there is none. Thresholds live in `PortraitConfig`; the face detector is passed in (created once and
reused: loading the cascades costs more than analysing a frame).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from counter_app.capture.checks import CheckResult, fail, ok, skipped
from counter_app.capture.face_detect import Box, Face, FaceDetector, HaarFaceDetector, TrackingFaceDetector
from counter_app.capture.id_photo import IdPhotoGeometry, crop_corners_in_frame
from counter_app.capture.images import Image, to_gray
from counter_app.capture.portrait_config import PortraitConfig


@dataclass(frozen=True)
class PortraitReport:
    checks: tuple[CheckResult, ...]
    face: Face | None
    frame_size: tuple[int, int]  # (width, height)
    target_corners: tuple[tuple[float, float], ...] = field(default=())  # the ID crop in the frame

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failed(self) -> list[CheckResult]:
        return [c for c in self.checks if c.evaluated and not c.passed]

    def check(self, name: str) -> CheckResult:
        return next(c for c in self.checks if c.name == name)

    def hint(self, language: str = "zh") -> str:
        """The one thing to fix first (checks are ordered: framing before image quality)."""
        failed = self.failed
        if not failed:
            return "很好，请保持不动" if not language.startswith("en") else "Good - hold still"
        return failed[0].hint(language)

    def scores(self) -> dict[str, object]:
        """Scores and outcomes only (stored as quality_json; no image data, no personal data)."""
        return {c.name: {"passed": c.passed, "score": None if c.score is None else round(c.score, 3)}
                for c in self.checks if c.evaluated}

    def to_json(self) -> str:
        return json.dumps(self.scores(), sort_keys=True)


_FACE_CHECKS = ("centred", "face_size", "frontal", "exposure", "contrast", "sharpness", "highlights",
                "head_uncovered", "background", "background_light")


class PortraitAnalyzer:
    """Holds the detector and configuration; `analyse(frame)` is the per-frame entry point.

    The default detector tracks the face from frame to frame (a full search every few frames), which is
    what a live preview needs; `analyse_portrait` uses a stateless detector for one-off images."""

    def __init__(self, config: PortraitConfig | None = None, detector: FaceDetector | None = None,
                 geometry: IdPhotoGeometry | None = None) -> None:
        self.config = config or PortraitConfig()
        self.detector = detector or TrackingFaceDetector()
        self.geometry = geometry or IdPhotoGeometry()

    def analyse(self, frame: Image) -> PortraitReport:
        cfg = self.config
        gray = to_gray(frame)
        height, width = gray.shape[:2]
        faces = self.detector.detect(gray)
        # A face much smaller than the largest is a false detection in the background texture more
        # often than a person; a second person at the counter is about as large as the applicant.
        faces = [f for f in faces if f.box.w >= cfg.min_second_face_ratio * faces[0].box.w]
        if len(faces) != 1:
            if faces:
                first = fail("face_count", len(faces), "画面中只能有一个人，请其他人离开镜头",
                              "Only one person may be in the picture")
            elif self.detector.detect_turned(gray):
                first = fail("face_count", 0, "请正视镜头", "Please face the camera")
            else:
                first = fail("face_count", 0, "未检测到人脸，请坐到镜头正前方",
                              "No face found; sit straight in front of the camera")
            rest = tuple(skipped(n) for n in _FACE_CHECKS)
            return PortraitReport((first, *rest), faces[0] if faces else None, (width, height))
        face = faces[0]
        box = face.box
        inner = _inner_face(gray, box, cfg.face_size)
        corners = crop_corners_in_frame(face, self.geometry)
        checks = (
            ok("face_count", 1),
            _centred(box, width, height, cfg),
            _face_size(box, height, cfg),
            _frontal(face, cfg),
            _exposure(inner, cfg),
            _contrast(inner, cfg),
            _sharpness(gray, box, cfg),
            _highlights(gray, box, cfg),
            *_head_and_background(frame, face, corners, cfg),
        )
        return PortraitReport(checks, face, (width, height),
                              tuple((float(x), float(y)) for x, y in corners))


def analyse_portrait(frame: Image, analyzer: PortraitAnalyzer | None = None) -> PortraitReport:
    """One-off analysis (tests, a still photo). For a live preview keep one PortraitAnalyzer."""
    return (analyzer or PortraitAnalyzer(detector=HaarFaceDetector())).analyse(frame)


# --- the checks ---------------------------------------------------------------------------------------

def _centred(box: Box, width: int, height: int, cfg: PortraitConfig) -> CheckResult:
    dx = (box.cx - width / 2) / width
    cy = box.cy / height
    score = abs(dx)
    if dx > cfg.max_centre_offset_x:
        return fail("centred", score, "请移到画面中央（人脸偏右）", "Move to the centre (face is right)")
    if dx < -cfg.max_centre_offset_x:
        return fail("centred", score, "请移到画面中央（人脸偏左）", "Move to the centre (face is left)")
    if cy < cfg.min_face_centre_y:
        return fail("centred", score, "人脸偏上，请坐低一点或调低摄像头", "Face too high; lower the camera")
    if cy > cfg.max_face_centre_y:
        return fail("centred", score, "人脸偏下，请坐直或调高摄像头",
                     "Face too low; sit up or raise the camera")
    return ok("centred", score)


def _face_size(box: Box, height: int, cfg: PortraitConfig) -> CheckResult:
    fraction = box.h / height
    if fraction > cfg.max_face_height_fraction:
        return fail("face_size", fraction, "太近了，请离远一点", "Too close; move back a little")
    if fraction < cfg.min_face_height_fraction or box.w < cfg.min_face_pixels:
        return fail("face_size", fraction, "太远了，请靠近一点", "Too far; come a little closer")
    return ok("face_size", fraction)


def _frontal(face: Face, cfg: PortraitConfig) -> CheckResult:
    if face.left_eye is None or face.right_eye is None:
        return fail("frontal", 0.0, "请正视镜头，睁开双眼", "Look straight at the camera, eyes open")
    (lx, ly), (rx, ry) = face.left_eye, face.right_eye
    tilt = abs(math.degrees(math.atan2(ry - ly, rx - lx)))
    distance = math.hypot(rx - lx, ry - ly) / face.box.w
    offset = abs((lx + rx) / 2 - face.box.cx) / face.box.w
    if tilt > cfg.max_eye_tilt_deg:
        return fail("frontal", tilt, "请保持头部端正，不要歪头", "Keep the head upright")
    if offset > cfg.max_eye_offset or not cfg.min_eye_distance <= distance <= cfg.max_eye_distance:
        return fail("frontal", offset, "请正视镜头", "Please face the camera")
    return ok("frontal", tilt)


def _inner_face(gray: Image, box: Box, size: int) -> Image:
    """The central part of the face (no hair, no background) at a fixed size."""
    x0, x1 = box.x + box.w // 5, box.x + box.w * 4 // 5
    y0, y1 = box.y + box.h // 5, box.y + box.h * 9 // 10
    region = gray[max(0, y0):max(1, y1), max(0, x0):max(1, x1)]
    if region.size == 0:
        return np.zeros((size, size), np.uint8)
    return np.asarray(cv2.resize(region, (size, size), interpolation=cv2.INTER_AREA), np.uint8)


def _sharpness(gray: Image, box: Box, cfg: PortraitConfig) -> CheckResult:
    # The whole face box at a fixed size (so the score does not depend on resolution), lightly denoised
    # (so sensor noise does not pass for detail).
    region = gray[max(0, box.y):box.y + box.h, max(0, box.x):box.x + box.w]
    if region.size == 0:
        return fail("sharpness", 0.0, "画面模糊，请保持不动", "Blurred; hold still")
    size = cfg.sharpness_size
    fixed = cv2.resize(region, (size, size), interpolation=cv2.INTER_AREA)
    fixed = cv2.GaussianBlur(fixed, (3, 3), 0)
    score = float(cv2.Laplacian(fixed, cv2.CV_64F).var())
    if score < cfg.min_sharpness:
        return fail("sharpness", score, "画面模糊，请保持不动或擦拭镜头",
                     "Blurred; hold still or clean the lens")
    return ok("sharpness", score)


def _exposure(inner: Image, cfg: PortraitConfig) -> CheckResult:
    mean = float(inner.mean())
    if mean < cfg.min_face_brightness:
        return fail("exposure", mean, "光线过暗，请打开灯光或面向光源", "Too dark; add light on the face")
    if mean > cfg.max_face_brightness:
        return fail("exposure", mean, "光线过亮，请调暗灯光", "Too bright; reduce the light")
    return ok("exposure", mean)


def _contrast(inner: Image, cfg: PortraitConfig) -> CheckResult:
    std = float(inner.std())
    half = inner.shape[1] // 2
    left, right = float(inner[:, :half].mean()), float(inner[:, half:].mean())
    imbalance = abs(left - right) / max(1.0, (left + right) / 2)
    if imbalance > cfg.max_side_imbalance:
        return fail("contrast", imbalance, "面部光线不均匀，请正对光源", "Uneven light on the face")
    if std < cfg.min_face_contrast:
        return fail("contrast", imbalance, "面部对比度不足，请调整灯光", "Flat, low-contrast light")
    return ok("contrast", imbalance)


def _highlights(gray: Image, box: Box, cfg: PortraitConfig) -> CheckResult:
    region = gray[max(0, box.y):box.y + box.h, max(0, box.x):box.x + box.w]
    fraction = float((region >= cfg.highlight_level).mean()) if region.size else 0.0
    if fraction > cfg.max_highlight_fraction:
        return fail("highlights", fraction, "面部或眼镜反光，请调整角度或灯光",
                     "Glare on the face or glasses; change the angle or the light")
    return ok("highlights", fraction)


def _work_region(frame: Image, box: Box, corners: np.ndarray) -> tuple[Image, Box, np.ndarray]:
    """The part of the frame the ID crop covers, downscaled so the face is about 100 px wide: hat and
    background need colours and coarse texture only, and a small region keeps the frame time low."""
    height, width = frame.shape[:2]
    x0 = int(max(0, np.floor(corners[:, 0].min())))
    y0 = int(max(0, np.floor(corners[:, 1].min())))
    x1 = int(min(width, np.ceil(corners[:, 0].max())))
    y1 = int(min(height, np.ceil(corners[:, 1].max())))
    # An integer reduction keeps INTER_AREA on its fast path (a plain k x k average).
    k = max(1, round(box.w / 100))
    x1, y1 = x0 + max(k, (x1 - x0) // k * k), y0 + max(k, (y1 - y0) // k * k)
    region = frame[y0:y1, x0:x1]
    if k > 1 and region.size:
        region = np.asarray(cv2.resize(region, (region.shape[1] // k, region.shape[0] // k),
                                       interpolation=cv2.INTER_AREA), np.uint8)
    scale_x = scale_y = 1.0 / k
    local = Box(round((box.x - x0) * scale_x), round((box.y - y0) * scale_y), max(1, round(box.w * scale_x)),
                max(1, round(box.h * scale_y)))
    local_corners = (corners - np.array([x0, y0])) * np.array([scale_x, scale_y])
    return np.asarray(region, np.uint8), local, local_corners


def _background_mask(shape: tuple[int, ...], box: Box, corners: np.ndarray) -> np.ndarray:
    """Inside the ID crop, beside and above the head, down to the chin."""
    height, width = shape[:2]
    mask = np.zeros((height, width), np.uint8)
    cv2.fillConvexPoly(mask, np.round(corners).astype(np.int32), 255)
    # Stop above the chin: shoulders, collars and clothes are not background.
    mask[min(height, box.y + box.h * 4 // 5):, :] = 0
    # The head: an ellipse around the face box reaching up to the crown and out over the hair.
    centre = (round(box.cx), round(box.y + box.h * 0.35))
    axes = (round(box.w * 0.85), round(box.h * 1.05))  # generous: volume of hair varies
    cv2.ellipse(mask, centre, axes, 0, 0, 360, 0, -1)
    cv2.rectangle(mask, (round(box.cx - box.w * 0.6), box.y), (round(box.cx + box.w * 0.6), height), 0, -1)
    return mask


def _head_uncovered(lab: np.ndarray, box: Box, cfg: PortraitConfig) -> CheckResult:
    """A hat shows as a band above the forehead unlike both the hair beside the temples and the skin.
    The background is no reference: right above the forehead there is head whatever the haircut, so a
    white cap in front of a white wall must not pass. A heuristic: blonde, grey or dyed hair passes as it
    matches the hair at the temples; a hat that also covers the temples, or a black hat on black hair,
    is not caught. The clerk can override with a reason."""
    width = lab.shape[1]
    y0, y1 = max(0, round(box.y - 0.42 * box.h)), max(0, round(box.y - 0.08 * box.h))
    x0, x1 = max(0, round(box.cx - 0.32 * box.w)), min(width, round(box.cx + 0.32 * box.w))
    band = lab[y0:y1:2, x0:x1:2].reshape(-1, 3)  # every other pixel is plenty for a share
    if band.shape[0] < 12:
        return ok("head_uncovered", 0.0)  # the head reaches the top edge: framing reports that
    references = [np.median(lab[box.y + box.h // 3:box.y + box.h * 2 // 3,
                                box.x + box.w // 3:box.x + box.w * 2 // 3].reshape(-1, 3), axis=0)]
    ty0, ty1 = max(0, box.y + box.h // 10), max(1, box.y + box.h * 2 // 5)  # temple height
    for tx0, tx1 in ((box.x - box.w // 8, box.x + box.w // 20), (box.x + box.w * 19 // 20,
                                                                 box.x + box.w * 9 // 8)):
        patch = lab[ty0:ty1, max(0, tx0):max(0, min(width, tx1))].reshape(-1, 3)
        if patch.shape[0] >= 8:
            # Hair is lit unevenly: keep a reference colour per brightness quartile.
            ordered = patch[np.argsort(patch[:, 0])]
            references += [np.median(part, axis=0) for part in np.array_split(ordered, 4)]
    refs = np.asarray(references, np.float32)
    # Distance with lightness weighted down: the top of the hair is lit differently from the temples,
    # while a hat usually differs in colour, or in lightness by far more than light alone does.
    weights = np.array([1 / 3, 1.0, 1.0], np.float32)
    distances = np.linalg.norm((band[:, None, :] - refs[None, :, :]) * weights, axis=2)
    close = (band[:, 0] < 70) | (distances.min(axis=1) < cfg.hat_colour_distance)  # black hair: any light
    other = float(np.mean(~close))
    if other > cfg.max_hat_fraction:
        return fail("head_uncovered", other, "请摘下帽子或头饰", "Please take off the hat")
    return ok("head_uncovered", other)


def _head_and_background(frame: Image, face: Face, corners: np.ndarray,
                         cfg: PortraitConfig) -> tuple[CheckResult, CheckResult, CheckResult]:
    region, box, local_corners = _work_region(frame, face.box, corners)
    lab = cv2.cvtColor(region, cv2.COLOR_BGR2LAB).astype(np.float32)
    gray = lab[:, :, 0]  # L* stands in for gray level (0-255 in OpenCV's 8-bit Lab)
    mask = _background_mask(region.shape, box, local_corners)
    selected = mask > 0
    if int(selected.sum()) < 100:
        hat = _head_uncovered(lab, box, cfg)
        return (hat, CheckResult("background", True, None, evaluated=False),
                CheckResult("background_light", True, None, evaluated=False))
    hat = _head_uncovered(lab, box, cfg)
    pixels = gray[selected]
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)
    # Sobel's 3x3 kernel weighs a one-level-per-pixel ramp as 8 (4 per axis pair): compare accordingly.
    magnitude = cv2.magnitude(gx, gy)[selected]
    texture = float((magnitude > cfg.background_edge_level * 4).mean())
    std = float(pixels.std())
    brightness = float(np.median(pixels))
    if texture > cfg.max_background_texture or std > cfg.max_background_std:
        plain = fail("background", texture, "背景不够干净，请站到纯色浅色背景前",
                      "The background is not plain; stand in front of a plain light wall")
    else:
        plain = ok("background", texture)
    if brightness < cfg.min_background_brightness:
        light = fail("background_light", brightness, "背景太暗，请使用浅色背景",
                      "The background is too dark; use a light background")
    else:
        light = ok("background_light", brightness)
    return hat, plain, light
