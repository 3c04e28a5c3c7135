"""第二十二条（一）（二）: a department whose system does not share as required, collects data twice, or
fails 密评 or 等保 may not build, rebuild or expand systems.

Each new 立项申请 of category 新建 / 扩建 / 升级改造 (改建) gets a finding when, on its 填报日期, another
project of the same 建设单位 stood in one of those states. Its O&M applications are already
answered by F222 (the 前序项目 has no O&M eligibility).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..problems import Problem
from ..schema.common import CONSTRUCTION_CATEGORIES
from .facts import ProjectFacts
from .rules import rule
from .sharing import Duplicate, security_failures


def findings(projects: list[ProjectFacts], duplicates: list[Duplicate]) -> dict[str, list[Problem]]:
    """F223 for `projects` (with every other project of their 建设单位 among them); `duplicates`:
    sharing.duplicate_collections of every project."""
    r = rule("F223")
    doubles: dict[str, list[Duplicate]] = {}
    for d in duplicates:
        doubles.setdefault(d.project, []).append(d)
    by_dept: dict[str, list[ProjectFacts]] = {}
    for g in projects:  # grouped once: a district has thousands of projects (linear, not quadratic)
        by_dept.setdefault(g.dept, []).append(g)
    found: dict[str, list[Problem]] = {}
    for f in projects:
        app = f.app
        filed = app.get("填报日期") if app else None
        if app is None or app.get("项目类别") not in CONSTRUCTION_CATEGORIES or not isinstance(filed, dt.date):
            continue
        if not r.applies_to(filed):
            continue
        others = [g for g in by_dept[f.dept] if g.id != f.id]
        reasons = [text for g in others for text in _standing(g, filed, doubles.get(g.id, []))]
        if reasons:
            found.setdefault(f.id, []).append(r.finding(
                app.path, app.line("项目类别"), app.column("项目类别"),
                f"建设单位 {f.dept} 申报{app.get('项目类别')}项目时（{filed}），"
                f"{'；'.join(reasons)}：未按要求共享数据资源或者重复采集数据、不符合密码应用和网络安全要求的，"
                f"项目建设单位不得新建、改建、扩建政务信息系统"))
    return found


def _standing(g: ProjectFacts, day: dt.date, doubles: list[Duplicate]) -> Iterator[str]:
    """What, on `day`, bars g's department from building: each fact in Chinese with its date.
    `doubles` are g's own duplicate collections."""
    if g.app_value("数据共享") == "不共享" and g.started is not None and g.started <= day:
        kept = [x for x in g.events("共享例外审批")
                if x.get("审批日期") <= day and x.get("审批结论") == "同意保留"
                and x.get("审批人") == (g.ctx.registry.chief_data_officer or x.get("审批人"))]
        if not kept:
            yield f"其项目 {g.id} 不共享且没有首席数据代表批准保留（{g.started} 已开始建设）"
    accepted = [a for a in g.acceptances if a.get("验收日期") <= day]
    if accepted:
        latest = accepted[-1]
        failed = "、".join(f"{k}为“{latest.get(k)}”" for k in security_failures(latest))
        if failed:
            yield f"其项目 {g.id} 竣工验收（{latest.get('验收日期')}）{failed}"
    for d in doubles:
        if d.day <= day:
            yield f"其项目 {g.id} 于 {d.day} 重复采集了“{d.item.name}”（已由 {d.first} 归集）"
