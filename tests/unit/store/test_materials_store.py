"""The case_materials table and its blob references, on a real SQLite database; the 0002 migration."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from counter_app.security.crypto import FieldCipher
from counter_app.store.db import Database
from counter_app.store.materials import MaterialRecord, MaterialRepository, PageAlreadyCaptured, blob_slot
from counter_app.store.migrate import MIGRATIONS_DIR
from counter_app.store.repository import CaseRepository
from counter_app.store.tables import BlobRow, CaseRow
from tests.support.applications import new_record


def record(
    case_id: str,
    slot: str = "application_form",
    page: int = 0,
    *,
    main: str = "a",
    original: str | None = "c",
) -> MaterialRecord:
    return MaterialRecord(
        material_id=str(uuid.uuid4()),
        case_id=case_id,
        slot=slot,
        page=page,
        kind="document",
        sha256=main * 64,
        thumb_sha256=("b" + main) * 32,
        original_sha256=None if original is None else original * 64,
        mime="image/jpeg",
        width=1654,
        height=2339,
        size=180_000,
        doc_type="a4",
        quality={"page_sharpness": {"passed": True, "score": 57.1}},
        override_reason=None,
        captured_at=datetime.now(UTC),
        captured_by="clerk-01",
    )


@pytest.fixture
def case_id(repo: CaseRepository) -> str:
    return repo.create(new_record(repo)).case_id


def blob_rows(db: Database, case_id: str) -> list[tuple[str, str]]:
    with db.read() as session:
        return sorted(
            (row.slot, row.sha256)
            for row in session.scalars(select(BlobRow).where(BlobRow.case_id == case_id))
        )


def test_add_list_and_blob_references(db: Database, case_id: str) -> None:
    materials = MaterialRepository(db)
    first = record(case_id)
    assert materials.add(first) == []
    stored = materials.list_for_case(case_id)
    assert stored == [first]
    assert materials.page_counts(case_id) == {"application_form": 1}
    assert blob_rows(db, case_id) == sorted(
        [
            (blob_slot(first, "main"), "a" * 64),
            (blob_slot(first, "thumb"), "ba" * 32),
            (blob_slot(first, "original"), "c" * 64),
        ]
    )
    with pytest.raises(PageAlreadyCaptured) as info:
        materials.add(record(case_id, main="d"))
    assert "重拍" in info.value.message_zh


def test_retake_replaces_the_page_and_reports_unreferenced_files(db: Database, case_id: str) -> None:
    materials = MaterialRepository(db)
    materials.add(record(case_id, main="a", original="c"))
    orphans = materials.add(record(case_id, main="d", original="c"), replace=True)
    assert orphans == sorted(["a" * 64, "ba" * 32])  # the shared original stays referenced
    assert [r.sha256 for r in materials.list_for_case(case_id)] == ["d" * 64]


def test_deleting_a_page_renumbers_the_rest(db: Database, case_id: str) -> None:
    materials = MaterialRepository(db)
    for page, main in enumerate("ade"):
        materials.add(record(case_id, page=page, main=main, original=None))
    orphans = materials.delete_page(case_id, "application_form", 0)
    assert orphans == sorted(["a" * 64, "ba" * 32])
    assert [(r.page, r.sha256[0]) for r in materials.list_for_case(case_id)] == [(0, "d"), (1, "e")]


def test_identical_bytes_in_two_cases_are_kept_until_both_are_gone(
    db: Database, repo: CaseRepository
) -> None:
    materials = MaterialRepository(db)
    one, two = (repo.create(new_record(repo)).case_id for _ in range(2))
    materials.add(record(one))
    materials.add(record(two))
    assert materials.delete_page(one, "application_form", 0) == []
    assert materials.is_referenced("a" * 64)
    assert sorted(materials.delete_page(two, "application_form", 0)) == sorted(
        ["a" * 64, "ba" * 32, "c" * 64]
    )


def test_confirmation_then_purging_the_originals(db: Database, case_id: str) -> None:
    materials = MaterialRepository(db)
    materials.add(record(case_id))
    assert materials.mark_confirmed(case_id, {"a" * 64}) == 1
    assert materials.purge_confirmed_originals(case_id) == ["c" * 64]
    (page,) = materials.list_for_case(case_id)
    assert page.original_sha256 is None and page.district_confirmed_at is not None
    assert all(sha != "c" * 64 for _, sha in blob_rows(db, case_id))


def test_deleting_the_case_removes_its_materials(db: Database, case_id: str) -> None:
    materials = MaterialRepository(db)
    materials.add(record(case_id))
    with db.write() as session:
        session.delete(session.get(CaseRow, case_id))
    assert materials.list_for_case(case_id) == []
    assert blob_rows(db, case_id) == []


def test_upgrade_from_0001_keeps_cases_and_adds_the_materials_table(
    data_dir: Path, tmp_path: Path, cipher: FieldCipher
) -> None:
    only_first = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, only_first, ignore=shutil.ignore_patterns("__pycache__"))
    for path in (only_first / "versions").glob("0*.py"):
        if not path.name.startswith("0001"):
            path.unlink()
    old = Database.open(data_dir, script_location=only_first)
    case = CaseRepository(old, cipher).create(new_record(CaseRepository(old, cipher)))
    old.close()
    conn = sqlite3.connect(data_dir / "counter.sqlite3")
    assert "case_materials" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()

    upgraded = Database.open(data_dir)  # every revision up to head, 0002 among them
    try:
        with upgraded.read() as session:
            columns = [row[1] for row in session.execute(text("PRAGMA table_info(case_materials)"))]
        assert {"material_id", "slot", "page", "sha256", "original_sha256", "district_confirmed_at"} <= set(
            columns
        )
        assert CaseRepository(upgraded, cipher).get(case.case_id) is not None
        MaterialRepository(upgraded).add(record(case.case_id))
    finally:
        upgraded.close()
