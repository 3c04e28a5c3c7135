"""`filings new`: filings from templates, common keys filled in, never overwriting."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.reading.body import parse as parse_body
from generator.reading.frontmatter import parse as parse_front
from generator.schema.types import FILING_TYPES
from generator.templates import TEMPLATES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AS_OF = "2026-11-29"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "base", root)
    return root


def new(repo: Path, *args: str) -> int:
    return main(["new", *args, "--repo", str(repo), "--as-of", AS_OF])


def test_new_project_takes_next_free_number(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(repo, "立项申请", "--dept", "SHSY", "--year", "2025") == 0
    created = repo / "filings" / "2025-SHSY-02" / "立项申请.md"
    assert created.is_file()
    assert "filings/2025-SHSY-02/立项申请.md" in capsys.readouterr().out
    fm = parse_front(created.read_text(encoding="utf-8"))
    values = {k: e.value for k, e in fm.entries.items()}
    assert values["项目编号"] == "2025-SHSY-02"
    assert values["填报单位"] == values["建设单位"] == "SHSY"
    assert str(values["填报日期"]) == AS_OF
    assert values["申报年度"] == 2025


def test_default_year_is_next_year(repo: Path) -> None:
    assert new(repo, "立项申请", "--dept", "XYZ") == 0
    assert (repo / "filings" / "2027-XYZ-01" / "立项申请.md").is_file()


def test_never_overwrites(repo: Path) -> None:
    folder = repo / "filings" / "2025-SHSY-01"
    before = (folder / "立项申请.md").read_bytes()
    for _ in range(3):
        assert new(repo, "合同备案", "--project", "2025-SHSY-01") == 0
    names = sorted(p.name for p in folder.glob("合同备案*.md"))
    assert names == ["合同备案-2026-11-2.md", "合同备案-2026-11.md", "合同备案.md"]
    assert (folder / "立项申请.md").read_bytes() == before


def test_central_types_are_filled_by_the_central_department(repo: Path) -> None:
    assert new(repo, "评审意见", "--project", "2025-SHSY-01") == 0
    text = (repo / "filings" / "2025-SHSY-01" / "评审意见.md").read_text(encoding="utf-8")
    assert "填报单位: ZHB" in text


def test_an_unfilled_template_fails_check(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(repo, "年度报告", "--project", "2025-SHSY-01") == 0
    capsys.readouterr()
    assert main(["check", "--repo", str(repo), "--as-of", AS_OF]) == 1
    out = capsys.readouterr().out
    assert "年度报告-2026.md" in out and "E304" in out and "E202" in out


@pytest.mark.parametrize("argv", [
    ["不存在的类型", "--project", "2025-SHSY-01"],
    ["合同备案"],
    ["合同备案", "--project", "2025-shsy-1"],
    ["合同备案", "--project", "2026-SHSY-09"],
    ["立项申请", "--dept", "NOPE"],
])
def test_bad_usage(repo: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert new(repo, *argv) == 2
    assert "用法错误" in capsys.readouterr().err


@pytest.mark.parametrize("name", list(FILING_TYPES))
def test_template_teaches_every_required_section(name: str) -> None:
    """Templates and schema agree: every section (conditional ones too) is there, with its article."""
    body = parse_body(TEMPLATES.read_body(name), 0)
    for spec in FILING_TYPES[name].sections:
        assert spec.title in body.sections, spec.title
        section = body.sections[spec.title]
        assert "第" in section.guidance and "条" in section.guidance, spec.title
        for sub in spec.subsections:
            assert sub.title in section.subsections, sub.title


def test_json_schemas_are_generated_and_fresh(tmp_path: Path) -> None:
    from generator.schema.jsonschema import all_schemas

    committed = {p.name: p.read_text(encoding="utf-8") for p in (FIXTURES.parent.parent / "schemas").glob("*.json")}
    assert committed == all_schemas(), "运行 filings schema 重新生成 schemas/"
