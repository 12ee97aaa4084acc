"""The pickup desk's happy paths on a real store: arrival with a one-time code (only its hash stored) and
the slip, notification, finding the case by typing or scanning, the handover by the operator or an
authorised agent, the rating, and the overdue list."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.domain.model import IdDocType
from counter_app.domain.status import CaseStatus
from counter_app.services.pickup import Collector, PickupRequest, licence_from_feed
from counter_app.services.pickup_errors import CaseNumberNotFound, LicenceInfoMissing, NotAwaitingPickup
from counter_app.store.tables import BlobRow
from tests.support.applications import OPERATOR_ID, OPERATOR_NAME, complete_application
from tests.unit.printing.helpers import LICENCE, Desk, pdf_text, render, signature_png

AGENT_ID = "440524188001010014"  # the agent of complete_application, with power 4


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path / "data")
    yield opened
    opened.close()


def request(case_id: str, code: str, id_number: str = OPERATOR_ID, **changes: object) -> PickupRequest:
    values: dict[str, object] = dict(case_id=case_id, code=code, id_number=id_number,
                                     id_type=IdDocType.RESIDENT_ID, holder_confirmed=True,
                                     signature=signature_png())
    values.update(changes)
    return PickupRequest(**values)  # type: ignore[arg-type]


def test_arrival_issues_a_code_stores_only_its_hash_and_prints_the_slip(desk: Desk) -> None:
    record = desk.case(CaseStatus.LICENCE_DISPATCHED)
    arrival = desk.pickup.record_arrival(record.case_id, LICENCE)
    assert arrival.record.status is CaseStatus.ARRIVED
    assert len(arrival.code) == 6 and arrival.code.isdigit()
    stored = desk.pickup.pickup(record.case_id)
    assert stored is not None and stored.code_hash is not None
    assert stored.code_hash.startswith("$argon2id$") and arrival.code not in stored.code_hash
    assert stored.pickup_due == arrival.pickup_due
    assert (arrival.pickup_due - desk.clock().date()).days == 60
    text = pdf_text(arrival.slip.pdf)
    assert f"{arrival.code[:3]} {arrival.code[3:]}" in text and LICENCE.uscc in text
    assert OPERATOR_NAME in text and OPERATOR_ID not in text
    desk.db.close()
    conn = sqlite3.connect(desk.db.path)
    row = conn.execute("SELECT * FROM licence_pickups").fetchone()
    conn.close()
    assert arrival.code not in repr(row)
    actions = [e.action for e in desk.audit.events(case_id=record.case_id)]
    assert "pickup.arrived" in actions
    assert all(arrival.code not in str(e.detail) for e in desk.audit.events())


def test_arrival_needs_the_licence_facts(desk: Desk) -> None:
    record = desk.case(CaseStatus.LICENCE_DISPATCHED)
    with pytest.raises(LicenceInfoMissing) as caught:
        desk.pickup.record_arrival(record.case_id)
    assert "统一社会信用代码" in caught.value.message_zh
    desk.pickup.set_licence_lookup(lambda case_id: LICENCE)
    assert desk.pickup.record_arrival(record.case_id).record.status is CaseStatus.ARRIVED


def test_licence_facts_from_the_change_feed() -> None:
    class Entry:
        def __init__(self, kind: str, data: dict[str, object]) -> None:
            self.kind, self.data = kind, data

    entries = [Entry("status", {}), Entry("decision", {"uscc": LICENCE.uscc, "authority": LICENCE.authority,
                                                       "approval_date": "2026-11-30"}),
               Entry("dispatch", {"carrier": "EMS", "tracking_number": "9", "duplicate_copies": 2})]
    licence = licence_from_feed(entries)
    assert licence is not None and licence.uscc == LICENCE.uscc and licence.duplicate_copies == 2
    assert licence.carrier == "EMS" and str(licence.approval_date) == "2026-11-30"
    assert licence_from_feed([Entry("status", {})]) is None


def test_arrival_only_for_a_dispatched_licence(desk: Desk) -> None:
    record = desk.case(CaseStatus.IN_REVIEW)
    with pytest.raises(NotAwaitingPickup) as caught:
        desk.pickup.record_arrival(record.case_id, LICENCE)
    assert "审核中" in caught.value.message_zh


def test_operator_collects_with_code_signature_and_rating(desk: Desk) -> None:
    record = desk.case(CaseStatus.LICENCE_DISPATCHED)
    arrival = desk.pickup.record_arrival(record.case_id, LICENCE)
    desk.pickup.record_notification(record.case_id, channel="phone", contact="operator", outcome="reached")
    desk.pickup.verify_code(record.case_id, f" {arrival.code[:3]} {arrival.code[3:]} ")
    signature = signature_png()
    result = desk.pickup.hand_over(request(record.case_id, arrival.code, "11010519491231002x",
                                           signature=signature, rating=5))
    assert result.collector is Collector.OPERATOR and result.record.status is CaseStatus.COLLECTED
    stored = desk.pickup.pickup(record.case_id)
    assert stored is not None
    assert stored.code_hash is None  # the code is invalidated with the handover
    assert (stored.collected_by, stored.collector_role, stored.collector_id_type) == (
        "clerk-a", "operator", "resident_id")
    assert stored.signature_sha256 is not None and desk.blobs.get(stored.signature_sha256) == signature
    with desk.db.read() as session:
        assert session.get(BlobRow, (record.case_id, "pickup_signature", stored.signature_sha256))
    assert desk.pickup.rating(record.case_id) == 5
    events = desk.audit.events(case_id=record.case_id)
    actions = [e.action for e in events]
    assert {"pickup.notified", "pickup.collected", "pickup.rated"} <= set(actions)
    assert all(OPERATOR_ID not in str(e.detail) and arrival.code not in str(e.detail) for e in events)


def test_an_agent_with_power_4_collects_after_the_authorisation_is_checked(desk: Desk) -> None:
    record = desk.case(CaseStatus.LICENCE_DISPATCHED)
    arrival = desk.pickup.record_arrival(record.case_id, LICENCE)
    assert "赵六" in pdf_text(arrival.slip.pdf)  # the slip names who may collect
    result = desk.pickup.hand_over(request(record.case_id, arrival.code, AGENT_ID,
                                           authorisation_checked=True))
    assert result.collector is Collector.AGENT


def test_find_the_case_by_typing_or_scanning_the_slip(desk: Desk) -> None:
    record = desk.case(CaseStatus.LICENCE_DISPATCHED)
    arrival = desk.pickup.record_arrival(record.case_id, LICENCE)
    assert desk.pickup.find_case(f"  {record.case_number} ").case_id == record.case_id
    assert desk.pickup.find_case(f"https://x.example/hcp?case={record.case_number}").case_id == record.case_id
    frame = render(arrival.slip.pdf, dpi=150)[0]  # as a camera or scanner would see the slip
    found = desk.pickup.find_case_in_frame(frame)
    assert found is not None and found.case_id == record.case_id
    blank = frame.copy()
    blank[:] = 255
    assert desk.pickup.find_case_in_frame(blank) is None
    with pytest.raises(CaseNumberNotFound) as caught:
        desk.pickup.find_case("510411001-01-20990101-9999")
    assert "找不到案件编号" in caught.value.message_zh
    assert "pickup.lookup" in [e.action for e in desk.audit.events(case_id=record.case_id)]


def test_uncollected_licences_go_overdue(desk: Desk) -> None:
    early = desk.case(CaseStatus.LICENCE_DISPATCHED)
    desk.pickup.record_arrival(early.case_id, LICENCE)
    desk.clock.advance(days=30)
    late = desk.case(CaseStatus.LICENCE_DISPATCHED, complete_application(name="欧阳娜娜"))
    desk.pickup.record_arrival(late.case_id, LICENCE)
    assert [a.overdue for a in desk.pickup.awaiting()] == [False, False]
    desk.clock.advance(days=31)  # 61 days after the first arrival, 31 after the second
    listed = desk.pickup.awaiting()
    assert [(a.case_id, a.overdue) for a in listed] == [(early.case_id, True), (late.case_id, False)]
    assert listed[1].operator_masked == "欧阳**" and listed[0].operator_masked == "张*"
    assert [a.case_id for a in desk.pickup.awaiting(overdue_only=True)] == [early.case_id]


def test_overdue_period_is_configurable(desk: Desk) -> None:
    desk.settings.extra["pickup"] = {"pickup_days": 7, "max_failures": 3, "lock_minutes": 5}
    record = desk.case(CaseStatus.LICENCE_DISPATCHED)
    arrival = desk.pickup.record_arrival(record.case_id, LICENCE)
    assert (arrival.pickup_due - desk.clock().date()).days == 7
    desk.clock.advance(days=8)
    assert [a.case_id for a in desk.pickup.awaiting(overdue_only=True)] == [record.case_id]
