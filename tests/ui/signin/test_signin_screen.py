"""The sign-in screen against the real district service: online sign-in opens the clerk's main window,
a wrong password is said in Chinese, five failures lock the account out, offline sign-in works after an
online one and is refused for a stranger and after the validity period."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from counter_app.district.embedded import EmbeddedDistrict
from counter_app.store.tables import CounterUserRow
from tests.ui.signin.conftest import Counter, grab
from ui.main_window import MainWindow
from ui.signin.session import SIGNED_OUT, account_actions


def test_online_sign_in_as_clerk_opens_the_main_window(counter: Counter, qtbot: QtBot) -> None:
    session = counter.start()
    screen = session.screen
    assert screen.button.text() == "登录" and screen.demo_hint.isVisible()
    assert "demo-clerk / demo1234" in screen.demo_hint.text() and "演示账号" in screen.demo_hint.text()
    # A probe that timed out on a loaded machine is repeated every 15 s: allow for one retry.
    qtbot.waitUntil(lambda: screen.network.state == "online", timeout=40_000)
    assert "在线" in screen.network.text.text()
    grab(screen, "signin_01_screen_zh.png")

    assert counter.sign_in("demo-clerk") == ""
    window = session.window
    assert isinstance(window, MainWindow) and window.isVisible() and not screen.isVisible()
    assert window.context.cases.clerk == "demo-clerk"  # the signed-in clerk acts, and is audited
    label = window.findChild(QLabel, "signedInUser")
    assert label is not None and "演示受理员（仁和镇）" in label.text() and "demo-clerk" in label.text()
    assert set(account_actions(window)) >= {"lockScreenAction", "switchUserAction", "signOutAction"}
    assert account_actions(window)["lockScreenAction"].text() == "锁定屏幕"
    window.new_case()
    grab(window, "signin_06_main_window_signed_in_zh.png")
    assert counter.context is not None
    events = [(e.actor, e.action) for e in counter.context.audit.events()]
    assert ("demo-clerk", "signin.online") in events and ("demo-clerk", "case.create") in events


def test_wrong_password_shows_the_chinese_error_and_clears_the_field(
        counter: Counter, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    session = counter.start()
    error = counter.sign_in("demo-clerk", "wrong-one-5521", expect_ok=False)
    assert error == "用户名或密码错误。再错 4 次将暂时锁定该账号"
    assert session.state == SIGNED_OUT and session.screen.password.text() == ""
    grab(session.screen, "signin_02_wrong_password_zh.png")
    counter.sign_in("demo-clerk", "Right-but-wrong-7730", expect_ok=False)
    assert "wrong-one-5521" not in caplog.text and "Right-but-wrong-7730" not in caplog.text
    assert caplog.records  # something was logged at DEBUG, just never a password


def test_five_failures_lock_out_even_across_a_restart(counter: Counter) -> None:
    counter.start()
    for left in (4, 3, 2, 1):
        assert f"再错 {left} 次" in counter.sign_in("demo-clerk", f"nope-{left}", expect_ok=False)
    error = counter.sign_in("demo-clerk", "nope-0", expect_ok=False)
    match = re.fullmatch(r"连续 5 次登录失败，该账号已暂时锁定，请于 (\d\d:\d\d) 后再试", error)
    assert match is not None, error
    now = datetime.now(UTC)
    assert match.group(1) in {(now + timedelta(minutes=m)).astimezone().strftime("%H:%M") for m in (14, 15)}
    counter.start()  # a restart of the client does not lift it
    assert counter.sign_in("demo-clerk", expect_ok=False).startswith("连续 5 次登录失败")


def test_offline_sign_in_after_an_online_one_then_refusals(counter: Counter, district: EmbeddedDistrict,
                                                           qtbot: QtBot) -> None:
    session = counter.start()
    counter.sign_in("demo-clerk")
    account_actions(session.window)["signOutAction"].trigger()  # type: ignore[arg-type]
    assert session.state == SIGNED_OUT and session.screen.isVisible()
    district.shutdown()  # the link to the district is gone

    session = counter.start()
    qtbot.waitUntil(lambda: session.screen.network.state == "offline", timeout=15_000)
    assert "离线" in session.screen.network.text.text()
    assert counter.sign_in("li-clerk", expect_ok=False).startswith(
        "无法连接区级审核服务，无法联网登录。离线登录仅限 7 天内曾在本机联网登录过的窗口受理员")
    grab(session.screen, "signin_03_offline_refused_zh.png")
    assert counter.sign_in("demo-clerk", "wrong", expect_ok=False).startswith("用户名或密码错误")

    counter.sign_in("demo-clerk")
    assert session.user is not None and session.user.online is False
    label = session.window.findChild(QLabel, "signedInUser")  # type: ignore[union-attr]
    assert label is not None and "离线登录" in label.text()
    assert isinstance(session.window, MainWindow) and session.window.context.cases.clerk == "demo-clerk"

    account_actions(session.window)["signOutAction"].trigger()
    assert counter.context is not None
    with counter.context.database.write() as db:  # as if the last online sign-in were eight days ago
        db.execute(update(CounterUserRow).values(last_online_at=datetime.now(UTC) - timedelta(days=8)))
    assert counter.sign_in("demo-clerk", expect_ok=False).startswith(
        "无法连接区级审核服务。该账号在本机最近一次联网登录已超过 7 天，离线登录已失效")
    actions = [e.action for e in counter.context.audit.events()]
    assert actions.count("signin.offline") == 1 and actions.count("signin.refused") == 2
    assert actions.count("session.sign_out") == 2


def test_a_reviewer_gets_the_review_workspace_and_not_the_counters_session(counter: Counter,
                                                                           qtbot: QtBot) -> None:
    from ui.review.window import ReviewWindow

    session = counter.start()
    counter.sign_in("demo-reviewer")
    window = session.window
    assert isinstance(window, ReviewWindow) and window.isVisible() and window.username == "demo-reviewer"
    assert counter.context is not None and counter.context.sync is not None
    keeper_user = counter.context.sync.signed_in_user()
    assert keeper_user is None or keeper_user.role == "clerk"  # the outbox never uploads as a reviewer
    assert "lockScreenAction" in account_actions(window)
    qtbot.wait(300)  # let the workspace's first queue load come back before signing out
    window.sign_out_action.trigger()
    assert session.state == SIGNED_OUT and session.screen.isVisible() and session.window is None
    actions = [(e.actor, e.action) for e in counter.context.audit.events()]
    assert ("demo-reviewer", "signin.online") in actions and ("demo-reviewer", "session.sign_out") in actions


def test_an_administrator_is_told_there_is_no_workspace_here(counter: Counter) -> None:
    session = counter.start()
    error = counter.sign_in("demo-admin", expect_ok=False)
    assert error.startswith("该账号（admin）在窗口客户端中没有对应的工作台")
    assert session.state == SIGNED_OUT
