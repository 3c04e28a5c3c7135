"""A small good repository (tests/fixtures/base) to attack, and `filings` run in-process."""
from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

from generator.cli import main

BASE = Path(__file__).resolve().parents[1] / "fixtures" / "base"
AS_OF = "2025-12-01"
APP = "filings/2025-SHSY-01/立项申请.md"
REVIEW = "filings/2025-SHSY-01/评审意见.md"


def make_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    return root


def run(*argv: str) -> tuple[int, str, str]:
    """`filings ARGV...` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def check(root: Path, *paths: str) -> tuple[int, str]:
    code, out, _ = run("check", "--repo", str(root), "--as-of", AS_OF, *paths)
    return code, out


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def codes_at(out: str) -> list[tuple[str, str]]:
    """(path:line, code) of every problem line."""
    found = []
    for line in out.splitlines():
        where, rest = line.split(": ", 1)
        found.append((where.rsplit(":", 1)[0] if where.count(":") == 2 else where, rest.split(" ", 1)[0]))
    return found
