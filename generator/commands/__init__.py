"""One module per subcommand; shared helpers live here."""
from __future__ import annotations

from ..problems import Problem


def findings_for(repo, base: str | None = None) -> list[Problem]:  # type: ignore[no-untyped-def]
    """Engine findings and git-aware errors for a loaded repository."""
    from ..engine import evaluate  # the engine is optional until it exists

    return evaluate(repo, base=base)
