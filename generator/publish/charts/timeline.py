"""The project timeline: events on a time axis (or, on a phone, as a list)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import cast

from .svg import AXIS, INK, MUTED, PAPER, TODAY_COLOUR, _attr, _clean, _esc, _shorten, _svg, _text, empty_chart, text_width

EVENT_KINDS = {  # kind -> (legend label, colour)
    "filing": ("备案", "#1f4e8c"),
    "contract": ("合同", "#c98a1b"),
    "acceptance": ("验收", "#2f7d6d"),
    "finding": ("问题", "#b8322a"),
    "plan": ("计划节点", "#5b6f95"),
}
OTHER_KIND = ("其他", "#6b7280")

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
    drawn = [_event_svg(row, label, x_of(row[0]), lane, axis_y) for row, label, lane in zip(rows, labels, lanes, strict=False)]
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
