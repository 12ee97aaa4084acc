"""The correction part of `counter-app demo`: a returned case is corrected at the counter the way a clerk
would — each field item changed with the applicant, each document item photographed again — and sent as
the next version. Also the later capture of a 容缺 item. Returns printable lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from counter_app.capture.demo_capture import SAMPLE_DOCUMENTS
from counter_app.capture.document import analyse_document
from counter_app.capture.images import Image, load_image
from counter_app.domain.materials import DocType, MaterialSlot
from counter_app.errors import UserFacingError
from counter_app.resource_paths import resource_path
from counter_app.store.materials import MaterialRecord

if TYPE_CHECKING:
    from counter_app.context import AppContext

DEMO_CORRECTED_MOBILE = "13982345678"


class DemoCorrectionFailed(UserFacingError):
    pass


def _slot(context: AppContext, case_id: str, slot_key: str) -> MaterialSlot:
    slot = next((s for s in context.materials.checklist(case_id) if s.key == slot_key), None)
    if slot is None:
        raise DemoCorrectionFailed(f"材料清单中没有“{slot_key}”", f"{slot_key} is not on the checklist")
    return slot


def _sample_name(slot: MaterialSlot) -> str:
    if slot.doc_type is DocType.ID_CARD:
        return "id_back.jpg" if slot.key.endswith("_back") else "id_front.jpg"
    return "a4_form.jpg" if slot.doc_type in (DocType.A4, DocType.OTHER) else "a4_certificate.jpg"


def capture_again(context: AppContext, case_id: str, slot_key: str, *, page: int | None = 0,
                  brightness: int = 12) -> MaterialRecord:
    """Photograph a document slot from the bundled sample: page n retakes it, None adds a page."""
    slot = _slot(context, case_id, slot_key)
    path = resource_path(*SAMPLE_DOCUMENTS, _sample_name(slot))
    # A new photograph of the same paper is never the same bytes: the lighting differs a little.
    photo: Image = np.clip(load_image(path).astype(np.int16) + brightness, 0, 255).astype(np.uint8)
    analysis = analyse_document(photo, slot.doc_type)
    return context.materials.store_document(
        case_id, slot_key, analysis, photo, page=page, original_bytes=path.read_bytes(),
        override_reason=None if analysis.passed else "演示样例 / demo sample")


def correct_demo_case(context: AppContext, case_id: str) -> list[str]:
    """Deal with every item of the district's return: change the fields, retake the documents."""
    returned = context.corrections.returned(case_id)
    if returned is None:
        raise DemoCorrectionFailed("案件没有处于退回补正状态", "The case is not returned for correction")
    lines = [f"区级退回第{returned.version}版，共{len(returned.items)}项 / version {returned.version} "
             f"returned with {len(returned.items)} item(s)"]
    for item in returned.items:
        lines.append(f"  {item.target} {item.path}: {item.phrase_zh}（{item.text}）")
    record = context.cases.open_case(case_id)
    application = record.application
    for item in returned.items:
        if item.target == "field" and item.path == "operator.mobile":
            application.operator.mobile = DEMO_CORRECTED_MOBILE
    context.cases.save_draft(case_id, application, expected_row_version=record.row_version)
    for item in returned.items:
        if item.target == "document":
            capture_again(context, case_id, item.path)
    after = context.corrections.returned(case_id)
    assert after is not None
    done = [i for i in after.items if i.done]
    lines.append(f"已处理 / dealt with: {len(done)}/{len(after.items)}")
    for item in after.open_items:  # a phrase the demo cannot fix by editing: the clerk ticks it
        context.corrections.tick(case_id, item.index)
    return lines
