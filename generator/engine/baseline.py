"""Baselines (as the US IT Dashboard keeps them) and the budget chain.

The original baseline is the application's (申报总投资, 计划完成日期), with the
budget replaced by the 核定投资 of the first passed 立项 review. An 调整申请
changes the current baseline only once a later 评审意见 with 评审范围 调整
passes it; every baseline is kept, so variance is never silently re-based.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..model import Filing
from ..model import contract_total as total
from .facts import PASSED, ProjectFacts
from .model import Baseline, Variance


@dataclass(frozen=True)
class Step:
    """A baseline, the filing key its planned finish date is written at, and the day it came into
    force (the 评审日期 of the review that set it; None for an application not yet reviewed)."""

    baseline: Baseline
    finish_at: tuple[Filing, str] | None
    since: dt.date | None = None


def in_force(steps: list[Step], day: dt.date) -> Step:
    """第十五、十六条: the baseline that was in force on `day`. An adjustment is 事先, never retroactive;
    a fact dated before the first review is held to the first approved baseline."""
    current = steps[0]
    for step in steps[1:]:
        if step.since is not None and step.since <= day:
            current = step
    return current


def later_than(steps: list[Step], step: Step) -> list[Step]:
    """The baselines that came into force after `step` (each a passed adjustment)."""
    return steps[steps.index(step) + 1:]


def baselines(f: ProjectFacts) -> list[Step]:
    if f.app is None:
        return []
    budget, finish = f.app.get("申报总投资"), f.app.get("计划完成日期")
    finish_at = (f.app, "计划完成日期") if finish else None
    source = f.app.path
    since = None
    if f.first_passed_review is not None and f.first_passed_review.get("核定投资") is not None:
        budget, source = f.first_passed_review.get("核定投资"), f.first_passed_review.path
        since = f.first_passed_review.get("评审日期")
    steps = [Step(Baseline(budget, finish, source), finish_at, since)]
    pending = f.events("调整申请")
    for review in f.reviews("调整"):
        decided = [a for a in pending if a.get("填报日期") <= review.get("评审日期")]
        pending = [a for a in pending if a not in decided]
        if not decided or review.get("评审结论") not in PASSED:
            continue
        for adjustment in decided:
            budget = review.get("核定投资") or adjustment.get("调整后总投资") or budget
            if adjustment.get("调整后完成日期"):
                finish, finish_at = adjustment.get("调整后完成日期"), (adjustment, "调整后完成日期")
        steps.append(Step(Baseline(budget, finish, review.path), finish_at, review.get("评审日期")))
    return steps


def approved(f: ProjectFacts, steps: list[Step]) -> Decimal | None:
    """核定投资 as adjusted: None before any passed 立项 review."""
    if f.first_passed_review is None or not steps:
        return None
    return steps[-1].baseline.budget


def contract_total(f: ProjectFacts) -> Decimal | None:
    return total(c.get("合同金额") for c in f.contracts)


def latest_report(f: ProjectFacts) -> Filing | None:
    reports = [r for r in f.of("年度报告") if isinstance(r.get("报告年度"), int) and r.get("累计支出") is not None]
    return max(reports, key=lambda r: (r.get("报告年度"), str(r.get("填报日期")))) if reports else None


def final_account(f: ProjectFacts) -> Filing | None:
    """The 竣工验收 whose 决算金额 counts: the passed one, else the latest."""
    with_amount = [a for a in f.acceptances if a.get("决算金额") is not None]
    if f.acceptance is not None and f.acceptance.get("决算金额") is not None:
        return f.acceptance
    return with_amount[-1] if with_amount else None


def budget_chain(f: ProjectFacts, steps: list[Step]) -> dict[str, Decimal | None]:
    report, final = latest_report(f), final_account(f)
    return {
        "申报": f.app.get("申报总投资") if f.app else None,
        "核定": approved(f, steps),
        "合同": contract_total(f),
        "支出": report.get("累计支出") if report else None,
        "决算": final.get("决算金额") if final else None,
    }


def savings(chain: dict[str, Decimal | None]) -> Decimal | None:
    """第十五条: a 决算 below 核定投资 leaves 节余资金 to be returned through the original channel."""
    approved_, final = chain["核定"], chain["决算"]
    if approved_ is None or final is None or final >= approved_:
        return None
    return approved_ - final


def variance(f: ProjectFacts, baseline: Baseline, chain: dict[str, Decimal | None]) -> Variance:
    cost, cost_figure = None, "尚无决算、合同或支出数据"
    if baseline.budget is not None:
        if chain["决算"] is not None:
            cost, cost_figure = chain["决算"] - baseline.budget, "决算金额"
        else:
            known = [(v, k) for k, v in (("合同金额合计", chain["合同"]), ("累计支出", chain["支出"])) if v is not None]
            if known:
                figure, cost_figure = max(known)
                cost = figure - baseline.budget
    days, schedule_figure = None, "尚未完成，也未超过计划完成日期"
    if baseline.finish is not None:
        if f.completed is not None:
            days, schedule_figure = (f.completed - baseline.finish).days, "建设完成日期"
        elif f.ctx.as_of > baseline.finish:
            days, schedule_figure = (f.ctx.as_of - baseline.finish).days, "尚未完成，按今天计算"
    return Variance(cost, cost_figure, days, schedule_figure)


def finish_reference(f: ProjectFacts) -> tuple[dt.date, str]:
    """The day a delay is measured at: completion, termination, or today."""
    if f.completed is not None:
        return f.completed, f"建设完成日期 {f.completed}"
    if f.terminated is not None:
        return f.terminated, f"项目于 {f.terminated} 终止时仍未完成"
    return f.ctx.as_of, f"截至今天（{f.ctx.as_of}）仍未完成"
