"""What a browser downloads before it shows the first search result, and how long it takes.

Used by tests/browser/test_search_ranking.py on the demo district and meant for
benchmarks/ at 10,000 projects (import it with tests/browser on sys.path):

    from search_cost import first_result_cost
    cost = first_result_cost(page, site_root, url, "平台")
    cost.bytes, cost.ms, cost.files

How it measures: a fresh page opens ``url`` (file:// or http:// serving
``site_root``); every request the page and its search worker make is
recorded; as soon as the DOM is ready the query is typed into material's
search box, and the clock stops when the first result is in the list. Bytes
are the on-disk sizes under ``site_root`` of every file requested until then
(HTML, CSS, JavaScript, the search index; uncompressed, so an upper bound for
a server that gzips). ``ms`` runs from the start of navigation to the first
result, so it includes loading and building the index.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from searchbox import SEARCH_INPUT

FIRST_RESULT = ".md-search-result__item"


@dataclass
class SearchCost:
    bytes: int
    ms: float
    files: dict[str, int] = field(default_factory=dict)  # site-relative path -> bytes


def _local_path(url: str, site_root: Path, base: str) -> Path | None:
    if url.startswith("file://"):
        return Path(unquote(urlsplit(url).path))
    if url.startswith(base):
        rel = unquote(urlsplit(url).path).lstrip("/")
        return site_root / (rel or "index.html")
    return None


FULLTEXT_INPUT = "#fulltext-input"
FULLTEXT_RESULT = ".fulltext-result-link"  # a result's link: its title is shown, not a placeholder


def first_result_cost(page, site_root: Path, url: str, query: str, timeout_ms: float = 60_000, *,  # type: ignore[no-untyped-def]
                      input_selector: str = SEARCH_INPUT, result_selector: str = FIRST_RESULT) -> SearchCost:
    """Open ``url`` in ``page``, search ``query`` at once; measure bytes and time to the first result.

    Defaults drive material's header search; for the library's full-text page pass
    ``url=<library>/fulltext.html``, ``input_selector=FULLTEXT_INPUT`` and
    ``result_selector=FULLTEXT_RESULT``.
    """
    site_root = Path(site_root).resolve()
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}/"  # over HTTP the site is served at the server's root
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="domcontentloaded")
    if input_selector == SEARCH_INPUT:
        opener = page.locator(".md-header label.md-header__button[for=__search]")
        if opener.is_visible():
            opener.click()
    box = page.locator(input_selector)
    box.fill(query)
    box.press("End")  # material reads the query on keyup
    page.locator(result_selector).first.wait_for(timeout=timeout_ms)
    ms = page.evaluate("() => performance.now()")
    files: dict[str, int] = {}
    for seen in dict.fromkeys(requested):
        path = _local_path(seen.split("#")[0].split("?")[0], site_root, base)
        if path is not None and path.is_file():
            try:
                rel = path.resolve().relative_to(site_root).as_posix()
            except ValueError:
                rel = path.as_posix()
            files[rel] = path.stat().st_size
    return SearchCost(bytes=sum(files.values()), ms=ms, files=files)
