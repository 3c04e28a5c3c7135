"""Working days (工作日) and month periods (民法典 第二百零一至二百零三条).

The schedule of a year comes from `filings/calendar.yml` (read by
generator/reading/calendar.py) when it has an entry for that year (the entry
replaces the library for the whole year), otherwise from chinesecalendar. A year known to neither raises UnknownSchedule: a
deadline that depends on it is "cannot be computed", never guessed (spec §6).
"""
from __future__ import annotations

import calendar as _stdcal
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

import chinese_calendar

from ..reading.calendar import CalendarFile, YearSchedule

# chinesecalendar accepts exactly the years from its first to its last holiday
# and raises NotImplementedError outside them (1.11.0: 2004-2026).
_LIB_FIRST = min(chinese_calendar.holidays).year
_LIB_LAST: int = max(chinese_calendar.holidays).year
_LIB_YEARS = frozenset(range(_LIB_FIRST, _LIB_LAST + 1))
# chinese_calendar validates every date it is asked about; a district asks about the same few
# thousand days again and again (one lookup per day of every working-day count).
_lib_workday = functools.lru_cache(maxsize=None)(chinese_calendar.is_workday)


class UnknownSchedule(Exception):
    """No holiday schedule is known for `year`; `reason` is the user-facing text."""

    def __init__(self, year: int, reason: str) -> None:
        super().__init__(reason)
        self.year = year
        self.reason = reason


@dataclass(frozen=True)
class Calendar:
    overrides: Mapping[int, YearSchedule] = field(default_factory=lambda: MappingProxyType({}))
    rel_path: str = "filings/calendar.yml"

    @classmethod
    def of(cls, file: CalendarFile) -> Calendar:
        """The calendar that calendar.yml, as read, describes."""
        return cls(MappingProxyType(dict(file.overrides)), file.rel_path)

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
