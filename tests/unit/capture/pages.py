"""Test documents: a real A4 page typeset with ReportLab (the vendored CJK font) and rendered with
pdfium, and helpers that photograph it: a perspective warp onto a real desk texture at camera resolution,
with uneven light, sensor noise and JPEG compression. Ground-truth corners come back with the photo."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from counter_app.resource_paths import resource_path

DATA = Path(__file__).resolve().parents[2] / "data"
FONT = "WQY"
RED = Color(0.85, 0.1, 0.1)
# Where the 8 pt sample lines sit on the page (mm from the top-left), for the legibility tests.
SMALL_TEXT_BOX_MM = (20.0, 150.0, 190.0, 185.0)


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "wqy-microhei.ttc")), subfontIndex=0))


def _pdf_page(*, seal: bool, red_header: bool) -> bytes:
    _register_font()
    buffer = io.BytesIO()
    width, height = 210 * mm, 297 * mm
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setFillColor(RED if red_header else Color(0, 0, 0))
    pdf.setFont(FONT, 20)
    pdf.drawCentredString(width / 2, height - 30 * mm, "个体工商户登记（备案）申请书")
    pdf.setFillColor(Color(0, 0, 0))
    pdf.setFont(FONT, 12)
    y = height - 50 * mm
    for line in (
        "名称：攀枝花市仁和区样例小吃店",
        "组成形式：个人经营",
        "经营场所：四川省攀枝花市仁和区仁和镇迤沙拉大道18号",
        "经营范围：小餐饮服务；日用百货销售",
        "资金数额：伍万元整",
        "Sample text 0123456789 ABCDEFG",
    ):
        pdf.drawString(20 * mm, y, line)
        y -= 9 * mm
    pdf.setLineWidth(0.8)
    for row in range(5):  # a table like the form's
        pdf.rect(20 * mm, height - (100 + row * 9) * mm, 170 * mm, 9 * mm)
    pdf.line(70 * mm, height - 100 * mm, 70 * mm, height - 136 * mm)
    pdf.setFont(FONT, 8)
    y = height - SMALL_TEXT_BOX_MM[1] * mm - 4 * mm
    for index in range(9):
        pdf.drawString(
            20 * mm,
            y,
            f"第{index + 1}条 本人承诺所提交的材料真实有效，经营场所合法，取得许可前不从事许可经营活动。"
            f" Clause {index + 1}: 8 pt text must stay legible.",
        )
        y -= 3.6 * mm
    pdf.setFont(FONT, 10)
    pdf.drawString(120 * mm, 40 * mm, "申请人签字：__________")
    pdf.drawString(120 * mm, 32 * mm, "2026年1月5日")
    if seal:
        pdf.setStrokeColor(RED)
        pdf.setFillColor(RED)
        pdf.setLineWidth(2.5)
        pdf.circle(150 * mm, 60 * mm, 20 * mm, stroke=1, fill=0)
        pdf.setFont(FONT, 9)
        pdf.drawCentredString(150 * mm, 58 * mm, "★ 市场监督管理局 ★")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@functools.lru_cache(maxsize=4)
def a4_page(dpi: int = 300, *, seal: bool = False, red_header: bool = False) -> np.ndarray:
    """The flat page as BGR at `dpi` (rendered by pdfium, as a printer would)."""
    document = pdfium.PdfDocument(_pdf_page(seal=seal, red_header=red_header))
    try:
        bitmap = document[0].render(scale=dpi / 72)
        return _bgr(bitmap)
    finally:
        document.close()


def _bgr(bitmap: pdfium.PdfBitmap) -> np.ndarray:
    """pdfium renders BGR(A) by default; its `mode` says which."""
    pixels = np.asarray(bitmap.to_numpy())
    if bitmap.mode.startswith("RGB"):
        pixels = pixels[:, :, 2::-1]
    return np.ascontiguousarray(pixels[:, :, :3])


def texture(name: str) -> np.ndarray:
    image = cv2.imread(str(DATA / name), cv2.IMREAD_COLOR)
    assert image is not None, name
    return image


def desk(
    width: int,
    height: int,
    texture_name: str = "gravel.jpg",
    tone: tuple[float, float, float] = (0.30, 0.42, 0.55),
) -> np.ndarray:
    """A desk surface: the real texture photo tiled and tinted (BGR gains) to a wooden/stone tone."""
    tile = texture(texture_name)
    reps_y, reps_x = -(-height // tile.shape[0]), -(-width // tile.shape[1])
    surface = np.tile(tile, (reps_y, reps_x, 1))[:height, :width].astype(np.float32)
    surface *= np.array(tone, np.float32)[None, None, :] / max(tone) * 0.8
    return np.clip(surface, 0, 255).astype(np.uint8)


@dataclass
class Photo:
    image: np.ndarray
    corners: np.ndarray  # ground truth, tl tr br bl


def photograph(
    page: np.ndarray,
    *,
    size: tuple[int, int] = (4000, 3000),
    corners: np.ndarray | None = None,
    background: np.ndarray | None = None,
    light: float = 1.0,
    gradient: float = 0.25,
    noise: float = 3.0,
    blur: float = 0.0,
    jpeg: int | None = 92,
    seed: int = 0,
) -> Photo:
    """The page lying on a desk, photographed from slightly off-axis."""
    width, height = size
    if corners is None:
        # Portrait page filling ~85 % of a landscape frame's height, tilted and foreshortened.
        ph = 0.86 * height
        pw = ph * page.shape[1] / page.shape[0]
        cx, cy = width * 0.5, height * 0.5
        corners = np.array(
            [
                [cx - pw / 2 + 0.03 * pw, cy - ph / 2],
                [cx + pw / 2 - 0.02 * pw, cy - ph / 2 + 0.02 * ph],
                [cx + pw / 2 + 0.03 * pw, cy + ph / 2],
                [cx - pw / 2 - 0.01 * pw, cy + ph / 2 - 0.01 * ph],
            ]
        )
    surface = background if background is not None else desk(width, height)
    matrix = cv2.getPerspectiveTransform(
        np.array(
            [[0, 0], [page.shape[1] - 1, 0], [page.shape[1] - 1, page.shape[0] - 1], [0, page.shape[0] - 1]],
            np.float32,
        ),
        corners.astype(np.float32),
    )
    warped = cv2.warpPerspective(page, matrix, (width, height), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full(page.shape[:2], 255, np.uint8), matrix, (width, height))
    alpha = (mask.astype(np.float32) / 255)[:, :, None]
    image = warped.astype(np.float32) * alpha + surface.astype(np.float32) * (1 - alpha)
    # Uneven light: brighter on one side, as under a desk lamp.
    ramp = np.linspace(1.0, 1.0 - gradient, width, dtype=np.float32)[None, :, None]
    image = image * ramp * light * 0.93
    if blur:
        image = cv2.GaussianBlur(image, (0, 0), blur)
    rng = np.random.default_rng(seed)
    image = image + rng.normal(0, noise, image.shape).astype(np.float32)
    result = np.clip(image, 0, 255).astype(np.uint8)
    if jpeg:
        ok, data = cv2.imencode(".jpg", result, [cv2.IMWRITE_JPEG_QUALITY, jpeg])
        assert ok
        result = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return Photo(result, corners)


def add_glare(image: np.ndarray, centre: tuple[int, int], radius: int) -> np.ndarray:
    """A specular reflection: a saturated spot with a soft rim."""
    yy, xx = np.mgrid[: image.shape[0], : image.shape[1]]
    distance = np.hypot(xx - centre[0], yy - centre[1]) / radius
    boost = np.clip(1.6 - distance, 0, 1)[:, :, None] * 400
    return np.clip(image.astype(np.float32) + boost, 0, 255).astype(np.uint8)


def id_card(side: str = "front", dpi: int = 300, photo: np.ndarray | None = None) -> np.ndarray:
    """A specimen card the size of a resident ID card (85.6 × 54 mm) with a tinted background and small
    print. Not a real ID: it says 样本 (specimen) and carries no real data."""
    _register_font()
    buffer = io.BytesIO()
    width, height = 85.6 * mm, 54 * mm
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    for index in range(20):  # a soft blue-to-pink gradient like the real card's guilloche background
        t = index / 19
        pdf.setFillColor(Color(0.86 + 0.08 * t, 0.91 - 0.03 * t, 0.97 - 0.05 * t))
        pdf.rect(0, height * index / 20, width, height / 20 + 0.5, stroke=0, fill=1)
    pdf.setFillColor(Color(0.1, 0.1, 0.1))
    if side == "front":
        pdf.setFont(FONT, 7)
        for row, text in enumerate(
            (
                "姓名  张  三（样本）",
                "性别  男    民族  汉",
                "出生  1985 年 3 月 12 日",
                "住址  四川省攀枝花市仁和区",
                "      仁和镇迤沙拉大道18号",
                "公民身份号码  样本仅供演示",
            )
        ):
            pdf.drawString(6 * mm, height - (9 + row * 6.5) * mm, text)
    else:
        pdf.setFillColor(RED)
        pdf.circle(14 * mm, height - 14 * mm, 7 * mm, stroke=0, fill=1)
        pdf.setFillColor(Color(0.1, 0.1, 0.1))
        pdf.setFont(FONT, 11)
        pdf.drawString(26 * mm, height - 13 * mm, "中华人民共和国")
        pdf.drawString(26 * mm, height - 20 * mm, "居民身份证（样本）")
        pdf.setFont(FONT, 7)
        pdf.drawString(14 * mm, 14 * mm, "签发机关  攀枝花市公安局仁和分局（样例）")
        pdf.drawString(14 * mm, 8 * mm, "有效期限  2016.01.01-2036.01.01")
    pdf.showPage()
    pdf.save()
    document = pdfium.PdfDocument(buffer.getvalue())
    try:
        card = _bgr(document[0].render(scale=dpi / 72))
    finally:
        document.close()
    if side == "front" and photo is not None:
        ph = round(card.shape[0] * 0.62)
        pw = round(ph * photo.shape[1] / photo.shape[0])
        x, y = card.shape[1] - pw - round(card.shape[1] * 0.05), round(card.shape[0] * 0.12)
        card[y : y + ph, x : x + pw] = cv2.resize(photo, (pw, ph), interpolation=cv2.INTER_AREA)
    return card
