"""Document capture: find the page, flatten it, check it (outline, cut off, too small/far, blur, glare,
exposure). `analyse_document` is called for the automatic detection and again with the clerk's corrected
corners; the result shows before/after and each check's state, and is what gets stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import cv2
import numpy as np

from counter_app.capture.checks import CheckResult, fail, ok, skipped
from counter_app.capture.document_detect import Points, Quad, detect_document, order_corners
from counter_app.capture.document_types import DocumentSpec, spec_for
from counter_app.capture.images import Image, to_gray
from counter_app.capture.rectify import Rectified, rectify
from counter_app.domain.materials import DocType


@dataclass(frozen=True)
class DocumentCheckConfig:
    edge_margin: float = 0.006  # a corner closer than this (fraction of the frame) to the edge: cut off
    min_source_dpi_ratio: float = 0.75  # photo pixels per inch / target dpi; below: too far or too small
    min_area_fraction: float = 0.10  # page area / photo area
    # See text_sharpness(): sharp print measured 55-65, the same photo blurred by σ 2.5 px 14-15.
    min_text_sharpness: float = 35.0
    text_tile: int = 48
    min_text_tile_std: float = 18.0
    glare_level: int = 250
    max_glare_fraction: float = 0.004  # largest saturated blob / page area
    max_paper_level_for_glare: float = 244.0  # brighter paper: saturation is exposure, not a hot spot
    min_paper_level: float = 90.0


@dataclass(frozen=True)
class DocumentAnalysis:
    doc_type: DocType
    spec: DocumentSpec
    quad: Quad | None  # what was found or given; None when nothing was found
    rectified: Rectified | None
    checks: tuple[CheckResult, ...]
    frame_size: tuple[int, int]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failed(self) -> list[CheckResult]:
        return [c for c in self.checks if c.evaluated and not c.passed]

    def hint(self, language: str = "zh") -> str:
        failed = self.failed
        if not failed:
            return "文件清晰完整" if not language.startswith("en") else "The page is complete and sharp"
        return failed[0].hint(language)

    def scores(self) -> dict[str, object]:
        """Scores only (no image data), stored with the capture."""
        data: dict[str, object] = {c.name: {"passed": c.passed,
                                            "score": None if c.score is None else round(c.score, 4)}
                                   for c in self.checks if c.evaluated}
        if self.quad is not None:
            data["outline_method"] = self.quad.method
        if self.rectified is not None:
            data["source_dpi"] = round(self.rectified.source_dpi, 1)
        return data

    def to_json(self) -> str:
        return json.dumps(self.scores(), sort_keys=True)


def analyse_document(photo: Image, doc_type: DocType | str, *, corners: Points | list[tuple[float, float]]
                     | None = None, quarter_turns: int = 0,
                     config: DocumentCheckConfig | None = None) -> DocumentAnalysis:
    """Detect (unless `corners` are given: the clerk's correction), rectify at full resolution, check.
    Raises InvalidCorners for corners that do not form a page outline."""
    cfg = config or DocumentCheckConfig()
    kind = DocType(doc_type)
    spec = spec_for(kind)
    height, width = photo.shape[:2]
    if corners is not None:
        quad: Quad | None = Quad(order_corners(np.asarray(corners, np.float64)), "manual", 1.0)
    else:
        quad = detect_document(photo)
    if quad is None:
        checks = (fail("outline", 0.0, "未检测到文件边缘，请将文件平放在深色桌面上重拍，或手动拖动四个角点",
                       "No page outline found; lay the page on a dark desk and retake, or drag the corners"),
                  *(skipped(n) for n in ("cut_off", "resolution", "page_exposure", "page_sharpness",
                                         "glare")))
        return DocumentAnalysis(kind, spec, None, None, checks, (width, height))
    result = rectify(photo, quad.points, spec, quarter_turns=quarter_turns)
    gray = to_gray(result.page)
    checks = (
        ok("outline", quad.score),
        _cut_off(quad.points, width, height, cfg),
        _resolution(quad.points, result, spec, width, height, cfg),
        _exposure(gray, cfg),
        _sharpness(gray, cfg),
        _glare(gray, cfg),
    )
    return DocumentAnalysis(kind, spec, quad, result, checks, (width, height))


def _cut_off(points: Points, width: int, height: int, cfg: DocumentCheckConfig) -> CheckResult:
    margin_x, margin_y = cfg.edge_margin * width, cfg.edge_margin * height
    distance = float(min(points[:, 0].min() / width, (width - points[:, 0].max()) / width,
                         points[:, 1].min() / height, (height - points[:, 1].max()) / height))
    touching = ((points[:, 0] <= margin_x) | (points[:, 0] >= width - margin_x)
                | (points[:, 1] <= margin_y) | (points[:, 1] >= height - margin_y))
    if touching.any():
        return fail("cut_off", distance, "文件超出画面，请拍全整页",
                    "The page runs off the picture; get all of it in")
    return ok("cut_off", distance)


def _resolution(points: Points, result: Rectified, spec: DocumentSpec, width: int, height: int,
                cfg: DocumentCheckConfig) -> CheckResult:
    area = abs(cv2.contourArea(points.astype(np.float32))) / (width * height)
    ratio = result.source_dpi / spec.dpi
    if ratio < cfg.min_source_dpi_ratio or area < cfg.min_area_fraction:
        return fail("resolution", ratio, "文件太小或太远，请靠近拍摄",
                    "The page is too small or too far; move closer")
    return ok("resolution", ratio)


def _exposure(gray: Image, cfg: DocumentCheckConfig) -> CheckResult:
    paper = float(np.percentile(gray[::4, ::4], 90))
    if paper < cfg.min_paper_level:
        return fail("page_exposure", paper, "光线过暗，请打开灯光", "Too dark; add light")
    return ok("page_exposure", paper)


def text_sharpness(gray: Image, tile: int = 48, min_std: float = 18.0) -> float | None:
    """How crisp the print is, independent of how much print there is: for tiles that contain print
    (standard deviation above `min_std`), the ratio of Laplacian to gray-level spread, ×100; the 75th
    percentile over those tiles. None for a page without print."""
    height, width = gray.shape
    rows, cols = height // tile, width // tile
    if rows == 0 or cols == 0:
        return None
    page = gray[:rows * tile, :cols * tile]
    lap = cv2.Laplacian(cv2.GaussianBlur(page, (3, 3), 0), cv2.CV_16S)
    # Every other tile row is plenty for a statistic and halves the cost on a 4-megapixel page.
    tiles = page.reshape(rows, tile, cols, tile)[::2].swapaxes(1, 2).reshape(-1, tile * tile)
    lap_tiles = lap.reshape(rows, tile, cols, tile)[::2].swapaxes(1, 2).reshape(-1, tile * tile)
    spread = tiles.std(axis=1, dtype=np.float32)
    printed = spread > min_std
    if not printed.any():
        return None
    ratios = lap_tiles[printed].std(axis=1, dtype=np.float32) / spread[printed] * 100
    return float(np.percentile(ratios, 75))


def _sharpness(gray: Image, cfg: DocumentCheckConfig) -> CheckResult:
    score = text_sharpness(gray, cfg.text_tile, cfg.min_text_tile_std)
    if score is None:
        return ok("page_sharpness", 0.0)  # nothing printed to judge (a blank back side)
    if score < cfg.min_text_sharpness:
        return fail("page_sharpness", score, "文字模糊，请对焦后重拍并保持稳定",
                    "The print is blurred; focus and hold still")
    return ok("page_sharpness", score)


def _glare(gray: Image, cfg: DocumentCheckConfig) -> CheckResult:
    """A reflection is a saturated blob on paper that is otherwise not saturated: it wipes out whatever
    print lies under it."""
    small = gray[::2, ::2]
    paper = float(np.median(small[::4, ::4]))
    if paper > cfg.max_paper_level_for_glare:
        return ok("glare", 0.0)
    hot = (small >= cfg.glare_level).astype(np.uint8)
    hot = np.asarray(cv2.morphologyEx(hot, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)), np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(hot, connectivity=8)
    largest = float(stats[1:, cv2.CC_STAT_AREA].max()) if count > 1 else 0.0
    fraction = largest / small.size
    if fraction > cfg.max_glare_fraction:
        return fail("glare", fraction, "文件有反光，请调整角度或关闭顶灯后重拍",
                    "Glare on the page; tilt it or switch off the overhead light")
    return ok("glare", fraction)
