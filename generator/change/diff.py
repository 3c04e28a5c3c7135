"""The pure comparison of two readings of one filing: which keys and which sections changed.

No git, no files: the base reading and the work-tree reading come in as Filing objects.
"""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from ..checks.corrections import Correction, corrections
from ..model import Filing
from ..reading.body import BodySection
from ..schema.common import CORRECTIONS

ChangeKind = Literal["added", "changed", "deleted", "renamed", "replaced"]
NONE = "（无）"


@dataclass(frozen=True)
class KeyChange:
    key: str  # a front-matter key, or 信息资源「名称」.字段 for one resource's field
    old: str  # displayed as the clerk writes it; （无） when absent
    new: str
    line: int | None  # where the change is in the work-tree file
    column: int | None = None


@dataclass(frozen=True)
class SectionChange:
    title: str  # the ## section
    old: str  # its text at the base, whitespace squashed
    new: str
    line: int  # the first changed line in the work-tree file
    quote: str  # the base's text of that line (or its neighbourhood), for the message; （无） when added
    added: str = ""  # the work tree's text there


@dataclass
class FilingChange:
    path: str
    kind: ChangeKind
    before: Filing | None = None
    after: Filing | None = None
    old_path: str | None = None  # renamed: where it was
    keys: list[KeyChange] = field(default_factory=list)
    sections: list[SectionChange] = field(default_factory=list)
    new_corrections: list[Correction] = field(default_factory=list)  # rows this change adds
    lost_corrections: list[Correction] = field(default_factory=list)  # base rows no longer there

    @property
    def corrected(self) -> bool:
        return bool(self.new_corrections)

    @property
    def empty(self) -> bool:
        """A changed file whose record did not change (layout, line endings, 填写说明)."""
        return self.kind == "changed" and not (self.keys or self.sections or self.new_corrections
                                               or self.lost_corrections)


def compare(path: str, before: Filing, after: Filing) -> FilingChange:
    change = FilingChange(path, "changed", before, after)
    change.keys = key_changes(before, after)
    if before.body is not None and after.body is not None:
        change.sections = section_changes(before, after)
    was, now = corrections(before.body), corrections(after.body)
    known = {c.key for c in was}
    change.new_corrections = [c for c in now if c.key not in known]
    remaining = {c.key for c in now}
    change.lost_corrections = [c for c in was if c.key not in remaining]
    return change


def display(value: Any) -> str:
    """A value as a clerk writes it in the file."""
    if value is None or value == "" or value == []:
        return NONE
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(display(v) for v in value) + "]"
    return str(value)


def key_changes(before: Filing, after: Filing) -> list[KeyChange]:
    found = []
    for key in dict.fromkeys([*before.data, *after.data]):
        if key == "信息资源":
            continue
        if key not in after.data and not after.valid:
            continue  # its new value failed its check: the structural error says so, not a guess here
        was, now = before.data.get(key), after.data.get(key)
        if display(was) != display(now):
            found.append(KeyChange(key, display(was), display(now), after.line(key), after.column(key)))
    return found + _resource_changes(before, after)


def _resource_changes(before: Filing, after: Filing) -> list[KeyChange]:
    found = []
    old_items = {str(r.data.get("名称")): r for r in before.resources}
    for _index, res in enumerate(after.resources):
        name = str(res.data.get("名称"))
        old = old_items.pop(name, None)
        if old is None:
            found.append(KeyChange(f"信息资源「{name}」", NONE, "新增", res.line, 1))
            continue
        for key in dict.fromkeys([*old.data, *res.data]):
            was, now = display(old.data.get(key)), display(res.data.get(key))
            if was != now:
                pos = res.marks.get(key)
                found.append(KeyChange(f"信息资源「{name}」.{key}", was, now, pos.line if pos else res.line,
                                       pos.column if pos else 1))
    for name in old_items:
        found.append(KeyChange(f"信息资源「{name}」", "存在", "被删除", after.line("信息资源"), 1))
    return found


def squash(text: str) -> str:
    return "".join(text.split())


def section_text(section: BodySection) -> str:
    return squash(section.text)


def section_changes(before: Filing, after: Filing) -> list[SectionChange]:
    assert before.body is not None and after.body is not None
    old_sections, new_sections = before.body.sections, after.body.sections
    found = []
    for title in dict.fromkeys([*old_sections, *new_sections]):
        if title == CORRECTIONS:
            continue
        was, now = old_sections.get(title), new_sections.get(title)
        old_text = section_text(was) if was else ""
        new_text = section_text(now) if now else ""
        if old_text == new_text:
            continue
        line, quote, added = _first_difference(was, now, after)
        found.append(SectionChange(title, old_text, new_text, line, quote, added))
    return found


def _first_difference(was: BodySection | None, now: BodySection | None, after: Filing) -> tuple[int, str, str]:
    if now is None:
        return after.line(), (was.markdown.splitlines()[0] if was and was.markdown else ""), ""
    if was is None:
        return now.line, NONE, now.title
    old_lines, new_lines = was.markdown.splitlines(), now.markdown.splitlines()
    matcher = difflib.SequenceMatcher(a=[squash(x) for x in old_lines], b=[squash(x) for x in new_lines],
                                      autojunk=False)
    first = now.line + 1 + _leading_blank_lines(now, after)  # the file line of new_lines[0]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            quote = " ".join(x.strip() for x in old_lines[i1:i2] if x.strip()) or NONE
            added = " ".join(x.strip() for x in new_lines[j1:j2] if x.strip())
            return first + j1, quote, added
    return now.line, "", ""


def _leading_blank_lines(section: BodySection, filing: Filing) -> int:
    """BodySection.markdown starts after the heading with blank lines stripped; count them back."""
    assert filing.body is not None
    lines = filing.body.source.split("\n")
    index, count = section.line - filing.body.offset, 0
    while index + count < len(lines) and not lines[index + count].strip():
        count += 1
    return count
