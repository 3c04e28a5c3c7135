"""The typed objects that flow from reading to the engine and the sites."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from typing import Any

from .reading.body import Body
from .reading.frontmatter import Pos
from .schema.base import FilingType
from .schema.common import CENTRAL_DUTY


def contract_total(amounts: Iterable[Decimal | None]) -> Decimal | None:
    """合同金额合计: the sum of the 合同金额 given; None when no contract gives one."""
    given = [a for a in amounts if a is not None]
    return sum(given, Decimal(0)) if given else None


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    category: str
    duties: tuple[str, ...] = ()
    line: int | None = None
    nature: str = "机关"  # 单位性质: 机关 (第三条) or 事业单位 / 社会团体 / 其他组织 (第三十六条)
    reviewers: tuple[str, ...] = ()  # code-host accounts that review this department's merge requests
    contact: dict[str, str] = field(default_factory=dict, compare=False, hash=False)  # 公开联系 (an office)


@dataclass
class Registry:
    district: str = ""
    chief_data_officer: str = ""
    departments: dict[str, Department] = field(default_factory=dict)
    path: str = "filings/registry.yml"
    public_info: dict[str, Any] = field(default_factory=dict)  # 数据许可 and the site's 备案号 keys, as checked

    def name_of(self, code: str) -> str:
        dept = self.departments.get(code)
        return dept.name if dept else code

    def is_central(self, code: str) -> bool:
        dept = self.departments.get(code)
        return bool(dept and CENTRAL_DUTY in dept.duties)


@dataclass
class Resource:
    """One item of a 信息资源目录, with the line of its first key."""

    data: dict[str, Any]
    marks: dict[str, Pos]
    line: int

    def __reduce__(self) -> tuple[Any, ...]:
        return _resource, (self.data, *_packed(self.marks), self.line)


@dataclass
class Filing:
    path: str  # relative to the repository root, with forward slashes
    folder: str  # the project folder name
    type: FilingType | None
    data: dict[str, Any] = field(default_factory=dict)  # only values that passed their checks
    marks: dict[str, Pos] = field(default_factory=dict)  # key -> position of the key
    body: Body | None = None
    resources: list[Resource] = field(default_factory=list)  # the items of 信息资源
    items: dict[str, list[Resource]] = field(default_factory=dict)  # every list-of-mappings key (信息资源, 计划信息资源)
    valid: bool = True  # no structural error in this file

    @property
    def type_name(self) -> str:
        return self.type.name if self.type else ""

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its marks as plain tuples: a full check of a large district pickles
        80,000 filings in its worker processes and a million marks with them, and a plain tuple
        pickles several times faster than a Pos."""
        return _filing, (self.path, self.folder, self.type, self.data, *_packed(self.marks), self.body,
                         self.resources, self.items, self.valid)

    def line(self, key: str | None = None) -> int:
        if key and key in self.marks:
            return self.marks[key].line
        return self.marks["备案类型"].line if "备案类型" in self.marks else 1

    def column(self, key: str | None = None) -> int:
        if key and key in self.marks:
            return self.marks[key].column
        return 1


def _packed(marks: dict[str, Pos]) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    places: tuple[Any, ...] = tuple(map(tuple, marks.values()))  # plain tuples, built without a Python call
    return tuple(marks), places


def _unpacked(keys: tuple[str, ...], places: tuple[tuple[int, int], ...]) -> dict[str, Pos]:
    return dict(zip(keys, map(tuple.__new__, repeat(Pos), places), strict=True))  # no Python call per mark


def _filing(path: str, folder: str, type_: FilingType | None, data: dict[str, Any], keys: tuple[str, ...],
            places: tuple[tuple[int, int], ...], body: Body | None, resources: list[Resource],
            items: dict[str, list[Resource]], valid: bool) -> Filing:
    return Filing(path, folder, type_, data, _unpacked(keys, places), body, resources, items, valid)


def _resource(data: dict[str, Any], keys: tuple[str, ...], places: tuple[tuple[int, int], ...], line: int) -> Resource:
    return Resource(data, _unpacked(keys, places), line)


def filed_then_path(f: Filing) -> tuple[str, str]:
    """Project.of_type's order: 填报日期, then path."""
    return str(f.data.get("填报日期", "")), f.path


@dataclass
class Project:
    id: str
    folder: str  # relative path, e.g. filings/2025-SHSY-01
    filings: list[Filing] = field(default_factory=list)

    def of_type(self, name: str) -> list[Filing]:
        """Filings of one type, oldest first by 填报日期 then path."""
        return sorted(self._of(name), key=filed_then_path)

    def first(self, name: str) -> Filing | None:
        """of_type(name)[0], without sorting them all (the engine asks for every project's application)."""
        return min(self._of(name), key=filed_then_path, default=None)

    def _of(self, name: str) -> list[Filing]:
        return [f for f in self.filings if f.type is not None and f.type.name == name]

    @property
    def application(self) -> Filing | None:
        return self.first("立项申请")
