"""Reading images into the one format the capture code works on: 8-bit BGR numpy arrays.

Anything a clerk can pick (a phone photo, a scan, a PNG with alpha, a 16-bit TIFF) is turned into BGR
uint8, with the EXIF orientation applied (OpenCV does that on decode), and refused with a clear message
when it is not an image or too large to process safely.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from counter_app.capture.errors import ImageTooLarge, ImageUnreadable, SourceNotFound
from counter_app.capture.image_guard import MAX_FILE_BYTES, ImageFileTooLarge, check_image_bytes

Image = npt.NDArray[np.uint8]  # H x W x 3 BGR (frames, photos) or H x W (grayscale work images)

MAX_PIXELS = 60_000_000  # a 50 MP phone photo still fits; a decompression bomb does not


def as_bgr(source: npt.NDArray[Any]) -> Image:
    """Any decoded image as 8-bit, 3-channel BGR."""
    if source.dtype == np.uint8:
        image: Image = source
    elif np.issubdtype(source.dtype, np.integer):
        shift = max(0, source.dtype.itemsize * 8 - 8)
        image = (source >> shift).astype(np.uint8)
    else:
        image = np.clip(np.asarray(source, dtype=np.float64) * 255.0, 0, 255).astype(np.uint8)
    if image.ndim == 2:
        return np.ascontiguousarray(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR), dtype=np.uint8)
    if image.ndim == 3 and image.shape[2] == 4:
        # Transparent parts become white: a scanned page with an alpha channel is paper, not black.
        bgr = image[:, :, :3].astype(np.float32)
        alpha = image[:, :, 3:4].astype(np.float32) / 255.0
        return np.ascontiguousarray((bgr * alpha + 255.0 * (1.0 - alpha)).astype(np.uint8))
    if image.ndim == 3 and image.shape[2] == 3:
        return np.ascontiguousarray(image)
    raise ImageUnreadable(f"unsupported shape {image.shape}")


def decode_image(data: bytes, *, max_pixels: int = MAX_PIXELS) -> Image:
    """Decode encoded image bytes (JPEG, PNG, TIFF, BMP, WebP ...) to BGR."""
    # Header first: a decompression bomb or a truncated file must be refused before the decoder
    # allocates anything (counter_app.capture.image_guard).
    check_image_bytes(data, max_pixels=max_pixels)
    buffer = np.frombuffer(data, dtype=np.uint8)
    # JPEG (every camera and phone): IMREAD_COLOR applies the EXIF orientation. Other formats may carry
    # alpha or 16 bits, which IMREAD_UNCHANGED keeps for as_bgr to convert properly.
    flags = cv2.IMREAD_COLOR if data[:2] == b"\xff\xd8" else cv2.IMREAD_UNCHANGED | cv2.IMREAD_ANYDEPTH
    try:
        image = cv2.imdecode(buffer, flags)
    except cv2.error as exc:
        raise ImageUnreadable(str(exc).strip().splitlines()[-1][:200]) from None
    if image is None or image.size == 0:
        raise ImageUnreadable()
    pixels = int(image.shape[0] * image.shape[1])
    if pixels > max_pixels:
        raise ImageTooLarge(pixels, max_pixels)
    return as_bgr(image)


def load_image(path: Path | str, *, max_pixels: int = MAX_PIXELS) -> Image:
    """Read an image file (any path, including non-ASCII Windows paths, which cv2.imread cannot open)."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a folder, /dev/zero, a pipe: never read "to the end"
            raise SourceNotFound(path.name) if stat.S_ISDIR(info.st_mode) else ImageUnreadable(path.name)
        if info.st_size > MAX_FILE_BYTES:  # before reading it all into memory
            raise ImageFileTooLarge(info.st_size, MAX_FILE_BYTES)
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)  # a file growing meanwhile is still bounded
    except (FileNotFoundError, NotADirectoryError):
        raise SourceNotFound(path.name) from None
    except OSError as exc:  # no permission, a device file, a vanished network share
        raise ImageUnreadable(type(exc).__name__) from None
    return decode_image(data, max_pixels=max_pixels)


def to_gray(image: Image) -> Image:
    return image if image.ndim == 2 else np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), np.uint8)
