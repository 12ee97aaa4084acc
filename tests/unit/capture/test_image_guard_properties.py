"""Hostile images wherever a picture enters capture (a photo file, a still-image or image-sequence
source, bytes to decode): decompression bombs, truncated files, non-images and oversized files are
refused before decoding, with a Chinese message — and random damage to real images of every accepted
format never raises anything but a CaptureError."""

from __future__ import annotations

import os
import struct
import time
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.capture import sources
from counter_app.capture.errors import CaptureError, ImageTooLarge, ImageUnreadable
from counter_app.capture.image_guard import (
    MAX_FILE_BYTES,
    ImageFileTooLarge,
    ImageFormatUnsupported,
    ImageTruncated,
    read_header,
)
from counter_app.capture.images import MAX_PIXELS, decode_image, load_image
from counter_app.capture.sources import ImageSequenceSource, StillImageSource, VideoFileSource

FORMATS = {"JPEG": ".jpg", "PNG": ".png", "BMP": ".bmp", "TIFF": ".tif", "WebP": ".webp"}


def _photo(width: int = 64, height: int = 48) -> np.ndarray:
    rng = np.random.default_rng(width * height)
    return rng.integers(0, 255, (height, width, 3), dtype=np.uint8)


def _encoded(fmt: str, image: np.ndarray | None = None) -> bytes:
    ok, data = cv2.imencode(FORMATS[fmt], _photo() if image is None else image)
    assert ok
    return bytes(data)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int, height: int) -> bytes:
    """A complete, valid-looking PNG of a few hundred bytes that declares width × height 8-bit grey
    pixels; its IDAT inflates to width × height bytes of zeros (a few rows are enough to claim it)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 4, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


def jpeg_declaring(width: int, height: int) -> bytes:
    """A real JPEG whose frame header (SOF0) is rewritten to declare width × height."""
    data = bytearray(_encoded("JPEG"))
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


@pytest.mark.parametrize("bomb", [png_bomb(100_000, 100_000), png_bomb(20_000, 20_000),
                                  jpeg_declaring(60_000, 60_000)], ids=["png-10G", "png-400M", "jpeg-3.6G"])
def test_decompression_bombs_are_refused_before_decoding(bomb: bytes, tmp_path: Path) -> None:
    assert len(bomb) < 8192
    started = time.perf_counter()
    with pytest.raises(ImageTooLarge) as refused:
        decode_image(bomb)
    assert time.perf_counter() - started < 0.5  # nothing was inflated
    assert "分辨率过大" in refused.value.message_zh
    path = tmp_path / "photo.png"
    path.write_bytes(bomb)
    for source in (StillImageSource(path), ImageSequenceSource([path])):
        with pytest.raises(ImageTooLarge):
            source.open()
            source.read()


def test_a_truncated_jpeg_is_refused_as_incomplete() -> None:
    whole = _encoded("JPEG", _photo(400, 300))
    cut = whole[: len(whole) * 2 // 3]
    with pytest.raises(ImageTruncated) as refused:
        decode_image(cut)
    assert "不完整" in refused.value.message_zh
    assert isinstance(refused.value, ImageUnreadable)  # callers that catch ImageUnreadable still do
    assert decode_image(whole + b"trailing video of a motion photo").shape == (300, 400, 3)


@pytest.mark.parametrize("fmt", ["PNG", "BMP", "WebP"])
def test_other_formats_cut_short_are_refused(fmt: str) -> None:
    whole = _encoded(fmt, _photo(200, 100))
    for cut in (whole[:20], whole[: len(whole) // 2], whole[:-13]):
        with pytest.raises(ImageUnreadable):
            decode_image(cut)


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj", b"GIF89a\x01\x00\x01\x00", b"hello, not an image",
                                  b"\x00" * 100, "张三".encode(), b"<svg xmlns='http://www.w3.org/2000/svg'/>"])
def test_non_images_are_refused_with_a_chinese_message(data: bytes) -> None:
    with pytest.raises(ImageUnreadable) as refused:
        decode_image(data)
    assert refused.value.message_zh.startswith("无法读取该图片")
    if not data.startswith(b"\x00"):
        assert isinstance(refused.value, ImageFormatUnsupported)


def test_an_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "scan.jpg"
    with open(huge, "wb") as out:
        out.write(_encoded("JPEG"))
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: no 64 MB written
    with pytest.raises(ImageFileTooLarge) as refused:
        load_image(huge)
    assert "文件过大" in refused.value.message_zh
    with pytest.raises(ImageFileTooLarge):
        decode_image(b"\xff\xd8\xff" + bytes(MAX_FILE_BYTES))


def test_a_folder_or_device_is_not_an_image(tmp_path: Path) -> None:
    with pytest.raises(CaptureError):
        load_image(tmp_path)
    if os.path.exists("/dev/zero"):
        with pytest.raises(CaptureError):
            load_image("/dev/zero")


def test_a_video_declaring_huge_frames_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 5, (64, 48))
    for _ in range(3):
        writer.write(_photo())
    writer.release()
    with VideoFileSource(path) as source:
        assert source.read() is not None
    # The limit is far above a real camera's frames; a lower one shows the check reads the container.
    monkeypatch.setattr(sources, "MAX_PIXELS", 64 * 48 - 1)
    with pytest.raises(ImageTooLarge):
        VideoFileSource(path).open()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_accepted_format_reads_its_true_size(fmt: str) -> None:
    image = _photo(123, 45)
    header = read_header(_encoded(fmt, image))
    assert (header.format, header.width, header.height) == (fmt, 123, 45)
    assert decode_image(_encoded(fmt, image)).shape == (45, 123, 3)


SAMPLES = {fmt: _encoded(fmt, _photo(40, 30)) for fmt in FORMATS}


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(SAMPLES[draw(st.sampled_from(list(SAMPLES)))])
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(damaged(), st.binary(max_size=200)))
def test_damaged_images_decode_or_raise_a_capture_error(data: bytes) -> None:
    try:
        image = decode_image(data, max_pixels=MAX_PIXELS)
    except CaptureError as exc:
        assert exc.message_zh and exc.message_en
        return
    assert image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3
    assert image.shape[0] * image.shape[1] <= MAX_PIXELS
