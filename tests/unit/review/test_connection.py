"""ReviewConnection against the real embedded district: registration, sign-in, token entries, errors."""

from __future__ import annotations

import json
import socket

import pytest

from counter_app.district.seed import DEMO_PASSWORD
from counter_app.review.client import QueueFilter
from counter_app.review.connection import (
    DEMO_DISTRICT_CODE,
    REVIEW_DEVICE_ENTRY,
    REVIEW_SESSION_ENTRY,
    ReviewConnection,
)
from counter_app.review.errors import (
    NotAReviewer,
    ReviewDeviceNotRegistered,
    ReviewOffline,
    ReviewSignInRequired,
)
from counter_app.sync import protocol as p
from counter_app.sync.errors import ProblemResponse
from tests.unit.review.district import DictTokenStore, ReviewDistrict


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_register_and_sign_in_keep_tokens_under_review_entries_and_never_the_password(
        district: ReviewDistrict) -> None:
    store = DictTokenStore()
    store.set("device", "the counter's own entry")
    with ReviewConnection(district.base_url, store) as connection:
        assert not connection.is_registered()
        with pytest.raises(ReviewDeviceNotRegistered):
            connection.sign_in("demo-reviewer", DEMO_PASSWORD)
        connection.register(DEMO_DISTRICT_CODE)
        user = connection.sign_in("demo-reviewer", DEMO_PASSWORD)
        assert (user.username, user.display_name, user.role) == ("demo-reviewer", "演示审核员", "reviewer")
        assert set(store.entries) == {"device", REVIEW_DEVICE_ENTRY, REVIEW_SESSION_ENTRY}
        assert store.entries["device"] == "the counter's own entry"
        assert DEMO_PASSWORD not in json.dumps(store.entries)
        assert connection.client.queue().total == 0
        # A second connection on the same store (the app restarted) picks the session up.
        with ReviewConnection(district.base_url, store) as again:
            restored = again.restore()
            assert restored is not None and restored.username == "demo-reviewer"
        connection.sign_out()
        assert REVIEW_SESSION_ENTRY not in store.entries and connection.user is None
        with pytest.raises(ReviewSignInRequired) as signed_out:
            connection.client.queue()
        assert chinese(signed_out.value.message_zh)


def test_wrong_password_and_non_reviewers_are_refused_in_chinese(district: ReviewDistrict) -> None:
    store = DictTokenStore()
    with ReviewConnection(district.base_url, store) as connection:
        connection.register(DEMO_DISTRICT_CODE)
        with pytest.raises(ProblemResponse) as wrong:
            connection.sign_in("demo-reviewer", "not-the-password")
        assert wrong.value.code == p.ProblemCode.AUTH_INVALID_CREDENTIALS and chinese(wrong.value.message_zh)
        with pytest.raises(NotAReviewer) as admin:
            connection.sign_in("demo-admin", DEMO_PASSWORD)
        assert "审核员" in admin.value.message_zh
        assert REVIEW_SESSION_ENTRY not in store.entries
        with pytest.raises(ProblemResponse) as bad_code:
            connection.register("NOT-A-CODE")
        assert bad_code.value.code == p.ProblemCode.AUTH_REGISTRATION_CODE_INVALID


def test_a_session_the_server_no_longer_knows_asks_for_sign_in_and_is_forgotten(
        district: ReviewDistrict) -> None:
    store = DictTokenStore()
    with ReviewConnection(district.base_url, store) as connection:
        connection.register(DEMO_DISTRICT_CODE)
        connection.sign_in("demo-reviewer", DEMO_PASSWORD)
        session = json.loads(store.entries[REVIEW_SESSION_ENTRY])
        store.set(REVIEW_SESSION_ENTRY, json.dumps({**session, "session_token": "forged"}))
        with pytest.raises(ReviewSignInRequired):
            connection.client.queue(QueueFilter())
        assert REVIEW_SESSION_ENTRY not in store.entries
        assert REVIEW_DEVICE_ENTRY in store.entries  # the device is still fine


def test_no_service_is_offline_in_chinese() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with ReviewConnection(f"http://127.0.0.1:{port}", DictTokenStore()) as connection:
        with pytest.raises(ReviewOffline) as offline:
            connection.register(DEMO_DISTRICT_CODE)
        assert "无法连接" in offline.value.message_zh
