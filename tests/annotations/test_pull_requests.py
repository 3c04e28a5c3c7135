"""Both annotation formats on a real git repository, pull request by pull request (--base main).

GitLab tells new problems from old ones by fingerprint: a problem already present
at the base must keep its fingerprint on the branch, even when lines move.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

BASE = Path(__file__).resolve().parent.parent / "fixtures" / "base"
AS_OF = "2026-11-29"
ENV = {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "测试",
       "GIT_COMMITTER_EMAIL": "t@example.invalid"}
CONTRACT = """---
备案类型: 合同备案
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: 2025-03-28
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
APPLICATION = "filings/2025-SHSY-01/立项申请.md"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env={**os.environ, **ENV}, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "备案库"
    shutil.copytree(BASE, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "第一个项目")
    git(root, "checkout", "-q", "-b", "合并请求")
    return root


def report(repo: Path, fmt: str, capsys: pytest.CaptureFixture[str], base: str | None = "main") -> tuple[int, str]:
    args = ["check", "--repo", str(repo), "--as-of", AS_OF, "--format", fmt] + (["--base", base] if base else [])
    code = main(args)
    return code, capsys.readouterr().out


def test_a_late_contract_is_a_warning_on_its_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "filings" / "2025-SHSY-01" / "合同备案-2025-03.md").write_text(CONTRACT, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "合同备案")
    code, out = report(repo, "github", capsys)
    assert code == 0
    assert "::warning file=filings/2025-SHSY-01/合同备案-2025-03.md,line=5,col=1,title=F130 第十三条::" in out
    code, out = report(repo, "gitlab", capsys)
    assert code == 0
    late = next(i for i in json.loads(out) if i["check_name"] == "F130")
    assert (late["severity"], late["location"]) == ("minor", {"path": "filings/2025-SHSY-01/合同备案-2025-03.md",
                                                              "lines": {"begin": 5}})


def test_deleting_a_committed_filing_is_an_error_on_the_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "rm", "-q", APPLICATION)
    git(repo, "commit", "-q", "-m", "删除立项申请")
    code, out = report(repo, "github", capsys)
    assert code == 1
    deleted = [line for line in out.splitlines() if "E501" in line]
    assert deleted and deleted[0].startswith(f"::error file={APPLICATION},title=E501")
    code, out = report(repo, "gitlab", capsys)
    assert code == 1
    issue = next(i for i in json.loads(out) if i["check_name"] == "E501")
    assert (issue["severity"], issue["location"]) == ("blocker", {"path": APPLICATION, "lines": {"begin": 1}})


def test_an_old_problem_keeps_its_fingerprint_when_its_line_moves(repo: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _, before = report(repo, "gitlab", capsys, base=None)
    old = {i["check_name"]: i for i in json.loads(before)}["F170"]
    # A YAML comment above the facts moves every line down by one and changes no fact.
    path = repo / APPLICATION
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\n# 经办人备注：格式调整\n", 1),
                    encoding="utf-8")
    (repo / "filings" / "2025-SHSY-01" / "合同备案-2025-03.md").write_text(CONTRACT, encoding="utf-8")
    _, after = report(repo, "gitlab", capsys, base=None)
    now = {i["check_name"]: i for i in json.loads(after)}
    assert now["F170"]["location"]["lines"]["begin"] == old["location"]["lines"]["begin"] + 1
    assert now["F170"]["fingerprint"] == old["fingerprint"]
    assert now["F130"]["fingerprint"] not in {i["fingerprint"] for i in json.loads(before)}
