"""Markdown pages of both sites, written into a staging docs dir from the templates in templates/site/.

Values are escaped by publish.templating; the library's own pages get their
data from publish.library. Project pages are never listed in the nav (a nav
listing every page makes the mkdocs build quadratic): index pages reach them.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from markupsafe import Markup

from .. import progress
from ..model import contract_total
from ..schema.common import ATTACHMENT_TYPES
from ..schema.types import FILING_TYPES
from ..templates import DOCS as TOOL_DOCS
from ..templates import TEMPLATES
from ..views import FilingView, LibraryView, ProjectView, PublicView, View
from . import charts, exports, library, markdown
from .templating import amount, day, env, shown

STATUS_ORDER = ("申报中", "评审通过", "评审未通过", "建设中", "待验收", "已验收", "已自评价", "整改中", "暂停", "终止")
CATEGORY_ORDER = ("新建", "扩建", "升级改造", "运维服务")
PROJECTS = "projects"
INTRO = ("项目概述", "绩效目标及绩效指标")  # the application's sections shown as the project's introduction
DOWNLOADS = "downloads"
GUIDE = "guide"
DOCS = TOOL_DOCS
ASSETS = TEMPLATES.site / "assets"

def _timeline_events(project: ProjectView, extra: Iterable[tuple[dt.date, str, str]] = ()) -> list[tuple[dt.date, str, str]]:
    events: list[tuple[dt.date, str, str]] = []
    if project.planned_finish:
        events.append((project.planned_finish, "计划完成", "plan"))
    for f in project.filings:
        event = EVENTS.get(f.type_name, _default_event)(f)
        if event and isinstance(event[0], dt.date):
            events.append(event)
    return events + list(extra)


def _days_left(d: Any, as_of: dt.date) -> str:
    if d.due is None:
        return "—"
    left = (d.due - as_of).days
    return f"逾期 {-left} 天" if left < 0 else ("今天到期" if left == 0 else f"还有 {left} 天")


def _on(f: FilingView) -> Any:
    """The date the filing records: its type's event in the schema (评审日期, 签订日期 …)."""
    kind = FILING_TYPES.get(f.type_name)
    return f.get(kind.event) if kind else f.date


def _default_event(f: FilingView) -> tuple[Any, str, str] | None:
    return (f.date, f.type_name, "filing") if f.date else None


EVENTS: dict[str, Callable[[FilingView], tuple[Any, str, str] | None]] = {
    "立项申请": lambda f: (f.date, "提交立项申请", "filing"),
    "评审意见": lambda f: (_on(f), f"{f.get('评审范围') or ''}评审{f.get('评审结论') or ''}", "filing"),
    "合同备案": lambda f: (_on(f), f"签订合同 {amount(f.get('合同金额'))} 万元", "contract"),
    "初步验收": lambda f: (_on(f), f"初步验收{f.get('初步验收结论') or ''}", "acceptance"),
    "竣工验收": lambda f: (_on(f), f"竣工验收{f.get('验收结论') or ''}", "acceptance"),
    "信息资源目录": lambda f: (f.date, "信息资源目录备案", "filing"),
    "绩效自评价": lambda f: (_on(f), f"绩效自评价 {shown(f.get('自评得分'))} 分", "filing"),
    "第三方后评价": lambda f: (_on(f), f"第三方后评价：{shown(f.get('评价结论'))}", "filing"),
    "年度报告": lambda f: (f.date, f"{shown(f.get('报告年度'))} 年度报告", "filing"),
    "调整申请": lambda f: (f.date, "调整申请", "filing"),
    "重大问题报告": lambda f: (f.date, f"重大问题报告：{shown(f.get('问题类型'))}", "finding"),
    "监管措施": lambda f: (f.date, f"监管措施：{shown(f.get('措施'))}", "finding"),
    "整改报告": lambda f: (f.date, "整改报告", "filing"),
    "延期验收申请": lambda f: (f.date, f"申请延期验收至 {day(f.get('申请延期至'))}", "filing"),
    "上级申报审核": lambda f: (f.date, f"上级申报审核：{shown(f.get('审核结论'))}", "filing"),
    "共享例外审批": lambda f: (_on(f) or f.date, f"共享例外审批：{shown(f.get('审批结论'))}", "filing"),
}


# --- writing --------------------------------------------------------------------

@dataclass
class SiteDocs:
    """What was written into a staging docs dir, and what build_site needs."""

    docs: Path
    nav: list[Any]
    pages: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # downloads, attachments, assets
    # attachments: site path -> repository file; copied byte for byte after mkdocs, never rendered
    attachments: dict[str, Path] = field(default_factory=dict)
    jieba_words: list[str] = field(default_factory=list)
    jieba_parts: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)


class Writer:
    def __init__(self, docs: Path, view: View, site_name: str) -> None:
        if docs.exists():
            shutil.rmtree(docs)
        docs.mkdir(parents=True)
        self.docs, self.view, self.site_name = docs, view, site_name
        self.out = SiteDocs(docs, [])
        self.project_names = {p.id: p.name for p in view.projects}  # once, not once per page

    def page(self, rel: str, template: str, *, paths: Iterable[str] | None = None, **context: Any) -> None:
        """Render `template` into `rel`; `paths` are the filings the page shows (for its date)."""
        depth = rel.count("/")
        root = "../" * depth
        context.setdefault("updated", self.view.last_updated(paths))
        view = self.view
        context.setdefault("dept_names", lambda codes: "、".join(view.dept_name(c) for c in codes or []))
        context.setdefault("project_names", self.project_names)
        context.setdefault("days_left", lambda d: _days_left(d, view.as_of))
        context.setdefault("resource_anchor", lambda r: "dataset-" + exports.resource_id(r, view.district))
        html = env.get_template(template).render(
            view=self.view, site_name=self.site_name, root=root, library=self.view.audience == "library",
            as_of=self.view.as_of, **context)
        self.write(rel, html)
        self.out.pages.append(rel)

    def write(self, rel: str, content: str | bytes) -> None:
        target = self.docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        if not rel.endswith(".md"):
            self.out.files.append(rel)

    def copy(self, source: Path, rel: str) -> None:
        target = self.docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        self.out.files.append(rel)


def _groups(projects: list[ProjectView], key: Callable[[ProjectView], Any],
            order: Iterable[Any] = ()) -> list[tuple[Any, list[ProjectView]]]:
    grouped: dict[Any, list[ProjectView]] = defaultdict(list)
    for p in projects:
        grouped[key(p)].append(p)
    ranked = {k: i for i, k in enumerate(order)}
    keys = sorted(grouped, key=lambda k: (ranked.get(k, len(ranked)), str(k)))
    return [(k, grouped[k]) for k in keys]


def _by_dept(view: View) -> list[tuple[Any, list[ProjectView]]]:
    order = list(view.departments)
    return _groups(view.projects, lambda p: p.dept, order)


def _charts(view: View) -> dict[str, Markup]:
    by_year = _groups(view.projects, lambda p: p.year or 0)
    by_dept = _by_dept(view)
    by_status = _groups(view.projects, lambda p: p.status, STATUS_ORDER)
    return {
        "year_count": Markup(charts.bar_chart("各申报年度项目数", [(f"{y} 年", len(ps)) for y, ps in by_year], "个")),
        "year_amount": Markup(charts.bar_chart("各申报年度核定投资", [(f"{y} 年", _total(ps)) for y, ps in by_year],
                                               "万元")),
        "dept_count": Markup(charts.bar_chart("各建设单位项目数", _ranked(
            (view.dept_name(d), len(ps)) for d, ps in by_dept), "个")),
        "dept_amount": Markup(charts.bar_chart("各建设单位核定投资", _ranked(
            (view.dept_name(d), _total(ps)) for d, ps in by_dept), "万元")),
        "status": Markup(charts.donut_chart("项目状态", [(s, len(ps)) for s, ps in by_status],
                                           colours=getattr(charts, "STATUS_COLOURS", None))),
    }


def _ranked(items: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    """Largest first; equal values keep their order (the registry's)."""
    return sorted(items, key=lambda item: -item[1])


def _total(projects: Iterable[ProjectView]) -> float:
    return float(sum((p.approved for p in projects if p.approved is not None), Decimal(0)))


def _figures(view: View) -> dict[str, Any]:
    contracts = [c for p in view.projects for c in p.contracts]
    total = contract_total(c.amount for c in contracts)
    return {
        "projects": len(view.projects),
        "approved": sum((p.approved for p in view.projects if p.approved is not None), Decimal(0)),
        "contracts": len(contracts),
        "contract_total": total if total is not None else Decimal(0),
        "accepted": sum(1 for p in view.projects if p.accepted),
        "resources": len([r for r in view.resources if r.get("开放属性") != "不予开放"]),
        "departments": len({p.dept for p in view.projects}),
    }


def _latest(view: View, count: int = 10) -> list[tuple[FilingView, ProjectView]]:
    pairs = [(f, p) for p in view.projects for f in p.filings if f.date]
    pairs.sort(key=lambda pair: (pair[0].date, pair[0].path), reverse=True)
    return pairs[:count]


def is_attachment(rel: str) -> bool:
    """Only files of the allowed types are ever published, and only as downloads."""
    return posixpath.splitext(rel)[1].lower().lstrip(".") in ATTACHMENT_TYPES


def _attachments(writer: Writer, repo_files: frozenset[str], root: Path) -> Callable[[str], markdown.Resolver]:
    """A resolver per project: attachment links go to a copy under projects/<id>/ (library only)."""
    def for_project(pid: str) -> markdown.Resolver:
        def resolve(href: str) -> str | None:
            rel = posixpath.normpath(href.split("#", 1)[0])
            source = f"filings/{pid}/{rel}"
            if rel.startswith("..") or source not in repo_files or not is_attachment(rel):
                return None
            target = f"{PROJECTS}/{pid}/{rel}"
            if target not in writer.out.attachments:
                writer.out.attachments[target] = root / source
                writer.out.files.append(target)
            return quote(f"{pid}/{rel}")
        return resolve
    return for_project


def _sections_html(f: FilingView, resolve: markdown.Resolver) -> list[tuple[str, Markup]]:
    out = []
    for s in f.sections:
        first, _, rest = s.markdown.partition("\n")
        body = rest if first.lstrip("#").strip() == s.title and first.startswith("#") else s.markdown
        out.append((s.title, Markup(markdown.render(body, resolve))))
    return out


def _project_pages(writer: Writer, view: View, resolver: Callable[[str], markdown.Resolver] | None) -> None:
    label = "内部项目库" if isinstance(view, LibraryView) else "公开目录"
    # what every project page looks up in the whole district is computed once here: a per-page
    # pass over all projects (or all filings) makes the build quadratic
    lagging = library.lagging_paths(view) if isinstance(view, LibraryView) else frozenset()
    with progress.stage(f"生成{label}的项目页", total=len(view.projects)) as bar:
        for p in view.projects:
            _project_page(writer, view, resolver, p, lagging)
            bar.advance()


def _project_page(writer: Writer, view: View, resolver: Callable[[str], markdown.Resolver] | None,
                  p: ProjectView, lagging: frozenset[str] = frozenset()) -> None:
    resolve = resolver(p.id) if resolver else markdown.no_attachments
    bodies = {f.path: _sections_html(f, resolve) for f in p.filings}
    extra_events = library.events(view, p) if isinstance(view, LibraryView) else []
    events = _timeline_events(p, extra_events)
    timeline = Markup(charts.timeline(events, today=view.as_of))
    timeline_list = Markup(charts.timeline_list(events, today=view.as_of))
    intro = [(t, h) for t, h in bodies.get(p.application.path, []) if t in INTRO] if p.application else []
    context: dict[str, Any] = dict(p=p, bodies=bodies, timeline=timeline, timeline_list=timeline_list, intro=intro,
                                   co_builders="、".join(view.dept_name(c) for c in p.co_builders),
                                   resources=[r for f in p.filings for r in f.resources])
    if isinstance(view, LibraryView):
        context.update(library.project_context(view, p, lagging))
    writer.page(f"{PROJECTS}/{p.id}.md", "project.md.j2", paths=[f.path for f in p.filings], **context)


def _index_pages(writer: Writer, view: View) -> None:
    projects = view.projects
    paths = [f.path for f in view.filings]
    writer.page(f"{PROJECTS}/index.md", "projects.md.j2", paths=paths, projects=projects,
                status_order=STATUS_ORDER, category_order=CATEGORY_ORDER)
    groups = {
        "by-dept": ("按建设单位", "dept", [(f"{view.dept_name(k)}（{k}）", v) for k, v in _by_dept(view)]),
        "by-year": ("按申报年度", "year", [(f"{k} 年", v) for k, v in _groups(projects, lambda p: p.year or 0)]),
        "by-status": ("按项目状态", "status", _groups(projects, lambda p: p.status, STATUS_ORDER)),
        "by-category": ("按项目类别", "category",
                        _groups(projects, lambda p: p.category or "未填写", CATEGORY_ORDER)),
    }
    for slug, (title, skip, grouped) in groups.items():
        writer.page(f"{PROJECTS}/{slug}.md", "group.md.j2", paths=paths, title=title, groups=grouped, skip=(skip,))


def _guides(writer: Writer) -> list[dict[str, str]]:
    """Hand-written guides under docs/, titled by their first heading.

    They go into the library; into the public site only when their front
    matter says `公开: true`, because a guide may quote internal examples
    (findings of the demo district, intranet addresses).
    """
    nav = []
    public = writer.view.audience == "public"
    for source in sorted(DOCS.glob("*.md")):
        text_ = source.read_text(encoding="utf-8")
        if public and not _is_public(text_):
            continue
        title = next((line[2:].strip() for line in text_.splitlines() if line.startswith("# ")), source.stem)
        writer.write(f"{GUIDE}/{source.name}", text_)
        writer.out.pages.append(f"{GUIDE}/{source.name}")
        nav.append({title: f"{GUIDE}/{source.name}"})
    if nav:
        for extra in sorted(p for p in DOCS.rglob("*") if p.is_file() and p.suffix != ".md"):
            writer.copy(extra, f"{GUIDE}/{extra.relative_to(DOCS).as_posix()}")
    return nav


def _is_public(markdown_text: str) -> bool:
    if not markdown_text.startswith("---\n"):
        return False
    front = markdown_text[4:].split("\n---", 1)[0]
    try:
        meta = yaml.safe_load(front)
    except yaml.YAMLError:
        return False
    return isinstance(meta, dict) and meta.get("公开") is True


def _assets(writer: Writer) -> dict[str, list[str]]:
    """The charts helper's CSS and JavaScript, copied as they are."""
    found: dict[str, list[str]] = {"css": [], "js": []}
    if ASSETS.is_dir():
        for source in sorted(p for p in ASSETS.rglob("*") if p.is_file()):
            rel = f"assets/site/{source.relative_to(ASSETS).as_posix()}"
            writer.copy(source, rel)
            if source.suffix in (".css", ".js"):
                found[source.suffix[1:]].append(rel)
    return found


def _search_words(view: View) -> tuple[list[str], list[str]]:
    """jieba: short department names whole; project and department names by part."""
    words = [d.name for d in view.departments.values() if len(d.name) <= 4]
    parts = [p.name for p in view.projects] + [d.name for d in view.departments.values() if len(d.name) > 4]
    parts += [str(r.get("名称")) for r in view.resources if r.get("名称")]
    return words, parts


# --- the two sites --------------------------------------------------------------

def write_public(view: PublicView, docs: Path, downloads: dict[str, str | bytes], site_name: str) -> SiteDocs:
    w = Writer(docs, view, site_name)
    paths = [f.path for f in view.filings]
    w.page("index.md", "home.md.j2", paths=paths, charts=_charts(view), figures=_figures(view),
           latest=_latest(view))
    _index_pages(w, view)
    _project_pages(w, view, None)
    w.page("open-data.md", "open_data.md.j2", paths=[r.path for r in view.resources], resources=view.resources,
           full=False)
    for name, content in downloads.items():
        w.write(f"{DOWNLOADS}/{name}", content)
    w.page(f"{DOWNLOADS}/index.md", "exports.md.j2", paths=paths, files=downloads, schema=_schema())
    w.page("about.md", "about.md.j2", paths=paths, withheld=view.withheld)
    from ..schema.reference import reference_markdown

    w.write("reference.md", _with_meta(reference_markdown(), view.last_updated(), view.as_of))
    w.out.pages.append("reference.md")
    _finish(w, [
        {"首页": "index.md"},
        {"项目目录": _projects_nav()},
        {"开放数据": "open-data.md"},
        {"数据下载": f"{DOWNLOADS}/index.md"},
        {"使用说明": [{"关于本目录": "about.md"}, {"字段参考": "reference.md"}, *_guides(w)]},
    ])
    return w.out


def write_library(view: LibraryView, public: PublicView, docs: Path, downloads: dict[str, str | bytes],
                  site_name: str) -> SiteDocs:
    from ..engine.rules import all_rules
    from ..schema.reference import reference_markdown
    from .rulebook import render_markdown

    w = Writer(docs, view, site_name)
    paths = [f.path for f in view.filings]
    w.page("index.md", "home.md.j2", paths=paths, charts=_charts(view), figures=_figures(view),
           latest=_latest(view), findings=view.findings, deadlines=library.deadline_groups(view))
    _index_pages(w, view)
    _project_pages(w, view, _attachments(w, view.files, view.root))
    w.page("findings.md", "findings.md.j2", paths=paths, **library.findings_context(view))
    w.page("deadlines.md", "deadlines.md.j2", paths=paths, groups=library.deadline_groups(view))
    rows = library.budget_rows(view)
    w.page("budget.md", "budget.md.j2", paths=paths, rows=rows, totals=library.budget_totals(rows))
    w.page("eligibility.md", "eligibility.md.j2", paths=paths, rows=library.eligibility_rows(view))
    w.page("sharing.md", "open_data.md.j2", paths=[r.path for r in view.resources], resources=view.resources,
           full=True)
    w.page("open-data.md", "open_data.md.j2", paths=[r.path for r in public.resources],
           resources=public.resources, full=False)
    w.page("fulltext.md", "fulltext.md.j2", paths=paths)  # its index: generator/publish/fulltext_index.py
    w.page("departments.md", "departments.md.j2", paths=[view.registry.path], registry=view.registry,
           counts=Counter(p.dept for p in view.projects))
    for rel, text_ in (("rules.md", render_markdown(all_rules())), ("reference.md", reference_markdown())):
        w.write(rel, _with_meta(text_, view.last_updated(), view.as_of))
        w.out.pages.append(rel)
    for name, content in downloads.items():
        w.write(f"{DOWNLOADS}/{name}", content)
    w.page(f"{DOWNLOADS}/index.md", "exports.md.j2", paths=paths, files=downloads, schema=_schema())
    _finish(w, [
        {"首页": "index.md"},
        {"项目目录": _projects_nav()},
        {"监管": [{"合规提示": "findings.md"}, {"期限": "deadlines.md"}, {"预算执行": "budget.md"},
                {"运维经费资格": "eligibility.md"}]},
        {"数据目录": [{"共享目录（全部资源）": "sharing.md"}, {"开放数据目录": "open-data.md"}]},
        {"数据下载": f"{DOWNLOADS}/index.md"},
        {"全文搜索": "fulltext.md"},
        {"使用说明": [{"检查规则": "rules.md"}, {"字段参考": "reference.md"}, {"部门名录": "departments.md"},
                  *_guides(w)]},
    ])
    return w.out


def _with_meta(markdown_text: str, updated: dt.date | None, as_of: dt.date) -> str:
    """A generated page that is not from a template gets the same date line under its title."""
    meta = str(env.get_template("_macros.md.j2").module.meta(updated, as_of))  # type: ignore[attr-defined]
    title, _, rest = markdown_text.partition("\n")
    return f"{title}\n\n{meta}\n{rest}" if title.startswith("# ") else f"{meta}\n\n{markdown_text}"


def _projects_nav() -> list[Any]:
    return [f"{PROJECTS}/index.md", {"按建设单位": f"{PROJECTS}/by-dept.md"},
            {"按申报年度": f"{PROJECTS}/by-year.md"}, {"按项目状态": f"{PROJECTS}/by-status.md"},
            {"按项目类别": f"{PROJECTS}/by-category.md"}]


def _finish(w: Writer, nav: list[Any]) -> None:
    assets = _assets(w)
    w.out.nav = nav
    w.out.jieba_words, w.out.jieba_parts = _search_words(w.view)
    w.out.extra = {"site_audience": w.view.audience}
    w.out.extra_css, w.out.extra_javascript = assets["css"], assets["js"]


def _schema() -> Any:
    from .exports import catalog_schema_fields

    return catalog_schema_fields()
