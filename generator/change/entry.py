"""Entry dates (入库日期) and the paper-archive import batches: pure, given git's dates.

A filing's 入库日期 is the day it first entered the main branch (first-parent history).
A filing added by a change whose 填报日期 lies more than 3 working days before the day of
the check gets F320; a district moving its paper archive in registers the import once in
`filings/导入批次.yml`, and the reviewer gets one F321 line per batch instead.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import yaml

from ..engine.calendar import Calendar, UnknownSchedule
from ..engine.rules import rule
from ..model import Filing
from ..problems import Problem, error

IMPORTS = "filings/导入批次.yml"
LAG_WORKDAYS = 3
ARTICLE = "第三十二条"
_EXAMPLE = "- {批次: 2026年纸质档案第一批, 登记日期: 2026-11-20, 范围: [\"2019-*\", 2020-SHSY-01]}"


@dataclass(frozen=True)
class ImportBatch:
    name: str  # 批次
    day: dt.date  # 登记日期
    scope: tuple[str, ...]  # 范围: project folders, * allowed
    line: int

    def covers(self, filing: Filing) -> bool:
        filed = filing.get("填报日期")
        in_scope = any(fnmatch.fnmatchcase(filing.folder, pattern) for pattern in self.scope)
        return in_scope and (not isinstance(filed, dt.date) or filed <= self.day)


def read_batches(raw: bytes | None) -> tuple[list[ImportBatch], list[Problem]]:
    if raw is None:
        return [], []
    try:
        node = yaml.compose(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [_bad(mark.line + 1 if mark else None, "无法读取（须为 UTF-8 编码的 YAML 列表）")]
    if node is None:
        return [], []
    if not isinstance(node, yaml.SequenceNode):
        return [], [_bad(node.start_mark.line + 1, "顶层应为列表，每个导入批次一项")]
    batches, problems = [], []
    for item in node.value:
        got = _batch(item)
        if isinstance(got, Problem):
            problems.append(got)
        else:
            batches.append(got)
    return batches, problems


def _batch(item: yaml.Node) -> ImportBatch | Problem:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        return _bad(line, "每个导入批次应为“键: 值”")
    data = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
    unknown = set(data) - {"批次", "登记日期", "范围", "说明"}
    if unknown:
        return _bad(line, f"未知的键 {'、'.join(sorted(unknown))}（只允许 批次、登记日期、范围、说明）")
    name, day, scope = data.get("批次"), data.get("登记日期"), data.get("范围")
    if not isinstance(name, yaml.ScalarNode) or not str(name.value).strip():
        return _bad(line, "缺少「批次」（批次名称）")
    try:
        parsed = dt.date.fromisoformat(str(day.value)) if isinstance(day, yaml.ScalarNode) else None
    except ValueError:
        parsed = None
    if parsed is None:
        return _bad(line, "「登记日期」应为 YYYY-MM-DD 格式的日期")
    if not isinstance(scope, yaml.SequenceNode) or not scope.value or \
            not all(isinstance(s, yaml.ScalarNode) for s in scope.value):
        return _bad(line, "「范围」应为项目文件夹名的列表（可用 * 通配，如 \"2019-*\"）")
    return ImportBatch(str(name.value).strip(), parsed, tuple(str(s.value) for s in scope.value), line)


def _bad(line: int | None, what: str) -> Problem:
    return error(IMPORTS, line, 1 if line else None, "E510",
                 f"纸质档案导入登记{what}：格式示例 {_EXAMPLE}", ARTICLE)


def late(filed: object, day: dt.date, calendar: Calendar) -> bool | None:
    """Whether `day` is more than 3 working days after `filed`; None when it cannot be computed."""
    if not isinstance(filed, dt.date):
        return None
    try:
        return day > calendar.add_workdays(filed, LAG_WORKDAYS)
    except UnknownSchedule:
        return None


def late_entries(added: Iterable[Filing], as_of: dt.date, calendar: Calendar,
                 batches: list[ImportBatch]) -> Iterator[Problem]:
    """F320 for each filing the change adds late, or one F321 per new import batch covering them."""
    counted: dict[str, int] = {}
    for filing in sorted(added, key=lambda f: f.path):
        batch = next((b for b in batches if b.covers(filing)), None)
        if batch is not None:
            counted[batch.name] = counted.get(batch.name, 0) + 1
        elif late(filing.get("填报日期"), as_of, calendar):
            filed = filing.get("填报日期")
            yield rule("F320").finding(
                filing.path, filing.line("填报日期"), filing.column("填报日期"),
                f"本次新增的备案填报日期为 {filed}，比今天（{as_of}）早 {LAG_WORKDAYS} 个工作日以上：备案记录的日期与"
                f"提交入库的日期不一致，请审核人员核实是迟交还是倒填日期（{ARTICLE}）；成批录入纸质档案的，"
                f"请在 {IMPORTS} 中登记导入批次")
    for batch in batches:
        if counted.get(batch.name):
            yield rule("F321").finding(
                IMPORTS, batch.line, 1,
                f"本次按导入批次“{batch.name}”（登记日期 {batch.day}）录入 {counted[batch.name]} 份纸质档案备案："
                f"这些备案的填报日期早于入库日期属正常，不逐份提示（{ARTICLE}）")


@dataclass(frozen=True)
class EntryLag:
    """A filing that entered the main branch more than 3 working days after its 填报日期 (入库滞后)."""

    filing: Filing
    filed: dt.date
    entered: dt.date


def entry_lags(filings: Iterable[Filing], entered: dict[str, dt.date], calendar: Calendar,
               batches: list[ImportBatch]) -> list[EntryLag]:
    found = []
    for f in filings:
        day, filed = entered.get(f.path), f.get("填报日期")
        if day is None or not isinstance(filed, dt.date) or any(b.covers(f) for b in batches):
            continue
        if late(filed, day, calendar):
            found.append(EntryLag(f, filed, day))
    return sorted(found, key=lambda lag: (lag.entered, lag.filing.path))
