"""Rules of acceptance and evaluation: 第十九、二十条."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model import Filing
from ..problems import Problem
from .duty import deadline
from .facts import ProjectFacts, compute
from .model import Deadline
from .rules import rule

ACCEPTANCE_MONTHS = 3  # 第十九条
EVALUATION_MONTHS = (12, 24)  # 第二十条


def check(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    yield from _preliminary_first(f)
    yield from _acceptance_due(f)
    yield from _self_evaluation(f)


def _preliminary_first(f: ProjectFacts) -> Iterator[Problem]:
    r = rule("F190")
    passed = [p.get("初步验收日期") for p in f.events("初步验收") if p.get("初步验收结论") == "通过"]
    for a in f.acceptances:
        day = a.get("验收日期")
        if r.applies_to(day) and not any(p <= day for p in passed):
            yield r.finding(a.path, a.line("验收日期"), a.column("验收日期"),
                            f"竣工验收日期为 {day}，此前没有通过的初步验收：验收应依次经过初步验收、试运行、竣工验收"
                            f"（请补充 初步验收.md）")


def acceptance_due(f: ProjectFacts) -> tuple[dt.date | None, str]:
    """The day 竣工验收 is due and the reason, or None with why it cannot be computed."""
    completed = f.completed
    assert completed is not None
    original, unknown = compute(lambda: f.ctx.calendar.add_months(completed, ACCEPTANCE_MONTHS))
    if original is None:
        return None, f"建设完成日期 {completed}，竣工验收期限无法计算：{unknown}"
    due, reason = original, f"建设完成日期 {completed}，应于 {original}（{ACCEPTANCE_MONTHS} 个月）前完成竣工验收"
    for ext in f.events("延期验收申请"):
        filed, until = ext.get("填报日期"), ext.get("申请延期至")
        if not isinstance(until, dt.date):
            continue
        if filed <= due and until > due:
            due = until
            reason += f"；延期验收申请（{filed} 提交）延至 {until}"
        elif filed > due:
            reason += f"；延期验收申请于 {filed} 提交，晚于当时的期限 {due}，按本区解释不予延期"
    return due, reason


def _acceptance_due(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    if f.completed is None or f.is_om or not rule("F191").applies_to(f.completed):
        return
    due, reason = acceptance_due(f)
    source = f.completion_filing
    assert source is not None
    done, a = f.accepted, f.acceptance
    path, line = (a.path, a.line("验收日期")) if a else (source.path, source.line("建设完成日期"))
    yield deadline(f, rule("F191"), "竣工验收", due, reason, done=done, path=path, line=line)
    if due is None:
        return
    if a is not None and done is not None and done > due:
        yield rule("F191").finding(a.path, a.line("验收日期"), a.column("验收日期"),
                                   f"{reason}，实际 {done} 才通过竣工验收")
    elif a is None and f.overdue(due):
        yield rule("F192").finding(source.path, source.line("建设完成日期"), source.column("建设完成日期"),
                                   f"{reason}，至今（{f.ctx.as_of}）没有通过的竣工验收：未按期验收的应提出延期验收申请；"
                                   f"未经验收的项目不得拨付后续建设资金和运行维护经费")


def in_use(a: Filing) -> dt.date:
    """第二十条 counts from 竣工验收 and 投入使用: the later of 投入使用日期 and 验收日期."""
    accepted: dt.date = a.get("验收日期")
    used = a.get("投入使用日期")
    return max(accepted, used) if isinstance(used, dt.date) else accepted


def evaluation_window(f: ProjectFacts) -> tuple[dt.date, dt.date, dt.date | None, str | None] | None:
    """(投入使用, start, end, why end is unknown) of the 12–24 month window, or None before a passed 竣工验收.

    Spec §6: the end, like every deadline, moves off a rest day to the next working day (民法典
    第二百零三条); the start is the day the window opens, and an evaluation before it does not count.
    """
    if f.acceptance is None:
        return None
    used = in_use(f.acceptance)
    start = f.ctx.calendar.add_months_plain(used, EVALUATION_MONTHS[0])
    end, unknown = compute(lambda: f.ctx.calendar.add_months(used, EVALUATION_MONTHS[1]))
    return used, start, end, unknown


def counted_evaluation(f: ProjectFacts) -> Filing | None:
    """The first 绩效自评价 not dated before the window opens; an early one does not count."""
    window = evaluation_window(f)
    if window is None:
        return None
    return next((e for e in f.events("绩效自评价") if e.get("评价日期") >= window[1]), None)


def _self_evaluation(f: ProjectFacts) -> Iterator[Problem | Deadline]:
    window, a = evaluation_window(f), f.acceptance
    if window is None or a is None or not rule("F201").applies_to(f.accepted):
        return
    used, start, end, unknown = window
    last = end or f"{f.ctx.calendar.add_months_plain(used, EVALUATION_MONTHS[1])}（如逢休息日顺延，期限无法计算：{unknown}）"
    reason = (f"{used} 竣工验收并投入使用，应在 {start} 至 {last}（{EVALUATION_MONTHS[0]} 至 "
              f"{EVALUATION_MONTHS[1]} 个月内，最后一天是休息日的顺延至下一个工作日）开展绩效自评价并报送")
    for e in f.events("绩效自评价"):
        if e.get("评价日期") < start:
            yield rule("F200").finding(e.path, e.line("评价日期"), e.column("评价日期"),
                                       f"{reason}，此次自评价日期 {e.get('评价日期')} 早于 {start}，不计为完成自评价")
    counted = counted_evaluation(f)
    done = counted.get("填报日期") if counted else None
    path, line = (counted.path, counted.line("填报日期")) if counted else (a.path, a.line("验收日期"))
    yield deadline(f, rule("F201"), "绩效自评价", end, reason, done=done, path=path, line=line)
    if end is None:
        return
    if counted is not None and isinstance(done, dt.date) and done > end:
        yield rule("F201").finding(counted.path, counted.line("填报日期"), counted.column("填报日期"),
                                   f"{reason}，自评价报告实际 {done} 报送，晚于期限")
    elif counted is None and f.overdue(end):
        yield rule("F201").finding(a.path, a.line("验收日期"), a.column("验收日期"),
                                   f"{reason}，至今（{f.ctx.as_of}）没有绩效自评价")
