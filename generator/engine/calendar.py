"""Working days (工作日) and month periods (民法典 第二百零一至二百零三条).

The schedule of a year comes from `filings/calendar.yml` when it has an entry
for that year (the entry replaces the library for the whole year), otherwise
from chinesecalendar. A year known to neither raises UnknownSchedule: a
deadline that depends on it is "cannot be computed", never guessed (spec §6).
"""
from __future__ import annotations

import calendar as _stdcal
import functools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import chinese_calendar
import yaml

from generator.problems import Problem, error

# chinesecalendar accepts exactly the years from its first to its last holiday
# and raises NotImplementedError outside them (1.11.0: 2004-2026).
_LIB_FIRST = min(chinese_calendar.holidays).year
_LIB_LAST: int = max(chinese_calendar.holidays).year
_LIB_YEARS = frozenset(range(_LIB_FIRST, _LIB_LAST + 1))
# chinese_calendar validates every date it is asked about; a district asks about the same few
# thousand days again and again (one lookup per day of every working-day count).
_lib_workday = functools.lru_cache(maxsize=None)(chinese_calendar.is_workday)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_REST, _WORK, _SOURCE = "休息日", "调休工作日", "来源"
_KEYS = (_SOURCE, _REST, _WORK)


class UnknownSchedule(Exception):
    """No holiday schedule is known for `year`; `reason` is the user-facing text."""

    def __init__(self, year: int, reason: str) -> None:
        super().__init__(reason)
        self.year = year
        self.reason = reason


@dataclass(frozen=True)
class YearSchedule:
    """One year from calendar.yml, as published in the State Council notice."""

    rest_days: frozenset[date]        # weekdays that are days off
    extra_workdays: frozenset[date]   # weekend days that are working days
    source: str | None = None


@dataclass(frozen=True)
class Calendar:
    overrides: Mapping[int, YearSchedule] = field(default_factory=lambda: MappingProxyType({}))
    rel_path: str = "filings/calendar.yml"

    @classmethod
    def load(cls, path: Path | None,
             rel_path: str = "filings/calendar.yml") -> tuple[Calendar, list[Problem]]:
        if path is None or not path.exists():
            return cls(rel_path=rel_path), []
        overrides, problems = _Reader(rel_path).read(path)
        return cls(MappingProxyType(overrides), rel_path), problems

    @property
    def known_years(self) -> frozenset[int]:
        return _LIB_YEARS | frozenset(self.overrides)

    def knows(self, year: int) -> bool:
        return year in self.overrides or year in _LIB_YEARS

    def last_known_year(self) -> int:
        """The end of the unbroken run of known years that starts with the library's."""
        year = _LIB_LAST
        while self.knows(year + 1):
            year += 1
        return year

    def is_workday(self, d: date) -> bool:
        schedule = self.overrides.get(d.year)
        if schedule is not None:
            if d in schedule.rest_days:
                return False
            return d in schedule.extra_workdays or d.weekday() < 5
        if d.year in _LIB_YEARS:
            return bool(_lib_workday(d))
        raise UnknownSchedule(d.year, self._unknown_reason(d.year))

    def add_workdays(self, d: date, n: int) -> date:
        """The n-th working day after d (d itself is not counted); n < 0 counts back."""
        step = timedelta(days=1 if n >= 0 else -1)
        left = abs(n)
        while left:
            d += step
            if self.is_workday(d):
                left -= 1
        return d

    def add_months(self, d: date, n: int) -> date:
        """民法典 第二百零三条: a last day that is a rest day moves to the next working day."""
        end = add_months_plain(d, n)
        while not self.is_workday(end):
            end += timedelta(days=1)
        return end

    def add_months_plain(self, d: date, n: int) -> date:
        return add_months_plain(d, n)

    def schedule_warning(self, as_of: date) -> str | None:
        last = self.last_known_year()
        if as_of < date(last, 11, 1):
            return None
        year = last + 1
        return (
            f"{year} 年的节假日安排尚未知晓（chinesecalendar 只覆盖 {_LIB_FIRST}–{_LIB_LAST} 年，"
            f"{self.rel_path} 也没有 {year} 年的条目），落在 {year} 年的工作日期限暂时无法计算。"
            f"国务院办公厅关于{year}年部分节假日安排的通知发布后，请按通知在 {self.rel_path} 中补充"
            f"“{year}: {{来源: …, 休息日: [{year}-MM-DD, …], 调休工作日: [{year}-MM-DD, …]}}”"
            f"（格式见该文件开头的说明），切勿自行推测"
        )

    def _unknown_reason(self, year: int) -> str:
        return (f"{year} 年的节假日安排未知：chinesecalendar 只覆盖 {_LIB_FIRST}–{_LIB_LAST} 年，"
                f"{self.rel_path} 也没有 {year} 年的条目；国务院办公厅发布{year}年部分节假日安排的"
                f"通知后，请在 {self.rel_path} 中补充")


def add_months_plain(d: date, n: int) -> date:
    """The day of the month n months on that corresponds to d, or that month's last day."""
    index = d.year * 12 + d.month - 1 + n
    year, month = divmod(index, 12)
    last = _stdcal.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


class _Reader:
    """Reads calendar.yml into YearSchedules; every defect becomes an E7xx error.

    A year entry with any defect is dropped, so that year falls back to the
    library (or stays unknown) instead of being computed from a wrong schedule.
    """

    def __init__(self, rel_path: str) -> None:
        self.rel_path = rel_path
        self.problems: list[Problem] = []

    def read(self, path: Path) -> tuple[dict[int, YearSchedule], list[Problem]]:
        root = self._compose(path)
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

    def _compose(self, path: Path) -> yaml.Node | None:
        line: int | None
        try:
            data = path.read_bytes()
            return yaml.compose(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            self.problems.append(error(self.rel_path, line, 1, "E701", "文件不是 UTF-8 编码，请以 UTF-8 保存"))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
            self.problems.append(error(self.rel_path, line, col, "E701",
                                       "YAML 语法错误，无法解析：请检查此处的缩进、冒号、括号和引号"))
        except (yaml.YAMLError, OSError):
            self.problems.append(error(self.rel_path, None, None, "E701", "无法读取此文件，请确认它是 UTF-8 编码的 YAML 文件"))
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
                if isinstance(v, yaml.ScalarNode) and v.tag == "tag:yaml.org,2002:str":
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
        self.problems.append(error(self.rel_path, mark.line + 1, mark.column + 1, code, message))


def _text(node: yaml.Node) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) else "（非文字）"


def _iso(node: yaml.Node) -> date | None:
    if not (isinstance(node, yaml.ScalarNode) and _ISO.fullmatch(node.value)):
        return None
    try:
        return date(int(node.value[:4]), int(node.value[5:7]), int(node.value[8:]))
    except ValueError:
        return None
