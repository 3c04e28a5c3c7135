"""Building blocks of the schema: fields, conditions, sections, filing types.

The schema is declarative data. The validator, the engine, the site's
visibility filter, the `new` command's front matter, the JSON Schema export
and the field reference page are all derived from it.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

DOCUMENT = "聊高新区管办发〔2023〕8 号"
DOCUMENT_TITLE = "聊城高新区信息系统项目管理办法"


class Kind(str, Enum):
    """What a front-matter value must be. The value is the Chinese name shown to users."""

    TEXT = "文本"
    INT = "整数"
    AMOUNT = "金额（万元）"
    PERCENT = "百分数（0–100）"
    SCORE = "得分（0–100）"
    LEVEL = "等级（1–5）"
    DATE = "日期"
    BOOL = "是非（true / false）"
    ENUM = "选项"
    ENUM_OR_LIST = "选项或选项列表"
    ENUM_LIST = "选项列表"
    DEPT = "部门代码"
    DEPT_LIST = "部门代码列表"
    PROJECT_ID = "项目编号"
    INVEST_CODE = "投资项目代码"
    TEXT_LIST = "文本列表"
    FILING_PATH = "同一项目文件夹内的备案文件名"
    RESOURCES = "信息资源列表"
    URL = "网址（http:// 或 https://）"
    FILING_TYPE = "备案类型"
    MAPPING = "键值表"  # a nested {键: 值, …} mapping, its keys in Field.item_fields


@dataclass(frozen=True)
class When:
    """A condition on other keys of the same filing (or resource item)."""

    key: str
    op: str  # "eq" | "eq_or_absent" | "ne" | "in" | "contains" | "nonempty" | "true"
    value: Any = None

    def holds(self, data: Mapping[str, Any]) -> bool:
        got = data.get(self.key)
        if self.op == "eq":
            return bool(got == self.value)
        if self.op == "eq_or_absent":
            return got is None or got == self.value
        if self.op == "ne":
            return got is not None and got != self.value
        if self.op == "in":
            return got in self.value
        if self.op == "contains":
            return isinstance(got, (list, tuple)) and self.value in got
        if self.op == "nonempty":
            return bool(got)
        if self.op == "true":
            return got is True
        raise ValueError(self.op)

    def describe(self) -> str:
        if self.op == "eq":
            return f"{self.key} 为「{self.value}」时"
        if self.op == "eq_or_absent":
            return f"{self.key} 为「{self.value}」或不写时"
        if self.op == "ne":
            return f"{self.key} 不是「{self.value}」时"
        if self.op == "in":
            return f"{self.key} 为「{'、'.join(self.value)}」之一时"
        if self.op == "contains":
            return f"{self.key} 含「{self.value}」时"
        if self.op == "nonempty":
            return f"{self.key} 不为空时"
        return f"{self.key} 为 true 时"


@dataclass(frozen=True)
class Field:
    key: str
    kind: Kind
    help: str
    article: str | None = None
    required: bool = True
    when: When | None = None  # required only when this holds (implies required=True)
    only_when: When | None = None  # allowed only when this holds
    only_when_error: tuple[str, str] | None = None  # (code, message) when only_when is broken
    choices: tuple[str, ...] = ()
    public: bool = False  # may appear in the public catalog (spec §7)
    example: Any = None
    item_fields: tuple[Field, ...] = ()  # for RESOURCES and MAPPING

    def is_required(self, data: Mapping[str, Any]) -> bool:
        if self.when is not None:
            return self.when.holds(data)
        return self.required


@dataclass(frozen=True)
class Section:
    title: str
    help: str
    article: str | None = None
    when: When | None = None
    subsections: tuple[Section, ...] = ()

    def applies(self, data: Mapping[str, Any]) -> bool:
        return self.when is None or self.when.holds(data)


@dataclass(frozen=True)
class FilingType:
    name: str
    articles: tuple[str, ...]
    summary: str
    fields: tuple[Field, ...]
    sections: tuple[Section, ...]
    central: bool = False  # ★: filed only by the 综合管理 department
    filer_duty: str | None = None  # filed only by the department with this 职责 (★ is 综合管理)
    public: bool = False  # the type may be shown in the public catalog at all
    public_body: bool = False  # all its sections may be published
    public_sections: tuple[str, ...] = ()  # or only these ## sections (with their ### parts)
    file_hint: str = ""  # how to name several files of this type
    event: str = "填报日期"  # the key of the date the filing records (评审日期, 签订日期 …); 填报日期 by default
    fields_by_key: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.fields_by_key.update({f.key: f for f in self.fields})

    @property
    def duty(self) -> str | None:
        """The 职责 of the only department that may file this type, if any (第五条)."""
        return "综合管理" if self.central else self.filer_duty

    def is_public_section(self, title: str) -> bool:
        return self.public and (self.public_body or title in self.public_sections)

    @property
    def article(self) -> str:
        inner = "、".join(a.removeprefix("第").removesuffix("条") for a in self.articles)
        return f"第{inner}条"
