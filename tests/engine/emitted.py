"""The problems the program really emits: the golden fixtures, the demo district, the bad calendar
files and one small scenario for each code that none of those shows.

tests/test_rule_catalog.py holds `filings rules` to this list, so that the catalogue documents
what is emitted, each message cites the article the catalogue gives, and no listed code is dead.
"""
from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from district import District
from test_calendar import BAD_CALENDARS

from generator.change import compute
from generator.change.facts import approved_by_engine
from generator.engine import SEVERE_DELAY_DAYS, evaluate
from generator.problems import Problem
from generator.repository import load, load_calendar

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
        found += load_calendar(path)[1]
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


@scenario("E316")
def _attachment_not_its_type(d: District) -> list[Problem]:
    app = d.project()
    _write(d, f"{P}/附件/方案.pdf", "<html>不是 PDF</html>")
    _body(d, app, "测试用内容：项目概述。", "测试用内容：项目概述。[方案](附件/方案.pdf)")
    return checked(d.root, "2025-01-10")


@scenario("E409")
def _no_application(d: District) -> list[Problem]:
    d.add("合同备案")
    return checked(d.root, "2025-12-01")


@scenario("E413")
def _wrong_approver(d: District) -> list[Problem]:
    d.project(数据共享="不共享")
    d.add("共享例外审批", 审批人="张三")
    return checked(d.root, "2025-01-10")


@scenario("E414")
def _answers_nothing(d: District) -> list[Problem]:
    d.project()
    d.add("整改报告", 对应措施="监管措施-2099-01.md")
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


def _committed(d: District) -> str:
    """A project with a contract, committed as the base; returns the contract's path."""
    d.project()
    contract = d.add("合同备案")
    _git(d, "init", "-q")
    _git(d, "add", "-A")
    _git(d, "commit", "-qm", "基准")
    return contract


TABLE = "\n## 更正记录\n\n| 更正日期 | 更正内容 | 原值 | 新值 | 原因 |\n|---|---|---|---|---|\n"


def _append(d: District, rel: str, text: str) -> None:
    path = d.root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@scenario("E503")
def _renamed(d: District) -> list[Problem]:
    contract = _committed(d)
    (d.root / contract).rename(d.root / contract.replace("合同备案", "合同备案-改名"))
    return checked(d.root, "2025-12-01", base="HEAD")


@scenario("E504")
def _replaced(d: District) -> list[Problem]:
    import os

    contract = _committed(d)
    (d.root / contract).unlink()
    os.symlink("立项申请.md", d.root / contract)
    return checked(d.root, "2025-12-01", base="HEAD")


@scenario("E505")
def _unlisted(d: District) -> list[Problem]:
    contract = _committed(d)
    _body(d, contract, "供应商: ", "供应商: 更名后的")
    return checked(d.root, "2025-12-01", base="HEAD")


@scenario("E506")
def _never_corrected(d: District) -> list[Problem]:
    contract = _committed(d)
    text = (d.root / contract).read_text(encoding="utf-8")
    day = text.split("填报日期: ", 1)[1].split("\n", 1)[0]
    _body(d, contract, f"填报日期: {day}", f"填报日期: {D(day) - dt.timedelta(days=3)}")
    return checked(d.root, "2025-12-01", base="HEAD")


@scenario("E507")
def _row_matches_nothing(d: District) -> list[Problem]:
    contract = _committed(d)
    _append(d, contract, TABLE + "| 2025-11-30 | 合同编号 | A | B | 笔误 |\n")
    return checked(d.root, "2025-12-01", base="HEAD")


@scenario("E508")
def _row_removed(d: District) -> list[Problem]:
    d.project()
    contract = d.add("合同备案")
    _append(d, contract, TABLE + "| 2025-11-30 | 合同编号 | A | B | 笔误 |\n")
    _git(d, "init", "-q")
    _git(d, "add", "-A")
    _git(d, "commit", "-qm", "基准")
    _body(d, contract, "| 2025-11-30 | 合同编号 | A | B | 笔误 |\n", "")
    return checked(d.root, "2025-12-01", base="HEAD")


@scenario("E320")
def _correction_table_shape(d: District) -> list[Problem]:
    d.project()
    _append(d, d.add("合同备案"), "\n## 更正记录\n\n供应商写错了。\n")
    return checked(d.root, "2025-12-01")


@scenario("E321")
def _correction_date(d: District) -> list[Problem]:
    d.project()
    _append(d, d.add("合同备案"), TABLE + "| 2025年11月30日 | 供应商 | 甲 | 乙 | 笔误 |\n")
    return checked(d.root, "2025-12-01")


@scenario("F320")
def _late_entry(d: District) -> list[Problem]:
    _committed(d)
    d.add("年度报告", name="年度报告-2025.md", 填报日期="2025-11-03")
    return checked(d.root, "2025-12-01", base="HEAD")


@scenario("F321")
def _import_batch(d: District) -> list[Problem]:
    _committed(d)
    d.add("年度报告", name="年度报告-2025.md", 填报日期="2025-11-03")
    _write(d, "导入批次.yml", f"- {{批次: 第一批, 登记日期: 2025-11-20, 范围: [{P}]}}\n")
    return checked(d.root, "2025-12-01", base="HEAD")


@scenario("E510")
def _bad_import_register(d: District) -> list[Problem]:
    _committed(d)
    _write(d, "导入批次.yml", "- {批次: 第一批, 登记日期: 2025年11月20日, 范围: [x]}\n")
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


@_finding("F050", "2025-04-01")
def _fixed_asset_without_approval(d: District) -> None:
    d.project(涉及固定资产投资=True, 投资项目代码="2024-371571-65-01-000001")
    d.add("合同备案")


@_finding("F090", "2025-12-01")
def _contract_before_review(d: District) -> None:
    d.project(review=False)
    d.add("合同备案")


@_finding("F100", "2025-01-10")
def _superior_without_consent(d: District) -> None:
    d.project(上级申报="省")


@_finding("F101", "2025-01-10")
def _approved_before_consent(d: District) -> None:
    d.project(上级申报="省")
    d.add("上级申报审核", 上级层级="省", 批复结论="批准", 批复日期="2024-10-10")


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


@_finding("F223", "2026-02-01")
def _barred_from_building(d: District) -> None:
    d.project()
    d.add("初步验收")
    d.add("信息资源目录")
    d.add("竣工验收", 密评结论="不符合")
    d.add("立项申请", "2026-SHSY-01", 填报日期="2026-01-10")


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


# --- the codes of the input-safety and change-model checks, end to end through `filings check` ----

def cli(d: District, as_of: str, *args: str) -> list[Problem]:
    """`filings check --format json` as a user runs it, read back into Problems."""
    import contextlib
    import io
    import json

    from generator.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["check", "--repo", str(d.root), "--as-of", as_of, "--format", "json", *args])
    return [Problem(p["path"], p["line"], p["column"], p["code"], p["message"], p["kind"], p["article"])
            for p in json.loads(out.getvalue())["problems"]]


def _committed(d: District) -> None:
    _git(d, "init", "-q")
    _git(d, "add", "-A")
    _git(d, "commit", "-qm", "基准")


CORRECTIONS = "\n## 更正记录\n\n| 更正日期 | 更正内容 | 原值 | 新值 | 原因 |\n|---|---|---|---|---|\n"


def _with_contract(d: District) -> str:
    d.project()
    return d.add("合同备案", 填报日期="2025-03-05")


@scenario("E108")
def _control_character(d: District) -> list[Problem]:
    app = d.project()
    _body(d, app, "项目名称: 测试项目", '项目名称: "测试\\b项目"')
    return cli(d, "2025-01-10")


@scenario("E109")
def _value_too_long(d: District) -> list[Problem]:
    app = d.project()
    _body(d, app, "项目名称: 测试项目", "项目名称: " + "长" * 6000)
    return cli(d, "2025-01-10")


@scenario("E209")
def _yaml11_number(d: District) -> list[Problem]:
    app = d.project()
    _body(d, app, "等保级别: 2", "等保级别: 0x2")
    return cli(d, "2025-01-10")


@scenario("E316")
def _fake_attachment(d: District) -> list[Problem]:
    app = d.project()
    (d.root / "filings" / P / "附件").mkdir()
    (d.root / "filings" / P / "附件" / "方案.pdf").write_bytes(b"{\\rtf1 not a pdf}")
    _body(d, app, "测试用内容：项目概述。", "测试用内容：项目概述。[方案](附件/方案.pdf)")
    return cli(d, "2025-01-10")


@scenario("E407")
def _symlink(d: District) -> list[Problem]:
    d.project()
    (d.root / "filings" / P / "附件").mkdir()
    (d.root / "filings" / P / "附件" / "方案.pdf").symlink_to(d.root / "filings" / "registry.yml")
    return cli(d, "2025-01-10")


@scenario("E408")
def _bad_name(d: District) -> list[Problem]:
    app = d.project()
    (d.root / "filings" / P / "合同\t备案.md").write_bytes((d.root / app).read_bytes())
    return cli(d, "2025-01-10")


@scenario("E412")
def _personal_data(d: District) -> list[Problem]:
    app = d.project()
    _body(d, app, "项目名称: 测试项目", "项目名称: 测试项目（联系 13812345678）")
    return cli(d, "2025-01-10")


@scenario("E430")
def _no_such_path(d: District) -> list[Problem]:
    d.project()
    return cli(d, "2025-01-10", str(d.root / "filings" / "nope.md"))


@scenario("E320")
def _correction_without_what(d: District) -> list[Problem]:
    contract = _with_contract(d)
    (d.root / contract).write_text((d.root / contract).read_text(encoding="utf-8") + CORRECTIONS
                                   + "| 2025-03-06 |  | 甲 | 乙 | 笔误 |\n", encoding="utf-8")
    return cli(d, "2025-04-01")


@scenario("E321")
def _correction_date(d: District) -> list[Problem]:
    contract = _with_contract(d)
    (d.root / contract).write_text((d.root / contract).read_text(encoding="utf-8") + CORRECTIONS
                                   + "| 2025年3月6日 | 供应商 | 甲 | 乙 | 笔误 |\n", encoding="utf-8")
    return cli(d, "2025-04-01")


@scenario("E503")
def _renamed(d: District) -> list[Problem]:
    contract = _with_contract(d)
    _committed(d)
    (d.root / contract).rename(d.root / contract.replace("合同备案.md", "合同备案-改名.md"))
    return cli(d, "2025-04-01", "--base", "HEAD")


@scenario("E504")
def _replaced_by_a_link(d: District) -> list[Problem]:
    contract = _with_contract(d)
    _committed(d)
    (d.root / contract).unlink()
    (d.root / contract).symlink_to(d.root / "filings" / "registry.yml")
    return cli(d, "2025-04-01", "--base", "HEAD")


@scenario("E505")
def _rewritten_in_place(d: District) -> list[Problem]:
    contract = _with_contract(d)
    _committed(d)
    _body(d, contract, "供应商: 测试科技有限公司", "供应商: 测试信息科技有限公司")
    return cli(d, "2025-04-01", "--base", "HEAD")


@scenario("E506")
def _uncorrectable(d: District) -> list[Problem]:
    contract = _with_contract(d)
    _committed(d)
    _body(d, contract, "填报日期: 2025-03-05", "填报日期: 2025-03-04")
    return cli(d, "2025-04-01", "--base", "HEAD")


@scenario("E507")
def _correction_unlike_the_change(d: District) -> list[Problem]:
    contract = _with_contract(d)
    _committed(d)
    _body(d, contract, "供应商: 测试科技有限公司", "供应商: 测试信息科技有限公司")
    (d.root / contract).write_text((d.root / contract).read_text(encoding="utf-8") + CORRECTIONS
                                   + "| 2025-03-20 | 供应商 | 别的公司 | 测试信息科技有限公司 | 笔误 |\n", encoding="utf-8")
    return cli(d, "2025-04-01", "--base", "HEAD")


@scenario("E508")
def _correction_row_rewritten(d: District) -> list[Problem]:
    contract = _with_contract(d)
    _body(d, contract, "供应商: 测试科技有限公司", "供应商: 测试信息科技有限公司")
    (d.root / contract).write_text((d.root / contract).read_text(encoding="utf-8") + CORRECTIONS
                                   + "| 2025-03-20 | 供应商 | 测试科技有限公司 | 测试信息科技有限公司 | 笔误 |\n",
                                   encoding="utf-8")
    _committed(d)
    _body(d, contract, "| 笔误 |", "| 公司全称笔误 |")
    return cli(d, "2025-04-01", "--base", "HEAD")


@scenario("E510")
def _bad_import_register(d: District) -> list[Problem]:
    d.project()
    _committed(d)
    _write(d, "导入批次.yml", "批次: 第一批\n")
    return cli(d, "2025-04-01", "--base", "HEAD")


@scenario("F320")
def _entered_late(d: District) -> list[Problem]:
    d.project()
    _committed(d)
    d.add("合同备案", 填报日期="2025-03-05")
    return cli(d, "2025-04-01", "--base", "HEAD")


@scenario("F321")
def _paper_archive(d: District) -> list[Problem]:
    d.project()
    _committed(d)
    d.project("2019-SHSY-01", 填报日期="2019-03-01", review=False)
    _write(d, "导入批次.yml", '- {批次: 第一批, 登记日期: 2025-03-28, 范围: ["2019-*"]}\n')
    return cli(d, "2025-04-01", "--base", "HEAD")
