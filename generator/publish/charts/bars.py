"""Bar and donut charts."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .svg import (
    AXIS,
    MUTED,
    PALETTE,
    _clean,
    _esc,
    _heading,
    _num,
    _shorten,
    _svg,
    _text,
    _wrap,
    empty_chart,
    format_value,
    text_width,
)

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
    for (name, value), shown in zip(rows, values, strict=False):
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
    desc = "；".join(f"{n}：{s}" for (n, _), s in zip(rows, values, strict=False))
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
