"""Command-line wiring only: each subcommand lives in generator/commands/ and returns an exit code."""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import progress
from .engine.facts import SEVERE_DELAY_DAYS

# Subcommands, in the order `filings --help` lists them; each is generator/commands/<name>.py.
COMMANDS = ("check", "new", "build", "due", "rules", "serve", "schema", "init", "review", "codeowners", "verify",
            "archive")

_TRANSLATE = {
    "the following arguments are required": "缺少必需的参数",
    "unrecognized arguments": "无法识别的参数",
    "invalid choice": "无效的选项",
    "expected one argument": "需要一个参数值",
    "argument": "参数",
    "choose from": "可选",
}


class Parser(argparse.ArgumentParser):
    """argparse with Chinese usage errors and exit code 2."""

    def error(self, message: str) -> NoReturn:
        for en, zh in _TRANSLATE.items():
            message = message.replace(en, zh)
        self.print_usage(sys.stderr)
        self.exit(2, f"用法错误：{message}\n运行 {self.prog} --help 查看说明。\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "用法：", 1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")


def as_of_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None


def common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repo", type=Path, default=Path("."), help="备案仓库根目录（默认当前目录）")
    parser.add_argument("--as-of", type=as_of_date, default=None, metavar="YYYY-MM-DD",
                        help="以哪一天为“今天”计算期限（默认今天）")
    parser.add_argument("--severe-delay-days", type=int, default=SEVERE_DELAY_DAYS, metavar="天数",
                        help=f"超过当前计划完成日期多少天视为“疑似严重逾期”（第十七条，默认 {SEVERE_DELAY_DAYS}）")


def make_parser(only: str | None = None) -> Parser:
    """The whole command line; with `only` (a subcommand's name), just that subcommand, so a
    pre-commit hook does not import the site builder, the web server and the templates."""
    parser = Parser(prog="filings", description="政务信息系统项目备案库：检查备案、计算期限、生成项目目录站点。")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=Parser)
    for name in COMMANDS if only is None else (only,):
        module = importlib.import_module(f".commands.{name}", __package__)
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        if getattr(module, "COMMON", True):
            common(p)
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = make_parser(words[0] if words and words[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    if getattr(args, "as_of", "") is None:
        args.as_of = dt.date.today()
    try:
        with progress.shown(sys.stderr.isatty()):  # bars on a terminal only, never in CI or the hook
            return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `filings due | head`: the reader has gone, nothing left to say
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        return unexpected(exc)


DEBUG_ENV = "FILINGS_DEBUG"
INTERNAL_ERROR = 3


def unexpected(exc: BaseException) -> int:
    """Any error no command foresaw: a Chinese message, and the traceback only when asked for."""
    if os.environ.get(DEBUG_ENV) == "1":
        traceback.print_exc()
    if isinstance(exc, OSError):
        where = f"（{exc.filename}）" if exc.filename else ""
        print(f"文件操作失败{where}：{exc.strerror or exc}。请检查路径是否存在、是否有读写权限、磁盘是否已满；"
              f"备案文件没有被改动", file=sys.stderr)
        return 1
    print(f"程序内部出错（{type(exc).__name__}）：请把所运行的命令和这条信息发给维护人员；"
          f"设置环境变量 {DEBUG_ENV}=1 后重新运行可看到详细信息。备案文件没有被改动", file=sys.stderr)
    return INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
