"""Working-day calendar: every expected date below was worked out by hand from
the State Council notices and cross-checked against chinesecalendar 1.11.0."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import repository
from generator.engine.calendar import Calendar, UnknownSchedule
from generator.problems import Problem

D = date.fromisoformat
CAL = Calendar()

# A made-up 2027 entry for the tests only (not the real 2027 schedule):
# 2027-02-08 Mon and 02-09 Tue off, Saturday 2027-02-20 worked.
ENTRY_2027 = """\
2027:
  来源: 测试用条目（并非真实的 2027 年安排）
  休息日: [2027-02-08, 2027-02-09]
  调休工作日: [2027-02-20]
"""


def load_calendar(path: Path | None, rel_path: str = "filings/calendar.yml") -> tuple[Calendar, list[Problem]]:
    """calendar.yml read as the repository reads it, and the Calendar the engine makes of it."""
    file, problems = repository.load_calendar(path, rel_path)
    return Calendar.of(file), problems


def load(tmp_path: Path, text: str | bytes) -> tuple[Calendar, list[str]]:
    path = tmp_path / "calendar.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    calendar, problems = load_calendar(path)
    return calendar, [p.text() for p in problems]


# --- what chinesecalendar covers -------------------------------------------

def test_library_covers_2004_to_2026() -> None:
    assert CAL.known_years == frozenset(range(2004, 2027))
    assert CAL.last_known_year() == 2026
    assert CAL.knows(2004) and CAL.knows(2026)
    assert not CAL.knows(2003) and not CAL.knows(2027)


@pytest.mark.parametrize("day", ["2003-12-31", "2027-01-04", "2030-06-03"])
def test_unknown_year_raises_with_reason(day: str) -> None:
    year = D(day).year
    with pytest.raises(UnknownSchedule) as info:
        CAL.is_workday(D(day))
    assert info.value.year == year
    assert f"{year} 年的节假日安排未知" in info.value.reason
    assert "filings/calendar.yml 也没有" in info.value.reason
    assert "chinesecalendar 只覆盖 2004–2026 年" in info.value.reason
    assert str(info.value) == info.value.reason


# --- is_workday -------------------------------------------------------------
# 2025 National Day + Mid-Autumn: 10-01 (Wed) .. 10-08 (Wed) off; Sun 09-28 and Sat 10-11 worked.
# 2026 Spring Festival (国办发明电〔2025〕7号, matches chinesecalendar 1.11.0):
# 02-15 (Sun) .. 02-23 (Mon) off; Sat 02-14 and Sat 02-28 worked.

@pytest.mark.parametrize("day, workday", [
    ("2025-09-26", True),   # Fri
    ("2025-09-27", False),  # Sat
    ("2025-09-28", True),   # Sun, 调休
    ("2025-09-30", True),
    *[(f"2025-10-0{i}", False) for i in range(1, 9)],
    ("2025-10-09", True),
    ("2025-10-10", True),
    ("2025-10-11", True),   # Sat, 调休
    ("2025-10-12", False),  # Sun
    ("2026-02-13", True),
    ("2026-02-14", True),   # Sat, 调休
    ("2026-02-15", False),
    ("2026-02-16", False),
    ("2026-02-20", False),
    ("2026-02-23", False),  # Mon, last day of the holiday
    ("2026-02-24", True),
    ("2026-02-28", True),   # Sat, 调休
    ("2026-03-01", False),  # Sun
])
def test_is_workday(day: str, workday: bool) -> None:
    assert CAL.is_workday(D(day)) is workday


# --- add_workdays: the start day is not counted ---------------------------

@pytest.mark.parametrize("start, n, expected", [
    ("2025-09-26", 1, "2025-09-28"),  # Sat off, Sun 调休
    ("2025-09-30", 1, "2025-10-09"),  # over the whole holiday
    ("2025-09-30", 3, "2025-10-11"),  # 10-09, 10-10, Sat 10-11
    ("2025-09-30", 4, "2025-10-13"),  # Sun 10-12 off
    ("2025-09-30", 5, "2025-10-14"),
    ("2025-09-25", 5, "2025-10-09"),  # 09-26, 09-28, 09-29, 09-30, 10-09
    ("2025-10-03", 1, "2025-10-09"),  # start inside the holiday
    ("2025-10-01", 0, "2025-10-01"),
    ("2026-02-12", 5, "2026-02-26"),  # 02-13, 02-14, 02-24, 02-25, 02-26
    ("2026-02-13", 1, "2026-02-14"),
    ("2026-02-14", 1, "2026-02-24"),
    ("2026-02-26", 2, "2026-02-28"),  # 02-27, Sat 02-28
    ("2025-12-31", 1, "2026-01-04"),  # 2026-01-01..03 off, Sun 01-04 worked
    ("2025-12-31", 2, "2026-01-05"),
    ("2026-02-26", -5, "2026-02-12"),
])
def test_add_workdays(start: str, n: int, expected: str) -> None:
    assert CAL.add_workdays(D(start), n) == D(expected)


@pytest.mark.parametrize("signed, filed, late", [
    ("2026-02-12", "2026-02-26", False),  # the last day of 5 工作日 is still on time
    ("2026-02-12", "2026-02-27", True),   # one day late
    ("2026-02-12", "2026-02-13", False),
    ("2025-09-30", "2025-10-14", False),
    ("2025-09-30", "2025-10-15", True),
    ("2025-09-26", "2025-10-09", False),  # 09-28, 09-29, 09-30, 10-09, 10-10
    ("2025-09-26", "2025-10-10", False),
    ("2025-09-26", "2025-10-11", True),
])
def test_five_workday_deadline(signed: str, filed: str, late: bool) -> None:
    due = CAL.add_workdays(D(signed), 5)
    assert (D(filed) > due) is late


def test_add_workdays_into_unknown_year_raises() -> None:
    with pytest.raises(UnknownSchedule) as info:
        CAL.add_workdays(D("2026-12-30"), 5)
    assert info.value.year == 2027


# --- month periods (民法典 第二百零一至二百零三条) -----------------------

@pytest.mark.parametrize("start, n, plain, extended", [
    ("2025-03-31", 3, "2025-06-30", "2025-06-30"),  # no 31st in June: month end (Mon)
    ("2025-03-15", 3, "2025-06-15", "2025-06-16"),  # Sun -> Mon
    ("2025-07-03", 3, "2025-10-03", "2025-10-09"),  # inside National Day holiday
    ("2025-07-01", 3, "2025-10-01", "2025-10-09"),
    ("2025-06-06", 3, "2025-09-06", "2025-09-08"),  # Sat -> Mon
    ("2025-06-28", 3, "2025-09-28", "2025-09-28"),  # Sun, but a 调休 working day
    ("2024-01-31", 1, "2024-02-29", "2024-02-29"),  # leap year, Thu
    ("2025-01-31", 1, "2025-02-28", "2025-02-28"),  # Fri
    ("2023-01-31", 1, "2023-02-28", "2023-02-28"),  # Tue
    ("2026-01-31", 1, "2026-02-28", "2026-02-28"),  # Sat, but a 调休 working day
    ("2025-11-30", 3, "2026-02-28", "2026-02-28"),  # across the year
    ("2025-12-31", 2, "2026-02-28", "2026-02-28"),
    ("2025-11-15", 3, "2026-02-15", "2026-02-24"),  # Spring Festival holiday
    ("2024-02-29", 12, "2025-02-28", "2025-02-28"),
])
def test_add_months(start: str, n: int, plain: str, extended: str) -> None:
    assert CAL.add_months_plain(D(start), n) == D(plain)
    assert CAL.add_months(D(start), n) == D(extended)


@pytest.mark.parametrize("start, n, expected", [
    ("2026-11-15", 3, "2027-02-15"),
    ("2026-12-31", 12, "2027-12-31"),
    ("2025-06-30", 24, "2027-06-30"),
])
def test_add_months_plain_needs_no_schedule(start: str, n: int, expected: str) -> None:
    assert CAL.add_months_plain(D(start), n) == D(expected)
    with pytest.raises(UnknownSchedule):
        CAL.add_months(D(start), n)


# --- calendar.yml -------------------------------------------------------

def test_missing_file_is_no_problem(tmp_path: Path) -> None:
    calendar, problems = load_calendar(tmp_path / "calendar.yml")
    assert problems == [] and calendar.known_years == CAL.known_years
    assert load_calendar(None) == (CAL, [])


@pytest.mark.parametrize("text", ["", "# 暂无\n"])
def test_empty_file_is_no_problem(tmp_path: Path, text: str) -> None:
    calendar, problems = load(tmp_path, text)
    assert problems == [] and not calendar.knows(2027)


@pytest.mark.parametrize("start, n, expected", [
    ("2027-02-05", 1, "2027-02-10"),  # Sat, Sun, then 休息日 02-08 and 02-09
    ("2027-02-05", 3, "2027-02-12"),
    ("2027-02-19", 1, "2027-02-20"),  # 调休工作日 Sat
    ("2027-02-19", 2, "2027-02-22"),
    ("2026-12-31", 1, "2027-01-01"),  # across the year: the entry does not list 01-01
])
def test_entry_makes_year_computable(tmp_path: Path, start: str, n: int, expected: str) -> None:
    calendar, problems = load(tmp_path, ENTRY_2027)
    assert problems == []
    assert calendar.knows(2027) and calendar.last_known_year() == 2027
    assert calendar.add_workdays(D(start), n) == D(expected)
    assert calendar.overrides[2027].source == "测试用条目（并非真实的 2027 年安排）"


def test_entry_month_period(tmp_path: Path) -> None:
    calendar, _ = load(tmp_path, ENTRY_2027)
    assert calendar.add_months(D("2026-11-08"), 3) == D("2027-02-10")  # Mon 02-08 off
    with pytest.raises(UnknownSchedule) as info:
        calendar.add_workdays(D("2027-12-31"), 1)
    assert info.value.year == 2028 and "2028 年" in info.value.reason


def test_entry_overrides_library_for_whole_year(tmp_path: Path) -> None:
    calendar, problems = load(tmp_path, "2026:\n  休息日: [2026-03-02]\n  调休工作日: []\n")
    assert problems == []
    assert calendar.is_workday(D("2026-03-02")) is False
    assert calendar.is_workday(D("2026-02-16")) is True   # library holiday, not in the entry
    assert calendar.is_workday(D("2026-02-14")) is False  # library 调休, not in the entry
    assert calendar.is_workday(D("2025-10-01")) is False  # other years still from the library


P = "filings/calendar.yml"


BAD_CALENDARS: list[tuple[str | bytes, list[str]]] = [
    ("- 2027\n",
     [f"{P}:1:1: E702 顶层必须是以年份为键的映射，例如 “2027:” 下写 休息日 和 调休工作日"]),
    ("2027: [2027-02-08]\n",
     [f"{P}:1:7: E702 2027 年的条目必须是映射，包含 休息日 和 调休工作日（来源 可选）"]),
    ("二〇二七:\n  休息日: []\n  调休工作日: []\n",
     [f"{P}:1:1: E703 键 “二〇二七” 不是年份：请写四位数字的年份，例如 2027"]),
    ("2027:\n  休息日: []\n  调休工作日: []\n2027:\n  休息日: []\n  调休工作日: []\n",
     [f"{P}:4:1: E704 2027 年出现了不止一次：请把同一年的日期合并到一个条目中"]),
    ("2027:\n  休息日: []\n  休息日: []\n  调休工作日: []\n",
     [f"{P}:3:3: E704 2027 年的条目中 休息日 出现了不止一次：请合并为一个"]),
    ("2027:\n  休息日: [2027-02-08]\n  调休工作日: []\n  备注: 春节\n",
     [f"{P}:4:3: E705 未知的键 “备注”：只允许 来源、休息日、调休工作日"]),
    ("2027:\n  休息日: [2027-02-08]\n",
     [f"{P}:1:1: E706 2027 年的条目缺少 调休工作日：请按国务院办公厅通知填写，没有则写 []"]),
    ("2027:\n  休息日: 2027-02-08\n  调休工作日: []\n",
     [f"{P}:2:8: E707 休息日 必须是日期列表，例如 [2027-10-08]；没有则写 []"]),
    ("2027:\n  来源: [通知]\n  休息日: []\n  调休工作日: []\n",
     [f"{P}:2:7: E707 来源 必须是文字，例如 国务院办公厅关于2027年部分节假日安排的通知"]),
    ("2027:\n  来源: 通知\u202e甲\n  休息日: []\n  调休工作日: []\n",  # shown on the sites: no reordering characters
     [f"{P}:2:7: E707 来源 含有双向文字控制符 \\u202e（可使文字显示顺序与实际不同）：请删除这个不可见的字符后重新保存"]),
    ("2027:\n  休息日: []\n  调休工作日: []\n  备注\u202e: 春节\n",
     [f"{P}:4:3: E705 未知的键 “备注\\u202e”：只允许 来源、休息日、调休工作日"]),
    ("2027:\n  休息日: [2027-2-8]\n  调休工作日: []\n",
     [f"{P}:2:9: E708 “2027-2-8” 不是有效日期：请写成 YYYY-MM-DD，例如 2027-10-08"]),
    ("2027:\n  休息日: [2027-02-30]\n  调休工作日: []\n",
     [f"{P}:2:9: E708 “2027-02-30” 不是有效日期：请写成 YYYY-MM-DD，例如 2027-10-08"]),
    ("2027:\n  休息日: [2026-10-08]\n  调休工作日: []\n",
     [f"{P}:2:9: E709 2026-10-08 不在 2027 年：请移到 2026 年的条目下"]),
    ("2027:\n  休息日: [2027-02-08, 2027-02-06]\n  调休工作日: []\n",
     [f"{P}:2:21: E710 2027-02-06 是周末，本来就休息：休息日 只列放假的周一至周五"]),
    ("2027:\n  休息日: []\n  调休工作日:\n    - 2027-02-08\n",
     [f"{P}:4:7: E711 2027-02-08 是周一至周五，本来就上班：调休工作日 只列上班的周六、周日"]),
    ("2027:\n  休息日: [2027-02-08, 2027-02-08]\n  调休工作日: []\n",
     [f"{P}:2:21: E712 2027-02-08 在 休息日 中重复出现：每个日期只列一次"]),
    ("2027:\n  休息日: [2027-02-08\n",
     [f"{P}:3:1: E701 YAML 语法错误，无法解析：请检查此处的缩进、冒号、括号和引号"]),
    ("2027:\n  休息日: []\n---\n2028: {}\n",
     [f"{P}:3:1: E701 YAML 语法错误，无法解析：请检查此处的缩进、冒号、括号和引号"]),
    ("2027:\n  休息日: []\n  调休工作日: []\n".encode() + "  来源: 通知\n".encode("gbk"),
     [f"{P}:4:1: E701 文件不是 UTF-8 编码，请以 UTF-8 保存"]),
]


@pytest.mark.parametrize("text, expected", BAD_CALENDARS)
def test_bad_calendar_file(tmp_path: Path, text: str | bytes, expected: list[str]) -> None:
    calendar, problems = load(tmp_path, text)
    assert problems == expected
    assert not calendar.knows(2027)  # a defective entry is never used


def test_every_defect_is_reported_and_good_entries_kept(tmp_path: Path) -> None:
    text = ENTRY_2027 + (
        "2028:\n"
        "  休息日: [2028-01-01, 2027-12-31]\n"   # Sat 01-01; a 2027 date
        "  调休工作日: [2028-01-03]\n"           # Mon
        "  说明: x\n"
    )
    calendar, problems = load(tmp_path, text)
    assert problems == [
        f"{P}:6:9: E710 2028-01-01 是周末，本来就休息：休息日 只列放假的周一至周五",
        f"{P}:6:21: E709 2027-12-31 不在 2028 年：请移到 2027 年的条目下",
        f"{P}:7:11: E711 2028-01-03 是周一至周五，本来就上班：调休工作日 只列上班的周六、周日",
        f"{P}:8:3: E705 未知的键 “说明”：只允许 来源、休息日、调休工作日",
    ]
    assert calendar.knows(2027) and not calendar.knows(2028)


def test_load_problems_are_errors_without_article(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yml"
    path.write_text("- 2027\n", encoding="utf-8")
    _, problems = load_calendar(path, "repo/filings/calendar.yml")
    assert [(p.kind, p.article, p.path) for p in problems] == [("error", None, "repo/filings/calendar.yml")]


def test_unreadable_path_never_raises(tmp_path: Path) -> None:
    (tmp_path / "calendar.yml").mkdir()
    _, problems = load_calendar(tmp_path / "calendar.yml")
    assert [p.text() for p in problems] == [f"{P}: E701 无法读取此文件，请确认它是 UTF-8 编码的 YAML 文件"]


# --- schedule_warning -----------------------------------------------------

@pytest.mark.parametrize("as_of, warns", [
    ("2026-10-31", False),
    ("2026-11-01", True),
    ("2026-11-29", True),
    ("2027-03-01", True),
])
def test_schedule_warning(as_of: str, warns: bool) -> None:
    warning = CAL.schedule_warning(D(as_of))
    if not warns:
        assert warning is None
        return
    assert warning is not None
    assert "2027 年的节假日安排尚未知晓" in warning
    assert "filings/calendar.yml" in warning
    assert "国务院办公厅关于2027年部分节假日安排的通知" in warning
    assert "“2027: {来源:" in warning
    assert "\n" not in warning  # one line per problem in `filings check`


def test_no_warning_once_calendar_has_next_year(tmp_path: Path) -> None:
    calendar, _ = load(tmp_path, ENTRY_2027)
    assert calendar.schedule_warning(D("2026-11-29")) is None
    assert "2028 年" in (calendar.schedule_warning(D("2027-11-01")) or "")
