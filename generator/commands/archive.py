"""filings archive: write one project's archive package as a ZIP (《办法》第十八条)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..repository import PROJECT_FOLDER
from .outputs import refuse_message

NAME = "archive"
HELP = "为一个项目生成归档包（ZIP）：全部备案和附件、Git 修改历史、SM3/SHA-256 摘要清单，供移交档案部门"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", metavar="项目编号", help="要归档的项目，例如 2023-SHSY-01")
    p.add_argument("--out", type=Path, default=None, metavar="文件",
                   help="归档包的路径（默认当前目录下的 项目编号-归档-日期.zip）；不得位于 filings/ 中，从不覆盖已有文件")


def run(args: argparse.Namespace) -> int:
    from ..archive import write_archive

    root = args.repo.resolve()
    if not root.is_dir():
        return _usage(f"仓库目录 {args.repo} 不存在")
    folder = root / "filings" / args.project
    if not PROJECT_FOLDER.match(args.project):
        return _usage(f"项目编号“{args.project}”不合规：应为 申报年度-部门代码-两位序号，例如 2025-SHSY-01")
    if folder.is_symlink() or not folder.is_dir():
        return _usage(f"项目 {args.project} 不存在：filings/{args.project}/ 不是本仓库中的文件夹")
    out = args.out or Path(f"{args.project}-归档-{args.as_of}.zip")
    refused = refuse_message(out, root)
    if refused:
        return _usage(refused)
    if out.exists() or out.is_symlink():
        return _usage(f"{out} 已存在：为免覆盖，请用 --out 指定新的文件名")
    if not out.parent.is_dir():
        return _usage(f"目录 {out.parent} 不存在：请先创建它，或用 --out 指定其他位置")
    try:
        made = write_archive(root, args.project, out, args.as_of)
    except OSError as exc:
        print(f"无法写入归档包 {out}：{exc.strerror or exc}。没有生成任何文件", file=sys.stderr)
        return 1
    history = "含 Git 修改历史" if made.history else "不在 Git 仓库中，未含修改历史"
    print(f"已生成归档包 {out}：{made.files} 个文件（备案和附件），{history}，附 SM3/SHA-256 摘要清单 manifest.json。\n"
          f"核验：filings verify {out}")
    return 0


def _usage(message: str) -> int:
    print(f"用法错误：{message}", file=sys.stderr)
    return 2
