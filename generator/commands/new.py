"""filings new: start a filing from its template, with the common keys filled in. Never overwrites."""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import jinja2

from ..checks.registry import check_registry
from ..model import Registry
from ..repository import PROJECT_FOLDER, REGISTRY, read_regular
from ..schema.base import Field, FilingType, Kind
from ..schema.types import FILING_TYPES
from ..templates import TEMPLATES

NAME = "new"
HELP = "按模板新建备案文件（自动填好共同的键），从不覆盖已有文件"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("type", metavar="备案类型", help="备案类型之一，例如 立项申请、合同备案")
    p.add_argument("--project", metavar="项目编号", help="已有项目的编号，例如 2025-SHSY-01")
    p.add_argument("--dept", metavar="部门代码", help="新建项目：建设单位代码，自动取下一个空闲序号（仅用于 立项申请）")
    p.add_argument("--year", type=_year, metavar="申报年度", help="新建项目的申报年度（默认：今天所在年份的下一年）")


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100):
        raise argparse.ArgumentTypeError(f"申报年度“{text}”不对：应为 2000 至 2100 之间的四位年份，例如 --year 2027")
    return int(text)


def run(args: argparse.Namespace) -> int:
    ftype = FILING_TYPES.get(args.type)
    if ftype is None:
        return _usage(f"未知的备案类型“{args.type}”：可选 {'、'.join(FILING_TYPES)}")
    root = args.repo.resolve()
    linked = _symlink_in(root, REGISTRY)
    if linked:
        return _usage(_LINK.format(linked))
    raw = read_regular(root / REGISTRY) if (root / REGISTRY).is_file() else None
    registry, problems = check_registry(REGISTRY, raw, args.as_of)
    if raw is None or any(p.code in ("E101", "E104", "E105", "E108", "E109") for p in problems):
        return _usage("filings/registry.yml 不存在或无法读取：请先运行 filings check 修正")
    project = args.project
    if project is None:
        if args.dept is None or ftype.name != "立项申请":
            return _usage("请用 --project 项目编号 指定项目；新建项目时用 filings new 立项申请 --dept 部门代码")
        if args.dept not in registry.departments:
            return _usage(f"部门代码 {args.dept} 未在 registry.yml 中登记：已登记 {'、'.join(registry.departments)}")
        project = next_project_id(root, args.dept, args.year or args.as_of.year + 1)
    elif not PROJECT_FOLDER.match(project):
        return _usage(f"项目编号“{project}”不合规：应为 申报年度-部门代码-两位序号，例如 2025-SHSY-01")
    folder = root / "filings" / project
    linked = _symlink_in(root, f"filings/{project}/立项申请.md")
    if linked:
        return _usage(_LINK.format(linked))
    if ftype.name != "立项申请" and not (folder / "立项申请.md").is_file():
        return _usage(f"项目 {project} 还没有 立项申请.md：请先 filings new 立项申请 --dept 部门代码")
    unit = _filer(ftype, project, registry)
    target = free_name(folder, ftype, args.as_of)
    text = render(ftype, project, unit, args.as_of, _project_name(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
    except OSError as exc:  # a dangling link where the file or folder would go, no permission, disk full
        print(f"无法创建 {target.relative_to(root).as_posix()}：{_why(exc)}。未做任何改动", file=sys.stderr)
        return 1
    rel = target.relative_to(root).as_posix()
    print(f"已创建 {rel}\n下一步：用 WPS 或记事本打开它，把所有“【待填写…】”换成实际内容，"
          f"不适用的章节整节删除，然后运行 filings check {rel} 检查。")
    return 0


_LINK = "{} 是符号链接：filings/ 下不允许符号链接（第三十二条），不会通过它读写；请删除链接，改为实际的文件夹或文件"


def _symlink_in(root: Path, rel: str) -> str | None:
    """The first component of root/rel that is a symbolic link (new never writes through one)."""
    current = root
    for part in rel.split("/"):
        current = current / part
        if current.is_symlink():
            return current.relative_to(root).as_posix()
    return None


def _why(exc: OSError) -> str:
    if isinstance(exc, FileExistsError):
        return "该位置已有同名的文件、文件夹或失效的符号链接，为免覆盖不写入"
    return exc.strerror or type(exc).__name__


def _usage(message: str) -> int:
    print(f"用法错误：{message}", file=sys.stderr)
    return 2


def _filer(ftype: FilingType, project: str, registry: Registry) -> str:
    if ftype.duty:
        able = [c for c, d in registry.departments.items() if ftype.duty in d.duties]
        return able[0] if able else ("ZHB" if ftype.central else project.split("-")[1])
    return project.split("-")[1]


def next_project_id(root: Path, dept: str, year: int) -> str:
    taken = [int(m.group(3)) for p in (root / "filings").glob(f"{year}-{dept}-*")
             if (m := PROJECT_FOLDER.match(p.name))]
    return f"{year}-{dept}-{max(taken, default=0) + 1:02d}"


REPEATED = frozenset({"合同备案", "监管措施", "整改报告", "重大问题报告", "调整申请", "延期验收申请"})


def free_name(folder: Path, ftype: FilingType, today: dt.date) -> Path:
    """立项申请.md, then 合同备案-2026-03.md, 合同备案-2026-03-2.md … — never an existing name."""
    candidates = [f"{ftype.name}.md", f"{ftype.name}-{today:%Y-%m}.md"]
    if ftype.name in REPEATED:
        candidates.reverse()
    candidates += [f"{ftype.name}-{today:%Y-%m}-{n}.md" for n in range(2, 100)]
    if ftype.name == "年度报告":
        candidates.insert(0, f"{ftype.name}-{today.year}.md")
    for name in candidates:
        if not (folder / name).exists():  # a dangling link is refused when opened ("x" never follows it)
            return folder / name
    raise FileExistsError(folder)


def _project_name(folder: Path) -> str:
    app = folder / "立项申请.md"
    if app.is_file():
        m = re.search(r"^项目名称:\s*(.+)$", app.read_text(encoding="utf-8", errors="replace"), re.M)
        return m.group(1).strip() if m else ""
    return ""


def front_matter(ftype: FilingType, values: dict[str, object]) -> str:
    lines = ["---"]
    for field in ftype.fields:
        lines.extend(_field_lines(field, values))
    lines.append("---")
    return "\n".join(lines) + "\n"


def _field_lines(field: Field, values: dict[str, object]) -> list[str]:
    note = field.help + (f"（{field.article}）" if field.article else "")
    if field.when:
        note += f"；{field.when.describe()}必填，否则删去本行"
    if field.key in values:
        return [f"{field.key}: {values[field.key]}"]
    if field.kind is Kind.RESOURCES:
        keys = [f for f in field.item_fields if f.required or f.when]
        item = [f"  {'- ' if i == 0 else '  '}{f.key}:  # {f.help}" for i, f in enumerate(keys)]
        return [f"{field.key}:  # {note}"] + item
    if not field.required and not field.when:
        return [f"# {field.key}:   # 选填：{note}"]
    return [f"{field.key}:   # {note}"]


def render(ftype: FilingType, project: str, unit: str, today: dt.date, name: str) -> str:
    values: dict[str, object] = {"备案类型": ftype.name, "项目编号": project, "填报单位": unit,
                                 "填报日期": today.isoformat()}
    if ftype.name == "立项申请":
        values.update({"建设单位": unit, "申报年度": int(project[:4]), "共建单位": "[]", "涉密": "false"})
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    body = env.from_string(TEMPLATES.read_body(ftype.name)).render(
        项目编号=project, 填报单位=unit, 填报日期=today.isoformat(), 项目名称=name)
    return front_matter(ftype, values) + "\n" + body.lstrip("\n")
