"""filings due: deadlines coming and missed, per department (spec §8), as text, JSON or an iCalendar feed."""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Callable, Iterable

from ..engine import assess
from ..engine.calendar import Calendar
from ..engine.model import Deadline
from ..model import Registry
from . import load_repo

NAME = "due"
HELP = "列出各部门今后一段时间内到期、已经逾期和无法计算的备案期限"
SHOWN = ("missed", "coming", "unknown")  # the order of the groups under each department
GROUP_TITLES = {"missed": "已逾期", "coming": "即将到期", "unknown": "期限无法计算"}
PRODID = "-//zhengwu-filings//filings due//ZH-CN"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dept", metavar="CODE", default=None, help="只列出该部门的期限（部门代码，如 SHSY）")
    p.add_argument("--days", type=_days, default=30, metavar="N", help="列出今后 N 天内到期的期限（默认 30）")
    p.add_argument("--format", choices=("text", "json", "ics"), default="text",
                   help="输出格式：text 文本、json、ics 日历（可在日历软件中订阅）")


MAX_DAYS = 36500  # a century; beyond it the last day would leave the calendar


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"天数“{text}”不对，应为 0 或正整数，例如 --days 30")
    if len(text) > 6 or int(text) > MAX_DAYS:
        raise argparse.ArgumentTypeError(f"天数“{text}”太大：最多 {MAX_DAYS}（一百年），例如 --days 365")
    return int(text)


def run(args: argparse.Namespace) -> int:
    repo = load_repo(args)
    if repo is None:
        return 2
    if args.dept is not None and args.dept not in repo.registry.departments:
        known = "、".join(repo.registry.departments) or "（无）"
        print(f"用法错误：部门代码 {args.dept} 未在 filings/registry.yml 中登记（代码区分大小写）：已登记 {known}",
              file=sys.stderr)
        return 2
    deadlines = [d for a in assess(repo, args.severe_delay_days).values() for d in a.deadlines]
    chosen = select(deadlines, args.as_of, args.dept, args.days)
    sys.stdout.write(RENDERERS[args.format](chosen, repo.registry, args.as_of, args.days, args.dept))
    warning = Calendar.of(repo.calendar_file).schedule_warning(args.as_of)
    if warning:  # on stderr, so that a saved .ics or .json stays clean
        print(f"提醒：{warning}", file=sys.stderr)
    if any(p.kind == "error" for p in repo.problems):
        print("注意：仓库中有备案文件存在错误，相关期限可能缺失；运行 filings check 查看。", file=sys.stderr)
    return 0


# --- selection ----------------------------------------------------------------

def select(deadlines: Iterable[Deadline], as_of: dt.date, dept: str | None, days: int) -> list[Deadline]:
    """Missed, unknown and coming-within-`days` deadlines (of `dept`), soonest first."""
    last = as_of + dt.timedelta(days=min(days, (dt.date.max - as_of).days))
    chosen = [d for d in deadlines if (dept is None or d.dept == dept) and _shown(d, last)]
    return sorted(chosen, key=_soonest)


def _shown(d: Deadline, last: dt.date) -> bool:
    if d.state == "coming":
        return d.due is not None and d.due <= last
    return d.state in ("missed", "unknown")


def _soonest(d: Deadline) -> tuple[dt.date, str, str]:
    return (d.due or dt.date.max, d.project_id, d.title)


def by_department(deadlines: list[Deadline], registry: Registry) -> list[tuple[str, list[Deadline]]]:
    """Groups in registry order (unregistered codes last), each keeping its order."""
    order = {code: i for i, code in enumerate(registry.departments)}
    codes = sorted({d.dept for d in deadlines}, key=lambda c: (order.get(c, len(order)), c))
    return [(code, [d for d in deadlines if d.dept == code]) for code in codes]


# --- text -----------------------------------------------------------------------

def render_text(deadlines: list[Deadline], registry: Registry, as_of: dt.date, days: int,
                dept: str | None = None) -> str:
    lines = [f"截至 {as_of}：已逾期、今后 {days} 天内到期和无法计算的备案期限"]
    if not deadlines:
        return lines[0] + "\n\n没有需要处理的期限。\n"
    for code, group in by_department(deadlines, registry):
        lines += ["", f"{registry.name_of(code)}（{code}）"]
        for state in SHOWN:
            items = [d for d in group if d.state == state]
            if items:
                lines.append(f"  {GROUP_TITLES[state]}（{len(items)} 项）")
                lines += [f"    {_text_line(d, as_of)}" for d in items]
    return "\n".join(lines) + "\n"


def _text_line(d: Deadline, as_of: dt.date) -> str:
    reason = f"：{d.reason}" if d.reason else ""
    return f"{_when(d, as_of)}  {d.project_id} {d.title}{reason}  {d.article}"


def _when(d: Deadline, as_of: dt.date) -> str:
    if d.due is None:
        return "日期无法计算"
    left = (d.due - as_of).days
    if left < 0:
        return f"{d.due}（已逾期 {-left} 天）"
    return f"{d.due}（今天到期）" if left == 0 else f"{d.due}（还有 {left} 天）"


# --- JSON -----------------------------------------------------------------------

def render_json(deadlines: list[Deadline], registry: Registry, as_of: dt.date, days: int,
                dept: str | None = None) -> str:
    data = {
        "as_of": as_of.isoformat(),
        "days": days,
        "departments": [{"code": code, "name": registry.name_of(code), "deadlines": [_as_json(d, as_of) for d in group]}
                        for code, group in by_department(deadlines, registry)],
        "summary": {state: sum(d.state == state for d in deadlines) for state in SHOWN},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _as_json(d: Deadline, as_of: dt.date) -> dict[str, object]:
    return {
        "project": d.project_id, "title": d.title, "state": d.state, "article": d.article,
        "due": d.due.isoformat() if d.due else None,
        "days_left": (d.due - as_of).days if d.due else None,
        "reason": d.reason, "path": d.path, "line": d.line,
    }


# --- iCalendar (RFC 5545) -----------------------------------------------------

def render_ics(deadlines: list[Deadline], registry: Registry, as_of: dt.date, days: int,
               dept: str | None = None) -> str:
    """One all-day event per dated deadline; reproducible (DTSTAMP is as_of, never the clock)."""
    name = f"{registry.district or '信息系统项目'}备案期限" + (f"（{registry.name_of(dept)}）" if dept else "")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(name)}", "X-WR-TIMEZONE:Asia/Shanghai"]
    stamp = as_of.strftime("%Y%m%dT000000Z")
    for d in deadlines:
        if d.due is not None:
            lines += _event(d, registry, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(d: Deadline, registry: Registry, stamp: str) -> list[str]:
    assert d.due is not None
    mark = "【已逾期】" if d.state == "missed" else ""
    description = "\n".join(filter(None, [d.reason, f"依据：{d.article}", f"责任部门：{registry.name_of(d.dept)}",
                                          f"文件：{d.path}" if d.path else ""]))
    return ["BEGIN:VEVENT", f"UID:{uid(d)}", f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{d.due:%Y%m%d}", f"DTEND;VALUE=DATE:{d.due + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(f'{mark}{d.project_id} {d.title}')}", f"DESCRIPTION:{escape(description)}",
            f"CATEGORIES:{escape(GROUP_TITLES[d.state])}", "TRANSP:TRANSPARENT", "END:VEVENT"]


def uid(d: Deadline) -> str:
    """Stable across runs and states, so a subscribed calendar updates the event instead of adding one."""
    key = f"{d.project_id}/{d.title}/{d.due}".encode()
    return f"{hashlib.sha256(key).hexdigest()[:32]}@filings-due"


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Fold at `limit` octets, never inside a UTF-8 character (RFC 5545 §3.1)."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1  # a continuation line starts with one space, which counts
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


RENDERERS: dict[str, Callable[..., str]] = {"text": render_text, "json": render_json, "ics": render_ics}
