"""Bounded work for any input (issue 7, item 4): over a limit is an error reported before parsing.

The tests assert the error, never the time; every large input is generated in a temporary folder.
Inputs that crash the YAML parser outright (deep nesting) are checked in a child process, so that
a lost protection fails the test instead of killing the test run.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from input_repo import APP, AS_OF, check, edit, make_repo

from generator.reading import limits


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def check_in_child(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "check", "--repo", str(root), "--as-of", AS_OF],
                          capture_output=True, text=True, timeout=300)


def test_a_53_mb_front_matter_is_refused_unread(repo: Path) -> None:
    path = repo / "filings/2025-SHSY-01/合同备案-2025-03.md"
    with open(path, "w", encoding="utf-8") as out:
        out.write("---\n备案类型: 合同备案\n")
        for _ in range(53):
            out.write("供应商: " + "啊" * (1024 * 1024 // 3) + "\n")
        out.write("---\n")
    status, out = check(repo)
    assert status == 1
    assert out == ("filings/2025-SHSY-01/合同备案-2025-03.md: E109 文件大于上限 1,048,576 字节（1 MiB），"
                   "未读取：请把大段材料放进「附件」文件夹，正文只写摘要\n")


def test_a_front_matter_over_its_limit_is_not_parsed(repo: Path) -> None:
    edit(repo, APP, "联系人: 李娜", "\n".join(f"键{i}: 值" for i in range(limits.MAX_FRONT_MATTER_CHARS // 5)))
    status, out = check(repo)
    assert status == 1
    assert out.startswith(f"{APP}:1:1: E109 YAML 头部有") and "E201" not in out


def test_a_value_over_its_limit(repo: Path) -> None:
    edit(repo, APP, "联系人: 李娜", "联系人: " + "李" * (limits.MAX_VALUE_CHARS + 1))
    status, out = check(repo)
    assert status == 1 and f"{APP}:6:6: E109 此值有 5,001 个字符" in out


def test_a_20000_column_table_is_refused_before_markdown(repo: Path) -> None:
    row = "|" + "|".join("1" for _ in range(20000)) + "|"
    table = row + "\n" + row.replace("1", "-") + "\n" + (row + "\n") * 20  # 20 rows took 22 s in markdown-it
    edit(repo, APP, "## 项目概述\n", "## 项目概述\n\n" + table)
    status, out = check(repo)
    assert status == 1
    assert f"{APP}:26:1: E109 表格一行有 20000 列以上，超过上限 50 列" in out


def test_a_table_with_too_many_rows(repo: Path) -> None:
    rows = "".join(f"| {i} | 1 |\n" for i in range(limits.MAX_TABLE_ROWS + 1))
    edit(repo, APP, "## 项目概述\n", "## 项目概述\n\n| 序号 | 金额 |\n|---|---|\n" + rows)
    status, out = check(repo)
    assert status == 1 and f"{APP}:26:1: E109 表格超过 2000 行" in out


def test_tables_within_the_limits_are_fine(repo: Path) -> None:
    rows = "".join(f"| {i} |" + " x |" * (limits.MAX_TABLE_COLUMNS - 1) + "\n" for i in range(limits.MAX_TABLE_ROWS))
    header = "|" + " h |" * limits.MAX_TABLE_COLUMNS + "\n|" + "---|" * limits.MAX_TABLE_COLUMNS + "\n"
    edit(repo, APP, "## 项目概述\n", "## 项目概述\n\n" + header + rows)
    assert check(repo) == (0, "")


def test_deep_nesting_in_a_filing(repo: Path) -> None:
    edit(repo, APP, "共建单位: []", "共建单位: " + "[" * 30_000 + "]" * 30_000)  # segfaults libyaml unguarded
    proc = check_in_child(repo)
    assert proc.returncode == 1, proc.stderr
    assert f"{APP}:10:" in proc.stdout and "E109 列表和“键: 值”嵌套超过 10 层" in proc.stdout


def test_deep_nesting_in_registry_gives_a_located_error(repo: Path) -> None:
    registry = repo / "filings/registry.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + "备注: " + "[" * 100_000 + "]" * 100_000 + "\n",
                        encoding="utf-8")
    line = registry.read_text(encoding="utf-8").count("\n")
    proc = check_in_child(repo)
    assert proc.returncode == 1, proc.stderr
    assert f"filings/registry.yml:{line}:" in proc.stdout and "E109" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_deep_block_nesting_in_calendar_gives_a_located_error(repo: Path) -> None:
    calendar = repo / "filings/calendar.yml"
    calendar.write_text("2027:\n  休息日:\n" + "  - " * 20_000 + "x\n", encoding="utf-8")
    proc = check_in_child(repo)
    assert proc.returncode == 1, proc.stderr
    assert "filings/calendar.yml:" in proc.stdout and "E109 列表和“键: 值”嵌套超过 10 层" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_calendar_and_registry_size_limits(repo: Path) -> None:
    (repo / "filings/calendar.yml").write_text("# " + "x" * limits.MAX_FILE_BYTES + "\n", encoding="utf-8")
    registry = repo / "filings/registry.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + "# " + "x" * limits.MAX_FILE_BYTES + "\n",
                        encoding="utf-8")
    status, out = check(repo)
    assert status == 1
    assert "filings/calendar.yml: E109 文件大于上限" in out and "filings/registry.yml: E109 文件大于上限" in out


def test_yaml_aliases_are_refused(repo: Path) -> None:
    bomb = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"] + [f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]"
                                                             for p, c in zip("abcdefg", "bcdefgh", strict=False)])
    edit(repo, APP, "联系人: 李娜", bomb + "\n资金来源x: *h")
    status, out = check(repo)
    assert status == 1 and f"{APP}:6:4: E109 不能使用 YAML 锚点和别名" in out
