"""The audit log: events recorded and read back, and personal data kept out."""

from __future__ import annotations

import pytest

from counter_app.store.audit import AuditLog, PersonalDataInAudit
from counter_app.store.db import Database


def test_events_are_recorded_in_order_and_filtered_by_case(db: Database) -> None:
    log = AuditLog(db)
    log.record(actor="clerk-01", action="case.create", case_id="case-a",
               detail={"case_number": "510411-20260105-0001", "passed": True, "codes": ["id.checksum"]})
    log.record(actor="clerk-01", action="case.view", case_id="case-b")
    log.record(actor="admin", action="settings.change", case_id=None, detail={"key": "township_code"})
    events = AuditLog(db).events()
    assert [e.action for e in events] == ["case.create", "case.view", "settings.change"]
    assert events[0].detail == {"case_number": "510411-20260105-0001", "passed": True,
                                "codes": ["id.checksum"]}
    assert events[1].detail == {} and events[2].case_id is None
    assert events[0].at.tzinfo is not None and events[0].at <= events[2].at
    assert [e.action for e in log.events(case_id="case-b")] == ["case.view"]


@pytest.mark.parametrize("detail", [
    {"id": "11010519491231002X"}, {"note": "phone 13800138000"}, {"old_id": "110105491231002"},
    {"nested": {"list": ["x", "440524188001010014"]}},
])
def test_id_and_phone_numbers_are_refused(db: Database, detail: dict[str, object]) -> None:
    log = AuditLog(db)
    with pytest.raises(PersonalDataInAudit):
        log.record(actor="clerk-01", action="case.edit", case_id="case-a", detail=detail)
    assert log.events() == []


def test_ids_hashes_and_case_numbers_are_not_mistaken_for_personal_data(db: Database) -> None:
    log = AuditLog(db)
    detail: dict[str, object] = {"case_id": "0f8b1c2e-1234-4a5b-9c3d-138001380001",
                                 "sha256": "13800138000" + "a" * 53, "case_number": "510411-20260105-0001",
                                 "count": 12, "at": "20260105T093000123456Z"}
    log.record(actor="clerk-01", action="blob.put", case_id="case-a", detail=detail)
    assert log.events()[0].detail == detail
