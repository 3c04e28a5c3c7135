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

from .bars import bar_chart, donut_chart
from .svg import STATUS_CLASSES, STATUS_COLOURS, SVG_NS, empty_chart, format_value, text_width
from .timeline import EVENT_KINDS, timeline, timeline_list

__all__ = ["EVENT_KINDS", "STATUS_CLASSES", "STATUS_COLOURS", "SVG_NS", "bar_chart", "donut_chart", "empty_chart",
           "format_value", "text_width", "timeline", "timeline_list"]
