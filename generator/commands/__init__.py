"""One module per subcommand; shared helpers live here."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..engine import evaluate
from ..problems import Problem

if TYPE_CHECKING:
    from ..repository import Repository


def findings_for(repo: "Repository", base: str | None = None) -> list[Problem]:
    """Engine findings and git-aware errors for a loaded repository."""
    return evaluate(repo, base=base)
