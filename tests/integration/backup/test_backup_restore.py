"""Backup while the counter runs, then the PC "dies": its keyring is gone. A newly registered PC with a
fresh keyring signs in as a clerk of the township, fetches the escrowed key and restores; the cases, the
images and the unsynced outbox come back, decrypt, and sync."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import keyring
import pytest

from counter_app.backup.create import BackupProgress
from counter_app.backup.errors import BackupDamaged, FolderNotFresh, KeyNotEscrowed
from counter_app.backup.keys import BACKUP_KEY_ENTRY, Escrow
from counter_app.backup.restore import backup_header
from counter_app.backup.service import backup_folder, escrow_for, restore_folder
from counter_app.cli import main
from counter_app.config import SETTINGS_FILE, Mode, Settings
from counter_app.context import AppContext
from counter_app.district.embedded import EmbeddedDistrict
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD, DEMO_TOWNSHIP_A
from counter_app.security.crypto import FieldCipher
from counter_app.security.keystore import SERVICE, keyring_username, load_data_key
from counter_app.store.db import DB_FILE
from counter_app.store.repository import CaseRepository
from counter_app.sync.client import DistrictClient
from counter_app.sync.credentials import KeyringTokenStore, SessionKeeper, keyring_service
from counter_app.sync.wiring import open_sync
from tests.integration.backup.conftest import PATIENT, OldCounter
from tests.integration.sync.helpers import sha
from tests.support.memory_keyring import MemoryKeyring

SAMPLE_ID = "510411198503121232"  # the demo sample's operator (must never be readable in the file)


def make_backup(old: OldCounter, out: Path) -> BackupProgress:
    context = old.counter.context
    progress = BackupProgress()
    summary = backup_folder(context.data_dir, context.settings, out, audit=context.audit,
                            escrow=escrow_for(old.counter.sync, context.settings), progress=progress)
    assert summary.cases == 3 and summary.unsynced == 2 and summary.images == 10  # 5 pages + 5 thumbs
    assert progress.phase == "done" and progress.fraction() == 1.0
    return progress


def lose_the_old_pc(old: OldCounter) -> None:
    old.counter.close()
    keyring.set_keyring(MemoryKeyring())  # the new PC: nothing of the old keyring


def restore_with_cli(district: EmbeddedDistrict, backup: Path, new_dir: Path, monkeypatch: pytest.MonkeyPatch,
                     capsys: pytest.CaptureFixture[str], *, username: str = "demo-clerk",
                     code: str | None = None) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(DEMO_PASSWORD + "\n"))
    exit_code = main(["restore", "--data-dir", str(new_dir), "--file", str(backup),
                      "--district-url", district.base_url, "--registration-code",
                      code or DEMO_DEVICE_CODES[DEMO_TOWNSHIP_A], "--username", username, "--password-stdin"])
    out, err = capsys.readouterr()
    return exit_code, out, err


def test_restore_on_a_new_pc_brings_back_cases_images_and_the_outbox_which_then_syncs(
        district: EmbeddedDistrict, old_counter: OldCounter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    old = old_counter
    old_context = old.counter.context
    before = {s.case_id: (s.case_number, old_context.cases.open_case(s.case_id).application.to_dict())
              for s in old_context.cases.list_cases()}
    backup = tmp_path / "usb" / "counter.backup"
    make_backup(old, backup)
    raw = backup.read_bytes()
    assert SAMPLE_ID.encode() not in raw and "张".encode() not in raw  # nothing readable in the file
    lose_the_old_pc(old)

    new_dir = tmp_path / "new-pc"
    code, out, err = restore_with_cli(district, backup, new_dir, monkeypatch, capsys)
    assert code == 0, err
    assert "已恢复" in out and "3 个案件" in out and "2 个待上传" in out

    context = AppContext.open(new_dir, sync=False)
    sync = open_sync(new_dir, context.settings, outbox=context.outbox, blobs=context.blobs,
                     audit=context.audit, startup_delay=0.0, config=PATIENT)
    try:
        assert context.settings.district_url == district.base_url
        after = {s.case_id: (s.case_number, context.cases.open_case(s.case_id).application.to_dict())
                 for s in context.cases.list_cases()}
        assert after == before  # personal fields decrypt with the restored data key
        for pictures in old.images.values():
            for picture in pictures:
                assert context.blobs.get(sha(picture)) == picture
        assert sorted(context.outbox.summaries(old.waiting)) == sorted(old.waiting)
        assert [e.action for e in context.audit.events()].count("backup.restored") == 1

        status = sync.run_until_idle(timeout=30)  # signed in during the restore: no person needed now
        assert status.waiting == 0 and status.problem_code is None
        states = sync.case_states(old.waiting)
        assert {state.state for state in states.values()} == {"submitted"}, states
        auth = sync.sessions.credentials()
        for case_id in old.waiting:
            view = sync.client.get_case(auth, case_id)
            assert view.missing_blobs == [] and len(view.materials) == 2
    finally:
        sync.close()
        context.close()
    # The new PC backs up with the same escrowed key from now on.
    store = KeyringTokenStore(keyring_service(new_dir))
    assert store.get(BACKUP_KEY_ENTRY) is not None


def test_a_tampered_backup_is_refused_in_chinese_and_nothing_is_restored(
        district: EmbeddedDistrict, old_counter: OldCounter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], memory_keyring: MemoryKeyring) -> None:
    backup = tmp_path / "counter.backup"
    make_backup(old_counter, backup)
    lose_the_old_pc(old_counter)
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit inside an image's chunk
    tampered = tmp_path / "tampered.backup"
    tampered.write_bytes(bytes(data))

    new_dir = tmp_path / "new-pc"
    code, _out, err = restore_with_cli(district, tampered, new_dir, monkeypatch, capsys)
    assert code == 2
    assert "备份文件已损坏或被篡改" in err and "未作任何改动" in err
    assert not (new_dir / DB_FILE).exists() and not (new_dir / "blobs").exists()
    assert keyring.get_password(SERVICE, keyring_username(new_dir)) is None
    assert not [p for p in new_dir.iterdir() if p.name.startswith(".restore-")]

    # A cut-off file and a changed header are refused the same way (the header is authenticated too).
    client = DistrictClient(district.base_url)
    keeper = SessionKeeper(client, KeyringTokenStore(keyring_service(new_dir)), township_code=DEMO_TOWNSHIP_A,
                           counter_name="1号窗口")
    escrow = Escrow(client, keeper.credentials, counter_name="1号窗口")
    try:
        good = backup.read_bytes()
        for damaged in (good[:-100], good.replace(b'"counter_name": "1', b'"counter_name": "2', 1)):
            path = tmp_path / "damaged.backup"
            path.write_bytes(damaged)
            with pytest.raises(BackupDamaged) as refused:
                restore_folder(path, new_dir, escrow=escrow)
            assert "损坏或被篡改" in refused.value.message_zh
        assert not (new_dir / DB_FILE).exists()
        # The intact file restores; a second restore into the now used folder is refused.
        restore_folder(backup, new_dir, escrow=escrow)
        with pytest.raises(FolderNotFresh):
            restore_folder(backup, new_dir, escrow=escrow)
    finally:
        client.close()
    key = load_data_key(new_dir, demo_mode=False).key
    context = AppContext.open(new_dir, sync=False)
    try:
        repo = CaseRepository(context.database, FieldCipher(key))
        cases = context.cases.list_cases()
        assert len(cases) == 3
        assert all(repo.get(c.case_id) is not None for c in cases)
    finally:
        context.close()


def test_a_clerk_of_another_township_cannot_fetch_the_key(
        district: EmbeddedDistrict, old_counter: OldCounter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "counter.backup"
    make_backup(old_counter, backup)
    lose_the_old_pc(old_counter)
    assert backup_header(backup).township_code == DEMO_TOWNSHIP_A

    new_dir = tmp_path / "pc-of-b"
    Settings(mode=Mode.PRODUCTION, township_code="510411002", township_name="平地镇").save(
        new_dir / SETTINGS_FILE)  # set up for 平地镇 (as the first-run wizard does)
    code, _out, err = restore_with_cli(district, backup, new_dir, monkeypatch, capsys,
                                       username="demo-clerk-2", code=DEMO_DEVICE_CODES["510411002"])
    assert code == 2
    assert "无权获取其他乡镇的备份密钥" in err
    assert not (new_dir / DB_FILE).exists()


def test_no_backup_without_the_key_in_escrow(old_counter: OldCounter, tmp_path: Path) -> None:
    context = old_counter.counter.context
    old_counter.counter.sync.sessions.sign_out()  # the district refuses the deposit: not signed in
    with pytest.raises(KeyNotEscrowed) as refused:
        backup_folder(context.data_dir, context.settings, tmp_path / "x.backup",
                      escrow=escrow_for(old_counter.counter.sync, context.settings))
    assert "尚未托管" in refused.value.message_zh
    assert not (tmp_path / "x.backup").exists()
