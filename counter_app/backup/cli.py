"""`counter-app backup` and `counter-app restore`.

    counter-app backup  --data-dir D --out FILE [--username U [--password-stdin]]
    counter-app restore --data-dir NEW --file FILE [--district-url URL] [--ca-file PEM]
                        [--registration-code CODE] [--username U [--password-stdin]]

A backup needs the district once, to deposit its key (the demo signs in by itself; otherwise the clerk
signed in at the window, or --username). A restore on a replaced PC registers it with the
administrator's one-time code, signs a clerk of the backup's township in and fetches the key.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from counter_app.errors import UserFacingError


def add_backup_commands(subparsers: Any) -> None:
    backup = subparsers.add_parser("backup", help="备份本机数据 / back up this counter's data")
    backup.add_argument("--data-dir", dest="sub_data_dir", help="数据目录 / data folder")
    backup.add_argument("--out", required=True, type=Path, help="备份文件 / backup file to write")
    _sign_in_options(backup)

    restore = subparsers.add_parser("restore", help="从备份恢复到新数据目录 / restore into a new data folder")
    restore.add_argument("--data-dir", dest="sub_data_dir", help="新的数据目录 / the new data folder")
    restore.add_argument("--file", required=True, type=Path, help="备份文件 / backup file")
    restore.add_argument("--district-url", help="区级服务地址 / district service address")
    restore.add_argument("--ca-file", help="区级服务的 CA 证书 / CA certificate of the district service")
    restore.add_argument("--registration-code",
                         help="设备登记码（一次有效）/ one-time device registration code")
    _sign_in_options(restore)


def _sign_in_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--username", help="窗口受理员账号 / clerk account")
    parser.add_argument("--password-stdin", action="store_true",
                        help="从标准输入读取密码 / read the password from stdin")


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return getpass.getpass("密码 / password: ")


def run_backup_command(args: argparse.Namespace, data_dir: Path) -> int:
    try:
        lines = _backup(args, data_dir) if args.command == "backup" else _restore(args, data_dir)
    except UserFacingError as exc:
        print(f"{exc.message_zh}\n{exc.message_en}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def _backup(args: argparse.Namespace, data_dir: Path) -> list[str]:
    from counter_app.backup.service import backup_folder, escrow_for
    from counter_app.context import AppContext
    from counter_app.sync.wiring import open_sync

    context = AppContext.open(data_dir, sync=False)
    sync = open_sync(data_dir, context.settings, outbox=context.outbox, blobs=context.blobs,
                     audit=context.audit, startup_delay=0.0)
    try:
        if args.username:
            sync.sessions.sign_in(args.username, _password(args))
        summary = backup_folder(data_dir, context.settings, args.out,
                                escrow=escrow_for(sync, context.settings), audit=context.audit,
                                actor=args.username or "cli")
    finally:
        sync.close()
        context.close()
    return [f"已备份到 {summary.path}（{summary.size / 1e6:.1f} MB，{summary.cases} 个案件，"
            f"其中 {summary.unsynced} 个尚未送达区级，{summary.images} 个图片文件，"
            f"用时 {summary.seconds:.1f} 秒）",
            f"Backed up to {summary.path}: {summary.size} bytes, {summary.cases} cases ({summary.unsynced} "
            f"not yet delivered), {summary.images} image files, {summary.seconds:.1f} s"]


def _restore(args: argparse.Namespace, data_dir: Path) -> list[str]:
    from counter_app.backup.restore import backup_header
    from counter_app.backup.service import restore_signed_in
    from counter_app.config import SETTINGS_FILE, Settings

    header = backup_header(args.file)
    existing = Settings.load(data_dir / SETTINGS_FILE)
    url = args.district_url or existing.district_url
    if not url:
        raise UserFacingError("请用 --district-url 指定区级服务地址（恢复时要从区级服务取回备份密钥）",
                              "Give the district service address with --district-url (the backup key is "
                              "fetched from it)")
    ca_file = args.ca_file or existing.extra.get("district_ca_file")
    configured = (data_dir / SETTINGS_FILE).exists()  # e.g. set up for its township on this PC already
    summary = restore_signed_in(
        args.file, data_dir, district_url=url, ca_file=str(ca_file) if ca_file else None,
        township_code=existing.township_code if configured else header.township_code,
        counter_name=existing.counter_name if configured else header.counter_name,
        username=args.username or "", password=_password(args) if args.username else "",
        registration_code=args.registration_code)
    return [f"已恢复到 {data_dir}：{summary.cases} 个案件（{summary.unsynced} 个待上传，启动后自动同步），"
            f"{summary.images} 个图片文件；备份时间 {summary.created_local}",
            f"Restored into {data_dir}: {summary.cases} cases ({summary.unsynced} waiting to be sent; they "
            f"sync after start-up), {summary.images} image files; backup of {summary.created_local}"]
