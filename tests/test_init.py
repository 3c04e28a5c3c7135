"""`filings init`: a district's new repository is clean from the first commit and nothing is overwritten."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main


def test_init_makes_a_clean_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--repo", str(tmp_path), "--district", "某某经济开发区", "--chief", "张三"]) == 0
    assert "辖区: 某某经济开发区" in (tmp_path / "filings" / "registry.yml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--repo", str(tmp_path), "--as-of", "2026-10-01", "--format", "json"]) == 0
    assert '"errors": 0' in capsys.readouterr().out
    assert main(["new", "立项申请", "--dept", "ZHB", "--repo", str(tmp_path), "--as-of", "2026-10-01"]) == 0


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("我们自己的说明", encoding="utf-8")
    assert main(["init", "--repo", str(tmp_path), "--district", "某县", "--chief", "张三"]) == 2
    assert "README.md" in capsys.readouterr().err
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "我们自己的说明"
    assert not (tmp_path / "filings").exists()


KINDS = ("新项目申报", "备案", "调整", "更正")


def test_init_writes_merge_request_templates_for_each_platform(tmp_path: Path) -> None:
    assert main(["init", "--repo", str(tmp_path), "--district", "某县", "--chief", "张三"]) == 0
    for folder in (".github/PULL_REQUEST_TEMPLATE", ".gitlab/merge_request_templates"):
        for kind in KINDS:
            text = (tmp_path / folder / f"{kind}.md").read_text(encoding="utf-8")
            assert text.startswith(f"## {kind}"), (folder, kind)
            assert "- [ ] " in text and "filings check" in text
    for single in (".github/pull_request_template.md", ".gitea/PULL_REQUEST_TEMPLATE.md",
                   ".gitee/PULL_REQUEST_TEMPLATE.zh-CN.md"):
        text = (tmp_path / single).read_text(encoding="utf-8")
        assert [f"## {kind}" in text for kind in KINDS] == [True] * 4, single
    assert "## 更正记录" in (tmp_path / ".gitlab/merge_request_templates/更正.md").read_text(encoding="utf-8")


def test_add_missing_keeps_every_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("我们自己的说明", encoding="utf-8")
    (tmp_path / ".gitea").mkdir()
    (tmp_path / ".gitea" / "PULL_REQUEST_TEMPLATE.md").write_text("我们自己的模板", encoding="utf-8")
    assert main(["init", "--repo", str(tmp_path), "--district", "某县", "--chief", "张三", "--add-missing"]) == 0
    assert "README.md" in capsys.readouterr().out
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "我们自己的说明"
    assert (tmp_path / ".gitea" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8") == "我们自己的模板"
    assert (tmp_path / ".gitlab" / "merge_request_templates" / "调整.md").is_file()
    assert (tmp_path / "filings" / "registry.yml").is_file()


# --- the pre-commit hook that init writes, with the real pre-commit in a real git repository ---

BASE = Path(__file__).resolve().parent / "fixtures" / "base"
AS_OF = "2026-11-29"


def _bin_without_filings(tmp_path: Path, python: bool) -> str:
    """A PATH holding git and a shell, and (if asked) a python3 that can import this tool, but no `filings`."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for tool in ("git", "sh", "bash", "cat", "env"):
        found = shutil.which(tool)
        assert found, tool
        (bindir / tool).symlink_to(found)
    if python:
        wrapper = bindir / "python3"
        wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
        wrapper.chmod(0o755)
    assert shutil.which("filings", path=str(bindir)) is None
    return str(bindir)


def _district(tmp_path: Path) -> Path:
    repo = tmp_path / "某县备案库"
    assert main(["init", "--repo", str(repo), "--district", "某县", "--chief", "王明"]) == 0
    shutil.copytree(BASE, repo, dirs_exist_ok=True)
    config = repo / ".pre-commit-config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"        args: [--as-of, '{AS_OF}']\n", encoding="utf-8")
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, env=env, check=True)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True,
                   capture_output=True)
    return repo


def _commit(repo: Path, path: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PATH": path}
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    return subprocess.run(["git", "commit", "-m", "部门名录和第一个项目"], cwd=repo, env=env, text=True,
                          capture_output=True)


GIT_ENV = {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "测试",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}


@pytest.fixture
def pre_commit_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-home"))


@pytest.mark.usefixtures("pre_commit_home")
def test_hook_without_filings_says_what_to_install(tmp_path: Path) -> None:
    repo = _district(tmp_path)
    done = _commit(repo, _bin_without_filings(tmp_path, python=False))
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert "未找到 filings 命令：请先安装备案检查工具" in out
    assert "pip install" in out
    assert "Traceback" not in out


@pytest.mark.usefixtures("pre_commit_home")
def test_hook_falls_back_to_python_m_generator(tmp_path: Path) -> None:
    repo = _district(tmp_path)
    done = _commit(repo, _bin_without_filings(tmp_path, python=True))
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "filings/2025-SHSY-01/立项申请.md:14:1: F170 " in out  # verbose: findings show on a passing commit
