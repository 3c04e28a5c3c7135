"""What each audience may see (spec §7), built from the schema's visibility marks.

Both views are built by the same code from a *filing filter*. The public filter
copies only what the schema marks public: public filing types, their public
fields (Field.public), their public sections (FilingType.public_body /
public_sections), and the public fields of resources that are not 不予开放.
Everything else the public pages, search index and exports could show comes
from those copies, never from the Filing objects, so an internal field cannot
leak by accident: there is no denylist to keep up to date.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .engine.model import Assessment, Deadline
from .model import Filing, Project, Registry, contract_total
from .problems import Problem
from .schema.base import Field, FilingType
from .schema.registry import DEFAULT_LICENCE, DEPARTMENT_FIELDS, REGISTRY_FIELDS

CLOSED = "不予开放"  # 开放属性 of a resource the public never sees


@dataclass(frozen=True)
class SectionView:
    title: str
    markdown: str  # the filing's own Markdown: render with publish.markdown.render, never raw


@dataclass(frozen=True)
class ResourceView:
    project_id: str
    path: str  # the 信息资源目录 it is listed in
    line: int | None
    fields: dict[str, Any]  # schema order

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)


@dataclass(frozen=True)
class FilingView:
    path: str
    project_id: str
    type_name: str
    fields: dict[str, Any]  # schema order
    sections: tuple[SectionView, ...] = ()
    resources: tuple[ResourceView, ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)

    @property
    def date(self) -> dt.date | None:
        value = self.fields.get("填报日期")
        return value if isinstance(value, dt.date) else None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Contract:
    name: str | None
    number: str | None
    amount: Decimal | None
    supplier: str | None
    method: str | None
    signed: dt.date | None
    platform: str | None
    path: str


@dataclass
class ProjectView:
    id: str
    name: str
    dept: str
    dept_name: str
    category: str | None
    year: int | None
    requested: Decimal | None  # 申报总投资
    approved: Decimal | None  # 核定投资 (as adjusted)
    status: str
    planned_finish: dt.date | None
    accepted: dt.date | None  # the passed 竣工验收's 验收日期
    in_use: dt.date | None  # 投入使用日期
    filings: list[FilingView] = field(default_factory=list)  # oldest first
    contracts: list[Contract] = field(default_factory=list)
    co_builders: list[str] = field(default_factory=list)
    funding: list[str] = field(default_factory=list)

    @property
    def contract_total(self) -> Decimal | None:
        return contract_total(c.amount for c in self.contracts)

    @property
    def application(self) -> FilingView | None:
        return next((f for f in self.filings if f.type_name == "立项申请"), None)


@dataclass(frozen=True)
class DepartmentView:
    code: str
    name: str
    category: str
    contact: dict[str, str] = field(default_factory=dict, compare=False, hash=False)  # 公开联系: an office


@dataclass
class Withheld:
    """What the public view left out, for the build report."""

    filings: Counter[str] = field(default_factory=Counter)  # internal type -> count
    fields: Counter[str] = field(default_factory=Counter)  # internal key -> values withheld
    sections: int = 0
    resources: int = 0  # 不予开放


@dataclass
class View:
    audience: str  # "public" | "library"
    district: str
    as_of: dt.date
    departments: dict[str, DepartmentView]
    projects: list[ProjectView]
    resources: list[ResourceView]
    updated: dict[str, dt.date] = field(default_factory=dict)  # filing path -> last commit date
    licence: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_LICENCE))  # 数据许可 {名称, 网址}
    site_info: dict[str, str] = field(default_factory=dict)  # 网站标识码, ICP备案号, 公安机关备案号 (public keys)
    site_contact: dict[str, str] = field(default_factory=dict)  # the 综合管理 department's 公开联系: the publisher's

    @property
    def filings(self) -> list[FilingView]:
        return [f for p in self.projects for f in p.filings]

    def dept_name(self, code: str) -> str:
        dept = self.departments.get(code)
        return dept.name if dept else code

    def contact(self, code: str) -> dict[str, str]:
        """The department's public contact office, else the 综合管理 office's (the site's own contact)."""
        dept = self.departments.get(code)
        return dict(dept.contact) if dept and dept.contact else dict(self.site_contact)


    def last_updated(self, paths: Iterable[str] | None = None) -> dt.date | None:
        """The newest commit date among `paths` (all filings when None); None outside git."""
        chosen = self.updated.values() if paths is None else [self.updated[p] for p in paths if p in self.updated]
        return max(chosen, default=None)


@dataclass
class PublicView(View):
    withheld: Withheld = field(default_factory=Withheld)


@dataclass
class LibraryView(View):
    """Everything: the full filings plus what the engine derived and git recorded."""

    registry: Registry = field(default_factory=Registry)
    assessments: dict[str, Assessment] = field(default_factory=dict)
    findings: list[Problem] = field(default_factory=list)
    history: dict[str, list[Any]] = field(default_factory=dict)  # filing path -> [change.git.Change], newest first
    root: Path = Path(".")  # the repository, for attachments
    files: frozenset[str] = frozenset()
    entered: dict[str, dt.date] = field(default_factory=dict)  # filing path -> 入库日期 (generator/change/)
    lags: list[Any] = field(default_factory=list)  # [change.entry.EntryLag]: 入库滞后
    corrections: dict[str, list[Any]] = field(default_factory=dict)  # filing path -> [Correction]
    entry_note: str = ""  # why 入库日期 is not known (no git history), said once

    @property
    def deadlines(self) -> list[Deadline]:
        return [d for a in self.assessments.values() for d in a.deadlines]


# --- filing filters -------------------------------------------------------------

FilingFilter = Callable[[Filing], "FilingView | None"]


def _copy(fields: Iterable[Field], data: dict[str, Any], keep: Callable[[Field], bool],
          withheld: Counter[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        if f.key not in data or f.kind.name == "RESOURCES":
            continue
        if keep(f):
            out[f.key] = data[f.key]
        elif withheld is not None and data[f.key] not in (None, "", []):
            withheld[f.key] += 1
    return out


def _sections(filing: Filing, keep: Callable[[str], bool]) -> tuple[list[SectionView], int]:
    if filing.body is None:
        return [], 0
    chosen = [SectionView(s.title, s.markdown) for s in filing.body.sections.values() if keep(s.title)]
    return chosen, len(filing.body.sections) - len(chosen)


def public_filing(filing: Filing, withheld: Withheld) -> FilingView | None:
    """The public copy of a filing, or None for an internal type. The only public filter."""
    ftype = filing.type
    if ftype is None or not ftype.public:
        withheld.filings[filing.type_name or "（无法识别）"] += 1
        return None
    fields = _copy(ftype.fields, filing.data, lambda f: f.public, withheld.fields)
    sections, dropped = _sections(filing, ftype.is_public_section)
    withheld.sections += dropped
    resources = []
    item_fields = _item_fields(ftype)
    for item in filing.resources:
        if not _public_fields_of(ftype) or item.data.get("开放属性") == CLOSED or "开放属性" not in item.data:
            withheld.resources += 1
            continue
        kept = _copy(item_fields, item.data, lambda f: f.public, withheld.fields)
        resources.append(ResourceView(filing.folder, filing.path, None, kept))
    return FilingView(filing.path, filing.folder, ftype.name, fields, tuple(sections), tuple(resources))


def full_filing(filing: Filing) -> FilingView | None:
    """The library copy: every field, section and resource."""
    ftype = filing.type
    if ftype is None:
        return None
    fields = _copy(ftype.fields, filing.data, lambda f: True, None)
    sections, _ = _sections(filing, lambda title: True)
    item_fields = _item_fields(ftype)
    resources = tuple(ResourceView(filing.folder, filing.path, item.line,
                                   _copy(item_fields, item.data, lambda f: True, None))
                      for item in filing.resources)
    return FilingView(filing.path, filing.folder, ftype.name, fields, tuple(sections), resources)


def _item_fields(ftype: FilingType) -> tuple[Field, ...]:
    holder = ftype.fields_by_key.get("信息资源")
    return holder.item_fields if holder else ()


def _public_fields_of(ftype: FilingType) -> bool:
    holder = ftype.fields_by_key.get("信息资源")
    return bool(holder and holder.public)


# --- projects -------------------------------------------------------------------

def _project(project: Project, assessment: Assessment | None, views: list[FilingView],
             departments: dict[str, DepartmentView], status: str) -> ProjectView:
    def first(type_name: str) -> FilingView | None:
        return next((f for f in views if f.type_name == type_name), None)

    app = first("立项申请")
    value = app.get if app else (lambda key, default=None: default)
    dept = value("建设单位") or (project.id.split("-")[1] if project.id.count("-") == 2 else "")
    passed = sorted((f for f in views if f.type_name == "竣工验收" and f.get("验收结论") == "通过"
                     and isinstance(f.get("验收日期"), dt.date)), key=lambda f: f.get("验收日期"))
    accepted = passed[0].get("验收日期") if passed else None
    in_use = (passed[0].get("投入使用日期") or accepted) if passed else None
    funding = value("资金来源") or []
    return ProjectView(
        id=project.id, name=value("项目名称") or project.id, dept=dept,
        dept_name=departments[dept].name if dept in departments else dept,
        category=value("项目类别"), year=value("申报年度"), requested=value("申报总投资"),
        approved=assessment.budget_chain.get("核定") if assessment else None,
        status=status, planned_finish=value("计划完成日期"), accepted=accepted, in_use=in_use,
        filings=views, contracts=[_contract(f) for f in views if f.type_name == "合同备案"],
        co_builders=list(value("共建单位") or []),
        funding=[funding] if isinstance(funding, str) else list(funding),
    )


def _contract(f: FilingView) -> Contract:
    return Contract(f.get("合同名称"), f.get("合同编号"), f.get("合同金额"), f.get("供应商"), f.get("采购方式"),
                    f.get("签订日期"), f.get("采购平台"), f.path)


def _ordered(project: Project) -> list[Filing]:
    return sorted(project.filings, key=lambda f: (str(f.get("填报日期", "")), f.path))


def _departments(registry: Registry) -> dict[str, DepartmentView]:
    """Departments with only the public registry keys (code, name, category, public contact office)."""
    public = {f.key for f in DEPARTMENT_FIELDS if f.public}
    assert {"代码", "名称", "类别", "公开联系"} <= public
    return {code: DepartmentView(d.code, d.name, d.category, dict(d.contact)) for code, d in registry.departments.items()}


def _frame(registry: Registry) -> dict[str, Any]:
    """The registry's public keys for the site frame and the exports: licence (with its default) and site ids."""
    public = {f.key for f in REGISTRY_FIELDS if f.public}
    info = {k: v for k, v in registry.public_info.items() if k in public}
    licence = info.pop("数据许可", None) or dict(DEFAULT_LICENCE)
    central = [d.contact for d in registry.departments.values() if d.contact and registry.is_central(d.code)]
    return {"licence": dict(licence), "site_info": {k: str(v) for k, v in info.items()},
            "site_contact": dict(central[0]) if central else {}}


PUBLIC_OVERLAYS = ("暂停", "终止")


def _public_status(assessment: Assessment | None) -> str:
    """The status the public sees (spec §7 publishes it). 暂停 and 终止 describe the project
    itself, so they are shown: a stopped project must not read 建设中. 整改中 says only that a
    supervision measure is open, and the measures themselves are internal, so it stays in the library."""
    if assessment is None:
        return "申报中"
    shown = [o for o in assessment.overlays if o in PUBLIC_OVERLAYS]
    return shown[-1] if shown else assessment.status


def build_public(repo: Any, assessments: dict[str, Assessment],
                 updated: dict[str, dt.date] | None = None) -> PublicView:
    withheld = Withheld()
    departments = _departments(repo.registry)
    projects = []
    for pid in sorted(repo.projects):
        project, assessment = repo.projects[pid], assessments.get(pid)
        views = [v for f in _ordered(project) if (v := public_filing(f, withheld)) is not None]
        projects.append(_project(project, assessment, views, departments, _public_status(assessment)))
    resources = [r for p in projects for f in p.filings for r in f.resources]
    published = {f.path for p in projects for f in p.filings}
    return PublicView("public", repo.registry.district, repo.as_of, departments, projects, resources,
                      {k: v for k, v in (updated or {}).items() if k in published}, **_frame(repo.registry),
                      withheld=withheld)


def build_library(repo: Any, assessments: dict[str, Assessment], findings: Iterable[Problem] = (),
                  history: dict[str, list[Any]] | None = None) -> LibraryView:
    departments = _departments(repo.registry)
    projects = []
    for pid in sorted(repo.projects):
        project, assessment = repo.projects[pid], assessments.get(pid)
        views = [v for f in _ordered(project) if (v := full_filing(f)) is not None]
        status = assessment.display_status if assessment else "申报中"
        projects.append(_project(project, assessment, views, departments, status))
    resources = [r for p in projects for f in p.filings for r in f.resources]
    all_findings = sorted(set(findings) | {p for a in assessments.values() for p in a.findings},
                          key=lambda p: (p.path, p.line or 0, p.code))
    history = history or {}
    updated = {path: changes[0].date.date() for path, changes in history.items() if changes}
    return LibraryView("library", repo.registry.district, repo.as_of, departments, projects, resources, updated,
                       **_frame(repo.registry), registry=repo.registry, assessments=assessments,
                       findings=[p for p in all_findings if p.kind == "finding"], history=history,
                       root=repo.root, files=repo.files)
