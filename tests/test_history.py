"""Git-aware errors and file history, on real temporary git repositories with Chinese paths."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import git
import pytest

from generator.history import Change, HistoryError, file_history, git_errors, last_updated
from generator.repository import load

AS_OF = dt.date(2025, 6, 30)
PROJECT = "filings/2025-SHSY-01"
APP = f"{PROJECT}/立项申请.md"
CST = dt.timezone(dt.timedelta(hours=8))

REGISTRY = """\
辖区: 聊城高新技术产业开发区
首席数据代表: 王明
部门:
  - {代码: ZHB, 名称: 综合管理办公室, 类别: 区直部门, 职责: [综合管理]}
  - {代码: SHSY, 名称: 社会事业局, 类别: 区直部门}
"""

PLAN = """\
## 建设方案

### 项目概算表

| 序号 | 项目 | 费用类别 | 金额（万元） |
|---|---|---|---|
| 1 | 平台软件开发 | 软件开发 | {software} |
| 2 | 政务云资源租用（一年） | 云资源租用 | 18.5 |
| 3 | 等保测评与密评 | 测评 | 16.0 |

### 可行性分析

养老服务线上办理已在周边区县运行，技术成熟；部署在市政务云，不新购服务器。

### 公共数据资源目录

平台形成养老服务机构信息和服务记录两类资源，机构信息无条件共享，服务记录有条件共享。

### 信息共享开放方式和范围

机构信息通过高新区数据共享平台共享，并在政府网站开放下载。

### 所需外部数据资源支撑需求

需要户籍信息核验老年人身份，经市级共享平台以接口方式获取。

### 信息安全

按等保二级建设，上线前完成测评，敏感字段加密存储。

### 密码应用方案

采用国密 SSL 传输，身份鉴别使用 SM2 证书。

### 政务云平台资源使用情况

云主机 2 台、云数据库 1 套、对象存储 1 TB、Web 应用防火墙 1 套。
"""


def application(name: str = "高新区智慧养老服务平台", total: str = "96.5", software: str = "62.0",
                plan: str = PLAN) -> str:
    return f"""\
---
备案类型: 立项申请
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: 2024-10-15
项目名称: {name}
建设单位: SHSY
共建单位: []
项目类别: 新建
申报年度: 2025
申报总投资: {total}
计划完成日期: 2025-10-31
资金来源: [区级财政]
涉及固定资产投资: false
涉及土建工程: false
涉密: false
数据共享: 共享
等保级别: 2
上级申报: 无
---

## 项目概述

为辖区 60 岁以上老年人提供助餐、助医、紧急呼叫等线上服务。

## 绩效目标及绩效指标

| 指标 | 目标值 |
|---|---|
| 接入养老服务机构 | ≥ 20 家 |

## 文件依据

- 《高新区养老服务体系建设三年行动方案》（2024 年 6 月）

{plan.format(software=software)}"""


def review(scope: str = "立项", verdict: str = "通过", day: str = "2024-11-20", amount: str = "96.5") -> str:
    return f"""\
---
备案类型: 评审意见
项目编号: 2025-SHSY-01
填报单位: ZHB
填报日期: {day}
评审日期: {day}
评审方式: 集中评审
评审范围: {scope}
评审结论: {verdict}
核定投资: {amount}
---

## 资源集约利用和信息共享

使用市政务云，不新增硬件，数据经共享平台获取。

## 设计方案合理可行性

方案合理可行。

## 信息安全解决方案

按等保二级建设，措施完整。

## 密码管理合规性

密码应用方案符合 GB/T 39786—2021。

## 实施计划和资金测算

资金测算基本合理。

## 评审结论

同意，核定投资 {amount} 万元。
"""


def adjustment(items: str = "[项目预算]", day: str = "2025-03-01", total: str = "120.0") -> str:
    extra = f"调整后总投资: {total}\n" if "项目预算" in items else "调整后完成日期: 2026-03-31\n"
    return f"""\
---
备案类型: 调整申请
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: {day}
调整事项: {items}
{extra}---

## 调整内容

平台软件开发费由 62.0 万元调整为 85.5 万元，增加老年人能力评估模块。

## 调整原因

民政部门 2025 年 2 月新规要求开展老年人能力评估。

## 影响分析

总投资增加 23.5 万元，进度不变。
"""


# --- a real git repository ---------------------------------------------------

def run_git(cwd: Path, *args: str, author: str = "张三", email: str = "zhangsan@example.cn",
            date: str = "2025-01-02T10:00:00+08:00") -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": "备案库", "GIT_COMMITTER_EMAIL": "ci@example.cn", "GIT_COMMITTER_DATE": date,
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)
    return done.stdout.decode()


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(root: Path, message: str, **who: str) -> str:
    run_git(root, "add", "-A", **who)
    run_git(root, "commit", "-q", "-m", message, **who)
    return run_git(root, "rev-parse", "--short", "HEAD").strip()


def init(top: Path, files: dict[str, str], sub: str = "") -> Path:
    """A git repository at `top` whose filing root is `top/sub`, with `files` committed on main."""
    top.mkdir(parents=True, exist_ok=True)
    run_git(top, "init", "-q", "-b", "main")
    root = top / sub if sub else top
    write(root, "filings/registry.yml", REGISTRY)
    for rel, text in files.items():
        write(root, rel, text)
    commit(top, "初始备案")
    return root


def errors(root: Path, base: str = "main") -> list[str]:
    repo = load(root, AS_OF)
    assert [p.text() for p in repo.problems] == []  # fixtures are structurally valid
    return [p.text() for p in git_errors(repo, base)]


APPROVED = {APP: application(), f"{PROJECT}/评审意见.md": review()}
NEW_BUDGET = {"total": "120.0", "software": "85.5"}


@pytest.fixture()
def approved(tmp_path: Path) -> Path:
    return init(tmp_path / "备案仓库", APPROVED)


# --- E501: deleting a filing that is on main -----------------------------------

def test_deleting_a_filing_is_e501_at_its_path(approved: Path) -> None:
    opinion = f"{PROJECT}/评审意见.md"
    (approved / opinion).unlink()
    repo = load(approved, AS_OF)
    found = git_errors(repo, "main")
    assert [(p.path, p.line, p.code, p.kind) for p in found] == [(opinion, None, "E501", "error")]
    assert found[0].text() == (
        f"{opinion}: E501 删除了主分支上已有的备案：备案库只增不删，已记录的事实不能撤回。"
        f"请恢复该文件（git checkout main -- \"{opinion}\"）；如需更正，另行提交一份新的备案说明情况（第三十二条）")


def test_a_renamed_filing_is_reported_with_its_new_name(approved: Path) -> None:
    (approved / PROJECT / "评审意见.md").rename(approved / PROJECT / "评审意见-立项.md")
    assert errors(approved) == [
        f"{PROJECT}/评审意见.md: E501 删除了主分支上已有的备案（内容与 {PROJECT}/评审意见-立项.md 相同："
        f"已入库的备案也不能改名）：备案库只增不删，已记录的事实不能撤回。请恢复该文件（git checkout main -- "
        f"\"{PROJECT}/评审意见.md\"）；如需更正，另行提交一份新的备案说明情况（第三十二条）"]


def test_new_and_unchanged_filings_are_fine(approved: Path) -> None:
    write(approved, f"{PROJECT}/调整申请.md", adjustment())
    assert errors(approved) == []


def test_deletion_under_a_chinese_folder_inside_the_work_tree(tmp_path: Path) -> None:
    root = init(tmp_path / "政务数据", APPROVED, sub="高新区/备案库")
    (root / APP).unlink()
    (root / f"{PROJECT}/评审意见.md").unlink()
    repo = load(root, AS_OF)
    assert [(p.path, p.code) for p in git_errors(repo, "main")] == [
        (APP, "E501"), (f"{PROJECT}/评审意见.md", "E501")]


# --- E502: rewriting an approved application (第十六条) --------------------------

def test_changing_the_total_of_an_approved_application_is_e502(approved: Path) -> None:
    write(approved, APP, application(**NEW_BUDGET))
    how = ("立项申请经评审通过后，项目名称、申报总投资、项目类别和建设方案不得直接修改：请恢复原内容，"
           "提交 调整申请（调整事项含 {items}），经评审通过（评审意见 评审范围: 调整）后再修改（第十六条）")
    repo = load(approved, AS_OF)
    found = git_errors(repo, "main")
    assert [p.text() for p in found] == [
        f"{APP}:11:1: E502 已通过立项评审的「申报总投资」被改动：主分支上为 96.5，现为 120.0。"
        + how.format(items="项目预算"),
        f"{APP}:36:1: E502 已通过立项评审的「建设方案」被改动（项目概算表 有变化）。"
        + how.format(items="项目预算"),
    ]
    assert {p.article for p in found} == {"第十六条"}
    assert repo.filings[0].line("申报总投资") == 11  # the line comes from the current file's marks


def test_changing_the_name_points_at_its_line(approved: Path) -> None:
    write(approved, APP, application(name="高新区智慧养老综合服务平台"))
    assert errors(approved) == [
        f"{APP}:6:1: E502 已通过立项评审的「项目名称」被改动：主分支上为 高新区智慧养老服务平台，"
        "现为 高新区智慧养老综合服务平台。立项申请经评审通过后，项目名称、申报总投资、项目类别和建设方案不得直接修改："
        "请恢复原内容，提交 调整申请（调整事项含 建设目标 或 主要建设内容），经评审通过（评审意见 评审范围: 调整）后再修改（第十六条）"]


def test_modified_approval_counts_as_approval(tmp_path: Path) -> None:
    root = init(tmp_path / "仓库", {APP: application(), f"{PROJECT}/评审意见.md": review(verdict="修改后通过")})
    write(root, APP, application(**NEW_BUDGET))
    assert [e.split(" ")[1] for e in errors(root)] == ["E502", "E502"]


def test_layout_and_guidance_in_the_plan_are_not_changes(approved: Path) -> None:
    relaid = PLAN.replace("技术成熟；", "技术成熟；\n").replace(
        "### 可行性分析\n", "### 可行性分析\n\n> 填写说明：从政策、技术、经济等方面说明可行性。\n")
    write(approved, APP, application(plan=relaid.replace("| 序号 |", "|序号|")))
    assert errors(approved) == []


def test_the_same_change_after_a_passed_adjustment_is_allowed(approved: Path) -> None:
    write(approved, f"{PROJECT}/调整申请.md", adjustment())
    write(approved, f"{PROJECT}/评审意见-调整.md", review("调整", "通过", "2025-03-20", "120.0"))
    write(approved, APP, application(**NEW_BUDGET))
    assert errors(approved) == []


def test_a_passed_adjustment_already_on_main_still_allows_the_change(approved: Path) -> None:
    write(approved, f"{PROJECT}/调整申请.md", adjustment())
    write(approved, f"{PROJECT}/评审意见-调整.md", review("调整", "通过", "2025-03-20", "120.0"))
    commit(approved, "调整评审通过")
    write(approved, APP, application(**NEW_BUDGET))
    assert errors(approved) == []


def test_an_adjustment_of_the_schedule_does_not_cover_the_budget(approved: Path) -> None:
    write(approved, f"{PROJECT}/调整申请.md", adjustment(items="[建设进度]"))
    write(approved, f"{PROJECT}/评审意见-调整.md", review("调整", "通过", "2025-03-20"))
    write(approved, APP, application(**NEW_BUDGET))
    assert [e.split(" ")[0:2] for e in errors(approved)] == [[f"{APP}:11:1:", "E502"], [f"{APP}:36:1:", "E502"]]


def test_a_schedule_adjustment_allows_other_parts_of_the_plan(approved: Path) -> None:
    write(approved, f"{PROJECT}/调整申请.md", adjustment(items="[建设进度]"))
    write(approved, f"{PROJECT}/评审意见-调整.md", review("调整", "通过", "2025-03-20"))
    write(approved, APP, application(plan=PLAN.replace("按等保二级建设", "按等保二级建设，分两期上线")))
    assert errors(approved) == []


def test_a_change_of_content_is_named_by_its_subsection(approved: Path) -> None:
    write(approved, APP, application(plan=PLAN.replace("按等保二级建设", "按等保三级建设")))
    assert errors(approved) == [
        f"{APP}:36:1: E502 已通过立项评审的「建设方案」被改动（信息安全 有变化）。立项申请经评审通过后，项目名称、"
        "申报总投资、项目类别和建设方案不得直接修改：请恢复原内容，提交 调整申请（调整事项含 主要建设内容 或 建设目标 等），"
        "经评审通过（评审意见 评审范围: 调整）后再修改（第十六条）"]


def test_a_rejected_adjustment_does_not_allow_the_change(approved: Path) -> None:
    write(approved, f"{PROJECT}/调整申请.md", adjustment())
    write(approved, f"{PROJECT}/评审意见-调整.md", review("调整", "不通过", "2025-03-20"))
    write(approved, APP, application(**NEW_BUDGET))
    assert [e.split(" ")[1] for e in errors(approved)] == ["E502", "E502"]


def test_a_review_before_the_request_does_not_pass_it(approved: Path) -> None:
    write(approved, f"{PROJECT}/调整申请.md", adjustment(day="2025-04-01"))
    write(approved, f"{PROJECT}/评审意见-调整.md", review("调整", "通过", "2025-03-20", "120.0"))
    write(approved, APP, application(**NEW_BUDGET))
    assert [e.split(" ")[1] for e in errors(approved)] == ["E502", "E502"]


def test_an_application_not_yet_approved_may_change(tmp_path: Path) -> None:
    root = init(tmp_path / "仓库", {APP: application()})
    write(root, APP, application(**NEW_BUDGET))
    assert errors(root) == []


def test_a_rejected_application_may_change(tmp_path: Path) -> None:
    root = init(tmp_path / "仓库", {APP: application(), f"{PROJECT}/评审意见.md": review(verdict="不通过")})
    write(root, APP, application(**NEW_BUDGET))
    assert errors(root) == []


def test_approval_arriving_with_the_change_is_not_yet_on_main(tmp_path: Path) -> None:
    root = init(tmp_path / "仓库", {APP: application()})
    write(root, APP, application(**NEW_BUDGET))
    write(root, f"{PROJECT}/评审意见.md", review(amount="120.0"))
    assert errors(root) == []


# --- bad --base ----------------------------------------------------------------

def test_unknown_revision_raises_history_error(approved: Path) -> None:
    with pytest.raises(HistoryError, match="找不到 Git 版本“origin/不存在”"):
        git_errors(load(approved, AS_OF), "origin/不存在")


def test_outside_git_raises_history_error(tmp_path: Path) -> None:
    write(tmp_path, "filings/registry.yml", REGISTRY)
    with pytest.raises(HistoryError, match="不在 Git 仓库中"):
        git_errors(load(tmp_path, AS_OF), "main")


# --- file history --------------------------------------------------------------

def test_file_history_per_file_newest_first(tmp_path: Path) -> None:
    top = tmp_path / "政务数据"
    root = init(top, {APP: application()}, sub="备案库")
    first = run_git(top, "rev-parse", "--short", "HEAD").strip()
    write(root, f"{PROJECT}/评审意见.md", review())
    second = commit(top, "评审意见：通过", author="周立群", email="zhou@example.cn", date="2025-02-03T09:30:00+08:00")
    write(root, APP, application(name="高新区智慧养老综合服务平台"))
    write(root, "README.md", "不在 filings 下")
    third = commit(top, "更正项目名称", author="李娜", email="lina@example.cn", date="2025-03-04T16:00:00+08:00")

    history = file_history(root)
    first_change = Change(first, "张三", "zhangsan@example.cn", dt.datetime(2025, 1, 2, 10, tzinfo=CST), "初始备案")
    assert history == {
        APP: [Change(third, "李娜", "lina@example.cn", dt.datetime(2025, 3, 4, 16, tzinfo=CST), "更正项目名称"),
              first_change],
        f"{PROJECT}/评审意见.md": [
            Change(second, "周立群", "zhou@example.cn", dt.datetime(2025, 2, 3, 9, 30, tzinfo=CST), "评审意见：通过")],
        "filings/registry.yml": [first_change],
    }
    assert file_history(root, [APP]) == {APP: history[APP]}
    assert last_updated(root) == {APP: dt.date(2025, 3, 4), f"{PROJECT}/评审意见.md": dt.date(2025, 2, 3),
                                  "filings/registry.yml": dt.date(2025, 1, 2)}


def test_file_history_runs_git_once(approved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(3):
        write(approved, f"{PROJECT}/合同备案-2025-0{n + 1}.md", f"第 {n} 份\n")
        commit(approved, f"合同 {n}", date=f"2025-0{n + 2}-01T08:00:00+08:00")
    calls: list[tuple[object, ...]] = []
    real = git.Git.execute

    def counting(self: git.Git, command: object, *args: object, **kwargs: object) -> object:
        calls.append(tuple(command) if isinstance(command, list) else (command,))
        return real(self, command, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(git.Git, "execute", counting)
    history = file_history(approved)
    assert len(calls) == 1 and "log" in calls[0]
    assert len(history) == 6


def test_no_history_outside_git_or_before_the_first_commit(tmp_path: Path) -> None:
    write(tmp_path / "无仓库", APP, application())
    assert file_history(tmp_path / "无仓库") == {}
    assert last_updated(tmp_path / "无仓库") == {}
    run_git(tmp_path / "无仓库", "init", "-q", "-b", "main")
    assert file_history(tmp_path / "无仓库") == {}
    assert file_history(tmp_path / "不存在") == {}


def test_one_review_passes_every_request_pending_on_its_day(approved: Path) -> None:
    write(approved, f"{PROJECT}/调整申请-预算.md", adjustment(day="2025-03-01"))
    write(approved, f"{PROJECT}/调整申请-进度.md", adjustment(items="[建设进度]", day="2025-03-05"))
    write(approved, f"{PROJECT}/评审意见-调整.md", review("调整", "通过", "2025-03-20", "120.0"))
    write(approved, APP, application(**NEW_BUDGET))
    assert errors(approved) == []


def test_a_rejected_request_stays_rejected_after_a_later_review(approved: Path) -> None:
    write(approved, f"{PROJECT}/调整申请-预算.md", adjustment(day="2025-03-01"))
    write(approved, f"{PROJECT}/评审意见-调整.md", review("调整", "不通过", "2025-03-10", "120.0"))
    write(approved, f"{PROJECT}/调整申请-进度.md", adjustment(items="[建设进度]", day="2025-04-01"))
    write(approved, f"{PROJECT}/评审意见-调整2.md", review("调整", "通过", "2025-04-20", "96.5"))
    write(approved, APP, application(**NEW_BUDGET))
    assert [e.split(" ")[0:2] for e in errors(approved)] == [[f"{APP}:11:1:", "E502"], [f"{APP}:36:1:", "E502"]]


def test_before_the_first_commit_nothing_is_on_the_branch(tmp_path: Path) -> None:
    run_git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "filings/registry.yml", REGISTRY)
    write(tmp_path, APP, application())
    for base in ("HEAD", "main", "refs/heads/main"):
        assert errors(tmp_path, base) == []
    with pytest.raises(HistoryError, match="找不到 Git 版本“origin/main”"):
        errors(tmp_path, "origin/main")
