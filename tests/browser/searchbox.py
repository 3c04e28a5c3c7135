"""Material's search box, driven as a user drives it (shared by the browser tests)."""
from __future__ import annotations

from urllib.parse import unquote

SEARCH_INPUT = "input[data-md-component=search-query]"
RESULT_LINKS = "a.md-search-result__link"


def search(page, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type a query like a user; return the result pages (paths, no query or anchor), best first."""
    box = page.locator(SEARCH_INPUT)
    meta = page.locator(".md-search-result__meta")
    opener = page.locator(".md-header label.md-header__button[for=__search]")
    if opener.is_visible() and not page.locator("#__search").is_checked():
        opener.click()  # a phone: the search box opens from the header's search button
    box.click()
    box.fill("")
    box.press("End")  # material reads the query on keyup; fill() sends none
    # Empty query and a ready engine: the placeholder replaces old results.
    meta.filter(has_text="键入以开始搜索").wait_for()
    # The whole query at once, then one keyup: typing it key by key would show the
    # results of a prefix ("2025" for "2025-XYZ-01") until the last key is processed.
    box.fill(query)
    box.press("End")
    meta.filter(has_text="结果").wait_for()
    hrefs = [unquote(a.get_attribute("href") or "") for a in page.locator(RESULT_LINKS).all()]
    return list(dict.fromkeys(h.split("?")[0].split("#")[0] for h in hrefs))
