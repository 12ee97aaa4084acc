"""What the pickup desk refuses, each with a Chinese message and an audit entry: a wrong code (counted,
then locked for a while), a wrong ID number, an agent without power 4 or without the authorisation seen,
no eye check, no signature, a used or replaced code, and a second rating."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.domain.model import AgentPowers
from counter_app.domain.status import CaseStatus
from counter_app.printing.fonts import MissingGlyph
from counter_app.services.pickup import ArrivalResult
from counter_app.services.pickup_errors import (
    AgentWithoutPower,
    AuthorisationNotSeen,
    CodeFormat,
    HolderNotConfirmed,
    IdMismatch,
    InvalidRating,
    NotAwaitingPickup,
    PickupLocked,
    SignatureMissing,
    WrongCode,
)
from counter_app.store.pickup import AlreadyRated
from tests.support.applications import complete_application
from tests.unit.printing.helpers import LICENCE, Desk, bundled_fonts_only, signature_png
from tests.unit.services.test_pickup import AGENT_ID, request


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    opened = Desk.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def arrived(desk: Desk) -> ArrivalResult:
    record = desk.case(CaseStatus.LICENCE_DISPATCHED)
    return desk.pickup.record_arrival(record.case_id, LICENCE)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def refusals(desk: Desk, case_id: str) -> list[object]:
    return [e.detail["reason"] for e in desk.audit.events(case_id=case_id) if e.action == "pickup.refused"]


def test_a_wrong_code_is_refused_counted_and_logged(desk: Desk, arrived: ArrivalResult) -> None:
    case_id = arrived.record.case_id
    with pytest.raises(WrongCode) as caught:
        desk.pickup.hand_over(request(case_id, wrong(arrived.code)))
    assert "领取码不正确" in caught.value.message_zh and "再错 4 次" in caught.value.message_zh
    failed = [e for e in desk.audit.events(case_id=case_id) if e.action == "pickup.code_failed"]
    assert [e.detail for e in failed] == [{"attempt": 1, "locked": False}]
    assert refusals(desk, case_id) == ["wrong_code"]
    assert desk.repo.get(case_id).status is CaseStatus.ARRIVED  # type: ignore[union-attr]
    with pytest.raises(CodeFormat) as format_error:
        desk.pickup.verify_code(case_id, "12a456")
    assert "6位数字" in format_error.value.message_zh


def test_five_wrong_codes_lock_the_case_even_for_the_right_code(desk: Desk, arrived: ArrivalResult) -> None:
    case_id = arrived.record.case_id
    for _ in range(4):
        with pytest.raises(WrongCode):
            desk.pickup.verify_code(case_id, wrong(arrived.code))
    with pytest.raises(PickupLocked) as caught:
        desk.pickup.verify_code(case_id, wrong(arrived.code))
    assert "暂停领取" in caught.value.message_zh
    with pytest.raises(PickupLocked):
        desk.pickup.hand_over(request(case_id, arrived.code))  # right code, still locked
    desk.clock.advance(minutes=14)
    with pytest.raises(PickupLocked):
        desk.pickup.verify_code(case_id, arrived.code)
    desk.clock.advance(minutes=2)
    desk.pickup.verify_code(case_id, arrived.code)  # the lock has run out
    assert desk.pickup.hand_over(request(case_id, arrived.code)).record.status is CaseStatus.COLLECTED


def test_lock_settings_are_configurable(desk: Desk, arrived: ArrivalResult) -> None:
    desk.settings.extra["pickup"] = {"max_failures": 2, "lock_minutes": 60}
    case_id = arrived.record.case_id
    with pytest.raises(WrongCode):
        desk.pickup.verify_code(case_id, wrong(arrived.code))
    with pytest.raises(PickupLocked):
        desk.pickup.verify_code(case_id, wrong(arrived.code))
    desk.clock.advance(minutes=59)
    with pytest.raises(PickupLocked):
        desk.pickup.verify_code(case_id, arrived.code)


def test_a_right_code_resets_the_count(desk: Desk, arrived: ArrivalResult) -> None:
    case_id = arrived.record.case_id
    for _ in range(4):
        with pytest.raises(WrongCode):
            desk.pickup.verify_code(case_id, wrong(arrived.code))
    desk.pickup.verify_code(case_id, arrived.code)
    with pytest.raises(WrongCode) as caught:
        desk.pickup.verify_code(case_id, wrong(arrived.code))
    assert "再错 4 次" in caught.value.message_zh


def test_someone_elses_id_number_is_refused(desk: Desk, arrived: ArrivalResult) -> None:
    case_id = arrived.record.case_id
    with pytest.raises(IdMismatch) as caught:
        desk.pickup.hand_over(request(case_id, arrived.code, "110105194912310029"))
    assert "证件号码" in caught.value.message_zh and "不一致" in caught.value.message_zh
    assert refusals(desk, case_id) == ["id_mismatch"]
    events = desk.audit.events(case_id=case_id)
    assert all("110105194912310029" not in str(e.detail) for e in events)
    # The code was right and is still valid: the real operator can still collect.
    assert desk.pickup.hand_over(request(case_id, arrived.code)).record.status is CaseStatus.COLLECTED


def test_an_agent_without_power_4_is_refused(desk: Desk) -> None:
    application = complete_application()
    assert application.agent is not None
    application.agent.powers = AgentPowers(verify_copies=True, correct_forms=True, correct_documents=True,
                                           collect_licence=False)
    record = desk.case(CaseStatus.LICENCE_DISPATCHED, application)
    arrival = desk.pickup.record_arrival(record.case_id, LICENCE)
    with pytest.raises(AgentWithoutPower) as caught:
        desk.pickup.hand_over(request(record.case_id, arrival.code, AGENT_ID, authorisation_checked=True))
    assert "领取营业执照" in caught.value.message_zh
    assert refusals(desk, record.case_id) == ["agent_without_power"]


def test_an_agent_needs_the_authorisation_checked(desk: Desk, arrived: ArrivalResult) -> None:
    with pytest.raises(AuthorisationNotSeen) as caught:
        desk.pickup.hand_over(request(arrived.record.case_id, arrived.code, AGENT_ID))
    assert "授权委托书" in caught.value.message_zh


def test_a_case_without_an_agent_refuses_any_other_number(desk: Desk) -> None:
    application = complete_application()
    application.agent = None
    record = desk.case(CaseStatus.LICENCE_DISPATCHED, application)
    arrival = desk.pickup.record_arrival(record.case_id, LICENCE)
    with pytest.raises(IdMismatch):
        desk.pickup.hand_over(request(record.case_id, arrival.code, AGENT_ID, authorisation_checked=True))


def test_the_clerk_must_confirm_the_holder_and_take_a_signature(desk: Desk, arrived: ArrivalResult) -> None:
    case_id = arrived.record.case_id
    with pytest.raises(HolderNotConfirmed) as caught:
        desk.pickup.hand_over(request(case_id, arrived.code, holder_confirmed=False))
    assert "核对" in caught.value.message_zh
    for signature in (b"", b"not an image", signature_png(ink=False)):
        with pytest.raises(SignatureMissing) as missing:
            desk.pickup.hand_over(request(case_id, arrived.code, signature=signature))
        assert "签名" in missing.value.message_zh
    # b"not an image" is named for what it is (the image guard's message, counter_app.services.pickup).
    assert refusals(desk, case_id) == ["holder_not_confirmed", "signature_missing",
                                       "signature_image_unusable", "signature_missing"]


def test_a_code_works_once(desk: Desk, arrived: ArrivalResult) -> None:
    case_id = arrived.record.case_id
    desk.pickup.hand_over(request(case_id, arrived.code))
    with pytest.raises(NotAwaitingPickup) as caught:
        desk.pickup.hand_over(request(case_id, arrived.code))
    assert "已领取" in caught.value.message_zh
    with pytest.raises(NotAwaitingPickup):
        desk.pickup.verify_code(case_id, arrived.code)


def test_a_reissued_code_replaces_the_old_one(desk: Desk, arrived: ArrivalResult) -> None:
    case_id = arrived.record.case_id
    again = desk.pickup.reissue_code(case_id)
    assert again.pickup_due == arrived.pickup_due
    if again.code != arrived.code:  # one in a million: the same six digits again
        with pytest.raises(WrongCode):
            desk.pickup.verify_code(case_id, arrived.code)
    desk.pickup.verify_code(case_id, again.code)


def test_one_rating_per_case_from_one_to_five(desk: Desk, arrived: ArrivalResult) -> None:
    case_id = arrived.record.case_id
    for level in (0, 6, -1):
        with pytest.raises(InvalidRating):
            desk.pickup.record_rating(case_id, level)
    desk.pickup.record_rating(case_id, 4)
    with pytest.raises(AlreadyRated) as caught:
        desk.pickup.record_rating(case_id, 5)
    assert "只能评价一次" in caught.value.message_zh
    assert desk.pickup.rating(case_id) == 4


def test_the_service_checks_the_code_before_the_identity(desk: Desk, arrived: ArrivalResult) -> None:
    """A wrong code with a wrong ID still counts as a wrong code: guessing cannot skip the counter."""
    with pytest.raises(WrongCode):
        desk.pickup.hand_over(request(arrived.record.case_id, wrong(arrived.code), "110105194912310029",
                                      holder_confirmed=False, signature=b""))
    assert refusals(desk, arrived.record.case_id) == ["wrong_code"]


def test_a_name_that_cannot_be_printed_stops_the_arrival(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path / "bare", fonts=bundled_fonts_only)
    try:
        record = desk.case(CaseStatus.LICENCE_DISPATCHED, complete_application(name="王\U00030000"))
        with pytest.raises(MissingGlyph) as caught:
            desk.pickup.record_arrival(record.case_id, LICENCE)
        assert "U+30000" in caught.value.message_zh
        assert desk.repo.get(record.case_id).status is CaseStatus.LICENCE_DISPATCHED  # type: ignore[union-attr]
        assert desk.pickup.pickup(record.case_id) is None
    finally:
        desk.close()
