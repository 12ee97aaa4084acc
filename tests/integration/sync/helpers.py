"""Counters and a district for the sync tests: real SQLite stores, a real district service over HTTP,
accepted cases with real (small) JPEG images as their materials."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import uvicorn

from counter_app.config import SETTINGS_FILE, Mode, Settings
from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.district.app import create_app
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.runtime import build_runtime
from counter_app.district.seed import DEMO_TOWNSHIP_A, DEMO_TOWNSHIPS, seed_demo
from counter_app.district.settings import DistrictSettings
from counter_app.domain.status import CaseStatus, Role, check_transition
from counter_app.security.crypto import FieldCipher
from counter_app.security.keystore import load_data_key
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.db import Database
from counter_app.store.repository import CaseRepository
from counter_app.store.tables import BlobRow, CaseMaterialRow
from counter_app.sync.config import SyncConfig
from counter_app.sync.service import SyncService
from counter_app.sync.wiring import open_sync

# Quick retries and short time-outs: a fault run must not spend minutes in backoff.
FAST = SyncConfig(backoff_base=0.02, backoff_cap=0.3, io_timeout=2.0, connect_timeout=1.0,
                  poll_interval=0.5, progress_interval=0.05)


def start_district(root: Path, *, port: int = 0, **overrides: Any) -> EmbeddedDistrict:
    """The district service with the demo seed, in a thread on 127.0.0.1 (`port` 0: any free one).

    Like `start_embedded`, but its socket is made with IPPROTO_TCP: asyncio sets TCP_NODELAY only on
    sockets created that way, and without it every answer waits ~40 ms for a delayed ACK, which would
    make the timing assertions and the benchmark measure Nagle instead of the outbox."""
    settings = DistrictSettings.for_data_dir(root, argon2_time_cost=1, argon2_memory_kib=1024, **overrides)
    runtime = build_runtime(settings)
    seed_demo(runtime)
    app = create_app(settings, runtime=runtime)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                                           timeout_graceful_shutdown=2))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="test-district",
                              daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the district service did not start"
        time.sleep(0.01)
    return EmbeddedDistrict(base_url=f"http://127.0.0.1:{sock.getsockname()[1]}", settings=settings,
                            server=server, thread=thread)


def write_settings(data_dir: Path, district_url: str, *, township: str = DEMO_TOWNSHIP_A,
                   counter_code: str = "01", sync: dict[str, Any] | None = None,
                   mode: Mode = Mode.DEMO) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(mode=mode, district_url=district_url, township_code=township,
                        township_name=DEMO_TOWNSHIPS.get(township, "仁和镇"), counter_code=counter_code)
    if sync:
        settings.extra["sync"] = sync
    settings.save(data_dir / SETTINGS_FILE)


@dataclass
class Counter:
    """One counter PC: its AppContext (no background worker) and a SyncService driven by the test."""

    context: AppContext
    sync: SyncService
    repository: CaseRepository

    def close(self) -> None:
        self.sync.close()
        self.context.close()


def open_counter(data_dir: Path, district_url: str, *, township: str = DEMO_TOWNSHIP_A,
                 config: SyncConfig = FAST, counter_code: str = "01", mode: Mode = Mode.DEMO) -> Counter:
    write_settings(data_dir, district_url, township=township, counter_code=counter_code, mode=mode)
    context = AppContext.open(data_dir, sync=False)
    service = open_sync(data_dir, context.settings, outbox=context.outbox, blobs=context.blobs,
                        audit=context.audit, startup_delay=0.0, config=config)
    context.submissions.set_notify(service.wake)
    cipher = FieldCipher(load_data_key(data_dir, demo_mode=mode is Mode.DEMO).key)
    return Counter(context, service, CaseRepository(context.database, cipher))


def jpeg(rng: np.random.Generator, width: int, height: int, quality: int = 85) -> bytes:
    """A real JPEG with photo-like content (smooth gradients plus noise), so it compresses like a photo."""
    y, x = np.mgrid[0:height, 0:width]
    base = (np.sin(x / (7 + rng.integers(0, 20))) * 60 + np.cos(y / (5 + rng.integers(0, 20))) * 60 + 128)
    noise = rng.normal(0, 25, (height, width, 3))
    image = np.clip(base[..., None] + noise, 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return bytes(encoded)


def accepted_case(counter: Counter, images: list[bytes], thumbs: list[bytes] | None = None) -> str:
    """A valid case (the demo sample), pre-reviewed and accepted, with one material page per image."""
    context = counter.context
    record = context.cases.new_case(load_sample_application())
    review = context.cases.pre_review(record.case_id)
    assert review.passed, [i.code for i in review.errors]
    check_transition(CaseStatus.PRE_REVIEWED, CaseStatus.ACCEPTED, Role.CLERK)
    counter.repository.set_status(record.case_id, CaseStatus.ACCEPTED)
    add_materials(context.database, context.blobs, record.case_id, images, thumbs)
    return record.case_id


def add_materials(database: Database, blobs: EncryptedBlobStore, case_id: str, images: list[bytes],
                  thumbs: list[bytes] | None = None) -> None:
    """Captured pages as the capture step stores them: encrypted blobs, a case_materials row each, and
    the blob index rows (their sizes are what a submission reads for the thumbnails)."""
    now = datetime.now(UTC)
    if thumbs is None:
        thumbs = [image[: max(1, len(image) // 20)] + b"thumb" for image in images]
    with database.write() as session:
        for page, (image, thumb) in enumerate(zip(images, thumbs, strict=True)):
            sha, thumb_sha = blobs.put(image), blobs.put(thumb)
            slot = "portrait" if page == 0 else "documents"
            session.add(CaseMaterialRow(
                material_id=str(uuid.uuid4()), case_id=case_id, slot=slot, page=page, kind="document",
                sha256=sha, thumb_sha256=thumb_sha, original_sha256=None, mime="image/jpeg", width=1,
                height=1, size=len(image), doc_type="a4", quality_json="{}", captured_at=now,
                captured_by="clerk"))
            session.merge(BlobRow(case_id=case_id, slot=f"{slot}:{page}", sha256=sha, size=len(image),
                                  created_at=now))
            session.merge(BlobRow(case_id=case_id, slot=f"{slot}:{page}:thumb", sha256=thumb_sha,
                                  size=len(thumb), created_at=now))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def settings_json(data_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    return data
