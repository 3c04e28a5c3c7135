"""The pull-request summary as data: what `filings review` prints (Markdown or JSON).

Built from one ChangeSet and the engine's facts before and after; pure.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..checks.body import TOTAL_WORDS
from ..checks.corrections import Correction
from ..engine.facts import amount
from ..model import Filing
from ..problems import Problem, fingerprint
from .changeset import ChangeSet
from .diff import FilingChange
from .facts import ProjectChange

KIND_NAMES = {"added": "新增", "changed": "修改", "deleted": "删除", "renamed": "改名", "replaced": "替换"}
# 第九条's five review points (the 评审意见's first five sections), and where a 立项申请 speaks to each.
REVIEW_SOURCES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "资源集约利用和信息共享": (("数据共享", "整合类别"), (
        "公共数据资源目录", "信息共享开放方式和范围", "所需外部数据资源支撑需求", "政务云平台资源使用情况",
        "不共享理由", "特殊情况说明")),
    "设计方案合理可行性": (("项目类别", "涉及土建工程", "共建单位"), (
        "项目概述", "可行性分析", "项目整体方案", "原建设项目合同或往年运维服务合同", "前期项目绩效评估报告")),
    "信息安全解决方案": (("等保级别",), ("信息安全",)),
    "密码管理合规性": ((), ("密码应用方案",)),
    "实施计划和资金测算": (("申报总投资", "资金来源", "计划完成日期"), ("项目概算表",)),
}
EXCERPT = 80


@dataclass
class ReviewPoint:
    title: str  # one of the five sections of a 评审意见
    facts: list[tuple[str, str]]  # (key or section, what the application says)


@dataclass
class PlanChange:
    item: str
    before: str
    after: str
    delta: str  # the size of the change: amount and share, or days
    share: str = ""


@dataclass
class Summary:
    base: str
    as_of: dt.date
    changes: list[FilingChange]
    corrections: list[tuple[str, Correction]]  # (path, row) added by this change
    projects: list[ProjectChange]
    errors: list[Problem]
    introduced: list[Problem]  # findings the change brings
    present: list[Problem]  # findings already present at the base
    resolved: list[Problem]  # findings at the base that the change ends
    reviews: dict[str, tuple[Filing, list[ReviewPoint]]] = field(default_factory=dict)  # new 立项申请
    adjustments: list[tuple[Filing, list[PlanChange]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def summarize(change: ChangeSet, projects: dict[str, ProjectChange], problems: list[Problem],
              as_of: dt.date) -> Summary:
    """`problems`: every error and finding of the work tree that concerns the change."""
    after = [p for p in problems if p.kind == "finding"]
    before = [p for pc in projects.values() if pc.before for p in pc.before.findings]
    seen_before = {fingerprint(p) for p in before}
    seen_after = {fingerprint(p) for p in after}
    summary = Summary(
        change.base, as_of, change.changes,
        [(c.path, row) for c in change.changes for row in c.new_corrections],
        list(projects.values()),
        sorted({p for p in problems if p.kind == "error"}),
        sorted(p for p in after if fingerprint(p) not in seen_before),
        sorted(p for p in after if fingerprint(p) in seen_before),
        sorted(p for p in set(before) if fingerprint(p) not in seen_after))
    for c in change.of_kind("added"):
        if c.after is not None and c.after.type_name == "立项申请":
            summary.reviews[c.path] = (c.after, review_points(c.after))
        if c.after is not None and c.after.type_name == "调整申请":
            pc = projects.get(c.after.folder)
            summary.adjustments.append((c.after, plan_changes(c.after, pc)))
    return summary


def review_points(app: Filing) -> list[ReviewPoint]:
    points = []
    for title, (keys, sections) in REVIEW_SOURCES.items():
        facts = [(k, _show(app.get(k))) for k in keys if app.get(k) not in (None, "", [])]
        facts += [(f"「{s}」", text) for s in sections if (text := _section_excerpt(app, s))]
        if title == "实施计划和资金测算":
            facts += _budget_table(app)
        points.append(ReviewPoint(title, facts or [("", "（立项申请未写明，请向建设单位了解）")]))
    return points


def plan_changes(adjustment: Filing, project: ProjectChange | None) -> list[PlanChange]:
    before = project.before.current if project and project.before and project.before.current else None
    out = []
    total = adjustment.get("调整后总投资")
    if total is not None:
        was = before.budget if before else None
        delta = total - was if was is not None else None
        share = f"{delta / was * 100:+.1f}%" if was and delta is not None else "—"
        out.append(PlanChange("总投资（万元）", amount(was) if was is not None else "—", amount(total),
                              f"{'+' if delta and delta > 0 else ''}{amount(delta)}" if delta is not None else "—",
                              share))
    finish = adjustment.get("调整后完成日期")
    if finish is not None:
        was_day = before.finish if before else None
        days = (finish - was_day).days if was_day else None
        out.append(PlanChange("计划完成日期", str(was_day or "—"), str(finish),
                              f"{days:+d} 天" if days is not None else "—"))
    items = adjustment.get("调整事项") or []
    out.append(PlanChange("调整事项", "", "、".join(items), ""))
    return out


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return f"{amount(value)} 万元"
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value) or "无"
    return str(value)


def _section_excerpt(app: Filing, title: str) -> str:
    if app.body is None:
        return ""
    section = app.body.sections.get(title)
    if section is None:
        section = next((s.subsections[title] for s in app.body.sections.values() if title in s.subsections), None)
    if section is None or title == "项目概算表":
        return ""
    text = " ".join(section.text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def _budget_table(app: Filing) -> list[tuple[str, str]]:
    plan = app.body.sections.get("建设方案") if app.body else None
    table_section = plan.subsections.get("项目概算表") if plan else None
    if table_section is None or not table_section.tables:
        return []
    table = table_section.tables[0]
    if "金额（万元）" not in table.header:
        return []
    column = table.header.index("金额（万元）")
    amounts = []
    rows = [cells for _, cells in table.rows if not TOTAL_WORDS.intersection(c.strip() for c in cells)]
    for cells in rows:
        try:
            amounts.append(Decimal(cells[column]))
        except (InvalidOperation, IndexError):
            continue
    return [("「项目概算表」", f"{len(rows)} 项，合计 {amount(sum(amounts, Decimal(0)))} 万元")]

