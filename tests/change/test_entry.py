"""Late entries (F320), paper-archive import batches (F321, E510) and the 更正记录 table's shape."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import AS_OF, REGISTRY, application, commit, contract, corrections, init, write

from generator.change import compute
from generator.cli import main
from generator.repository import load

OLD = "filings/2019-SHSY-01"
IMPORTS = "filings/导入批次.yml"


def found(root: Path) -> list[tuple[str, int | None, str]]:
    return [(p.path, p.line, p.code) for p in compute(load(root, AS_OF), "main").problems]


def old_project(n: int) -> dict[str, str]:
    folder = f"filings/2019-SHSY-0{n}"
    text = application(day="2019-03-01").replace("2025-SHSY-01", f"2019-SHSY-0{n}").replace(
        "申报年度: 2025", "申报年度: 2019")
    return {f"{folder}/立项申请.md": text}


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return init(tmp_path / "仓库", {})


def test_a_filing_added_late_is_f320_on_its_date_line(repo: Path) -> None:
    write(repo, "filings/2025-SHSY-01/立项申请.md", application(day="2025-06-24"))
    problems = compute(load(repo, AS_OF), "main").problems
    assert [(p.path, p.line, p.code, p.kind, p.article) for p in problems] == [
        ("filings/2025-SHSY-01/立项申请.md", 5, "F320", "finding", "第三十二条")]
    assert "填报日期为 2025-06-24，比今天（2025-06-30）早 3 个工作日以上" in problems[0].message


def test_three_working_days_are_not_late(repo: Path) -> None:
    write(repo, "filings/2025-SHSY-01/立项申请.md", application(day="2025-06-25"))  # + 3 工作日 = 06-30
    assert found(repo) == []


def test_a_committed_filing_is_not_judged_again(repo: Path) -> None:
    write(repo, "filings/2025-SHSY-01/立项申请.md", application(day="2025-06-24"))
    commit(repo, "立项申请")
    assert found(repo) == []


def test_an_import_batch_gives_one_summary_line(repo: Path) -> None:
    for n in (1, 2, 3):
        for rel, text in old_project(n).items():
            write(repo, rel, text)
    write(repo, IMPORTS, "# 纸质档案导入登记\n- 批次: 2025年纸质档案第一批\n  登记日期: 2025-06-28\n  范围: [\"2019-*\"]\n")
    problems = compute(load(repo, AS_OF), "main").problems
    assert [(p.path, p.line, p.code) for p in problems] == [(IMPORTS, 2, "F321")]
    assert "本次按导入批次“2025年纸质档案第一批”（登记日期 2025-06-28）录入 3 份纸质档案备案" in problems[0].message


def test_a_batch_already_on_main_covers_nothing_new(repo: Path) -> None:
    write(repo, IMPORTS, "- {批次: 第一批, 登记日期: 2025-06-28, 范围: [\"2019-*\"]}\n")
    commit(repo, "导入登记")
    for rel, text in old_project(1).items():
        write(repo, rel, text)
    assert found(repo) == [(f"{OLD}/立项申请.md", 5, "F320")]


def test_a_batch_covers_only_its_folders(repo: Path) -> None:
    for rel, text in old_project(1).items():
        write(repo, rel, text)
    write(repo, "filings/2025-SHSY-01/立项申请.md", application(day="2025-06-02"))
    write(repo, IMPORTS, "- {批次: 第一批, 登记日期: 2025-06-28, 范围: [2019-SHSY-01]}\n")
    assert found(repo) == [("filings/2025-SHSY-01/立项申请.md", 5, "F320"), (IMPORTS, 1, "F321")]


@pytest.mark.parametrize("text, line", [
    ("- {批次: 第一批, 登记日期: 2025年6月28日, 范围: [2019-*]}\n", 1),
    ("批次: 第一批\n", 1),
    ("- {批次: 第一批, 登记日期: 2025-06-28}\n", 1),
    ("- {批次: 第一批, 登记日期: 2025-06-28, 范围: [a], 负责人: 张三}\n", 1),
    ("- [\n", 2),
])
def test_a_malformed_import_register_is_e510(repo: Path, text: str, line: int) -> None:
    write(repo, IMPORTS, text)
    problems = compute(load(repo, AS_OF), "main").problems
    assert [(p.path, p.line, p.code, p.article) for p in problems] == [(IMPORTS, line, "E510", "第三十二条")]


def test_check_prints_the_summary_line_to_a_path_limited_check(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for rel, text in old_project(1).items():
        write(repo, rel, text)
    write(repo, IMPORTS, "- {批次: 第一批, 登记日期: 2025-06-28, 范围: [\"2019-*\"]}\n")
    assert main(["check", str(repo / OLD / "立项申请.md"), "--repo", str(repo), "--base", "HEAD",
                 "--as-of", str(AS_OF)]) == 0
    out = capsys.readouterr().out
    assert "F321" in out and "F320" not in out


# --- the 更正记录 table's shape (a structural check, no git) --------------------------

def check_contract(tmp_path: Path, extra: str) -> list[str]:
    write(tmp_path, "filings/registry.yml", REGISTRY)
    write(tmp_path, "filings/2025-SHSY-01/立项申请.md", application())
    write(tmp_path, "filings/2025-SHSY-01/合同备案.md", contract(extra=extra))
    return [p.text().split(" ", 2)[0] + " " + p.text().split(" ", 2)[1]
            for p in load(tmp_path, AS_OF).problems]


def test_a_well_formed_table_passes(tmp_path: Path) -> None:
    assert check_contract(tmp_path, corrections("2025-03-02 | 供应商 | 甲 | 乙 | 笔误")) == []


@pytest.mark.parametrize("row, code", [
    ("2025年3月2日 | 供应商 | 甲 | 乙 | 笔误", "E321"),
    ("2025-07-02 | 供应商 | 甲 | 乙 | 笔误", "E321"),  # after --as-of
    ("2025-02-01 | 供应商 | 甲 | 乙 | 笔误", "E321"),  # before 填报日期
    ("2025-03-02 |  | 甲 | 乙 | 笔误", "E320"),
    ("2025-03-02 | 供应商 | 甲 | 乙 |  ", "E320"),
])
def test_bad_rows_are_located(tmp_path: Path, row: str, code: str) -> None:
    assert check_contract(tmp_path, corrections(row)) == [f"filings/2025-SHSY-01/合同备案.md:26:1: {code}"]


def test_wrong_columns_are_e320(tmp_path: Path) -> None:
    extra = "\n## 更正记录\n\n| 日期 | 内容 |\n|---|---|\n| 2025-03-02 | 供应商 |\n"
    assert check_contract(tmp_path, extra) == ["filings/2025-SHSY-01/合同备案.md:24:1: E320"]
    assert check_contract(tmp_path, "\n## 更正记录\n\n供应商写错了。\n") == ["filings/2025-SHSY-01/合同备案.md:22:1: E320"]
