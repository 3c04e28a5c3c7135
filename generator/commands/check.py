"""filings check: structural errors and engine findings (spec §8)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from ..problems import Problem, render_json, render_text
from ..history import HistoryError, changed_since
from . import findings_for, load_repo

ALWAYS_REPORTED = frozenset({"E501"})
NAME = "check"
HELP = "检查备案文件：结构错误（阻止提交）和合规提示（不阻止提交）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, help="只报告这些文件或文件夹（默认整个仓库）")
    p.add_argument("--base", default=None, metavar="REF", help="与该 Git 版本比较，启用删除和篡改检查（第十六条）")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    p.add_argument("--cache-dir", type=Path, default=None, metavar="目录",
                   help="检查结果缓存放在哪里（默认 .git/filings-cache/，或环境变量 FILINGS_CACHE_DIR）")
    p.add_argument("--no-cache", dest="cache", action="store_false", help="不读也不写检查结果缓存")


def run(args: argparse.Namespace) -> int:
    chosen = _chooser(args.paths, args.repo.resolve())
    try:
        # With --base, a changed application is compared section by section, so its body is needed.
        changed = changed_since(args.repo.resolve(), args.base) if args.base and args.repo.is_dir() else set()
        focus = None if chosen is None else (lambda path: chosen(path) or path in changed)
        # The cache (generator/cache.py) spares unchanged files; a path-limited check reads in
        # full only the projects it reports on (and their 前序项目), as the hook needs.
        repo = load_repo(args, focus, cache=args.cache, cache_dir=args.cache_dir, scope=focus,
                         bodies=lambda path: path in changed)
        if repo is None:
            return 2
        problems = repo.problems + findings_for(repo, args)
    except HistoryError as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return 2
    if chosen is None:
        selected, files = problems, len(repo.filings) + 1
    else:
        # A deleted filing cannot be named on the command line (pre-commit passes only existing
        # files), so deletions are always reported.
        selected = [p for p in problems if chosen(p.path) or p.code in ALWAYS_REPORTED]
        files = sum(1 for f in repo.filings if chosen(f.path))
    if args.format == "json":
        sys.stdout.write(render_json(selected, files))
    else:
        sys.stdout.write(render_text(selected))
        _summary(selected, files)
    return 1 if any(p.kind == "error" for p in selected) else 0


def _chooser(paths: list[Path], root: Path) -> Callable[[str], bool] | None:
    """Which repository paths the user asked about (None: all of them)."""
    if not paths:
        return None
    wanted = []
    for raw in paths:
        absolute = (Path.cwd() / raw).resolve() if not raw.is_absolute() else raw
        try:
            wanted.append(absolute.relative_to(root).as_posix())
        except ValueError:
            wanted.append(raw.as_posix())

    if any(w in (".", "") for w in wanted):
        return lambda path: True
    exact = frozenset(wanted)
    prefixes = tuple(w.rstrip("/") + "/" for w in wanted)

    def chosen(path: str) -> bool:
        return path in exact or path.startswith(prefixes)

    return chosen


def _summary(problems: list[Problem], files: int) -> None:
    errors = sum(p.kind == "error" for p in problems)
    findings = len(problems) - errors
    verdict = "有错误，不能提交" if errors else "可以提交"
    print(f"检查了 {files} 个文件：{errors} 个错误，{findings} 条合规提示。{verdict}。", file=sys.stderr)
