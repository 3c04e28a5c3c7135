"""The compliance engine: pure functions of (repository contents, calendar, as_of).

`assess` gives one Assessment per project; `evaluate` gives the findings that
`filings check` prints. The git-aware rules live in generator/change/, which runs
this engine on the base reading and the work-tree reading; the engine never reads git.
"""
from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

from ..problems import Problem
from . import acceptance, approval, ban, catalog, construction, eligibility, security, sharing
from .baseline import baselines, budget_chain, savings, variance
from .calendar import Calendar
from .facts import SEVERE_DELAY_DAYS, EngineContext, ProjectFacts
from .model import Assessment, Deadline
from .rules import rule
from .status import overlays, stage

if TYPE_CHECKING:
    from ..repository import Repository


def assess(repo: Repository, severe_delay_days: int = SEVERE_DELAY_DAYS) -> dict[str, Assessment]:
    """One Assessment per project; a scoped repository (repo.scope) is assessed only for the
    projects it read in full, the others giving only what cross-project rules compare."""
    ctx = EngineContext(repo.as_of, Calendar.of(repo.calendar_file), repo.registry, severe_delay_days)
    every = {pid: ProjectFacts(p, ctx) for pid, p in sorted(repo.projects.items())}
    facts = every if repo.scope is None else {pid: f for pid, f in every.items() if pid in repo.scope}
    results = {pid: _project(f) for pid, f in facts.items()}
    # every project's CrossFacts: from its filings when read (repository.load may have extracted
    # them already), else from the repository's cross index
    others = {pid: c for pid, c in repo.cross.items() if pid not in every}
    compared = [c for _, c in sorted([*others.items(), *((pid, repo.cross.get(pid) or f.cross) for pid, f in every.items())])]
    doubles = sharing.duplicate_collections(compared)
    for pid, found in sharing.duplicates(doubles, set(results)).items():
        results[pid].findings.extend(found)
    for pid, found in catalog.stale(compared, repo.as_of, set(results)).items():
        results[pid].findings.extend(found)
    for pid, found in ban.findings(list(facts.values()), doubles).items():
        results[pid].findings.extend(found)
    eligibility.apply(facts, results)
    return results


def evaluate(repo: Repository, severe_delay_days: int = SEVERE_DELAY_DAYS,
             assessments: dict[str, Assessment] | None = None) -> list[Problem]:
    """Findings of every project (from `assessments` when the caller has them) and the calendar warning."""
    if assessments is None:
        assessments = assess(repo, severe_delay_days)
    problems = [p for a in assessments.values() for p in a.findings]
    warning = Calendar.of(repo.calendar_file).schedule_warning(repo.as_of)
    if warning:
        problems.append(rule("F000").finding(repo.calendar_file.rel_path, None, None, warning))
    return problems


def _project(f: ProjectFacts) -> Assessment:
    steps = baselines(f)
    money = budget_chain(f, steps)
    result = Assessment(f.project, stage(f), overlays(f), budget_chain=money, savings=savings(money))
    if steps:
        result.baselines = [s.baseline for s in steps]
        result.original, result.current = steps[0].baseline, steps[-1].baseline
        if f.approved:  # variance measures execution; an unapproved application has none
            result.original_variance = variance(f, result.original, money)
            result.current_variance = variance(f, result.current, money)
    found = chain(approval.check(f), construction.check(f, steps), acceptance.check(f), sharing.check(f),
                  catalog.check(f), security.check(f))
    for item in found:
        if isinstance(item, Deadline):
            if not _lifted(f, item):
                result.deadlines.append(item)
        else:
            result.findings.append(item)
    return result


def _lifted(f: ProjectFacts, d: Deadline) -> bool:
    """A duty not yet done is lifted when the project was terminated before it fell due."""
    return f.terminated is not None and d.done is None and (d.due is None or f.terminated <= d.due)

