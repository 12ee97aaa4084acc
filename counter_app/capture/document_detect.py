"""Finding the page in a photo: its four corners, robust to wood, stone or cloth desks.

Two ways, best result wins:
1. segmentation: the page is the bright, low-colour region. Otsu thresholds on a "whiteness" image (and on
   plain lightness, for tinted cards), the largest plausible blob, its convex hull, and a polygon
   approximation to four corners (or the four hull points spanning the largest quadrilateral);
2. edges (fallback, e.g. a white page on a light desk): Canny edges, closed contours, convex 4-gons.
Detection runs on a copy about 1000 px long; the corners are returned in full-resolution coordinates so
the rectification uses every pixel of the photo.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from counter_app.capture.images import Image

Points = npt.NDArray[np.float64]  # 4 x 2, ordered top-left, top-right, bottom-right, bottom-left


@dataclass(frozen=True)
class DetectionSettings:
    work_size: int = 1000  # long side of the detection copy
    min_area_fraction: float = 0.04  # smaller blobs are not pages
    min_fill: float = 0.80  # blob area / quadrilateral area: a page is a filled 4-gon
    max_fill: float = 1.08
    min_edge_support: float = 0.5  # share of the outline lying on image edges
    max_area_fraction: float = 0.95  # larger outlines are the photo's own border


@dataclass(frozen=True)
class Quad:
    points: Points  # full-resolution coordinates, ordered tl, tr, br, bl
    method: str  # "whiteness", "lightness", "edges" or "manual"
    score: float  # share of the outline that lies on edges in the photo (1.0 for manual corners)

    def as_list(self) -> list[tuple[float, float]]:
        return [(float(x), float(y)) for x, y in self.points]


def order_corners(points: npt.ArrayLike) -> Points:
    """Order four points as top-left, top-right, bottom-right, bottom-left (for any rotation < 45°)."""
    pts = np.asarray(points, dtype=np.float64).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise in image coordinates, starting near -180° (left)
    # Start from the point with the smallest x + y (top-left).
    start = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -start, axis=0)


def quad_area(points: Points) -> float:
    return float(abs(cv2.contourArea(points.astype(np.float32))))


def is_convex_quad(points: Points) -> bool:
    return bool(cv2.isContourConvex(points.astype(np.float32).reshape(-1, 1, 2))) and quad_area(points) > 1


def detect_document(image: Image, settings: DetectionSettings | None = None) -> Quad | None:
    """The page outline, or None when nothing page-like was found (the clerk then places the corners)."""
    s = settings or DetectionSettings()
    height, width = image.shape[:2]
    factor = min(1.0, s.work_size / max(height, width))
    small = image if factor == 1.0 else np.asarray(
        cv2.resize(image, (round(width * factor), round(height * factor)), interpolation=cv2.INTER_AREA),
        np.uint8)
    if small.ndim == 2:
        small = np.asarray(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR), np.uint8)
    edges = _edge_map(small)
    candidates: list[Quad] = []
    for method, mask in _segmentations(small):
        quad = _best_blob(mask, method, s)
        if quad is not None:
            candidates.append(quad)
    quad = _from_edges(edges, s)
    if quad is not None:
        candidates.append(quad)
    supported = [(edge_support(edges, q.points), q) for q in candidates]
    supported = [(support, q) for support, q in supported if support >= s.min_edge_support]
    if not supported:
        return None
    # The outline that runs along the page's edges wins (a shadowed corner cut off by the segmentation
    # leaves one side across the page); among equals, the larger one (a page beats a label on it).
    support, best = max(supported, key=lambda item: (round(item[0], 1), quad_area(item[1].points)))
    return Quad(best.points / factor, best.method, round(support, 3))


def _segmentations(small: Image) -> list[tuple[str, Image]]:
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB)
    lightness = lab[:, :, 0]
    chroma = cv2.magnitude(lab[:, :, 1].astype(np.float32) - 128, lab[:, :, 2].astype(np.float32) - 128)
    whiteness = np.clip(lightness.astype(np.float32) - 2.0 * chroma, 0, 255).astype(np.uint8)
    masks = []
    for name, channel in (("whiteness", whiteness), ("lightness", lightness)):
        blurred = cv2.GaussianBlur(channel, (7, 7), 0)
        _, mask = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        k = max(3, round(max(small.shape[:2]) * 0.012)) | 1
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)  # text and lines inside the page
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)  # thin bright bits of the desk
        masks.append((name, np.asarray(mask, np.uint8)))
    return masks


def _best_blob(mask: Image, method: str, s: DetectionSettings) -> Quad | None:
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    total = mask.shape[0] * mask.shape[1]
    best: Quad | None = None
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        area = cv2.contourArea(contour)
        if area < s.min_area_fraction * total or area > s.max_area_fraction * total:
            continue
        points = _four_corners(np.asarray(cv2.convexHull(contour), np.int32))
        if points is None:
            continue
        fill = area / max(1.0, quad_area(points))
        if not s.min_fill <= fill <= s.max_fill:
            continue
        if best is None or quad_area(points) > quad_area(best.points):
            best = Quad(points, method, fill)
    return best


def _four_corners(hull: npt.NDArray[np.int32]) -> Points | None:
    perimeter = cv2.arcLength(hull, True)
    for epsilon in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True).reshape(-1, 2)
        if len(approx) == 4:
            return order_corners(approx)
        if len(approx) < 4:
            break
    # Rounded or clipped corners give 5-8 points: keep the four spanning the largest quadrilateral.
    approx = cv2.approxPolyDP(hull, 0.01 * perimeter, True).reshape(-1, 2)
    if len(approx) < 4 or len(approx) > 14:
        return None
    best: tuple[float, tuple[int, ...]] | None = None
    for combo in itertools.combinations(range(len(approx)), 4):
        area = quad_area(approx[list(combo)].astype(np.float64))
        if best is None or area > best[0]:
            best = (area, combo)
    assert best is not None
    return order_corners(approx[list(best[1])])


def _edge_map(small: Image) -> Image:
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    median = float(np.median(gray))
    edges = cv2.Canny(gray, max(10.0, 0.5 * median), min(255.0, 1.3 * median + 20))
    return np.asarray(cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5))), np.uint8)


def edge_support(edges: Image, points: Points, samples_per_side: int = 60) -> float:
    """The share of points along the outline (inset from the corners) that lie on an edge."""
    height, width = edges.shape
    t = np.linspace(0.05, 0.95, samples_per_side)[:, None]
    starts, ends = points, np.roll(points, -1, axis=0)
    samples = np.concatenate([start + (end - start) * t for start, end in zip(starts, ends, strict=True)])
    xs, ys = np.rint(samples[:, 0]).astype(int), np.rint(samples[:, 1]).astype(int)
    inside = (xs >= 0) & (xs < width) & (ys >= 0) & (ys < height)
    if not inside.any():
        return 0.0
    return float((edges[ys[inside], xs[inside]] > 0).mean())


def _from_edges(edges: Image, s: DetectionSettings) -> Quad | None:
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    total = edges.shape[0] * edges.shape[1]
    best: Quad | None = None
    for contour in contours:
        hull = cv2.convexHull(contour)
        area = cv2.contourArea(hull)
        if area < max(0.1, s.min_area_fraction) * total or area > s.max_area_fraction * total:
            continue
        approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2)
        if len(approx) != 4:
            continue
        points = order_corners(approx)
        if not is_convex_quad(points):
            continue
        if best is None or quad_area(points) > quad_area(best.points):
            best = Quad(points, "edges", 1.0)
    return best
