"""filings init: start a district's own filing repository. Never overwrites a file.

The files' text lives in templates/repo/ (so a district can read and adapt it);
this module only says where each one goes.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import jinja2

from ..templates import ROOT

NAME = "init"
HELP = "为一个辖区新建备案仓库：部门名录、节假日补充表、提交前检查配置、合并请求模板（不覆盖已有文件）"
COMMON = False

SOURCE = ROOT / "templates" / "repo"
HOOK = "scripts/filings-check.sh"
# Target path in the new repository -> template under templates/repo/ (".j2": filled in).
FILES = {
    "filings/registry.yml": "registry.yml.j2",
    "filings/calendar.yml": "calendar.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    HOOK: "filings-check.sh",
    ".gitignore": "gitignore",
    "README.md": "README.md.j2",
}
KINDS = ("新项目申报", "备案", "调整", "更正")
# Where each platform looks for merge-request templates. GitHub and GitLab offer a
# choice among several; Gitea and Gitee read one file, which holds all four kinds.
CHOICE_DIRS = (".github/PULL_REQUEST_TEMPLATE", ".gitlab/merge_request_templates")
SINGLE_FILES = (".github/pull_request_template.md", ".gitea/PULL_REQUEST_TEMPLATE.md",
                ".gitee/PULL_REQUEST_TEMPLATE.zh-CN.md")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repo", type=Path, default=Path("."), help="新仓库所在目录（默认当前目录）")
    p.add_argument("--district", required=True, metavar="辖区全称", help="例如 聊城高新技术产业开发区")
    p.add_argument("--chief", required=True, metavar="姓名", help="首席数据代表姓名（第二十二条）")
    p.add_argument("--add-missing", action="store_true",
                   help="已有仓库：只补上缺少的文件（如合并请求模板），已有的文件一律不动")


def _render(name: str, district: str, chief: str) -> str:
    text = (SOURCE / name).read_text(encoding="utf-8")
    if not name.endswith(".j2"):
        return text
    env = jinja2.Environment(keep_trailing_newline=True, autoescape=False, undefined=jinja2.StrictUndefined)
    return env.from_string(text).render(district=district, chief=chief)


def _pull_request_templates() -> dict[str, str]:
    bodies = {kind: (SOURCE / "pull-requests" / f"{kind}.md").read_text(encoding="utf-8") for kind in KINDS}
    combined = (SOURCE / "pull-requests" / "合并说明.md").read_text(encoding="utf-8") + "\n" + \
        "\n----\n\n".join(bodies.values())
    out = {f"{folder}/{kind}.md": body for folder in CHOICE_DIRS for kind, body in bodies.items()}
    out.update({path: combined for path in SINGLE_FILES})
    return out


def files(district: str, chief: str) -> dict[str, str]:
    out = {target: _render(name, district, chief) for target, name in FILES.items()}
    out.update(_pull_request_templates())
    return out


def run(args: argparse.Namespace) -> int:
    root = args.repo
    wanted = files(args.district.strip(), args.chief.strip())
    existing = [rel for rel in wanted if (root / rel).exists() or (root / rel).is_symlink()]
    if existing and not args.add_missing:
        print(f"用法错误：{root} 中已有 {'、'.join(existing)}，为免覆盖，未做任何改动"
              f"（已有仓库只想补上缺少的文件，请加 --add-missing）", file=sys.stderr)
        return 2
    for rel, text in wanted.items():
        if rel in existing:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
        if rel == HOOK:
            os.chmod(path, 0o755)
    if existing:
        print(f"已保留原有的 {'、'.join(existing)}，补上了其余 {len(wanted) - len(existing)} 个文件。")
        return 0
    print(f"已在 {root} 建立备案仓库。下一步：\n"
          f"  1. 在 filings/registry.yml 中补全本辖区的全部政务部门（可为每个部门写上审核人账号）；\n"
          f"  2. git init，然后 pre-commit install 启用提交前检查；\n"
          f"  3. filings codeowners 生成 CODEOWNERS，合并请求自动请各部门的审核人审核；\n"
          f"  4. filings check 确认无误后首次提交；\n"
          f"  5. 各部门用 filings new 立项申请 --dept 部门代码 开始第一个项目。")
    return 0
