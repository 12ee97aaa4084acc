"""Readable names for audit action codes, and details shown without anything personal.

Audit details are written without personal data (counter_app.store.audit refuses ID and phone numbers),
but a few carry free text a person typed (a file name, a reason). The view shows only values that look
like codes, counts or dates and hides the rest, so nothing personal can appear on this screen.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

HIDDEN_KEYS = frozenset({"target", "reason", "note", "text", "override_reason"})
_CODE_LIKE = re.compile(r"^[A-Za-z0-9_.:\-/+]{0,64}$")


def action_label(code: str) -> str:
    """The action in the interface language; an unknown code is shown as it is."""
    labels = {
        "case.create": QCoreApplication.translate("AuditLabels", "Case created"),
        "case.view": QCoreApplication.translate("AuditLabels", "Case opened (personal data viewed)"),
        "case.edit": QCoreApplication.translate("AuditLabels", "Case edited"),
        "case.pre_review": QCoreApplication.translate("AuditLabels", "Pre-review"),
        "case.accept": QCoreApplication.translate("AuditLabels", "Case accepted"),
        "case.accept_with_deferrals": QCoreApplication.translate(
            "AuditLabels", "Case accepted with deferrals"),
        "case.submit": QCoreApplication.translate("AuditLabels", "Submitted to the district"),
        "case.resubmit": QCoreApplication.translate("AuditLabels", "Resubmitted after correction"),
        "case.sync_received": QCoreApplication.translate("AuditLabels", "District received the case"),
        "case.sync_delivered": QCoreApplication.translate("AuditLabels", "All images delivered"),
        "case.sync_refused": QCoreApplication.translate("AuditLabels", "District refused the submission"),
        "case.sync_retry": QCoreApplication.translate("AuditLabels", "Submission queued again"),
        "case.status_from_district": QCoreApplication.translate(
            "AuditLabels", "Status or decision received from the district"),
        "material.capture": QCoreApplication.translate("AuditLabels", "Image captured"),
        "material.delete": QCoreApplication.translate("AuditLabels", "Image deleted"),
        "material.view": QCoreApplication.translate("AuditLabels", "Image viewed"),
        "material.originals_purged": QCoreApplication.translate("AuditLabels", "Original images purged"),
        "document.preview": QCoreApplication.translate("AuditLabels", "Document previewed"),
        "document.print": QCoreApplication.translate("AuditLabels", "Document printed"),
        "document.save_pdf": QCoreApplication.translate("AuditLabels", "Document exported as PDF"),
        "pickup.lookup": QCoreApplication.translate("AuditLabels", "Pickup: case looked up"),
        "pickup.arrived": QCoreApplication.translate("AuditLabels", "Licence arrived"),
        "pickup.collected": QCoreApplication.translate("AuditLabels", "Licence handed over"),
        "pickup.refused": QCoreApplication.translate("AuditLabels", "Handover refused"),
        "pickup.code_failed": QCoreApplication.translate("AuditLabels", "Wrong pickup code"),
        "retention.images_purged": QCoreApplication.translate("AuditLabels", "Retention: images purged"),
        "retention.case_purged": QCoreApplication.translate(
            "AuditLabels", "Retention: case data purged (masked index kept)"),
        "retention.audit_pruned": QCoreApplication.translate(
            "AuditLabels", "Retention: expired audit records removed"),
        "audit.verify": QCoreApplication.translate("AuditLabels", "Audit trail verified"),
        "audit.export": QCoreApplication.translate("AuditLabels", "Audit trail exported"),
        "signin.online": QCoreApplication.translate("AuditLabels", "Signed in (online)"),
        "signin.offline": QCoreApplication.translate("AuditLabels", "Signed in (offline)"),
        "signin.refused": QCoreApplication.translate("AuditLabels", "Sign-in refused"),
    }
    return labels.get(code, code)


def safe_detail(detail: dict[str, object]) -> str:
    """`key=value` pairs of the detail; free text and anything not code-like is hidden."""
    parts: list[str] = []
    for key in sorted(detail):
        value = detail[key]
        if key in HIDDEN_KEYS:
            shown = QCoreApplication.translate("AuditLabels", "(hidden)")
        elif isinstance(value, bool | int | float) or value is None:
            shown = str(value)
        elif isinstance(value, str) and _CODE_LIKE.fullmatch(value):
            shown = value
        elif isinstance(value, list) and all(isinstance(v, str) and _CODE_LIKE.fullmatch(v) for v in value):
            shown = ",".join(str(v) for v in value)
        else:
            shown = QCoreApplication.translate("AuditLabels", "(hidden)")
        parts.append(f"{key}={shown}")
    return "  ".join(parts)
