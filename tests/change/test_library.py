"""The library shows 填报日期 and 入库日期 side by side, lists 入库滞后, and shows each filing's corrections:
a real git repository, a real `filings build` (mkdocs) of the library."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import APP, PROJECT, application, commit, contract, corrections, init, review, run_git, write

from generator.commands.build import build

CONTRACT = f"{PROJECT}/合同备案-2025-02.md"
AS_OF = "2025-06-30"
FIXED = "2025-04-02 | 供应商 | 聊城数智科技有限公司 | 聊城数智信息科技有限公司 | 公司全称笔误"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = init(tmp_path_factory.mktemp("lib") / "备案库", {APP: application(), f"{PROJECT}/评审意见.md": review()})
    run_git(root, "checkout", "-q", "-b", "合同")
    write(root, CONTRACT, contract())  # 填报日期 2025-02-27
    commit(root, "合同备案", date="2025-02-27T10:00:00+08:00")
    run_git(root, "checkout", "-q", "main")
    run_git(root, "merge", "-q", "--no-ff", "合同", "-m", "合并：合同备案", date="2025-03-20T17:00:00+08:00")
    write(root, CONTRACT, contract(supplier="聊城数智信息科技有限公司", extra=corrections(FIXED)))
    commit(root, "更正供应商", date="2025-04-02T10:00:00+08:00")
    return root


def page(root: Path, rel: str) -> str:
    return (root / "library" / rel).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(repo: Path) -> Path:
    import datetime as dt
    assert build(repo, dt.date.fromisoformat(AS_OF), audiences=("library",)) == 0
    return repo


def test_entry_date_beside_filing_date_with_the_lag_and_the_correction(built: Path) -> None:
    html = page(built, f"projects/{PROJECT.split('/')[1]}.html")
    assert "填报日期 2025-02-27 · 入库日期 2025-03-20" in html
    assert "填报日期 2024-10-15 · 入库日期 2025-01-02" in html  # the application, committed on 01-02
    assert html.count("入库滞后</span>") == 3  # the application and review (committed 2025-01-02), the contract
    assert "已更正 1 处" in html and "公司全称笔误" in html


def test_the_findings_page_lists_the_lag(built: Path) -> None:
    html = page(built, "findings.html")
    section = html.split("入库滞后", 1)[1]
    assert "合同备案-2025-02.md" in section and "2025-03-20" in section


def test_without_git_history_it_says_so_once(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt
    copy = tmp_path / "压缩包"
    shutil.copytree(repo / "filings", copy / "filings")
    assert build(copy, dt.date.fromisoformat(AS_OF), audiences=("library",)) == 0
    assert capsys.readouterr().err.count("备案库没有完整的 Git 历史") == 1
    html = (copy / "library" / "projects" / "2025-SHSY-01.html").read_text(encoding="utf-8")
    assert "入库日期 2025-02-27（无 Git 历史，按填报日期）" in html
    assert "备案库没有完整的 Git 历史" in (copy / "library" / "findings.html").read_text(encoding="utf-8")
