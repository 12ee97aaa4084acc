"""Hostile images at the pickup desk: the slip image the clerk opens to find a case and the signature
(pad PNG or a photo of the signed slip) pass through the image guard. A decompression bomb, a cut-off
file and a non-image are refused with a Chinese message, quickly, and nothing is handed over."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from counter_app.capture.errors import CaptureError
from counter_app.domain.status import CaseStatus
from counter_app.services.pickup import ArrivalResult
from counter_app.services.pickup_errors import SignatureImageUnusable, SignatureMissing
from tests.unit.capture.test_image_guard_properties import jpeg_declaring, png_bomb
from tests.unit.printing.helpers import LICENCE, Desk, render, signature_png
from tests.unit.services.test_pickup import request


# Bombs are named as too large, everything else as unreadable (counter_app.capture.image_guard).
def expected_zh(kind: str) -> str:
    return "图片分辨率过大" if kind.endswith("bomb") else "无法读取该图片"


PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def hostile_images() -> dict[str, bytes]:
    good = signature_png()
    return {"png_bomb": png_bomb(100_000, 100_000), "jpeg_bomb": jpeg_declaring(60_000, 60_000),
            "truncated_png": good[: len(good) // 2], "pdf": PDF, "text": "签名".encode() * 40,
            "empty_header": b"\x89PNG\r\n\x1a\n"}


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def arrived(desk: Desk) -> ArrivalResult:
    return desk.pickup.record_arrival(desk.case(CaseStatus.LICENCE_DISPATCHED).case_id, LICENCE)


def test_a_scanned_slip_file_finds_its_case(desk: Desk, arrived: ArrivalResult, tmp_path: Path) -> None:
    scan = tmp_path / "领取单扫描.png"  # non-ASCII path, as on a Chinese Windows desktop
    ok, data = cv2.imencode(".png", render(arrived.slip.pdf, dpi=150)[0])
    assert ok
    scan.write_bytes(bytes(data))
    found = desk.pickup.find_case_in_image_file(scan)
    assert found is not None and found.case_id == arrived.record.case_id


@pytest.mark.parametrize("kind", sorted(hostile_images()))
def test_a_hostile_slip_file_is_refused_in_chinese(desk: Desk, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.png"
    path.write_bytes(hostile_images()[kind])
    started = time.perf_counter()
    with pytest.raises(CaptureError) as refused:
        desk.pickup.find_case_in_image_file(path)
    assert time.perf_counter() - started < 2.0  # refused from the header, nothing decoded
    assert refused.value.message_zh.startswith(expected_zh(kind)), refused.value.message_zh


def test_a_folder_or_device_is_not_a_slip(desk: Desk, tmp_path: Path) -> None:
    for path in (tmp_path, Path("/dev/zero")):
        with pytest.raises(CaptureError) as refused:
            desk.pickup.find_case_in_image_file(path)
        assert refused.value.message_zh


@pytest.mark.parametrize("kind", sorted(hostile_images()))
def test_a_hostile_signature_is_refused_and_nothing_handed_over(desk: Desk, arrived: ArrivalResult,
                                                                 kind: str) -> None:
    case_id = arrived.record.case_id
    started = time.perf_counter()
    with pytest.raises(SignatureImageUnusable) as refused:
        desk.pickup.hand_over(request(case_id, arrived.code, signature=hostile_images()[kind]))
    assert time.perf_counter() - started < 5.0
    message = refused.value.message_zh
    assert message.startswith("签名照片无法使用：" + expected_zh(kind)), message
    assert desk.repo.get(case_id).status is CaseStatus.ARRIVED  # type: ignore[union-attr]
    reasons = [e.detail["reason"] for e in desk.audit.events(case_id=case_id) if e.action == "pickup.refused"]
    assert reasons == ["signature_image_unusable"]


def test_a_real_signature_photo_still_works_and_a_blank_one_is_missing(desk: Desk,
                                                                       arrived: ArrivalResult) -> None:
    case_id = arrived.record.case_id
    with pytest.raises(SignatureMissing):
        desk.pickup.hand_over(request(case_id, arrived.code, signature=signature_png(ink=False)))
    decoded = cv2.imdecode(np.frombuffer(signature_png(), np.uint8), cv2.IMREAD_COLOR)
    assert decoded is not None
    ok, photo = cv2.imencode(".jpg", decoded)
    assert ok
    result = desk.pickup.hand_over(request(case_id, arrived.code, signature=bytes(photo)))
    assert result.record.status is CaseStatus.COLLECTED
