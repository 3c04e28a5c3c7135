"""What the cross-project rules compare, per project, in a few small values.

Three rules look beyond one project: 重复采集 (F262, 第二十六条), 归集更新 (F263, 第二十六条) and
the lineage of O&M projects along 前序项目. They read only a project's CrossFacts, which are
extracted from its own filings alone (no other project, no date, no calendar): the repository
can therefore keep them in its cache by the project folder's content, and a pre-commit hook
that reads one project in full compares it with the CrossFacts of the other ten thousand
without reading or unpickling their filings. The full check derives the very same values
from the projects it reads, so both give the same findings by construction.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Filing, Project, Resource
from ..schema.types import FILING_TYPES

# The filing types CrossFacts are extracted from (a scoped load reads these to refresh them).
SOURCES = ("立项申请", "信息资源目录", "监管措施")


@dataclass(frozen=True)
class Collected:
    """One named resource of a 信息资源目录, as the collection rules see it."""

    name: str  # 名称, stripped
    provider: str  # 提供单位
    day: dt.date  # collected: 归集日期, else the catalog's 填报日期 (date.max when neither)
    path: str  # the catalog's path
    line: int  # the resource's first line
    last: dt.date | None  # latest of 归集日期 and 最近更新日期
    cycle: str  # 更新周期, as written
    mark: tuple[int, int] | None  # (line, column) of 最近更新日期, else of 归集日期

    @property
    def key(self) -> tuple[str, str]:
        return self.name, self.provider


@dataclass(frozen=True)
class CrossFacts:
    project: str
    dept: str  # 建设单位, else the department code of the folder name
    predecessor: str | None  # 前序项目
    terminated: dt.date | None  # 填报日期 of the first 监管措施 终止项目
    collected: tuple[Collected, ...]  # in the order of the catalogs' event dates, then the file


def extract(project: Project) -> CrossFacts:
    app = project.application
    parent = app.get("前序项目") if app else None
    items = tuple(_collected(catalog, res) for catalog in events(project, "信息资源目录")
                  for res in catalog.resources if res.data.get("名称"))
    return CrossFacts(project.id, dept_of(project), parent if isinstance(parent, str) else None,
                      terminated_of(project), items)


def events(project: Project, name: str) -> list[Filing]:
    """The project's filings of type `name` that carry their event date, oldest first."""
    return dated(project.of_type(name), FILING_TYPES[name].event)


def dated(filings: list[Filing], key: str) -> list[Filing]:
    """The filings that carry a valid `key` date, oldest first."""
    return sorted((f for f in filings if isinstance(f.get(key), dt.date)), key=lambda f: (f.get(key), f.path))


def dept_of(project: Project) -> str:
    app = project.application
    unit = app.get("建设单位") if app else None
    if isinstance(unit, str):
        return unit
    parts = project.id.split("-")
    return parts[1] if len(parts) == 3 else ""


def terminated_of(project: Project) -> dt.date | None:
    ends = [m for m in events(project, "监管措施") if m.get("措施") == "终止项目"]
    found = ends[0].get("填报日期") if ends else None
    return found if isinstance(found, dt.date) else None


def last_update(res: Resource) -> dt.date | None:
    dates = [res.data.get(k) for k in ("归集日期", "最近更新日期")]
    known = [d for d in dates if isinstance(d, dt.date)]
    return max(known) if known else None


def _collected(catalog: Filing, res: Resource) -> Collected:
    got = res.data.get("归集日期")
    day = got if isinstance(got, dt.date) else catalog.get("填报日期") or dt.date.max
    date_key = "最近更新日期" if "最近更新日期" in res.data else "归集日期"
    mark = res.marks.get(date_key)
    return Collected(str(res.data["名称"]).strip(), str(res.data.get("提供单位", "")), day, catalog.path, res.line,
                     last_update(res), str(res.data.get("更新周期")),
                     (mark.line, mark.column) if mark is not None else None)
