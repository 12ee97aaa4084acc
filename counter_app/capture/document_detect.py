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
    small = image
    target = (round(width * factor), round(height * factor))
    if factor < 0.5:
        # Bilinear at exactly twice the target averages 2x2 pixels; the area step then averages 2x2 of
        # those: a 4x4 box filter for a fraction of INTER_AREA's cost on 12 megapixels.
        small = np.asarray(cv2.resize(small, (target[0] * 2, target[1] * 2), interpolation=cv2.INTER_LINEAR),
                           np.uint8)
    if factor < 1.0:
        small = np.asarray(cv2.resize(small, target, interpolation=cv2.INTER_AREA), np.uint8)
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
    points = refine_corners(image, best.points / factor, search=max(6.0, 3.0 / factor))
    return Quad(points, best.method, round(support, 3))


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


def refine_corners(image: Image, points: Points, *, search: float, profiles: int = 48) -> Points:
    """Sharpen corners found on the small copy using the full-resolution photo: along each side, find
    the strongest brightness step across it (within `search` pixels), fit a line through those edge
    points, and intersect neighbouring lines. A side without a clear edge keeps its corners."""
    lines: list[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None] = []
    offsets = np.arange(-search, search + 1.0, 1.0)
    for start, end in zip(points, np.roll(points, -1, axis=0), strict=True):
        direction = end - start
        length = float(np.hypot(*direction))
        if length < 4 * search:
            lines.append(None)
            continue
        unit = direction / length
        normal = np.array([-unit[1], unit[0]])
        anchors = start + np.linspace(0.12, 0.88, profiles)[:, None] * direction
        coords = anchors[:, None, :] + offsets[None, :, None] * normal
        # Only the profile pixels are sampled (a few thousand), straight from the 8-bit photo.
        sampled = cv2.remap(image, coords[:, :, 0].astype(np.float32), coords[:, :, 1].astype(np.float32),
                            cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        values = np.asarray(sampled, np.float32)
        if values.ndim == 3:
            values = values.mean(axis=2)
        steps = np.abs(np.diff(cv2.GaussianBlur(values, (3, 1), 0), axis=1))
        best = steps.argmax(axis=1)
        strength = steps[np.arange(len(best)), best]
        positions = offsets[best] + 0.5  # the step lies between two samples
        keep = strength > max(6.0, 0.5 * float(np.median(strength)))
        if keep.sum() < profiles // 3:
            lines.append(None)
            continue
        # Desk texture can beat the page edge in a few profiles: keep the consistent majority.
        middle = float(np.median(positions[keep]))
        keep &= np.abs(positions - middle) <= 2.5
        if keep.sum() < profiles // 3:
            lines.append(None)
            continue
        edge_points = anchors[keep] + positions[keep, None] * normal
        vx, vy, x0, y0 = cv2.fitLine(edge_points.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0], np.float64), np.array([vx, vy], np.float64)))
    refined = points.copy()
    for index in range(4):
        before, after = lines[index - 1], lines[index]  # the sides ending and starting at this corner
        if before is None or after is None:
            continue
        corner = _intersect(before, after)
        if corner is not None and float(np.hypot(*(corner - points[index]))) <= 2.5 * search:
            refined[index] = corner
    return refined


def _intersect(a: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]],
               b: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]) -> npt.NDArray[np.float64] | None:
    (p, r), (q, s) = a, b
    cross = r[0] * s[1] - r[1] * s[0]
    if abs(cross) < 1e-6:
        return None
    t = ((q[0] - p[0]) * s[1] - (q[1] - p[1]) * s[0]) / cross
    return np.asarray(p + t * r, np.float64)
