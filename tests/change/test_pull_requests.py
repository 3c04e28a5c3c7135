"""Done-when test of issue 8: a real repository goes through several pull requests; `filings review`
(and, once they exist, both annotation formats of `filings check`) runs on each, and its output is
compared with the expected files in tests/change/expected/.

Set FILINGS_UPDATE_EXPECTED=1 to rewrite the expected files after an intended change of wording,
then read the diff before committing it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import APP, PROJECT, adjustment, application, commit, contract, corrections, init, review, run_git, write

from generator.cli import main, make_parser

EXPECTED = Path(__file__).parent / "expected"
UPDATE = os.environ.get("FILINGS_UPDATE_EXPECTED") == "1"
CONTRACT = f"{PROJECT}/合同备案-2025-02.md"
SECOND = f"{PROJECT}/合同备案-2025-03.md"
FIXED = "2025-03-02 | 供应商 | 聊城数智科技有限公司 | 聊城数智信息科技有限公司 | 公司全称笔误"

# (name, as-of day, files written on the branch, merged into main afterwards)
PULL_REQUESTS: list[tuple[str, str, dict[str, str], bool]] = [
    ("01-新项目", "2024-10-15", {APP: application()}, True),
    ("02-立项评审", "2024-11-20", {f"{PROJECT}/评审意见.md": review()}, True),
    ("03-合同备案", "2025-02-27", {CONTRACT: contract()}, True),
    ("04-迟交的备案", "2025-04-10", {SECOND: contract(day="2025-03-20", signed="2025-03-18").replace(
        "合同金额: 80.0", "合同金额: 30.0").replace("LCGX-2025-018", "LCGX-2025-031").replace(
        "建设合同", "数据治理服务合同")}, True),
    ("05-更正", "2025-04-15", {CONTRACT: contract(supplier="聊城数智信息科技有限公司", extra=corrections(FIXED))}, True),
    ("06-调整", "2025-05-12", {f"{PROJECT}/调整申请.md": adjustment(day="2025-05-06"),
                             f"{PROJECT}/评审意见-调整.md": review("调整", "通过", "2025-05-09", "120.0")}, True),
    ("07-篡改记录", "2025-05-14", {CONTRACT: contract(day="2025-02-20", supplier="聊城数智信息科技有限公司",
                                                  extra=corrections(FIXED))}, False),
]


def annotation_formats() -> list[str]:
    """check's --format choices beyond text and json (added by the annotations work of issue 8)."""
    for action in make_parser()._subparsers._group_actions[0].choices["check"]._actions:  # type: ignore[union-attr]
        if action.dest == "format":
            return [c for c in action.choices if c not in ("text", "json")]
    return []


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    root = init(tmp_path_factory.mktemp("prs") / "聊城高新区备案库", {})
    captured: dict[str, dict[str, str]] = {}
    for n, (name, day, files, merged) in enumerate(PULL_REQUESTS, 1):
        branch = f"pr-{n}"
        run_git(root, "checkout", "-q", "-b", branch)
        for rel, text in files.items():
            write(root, rel, text)
        commit(root, name, date=f"{day}T10:00:00+08:00")
        captured[name] = {fmt: _run(root, day, fmt) for fmt in ("markdown", "json")}
        for fmt in annotation_formats():
            captured[name][fmt] = _run(root, day, fmt, check=True)
        run_git(root, "checkout", "-q", "main")
        if merged:
            run_git(root, "merge", "-q", "--no-ff", branch, "-m", f"合并：{name}", date=f"{day}T17:00:00+08:00")
    return captured


def _run(root: Path, day: str, fmt: str, check: bool = False) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        if check:
            main(["check", "--repo", str(root), "--base", "main", "--as-of", day, "--format", fmt])
        else:
            assert main(["review", "--repo", str(root), "--base", "main", "--as-of", day, "--format", fmt,
                         "--link-base", ""]) == 0  # relative links, even when the tests run in CI
    return out.getvalue().replace(str(root), "<仓库>")


SUFFIX = {"markdown": ".md", "json": ".json", "github": ".github.txt", "gitlab": ".gitlab.json"}


@pytest.mark.parametrize("name", [pr[0] for pr in PULL_REQUESTS])
@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_review_output_is_as_expected(outputs: dict[str, dict[str, str]], name: str, fmt: str) -> None:
    _compare(outputs[name][fmt], EXPECTED / f"{name}{SUFFIX[fmt]}")


@pytest.mark.parametrize("name", [pr[0] for pr in PULL_REQUESTS])
@pytest.mark.parametrize("fmt", ["github", "gitlab"])
def test_annotation_output_is_as_expected(outputs: dict[str, dict[str, str]], name: str, fmt: str) -> None:
    """`check --format github|gitlab` (the annotations of issue 8) on the same pull requests.
    Skipped only on a branch without those formats."""
    if fmt not in annotation_formats():
        pytest.skip(f"check --format {fmt} is not on this branch yet")
    expected = EXPECTED / f"{name}{SUFFIX[fmt]}"
    if not expected.exists() and not UPDATE:
        pytest.skip(f"no expected file {expected.name} recorded yet (FILINGS_UPDATE_EXPECTED=1)")
    _compare(outputs[name][fmt], expected)


def _compare(got: str, expected: Path) -> None:
    if UPDATE:
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")


def test_the_story_the_summaries_tell(outputs: dict[str, dict[str, str]]) -> None:
    """What a reviewer must see in each pull request, independent of wording."""
    data = {name: json.loads(o["json"]) for name, o in outputs.items()}
    first = data["01-新项目"]
    assert first["ok"] and [f["change"] for f in first["filings"]] == ["added"]
    assert [p["point"] for p in first["review_points"][0]["points"]] == [
        "资源集约利用和信息共享", "设计方案合理可行性", "信息安全解决方案", "密码管理合规性", "实施计划和资金测算"]
    assert "- [ ] **（一）资源集约利用和信息共享**" in outputs["01-新项目"]["markdown"]
    assert data["02-立项评审"]["projects"][0]["status"] == {"before": "申报中", "after": "评审通过"}
    assert data["03-合同备案"]["projects"][0]["status"] == {"before": "评审通过", "after": "建设中"}
    late = data["04-迟交的备案"]["findings"]["introduced"]
    assert "F320" in [p["code"] for p in late]
    fixed = data["05-更正"]
    assert fixed["ok"] and [f["change"] for f in fixed["filings"]] == ["corrected"]
    assert fixed["corrections"][0]["item"] == "供应商"
    plan = data["06-调整"]["adjustments"][0]["plan"][0]
    assert (plan["before"], plan["after"], plan["change"], plan["share"]) == ("96.5", "120", "+23.5", "+24.4%")
    rewrite = data["07-篡改记录"]
    assert not rewrite["ok"] and [(e["code"], e["article"]) for e in rewrite["errors"]] == [("E506", "第三十二条")]
