"""Copies of the demo district for the publishing tests, and `filings` run in-process."""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from pathlib import Path

from generator.cli import main

DEMO = Path(__file__).resolve().parents[2] / "filings"
AS_OF = "2026-11-29"
COMMIT_DATE = "2026-11-20T10:30:00+08:00"


def run(*argv: str) -> tuple[int, str, str]:
    """`filings ARGV...` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def copy_demo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(DEMO, root / "filings")
    return root


def git_commit(root: Path, message: str = "演示辖区备案") -> None:
    """A real repository with one commit by 李娜 on COMMIT_DATE."""
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE}

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=李娜", "-c", "user.email=lina@example.org",
                        "-c", "commit.gpgsign=false", *args], cwd=root, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "filings")
    git("commit", "-q", "-m", message)


def build(root: Path) -> tuple[int, str, str]:
    return run("build", "--repo", str(root), "--as-of", AS_OF)
