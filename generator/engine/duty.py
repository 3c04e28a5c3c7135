"""Deadlines: one duty, its due day, and whether it was met (spec §6)."""
from __future__ import annotations

import datetime as dt

from .facts import ProjectFacts
from .model import Deadline, DeadlineState
from .rules import Rule


def state_of(due: dt.date | None, done: dt.date | None, as_of: dt.date) -> DeadlineState:
    if due is None:
        return "unknown"
    if done is None:
        return "coming" if as_of <= due else "missed"
    return "met" if done <= due else "late"


def deadline(f: ProjectFacts, rule: Rule, title: str, due: dt.date | None, reason: str, *,
             done: dt.date | None = None, path: str | None = None, line: int | None = None) -> Deadline:
    """`reason` gives the dates and the rule used, or why the due day cannot be computed."""
    return Deadline(f.id, f.dept, title, rule.article or "", due, state_of(due, done, f.ctx.as_of), reason,
                    path, line, done, rule.code)
