"""`filings check`: the command-line contract of spec §8 (formats, exit codes, paths)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
AS_OF = "2026-11-29"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root)
    shutil.copytree(FIXTURES / "golden" / "amounts", root, dirs_exist_ok=True)
    (root / "expected.txt").unlink()
    return root


def test_json_output(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--repo", str(repo), "--as-of", AS_OF, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["errors"] == 2
    assert data["summary"]["files"] >= 2
    first = data["problems"][0]
    assert set(first) == {"kind", "path", "line", "column", "code", "article", "message"}
    assert first == {"kind": "error", "path": "filings/2025-SHSY-01/合同备案-2025-03.md", "line": 9, "column": 1,
                     "code": "E205", "article": "第十三条",
                     "message": "「合同金额」用了全角数字（“６０”）：金额以万元为单位、只写半角数字，请改为 合同金额: 60"}


def test_paths_limit_the_report(repo: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert main(["check", "filings/2025-SHSY-01/立项申请.md", "--as-of", AS_OF]) == 1
    out = capsys.readouterr().out
    assert "立项申请.md:13:1: E205" in out
    assert "合同备案" not in out


def test_clean_path_exits_zero(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "filings" / "2025-SHSY-01" / "合同备案-2025-03.md").unlink()
    good = repo / "filings" / "2025-SHSY-01" / "附件"
    assert main(["check", str(good), "--repo", str(repo), "--as-of", AS_OF]) == 0


@pytest.mark.parametrize("argv", [
    ["check", "--format", "xml"],
    ["check", "--as-of", "2026年1月1日"],
    ["check", "--no-such-option"],
    ["nonsense"],
])
def test_bad_usage_exits_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_missing_repo_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--repo", str(tmp_path / "none"), "--as-of", AS_OF]) == 2


def test_as_of_moves_today(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The base application was filed on 2024-10-15: before that day it is in the future."""
    (repo / "filings" / "2025-SHSY-01" / "合同备案-2025-03.md").unlink()
    shutil.copy(FIXTURES / "base" / "filings" / "2025-SHSY-01" / "立项申请.md",
                repo / "filings" / "2025-SHSY-01" / "立项申请.md")
    assert main(["check", "--repo", str(repo), "--as-of", "2024-10-14"]) == 1
    assert "E207 「填报日期」为 2024-10-15，晚于今天（2024-10-14）" in capsys.readouterr().out


def test_garbage_never_tracebacks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every kind of junk gets a message; none raises."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root)
    folder = root / "filings" / "2025-SHSY-01"
    junk = {
        "合同备案-1.md": b"\x00\x01\x02binary\xff\xfe",
        "合同备案-2.md": b"---\n- a\n- b\n---\n",
        "合同备案-3.md": b"---\n[unclosed\n---\n",
        "合同备案-4.md": b"---\n\xe5\xa4\x87\xe6\xa1\x88\xe7\xb1\xbb\xe5\x9e\x8b: 42\n---\n",
        "合同备案-5.md": b"",
        "合同备案-6.md": b"---\n---\n",
        "合同备案-7.md": "---\n备案类型: 合同备案\n信息资源: {a: b}\n签订日期: 2025-02-30\n---\n## 采购内容\n|a|\n".encode(),
        "信息资源目录-8.md": "---\n备案类型: 信息资源目录\n项目编号: 2025-SHSY-01\n填报单位: SHSY\n填报日期: 2025-01-01\n"
                        "信息资源:\n  - 42\n  - [a, b]\n  - {名称: [x], 提供单位: {a: 1}}\n---\n".encode(),
    }
    for name, raw in junk.items():
        (folder / name).write_bytes(raw)
    assert main(["check", "--repo", str(root), "--as-of", AS_OF]) == 1
    out = capsys.readouterr().out
    for name in junk:
        assert f"filings/2025-SHSY-01/{name}" in out, name
    assert "E100" not in out  # no internal error either: every case has its own message


def test_path_limited_check_still_compares_changed_applications(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """pre-commit passes only some files: bodies of other files are skipped, but a changed
    application is still compared with --base, 建设方案 included (第十六条)."""
    import subprocess

    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=root, check=True)
    app = root / "filings" / "2025-SHSY-01" / "立项申请.md"
    app.write_text(app.read_text(encoding="utf-8").replace("技术成熟", "技术较成熟"), encoding="utf-8")
    assert main(["check", str(app), "--repo", str(root), "--base", "HEAD", "--as-of", "2025-12-01"]) == 1
    out = capsys.readouterr().out
    assert "立项申请.md:50:1: E502" in out and "建设方案" in out  # the changed line itself
    review = root / "filings" / "2025-SHSY-01" / "评审意见.md"
    assert main(["check", str(review), "--repo", str(root), "--base", "HEAD", "--as-of", "2025-12-01"]) == 0
    assert "E502" not in capsys.readouterr().out


def test_control_character_is_located_in_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root)
    app = root / "filings" / "2025-SHSY-01" / "立项申请.md"
    app.write_text(app.read_text(encoding="utf-8").replace("联系人: 李娜", "联系人: 李\x07娜"), encoding="utf-8")
    assert main(["check", "--repo", str(root), "--as-of", AS_OF]) == 1
    assert "filings/2025-SHSY-01/立项申请.md:6:7: E104 含有不可见的控制字符（#x0007）" in capsys.readouterr().out
