"""The materials service on a real encrypted store: capture, retake, delete, view, audit, checklist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from sqlalchemy import update

from counter_app.capture.autocapture import OverrideReasonMissing
from counter_app.capture.demo_capture import capture_demo_materials
from counter_app.capture.document import analyse_document
from counter_app.capture.face_detect import HaarFaceDetector
from counter_app.capture.images import load_image
from counter_app.capture.pipeline import make_portrait_capture
from counter_app.capture.portrait import PortraitAnalyzer
from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.materials import DocType
from counter_app.domain.status import CaseStatus
from counter_app.resource_paths import resource_path
from counter_app.services.materials import (
    CaptureClosed,
    MaterialService,
    OriginalPurged,
    PageOutOfRange,
    SlotNotInChecklist,
)
from counter_app.store.tables import CaseRow
from tests.unit.capture.portraits import portrait_frame

FORM = resource_path("capture", "documents", "a4_form.jpg")


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    ctx = AppContext.open(tmp_path / "data", clerk="clerk-a", sync=False)
    yield ctx
    ctx.close()


@pytest.fixture
def service(context: AppContext) -> MaterialService:
    return context.materials


@pytest.fixture
def case_id(context: AppContext) -> str:
    return context.cases.new_case(load_sample_application()).case_id


def _portrait(frame=None):  # type: ignore[no-untyped-def]
    frame = portrait_frame() if frame is None else frame
    report = PortraitAnalyzer(detector=HaarFaceDetector()).analyse(frame)
    return make_portrait_capture(frame, report, override_reason=None if report.passed else "测试")


def _blob_files(data_dir: Path) -> set[Path]:
    return {p for p in (data_dir / "blobs").rglob("*") if p.is_file()}


def test_portrait_is_stored_encrypted_and_audited(
    context: AppContext, service: MaterialService, case_id: str
) -> None:
    capture = _portrait()
    record = service.store_portrait(case_id, capture)
    assert (record.slot, record.page, record.kind, record.width, record.height) == (
        "portrait",
        0,
        "portrait",
        358,
        441,
    )
    assert record.size <= 40_000 and record.original_sha256 is not None
    files = _blob_files(context.data_dir)
    assert len(files) == 3
    main = service.open_image(record.material_id)
    assert main[:2] == b"\xff\xd8"
    for path in files:  # on disk only ciphertext: no JPEG marker, not the image bytes
        raw = path.read_bytes()
        assert not raw.startswith(b"\xff\xd8") and main[100:164] not in raw
    events = [e for e in context.audit.events(case_id=case_id) if e.action.startswith("material.")]
    assert [e.action for e in events] == ["material.capture", "material.view"]
    assert events[0].detail["slot"] == "portrait" and events[0].detail["override"] is False
    assert events[1].detail == {"slot": "portrait", "page": 0, "variant": "main"}


def test_manual_override_is_recorded(context: AppContext, service: MaterialService, case_id: str) -> None:
    capture = _portrait(cv2.GaussianBlur(portrait_frame(), (0, 0), 3))
    record = service.store_portrait(case_id, capture)
    assert record.override_reason == "测试"
    assert record.quality["sharpness"]["passed"] is False
    (event,) = [e for e in context.audit.events(case_id=case_id) if e.action == "material.capture"]
    assert event.detail["override"] is True and "sharpness" in event.detail["failed_checks"]
    assert "测试" not in str(event.detail)  # the reason stays with the material, not in the log


def test_retake_replaces_and_purges_the_old_files(
    context: AppContext, service: MaterialService, case_id: str
) -> None:
    service.store_portrait(case_id, _portrait())
    before = _blob_files(context.data_dir)
    second = service.store_portrait(case_id, _portrait(portrait_frame(cx=0.52, seed=9)))
    after = _blob_files(context.data_dir)
    assert len(after) == 3 and after != before
    assert [r.material_id for r in service.list_materials(case_id)] == [second.material_id]


def test_documents_multi_page_delete_and_checklist(
    context: AppContext, service: MaterialService, case_id: str
) -> None:
    photo = load_image(FORM)
    analysis = analyse_document(photo, DocType.A4)
    first = service.store_document(
        case_id, "application_form", analysis, photo, original_bytes=FORM.read_bytes()
    )
    second = service.store_document(case_id, "application_form", analysis, photo)
    assert (first.page, second.page) == (0, 1)
    assert second.sha256 == first.sha256  # the same page twice: one file, two references
    status = service.checklist_status(case_id)
    keys = {m.key for m in status.missing_required}
    assert "application_form" not in keys and {"portrait", "operator_id_front", "premises"} <= keys
    service.delete_page(case_id, "application_form", 0)
    (left,) = service.list_materials(case_id)
    assert left.page == 0 and left.material_id == second.material_id
    assert service.open_image(left.material_id, "thumb")[:2] == b"\xff\xd8"
    with pytest.raises(PageOutOfRange):
        service.store_document(case_id, "operator_id_front", analysis, photo, page=1)


def test_wrong_slot_and_failing_page_without_reason(service: MaterialService, case_id: str) -> None:
    photo = load_image(FORM)
    analysis = analyse_document(photo, DocType.A4)
    with pytest.raises(SlotNotInChecklist) as info:
        service.store_document(case_id, "agent_authorisation", analysis, photo)  # the sample has no agent
    assert "材料清单" in info.value.message_zh
    blurred = cv2.GaussianBlur(photo, (0, 0), 4)
    bad = analyse_document(blurred, DocType.A4)
    assert not bad.passed
    with pytest.raises(OverrideReasonMissing):
        service.store_document(case_id, "application_form", bad, blurred)
    stored = service.store_document(case_id, "application_form", bad, blurred, override_reason="原件污损")
    assert stored.override_reason == "原件污损"


def test_capture_closes_after_acceptance(context: AppContext, service: MaterialService, case_id: str) -> None:
    # The status is set directly: submitting is another service's business.
    with context.database.write() as session:
        session.execute(
            update(CaseRow).where(CaseRow.case_id == case_id).values(status=CaseStatus.SUBMITTED.value)
        )
    with pytest.raises(CaptureClosed) as info:
        service.store_portrait(case_id, _portrait())
    assert "不能再采集" in info.value.message_zh


def test_confirmation_purges_originals(context: AppContext, service: MaterialService, case_id: str) -> None:
    record = service.store_portrait(case_id, _portrait())
    assert service.confirm_received(case_id, {record.sha256}) == 1
    (page,) = service.list_materials(case_id)
    assert page.original_sha256 is None and page.district_confirmed_at is not None
    assert len(_blob_files(context.data_dir)) == 2
    with pytest.raises(OriginalPurged) as info:
        service.open_image(record.material_id, "original")
    assert "清除" in info.value.message_zh


def test_demo_capture_stores_every_required_material(context: AppContext, case_id: str) -> None:
    lines = capture_demo_materials(context, case_id)
    text = "\n".join(lines)
    assert "自动拍摄" in text and "必需材料齐全" in text
    assert "✗" not in text
    status = context.materials.checklist_status(case_id)
    assert not status.missing_required and status.acceptable_with_deferrals
    assert {m.key for m in status.missing_deferrable} == {
        "family_relationship_proof",
        "premises_landlord_title",
    }
