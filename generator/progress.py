"""Progress of long work, shown on a terminal only.

A command turns it on with `shown(sys.stderr.isatty())`; the stages of the work then call
`stage(...)` wherever they are, without passing anything down. When stderr is not a
terminal (CI, pre-commit, a pipe) nothing is printed and rich is never imported, so the
hook pays nothing for it. The bars are transient: the final report stays as it was.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

_enabled = False
_live: Any = None  # a rich.progress.Progress while a stage is running
_depth = 0


class Stage:
    """One line of progress: a label, and how far along it is when the total is known."""

    def __init__(self, task: Any = None) -> None:
        self._task = task

    def advance(self, steps: int = 1) -> None:
        if self._task is not None and _live is not None:
            _live.advance(self._task, steps)


@contextlib.contextmanager
def shown(enabled: bool) -> Iterator[None]:
    """Let stages show bars on stderr for the duration, when `enabled` (stderr is a terminal)."""
    global _enabled
    before, _enabled = _enabled, enabled
    try:
        yield
    finally:
        _enabled = before


def enabled() -> bool:
    """Whether stages show bars now (a forked child of a build asks before it draws its own)."""
    return _enabled


def _start() -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    live = Progress(*columns, console=Console(stderr=True), transient=True,
                    redirect_stdout=False, redirect_stderr=False)
    live.start()
    return live


@contextlib.contextmanager
def stage(label: str, total: int | None = None) -> Iterator[Stage]:
    """A stage of the work (Chinese label); call .advance() as items are done. The display
    runs only while some stage does, so what a command prints afterwards is untouched."""
    global _live, _depth
    if not _enabled:
        yield Stage()
        return
    if _live is None:
        _live = _start()
    _depth += 1
    task = _live.add_task(label, total=total)
    try:
        yield Stage(task)
    finally:
        _live.remove_task(task)
        _depth -= 1
        if _depth == 0:
            _live.stop()
            _live = None
