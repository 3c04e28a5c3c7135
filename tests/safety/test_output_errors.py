"""No traceback anywhere (issue 7, item 8): every case gets a Chinese message and a non-zero exit."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from output_helpers import AS_OF, copy_demo, git_commit
from output_helpers import run_cli as run

from generator import cli

PROJECT = "2024-AJB-01"


def no_traceback(code: int, out: str, err: str, expected: int) -> None:
    assert code == expected, out + err
    assert "Traceback" not in out + err and 'File "' not in err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err), err


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "repo")


def test_due_with_an_absurd_number_of_days(demo: Path) -> None:
    code, out, err = run("due", "--repo", str(demo), "--as-of", AS_OF, "--days", "99999999999")
    no_traceback(code, out, err, 2)
    assert "太大" in err


def test_due_near_the_end_of_the_calendar(demo: Path) -> None:
    code, out, err = run("due", "--repo", str(demo), "--as-of", "9999-12-01", "--days", "36500", "--format", "json")
    assert code == 0 and "Traceback" not in err


@pytest.mark.parametrize("year", ["-5", "0", "99999", "二〇二七"])
def test_new_with_an_impossible_year(demo: Path, year: str) -> None:
    code, out, err = run("new", "立项申请", "--repo", str(demo), "--as-of", AS_OF, "--dept", "SHSY", f"--year={year}")
    no_traceback(code, out, err, 2)
    assert "申报年度" in err
    assert not list((demo / "filings").glob(f"{year}-*"))


def test_new_over_a_dangling_link(demo: Path) -> None:
    link = demo / "filings" / PROJECT / "合同备案-2026-11.md"
    link.symlink_to("/nonexistent/合同备案.md")
    code, out, err = run("new", "合同备案", "--repo", str(demo), "--as-of", AS_OF, "--project", PROJECT)
    assert "Traceback" not in err
    assert link.is_symlink() and os.readlink(link) == "/nonexistent/合同备案.md"  # untouched
    if code == 0:  # it took the next free name: a regular file, not the link
        created = demo / out.split()[1]  # "已创建 filings/…"
        assert created != link and created.is_file() and not created.is_symlink()
    else:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in err)
    assert not Path("/nonexistent").exists()


def test_schema_out_over_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    target.write_text("原有内容", encoding="utf-8")
    code, out, err = run("schema", "--out", str(target))
    no_traceback(code, out, err, 2)
    assert target.read_text(encoding="utf-8") == "原有内容"


@pytest.mark.parametrize("where", ["filings", "filings/2024-AJB-01/schemas"])
def test_schema_never_writes_under_filings(demo: Path, where: str) -> None:
    before = sorted(p.relative_to(demo).as_posix() for p in (demo / "filings").rglob("*"))
    code, out, err = run("schema", "--out", str(demo / where))
    no_traceback(code, out, err, 2)
    assert "备案文件夹" in err
    assert sorted(p.relative_to(demo).as_posix() for p in (demo / "filings").rglob("*")) == before


def test_a_shallow_clone_whose_base_is_missing(demo: Path, tmp_path: Path) -> None:
    git_commit(demo)
    (demo / "filings" / "README.md").write_text("第二次提交\n", encoding="utf-8")
    subprocess.run(["git", "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qam", "二"], cwd=demo, check=True)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{demo}", str(clone)], check=True)
    code, out, err = run("check", "--repo", str(clone), "--as-of", AS_OF, "--base", "HEAD~1")
    no_traceback(code, out, err, 2)
    assert "HEAD~1" in err and "浅克隆" in err


def test_an_unexpected_error_becomes_a_message(monkeypatch: pytest.MonkeyPatch, demo: Path) -> None:
    from generator.commands import due

    def boom(args: object) -> int:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(due, "run", boom)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    code, out, err = run("due", "--repo", str(demo), "--as-of", AS_OF)
    no_traceback(code, out, err, cli.INTERNAL_ERROR)
    assert "程序内部出错（RuntimeError）" in err and cli.DEBUG_ENV in err
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    code, out, err = run("due", "--repo", str(demo), "--as-of", AS_OF)
    assert code == cli.INTERNAL_ERROR and "Traceback" in err and "simulated bug" in err


def test_an_unexpected_file_error_becomes_a_message(monkeypatch: pytest.MonkeyPatch, demo: Path) -> None:
    from generator.commands import due

    def denied(args: object) -> int:
        raise PermissionError(13, "Permission denied", "/srv/filings/site")

    monkeypatch.setattr(due, "run", denied)
    code, out, err = run("due", "--repo", str(demo), "--as-of", AS_OF)
    no_traceback(code, out, err, 1)
    assert "/srv/filings/site" in err and "文件操作失败" in err


@pytest.mark.parametrize("argv", [
    ["schema", "--out", "{root}/filings/schemas"],
    ["codeowners", "--repo", "{root}", "--out", "filings/CODEOWNERS"],
    ["archive", PROJECT, "--repo", "{root}", "--out", "{root}/filings/{project}/归档.zip"],
])
def test_no_writing_command_writes_under_filings(demo: Path, argv: list[str]) -> None:
    before = sorted(p.relative_to(demo).as_posix() for p in (demo / "filings").rglob("*"))
    args = [a.format(root=demo, project=PROJECT) for a in argv]
    code, out, err = run(*args)
    no_traceback(code, out, err, 2)
    assert "备案文件夹" in err
    assert sorted(p.relative_to(demo).as_posix() for p in (demo / "filings").rglob("*")) == before
