"""`counter-app district …` administration commands and the embedded default."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from counter_app.cli import main
from counter_app.district.embedded import start_embedded
from counter_app.district.runtime import build_runtime
from counter_app.district.settings import DistrictSettings
from counter_app.district.tables import RegistrationCode, Township, User
from counter_app.sync import protocol as p
from tests.district.helpers import ROOT, Api, assert_problem


def _run(tmp_path: Path, database_url: str, *args: str) -> int:
    return main(["--data-dir", str(tmp_path / "data"), "district", *args,
                 "--district-dir", str(tmp_path / "district"), "--database-url", database_url])


def test_admin_commands(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path, database_url, "add-township", "--code", "510411003", "--name", "大龙潭彝族乡") == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-password\n"))
    assert _run(tmp_path, database_url, "add-user", "--username", "li.ming", "--role", "clerk",
                "--township", "510411003", "--display-name", "李明", "--password-stdin") == 0
    capsys.readouterr()
    assert _run(tmp_path, database_url, "add-device-code", "--township", "510411003") == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(code) == 14 and code.count("-") == 2
    # Refusals are messages (Chinese first), not tracebacks, with exit status 2.
    assert _run(tmp_path, database_url, "add-township", "--code", "440524001", "--name", "外区") == 2
    assert "不属于本区县" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert _run(tmp_path, database_url, "add-user", "--username", "x1", "--role", "reviewer",
                "--password-stdin") == 2
    assert "密码至少" in capsys.readouterr().err
    assert _run(tmp_path, database_url, "seed-demo") == 0
    assert _run(tmp_path, database_url, "seed-demo") == 0  # idempotent

    settings = DistrictSettings.for_data_dir(tmp_path / "district", database_url=database_url)
    runtime = build_runtime(settings)
    try:
        with runtime.db.read() as session:
            assert session.get(Township, "510411003") is not None
            user = session.query(User).filter(User.username == "li.ming").one()
            assert (user.role, user.township_code, user.display_name) == ("clerk", "510411003", "李明")
            assert user.password_hash.startswith("$argon2")
            assert session.query(RegistrationCode).count() == 4  # 1 + the three demo codes
            assert {u.username for u in session.query(User)} >= {"demo-clerk", "demo-clerk-2",
                                                                 "demo-reviewer", "demo-admin"}
    finally:
        runtime.close()


def test_district_commands_never_import_qt(tmp_path: Path) -> None:
    code = ("import sys; from counter_app.cli import main; "
            f"rc = main(['--data-dir', {str(tmp_path)!r}, 'district', 'seed-demo']); "
            "import counter_app.district.app, counter_app.district.embedded; "
            "print(rc, 'PySide6' in sys.modules, 'ui' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 False False"
    assert (tmp_path / "district" / "district.sqlite3").exists()


def test_embedded_default_serves_the_demo(tmp_path: Path) -> None:
    with start_embedded(tmp_path) as district:
        assert district.base_url.startswith("http://127.0.0.1:")
        assert (tmp_path / "district" / "district.sqlite3").exists()
        with httpx.Client(base_url=district.base_url) as client:
            api = Api(client)
            clerk = api.sign_in("demo-clerk", township="510411001")
            assert api.changes(clerk).changes == []
            wrong = client.post(p.PATH_SESSIONS, json={"username": "demo-clerk", "password": "nope-nope"},
                                headers={p.HEADER_DEVICE_TOKEN: clerk.device_token})
            assert_problem(wrong, 401, p.ProblemCode.AUTH_INVALID_CREDENTIALS)
    assert not district.thread.is_alive()
    # A second start on the same folder keeps the data (the device registered above still works).
    with start_embedded(tmp_path) as again, httpx.Client(base_url=again.base_url) as client:
        response = client.post(p.PATH_SESSIONS, json={"username": "demo-clerk", "password": "demo1234"},
                               headers={p.HEADER_DEVICE_TOKEN: clerk.device_token})
        assert response.status_code == 201
