"""WCAG 2.1 AA on every page of both sites, on a desktop (1366 px) and a phone (390 px).

axe-core (vendored under vendor/axe-core/, MPL-2.0) runs in real headless
Chromium on every HTML page of the public catalog and the internal library
built from the demo district, with the rule tags wcag2a, wcag2aa, wcag21a and
wcag21aa; any violation fails the test and is listed with its page and element.
Each site is served over HTTP from its own root, as deployed.

axe cannot judge everything: the tests below also check that chart text is
at least 12 px as rendered, that charts and timelines carry a text
alternative, and that the keyboard reaches what the mouse reaches.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import site_pages

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + " — " + (n.failureSummary || "").split("\\n").slice(1, 2).join("").trim())
  }));
}"""

# Rendered size of every SVG text: font-size in user units times the drawing's scale.
CHART_TEXT_SIZES = """() => Array.from(document.querySelectorAll(".chart svg text")).map(t => {
  const m = t.getScreenCTM();
  const size = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
  return [t.textContent, Math.round(size * 100) / 100];
})"""


def _load(page, url: str) -> None:
    page.goto(url, wait_until="load")
    # a11y.js has run (it names material's toggles once the theme is mounted).
    # (The 404 page is self-contained, without the theme or scripts.)
    page.wait_for_function("() => { const s = document.getElementById('__search'); return !s || s.hasAttribute('aria-label'); }")


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN_AXE, TAGS)
    return [f"{v['id']}（{v['impact']}，{v['help']}）：{node}" for v in found for node in v["nodes"][:5]]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("site", ["site", "library"])
def test_axe_finds_no_violation_on_any_page(page, http_server, demo_district: Path, site: str, width: str) -> None:
    root = demo_district / site
    base = http_server(root)
    page.set_viewport_size(WIDTHS[width])
    pages = site_pages(root)
    assert len(pages) > 15 and "index.html" in pages and "open-data.html" in pages
    problems = []
    for rel in pages:
        _load(page, base + rel)
        problems += [f"{site}/{rel} @ {WIDTHS[width]['width']}px: {p}" for p in axe_violations(page)]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_axe_passes_with_search_results_and_menu_open(page, http_server, demo_district: Path, width: str) -> None:
    """The theme's own components in their open states: search results and (on a phone) the nav drawer."""
    from searchbox import search

    base = http_server(demo_district / "site")
    page.set_viewport_size(WIDTHS[width])
    _load(page, base + "index.html")
    assert search(page, "平台")
    problems = axe_violations(page)
    # The library's full-text search (fulltext.js) with results.
    library = http_server(demo_district / "library")
    page.goto(library + "fulltext.html?search=鲁西建设")
    page.locator(".fulltext-result-link").first.wait_for()
    problems += [f"library/fulltext.html: {p}" for p in axe_violations(page)]
    if width == "phone":
        _load(page, base + "projects/index.html")
        page.locator(".md-header label[for=__drawer]").click()
        page.locator(".md-nav--primary").first.wait_for()
        page.wait_for_timeout(300)
        problems += axe_violations(page)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_chart_text_is_at_least_12px_as_rendered(page, http_server, demo_district: Path, width: str) -> None:
    page.set_viewport_size(WIDTHS[width])
    checked = 0
    for site, rel in [("site", "index.html"), ("site", "projects/2024-AJB-01.html"),
                      ("library", "index.html"), ("library", "findings.html"),
                      ("library", "projects/2024-AJB-01.html")]:
        base = http_server(demo_district / site)
        _load(page, base + rel)
        sizes = page.evaluate(CHART_TEXT_SIZES)
        assert sizes, f"{site}/{rel} 没有图表文字"
        small = [s for s in sizes if s[1] < 11.99]
        assert small == [], f"{site}/{rel} @ {width}: {small[:10]}"
        checked += len(sizes)
    assert checked > 50


def test_charts_and_timelines_have_text_alternatives(page, http_server, demo_district: Path) -> None:
    base = http_server(demo_district / "site")
    for rel in ("index.html", "projects/2024-AJB-01.html"):
        _load(page, base + rel)
        svgs = page.locator(".chart svg")
        assert svgs.count() >= 1
        for i in range(svgs.count()):
            svg = svgs.nth(i)
            assert svg.get_attribute("role") == "img"
            assert svg.get_attribute("aria-label")
            described = svg.get_attribute("aria-describedby")
            assert described, rel
            desc = page.locator(f"[id='{described}']").text_content() or ""
            assert len(desc) > 10 and "：" in desc, desc
    # The timeline is also a plain list a screen reader (and a phone) reads in order.
    items = page.locator("ol.timeline-list > li")
    assert items.count() >= 5
    assert items.first.locator("time").count() == 1


def test_keyboard_reaches_scrolling_tables_and_the_project_list_tools(page, http_server, demo_district: Path) -> None:
    base = http_server(demo_district / "site")
    page.set_viewport_size(WIDTHS["phone"])
    _load(page, base + "projects/index.html")
    reached: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(
            "() => { const e = document.activeElement; return e.tagName + '|' + (e.getAttribute('role') || '') + '|'"
            " + (e.getAttribute('aria-label') || e.textContent.trim().slice(0, 20)); }"))
    joined = "\n".join(reached)
    assert "SELECT|" in joined, joined  # the filters
    assert any(r.startswith("BUTTON|") and "核定投资" in r for r in reached), joined  # a sort button
    assert any(r.split("|")[1] == "region" for r in reached), joined  # the scrolling table
