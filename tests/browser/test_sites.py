"""The real sites, built by `filings build` from the demo district, in a real browser.

Pages are served over HTTP on 127.0.0.1 (the conftest recorder aborts and
records any request to another host) and screenshots are saved under
test-artifacts/screenshots/ for review.
"""
from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from searchbox import SEARCH_INPUT, search

from generator.cli import main
from generator.publish.sites import LIBRARY_NAME, PUBLIC_NAME

REPO_ROOT = Path(__file__).resolve().parents[2]
FILINGS = REPO_ROOT / "filings"
AS_OF = "2026-11-29"

HOME = "site/index.html"
OPEN_DATA = "site/open-data.html"
PROJECT_ID = "2024-AJB-01"  # 高新区应急指挥中心建设项目: contracts, acceptance, a 计划完成日期
PROJECT = f"site/projects/{PROJECT_ID}.html"
FINDINGS = "library/findings.html"

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding a copy of the demo district, with both sites built."""
    repo = tmp_path_factory.mktemp("district")
    shutil.copytree(FILINGS, repo / "filings")
    git = ["git", "-c", "user.name=测试", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "示范区备案"], cwd=repo, check=True)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["build", "--repo", str(repo), "--as-of", AS_OF])
    assert code == 0, out.getvalue()
    assert (repo / HOME).is_file() and (repo / FINDINGS).is_file(), out.getvalue()
    return repo


@pytest.fixture
def base(http_server, district: Path) -> str:
    return http_server(district)


def demo_projects() -> dict[str, str]:
    """Project id -> 项目名称, read from the demo filings."""
    names = {}
    for path in sorted(FILINGS.glob("*/立项申请.md")):
        match = re.search(r"^项目名称:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)
        if match:
            names[path.parent.name] = match.group(1).strip()
    return names


def heading(page) -> str:
    """The page's h1 without material's permalink sign."""
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def assert_local(request_urls: list[str], base: str) -> None:
    foreign = [u for u in request_urls if not u.startswith(base) and not u.startswith(("data:", "blob:", "about:"))]
    assert foreign == [], foreign


def visible_rows(page) -> int:
    return page.locator("table.od-table tbody tr:visible").count()


# --- public catalog --------------------------------------------------------------

def test_home_page_shows_key_figures_and_charts(page, request_urls, base, screenshot) -> None:
    open_page(page, base + HOME)
    assert heading(page) == PUBLIC_NAME
    assert PUBLIC_NAME in page.title()

    figures = {k.locator(".kpi-label").inner_text(): k.locator(".kpi-value").inner_text()
               for k in page.locator(".kpi-grid .kpi").all()}
    assert len(figures) >= 4, figures
    projects = next(v for k, v in figures.items() if k.startswith("备案项目"))
    assert projects == str(len(demo_projects()))

    charts = page.locator(".chart svg[role=img]")
    assert charts.count() >= 3
    first = charts.first
    assert first.is_visible() and first.bounding_box()["width"] > 250
    assert first.locator("g.bar").count() > 0
    # The site's own stylesheet and script were loaded from this site.
    assert any(u.endswith("/assets/site/site.css") for u in request_urls)
    assert any(u.endswith("/assets/site/open-data-filter.js") for u in request_urls)
    screenshot(page, "sites-home")

    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    # Readable on a phone: nothing makes the page itself scroll sideways
    # (wide tables and charts scroll inside their own boxes).
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".kpi").first.bounding_box()["width"] < PHONE["width"] / 2
    screenshot(page, "sites-home-phone")
    assert_local(request_urls, base)


def test_chinese_search_finds_projects_by_part_of_their_name(page, request_urls, base) -> None:
    names = demo_projects()
    open_page(page, base + HOME)

    assert search(page, "应急指挥")[0].endswith(f"/site/projects/{PROJECT_ID}.html")

    # 平台 is the tail of a longer word in most project names (…监测平台, …服务平台).
    found = {h.rsplit("/", 1)[-1].removesuffix(".html") for h in search(page, "平台")}
    with_word = {pid for pid, name in names.items() if "平台" in name}
    assert "2024-GGTZ-01" in with_word  # 顾官屯镇智慧农业物联网监测平台
    assert with_word <= found, with_word - found
    assert "2025-DDXC-01" not in found  # 督查督办综合管理系统

    assert search(page, "惠企")[0].endswith("/site/projects/2026-ZNZZ-01.html")
    assert_local(request_urls, base)


def test_open_data_filter_narrows_the_list(page, request_urls, base, screenshot) -> None:
    open_page(page, base + OPEN_DATA)
    filters = page.locator(".od-filters")
    filters.locator("select").first.wait_for()
    assert filters.locator("select").count() == 4
    labels = [t.split("\n")[0].strip() for t in filters.locator("label").all_inner_texts()]
    assert labels == ["提供单位", "格式", "更新周期", "开放属性"]
    rows = page.locator("table.od-table tbody tr")
    total = rows.count()
    assert total > 1 and visible_rows(page) == total
    count = filters.locator(".od-count")
    assert count.inner_text() == f"共 {total} 条"
    # The public catalog never lists a resource marked 不予开放 (spec §7).
    assert "不予开放" not in {r.get_attribute("data-open") for r in rows.all()}
    screenshot(page, "sites-open-data")

    provider = filters.locator("select[data-key=provider]")
    options = provider.locator("option").all()[1:]
    assert options and all("（" in o.inner_text() for o in options)  # 名称（条数）
    # Pick the provider with the fewest resources.
    value = min(options, key=lambda o: int(re.search(r"（(\d+)）", o.inner_text()).group(1))).get_attribute("value")
    expected = sum(1 for r in rows.all() if r.get_attribute("data-provider") == value)
    provider.select_option(value)
    assert 0 < visible_rows(page) == expected < total
    assert count.inner_text() == f"共 {expected} 条（全部 {total} 条）"
    for row in page.locator("table.od-table tbody tr:visible").all():
        assert row.get_attribute("data-provider") == value

    open_attr = filters.locator("select[data-key=open]")
    other = next(o.get_attribute("value") for o in open_attr.locator("option").all()[1:])
    open_attr.select_option(other)
    narrowed = visible_rows(page)
    assert count.inner_text().startswith(f"共 {narrowed} 条")
    assert page.locator(".od-empty").is_visible() == (narrowed == 0)
    screenshot(page, "sites-open-data-filtered")

    filters.locator(".od-reset").click()
    assert visible_rows(page) == total and count.inner_text() == f"共 {total} 条"
    assert_local(request_urls, base)


def test_project_page_shows_its_timeline(page, request_urls, base, screenshot) -> None:
    open_page(page, base + PROJECT)
    assert heading(page) == demo_projects()[PROJECT_ID]
    timeline = page.locator(".chart svg.chart-timeline")
    assert timeline.is_visible()
    events = timeline.locator("g.event")
    assert events.count() >= 5
    assert timeline.locator("g.event-contract").count() >= 1
    assert timeline.locator("g.event-acceptance").count() >= 1
    assert timeline.locator("g.event-plan").count() == 1  # 计划完成日期, drawn hollow
    assert AS_OF in (timeline.locator("g.today").text_content() or "")
    # No event label box overlaps another.
    boxes = [events.nth(i).locator("rect").first.bounding_box() for i in range(events.count())]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a["x"] + a["width"] <= b["x"] + 0.5 or b["x"] + b["width"] <= a["x"] + 0.5
                     or a["y"] + a["height"] <= b["y"] + 0.5 or b["y"] + b["height"] <= a["y"] + 0.5)
            assert apart, (a, b)
    assert page.locator(".badge[class*=status-]").count() >= 1
    screenshot(page, "sites-project")
    assert_local(request_urls, base)


# --- internal library ----------------------------------------------------------

def test_library_findings_page_lists_findings(page, request_urls, base, screenshot) -> None:
    open_page(page, base + FINDINGS)
    assert heading(page) == "合规提示"
    assert LIBRARY_NAME in page.title()
    codes = page.locator("table .finding-code").all_inner_texts()
    assert codes and all(re.fullmatch(r"F\d{3}", c) for c in codes), codes
    assert "F130" in codes
    stated = re.search(r"共有\s*(\d+)\s*条合规提示", page.locator("article").inner_text())
    assert stated and int(stated.group(1)) == len(codes)
    assert page.locator(".chart svg[role=img]").first.is_visible()
    screenshot(page, "sites-library-findings")

    # Findings are internal (spec §7): the public catalog has no such page.
    assert page.goto(base + "site/findings.html").status == 404
    assert_local(request_urls, base)


@pytest.mark.parametrize("path", [HOME, OPEN_DATA, PROJECT, "site/projects/index.html",
                                  "library/index.html", FINDINGS, f"library/projects/{PROJECT_ID}.html"])
def test_no_request_leaves_this_machine(page, request_urls, base, path) -> None:
    open_page(page, base + path)
    page.locator(SEARCH_INPUT).click()  # starts the search worker and loads its index
    page.wait_for_load_state("networkidle")
    assert any(u.endswith("/assets/site/site.css") for u in request_urls)
    assert_local(request_urls, base)


def test_public_site_works_from_disk(page, request_urls, district: Path, screenshot) -> None:
    """An auditor opens the catalog from a disc: pages, search and the open-data filter work on file://."""
    open_page(page, (district / HOME).as_uri())
    assert "政务" in heading(page)
    found = {h.rsplit("/", 1)[-1].removesuffix(".html") for h in search(page, "平台")}
    assert "2024-GGTZ-01" in found
    screenshot(page, "sites-file-search")
    open_page(page, (district / OPEN_DATA).as_uri())
    total = visible_rows(page)
    page.locator(".od-filters select").first.select_option(index=1)
    assert 0 < visible_rows(page) < total
    assert all(u.startswith(("file://", "data:", "blob:", "about:")) for u in request_urls), request_urls
