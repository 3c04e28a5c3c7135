from __future__ import annotations

from pathlib import Path

import pytest
from searchbox import search as search_paths

from generator.publish.mkdocs_site import build_site

PAGES = {
    "index.md": "# 项目目录\n\n本目录收录本市政务信息化项目。\n",
    "zwfw.md": "# 一体化政务服务平台\n\n建设全市一体化政务服务平台，依托浙里办实现一网通办。\n",
    "sjgx.md": "# 数据共享交换\n\n建设市级数据共享交换体系，支撑部门间业务协同。\n",
    "zhyl.md": "# 智慧养老\n\n面向老年人的智慧养老服务，由市民政局牵头。\n",
}


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tiny")
    docs = root / "docs"
    docs.mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    out = root / "site"
    build_site(
        docs, out, site_name="测试站点",
        nav=[{"首页": "index.md"}, {"一体化政务服务平台": "zwfw.md"}],
        jieba_words=["浙里办", "一网通办"],
        jieba_parts=["一体化政务服务平台", "数据共享交换", "智慧养老服务"],
    )
    return out


def search(page, query: str) -> list[str]:
    """Result pages as file names."""
    return [h.rsplit("/", 1)[-1] for h in search_paths(page, query)]


CASES = [
    ("平台", "zwfw.html"),  # tail of 一体化政务服务平台
    ("共享", "sjgx.html"),  # middle of 数据共享交换
    ("养老", "zhyl.html"),
    ("一体化政务服务平台", "zwfw.html"),
    ("浙里办", "zwfw.html"),
]


def test_search_over_http_stays_local(page, request_urls, http_server, screenshot, tiny_site) -> None:
    base = http_server(tiny_site)
    page.goto(base + "index.html")
    for query, expected in CASES:
        results = search(page, query)
        assert results and results[0] == expected, (query, results)
        if query in {"平台", "共享"}:
            screenshot(page, f"offline-search-http-{expected.removesuffix('.html')}")
    assert "zhyl.html" not in search(page, "平台")

    page.goto(base + "zwfw.html")
    page.locator("h1").wait_for()
    screenshot(page, "offline-search-http-project-page")

    # The recorder also sees the search worker's own requests.
    assert any(u.endswith("/search/search_index.json") for u in request_urls)
    assert any(u.endswith("/lunr.zh.min.js") for u in request_urls)
    foreign = [u for u in request_urls if not u.startswith(base) and not u.startswith(("data:", "blob:", "about:"))]
    assert foreign == [], foreign


def test_search_works_from_disk(page, request_urls, screenshot, tiny_site) -> None:
    page.goto((tiny_site / "index.html").as_uri())
    assert search(page, "共享")[0] == "sjgx.html"
    assert search(page, "平台")[0] == "zwfw.html"
    screenshot(page, "offline-search-file")

    # The offline plugin's inlined index and the vendored shim were used.
    assert any(u.endswith("/search/search_index.js") for u in request_urls)
    assert any(u.endswith("/assets/vendor/iframe-worker/shim.js") for u in request_urls)
    assert [u for u in request_urls if u.startswith(("http:", "https:", "ws:", "wss:"))] == []
