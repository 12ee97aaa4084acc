"""The backup-key escrow (who may deposit and fetch, audited, stored wrapped) and the published client
version with its minimum-version gate on submissions — over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import os
import uuid

import httpx
from sqlalchemy import select

from counter_app.district.runtime import DistrictRuntime
from counter_app.district.tables import AuditRow, BackupKeyRow
from counter_app.sync import protocol as p
from counter_app.sync.escrow_protocol import backup_key_path
from counter_app.sync.release_protocol import (
    HEADER_CLIENT_VERSION,
    PATH_ADMIN_CLIENT_VERSION,
    PATH_CLIENT_VERSION,
)
from tests.district.helpers import Api, Auth, submission


def deposit(client: httpx.Client, auth: Auth, key_id: str, key: bytes) -> httpx.Response:
    return client.put(backup_key_path(key_id), headers=auth.headers,
                      json={"key": base64.b64encode(key).decode(), "counter_name": "1号窗口"})


def test_the_township_clerk_deposits_and_fetches_others_cannot(
        client: httpx.Client, clerk_a: Auth, clerk_b: Auth, reviewer: Auth, admin: Auth,
        runtime: DistrictRuntime) -> None:
    key_id, key = str(uuid.uuid4()), os.urandom(32)
    assert deposit(client, clerk_a, key_id, key).status_code == 201
    assert deposit(client, clerk_a, key_id, key).status_code == 200  # a replay is harmless
    conflict = deposit(client, clerk_a, key_id, os.urandom(32))
    assert conflict.status_code == 409 and conflict.json()["code"] == "backup_key.conflict"
    assert deposit(client, clerk_b, key_id, key).status_code == 409  # cannot take over A's id
    assert deposit(client, admin, str(uuid.uuid4()), key).status_code == 403  # clerks deposit

    mine = client.get(backup_key_path(key_id), headers=clerk_a.headers)
    assert mine.status_code == 200
    assert base64.b64decode(mine.json()["key"]) == key and mine.json()["township_code"] == "510411001"
    assert base64.b64decode(client.get(backup_key_path(key_id), headers=admin.headers).json()["key"]) == key

    other = client.get(backup_key_path(key_id), headers=clerk_b.headers)
    assert other.status_code == 403 and other.json()["code"] == p.ProblemCode.AUTH_FORBIDDEN_TOWNSHIP
    assert other.json()["message_zh"] == "无权获取其他乡镇的备份密钥" and "key" not in other.json()
    assert client.get(backup_key_path(key_id), headers=reviewer.headers).status_code == 403
    missing = client.get(backup_key_path(str(uuid.uuid4())), headers=clerk_a.headers)
    assert missing.status_code == 404 and "没有该备份的密钥" in missing.json()["message_zh"]
    assert client.get(backup_key_path(key_id)).status_code == 401

    with runtime.db.read() as session:
        row = session.get(BackupKeyRow, key_id)
        assert row is not None and key not in row.wrapped_key  # wrapped, never plaintext
        actions = [(a.actor, a.action) for a in session.scalars(select(AuditRow).order_by(AuditRow.id))]
    assert ("demo-clerk", "backup_key_deposited") in actions
    assert actions.count(("demo-clerk", "backup_key_fetched")) == 1
    assert ("demo-admin", "backup_key_fetched") in actions
    assert ("demo-clerk-2", "backup_key_fetch_refused") in actions
    assert ("demo-reviewer", "backup_key_fetch_refused") in actions


def test_the_admin_publishes_the_version_and_old_clients_cannot_submit(
        client: httpx.Client, api: Api, clerk_a: Auth, admin: Auth) -> None:
    assert client.get(PATH_CLIENT_VERSION, headers=clerk_a.headers).json()["current_version"] is None
    body = {"current_version": "1.3.0", "minimum_version": "1.2.0",
            "download_url": "https://district.example.cn/counter-app-1.3.0.exe", "notes": "修正打印"}
    assert client.put(PATH_ADMIN_CLIENT_VERSION, headers=clerk_a.headers, json=body).status_code == 403
    bad = client.put(PATH_ADMIN_CLIENT_VERSION, headers=admin.headers,
                     json={**body, "minimum_version": "1.4"})
    assert bad.status_code == 422 and bad.json()["message_zh"] == "最低版本不能高于当前版本"
    published = client.put(PATH_ADMIN_CLIENT_VERSION, headers=admin.headers, json=body)
    assert published.status_code == 200
    seen = client.get(PATH_CLIENT_VERSION, headers=clerk_a.headers).json()
    assert seen["current_version"] == "1.3.0" and seen["minimum_version"] == "1.2.0"
    assert client.get(PATH_CLIENT_VERSION).status_code == 401  # signed-in devices only

    case = submission()
    path = p.case_version_path(case.case_id, 1)
    payload = case.model_dump(mode="json")
    for old in ("1.1.9", None):
        headers = dict(clerk_a.headers)
        if old:
            headers[HEADER_CLIENT_VERSION] = old
        refused = client.put(path, headers=headers, json=payload)
        assert refused.status_code == 426 and refused.json()["code"] == "client.too_old"
        assert "低于区级服务要求的最低版本 1.2.0" in refused.json()["message_zh"]
        assert "counter-app-1.3.0.exe" in refused.json()["message_zh"]
    accepted = client.put(path, headers={**clerk_a.headers, HEADER_CLIENT_VERSION: "1.2.0"}, json=payload)
    assert accepted.status_code == 201, accepted.text
