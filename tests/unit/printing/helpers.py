"""Shared test helpers for printing and the pickup desk: a real store with the services on it, a clock the
test moves, and ways to read generated PDFs back (text, fonts, rendered pages, QR codes)."""

from __future__ import annotations

import io
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from pypdf import PdfReader

from counter_app.config import Settings
from counter_app.domain.model import Application
from counter_app.domain.status import CaseStatus
from counter_app.printing.data import LicenceInfo
from counter_app.printing.fonts import BUNDLED_FALLBACK_FILES, PRIMARY_FONT_FILE, FontSet, default_fonts
from counter_app.printing.qr_scan import decode_all
from counter_app.resource_paths import resource_path
from counter_app.security.crypto import FieldCipher
from counter_app.services.pickup import PickupService
from counter_app.services.printing import PrintingService
from counter_app.store.audit import AuditLog
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.db import Database
from counter_app.store.pickup import PickupRepository
from counter_app.store.repository import CaseRecord, CaseRepository
from tests.support.applications import complete_application

LICENCE = LicenceInfo(uscc="92330782MA2H7K3C6Q", authority="攀枝花市仁和区市场监督管理局",
                      approval_date=date(2026, 11, 30), original_copies=1, duplicate_copies=2,
                      carrier="EMS", tracking_number="1234567890")
CLERK = "clerk-a"


def bundled_fonts_only() -> FontSet:
    """The app's own fonts and no system fonts: what a bare machine has."""
    return FontSet(resource_path("fonts", PRIMARY_FONT_FILE),
                   [resource_path("fonts", BUNDLED_FALLBACK_FILES[0])], system_dirs=[])


class Clock:
    def __init__(self) -> None:
        self.value = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.value

    def advance(self, **kwargs: float) -> None:
        self.value += timedelta(**kwargs)


@dataclass
class Desk:
    data_dir: Path
    db: Database
    repo: CaseRepository
    audit: AuditLog
    blobs: EncryptedBlobStore
    pickups: PickupRepository
    printing: PrintingService
    pickup: PickupService
    settings: Settings
    clock: Clock

    @classmethod
    def open(cls, data_dir: Path, settings: Settings | None = None, *,
             fonts: Callable[[], FontSet] = default_fonts) -> Desk:
        settings = settings or Settings()
        cipher = FieldCipher(os.urandom(32))
        db = Database.open(data_dir)
        repo = CaseRepository(db, cipher)
        audit = AuditLog(db)
        blobs = EncryptedBlobStore(data_dir / "blobs", cipher)
        pickups = PickupRepository(db)
        clock = Clock()
        printing = PrintingService(repo, audit, settings, clerk=CLERK, now=clock, fonts=fonts)
        pickup = PickupService(repo, pickups, audit, blobs, printing, settings, clerk=CLERK, now=clock)
        return cls(data_dir, db, repo, audit, blobs, pickups, printing, pickup, settings, clock)

    def case(self, status: CaseStatus, application: Application | None = None) -> CaseRecord:
        """A case put straight into `status` (the district's steps are not on this counter)."""
        now = datetime.now(UTC)
        record = CaseRecord(case_id=str(uuid.uuid4()),
                            case_number=self.repo.next_case_number("510411001-01", now.date()),
                            township_code="510411001", status=status, version=1,
                            application=application or complete_application(), created_at=now,
                            updated_at=now, created_by=CLERK)
        return self.repo.create(record)

    def close(self) -> None:
        self.db.close()


# --- PDFs ------------------------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def page_sizes_mm(pdf: bytes) -> list[tuple[int, int]]:
    sizes = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        box = page.mediabox
        sizes.append((round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)))
    return sizes


def embedded_fonts(pdf: bytes) -> set[str]:
    """BaseFont names of every font with an embedded font file (subset prefix stripped)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return names


def render(pdf: bytes, dpi: int = 200) -> list[np.ndarray]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [np.ascontiguousarray(page.render(scale=dpi / 72).to_numpy()[:, :, :3])
                for page in document]
    finally:
        document.close()


def qr_payloads(image: np.ndarray) -> list[str]:
    """Every QR code OpenCV decodes in the image (the app's own reader, which asks both detectors)."""
    return decode_all(image)


_ID_LIKE = re.compile(r"[0-9Xx*]{15,18}")


def visible_id_characters(text: str) -> list[int]:
    """For every ID-number-like run in `text`, how many characters are not masked."""
    return [sum(ch != "*" for ch in run) for run in _ID_LIKE.findall(text)]


def signature_png(ink: bool = True) -> bytes:
    canvas = np.full((200, 600), 255, np.uint8)
    if ink:
        points = np.array([[40, 150], [120, 60], [200, 140], [280, 50], [360, 150], [480, 70]], np.int32)
        cv2.polylines(canvas, [points], False, 0, 4)
    ok, data = cv2.imencode(".png", canvas)
    assert ok
    return data.tobytes()
