"""容缺受理 (acceptance with deferred materials), domain.md §6, as pure rules.

Only when the basic conditions hold (no validation errors, every never-deferrable material present) and
only items on the published deferrable list are missing. The applicant names, for each missing item, how
it will be supplied and by when; no deadline may lie beyond the committed processing date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from counter_app.domain.findings import error
from counter_app.domain.issues import Issue
from counter_app.domain.materials import ChecklistStatus
from counter_app.domain.model import DeliveryMethod

DELIVERY_LABELS: dict[DeliveryMethod, tuple[str, str]] = {
    DeliveryMethod.COUNTER: ("窗口补交", "At the counter"),
    DeliveryMethod.POST: ("邮寄补交", "By post"),
    DeliveryMethod.ONLINE: ("网上补交", "Online"),
}


@dataclass(frozen=True)
class DeferralRequest:
    """The applicant's commitment for one missing deferrable item."""

    item_key: str  # MissingItem.key of the checklist status
    delivery: DeliveryMethod
    due_date: dt.date


@dataclass(frozen=True)
class DeferredMaterial:
    """A deferred item as accepted: what, how, by when (labels are document names, no personal data)."""

    item_key: str
    label_zh: str
    label_en: str
    delivery: DeliveryMethod
    due_date: dt.date


def check_deferrals(status: ChecklistStatus, requests: Sequence[DeferralRequest], *, today: dt.date,
                    committed_due: dt.date, commitment_signed: bool) -> list[Issue]:
    """Everything that stops acceptance, in one list. Empty means the case may be accepted — plainly when
    nothing is missing, under 容缺 when `requests` cover exactly the missing deferrable items."""
    issues = [error(f"materials.{m.key}", "acceptance.material_missing",
                    f"缺少不可容缺的材料：{m.label_zh}，不能受理",
                    f"Missing material that cannot be deferred: {m.label_en}; the case cannot be accepted")
              for m in status.missing_required]
    missing = {m.key: m for m in status.missing_deferrable}
    requested = {r.item_key: r for r in requests}
    for key, item in missing.items():
        if key not in requested:
            issues.append(error(f"materials.{key}", "acceptance.deferral_not_chosen",
                                f"缺少材料：{item.label_zh}。请补齐，或经申请人同意后办理容缺受理并约定补交期限",
                                f"Missing material: {item.label_en}. Supply it, or accept under 容缺 with "
                                "the applicant's commitment and a due date"))
    for key, request in requested.items():
        path = f"materials.{key}"
        if key not in missing:
            issues.append(error(path, "acceptance.not_deferrable",
                                "该材料不在缺少的可容缺材料之列，不能办理容缺",
                                "This item is not a missing deferrable material and cannot be deferred"))
            continue
        if request.due_date < today:
            issues.append(error(path, "acceptance.due_in_past", "补交期限不能早于今天",
                                "The due date cannot be in the past"))
        elif request.due_date > committed_due:
            issues.append(error(path, "acceptance.due_after_committed",
                                f"补交期限不能晚于承诺办结日期（{committed_due:%Y年%m月%d日}）",
                                f"The due date cannot be later than the committed decision date "
                                f"({committed_due:%Y-%m-%d})"))
    if requested and not commitment_signed:
        issues.append(error("deferral.commitment", "acceptance.commitment_unsigned",
                            "容缺受理须由申请人签署《容缺受理承诺书》",
                            "The applicant must sign the 容缺 commitment letter"))
    return issues


def deferred_materials(status: ChecklistStatus,
                       requests: Sequence[DeferralRequest]) -> list[DeferredMaterial]:
    labels = {m.key: m for m in status.missing_deferrable}
    return [DeferredMaterial(r.item_key, labels[r.item_key].label_zh, labels[r.item_key].label_en,
                             r.delivery, r.due_date)
            for r in requests if r.item_key in labels]
