"""Each affected project's facts and status before and after a change.

The engine (pure, never imports git) runs on two readings of only the projects the change
touches, plus the projects they name as 前序项目 (O&M eligibility follows the chain);
unchanged filings are the same objects in both readings.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..engine import assess
from ..engine.facts import SEVERE_DELAY_DAYS, amount
from ..engine.model import Assessment
from ..model import Project
from ..problems import Problem
from ..repository import Repository
from .changeset import ChangeSet
from .changeset import approved_by_engine as approved_by_engine  # re-exported: callers and tests import it from here

FACTS = ("状态", "核定投资（当前基线）", "计划完成日期（当前基线）", "核定投资（原始基线）",
         "计划完成日期（原始基线）", "合同金额合计", "累计支出", "决算金额", "节余资金", "运维经费资格")


@dataclass
class ProjectChange:
    id: str
    name: str
    before: Assessment | None  # None: the project is new
    after: Assessment | None  # None: the project's filings are all gone
    facts: list[tuple[str, str, str]] = field(default_factory=list)  # (fact, before, after), changed ones

    @property
    def status(self) -> tuple[str, str]:
        return (_status(self.before), _status(self.after))


def before_after(repo: Repository, change: ChangeSet,
                 severe_delay_days: int = SEVERE_DELAY_DAYS) -> dict[str, ProjectChange]:
    folders = change.affected
    base_projects = {f: p for f in folders if (p := change.base_project(repo, f)) is not None}
    now_projects = {f: repo.projects[f] for f in folders if f in repo.projects}
    related = _related(list(base_projects.values()) + list(now_projects.values()), repo)
    before = _assess(repo, _with_predecessors({**related, **base_projects}, repo), severe_delay_days)
    after = _assess(repo, _with_predecessors({**related, **now_projects}, repo), severe_delay_days)
    result = {}
    for folder in sorted(folders):
        a, b = before.get(folder), after.get(folder)
        project = now_projects.get(folder) or base_projects.get(folder)
        app = project.application if project else None
        name = str(app.get("项目名称") or "") if app else ""
        was, now = facts_of(a), facts_of(b)
        changed = [(k, was.get(k, "—"), now.get(k, "—")) for k in FACTS if was.get(k, "—") != now.get(k, "—")]
        result[folder] = ProjectChange(folder, name, a, b, changed)
    return result


def findings(projects: dict[str, ProjectChange]) -> tuple[list[Problem], list[Problem]]:
    """Findings of the affected projects after the change, and the same at the base: both from
    the same selection of projects, so a finding is "introduced" only when the change brings it."""
    after = [p for pc in projects.values() if pc.after for p in pc.after.findings]
    before = [p for pc in projects.values() if pc.before for p in pc.before.findings]
    return after, before


def _related(projects: list[Project], repo: Repository) -> dict[str, Project]:
    """Unaffected projects that collect a resource (名称 + 提供单位) an affected one collects:
    重复采集 (F262) is judged between the two."""
    keys = {_resource_key(r) for p in projects for f in p.filings for r in f.resources}
    if not keys:
        return {}
    return {pid: p for pid, p in repo.projects.items()
            if any(_resource_key(r) in keys for f in p.filings for r in f.resources)}


def _resource_key(resource) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return (str(resource.data.get("名称", "")).strip(), str(resource.data.get("提供单位", "")))


def facts_of(a: Assessment | None) -> dict[str, str]:
    if a is None:
        return {}
    chain = a.budget_chain
    out = {"状态": _status(a)}
    if a.current:
        out["核定投资（当前基线）"] = _money(a.current.budget)
        out["计划完成日期（当前基线）"] = str(a.current.finish or "—")
    if a.original:
        out["核定投资（原始基线）"] = _money(a.original.budget)
        out["计划完成日期（原始基线）"] = str(a.original.finish or "—")
    for fact, key in (("合同金额合计", "合同"), ("累计支出", "支出"), ("决算金额", "决算")):
        out[fact] = _money(chain.get(key))
    out["节余资金"] = _money(a.savings)
    if a.eligibility is not None:
        out["运维经费资格"] = ("暂无法判断" if not a.eligibility.known
                          else "具备" if a.eligibility.eligible else "不具备")
    return out


def _status(a: Assessment | None) -> str:
    if a is None:
        return "（无）"
    return a.status + ("，" + "、".join(a.overlays) if a.overlays else "")


def _money(value: Decimal | None) -> str:
    return f"{amount(value)} 万元" if value is not None else "—"


def _with_predecessors(projects: dict[str, Project], repo: Repository) -> dict[str, Project]:
    chosen = dict(projects)
    queue = list(projects.values())
    while queue:
        app = queue.pop().application
        parent = str(app.get("前序项目") or "") if app else ""
        if parent and parent not in chosen and parent in repo.projects:
            chosen[parent] = repo.projects[parent]
            queue.append(chosen[parent])
    return chosen


def _assess(repo: Repository, projects: dict[str, Project], severe_delay_days: int) -> dict[str, Assessment]:
    subset = replace(repo, projects=projects, filings=[f for p in projects.values() for f in p.filings], problems=[])
    return assess(subset, severe_delay_days)
