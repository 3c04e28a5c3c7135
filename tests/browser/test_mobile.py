"""Phones (390 px): nothing is cut off on any page of either site.

Every page is opened at 390 × 844 in headless Chromium and photographed into
test-artifacts/screenshots/mobile-*.png (git-ignored) for review. The test
then asserts, programmatically:
  * the page itself never scrolls sideways;
  * no visible element of the page content reaches past the screen's edges
    unless it sits inside a box that scrolls (or clips) and that box itself
    lies within the screen — and such a box that actually scrolls is
    reachable by keyboard (tabindex="0") and named (role="region" + label);
  * the project lists show their key columns (项目名称, 核定投资, 状态)
    without scrolling, and the project timeline's text stays >= 12 px.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import site_pages

PHONE = {"width": 390, "height": 844}

CUT_OFF = """() => {
  const W = document.documentElement.clientWidth;
  const inside = r => r.left >= -1 && r.right <= W + 1;
  // The nearest box that scrolls or clips sideways and itself lies within the screen.
  const scroller = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (["auto", "scroll", "hidden", "clip"].includes(s.overflowX) && inside(p.getBoundingClientRect())) return p;
    }
    return null;
  };
  const bad = [], boxes = new Set();
  // The header's collapsed search box waits off-screen by design; it is checked open elsewhere.
  for (const el of document.querySelectorAll(".md-content *, .md-header *:not(.md-search *), .md-footer *")) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || s.visibility === "hidden" || s.display === "none") continue;
    if (inside(r)) continue;
    const box = scroller(el);
    if (box) { boxes.add(box); continue; }
    bad.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "")
             + " [" + Math.round(r.left) + ", " + Math.round(r.right) + "] " + (el.textContent || "").trim().slice(0, 30));
  }
  const unreachable = [];
  for (const box of boxes) {
    const s = getComputedStyle(box);
    if (!["auto", "scroll"].includes(s.overflowX) || box.scrollWidth <= box.clientWidth + 1) continue;
    if (box.getAttribute("tabindex") !== "0" || !box.getAttribute("role") ||
        !(box.getAttribute("aria-label") || box.getAttribute("aria-labelledby"))) {
      unreachable.push(box.tagName.toLowerCase() + "." + String(box.className).trim().split(/\\s+/).join("."));
    }
  }
  return {pageWidth: document.documentElement.scrollWidth, bad: bad.slice(0, 10), unreachable};
}"""


def _slug(site: str, rel: str) -> str:
    return f"mobile-{site}-" + rel.removesuffix(".html").replace("/", "-")


@pytest.mark.parametrize("site", ["site", "library"])
def test_nothing_is_cut_off_on_a_phone(page, http_server, demo_district: Path, screenshot, site: str) -> None:
    root = demo_district / site
    base = http_server(root)
    page.set_viewport_size(PHONE)
    problems = []
    pages = site_pages(root)
    assert len(pages) > 15
    for rel in pages:
        page.goto(base + rel)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(50)
        screenshot(page, _slug(site, rel))
        found = page.evaluate(CUT_OFF)
        if found["pageWidth"] > PHONE["width"]:
            problems.append(f"{site}/{rel}: 页面宽 {found['pageWidth']} px，超出屏幕")
        problems += [f"{site}/{rel}: 超出屏幕：{b}" for b in found["bad"]]
        problems += [f"{site}/{rel}: 可横向滚动但键盘无法到达或没有名称：{u}" for u in found["unreachable"]]
    assert problems == [], "\n".join(problems)


KEY_COLUMNS = ("项目", "核定投资", "状态")


@pytest.mark.parametrize("rel", ["projects/index.html", "projects/by-dept.html", "projects/by-year.html",
                                 "projects/by-category.html"])
def test_project_lists_show_key_columns_first_on_a_phone(page, http_server, demo_district: Path, rel: str) -> None:
    base = http_server(demo_district / "site")
    page.set_viewport_size(PHONE)
    page.goto(base + rel)
    page.wait_for_load_state("networkidle")
    table = page.locator("article table").first
    headers = table.locator("thead th")
    texts = [h.strip() for h in headers.all_inner_texts()]
    assert texts[0].startswith("项目") and texts[1].startswith("核定投资") and texts[2].startswith("状态"), texts
    for i, name in enumerate(KEY_COLUMNS):
        box = headers.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (name, box)
    cell = table.locator("tbody tr").first.locator("td").nth(2)
    box = cell.bounding_box()
    assert box and box["x"] + box["width"] <= PHONE["width"], box


def test_timeline_stays_readable_on_a_phone(page, http_server, demo_district: Path, screenshot) -> None:
    base = http_server(demo_district / "site")
    page.set_viewport_size(PHONE)
    page.goto(base + "projects/2024-AJB-01.html")
    page.wait_for_load_state("networkidle")
    chart = page.locator(".chart:has(svg.chart-timeline)")
    chart.scroll_into_view_if_needed()
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll("svg.chart-timeline text")).map(t =>
        parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)""")
    assert sizes and min(sizes) >= 11.99, min(sizes)
    # It scrolls inside its own box, which a keyboard can reach and scroll.
    assert chart.get_attribute("tabindex") == "0" and chart.get_attribute("role") == "region"
    chart.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    # (Keyboard scrolling may be animated: wait for it rather than read at once.)
    page.wait_for_function("document.querySelector('.chart:has(svg.chart-timeline)').scrollLeft > 0", timeout=5000)
    screenshot(page, "mobile-timeline", full_page=False)
    # The list form of the timeline fits the screen.
    page.locator(".timeline-details > summary").click()
    items = page.locator("ol.timeline-list > li")
    assert items.count() >= 5
    for i in range(items.count()):
        box = items.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, "mobile-timeline-list", full_page=False)
