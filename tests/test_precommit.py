"""The real pre-commit, installed in a real temporary git repository, as a district would use it.

The district's .pre-commit-config.yaml names this tool by `repo:` and `rev:`
(a local clone of the working tree), so pre-commit builds the hook's own
environment from .pre-commit-hooks.yaml exactly as it would from a server.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "base"
SKIP = {".venv", ".git", "site", "library", ".publish", ".build", "test-artifacts", ".pytest_cache", "__pycache__"}
AS_OF = "2026-11-29"
ENV = {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "测试",
       "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **ENV}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return subprocess.run(["git", *args], cwd=cwd, env=env, text=True, capture_output=True, check=check)


@pytest.fixture(scope="module")
def tool_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding the current working tree of this tool."""
    dest = tmp_path_factory.mktemp("tool") / "zhengwu-filings"
    shutil.copytree(ROOT, dest, ignore=lambda d, names: [n for n in names if n in SKIP or n.endswith(".egg-info")])
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "tool")
    return dest, git(dest, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def district(tmp_path: Path, tool_repo: tuple[Path, str], pre_commit_home: Path,
             monkeypatch: pytest.MonkeyPatch) -> Path:
    tool, rev = tool_repo
    repo = tmp_path / "某区备案库"
    shutil.copytree(BASE, repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {tool.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: filings-check\n"
        f"        args: [--as-of, '{AS_OF}']\n",
        encoding="utf-8")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(pre_commit_home))
    git(repo, "init", "-q", "-b", "main")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, check=True, capture_output=True)
    git(repo, "add", "-A")
    first = git(repo, "commit", "-m", "部门名录和第一个项目", check=False)
    assert first.returncode == 0, first.stdout + first.stderr
    return repo


CONTRACT = """---
备案类型: 合同备案
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: 2025-03-14
合同名称: 智慧养老服务平台开发合同
合同编号: LCGX-2025-CG-0001
签订日期: 2025-03-10
合同金额: 60.0
供应商: 山东某某信息技术有限公司
采购方式: 公开招标
---

## 采购内容

平台软件开发、部署和一年质保。

## 关键产品安全可控情况

数据库采用国产数据库，服务器操作系统为国产操作系统。
"""


def test_good_filing_is_accepted(district: Path) -> None:
    path = district / "filings" / "2025-SHSY-01" / "合同备案-2025-03.md"
    path.write_text(CONTRACT, encoding="utf-8")
    git(district, "add", "-A")
    done = git(district, "commit", "-m", "合同备案", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout + done.stderr


def test_bad_filing_is_refused_with_its_message(district: Path) -> None:
    path = district / "filings" / "2025-SHSY-01" / "合同备案-2025-03.md"
    path.write_text(CONTRACT.replace("合同金额: 60.0", "合同金额: 60万元"), encoding="utf-8")
    git(district, "add", "-A")
    done = git(district, "commit", "-m", "合同备案", check=False)
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert "filings/2025-SHSY-01/合同备案-2025-03.md:9:1: E205 「合同金额」带了单位" in out
    assert git(district, "log", "--oneline").stdout.count("\n") == 1  # nothing was committed
    assert path.read_text(encoding="utf-8").count("60万元") == 1  # and nothing was changed


def test_deleting_a_committed_filing_is_refused(district: Path) -> None:
    git(district, "rm", "-q", "filings/2025-SHSY-01/立项申请.md")
    done = git(district, "commit", "-m", "删除", check=False)
    assert done.returncode != 0
    assert "filings/2025-SHSY-01/立项申请.md: E501" in done.stdout + done.stderr


def test_a_passing_commit_still_shows_its_findings(district: Path) -> None:
    # pre-commit hides a passing hook's output unless the hook is verbose; a clerk must see F130 now.
    path = district / "filings" / "2025-SHSY-01" / "合同备案-2025-03.md"
    path.write_text(CONTRACT.replace("填报日期: 2025-03-14", "填报日期: 2025-03-28"), encoding="utf-8")
    git(district, "add", "-A")
    done = git(district, "commit", "-m", "迟交的合同备案", check=False)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "Passed" in out
    assert "filings/2025-SHSY-01/合同备案-2025-03.md:5:1: F130 " in out
