"""`check --format gitlab`: a GitLab Code Quality report, as GitLab documents it.

https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format — a JSON
array whose issues each carry description, check_name, fingerprint, severity,
location.path and location.lines.begin.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.problems import error, finding, fingerprint, render_gitlab

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
AS_OF = "2026-11-29"
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def assert_documented_shape(report: object) -> None:
    assert isinstance(report, list)
    for issue in report:
        assert isinstance(issue, dict)
        for key in ("description", "check_name", "fingerprint"):
            assert isinstance(issue[key], str) and issue[key], key
        assert issue["severity"] in SEVERITIES
        assert isinstance(issue["location"]["path"], str) and not issue["location"]["path"].startswith("/")
        begin = issue["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
    fingerprints = [issue["fingerprint"] for issue in report]
    assert len(set(fingerprints)) == len(fingerprints)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root)
    shutil.copytree(FIXTURES / "golden" / "amounts", root, dirs_exist_ok=True)
    (root / "expected.txt").unlink()
    return root


def test_report_has_the_documented_fields(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--repo", str(repo), "--as-of", AS_OF, "--format", "gitlab"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert_documented_shape(report)
    assert len(report) == 5
    assert report[0] == {
        "description": "E205 「合同金额」用了全角数字（“６０”）：金额以万元为单位、只写半角数字，请改为 合同金额: 60（第十三条）",
        "check_name": "E205",
        "fingerprint": report[0]["fingerprint"],
        "severity": "blocker",
        "location": {"path": "filings/2025-SHSY-01/合同备案-2025-03.md", "lines": {"begin": 9}},
    }
    by_code = {issue["check_name"]: issue for issue in report}
    assert by_code["F170"]["severity"] == "minor"
    assert by_code["F000"]["location"] == {"path": "filings/calendar.yml", "lines": {"begin": 1}}


def test_fingerprint_survives_moved_lines_but_not_a_changed_problem() -> None:
    before = finding("filings/x/立项申请.md", 14, 1, "F170", "逾期 394 天", "第十七条")
    moved = finding("filings/x/立项申请.md", 20, 3, "F170", "逾期 394 天", "第十七条")
    assert fingerprint(before) == fingerprint(moved)
    assert fingerprint(before) != fingerprint(finding("filings/y/立项申请.md", 14, 1, "F170", "逾期 394 天", "第十七条"))
    assert fingerprint(before) != fingerprint(error("filings/x/立项申请.md", 14, 1, "F170", "逾期 394 天", "第十七条"))
    dup = error("registry.yml", 5, 1, "E421", "部门代码 ZHB 重复（第 3 行已有）")
    assert fingerprint(dup) == fingerprint(error("registry.yml", 9, 1, "E421", "部门代码 ZHB 重复（第 4 行已有）"))


def test_the_same_problem_twice_gets_two_fingerprints() -> None:
    twice = [error("filings/x/立项申请.md", line, 1, "E304", "仍有模板占位文字") for line in (5, 9)]
    report = json.loads(render_gitlab(twice))
    assert_documented_shape(report)
    assert report[0]["fingerprint"] == fingerprint(twice[0])


def test_a_clean_repository_is_an_empty_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "base", tmp_path / "repo")
    (tmp_path / "repo" / "filings" / "calendar.yml").write_text(
        "2027:\n  休息日: [2027-01-01]\n  调休工作日: []\n", encoding="utf-8")
    assert main(["check", "--repo", str(tmp_path / "repo"), "--as-of", "2025-06-01", "--format", "gitlab"]) == 0
    assert json.loads(capsys.readouterr().out) == []
