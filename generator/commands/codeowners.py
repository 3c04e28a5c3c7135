"""filings codeowners: CODEOWNERS from the registry, so each merge request asks the right reviewers.

Each department's projects (`filings/<年度>-<代码>-<序号>/`) go to that department's
审核人; the ★ filing types, which only 综合管理 files (spec §3), and the registry
itself go to the 综合管理 department's 审核人. GitHub, GitLab and Gitee read
gitignore-style patterns where the last matching line wins; Gitea reads Go regular
expressions and asks the owners of every matching line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ..checks.registry import check_registry
from ..model import Registry
from ..schema.common import FILING_TYPES_ORDER
from ..schema.types import FILING_TYPES
from .outputs import refuse_message

NAME = "codeowners"
HELP = "根据部门名录中的审核人生成 CODEOWNERS：各部门的项目由本部门审核，★ 类备案由综合管理办公室审核"
COMMON = False
REGISTRY = "filings/registry.yml"
MARK = "# 由 filings codeowners 根据 filings/registry.yml 生成"


class Platform(NamedTuple):
    path: str  # where init/CI put the file; every platform also reads CODEOWNERS and docs/CODEOWNERS
    project: Callable[[str], str]  # department code -> pattern of its project folders
    typed: Callable[[str], str]  # filing type -> pattern of its files in any project
    default: tuple[str, ...]  # everything else: registry, calendar, CI, templates, this file
    note: str


def _project_glob(code: str) -> str:
    return f"/filings/*-{code}-*/"


def _typed_glob(type_name: str) -> str:
    return f"/filings/*/{type_name}*.md"


# Character classes instead of backslashes: Gitea's file format treats "\" as an escape of its own.
def _project_regex(code: str) -> str:
    return f"filings/[0-9]{{4}}-{code}-[0-9]{{2}}/.*"


def _typed_regex(type_name: str) -> str:
    return f"filings/[^/]+/{type_name}[^/]*[.]md"


GLOB_NOTE = ("同一文件匹配多行时，以最后一行为准：第一行 * 为默认（含未登记审核人的部门的项目），"
             "★ 类备案写在各部门的项目之后。")
PLATFORMS = {
    "github": Platform(".github/CODEOWNERS", _project_glob, _typed_glob, ("*",), GLOB_NOTE),
    "gitlab": Platform(".gitlab/CODEOWNERS", _project_glob, _typed_glob, ("*",), GLOB_NOTE + "极狐GitLab 同样适用。"),
    "gitee": Platform(".gitee/CODEOWNERS", _project_glob, _typed_glob, ("*",), GLOB_NOTE),
    "gitea": Platform(".gitea/CODEOWNERS", _project_regex, _typed_regex, ("!filings/.*", "filings/[^/]+[.]yml"),
                      "Gitea 用正则表达式，并请所有匹配行的审核人审核：★ 类备案同时请项目所属部门和综合管理办公室审核。"),
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repo", type=Path, default=Path("."), help="备案仓库根目录（默认当前目录）")
    p.add_argument("--platform", choices=tuple(PLATFORMS), default="github",
                   help="代码托管平台（决定文件格式和默认位置），默认 github")
    p.add_argument("--out", default=None, metavar="路径",
                   help="写到哪里（相对于仓库根目录；默认 github: .github/CODEOWNERS，gitlab: .gitlab/CODEOWNERS，"
                        "gitee: .gitee/CODEOWNERS，gitea: .gitea/CODEOWNERS）；- 表示打印到屏幕")
    p.add_argument("--check", action="store_true", help="只检查文件是否与部门名录一致，不一致时退出码为 1（用于 CI）")


def render(registry: Registry, platform: str) -> str:
    how = PLATFORMS[platform]
    central = list(dict.fromkeys(a for d in registry.departments.values() if registry.is_central(d.code)
                                 for a in d.reviewers))
    lines = [f"{MARK}（{platform}），请勿手工修改；部门名录改动后重新运行 filings codeowners。",
             f"# {how.note}", ""]
    lines += _block("默认（部门名录、节假日补充表、CI 配置、本文件等）：综合管理办公室审核", list(how.default), central)
    for dept in registry.departments.values():
        lines += _block(f"{dept.name}（{dept.code}）的项目", [how.project(dept.code)], list(dept.reviewers))
    starred = [how.typed(t) for t in FILING_TYPES_ORDER if FILING_TYPES[t].central]
    lines += _block("★ 类备案（只能由综合管理办公室填报，第五条）：综合管理办公室审核", starred, central)
    return "\n".join(lines).rstrip("\n") + "\n"


def _block(title: str, patterns: list[str], owners: list[str]) -> list[str]:
    if not owners:
        return [f"# {title}：未在 filings/registry.yml 中登记审核人", ""]
    return [f"# {title}", *(f"{p} {' '.join(owners)}" for p in patterns), ""]


def run(args: argparse.Namespace) -> int:
    root = args.repo
    source = root / REGISTRY
    if not source.is_file():
        print(f"用法错误：{source} 不存在：请在备案仓库根目录运行，或用 --repo 指定", file=sys.stderr)
        return 2
    registry, problems = check_registry(REGISTRY, source.read_bytes(), dt.date.today())
    errors = [p for p in problems if p.kind == "error"]
    if errors:
        sys.stdout.write("".join(p.text() + "\n" for p in errors))
        print("部门名录有错误，未生成 CODEOWNERS：请先改正以上问题", file=sys.stderr)
        return 1
    out = args.out or PLATFORMS[args.platform].path
    text = render(registry, args.platform)
    if out == "-":
        sys.stdout.write(text)
        return 0
    refused = None if args.check else refuse_message(root / out, root.resolve())
    if refused:  # no command but `new` writes under filings/
        print(f"用法错误：{refused}", file=sys.stderr)
        return 2
    return _check(root / out, out, text) if args.check else _write(root / out, out, text)


def _check(path: Path, out: str, text: str) -> int:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        print(f"{out} 与部门名录一致。")
        return 0
    print(f"{out}: {'与部门名录不一致' if path.exists() else '不存在'}：请运行 filings codeowners 重新生成并提交")
    return 1


def _write(path: Path, out: str, text: str) -> int:
    if path.is_symlink() or (path.exists() and not path.read_text(encoding="utf-8").startswith(MARK)):
        print(f"用法错误：{out} 已存在且不是 filings codeowners 生成的，为免覆盖未做改动；"
              f"请改用 --out 指定别的位置，或先自行合并后删除原文件", file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    print(f"已写入 {out}。")
    return 0
