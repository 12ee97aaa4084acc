"""`counter-app district …` mistakes an administrator makes end in a Chinese (then English) message and
exit status 2, never a Python traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.cli import main
from tests.district.helpers import ROOT


def _district(tmp_path: Path, *args: str) -> int:
    return main(["--data-dir", str(tmp_path / "data"), "district", *args])


def test_add_user_without_a_terminal_and_without_password_stdin_says_what_to_do(tmp_path: Path) -> None:
    # A new session has no controlling terminal: getpass falls back to the (empty) stdin, as in a
    # scheduled task or a script.
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from counter_app.cli import main; sys.exit(main(sys.argv[1:]))",
         "--data-dir", str(tmp_path / "data"), "district", "add-user", "--username", "zhang", "--role",
         "reviewer"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=ROOT, timeout=120,
        start_new_session=True, check=False)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "EOFError" not in done.stderr
    assert "没有输入密码，账号未添加" in done.stderr and "--password-stdin" in done.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (("add-device-code", "--district", "--database-url", "not a url"), "数据库地址格式不正确"),
    (("add-device-code", "--district", "--database-url", "mysql://u@localhost/db"),
     "不支持的数据库类型 mysql"),
    (("add-device-code", "--district", "--database-url", "sqlite://"), "不能用内存数据库"),
    (("add-device-code", "--district", "--database-url", "postgresql+asyncpg://u@localhost/db"),
     "数据库驱动 asyncpg 未安装"),
    (("add-device-code", "--district", "--valid-days", "0"), "--valid-days 至少为 1 天"),
    (("add-device-code", "--township", "510411999"), "乡镇 510411999 不存在"),
    (("serve", "--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"),
     "找不到证书或私钥文件"),
])
def test_bad_arguments_are_messages_not_tracebacks(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    args: tuple[str, ...], expected: str) -> None:
    assert _district(tmp_path, *args) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_a_district_folder_that_cannot_be_made_is_a_message(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    folder = str(blocker / "district")
    assert _district(tmp_path, "add-device-code", "--district", "--district-dir", folder) == 2
    err = capsys.readouterr().err
    assert "无法读写文件或文件夹" in err and str(blocker) in err
