"""Body checks: required sections, placeholders, raw HTML, links, the budget table."""
from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import unquote, urlsplit

from ..problems import Problem, error
from ..reading.body import Body, BodySection, Table
from ..reading.chars import describe
from ..schema.base import FilingType, Section
from ..schema.common import ATTACHMENT_TYPES, PLACEHOLDER
from .values import FULLWIDTH, MAX_AMOUNT

EMPTY_WORDS = frozenset({"无", "无。", "暂无", "暂无。", "略", "-", "—", "/"})
BUDGET_SECTION = ("建设方案", "项目概算表")
AMOUNT_COLUMN = "金额（万元）"
TOTAL_WORDS = frozenset({"合计", "总计"})
TABLE_AMOUNT = re.compile(r"^-?[0-9]+(\.[0-9]{1,6})?$")  # plain decimals only: no NaN, Infinity or 1e400


def check_sections(path: str, ftype: FilingType, data: Mapping[str, Any], body: Body,
                   at_line: int) -> Iterator[Problem]:
    for dup in body.duplicates:
        yield error(path, dup.line, 1, "E314", f"章节「{dup.title}」重复出现：合并为一节")
    for spec in ftype.sections:
        if not spec.applies(data):
            continue
        found = body.sections.get(spec.title)
        if found is None:
            yield _missing(path, spec, at_line)
            continue
        yield from _content(path, spec, found)
        for sub in spec.subsections:
            if not sub.applies(data):
                continue
            got = found.subsections.get(sub.title)
            if got is None:
                yield error(path, found.line, 1, "E305",
                            f"「{spec.title}」缺少小节「### {sub.title}」"
                            f"{f'（{sub.when.describe()}必须有）' if sub.when else ''}：{sub.help}", sub.article)
            else:
                yield from _content(path, sub, got)
    yield from _placeholders(path, body)


def _missing(path: str, spec: Section, line: int) -> Problem:
    condition = f"（{spec.when.describe()}必须有）" if spec.when else ""
    subs = "，含小节 " + "、".join(f"### {s.title}" for s in spec.subsections) if spec.subsections else ""
    return error(path, line, 1, "E301", f"缺少章节「## {spec.title}」{condition}：{spec.help}{subs}", spec.article)


def _content(path: str, spec: Section, found: BodySection) -> Iterator[Problem]:
    text = found.text.strip()
    if spec.subsections and found.subsections:
        return  # a section may hold only its ### parts; they are checked one by one
    if not text:
        yield error(path, found.line, 1, "E302", f"章节「{spec.title}」是空的：{spec.help}", spec.article)
    elif text in EMPTY_WORDS:
        yield error(path, found.line, 1, "E303",
                    f"章节「{spec.title}」只写了“{text}”：此节为必填，请写明{spec.help}", spec.article)


def _placeholders(path: str, body: Body) -> Iterator[Problem]:
    everything = list(body.sections.values())
    everything += [sub for s in body.sections.values() for sub in s.subsections.values()]
    for sec in everything:
        own = sec.own_text if sec.level == 2 else sec.text
        if PLACEHOLDER in own:
            yield error(path, sec.line, 1, "E304",
                        f"章节「{sec.title}」仍是模板占位文字“{PLACEHOLDER}…】”：请替换为实际内容；不适用的章节请整节删除")


def check_markup(path: str, body: Body, folder: str, files: AbstractSet[str]) -> Iterator[Problem]:
    for line in sorted(set(body.html)):
        yield error(path, line, 1, "E306", "正文含有 HTML 标签：请只用 Markdown（表格、列表、链接），不要写 <…> 标签")
    for line, escaped in body.characters:
        yield error(path, line, 1, "E108", f"正文用 HTML 实体写了{describe(escaped)}：请删除它")
    for link in body.links:
        yield from _link(path, link.line, link.href, link.image, folder, files)


def _link(path: str, line: int, href: str, image: bool, folder: str, files: AbstractSet[str]) -> Iterator[Problem]:
    target = unquote(href).strip()
    scheme = urlsplit(target).scheme.lower()
    if scheme == "javascript" or target.lower().startswith("javascript:"):
        yield error(path, line, 1, "E307", "链接使用了 javascript:，不允许：请链接到附件或网页地址")
        return
    if scheme in ("http", "https"):
        if image:
            yield error(path, line, 1, "E315",
                        "图片引用了外部网址：内网无法访问，请把图片放进本项目的「附件」文件夹并用相对路径引用")
        return
    if scheme == "mailto" or target.startswith("#"):
        return
    if scheme:
        yield error(path, line, 1, "E307", f"不支持的链接类型“{scheme}:”：只能链接附件（相对路径）或 http/https 网址")
        return
    yield from _attachment(path, line, target.split("#", 1)[0], folder, files)


def _attachment(path: str, line: int, target: str, folder: str, files: AbstractSet[str]) -> Iterator[Problem]:
    base = posixpath.dirname(path)
    resolved = posixpath.normpath(posixpath.join(base, target))
    if target.startswith("/") or not (resolved + "/").startswith(folder.rstrip("/") + "/"):
        yield error(path, line, 1, "E309", f"链接“{target}”指向本项目文件夹之外：附件须放在本项目的「附件」文件夹中")
        return
    ext = posixpath.splitext(resolved)[1].lower().lstrip(".")
    if ext != "md" and ext not in ATTACHMENT_TYPES:
        yield error(path, line, 1, "E310",
                    f"附件“{target}”的类型 .{ext or '（无扩展名）'} 不允许：允许 {'、'.join(ATTACHMENT_TYPES)}")
        return
    if resolved not in files:
        yield error(path, line, 1, "E308", f"链接的附件“{target}”不存在：检查文件名和路径（区分大小写），或把文件放进「附件」文件夹")


def budget_rows(body: Body) -> tuple[Table | None, BodySection | None]:
    plan = body.sections.get(BUDGET_SECTION[0])
    sec = plan.subsections.get(BUDGET_SECTION[1]) if plan else None
    if sec is None or not sec.tables:
        return None, sec
    return sec.tables[0], sec


def check_budget(path: str, body: Body, total: Decimal | None) -> Iterator[Problem]:
    table, sec = budget_rows(body)
    if sec is None:
        return
    if table is None:
        yield error(path, sec.line, 1, "E311", f"「项目概算表」应为表格，含「{AMOUNT_COLUMN}」列", "第七条")
        return
    headers = [h.translate(str.maketrans("()", "（）")).replace(" ", "") for h in table.header]
    if AMOUNT_COLUMN not in headers:
        yield error(path, table.line, 1, "E311",
                    f"「项目概算表」缺少「{AMOUNT_COLUMN}」列：表头现为 {' | '.join(table.header)}", "第七条")
        return
    col = headers.index(AMOUNT_COLUMN)
    items, stated, bad = Decimal(0), None, False
    for line, cells in table.rows:
        raw = cells[col] if col < len(cells) else ""
        if PLACEHOLDER in raw:
            bad = True  # reported once for the whole section as E304
            continue
        try:
            plain = raw.replace(",", "")
            value = Decimal(plain) if TABLE_AMOUNT.match(plain) else Decimal("x")
            if abs(value) >= MAX_AMOUNT:
                raise InvalidOperation
        except InvalidOperation:
            fixed = raw.translate(FULLWIDTH).replace("万元", "").replace("万", "").strip()
            fixed = fixed if re.fullmatch(r"\d+(\.\d+)?", fixed) else "20"
            yield error(path, line, 1, "E312",
                        f"项目概算表此行金额“{raw}”不是数字：只写半角数字（万元），例如 {fixed or '12.5'}", "第七条")
            bad = True
            continue
        if TOTAL_WORDS & {c.strip() for c in cells}:
            stated = (line, value)
        else:
            items += value
    if bad or total is None:
        return
    if stated and stated[1] != items:
        yield error(path, stated[0], 1, "E313", f"项目概算表的合计行为 {stated[1]}，但各项相加为 {items}", "第七条")
    if items != total:
        yield error(path, table.line, 1, "E313",
                    f"项目概算表各项相加为 {_fmt(items)} 万元，与申报总投资 {_fmt(total)} 万元不一致：请核对金额", "第七条")


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")
