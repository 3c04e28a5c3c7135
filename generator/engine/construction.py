"""Rules of the construction stage: 第十三、十四、十五、十七、三十条."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from ..model import Filing
from ..problems import Problem
from ..schema.common import SERIOUS_ISSUES
from .baseline import Step, approved, final_account, finish_reference, in_force, later_than, latest_report
from .duty import deadline
from .facts import ProjectFacts, amount, compute, percent
from .model import Deadline
from .rules import rule

CONTRACT_WORKDAYS = 5  # 第十三条
REPORT_DAYS = 30  # 第十七条 “及时”: a 重大问题报告 counts up to this many days after the delay became serious


def check(f: ProjectFacts, steps: list[Step]) -> Iterator[Problem | Deadline]:
    yield from _contract_filing(f)
    yield from _annual_reports(f)
    yield from _overrun(f, steps)
    yield from _severe_delay(f, steps)
    yield from _rectification(f)


def _contract_filing(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    r = rule("F130")
    for c in f.contracts:
        signed, filed = c.get("签订日期"), c.get("填报日期")
        if not r.applies_to(signed) or not isinstance(filed, dt.date):
            continue
        due, unknown = compute(lambda: f.ctx.calendar.add_workdays(signed, CONTRACT_WORKDAYS))  # noqa: B023 - called at once
        what = f"合同“{c.get('合同名称') or c.name}”于 {signed} 签订"
        reason = unknown or f"{what}，应于 {due} 前（{CONTRACT_WORKDAYS} 个工作日内）备案"
        yield deadline(f, r, f"合同备案：{c.get('合同名称') or c.name}", due, reason, done=filed,
                       path=c.path, line=c.line("填报日期"))
        if due is not None and filed > due:
            yield r.finding(c.path, c.line("填报日期"), c.column("填报日期"),
                            f"合同于 {signed} 签订，应于 {due}（{CONTRACT_WORKDAYS} 个工作日）前备案，实际 {filed} 备案")


def _annual_reports(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    if f.started is None:
        return
    reports = [x for x in f.of("年度报告") if isinstance(x.get("报告年度"), int)]
    for year in range(f.started.year, f.ctx.as_of.year + 1):
        year_end = dt.date(year, 12, 31)
        if not _under_construction(f, year_end) or not rule("F140").applies_to(year_end):
            continue
        mine = [x for x in reports if x.get("报告年度") == year and isinstance(x.get("填报日期"), dt.date)]
        filed = min((x.get("填报日期") for x in mine), default=None)
        yield from _annual(f, year, year_end, filed, mine)


def _under_construction(f: ProjectFacts, year_end: dt.date) -> bool:
    """第十四条 as the district reads it: started by 31 Dec, not accepted or terminated by then."""
    return (f.started is not None and f.started <= year_end
            and not (f.accepted is not None and f.accepted <= year_end)
            and not (f.terminated is not None and f.terminated <= year_end))


def _annual(f: ProjectFacts, year: int, due: dt.date, filed: dt.date | None,
            mine: list[Filing]) -> Iterator[Problem | Deadline]:
    reason = f"{year} 年底项目处于建设中（{f.started} 签订第一份合同），应于 {due} 前报送 {year} 年度报告"
    path, line = f.anchor()
    first = min(mine, key=lambda x: x.get("填报日期")) if mine else None
    if first is not None:
        path, line = first.path, first.line("填报日期")
    yield deadline(f, rule("F140"), f"{year} 年度报告", due, reason, done=filed, path=path, line=line)
    if first is not None and filed is not None and filed > due:
        yield rule("F141").finding(first.path, first.line("填报日期"), first.column("填报日期"),
                                   f"{reason}，实际 {filed} 报送，晚于期限")
    elif filed is None and f.overdue(due):
        yield rule("F140").finding(path, line, 1, f"{reason}，至今（{f.ctx.as_of}）没有 年度报告-{year}.md")


def _overrun(f: ProjectFacts, steps: list[Step]) -> Iterator[Problem]:
    """第十五、十六条: each figure against the baseline in force on its own date."""
    if approved(f, steps) is None:
        return
    r = rule("F150")
    total, reported = Decimal(0), set()
    for c in f.contracts:
        if c.get("合同金额") is None:
            continue
        total += c.get("合同金额")
        step = in_force(steps, c.get("签订日期"))
        if id(step) not in reported and _exceeds(total, step) and r.applies_to(c.get("签订日期")):
            reported.add(id(step))
            yield _over(c, "合同金额", total, steps, step, f"截至本合同（{c.get('签订日期')} 签订）合同金额合计")
    report = latest_report(f)
    if report is not None and r.applies_to(report.get("填报日期")):
        step = in_force(steps, report.get("填报日期"))
        if _exceeds(report.get("累计支出"), step):
            yield _over(report, "累计支出", report.get("累计支出"), steps, step,
                        f"{report.get('报告年度')} 年度报告（{report.get('填报日期')}）的累计支出")
    final = final_account(f)
    if final is not None and r.applies_to(final.get("验收日期")):
        step = in_force(steps, final.get("验收日期"))
        if _exceeds(final.get("决算金额"), step):
            yield _over(final, "决算金额", final.get("决算金额"), steps, step, "决算金额")


def _exceeds(value: Decimal, step: Step) -> bool:
    return step.baseline.budget is not None and value > step.baseline.budget


def _over(filing: Filing, key: str, value: Decimal, steps: list[Step], step: Step, what: str) -> Problem:
    """F150 at the key whose figure went past the approved investment in force, with any later adjustment beside it."""
    limit = step.baseline.budget
    assert limit is not None  # _exceeds held
    when = "核定投资" if len(steps) == 1 else "当时的核定投资"
    basis = f"{when} {amount(limit)} 万元" + ("（含经评审通过的调整）" if step is not steps[0] else "")
    after = "".join(f"；其后 {s.since} 经评审通过的调整将核定投资调整为 {amount(s.baseline.budget)} 万元，"
                    f"调整应事先提出，不能追认此前的超支"
                    for s in later_than(steps, step) if s.baseline.budget is not None and s.baseline.budget != limit)
    return rule("F150").finding(filing.path, filing.line(key), filing.column(key),
                                f"{what} {amount(value)} 万元，超过{basis} {amount(value - limit)} 万元"
                                f"（{percent(value - limit, limit)}）：原则上超支不补{after}")


def _severe_delay(f: ProjectFacts, steps: list[Step]) -> Iterator[Problem]:
    if not steps or f.is_om or not f.approved or steps[-1].finish_at is None:
        return
    r, threshold = rule("F170"), f.ctx.severe_delay_days
    filing, key = steps[-1].finish_at
    finish = filing.get(key)
    day, what = finish_reference(f)
    limit = finish + dt.timedelta(days=threshold)
    if day <= limit or not r.applies_to(limit):
        return
    answered, why = _delay_reported(f, finish, limit)
    if answered:
        return
    plan = "计划完成日期" if len(steps) == 1 else "经评审通过调整后的计划完成日期"
    yield r.finding(filing.path, filing.line(key), filing.column(key),
                    f"疑似严重逾期：{plan}为 {finish}，{what}，已逾期 {(day - finish).days} 天，"
                    f"超过 {threshold} 天，且{why}：请及时向综合管理办公室报告（重大问题报告.md，"
                    f"问题类型 严重逾期）")


def _delay_reported(f: ProjectFacts, finish: dt.date, limit: dt.date) -> tuple[bool, str]:
    """第十七条: a 严重逾期 / 投资重大损失 report of this project, filed after the planned finish and at the
    latest REPORT_DAYS after the delay passed the threshold. Otherwise why none counts, in Chinese."""
    last = limit + dt.timedelta(days=REPORT_DAYS)
    reports = [x for x in f.of("重大问题报告") if isinstance(x.get("填报日期"), dt.date)]
    if any(x.get("问题类型") in SERIOUS_ISSUES and finish < x.get("填报日期") <= last for x in reports):
        return True, ""
    notes = []
    for x in reports:
        kind, filed = x.get("问题类型"), x.get("填报日期")
        if kind not in SERIOUS_ISSUES:
            notes.append(f"{x.name} 的问题类型为“{kind}”，不是严重逾期或投资重大损失")
        elif filed <= finish:
            notes.append(f"{x.name} 于 {filed} 报送，早于计划完成日期，报告的不是本次逾期")
        else:
            notes.append(f"{x.name} 于 {filed} 才报送，晚于 {last}（超过 {REPORT_DAYS} 天未及时报告）")
    if not notes:
        return False, "没有重大问题报告"
    return False, "没有及时的重大问题报告（" + "；".join(notes) + "）"


def _rectification(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    r = rule("F171")
    for m in f.measures("限期整改"):
        due = m.get("整改期限")
        if not isinstance(due, dt.date) or not r.applies_to(due):
            continue
        answer = f.answered(m)
        done = answer.get("填报日期") if answer else None
        reason = f"{m.name}（{m.get('填报日期')}）责令限期整改，整改期限 {due}"
        yield deadline(f, r, f"整改报告（答复 {m.name}）", due, reason, done=done, path=m.path,
                       line=m.line("整改期限"))
        if answer is None and f.overdue(due):
            yield r.finding(m.path, m.line("整改期限"), m.column("整改期限"),
                            f"{reason}，至今（{f.ctx.as_of}）没有对应的整改报告（整改报告中 对应措施: {m.name}）")
        elif answer is not None and done is not None and done > due:
            yield r.finding(answer.path, answer.line("填报日期"), answer.column("填报日期"),
                            f"{reason}，整改报告实际 {done} 提交，晚于整改期限")
