"""Read a filing repository from disk once: the only module (besides git history) that touches files.

Everything after this works on the Repository object: checks, engine, views, sites.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .checks.filing import Context, check_file
from .checks.registry import check_registry
from .engine.calendar import Calendar
from .model import Filing, Project, Registry
from .problems import Problem, error
from .schema.common import TRANSITION_YEAR
from .reading import chars, limits

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
    files, unsafe = _scan(root)
    registry_raw = read_regular(root / REGISTRY) if REGISTRY in files else None
    registry, problems = check_registry(REGISTRY, registry_raw, as_of)
    calendar_path, guarded = _guard_calendar(root, files)
    calendar, cal_problems = Calendar.load(calendar_path, CALENDAR)
    repo = Repository(root, as_of, registry, calendar, problems=unsafe + problems + guarded + cal_problems, files=files)
    ctx = Context(registry, as_of, files, read_head=lambda rel: read_regular(root / rel, 8)[:8])
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
        return check_file(rel, read_regular(root / rel), ctx, body)
    except OSError as exc:
        problem = error(rel, None, None, "E100", f"无法读取文件：{exc.strerror}")
    except Exception as exc:  # noqa: BLE001 - reported as a problem, never swallowed
        problem = error(rel, None, None, "E100",
                        f"检查本文件时程序内部出错（{type(exc).__name__}）：请把本文件发给维护人员；其他文件照常检查")
    folder = rel.rsplit("/", 2)[-2]
    return Filing(rel, folder, None, valid=False), [problem]


def _list_files(root: Path) -> frozenset[str]:
    return _scan(root)[0]


def _scan(root: Path) -> tuple[frozenset[str], list[Problem]]:
    """Regular files under filings/, listed without following any link. A symbolic link (file,
    attachment or folder), a special file or a name with a control character is an error and is
    never read: a link could publish any file of the machine (spec §5a: a symlink is never a filing)."""
    base = root / FILINGS
    if base.is_symlink():
        return frozenset(), [_link_problem(FILINGS, base)]
    if not base.is_dir():
        return frozenset(), []
    files: set[str] = set()
    problems: list[Problem] = []
    folders = [(base, FILINGS)]
    while folders:
        folder, rel_folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(error(rel_folder, None, None, "E100", f"无法读取文件夹：{exc.strerror}"))
            continue
        for entry in entries:
            rel = f"{rel_folder}/{entry.name}"
            bad = chars.first_forbidden(entry.name, in_name=True)
            if bad is not None:
                problems.append(error(chars.escape(rel), None, None, "E408",
                                      f"文件名或文件夹名含有{chars.describe(bad[1])}：请改名，只用文字、数字和 - _ . 等符号"))
            elif entry.is_symlink() or not (entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False)):
                problems.append(_link_problem(rel, Path(entry.path)))
            elif entry.name.startswith("."):
                continue
            elif entry.is_dir(follow_symlinks=False):
                folders.append((Path(entry.path), rel))
            else:
                files.add(rel)
    return frozenset(files), problems


def _link_problem(rel: str, path: Path) -> Problem:
    if path.is_symlink():
        return error(rel, None, None, "E407", "这是符号链接：备案、附件和文件夹都必须是实际的文件，"
                     "链接不会被读取或发布；请删除链接，把文件本身放进来", "第三十二条")
    return error(rel, None, None, "E407", "这不是普通文件（命名管道、设备等），不会被读取：请删除它", "第三十二条")


def read_regular(path: Path, limit: int = limits.MAX_FILE_BYTES) -> bytes:
    """At most limit + 1 bytes of a regular file, never through a symbolic link (OSError otherwise):
    the checks see that a file is over its limit without the whole file ever being read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "不是普通文件")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(limit + 1)
    finally:
        os.close(fd)


def _guard_calendar(root: Path, files: frozenset[str]) -> tuple[Path | None, list[Problem]]:
    """calendar.yml is parsed by the engine's calendar: its size and nesting are checked here first."""
    if CALENDAR not in files:
        return None, []
    try:
        raw = read_regular(root / CALENDAR)
    except OSError as exc:
        return None, [error(CALENDAR, None, None, "E701", f"无法读取文件：{exc.strerror}")]
    found = limits.file_too_big(len(raw))
    if found is None:
        found = limits.structure(raw.decode("utf-8", errors="replace"), 0)
    if found is None:
        return root / CALENDAR, []
    return None, [error(CALENDAR, found.line, found.column if found.line else None, found.code, found.message)]


def _classify(rel: str) -> str:
    parts = rel.split("/")
    if len(parts) == 2:
        return "ignored" if parts[1] in IGNORED_TOP or not parts[1].endswith(".md") else "stray"
    if len(parts) == 3 and parts[2].endswith(".md") and parts[2] != "README.md":
        return "filing"
    return "attachment"


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
        if len(project.of_type("立项申请")) > 1:
            extra = project.of_type("立项申请")[1]
            found.append(error(extra.path, extra.line(), 1, "E411", "一个项目只能有一份立项申请：变更请提交 调整申请", "第十六条"))
    return found
