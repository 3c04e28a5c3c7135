"""Small synthetic filing repositories for the engine tests (the `district` fixture is in conftest.py).

`district.add(TYPE, 键=值, …)` writes one valid filing: the front matter is
the type's defaults overridden by the test's keys (a key given as None is
left out), and the body has every section the schema requires, filled in.
Each test so states only the dates and values that matter to it.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from generator.engine import assess, evaluate
from generator.engine.model import Assessment, Deadline
from generator.problems import Problem
from generator.repository import Repository, load
from generator.schema.base import FilingType, Section
from generator.schema.types import FILING_TYPES

D = dt.date.fromisoformat
PROJECT = "2025-SHSY-01"

REGISTRY = """\
辖区: 测试辖区
首席数据代表: 王明
部门:
  - {代码: ZHB, 名称: 综合管理办公室, 类别: 区直部门, 职责: [综合管理]}
  - {代码: SHSY, 名称: 社会事业局, 类别: 区直部门}
  - {代码: XYZ, 名称: 许营镇, 类别: 镇（中心）}
  - {代码: JSB, 名称: 建设管理部, 类别: 区直部门}
  - {代码: SPB, 名称: 行政审批服务部, 类别: 区直部门, 职责: [行政审批]}
"""

# Not the real 2027 schedule: 2027-02-08 (Mon) and 02-09 (Tue) off, Saturday 2027-02-20 worked.
CALENDAR_2027 = """\
2027:
  来源: 测试用条目（并非真实的 2027 年安排）
  休息日: [2027-02-08, 2027-02-09]
  调休工作日: [2027-02-20]
"""

RESOURCE = {"名称": "学校基本信息", "摘要": "辖区学校名称和地址", "提供单位": "SHSY", "格式": "电子表格",
            "更新周期": "不定期", "共享属性": "无条件共享", "开放属性": "无条件开放"}

# The date that 填报日期 defaults to when a test does not give it: the date the filing records (schema).
MAIN_DATE = {name: t.event for name, t in FILING_TYPES.items() if t.event != "填报日期"}
CENTRAL = "ZHB"
FILER = {"综合管理": CENTRAL, "行政审批": "SPB"}


def defaults(type_name: str, project: str) -> dict[str, Any]:
    year, code, _ = project.split("-")
    return {
        "立项申请": {"填报日期": f"{int(year) - 1}-10-15", "项目名称": "测试项目", "建设单位": code, "共建单位": [],
                 "项目类别": "新建", "申报年度": int(year), "申报总投资": 100, "资金来源": ["区级财政"],
                 "涉及固定资产投资": False, "涉及土建工程": False, "涉密": False, "数据共享": "共享", "等保级别": 2,
                 "上级申报": "无", "计划完成日期": f"{year}-12-31"},
        "上级申报审核": {"填报日期": f"{int(year) - 1}-10-20", "上级层级": "省", "审核结论": "同意申报"},
        "评审意见": {"评审日期": f"{int(year) - 1}-11-20", "评审方式": "集中评审", "评审范围": "立项",
                 "评审结论": "通过", "核定投资": 100},
        "合同备案": {"合同名称": "测试合同", "合同编号": "HT-001", "签订日期": f"{year}-03-02", "合同金额": 50,
                 "供应商": "测试科技有限公司", "采购方式": "公开招标"},
        "年度报告": {"填报日期": f"{year}-12-15", "报告年度": int(year), "建设进度": 50, "累计支出": 10, "试运行": False},
        "调整申请": {"填报日期": f"{year}-06-01", "调整事项": ["建设进度"], "调整后完成日期": f"{int(year) + 1}-06-30"},
        "重大问题报告": {"问题类型": "严重逾期", "发生日期": f"{year}-12-01"},
        "监管措施": {"填报日期": f"{year}-09-01", "措施": "限期整改", "整改期限": f"{year}-10-31"},
        "整改报告": {"填报日期": f"{year}-10-20", "对应措施": "监管措施.md"},
        "初步验收": {"建设完成日期": f"{year}-09-30", "初步验收日期": f"{year}-10-15", "初步验收结论": "通过"},
        "延期验收申请": {"填报日期": f"{year}-12-01", "申请延期至": f"{int(year) + 1}-03-31"},
        "竣工验收": {"验收日期": f"{year}-12-20", "验收结论": "通过", "决算金额": 100, "等保测评结论": "符合",
                 "密评结论": "符合"},
        "信息资源目录": {"填报日期": f"{year}-10-20", "信息资源": [dict(RESOURCE, 归集日期=f"{year}-10-20")]},
        "共享例外审批": {"审批人": "王明", "审批日期": f"{int(year) - 1}-12-01", "审批结论": "同意保留"},
        "绩效自评价": {"评价日期": f"{int(year) + 1}-12-20", "自评得分": 90},
        "第三方后评价": {"评价机构": "测试咨询有限公司", "评价日期": f"{int(year) + 2}-03-01", "评价结论": "良好"},
        "固定资产投资审批": {"审批文号": "测审批〔2024〕1 号", "审批日期": f"{int(year) - 1}-12-01", "审批结论": "予以批准"},
        "密码应用安全性评估": {"评估日期": f"{int(year) + 1}-06-01", "评估结论": "符合", "测评机构": "测试密评中心"},
    }[type_name]


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, str) and any(ch in value for ch in ":#[]{},\"'"):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def front_matter(data: dict[str, Any]) -> str:
    lines = ["---"]
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for item in value:
                for i, (k, v) in enumerate(item.items()):
                    lines.append(f"  {'- ' if i == 0 else '  '}{k}: {_scalar(v)}")
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines + ["---", ""])


def body(ftype: FilingType, data: dict[str, Any]) -> str:
    out: list[str] = []
    for sec in ftype.sections:
        if sec.applies(data):
            out += [f"## {sec.title}", "", _content(sec, data), ""]
    return "\n".join(out)


def _content(sec: Section, data: dict[str, Any]) -> str:
    if not sec.subsections:
        return f"测试用内容：{sec.title}。"
    parts = []
    for sub in sec.subsections:
        text = (f"| 序号 | 项目 | 金额（万元） |\n|---|---|---|\n| 1 | 软件开发 | {data['申报总投资']} |"
                if sub.title == "项目概算表" else f"测试用内容：{sub.title}。")
        parts.append(f"### {sub.title}\n\n{text}\n")
    return "\n".join(parts)


class District:
    """A filing repository under tmp_path that tests fill one filing at a time."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "filings").mkdir(parents=True)
        (root / "filings" / "registry.yml").write_text(REGISTRY, encoding="utf-8")

    def add(self, type_name: str, project: str = PROJECT, name: str | None = None, **fields: Any) -> str:
        """Write a valid filing; returns its path relative to the repository root."""
        data: dict[str, Any] = {"备案类型": type_name, "项目编号": project,
                                "填报单位": FILER.get(FILING_TYPES[type_name].duty or "", project.split("-")[1])}
        data.update(defaults(type_name, project))
        data.update(fields)
        data = {k: v for k, v in data.items() if v is not None}
        main = MAIN_DATE.get(type_name)
        if "填报日期" not in fields and main:
            data["填报日期"] = data[main]
        data = {"备案类型": data.pop("备案类型"), "项目编号": data.pop("项目编号"), "填报单位": data.pop("填报单位"),
                "填报日期": data.pop("填报日期"), **data}
        folder = self.root / "filings" / project
        folder.mkdir(exist_ok=True)
        name = name or self._free_name(folder, type_name)
        (folder / name).write_text(front_matter(data) + "\n" + body(FILING_TYPES[type_name], data), encoding="utf-8")
        return f"filings/{project}/{name}"

    def project(self, project: str = PROJECT, review: bool = True, **app: Any) -> str:
        """An application, and by default its passed 立项 review; returns the application's path."""
        path = self.add("立项申请", project, **app)
        if review:
            self.add("评审意见", project)
        return path

    def calendar(self, text: str = CALENDAR_2027) -> None:
        (self.root / "filings" / "calendar.yml").write_text(text, encoding="utf-8")

    def load(self, as_of: str) -> Repository:
        repo = load(self.root, D(as_of))
        errors = [p.text() for p in repo.problems if p.kind == "error"]
        assert errors == []  # the synthetic filings must be valid
        return repo

    def assess(self, as_of: str, **kw: Any) -> dict[str, Assessment]:
        return assess(self.load(as_of), **kw)

    def findings(self, as_of: str, **kw: Any) -> list[Problem]:
        return sorted(evaluate(self.load(as_of), **kw), key=lambda p: (p.path, p.line or 0, p.code))

    def codes(self, as_of: str, **kw: Any) -> list[str]:
        return sorted(p.code for p in self.findings(as_of, **kw) if p.code != "F000")

    def deadlines(self, as_of: str, code: str, project: str = PROJECT) -> list[Deadline]:
        return [d for d in self.assess(as_of)[project].deadlines if d.code == code]

    def line_of(self, path: str, key: str) -> int:
        """The line where `key:` is written, to check that findings point at it."""
        lines = (self.root / path).read_text(encoding="utf-8").split("\n")
        return next(i for i, text in enumerate(lines, start=1) if text.lstrip(" -").startswith(f"{key}:"))

    @staticmethod
    def _free_name(folder: Path, type_name: str) -> str:
        if not (folder / f"{type_name}.md").exists():
            return f"{type_name}.md"
        n = 2
        while (folder / f"{type_name}-{n}.md").exists():
            n += 1
        return f"{type_name}-{n}.md"
