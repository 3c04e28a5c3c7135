"""The problems the program really emits: the golden fixtures, the demo district, the bad calendar
files and one small scenario for each code that none of those shows.

tests/test_rule_catalog.py holds `filings rules` to this list, so that the catalogue documents
what is emitted, each message cites the article the catalogue gives, and no listed code is dead.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Callable

from district import District
from test_calendar import BAD_CALENDARS

from generator.change import compute
from generator.change.facts import approved_by_engine
from generator.engine import SEVERE_DELAY_DAYS, evaluate
from generator.engine.calendar import Calendar
from generator.problems import Problem
from generator.repository import load

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
D = dt.date.fromisoformat


def checked(root: Path, as_of: str, base: str | None = None) -> list[Problem]:
    repo = load(root, D(as_of))
    problems = repo.problems + evaluate(repo)
    if base is not None:
        problems += compute(repo, base, approved=approved_by_engine(repo, SEVERE_DELAY_DAYS)).problems
    return problems


def golden(tmp: Path) -> list[Problem]:
    found: list[Problem] = []
    for case in sorted(p for p in (FIXTURES / "golden").iterdir() if p.is_dir()):
        root = tmp / "golden" / case.name
        shutil.copytree(FIXTURES / "base", root)
        shutil.copytree(case, root, dirs_exist_ok=True)
        found += checked(root, "2025-12-01")
    return found


def demo() -> list[Problem]:
    return checked(ROOT, "2026-11-30")


def calendars(tmp: Path) -> list[Problem]:
    found: list[Problem] = []
    for number, (text, _) in enumerate(BAD_CALENDARS):
        path = tmp / f"calendar-{number}.yml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        found += Calendar.load(path)[1]
    return found


Scenario = Callable[[District], list[Problem]]
SCENARIOS: dict[str, Scenario] = {}


def scenario(code: str) -> Callable[[Scenario], Scenario]:
    def register(fn: Scenario) -> Scenario:
        SCENARIOS[code] = fn
        return fn
    return register


def scenarios(tmp: Path) -> list[Problem]:
    found: list[Problem] = []
    for code, fn in sorted(SCENARIOS.items()):
        root = tmp / "scenario" / code
        root.mkdir(parents=True)
        found += fn(District(root))
    return found


def everything(tmp: Path) -> list[Problem]:
    return golden(tmp) + demo() + calendars(tmp) + scenarios(tmp)


# --- one scenario per code that neither the fixtures nor the demo shows ---------------------------

P = "2025-SHSY-01"
BAD_RESOURCE = {"名称": "学校基本信息", "摘要": "学校名称和地址", "提供单位": "SHSY", "格式": "电子表格",
                "更新周期": "不定期", "共享属性": "无条件共享", "开放属性": "不予开放"}


def _write(d: District, rel: str, text: str) -> None:
    path = d.root / "filings" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _body(d: District, rel: str, old: str, new: str) -> None:
    path = d.root / rel
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@scenario("E100")
def _internal_error(d: District) -> list[Problem]:
    from unittest import mock

    d.project()
    with mock.patch("generator.repository.check_file", side_effect=RuntimeError("bug")):
        return checked(d.root, "2025-01-10")


@scenario("E106")
def _not_a_mapping(d: District) -> list[Problem]:
    _write(d, f"{P}/立项申请.md", "---\n- 备案类型\n- 立项申请\n---\n\n## 项目概述\n\n内容\n")
    return checked(d.root, "2025-01-10")


@scenario("E208")
def _key_out_of_place(d: District) -> list[Problem]:
    d.project()
    d.add("信息资源目录", 信息资源=[dict(BAD_RESOURCE, 获取地址="https://data.example.cn/x")])
    return checked(d.root, "2025-11-01")


@scenario("E311")
def _budget_not_a_table(d: District) -> list[Problem]:
    app = d.project()
    _body(d, app, "| 序号 | 项目 | 金额（万元） |\n|---|---|---|\n| 1 | 软件开发 | 100 |", "软件开发 100 万元。")
    return checked(d.root, "2025-01-10")


@scenario("E314")
def _section_twice(d: District) -> list[Problem]:
    app = d.project()
    _body(d, app, "## 项目概述", "## 项目概述\n\n一。\n\n## 项目概述")
    return checked(d.root, "2025-01-10")


@scenario("E315")
def _remote_image(d: District) -> list[Problem]:
    app = d.project()
    _body(d, app, "测试用内容：项目概述。", "测试用内容：项目概述。![示意图](https://example.cn/a.png)")
    return checked(d.root, "2025-01-10")


@scenario("E409")
def _no_application(d: District) -> list[Problem]:
    d.add("合同备案")
    return checked(d.root, "2025-12-01")


@scenario("E420")
def _no_registry(d: District) -> list[Problem]:
    (d.root / "filings" / "registry.yml").unlink()
    return checked(d.root, "2025-01-10")


@scenario("E423")
def _no_central_department(d: District) -> list[Problem]:
    path = d.root / "filings" / "registry.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(", 职责: [综合管理]", ""), encoding="utf-8")
    return checked(d.root, "2025-01-10")


def _git(d: District, *args: str) -> None:
    import subprocess

    subprocess.run(["git", "-c", "user.name=测试", "-c", "user.email=t@example.cn", *args], cwd=d.root,
                   check=True, capture_output=True)


@scenario("E501")
def _deleted(d: District) -> list[Problem]:
    d.project()
    contract = d.add("合同备案")
    _git(d, "init", "-q")
    _git(d, "add", "-A")
    _git(d, "commit", "-qm", "基准")
    (d.root / contract).unlink()
    return checked(d.root, "2025-12-01", base="HEAD")


@scenario("E502")
def _rewritten(d: District) -> list[Problem]:
    app = d.project()
    _git(d, "init", "-q")
    _git(d, "add", "-A")
    _git(d, "commit", "-qm", "基准")
    _body(d, app, "项目名称: 测试项目", "项目名称: 改过的项目")
    return checked(d.root, "2025-12-01", base="HEAD")


def _findings(as_of: str) -> Callable[[Callable[[District], None]], Scenario]:
    """A scenario made of valid filings, judged on `as_of`."""
    def wrap(build: Callable[[District], None]) -> Scenario:
        def run(d: District) -> list[Problem]:
            build(d)
            return d.findings(as_of)
        return run
    return wrap


def _finding(code: str, as_of: str) -> Callable[[Callable[[District], None]], Scenario]:
    def register(build: Callable[[District], None]) -> Scenario:
        return scenario(code)(_findings(as_of)(build))
    return register


@_finding("F090", "2025-12-01")
def _contract_before_review(d: District) -> None:
    d.project(review=False)
    d.add("合同备案")


@_finding("F100", "2025-01-10")
def _superior_without_consent(d: District) -> None:
    d.project(上级申报="省")


@_finding("F141", "2026-02-01")
def _late_annual_report(d: District) -> None:
    d.project()
    d.add("合同备案")
    d.add("年度报告", 填报日期="2026-01-10")


@_finding("F171", "2025-11-10")
def _unanswered_measure(d: District) -> None:
    d.project()
    d.add("监管措施")


@_finding("F190", "2026-01-10")
def _no_preliminary(d: District) -> None:
    d.project()
    d.add("竣工验收")


@_finding("F192", "2026-02-01")
def _not_accepted(d: District) -> None:
    d.project()
    d.add("初步验收")


@_finding("F200", "2026-01-10")
def _early_evaluation(d: District) -> None:
    d.project()
    d.add("初步验收")
    d.add("竣工验收")
    d.add("绩效自评价", 评价日期="2026-01-05")


@_finding("F201", "2028-01-10")
def _missing_evaluation(d: District) -> None:
    d.calendar()
    d.project()
    d.add("初步验收")
    d.add("信息资源目录")
    d.add("竣工验收")


@_finding("F221", "2026-01-10")
def _security_failed(d: District) -> None:
    d.project()
    d.add("初步验收")
    d.add("信息资源目录")
    d.add("竣工验收", 等保测评结论="不符合")


@_finding("F222", "2025-01-10")
def _om_without_predecessor(d: District) -> None:
    d.project(项目类别="运维服务", 前序项目="2023-SHSY-09")


@_finding("F240", "2026-11-01")
def _no_planned_resources(d: District) -> None:
    d.project("2027-SHSY-01", review=False, 填报日期="2026-10-15")


@_finding("F241", "2025-11-01")
def _catalog_unlike_plan(d: District) -> None:
    plan = {k: v for k, v in BAD_RESOURCE.items() if k != "摘要"}
    d.project(计划信息资源=[dict(plan, 数据来源="本系统采集", 格式="数据库")])
    d.add("信息资源目录", 信息资源=[BAD_RESOURCE])


@_finding("F250", "2026-01-10")
def _accepted_without_catalog(d: District) -> None:
    d.project()
    d.add("初步验收", 初步验收日期="2025-12-15")
    d.add("竣工验收")


@_finding("F252", "2025-11-01")
def _opened_to_one_firm(d: District) -> None:
    d.project()
    d.add("信息资源目录", 信息资源=[dict(BAD_RESOURCE, 开放属性="有条件开放", 开放条件="签订协议",
                                          申请对象="聊城数智科技有限公司", 申请方式="书面申请")])


@_finding("F260", "2025-12-01")
def _late_catalog(d: District) -> None:
    d.project()
    d.add("初步验收")
    d.add("信息资源目录", 填报日期="2025-11-20")


@_finding("F261", "2025-12-01")
def _missing_catalog(d: District) -> None:
    d.project()
    d.add("初步验收")


@_finding("F262", "2026-12-01")
def _collected_twice(d: District) -> None:
    d.project()
    d.add("信息资源目录")
    d.project("2026-SHSY-01", 填报日期="2025-10-15")
    d.add("信息资源目录", "2026-SHSY-01")


# --- input guards (docs/安全与可靠性.md) ------------------------------------------------------------

@scenario("E109")
def _over_a_limit(d: District) -> list[Problem]:
    app = d.project()
    _body(d, app, "## 项目概述", "## 项目概述\n\n|" + "1|" * 60)
    return checked(d.root, "2025-01-10")


@scenario("E407")
def _symlink(d: District) -> list[Problem]:
    d.project()
    (d.root / "filings" / P / "附件").mkdir()
    (d.root / "filings" / P / "附件" / "方案.pdf").symlink_to("/etc/hostname")
    return checked(d.root, "2025-01-10")


@scenario("E408")
def _control_character_in_a_name(d: District) -> list[Problem]:
    d.project()
    _write(d, f"{P}/合同备案\n.md", "---\n")
    return checked(d.root, "2025-01-10")


@scenario("E430")
def _path_not_found(d: District) -> list[Problem]:
    from generator.commands.check import _chooser

    d.project()
    return _chooser([d.root / "filings" / P / "不存在.md"], d.root.resolve())[1]
