"""Test portraits from real photographs: the astronaut photo (public domain) cut out with its GrabCut mask
(tests/data/astronaut_mask.png) and placed in a webcam-sized frame on a chosen background (a plain light
wall, a dark wall, or a real busy photo), at a chosen distance and position, with sensor noise and JPEG
compression like a webcam's."""

from __future__ import annotations

import functools
from pathlib import Path

import cv2
import numpy as np

DATA = Path(__file__).resolve().parents[2] / "data"
FACE_CENTRE = (226.0, 115.0)  # the astronaut's face centre in the 512 x 512 photo
FACE_SIZE = 102.0  # her face box (Haar) in that photo


@functools.lru_cache(maxsize=1)
def astronaut() -> tuple[np.ndarray, np.ndarray]:
    image = cv2.imread(str(DATA / "astronaut.jpg"), cv2.IMREAD_COLOR)
    mask = cv2.imread(str(DATA / "astronaut_mask.png"), cv2.IMREAD_GRAYSCALE)
    assert image is not None and mask is not None
    return image, mask


def wall(width: int, height: int, colour: tuple[int, int, int] = (236, 238, 240)) -> np.ndarray:
    """A plain wall, a little darker towards the floor."""
    shade = np.linspace(1.0, 0.94, height, dtype=np.float32)[:, None, None]
    return np.clip(
        np.array(colour, np.float32)[None, None, :] * shade * np.ones((height, width, 1), np.float32), 0, 255
    ).astype(np.uint8)


def photo_background(name: str, width: int, height: int) -> np.ndarray:
    image = cv2.imread(str(DATA / name), cv2.IMREAD_COLOR)
    assert image is not None, name
    return cv2.resize(image, (width, height), interpolation=cv2.INTER_CUBIC)


def portrait_frame(
    width: int = 640,
    height: int = 480,
    *,
    face_fraction: float = 0.3,
    cx: float = 0.5,
    cy: float = 0.42,
    background: np.ndarray | None = None,
    noise: float = 2.0,
    jpeg: int | None = 90,
    seed: int = 1,
) -> np.ndarray:
    """The astronaut in front of `background` (default: plain light wall); her face box is
    `face_fraction` of the frame height, its centre at (cx, cy) of the frame."""
    image, mask = astronaut()
    scale = height * face_fraction / FACE_SIZE
    interpolation = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
    matrix = np.float32(
        [[scale, 0, width * cx - FACE_CENTRE[0] * scale], [0, scale, height * cy - FACE_CENTRE[1] * scale]]
    )
    person = cv2.warpAffine(image, matrix, (width, height), flags=interpolation)
    alpha = cv2.warpAffine(mask, matrix, (width, height), flags=cv2.INTER_LINEAR)
    alpha = (cv2.GaussianBlur(alpha, (0, 0), 1.0).astype(np.float32) / 255)[:, :, None]
    back = wall(width, height) if background is None else background
    frame = person.astype(np.float32) * alpha + back.astype(np.float32) * (1 - alpha)
    frame += np.random.default_rng(seed).normal(0, noise, frame.shape).astype(np.float32)
    result = np.clip(frame, 0, 255).astype(np.uint8)
    if jpeg:
        ok, data = cv2.imencode(".jpg", result, [cv2.IMWRITE_JPEG_QUALITY, jpeg])
        assert ok
        result = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return result


def with_hat(frame: np.ndarray, box: tuple[int, int, int, int], colour: tuple[int, int, int]) -> np.ndarray:
    """Put a cap (crown and brim) on the head whose face box is `box`, shaded like cloth."""
    x, y, w, h = box
    hat = frame.copy()
    cx = x + w // 2
    cv2.ellipse(hat, (cx, y - h // 20), (int(w * 0.62), int(h * 0.5)), 0, 180, 360, colour, -1)
    cv2.rectangle(
        hat, (int(cx - w * 0.75), int(y - h * 0.08)), (int(cx + w * 0.75), int(y + h * 0.02)), colour, -1
    )
    shade = np.random.default_rng(3).normal(0, 6, hat.shape).astype(np.float32)
    changed = np.any(hat != frame, axis=2)[:, :, None]
    return np.where(changed, np.clip(hat + shade, 0, 255), frame).astype(np.uint8)
