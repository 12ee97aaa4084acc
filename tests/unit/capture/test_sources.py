"""Frame sources. The OpenCV camera is driven through a faithful fake of cv2.VideoCapture (no webcam
exists here); files, image sequences, stills and the demo's simulated camera are real."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from counter_app.capture.errors import (
    CameraDisconnected,
    ImageTooLarge,
    ImageUnreadable,
    NoCameraError,
    SourceNotFound,
)
from counter_app.capture.images import decode_image, load_image
from counter_app.capture.sources import (
    CameraSource,
    FrameSource,
    ImageSequenceSource,
    SimulatedCamera,
    StillImageSource,
    VideoFileSource,
    default_backend,
    list_cameras,
)
from counter_app.errors import UserFacingError
from tests.unit.capture.portraits import DATA


class FakeCapture:
    """Behaves like cv2.VideoCapture for a camera that is absent, present, or unplugged mid-stream."""

    def __init__(
        self,
        *,
        opened: bool = True,
        frames: int | None = None,
        empty_first: int = 0,
        size: tuple[int, int] = (640, 480),
    ) -> None:
        self.opened, self.frames, self.empty_first = opened, frames, empty_first
        self.size = size
        self.reads = 0
        self.released = False
        self.props: dict[int, float] = {}

    def isOpened(self) -> bool:
        return self.opened and not self.released

    def read(self) -> tuple[bool, Any]:
        self.reads += 1
        if self.released or not self.opened:
            return False, None
        if self.reads <= self.empty_first or (self.frames is not None and self.reads > self.frames):
            return False, None
        width = int(self.props.get(cv2.CAP_PROP_FRAME_WIDTH, self.size[0]))
        height = int(self.props.get(cv2.CAP_PROP_FRAME_HEIGHT, self.size[1]))
        return True, np.full((height, width, 3), self.reads % 255, np.uint8)

    def set(self, prop_id: int, value: float) -> bool:
        self.props[prop_id] = value
        return True

    def get(self, prop_id: int) -> float:
        return self.props.get(prop_id, 0.0)

    def release(self) -> None:
        self.released = True


def test_camera_opens_requests_resolution_and_releases() -> None:
    fake = FakeCapture(empty_first=2)
    seen: list[tuple[int, int]] = []

    def factory(index: int, backend: int) -> FakeCapture:
        seen.append((index, backend))
        return fake

    with CameraSource(2, width=1280, height=720, factory=factory) as camera:
        assert isinstance(camera, FrameSource)
        frame = camera.read()
        assert frame is not None and frame.shape == (720, 1280, 3)
        assert camera.size == (1280, 720)
        assert camera.read() is not None
    assert seen == [(2, default_backend())]
    assert fake.released


def test_missing_camera_gives_a_chinese_message_not_a_crash() -> None:
    source = CameraSource(0, factory=lambda i, b: FakeCapture(opened=False))
    with pytest.raises(NoCameraError) as info:
        source.open()
    assert isinstance(info.value, UserFacingError)
    assert info.value.message_zh.startswith("未找到可用的摄像头")


def test_camera_that_never_delivers_a_frame_is_no_camera() -> None:
    fake = FakeCapture(frames=0)
    with pytest.raises(NoCameraError):
        CameraSource(0, factory=lambda i, b: fake).open()
    assert fake.released


def test_unplugged_camera_raises_disconnected() -> None:
    camera = CameraSource(0, factory=lambda i, b: FakeCapture(frames=3))
    camera.open()
    assert camera.read() is not None  # the frame read while opening
    camera.read()
    camera.read()
    with pytest.raises(CameraDisconnected) as info:
        camera.read()
    assert "断开" in info.value.message_zh
    camera.close()


def test_list_cameras_probes_indices_and_never_raises() -> None:
    present = {1, 3}

    def factory(index: int, backend: int) -> FakeCapture:
        if index == 2:
            raise cv2.error("backend exploded")
        return FakeCapture(opened=index in present)

    found = list_cameras(4, factory=factory)
    assert [c.index for c in found] == [1, 3]
    assert found[0].label().startswith("摄像头 1")
    assert list_cameras(2) == [] or all(c.width > 0 for c in list_cameras(2))  # the real machine: no crash


def test_still_image_source(tmp_path: Path) -> None:
    with StillImageSource(DATA / "astronaut.jpg", repeat=2) as source:
        first = source.read()
        assert first is not None and first.shape == (512, 512, 3)
        first[:] = 0  # the caller may draw on its frame ...
        second = source.read()
        assert second is not None and second.max() > 0  # ... without changing the next one
        assert source.read() is None


def _drain(source: FrameSource) -> list[np.ndarray]:
    frames = []
    while (frame := source.read()) is not None:
        frames.append(frame)
    return frames


def test_image_sequence_and_video_file(tmp_path: Path) -> None:
    frames = [np.full((120, 160, 3), value, np.uint8) for value in (30, 90, 150)]
    for index, frame in enumerate(frames):
        cv2.imwrite(str(tmp_path / f"f{index}.png"), frame)
    with ImageSequenceSource(tmp_path) as sequence:
        values = [int(f.mean()) for f in _drain(sequence)]
    assert values == [30, 90, 150]

    video = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 10, (160, 120))
    for frame in frames:
        writer.write(frame)
    writer.release()
    with VideoFileSource(video) as source:
        read = _drain(source)
    assert len(read) == 3 and abs(int(read[2].mean()) - 150) <= 3


def test_missing_files_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound):
        VideoFileSource(tmp_path / "none.avi").open()
    with pytest.raises(SourceNotFound):
        ImageSequenceSource(tmp_path / "none").open()
    with pytest.raises(SourceNotFound):
        load_image(tmp_path / "none.jpg")


def test_simulated_camera_replays_the_bundled_frames_in_a_loop() -> None:
    with SimulatedCamera() as camera:
        count = len(camera.paths)
        assert count >= 10
        frames = [camera.read() for _ in range(count + 2)]
    assert all(f is not None and f.shape == (480, 640, 3) for f in frames)
    assert np.array_equal(frames[0], frames[count])  # looped


def test_decoding_garbage_and_odd_formats() -> None:
    with pytest.raises(ImageUnreadable) as info:
        decode_image(b"this is not an image at all")
    assert info.value.message_zh.startswith("无法读取该图片")
    with pytest.raises(ImageUnreadable):
        decode_image(b"")
    rgba = np.zeros((10, 12, 4), np.uint8)
    rgba[:, :6] = (0, 0, 255, 255)  # opaque red on the left, transparent on the right
    _, png = cv2.imencode(".png", rgba)
    image = decode_image(bytes(png))
    assert (
        image.shape == (10, 12, 3)
        and tuple(image[0, 0]) == (0, 0, 255)
        and tuple(image[0, 11]) == (255, 255, 255)
    )
    deep = np.arange(100, dtype=np.uint16).reshape(10, 10) * 600
    _, png16 = cv2.imencode(".png", deep)
    assert decode_image(bytes(png16)).dtype == np.uint8
    _, big = cv2.imencode(".png", np.zeros((300, 300), np.uint8))
    with pytest.raises(ImageTooLarge):
        decode_image(bytes(big), max_pixels=10_000)


def test_settings_choose_the_source() -> None:
    from counter_app.capture.sources import source_for_settings
    from counter_app.config import Mode, Settings

    assert isinstance(source_for_settings(Settings(mode=Mode.DEMO)), SimulatedCamera)
    chosen = source_for_settings(
        Settings(mode=Mode.DEMO, extra={"camera_index": 1, "camera_resolution": [640, 480]}),
        factory=lambda i, b: FakeCapture(),
    )
    assert isinstance(chosen, CameraSource) and chosen.index == 1 and chosen.requested == (640, 480)
    production = source_for_settings(Settings(mode=Mode.PRODUCTION))
    assert isinstance(production, CameraSource) and production.index == 0
