"""`counter-app` entry points.

    counter-app [--data-dir D] [--lang zh_CN|en]      the desktop client (default)
    counter-app demo --data-dir D                      the whole flow, headless, on the embedded default
    counter-app purge --data-dir D                     one retention pass (images, case data, old audit)
    counter-app backup --data-dir D --out FILE         encrypted backup (key escrowed with the district)
    counter-app restore --data-dir NEW --file FILE     restore onto a replaced PC (see counter_app.backup.cli)
    counter-app --smoke                                self-test of an installed or frozen build, then exit

The core never imports Qt: the desktop shell (`ui`) is loaded by name only when a window is asked for,
so `demo` (and the district service later) runs on a machine without PySide6.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from counter_app.backup.cli import add_backup_commands, run_backup_command
from counter_app.config import resolve_data_dir
from counter_app.district.cli import add_district_commands, run_district_command
from counter_app.logging_setup import configure_logging


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="counter-app",
                                     description="个体工商户登记 乡镇便民服务中心受理系统")
    parser.add_argument("--data-dir", help="数据目录（开发与测试用）/ data folder override")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="界面语言 / interface language")
    parser.add_argument("--verbose", action="store_true", help="log at DEBUG level")
    parser.add_argument("--smoke", action="store_true",
                        help="自检后退出（临时数据目录）/ self-test on a temporary folder, then exit")
    sub = parser.add_subparsers(dest="command")
    gui = sub.add_parser("gui", help="桌面客户端 / desktop client (default)")
    gui.add_argument("--data-dir", dest="sub_data_dir")
    demo = sub.add_parser("demo", help="无界面演示完整流程 / run the whole flow headless")
    demo.add_argument("--data-dir", dest="sub_data_dir")
    purge = sub.add_parser("purge", help="按保留期限清理图片与案件资料 / purge what retention allows")
    purge.add_argument("--data-dir", dest="sub_data_dir")
    add_district_commands(sub)
    add_backup_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    if args.smoke:  # before logging is set up: the smoke run must not touch the real data folder
        from counter_app.smoke import run_smoke

        return run_smoke()
    data_dir = resolve_data_dir(getattr(args, "sub_data_dir", None) or args.data_dir)
    try:
        configure_logging(data_dir, verbose=args.verbose)
    except OSError as exc:
        print(f"无法写入数据目录 {data_dir}：{exc.strerror}\nCannot write to the data folder {data_dir}.",
              file=sys.stderr)
        return 2
    if args.command == "demo":
        from counter_app.demo import run_demo

        return run_demo(data_dir)
    if args.command == "purge":
        from counter_app.purge_cli import run_purge

        return run_purge(data_dir)
    if args.command == "district":
        return run_district_command(args, data_dir)
    if args.command in ("backup", "restore"):
        return run_backup_command(args, data_dir)
    # The name is resolved at run time on purpose: see the module docstring.
    gui_module = importlib.import_module("ui.app")
    code: int = gui_module.run_gui(data_dir, language=args.lang)
    return code


if __name__ == "__main__":
    sys.exit(main())
