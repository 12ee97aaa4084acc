"""The administrator's audit trail view, driven offscreen: it lists and filters the trail without any
personal data, 校验 reports an intact chain and then the first altered record in Chinese, 导出 writes a file
that verifies on its own, and only an administrator account opens it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.security.audit_chain import verify_export
from counter_app.security.login import CounterUser
from counter_app.services.errors import ServiceError
from tests.ui.conftest import save_screenshot
from ui.admin.audit_view import AuditViewDialog
from ui.admin.gate import AdminSignInDialog
from ui.main_window import MainWindow
from ui.tasks import SyncTaskRunner

SAMPLE = load_sample_application()
PERSONAL = (SAMPLE.operator.name, SAMPLE.operator.id_document.number, SAMPLE.operator.mobile,
            SAMPLE.operator.residence, SAMPLE.business_name)


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    ctx = AppContext.open(tmp_path / "data", clerk="clerk-a", sync=False)
    yield ctx
    ctx.close()


@pytest.fixture
def cases(context: AppContext) -> list[str]:
    numbers = []
    for _ in range(3):
        record = context.cases.new_case(SAMPLE)
        context.cases.open_case(record.case_id)
        context.cases.save_draft(record.case_id, SAMPLE)
        numbers.append(record.case_number)
    context.audit.record(actor="clerk-b", action="document.save_pdf", case_id=None,
                         detail={"target": f"{SAMPLE.operator.name}.pdf", "copies": 1})
    return numbers


def _texts(table: QTableWidget) -> list[list[str]]:
    rows = []
    for row in range(table.rowCount()):
        rows.append([(item.text() + item.toolTip()) if (item := table.item(row, col)) else ""
                     for col in range(table.columnCount())])
    return rows


def _dialog(qtbot: QtBot, context: AppContext) -> AuditViewDialog:
    dialog = AuditViewDialog(context.audit, SyncTaskRunner(), admin="demo-admin")
    qtbot.addWidget(dialog)
    return dialog


def test_lists_newest_first_filters_and_shows_nothing_personal(qtbot: QtBot, context: AppContext,
                                                               cases: list[str], language: str) -> None:
    dialog = _dialog(qtbot, context)
    rows = _texts(dialog.table)
    assert len(rows) == 10
    assert [r[0] for r in rows] == [str(n) for n in range(10, 0, -1)]
    assert rows[-1][3] == "新建案件" and rows[-1][4] == cases[0]
    assert any(r[3] == "打开案件（查看个人信息）" for r in rows)
    everything = "\n".join("\t".join(r) for r in rows)
    for secret in PERSONAL:
        assert secret not in everything
    assert "target=（已隐藏）" in everything

    dialog.case_filter.setText(cases[1])
    dialog.filter_button.click()
    assert {r[4] for r in _texts(dialog.table)} == {cases[1]} and dialog.table.rowCount() == 3
    dialog.case_filter.clear()
    dialog.actor_filter.setCurrentIndex(dialog.actor_filter.findData("clerk-b"))
    dialog.filter_button.click()
    assert [r[2] for r in _texts(dialog.table)] == ["clerk-b"]
    dialog.actor_filter.setCurrentIndex(0)
    dialog.use_dates.setChecked(True)
    dialog.filter_button.click()
    assert dialog.table.rowCount() == 10  # everything happened today


def test_verify_reports_ok_then_the_altered_record(qtbot: QtBot, context: AppContext, cases: list[str],
                                                   language: str) -> None:
    dialog = _dialog(qtbot, context)
    dialog.resize(1366, 768)
    dialog.verify_button.click()
    assert "审计记录链完整" in dialog.result_label.text()
    assert context.audit.events()[-1].action == "audit.verify"
    assert context.audit.events()[-1].actor == "demo-admin"

    conn = sqlite3.connect(context.database.path)
    conn.execute("UPDATE audit_events SET actor = 'nobody' WHERE seq = 4")
    conn.commit()
    conn.close()
    dialog.verify_button.click()
    assert dialog.result_label.text() == "第 4 条审计记录的内容已被修改（与其哈希值不符）"
    selected = dialog.table.selectedItems()
    assert selected and selected[0].text() == "4"
    dialog.show()
    qtbot.waitExposed(dialog)
    save_screenshot(dialog, "audit_view.png")


def test_export_verifies_on_its_own_and_is_audited(qtbot: QtBot, context: AppContext, cases: list[str],
                                                   tmp_path: Path, language: str) -> None:
    dialog = _dialog(qtbot, context)
    out = tmp_path / "audit.jsonl"
    dialog.export_to(out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 10 and verify_export(lines).ok
    assert "10" in dialog.result_label.text()
    assert context.audit.events()[-1].action == "audit.export"
    assert context.audit.verify().ok


def _user(role: str) -> CounterUser:
    return CounterUser("someone", "某人", role, None, online=True)


def test_only_an_administrator_gets_in(qtbot: QtBot, language: str) -> None:
    answers = {"clerk": _user("clerk"), "admin": _user("admin")}

    def authorise(name: str, password: str) -> CounterUser:
        if password != "right":
            raise ServiceError("用户名或密码错误", "Wrong user name or password")
        return answers[name]

    gate = AdminSignInDialog(authorise, SyncTaskRunner())
    qtbot.addWidget(gate)
    gate.username.setText("admin")
    gate.password.setText("wrong")
    gate.submit()
    assert gate.error.text() == "用户名或密码错误" and gate.admin is None
    assert gate.password.text() == ""  # never kept in the widget
    gate.username.setText("clerk")
    gate.password.setText("right")
    gate.submit()
    assert gate.admin is None and "不是管理员" in gate.error.text()
    gate.show()
    qtbot.waitExposed(gate)
    save_screenshot(gate, "audit_admin_sign_in.png")
    gate.username.setText("admin")
    gate.password.setText("right")
    gate.submit()
    assert gate.admin == "someone" and gate.result() == AdminSignInDialog.DialogCode.Accepted


def test_main_window_has_the_audit_trail_under_administration(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert "管理(&A)" in titles
    assert window.audit_action.text() == "审计记录…"


def test_retention_runs_in_the_background_and_says_what_it_purged(qtbot: QtBot, context: AppContext,
                                                                  language: str) -> None:
    from counter_app.capture.demo_capture import capture_demo_materials
    from counter_app.services.retention import RetentionReport
    from ui.admin.retention_timer import RetentionScheduler

    record = context.cases.new_case(SAMPLE)
    capture_demo_materials(context, record.case_id)
    with context.database.write() as session:  # decided, and the district confirmed every page
        session.execute(text("UPDATE cases SET status = 'approved'"))
        session.execute(text("UPDATE case_materials SET district_confirmed_at = '2026-01-01 00:00:00'"))
    assert context.retention is not None
    scheduler = RetentionScheduler(context.retention, SyncTaskRunner(), first_run_ms=10)
    with qtbot.waitSignal(scheduler.purged, timeout=5000) as blocker:
        pass
    report = blocker.args[0] if blocker.args else None
    assert isinstance(report, RetentionReport) and report.images_purged == [record.case_number]
    assert scheduler.timer.isActive()  # and again every few hours
    scheduler.timer.stop()
    scheduler.deleteLater()
