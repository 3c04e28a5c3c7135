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


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Like run(), also for usage errors, which argparse reports by raising SystemExit."""
    import contextlib
    import io

    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()
