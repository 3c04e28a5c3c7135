"""Front-matter checks: keys, types, enumerations and keys that depend on other keys."""
from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..problems import Problem, error
from ..reading.frontmatter import UNREADABLE, Entry, Pos, item_entries, node_pos, sequence_items
from ..schema.base import Field, Kind
from .values import check_number_form, check_value

# Dates that describe a plan and may lie in the future; every other date records a fact.
FUTURE_OK = frozenset({"计划完成日期", "申请延期至", "整改期限", "调整后完成日期"})


@dataclass
class Checked:
    data: dict[str, Any]
    marks: dict[str, Pos]


def code_for(field: Field, value: Any) -> str:
    if field.kind is Kind.AMOUNT and isinstance(value, str):
        return "E205"
    if field.kind is Kind.DATE and isinstance(value, str):
        return "E206"
    if field.kind in (Kind.ENUM, Kind.ENUM_LIST, Kind.ENUM_OR_LIST, Kind.FILING_TYPE):
        return "E204"
    return "E203"


def check_entries(path: str, entries: Mapping[str, Entry], fields: tuple[Field, ...], *,
                  as_of: dt.date, missing_at: Pos, what: str = "") -> Iterator[Problem | Checked]:
    """Yield problems, then one Checked with the typed values that passed."""
    by_key = {f.key: f for f in fields}
    data: dict[str, Any] = {}
    marks: dict[str, Pos] = {}
    for key, entry in entries.items():
        marks[key] = entry.key_pos
        field = by_key.get(key)
        if entry.value is UNREADABLE:
            continue
        if field is None:
            yield _unknown(path, entry, by_key, what)
            continue
        if entry.value is None or entry.value == "":
            if field.is_required({k: e.value for k, e in entries.items()}):
                yield error(path, entry.key_pos.line, entry.key_pos.column, "E202",
                            f"{what}「{key}」还没有填写：{field.help}", field.article)
            continue
        form = check_number_form(field, entry.node)
        if form:
            yield error(path, entry.key_pos.line, entry.key_pos.column, "E209", form, field.article)
            continue
        value, message = check_value(field, entry.value, entry.node)
        if message:
            yield error(path, entry.key_pos.line, entry.key_pos.column, code_for(field, entry.value), message,
                        field.article)
            continue
        if field.kind is Kind.DATE and key not in FUTURE_OK and value > as_of:
            yield error(path, entry.key_pos.line, entry.key_pos.column, "E207",
                        f"「{key}」为 {value}，晚于今天（{as_of}）：记录的是已发生的事实，日期不能在将来", field.article)
            continue
        data[key] = value
    raw = {k: e.value for k, e in entries.items()}
    for field in fields:
        if field.key in entries:
            if entries[field.key].value in (None, ""):
                continue
            if field.only_when and not field.only_when.holds(raw):
                pos = entries[field.key].key_pos
                code, message = field.only_when_error or (
                    "E208", f"「{field.key}」只在{field.only_when.describe()}填写，请删去")
                yield error(path, pos.line, pos.column, code, message, field.article)
            continue
        if field.is_required(raw):
            condition = f"（{field.when.describe()}必填）" if field.when else ""
            yield error(path, missing_at.line, missing_at.column, "E202",
                        f"{what}缺少必填键「{field.key}」{condition}：{field.help}", field.article)
    yield Checked(data, marks)


def _unknown(path: str, entry: Entry, by_key: Mapping[str, Field], what: str) -> Problem:
    close = difflib.get_close_matches(entry.key, list(by_key), n=1, cutoff=0.5)
    hint = f"是否想写「{close[0]}」？" if close else f"允许的键：{'、'.join(by_key)}"
    return error(path, entry.key_pos.line, entry.key_pos.column, "E201", f"{what}未知的键「{entry.key}」：{hint}")


def check_resources(path: str, entry: Entry, fields: tuple[Field, ...], as_of: dt.date, key: str = "信息资源"
                    ) -> Iterator[Problem | tuple[dict[str, Any], dict[str, Pos], int]]:
    """Each item of 信息资源 (or 计划信息资源) is checked like a small front matter of its own."""
    items = sequence_items(entry.node)
    if not items:
        yield error(path, entry.key_pos.line, entry.key_pos.column, "E203",
                    f"「{key}」应为列表，每项以“- 名称: …”开头，至少一项", "第二十四条")
        return
    for number, node in enumerate(items, start=1):
        label = f"第 {number} 项信息资源" if key == "信息资源" else f"「{key}」第 {number} 项"
        pos = node_pos(node)
        entries, problems = item_entries(node)
        for p in problems:
            yield error(path, p.pos.line, p.pos.column, p.code, p.message)
        if not entries:
            text = str(getattr(node, "value", ""))
            message = (f"{label}用了中文全角冒号“：”，请改为英文冒号加空格" if "：" in text
                       else f"{label}应为“键: 值”的列表")
            yield error(path, pos.line, pos.column, "E105" if "：" in text else "E203", message,
                        None if "：" in text else "第二十四条")
            continue
        checked = None
        for got in check_entries(path, entries, fields, as_of=as_of, missing_at=pos,
                                 what=label):
            if isinstance(got, Checked):
                checked = got
            else:
                yield got
        if checked is not None:
            yield checked.data, checked.marks, pos.line
