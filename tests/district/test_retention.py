"""District retention on SQLite and PostgreSQL: images of a decided case go after the configured days,
not before, not while another open case shares the bytes; the purge is audited; the CLI runs it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from counter_app.cli import main as cli_main
from counter_app.district import audit
from counter_app.district.retention import purge_blobs
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.settings import DistrictSettings
from counter_app.district.tables import CaseRow
from counter_app.security.audit_chain import verify_export
from tests.district.helpers import Api, Auth, blob_bytes, sha, submission


def _submit(api: Api, clerk: Auth, blobs: list[bytes], number: str) -> str:
    for data in blobs:
        api.upload(clerk, data)
    sub = submission(blobs=blobs, number=number)
    assert api.submit(clerk, sub).status_code == 201
    return sub.case_id


def _age(runtime: DistrictRuntime, case_id: str, status: str, days: int) -> None:
    with runtime.db.write() as session:
        session.execute(update(CaseRow).where(CaseRow.case_id == case_id).values(
            status=status, updated_at=datetime.now(UTC) - timedelta(days=days)))


def test_images_of_decided_cases_go_after_the_retention_days(api: Api, clerk_a: Auth,
                                                            runtime: DistrictRuntime) -> None:
    shared = blob_bytes(20_000, 1)
    own, fresh_own, open_own = blob_bytes(20_000, 2), blob_bytes(20_000, 3), blob_bytes(20_000, 4)
    old = _submit(api, clerk_a, [own, shared], "RH-OLD")
    fresh = _submit(api, clerk_a, [fresh_own], "RH-FRESH")
    still_open = _submit(api, clerk_a, [open_own, shared], "RH-OPEN")
    _age(runtime, old, "licence_dispatched", 200)
    _age(runtime, fresh, "refused", 10)
    _age(runtime, still_open, "in_review", 200)

    report = purge_blobs(runtime.db, runtime.blobs, 180)
    assert report.cases == ["RH-OLD"] and report.files_deleted == 1
    objects = runtime.blobs.objects
    assert not objects.exists(sha(own))
    assert objects.exists(sha(shared)) and objects.exists(sha(fresh_own)) and objects.exists(sha(open_own))
    assert api.head(clerk_a, sha(own)).offset == 0  # the server says honestly it no longer has it

    _age(runtime, still_open, "refused", 200)  # now every case using the shared bytes is done
    report = purge_blobs(runtime.db, runtime.blobs, 180)
    assert report.cases == ["RH-OPEN"] and not objects.exists(sha(shared))
    assert purge_blobs(runtime.db, runtime.blobs, 180).cases == []  # once only
    with runtime.db.read() as session:
        purged = [r for r in audit.events_since(session) if r["action"] == "blobs_purged"]
        assert {r["case_id"] for r in purged} == {old, still_open}
        assert {r["actor"] for r in purged} == {"retention"}
        assert audit.verify(session).ok


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_purge_command(settings: DistrictSettings, runtime: DistrictRuntime, api: Api, clerk_a: Auth,
                       tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = blob_bytes(10_000, 9)
    case_id = _submit(api, clerk_a, [data], "RH-CLI")
    _age(runtime, case_id, "refused", 40)
    args = ["--data-dir", str(tmp_path / "cli"), "district", "purge", "--district-dir",
            str(settings.blob_dir.parent), "--database-url", settings.database_url]
    assert cli_main([*args, "--days", "60"]) == 0
    assert runtime.blobs.objects.exists(sha(data))
    assert cli_main([*args, "--days", "30"]) == 0
    assert "1 cases purged" in capsys.readouterr().out
    assert not runtime.blobs.objects.exists(sha(data))

    out = tmp_path / "district-audit.jsonl"
    assert cli_main([*args[:3], "audit-export", *args[4:], "--out", str(out)]) == 0
    assert verify_export(out.read_text(encoding="utf-8").splitlines()).ok
    assert cli_main([*args[:3], "audit-verify", *args[4:]]) == 0
    assert "审计记录链完整" in capsys.readouterr().out
