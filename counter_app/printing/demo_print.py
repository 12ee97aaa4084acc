"""What the headless demo (`counter-app demo`) calls for printing and the pickup desk: write the case's
documents as PDF files and walk a licence from arrival to handover, printing what a clerk would see.

Each write is a "save as PDF" in the audit log, exactly as from the desktop client.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from counter_app.domain.masking import mask_id_number
from counter_app.printing.data import LicenceInfo
from counter_app.printing.render import page_count
from counter_app.services.pickup import RATING_LABELS, PickupRequest
from counter_app.services.printing import DocumentNotAvailable, OutputAction, RenderedDocument

if TYPE_CHECKING:
    from counter_app.context import AppContext


def _save(context: AppContext, document: RenderedDocument, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / document.filename()
    path.write_bytes(document.pdf)
    context.printing.record_output(document, OutputAction.SAVE_PDF, target=path.name,
                                   pages=page_count(document.pdf))
    return path


def print_demo_documents(context: AppContext, case_id: str, out_dir: Path) -> list[str]:
    """Write the acceptance receipt, and the 容缺 notice when the case has deferred items; return one line
    per file for the demo's output."""
    lines = []
    receipt = context.printing.receipt(case_id)
    lines.append(f"受理回执 / receipt: {_save(context, receipt, out_dir)}")
    try:
        notice = context.printing.deferral_notice(case_id)
    except DocumentNotAvailable:
        lines.append("容缺受理通知书 / deferral notice: 无容缺材料，不需要 / no deferred items")
    else:
        lines.append(f"容缺受理通知书 / deferral notice (2 联): {_save(context, notice, out_dir)}")
    return lines


def demo_signature() -> bytes:
    """A signature as the pad would deliver it: dark strokes on white, PNG."""
    canvas = np.full((160, 480), 255, np.uint8)
    strokes = [np.array([[30, 110], [70, 40], [110, 120], [150, 50]], np.int32),
               np.array([[190, 60], [230, 120], [270, 50], [330, 115], [420, 70]], np.int32)]
    cv2.polylines(canvas, strokes, False, 0, 5, cv2.LINE_AA)
    ok, data = cv2.imencode(".png", canvas)
    if not ok:
        raise RuntimeError("PNG encoding failed")
    return bytes(data.tobytes())


def demo_pickup(context: AppContext, case_id: str, licence: LicenceInfo, out_dir: Path) -> list[str]:
    """Record the licence's arrival, write the pickup slip, record that the operator was phoned, then
    hand the licence over to the operator with the slip's code, a signature and a rating."""
    lines = []
    arrival = context.pickup.record_arrival(case_id, licence)
    lines.append(f"执照到达 / licence arrived: 领取期限 {arrival.pickup_due:%Y-%m-%d}")
    lines.append(f"领取通知单 / pickup slip: {_save(context, arrival.slip, out_dir)}")
    lines.append(f"领取码 / pickup code (仅印在通知单上 / printed only): {arrival.code}")
    context.pickup.record_notification(case_id, channel="phone", contact="operator", outcome="reached")
    lines.append("已记录电话通知经营者 / applicant notification recorded")
    operator = arrival.record.application.operator
    rating = 5
    result = context.pickup.hand_over(PickupRequest(
        case_id=case_id, code=arrival.code, id_number=operator.id_document.number,
        id_type=operator.id_document.doc_type, holder_confirmed=True, signature=demo_signature(),
        rating=rating))
    lines.append(f"已领取 / collected: {result.collected_at.astimezone():%Y-%m-%d %H:%M} 领取人证件 "
                 f"{mask_id_number(operator.id_document.number)}（本人）评价 {RATING_LABELS[rating]}")
    return lines
