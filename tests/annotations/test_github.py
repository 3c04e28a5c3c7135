"""`check --format github`: GitHub / Gitea Actions workflow commands, one per problem."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.problems import error, finding, render_github

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
AS_OF = "2026-11-29"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root)
    shutil.copytree(FIXTURES / "golden" / "amounts", root, dirs_exist_ok=True)
    (root / "expected.txt").unlink()
    return root


def test_each_problem_annotates_its_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--repo", str(repo), "--as-of", AS_OF, "--format", "github"]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0] == (
        "::error file=filings/2025-SHSY-01/合同备案-2025-03.md,line=9,col=1,title=E205 第十三条::"
        "filings/2025-SHSY-01/合同备案-2025-03.md:9:1: E205 「合同金额」用了全角数字（“６０”）："
        "金额以万元为单位、只写半角数字，请改为 合同金额: 60（第十三条）")
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::error", "::warning", "::error", "::warning", "::warning"]
    assert "2 个错误" in out.err  # the summary stays on stderr, out of the command stream


def test_a_problem_without_a_line_still_annotates_its_file(repo: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--repo", str(repo), "--as-of", AS_OF, "--format", "github"])
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("::warning file=filings/calendar.yml,title=F000::filings/calendar.yml: F000 ")


def test_findings_alone_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "base", tmp_path / "repo")
    assert main(["check", "--repo", str(tmp_path / "repo"), "--as-of", AS_OF, "--format", "github"]) == 0
    assert capsys.readouterr().out.startswith("::warning file=filings/2025-SHSY-01/立项申请.md,line=14,col=1,")


def test_escaping_follows_the_workflow_command_rules() -> None:
    # '%' is escaped everywhere; ':' ',' CR and LF also inside properties (actions/toolkit). A message
    # reaches the command as one line already (control characters are shown as \r, \n by Problem.text).
    p = error("filings/a:b,c\r\n/立项申请.md", 3, 2, "E999", "超出 10%\r\n第二行: 值, 值", "第七条")
    line = render_github([p])
    assert line.startswith("::error file=filings/a%3Ab%2Cc%0D%0A/立项申请.md,line=3,col=2,title=E999 第七条::")
    assert line.endswith(": E999 超出 10%25\\r\\n第二行: 值, 值（第七条）\n")
    assert line.count("\n") == 1


def test_a_finding_is_a_warning_and_never_an_error() -> None:
    out = render_github([finding("filings/x/立项申请.md", 5, None, "F060", "逾期", "第六条")])
    assert out.startswith("::warning file=filings/x/立项申请.md,line=5,col=1,title=F060 第六条::")
