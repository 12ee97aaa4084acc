"""A real district service (embedded, seeded demo data, SQLite in a temp folder) and cases submitted to
it the way a counter does: real JPEG images uploaded as blobs (thumbnail and full), then the case.

Shared by the core tests (tests/unit/review) and the GUI tests (tests/ui/review).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import cv2
import httpx
import numpy as np

from counter_app.demo import load_sample_application
from counter_app.district.embedded import EmbeddedDistrict, start_embedded
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD, DEMO_TOWNSHIP_A
from counter_app.district.settings import DistrictSettings
from counter_app.review.connection import DEMO_DISTRICT_CODE, ReviewConnection
from counter_app.sync import protocol as p

DATA = Path(__file__).resolve().parents[2] / "data"


class DictTokenStore:
    """A TokenStore in memory (the keyring's role); `entries` lets a test look at what was stored."""

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.entries.get(name)

    def set(self, name: str, value: str) -> None:
        self.entries[name] = value

    def delete(self, name: str) -> None:
        self.entries.pop(name, None)


def jpeg(name: str, max_side: int) -> bytes:
    """A real photo from tests/data, shrunk so its long side is `max_side`, as JPEG bytes."""
    image = cv2.imread(str(DATA / name))
    assert image is not None, name
    h, w = image.shape[:2]
    factor = max_side / max(h, w)
    image = cv2.resize(image, (max(1, round(w * factor)), max(1, round(h * factor))),
                       interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", np.ascontiguousarray(image), [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    return bytes(buf.tobytes())


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# slot, kind, doc_type, source image
PAGES = (("portrait", "portrait", "portrait", "astronaut.jpg"),
         ("operator_id_front", "document", "id_card", "camera.jpg"),
         ("operator_id_back", "document", "id_card", "text.png"),
         ("application_form", "document", "a4", "page.png"))


@dataclass
class Counter:
    """A township clerk's authenticated HTTP client (what the counter's outbox does, step by step)."""

    http: httpx.Client
    headers: dict[str, str]

    def upload(self, data: bytes) -> None:
        digest = sha(data)
        response = self.http.put(p.blob_path(digest), content=data, headers={
            **self.headers, p.HEADER_CONTENT_RANGE: p.content_range(0, len(data) - 1, len(data)),
            "Content-Type": p.BLOB_CONTENT_TYPE})
        assert response.status_code == 200, response.text
        assert response.json()["complete"]

    def submit(self, *, number: str, full_images: bool = True, deferred: tuple[str, ...] = (),
               application: dict[str, Any] | None = None, case_id: str | None = None,
               version: int = 1, materials: list[p.MaterialRef] | None = None,
               extra: tuple[p.MaterialRef, ...] = ()) -> p.CaseSubmission:
        """Upload thumbnails (always) and full images (when `full_images`), then submit the case."""
        if materials is None:
            materials = []
            for slot, kind, doc_type, source in PAGES:
                full, thumb = jpeg(source, 1200), jpeg(source, 160)
                self.upload(thumb)
                if full_images:
                    self.upload(full)
                materials.append(p.MaterialRef(slot=slot, page=0, kind=kind, doc_type=doc_type,
                                               sha256=sha(full), thumb_sha256=sha(thumb), size=len(full),
                                               mime="image/jpeg"))
        materials = [*materials, *extra]
        sub = p.CaseSubmission(
            case_id=case_id or str(uuid.uuid4()), version=version, case_number=number,
            township_code=DEMO_TOWNSHIP_A, submitted_at=datetime.now(UTC),
            status="accepted_with_deferrals" if deferred else "accepted",
            application=application or load_sample_application().to_dict(), materials=materials,
            deferred=[p.DeferredItem(slot=s, delivery="counter", due_date=date(2026, 12, 31))
                      for s in deferred])
        response = self.http.put(p.case_version_path(sub.case_id, sub.version),
                                 content=sub.model_dump_json(), headers={
                                     **self.headers, "Content-Type": "application/json"})
        assert response.status_code == 201, response.text
        return sub

    def upload_full_images(self) -> None:
        for _slot, _kind, _doc, source in PAGES:
            self.upload(jpeg(source, 1200))

    def supply_deferred(self, case_id: str, slot: str) -> None:
        data = jpeg("page.png", 800)
        self.upload(data)
        response = self.http.post(f"/v1/cases/{case_id}/deferred/{slot}", headers=self.headers,
                                  json={"sha256": sha(data)})
        assert response.status_code == 200, response.text


@dataclass
class ReviewDistrict:
    district: EmbeddedDistrict
    opened: list[Any] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return self.district.base_url

    def counter(self) -> Counter:
        http = httpx.Client(base_url=self.base_url, timeout=30)
        self.opened.append(http)
        device = http.post(p.PATH_DEVICES, json={"registration_code": DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A],
                                                 "township_code": DEMO_TOWNSHIP_A,
                                                 "counter_name": "1号窗口"}).json()
        session = http.post(p.PATH_SESSIONS, json={"username": "demo-clerk", "password": DEMO_PASSWORD},
                            headers={p.HEADER_DEVICE_TOKEN: device["device_token"]}).json()
        return Counter(http, {p.HEADER_DEVICE_TOKEN: device["device_token"],
                              p.HEADER_AUTHORIZATION: f"Bearer {session['session_token']}"})

    def reviewer(self, username: str = "demo-reviewer") -> ReviewConnection:
        connection = ReviewConnection(self.base_url, DictTokenStore())
        self.opened.append(connection)
        connection.register(DEMO_DISTRICT_CODE)
        connection.sign_in(username, DEMO_PASSWORD)
        return connection

    def close(self) -> None:
        for item in self.opened:
            item.close()
        self.district.shutdown()


def start_review_district(tmp: Path) -> ReviewDistrict:
    settings = DistrictSettings.for_data_dir(tmp / "district", argon2_time_cost=1, argon2_memory_kib=1024)
    return ReviewDistrict(start_embedded(tmp, settings=settings))
