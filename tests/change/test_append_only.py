"""The record is append-only (spec §5a): real git repositories, `filings check --base`.

The four cases at the top of issue 8 each have a test here, refused with a located
message citing its article.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import APP, AS_OF, PLAN, PROJECT, adjustment, application, commit, contract, corrections, init, review, run_git, write

from generator.change import HistoryError, compute
from generator.change.facts import approved_by_engine
from generator.cli import main
from generator.repository import load

CONTRACT = f"{PROJECT}/合同备案-2025-02.md"
REVIEW = f"{PROJECT}/评审意见.md"


def problems(root: Path, base: str = "main", as_of=AS_OF) -> list[str]:  # type: ignore[no-untyped-def]
    repo = load(root, as_of)
    assert [p.text() for p in repo.problems] == []  # fixtures are structurally valid
    change = compute(repo, base, approved=approved_by_engine(repo))
    return [p.text() for p in change.problems]


def codes(root: Path, base: str = "main") -> list[tuple[str, int | None, str]]:
    repo = load(root, AS_OF)
    change = compute(repo, base, approved=approved_by_engine(repo))
    return [(p.path, p.line, p.code) for p in change.problems]


@pytest.fixture()
def approved(tmp_path: Path) -> Path:
    return init(tmp_path / "备案仓库", {APP: application(), REVIEW: review(), CONTRACT: contract()})


# --- the four cases of issue 8 ---------------------------------------------------

def test_backdating_a_committed_contract_is_refused(approved: Path) -> None:
    write(approved, CONTRACT, contract(day="2025-02-20"))
    assert problems(approved) == [
        f"{CONTRACT}:5:1: E506 「填报日期」不能更正：主分支上为 2025-02-27，现为 2025-02-20。填报日期记录的是当初提交的日期，"
        "改动它会抹去迟报等事实（第三十二条）。请恢复原值 2025-02-27"]


def test_backdating_is_refused_even_when_listed_as_a_correction(approved: Path) -> None:
    write(approved, CONTRACT, contract(day="2025-02-20", extra=corrections(
        "2025-03-01 | 填报日期 | 2025-02-27 | 2025-02-20 | 笔误")))
    assert [c for c in codes(approved)] == [(CONTRACT, 5, "E506")]


def test_moving_the_approved_finish_date_is_refused(approved: Path) -> None:
    write(approved, APP, application(finish="2025-12-31"))
    found = problems(approved)
    assert found == [
        f"{APP}:12:1: E502 已通过立项评审的立项申请的计划「计划完成日期」被改动（主分支上为 2025-10-31，现为 2025-12-31）："
        "批准的计划（各项金额、计划完成日期、建设内容和项目概算表）不能直接修改，也不能通过更正记录修改（第十六条）。"
        "请恢复原内容，另行提交 调整申请（调整事项含 建设进度），经评审意见（评审范围: 调整）通过后生效；立项申请保留原计划作为原始基线"]


def test_the_approved_plan_cannot_be_corrected_either(approved: Path) -> None:
    write(approved, APP, application(finish="2025-12-31", extra=corrections(
        "2025-03-01 | 计划完成日期 | 2025-10-31 | 2025-12-31 | 笔误")))
    assert codes(approved) == [(APP, 12, "E502")]


def test_flipping_a_committed_review_verdict_is_refused_both_ways(approved: Path) -> None:
    write(approved, REVIEW, review(verdict="不通过"))
    assert [c[2] for c in codes(approved)] == ["E506"]
    assert "「评审结论」不能更正：主分支上为 通过，现为 不通过。评审意见记录的是评审当时的结论" in problems(approved)[0]
    commit(approved, "改为不通过")  # suppose it slipped in: flipping it back is refused too
    write(approved, REVIEW, review(verdict="通过"))
    assert codes(approved) == [(REVIEW, 9, "E506")]


def test_any_other_unlisted_change_is_refused_quoting_the_old_value(approved: Path) -> None:
    write(approved, CONTRACT, contract(supplier="聊城数智信息科技有限公司"))
    assert problems(approved) == [
        f"{CONTRACT}:10:1: E505 「供应商」被直接改动：主分支上为 聊城数智科技有限公司，现为 聊城数智信息科技有限公司。"
        "已入库的备案不能直接改写（第三十二条）：如确是笔误，请在文件末尾的「## 更正记录」表中登记一行"
        "（更正日期 | 供应商 | 聊城数智科技有限公司 | 聊城数智信息科技有限公司 | 原因）；否则请恢复原值 聊城数智科技有限公司"]


def test_a_changed_section_is_refused_on_the_changed_line(approved: Path) -> None:
    write(approved, CONTRACT, contract().replace("平台软件开发、部署和一年运维。", "平台软件开发、部署和两年运维。"))
    found = problems(approved)
    assert len(found) == 1 and found[0].startswith(f"{CONTRACT}:16:1: E505 「## 采购内容」被直接改动（此行原为“平台软件开发、部署和一年运维。”）")


# --- corrections on the record ----------------------------------------------------

def test_a_listed_correction_of_a_key_passes(approved: Path) -> None:
    write(approved, CONTRACT, contract(supplier="聊城数智信息科技有限公司", extra=corrections(
        "2025-03-02 | 供应商 | 聊城数智科技有限公司 | 聊城数智信息科技有限公司 | 公司全称笔误")))
    assert problems(approved) == []


def test_a_listed_correction_of_a_section_passes(approved: Path) -> None:
    write(approved, CONTRACT, contract(extra=corrections("2025-03-02 | ## 采购内容 | 一年运维 | 两年运维 | 漏写")).replace(
        "部署和一年运维。", "部署和两年运维。"))
    assert problems(approved) == []


def test_a_row_with_the_wrong_old_value_is_e507(approved: Path) -> None:
    write(approved, CONTRACT, contract(supplier="聊城数智信息科技有限公司", extra=corrections(
        "2025-03-02 | 供应商 | 聊城数智公司 | 聊城数智信息科技有限公司 | 笔误")))
    found = codes(approved)
    assert [c[2] for c in found] == ["E505", "E507"]
    assert "主分支上为 聊城数智科技有限公司，现为 聊城数智信息科技有限公司：原值、新值须与之完全一致" in problems(approved)[1]


def test_a_row_for_an_unchanged_key_is_e507(approved: Path) -> None:
    write(approved, CONTRACT, contract(extra=corrections("2025-03-02 | 合同编号 | A | B | 笔误")))
    assert codes(approved) == [(CONTRACT, 26, "E507")]


def test_committed_correction_rows_cannot_be_removed(approved: Path) -> None:
    write(approved, CONTRACT, contract(supplier="聊城数智信息科技有限公司", extra=corrections(
        "2025-03-02 | 供应商 | 聊城数智科技有限公司 | 聊城数智信息科技有限公司 | 公司全称笔误")))
    commit(approved, "更正供应商")
    write(approved, CONTRACT, contract(supplier="聊城数智信息科技有限公司", extra=corrections(
        "2025-03-02 | 供应商 | 聊城数智科技有限公司 | 聊城数智信息科技有限公司 | 笔误")))
    assert [c[2] for c in codes(approved)] == ["E507", "E508"]


def test_a_second_correction_is_appended(approved: Path) -> None:
    first = "2025-03-02 | 供应商 | 聊城数智科技有限公司 | 聊城数智信息科技有限公司 | 公司全称笔误"
    write(approved, CONTRACT, contract(supplier="聊城数智信息科技有限公司", extra=corrections(first)))
    commit(approved, "更正供应商")
    text = contract(supplier="聊城数智信息科技有限公司", extra=corrections(
        first, "2025-03-05 | 合同编号 | LCGX-2025-018 | LCGX-2025-019 | 编号笔误"))
    write(approved, CONTRACT, text.replace("LCGX-2025-018\n", "LCGX-2025-019\n"))
    assert problems(approved) == []


def test_an_unapproved_application_may_be_corrected(tmp_path: Path) -> None:
    root = init(tmp_path / "仓库", {APP: application()})
    write(root, APP, application(finish="2025-12-31", extra=corrections(
        "2025-01-05 | 计划完成日期 | 2025-10-31 | 2025-12-31 | 评审前修改")))
    assert problems(root) == []


def test_the_plan_changes_through_an_adjustment_not_in_place(approved: Path) -> None:
    write(approved, f"{PROJECT}/调整申请.md", adjustment(day="2025-06-25"))
    write(approved, f"{PROJECT}/评审意见-调整.md", review("调整", "通过", "2025-06-27", "120.0"))
    assert problems(approved) == []  # new filings: the adjustment is the change
    write(approved, APP, application(total="120.0", software="85.5"))
    assert [c[2] for c in codes(approved)] == ["E502", "E502"]  # 申报总投资 and the budget table


def test_layout_and_guidance_are_not_changes(approved: Path) -> None:
    relaid = PLAN.replace("技术成熟；", "技术成熟；\n").replace(
        "### 可行性分析\n", "### 可行性分析\n\n> 填写说明：从政策、技术、经济等方面说明可行性。\n")
    write(approved, APP, application(plan=relaid.replace("| 序号 |", "|序号|")))
    assert problems(approved) == []


# --- deleted, renamed, replaced ------------------------------------------------------

def test_deleting_a_filing_is_e501(approved: Path) -> None:
    (approved / REVIEW).unlink()
    assert problems(approved) == [
        f"{REVIEW}: E501 删除了主分支上已有的备案：备案库只增不删，已记录的事实不能撤回（第三十二条）。"
        f"请恢复该文件（git checkout main -- \"{REVIEW}\"）；如有笔误，在文件中登记「## 更正记录」"]


def test_renaming_a_filing_is_e503_at_its_new_name(approved: Path) -> None:
    (approved / REVIEW).rename(approved / PROJECT / "评审意见-立项.md")
    assert problems(approved) == [
        f"{PROJECT}/评审意见-立项.md:1:1: E503 由 {REVIEW} 改名而来：已入库的备案不能改名，别处对它的引用会失效（第三十二条）。"
        f"请改回原文件名（git mv \"{PROJECT}/评审意见-立项.md\" \"{REVIEW}\"）"]


def test_replacing_a_filing_by_a_symlink_is_e504(approved: Path) -> None:
    (approved / CONTRACT).unlink()
    os.symlink("评审意见.md", approved / CONTRACT)
    repo = load(approved, AS_OF)
    found = compute(repo, "main").problems
    assert [(p.path, p.code, p.article) for p in found] == [(CONTRACT, "E504", "第三十二条")]


def test_deletion_under_a_chinese_folder_inside_the_work_tree(tmp_path: Path) -> None:
    root = init(tmp_path / "政务数据", {APP: application(), REVIEW: review()}, sub="高新区/备案库")
    (root / APP).unlink()
    (root / REVIEW).unlink()
    repo = load(root, AS_OF)
    assert [(p.path, p.code) for p in compute(repo, "main").problems] == [(APP, "E501"), (REVIEW, "E501")]


# --- the CLI -----------------------------------------------------------------------------

def test_check_reports_and_fails(approved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(approved, CONTRACT, contract(day="2025-02-20"))
    assert main(["check", "--repo", str(approved), "--base", "main", "--as-of", str(AS_OF)]) == 1
    assert f"{CONTRACT}:5:1: E506" in capsys.readouterr().out


def test_a_deletion_is_reported_to_a_path_limited_check(approved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (approved / REVIEW).unlink()
    assert main(["check", str(approved / APP), "--repo", str(approved), "--base", "HEAD", "--as-of", str(AS_OF)]) == 1
    assert f"{REVIEW}: E501" in capsys.readouterr().out


def test_unknown_revision_is_a_usage_error(approved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--repo", str(approved), "--base", "origin/不存在", "--as-of", str(AS_OF)]) == 2
    assert "找不到 Git 版本“origin/不存在”" in capsys.readouterr().err
    with pytest.raises(HistoryError, match="找不到 Git 版本"):
        compute(load(approved, AS_OF), "origin/不存在")


def test_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "filings/registry.yml", "辖区: 测试\n")
    with pytest.raises(HistoryError, match="不在 Git 仓库中"):
        compute(load(tmp_path, AS_OF), "main")


def test_before_the_first_commit_nothing_is_on_the_branch(tmp_path: Path) -> None:
    from helpers import REGISTRY
    run_git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "filings/registry.yml", REGISTRY)
    write(tmp_path, APP, application())
    for base in ("HEAD", "main", "refs/heads/main"):
        assert compute(load(tmp_path, AS_OF), base).problems == []
    with pytest.raises(HistoryError, match="找不到 Git 版本“origin/main”"):
        compute(load(tmp_path, AS_OF), "origin/main")


# --- what is read from the base -----------------------------------------------------------

def test_only_the_filings_that_differ_are_read_from_the_base(approved: Path) -> None:
    """A pre-commit run in a district of thousands of filings parses a handful of old files: the
    reader (where a cache keyed by blob id plugs in) sees only the files git says differ."""
    from generator.change import default_reader
    from generator.change.git import blob_id

    write(approved, CONTRACT, contract(supplier="聊城数智信息科技有限公司", extra=corrections(
        "2025-03-02 | 供应商 | 聊城数智科技有限公司 | 聊城数智信息科技有限公司 | 公司全称笔误")))
    write(approved, f"{PROJECT}/调整申请.md", adjustment(day="2025-06-27"))
    repo = load(approved, AS_OF)
    seen: list[tuple[str, str]] = []
    real = default_reader(repo)

    def reader(path: str, raw: bytes):  # type: ignore[no-untyped-def]
        seen.append((path, blob_id(raw)))
        return real(path, raw)

    change = compute(repo, "main", reader=reader)
    assert change.problems == []
    assert seen == [(CONTRACT, change.blob_ids[CONTRACT])]
    assert [(c.path, c.kind, c.corrected) for c in change.changes] == [
        (CONTRACT, "changed", True), (f"{PROJECT}/调整申请.md", "added", False)]
    assert change.affected == {"2025-SHSY-01"}


CATALOG = f"{PROJECT}/信息资源目录.md"


def catalog(collected: str = "", extra: str = "") -> str:
    line = f"    归集日期: {collected}\n" if collected else ""
    return f"""\
---
备案类型: 信息资源目录
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: 2025-06-02
信息资源:
  - 名称: 养老机构信息
    摘要: 辖区养老服务机构的名称、地址和床位数
    提供单位: SHSY
    格式: 电子表格
    更新周期: 每月
    共享属性: 无条件共享
    开放属性: 无条件开放
    信息项: [机构名称, 地址, 床位数]
{line}---

## 目录说明

平台形成的养老服务机构信息。
{extra}"""


def test_a_resource_collected_later_is_recorded_as_a_correction(approved: Path) -> None:
    write(approved, CATALOG, catalog())
    commit(approved, "信息资源目录")
    write(approved, CATALOG, catalog("2025-06-20"))
    assert problems(approved)[0].startswith(
        f"{CATALOG}:15:5: E505 「信息资源「养老机构信息」.归集日期」被直接改动：主分支上为 （无），现为 2025-06-20")
    write(approved, CATALOG, catalog("2025-06-20", corrections(
        "2025-06-23 | 信息资源「养老机构信息」.归集日期 | 无 | 2025-06-20 | 数据已归集到共享平台")))
    assert problems(approved) == []


def test_layout_only_changes_are_no_change(approved: Path) -> None:
    write(approved, CONTRACT, contract().replace("\n## 采购内容\n", "\n\n## 采购内容\n").replace("\n", "\r\n"))
    assert compute(load(approved, AS_OF), "main").changes == []


def test_an_invalid_new_value_is_left_to_its_structural_error(approved: Path) -> None:
    write(approved, CONTRACT, contract(day="2025年2月27日"))
    repo = load(approved, AS_OF)
    assert [p.code for p in repo.problems] == ["E206"]
    assert compute(repo, "main").problems == []
