"""Personal data stays out of the public catalog (E412).

Every value the public site would show is scanned: the public fields of a public filing type,
the public fields of its open resources and its public sections, chosen by the same schema
marks that views.public_filing copies from. Internal-only fields (联系人, 联系电话, 项目负责人 …)
and internal filing types are exempt: the library is for staff.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model import Filing
from ..problems import Problem, error

CLOSED = "不予开放"  # as views.CLOSED: a resource the public never sees
_ID = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]"
                 r"(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9A-Za-z])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_FIX = "公开目录会显示此内容，个人信息不得公开：请删去；联系方式请写在 联系人、联系电话（不公开）中"


def id_number_valid(text: str) -> bool:
    """GB 11643: the 18th character is the ISO 7064 MOD 11-2 check of the first seventeen digits."""
    total = sum(int(d) * w for d, w in zip(text[:17], _WEIGHTS, strict=False))
    return _CHECK[total % 11] == text[17].upper()


# What each of the three patterns needs (seven digits in a row, maybe split after the third, or
# an @): one search rules most text out.
_MAYBE = re.compile(r"@|\d{3}[- ]?\d{4}")


def personal_data(text: str) -> list[tuple[int, str]]:
    """(offset, masked description) of each ID number, mobile number and e-mail address in text."""
    if _MAYBE.search(text) is None:
        return []
    found = [(m.start(), f"居民身份证号 {m.group()[:4]}**********{m.group()[-4:]}")
             for m in _ID.finditer(text) if id_number_valid(m.group())]
    found += [(m.start(), f"手机号码 {_digits(m.group())[-11:][:3]}****{_digits(m.group())[-4:]}")
              for m in _MOBILE.finditer(text)]
    found += [(m.start(), f"电子邮件地址 {m.group()[0]}***@{m.group().rsplit('@', 1)[1]}")
              for m in _EMAIL.finditer(text)]
    return sorted(found)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def check_personal_data(filing: Filing) -> Iterator[Problem]:
    ftype = filing.type
    if ftype is None or not ftype.public:
        return
    fields = [field for field in ftype.fields
              if field.public and field.key in filing.data and field.kind.name != "RESOURCES"]
    holder = ftype.fields_by_key.get("信息资源")
    items = holder.item_fields if holder is not None and holder.public else ()
    shown = [res for res in filing.resources if res.data.get("开放属性") not in (None, CLOSED)] if items else []
    everything = ([filing.data[field.key] for field in fields]
                  + [res.data[item.key] for res in shown for item in items if item.public and item.key in res.data])
    if _MAYBE.search("\n".join(_texts(everything))) is not None:  # else no value holds any (one search)
        for field in fields:
            yield from _value(filing, field.key, filing.data[field.key], filing.line(field.key),
                              filing.column(field.key))
        for res in shown:
            for item in items:
                if item.public and item.key in res.data:
                    pos = res.marks.get(item.key)
                    yield from _value(filing, item.key, res.data[item.key], pos.line if pos else res.line,
                                      pos.column if pos else 1)
    body = filing.body
    if body is not None:
        for section in body.sections.values():
            if not ftype.is_public_section(section.title):
                continue
            found = personal_data(section.markdown)
            if found:
                start = body.source.find(section.markdown, _line_start(body.source, section.line - body.offset))
                for offset, what in found:
                    line = body.offset + 1 + body.source.count("\n", 0, max(start, 0) + offset)
                    yield error(filing.path, line, 1, "E412", f"公开的章节「{section.title}」含有{what}：{_FIX}")


def _line_start(source: str, line: int) -> int:
    """Index where the 1-based line of source begins."""
    index = 0
    for _ in range(line - 1):
        index = source.find("\n", index) + 1
        if index == 0:
            return len(source)
    return index


def _texts(values: list[Any]) -> Iterator[str]:
    for value in values:
        yield from ([str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)])


def _value(filing: Filing, key: str, value: Any, line: int, column: int) -> Iterator[Problem]:
    texts = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
    for text in texts:
        for _, what in personal_data(text):
            yield error(filing.path, line, column, "E412", f"「{key}」含有{what}：{_FIX}")
