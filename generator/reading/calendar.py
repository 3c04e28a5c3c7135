"""filings/calendar.yml: the State Council's holiday schedules, year by year.

Every defect becomes an E7xx Limit (the repository makes it an error); a year
entry with any defect is dropped, so that year falls back to chinesecalendar
(or stays unknown) in the engine's Calendar instead of being computed from a
wrong schedule.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import yaml

from . import chars
from .limits import Limit

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_REST, _WORK, _SOURCE = "休息日", "调休工作日", "来源"
_KEYS = (_SOURCE, _REST, _WORK)


@dataclass(frozen=True)
class YearSchedule:
    """One year from calendar.yml, as published in the State Council notice."""

    rest_days: frozenset[date]        # weekdays that are days off
    extra_workdays: frozenset[date]   # weekend days that are working days
    source: str | None = None


@dataclass(frozen=True)
class CalendarFile:
    """calendar.yml as read: the years without defects, and where the file lives."""

    overrides: Mapping[int, YearSchedule] = field(default_factory=dict)
    rel_path: str = "filings/calendar.yml"


def read_calendar(data: bytes | None, rel_path: str = "filings/calendar.yml") -> tuple[CalendarFile, list[Limit]]:
    """calendar.yml's bytes read (None: there is no such file, so no overrides)."""
    if data is None:
        return CalendarFile(rel_path=rel_path), []
    overrides, problems = _Reader().read(data)
    return CalendarFile(overrides, rel_path), problems


class _Reader:
    """Reads calendar.yml into YearSchedules; every defect becomes an E7xx Limit."""

    def __init__(self) -> None:
        self.problems: list[Limit] = []

    def read(self, data: bytes) -> tuple[dict[int, YearSchedule], list[Limit]]:
        root = self._compose(data)
        overrides: dict[int, YearSchedule] = {}
        if root is None:
            return overrides, self.problems
        if not isinstance(root, yaml.MappingNode):
            self._err(root, "E702", "顶层必须是以年份为键的映射，例如 “2027:” 下写 休息日 和 调休工作日")
            return overrides, self.problems
        years: set[int] = set()
        twice: set[int] = set()
        for key, value in root.value:
            year = self._year(key, years, twice)
            schedule = self._entry(year, key, value) if year is not None else None
            if year is not None and schedule is not None:
                overrides[year] = schedule
        return {y: s for y, s in overrides.items() if y not in twice}, self.problems

    def _compose(self, data: bytes) -> yaml.Node | None:
        line: int | None
        try:
            return yaml.compose(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            self.problems.append(Limit(line, 1, "文件不是 UTF-8 编码，请以 UTF-8 保存", "E701"))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
            self.problems.append(Limit(line, col or 0, "YAML 语法错误，无法解析：请检查此处的缩进、冒号、括号和引号", "E701"))
        except yaml.YAMLError:
            self.problems.append(Limit(None, 0, "无法读取此文件，请确认它是 UTF-8 编码的 YAML 文件", "E701"))
        return None

    def _year(self, key: yaml.Node, seen: set[int], twice: set[int]) -> int | None:
        if not (isinstance(key, yaml.ScalarNode) and re.fullmatch(r"\d{4}", key.value)):
            self._err(key, "E703", f"键 “{_text(key)}” 不是年份：请写四位数字的年份，例如 2027")
            return None
        year = int(key.value)
        if year in seen:
            twice.add(year)
            self._err(key, "E704", f"{year} 年出现了不止一次：请把同一年的日期合并到一个条目中")
            return None
        seen.add(year)
        return year

    def _entry(self, year: int, key: yaml.Node, value: yaml.Node) -> YearSchedule | None:
        if not isinstance(value, yaml.MappingNode):
            self._err(value, "E702", f"{year} 年的条目必须是映射，包含 休息日 和 调休工作日（来源 可选）")
            return None
        before = len(self.problems)
        lists: dict[str, list[date]] = {}
        source: str | None = None
        names: set[str] = set()
        for k, v in value.value:
            name = _text(k)
            if name not in _KEYS:
                self._err(k, "E705", f"未知的键 “{name}”：只允许 {'、'.join(_KEYS)}")
            elif name in names:
                self._err(k, "E704", f"{year} 年的条目中 {name} 出现了不止一次：请合并为一个")
            elif name == _SOURCE:
                bad = chars.first_forbidden(v.value) if isinstance(v, yaml.ScalarNode) else None
                if bad is not None:  # the source is shown on both sites: no hidden or reordering characters
                    self._err(v, "E707", f"来源 含有{chars.describe(bad[1])}：请删除这个不可见的字符后重新保存")
                elif isinstance(v, yaml.ScalarNode) and v.tag == "tag:yaml.org,2002:str":
                    source = v.value
                else:
                    self._err(v, "E707", "来源 必须是文字，例如 国务院办公厅关于2027年部分节假日安排的通知")
            else:
                lists[name] = self._dates(year, name, v)
            names.add(name)
        for name in (_REST, _WORK):
            if name not in lists:
                self._err(key, "E706", f"{year} 年的条目缺少 {name}：请按国务院办公厅通知填写，没有则写 []")
        if len(self.problems) > before:
            return None
        return YearSchedule(frozenset(lists[_REST]), frozenset(lists[_WORK]), source)

    def _dates(self, year: int, name: str, node: yaml.Node) -> list[date]:
        if not isinstance(node, yaml.SequenceNode):
            self._err(node, "E707", f"{name} 必须是日期列表，例如 [{year}-10-08]；没有则写 []")
            return []
        days: list[date] = []
        for item in node.value:
            d = _iso(item)
            if d is None:
                self._err(item, "E708", f"“{_text(item)}” 不是有效日期：请写成 YYYY-MM-DD，例如 {year}-10-08")
            elif d.year != year:
                self._err(item, "E709", f"{d.isoformat()} 不在 {year} 年：请移到 {d.year} 年的条目下")
            elif name == _REST and d.weekday() >= 5:
                self._err(item, "E710", f"{d.isoformat()} 是周末，本来就休息：休息日 只列放假的周一至周五")
            elif name == _WORK and d.weekday() < 5:
                self._err(item, "E711", f"{d.isoformat()} 是周一至周五，本来就上班：调休工作日 只列上班的周六、周日")
            elif d in days:
                self._err(item, "E712", f"{d.isoformat()} 在 {name} 中重复出现：每个日期只列一次")
            else:
                days.append(d)
        return days

    def _err(self, node: yaml.Node, code: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Limit(mark.line + 1, mark.column + 1, message, code))


def _text(node: yaml.Node) -> str:
    return chars.escape(node.value) if isinstance(node, yaml.ScalarNode) else "（非文字）"


def _iso(node: yaml.Node) -> date | None:
    if not (isinstance(node, yaml.ScalarNode) and _ISO.fullmatch(node.value)):
        return None
    try:
        return date(int(node.value[:4]), int(node.value[5:7]), int(node.value[8:]))
    except ValueError:
        return None
