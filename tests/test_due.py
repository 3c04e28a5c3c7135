"""filings due: selection, the three renderers, and the command."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.due import escape, fold, render_ics, render_json, render_text, select, uid
from generator.engine.model import Deadline
from generator.model import Department, Registry

AS_OF = dt.date(2026, 11, 29)
D = dt.date.fromisoformat
REGISTRY = Registry(
    district="聊城高新技术产业开发区",
    departments={code: Department(code, name, "区直部门") for code, name in
                 [("ZHB", "综合管理办公室"), ("SHSY", "社会事业局"), ("XYZ", "许营镇")]},
)


def deadline(project: str = "2026-SHSY-01", title: str = "合同备案", due: str | None = "2026-12-05",
             state: str = "coming", dept: str = "SHSY", article: str = "第十三条",
             reason: str = "合同 2026-11-28 签订，5 个工作日内备案") -> Deadline:
    return Deadline(project, dept, title, article, D(due) if due else None, state, reason,  # type: ignore[arg-type]
                    path=f"filings/{project}/合同备案-2026-11.md")


SOON = deadline()
EDGE = deadline(title="2026 年度报告", due="2026-12-29", article="第十四条", reason="报告年度 2026 须在年底前报送")
BEYOND = deadline(title="竣工验收", due="2026-12-30", article="第十九条", reason="建设完成后 3 个月内")
MISSED = deadline("2025-SHSY-02", "竣工验收", "2026-06-30", "missed", article="第十九条",
                  reason="建设完成日期 2026-03-31，3 个月内须竣工验收")
UNKNOWN = deadline("2026-XYZ-01", "信息资源目录", None, "unknown", "XYZ", "第二十六条",
                   "2027 年的节假日安排未知：在 filings/calendar.yml 中补充后才能计算")
MET = deadline(title="评审", due="2026-12-01", state="met")
LATE = deadline(title="迟交", due="2026-10-01", state="late")
TODAY = deadline("2026-XYZ-02", "合同备案", "2026-11-29", dept="XYZ")
ALL = [BEYOND, UNKNOWN, EDGE, MET, SOON, LATE, MISSED, TODAY]


# --- selection ----------------------------------------------------------------

def test_select_keeps_missed_unknown_and_the_window_soonest_first() -> None:
    assert select(ALL, AS_OF, None, 30) == [MISSED, TODAY, SOON, EDGE, UNKNOWN]


def test_window_edges() -> None:
    assert EDGE.due == AS_OF + dt.timedelta(days=30) and BEYOND.due == AS_OF + dt.timedelta(days=31)
    assert EDGE in select(ALL, AS_OF, None, 30) and BEYOND not in select(ALL, AS_OF, None, 30)
    assert BEYOND in select(ALL, AS_OF, None, 31)
    assert select(ALL, AS_OF, None, 0) == [MISSED, TODAY, UNKNOWN]


def test_dept_filter() -> None:
    assert select(ALL, AS_OF, "XYZ", 30) == [TODAY, UNKNOWN]
    assert select(ALL, AS_OF, "ZHB", 30) == []


def test_met_and_late_are_done() -> None:
    assert select([MET, LATE], AS_OF, None, 365) == []


# --- text -------------------------------------------------------------------------

def test_text_groups_by_department_in_registry_order() -> None:
    out = render_text(select(ALL, AS_OF, None, 30), REGISTRY, AS_OF, 30)
    assert out == """\
截至 2026-11-29：已逾期、今后 30 天内到期和无法计算的备案期限

社会事业局（SHSY）
  已逾期（1 项）
    2026-06-30（已逾期 152 天）  2025-SHSY-02 竣工验收：建设完成日期 2026-03-31，3 个月内须竣工验收  第十九条
  即将到期（2 项）
    2026-12-05（还有 6 天）  2026-SHSY-01 合同备案：合同 2026-11-28 签订，5 个工作日内备案  第十三条
    2026-12-29（还有 30 天）  2026-SHSY-01 2026 年度报告：报告年度 2026 须在年底前报送  第十四条

许营镇（XYZ）
  即将到期（1 项）
    2026-11-29（今天到期）  2026-XYZ-02 合同备案：合同 2026-11-28 签订，5 个工作日内备案  第十三条
  期限无法计算（1 项）
    日期无法计算  2026-XYZ-01 信息资源目录：2027 年的节假日安排未知：在 filings/calendar.yml 中补充后才能计算  第二十六条
"""


def test_text_when_nothing_is_due() -> None:
    assert render_text([], REGISTRY, AS_OF, 30) == (
        "截至 2026-11-29：已逾期、今后 30 天内到期和无法计算的备案期限\n\n没有需要处理的期限。\n")


# --- JSON -----------------------------------------------------------------------

def test_json_shape() -> None:
    data = json.loads(render_json(select(ALL, AS_OF, "XYZ", 30), REGISTRY, AS_OF, 30, "XYZ"))
    assert data == {
        "as_of": "2026-11-29",
        "days": 30,
        "departments": [{"code": "XYZ", "name": "许营镇", "deadlines": [
            {"project": "2026-XYZ-02", "title": "合同备案", "state": "coming", "article": "第十三条",
             "due": "2026-11-29", "days_left": 0, "reason": "合同 2026-11-28 签订，5 个工作日内备案",
             "path": "filings/2026-XYZ-02/合同备案-2026-11.md", "line": None},
            {"project": "2026-XYZ-01", "title": "信息资源目录", "state": "unknown", "article": "第二十六条",
             "due": None, "days_left": None, "reason": UNKNOWN.reason,
             "path": "filings/2026-XYZ-01/合同备案-2026-11.md", "line": None},
        ]}],
        "summary": {"missed": 0, "coming": 1, "unknown": 1},
    }


# --- iCalendar ----------------------------------------------------------------

def unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    out, i = "", 0
    while i < len(value):
        if value[i] == "\\":
            out += "\n" if value[i + 1] in "nN" else value[i + 1]
            i += 2
        else:
            out += value[i]
            i += 1
    return out


def parse(ics: str) -> list[dict[str, str]]:
    """Components as {name: value}, checking that BEGIN/END nest properly."""
    stack: list[str] = []
    found: list[dict[str, str]] = []
    for line in unfold(ics):
        name, value = line.split(":", 1)
        if name == "BEGIN":
            stack.append(value)
            found.append({"": value})
        elif name == "END":
            assert stack.pop() == value
        else:
            found[-1][name] = value
    assert stack == []
    return found


def test_ics_is_well_formed_and_reproducible() -> None:
    chosen = select(ALL, AS_OF, None, 30)
    ics = render_ics(chosen, REGISTRY, AS_OF, 30)
    raw = ics.encode()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode()  # folding never splits a character
    assert ics == render_ics(chosen, REGISTRY, AS_OF, 30)
    calendar, *events = parse(ics)
    assert calendar == {"": "VCALENDAR", "VERSION": "2.0", "PRODID": "-//zhengwu-filings//filings due//ZH-CN",
                        "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH", "X-WR-TIMEZONE": "Asia/Shanghai",
                        "X-WR-CALNAME": "聊城高新技术产业开发区备案期限"}
    assert len(events) == 4  # UNKNOWN has no date
    missed = events[0]
    assert missed == {
        "": "VEVENT", "UID": uid(MISSED), "DTSTAMP": "20261129T000000Z",
        "DTSTART;VALUE=DATE": "20260630", "DTEND;VALUE=DATE": "20260701",
        "SUMMARY": "【已逾期】2025-SHSY-02 竣工验收",
        "DESCRIPTION": "建设完成日期 2026-03-31，3 个月内须竣工验收\\n依据：第十九条\\n责任部门：社会事业局"
                       "\\n文件：filings/2025-SHSY-02/合同备案-2026-11.md",
        "CATEGORIES": "已逾期", "TRANSP": "TRANSPARENT",
    }
    assert unescape(missed["DESCRIPTION"]).split("\n")[:2] == [MISSED.reason, "依据：第十九条"]
    assert len({e["UID"] for e in events}) == 4


def test_ics_calendar_name_names_the_department() -> None:
    ics = render_ics([], REGISTRY, AS_OF, 30, "XYZ")
    assert parse(ics)[0]["X-WR-CALNAME"] == "聊城高新技术产业开发区备案期限（许营镇）"


def test_uid_is_stable_and_ignores_the_state() -> None:
    assert uid(SOON) == uid(deadline(state="missed")) != uid(deadline(due="2026-12-06"))
    assert uid(SOON).endswith("@filings-due")


def test_escape() -> None:
    assert escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    assert unescape(escape("a,b;c\\d\ne")) == "a,b;c\\d\ne"


@pytest.mark.parametrize("text", ["A" * 200, "期" * 100, "a" + "期" * 60 + "b" * 30, "x" * 75, "x" * 76, ""])
def test_fold_keeps_octets_and_characters(text: str) -> None:
    folded = fold("DESCRIPTION:" + text)
    physical = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + text


def test_short_lines_are_not_folded() -> None:
    assert fold("x" * 75) == "x" * 75
    assert fold("x" * 76) == "x" * 75 + "\r\n x"


# --- the command ----------------------------------------------------------------

REGISTRY_YML = """\
辖区: 聊城高新技术产业开发区
首席数据代表: 王明
部门:
  - {代码: ZHB, 名称: 综合管理办公室, 类别: 区直部门, 职责: [综合管理]}
  - {代码: SHSY, 名称: 社会事业局, 类别: 区直部门}
"""


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    (tmp_path / "filings").mkdir()
    (tmp_path / "filings" / "registry.yml").write_text(REGISTRY_YML, encoding="utf-8")
    return tmp_path


def test_unknown_dept_is_bad_usage(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "--repo", str(repo), "--as-of", "2026-11-29", "--dept", "shsy"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("用法错误：部门代码 shsy 未在 filings/registry.yml 中登记（代码区分大小写）：已登记 ZHB、SHSY\n")


def test_bad_days_is_bad_usage(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["due", "--repo", str(repo), "--days", "-3"])
    assert info.value.code == 2
    assert "天数“-3”不对，应为 0 或正整数" in capsys.readouterr().err


def test_missing_repo_is_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "--repo", str(tmp_path / "没有")]) == 2
    assert "不存在" in capsys.readouterr().err


# --- end to end, with the engine ------------------------------------------------

E2E_FILES = {
    "立项申请.md": """\
---
备案类型: 立项申请
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: 2024-10-15
项目名称: 高新区智慧养老服务平台
建设单位: SHSY
共建单位: []
项目类别: 新建
申报年度: 2025
申报总投资: 80.5
计划完成日期: 2027-10-31
资金来源: [区级财政]
涉及固定资产投资: false
涉及土建工程: false
涉密: false
数据共享: 共享
等保级别: 2
上级申报: 无
---

## 项目概述

为辖区老年人提供助餐、助医、紧急呼叫等线上服务。

## 绩效目标及绩效指标

| 指标 | 目标值 |
|---|---|
| 接入养老服务机构 | ≥ 20 家 |

## 文件依据

- 《高新区养老服务体系建设三年行动方案》（2024 年 6 月）

## 建设方案

### 项目概算表

| 序号 | 项目 | 费用类别 | 金额（万元） |
|---|---|---|---|
| 1 | 平台软件开发 | 软件开发 | 62.0 |
| 2 | 政务云资源租用 | 云资源租用 | 18.5 |

### 可行性分析

技术成熟，部署在市政务云。

### 公共数据资源目录

养老服务机构信息，无条件共享。

### 信息共享开放方式和范围

经高新区数据共享平台共享。

### 所需外部数据资源支撑需求

户籍信息，经市级平台接口核验。

### 信息安全

按等保二级建设。

### 密码应用方案

国密 SSL 传输。

### 政务云平台资源使用情况

云主机 2 台。
""",
    "评审意见.md": """\
---
备案类型: 评审意见
项目编号: 2025-SHSY-01
填报单位: ZHB
填报日期: 2024-11-20
评审日期: 2024-11-20
评审方式: 集中评审
评审范围: 立项
评审结论: 通过
核定投资: 80.5
---

## 资源集约利用和信息共享

使用市政务云。

## 设计方案合理可行性

合理可行。

## 信息安全解决方案

措施完整。

## 密码管理合规性

符合要求。

## 实施计划和资金测算

基本合理。

## 评审结论

同意，核定投资 80.5 万元。
""",
    "合同备案-2025-03.md": """\
---
备案类型: 合同备案
项目编号: 2025-SHSY-01
填报单位: SHSY
填报日期: 2025-03-20
合同名称: 智慧养老服务平台开发合同
合同编号: LCGX-2025-CG-0011
签订日期: 2025-03-03
合同金额: 60.0
供应商: 山东某某信息技术有限公司
采购方式: 公开招标
---

## 采购内容

平台软件开发及一年运维。

## 关键产品安全可控情况

服务类采购，不新增硬件。
""",
}


@pytest.fixture()
def late_contract(repo: Path) -> Path:
    """A project under construction with no 2025 annual report and a contract filed late."""
    from generator.engine import assess
    from generator.repository import load

    project = repo / "filings" / "2025-SHSY-01"
    project.mkdir()
    for name, text in E2E_FILES.items():
        (project / name).write_text(text, encoding="utf-8")
    try:
        assess(load(repo, AS_OF))
    except NotImplementedError:
        pytest.skip("引擎的 assess 尚未完成")
    return repo


def test_due_end_to_end(late_contract: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.repository import load

    assert [p.text() for p in load(late_contract, D("2026-12-10")).problems] == []
    assert main(["due", "--repo", str(late_contract), "--as-of", "2026-12-10"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[:3] == ["截至 2026-12-10：已逾期、今后 30 天内到期和无法计算的备案期限", "", "社会事业局（SHSY）"]
    assert any(line.startswith("    2025-12-31（已逾期 344 天）  2025-SHSY-01 2025 年度报告：") for line in lines)
    assert any(line.startswith("    2026-12-31（还有 21 天）  2025-SHSY-01 2026 年度报告：") for line in lines)
    assert "合同备案" not in out  # filed late: a finding for `check`, no longer a duty


def test_due_end_to_end_formats(late_contract: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["due", "--repo", str(late_contract), "--as-of", "2026-12-10", "--dept", "SHSY"]
    assert main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["title"], d["state"], d["due"]) for d in data["departments"][0]["deadlines"]] == [
        ("2025 年度报告", "missed", "2025-12-31"), ("2026 年度报告", "coming", "2026-12-31")]
    assert main([*argv, "--format", "ics"]) == 0
    events = parse(capsys.readouterr().out)[1:]
    assert [e["DTSTART;VALUE=DATE"] for e in events] == ["20251231", "20261231"]
    assert main([*argv, "--days", "20"]) == 0
    assert "2026 年度报告" not in capsys.readouterr().out


@pytest.mark.parametrize("as_of, warned", [("2026-10-31", False), ("2026-11-01", True)])
def test_due_warns_about_next_years_unknown_holidays(as_of, warned, capsys) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from generator.cli import main

    root = Path(__file__).resolve().parent.parent
    assert main(["due", "--repo", str(root), "--as-of", as_of, "--format", "ics"]) == 0
    captured = capsys.readouterr()
    assert ("提醒：2027 年的节假日安排尚未知晓" in captured.err) is warned
    assert "提醒" not in captured.out
