"""Charts for the generated sites: static SVG drawn at build time.

Every function returns one self-contained ``<svg>`` element: no JavaScript, no
web fonts, no reference to anything outside it (the only URL is the SVG
namespace). Embed it inside ``<div class="chart">…</div>`` so that Markdown
leaves it alone (a ``div`` without ``markdown="1"`` is a raw HTML block) and
the site CSS can frame it.

Accessibility: the root has ``role="img"``, an ``aria-label`` and a
``<title>``, and a ``<desc>`` lists the data in words; every bar, segment and
event carries its own ``<title>`` tooltip with its value. The drawing scales
with its container (``viewBox`` and ``width="100%"``).

Text widths are estimated (a CJK character is 1 em, Latin and digits about
0.55 em): good enough to wrap or shorten long department and project names,
whose full text always stays in a tooltip. Unusable input (empty lists, NaN,
``None``, stray control characters) never raises; with nothing to draw the
result is a small “暂无数据” placeholder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import cast

SVG_NS = "http://www.w3.org/2000/svg"
FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"

# Sober government palette, readable on white: navy, red, teal, ochre, ...
PALETTE = ("#1f4e8c", "#b8322a", "#2f7d6d", "#c98a1b", "#5b6f95",
           "#8a5a9e", "#4f8fbf", "#7a8a3a", "#a0522d", "#6b7280")
INK, MUTED, GRID, AXIS, PAPER = "#1f2937", "#5f6b7a", "#e3e6eb", "#9aa3ae", "#ffffff"
TODAY_COLOUR = "#b8322a"

# Project status (generator/engine/status.py) -> badge class in site.css and
# chart colour, so a status looks the same in a badge and in a chart.
STATUS_CLASSES = {
    "申报中": "status-applying", "评审通过": "status-approved", "评审未通过": "status-rejected",
    "建设中": "status-building", "待验收": "status-awaiting", "已验收": "status-accepted",
    "已自评价": "status-evaluated", "整改中": "status-rectifying", "暂停": "status-suspended",
    "终止": "status-terminated",
}
STATUS_COLOURS = {
    "申报中": "#5b6f95", "评审通过": "#4f8fbf", "评审未通过": "#6b7280", "建设中": "#c98a1b",
    "待验收": "#c4621b", "已验收": "#2f7d6d", "已自评价": "#1f4e8c", "整改中": "#b8322a",
    "暂停": "#8a5a9e", "终止": "#374151",
}

COUNT_UNITS = frozenset({"个", "项", "条", "次", "家", "份", "件", "人", "套", "台"})
EMPTY_TEXT = "暂无数据"

EVENT_KINDS = {  # kind -> (legend label, colour)
    "filing": ("备案", "#1f4e8c"),
    "contract": ("合同", "#c98a1b"),
    "acceptance": ("验收", "#2f7d6d"),
    "finding": ("问题", "#b8322a"),
    "plan": ("计划节点", "#5b6f95"),
}
OTHER_KIND = ("其他", "#6b7280")

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- text and numbers ----------------------------------------------------------

def _clean(text: object) -> str:
    """A one-line string with no character XML 1.0 forbids."""
    return " ".join(_XML_INVALID.sub("", "" if text is None else str(text)).split())


def _esc(text: object) -> str:
    return (_clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _attr(text: object) -> str:
    return _esc(text).replace('"', "&quot;")


def _num(value: object) -> float:
    """A finite float; anything else counts as 0."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def format_value(value: object, unit: str = "") -> str:
    """``1234.5, "万元"`` -> ``1,234.50万元``; counts without decimals."""
    number = _num(value)
    if unit == "万元":
        text = f"{number:,.2f}"
    elif number.is_integer():
        text = f"{number:,.0f}"
    elif unit in COUNT_UNITS:
        text = f"{number:,.1f}"
    else:
        text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return text + _clean(unit)


def _char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch in "il.,:;|!'` ":
        return 0.3
    return 0.62 if ch.isupper() else 0.55


def text_width(text: str, size: float) -> float:
    """Estimated advance width of ``text`` at font size ``size``."""
    return sum(_char_em(ch) for ch in text) * size


def _shorten(text: str, size: float, max_width: float) -> str:
    """``text`` cut to ``max_width`` with a trailing ellipsis when needed."""
    if text_width(text, size) <= max_width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch + "…", size) > max_width:
            break
        out += ch
    return out + "…"


def _wrap(text: str, size: float, max_width: float, max_lines: int = 2) -> list[str]:
    """Greedy wrap (CJK breaks anywhere); the last line is shortened.

    Two lines are balanced, so a name never leaves one character alone on its second line.
    """
    total = text_width(text, size)
    if max_lines == 2 and max_width < total <= 2 * max_width:
        cut = 1
        while text_width(text[:cut], size) < total / 2:
            cut += 1
        if text_width(text[:cut], size) > max_width:
            cut -= 1
        return [text[:cut].rstrip(), _shorten(text[cut:].lstrip(), size, max_width)]
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines - 1 and text_width(rest, size) > max_width:
        cut = 1
        while cut < len(rest) and text_width(rest[:cut + 1], size) <= max_width:
            cut += 1
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        lines.append(_shorten(rest, size, max_width))
    return lines or [""]


# --- SVG pieces ------------------------------------------------------------------

def _text(x: float, y: float, content: str, *, size: float = 12, fill: str = INK,
          anchor: str = "start", weight: str | None = None, extra: str = "") -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" fill="{fill}" '
            f'text-anchor="{anchor}"{bold}{extra}>{content}</text>')


def _svg(kind: str, width: float, height: float, title: str, desc: str, body: Iterable[str],
         *, max_width: float | None = None) -> str:
    # Never drawn smaller than 1:1, so no text falls below its 12 px (WCAG 1.4.4 in
    # spirit); a chart wider than a phone scrolls inside its focusable .chart box.
    style = f"min-width:{math.ceil(width)}px" + (f";max-width:{max_width:.0f}px" if max_width else "")
    desc_id = "chart-desc-" + hashlib.sha1(f"{kind}|{title}|{desc}".encode()).hexdigest()[:10]
    return "".join((
        f'<svg xmlns="{SVG_NS}" class="chart-svg chart-{kind}" viewBox="0 0 {math.ceil(width)} {math.ceil(height)}" '
        f'width="100%" preserveAspectRatio="xMidYMin meet" role="img" aria-label="{_attr(title)}" '
        f'aria-describedby="{desc_id}" font-family="{_attr(FONT_FAMILY)}" style="{style}">',
        f'<title>{_esc(title)}</title><desc id="{desc_id}">{_esc(desc)}</desc>',
        *body,
        "</svg>",
    ))


def empty_chart(title: str = "") -> str:
    """The small placeholder shown when there is nothing to draw."""
    label = f"{_clean(title)}：{EMPTY_TEXT}" if _clean(title) else EMPTY_TEXT
    body = [f'<rect x="0.5" y="0.5" width="319" height="79" rx="6" fill="#f6f7f9" stroke="{GRID}"/>',
            _text(160, 45, EMPTY_TEXT, size=14, fill=MUTED, anchor="middle")]
    return _svg("empty", 320, 80, label, EMPTY_TEXT, body, max_width=320)


def _heading(title: str, width: float) -> list[str]:
    return [_text(0, 18, _esc(_shorten(_clean(title), 15, width)), size=15, weight="bold")]


# --- bar chart -------------------------------------------------------------------

# Charts take the width their content needs (a phone shows ~360 px without
# shrinking); ``max-width`` stops a wide page from blowing them up.
MAX_SCALE = 1.25
MAX_WIDTH = 640.0
BAR_AREA = 140.0  # with labels <= 110 px a bar chart fits a 390 px phone at 1:1


def _title_width(title: str, show_title: bool) -> float:
    return min(text_width(_clean(title), 15) + 4, MAX_WIDTH) if show_title else 0.0


def bar_chart(title: str, items: Sequence[tuple[str, float]], unit: str, *,
              show_title: bool = True, colour: str = PALETTE[0]) -> str:
    """Horizontal bars, one per ``(label, value)``, in the order given."""
    rows = [(_clean(name), _num(value)) for name, value in items or []]
    if not rows:
        return empty_chart(title)
    values = [format_value(v, unit) for _, v in rows]
    label_w = min(110.0, max(text_width(n, 13) for n, _ in rows) + 2)
    value_w = min(120.0, max(text_width(v, 12) for v in values))
    width = max(label_w + 10 + BAR_AREA + 6 + value_w + 4, _title_width(title, show_title), 280.0)
    x0, x1 = label_w + 10, width - value_w - 10
    top = 34.0 if show_title else 4.0
    peak = max((v for _, v in rows), default=0.0)
    body = _heading(title, width) if show_title else []
    body.append("")  # the axis line, once its length is known
    axis_at = len(body) - 1
    y = top
    for (name, value), shown in zip(rows, values):
        lines = _wrap(name, 13, label_w)
        height = 30 if len(lines) == 1 else 44
        length = max((x1 - x0) * max(value, 0.0) / peak if peak > 0 else 0.0, 1.5)
        mid = y + height / 2
        body.append(f'<g class="bar"><title>{_esc(name)}：{_esc(shown)}</title>')
        first = mid + 4.5 - (len(lines) - 1) * 8
        body += [_text(label_w, first + i * 16, _esc(line), size=13, anchor="end")
                 for i, line in enumerate(lines)]
        body.append(f'<rect x="{x0:.1f}" y="{mid - 8:.1f}" width="{length:.1f}" '
                    f'height="16" rx="2" fill="{colour}"/>')
        body.append(_text(x0 + length + 6, mid + 4, _esc(shown), fill=MUTED))
        body.append("</g>")
        y += height
    body[axis_at] = (f'<line x1="{x0:.1f}" y1="{top:.1f}" x2="{x0:.1f}" y2="{y:.1f}" '
                     f'stroke="{AXIS}" stroke-width="1"/>')
    desc = "；".join(f"{n}：{s}" for (n, _), s in zip(rows, values))
    return _svg("bar", width, y + 6, title, desc, body, max_width=width * MAX_SCALE)


def _colours(names: Sequence[str], given: Sequence[str] | dict[str, str] | None) -> list[str]:
    """Colour per name: from a mapping (e.g. STATUS_COLOURS), a list, else the palette."""
    if isinstance(given, dict):
        return [given.get(n) or PALETTE[i % len(PALETTE)] for i, n in enumerate(names)]
    given = list(given or [])
    return [given[i] if i < len(given) else PALETTE[i % len(PALETTE)] for i in range(len(names))]


# --- donut chart -------------------------------------------------------------------

def donut_chart(title: str, items: list[tuple[str, float]], *, show_title: bool = True,
                colours: Sequence[str] | dict[str, str] | None = None) -> str:
    """A ring of the shares of ``(label, value)`` items, with a legend and percentages."""
    rows = [(_clean(name), max(_num(value), 0.0)) for name, value in items or []]
    total = sum(v for _, v in rows)
    if not rows or total <= 0:
        return empty_chart(title)
    top = 34.0 if show_title else 4.0
    radius, ring = 64.0, 26.0
    cx, cy = 4 + radius + ring / 2, top + 6 + radius + ring / 2
    legend_x = cx + radius + ring / 2 + 24
    name_w = min(120.0, max(text_width(n, 13) for n, _ in rows))
    value_w = max(text_width(format_value(v), 13) for _, v in rows)
    value_right = legend_x + 20 + name_w + 12 + value_w
    width = max(value_right + 58, _title_width(title, show_title))
    body = _heading(title, width) if show_title else []
    circumference = 2 * math.pi * radius
    gap = 1.5 if sum(1 for _, v in rows if v > 0) > 1 else 0.0
    fills = _colours([n for n, _ in rows], colours)
    start = 0.0
    legend_top = max(top + 6, cy - len(rows) * 12)
    for i, (name, value) in enumerate(rows):
        colour, share = fills[i], value / total
        tip = f"{name}：{format_value(value)}（{share:.1%}）"
        length = circumference * share
        if value > 0:
            dash = max(length - gap, 0.5)
            body.append(f'<circle class="segment" cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:g}" fill="none" '
                        f'stroke="{colour}" stroke-width="{ring:g}" stroke-dasharray="{dash:.2f} '
                        f'{circumference - dash:.2f}" stroke-dashoffset="{-start:.2f}" '
                        f'transform="rotate(-90 {cx:.1f} {cy:.1f})"><title>{_esc(tip)}</title></circle>')
        start += length
        y = legend_top + i * 24
        body.append(f'<g class="legend-item"><title>{_esc(tip)}</title>'
                    f'<rect x="{legend_x:.1f}" y="{y:.1f}" width="12" height="12" rx="2" fill="{colour}"/>')
        body.append(_text(legend_x + 20, y + 11, _esc(_shorten(name, 13, name_w)), size=13))
        body.append(_text(value_right, y + 11, _esc(format_value(value)), size=13, anchor="end"))
        body.append(_text(width - 2, y + 11, f"{share:.1%}", size=13, fill=MUTED, anchor="end"))
        body.append("</g>")
    body.append(_text(cx, cy + 3, _esc(format_value(total)), size=20, weight="bold", anchor="middle"))
    body.append(_text(cx, cy + 21, "合计", size=12, fill=MUTED, anchor="middle"))
    height = max(cy + radius + ring / 2, legend_top + len(rows) * 24) + 6
    desc = f"合计 {format_value(total)}；" + "；".join(
        f"{n}：{format_value(v)}（{v / total:.1%}）" for n, v in rows)
    return _svg("donut", width, height, title, desc, body, max_width=width * MAX_SCALE)


# --- timeline ----------------------------------------------------------------------

TIMELINE_WIDTH = 680
TIMELINE_TITLE = "项目时间线"
LANE = 36.0
LABEL_MAX = 150.0
SIDE = 24.0


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _lanes(spans: Sequence[tuple[float, float]]) -> list[int]:
    """Assign each label span a lane 0, 1, 2, ... (even above the axis, odd below)."""
    ends: list[float] = []
    chosen = []
    for left, right in spans:
        lane = next((i for i, end in enumerate(ends) if end + 10 <= left), len(ends))
        if lane == len(ends):
            ends.append(right)
        ends[lane] = right
        chosen.append(lane)
    return chosen


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Axis ticks on month starts: yearly, half-yearly, quarterly or monthly by span."""
    days = (last - first).days
    months = 12 if days > 3 * 366 else 6 if days > 366 else 3 if days > 180 else 1
    out: list[tuple[dt.date, str]] = []
    year, month = first.year, first.month
    while True:
        month_index = (month - 1) // months * months + 1
        day = dt.date(year, month_index, 1)
        if day > last:
            return out
        if day >= first:
            out.append((day, f"{day.year}年" if day.month == 1 else f"{day.month}月"))
        month = month_index + months
        year, month = (year + 1, month - 12) if month > 12 else (year, month)


def _marker(x: float, y: float, kind: str, colour: str, r: float = 6) -> str:
    if kind == "plan":
        return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" fill="{PAPER}" stroke="{colour}" '
                f'stroke-width="2" stroke-dasharray="2.5 2"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" fill="{colour}" stroke="{PAPER}" stroke-width="2"/>'


def _events(events: Iterable[object] | None) -> list[tuple[dt.date, str, str]]:
    """Usable ``(date, text, kind)`` events in date order; anything else is dropped."""
    rows = []
    for event in events or []:
        try:
            day, text, kind = cast("tuple[object, object, object]", event)
        except (TypeError, ValueError):
            continue
        day = _as_date(day)
        if day is not None:
            rows.append((day, _clean(text), str(kind) if kind in EVENT_KINDS else "other"))
    return sorted(rows, key=lambda r: r[0])


def _timeline_legend(kinds: Iterable[str]) -> str:
    parts, x = ['<g class="legend">'], 0.0
    for kind in kinds:
        name, colour = EVENT_KINDS.get(kind, OTHER_KIND)
        parts += [_marker(x + 6, 10, kind, colour, 5), _text(x + 16, 14, _esc(name), fill=MUTED)]
        x += 16 + text_width(name, 12) + 18
    return "".join(parts) + "</g>"


def _timeline_axis(ticks: list[tuple[float, str]], axis_y: float) -> list[str]:
    parts = [f'<line x1="{SIDE / 2:.1f}" y1="{axis_y:.1f}" x2="{TIMELINE_WIDTH - SIDE / 2:.1f}" '
             f'y2="{axis_y:.1f}" stroke="{AXIS}" stroke-width="2"/>']
    for x, text in ticks:
        parts.append(f'<line x1="{x:.1f}" y1="{axis_y:.1f}" x2="{x:.1f}" y2="{axis_y + 5:.1f}" stroke="{AXIS}"/>')
        parts.append(_text(x, axis_y + 17, _esc(text), size=12, fill=MUTED, anchor="middle"))
    return parts


def _today_marker(x: float, today: dt.date, top: float, bottom: float) -> str:
    anchor = "end" if x > TIMELINE_WIDTH - 80 else "start" if x < 80 else "middle"
    return (f'<g class="today"><title>今天：{today.isoformat()}</title>'
            f'<line x1="{x:.1f}" y1="{top - 4:.1f}" x2="{x:.1f}" y2="{bottom - 4:.1f}" '
            f'stroke="{TODAY_COLOUR}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            + _text(x, top - 8, f"今天 {today.isoformat()}", size=12, fill=TODAY_COLOUR,
                    anchor=anchor, weight="bold") + "</g>")


def _event_svg(event: tuple[dt.date, str, str], label: tuple[str, float, float], x: float,
               lane: int, axis_y: float) -> tuple[str, str]:
    """The event's group (label box and marker) and its leader line."""
    (day, text, kind), (main, left, width) = event, label
    name, colour = EVENT_KINDS.get(kind, OTHER_KIND)
    level = lane // 2
    if lane % 2 == 0:  # above the axis
        box_top = axis_y - 12 - (level + 1) * LANE + 4
        ends = (axis_y - 7, box_top + LANE - 4)
    else:
        box_top = axis_y + 24 + level * LANE
        ends = (axis_y + 7, box_top)
    dashed = ' stroke-dasharray="3 2"' if kind == "plan" else ""
    leader = (f'<line x1="{x:.1f}" y1="{ends[0]:.1f}" x2="{x:.1f}" y2="{ends[1]:.1f}" '
              f'stroke="{colour}" stroke-opacity="0.55" stroke-width="1"{dashed}/>')
    ink = colour if kind in ("finding", "plan") else INK
    style = ' font-style="italic"' if kind == "plan" else ""
    group = (f'<g class="event event-{kind}"><title>{_esc(f"{day.isoformat()} {text}（{name}）")}</title>'
             f'<rect x="{left:.1f}" y="{box_top:.1f}" width="{width:.1f}" height="{LANE - 4:g}" rx="3" '
             f'fill="{PAPER}" fill-opacity="0.92"/>'
             + _text(left + 4, box_top + 12, day.isoformat(), size=12, fill=MUTED)
             + _text(left + 4, box_top + 27, _esc(main), fill=ink, extra=style)
             + _marker(x, axis_y, kind, colour) + "</g>")
    return group, leader


def timeline(events: list[tuple[dt.date, str, str]], *, today: dt.date | None = None) -> str:
    """A horizontal dated timeline of ``(date, text, kind)`` events for one project.

    ``kind`` is one of ``EVENT_KINDS``; ``plan`` events (such as 计划完成日期)
    are drawn hollow and dashed. Labels alternate above and below the axis and
    move outwards until they do not overlap; ``today`` adds a dashed marker.
    """
    rows = _events(events)
    if not rows:
        return empty_chart(TIMELINE_TITLE)
    today = _as_date(today)
    dates = [r[0] for r in rows] + ([today] if today else [])
    pad = max(dt.timedelta(days=15), (max(dates) - min(dates)) * 0.04)
    first, last = min(dates) - pad, max(dates) + pad
    span = (last - first).days or 1

    def x_of(day: dt.date) -> float:
        return SIDE + (TIMELINE_WIDTH - 2 * SIDE) * (day - first).days / span

    labels = []
    for day, text, _ in rows:
        main = _shorten(text, 12, LABEL_MAX)
        width = max(text_width(main, 12), text_width(day.isoformat(), 12)) + 8
        left = min(max(x_of(day) - width / 2, 2.0), TIMELINE_WIDTH - width - 2)
        labels.append((main, left, width))
    lanes = _lanes([(left, left + width) for _, left, width in labels])
    above = max((lane // 2 + 1 for lane in lanes if lane % 2 == 0), default=0)
    below = max((lane // 2 + 1 for lane in lanes if lane % 2 == 1), default=0)
    top = 30.0 + (18 if today else 0)
    axis_y = top + above * LANE + 12
    bottom = axis_y + 26 + below * LANE
    drawn = [_event_svg(row, label, x_of(row[0]), lane, axis_y) for row, label, lane in zip(rows, labels, lanes)]
    body = [_timeline_legend(k for k in (*EVENT_KINDS, "other") if any(r[2] == k for r in rows)),
            '<g class="leaders">' + "".join(leader for _, leader in drawn) + "</g>",
            *_timeline_axis([(x_of(day), text) for day, text in _ticks(first, last)], axis_y)]
    if today:
        body.append(_today_marker(x_of(today), today, top, bottom))
    body += [group for group, _ in drawn]
    desc = f"共 {len(rows)} 个事件：" + "；".join(
        f"{d.isoformat()} {t}（{EVENT_KINDS.get(k, OTHER_KIND)[0]}）" for d, t, k in rows)
    return _svg("timeline", TIMELINE_WIDTH, bottom, TIMELINE_TITLE, desc, body)


def timeline_list(events: list[tuple[dt.date, str, str]], *, today: dt.date | None = None) -> str:
    """The timeline's events as an ordered HTML list inside a closed ``<details>``.

    The text alternative of :func:`timeline` for readers who prefer text: a screen
    reader reads it in order and a phone shows it without sideways scrolling.
    Empty when there is no event.
    """
    rows = _events(events)
    if not rows:
        return ""
    items = []
    for day, text, kind in rows:
        name = EVENT_KINDS.get(kind, OTHER_KIND)[0]
        items.append(f'<li class="kind-{_attr(kind)}"><time datetime="{day.isoformat()}">{day.isoformat()}</time>'
                     f'{_esc(text)}<span class="timeline-kind">（{_esc(name)}）</span></li>')
    today = _as_date(today)
    note = f"，数据截至 {today.isoformat()}" if today else ""
    return (f'<details class="timeline-details"><summary>以列表查看时间线（{len(rows)} 个事件{note}）</summary>'
            f'<ol class="timeline-list">{"".join(items)}</ol></details>')
