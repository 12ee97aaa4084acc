"""Control characters and path-like text sent to the district service: refused with a Chinese message
where they would be stored and shown (a counter's name, any field of an application), escaped where a
failed attempt is audited (the user name of a wrong sign-in), never a 500. SQLite and PostgreSQL."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from counter_app.district.runtime import DistrictRuntime
from counter_app.district.tables import AuditRow
from counter_app.sync import protocol as p
from tests.district.helpers import Api, Auth, assert_problem, submission


def test_a_counter_name_with_control_characters_is_refused(client: httpx.Client) -> None:
    for name in ("1号窗口\x1b[31m", "窗口\u202e口窗", "a\nb", "\x00"):
        response = client.post(p.PATH_DEVICES, json={"registration_code": "DEMO-RENH-E001",
                                                     "township_code": "510411001", "counter_name": name})
        body = assert_problem(response, 422, p.ProblemCode.REQUEST_INVALID)
        assert "控制字符" in body["message_zh"]
    fine = client.post(p.PATH_DEVICES, json={"registration_code": "DEMO-RENH-E001",
                                             "township_code": "510411001",
                                             "counter_name": "1号窗口 ../../etc"})
    assert fine.status_code == 201  # path-like text is only text here: it never names a file


def test_a_forged_user_name_cannot_forge_audit_lines(api: Api, client: httpx.Client,
                                                      runtime: DistrictRuntime) -> None:
    device = api.register("510411001")
    forged = "demo-clerk\n2026-11-27 sign_in demo-admin\u202e"
    response = client.post(p.PATH_SESSIONS, json={"username": forged, "password": "x"},
                           headers={p.HEADER_DEVICE_TOKEN: device.device_token})
    assert_problem(response, 401, p.ProblemCode.AUTH_INVALID_CREDENTIALS)
    with runtime.db.read() as session:
        actors = list(session.scalars(select(AuditRow.actor).where(AuditRow.action == "sign_in_failed")))
    assert actors == ["demo-clerk\\u000a2026-11-27 sign_in demo-admin\\u202e"[:64]]


def test_control_characters_in_a_submitted_application_are_refused(api: Api, clerk_a: Auth) -> None:
    sub = submission()
    application = {**sub.application,
                   "premises": {**sub.application["premises"], "detail": "12号\x1b]0;pwned\x07"}}
    response = api.submit(clerk_a, sub.model_copy(update={"application": application}))
    body = assert_problem(response, 422, p.ProblemCode.CASE_INVALID)
    found = [e for e in body["errors"] if e["code"] == "text.control_characters"]
    assert [e["path"] for e in found] == ["premises.detail"]
    assert "\x1b" not in response.text and "\x07" not in response.text
