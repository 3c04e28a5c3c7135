"""Symbolic links are never followed (issue 7, item 1): check, build and new refuse them, with the path."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from input_repo import APP, AS_OF, check, make_repo, run

SECRET = "SECRET-from-outside-the-repository"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.pdf").write_text(SECRET, encoding="utf-8")
    return make_repo(tmp_path)


def _outside(root: Path) -> Path:
    return root.parent / "outside"


def test_symlinked_attachment_is_an_error_and_never_read(repo: Path) -> None:
    attachment = repo / "filings/2025-SHSY-01/附件/方案.pdf"
    attachment.unlink()
    attachment.symlink_to(_outside(repo) / "secret.pdf")
    code, out = check(repo)
    assert code == 1
    assert "filings/2025-SHSY-01/附件/方案.pdf: E407 这是符号链接" in out
    assert "（第三十二条）" in out
    assert "E308" in out  # the link in the filing now points at nothing the checker will read


def test_symlinked_project_folder_does_not_vanish(repo: Path) -> None:
    (repo / "filings/2025-SHSY-01").rename(_outside(repo) / "2025-SHSY-02")
    (repo / "filings/2025-SHSY-02").symlink_to(_outside(repo) / "2025-SHSY-02")
    code, out = check(repo)
    assert code == 1
    assert "filings/2025-SHSY-02: E407" in out


def test_filing_replaced_by_symlink_is_an_error(repo: Path) -> None:
    app = repo / APP
    target = _outside(repo) / "立项申请.md"
    target.write_bytes(app.read_bytes())
    app.unlink()
    app.symlink_to(target)
    code, out = check(repo)
    assert code == 1
    assert f"{APP}: E407" in out


def test_symlinked_filings_folder_and_registry(repo: Path) -> None:
    registry = repo / "filings/registry.yml"
    moved = _outside(repo) / "registry.yml"
    registry.rename(moved)
    registry.symlink_to(moved)
    code, out = check(repo)
    assert code == 1 and "filings/registry.yml: E407" in out
    whole = repo.parent / "elsewhere"
    (repo / "filings").rename(whole)
    (repo / "filings").symlink_to(whole)
    code, out = check(repo)
    assert code == 1 and out.startswith("filings: E407")


def test_named_pipe_is_refused_without_blocking(repo: Path) -> None:
    os.mkfifo(repo / "filings/2025-SHSY-01/合同备案.md")
    code, out = check(repo)
    assert code == 1
    assert "filings/2025-SHSY-01/合同备案.md: E407 这不是普通文件" in out


def test_build_refuses_a_symlink_and_publishes_nothing(repo: Path) -> None:
    attachment = repo / "filings/2025-SHSY-01/附件/方案.pdf"
    attachment.unlink()
    attachment.symlink_to(_outside(repo) / "secret.pdf")
    code, out, _ = run("build", "--repo", str(repo), "--as-of", AS_OF)
    assert code == 1
    assert "E407" in out
    assert not (repo / "library").exists() and not (repo / "site").exists()
    assert not any(SECRET in p.read_text(errors="replace") for p in repo.rglob("*")
                   if p.is_file() and not p.is_symlink())


def test_new_never_writes_through_a_symlinked_folder(repo: Path) -> None:
    target = _outside(repo) / "linked"
    target.mkdir()
    (target / "立项申请.md").write_bytes((repo / APP).read_bytes())
    (repo / "filings/2025-SHSY-09").symlink_to(target)
    code, _, err = run("new", "合同备案", "--project", "2025-SHSY-09", "--repo", str(repo), "--as-of", AS_OF)
    assert code == 2
    assert "filings/2025-SHSY-09 是符号链接" in err
    assert sorted(p.name for p in target.iterdir()) == ["立项申请.md"]


def test_committed_filing_turned_into_symlink_is_refused_with_base(repo: Path) -> None:
    """git reports the change as type change T; whatever --base makes of it, the link itself is an error."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
                        *args], cwd=repo, check=True, capture_output=True)
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "base")
    app = repo / APP
    target = _outside(repo) / "立项申请.md"
    target.write_bytes(app.read_bytes())
    app.unlink()
    app.symlink_to(target)
    code, out, _ = run("check", "--repo", str(repo), "--as-of", AS_OF, "--base", "HEAD")
    assert code == 1
    assert f"{APP}: E407" in out
