"""`filings codeowners`: who reviews what, from the registry's 审核人 (and the registry's check of them)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from codeowners import CodeOwners

from generator.cli import main

BASE = Path(__file__).resolve().parent / "fixtures" / "base"
ZHB = ["@zhb-li", "@ltgx/zhb"]
SHSY = ["@wang.wu"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    registry = root / "filings" / "registry.yml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("职责: [综合管理]}", '职责: [综合管理], 审核人: ["@zhb-li", "@ltgx/zhb"]}')
    text = text.replace("{代码: SHSY, 名称: 社会事业局, 类别: 区直部门}", '{代码: SHSY, 名称: 社会事业局, 类别: 区直部门, 审核人: ["@wang.wu"]}')
    registry.write_text(text, encoding="utf-8")
    return root


EXPECTED = {
    "filings/2025-SHSY-01/立项申请.md": SHSY,
    "filings/2025-SHSY-01/合同备案-2025-03.md": SHSY,
    "filings/2025-SHSY-01/附件/合同扫描件.pdf": SHSY,
    "filings/2025-SHSY-01/评审意见.md": ZHB,  # ★ types go to 综合管理办公室
    "filings/2025-SHSY-01/评审意见-调整.md": ZHB,
    "filings/2025-SHSY-01/监管措施-2026-03.md": ZHB,
    "filings/2025-SHSY-01/共享例外审批.md": ZHB,
    "filings/2026-XYZ-01/立项申请.md": ZHB,  # 许营镇 has no reviewers: the default applies
    "filings/2026-ZHB-01/立项申请.md": ZHB,
    "filings/registry.yml": ZHB,
    ".github/CODEOWNERS": ZHB,
    ".gitlab-ci.yml": ZHB,
}


@pytest.mark.parametrize("platform", ["github", "gitlab", "gitee"])
def test_glob_platforms_route_each_file_to_its_reviewers(repo: Path, platform: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # `codeowners` implements GitHub's rules (gitignore patterns, the last match wins), which GitLab and Gitee share.
    assert main(["codeowners", "--repo", str(repo), "--platform", platform]) == 0
    owners = CodeOwners((repo / f".{platform}" / "CODEOWNERS").read_text(encoding="utf-8"))
    got = {path: [name for _, name in owners.of(path)] for path in EXPECTED}
    assert got == EXPECTED


def _gitea_owners(text: str, path: str) -> list[str]:
    """Gitea's reading: each line a Go regexp over the whole path ("!" negates); owners of every match."""
    found: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rule, *names = line.split()
        negative = rule.startswith("!")
        if bool(re.fullmatch(rule.lstrip("!"), path)) != negative:
            found += [n for n in names if n not in found]
    return found


def test_gitea_gets_regular_expressions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--repo", str(repo), "--platform", "gitea", "--out", "-"]) == 0
    text = capsys.readouterr().out
    assert "\\" not in text  # Gitea's file format would read a backslash as its own escape
    assert _gitea_owners(text, "filings/2025-SHSY-01/立项申请.md") == SHSY
    assert _gitea_owners(text, "filings/2025-SHSY-01/评审意见.md") == SHSY + ZHB  # every matching line
    assert _gitea_owners(text, "filings/registry.yml") == ZHB
    assert _gitea_owners(text, ".gitea/CODEOWNERS") == ZHB
    assert _gitea_owners(text, "filings/2025-SHSY-01/评审意见xmd") == SHSY  # "." is literal


def test_a_hand_written_codeowners_is_never_overwritten(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    own = repo / ".github" / "CODEOWNERS"
    own.parent.mkdir()
    own.write_text("* @someone\n", encoding="utf-8")
    assert main(["codeowners", "--repo", str(repo)]) == 2
    assert ".github/CODEOWNERS 已存在且不是 filings codeowners 生成的" in capsys.readouterr().err
    assert own.read_text(encoding="utf-8") == "* @someone\n"


def test_regenerating_and_check(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--repo", str(repo), "--check"]) == 1
    assert main(["codeowners", "--repo", str(repo)]) == 0
    assert main(["codeowners", "--repo", str(repo), "--check"]) == 0
    registry = repo / "filings" / "registry.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("@wang.wu", "@zhao.liu"), encoding="utf-8")
    assert main(["codeowners", "--repo", str(repo), "--check"]) == 1
    assert main(["codeowners", "--repo", str(repo)]) == 0  # its own file is regenerated in place
    assert "/filings/*-SHSY-*/ @zhao.liu" in (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")


def test_bad_accounts_are_errors_with_their_place(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    registry = repo / "filings" / "registry.yml"
    text = registry.read_text(encoding="utf-8").replace('"@wang.wu"', '"@wang.wu", "王五", "@team/"')
    registry.write_text(text, encoding="utf-8")
    assert main(["check", "--repo", str(repo), "--as-of", "2026-11-29"]) == 1
    out = capsys.readouterr().out
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "王五" in s)
    column = text.splitlines()[line - 1].index('"王五"') + 1
    assert (f"filings/registry.yml:{line}:{column}: E429 审核人账号“王五”不合规：应为代码托管平台上的 @用户名 或 @组织/团队，"
            f"并加引号，例如 审核人: [\"@zhang-san\", \"@zhb/reviewers\"]") in out
    assert "E429 审核人账号“@team/”不合规" in out
    assert main(["codeowners", "--repo", str(repo)]) == 1  # nothing is written from a broken registry
    assert not (repo / ".github" / "CODEOWNERS").exists()


def test_without_reviewers_the_registry_stays_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(BASE, tmp_path / "repo")
    assert main(["codeowners", "--repo", str(tmp_path / "repo"), "--out", "-"]) == 0
    out = capsys.readouterr().out
    assert "# 社会事业局（SHSY）的项目：未在 filings/registry.yml 中登记审核人" in out
    assert "@" not in out.split("\n", 2)[2]


def test_an_unquoted_account_says_to_quote_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    registry = repo / "filings" / "registry.yml"
    text = registry.read_text(encoding="utf-8").replace('"@wang.wu"', "@wang.wu")
    registry.write_text(text, encoding="utf-8")
    assert main(["check", "--repo", str(repo), "--as-of", "2026-11-29"]) == 1
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "@wang.wu" in s)
    column = text.splitlines()[line - 1].index("@wang.wu") + 1
    assert (f"filings/registry.yml:{line}:{column}: E104 YAML 格式错误：以 @ 开头的值（如审核人账号）要加英文引号，"
            f"例如 \"@zhang-san\"") in capsys.readouterr().out
