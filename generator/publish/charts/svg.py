"""The pieces every chart is drawn with: palette, text widths and wrapping, escaping, the <svg> root."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable

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
