"""The 更正记录 section (spec §5a): how a committed filing records a correction of itself.

Reading the table is pure; the structural check here tests only its shape and dates.
Whether each row matches what really changed against the base revision is decided by
generator/change/rules.py, which reads the same rows.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..problems import Problem, error
from ..reading.body import Body
from ..schema.common import CORRECTION_COLUMNS, CORRECTIONS

ARTICLE = "第三十二条"


@dataclass(frozen=True)
class Correction:
    line: int
    day: dt.date | None
    item: str  # 更正内容: a key, or `## 章节` / `### 小节`
    old: str  # 原值
    new: str  # 新值
    reason: str  # 原因

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What identifies a row when the base and the work tree are compared."""
        return (str(self.day or ""), self.item, self.old, self.new, self.reason)


def corrections(body: Body | None) -> list[Correction]:
    """The rows of the 更正记录 table, in file order; [] when there is none or it is malformed."""
    section = body.sections.get(CORRECTIONS) if body else None
    if section is None or not section.tables or tuple(section.tables[0].header) != CORRECTION_COLUMNS:
        return []
    return [_row(line, cells) for line, cells in section.tables[0].rows if len(cells) == len(CORRECTION_COLUMNS)]


def _row(line: int, cells: list[str]) -> Correction:
    day, item, old, new, reason = (c.strip() for c in cells)
    return Correction(line, _date(day), item, old, new, reason)


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def check_corrections(path: str, body: Body, data: Mapping[str, Any], as_of: dt.date) -> Iterator[Problem]:
    section = body.sections.get(CORRECTIONS)
    if section is None:
        return
    columns = " | ".join(CORRECTION_COLUMNS)
    if not section.tables:
        yield error(path, section.line, 1, "E320", f"「## {CORRECTIONS}」中没有表格：应为一张表，列为 {columns}", ARTICLE)
        return
    table = section.tables[0]
    if tuple(table.header) != CORRECTION_COLUMNS:
        yield error(path, table.line, 1, "E320",
                    f"「## {CORRECTIONS}」表格的列应为 {columns}，现为 {' | '.join(table.header)}", ARTICLE)
        return
    filed = data.get("填报日期")
    for line, cells in table.rows:
        yield from _check_row(path, line, [c.strip() for c in cells], filed, as_of)


def _check_row(path: str, line: int, cells: list[str], filed: object, as_of: dt.date) -> Iterator[Problem]:
    day_text, item, _, _, reason = (cells + [""] * 5)[:5]
    day = _date(day_text)
    if day is None:
        yield error(path, line, 1, "E321", f"更正日期“{day_text}”格式不对：应为 YYYY-MM-DD，例如 2026-03-02", ARTICLE)
    elif day > as_of:
        yield error(path, line, 1, "E321", f"更正日期 {day} 晚于今天（{as_of}）：请填写实际更正的日期", ARTICLE)
    elif isinstance(filed, dt.date) and day < filed:
        yield error(path, line, 1, "E321", f"更正日期 {day} 早于本备案的填报日期 {filed}：更正只能发生在填报之后", ARTICLE)
    if not item:
        yield error(path, line, 1, "E320", "更正记录的“更正内容”为空：请写明更正的键名（如 供应商）或章节（如 ## 采购内容）", ARTICLE)
    if not reason:
        yield error(path, line, 1, "E320", "更正记录的“原因”为空：请写明为什么更正（如 公司全称笔误）", ARTICLE)
