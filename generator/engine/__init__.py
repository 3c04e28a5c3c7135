"""The compliance engine: pure functions of (repository contents, calendar, as_of).

`assess` gives one Assessment per project; `evaluate` gives the findings and
git-aware errors that `filings check` prints.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..problems import Problem

if TYPE_CHECKING:
    from ..repository import Repository
    from .model import Assessment


def assess(repo: "Repository") -> dict[str, "Assessment"]:
    raise NotImplementedError("engine under construction")


def evaluate(repo: "Repository", base: str | None = None) -> list[Problem]:
    return []
