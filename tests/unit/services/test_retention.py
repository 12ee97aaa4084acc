"""Retention on a real encrypted store with real captured images and a fake clock: nothing goes before
the district confirmed it, images go once confirmed and decided, case data after collection plus the
grace period leaving a searchable masked index, every purge audited and the audit trail kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from counter_app.capture.demo_capture import capture_demo_materials
from counter_app.cli import main as cli_main
from counter_app.config import SETTINGS_FILE, Settings
from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.masking import mask_id_number, mask_name
from counter_app.domain.status import CaseStatus
from counter_app.services.retention import RetentionPolicy, RetentionService
from counter_app.store.audit import MIN_KEEP_DAYS
from counter_app.store.pickup import SIGNATURE_SLOT
from counter_app.store.retention import RetentionStore
from counter_app.store.tables import BlobRow, CaseMaterialRow, CaseRow, LicencePickupRow

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SAMPLE = load_sample_application()
NAME, ID_NUMBER = SAMPLE.operator.name, SAMPLE.operator.id_document.number


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    ctx = AppContext.open(tmp_path / "data", clerk="clerk-a", sync=False)
    yield ctx
    ctx.close()


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _service(context: AppContext, clock: Clock, grace_days: int = 30) -> RetentionService:
    assert context.cipher is not None
    return RetentionService(RetentionStore(context.database, context.cipher), context.blobs, context.audit,
                            RetentionPolicy(case_grace_days=grace_days), clock=clock)


def _case_with_images(context: AppContext) -> str:
    case_id = context.cases.new_case(SAMPLE).case_id
    capture_demo_materials(context, case_id)
    return case_id


def _hashes(context: AppContext, case_id: str) -> set[str]:
    with context.database.read() as session:
        return set(session.scalars(BlobRow.__table__.select().with_only_columns(BlobRow.sha256)
                                   .where(BlobRow.case_id == case_id)))


def _set(context: AppContext, case_id: str, status: CaseStatus, *, confirmed: bool) -> None:
    with context.database.write() as session:
        session.execute(update(CaseRow).where(CaseRow.case_id == case_id).values(status=status.value))
        session.execute(update(CaseMaterialRow).where(CaseMaterialRow.case_id == case_id).values(
            district_confirmed_at=T0 if confirmed else None))


def _collect(context: AppContext, case_id: str, at: datetime) -> str:
    signature = context.blobs.put(b"signature image bytes " + case_id.encode())
    with context.database.write() as session:
        session.execute(update(CaseRow).where(CaseRow.case_id == case_id)
                        .values(status=CaseStatus.COLLECTED.value))
        session.add(LicencePickupRow(case_id=case_id, licence_json="{}", arrived_at=at, collected_at=at,
                                     collected_by="clerk-a", signature_sha256=signature,
                                     code_hash="argon2-hash"))
        session.add(BlobRow(case_id=case_id, slot=SIGNATURE_SLOT, sha256=signature, size=10, created_at=at))
    return signature


def _files(context: AppContext, hashes: set[str]) -> set[str]:
    return {h for h in hashes if context.blobs.exists(h)}


def test_nothing_is_purged_before_the_district_confirmed_or_decided(context: AppContext,
                                                                    clock: Clock) -> None:
    unconfirmed = _case_with_images(context)
    undecided = _case_with_images(context)
    _set(context, unconfirmed, CaseStatus.APPROVED, confirmed=False)
    _set(context, undecided, CaseStatus.IN_REVIEW, confirmed=True)
    hashes = _hashes(context, unconfirmed) | _hashes(context, undecided)
    assert hashes and _files(context, hashes) == hashes
    clock.now = T0 + timedelta(days=1000)
    report = _service(context, clock).run()
    assert report.images_purged == [] and report.cases_purged == []
    assert _files(context, hashes) == hashes
    assert context.cases.open_case(unconfirmed).application.operator.name == NAME


def test_images_go_once_confirmed_and_decided_case_data_stays(context: AppContext, clock: Clock) -> None:
    case_id = _case_with_images(context)
    hashes = _hashes(context, case_id)
    _set(context, case_id, CaseStatus.APPROVED, confirmed=True)
    report = _service(context, clock).run()
    assert report.images_purged == [context.cases.open_case(case_id).case_number]
    assert _files(context, hashes) == set()  # off the disk, not just forgotten
    assert _hashes(context, case_id) == set()
    assert context.cases.open_case(case_id).application.operator.id_document.number == ID_NUMBER
    events = [e for e in context.audit.events(case_id=case_id) if e.action == "retention.images_purged"]
    assert len(events) == 1 and events[0].actor == "retention" and events[0].detail["files"] == len(hashes)
    assert _service(context, clock).run().images_purged == []  # once only


def test_a_file_shared_with_a_case_still_in_progress_is_kept(context: AppContext, clock: Clock) -> None:
    done = _case_with_images(context)
    busy = _case_with_images(context)
    shared = _hashes(context, done) & _hashes(context, busy)
    assert shared  # the demo's sample documents are the same bytes in both cases
    _set(context, done, CaseStatus.REFUSED, confirmed=True)
    _service(context, clock).run()
    assert _files(context, shared) == shared
    page = context.materials.list_materials(busy)[0]
    assert context.materials.open_image(page.material_id)


def test_case_data_goes_after_collection_plus_grace_keeping_a_masked_index(
        context: AppContext, clock: Clock, tmp_path: Path) -> None:
    case_id = _case_with_images(context)
    number = context.cases.open_case(case_id).case_number
    _set(context, case_id, CaseStatus.COLLECTED, confirmed=True)
    signature = _collect(context, case_id, T0)
    audit_before = [e.seq for e in context.audit.events()]

    clock.now = T0 + timedelta(days=29)
    report = _service(context, clock).run()
    assert report.cases_purged == [] and report.images_purged == [number]
    assert context.cases.open_case(case_id).application.operator.name == NAME
    assert context.blobs.exists(signature)

    clock.now = T0 + timedelta(days=31)
    report = _service(context, clock).run()
    assert report.cases_purged == [number]
    assert not context.blobs.exists(signature)

    # The masked index: found by number, by surname and by the ID's last four characters.
    for query in (number, NAME[0], ID_NUMBER[-4:]):
        found = context.cases.list_cases(query)
        assert [s.case_id for s in found] == [case_id], query
    summary = context.cases.list_cases(number)[0]
    assert summary.operator_name == mask_name(NAME) != NAME
    assert summary.id_number == mask_id_number(ID_NUMBER)
    assert summary.status is CaseStatus.COLLECTED
    assert context.cases.list_cases(NAME) == []  # the full name is gone
    record = context.cases.open_case(case_id)
    assert record.application.operator.mobile == "" and record.application.business_name == ""
    assert context.materials.list_materials(case_id) == []

    with context.database.read() as session:
        pickup = session.get(LicencePickupRow, case_id)
        assert pickup is not None and pickup.collected_at == T0 and pickup.code_hash is None
    # Every earlier audit record is still there, the chain intact, and the purge itself is in it.
    assert [e.seq for e in context.audit.events()][:len(audit_before)] == audit_before
    assert context.audit.verify().ok
    purged = [e for e in context.audit.events(case_id=case_id) if e.action == "retention.case_purged"]
    assert len(purged) == 1 and purged[0].detail["case_number"] == number

    context.database.close()
    raw = b"".join(p.read_bytes() for p in (tmp_path / "data").glob("counter.sqlite3*"))
    assert ID_NUMBER.encode() not in raw and NAME.encode() not in raw


def test_audit_records_younger_than_six_months_survive_any_setting(context: AppContext,
                                                                   clock: Clock) -> None:
    context.audit.record(actor="clerk-a", action="case.view", case_id="x")
    settings = Settings(extra={"retention": {"audit_keep_days": 7, "case_grace_days": -5}})
    policy = RetentionPolicy.from_settings(settings)
    assert policy.audit_keep_days == MIN_KEEP_DAYS and policy.case_grace_days == 0
    assert context.cipher is not None
    service = RetentionService(RetentionStore(context.database, context.cipher), context.blobs,
                               context.audit, policy, clock=lambda: datetime.now(UTC) + timedelta(days=182))
    assert service.run().audit_pruned == 0
    assert context.audit.events()[0].action == "case.view"


def test_policy_reads_settings_and_survives_nonsense() -> None:
    policy = RetentionPolicy.from_settings(Settings(extra={"retention": {"case_grace_days": 10,
                                                                          "closed_grace_days": "x"}}))
    assert policy.case_grace_days == 10 and policy.closed_grace_days == 180
    assert RetentionPolicy.from_settings(Settings(extra={"retention": []})) == RetentionPolicy()


def test_purge_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "cli"
    ctx = AppContext.open(data, clerk="clerk-a", sync=False)
    try:
        case_id = _case_with_images(ctx)
        _set(ctx, case_id, CaseStatus.REFUSED, confirmed=True)
        with ctx.database.write() as session:  # refused long ago: past the closed-case grace too
            session.execute(update(CaseRow).where(CaseRow.case_id == case_id)
                            .values(updated_at=datetime.now(UTC) - timedelta(days=400)))
        number = ctx.cases.open_case(case_id).case_number
    finally:
        ctx.close()
    assert (data / SETTINGS_FILE).exists()
    assert cli_main(["purge", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert number in out and "资料已清理" in out and NAME not in out
    conn = sqlite3.connect(data / "counter.sqlite3")
    assert conn.execute("SELECT count(*) FROM case_materials").fetchone() == (0,)
    conn.close()
