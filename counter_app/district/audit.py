"""The district's audit trail: every sign-in, submission, case read, image download and decision."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from counter_app.district.principal import Principal
from counter_app.district.tables import AuditRow


def record(session: Session, principal: Principal | None, action: str, *, case_id: str | None = None,
           detail: str = "", actor: str | None = None) -> None:
    """Add an audit row in the caller's transaction. `detail` holds ids and codes only."""
    session.add(AuditRow(at=datetime.now(UTC), actor=actor or (principal.username if principal else "-"),
                         role=principal.role.value if principal else "-",
                         device_id=principal.device_id if principal else None, action=action,
                         case_id=case_id, detail=detail))
