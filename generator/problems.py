"""Problems: the one shape in which errors and findings leave the program.

Errors block a commit; findings never do (spec §5). The two kinds are kept
apart from the first line of code: a Problem carries its kind explicitly.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from .reading.chars import escape

ProblemKind = Literal["error", "finding"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    column: int | None
    code: str
    message: str
    kind: ProblemKind = "error"
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


# Numbers that move with --as-of or with the text around them (day counts, amounts, line numbers quoted
# in a message) are blanked; ISO dates and years stay, as they name which deadline or period is meant.
_VOLATILE = re.compile(r"(?<![\d-])\d+(?:\.\d+)?(?![\d-])")
_DATE_OR_YEAR = re.compile(r"^(?:\d{4})$")


def _stable(message: str) -> str:
    def blank(m: re.Match[str]) -> str:
        return m.group(0) if _DATE_OR_YEAR.match(m.group(0)) else "#"

    return " ".join(_VOLATILE.sub(blank, message).split())


# Where a message's identifying part ends, for the codes whose wording also tells what happened
# since (F150 names any later adjustment of the approved investment): the same overrun keeps its
# fingerprint when an adjustment is filed after it.
IDENTITY_ENDS = {"F150": "，超过"}


def fingerprint(problem: Problem) -> str:
    """A stable id for one problem: the same problem found on another day, or after lines were
    added above it, keeps its fingerprint (the line and column are not part of it, day counts and
    amounts are blanked). Review summaries use it to tell findings a change introduces from those
    already present at the base; GitLab Code Quality reports use it as the issue's fingerprint.
    Two problems of one code in one file with the same wording share a fingerprint; callers that
    need unique ids number the repeats."""
    end = IDENTITY_ENDS.get(problem.code)
    message = problem.message.split(end, 1)[0] if end else problem.message
    text = "\0".join((problem.kind, problem.code, problem.path, _stable(message)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


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


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping (actions/toolkit, command.ts: escapeData).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(p: Problem) -> str:
    level = "error" if p.kind == "error" else "warning"
    props = [f"file={_escape_property(p.path)}"]
    if p.line is not None:
        props += [f"line={p.line}", f"col={p.column or 1}"]
    title = f"{p.code} {p.article}" if p.article else p.code
    props.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(props)}::{_escape_data(p.text())}"


def _said(p: Problem) -> str:
    """The problem without its location: `CODE 信息（条款）`."""
    cite = f"（{p.article}）" if p.article and p.article not in p.message else ""
    return escape(f"{p.code} {p.message}{cite}")


def render_github(problems: Iterable[Problem]) -> str:
    """GitHub / Gitea Actions workflow commands: each problem annotates its file and line.

    Errors are `::error`, findings `::warning`; the message is the usual text line,
    so the log reads the same as `--format text`.
    """
    return "".join(_annotation(p) + "\n" for p in sorted(problems, key=sort_key))


# GitLab Code Quality severities: an error blocks the merge, a finding asks the
# reviewer to look (docs/代码托管平台.md explains the choice).
GITLAB_SEVERITY = {"error": "blocker", "finding": "minor"}


def render_gitlab(problems: Iterable[Problem]) -> str:
    """A GitLab Code Quality report (JSON array), also read by 极狐GitLab."""
    issues: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for p in sorted(problems, key=sort_key):
        fp = fingerprint(p)
        seen[fp] = seen.get(fp, 0) + 1
        if seen[fp] > 1:  # the same problem twice in one file: keep each one unique
            fp = hashlib.sha256(f"{fp}|{seen[fp]}".encode()).hexdigest()[:32]
        issues.append({
            "description": _said(p),
            "check_name": p.code,
            "fingerprint": fp,
            "severity": GITLAB_SEVERITY[p.kind],
            "location": {"path": p.path, "lines": {"begin": p.line or 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
