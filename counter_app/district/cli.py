"""`counter-app district …`: run the service and administer it. Never imports Qt.

    counter-app district serve [--host H] [--port P] [--database-url URL] [--blob-dir D]
                               [--tls-cert F --tls-key F] [--seed-demo] [--no-access-log]
    counter-app district add-township --code 510411003 --name 大龙潭彝族乡
    counter-app district add-user --username zhang --role clerk --township 510411001 --display-name 张敏
                                  [--password-stdin]       (otherwise asked twice at the prompt)
    counter-app district add-device-code --township 510411001   (or --district; prints a one-time code)
    counter-app district revoke-device --device-id <uuid>
    counter-app district seed-demo

Every command takes --district-dir (SQLite file, blobs and data key; default <data folder>/district),
--database-url (PostgreSQL: postgresql+psycopg://user@host/db), --blob-dir and --key-file.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError

from counter_app.errors import UserFacingError

ROLES = ("clerk", "reviewer", "admin")


def add_district_commands(subparsers: Any) -> None:
    """Register `district` and its subcommands on the top-level parser's subparsers."""
    district = subparsers.add_parser("district", help="区县审核服务 / district review service")
    district.add_argument("--data-dir", dest="sub_data_dir", help="数据目录 / data folder")
    sub = district.add_subparsers(dest="district_command", required=True)

    serve = sub.add_parser("serve", help="运行区县服务 / run the service (uvicorn)")
    _common(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--tls-cert", type=Path, help="TLS 证书 (PEM) / certificate file")
    serve.add_argument("--tls-key", type=Path, help="TLS 私钥 (PEM) / private key file")
    serve.add_argument("--seed-demo", action="store_true", help="同时写入演示数据 / also seed demo data")
    serve.add_argument("--no-access-log", action="store_true",
                       help="不记录每个请求 / no per-request log lines")

    township = sub.add_parser("add-township", help="添加乡镇 / add a township")
    _common(township)
    township.add_argument("--code", required=True)
    township.add_argument("--name", required=True)

    user = sub.add_parser("add-user", help="添加账号 / add a user")
    _common(user)
    user.add_argument("--username", required=True)
    user.add_argument("--role", required=True, choices=ROLES)
    user.add_argument("--township", help="窗口受理员所属乡镇代码 / a clerk's township code")
    user.add_argument("--display-name", default="")
    user.add_argument("--password-stdin", action="store_true",
                      help="从标准输入读取密码 / read the password from stdin")

    code = sub.add_parser("add-device-code", help="生成窗口电脑注册码 / make a device registration code")
    _common(code)
    where = code.add_mutually_exclusive_group(required=True)
    where.add_argument("--township")
    where.add_argument("--district", action="store_true",
                       help="区县设备（审核员、管理员）/ a district device")
    code.add_argument("--valid-days", type=int, default=7)

    revoke = sub.add_parser("revoke-device", help="撤销窗口电脑注册 / revoke a device")
    _common(revoke)
    revoke.add_argument("--device-id", required=True)

    seed = sub.add_parser("seed-demo", help="写入演示数据 / seed the demo data")
    _common(seed)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--district-dir", type=Path, help="区县服务数据目录 / district data folder")
    parser.add_argument("--database-url", help="sqlite:///… 或 postgresql+psycopg://…")
    parser.add_argument("--blob-dir", type=Path)
    parser.add_argument("--key-file", type=Path)
    parser.add_argument("--district-code", default="510411")


def settings_from_args(args: argparse.Namespace, data_dir: Path) -> Any:
    from counter_app.district.settings import DistrictSettings

    base = Path(args.district_dir) if args.district_dir else data_dir / "district"
    overrides: dict[str, object] = {"district_code": args.district_code}
    if args.database_url:
        overrides["database_url"] = args.database_url
    if args.blob_dir:
        overrides["blob_dir"] = Path(args.blob_dir)
    if args.key_file:
        overrides["key_file"] = Path(args.key_file)
    return DistrictSettings.for_data_dir(base, **overrides)


def run_district_command(args: argparse.Namespace, data_dir: Path) -> int:
    try:
        return _run(args, data_dir)
    except UserFacingError as exc:
        print(f"{exc.message_zh}\n{exc.message_en}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(f"无法连接或打开区县服务数据库\nCannot open the district database ({type(exc.orig).__name__})",
              file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, data_dir: Path) -> int:
    from counter_app.district import accounts
    from counter_app.district.runtime import build_runtime
    from counter_app.district.seed import seed_demo
    from counter_app.domain.status import Role

    settings = settings_from_args(args, data_dir)
    command = args.district_command
    if command == "serve":
        return _serve(args, settings)
    password = _read_password(args) if command == "add-user" else ""
    runtime = build_runtime(settings)
    try:
        if command == "seed-demo":
            seed_demo(runtime)
            print("已写入演示数据 / demo data seeded")
        elif command == "add-township":
            with runtime.db.write() as session:
                accounts.add_township(session, args.code, args.name, district_code=settings.district_code)
            print(f"已添加乡镇 {args.code} {args.name} / township added")
        elif command == "add-user":
            user = accounts.NewUser(args.username, Role(args.role), args.township, args.display_name)
            with runtime.db.write() as session:
                accounts.add_user(session, runtime.passwords, user, password)
            print(f"已添加账号 {args.username}（{args.role}）/ user added")
        elif command == "add-device-code":
            township = None if args.district else args.township
            with runtime.db.write() as session:
                code = accounts.add_registration_code(session, township, created_by="cli",
                                                      valid_for=timedelta(days=args.valid_days))
            print(f"注册码（一次有效，{args.valid_days}天内使用）/ one-time registration code:")
            print(code)
        elif command == "revoke-device":
            with runtime.db.write() as session:
                done = accounts.revoke_device(session, args.device_id)
            print("已撤销该设备及其登录 / device and its sessions revoked" if done
                  else "没有找到该设备或已撤销 / no such active device")
            return 0 if done else 1
    finally:
        runtime.close()
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码 / password: ")
    if getpass.getpass("再次输入密码 / repeat: ") != first:
        raise UserFacingError("两次输入的密码不一致", "The passwords differ")
    return first


def _serve(args: argparse.Namespace, settings: Any) -> int:
    import uvicorn

    from counter_app.district.app import create_app
    from counter_app.district.runtime import build_runtime
    from counter_app.district.seed import seed_demo

    if bool(args.tls_cert) != bool(args.tls_key):
        raise UserFacingError("--tls-cert 与 --tls-key 需同时提供", "Give both --tls-cert and --tls-key")
    runtime = build_runtime(settings)
    if args.seed_demo:
        seed_demo(runtime)
    app = create_app(settings, runtime=runtime)
    scheme = "https" if args.tls_cert else "http"
    print(f"区县服务 {scheme}://{args.host}:{args.port}  (OpenAPI: /openapi.json)", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=not args.no_access_log,
                ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
                ssl_keyfile=str(args.tls_key) if args.tls_key else None,
                timeout_graceful_shutdown=10)
    return 0
