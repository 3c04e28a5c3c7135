"""The record is append-only (spec §5a, 第十六、三十二条): pure checks of a computed change.

Input: the FilingChanges of one run and which projects were approved at the base.
Output: located errors, each citing its article, each saying how to put things right.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation

from ..checks.corrections import Correction
from ..problems import Problem, error
from ..schema.base import Kind
from ..schema.common import ADJUSTMENT_BUDGET, ADJUSTMENT_ITEM, CORRECTIONS
from ..schema.types import FILING_TYPES
from .diff import NONE, FilingChange, KeyChange, SectionChange, squash

RECORD = "第三十二条"
PLAN_ARTICLE = "第十六条"
ALWAYS_REPORTED = frozenset({"E501", "E503", "E504"})  # about files a pre-commit hook is not given
NEVER_CORRECTED = ("填报日期", "备案类型", "项目编号")
REVIEW_VERDICT = ("评审结论", "核定投资")
# An approved 立项申请's plan (第十六条): every amount, the schedule, the scope and the budget table.
PLAN_KEYS = ("项目名称", "项目类别", "计划完成日期", "共建单位") + tuple(
    f.key for f in FILING_TYPES["立项申请"].fields if f.kind is Kind.AMOUNT)
PLAN_SECTIONS = ("建设方案", "绩效目标及绩效指标", "项目概述")


def check(changes: Iterable[FilingChange], approved_at_base: set[str], base: str) -> Iterator[Problem]:
    for change in changes:
        if change.kind == "deleted":
            yield _deleted(change.path, base)
        elif change.kind == "renamed":
            yield _renamed(change)
        elif change.kind == "replaced":
            yield _replaced(change.path, base)
        elif change.kind == "changed":
            yield from _changed(change, change.after is not None and change.after.folder in approved_at_base)


def _deleted(path: str, base: str) -> Problem:
    return error(path, None, None, "E501",
                 f"删除了主分支上已有的备案：备案库只增不删，已记录的事实不能撤回（{RECORD}）。"
                 f"请恢复该文件（git checkout {base} -- \"{path}\"）；如有笔误，在文件中登记「## {CORRECTIONS}」", RECORD)


def _renamed(change: FilingChange) -> Problem:
    return error(change.path, 1, 1, "E503",
                 f"由 {change.old_path} 改名而来：已入库的备案不能改名，别处对它的引用会失效（{RECORD}）。"
                 f"请改回原文件名（git mv \"{change.path}\" \"{change.old_path}\"）", RECORD)


def _replaced(path: str, base: str) -> Problem:
    return error(path, None, None, "E504",
                 f"主分支上的备案被替换成了符号链接或其他类型的文件：备案必须是普通文件，已入库的备案不能替换（{RECORD}）。"
                 f"请恢复该文件（git checkout {base} -- \"{path}\"）", RECORD)


def _changed(change: FilingChange, approved: bool) -> Iterator[Problem]:
    assert change.after is not None
    type_name = change.after.type_name
    explained = _explained(change)
    for unit in change.keys:
        if unit.key in NEVER_CORRECTED or (type_name == "评审意见" and unit.key in REVIEW_VERDICT):
            yield _never(change.path, unit, type_name)
        elif approved and type_name == "立项申请" and unit.key in PLAN_KEYS:
            yield _plan(change.path, unit.key, unit.line, f"主分支上为 {unit.old}，现为 {unit.new}")
        elif unit.key not in explained and change.after.valid:
            yield _unlisted_key(change.path, unit)
    for section in change.sections:
        if approved and type_name == "立项申请" and section.title in PLAN_SECTIONS:
            yield _plan(change.path, f"## {section.title}", section.line, _where(section))
        elif f"## {section.title}" not in explained and change.after.valid:
            yield _unlisted_section(change.path, section)
    if change.after.valid:
        yield from _unmatched_rows(change, explained)
    if change.lost_corrections:
        yield _lost(change)


# --- matching the 更正记录 rows -------------------------------------------------

def _explained(change: FilingChange) -> dict[str, list[Correction]]:
    """Unit label -> the new rows that account for it exactly (keys by value, sections by replacement)."""
    rows = change.new_corrections
    found: dict[str, list[Correction]] = {}
    for unit in change.keys:
        hits = [r for r in rows if _item(r.item) == unit.key and _same(r.old, unit.old) and _same(r.new, unit.new)]
        if hits:
            found[unit.key] = hits
    for section in change.sections:
        hits = [r for r in rows if _section_of(r.item, change) == section.title]
        if hits and _replays(section, hits):
            found[f"## {section.title}"] = hits
    return found


def _replays(section: SectionChange, rows: list[Correction]) -> bool:
    text = section.old
    for row in rows:
        old, new = squash(_blank(row.old)), squash(_blank(row.new))
        if old and old not in text:
            return False
        text = text.replace(old, new, 1) if old else text + new
    return text == section.new


def _unmatched_rows(change: FilingChange, explained: dict[str, list[Correction]]) -> Iterator[Problem]:
    used = {id(r) for rows in explained.values() for r in rows}
    for row in change.new_corrections:
        if id(row) in used:
            continue
        yield error(change.path, row.line, 1, "E507",
                    f"更正记录登记的「{row.item}」（{row.old} → {row.new}）与实际改动不符：{_why(row, change)}"
                    f"（{RECORD}）", RECORD)


def _why(row: Correction, change: FilingChange) -> str:
    title = _section_of(row.item, change)
    if title is not None:
        section = next((s for s in change.sections if s.title == title), None)
        if section is None:
            return f"本次没有改动「## {title}」，请删除这一行"
        return "原值须照抄主分支上的原文、新值照抄改后的文字，逐行替换后须与改后的章节完全一致"
    unit = next((k for k in change.keys if k.key == _item(row.item)), None)
    if unit is None:
        return f"本次没有改动「{_item(row.item)}」（更正内容应写键名，如 供应商，或章节，如 ## 采购内容），请删除这一行"
    return f"主分支上为 {unit.old}，现为 {unit.new}：原值、新值须与之完全一致"


def _lost(change: FilingChange) -> Problem:
    assert change.after is not None
    row = change.lost_corrections[0]
    section = change.after.body.sections.get(CORRECTIONS) if change.after.body else None
    return error(change.path, section.line if section else change.after.line(), 1, "E508",
                 f"删除或改写了主分支上已有的更正记录（{row.day or '日期不明'} {row.item}：{row.old} → {row.new}）："
                 f"更正记录本身也只增不删，请恢复原有的行，新的更正加在表格末尾（{RECORD}）", RECORD)


def _item(text: str) -> str:
    return text.strip().strip("`「」“”\"'").strip()


def _section_of(item: str, change: FilingChange) -> str | None:
    """The ## section a row names (a ### subsection counts as its ## section), or None for a key."""
    text = _item(item)
    if not text.startswith("#"):
        return None
    title = text.lstrip("#").strip()
    for filing in (change.after, change.before):
        body = filing.body if filing else None
        if body is None:
            continue
        if title in body.sections:
            return title
        for parent, section in body.sections.items():
            if title in section.subsections:
                return parent
    return title


_SEPARATORS = re.compile(r"[,，、;；]")


def _blank(text: str) -> str:
    return "" if text.strip() in (NONE, "无", "（空）", "空", "", "—", "-") else text


def _same(written: str, actual: str) -> bool:
    a, b = _norm(_blank(written)), _norm(_blank(actual))
    if a == b:
        return True
    try:
        return Decimal(a) == Decimal(b)
    except (InvalidOperation, ValueError):
        return False


def _norm(text: str) -> str:
    text = "".join(text.split()).strip("`\"'“”").replace("[", "").replace("]", "")
    return _SEPARATORS.sub(",", text)


# --- messages ------------------------------------------------------------------

def _never(path: str, unit: KeyChange, type_name: str) -> Problem:
    if unit.key in REVIEW_VERDICT:
        why = "评审意见记录的是评审当时的结论：重新评审请另行提交一份新的评审意见"
    elif unit.key == "填报日期":
        why = "填报日期记录的是当初提交的日期，改动它会抹去迟报等事实"
    else:
        why = f"{unit.key}决定这份记录是什么、属于哪个项目：填错的请保留原文件，另行提交一份正确的备案并在其中说明"
    return error(path, unit.line, unit.column, "E506",
                 f"「{unit.key}」不能更正：主分支上为 {unit.old}，现为 {unit.new}。{why}（{RECORD}）。请恢复原值 {unit.old}",
                 RECORD)


def _plan(path: str, label: str, line: int | None, what: str) -> Problem:
    item = ADJUSTMENT_ITEM.get(label.removeprefix("## "), ADJUSTMENT_BUDGET)
    return error(path, line, 1 if line else None, "E502",
                 f"已通过立项评审的立项申请的计划「{label}」被改动（{what}）：批准的计划（各项金额、计划完成日期、"
                 f"建设内容和项目概算表）不能直接修改，也不能通过更正记录修改（{PLAN_ARTICLE}）。请恢复原内容，"
                 f"另行提交 调整申请（调整事项含 {item}），经评审意见（评审范围: 调整）通过后生效；"
                 f"立项申请保留原计划作为原始基线", PLAN_ARTICLE)


def _unlisted_key(path: str, unit: KeyChange) -> Problem:
    return error(path, unit.line, unit.column, "E505",
                 f"「{unit.key}」被直接改动：主分支上为 {unit.old}，现为 {unit.new}。已入库的备案不能直接改写"
                 f"（{RECORD}）：如确是笔误，请在文件末尾的「## {CORRECTIONS}」表中登记一行"
                 f"（更正日期 | {unit.key} | {unit.old} | {unit.new} | 原因）；否则请恢复原值 {unit.old}", RECORD)


def _unlisted_section(path: str, section: SectionChange) -> Problem:
    return error(path, section.line, 1, "E505",
                 f"「## {section.title}」被直接改动（{_where(section)}）：已入库的备案不能直接改写"
                 f"（{RECORD}）。如确是笔误，请在文件末尾的「## {CORRECTIONS}」表中登记一行"
                 f"（更正日期 | ## {section.title} | 原文字 | 新文字 | 原因），原值、新值照抄改动的文字；否则请恢复原文", RECORD)


def _where(section: SectionChange) -> str:
    if section.quote == NONE:
        return f"此处原来没有内容，新增了“{_short(section.added)}”"
    return f"此行原为“{_short(section.quote)}”"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
