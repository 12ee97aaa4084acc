"""The capture part of `counter-app demo`: the portrait from the simulated camera through the quality gate
and auto-capture, and every required document from the bundled sample photos through detection and
rectification, all stored through the materials service. Returns printable lines (the demo prints them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from counter_app.capture.autocapture import AutoCapture
from counter_app.capture.document import analyse_document
from counter_app.capture.errors import CaptureError
from counter_app.capture.images import load_image
from counter_app.capture.pipeline import make_portrait_capture
from counter_app.capture.portrait import PortraitAnalyzer
from counter_app.capture.sources import SimulatedCamera
from counter_app.domain.materials import PREMISES_GROUP, DocType, MaterialKind, MaterialSlot, PremisesProof
from counter_app.resource_paths import resource_path
from counter_app.services.materials import MaterialService

if TYPE_CHECKING:  # the context imports capture; at run time the demo only receives one
    from counter_app.context import AppContext

SAMPLE_DOCUMENTS = ("capture", "documents")
# Which bundled photo stands in for each kind of page.
_SAMPLES: dict[DocType, str] = {
    DocType.A4: "a4_form.jpg",
    DocType.CERTIFICATE_A4: "a4_certificate.jpg",
    DocType.CERTIFICATE_A3: "a4_certificate.jpg",
    DocType.BOOKLET: "a4_certificate.jpg",
    DocType.OTHER: "a4_form.jpg",
}
DEMO_PREMISES = PremisesProof.LEASE  # the demo rents its shop; the landlord's title is left to 容缺
MAX_FRAMES = 60


def capture_demo_materials(context: AppContext, case_id: str, *,
                           include_deferrable: bool = False) -> list[str]:
    """Capture and store the case's portrait and required documents; one line per result and check.
    Raises CaptureError when a sample cannot be captured (the demo then fails visibly)."""
    service = context.materials
    lines = _capture_portrait(service, case_id)
    for slot in _required_document_slots(service.checklist(case_id), include_deferrable):
        lines += _capture_document(service, case_id, slot)
    status = service.checklist_status(case_id)
    missing = [m.label_zh for m in status.missing_required]
    deferred = [m.label_zh for m in status.missing_deferrable]
    lines.append(f"材料清单 / checklist: 必需材料{'齐全' if not missing else '缺少：' + '、'.join(missing)}"
                 f" / required {'complete' if not missing else 'MISSING'}")
    if deferred:
        lines.append(f"    可容缺待补 / deferrable, still to supply: {'、'.join(deferred)}")
    return lines


def _capture_portrait(service: MaterialService, case_id: str) -> list[str]:
    analyzer = PortraitAnalyzer()
    auto = AutoCapture(analyzer.config)
    with SimulatedCamera() as camera:
        for index in range(MAX_FRAMES):
            frame = camera.read()
            if frame is None:
                break
            report = analyzer.analyse(frame)
            status = auto.update(report)
            if status.should_capture:
                capture = make_portrait_capture(frame, report)
                record = service.store_portrait(case_id, capture)
                lines = [f"人像 / portrait: 第 {index + 1} 帧自动拍摄（连续 {status.needed} 帧合格）"
                         f" / auto-captured at frame {index + 1}"]
                lines += [f"    {check.line()}" for check in report.checks]
                lines.append(f"    证件照 / ID photo {record.width}×{record.height},"
                             f" {record.size / 1024:.1f} KB")
                return lines
    raise CaptureError("模拟摄像头的样例画面未能通过人像质量检查",
                       "The sample frames never passed the portrait gate")


def _required_document_slots(checklist: list[MaterialSlot], include_deferrable: bool) -> list[MaterialSlot]:
    slots = []
    for slot in checklist:
        wanted = slot.required or (include_deferrable and slot.deferrable)
        if slot.kind is not MaterialKind.DOCUMENT or not wanted:
            continue
        if slot.group != PREMISES_GROUP or slot.alternative == DEMO_PREMISES:
            slots.append(slot)
    return slots


def _sample_for(slot: MaterialSlot) -> str:
    if slot.doc_type is DocType.ID_CARD:
        return "id_back.jpg" if slot.key.endswith("_back") else "id_front.jpg"
    return _SAMPLES[slot.doc_type]


def _capture_document(service: MaterialService, case_id: str, slot: MaterialSlot) -> list[str]:
    path = resource_path(*SAMPLE_DOCUMENTS, _sample_for(slot))
    data = path.read_bytes()
    photo = load_image(path)
    analysis = analyse_document(photo, slot.doc_type)
    record = service.store_document(case_id, slot.key, analysis, photo, original_bytes=data,
                                    override_reason=None if analysis.passed else "演示样例 / demo sample")
    method = analysis.quad.method if analysis.quad else "-"
    colour = "彩色 colour" if record.quality.get("colour") else "灰度 grayscale"
    lines = [f"{slot.label_zh} / {slot.label_en}: 检测 {method}, 矫正为 {record.width}×{record.height},"
             f" {colour}, {record.size / 1024:.0f} KB"]
    lines += [f"    {check.line()}" for check in analysis.checks]
    return lines

