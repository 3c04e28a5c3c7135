"""Shared helpers for the output-side safety tests (tests/safety/test_output_*.py)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "publish"))

from demo_repo import AS_OF, DEMO, copy_demo, git_commit, run  # noqa: E402

__all__ = ["AS_OF", "DEMO", "copy_demo", "git_commit", "run", "replace_in"]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
