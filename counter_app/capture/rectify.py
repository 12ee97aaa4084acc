"""Flattening a photographed page: a perspective warp from the four corners straight to the encoded size
(the known physical size at the document type's resolution), computed from the full-resolution photo.

Fixed-size documents (A4, ID cards, A3/A4 certificates) are forced to their true aspect ratio, which also
undoes the foreshortening a perspective photo leaves in the measured side lengths; free-size ones
(booklets, "other") keep the measured aspect.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from counter_app.capture.document_detect import Points, is_convex_quad, order_corners
from counter_app.capture.document_types import DocumentSpec
from counter_app.capture.errors import InvalidCorners
from counter_app.capture.images import Image


@dataclass(frozen=True)
class Rectified:
    page: Image  # BGR, at the spec's resolution
    corners: Points  # the corners used (full-resolution photo coordinates)
    source_dpi: float  # how many photo pixels per inch the page had: below the target it was upscaled
    landscape: bool


def _side_lengths(points: Points) -> tuple[float, float]:
    tl, tr, br, bl = points
    width = max(float(np.linalg.norm(tr - tl)), float(np.linalg.norm(br - bl)))
    height = max(float(np.linalg.norm(bl - tl)), float(np.linalg.norm(br - tr)))
    return width, height


def output_size(points: Points, spec: DocumentSpec) -> tuple[int, int, bool]:
    """(width, height, landscape) of the rectified page."""
    width, height = _side_lengths(points)
    landscape = width > height
    if spec.fixed_aspect:
        w, h = spec.pixels(landscape)
        return w, h, landscape
    long_px = round(spec.height_mm / 25.4 * spec.dpi)
    aspect = max(width, height) / max(1.0, min(width, height))
    short_px = max(1, round(long_px / aspect))
    return (long_px, short_px, True) if landscape else (short_px, long_px, False)


def rectify(image: Image, corners: Points | list[tuple[float, float]], spec: DocumentSpec, *,
            quarter_turns: int = 0) -> Rectified:
    """Warp the page inside `corners` (any order) to its flat, upright rectangle. `quarter_turns` rotates
    the result clockwise by multiples of 90° (the clerk's "rotate" button)."""
    points = np.asarray(corners, dtype=np.float64)
    height, width = image.shape[:2]
    if points.shape != (4, 2) or not np.isfinite(points).all():
        raise InvalidCorners()
    # Corners a little outside the photo are allowed (the clerk drags to the edge); far outside is not.
    margin = 0.05 * max(width, height)
    if (points[:, 0] < -margin).any() or (points[:, 0] > width + margin).any() or \
            (points[:, 1] < -margin).any() or (points[:, 1] > height + margin).any():
        raise InvalidCorners()
    points = order_corners(points)
    if not is_convex_quad(points) or _side_lengths(points)[0] < 8 or _side_lengths(points)[1] < 8:
        raise InvalidCorners()
    out_w, out_h, landscape = output_size(points, spec)
    measured_long = max(_side_lengths(points))
    source_dpi = measured_long / (spec.height_mm / 25.4)
    source, warp_points = image, points
    shrink = measured_long / max(out_w, out_h)
    while shrink >= 2.0:
        # Much larger in the photo than on output: halve (with smoothing) so fine print does not alias.
        source, warp_points, shrink = np.asarray(cv2.pyrDown(source), np.uint8), warp_points / 2, shrink / 2
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(warp_points.astype(np.float32), target)
    page = cv2.warpPerspective(source, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
    turns = quarter_turns % 4
    if turns:
        page = np.ascontiguousarray(np.rot90(page, k=-turns))
        if turns % 2:
            landscape = not landscape
    return Rectified(np.asarray(page, np.uint8), points, source_dpi, landscape)
