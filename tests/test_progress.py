"""Progress bars appear on a terminal (a real pseudo-terminal) and never in a pipe, and the
final report is the same either way."""
from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parent.parent / "filings"
AS_OF = "2026-11-30"


def run(args: list[str], cwd: Path, tty: bool) -> tuple[int, str, str]:
    """Run `python -m generator ARGS`; with `tty`, stderr is a pseudo-terminal."""
    cmd = [sys.executable, "-m", "generator", *args]
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    if not tty:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
        return proc.returncode, proc.stdout, proc.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    err = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            err += chunk
        elif proc.poll() is not None:
            break
    out = proc.stdout.read().decode() if proc.stdout else ""
    proc.wait(timeout=600)
    os.close(master)
    return proc.returncode, out, err.decode("utf-8", "replace")


@pytest.fixture
def district(tmp_path: Path) -> Path:
    root = tmp_path / "district"
    shutil.copytree(DEMO, root / "filings")
    return root


def test_check_shows_progress_only_on_a_terminal(district: Path) -> None:
    args = ["check", "--repo", str(district), "--as-of", AS_OF, "--no-cache"]
    code, out, err = run(args, district, tty=True)
    assert code == 0
    assert "读取并检查备案" in err
    assert "检查了 92 个文件" in err  # the final report is still printed, after the bars
    plain_code, plain_out, plain_err = run(args, district, tty=False)
    assert plain_code == 0 and plain_out == out
    assert "读取并检查备案" not in plain_err and "\x1b[" not in plain_err
    assert plain_err.startswith("检查了 92 个文件")


def test_build_shows_its_stages_on_a_terminal(district: Path) -> None:
    args = ["build", "--repo", str(district), "--as-of", AS_OF]
    code, out, err = run(args, district, tty=True)
    assert code == 0, out + err
    for label in ("读取并检查备案", "的项目页", "MkDocs 生成"):
        assert label in err
    assert "公开目录" in out and "失败：无。" in out  # the report goes to stdout as before
