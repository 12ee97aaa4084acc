"""Control characters in the free text callers send the district (counter_app.district.text_guard):
a reviewer's return items, refusal reasons, extension reason and dispatch carrier / tracking number,
an administrator's release notes, query strings. Each is refused with a 422 problem naming the field in
Chinese, and nothing is decided or stored; the same request without the character goes through. SQLite
and PostgreSQL, real HTTP."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from counter_app.district.runtime import DistrictRuntime
from counter_app.sync import protocol as p
from counter_app.sync import release_protocol as relp
from counter_app.sync import review_protocol as rp
from tests.district.helpers import Api, Auth, assert_problem
from tests.district.test_review_decisions import approve, audit_actions, claim, post, submitted_case

HOSTILE = ["\n2026-11-27 已审核", "\x1b[2J", "\u202e", "\x00", "\t", "\u200b"]


def _refused(response: httpx.Response, field_path: str, label: str) -> dict[str, Any]:
    body = assert_problem(response, 422, p.ProblemCode.REQUEST_INVALID)
    assert f"“{label}”" in body["message_zh"] and "控制字符" in body["message_zh"], body
    assert [e["path"] for e in body["errors"]] == [field_path]
    assert body["errors"][0]["code"] == "text.control_characters"
    for bad in ("\x1b", "\u202e", "\x00"):
        assert bad not in response.text  # the answer names characters as U+XXXX, never echoes them
    return body


def _decisions(api: Api, clerk: Auth) -> list[p.Change]:
    return [c for c in api.all_changes(clerk) if c.kind == "decision"]


def test_return_items_and_reason(api: Api, client: httpx.Client, clerk_a: Auth, reviewer: Auth,
                                 runtime: DistrictRuntime) -> None:
    sub = submitted_case(api, clerk_a)
    claim(client, reviewer, sub.case_id)
    path = rp.review_case_path(sub.case_id, "return")
    item = {"target": "field", "path": "operator.phone", "phrase": "incomplete", "text": "请补充手机号"}
    for bad in HOSTILE:
        _refused(post(client, reviewer, path, {"items": [item, {**item, "text": f"请补充{bad}"}]}),
                 "items[1].text", "说明")
    _refused(post(client, reviewer, path, {"items": [item], "reason": "退回\r\n"}), "reason", "理由")
    assert _decisions(api, clerk_a) == [] and "case_decision" not in audit_actions(runtime, sub.case_id)
    assert post(client, reviewer, path, {"items": [item], "reason": "请补正"}).status_code == 200


def test_refusal_reasons(api: Api, client: httpx.Client, clerk_a: Auth, reviewer: Auth) -> None:
    sub = submitted_case(api, clerk_a)
    claim(client, reviewer, sub.case_id)
    path = rp.review_case_path(sub.case_id, "refuse")
    for bad in HOSTILE:
        _refused(post(client, reviewer, path, {"reasons": ["经营场所不符", f"理由{bad}"]}), "reasons[1]",
                 "不予登记理由")
    assert _decisions(api, clerk_a) == []
    assert post(client, reviewer, path, {"reasons": ["经营场所位于禁止经营区域"]}).status_code == 200


def test_extension_reason(api: Api, client: httpx.Client, clerk_a: Auth, reviewer: Auth) -> None:
    sub = submitted_case(api, clerk_a)
    path = rp.review_case_path(sub.case_id, "extension")
    for bad in HOSTILE:
        _refused(post(client, reviewer, path, {"reason": f"需核实{bad}"}), "reason", "理由")
    state = client.get(rp.review_case_path(sub.case_id, "state"), headers=reviewer.headers).json()
    assert state["extended"] is False  # nothing of the refused requests was applied
    assert post(client, reviewer, path, {"reason": "经营范围涉及前置审批，需核实"}).status_code == 200


def test_dispatch_carrier_and_tracking_number(api: Api, client: httpx.Client, clerk_a: Auth,
                                              reviewer: Auth) -> None:
    sub = submitted_case(api, clerk_a)
    claim(client, reviewer, sub.case_id)
    approve(client, reviewer, sub.case_id)
    path = rp.review_case_path(sub.case_id, "dispatch")
    mail = {"method": "mail", "carrier": "EMS", "tracking_number": "EA123456789CN"}
    _refused(post(client, reviewer, path, {**mail, "carrier": "EMS\x1b[31m"}), "carrier", "快递公司")
    _refused(post(client, reviewer, path, {**mail, "tracking_number": "EA1\n23"}), "tracking_number",
             "快递单号")
    # Without a content type FastAPI still reads the body as JSON, so the guard must too.
    raw = client.post(path, headers=reviewer.headers,
                      content=json.dumps({**mail, "carrier": "E\u202eMS"}).encode())
    _refused(raw, "carrier", "快递公司")
    assert [c.status for c in _decisions(api, clerk_a)] == ["approved"]
    assert post(client, reviewer, path, mail).status_code == 200


def test_release_notes_and_query_strings(client: httpx.Client, reviewer: Auth, admin: Auth) -> None:
    release = {"current_version": "1.2.0", "minimum_version": "1.1.0",
               "download_url": "https://district.example/counter-1.2.0.msi", "notes": "修复\x1b]0;x\x07"}
    _refused(client.put(relp.PATH_ADMIN_CLIENT_VERSION, headers=admin.headers, json=release), "notes",
             "更新说明")
    assert client.put(relp.PATH_ADMIN_CLIENT_VERSION, headers=admin.headers,
                      json={**release, "notes": "修复打印"}).status_code == 200
    queue = client.get(rp.PATH_REVIEW_QUEUE, headers=reviewer.headers,
                       params=[("status", "submitted"), ("status", "in_review\u202e")])
    _refused(queue, "status[1]", "status[1]")
    assert client.get(rp.PATH_REVIEW_QUEUE, headers=reviewer.headers,
                      params={"status": "submitted"}).status_code == 200


@pytest.mark.parametrize("name", ["1号窗口\x1b[31m", "窗口\u202e口窗"])
def test_a_counter_name_names_the_field(client: httpx.Client, name: str) -> None:
    response = client.post(p.PATH_DEVICES, json={"registration_code": "DEMO-RENH-E001",
                                                 "township_code": "510411001", "counter_name": name})
    _refused(response, "counter_name", "窗口名称")
