"""Helpers for the district service tests: PostgreSQL schemas, sample submissions, an API wrapper that
speaks the protocol, and a real server process (`counter-app district serve`)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import psycopg

from counter_app.demo import load_sample_application
from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD
from counter_app.sync import protocol as p

PG_CONNINFO = "host=127.0.0.1 port=5432 dbname=test user=postgres connect_timeout=3"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ROOT = Path(__file__).resolve().parents[2]


def pg_unavailable_reason() -> str | None:
    try:
        with psycopg.connect(PG_CONNINFO) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"PostgreSQL on 127.0.0.1:5432 (database test) is NOT reachable — PG half skipped: {exc}"
    return None


def create_schema() -> str:
    name = f"district_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_CONNINFO, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    return name


def drop_schema(name: str) -> None:
    with psycopg.connect(PG_CONNINFO, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def pg_url_for_schema(schema: str) -> str:
    """A URL that puts every table in `schema` (psycopg passes `options` to the server)."""
    return f"{PG_URL}?options=-csearch_path%3D{schema}"


def blob_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def submission(*, case_id: str | None = None, version: int = 1, township: str = "510411001",
               blobs: list[bytes] | None = None, thumbs: list[bytes] | None = None,
               application: dict[str, Any] | None = None, number: str = "RH-2026-0001") -> p.CaseSubmission:
    blobs = blobs or []
    thumbs = thumbs or [b"" for _ in blobs]
    materials = [p.MaterialRef(slot="operator_id_front" if i == 0 else f"premises_photo_{i}", page=0,
                               kind="document", doc_type="id_card" if i == 0 else "a4", sha256=sha(full),
                               thumb_sha256=sha(thumb) if thumb else None, size=len(full), mime="image/jpeg")
                 for i, (full, thumb) in enumerate(zip(blobs, thumbs, strict=True))]
    return p.CaseSubmission(case_id=case_id or str(uuid.uuid4()), version=version, case_number=number,
                            township_code=township, submitted_at=datetime.now(UTC), status="accepted",
                            application=application or load_sample_application().to_dict(),
                            materials=materials, deferred=[])


@dataclass(frozen=True)
class Auth:
    device_token: str
    session_token: str
    device_id: str

    @property
    def headers(self) -> dict[str, str]:
        return {p.HEADER_DEVICE_TOKEN: self.device_token,
                p.HEADER_AUTHORIZATION: f"Bearer {self.session_token}"}


class Api:
    """The protocol over any httpx-style client (TestClient in-process, httpx.Client over TCP)."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def register(self, township: str | None, code: str | None = None) -> p.DeviceToken:
        body = {"registration_code": code or DEMO_DEVICE_CODES[township], "township_code": township,
                "counter_name": "测试窗口"}
        response = self.client.post(p.PATH_DEVICES, json=body)
        assert response.status_code == 201, response.text
        return p.DeviceToken.model_validate(response.json())

    def sign_in(self, username: str, *, township: str | None = None, device: p.DeviceToken | None = None,
                password: str = DEMO_PASSWORD) -> Auth:
        device = device or self.register(township)
        response = self.client.post(p.PATH_SESSIONS, json={"username": username, "password": password},
                                    headers={p.HEADER_DEVICE_TOKEN: device.device_token})
        assert response.status_code == 201, response.text
        info = p.SessionInfo.model_validate(response.json())
        return Auth(device.device_token, info.session_token, device.device_id)

    def head(self, auth: Auth, digest: str) -> p.BlobStatus:
        response = self.client.head(p.blob_path(digest), headers=auth.headers)
        assert response.status_code == 200, response.status_code
        return p.BlobStatus.from_headers(digest, response.headers)

    def put_chunk(self, auth: Auth, digest: str, data: bytes, start: int, total: int) -> httpx.Response:
        rng = p.content_range(start, start + len(data) - 1, total) if data else f"bytes */{total}"
        response: httpx.Response = self.client.put(
            p.blob_path(digest), content=data,
            headers={**auth.headers, p.HEADER_CONTENT_RANGE: rng, "Content-Type": p.BLOB_CONTENT_TYPE})
        return response

    def upload(self, auth: Auth, data: bytes, chunk: int = 16 * 1024) -> p.BlobPutResult:
        digest = sha(data)
        offset = self.head(auth, digest).offset
        result = None
        while offset < len(data) or result is None:
            response = self.put_chunk(auth, digest, data[offset:offset + chunk], offset, len(data))
            assert response.status_code == 200, response.text
            result = p.BlobPutResult.model_validate(response.json())
            offset = result.offset
            if result.complete:
                break
        assert result.complete
        return result

    def submit(self, auth: Auth, sub: p.CaseSubmission, body: dict[str, Any] | None = None) -> httpx.Response:
        response: httpx.Response = self.client.put(
            p.case_version_path(sub.case_id, sub.version),
            content=json.dumps(body if body is not None else sub.model_dump(mode="json")),
            headers={**auth.headers, "Content-Type": "application/json"})
        return response

    def transition(self, auth: Auth, case_id: str, target: str, reason: str = "") -> httpx.Response:
        response: httpx.Response = self.client.post(p.case_transitions_path(case_id), headers=auth.headers,
                                                    json={"target": target, "reason": reason})
        return response

    def changes(self, auth: Auth, after: str | None = None, limit: int = 100) -> p.ChangesPage:
        params: dict[str, Any] = {"limit": limit}
        if after is not None:
            params["after"] = after
        response = self.client.get(p.PATH_CHANGES, headers=auth.headers, params=params)
        assert response.status_code == 200, response.text
        return p.ChangesPage.model_validate(response.json())

    def all_changes(self, auth: Auth, limit: int = 100) -> list[p.Change]:
        out: list[p.Change] = []
        cursor: str | None = None
        while True:
            page = self.changes(auth, cursor, limit)
            out += page.changes
            cursor = page.next_cursor
            if not page.more:
                return out


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"].startswith(p.PROBLEM_CONTENT_TYPE)
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    assert body["status"] == status
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message_zh"]), body  # a Chinese message
    assert body["message_en"] and body["type"] and body["title"]
    return body


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServerProcess:
    """`counter-app district serve` in a child process on a loopback port (real HTTP, real uvicorn)."""

    def __init__(self, district_dir: Path, database_url: str, port: int | None = None,
                 extra_args: tuple[str, ...] = ()) -> None:
        self.extra_args = extra_args
        self.district_dir = district_dir
        self.database_url = database_url
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = district_dir.parent / "server.log"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, seed: bool = False, timeout: float = 60.0) -> ServerProcess:
        return self.launch(seed=seed).wait_ready(timeout)

    def launch(self, *, seed: bool = False) -> ServerProcess:
        args = [sys.executable, "-m", "counter_app.cli", "--data-dir", str(self.district_dir.parent / "cli"),
                "district", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                "--district-dir", str(self.district_dir), "--database-url", self.database_url]
        if seed:
            args.append("--seed-demo")
        args += self.extra_args
        paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in paths if path)}
        # The server's log goes to a file: a pipe nobody reads would block the server once it is full.
        self.log_path = self.district_dir.parent / f"server-{self.port}.log"
        self.district_dir.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""

    def wait_ready(self, timeout: float = 60.0) -> ServerProcess:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log()}")
            try:
                if httpx.get(f"{self.base_url}/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not start: {self.log()}")

    def stop(self, *, kill: bool = False) -> None:
        if self.proc is None:
            return
        if kill:
            self.proc.kill()
        else:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None
