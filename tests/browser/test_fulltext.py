"""The library's full-text search page (fulltext.html, assets/site/fulltext.js) on the demo district,
served over HTTP as the library always is, in headless Chromium."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

from search_cost import FULLTEXT_INPUT, FULLTEXT_RESULT, first_result_cost

from generator.publish import fulltext_index as ft

PROJECT = "/projects/2024-AJB-01.html"


def results(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The result pages' links, in order (without sub-results)."""
    return [unquote(a.get_attribute("href") or "") for a in page.locator(".fulltext-result > .fulltext-result-link").all()]


def settle(page, query: str) -> str:  # type: ignore[no-untyped-def]
    """Wait until the status line reports the outcome of the search for ``query``; return it."""
    page.wait_for_function("q => { const s = document.querySelector('.fulltext-status').textContent;"
                           " return s.includes('找到') && s.includes('“' + q + '”'); }", arg=query)
    return page.locator(".fulltext-status").inner_text()


def test_finds_what_only_the_filings_bodies_hold(page, http_server, demo_district: Path, screenshot) -> None:
    base = http_server(demo_district / "library")
    for query in ("鲁西建设", "LCGX-2024-CG-0058", "ｌｃｇｘ－２０２４－ＣＧ－００５８", "指挥调度系统"):
        page.goto(base + "fulltext.html?search=" + query)
        page.locator(FULLTEXT_RESULT).first.wait_for()
        settle(page, query)
        assert results(page)[0].endswith(PROJECT), (query, results(page))
    # the query as written is marked whole in the excerpt, and its section is listed under the page
    page.goto(base + "fulltext.html?search=LCGX-2024-CG-0058")
    page.locator(FULLTEXT_RESULT).first.wait_for()
    settle(page, "LCGX-2024-CG-0058")
    first = page.locator(".fulltext-result").first
    assert "LCGX-2024-CG-0058" in first.locator("mark").all_inner_texts()
    subs = [unquote(a.get_attribute("href") or "") for a in first.locator(".fulltext-sub a").all()]
    assert subs and subs[0].endswith(PROJECT + "#合同"), subs
    screenshot(page, "library-fulltext")
    first.locator(".fulltext-sub a").first.click()
    page.wait_for_load_state("load")
    assert unquote(page.url).endswith(PROJECT + "#合同")


def test_typing_searches_and_the_last_query_wins(page, http_server, demo_district: Path) -> None:
    base = http_server(demo_district / "library")
    page.goto(base + "fulltext.html")
    box = page.locator(FULLTEXT_INPUT)
    assert page.locator("label[for=fulltext-input]").is_visible()
    box.press_sequentially("平台", delay=5)
    box.fill("鲁西建设")  # before the first search has shown anything
    page.locator(FULLTEXT_RESULT).first.wait_for()
    status = settle(page, "鲁西建设")
    page.wait_for_timeout(300)
    assert results(page) == [results(page)[0]] and results(page)[0].endswith(PROJECT), results(page)
    assert "鲁西建设" in status and "平台" not in status
    assert "search=" in page.url and unquote(page.url).endswith("search=鲁西建设")  # a search can be shared


def test_more_results_then_nothing_found(page, http_server, demo_district: Path) -> None:
    base = http_server(demo_district / "library")
    page.goto(base + "fulltext.html?search=平台")
    page.locator(FULLTEXT_RESULT).first.wait_for()
    status = settle(page, "平台")
    shown = results(page)
    assert len(shown) == len(set(shown)) >= 10, shown  # one entry per page, its sections beneath
    more = page.locator(".fulltext-more")
    assert more.is_visible() and "已显示" in status, status
    more.click()
    page.wait_for_function(f"() => document.querySelectorAll('.fulltext-result').length > {len(shown)}")
    settle(page, "平台")
    after = results(page)
    assert after[:len(shown)] == shown and len(after) == len(set(after))
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused and unquote(focused).endswith(after[len(shown)].split("/")[-1]), (focused, after[len(shown)])
    page.locator(FULLTEXT_INPUT).fill("鲁西燃气不存在")
    assert settle(page, "鲁西燃气不存在") == "没有找到包含“鲁西燃气不存在”的页面"
    assert not results(page) and not more.is_visible()


def test_a_query_downloads_a_few_small_files(browser, http_server, demo_district: Path) -> None:
    root = demo_district / "library"
    base = http_server(root)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", service_workers="block")
    try:
        page = context.new_page()
        cost = first_result_cost(page, root, base + "fulltext.html", "鲁西建设",
                                 input_selector=FULLTEXT_INPUT, result_selector=FULLTEXT_RESULT)
        # The header search is not started here: its index is not downloaded, and its box is hidden.
        assert not [f for f in cost.files if f.startswith("search/") or "/workers/" in f], sorted(cost.files)
        assert not page.locator(".md-search").count() and not page.locator("label[for=__search]").is_visible()
    finally:
        context.close()
    chunks = [f for f in cost.files if f.startswith("fulltext/terms/")]
    docs = [f for f in cost.files if f.startswith("fulltext/docs/")]
    meta = json.loads((root / "fulltext" / "meta.json").read_text(encoding="utf-8"))
    # one chunk per pair of characters at most (鲁西 西建 建设), not the whole index
    assert "fulltext/meta.json" in cost.files and 1 <= len(chunks) <= 3 < meta["chunks"], chunks
    assert 1 <= len(docs) <= 10 and cost.bytes < 1_000_000, (docs, cost.bytes)


def test_the_browser_cuts_a_query_as_the_index_does(page, http_server, demo_district: Path) -> None:
    """fulltext.js's normalize/terms/hash must be fulltext_index.py's, or a query looks in the wrong chunk."""
    page.goto(http_server(demo_district / "library") + "fulltext.html")
    page.wait_for_function("() => window.filingsFulltext")
    queries = ["鲁西建设", "LCGX-2024-CG-0058", "ＡＢｃ１２３", "Smart City 平台", "α-Β γ", "一", "𠀀𠀁 汉字",
               "12.5万元（含税）", "İstanbul", "a_b", "，。！", "数据共享交换平台2024年度"]
    for query in queries:
        got = page.evaluate("q => { const f = window.filingsFulltext; const t = f.terms(f.runs(q));"
                            " return [f.runs(q), t, t.map(f.hash)]; }", query)
        terms = ft.query_terms(query)
        assert got == [ft.runs(query), terms, [ft.fnv1a(t) for t in terms]], query


def test_results_fit_a_phone(page, http_server, demo_district: Path, screenshot) -> None:
    from test_mobile import CUT_OFF, PHONE

    page.set_viewport_size(PHONE)
    base = http_server(demo_district / "library")
    for query in ("LCGX-2024-CG-0058", "gxq-emergency", "平台"):
        page.goto(base + "fulltext.html?search=" + query)
        page.locator(FULLTEXT_RESULT).first.wait_for()
        settle(page, query)
        found = page.evaluate(CUT_OFF)
        assert found["pageWidth"] <= PHONE["width"] and not found["bad"] and not found["unreachable"], (query, found)
    screenshot(page, "mobile-library-fulltext-results")


def test_an_index_it_cannot_read_is_said_so(page, http_server, demo_district: Path, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "library"
    shutil.copytree(demo_district / "library", site)
    meta = site / "fulltext" / "meta.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    assert data["version"] == ft.FORMAT_VERSION
    meta.write_text(json.dumps({**data, "version": ft.FORMAT_VERSION + 1}), encoding="utf-8")
    page.goto(http_server(site) + "fulltext.html?search=鲁西建设")
    status = page.locator(".fulltext-status")
    page.wait_for_function("() => document.querySelector('.fulltext-status').textContent.includes('无法读取')")
    assert "重新生成" in status.inner_text() and not results(page)


def test_a_long_page_in_many_units_is_one_result(browser, http_server, demo_district: Path, tmp_path: Path) -> None:
    """Summary pages of a large district are indexed in parts (UNIT_CHARS); a query all their parts
    hold lists the page once and fetches few texts."""
    import shutil

    site = tmp_path / "library"
    shutil.copytree(demo_district / "library", site)
    listed = ft.pages(site)
    split = (u for rel in listed for u in ft.page_units(rel, (site / rel).read_text(encoding="utf-8"), limit=300))
    ft.write_index(site, split)
    meta = json.loads((site / "fulltext" / "meta.json").read_text(encoding="utf-8"))
    deadlines = [p for p in meta["parts"] if json.loads((site / "fulltext" / "docs" / f"{p[0]}.json").read_text(
        encoding="utf-8"))["url"] == "deadlines.html"]
    assert deadlines and deadlines[0][1] >= 10, meta["parts"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", service_workers="block")
    try:
        page = context.new_page()
        cost = first_result_cost(page, site, http_server(site) + "fulltext.html", "到期日",
                                 input_selector=FULLTEXT_INPUT, result_selector=FULLTEXT_RESULT)
        assert len([f for f in cost.files if f.startswith("fulltext/docs/")]) <= 10, sorted(cost.files)
        settle(page, "到期日")
        more = page.locator(".fulltext-more")
        for _ in range(10):  # to the end of the list
            if not more.is_visible():
                break
            before = len(results(page))
            more.click()
            page.wait_for_function(f"() => document.querySelectorAll('.fulltext-result').length > {before}")
            settle(page, "到期日")
        shown = results(page)
        assert len(shown) == len(set(shown)), shown
        assert [h for h in shown if h.endswith("/deadlines.html")] == ["/deadlines.html"], shown
        assert "找到 " + str(len(shown)) + " 个" in page.locator(".fulltext-status").inner_text()
    finally:
        context.close()
