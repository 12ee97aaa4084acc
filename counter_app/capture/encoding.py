"""Encoding for a poor uplink: each image as small as it can be while staying legible.

- Portraits: the 358×441 ID photo as JPEG, quality lowered step by step until it fits 40 KB.
- Documents: the rectified page (already at ≥ 200 dpi, 300 for small print) with its illumination
  flattened (paper becomes white, shadows go, sensor noise on the paper disappears: that is what makes a
  text page small), grayscale unless colour matters (seals, red headers, photos), then JPEG at the highest
  quality that fits the type's size target.
- Thumbnails: 256 px on the long side for the case list and the reviewer's first look.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from counter_app.capture.document_types import ColourPolicy, DocumentSpec
from counter_app.capture.images import Image, to_gray

PORTRAIT_MAX_BYTES = 40_000
THUMBNAIL_LONG_SIDE = 256
JPEG = "image/jpeg"


@dataclass(frozen=True)
class EncodedImage:
    data: bytes
    mime: str
    width: int
    height: int
    quality: int
    colour: bool

    @property
    def size(self) -> int:
        return len(self.data)


def encode_jpeg(image: Image, quality: int, *, optimize: bool = True) -> bytes:
    params = [cv2.IMWRITE_JPEG_QUALITY, int(quality), cv2.IMWRITE_JPEG_OPTIMIZE, int(optimize)]
    ok, buffer = cv2.imencode(".jpg", image, params)
    if not ok:
        raise ValueError("JPEG encoding failed")
    return bytes(buffer)


def encode_to_size(image: Image, max_bytes: int, *, best: int = 90, worst: int = 40,
                   step: int = 8) -> tuple[bytes, int]:
    """The first quality of best, best-step, ... down to `worst` whose file fits `max_bytes` (at `worst`
    if none fits: below that text and faces break up, and an oversized file beats an illegible one).
    Steps are tried without Huffman optimisation (a quick upper bound of the size); the chosen one is
    encoded optimised, which is only smaller."""
    first = encode_jpeg(image, best)
    if len(first) <= max_bytes:
        return first, best  # the usual case: one encode
    quality = best
    while True:
        quick = encode_jpeg(image, quality, optimize=False)
        if len(quick) <= max_bytes or quality <= worst:
            return encode_jpeg(image, quality), quality
        # Estimate the next step from how far over we are, never less than `step`.
        over = len(quick) / max_bytes
        quality = max(worst, quality - max(step, round((over - 1) * 60)))


def encode_portrait(photo: Image, max_bytes: int = PORTRAIT_MAX_BYTES) -> EncodedImage:
    data, quality = encode_to_size(photo, max_bytes, best=92, worst=50, step=4)
    return EncodedImage(data, JPEG, photo.shape[1], photo.shape[0], quality, True)


def thumbnail(image: Image, long_side: int = THUMBNAIL_LONG_SIDE, quality: int = 70) -> EncodedImage:
    height, width = image.shape[:2]
    factor = min(1.0, long_side / max(height, width))
    small = image if factor == 1.0 else np.asarray(
        cv2.resize(image, (max(1, round(width * factor)), max(1, round(height * factor))),
                   interpolation=cv2.INTER_AREA), np.uint8)
    return EncodedImage(encode_jpeg(small, quality), JPEG, small.shape[1], small.shape[0], quality,
                        small.ndim == 3)


def encode_original(image: Image, quality: int = 92) -> EncodedImage:
    """The unprocessed frame or photo, kept locally until the district confirms receipt."""
    return EncodedImage(encode_jpeg(image, quality), JPEG, image.shape[1], image.shape[0], quality,
                        image.ndim == 3)


# --- documents ------------------------------------------------------------------------------------------

def white_balance(page: Image) -> Image:
    """Scale the channels so the paper (the bright end of each channel) is neutral: a yellow desk lamp
    must not make every page look coloured."""
    if page.ndim == 2:
        return page
    paper = np.percentile(page[::8, ::8].reshape(-1, 3), 90, axis=0).astype(np.float32)
    paper = np.maximum(paper, 1.0)
    gains = paper.max() / paper
    if np.allclose(gains, 1.0, atol=0.02):
        return page
    lut = np.stack([np.clip(np.arange(256) * g, 0, 255) for g in gains], axis=1).astype(np.uint8)
    return np.asarray(cv2.merge([cv2.LUT(page[:, :, c], lut[:, c]) for c in range(3)]), np.uint8)


def colour_fraction(page: Image) -> float:
    """The share of clearly coloured pixels (seals, red headers, photos, coloured print) on a white-
    balanced page, measured on every 4th pixel of every 4th row (strokes of a seal are wider than that)."""
    if page.ndim == 2:
        return 0.0
    small = np.ascontiguousarray(page[::4, ::4])
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.int16)
    chroma = np.hypot(lab[:, :, 1] - 128, lab[:, :, 2] - 128)
    coloured = (chroma > 28) & (lab[:, :, 0] > 30)
    return float(coloured.mean())


DOCUMENT_BEST_QUALITY = 72  # flattened print at 200/300 dpi: no visible loss at this quality
MIN_COLOUR_FRACTION = 0.002  # a seal of 40 mm on A4 covers well over this; JPEG noise stays far below


def needs_colour(page: Image, spec: DocumentSpec) -> bool:
    if spec.colour is ColourPolicy.COLOUR:
        return True
    return colour_fraction(page) >= MIN_COLOUR_FRACTION


def _background(gray: Image) -> Image:
    """The paper's brightness everywhere, text removed: a max filter wider than strokes, then a median."""
    height, width = gray.shape[:2]
    k = max(5, (min(height, width) // 100) | 1)  # ~ 2 mm at 200 dpi: wider than 8-14 pt strokes
    # Bilinear is enough here: the max filter below keeps the paper, whatever happens to thin strokes.
    small = cv2.resize(gray, (max(1, width // 4), max(1, height // 4)), interpolation=cv2.INTER_LINEAR)
    small = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (k // 2 | 1, k // 2 | 1)))
    small = cv2.medianBlur(small, 2 * (k // 2) + 1)
    return np.asarray(cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR), np.uint8)


def flatten(page: Image, *, white_point: float = 0.90) -> Image:
    """Divide out the illumination so the paper is uniformly white; values above `white_point` of the
    paper level become pure white (kills paper texture and noise, which JPEG would otherwise pay for)."""
    background = np.maximum(_background(to_gray(page)), 16)
    if page.ndim == 3:
        background = cv2.merge([background, background, background])
    return np.asarray(cv2.divide(page, background, scale=255.0 / white_point), np.uint8)


def encode_document(page: Image, spec: DocumentSpec, *, max_bytes: int | None = None) -> EncodedImage:
    """The rectified page encoded for upload: flattened (per type), grayscale or colour, size-capped."""
    balanced = white_balance(page)
    colour = needs_colour(balanced, spec)
    work = balanced if colour else to_gray(balanced)
    if spec.flatten:
        work = flatten(work)
    data, quality = encode_to_size(work, max_bytes or spec.max_bytes, best=DOCUMENT_BEST_QUALITY, worst=40)
    return EncodedImage(data, JPEG, work.shape[1], work.shape[0], quality, colour)
