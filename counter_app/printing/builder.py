"""The building blocks every document shares: styles per paper size, text with per-character fonts,
label/value tables, numbered lists, QR codes, a footer with the case number and page count.

All text goes through `FontSet.runs`, so a character the primary font lacks is drawn in a fallback font,
and one no font has stops the document with MissingGlyph before any PDF exists.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph

from counter_app.printing.fonts import FontSet
from counter_app.printing.layout import Layout

# ReportLab's CJK line breaking keeps its "cannot start a line" punctuation on the previous line, but its
# list lacks the full-width comma, colon, semicolon, question and exclamation marks Chinese text uses.
_NO_LINE_START = "，：；？！"
_cannot_start: str = getattr(rl_paragraph, "ALL_CANNOT_START", "")
if not set(_NO_LINE_START) <= set(_cannot_start):
    setattr(rl_paragraph, "ALL_CANNOT_START", _cannot_start + _NO_LINE_START)  # noqa: B010 (untyped)

GRID = colors.Color(0.55, 0.55, 0.55)
SHADE = colors.Color(0.93, 0.93, 0.93)


class DocumentBuilder:
    """Collects flowables for one document and renders them to PDF bytes."""

    def __init__(self, layout: Layout, fonts: FontSet, *, title: str, case_number: str,
                 footer: str, author: str = "") -> None:
        self.layout = layout
        self.fonts = fonts
        self.title = title
        self.case_number = case_number
        self.footer = footer
        self.author = author
        self.story: list[Flowable] = []
        base = fonts.primary_name
        size = layout.body_size
        self.styles = {
            "body": ParagraphStyle("body", fontName=base, fontSize=size, leading=layout.leading,
                                   wordWrap="CJK"),
            "title": ParagraphStyle("title", fontName=base, fontSize=layout.title_size,
                                    leading=layout.title_size * 1.3, alignment=TA_CENTER, wordWrap="CJK",
                                    spaceAfter=layout.body_size * 0.8),
            "subtitle": ParagraphStyle("subtitle", fontName=base, fontSize=size * 1.1,
                                       leading=size * 1.6, wordWrap="CJK", spaceBefore=size * 0.6,
                                       spaceAfter=size * 0.2),
            "small": ParagraphStyle("small", fontName=base, fontSize=layout.small_size,
                                    leading=layout.small_size * 1.4, wordWrap="CJK"),
            "center": ParagraphStyle("center", fontName=base, fontSize=size, leading=layout.leading,
                                     alignment=TA_CENTER, wordWrap="CJK"),
            "indent": ParagraphStyle("indent", fontName=base, fontSize=size, leading=layout.leading,
                                     firstLineIndent=size * 2, wordWrap="CJK"),
            "right": ParagraphStyle("right", fontName=base, fontSize=size, leading=layout.leading,
                                    alignment=TA_RIGHT, wordWrap="CJK"),
            "caption": ParagraphStyle("caption", fontName=base, fontSize=layout.small_size,
                                      leading=layout.small_size * 1.4, alignment=TA_CENTER, wordWrap="CJK"),
            "code": ParagraphStyle("code", fontName=base, fontSize=layout.code_size,
                                   leading=layout.code_size * 1.25, alignment=TA_CENTER),
        }

    # --- text ----------------------------------------------------------------------------------------

    def markup(self, text: str) -> str:
        """Paragraph markup for plain `text`: XML-escaped, fallback fonts around the characters the
        primary font lacks, line breaks kept. Raises MissingGlyph."""
        parts: list[str] = []
        for run in self.fonts.runs(text):
            chunk = escape(run.text).replace("\n", "<br/>")
            parts.append(chunk if run.font == self.fonts.primary_name
                         else f'<font face="{run.font}">{chunk}</font>')
        return "".join(parts)

    def para(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(self.markup(text), self.styles[style])

    # --- blocks --------------------------------------------------------------------------------------

    def add(self, *flowables: Flowable) -> None:
        self.story.extend(flowables)

    def heading(self, text: str) -> None:
        self.add(self.para(text, "title"))

    def subtitle(self, text: str) -> None:
        self.add(self.para(text, "subtitle"))

    def paragraph(self, text: str, style: str = "body") -> None:
        self.add(self.para(text, style))

    def spacer(self, height_factor: float = 1.0) -> None:
        self.add(Spacer(1, self.layout.body_size * height_factor))

    def page_break(self) -> None:
        self.add(PageBreak())

    def fields_table(self, rows: Sequence[tuple[str, str]], width: float | None = None) -> Table:
        """Label/value rows in a ruled table; labels shaded."""
        width = width or self.layout.frame_width
        label_width = min(width * 0.32, self.layout.body_size * 7.5)
        data = [[self.para(label), self.para(value)] for label, value in rows]
        table = Table(data, colWidths=[label_width, width - label_width])
        table.setStyle(self._grid_style(shade_first_column=True))
        return table

    def fields(self, rows: Sequence[tuple[str, str]]) -> None:
        self.add(self.fields_table(rows))

    def grid(self, header: Sequence[str], rows: Sequence[Sequence[str]], ratios: Sequence[float]) -> None:
        """A ruled table with a shaded header row; column widths in proportion to `ratios`."""
        total = sum(ratios)
        widths = [self.layout.frame_width * r / total for r in ratios]
        data = [[self.para(h) for h in header], *([self.para(c) for c in row] for row in rows)]
        table = Table(data, colWidths=widths, repeatRows=1)
        style = self._grid_style(shade_first_column=False)
        style.add("BACKGROUND", (0, 0), (-1, 0), SHADE)
        table.setStyle(style)
        self.add(table)

    def numbered(self, items: Sequence[str]) -> None:
        for i, item in enumerate(items, 1):
            self.add(self.para(f"{i}. {item}"))

    def qr(self, payload: str, size: float | None = None, level: str = "M") -> Flowable:
        """A QR code (error correction M: 15 % damage tolerated) with its 4-module quiet zone, `size`
        points square. ReportLab's flowable draws runs of modules straight onto the canvas; its graphics
        widget builds one shape per run and costs ~50 ms per code, most of a slip's budget."""
        side = size or self.layout.qr_size
        return QrCode(payload, width=side, height=side, qrLevel=level, qrBorder=4)

    def fields_with_qr(self, rows: Sequence[tuple[str, str]], payload: str, caption: str) -> None:
        """Label/value rows with a QR code and its caption beside them."""
        qr_col = self.layout.qr_size + self.layout.body_size
        left = self.fields_table(rows, self.layout.frame_width - qr_col)
        right = [self.qr(payload), self.para(caption, "caption")]
        outer = Table([[left, right]], colWidths=[self.layout.frame_width - qr_col, qr_col])
        outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (0, 0), self.layout.body_size * 0.5),
                                   ("RIGHTPADDING", (1, 0), (1, 0), 0),
                                   ("ALIGN", (1, 0), (1, 0), "CENTER")]))
        self.add(outer)

    def keep_together(self, flowables: list[Flowable]) -> None:
        self.add(KeepTogether(flowables))

    def _grid_style(self, *, shade_first_column: bool) -> TableStyle:
        pad = self.layout.body_size * 0.35
        style = TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ])
        if shade_first_column:
            style.add("BACKGROUND", (0, 0), (0, -1), SHADE)
        return style

    # --- output --------------------------------------------------------------------------------------

    def build(self) -> bytes:
        buffer = io.BytesIO()
        margin = self.layout.margin
        footer_room = self.layout.small_size * 2.2
        doc = SimpleDocTemplate(buffer, pagesize=self.layout.page_size, leftMargin=margin,
                                rightMargin=margin, topMargin=margin, bottomMargin=margin + footer_room,
                                title=self.title, author=self.author, subject=self.case_number,
                                creator="counter-app")
        self.fonts.require(self.footer)  # before ReportLab draws a page with it
        doc.build(list(self.story), onFirstPage=self._draw_footer, onLaterPages=self._draw_footer)
        return buffer.getvalue()

    def _draw_footer(self, canvas: Canvas, doc: SimpleDocTemplate) -> None:
        text = f"{self.footer}  第 {doc.page} 页"
        size = self.layout.small_size
        canvas.saveState()
        x = self.layout.margin
        y = self.layout.margin * 0.8
        for run in self.fonts.runs(text):
            canvas.setFont(run.font, size)
            canvas.drawString(x, y, run.text)
            x += canvas.stringWidth(run.text, run.font, size)
        canvas.restoreState()
