"""`counter-app district …`: run the service and administer it. Never imports Qt.

    counter-app district serve [--host H] [--port P] [--database-url URL] [--blob-dir D]
                               [--tls-cert F --tls-key F] [--seed-demo] [--no-access-log] [--workers N]
    counter-app district add-township --code 510411003 --name 大龙潭彝族乡
    counter-app district add-user --username zhang --role clerk --township 510411001 --display-name 张敏
                                  [--password-stdin]       (otherwise asked twice at the prompt)
    counter-app district add-device-code --township 510411001   (or --district; prints a one-time code)
    counter-app district revoke-device --device-id <uuid>
    counter-app district disable-user --username zhang        (enable-user undoes it)
    counter-app district seed-demo
    counter-app district purge [--days N]     images of cases decided N days ago (default: settings)
    counter-app district audit-verify | audit-export --out FILE     the audit hash chain
    counter-app district set-client-version --current 1.2.0 --minimum 1.1.0 --download-url https://…

Every command takes --district-dir (SQLite file, blobs and data key; default <data folder>/district),
--database-url (PostgreSQL: postgresql+psycopg://user@host/db), --blob-dir and --key-file.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import sys
import warnings
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

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
    serve.add_argument("--workers", type=int, default=1,
                       help="工作进程数（多核服务器）/ worker processes (use the machine's cores)")
    serve.add_argument("--no-access-log", action="store_true",
                       help="不记录每个请求 / no per-request log lines")
    limits = serve.add_argument_group("登录频率限制 / rate limits (0 = off; default 5 / 20 / 10 in 15 min)")
    for flag, what in (("--sign-in-limit", "每个账号的登录失败次数 / failed sign-ins per user name"),
                       ("--sign-in-address-limit", "每个地址的登录失败次数 / failed sign-ins per address"),
                       ("--register-limit", "每个地址的注册失败次数 / failed registrations per address"),
                       ("--rate-limit-minutes", "计数时间窗（分钟）/ the counting window in minutes")):
        limits.add_argument(flag, type=_non_negative, metavar="N", help=what)

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

    for name, what in (("disable-user", "停用账号，登录立即失效 / disable an account"),
                       ("enable-user", "重新启用账号 / enable an account again")):
        account = sub.add_parser(name, help=what)
        _common(account)
        account.add_argument("--username", required=True)

    seed = sub.add_parser("seed-demo", help="写入演示数据 / seed the demo data")
    _common(seed)

    purge = sub.add_parser("purge", help="按保留期限清理已办结案件的图片 / purge images of decided cases")
    _common(purge)
    purge.add_argument("--days", type=int,
                       help="办结后保留天数（默认取设置）/ days kept after the decision (default: settings)")
    verify = sub.add_parser("audit-verify", help="校验审计记录链 / verify the audit hash chain")
    _common(verify)
    export = sub.add_parser("audit-export", help="导出审计记录（含哈希）/ export the audit trail")
    _common(export)
    export.add_argument("--out", type=Path, required=True, help="JSON Lines 文件 / output file")

    release = sub.add_parser("set-client-version",
                             help="发布窗口客户端版本 / publish the counter program version")
    _common(release)
    release.add_argument("--current", required=True, help="当前版本 / current version, e.g. 1.2.0")
    release.add_argument("--minimum", required=True,
                         help="可提交案件的最低版本 / oldest version that may still submit")
    release.add_argument("--download-url", required=True, help="下载地址 / download location")
    release.add_argument("--notes", default="", help="更新说明 / release notes")


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
        _check_database_url(args.database_url)
        overrides["database_url"] = args.database_url
    if args.blob_dir:
        overrides["blob_dir"] = Path(args.blob_dir)
    if args.key_file:
        overrides["key_file"] = Path(args.key_file)
    overrides.update(_rate_limit_overrides(args))
    return DistrictSettings.for_data_dir(base, **overrides)


_RATE_LIMIT_OPTIONS = {"sign_in_limit": "sign_in_user_limit",
                       "sign_in_address_limit": "sign_in_address_limit",
                       "register_limit": "register_address_limit"}
_RATE_LIMIT_ARGS = (*_RATE_LIMIT_OPTIONS, "rate_limit_minutes")


def _rate_limit_overrides(args: argparse.Namespace) -> dict[str, object]:
    # getattr: only `serve` has these options (and its workers get them through _WORKER_SETTINGS).
    overrides: dict[str, object] = {field: getattr(args, option)
                                    for option, field in _RATE_LIMIT_OPTIONS.items()
                                    if getattr(args, option, None) is not None}
    minutes = getattr(args, "rate_limit_minutes", None)
    if minutes is not None:
        if minutes < 1:
            raise UserFacingError("--rate-limit-minutes 至少为 1", "--rate-limit-minutes must be at least 1")
        overrides["rate_limit_window"] = timedelta(minutes=minutes)
    return overrides


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"应为不小于 0 的整数 / expected a whole number ≥ 0: {text!r}")
    return value


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
    except ArgumentError as exc:  # e.g. a database driver that is not installed (NoSuchModuleError)
        print(f"数据库地址无法使用（{type(exc).__name__}），请检查 --database-url\n"
              f"The database URL cannot be used ({type(exc).__name__}); check --database-url",
              file=sys.stderr)
        return 2
    except ImportError as exc:  # a database driver named in --database-url that is not installed
        print(f"数据库驱动 {exc.name or ''} 未安装，请检查 --database-url（PostgreSQL 用 postgresql+psycopg://…）\n"
              f"The database driver {exc.name or ''} is not installed; check --database-url", file=sys.stderr)
        return 2
    except OSError as exc:  # a folder that cannot be made, a certificate or key file that is not there
        where = exc.filename or ""
        print(f"无法读写文件或文件夹 {where}（{exc.strerror or type(exc).__name__}），请检查路径和权限\n"
              f"Cannot read or write {where} ({exc.strerror or type(exc).__name__}); check the path and "
              "permissions", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, data_dir: Path) -> int:
    from counter_app.district import accounts, admin_actions
    from counter_app.district.runtime import build_runtime
    from counter_app.district.seed import seed_demo
    from counter_app.domain.status import Role

    settings = settings_from_args(args, data_dir)
    command = args.district_command
    if command == "serve":
        return _serve(args, settings)
    if command == "add-device-code" and args.valid_days < 1:
        raise UserFacingError("--valid-days 至少为 1 天", "--valid-days must be at least 1")
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
        elif command in ("audit-verify", "audit-export"):
            from counter_app.district import audit

            with runtime.db.read() as session:
                if command == "audit-export":
                    print(f"已导出 {audit.export(session, args.out)} 条 / records exported: {args.out}")
                    return 0
                report = audit.verify(session)
            print(f"{report.message_zh}\n{report.message_en}")
            return 0 if report.ok else 1
        elif command == "purge":
            from counter_app.district.retention import purge_blobs

            days = args.days if args.days is not None else settings.blob_retention_days
            print(purge_blobs(runtime.db, runtime.blobs, days).summary())
        elif command == "set-client-version":
            from counter_app.district.releases import publish_from_cli

            print(publish_from_cli(runtime, args.current, args.minimum, args.download_url, args.notes))
        elif command == "revoke-device":
            with runtime.db.write() as session:
                done = admin_actions.revoke_device(session, args.device_id, by=None, actor="cli")
            print("已撤销该设备及其登录 / device and its sessions revoked" if done
                  else "没有找到该设备 / no such device")
            return 0 if done else 1
        elif command in ("disable-user", "enable-user"):
            active = command == "enable-user"
            with runtime.db.write() as session:
                change = admin_actions.set_user_active(session, args.username, active, by=None, actor="cli")
            if not change.found:
                print(f"没有找到账号 {args.username} / no such user", file=sys.stderr)
                return 1
            print(f"已启用账号 {args.username} / user enabled" if active else
                  f"已停用账号 {args.username}，{change.sessions_ended} 个登录已失效 / user disabled")
    finally:
        runtime.close()
    return 0


def _check_database_url(url: str) -> None:
    """Refuse a URL the district cannot use before anything opens it (SQLAlchemy would raise a bare
    ArgumentError/ValueError with a traceback)."""
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        raise UserFacingError(
            "数据库地址格式不正确，应为 sqlite:///文件路径 或 postgresql+psycopg://用户@主机/数据库",
            "The database URL is not valid; use sqlite:///path or postgresql+psycopg://user@host/db",
        ) from None
    if backend == "sqlite" and make_url(url).database in (None, "", ":memory:"):
        raise UserFacingError("区县服务需要一个 SQLite 数据库文件（sqlite:///文件路径），不能用内存数据库",
                              "The district service needs a SQLite file (sqlite:///path), not in memory")
    if backend not in ("sqlite", "postgresql"):
        raise UserFacingError(f"不支持的数据库类型 {backend}，请使用 sqlite 或 postgresql",
                              f"Unsupported database {backend}; use sqlite or postgresql")


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    try:
        with warnings.catch_warnings():  # "may be echoed" + a source line, when there is no terminal
            warnings.simplefilter("ignore", getpass.GetPassWarning)
            first = getpass.getpass("密码 / password: ")
            repeat = getpass.getpass("再次输入密码 / repeat: ")
    except (EOFError, KeyboardInterrupt):
        # No terminal (a script, a scheduled task, a pipe without --password-stdin) or Ctrl+C: getpass
        # falls back to stdin and finds it empty.
        raise UserFacingError(
            "没有输入密码，账号未添加。请在命令行窗口中运行并按提示输入密码，"
            "或加 --password-stdin 从标准输入提供密码（例如 echo 密码 | counter-app district add-user …）",
            "No password was entered; the user was not added. Run it in a console and type the password, or "
            "add --password-stdin and pipe the password in") from None
    if repeat != first:
        raise UserFacingError("两次输入的密码不一致", "The passwords differ")
    return first


def _serve(args: argparse.Namespace, settings: Any) -> int:
    import uvicorn

    from counter_app.district.app import create_app
    from counter_app.district.runtime import build_runtime
    from counter_app.district.seed import seed_demo

    if bool(args.tls_cert) != bool(args.tls_key):
        raise UserFacingError("--tls-cert 与 --tls-key 需同时提供", "Give both --tls-cert and --tls-key")
    for given in (args.tls_cert, args.tls_key):  # uvicorn would fail later with a nameless traceback
        if given and not Path(given).is_file():
            raise UserFacingError(f"找不到证书或私钥文件：{given}",
                                  f"Certificate or key file not found: {given}")
    runtime = build_runtime(settings)
    if args.seed_demo:
        seed_demo(runtime)
    options: dict[str, Any] = {
        "host": args.host, "port": args.port, "log_level": "info", "access_log": not args.no_access_log,
        "ssl_certfile": str(args.tls_cert) if args.tls_cert else None,
        "ssl_keyfile": str(args.tls_key) if args.tls_key else None, "timeout_graceful_shutdown": 10}
    scheme = "https" if args.tls_cert else "http"
    print(f"区县服务 {scheme}://{args.host}:{args.port}  (OpenAPI: /openapi.json)", flush=True)
    if args.workers > 1:
        # Worker processes share the port; each builds its own runtime from the same settings (the
        # database is migrated and seeded above, once). Python runs one request at a time per process,
        # so on a multi-core server this is what uses the other cores.
        runtime.close()
        os.environ[_WORKER_SETTINGS] = json.dumps({
            "district_dir": str(settings.blob_dir.parent), "database_url": settings.database_url,
            "blob_dir": str(settings.blob_dir), "key_file": str(settings.key_file),
            "district_code": settings.district_code,
            **{option: getattr(args, option, None) for option in _RATE_LIMIT_ARGS}})
        uvicorn.run("counter_app.district.cli:worker_app", factory=True, workers=args.workers, **options)
        return 0
    uvicorn.run(create_app(settings, runtime=runtime), **options)
    return 0


_WORKER_SETTINGS = "COUNTER_APP_DISTRICT_WORKER"  # the parent's resolved settings, for its workers


def worker_app() -> Any:
    """uvicorn's app factory in each `serve --workers N` process."""
    from counter_app.district.app import create_app

    args = argparse.Namespace(**json.loads(os.environ[_WORKER_SETTINGS]))
    # Several processes: each runs its requests' work on its own event loop (see the setting).
    settings = dataclasses.replace(settings_from_args(args, Path(args.district_dir)), work_on_event_loop=True)
    return create_app(settings)
