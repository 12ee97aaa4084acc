"""Cases through the repository, on a real database file."""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from datetime import UTC, date, datetime

import pytest

from counter_app.domain.model import Application
from counter_app.domain.status import CaseStatus
from counter_app.security.crypto import DecryptionError, FieldCipher
from counter_app.store.db import Database
from counter_app.store.errors import StoreError, UnknownCase, WrongDataKey
from counter_app.store.repository import CaseRecord, CaseRepository, StaleWrite
from tests.support.applications import RARE_NAME, complete_application, new_record


def test_complete_application_round_trips(repo: CaseRepository, db: Database, cipher: FieldCipher) -> None:
    application = complete_application(name="𠮷䶮三")
    created = repo.create(new_record(repo, application))
    assert created.row_version == 1

    # A new repository on a new connection: nothing comes from memory.
    db.close()
    reopened = Database.open(db.path.parent)
    loaded = CaseRepository(reopened, cipher).get(created.case_id)
    reopened.close()
    assert loaded is not None
    assert loaded.application == application
    assert loaded.application.operator.name == "𠮷䶮三"
    assert loaded.application.family_members[0].name == RARE_NAME
    assert loaded.application.agent is not None and loaded.application.agent.powers.collect_licence
    assert (loaded.case_number, loaded.status, loaded.version, loaded.created_by) == (
        created.case_number, CaseStatus.DRAFT, 1, "clerk-01")
    assert loaded.created_at == created.created_at and loaded.created_at.tzinfo is not None


def test_get_by_number_and_unknown_cases(repo: CaseRepository) -> None:
    created = repo.create(new_record(repo))
    found = repo.get_by_number(created.case_number)
    assert found is not None and found.case_id == created.case_id
    assert repo.get_by_number("nope") is None
    assert repo.get(str(uuid.uuid4())) is None
    with pytest.raises(UnknownCase):
        repo.save_application(str(uuid.uuid4()), Application())
    with pytest.raises(UnknownCase):
        repo.set_status(str(uuid.uuid4()), CaseStatus.WITHDRAWN)


def test_save_and_set_status_bump_row_version(repo: CaseRepository) -> None:
    created = repo.create(new_record(repo))
    changed = complete_application()
    changed.operator.mobile = "13700000000"
    saved = repo.save_application(created.case_id, changed, expected_row_version=created.row_version)
    assert saved.row_version == 2 and saved.application.operator.mobile == "13700000000"
    assert saved.updated_at >= created.updated_at
    moved = repo.set_status(created.case_id, CaseStatus.PRE_REVIEWED, expected_row_version=2)
    assert moved.row_version == 3 and moved.status is CaseStatus.PRE_REVIEWED
    loaded = repo.get(created.case_id)
    assert loaded is not None and loaded.row_version == 3 and loaded.status is CaseStatus.PRE_REVIEWED
    assert loaded.application.operator.mobile == "13700000000"
    # Without an expected version the write always goes through, and still counts.
    assert repo.set_status(created.case_id, CaseStatus.DRAFT).row_version == 4


def test_stale_write_is_refused_and_changes_nothing(repo: CaseRepository) -> None:
    created = repo.create(new_record(repo))
    first = complete_application(name="李四")
    repo.save_application(created.case_id, first, expected_row_version=1)  # another window saved
    late = complete_application(name="王五")
    with pytest.raises(StaleWrite) as info:
        repo.save_application(created.case_id, late, expected_row_version=1)
    assert (info.value.expected, info.value.actual) == (1, 2)
    assert "别处" in info.value.message_zh
    with pytest.raises(StaleWrite):
        repo.set_status(created.case_id, CaseStatus.WITHDRAWN, expected_row_version=1)
    loaded = repo.get(created.case_id)
    assert loaded is not None
    assert loaded.application.operator.name == "李四" and loaded.status is CaseStatus.DRAFT


def test_case_numbers_count_per_township_and_day(repo: CaseRepository) -> None:
    day = date(2026, 12, 31)
    assert repo.next_case_number("510411", day) == "510411-20261231-0001"
    assert repo.next_case_number("510411", day) == "510411-20261231-0002"
    assert repo.next_case_number("510402", day) == "510402-20261231-0001"
    assert repo.next_case_number("510411", date(2027, 1, 1)) == "510411-20270101-0001"


def test_case_numbers_skip_numbers_already_in_use(repo: CaseRepository, db: Database) -> None:
    now = datetime.now(UTC)
    taken = CaseRecord(case_id=str(uuid.uuid4()), case_number="510411-20260105-0001", township_code="510411",
                       status=CaseStatus.DRAFT, version=1, application=Application(), created_at=now,
                       updated_at=now, created_by="clerk")
    repo.create(taken)  # e.g. restored from a backup, the counter never handed it out
    assert repo.next_case_number("510411", date(2026, 1, 5)) == "510411-20260105-0002"


def test_case_numbers_are_unique_under_concurrency(repo: CaseRepository) -> None:
    numbers: list[str] = []
    lock = threading.Lock()

    def take() -> None:
        for _ in range(15):
            number = repo.next_case_number("510411", date(2026, 1, 5))
            with lock:
                numbers.append(number)

    threads = [threading.Thread(target=take) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(numbers) == 45 and len(set(numbers)) == 45
    assert max(numbers) == "510411-20260105-0045"


def test_duplicate_case_number_is_a_clear_error(repo: CaseRepository) -> None:
    first = repo.create(new_record(repo))
    duplicate = new_record(repo)
    duplicate.case_number = first.case_number
    with pytest.raises(StoreError) as info:
        repo.create(duplicate)
    assert "重复" in info.value.message_zh


def test_list_summaries_newest_first_and_by_status(repo: CaseRepository) -> None:
    a = repo.create(new_record(repo, complete_application(name="甲一")))
    b = repo.create(new_record(repo, complete_application(name="乙二")))
    c = repo.create(new_record(repo, complete_application(name="丙三")))
    repo.save_application(a.case_id, complete_application(name="甲一"))  # a changed last
    repo.set_status(b.case_id, CaseStatus.PRE_REVIEWED)
    repo.save_application(a.case_id, complete_application(name="甲一"))
    summaries = repo.list_summaries()
    assert [s.case_id for s in summaries] == [a.case_id, b.case_id, c.case_id]
    assert summaries[0].operator_name == "甲一" and summaries[0].id_number == "11010519491231002X"
    assert summaries[0].business_name == "攀枝花市仁和区张三小吃店"
    assert [s.case_id for s in repo.list_summaries(status=CaseStatus.PRE_REVIEWED)] == [b.case_id]
    assert repo.list_summaries(status=CaseStatus.COLLECTED) == []


def test_ciphertext_moved_between_rows_or_fields_is_detected(repo: CaseRepository, db: Database) -> None:
    a = repo.create(new_record(repo, complete_application(name="甲一")))
    b = repo.create(new_record(repo, complete_application(name="乙二")))
    conn = sqlite3.connect(db.path)
    # Someone with file access puts case A's application into case B's row...
    conn.execute("UPDATE cases SET application_enc = (SELECT application_enc FROM cases WHERE case_id = ?) "
                 "WHERE case_id = ?", (a.case_id, b.case_id))
    # ...and swaps A's two encrypted columns.
    conn.execute("UPDATE cases SET summary_enc = application_enc, application_enc = summary_enc "
                 "WHERE case_id = ?", (a.case_id,))
    conn.commit()
    conn.close()
    with pytest.raises(DecryptionError):
        repo.get(b.case_id)
    with pytest.raises(DecryptionError):
        repo.get(a.case_id)
    with pytest.raises(DecryptionError):
        repo.list_summaries()


def test_tampered_ciphertext_is_detected(repo: CaseRepository, db: Database) -> None:
    case = repo.create(new_record(repo))
    conn = sqlite3.connect(db.path)
    (blob,) = conn.execute("SELECT application_enc FROM cases WHERE case_id = ?", (case.case_id,)).fetchone()
    tampered = bytearray(blob)
    tampered[len(tampered) // 2] ^= 0x20
    conn.execute("UPDATE cases SET application_enc = ? WHERE case_id = ?", (bytes(tampered), case.case_id))
    conn.commit()
    conn.close()
    with pytest.raises(DecryptionError):
        repo.get(case.case_id)


def test_wrong_data_key_stops_the_repository(repo: CaseRepository, db: Database) -> None:
    repo.create(new_record(repo))
    with pytest.raises(WrongDataKey) as info:
        CaseRepository(db, FieldCipher(os.urandom(32)))
    assert "密钥" in info.value.message_zh


def test_naive_datetimes_are_refused(repo: CaseRepository) -> None:
    record = new_record(repo)
    record.created_at = datetime(2026, 1, 5, 9, 0)
    with pytest.raises(ValueError, match="timezone"):
        repo.create(record)
