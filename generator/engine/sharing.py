"""Rules of information sharing and security: 第二十二、二十五、二十六条."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Filing, Resource
from ..problems import Problem
from .cross import Collected, CrossFacts
from .duty import deadline
from .facts import ProjectFacts, compute, dated
from .model import Deadline
from .rules import rule

CATALOG_WORKDAYS = 10  # 第二十六条
SECURITY_FAILED = {"等保测评结论": ("不符合", "差"), "密评结论": ("不符合",)}


def check(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    yield from _not_shared(f)
    yield from _security(f)
    yield from _catalog_at_acceptance(f)
    yield from _catalog_due(f)


def approval(f: ProjectFacts) -> Filing | None:
    """The 共享例外审批 that keeps a 不共享 project: 同意保留 by the registry's 首席数据代表."""
    officer = f.ctx.registry.chief_data_officer
    for x in dated(f.of("共享例外审批"), "填报日期"):
        if x.get("审批结论") == "同意保留" and (not officer or x.get("审批人") == officer):
            return x
    return None


def _not_shared(f: ProjectFacts) -> Iterator[Problem]:
    r, app = rule("F220"), f.app
    if app is None or app.get("数据共享") != "不共享" or not r.applies_to(app.get("填报日期")):
        return
    if approval(f) is None:
        officer = f.ctx.registry.chief_data_officer or "首席数据代表"
        yield r.finding(app.path, app.line("数据共享"), app.column("数据共享"),
                        f"项目不进行信息共享，但没有经首席数据代表（{officer}）“同意保留”的共享例外审批："
                        f"须经综合管理办公室审核并报首席数据代表批准后，方可建设或者保留；否则不安排运行维护经费")


def security_failures(a: Filing) -> list[str]:
    return [key for key, bad in SECURITY_FAILED.items() if a.get(key) in bad]


def _security(f: ProjectFacts) -> Iterator[Problem]:
    r = rule("F221")
    if not f.acceptances or not r.applies_to(f.acceptances[-1].get("验收日期")):
        return
    latest = f.acceptances[-1]
    for key in security_failures(latest):
        yield r.finding(latest.path, latest.line(key), latest.column(key),
                        f"竣工验收（{latest.get('验收日期')}）的{key}为“{latest.get(key)}”：不符合密码应用和网络安全要求的"
                        f"政务信息系统不安排运行维护经费，项目建设单位不得新建、改建、扩建政务信息系统")


def _catalog_at_acceptance(f: ProjectFacts) -> Iterator[Problem]:
    r = rule("F250")
    catalogs = f.events("信息资源目录")
    for a in f.acceptances:
        day = a.get("验收日期")
        if not r.applies_to(day) or any(c.get("填报日期") <= day for c in catalogs):
            continue
        later = f"信息资源目录直到 {catalogs[0].get('填报日期')} 才备案" if catalogs else "项目没有信息资源目录"
        yield r.finding(a.path, a.line("验收日期"), a.column("验收日期"),
                        f"竣工验收日期为 {day}，{later}：项目信息资源纳入共享目录是竣工验收的内容"
                        f"（请提交 信息资源目录.md）")


@dataclass(frozen=True)
class CatalogDue:
    preliminary: Filing
    due: dt.date | None
    unknown: str | None  # why `due` cannot be computed

    def reason(self, task: str) -> str:
        day = self.preliminary.get("初步验收日期")
        if self.due is None:
            return f"初步验收日期 {day}，{task}的期限无法计算：{self.unknown}"
        return f"初步验收日期 {day}，应于 {self.due}（{CATALOG_WORKDAYS} 个工作日）前完成{task}"


def catalog_due(f: ProjectFacts) -> CatalogDue | None:
    p = f.preliminary
    if p is None or not rule("F260").applies_to(p.get("初步验收日期")):
        return None
    day = p.get("初步验收日期")
    due, unknown = compute(lambda: f.ctx.calendar.add_workdays(day, CATALOG_WORKDAYS))
    return CatalogDue(p, due, unknown)


def resources(f: ProjectFacts) -> list[tuple[Filing, Resource]]:
    return [(c, res) for c in f.events("信息资源目录") for res in c.resources]


def _catalog_due(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    cd = catalog_due(f)
    if cd is None:
        return
    p, as_of = cd.preliminary, f.ctx.as_of
    catalogs = f.events("信息资源目录")
    first = catalogs[0] if catalogs else None
    done = first.get("填报日期") if first else None
    at = (first.path, first.line("填报日期")) if first else (p.path, p.line("初步验收日期"))
    reason = cd.reason("信息资源目录编制")
    yield deadline(f, rule("F260"), "信息资源目录编制", cd.due, reason, done=done, path=at[0], line=at[1])
    if cd.due is not None and first is not None and done is not None and done > cd.due:
        yield rule("F260").finding(first.path, first.line("填报日期"), first.column("填报日期"),
                                   f"{reason}，目录实际 {done} 备案，晚于期限：目录编制不及时的不再安排项目运行维护经费")
    elif cd.due is not None and first is None and f.overdue(cd.due):
        yield rule("F261").finding(p.path, p.line("初步验收日期"), p.column("初步验收日期"),
                                   f"{cd.reason('信息资源目录编制和数据归集')}，至今（{as_of}）没有信息资源目录："
                                   f"未完成目录编制和数据归集的不再安排项目运行维护经费")
    for catalog, res in resources(f):
        yield from _collection(f, cd, catalog, res)


def _collection(f: ProjectFacts, cd: CatalogDue, catalog: Filing, res: Resource) -> Iterator[Problem | Deadline]:
    name, got = res.data.get("名称", "（未命名资源）"), res.data.get("归集日期")
    done = got if isinstance(got, dt.date) else None
    mark = res.marks.get("归集日期")
    line, column = (mark.line, mark.column) if mark and done else (res.line, 1)
    reason = cd.reason(f"“{name}”的数据归集")
    yield deadline(f, rule("F260"), f"数据归集：{name}", cd.due, reason, done=done, path=catalog.path, line=line)
    if cd.due is None:
        return
    if done is not None and done > cd.due:
        yield rule("F260").finding(catalog.path, line, column,
                                   f"{reason}，实际 {done} 归集，晚于期限：归集不及时的不再安排项目运行维护经费")
    elif done is None and f.overdue(cd.due):
        yield rule("F261").finding(catalog.path, line, column,
                                   f"{reason}，至今（{f.ctx.as_of}）没有归集日期：归集到高新区数据共享平台后"
                                   f"请填写「归集日期」；未完成数据归集的不再安排项目运行维护经费")


@dataclass(frozen=True)
class Duplicate:
    """A resource (名称 + 提供单位) that `project` collected after `first` had already collected it."""

    project: str
    item: Collected
    first: str
    first_day: dt.date

    @property
    def day(self) -> dt.date:
        return self.item.day


def duplicate_collections(projects: list[CrossFacts]) -> list[Duplicate]:
    """第二十六条 重复采集: the later collection is the duplicate; an O&M project and its 前序项目 are one system.
    `projects` are every project of the repository, in the order of their ids."""
    root = _lineage({f.project: f for f in projects})
    seen: dict[tuple[str, str], tuple[str, dt.date]] = {}
    found: list[Duplicate] = []
    entries = [(f.project, item) for f in projects for item in f.collected]
    entries.sort(key=lambda e: (e[1].day, e[0]))
    for pid, item in entries:
        key = item.key
        if key in seen and root[seen[key][0]] != root[pid]:
            other, when = seen[key]
            found.append(Duplicate(pid, item, other, when))
        else:
            seen.setdefault(key, (pid, item.day))
    return found


def duplicates(doubles: list[Duplicate], wanted: set[str] | None = None) -> dict[str, list[Problem]]:
    """F262 for the projects in `wanted` (None: all), from duplicate_collections of every project."""
    r = rule("F262")
    found: dict[str, list[Problem]] = {}
    for d in doubles:
        if r.applies_to(d.day) and (wanted is None or d.project in wanted):
            found.setdefault(d.project, []).append(r.finding(
                d.item.path, d.item.line, 1,
                f"信息资源“{d.item.name}”（提供单位 {d.item.provider}）已由项目 {d.first} 于 {d.first_day} 归集，本项目再次归集："
                f"重复采集数据的不安排运行维护经费；请改为通过高新区数据共享平台共享使用"))
    return found


def _lineage(by_id: dict[str, CrossFacts]) -> dict[str, str]:
    """Each project's first ancestor along 前序项目: a system and its O&M projects share one root."""
    root: dict[str, str] = {}
    for pid in by_id:
        current, path = pid, {pid}
        while (parent := by_id[current].predecessor) in by_id and parent not in path:
            assert parent is not None
            current = parent
            path.add(current)
        root[pid] = current
    return root
