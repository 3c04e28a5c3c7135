"""Read a filing repository from disk once: the only module (besides git history) that touches files.

Everything after this works on the Repository object: checks, engine, views, sites.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .checks.filing import Context, check_file
from .checks.registry import check_registry
from .engine.calendar import Calendar
from .model import Filing, Project, Registry
from .problems import Problem, error
from .schema.common import TRANSITION_YEAR

FILINGS = "filings"
REGISTRY = "filings/registry.yml"
CALENDAR = "filings/calendar.yml"
PROJECT_FOLDER = re.compile(r"^(\d{4})-([A-Z]{2,8})-(\d{2})$")
IGNORED_TOP = {"README.md", "registry.yml", "calendar.yml"}


@dataclass
class Repository:
    root: Path
    as_of: dt.date
    registry: Registry
    calendar: Calendar
    filings: list[Filing] = field(default_factory=list)
    projects: dict[str, Project] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: frozenset[str] = frozenset()

    @property
    def filing_count(self) -> int:
        return len(self.filings)


def load(root: Path, as_of: dt.date, focus: Callable[[str], bool] | None = None) -> Repository:
    """Read and check every file. Files outside `focus` (when given) are read for the
    cross-file rules but their Markdown bodies are skipped: nobody will see those problems."""
    root = root.resolve()
    files = _list_files(root)
    registry_raw = (root / REGISTRY).read_bytes() if REGISTRY in files else None
    registry, problems = check_registry(REGISTRY, registry_raw, as_of)
    calendar, cal_problems = Calendar.load(root / CALENDAR if CALENDAR in files else None, CALENDAR)
    repo = Repository(root, as_of, registry, calendar, problems=problems + cal_problems, files=files)
    ctx = Context(registry, as_of, files)
    for rel in sorted(files):
        kind = _classify(rel)
        if kind == "filing":
            filing, found = _check_guarded(rel, root, ctx, focus is None or focus(rel))
            repo.filings.append(filing)
            repo.problems.extend(found)
            project = repo.projects.setdefault(filing.folder, Project(filing.folder, rel.rsplit("/", 1)[0]))
            project.filings.append(filing)
        elif kind == "stray":
            repo.problems.append(error(rel, None, None, "E406",
                                       "备案文件须放在项目文件夹中：filings/〈项目编号〉/〈备案类型〉.md"))
    repo.problems.extend(_check_folders(repo))
    return repo


def _check_guarded(rel: str, root: Path, ctx: Context, body: bool = True) -> tuple[Filing, list[Problem]]:
    """A bug in a check must never become a traceback for the clerk, nor hide other files."""
    try:
        return check_file(rel, (root / rel).read_bytes(), ctx, body)
    except OSError as exc:
        problem = error(rel, None, None, "E100", f"无法读取文件：{exc.strerror}")
    except Exception as exc:  # noqa: BLE001 - reported as a problem, never swallowed
        problem = error(rel, None, None, "E100",
                        f"检查本文件时程序内部出错（{type(exc).__name__}）：请把本文件发给维护人员；其他文件照常检查")
    folder = rel.rsplit("/", 2)[-2]
    return Filing(rel, folder, None, valid=False), [problem]


def _list_files(root: Path) -> frozenset[str]:
    base = root / FILINGS
    if not base.is_dir():
        return frozenset()
    return frozenset(p.relative_to(root).as_posix() for p in base.rglob("*")
                     if p.is_file() and not any(part.startswith(".") for part in p.relative_to(base).parts))


def _classify(rel: str) -> str:
    parts = rel.split("/")
    if len(parts) == 2:
        return "ignored" if parts[1] in IGNORED_TOP or not parts[1].endswith(".md") else "stray"
    if len(parts) == 3 and parts[2].endswith(".md") and parts[2] != "README.md":
        return "filing"
    return "attachment"


def _answers(project: Project) -> list[Problem]:
    """第三十条: an 整改报告 answers a 监管措施 of its own project, named by file name."""
    measures = {f.name for f in project.of_type("监管措施")}
    found = []
    for report in project.of_type("整改报告"):
        target = report.get("对应措施")
        if target and target not in measures:
            known = "、".join(sorted(measures)) or "（本项目没有监管措施）"
            found.append(error(report.path, report.line("对应措施"), report.column("对应措施"), "E414",
                               f"对应措施“{target}”不是本项目文件夹中的监管措施：整改报告须答复本项目已备案的监管措施，"
                               f"可选 {known}", "第三十条"))
    return found


def _check_folders(repo: Repository) -> list[Problem]:
    found: list[Problem] = []
    for project in repo.projects.values():
        first = project.filings[0].path
        m = PROJECT_FOLDER.match(project.id)
        if not m:
            found.append(error(first, None, None, "E401",
                               f"项目文件夹名“{project.id}”不合规：应为 申报年度-部门代码-两位序号，例如 2025-SHSY-01"))
            continue
        year, code, _ = m.groups()
        app = project.application
        if app is None:
            # 第六条: a project of 2023 or before files only what it does from now on (拟验收项目 the
            # acceptance report), so its folder may lack the application it made before the Measures.
            if int(year) > TRANSITION_YEAR and not any(f.type is None for f in project.filings):
                found.append(error(first, None, None, "E409",
                                   f"项目 {project.id} 没有 立项申请.md：每个项目文件夹须先有立项申请", "第六条"))
            continue
        unit, declared = app.get("建设单位"), app.get("申报年度")
        if unit and unit != code:
            found.append(error(app.path, app.line("建设单位"), app.column("建设单位"), "E410",
                               f"建设单位 {unit} 与项目编号中的部门代码 {code} 不一致：项目按建设单位编号"))
        if declared and str(declared) != year:
            found.append(error(app.path, app.line("申报年度"), app.column("申报年度"), "E410",
                               f"申报年度 {declared} 与项目编号中的年度 {year} 不一致"))
        found.extend(_answers(project))
        if len(project.of_type("立项申请")) > 1:
            extra = project.of_type("立项申请")[1]
            found.append(error(extra.path, extra.line(), 1, "E411", "一个项目只能有一份立项申请：变更请提交 调整申请", "第十六条"))
    return found
