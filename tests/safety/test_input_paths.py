"""Every path given to `filings check` gets an answer (issue 7, item 5)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from input_repo import APP, AS_OF, edit, make_repo, run


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path)
    monkeypatch.chdir(root)
    return root


def check_here(*paths: str) -> tuple[int, str, str]:
    return run("check", "--as-of", AS_OF, *paths)


@pytest.mark.parametrize("path, words", [
    ("filings/2025-SHSY-01/合同备案.md", "路径 filings/2025-SHSY-01/合同备案.md 不存在"),
    ("filings/2025-SHSY-99", "路径 filings/2025-SHSY-99 不存在"),
    ("README.md", "路径 README.md 不在 filings/ 下"),
    ("/etc/passwd", "路径不在备案仓库"),
    ("../outside.md", "路径不在备案仓库"),
    ("filings/2025-shsy-01/立项申请.md", "只差大小写：应为 filings/2025-SHSY-01/立项申请.md"),
    ("filings/2025-SHSY-01/立项申请.MD", "只差大小写：应为 filings/2025-SHSY-01/立项申请.md"),
])
def test_a_path_that_cannot_be_checked_is_an_error(repo: Path, path: str, words: str) -> None:
    (repo / "README.md").write_text("说明", encoding="utf-8")
    code, out, err = check_here(path)
    assert code == 1
    assert out.startswith(f"{path}: E430 ") and words in out
    assert "可以提交" not in err


def test_a_good_path_beside_a_bad_one_is_still_checked(repo: Path) -> None:
    edit(repo, APP, "申报总投资: 96.5", "申报总投资: 96.5万元")
    code, out, _ = check_here(APP, "filings/nope.md")
    assert code == 1
    assert "filings/nope.md: E430" in out and f"{APP}:13:1: E205" in out


def test_paths_resolve_from_the_current_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo, APP, "申报总投资: 96.5", "申报总投资: 96.5万元")
    monkeypatch.chdir(repo / "filings/2025-SHSY-01")
    code, out, _ = check_here("立项申请.md")
    assert code == 1 and out.startswith(f"{APP}:13:1: E205")
    code, out, _ = check_here("评审意见.md")
    assert (code, out) == (0, "")
    code, out, _ = run("check", "--repo", "../..", "--as-of", AS_OF, "立项申请.md")
    assert code == 1 and f"{APP}:13:1: E205" in out


def test_a_deleted_filing_is_still_reported_with_paths(repo: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
                        *args], cwd=repo, check=True, capture_output=True)
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "base")
    (repo / "filings/2025-SHSY-01/评审意见.md").unlink()
    code, out, _ = run("check", "--as-of", AS_OF, "--base", "HEAD", APP)
    assert code == 1 and "filings/2025-SHSY-01/评审意见.md: E501" in out
