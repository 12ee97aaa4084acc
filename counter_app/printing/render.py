"""PDF pages to pixels with pdfium (pypdfium2), for the preview and for printing on a QPrinter.

QtPdf is not in PySide6-Essentials, so the app renders with pdfium here, in the core, and the UI only
wraps the pixels in a QImage. Rendering happens at the printer's resolution (300 dpi), never at Qt's
HighResolution 1200 dpi, which would make a ~130 MB bitmap per A4 page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium  # type: ignore[import-untyped]

from counter_app.errors import UserFacingError

PRINT_DPI = 300
PREVIEW_DPI = 110


class UnreadablePdf(UserFacingError):
    def __init__(self) -> None:
        super().__init__("文书文件已损坏，无法显示或打印，请重新生成",
                         "The document is damaged; generate it again")


@dataclass(frozen=True)
class RenderedPage:
    """One page as 8-bit BGRA pixels (pdfium's byte order), with its physical size."""

    pixels: npt.NDArray[np.uint8]  # height x width x 4
    width_pt: float
    height_pt: float
    dpi: float


def page_count(pdf: bytes) -> int:
    document = _open(pdf)
    try:
        return len(document)
    finally:
        document.close()


def render_pages(pdf: bytes, dpi: float = PREVIEW_DPI) -> Iterator[RenderedPage]:
    """Each page in turn (one bitmap in memory at a time: an A4 page at 300 dpi is ~35 MB)."""
    document = _open(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                width, height = page.get_size()
                bitmap = page.render(scale=dpi / 72, force_bitmap_format=pdfium.raw.FPDFBitmap_BGRA,
                                     may_draw_forms=False)
                pixels = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
                bitmap.close()
            finally:
                page.close()
            yield RenderedPage(pixels, float(width), float(height), float(dpi))
    finally:
        document.close()


def _open(pdf: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise UnreadablePdf() from exc
