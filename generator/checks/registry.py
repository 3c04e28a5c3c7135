"""Check filings/registry.yml (spec §2) and build the Registry."""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from ..model import Department, Registry
from ..problems import Problem, error
from ..reading import frontmatter, limits
from ..reading.frontmatter import Pos, item_entries, node_pos, sequence_items
from ..reading.text import Undecodable, decode
from ..schema.registry import DEPARTMENT_FIELDS, REGISTRY_FIELDS
from .fields import Checked, check_entries

CODE = re.compile(r"[A-Z]{2,8}")


def check_registry(path: str, raw: bytes | None, as_of: dt.date) -> tuple[Registry, list[Problem]]:
    registry = Registry(path=path)
    problems = list(_check(registry, path, raw, as_of))
    return registry, problems


def _check(registry: Registry, path: str, raw: bytes | None, as_of: dt.date) -> Iterator[Problem]:
    if raw is None:
        yield error(path, None, None, "E420", "缺少部门名录 filings/registry.yml：请按 README 的示例建立")
        return
    too_big = limits.file_too_big(len(raw))
    if too_big is not None:
        yield error(path, None, None, too_big.code, too_big.message)
        return
    text = decode(raw)
    if isinstance(text, Undecodable):
        yield error(path, text.line, text.column, "E101", f"文件不是 UTF-8 编码，看起来是 {text.encoding}：请另存为 UTF-8")
        return
    fm = frontmatter.parse_document(text)
    for p in fm.problems:
        yield error(path, p.pos.line, p.pos.column, p.code, p.message.replace("YAML 头部", "registry.yml"))
    if not fm.ok:
        return
    checked = None
    for got in check_entries(path, fm.entries, REGISTRY_FIELDS, as_of=as_of, missing_at=Pos(1, 1)):
        if isinstance(got, Checked):
            checked = got
        elif got.code != "E203":  # 部门 is a list of mappings, checked below
            yield got
    assert checked is not None
    registry.district = checked.data.get("辖区", "")
    registry.chief_data_officer = checked.data.get("首席数据代表", "")
    if "部门" in fm.entries and fm.entries["部门"].value is not frontmatter.UNREADABLE:
        yield from _departments(registry, path, fm.entries["部门"], as_of)
    if registry.departments and not any("综合管理" in d.duties for d in registry.departments.values()):
        yield error(path, 1, 1, "E423", "没有任何部门的职责含「综合管理」：★ 类备案将无人可填报，请为综合管理办公室加上 职责: [综合管理]",
                    "第五条")


def _departments(registry: Registry, path: str, entry: frontmatter.Entry, as_of: dt.date) -> Iterator[Problem]:
    for node in sequence_items(entry.node):
        pos = node_pos(node, 0)
        entries, problems = item_entries(node, 0)
        for p in problems:
            yield error(path, p.pos.line, p.pos.column, p.code, p.message)
        if not entries:
            yield error(path, pos.line, pos.column, "E203", "每个部门应写作 {代码: …, 名称: …, 类别: …}", "第三条")
            continue
        checked = None
        for got in check_entries(path, entries, DEPARTMENT_FIELDS, as_of=as_of, missing_at=pos, what="部门"):
            if isinstance(got, Checked):
                checked = got
            else:
                yield got
        if checked is None or "代码" not in checked.data:
            continue
        code = checked.data["代码"]
        line = pos.line
        if not CODE.fullmatch(code):
            yield error(path, line, pos.column, "E422", f"部门代码“{code}”不合规：须为 2–8 位大写英文字母")
        elif code in registry.departments:
            yield error(path, line, pos.column, "E421", f"部门代码 {code} 重复（第 {registry.departments[code].line} 行已有）")
        else:
            registry.departments[code] = Department(code, checked.data.get("名称", code), checked.data.get("类别", ""),
                                                    tuple(checked.data.get("职责", ())), line,
                                                    checked.data.get("单位性质", "机关"))

