"""Check one filing file and build its Filing object. Pure: bytes in, problems out."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Generator, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from ..model import Filing, Registry, Resource
from ..problems import Problem, error
from ..reading import body as body_reader
from ..reading import frontmatter, limits
from ..reading.frontmatter import UNREADABLE, Pos
from ..reading.text import Undecodable, decode
from ..schema.base import FilingType, Kind
from ..schema.common import COMMON_FIELDS, FILING_TYPES_ORDER
from ..schema.types import FILING_TYPES
from .attachments import check_attachments
from .body import check_budget, check_markup, check_sections
from .corrections import check_corrections
from .fields import Checked, check_entries, check_resources
from .privacy import check_personal_data


@dataclass(frozen=True)
class CheckContext:
    registry: Registry
    as_of: dt.date
    files: AbstractSet[str]  # every file under filings/ (that was listed), relative to the repository root
    read_head: Callable[[str], bytes] | None = None  # first bytes of a file under filings/ (attachments)


def check_file(path: str, raw: bytes, ctx: CheckContext, body: bool = True) -> tuple[Filing, list[Problem]]:
    """Check one file. With body=False the Markdown body is neither parsed nor checked: the
    engine reads only front matter, so files outside a path-limited check skip that work."""
    folder = path.rsplit("/", 1)[0]
    filing = Filing(path=path, folder=folder.rsplit("/", 1)[-1], type=None)
    problems = list(_check(filing, raw, ctx, body))
    filing.valid = not any(p.kind == "error" for p in problems)
    return filing, problems


def _check(filing: Filing, raw: bytes, ctx: CheckContext, with_body: bool) -> Iterator[Problem]:
    path = filing.path
    too_big = limits.file_too_big(len(raw))
    if too_big is not None:
        yield error(path, too_big.line, None, too_big.code, too_big.message)
        return
    text = decode(raw)
    if isinstance(text, Undecodable):
        yield error(path, text.line, text.column, "E101",
                    f"文件不是 UTF-8 编码，看起来是 {text.encoding}：请用 WPS 或记事本“另存为”，编码选择 UTF-8")
        return
    fm = frontmatter.parse(text)
    for p in fm.problems:
        yield error(path, p.pos.line, p.pos.column, p.code, p.message)
    if not fm.ok:
        return
    closing = Pos(max(fm.body_offset, 1), 1)
    ftype = yield from _filing_type(filing, fm.entries, closing)
    fields = ftype.fields if ftype else COMMON_FIELDS
    checked: Checked | None = None
    for got in check_entries(path, fm.entries, fields, as_of=ctx.as_of, missing_at=closing):
        if isinstance(got, Checked):
            checked = got
        elif ftype or got.code != "E201":
            yield got
    assert checked is not None
    filing.data, filing.marks = checked.data, checked.marks
    if ftype is None:
        return
    for field in ftype.fields:
        if (field.kind is Kind.RESOURCES and field.key in fm.entries
                and fm.entries[field.key].value is not UNREADABLE):
            yield from _resources(filing, field.key, fm.entries[field.key], ctx)
    yield from _identity(filing, ctx)
    if not with_body:
        yield from check_personal_data(filing)
        return
    over = limits.body_limits(fm.body, fm.body_offset)
    for bad in over + limits.body_characters(fm.body, fm.body_offset):
        yield error(path, bad.line, bad.column, bad.code, bad.message)
    if over:
        return  # markdown-it is never run on a body over a limit
    body = body_reader.parse(fm.body, fm.body_offset)
    filing.body = body
    yield from check_sections(path, ftype, filing.data, body, closing.line)
    yield from check_markup(path, body, path.rsplit("/", 1)[0], ctx.files)
    yield from check_corrections(path, body, filing.data, ctx.as_of)
    yield from check_attachments(path, body, ctx.files, ctx.read_head)
    if ftype.name == "立项申请" and filing.get("项目类别") != "运维服务":
        yield from check_budget(path, body, filing.get("申报总投资"))
    yield from check_personal_data(filing)


def _filing_type(filing: Filing, entries: dict[str, frontmatter.Entry], closing: Pos
                 ) -> Generator[Problem, None, FilingType | None]:
    entry = entries.get("备案类型")
    if entry is None:
        yield error(filing.path, closing.line, 1, "E202",
                    f"缺少必填键「备案类型」：可选 {' / '.join(FILING_TYPES_ORDER)}")
        return None
    ftype = FILING_TYPES.get(str(entry.value).strip()) if isinstance(entry.value, str) else None
    if ftype is None:
        return None  # the enumeration check reports it
    filing.type = ftype
    return ftype


def _resources(filing: Filing, key: str, entry: frontmatter.Entry, ctx: CheckContext) -> Iterator[Problem]:
    assert filing.type is not None
    field = filing.type.fields_by_key[key]
    items = filing.items.setdefault(key, [])
    for got in check_resources(filing.path, entry, field.item_fields, ctx.as_of, key):
        if isinstance(got, Problem):
            yield got
            continue
        data, marks, line = got
        items.append(Resource(data, marks, line))
    if key == "信息资源":
        filing.resources = items
    filing.data[key] = [r.data for r in items]


def _identity(filing: Filing, ctx: CheckContext) -> Iterator[Problem]:
    """Folder, file name, departments and the ★ rule: what ties a filing to the repository."""
    assert filing.type is not None
    path, ftype = filing.path, filing.type
    pid = filing.get("项目编号")
    if pid and pid != filing.folder:
        yield error(path, filing.line("项目编号"), filing.column("项目编号"), "E401",
                    f"项目编号 {pid} 与所在文件夹 {filing.folder} 不一致：两者必须相同")
    name = filing.name
    if not (name == f"{ftype.name}.md" or name.startswith(f"{ftype.name}-")):
        hint = f"（{ftype.file_hint}）" if ftype.file_hint else ""
        yield error(path, filing.line("备案类型"), filing.column("备案类型"), "E402",
                    f"文件名“{name}”与备案类型「{ftype.name}」不符：文件名须以“{ftype.name}”开头，"
                    f"例如 {ftype.name}.md{hint}")
    yield from _departments(filing, ftype, ctx.registry)
    yield from _approver(filing, ctx.registry)
    if filing.get("涉密") is True:
        yield error(path, filing.line("涉密"), filing.column("涉密"), "E405",
                    "涉密项目不得提交到本仓库，须按国家和省、市有关规定另行组织建设：请撤回本文件", "第三十八条")


def _departments(filing: Filing, ftype: FilingType, registry: Registry) -> Iterator[Problem]:
    known = registry.departments
    for field in ftype.fields:
        value = filing.get(field.key)
        codes = value if field.kind is Kind.DEPT_LIST else [value] if field.kind is Kind.DEPT else []
        for code in [c for c in codes or [] if c]:
            if code not in known:
                yield _unknown_dept(filing.path, filing.marks[field.key], field.key, code, registry)
    for res in (r for items in filing.items.values() for r in items):
        for key in ("提供单位", "共享对象"):
            value = res.data.get(key)
            for code in (value if isinstance(value, list) else [value] if value else []):
                if code not in known:
                    yield _unknown_dept(filing.path, res.marks[key], key, code, registry)
    unit = filing.get("填报单位")
    if ftype.central and unit in known and not registry.is_central(unit):
        yield error(filing.path, filing.line("填报单位"), filing.column("填报单位"), "E404",
                    f"「{ftype.name}」只能由综合管理办公室填报（★），{unit}（{registry.name_of(unit)}）不能填报",
                    "第五条")
    elif ftype.filer_duty and unit in known and ftype.filer_duty not in known[unit].duties:
        yield error(filing.path, filing.line("填报单位"), filing.column("填报单位"), "E404",
                    f"「{ftype.name}」只能由职责为“{ftype.filer_duty}”的部门填报，{unit}（{registry.name_of(unit)}）"
                    f"不能填报", "第五条")


def _approver(filing: Filing, registry: Registry) -> Iterator[Problem]:
    """第二十二条: only the registry's 首席数据代表 approves keeping a system that does not share."""
    signer, officer = filing.get("审批人"), registry.chief_data_officer
    if filing.type_name == "共享例外审批" and signer and officer and signer != officer:
        yield error(filing.path, filing.line("审批人"), filing.column("审批人"), "E413",
                    f"审批人“{signer}”不是 filings/registry.yml 登记的首席数据代表（{officer}）："
                    f"共享例外须报首席数据代表批准，请核对审批人", "第二十二条")


def _unknown_dept(path: str, pos: Pos, key: str, code: str, registry: Registry) -> Problem:
    return error(path, pos.line, pos.column, "E403",
                 f"「{key}」中的部门代码 {code} 未在 filings/registry.yml 中登记（代码区分大小写）：已登记 "
                 f"{'、'.join(registry.departments) or '（无）'}", "第三条")
