"""PDF pages as QImages and onto a QPrinter. The pixels come from pdfium (counter_app.printing.render);
QtPdf is not part of PySide6-Essentials."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from counter_app.printing.layout import PaperSize
from counter_app.printing.render import PRINT_DPI, RenderedPage, render_pages

PAGE_SIZES = {PaperSize.A4: QPageSize.PageSizeId.A4, PaperSize.A5: QPageSize.PageSizeId.A5,
              PaperSize.A6: QPageSize.PageSizeId.A6}


def to_qimage(page: RenderedPage) -> QImage:
    """A QImage owning a copy of the page's BGRA pixels (ARGB32 is B, G, R, A in memory on the
    little-endian machines Qt runs on here)."""
    height, width = page.pixels.shape[:2]
    image = QImage(page.pixels.data, width, height, page.pixels.strides[0], QImage.Format.Format_ARGB32)
    image = image.copy()  # detach from the numpy buffer before it is freed
    image.setDotsPerMeterX(round(page.dpi / 0.0254))
    image.setDotsPerMeterY(round(page.dpi / 0.0254))
    return image


def preview_images(pdf: bytes, dpi: float) -> list[QImage]:
    return [to_qimage(page) for page in render_pages(pdf, dpi)]


def configure_printer(printer: QPrinter, paper: PaperSize) -> None:
    """300 dpi (HighResolution would ask for 1200 and a ~500 MB bitmap per A4 page), the document's
    paper, portrait, no extra margins: the PDF carries its own."""
    printer.setResolution(PRINT_DPI)
    printer.setPageSize(QPageSize(PAGE_SIZES[paper]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName("counter-app")


def paint_pdf(printer: QPrinter, pdf: bytes, *, copies: int = 1) -> int:
    """Paint every page of `pdf` on `printer`, each rendered by pdfium at the printer's resolution and
    scaled to fit the paper keeping its proportions. Copies are painted here when the printer cannot
    make them itself. Returns the number of pages sent; raises RuntimeError if the printer cannot be
    opened."""
    if printer.supportsMultipleCopies():
        printer.setCopyCount(copies)
        copies = 1
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("printer could not be opened")
    pages = 0
    try:
        dpi = printer.resolution() or PRINT_DPI
        for _copy in range(max(1, copies)):
            for page in render_pages(pdf, dpi):
                if pages:
                    printer.newPage()
                image = to_qimage(page)
                target = printer.pageLayout().fullRectPixels(printer.resolution())
                size = QSizeF(image.width(), image.height())
                size.scale(QSizeF(target.width(), target.height()), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(target.x(), target.y(), size.width(), size.height()), image)
                pages += 1
    finally:
        painter.end()
    return pages
