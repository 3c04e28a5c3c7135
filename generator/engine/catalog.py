"""Data resources from application to operation: 第二十四、二十五、二十六条.

The application states each resource's source, format, update cycle and
sharing and opening attributes (计划信息资源); the later 信息资源目录 is held to
it. Sharing with named departments only, or opening to named firms only, is a
fact the record keeps as a finding. A collected resource must be updated
within its 更新周期 (归集更新).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..model import Filing, Resource
from ..problems import Problem
from ..schema.common import CONSTRUCTION_CATEGORIES
from ..schema.types import PLANNED_RESOURCES
from .calendar import add_months_plain
from .cross import Collected, CrossFacts
from .facts import ProjectFacts
from .rules import rule

COMPARED = ("提供单位", "格式", "更新周期", "共享属性", "开放属性")  # what 第二十四条 fixes before application
FIRM = re.compile(r"公司|集团")  # a named enterprise, not a class of applicants
# 第二十六条 归集更新, as the district checks it: months a collected resource may go without an update.
UPDATE_MONTHS = {"实时": 1, "每日": 1, "每周": 1, "每月": 1, "每季度": 3, "每半年": 6, "每年": 12}


def check(f: ProjectFacts) -> Iterator[Problem]:
    yield from _planned(f)
    yield from _consistent(f)
    for catalog in f.events("信息资源目录"):
        for res in catalog.resources:
            yield from _openness(catalog, res)


def _planned(f: ProjectFacts) -> Iterator[Problem]:
    r, app = rule("F240"), f.app
    if (app is None or app.get("项目类别") not in CONSTRUCTION_CATEGORIES or PLANNED_RESOURCES in app.marks
            or not r.applies_to(app.get("填报日期"))):
        return
    yield r.finding(app.path, app.line("项目类别"), app.column("项目类别"),
                    f"{app.get('项目类别')}类项目申请前应明确信息资源的数据来源、格式、更新、共享和开放等属性："
                    f"请在立项申请头部填写「{PLANNED_RESOURCES}」列表，每项写明 名称、数据来源、格式、更新周期、共享属性、开放属性")


def _latest_listing(catalogs: list[Filing]) -> dict[str, tuple[Filing, Resource]]:
    listed: dict[str, tuple[Filing, Resource]] = {}
    for catalog in catalogs:
        for res in catalog.resources:
            if res.data.get("名称"):
                listed[str(res.data["名称"]).strip()] = (catalog, res)
    return listed


def _consistent(f: ProjectFacts) -> Iterator[Problem]:
    r, app = rule("F241"), f.app
    planned = app.items.get(PLANNED_RESOURCES, []) if app else []
    catalogs = f.events("信息资源目录")
    if app is None or not planned or not catalogs or not r.applies_to(catalogs[-1].get("填报日期")):
        return
    listed = _latest_listing(catalogs)
    when = f"立项申请（{app.get('填报日期')}）"
    for item in planned:
        name = str(item.data.get("名称", "")).strip()
        if not name:
            continue
        if name not in listed:
            latest = catalogs[-1]
            yield r.finding(latest.path, latest.line("信息资源"), latest.column("信息资源"),
                            f"{when}计划的信息资源“{name}”没有纳入信息资源目录：信息资源目录是规划审核的要件，"
                            f"请补充该资源，或在「目录说明」中说明不再建设的理由")
            continue
        catalog, res = listed[name]
        diffs = [f"{key}立项时为“{item.data[key]}”、目录中为“{res.data[key]}”" for key in COMPARED
                 if item.data.get(key) is not None and res.data.get(key) is not None and item.data[key] != res.data[key]]
        if diffs:
            yield r.finding(catalog.path, res.line, 1,
                            f"信息资源“{name}”与{when}明确的属性不一致：{'；'.join(diffs)}：请评审人员核对，"
                            f"并在「目录说明」中说明变化的理由")


def _openness(catalog: Filing, res: Resource) -> Iterator[Problem]:
    name, day = res.data.get("名称", "（未命名资源）"), catalog.get("填报日期")
    targets = res.data.get("共享对象")
    if res.data.get("共享属性") == "无条件共享" and targets and rule("F251").applies_to(day):
        mark = res.marks["共享对象"]
        yield rule("F251").finding(catalog.path, mark.line, mark.column,
                                   f"信息资源“{name}”登记为无条件共享，却只列明共享对象 {'、'.join(targets)}："
                                   f"应当普遍共享的数据不得仅与特定部门共享；请向全部政务部门共享，"
                                   f"或改为有条件共享并写明共享条件")
    applicants = res.data.get("申请对象")
    if (res.data.get("开放属性") == "有条件开放" and isinstance(applicants, str) and FIRM.search(applicants)
            and rule("F252").applies_to(day)):
        mark = res.marks["申请对象"]
        yield rule("F252").finding(catalog.path, mark.line, mark.column,
                                   f"信息资源“{name}”有条件开放的申请对象为“{applicants}”：不得仅向特定企业、社会组织开放，"
                                   f"申请对象应为符合开放条件的一类主体（例如“依法登记的企业、社会组织和个人”）")


def stale(projects: list[CrossFacts], as_of: dt.date, wanted: set[str] | None = None) -> dict[str, list[Problem]]:
    """第二十六条 归集更新: each collected resource (名称 + 提供单位), at its most recent update anywhere
    (`projects`: every project, in the order of their ids); findings for the projects in `wanted` (None: all)."""
    r = rule("F263")
    latest: dict[tuple[str, str], tuple[dt.date, str, Collected]] = {}
    for f in projects:
        if f.terminated is not None:
            continue
        for item in f.collected:
            if item.last is None:
                continue
            if item.key not in latest or item.last >= latest[item.key][0]:
                latest[item.key] = (item.last, f.project, item)
    found: dict[str, list[Problem]] = {}
    for (name, _), (last, pid, item) in sorted(latest.items()):
        months = UPDATE_MONTHS.get(item.cycle)
        if months is None or item.mark is None or (wanted is not None and pid not in wanted):
            continue
        due = add_months_plain(last, months)
        if as_of <= due or not r.applies_to(due):
            continue
        found.setdefault(pid, []).append(r.finding(
            item.path, item.mark[0], item.mark[1],
            f"信息资源“{name}”更新周期为{item.cycle}，最近一次归集更新为 {last}，应不晚于 {due} 再次更新，"
            f"至今（{as_of}）没有更新记录：归集更新不及时的不再安排项目运行维护经费；"
            f"在高新区数据共享平台更新后请填写「最近更新日期」"))
    return found
