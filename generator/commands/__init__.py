"""One module per subcommand; shared helpers live here."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from .. import progress
from ..engine import evaluate
from ..problems import Problem
from ..repository import Repository, load


def findings_for(repo: Repository, args: argparse.Namespace) -> list[Problem]:
    """Engine findings for a loaded repository (the git-aware rules: generator/change/)."""
    with progress.stage("合规引擎：计算状态、期限和合规提示"):
        return evaluate(repo, severe_delay_days=args.severe_delay_days)


def load_repo(args: argparse.Namespace, focus: Callable[[str], bool] | None = None,
              **options: Any) -> Repository | None:
    """Load --repo as of --as-of, or say in Chinese why not (the caller then exits 2).
    `options` go to repository.load (cache, cache_dir, scope, bodies)."""
    root = args.repo.resolve()
    if not root.is_dir():
        print(f"用法错误：仓库目录 {args.repo} 不存在", file=sys.stderr)
        return None
    return load(root, args.as_of, focus, **options)
