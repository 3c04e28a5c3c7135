"""The facts a project's filings record, read once for every rule.

Rules use what is valid: a filing with a structural error still counts, but
only through the values that passed their checks (Filing.get gives None for
the rest), so a rule that lacks a value it needs stays silent.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from ..model import Filing, Project, Registry, filed_then_path
from ..schema.common import REVIEW_PASSED
from ..schema.types import FILING_TYPES
from . import cross
from .calendar import Calendar, UnknownSchedule
from .cross import dated as dated  # one definition; rules import it from here

SEVERE_DELAY_DAYS = 90  # 第十七条: days past the current 计划完成日期 that count as "严重逾期"
PASSED = frozenset(REVIEW_PASSED)


@dataclass(frozen=True)
class EngineContext:
    as_of: dt.date
    calendar: Calendar
    registry: Registry
    severe_delay_days: int = SEVERE_DELAY_DAYS


def amount(value: Decimal) -> str:
    """120.50 → "120.5", 178.0 → "178"."""
    return format(value.normalize(), "f")


def percent(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100):.1f}%" if whole else "—"


def compute(fn: Callable[[], dt.date]) -> tuple[dt.date | None, str | None]:
    """A due date, or None with the reason it cannot be computed (spec §6: never guessed)."""
    try:
        return fn(), None
    except UnknownSchedule as exc:
        return None, exc.reason


class ProjectFacts:
    """The rules ask for the same filings many times (a district of 10,000 projects, some
    200,000 times): each type's list is sorted once, and every caller gets its own copy."""

    def __init__(self, project: Project, ctx: EngineContext) -> None:
        self.project = project
        self.ctx = ctx
        self._of: dict[str, tuple[Filing, ...]] | None = None
        self._events: dict[str, tuple[Filing, ...]] = {}

    @property
    def id(self) -> str:
        return self.project.id

    def of(self, name: str) -> list[Filing]:
        """Project.of_type: oldest first by 填报日期 then path."""
        if self._of is None:  # the project's filings are grouped by type once
            groups: dict[str, list[Filing]] = {}
            for filing in self.project.filings:
                groups.setdefault(filing.type_name, []).append(filing)
            self._of = {kind: tuple(sorted(found, key=filed_then_path)) for kind, found in groups.items()}
        return list(self._of.get(name, ()))

    def events(self, name: str) -> list[Filing]:
        """The project's filings of type `name` that carry their event date (the schema's), oldest first."""
        found = self._events.get(name)
        if found is None:
            found = self._events[name] = tuple(dated(self.of(name), FILING_TYPES[name].event))
        return list(found)

    @cached_property
    def app(self) -> Filing | None:
        return self.project.application

    def app_value(self, key: str) -> object:
        app = self.app
        return app.data.get(key) if app else None

    @cached_property
    def dept(self) -> str:
        return cross.dept_of(self.project)

    @property
    def is_om(self) -> bool:
        return self.app_value("项目类别") == "运维服务"

    def anchor(self) -> tuple[str, int | None]:
        """Where a finding about the whole project goes: the 立项申请's 项目编号 line."""
        if self.app:
            return self.app.path, self.app.line("项目编号")
        first = self.project.filings[0]
        return first.path, first.line()

    # --- review -------------------------------------------------------------

    def reviews(self, scope: str | None = None) -> list[Filing]:
        found = self.events("评审意见")
        return [r for r in found if scope is None or r.get("评审范围") == scope]

    @cached_property
    def first_passed_review(self) -> Filing | None:
        return next((r for r in self.reviews("立项") if r.get("评审结论") in PASSED), None)

    @property
    def approved(self) -> bool:
        """Passed its 立项 review, or (against 第九条) started anyway: the project is being carried out."""
        return self.first_passed_review is not None or self.started is not None

    # --- construction -------------------------------------------------------

    @cached_property
    def contracts(self) -> list[Filing]:
        return self.events("合同备案")

    def signed_before(self, days: list[dt.date], applies: Callable[[dt.date | None], bool]
                      ) -> Iterator[tuple[Filing, dt.date, dt.date | None]]:
        """Contracts (those `applies` covers) signed before every one of `days` (the approvals a
        contract needs first), each with the first of `days` after its signing, or None."""
        for contract in self.contracts:
            signed = contract.get("签订日期")
            if not applies(signed) or any(day <= signed for day in days):
                continue
            yield contract, signed, min((day for day in days if day > signed), default=None)

    @cached_property
    def started(self) -> dt.date | None:
        """The district reads the first contract's signing as the start of construction."""
        return self.contracts[0].get("签订日期") if self.contracts else None

    @cached_property
    def preliminary(self) -> Filing | None:
        """The first passed 初步验收."""
        return next((f for f in self.events("初步验收") if f.get("初步验收结论") == "通过"), None)

    @cached_property
    def completion_filing(self) -> Filing | None:
        """Where 建设完成日期 comes from: the passed 初步验收, else the latest that records it."""
        if self.preliminary and self.preliminary.get("建设完成日期"):
            return self.preliminary
        recorded = dated(self.of("初步验收"), "建设完成日期")
        return recorded[-1] if recorded else None

    @property
    def completed(self) -> dt.date | None:
        return self.completion_filing.get("建设完成日期") if self.completion_filing else None

    # --- acceptance ---------------------------------------------------------

    @cached_property
    def acceptances(self) -> list[Filing]:
        return self.events("竣工验收")

    @cached_property
    def acceptance(self) -> Filing | None:
        """The first passed 竣工验收."""
        return next((f for f in self.acceptances if f.get("验收结论") == "通过"), None)

    @property
    def accepted(self) -> dt.date | None:
        return self.acceptance.get("验收日期") if self.acceptance else None

    # --- measures -----------------------------------------------------------

    def measures(self, *kinds: str) -> list[Filing]:
        return [m for m in self.events("监管措施") if m.get("措施") in kinds]

    @cached_property
    def terminated(self) -> dt.date | None:
        return cross.terminated_of(self.project)

    @cached_property
    def cross(self) -> cross.CrossFacts:
        """What the cross-project rules compare (engine/cross.py)."""
        return cross.extract(self.project)

    def overdue(self, due: dt.date) -> bool:
        """Past due today, unless the project was terminated before the duty fell due."""
        return self.ctx.as_of > due and not (self.terminated is not None and self.terminated <= due)

    def answered(self, measure: Filing) -> Filing | None:
        """The first 整改报告 whose 对应措施 names this measure."""
        answers = [r for r in self.events("整改报告") if r.get("对应措施") == measure.name]
        return answers[0] if answers else None
