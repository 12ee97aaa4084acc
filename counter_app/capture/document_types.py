"""Physical facts about each document type: size, resolution to keep, colour policy.

domain.md §5: documents at ≥ 200 dpi equivalent for their physical size, 300 dpi for small print; colour
where seals or red headers matter. The sizes decide the aspect ratio the rectified page is forced to.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from counter_app.domain.materials import DocType


class ColourPolicy(enum.StrEnum):
    AUTO = "auto"  # grayscale unless colour content (seals, red headers, photos) is detected
    COLOUR = "colour"  # always colour (e.g. ID cards: photo, emblem, anti-forgery print)


@dataclass(frozen=True)
class DocumentSpec:
    doc_type: DocType
    width_mm: float  # the short side
    height_mm: float  # the long side
    dpi: int  # resolution of the encoded page
    fixed_aspect: bool  # force width:height; otherwise keep the measured aspect, long side = height_mm
    colour: ColourPolicy = ColourPolicy.AUTO
    flatten: bool = True  # even out illumination (paper becomes white): smaller files, better legibility
    max_bytes: int = 250_000  # target size of the encoded page

    @property
    def aspect(self) -> float:
        """Long side / short side."""
        return self.height_mm / self.width_mm

    def pixels(self, landscape: bool) -> tuple[int, int]:
        """(width, height) in pixels of the encoded page in the given orientation."""
        short = round(self.width_mm / 25.4 * self.dpi)
        long = round(self.height_mm / 25.4 * self.dpi)
        return (long, short) if landscape else (short, long)


SPECS: dict[DocType, DocumentSpec] = {
    DocType.A4: DocumentSpec(DocType.A4, 210, 297, 200, True),
    # Small print (ISO/IEC 7810 ID-1): 300 dpi, always in colour.
    DocType.ID_CARD: DocumentSpec(DocType.ID_CARD, 53.98, 85.6, 300, True, ColourPolicy.COLOUR,
                                  flatten=False, max_bytes=120_000),
    DocType.CERTIFICATE_A4: DocumentSpec(DocType.CERTIFICATE_A4, 210, 297, 200, True),
    DocType.CERTIFICATE_A3: DocumentSpec(DocType.CERTIFICATE_A3, 297, 420, 200, True, max_bytes=400_000),
    # Booklet pages (title certificate, household register, marriage certificate) vary in size and carry
    # small print: measured aspect, 300 dpi on a nominal 190 mm long side.
    DocType.BOOKLET: DocumentSpec(DocType.BOOKLET, 130, 190, 300, False, max_bytes=250_000),
    DocType.OTHER: DocumentSpec(DocType.OTHER, 210, 297, 200, False),
}


def spec_for(doc_type: DocType | str) -> DocumentSpec:
    """The spec of a document type; the portrait is not a document."""
    key = DocType(doc_type)
    if key not in SPECS:
        raise ValueError(f"{key.value} is not a document type")
    return SPECS[key]
