"""Paper sizes and the type scale for each: A4 for notices, A5/A6 for the slip printer (settings)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5, A6
from reportlab.lib.units import mm


class PaperSize(enum.StrEnum):
    A4 = "A4"
    A5 = "A5"
    A6 = "A6"

    @classmethod
    def parse(cls, value: object, default: PaperSize) -> PaperSize:
        """A paper size from settings text ("a5", "A5"); `default` for anything else."""
        try:
            return cls(str(value).strip().upper())
        except ValueError:
            return default


@dataclass(frozen=True)
class Layout:
    paper: PaperSize
    page_size: tuple[float, float]  # points
    margin: float  # points, all four sides
    body_size: float  # font size of body text, points
    title_size: float
    small_size: float
    qr_size: float  # side of a QR code, points (≥ 20 mm so a phone or desk scanner reads it)
    code_size: float  # the pickup code's digits

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - 2 * self.margin

    @property
    def leading(self) -> float:
        return self.body_size * 1.45


_LAYOUTS = {
    PaperSize.A4: Layout(PaperSize.A4, A4, 18 * mm, 11.0, 18.0, 8.5, 32 * mm, 26.0),
    PaperSize.A5: Layout(PaperSize.A5, A5, 12 * mm, 9.5, 15.0, 7.5, 27 * mm, 22.0),
    PaperSize.A6: Layout(PaperSize.A6, A6, 6 * mm, 7.2, 11.0, 6.0, 22 * mm, 17.0),
}


def layout_for(paper: PaperSize) -> Layout:
    return _LAYOUTS[paper]
