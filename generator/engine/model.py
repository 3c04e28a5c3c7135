"""What the engine derives for each project. Pure data; no file access."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ..model import Project
from ..problems import Problem

DeadlineState = Literal["coming", "missed", "met", "late", "unknown"]


@dataclass(frozen=True)
class Deadline:
    project_id: str
    dept: str  # the department that must act (code)
    title: str  # what is due, in Chinese, e.g. "2025 年度报告"
    article: str
    due: dt.date | None  # None when it cannot be computed (unknown holiday schedule)
    state: DeadlineState
    reason: str  # Chinese: the dates and rule used, or why it cannot be computed
    path: str | None = None  # the filing it concerns, if any
    line: int | None = None
    done: dt.date | None = None  # when it was met (or met late)
    code: str | None = None  # the rule whose finding a late or missed state gives


@dataclass(frozen=True)
class Baseline:
    budget: Decimal | None  # 核定投资 (or 申报总投资 before review)
    finish: dt.date | None  # 计划完成日期
    source: str  # the filing that set it


@dataclass(frozen=True)
class Variance:
    """Cost and schedule variance against one baseline; positive means over budget or late."""

    cost: Decimal | None  # the cost figure minus the baseline budget (万元)
    cost_figure: str  # Chinese: which figure was compared (决算 / 合同合计 / 累计支出)
    schedule_days: int | None  # completion (or today, if late and not complete) minus the baseline finish
    schedule_figure: str  # Chinese: which date was compared


@dataclass
class Eligibility:
    eligible: bool
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (article, Chinese reason), one per condition
    known: bool = True  # False when a condition cannot be judged yet (unknown holiday schedule)


@dataclass
class Assessment:
    project: Project
    status: str  # 申报中 / 评审通过 / 评审未通过 / 建设中 / 待验收 / 已验收 / 已自评价
    overlays: list[str] = field(default_factory=list)  # 整改中 / 暂停 / 终止
    original: Baseline | None = None
    current: Baseline | None = None
    baselines: list[Baseline] = field(default_factory=list)  # original first, then each passed adjustment
    original_variance: Variance | None = None
    current_variance: Variance | None = None
    budget_chain: dict[str, Decimal | None] = field(default_factory=dict)  # 申报 核定 合同 支出 决算
    savings: Decimal | None = None  # 节余资金: 核定 minus 决算 when 决算 is below it (第十五条)
    findings: list[Problem] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    eligibility: Eligibility | None = None

    @property
    def display_status(self) -> str:
        return self.overlays[-1] if self.overlays else self.status
