"""The jinja2 environment of the page templates, and the filters that format values for them.

Every value a template prints goes through `text()`: HTML-escaped and with the
characters Markdown or its extensions would act on written as numeric entities,
so a filing's value stays text in a Markdown table, in a heading and inside our
own raw HTML alike. Only `Markup` passes unchanged: the charts' SVG, filing
bodies rendered by publish.markdown, and the templates' own macros.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import jinja2
from markupsafe import Markup

from ..templates import TEMPLATES
from . import charts

_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "*_`[](){}|\\#=~!^$"}
_ENTITIES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#39;",
                  ord("\n"): " ", ord("\r"): " ", ord("\t"): " "})


def text(value: Any) -> Markup:
    """A value as inert text for Markdown and HTML contexts (jinja finalize)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(str(value).translate(_ENTITIES))


def amount(value: Decimal | float | None, empty: str = "—") -> str:
    if value is None:
        return empty
    number = Decimal(str(value)).quantize(Decimal("0.01"))
    shown = format(number, ",f").rstrip("0").rstrip(".") if "." in format(number, "f") else format(number, ",f")
    return shown


def day(value: dt.date | None, empty: str = "—") -> str:
    return value.isoformat() if isinstance(value, dt.date) else empty


def shown(value: Any) -> str:
    """Any front-matter value as display text."""
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return amount(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "、".join(shown(v) for v in value)
    return str(value)


env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES.site)), autoescape=True, finalize=text,
    undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
)
env.filters.update(amount=amount, day=day, shown=shown)


def signed(value: Decimal | int | None, unit: str = "") -> str:
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    return f"{sign}{amount(value) if isinstance(value, Decimal) else value}{unit}"


def variance_cost(v: Any) -> str:
    if v is None or v.cost is None:
        return "—" if v is None else v.cost_figure
    return f"{signed(v.cost)} 万元（{v.cost_figure}）"


def variance_days(v: Any) -> str:
    if v is None or v.schedule_days is None:
        return "—"
    if v.schedule_days > 0:
        return f"晚 {v.schedule_days} 天（{v.schedule_figure}）"
    if v.schedule_days < 0:
        return f"提前 {-v.schedule_days} 天（{v.schedule_figure}）"
    return f"按期（{v.schedule_figure}）"


DEADLINE_STATES = {"missed": "已逾期", "coming": "待完成", "unknown": "无法计算", "late": "逾期完成", "met": "按期完成"}


def deadline_state(d: Any) -> Markup:
    label = DEADLINE_STATES.get(d.state, d.state)
    done = f" {d.done.isoformat()}" if d.done else ""
    return Markup('<span class="badge {}">{}</span>').format(STATE_CLASSES.get(d.state, ""), label + done)


STATE_CLASSES = {"missed": "bad", "late": "warn", "unknown": "warn", "met": "ok", "coming": ""}


def status_class(status: str) -> str:
    return charts.STATUS_CLASSES.get(status, "")


env.globals.update(signed=signed, variance_cost=variance_cost, variance_days=variance_days,
                    deadline_state=deadline_state, status_class=status_class)
