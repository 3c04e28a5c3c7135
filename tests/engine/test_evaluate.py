"""evaluate(): all findings of a repository, the calendar warning, git rules, and bad input."""
from __future__ import annotations

from pathlib import Path

import pytest
from district import PROJECT, D, District

from generator.engine import assess, evaluate
from generator.repository import load


def test_every_finding_is_a_finding_with_article(district: District) -> None:
    district.project(数据共享="不共享", 整合类别="五", 上级申报="省")
    district.add("合同备案", 签订日期="2024-11-19", 填报日期="2024-12-02", 合同金额=120)
    found = district.findings("2026-04-10")
    assert {p.code for p in found} == {"F080", "F090", "F100", "F130", "F140", "F150", "F170", "F220"}
    assert all(p.kind == "finding" and p.article and p.line for p in found)


@pytest.mark.parametrize("as_of, calendar, warns", [
    ("2026-10-31", False, False),
    ("2026-11-01", False, True),
    ("2026-11-29", True, False),
])
def test_calendar_warning(district: District, as_of: str, calendar: bool, warns: bool) -> None:
    district.project("2026-SHSY-01")
    if calendar:
        district.calendar()
    found = [p for p in district.findings(as_of) if p.code == "F000"]
    assert [(p.path, p.line, p.kind) for p in found] == ([("filings/calendar.yml", None, "finding")] if warns else [])
    if warns:
        assert found[0].message.startswith("2027 年的节假日安排尚未知晓")


def test_findings_are_the_assessments_findings(district: District) -> None:
    district.project()
    district.add("合同备案", 签订日期="2025-03-03", 填报日期="2025-03-11")
    repo = district.load("2025-04-01")
    per_project = [p for a in assess(repo).values() for p in a.findings]
    assert sorted(evaluate(repo)) == sorted(per_project) and len(per_project) == 1


def test_invalid_values_are_skipped_not_guessed(tmp_path: Path, district: District) -> None:
    district.project()
    path = district.add("合同备案", 签订日期="2025-03-03", 填报日期="2025-03-11")
    text = (tmp_path / path).read_text(encoding="utf-8").replace("签订日期: 2025-03-03", "签订日期: 2025年3月3日")
    (tmp_path / path).write_text(text, encoding="utf-8")
    repo = load(tmp_path, D("2025-04-01"))
    assert [p.code for p in repo.problems] == ["E206"]
    result = assess(repo)[PROJECT]
    assert result.deadlines and not [d for d in result.deadlines if d.code == "F130"]
    assert [p.code for p in evaluate(repo)] == []


def test_broken_files_do_not_crash_the_engine(tmp_path: Path, district: District) -> None:
    district.project()
    folder = tmp_path / "filings" / PROJECT
    (folder / "合同备案.md").write_text("---\n备案类型: 合同备案\n签订日期: [\n---\n", encoding="utf-8")
    (folder / "竣工验收.md").write_text("no front matter", encoding="utf-8")
    (tmp_path / "filings" / "2025-XYZ-01").mkdir()
    (tmp_path / "filings" / "2025-XYZ-01" / "年度报告.md").write_text("---\n备案类型: 年度报告\n---\n", encoding="utf-8")
    repo = load(tmp_path, D("2026-01-10"))
    assert any(p.kind == "error" for p in repo.problems)
    assert set(assess(repo)) == {PROJECT, "2025-XYZ-01"}
    assert all(p.kind == "finding" for p in evaluate(repo))
