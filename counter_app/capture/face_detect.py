"""Face detection behind a small interface, so a landmark model (e.g. OpenCV's YuNet, FaceDetectorYN) can
replace the Haar cascades without touching the quality gate.

The Haar cascades ship inside opencv-python-headless 4.x (`cv2.data.haarcascades`). Detection runs on a
downscaled grayscale copy (the face of a person sitting at the counter is large), and the cascades are
loaded once per detector and reused for every frame: loading one takes longer than analysing a frame.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from counter_app.capture.images import Image


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def area(self) -> int:
        return self.w * self.h

    def scaled(self, factor: float) -> Box:
        return Box(round(self.x * factor), round(self.y * factor), round(self.w * factor),
                   round(self.h * factor))


@dataclass(frozen=True)
class Face:
    """A detected face in frame coordinates; eyes (centres) when the detector found both."""

    box: Box
    left_eye: tuple[float, float] | None = None  # the eye on the image's left
    right_eye: tuple[float, float] | None = None


class FaceDetector(Protocol):
    def detect(self, gray: Image, *, small_faces: bool = True) -> list[Face]:
        """Frontal faces in a grayscale frame, largest first, with eyes where found. `small_faces=False`
        may skip the costly search for faces far from the camera."""
        ...

    def detect_turned(self, gray: Image) -> list[Box]:
        """Faces seen from the side (only asked when no frontal face was found, to say "face the
        camera" instead of "no face")."""
        ...


def _cascade_dir() -> Path:
    return Path(cv2.data.haarcascades)  # type: ignore[attr-defined]  # (missing from the stubs)


@dataclass(frozen=True)
class HaarSettings:
    detect_height: int = 180  # frames are downscaled to this height for face detection
    min_face_fraction: float = 0.11  # of the frame height: smaller faces need the finer search below
    small_face_height: int = 360  # the finer search for small (far away) faces
    small_face_fraction: float = 0.09
    max_face_fraction: float = 0.8
    scale_factor: float = 1.15
    min_neighbors: int = 3
    eye_face_width: int = 100  # the face is resized to this width to look for eyes


class HaarFaceDetector:
    """Frontal face (alt2), eyes (with-glasses cascade) and profile cascades.

    Thread-safe: CascadeClassifier objects must not be shared between threads, so each thread gets its
    own copy (the GUI analyses on one worker thread, so in practice this loads once)."""

    def __init__(self, settings: HaarSettings | None = None) -> None:
        self.settings = settings or HaarSettings()
        self._local = threading.local()

    _NAMES = ("haarcascade_frontalface_alt2.xml", "haarcascade_eye.xml",
              "haarcascade_eye_tree_eyeglasses.xml", "haarcascade_profileface.xml")

    def _cascades(self) -> list[cv2.CascadeClassifier]:
        cascades: list[cv2.CascadeClassifier] | None = getattr(self._local, "cascades", None)
        if cascades is None:
            folder = _cascade_dir()
            cascades = []
            for name in self._NAMES:
                cascade = cv2.CascadeClassifier(str(folder / name))
                if cascade.empty():
                    raise RuntimeError(f"OpenCV Haar cascade {name} is missing from {folder}")
                cascades.append(cascade)
            self._local.cascades = cascades
        return cascades

    def _small(self, gray: Image, target: int | None = None) -> tuple[Image, float]:
        height = gray.shape[0]
        target = target or self.settings.detect_height
        if height <= target:
            return gray, 1.0
        factor = target / height
        size = (max(1, round(gray.shape[1] * factor)), target)
        return np.asarray(cv2.resize(gray, size, interpolation=cv2.INTER_AREA), np.uint8), factor

    def _sizes(self, small: Image) -> tuple[tuple[int, int], tuple[int, int]]:
        h = small.shape[0]
        lo = max(20, round(h * self.settings.min_face_fraction))
        hi = max(lo + 1, round(h * self.settings.max_face_fraction))
        return (lo, lo), (hi, hi)

    def detect(self, gray: Image, *, small_faces: bool = True) -> list[Face]:
        """Frontal faces. A first search at `detect_height` finds faces down to a fifth of the frame
        height; when it finds none and `small_faces` is set, a finer search looks for faces down to a
        tenth (someone sitting too far back is told to come closer rather than that nobody is there)."""
        small, factor = self._small(gray)
        min_size, max_size = self._sizes(small)
        faces = self._detect(gray, small, factor, (0, 0), min_size, max_size)
        if faces or not small_faces or gray.shape[0] <= self.settings.detect_height:
            return faces
        fine, fine_factor = self._small(gray, self.settings.small_face_height)
        lo = max(20, round(fine.shape[0] * self.settings.small_face_fraction))
        hi = max(lo + 1, round(fine.shape[0] * self.settings.min_face_fraction * 2.2))
        return self._detect(gray, fine, fine_factor, (0, 0), (lo, lo), (hi, hi), scale_factor=1.1)

    def detect_near(self, gray: Image, previous: Box, *, with_eyes: bool = True) -> list[Face]:
        """Look only around a face found in the previous frame, at nearly its size: a few percent of the
        cost of a full search. Used by TrackingFaceDetector."""
        height, width = gray.shape[:2]
        margin_x, margin_y = previous.w * 0.6, previous.h * 0.6
        x0, y0 = max(0, round(previous.x - margin_x)), max(0, round(previous.y - margin_y))
        x1 = min(width, round(previous.x + previous.w + margin_x))
        y1 = min(height, round(previous.y + previous.h + margin_y))
        # The face becomes about 48 px (the cascade's sweet spot), by an integer factor so INTER_AREA
        # takes its fast path.
        k = max(1, round(previous.w / 48))
        x1, y1 = x0 + (x1 - x0) // k * k, y0 + (y1 - y0) // k * k
        roi = gray[y0:y1, x0:x1]
        if roi.size == 0:
            return []
        factor = 1.0 / k
        small = roi if k == 1 else np.asarray(
            cv2.resize(roi, (roi.shape[1] // k, roi.shape[0] // k), interpolation=cv2.INTER_AREA), np.uint8)
        side = previous.w * factor
        lo, hi = max(20, round(side * 0.7)), max(21, round(side * 1.45))
        return self._detect(gray, small, factor, (x0, y0), (lo, lo), (hi, hi), with_eyes=with_eyes)

    def _detect(self, gray: Image, small: Image, factor: float, offset: tuple[int, int],
                min_size: tuple[int, int], max_size: tuple[int, int], *,
                scale_factor: float | None = None, with_eyes: bool = True) -> list[Face]:
        frontal, eyes, glasses, _ = self._cascades()
        small = np.asarray(cv2.equalizeHist(small), np.uint8)
        found = frontal.detectMultiScale(small, scale_factor or self.settings.scale_factor,
                                         self.settings.min_neighbors,
                                         minSize=min_size, maxSize=max_size)
        boxes = [Box(int(x), int(y), int(w), int(h)).scaled(1 / factor) for x, y, w, h in found]
        boxes = [Box(b.x + offset[0], b.y + offset[1], b.w, b.h) for b in boxes]
        boxes.sort(key=lambda b: b.area, reverse=True)
        if not with_eyes:
            return [Face(box) for box in boxes]
        return [self._with_eyes(gray, box, (eyes, glasses)) for box in boxes]

    def detect_turned(self, gray: Image) -> list[Box]:
        profile = self._cascades()[3]
        small, factor = self._small(gray)
        min_size, max_size = self._sizes(small)
        boxes: list[Box] = []
        for flipped in (False, True):
            image = np.ascontiguousarray(small[:, ::-1]) if flipped else small
            for x, y, w, h in profile.detectMultiScale(image, 1.1, 3, minSize=min_size, maxSize=max_size):
                x = image.shape[1] - int(x) - int(w) if flipped else int(x)
                boxes.append(Box(x, int(y), int(w), int(h)).scaled(1 / factor))
        return boxes

    def _with_eyes(self, gray: Image, box: Box, cascades: tuple[cv2.CascadeClassifier, ...]) -> Face:
        # Eyes lie in the upper part of the face box; search there, at a fixed face size.
        top = max(0, box.y + box.h // 6)
        bottom = min(gray.shape[0], box.y + box.h * 3 // 5)
        left, right = max(0, box.x), min(gray.shape[1], box.x + box.w)
        if bottom - top < 8 or right - left < 8:
            return Face(box)
        roi = gray[top:bottom, left:right]
        scale = self.settings.eye_face_width / roi.shape[1]
        size = (self.settings.eye_face_width, max(1, round(roi.shape[0] * scale)))
        interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
        roi = np.asarray(cv2.resize(roi, size, interpolation=interpolation), np.uint8)
        roi = np.asarray(cv2.equalizeHist(roi), np.uint8)
        eye_min = max(10, self.settings.eye_face_width // 9)
        left_half: list[tuple[float, float]] = []
        right_half: list[tuple[float, float]] = []
        for cascade in cascades:  # the plain eye cascade first; the glasses one when it misses an eye
            found = cascade.detectMultiScale(roi, 1.1, 2, minSize=(eye_min, eye_min),
                                             maxSize=(self.settings.eye_face_width // 2,) * 2)
            centres = [((x + w / 2) / scale + left, (y + h / 2) / scale + top) for x, y, w, h in found]
            left_half = [c for c in centres if c[0] < box.cx]
            right_half = [c for c in centres if c[0] >= box.cx]
            if left_half and right_half:
                break
        else:
            return Face(box)
        # Several hits per side happen (eyebrows, glasses rims): take the one nearest the face's eye line.
        eye_line = box.y + box.h * 0.4
        left_eye = min(left_half, key=lambda c: abs(c[1] - eye_line))
        right_eye = min(right_half, key=lambda c: abs(c[1] - eye_line))
        return Face(box, left_eye, right_eye)


class TrackingFaceDetector:
    """Per-frame detection for a live preview: a full search every `full_every` frames (so a second person
    stepping in is noticed within a fraction of a second), a search around the last face in between, and
    the costly side-view search at most every `turned_every` frames while no face is seen.

    Stateful: one per preview stream; `reset()` when the stream restarts."""

    def __init__(self, detector: HaarFaceDetector | None = None, *, full_every: int = 8,
                 turned_every: int = 6, eyes_every: int = 2) -> None:
        self.detector = detector or HaarFaceDetector()
        self.full_every = full_every
        self.turned_every = turned_every
        self.eyes_every = eyes_every  # eyes are searched every n-th tracked frame, carried in between
        self.reset()

    SCENE_CHANGE = 18.0  # mean gray difference of 64x36 thumbnails above which the frame is a new scene

    def reset(self) -> None:
        self._last: Box | None = None
        self._last_face: Face | None = None
        self._thumb: np.ndarray | None = None
        self._eyes_age = 0
        self._count = 0
        self._since_full = 0
        self._no_face_frames = 0
        self._turned: list[Box] = []

    def detect(self, gray: Image, *, small_faces: bool = True) -> list[Face]:
        # Tracking assumes a stream: an unrelated image (a different photo, a camera switch) must not
        # inherit the last face or its eyes.
        thumb = cv2.resize(gray, (64, 36), interpolation=cv2.INTER_AREA).astype(np.float32)
        if self._thumb is None or self._thumb.shape != thumb.shape or \
                float(np.abs(thumb - self._thumb).mean()) > self.SCENE_CHANGE:
            self._last_face, self._count, self._eyes_age = None, 0, 0
        self._thumb = thumb
        faces: list[Face] = []
        previous = self._last_face
        if previous is not None and self._count == 1 and self._since_full < self.full_every:
            carry = (previous.left_eye is not None and previous.right_eye is not None
                     and self._eyes_age + 1 < self.eyes_every)
            faces = self.detector.detect_near(gray, previous.box, with_eyes=not carry)
            if carry and len(faces) == 1:
                faces = [_carry_eyes(previous, faces[0].box)]
                self._eyes_age += 1
            else:
                self._eyes_age = 0
            self._since_full += 1
        if len(faces) != 1:
            # The finer small-face search is costly: while nobody is found, run it only now and then.
            small_faces = self._no_face_frames % self.turned_every == 0
            faces = self.detector.detect(gray, small_faces=small_faces)
            if not faces and previous is not None:
                # The cascade misses a face now and then at one pyramid scale; one missed frame must
                # not restart the auto-capture count, so look where the face just was.
                faces = self.detector.detect_near(gray, previous.box)
            self._since_full = 0
        self._count = len(faces)
        self._last = faces[0].box if faces else None
        self._last_face = faces[0] if faces else None
        if faces:
            self._no_face_frames = 0
        return faces

    def detect_turned(self, gray: Image) -> list[Box]:
        if self._no_face_frames % self.turned_every == 0:
            self._turned = self.detector.detect_turned(gray)
        self._no_face_frames += 1
        return self._turned


def _carry_eyes(previous: Face, box: Box) -> Face:
    """The previous frame's eyes moved and scaled with the face box (between eye searches)."""
    scale = box.w / max(1, previous.box.w)

    def move(point: tuple[float, float] | None) -> tuple[float, float] | None:
        if point is None:
            return None
        return (box.cx + (point[0] - previous.box.cx) * scale, box.cy + (point[1] - previous.box.cy) * scale)

    return Face(box, move(previous.left_eye), move(previous.right_eye))
