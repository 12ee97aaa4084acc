"""The data key: OS keyring (here the in-memory fake), demo file without a keyring, refusal in production."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest

from counter_app.security.keystore import (
    DEMO_KEY_FILE,
    DEMO_WARNING_ZH,
    SERVICE,
    KeyCorrupted,
    KeyStoreUnavailable,
    keyring_username,
    load_data_key,
)
from tests.support.memory_keyring import MemoryKeyring


def no_keyring() -> None:
    """What a headless Linux machine has: keyring's fail backend."""
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]


class ForgetfulKeyring(MemoryKeyring):
    """Accepts set_password and keeps nothing, like a chainer whose members all decline."""

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()


def test_key_is_created_once_in_the_keyring_and_reused(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    first = load_data_key(tmp_path, demo_mode=False)
    assert first.source == "keyring" and first.warning_zh is None and first.warning_en is None
    assert len(first.key) == 32
    stored = memory_keyring.entries()
    assert list(stored) == [(SERVICE, keyring_username(tmp_path))]
    assert base64.b64decode(stored[(SERVICE, keyring_username(tmp_path))]) == first.key
    assert load_data_key(tmp_path, demo_mode=False).key == first.key
    assert load_data_key(tmp_path, demo_mode=True).key == first.key  # demo with a keyring: keyring
    assert not (tmp_path / DEMO_KEY_FILE).exists()
    assert first.key.hex() not in repr(first)


def test_two_data_folders_get_two_keys(tmp_path: Path) -> None:
    a = load_data_key(tmp_path / "a", demo_mode=False)
    b = load_data_key(tmp_path / "b", demo_mode=False)
    assert a.key != b.key
    assert keyring_username(tmp_path / "a") != keyring_username(tmp_path / "b")
    assert keyring_username(tmp_path / "a" / ".." / "a") == keyring_username(tmp_path / "a")


def test_damaged_keyring_entry_is_not_replaced(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password(SERVICE, keyring_username(tmp_path), "not base64!")
    with pytest.raises(KeyCorrupted) as info:
        load_data_key(tmp_path, demo_mode=True)
    assert "损坏" in info.value.message_zh
    assert memory_keyring.get_password(SERVICE, keyring_username(tmp_path)) == "not base64!"


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring, keyring.backends.null.Keyring])
def test_production_refuses_without_a_keyring(tmp_path: Path, backend: type) -> None:
    keyring.set_keyring(backend())
    with pytest.raises(KeyStoreUnavailable) as info:
        load_data_key(tmp_path, demo_mode=False)
    assert "gnome-keyring" in info.value.message_zh and "密钥环" in info.value.message_zh
    assert "keyring" in info.value.message_en
    assert list(tmp_path.iterdir()) == []  # no key file, nothing written


def test_demo_without_keyring_uses_an_owner_only_file_and_warns(tmp_path: Path) -> None:
    no_keyring()
    first = load_data_key(tmp_path, demo_mode=True)
    path = tmp_path / DEMO_KEY_FILE
    assert first.source == "demo_file"
    assert first.warning_zh == DEMO_WARNING_ZH and "演示" in first.warning_zh
    assert first.warning_en is not None and "demo" in first.warning_en.lower()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert base64.b64encode(first.key).decode() in path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [DEMO_KEY_FILE]  # no temporary file left behind
    assert load_data_key(tmp_path, demo_mode=True).key == first.key


def test_an_existing_key_file_wins_over_the_keyring(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    no_keyring()
    demo = load_data_key(tmp_path, demo_mode=True)
    keyring.set_keyring(memory_keyring)  # a keyring was installed afterwards
    again = load_data_key(tmp_path, demo_mode=False)
    assert again.key == demo.key and again.source == "demo_file"
    assert again.warning_zh is not None and "请勿录入真实个人信息" in again.warning_zh
    assert memory_keyring.entries() == {}


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_loose_key_file_is_tightened(tmp_path: Path) -> None:
    no_keyring()
    key = load_data_key(tmp_path, demo_mode=True).key
    (tmp_path / DEMO_KEY_FILE).chmod(0o644)
    assert load_data_key(tmp_path, demo_mode=True).key == key
    assert stat.S_IMODE((tmp_path / DEMO_KEY_FILE).stat().st_mode) == 0o600


def test_damaged_key_file_raises(tmp_path: Path) -> None:
    (tmp_path / DEMO_KEY_FILE).write_text("# header\nAAAA\n", encoding="utf-8")
    with pytest.raises(KeyCorrupted):
        load_data_key(tmp_path, demo_mode=True)


@pytest.mark.parametrize("demo_mode", [True, False])
def test_locked_keyring_refuses_in_both_modes(tmp_path: Path, demo_mode: bool) -> None:
    # It may hold this folder's key: a new file key would orphan the data encrypted with it.
    keyring.set_keyring(MemoryKeyring(locked=True))
    with pytest.raises(KeyStoreUnavailable) as info:
        load_data_key(tmp_path, demo_mode=demo_mode)
    assert "锁定" in info.value.message_zh
    assert not (tmp_path / DEMO_KEY_FILE).exists()


def test_keyring_that_does_not_keep_the_key(tmp_path: Path) -> None:
    keyring.set_keyring(ForgetfulKeyring())
    with pytest.raises(KeyStoreUnavailable):
        load_data_key(tmp_path, demo_mode=False)
    demo = load_data_key(tmp_path, demo_mode=True)
    assert demo.source == "demo_file" and (tmp_path / DEMO_KEY_FILE).exists()
