"""Where frames come from: a camera, a video or image-sequence file, a still image, or the demo's
simulated camera. All of them are `FrameSource`s, so the capture dialog and the tests do not care.

A source is opened once, read frame by frame (on a worker thread in the GUI), and closed; each is a
context manager. `read()` returns a BGR frame, or None when a finite source has no more frames. A camera
that cannot be opened raises NoCameraError (a UserFacingError with a Chinese message), never a crash.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self, runtime_checkable

import cv2
import numpy as np

from counter_app.capture.errors import (
    CameraDisconnected,
    ImageTooLarge,
    ImageUnreadable,
    NoCameraError,
    SourceNotFound,
)
from counter_app.capture.images import MAX_PIXELS, Image, as_bgr, load_image
from counter_app.config import Mode, Settings
from counter_app.resource_paths import resource_path

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"})
SAMPLE_PORTRAIT_FRAMES = ("capture", "portrait_frames")  # under resources/


@runtime_checkable
class FrameSource(Protocol):
    """open() / read() / close(), usable as `with source: ...`."""

    def open(self) -> None: ...

    def read(self) -> Image | None:
        """The next BGR frame, or None when a finite source is exhausted."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...


class _Source:
    """Shared context-manager behaviour."""

    def open(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class VideoCaptureLike(Protocol):
    """The part of cv2.VideoCapture we use; tests pass a faithful fake (there is no webcam on CI)."""

    def isOpened(self) -> bool: ...
    def read(self) -> tuple[bool, Any]: ...
    def set(self, prop_id: int, value: float) -> bool: ...
    def get(self, prop_id: int) -> float: ...
    def release(self) -> None: ...


CaptureFactory = Callable[[int, int], VideoCaptureLike]


def _opencv_capture(index: int, backend: int) -> VideoCaptureLike:
    capture: VideoCaptureLike = cv2.VideoCapture(index, backend)
    return capture


def default_backend() -> int:
    """DirectShow on Windows (Media Foundation takes seconds to open many webcams), else OpenCV's choice."""
    return int(cv2.CAP_DSHOW) if sys.platform == "win32" else int(cv2.CAP_ANY)


class CameraSource(_Source):
    """A webcam through OpenCV. The requested resolution is a wish: `size` says what the camera gave."""

    WARM_UP_READS = 5  # some webcams deliver a few empty frames right after opening
    MAX_FAILED_READS = 30  # then the camera is considered gone

    def __init__(self, index: int = 0, *, width: int = 1280, height: int = 720, backend: int | None = None,
                 factory: CaptureFactory = _opencv_capture) -> None:
        self.index = index
        self.requested = (width, height)
        self.backend = default_backend() if backend is None else backend
        self._factory = factory
        self._capture: VideoCaptureLike | None = None
        self._failures = 0
        self._pending: Image | None = None
        self.size: tuple[int, int] | None = None

    def open(self) -> None:
        if self._capture is not None:
            return
        try:
            capture = self._factory(self.index, self.backend)
        except cv2.error as exc:
            raise NoCameraError(f"camera {self.index}: {exc}") from None
        if not capture.isOpened():
            capture.release()
            raise NoCameraError(f"camera {self.index} cannot be opened")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, float(self.requested[0]))
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, float(self.requested[1]))
        frame = None
        for _ in range(self.WARM_UP_READS):
            ok, raw = capture.read()
            if ok and raw is not None and getattr(raw, "size", False):
                frame = as_bgr(np.asarray(raw))
                break
        if frame is None:
            capture.release()
            raise NoCameraError(f"camera {self.index} delivers no frames")
        self._capture = capture
        self._pending = frame
        self.size = (frame.shape[1], frame.shape[0])
        log.info("camera %d opened at %dx%d", self.index, *self.size)

    def read(self) -> Image | None:
        if self._capture is None:
            raise NoCameraError("the camera is not open")
        if self._pending is not None:
            frame, self._pending = self._pending, None
            return frame
        while True:
            ok, raw = self._capture.read()
            if ok and raw is not None and getattr(raw, "size", False):
                self._failures = 0
                return as_bgr(np.asarray(raw))
            self._failures += 1
            if self._failures >= self.MAX_FAILED_READS:
                raise CameraDisconnected()

    def close(self) -> None:
        capture, self._capture = self._capture, None
        self._pending = None
        if capture is not None:
            capture.release()


@dataclass(frozen=True)
class CameraInfo:
    index: int
    width: int
    height: int

    def label(self, language: str = "zh") -> str:
        return (f"Camera {self.index} ({self.width}×{self.height})" if language.startswith("en")
                else f"摄像头 {self.index}（{self.width}×{self.height}）")


def list_cameras(max_index: int = 4, *, backend: int | None = None,
                 factory: CaptureFactory = _opencv_capture) -> list[CameraInfo]:
    """The cameras among indices 0..max_index-1 that open and deliver a frame. Never raises: a machine
    without cameras gets an empty list (the settings then say so)."""
    found: list[CameraInfo] = []
    for index in range(max_index):
        source = CameraSource(index, backend=backend, factory=factory)
        try:
            source.open()
        except (NoCameraError, cv2.error):
            continue
        try:
            size = source.size or (0, 0)
            found.append(CameraInfo(index, size[0], size[1]))
        finally:
            source.close()
    return found


class VideoFileSource(_Source):
    """Frames of a video file (recorded sessions for tests and the demo)."""

    def __init__(self, path: Path | str, *, loop: bool = False) -> None:
        self.path = Path(path)
        self.loop = loop
        self._capture: Any = None

    def open(self) -> None:
        if not self.path.is_file():
            raise SourceNotFound(str(self.path))
        capture = cv2.VideoCapture(str(self.path))
        if not capture.isOpened():
            capture.release()
            raise ImageUnreadable(self.path.name)
        # The container declares the frame size: refuse absurd ones before the first frame is decoded.
        pixels = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)) * int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
        if pixels > MAX_PIXELS:
            capture.release()
            raise ImageTooLarge(pixels, MAX_PIXELS)
        self._capture = capture

    def read(self) -> Image | None:
        if self._capture is None:
            self.open()
        ok, frame = self._capture.read()
        if not ok and self.loop:
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._capture.read()
        return as_bgr(np.asarray(frame)) if ok and frame is not None else None

    def close(self) -> None:
        capture, self._capture = self._capture, None
        if capture is not None:
            capture.release()


class ImageSequenceSource(_Source):
    """Image files in order (a directory is read in file-name order)."""

    def __init__(self, paths: Iterable[Path | str] | Path | str, *, loop: bool = False) -> None:
        self._spec = paths
        self.loop = loop
        self.paths: list[Path] = []
        self._next = 0

    def open(self) -> None:
        spec = self._spec
        if isinstance(spec, (str, Path)):
            folder = Path(spec)
            if not folder.is_dir():
                raise SourceNotFound(str(folder))
            self.paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        else:
            self.paths = [Path(p) for p in spec]
        if not self.paths:
            raise SourceNotFound(str(spec))
        self._next = 0

    def read(self) -> Image | None:
        if not self.paths:
            self.open()
        if self._next >= len(self.paths):
            if not self.loop:
                return None
            self._next = 0
        path = self.paths[self._next]
        self._next += 1
        return load_image(path)

    def close(self) -> None:
        self._next = 0


class StillImageSource(_Source):
    """One image delivered as a frame, `repeat` times (None: forever), e.g. a photo of a document taken
    with a phone, or a test frame."""

    def __init__(self, image: Image | Path | str, *, repeat: int | None = 1) -> None:
        self._spec = image
        self.repeat = repeat
        self._frame: Image | None = None
        self._delivered = 0

    def open(self) -> None:
        spec = self._spec
        self._frame = load_image(spec) if isinstance(spec, (str, Path)) else as_bgr(spec)
        self._delivered = 0

    def read(self) -> Image | None:
        if self._frame is None:
            self.open()
        if self.repeat is not None and self._delivered >= self.repeat:
            return None
        self._delivered += 1
        assert self._frame is not None
        return self._frame.copy()  # callers may draw on their frame

    def close(self) -> None:
        self._frame = None


class SimulatedCamera(ImageSequenceSource):
    """The demo mode's camera: replays the bundled sample frames (resources/capture/portrait_frames) in
    a loop, at `fps` if the caller paces it (the GUI's worker sleeps 1/fps between reads)."""

    def __init__(self, folder: Path | None = None, *, fps: float = 15.0, loop: bool = True) -> None:
        super().__init__(folder or resource_path(*SAMPLE_PORTRAIT_FRAMES), loop=loop)
        self.fps = fps


CAMERA_INDEX_SETTING = "camera_index"  # Settings.extra key: the chosen camera (absent: see below)
CAMERA_SIZE_SETTING = "camera_resolution"  # Settings.extra key: [width, height] to request


def source_for_settings(settings: Settings, *, factory: CaptureFactory = _opencv_capture) -> FrameSource:
    """The portrait source the settings choose: the configured camera index, or, when none is set, the
    simulated camera in demo mode and camera 0 in production. Opening it may raise NoCameraError."""
    index = settings.extra.get(CAMERA_INDEX_SETTING)
    if index is None and settings.mode is Mode.DEMO:
        return SimulatedCamera()
    width, height = settings.extra.get(CAMERA_SIZE_SETTING) or (1280, 720)
    return CameraSource(int(index or 0), width=int(width), height=int(height), factory=factory)
