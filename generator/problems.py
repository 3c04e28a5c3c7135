"""Problems: the one shape in which errors and findings leave the program.

Errors block a commit; findings never do (spec §5). The two kinds are kept
apart from the first line of code: a Problem carries its kind explicitly.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable, Literal

from .reading.chars import escape

Kind = Literal["error", "finding"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    column: int | None
    code: str
    message: str
    kind: Kind = "error"
    article: str | None = None

    def text(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        cite = f"（{self.article}）" if self.article and self.article not in self.message else ""
        return escape(f"{where}: {self.code} {self.message}{cite}")  # one line, whatever a name holds

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        return {k: data[k] for k in ("kind", "path", "line", "column", "code", "article", "message")}


def error(path: str, line: int | None, column: int | None, code: str, message: str,
          article: str | None = None) -> Problem:
    return Problem(path, line, column, code, message, "error", article)


def finding(path: str, line: int | None, column: int | None, code: str, message: str,
            article: str | None = None) -> Problem:
    return Problem(path, line, column, code, message, "finding", article)


def sort_key(p: Problem) -> tuple[str, int, int, str]:
    return (p.path, p.line or 0, p.column or 0, p.code)


def render_text(problems: Iterable[Problem]) -> str:
    return "".join(p.text() + "\n" for p in sorted(problems, key=sort_key))


def render_json(problems: Iterable[Problem], files: int) -> str:
    items = sorted(problems, key=sort_key)
    summary = {
        "files": files,
        "errors": sum(p.kind == "error" for p in items),
        "findings": sum(p.kind == "finding" for p in items),
    }
    return json.dumps({"problems": [p.as_json() for p in items], "summary": summary},
                      ensure_ascii=False, indent=2) + "\n"
