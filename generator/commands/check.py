"""filings check: structural errors and engine findings (spec §8)."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..change import HistoryError, read_base
from ..change.git import Base
from ..change.rules import ALWAYS_REPORTED as CHANGE_ALWAYS
from ..engine.cross import extract
from ..problems import Problem, error, render_github, render_gitlab, render_json, render_text
from ..reading.chars import escape
from ..repository import FILINGS, Repository
from . import findings_for, load_repo

# Deleted, renamed-away and replaced filings, and the import register, are not among the paths a
# pre-commit hook passes; they are reported whatever paths were asked about.
ALWAYS_REPORTED = CHANGE_ALWAYS | {"E510", "F321"}
RENDERERS = {"text": render_text, "github": render_github, "gitlab": render_gitlab}
NAME = "check"
HELP = "检查备案文件：结构错误（阻止提交）和合规提示（不阻止提交）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, help="只报告这些文件或文件夹（默认整个仓库）")
    p.add_argument("--base", default=None, metavar="REF",
                   help="与该 Git 版本比较：拒绝删除、改名、替换已入库的备案和未登记更正记录的改动（第十六、三十二条）")
    p.add_argument("--format", choices=("text", "json", "github", "gitlab"), default="text",
                   help="输出格式：text 每个问题一行；json；github 为 GitHub/Gitea Actions 注释；gitlab 为 GitLab 代码质量报告")
    p.add_argument("--cache-dir", type=Path, default=None, metavar="目录",
                   help="检查结果缓存放在哪里（默认 .git/filings-cache/，或环境变量 FILINGS_CACHE_DIR）")
    p.add_argument("--no-cache", dest="cache", action="store_false", help="不读也不写检查结果缓存")


def run(args: argparse.Namespace) -> int:
    args.repo = _find_root(args.repo)
    chosen, unknown, wanted = _chooser(args.paths, args.repo.resolve())
    try:
        # With --base, a changed application is compared section by section, so its body is needed.
        # git is asked once which files differ; those are read with their bodies, for comparison
        base = read_base(args.repo.resolve(), args.base, partial=True) if args.base and args.repo.is_dir() else None
        changed = set(base.status) if base is not None else set()
        focus = None if chosen is None else (lambda path: chosen(path) or path in changed)
        # The cache (generator/cache.py) spares unchanged files; a path-limited check reads in
        # full only the projects it reports on (and their 前序项目 and 建设单位), as the hook needs,
        # and knows the others by their cached CrossFacts (engine/cross.py).
        repo = load_repo(args, focus, cache=args.cache, cache_dir=args.cache_dir,
                         scope=_scope(args.repo.resolve(), wanted, changed), bodies=lambda path: path in changed, cross=extract,
                         unstaged=base.unstaged if base is not None else None)
        if repo is None:
            return 2
        problems = repo.problems + findings_for(repo, args) + _change_problems(repo, args, base)
    except HistoryError as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return 2
    if chosen is None:
        selected, files = problems, len(repo.filings) + 1
    else:
        # A deleted filing cannot be named on the command line (pre-commit passes only existing
        # files), so deletions are always reported.
        selected = unknown + [p for p in problems if chosen(p.path) or p.code in ALWAYS_REPORTED]
        files = sum(1 for f in repo.filings if chosen(f.path))
    if args.format == "json":
        sys.stdout.write(render_json(selected, files))
    else:
        sys.stdout.write(RENDERERS[args.format](selected))
        _summary(selected, files)
    return 1 if any(p.kind == "error" for p in selected) else 0


def _change_problems(repo: Repository, args: argparse.Namespace, base: Base | None) -> list[Problem]:
    """With --base: the append-only errors and late-entry findings of the change (generator/change/)."""
    if base is None:
        return []
    from ..change import compute
    from ..change.facts import approved_by_engine

    return compute(repo, args.base, approved=approved_by_engine(repo, args.severe_delay_days), base=base).problems


def _scope(root: Path, wanted: list[str] | None, changed: set[str]) -> set[str] | None:
    """The project folders a path-limited check reads in full; None: all of them. (The files
    directly under filings/, such as registry.yml, are always read.)"""
    if wanted is None:
        return None
    folders = set()
    for path in [*wanted, *changed]:
        parts = path.rstrip("/").split("/")
        if len(parts) < 2 or parts[0] != FILINGS:
            return None  # filings/ itself
        if len(parts) > 2 or (root / path).is_dir():
            folders.add(parts[1])
    return folders


def _chooser(paths: list[Path], root: Path) -> tuple[Callable[[str], bool] | None, list[Problem], list[str] | None]:
    """Which repository paths the user asked about (None: all of them), and an error (E430) for
    each path that does not exist, lies outside filings/ or differs from a real name only in case.
    Paths resolve from the current folder, as a shell user expects."""
    if not paths:
        return None, [], None
    wanted: list[str] = []
    unknown: list[Problem] = []
    for raw in paths:
        rel, message = _locate(raw, root)
        if message is None:
            wanted.append(rel)
        else:
            unknown.append(error(escape(str(raw)), None, None, "E430", message))
    if any(w in (".", "") for w in wanted):
        return (lambda path: True), unknown, None
    exact = frozenset(wanted)
    prefixes = tuple(w.rstrip("/") + "/" for w in wanted)

    def chosen(path: str) -> bool:
        return path in exact or path.startswith(prefixes)

    return chosen, unknown, wanted


def _locate(raw: Path, root: Path) -> tuple[str, str | None]:
    """The path relative to the repository root, or why it cannot be checked."""
    absolute = Path(os.path.normpath(Path.cwd() / raw))  # not resolve(): a link stays a link (E407)
    rel = _relative(absolute, root) or _relative(absolute.resolve(), root)
    if rel is None:
        return "", f"路径不在备案仓库 {root} 中：只能检查 filings/ 下的文件或文件夹"
    if rel != "." and rel.split("/")[0] != FILINGS:
        return rel, f"路径 {rel} 不在 filings/ 下：只能检查 filings/ 下的备案文件或文件夹"
    current, case = root, False
    for part in ([] if rel == "." else rel.split("/")):
        try:
            names = os.listdir(current)
        except OSError:
            names = []
        if part not in names:
            same = [n for n in names if n.casefold() == part.casefold()]
            if not same:
                return rel, f"路径 {rel} 不存在：请检查文件名和所在文件夹（区分大小写）"
            part, case = same[0], True
        current = current / part
        if current.is_symlink():
            break  # reported by the listing (E407), never followed
    if case:
        fixed = current.relative_to(root).as_posix()
        return rel, f"路径 {rel} 与实际的名称只差大小写：应为 {fixed}（文件名区分大小写）"
    return rel, None


def _find_root(repo: Path) -> Path:
    """Without --repo, the repository is the nearest folder up from here that holds filings/,
    so `cd filings/2025-XYZ-01 && filings check 立项申请.md` works."""
    if repo != Path(".") or (Path.cwd() / FILINGS).is_dir():
        return repo
    here = Path.cwd()
    return next((folder for folder in here.parents if (folder / FILINGS).is_dir()), repo)


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def _summary(problems: list[Problem], files: int) -> None:
    errors = sum(p.kind == "error" for p in problems)
    findings = len(problems) - errors
    verdict = "有错误，不能提交" if errors else "可以提交"
    print(f"检查了 {files} 个文件：{errors} 个错误，{findings} 条合规提示。{verdict}。", file=sys.stderr)
