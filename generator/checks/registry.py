"""Check filings/registry.yml (spec §2) and build the Registry."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Generator, Iterator
from typing import Any

from ..model import Department, Registry
from ..problems import Problem, error
from ..reading import frontmatter, limits
from ..reading.frontmatter import Entry, Pos, item_entries, node_pos, sequence_items
from ..reading.text import Undecodable, decode
from ..schema.base import Field, Kind
from ..schema.registry import DEPARTMENT_FIELDS, REGISTRY_FIELDS
from .fields import Checked, check_entries

CODE = re.compile(r"[A-Z]{2,8}")
# A code-host account or team as CODEOWNERS names it on GitHub, GitLab, Gitea and Gitee:
# @user, @org/team (GitLab: @group/subgroup/…).
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
ACCOUNT = re.compile(rf"@{_NAME}(?:/{_NAME})*")
URL = re.compile(r"https?://[^\s/]+\S*")
SITE_CODE = re.compile(r"[0-9A-Za-z]{10}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


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
        elif not (got.code == "E203" and got.message.startswith("「部门」")):  # a list of mappings, checked below
            yield got
    assert checked is not None
    registry.district = checked.data.get("辖区", "")
    registry.chief_data_officer = checked.data.get("首席数据代表", "")
    yield from _public_info(registry, path, fm.entries, checked.data)
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
        contact: dict[str, str] = {}
        if "公开联系" in checked.data:
            contact = yield from _mapping(path, entries["公开联系"], _field(DEPARTMENT_FIELDS, "公开联系"), as_of)
        code = checked.data["代码"]
        line = pos.line
        if not CODE.fullmatch(code):
            yield error(path, line, pos.column, "E422", f"部门代码“{code}”不合规：须为 2–8 位大写英文字母")
        elif code in registry.departments:
            yield error(path, line, pos.column, "E421", f"部门代码 {code} 重复（第 {registry.departments[code].line} 行已有）")
        else:
            registry.departments[code] = Department(code, checked.data.get("名称", code), checked.data.get("类别", ""),
                                                    tuple(checked.data.get("职责", ())), line,
                                                    checked.data.get("单位性质", "机关"),
                                                    reviewers=tuple(a for a in checked.data.get("审核人", ()) if ACCOUNT.fullmatch(a)),
                                                    contact=contact)
            if "审核人" in checked.data:  # a list of texts; anything else was reported above
                yield from _accounts(path, entries["审核人"])


def _accounts(path: str, entry: frontmatter.Entry) -> Iterator[Problem]:
    for node in sequence_items(entry.node):
        if not ACCOUNT.fullmatch(str(node.value)):
            pos = node_pos(node, 0)
            yield error(path, pos.line, pos.column, "E429",
                        f"审核人账号“{node.value}”不合规：应为代码托管平台上的 @用户名 或 @组织/团队，"
                        f"并加引号，例如 审核人: [\"@zhang-san\", \"@zhb/reviewers\"]")


def _field(fields: tuple[Field, ...], key: str) -> Field:
    return next(f for f in fields if f.key == key)


def _mapping(path: str, entry: Entry, field: Field, as_of: dt.date) -> Generator[Problem, None, dict[str, str]]:
    """Check a {键: 值} mapping against field.item_fields; return its checked values (网址 must be a URL)."""
    entries, problems = item_entries(entry.node, 0)
    for p in problems:
        yield error(path, p.pos.line, p.pos.column, p.code, p.message)
    data: dict[str, str] = {}
    for got in check_entries(path, entries, field.item_fields, as_of=as_of, missing_at=entry.key_pos,
                             what=f"「{field.key}」中"):
        if isinstance(got, Checked):
            data = got.data
        else:
            yield got
    url = data.get("网址")
    if url is not None and not URL.fullmatch(url):
        pos = entries["网址"].key_pos
        yield error(path, pos.line, pos.column, "E203",
                    f"「{field.key}」的网址“{url}”应以 http:// 或 https:// 开头，例如 网址: https://creativecommons.org/licenses/by/4.0/",
                    field.article)
        data.pop("网址")
    email = data.get("邮箱")
    if email is not None and not EMAIL.fullmatch(email):
        pos = entries["邮箱"].key_pos
        yield error(path, pos.line, pos.column, "E203",
                    f"「{field.key}」的邮箱“{email}”不是电子邮箱地址，应形如 邮箱: office@example.gov.cn", field.article)
        data.pop("邮箱")
    return data


def _public_info(registry: Registry, path: str, entries: dict[str, Entry], data: dict[str, Any]
                 ) -> Iterator[Problem]:
    """数据许可 and the site's 备案号 keys, kept on the registry for the public site's frame."""
    for field in REGISTRY_FIELDS:
        if field.key not in entries or entries[field.key].value in (None, ""):
            continue
        if field.kind is Kind.MAPPING:
            if isinstance(entries[field.key].value, dict):  # otherwise check_entries reported it
                mapping = yield from _mapping(path, entries[field.key], field, dt.date.max)
                if len(mapping) == len(field.item_fields):
                    registry.public_info[field.key] = mapping
        elif field.public and field.key in data and field.key not in ("辖区",):
            value = str(data[field.key])
            if field.key == "网站标识码" and not SITE_CODE.fullmatch(value):
                pos = entries[field.key].key_pos
                yield error(path, pos.line, pos.column, "E203", f"「网站标识码」应为 10 位字母或数字，收到“{value}”")
                continue
            registry.public_info[field.key] = value
