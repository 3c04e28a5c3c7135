"""Search ranks like a person expects, on the real demo district in a real browser.

A project's name, its department's name and its ID rank above words in the
body; a query for a department lists that department's projects first; result
texts never repeat the page boilerplate (the "最后更新 … 数据截至 …" line); an
open-data hit opens the page at that resource. Both sites, the public one from
file:// as an auditor opens it from a disc.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from searchbox import search

FILINGS = Path(__file__).resolve().parents[2] / "filings"


def demo_projects() -> dict[str, tuple[str, str]]:
    """Project id -> (项目名称, 建设单位 code), read from the demo filings."""
    out = {}
    for path in sorted(FILINGS.glob("*/立项申请.md")):
        text = path.read_text(encoding="utf-8")
        name = re.search(r"^项目名称:\s*(.+)$", text, re.M)
        dept = re.search(r"^建设单位:\s*(\S+)", text, re.M)
        if name and dept:
            out[path.parent.name] = (name.group(1).strip(), dept.group(1).strip())
    return out


def pid(href: str) -> str:
    return href.rsplit("/", 1)[-1].removesuffix(".html")


def projects_of(dept: str) -> set[str]:
    return {p for p, (_, d) in demo_projects().items() if d == dept}


@pytest.fixture(params=["site", "library"])
def home(request, page, http_server, demo_district: Path) -> str:
    if request.param == "site":
        url = (demo_district / "site" / "index.html").as_uri()  # public: from disk
    else:
        url = http_server(demo_district / "library") + "index.html"
    page.goto(url)
    return request.param


@pytest.mark.parametrize("query, dept", [("社会事业局", "SHSY"), ("应急管理局", "AJB"), ("建设管理部", "JSB"),
                                         ("许营镇", "XYZ"), ("顾官屯镇", "GGTZ")])
def test_a_department_query_lists_its_projects_first(page, home, query: str, dept: str) -> None:
    own = projects_of(dept)
    assert own, dept
    results = [pid(h) for h in search(page, query)]
    assert set(results[:len(own)]) == own, (query, results[:len(own) + 3], own)


def test_a_project_id_finds_that_project_first(page, home) -> None:
    for project in ("2024-AJB-01", "2025-XYZ-01", "2026-ZNZZ-01"):
        assert pid(search(page, project)[0]) == project, project


def test_a_project_name_ranks_above_body_words(page, home) -> None:
    names = demo_projects()
    for project in ("2024-AJB-01", "2026-ZNZZ-01", "2024-GGTZ-01"):
        assert pid(search(page, names[project][0])[0]) == project, names[project][0]
    # 平台 is in most project names: every such project comes before any project without it.
    results = [pid(h) for h in search(page, "平台")]
    with_word = {p for p, (n, _) in names.items() if "平台" in n}
    projects = [r for r in results if r in names]
    assert set(projects[:len(with_word)]) == with_word, projects
    # Part of a name.
    assert pid(search(page, "应急指挥")[0]) == "2024-AJB-01"
    assert pid(search(page, "惠企")[0]) == "2026-ZNZZ-01"


def test_results_do_not_repeat_boilerplate(page, home) -> None:
    for query in ("社会事业局", "平台", "数据"):
        search(page, query)
        texts = page.locator(".md-search-result__article").all_inner_texts()
        assert texts
        for text in texts:  # the line itself, with its dates (the site guide may describe it in words)
            assert not re.search(r"最后更新：\s*\d{4}-|数据截至：\s*\d{4}-", text), text
            assert "据备案库 Git 记录" not in text, text


def test_an_open_data_hit_opens_at_that_resource(page, home) -> None:
    """Public: the header search. Library: its header index leaves resources to the full-text search."""
    name = "高新区应急避难场所信息"
    if home == "site":
        search(page, name)
        links = page.locator("a.md-search-result__link").all()
    else:
        page.goto(page.url.rsplit("/", 1)[0] + "/fulltext.html?search=" + name)
        page.locator(".fulltext-result-link[href*='#dataset-']").first.wait_for(timeout=15_000)
        links = page.locator(".fulltext-result-link").all()
    hrefs = [unquote(a.get_attribute("href") or "") for a in links]
    hits = [i for i, h in enumerate(hrefs)
            if h.split("#")[0].split("?")[0].endswith(("/open-data.html", "/sharing.html")) and "#dataset-" in h]
    assert hits, hrefs
    anchor = hrefs[hits[0]].split("#", 1)[1]
    links[hits[0]].click()
    page.wait_for_load_state("load")
    assert ("#" + anchor) in unquote(page.url)
    # The hit was that resource, and the page opened scrolled to it.
    target = page.locator(f"h3.od-name[id='{anchor}']")
    target.wait_for()
    assert target.inner_text().strip() == name
    page.wait_for_timeout(300)
    box = target.bounding_box()
    viewport = page.viewport_size
    assert page.evaluate("window.scrollY") > 0
    assert box and 0 <= box["y"] <= viewport["height"] / 2, box


def test_bytes_before_the_first_result_are_few_and_local(browser, http_server, demo_district: Path) -> None:
    """The measurement benchmarks/ runs at 10,000 projects (search_cost.py), here on the demo district."""
    from search_cost import first_result_cost

    for site, over_http in (("site", False), ("site", True), ("library", True)):
        root = demo_district / site
        url = http_server(root) + "index.html" if over_http else (root / "index.html").as_uri()
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", service_workers="block")
        try:
            cost = first_result_cost(context.new_page(), root, url, "平台")
        finally:
            context.close()
        index = "search/search_index.js" if site == "site" and not over_http else "search/search_index.json"
        assert index in cost.files, (site, sorted(cost.files))
        assert "index.html" in cost.files and cost.ms > 0
        assert cost.bytes < 2_000_000, (site, cost.bytes, cost.files)
    # Lean where it grows with the district: what one project and one resource add to either index.
    import json

    for site in ("site", "library"):
        raw = (demo_district / site / "search" / "search_index.json").read_text(encoding="utf-8")
        assert "\u200b" not in raw  # lean-search.js needs no word breaks: a quarter of the bytes saved
        docs = json.loads(raw)["docs"]
        size = {d["location"]: len(json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode()) for d in docs}
        projects = [n for loc, n in size.items() if loc.startswith("projects/20")]
        assert len(projects) == 14 and max(projects) <= 450, (site, projects)  # one entry per project
        resources = [n for loc, n in size.items() if "#dataset-" in loc]
        assert (len(resources), max(resources, default=0) <= 250) == ((9, True) if site == "site" else (0, True))


def test_the_header_search_runs_the_lean_worker(demo_district: Path) -> None:
    """main.html points Material's search box at lean-search.js (no lunr index to build in the browser);
    the worker name it replaces is Material's own, so a theme upgrade that renames it fails here."""
    for site in ("site", "library"):
        root = demo_district / site
        config = re.search(r'<script id="__config"[^>]*>(.*?)</script>', (root / "index.html").read_text(encoding="utf-8"))
        assert config and '"search": "assets/javascripts/workers/lean-search.js"' in config.group(1), site
        assert (root / "assets" / "javascripts" / "workers" / "lean-search.js").is_file()
    fulltext = (demo_district / "library" / "fulltext.html").read_text(encoding="utf-8")
    assert '"search": ' not in re.search(r'<script id="__config"[^>]*>(.*?)</script>', fulltext).group(1)
